"""Tiled printing: a large poster split into A4/A3 sheets for an office printer.

The sheet grid is pure arithmetic (`sheet_grid`); the overlays (cut lines, glue
zones, labels, the assembly map) are pages of marks drawn by the PDF writer; pikepdf then
places the poster under every overlay as one shared form XObject, clipped to the
sheet's part, so the file holds the poster's content once, not once per sheet.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from poster.colors import BLACK, WHITE, Color, parse_color
from poster.document import Document, Fill, Line, Mark, Page, TextLine
from poster.errors import PosterError
from poster.fonts import Face, face
from poster.geometry import Rect
from poster.outputs import Artifact, Job, writer
from poster.units import PAGE_SIZES_MM, mm, to_mm

if TYPE_CHECKING:
    import pikepdf

MARGIN_MM = 5.0  # office printers do not print closer to the edge
LABEL_MM = 7.0  # band at the bottom of each sheet for its label
GREY = parse_color("#8A8A8A")
CUT = parse_color("#D0021B")
# the same marks for a poster in CMYK (an OutputIntent, or DeviceCMYK and no RGB): black
# ink only, and the cut lines red in two inks; no RGB added to a file made for the press
CMYK_GREY = parse_color("cmyk(0, 0, 0, 55)")
CMYK_CUT = parse_color("cmyk(0, 100, 100, 0)")


class Sheet(msgspec.Struct, frozen=True):
    number: int  # 1-based, reading order
    row: int  # 1-based, from the top
    col: int  # 1-based, from the left
    region: Rect  # the part of the poster it shows, poster coordinates
    window: Rect  # where that part is printed on the sheet


class Grid(msgspec.Struct, frozen=True):
    sheet_size: tuple[float, float]
    area: Rect  # the poster's trim box
    rows: int
    cols: int
    overlap: float
    sheets: tuple[Sheet, ...]


def sheet_grid(area: Rect, sheet: str, landscape: bool, overlap_mm: float) -> Grid:
    w_mm, h_mm = PAGE_SIZES_MM[sheet]
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    size = (mm(w_mm), mm(h_mm))
    margin, label, overlap = mm(MARGIN_MM), mm(LABEL_MM), mm(overlap_mm)
    window_w, window_h = size[0] - 2 * margin, size[1] - 2 * margin - label
    if overlap * 2 >= min(window_w, window_h):
        raise PosterError.of("tile.overlap", "--overlap", "overlap", value=overlap_mm, sheet=sheet)
    cols = max(1, math.ceil((area.w - overlap) / (window_w - overlap)))
    rows = max(1, math.ceil((area.h - overlap) / (window_h - overlap)))
    # centre the grid on the poster: the spare falls equally on both sides
    covered_w = cols * window_w - (cols - 1) * overlap
    covered_h = rows * window_h - (rows - 1) * overlap
    x_start = area.x0 - (covered_w - area.w) / 2
    y_top = area.y1 + (covered_h - area.h) / 2
    window = Rect(margin, margin + label, margin + window_w, margin + label + window_h)
    sheets: list[Sheet] = []
    for r in range(rows):
        for c in range(cols):
            x0 = x_start + c * (window_w - overlap)
            y1 = y_top - r * (window_h - overlap)
            region = Rect(x0, y1 - window_h, x0 + window_w, y1)
            sheets.append(Sheet(len(sheets) + 1, r + 1, c + 1, region, window))
    return Grid(size, area, rows, cols, overlap, tuple(sheets))


def _text(
    x: float, y: float, text: str, size: float, color: Color = BLACK, role: str = "footer"
) -> TextLine:
    f = face(role)
    return TextLine(x, y, text, f.name, size, color)


def _sheet_marks(grid: Grid, s: Sheet, title: str, cmyk: bool = False) -> list[Mark]:
    grey, cut = (CMYK_GREY, CMYK_CUT) if cmyk else (GREY, CUT)
    w = s.window
    marks: list[Mark] = []
    o = grid.overlap
    # glue zones: the strips a neighbour on the right / below will cover
    if s.col < grid.cols:
        marks.append(Line(w.x1 - o, w.y0, w.x1 - o, w.y1, 0.5, grey, (2, 2)))
    if s.row < grid.rows:
        marks.append(Line(w.x0, w.y0 + o, w.x1, w.y0 + o, 0.5, grey, (2, 2)))
    # cut lines: trim the left and top edge of every sheet that overlaps a neighbour there
    if s.col > 1:
        marks.append(Line(w.x0, w.y0 - mm(3), w.x0, w.y1 + mm(3), 0.6, cut, (5, 3)))
    if s.row > 1:
        marks.append(Line(w.x0 - mm(3), w.y1, w.x1 + mm(3), w.y1, 0.6, cut, (5, 3)))
    total = len(grid.sheets)
    label = f"Tờ {s.number}/{total} — hàng {s.row}, cột {s.col}"
    hints = []
    if s.col > 1 or s.row > 1:
        hints.append("cắt theo nét đứt đỏ")
    if s.col < grid.cols or s.row < grid.rows:
        hints.append(f"vùng dán {to_mm(o):g} mm trong nét chấm xám")
    y = mm(MARGIN_MM) + mm(2.2)
    marks.append(_text(w.x0, y, label, 9, role="caption"))
    x = w.x0 + face("caption").width(label) * 9 + mm(4)
    hint = _fit(" · ".join([title, *hints]), w.x1 - x, 7, face("footer"))
    if hint:
        marks.append(_text(x, y, hint, 7, grey))
    return marks


def _fit(text: str, room: float, size: float, f: Face) -> str:
    """`text` cut with "…" to fit `room` points (a long file name must stay on the sheet)."""
    if f.width(text) * size <= room:
        return text
    while text and f.width(text + "…") * size > room:
        text = text[:-1]
    return text.rstrip(" ·") + "…" if text else ""


def _map_marks(grid: Grid, poster: Rect, title: str, cmyk: bool = False) -> tuple[list[Mark], Rect]:
    """The assembly map: title, instructions, and where the small poster copy goes."""
    grey, cut = (CMYK_GREY, CMYK_CUT) if cmyk else (GREY, CUT)
    sw, sh = grid.sheet_size
    margin = mm(MARGIN_MM + 5)
    marks: list[Mark] = [
        _text(margin, sh - margin - 14, "Sơ đồ ghép tờ", 18, role="title"),
        _text(
            margin,
            sh - margin - 32,
            f"{title}: {len(grid.sheets)} tờ, {grid.rows} hàng × {grid.cols} cột.",
            9,
        ),
        _text(
            margin,
            sh - margin - 44,
            "Cắt mép trái và mép trên mỗi tờ theo nét đứt đỏ, dán chồng lên vùng dán của "
            "tờ bên trái và tờ phía trên.",
            8,
            grey,
        ),
    ]
    room = Rect(margin, margin, sw - margin, sh - margin - 60)
    gw, gh = (
        grid.sheets[-1].region.x1 - grid.sheets[0].region.x0,
        grid.sheets[0].region.y1 - grid.sheets[-1].region.y0,
    )
    scale = min(room.w / gw, room.h / gh)
    ox = room.x0 + (room.w - gw * scale) / 2 - grid.sheets[0].region.x0 * scale
    oy = room.y1 - (room.h - gh * scale) / 2 - grid.sheets[0].region.y1 * scale
    placed = Rect(
        poster.x0 * scale + ox,
        poster.y0 * scale + oy,
        poster.x1 * scale + ox,
        poster.y1 * scale + oy,
    )
    for s in grid.sheets:
        r = s.region
        x0, y0, x1, y1 = r.x0 * scale + ox, r.y0 * scale + oy, r.x1 * scale + ox, r.y1 * scale + oy
        for a, b, c, d in ((x0, y0, x1, y0), (x1, y0, x1, y1), (x1, y1, x0, y1), (x0, y1, x0, y0)):
            marks.append(Line(a, b, c, d, 0.8, cut))
        size = max(7.0, min(20.0, (x1 - x0) / 4))
        label = str(s.number)
        f = face("number")
        tw = f.width(label) * size
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        marks.append(
            Fill(
                Rect(cx - tw / 2 - 3, cy - size / 2 - 2, cx + tw / 2 + 3, cy + size / 2 + 2),
                WHITE,
                2,
            )
        )
        marks.append(TextLine(cx - tw / 2, cy - size * 0.37, label, f.name, size, cut))
    return marks, placed


def _for_press(pdf: pikepdf.Pdf) -> bool:
    """A file made for the press: it names an OutputIntent, or its pages paint in CMYK
    and never in RGB (then the marks the sheets add are CMYK too)."""
    import pikepdf

    if "/OutputIntents" in pdf.Root:
        return True
    used: set[str] = set()
    for page in pdf.pages:
        used |= {str(ins.operator) for ins in pikepdf.parse_content_stream(page)}
    return bool(used & {"k", "K"}) and not used & {"rg", "RG", "sc", "SC", "scn", "SCN"}


def tile_pdf(
    source: Path | bytes,
    sheet: str = "A4",
    landscape: bool = False,
    overlap_mm: float = 10.0,
    name: str | None = None,
) -> tuple[bytes, list[Grid]]:
    """Any PDF's pages on sheets, each page's assembly map and then its sheets. `name` is
    what the labels call the poster (default: the file's name); the poster's author (its
    locality) stays the author. Returns the PDF and each page's grid."""
    import pikepdf

    from poster.outputs.pdf import write_pdf

    label = "poster.pdf" if isinstance(source, bytes) else str(source)
    if isinstance(source, Path) and source.is_dir():
        raise PosterError.of("tile.folder", label)
    if isinstance(source, Path) and not source.exists():
        raise PosterError.of("file.not-found", label)
    poster = _open_bounded(source, label)
    stem = Path(label).stem
    with poster:
        info: pikepdf.Dictionary | dict[str, object] = poster.docinfo if poster.docinfo else {}
        cmyk = _for_press(poster)
        title = str(info.get("/Title", stem))
        author = str(info.get("/Author", "poster"))
        sheet_name = f"{sheet}{' ngang' if landscape else ''}"
        shown = name or Path(label).name
        count = len(poster.pages)
        # each page of the poster (a small poster's front and back): its map, its sheets
        pages: list[Page] = []
        parts: list[tuple[pikepdf.Page, Rect, Rect, Grid]] = []
        for no, page in enumerate(poster.pages, start=1):
            box = page.obj.get("/TrimBox", page.mediabox)
            area = Rect(*(float(v) for v in box))
            media = Rect(*(float(v) for v in page.mediabox))
            grid = sheet_grid(area, sheet, landscape, overlap_mm)
            which = f"{shown}, trang {no}/{count}" if count > 1 else shown
            short = f"{which} trên {len(grid.sheets)} tờ {sheet_name}"
            map_marks, placed = _map_marks(grid, media, short, cmyk)
            w, h = grid.sheet_size
            pages.append(Page(w, h, tuple(map_marks), "map"))
            pages += [
                Page(w, h, tuple(_sheet_marks(grid, s, which, cmyk)), "sheet") for s in grid.sheets
            ]
            parts.append((page, media, placed, grid))
        short = f"{shown} trên {len(pages) - count} tờ {sheet_name}"
        overlay_doc = Document(
            "sheets", tuple(pages), f"{title} — {short}", author, short, "", cmyk=cmyk
        )
        overlay = pikepdf.open(io.BytesIO(write_pdf(overlay_doc)))
        # the sheets say what the poster's inks mean: its own OutputIntent, or none
        if "/OutputIntents" in poster.Root:
            intents = [poster.make_indirect(i) for i in poster.Root.OutputIntents]
            overlay.Root.OutputIntents = pikepdf.Array(overlay.copy_foreign(i) for i in intents)
        elif "/OutputIntents" in overlay.Root:
            del overlay.Root.OutputIntents
        at = 0
        for no, (page, media, placed, grid) in enumerate(parts):
            shared = overlay.copy_foreign(pikepdf.Page(page).as_form_xobject())
            for i in range(len(grid.sheets) + 1):
                out_page = overlay.pages[at + i]
                if "/Resources" not in out_page.obj:
                    out_page.obj.Resources = pikepdf.Dictionary()
                resources = out_page.obj.Resources
                if "/XObject" not in resources:
                    resources.XObject = pikepdf.Dictionary()
                form = "/Poster" if count == 1 else f"/Poster{no + 1}"
                resources.XObject[form] = shared
                if i == 0:
                    s = placed.w / media.w
                    tx, ty = placed.x0 - media.x0 * s, placed.y0 - media.y0 * s
                    ops = f"q {s:.6f} 0 0 {s:.6f} {tx:.4f} {ty:.4f} cm {form} Do Q\n"
                else:
                    sh = grid.sheets[i - 1]
                    win, r = sh.window, sh.region
                    ops = (
                        f"q {win.x0:.4f} {win.y0:.4f} {win.w:.4f} {win.h:.4f} re W n "
                        f"1 0 0 1 {win.x0 - r.x0:.4f} {win.y0 - r.y0:.4f} cm {form} Do Q\n"
                    )
                out_page.contents_add(overlay.make_stream(ops.encode()), prepend=True)
            at += len(grid.sheets) + 1
        buf = io.BytesIO()
        overlay.save(
            buf,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
    return buf.getvalue(), [part[3] for part in parts]


def _open_bounded(source: Path | bytes, label: str) -> pikepdf.Pdf:
    """The poster, opened within the bounds of `poster.limits` (the preflight's reader:
    compressed streams counted before they are inflated, pages and objects counted), and
    each page's content measured before pikepdf inflates it into a form."""
    import pikepdf

    from poster import limits
    from poster.preflight.source import NotAPDF, measure, open_pdf

    try:
        poster = open_pdf(source)
    except NotAPDF as e:
        raise PosterError.of(e.code, label, **e.params) from None
    try:
        for no, page in enumerate(poster.pages, start=1):
            contents = page.obj.get("/Contents")
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            for stream in streams:
                if isinstance(stream, pikepdf.Stream):
                    measure(stream, limits.PDF_DATA_INFLATED, no, "PDF_DATA_INFLATED")
    except NotAPDF as e:
        poster.close()
        raise PosterError.of(e.code, label, **e.params) from None
    except pikepdf.PdfError as e:
        poster.close()
        raise PosterError.of("tile.unreadable", label, reason=str(e)) from None
    return poster


@writer(
    "sheets", "pdf", "application/pdf", "Sheets output (A4/A3 for an office printer)", ("poster",)
)
def _write(job: Job) -> list[Artifact]:
    r = job.request
    name = r.name or f"{job.document.layout}-{r.brand.slug}.pdf"
    pdf, grids = tile_pdf(job.pdf(), r.sheet, r.landscape, r.overlap_mm, name)
    suffix = f"-tiled-{r.sheet}{'-landscape' if r.landscape else ''}.pdf"
    return [Artifact(suffix, pdf, "application/pdf", sum(len(g.sheets) + 1 for g in grids))]
