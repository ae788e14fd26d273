"""The rules of the layout a file was made for, beyond what every print PDF is checked
for: a handout that must survive a black-and-white photocopy (`tile.grey_apart`: every
text 4.5:1 on its ground as greys, the two sides of each tile 15 % apart in grey) and a
roll-up whose foot must stay clear (`foot_mm`: nothing but the background there).

Which layout: the one the user names (`poster check FILE --layout NAME|FILE`), else the
one the file's XMP names (`poster:Layout`, written by `outputs.pdf`) when it is a
shipped layout with rules of its own and every page's TrimBox is its finished size. A
file that does not say it was made by poster for that layout (another program's A4
letter, a handout re-saved without its metadata, the A4 sheets of a tiled poster) is
held to no layout's rules unless asked: an A4 is not judged as a handout by its size.

Read from the PDF alone, never from the plan: the photocopy from pdfium's page objects
in painting order (each text's colour and the box painted under it; the tiles: the
innermost white boxes holding text), the foot from the pages ghostscript separates for
the other checks (`raster`; rendered here by pdfium only when ghostscript gave none).
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from poster.colors import contrast_ratio, grey
from poster.preflight.raster import PageRaster
from poster.preflight.report import Box, Finding, more
from poster.preflight.subject import Boxes, Subject
from poster.units import mm, to_mm

if TYPE_CHECKING:
    import pikepdf

    from poster.spec import Layout

RGB8 = tuple[int, int, int]

PHOTOCOPY_TEXT = 4.5  # every text on its ground, as greys (WCAG's ratio)
PHOTOCOPY_APART = 15.0  # % of the grey scale between the two sides of a tile
SIZE_MM = 0.5  # a page is a layout's size within this
FOOT_TOLERANCE = 3  # of 255 per channel: what rounding leaves on a flat ground
FOOT_DPI = 20.0  # the foot looked at by pdfium when ghostscript gave no page
# the layout's name in the XMP, as written (an element) or as another tool may rewrite
# it (an attribute)
XMP_LAYOUT = re.compile(rb"poster:Layout(?:>\s*|=[\"'])([A-Za-z0-9._-]{1,100})")
WHITE8: RGB8 = (255, 255, 255)


@dataclass(frozen=True)
class Rules:
    """What a layout holds its files to, and why this file is held to them."""

    name: str
    size_mm: tuple[float, float] | None  # the finished size (None: a layout without one)
    photocopy: bool
    foot_mm: float
    asked: bool  # named with --layout (else by the file's metadata)
    paper: bool = False  # printed inside a white margin, no bleed (an office printer)

    @property
    def any(self) -> bool:
        return self.photocopy or self.foot_mm > 0


def rules_of(layout: Layout, asked: bool) -> Rules:
    from poster.spec import PosterLayout

    page = getattr(layout, "page", None)
    size = page.trim_mm() if page is not None else None
    if not isinstance(layout, PosterLayout):
        return Rules(layout.name, size, False, 0.0, asked)
    return Rules(layout.name, size, layout.tile.grey_apart > 0, layout.foot_mm, asked,
                 paper=layout.ground == "paper")  # fmt: skip


def rules_for(pdf: pikepdf.Pdf, boxes: list[Boxes], asked: Layout | None) -> Rules | None:
    """The rules the file is held to: the asked layout's, else those of the shipped
    layout its metadata names if it has any and every page is its size; else None."""
    if asked is not None:
        return rules_of(asked, asked=True)
    from poster.spec import layout_names, load_layout

    name = named_layout(pdf)
    if name is None or name not in layout_names():
        return None
    rules = rules_of(load_layout(name), asked=False)
    if not rules.any or rules.size_mm is None:
        return None
    if not all(b.trim is not None and _sized(b.trim, rules.size_mm) for b in boxes):
        return None  # not the file poster made (tiled, imposed, cropped)
    return rules


def named_layout(pdf: pikepdf.Pdf) -> str | None:
    """The layout the file's XMP says it was made with (`poster:Layout`), or None."""
    from poster import limits
    from poster.preflight.objects import get, isa
    from poster.preflight.source import NotAPDF, stream_bytes

    metadata = get(pdf.Root, "/Metadata")
    if not isa(metadata, "stream"):
        return None
    try:
        xmp = stream_bytes(metadata, limits.PDF_CONTENT_INFLATED)
    except NotAPDF:
        return None
    found = XMP_LAYOUT.search(xmp)
    return found.group(1).decode("ascii") if found else None


def _sized(box: Box, size: tuple[float, float]) -> bool:
    w, h = to_mm(box[2] - box[0]), to_mm(box[3] - box[1])
    return abs(w - size[0]) <= SIZE_MM and abs(h - size[1]) <= SIZE_MM


# ---------------------------------------------------------------- what the report says


def check(s: Subject, rules: Rules) -> list[Finding]:
    """Which layout's rules apply and why; the photocopy (from the page objects)."""
    out: list[Finding] = []
    if not rules.any:
        return [s.finding("ok", "layout", "check.layout-no-rules", name=rules.name)]
    code = "check.layout-asked" if rules.asked else "check.layout-named"
    out.append(s.finding("ok", "layout", code, name=rules.name))
    if rules.size_mm is not None:
        for no, b in enumerate(s.boxes, start=1):
            if not _sized(b.frame, rules.size_mm):
                w, h = (round(to_mm(v), 1) for v in (b.frame[2] - b.frame[0],
                                                     b.frame[3] - b.frame[1]))  # fmt: skip
                lw, lh = (round(float(v), 1) for v in rules.size_mm)
                out.append(s.finding("warning", "layout", "check.layout-size", page=no, w=w,
                                     h=h, name=rules.name, lw=lw, lh=lh))  # fmt: skip
                break
    if rules.photocopy:
        out += photocopy(s)
    return out


NO_BLEED = ("check.bleed-none", "check.bleed-short")


def relieve(s: Subject, rules: Rules, findings: list[Finding]) -> list[Finding]:
    """A layout printed on paper inside a white margin (the handout, for an office
    printer) is not told to add a bleed: the bleed warnings become one line saying why
    it has none."""
    if not rules.paper:
        return findings
    kept = [f for f in findings if f.code not in NO_BLEED]
    if len(kept) < len(findings):
        kept.append(s.finding("ok", "bleed", "check.bleed-paper", name=rules.name))
    return kept


def look(s: Subject, rules: Rules, no: int, raster: PageRaster | None) -> list[Finding]:
    """The rules read from a page's pixels (the foot), ghostscript's separation when it
    gave the page."""
    if rules.foot_mm <= 0:
        return []
    if raster is None:
        raster = _pdfium_page(s, no)
        if raster is None:
            return [s.finding("warning", "layout", "check.foot-unseen", page=no,
                              foot=float(rules.foot_mm))]  # fmt: skip
    return foot(s, no, raster, rules.foot_mm)


# ---------------------------------------------------------------- the photocopy


class _Paint:
    """pdfium's fill colour (0–255 RGB) and fill mode of page objects, read through
    buffers made once."""

    def __init__(self) -> None:
        import pypdfium2.raw as c

        self.c = c
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.rgba_refs = [ctypes.byref(v) for v in self.rgba]
        self.modes = [ctypes.c_int(), ctypes.c_int()]
        self.mode_refs = [ctypes.byref(v) for v in self.modes]

    def fill(self, obj: Any) -> RGB8 | None:
        """The object's fill colour, None if it has none."""
        if not self.c.FPDFPageObj_GetFillColor(obj.raw, *self.rgba_refs):
            return None
        r, g, b, _ = self.rgba
        return (r.value, g.value, b.value)

    def filled(self, obj: Any) -> bool:
        """A path that is filled (not only stroked)."""
        self.c.FPDFPath_GetDrawMode(obj.raw, *self.mode_refs)
        return bool(self.modes[0].value != self.c.FPDF_FILLMODE_NONE)


def _grey(rgb: RGB8) -> float:
    """What a copier makes of a colour (colors.grey), 0 black … 1 white."""
    return grey((rgb[0] / 255, rgb[1] / 255, rgb[2] / 255))


@lru_cache(maxsize=1024)
def _grey_ratio(a: RGB8, b: RGB8) -> float:
    ga, gb = _grey(a), _grey(b)
    return contrast_ratio((ga, ga, ga), (gb, gb, gb))


def _floor(value: float) -> float:
    """To one decimal, down: 4.46:1 is said as 4.4 (under 4.5), never as 4.5."""
    return math.floor(value * 10 + 1e-9) / 10


def _hex(rgb: RGB8) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )  # fmt: skip


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


Painted = tuple[Box, RGB8]


def _page_paint(page: Any) -> tuple[list[Painted], list[tuple[Box, RGB8, Painted | None]]]:
    """A page's filled shapes in painting order, and each text with its ink and the
    shape painted last under its centre (None: the paper)."""
    import pypdfium2.raw as c

    paint = _Paint()
    fills: list[Painted] = []
    texts: list[tuple[Box, RGB8, Painted | None]] = []
    for obj in page.get_objects():
        if obj.type == c.FPDF_PAGEOBJ_PATH and paint.filled(obj):
            rgb = paint.fill(obj)
            if rgb is not None:
                fills.append((tuple(obj.get_bounds()), rgb))
        elif obj.type == c.FPDF_PAGEOBJ_TEXT:
            ink = paint.fill(obj)
            if ink is None:
                continue
            box: Box = tuple(obj.get_bounds())
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            on = next((f for f in reversed(fills) if _inside(f[0], cx, cy)), None)
            texts.append((box, ink, on))
    return fills, texts


def _sides(
    fills: list[Painted], texts: list[tuple[Box, RGB8, Painted | None]]
) -> list[tuple[Painted, Painted]]:
    """Each tile's two side boxes: in the innermost white boxes that hold text (the
    tiles), the two largest coloured boxes its texts are painted on (not the number's
    badge)."""
    whites = [box for box, rgb in fills if rgb == WHITE8]
    tiles = [b for b in whites if not any(o != b and _contains(b, o) for o in whites)]
    out = []
    for tile in tiles:
        grounds = {on for box, _, on in texts if on is not None and on[1] != WHITE8
                   and _inside(tile, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2)}  # fmt: skip
        sides = sorted(grounds, key=lambda f: (_area(f[0]), f[0]))[-2:]
        if len(sides) == 2:
            first, second = sorted(sides, key=lambda f: (-f[0][3], f[0][0]))  # top one first
            out.append((first, second))
    return out


def _painted(
    s: Subject,
) -> list[tuple[list[Painted], list[tuple[Box, RGB8, Painted | None]]]] | None:
    """Each page's filled shapes and texts (`_page_paint`); None if pdfium cannot read
    the file."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(s.path))
    except pdfium.PdfiumError:
        return None
    try:
        out = []
        for no in range(len(s.pages)):
            page = doc[no]
            try:
                out.append(_page_paint(page))
            finally:
                page.close()
        return out
    except pdfium.PdfiumError:
        return None
    finally:
        doc.close()


def photocopy(s: Subject) -> list[Finding]:
    """A black-and-white photocopy keeps the page legible: every text at least 4.5:1 on
    what it is painted on, both as greys (colors.grey: the luma a copier sees), and in
    each tile the two side boxes at least PHOTOCOPY_APART % apart in grey. A failing
    text is placed at its top left, a failing tile at the top left of its two sides."""
    texts_low: dict[tuple[RGB8, RGB8], list[tuple[int, Box, float]]] = {}
    sides_low: dict[tuple[RGB8, RGB8], list[tuple[int, Box, float]]] = {}
    worst_text, worst_apart, tiles = None, None, 0
    pages = _painted(s)
    if pages is None:
        return [s.finding("warning", "layout", "check.photocopy-unseen")]
    for no, (fills, texts) in enumerate(pages, start=1):
        for box, ink, on in texts:
            ground = on[1] if on is not None else WHITE8
            ratio = _grey_ratio(ink, ground)
            worst_text = ratio if worst_text is None else min(worst_text, ratio)
            if ratio < PHOTOCOPY_TEXT - 1e-9:
                texts_low.setdefault((ink, ground), []).append((no, box, ratio))
        for first, second in _sides(fills, texts):
            tiles += 1
            apart = abs(_grey(first[1]) - _grey(second[1])) * 100
            worst_apart = apart if worst_apart is None else min(worst_apart, apart)
            if apart < PHOTOCOPY_APART - 1e-6:
                both = _union(first[0], second[0])
                sides_low.setdefault((first[1], second[1]), []).append((no, both, apart))
    out: list[Finding] = []
    for (ink, ground), found in texts_low.items():
        no, box, _ = min(found, key=lambda f: (f[0], -f[1][3], f[1][0]))
        out.append(s.finding(
            "error", "layout", "check.photocopy-text", page=no, point=(box[0], box[3]),
            ink=_hex(ink), ground=_hex(ground), ratio=_floor(min(f[2] for f in found)),
            limit=PHOTOCOPY_TEXT, more=more(len(found) - 1),
            fix="check.fix-photocopy-text", fix_params={"limit": PHOTOCOPY_TEXT},
        ))  # fmt: skip
    if worst_text is not None and not texts_low:
        out.append(s.finding("ok", "layout", "check.photocopy-text-ok",
                             ratio=_floor(worst_text), limit=PHOTOCOPY_TEXT))  # fmt: skip
    for (a, b), found in sides_low.items():
        no, box, _ = min(found, key=lambda f: (f[0], -f[1][3], f[1][0]))
        out.append(s.finding(
            "error", "layout", "check.photocopy-sides", page=no, point=(box[0], box[3]),
            first=_hex(a), second=_hex(b), apart=_floor(min(f[2] for f in found)),
            limit=PHOTOCOPY_APART, more=more(len(found) - 1),
            fix="check.fix-photocopy-sides", fix_params={"limit": PHOTOCOPY_APART},
        ))  # fmt: skip
    if worst_apart is None:
        out.append(s.finding("warning", "layout", "check.photocopy-no-tiles"))
    elif not sides_low:
        out.append(s.finding("ok", "layout", "check.photocopy-sides-ok", tiles=tiles,
                             apart=_floor(worst_apart), limit=PHOTOCOPY_APART))  # fmt: skip
    return out


# ---------------------------------------------------------------- the stand's foot


def foot(s: Subject, no: int, raster: PageRaster, foot_mm: float) -> list[Finding]:
    """Nothing but the ground in the bottom `foot_mm` of the page's trim and the bleed
    beside and below it: that band of the page's pixels one flat colour (its most common
    one); else the highest mark in it is named, at its top left."""
    from PIL import Image, ImageChops

    b = s.boxes[no - 1]
    x0, y0, x1, _ = b.print_area
    top = b.frame[1] + mm(foot_mm)
    # a pixel in from each side: an edge pixel may hold the paper beyond the bleed box
    c0, r0 = raster.index(x0, top)
    c1, r1 = raster.index(x1, y0)
    c0, r0 = max(c0 + 1, 0), max(r0 + 1, 0)
    c1, r1 = min(c1 - 1, raster.image.width), min(r1 - 1, raster.image.height)
    if c1 <= c0 or r1 <= r0:
        return []
    band = raster.image.crop((c0, r0, c1, r1))
    colours = band.getcolors(band.width * band.height) or []
    ground = max(colours)[1] if colours else None
    top_left: tuple[int, int] | None = None
    if ground is not None and len(colours) > 1:
        diff = ImageChops.difference(band, Image.new(band.mode, band.size, ground))  # type: ignore[arg-type]
        channels = diff.split()
        off = channels[0]
        for channel in channels[1:]:
            off = ImageChops.lighter(off, channel)
        marks = off.point(lambda v: 255 if v > FOOT_TOLERANCE else 0)
        box = marks.getbbox()
        if box is not None:  # the highest row that holds a mark, and its leftmost pixel
            row = marks.crop((0, box[1], marks.width, box[1] + 1)).getbbox()
            top_left = (row[0] if row else box[0], box[1])
    if top_left is None:
        return [s.finding("ok", "layout", "check.foot-ok", page=no, foot=float(foot_mm))]
    x = raster.media[0] + (c0 + top_left[0]) / raster.scale
    y = raster.media[3] - (r0 + top_left[1]) / raster.scale
    up = max(0.0, to_mm(y - b.frame[1]))
    return [s.finding(
        "error", "layout", "check.foot-mark", page=no, point=(x, y), up=round(up, 1),
        foot=float(foot_mm), fix="check.fix-foot", fix_params={"foot": float(foot_mm)},
    )]  # fmt: skip


def _pdfium_page(s: Subject, no: int) -> PageRaster | None:
    """The page drawn by pdfium at FOOT_DPI (its crop box, unrotated), None if it cannot
    be."""
    import pypdfium2 as pdfium

    if s.boxes[no - 1].rotate:
        return None
    try:
        doc = pdfium.PdfDocument(str(s.path))
    except pdfium.PdfiumError:
        return None
    try:
        page = doc[no - 1]
        x0, y0, x1, y1 = page.get_cropbox()
        image = page.render(scale=FOOT_DPI / 72, draw_annots=False).to_pil().convert("RGB")
        page.close()
    except pdfium.PdfiumError:
        return None
    finally:
        doc.close()
    return PageRaster(image, FOOT_DPI / 72, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
