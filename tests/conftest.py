"""Shared fixtures and helpers: rendering once per session, PDF text and glyph boxes.

Every (content, layout, brand) is rendered at most once per test session; tests
read the PDF back with pypdfium2 (text, glyph boxes, filled paths, rasters) and
pypdf (boxes, resources, metadata), never with the code under test. Expected
geometry comes from numbers written here or from the layout YAML (read with
yaml.safe_load), never from the program's own plan.
"""

from __future__ import annotations

import atexit
import copy
import ctypes
import io
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml
from pypdf import PdfReader

# Reproducible bytes in this process and in every `python -m poster` it starts: the
# creation date comes from here, and the font subset tags from the content alone.
os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
# Solved sizes kept on disk (poster.cache): never in this process, whose tests may patch
# the planner, and never the user's own cache; the command lines the tests start share
# one folder of this session (CLI_CACHE: they run the real code, so a kept answer is
# the answer).
os.environ["POSTER_CACHE_DIR"] = "off"

import poster
from poster.geometry import Rect
from poster.outputs import Request, produce
from poster.spec import Brand, Content, Layout, load_brand, load_content, load_layout

CLI_CACHE = tempfile.mkdtemp(prefix="poster-cache-")
atexit.register(shutil.rmtree, CLI_CACHE, True)


def _compile_sources() -> None:
    """The package's modules compiled once, as an installed wheel's are: the hundreds of
    `python -m poster` runs of the suite then read them. With PYTHONDONTWRITEBYTECODE set
    (as on CI) each run would compile every module it imports again (about 70 ms a run).
    Concurrent xdist workers write the same files atomically; a read-only tree is left
    as it is (compile_dir reports, quietly, and the runs compile as before)."""
    import compileall

    compileall.compile_dir(Path(poster.__file__).parent, quiet=2)


_compile_sources()

REPO = Path(__file__).resolve().parents[1]
LAYOUT_FOLDER = REPO / "layouts"
BRAND_FOLDER = REPO / "content" / "brands"
DEFAULT_CONTENT_FILE = REPO / "content" / "differences.yaml"

# Discovered from the folders, so a new layout or brand is tested without editing the suite.
ALL_LAYOUTS = sorted(p.stem for p in LAYOUT_FOLDER.glob("*.yaml"))
# poster layouts; slide layouts (a `deck:` section) are tested in test_slides.py, social
# cards (a `cards:` section) in test_social.py
DECK_LAYOUTS = [
    n
    for n in ALL_LAYOUTS
    if "deck" in yaml.safe_load((LAYOUT_FOLDER / f"{n}.yaml").read_text("utf-8"))
]
CARD_LAYOUTS = [
    n
    for n in ALL_LAYOUTS
    if "cards" in yaml.safe_load((LAYOUT_FOLDER / f"{n}.yaml").read_text("utf-8"))
]
LAYOUTS = [n for n in ALL_LAYOUTS if n not in DECK_LAYOUTS and n not in CARD_LAYOUTS]
BRANDS = sorted(p.stem for p in BRAND_FOLDER.glob("*.yaml"))


def shows_sides(name: str) -> bool:
    """Whether a poster layout's tiles show the two sides (body text), as its YAML says:
    `tile: {show: headings}` is a panel read from metres, the headings alone."""
    tile = yaml.safe_load((LAYOUT_FOLDER / f"{name}.yaml").read_text("utf-8")).get("tile") or {}
    return tile.get("show", "full") != "headings"


# poster layouts whose tiles hold the two sides, and those showing the headings alone
SIDE_LAYOUTS = [n for n in LAYOUTS if shows_sides(n)]
HEADING_LAYOUTS = [n for n in LAYOUTS if not shows_sides(n)]


def carries(spec: dict, part: str, page: int, pages: int) -> bool:
    """Whether page `page` (0-based) of `pages` carries the header (and the key) or the
    footer (and the QR code), as the layout YAML says (`header.pages`: all or first;
    `footer.pages`: all, first or last)."""
    which = (spec.get(part) or {}).get("pages", "all")
    return which == "all" or page == (pages - 1 if which == "last" else 0)


# ISO 216 A series, portrait, millimetres (written here independently of poster.units).
A_SIZES_MM = {
    "A0": (841, 1189),
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
}
PT_PER_MM = 72 / 25.4


def mm(value: float) -> float:
    return value * PT_PER_MM


# ---------------------------------------------------------------- text helpers


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Every whitespace run (incl. pdfium's CR LF line ends) folded to one space.

    No Unicode normalisation: text read from a PDF must already be NFC, and a
    comparison with NFC expectations shows it when it is not."""
    return " ".join(text.split())


def pdf_text(source: bytes | Path) -> str:
    """Every page's text as pdfium extracts it, whitespace folded (not normalised)."""
    doc = pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    try:
        parts = []
        for page in doc:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return fold(" ".join(parts))
    finally:
        doc.close()


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, as pdfium extracts it, whitespace folded."""
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            tp = page.get_textpage()
            out.append(fold(tp.get_text_range()))
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def squash(text: str) -> str:
    """All whitespace removed (no Unicode normalisation)."""
    return "".join(text.split())


@cache
def _parsed(path: Path, text: str) -> object:
    # yaml.safe_load's semantics, with libyaml's parser when PyYAML has it
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def read_yaml(path: Path) -> dict:
    """A YAML file as the user wrote it (a fresh copy each call: callers may change it)."""
    return copy.deepcopy(_parsed(Path(path), Path(path).read_text(encoding="utf-8")))


def layout_yaml(name: str | Path) -> dict:
    """A shipped layout by name, or a layout file, as the user wrote it."""
    path = Path(name) if str(name).endswith(".yaml") else LAYOUT_FOLDER / f"{name}.yaml"
    return read_yaml(path)


def brand_yaml(name: str | Path) -> dict:
    """A shipped brand by name, or a brand file, as the user wrote it."""
    path = Path(name) if str(name).endswith(".yaml") else BRAND_FOLDER / f"{name}.yaml"
    return read_yaml(path)


def content_yaml() -> dict:
    return read_yaml(DEFAULT_CONTENT_FILE)


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# The folder the imported `poster` package lives in: child processes get it first on
# their path, so the command line runs the same code as the in-process tests (a
# relative PYTHONPATH=src would not survive a child's other working directory).
POSTER_PATH = Path(poster.__file__).resolve().parents[1]
SRC = POSTER_PATH


def cli_env(lang: str = "C", **extra: str) -> dict[str, str]:
    """The environment of a CLI run: this checkout's code first, the locale `lang` for
    the messages (C: English; vi_VN.UTF-8: Vietnamese), and any `extra` variables."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(POSTER_PATH), *[p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]]
    )
    env["LANG"] = lang
    env["POSTER_CACHE_DIR"] = CLI_CACHE
    env.update(extra)
    return env


def run_cli(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    lang: str = "C",
) -> subprocess.CompletedProcess[str]:
    """`python -m poster …` in a fresh interpreter, as a user would run it, in the
    locale `lang` (C: English messages; vi_VN.UTF-8: Vietnamese), or in `env`."""
    return subprocess.run(
        [sys.executable, "-m", "poster", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env or cli_env(lang),
    )


# ---------------------------------------------------------------- PDF characters


@dataclass(frozen=True)
class Char:
    """One character pdfium found on the page (generated line breaks excluded)."""

    index: int
    text: str
    box: Rect  # tight glyph box, PDF points
    origin: tuple[float, float]  # pen position: x, baseline y
    font: str  # base font name, subset prefix removed by pdfium
    size: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.box.x0 + self.box.x1) / 2, (self.box.y0 + self.box.y1) / 2

    @property
    def baseline(self) -> float:
        return self.origin[1]


def page_chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    out = []
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage.raw, i)
        x0, y0, x1, y1 = textpage.get_charbox(i, loose=False)
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, name, 256, ctypes.byref(flags))
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, ctypes.byref(ox), ctypes.byref(oy))
        out.append(
            Char(
                index=i,
                text=chr(code),
                box=Rect(x0, y0, x1, y1),
                origin=(ox.value, oy.value),
                font=name.value.decode("utf-8", "replace"),
                size=pdfium_c.FPDFText_GetFontSize(textpage.raw, i),
            )
        )
    return out


def text_runs(textpage: pdfium.PdfTextPage) -> list[list[Char]]:
    """The glyphs of each text-showing operation (one line of a paragraph, a label, a
    number), grouped by the text object pdfium says drew them."""
    runs: dict[int, list[Char]] = {}
    for ch in page_chars(textpage):
        obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, ch.index)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        runs.setdefault(key, []).append(ch)
    return list(runs.values())


def point_in(rect: Rect, x: float, y: float) -> bool:
    return rect.x0 <= x <= rect.x1 and rect.y0 <= y <= rect.y1


def box_in(outer: Rect, inner: Rect, tol: float) -> bool:
    return (
        inner.x0 >= outer.x0 - tol
        and inner.y0 >= outer.y0 - tol
        and inner.x1 <= outer.x1 + tol
        and inner.y1 <= outer.y1 + tol
    )


def overlap(a: Rect, b: Rect) -> bool:
    """The interiors of a and b intersect (sharing an edge is not overlapping)."""
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def text_lines(chars: Iterable[Char], tol: float = 0.05) -> list[list[Char]]:
    """Characters grouped by baseline, top line first."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: -c.baseline):
        if lines and abs(lines[-1][0].baseline - ch.baseline) <= tol:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return lines


def line_gap_problems(lines: list[list[Char]], what: str) -> list[str]:
    """Consecutive lines must have a positive gap: lowest glyph above > highest glyph below."""
    problems = []
    for above, below in itertools.pairwise(lines):
        bottom = min(c.box.y0 for c in above)
        top = max(c.box.y1 for c in below)
        if not bottom > top:
            low = min(above, key=lambda c: c.box.y0).text
            high = max(below, key=lambda c: c.box.y1).text
            problems.append(
                f"{what}: line {''.join(c.text for c in above)!r} (lowest glyph {low!r}, "
                f"bottom {bottom:.2f}) touches the next line "
                f"{''.join(c.text for c in below)!r} (highest glyph {high!r}, top {top:.2f})"
            )
    return problems


# ---------------------------------------------------------------- expectations from the YAML


def hex_rgb(text: str) -> tuple[int, int, int]:
    """'#1F5FA8' → (31, 95, 168)."""
    digits = text.strip().lstrip("#")
    assert len(digits) == 6, f"a test brand colour should be #RRGGBB, not {text!r}"
    return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def brand_rgb(brand: str | Path, key: str) -> tuple[int, int, int]:
    """A brand colour as the user wrote it; a colour the brand leaves out is the national
    (default brand) one, as the README says."""
    colours = brand_yaml(brand).get("colors") or {}
    return hex_rgb(colours.get(key) or brand_yaml("default")["colors"][key])


def trim_mm(spec: dict) -> tuple[float, float]:
    """Finished size in mm from a layout YAML: an A size (portrait/landscape) or width × height."""
    page = spec["page"]
    if "size" in page:
        short, long_ = sorted(A_SIZES_MM[page["size"]])
        if page.get("orientation", "portrait") == "portrait":
            return short, long_
        return long_, short
    return page["width_mm"], page["height_mm"]


@dataclass(frozen=True)
class Areas:
    """A poster's areas, in points from the media box origin, worked out from its YAML."""

    trim: Rect
    safe: Rect  # the trim inset by safe_margin_mm
    header: Rect  # the band: from header.height_mm below the trim's top edge into the bleed
    footer: Rect  # the band: from the bleed up to footer.height_mm above the trim's bottom
    body: Rect  # the safe area between the bands, a gutter away from each


def yaml_areas(spec: dict, page: int = 0, pages: int | None = None) -> Areas:
    """Page `page` (0-based) of `pages` (the YAML's `pages` if None). The header band (and
    the key below it) on the pages that carry it, into the bleed, or inside the safe margin
    on a `ground: paper` sheet; the footer on the pages that carry it: at the foot, under
    the header band (`footer.position: under-header`), or under the last column alone
    (`last-column`: its box is left empty here, the columns' widths are the planner's);
    nothing in the `foot_mm` above the trim's bottom."""
    pages = spec.get("pages", 1) if pages is None else pages
    w, h = trim_mm(spec)
    bleed = mm(spec.get("bleed_mm", 3))
    margin, gutter = mm(spec["safe_margin_mm"]), mm(spec["grid"]["gutter_mm"])
    trim = Rect(bleed, bleed, bleed + mm(w), bleed + mm(h))
    safe = Rect(trim.x0 + margin, trim.y0 + margin, trim.x1 - margin, trim.y1 - margin)
    foot = mm(spec.get("foot_mm", 0))
    floor = max(safe.y0, trim.y0 + foot)
    nothing = Rect(0, 0, 0, 0)
    header, top = nothing, safe.y1
    if carries(spec, "header", page, pages):
        x0, x1, y1 = (safe.x0, safe.x1, safe.y1) if spec.get("ground") == "paper" else (
            0, trim.x1 + bleed, trim.y1 + bleed)  # fmt: skip
        header = Rect(x0, trim.y1 - mm(spec["header"]["height_mm"]), x1, y1)
        top = header.y0 - gutter
    footer, bottom = nothing, floor
    if carries(spec, "footer", page, pages):
        height = mm(spec["footer"]["height_mm"])
        position = spec["footer"].get("position", "bottom")
        if position == "under-header":
            footer = Rect(0, top - height, trim.x1 + bleed, top)
            top = footer.y0 - gutter
        elif position == "bottom":
            footer = Rect(0, 0, trim.x1 + bleed, trim.y0 + foot + height)
            bottom = footer.y1 + gutter
    body = Rect(safe.x0, bottom, safe.x1, top)
    return Areas(trim, safe, header, footer, body)


def footer_area(spec: dict, page: int = 0, pages: int | None = None) -> Rect:
    """Where the footer (and its QR code) lies on a page that carries it, between the safe
    margins: at the foot of the page (under the last column alone with `last-column`),
    or the band under the header (`under-header`)."""
    areas = yaml_areas(spec, page, pages)
    position = spec["footer"].get("position", "bottom")
    if position == "under-header":
        return Rect(areas.safe.x0, areas.footer.y0, areas.safe.x1, areas.footer.y1)
    top = areas.trim.y0 + mm(spec.get("foot_mm", 0) + spec["footer"]["height_mm"])
    return Rect(areas.safe.x0, areas.safe.y0, areas.safe.x1, top)


def footer_page(spec: dict, pages: int) -> int:
    """The first page (0-based) that carries the footer."""
    return next(i for i in range(pages) if carries(spec, "footer", i, pages))


# ---------------------------------------------------------------- what the PDF paints


def char_fill(textpage: pdfium.PdfTextPage, index: int) -> tuple[int, int, int]:
    """The fill colour pdfium reports for character `index`, 0–255 RGB."""
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    ok = pdfium_c.FPDFText_GetFillColor(
        textpage.raw, index, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
    )
    assert ok, f"pdfium gives no fill colour for character {index}"
    return (r.value, g.value, b.value)


@dataclass(frozen=True)
class Filled:
    """A filled path object on the page: its fill colour (0–255 RGB) and its bounds."""

    color: tuple[int, int, int]
    box: Rect

    @property
    def area(self) -> float:
        return (self.box.x1 - self.box.x0) * (self.box.y1 - self.box.y0)


def filled_paths(page: pdfium.PdfPage) -> list[Filled]:
    """Every path object of the page that is filled, in painting order."""
    out = []
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects():
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill_mode), ctypes.byref(stroke))
        if fill_mode.value == pdfium_c.FPDF_FILLMODE_NONE:
            continue
        if not pdfium_c.FPDFPageObj_GetFillColor(
            obj.raw, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
        ):
            continue
        out.append(Filled((r.value, g.value, b.value), Rect(*obj.get_bounds())))
    return out


WHITE = (255, 255, 255)


# ---------------------------------------------------------------- rendering once


@dataclass
class Rendered:
    """A rendered PDF and, read from it, one page's text, glyphs and tiles (the first
    page; `sides` has every page, for a poster printed front and back)."""

    content: Content
    layout: Layout
    brand: Brand
    pdf: bytes
    index: int = 0  # the page read
    first: Rendered | None = None  # the first page's view, which owns the document

    @cached_property
    def pdfium_document(self) -> pdfium.PdfDocument:
        if self.first is not None:
            return self.first.pdfium_document
        return pdfium.PdfDocument(self.pdf)

    @cached_property
    def sides(self) -> list[Rendered]:
        """Every page of the PDF, each read as its own Rendered."""
        count = len(self.pdfium_document)
        return [self] + [
            Rendered(self.content, self.layout, self.brand, self.pdf, i, self)
            for i in range(1, count)
        ]

    @cached_property
    def page(self) -> pdfium.PdfPage:
        return self.pdfium_document[self.index]

    @cached_property
    def textpage(self) -> pdfium.PdfTextPage:
        return self.page.get_textpage()

    @cached_property
    def text(self) -> str:
        """The page's text as pdfium extracts it, whitespace folded (not normalised)."""
        return fold(self.textpage.get_text_range())

    @cached_property
    def chars(self) -> list[Char]:
        return page_chars(self.textpage)

    @cached_property
    def all_text(self) -> str:
        """The text of every page, one after the other."""
        return " ".join(side.text for side in self.sides)

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    @cached_property
    def tiles(self) -> dict[int, Rect]:
        """The tiles as the PDF paints them (see tile_rects)."""
        return tile_rects(self.page, self.chars)

    def close(self) -> None:
        for side in self.__dict__.pop("sides", [])[1:]:
            side.close()
        for name in ("textpage", "page"):
            obj = self.__dict__.pop(name, None)
            if obj is not None:
                obj.close()
        doc = self.__dict__.pop("pdfium_document", None)
        if doc is not None and self.first is None:
            doc.close()


RenderFn = Callable[..., Rendered]


@pytest.fixture(scope="session")
def render() -> Iterable[RenderFn]:
    """render(layout, brand, content=None) → Rendered, computed once per session per key."""
    cache: dict[tuple[str, str, str], Rendered] = {}

    def get(layout: str | Path, brand: str | Path, content: str | Path | None = None) -> Rendered:
        key = (str(layout), str(brand), str(content or DEFAULT_CONTENT_FILE))
        hit = cache.get(key)
        if hit is None:
            c = load_content(content or DEFAULT_CONTENT_FILE)
            lay, br = load_layout(layout), load_brand(brand)
            _, (art,) = produce(Request(c, lay, br))
            hit = cache[key] = Rendered(c, lay, br, art.data)
        return hit

    yield get
    for rendered in cache.values():
        rendered.close()


CliRenderFn = Callable[..., Path]


@pytest.fixture(scope="session")
def cli_render(tmp_path_factory) -> CliRenderFn:
    """cli_render(layout, brand, ext="pdf", content=None) → the file `poster render -o` wrote,
    once per session per key: the public command line, in a fresh interpreter."""
    folder = tmp_path_factory.mktemp("cli")
    cache: dict[tuple[str, str, str, str], Path] = {}

    def get(
        layout: str | Path, brand: str | Path, ext: str = "pdf", content: str | Path | None = None
    ) -> Path:
        key = (str(layout), str(brand), ext, str(content or ""))
        hit = cache.get(key)
        if hit is None:
            hit = folder / f"{len(cache)}-{Path(str(layout)).stem}-{Path(str(brand)).stem}.{ext}"
            args = ["render", "--layout", layout, "--brand", brand, "-o", hit]
            if content:
                args += ["--content", content]
            done = run_cli(*args)
            assert done.returncode == 0, done.stderr
            assert hit.is_file()
            cache[key] = hit
        return hit

    return get


def tile_expected_text(content: Content, n: int) -> str:
    """What tile n shows, whitespace removed: number, heading, each label and its side."""
    item = next(i for i in content.items if i.n == n)
    labels = content.labels
    return squash(
        f"{item.n}{item.heading}{labels.left.upper()}{item.left}{labels.right.upper()}{item.right}"
    )


def tile_rects(page: pdfium.PdfPage, chars: list[Char]) -> dict[int, Rect]:
    """Item number → tile, found in the PDF: a tile is a white filled path holding text;
    its number is the one its badge shows (the ExtraBold digits inside it)."""
    ink = [c for c in chars if not c.text.isspace()]
    whites = [f.box for f in filled_paths(page) if f.color == WHITE]
    # a white page background would hold every tile: only the innermost white shapes count
    inner = [w for w in whites if not any(o is not w and box_in(w, o, 0) for o in whites)]
    tiles: dict[int, Rect] = {}
    for box in inner:
        held = [c for c in ink if point_in(box, *c.centre)]
        if not held:  # the QR code's plate
            continue
        digits = "".join(c.text for c in held if c.font.endswith("-ExtraBold"))
        assert digits.isdigit(), f"white shape {box} holds text but no badge number: {digits!r}"
        assert int(digits) not in tiles, f"two tiles show the number {digits}"
        tiles[int(digits)] = box
    return tiles


def chars_by_tile(rendered: Rendered) -> tuple[dict[int, list[Char]], list[Char]]:
    """Non-space characters assigned to the tile (found in the PDF) whose rect holds their
    centre; the rest."""
    tiles = rendered.tiles
    per: dict[int, list[Char]] = {n: [] for n in tiles}
    outside: list[Char] = []
    for ch in rendered.chars:
        if ch.text.isspace():
            continue
        cx, cy = ch.centre
        hits = [n for n, r in tiles.items() if point_in(r, cx, cy)]
        assert len(hits) <= 1, f"{ch.text!r} at {ch.box} lies in tiles {hits}"
        if hits:
            per[hits[0]].append(ch)
        else:
            outside.append(ch)
    return per, outside


def find_run(chars: list[Char], text: str) -> list[list[Char]]:
    """Every run of consecutive non-space characters (in content-stream order) that spells
    `text` (whitespace ignored)."""
    ink = [c for c in chars if not c.text.isspace()]
    joined = "".join(c.text for c in ink)
    want = squash(text)
    out, start = [], joined.find(want)
    while start >= 0 and want:
        out.append(ink[start : start + len(want)])
        start = joined.find(want, start + 1)
    return out


def bounds(chars: Iterable[Char]) -> Rect:
    boxes = [c.box for c in chars]
    return Rect(
        min(b.x0 for b in boxes),
        min(b.y0 for b in boxes),
        max(b.x1 for b in boxes),
        max(b.y1 for b in boxes),
    )


# ---------------------------------------------------------------- QR codes on a raster


@dataclass
class FoundQR:
    """A QR symbol zxing decoded on a raster of (part of) a page.

    `px` is the symbol's box in pixels (x0, y0, x1, y1; y down, exclusive ends), the
    bounding box of its dark pixels; `box` the same in PDF points."""

    text: str
    version: int
    ec_level: str
    image: object  # PIL RGB image
    px: tuple[int, int, int, int]
    box: Rect
    dpi: float

    @property
    def modules(self) -> int:
        return 17 + 4 * self.version

    @property
    def module_px(self) -> float:
        """The module size, from the symbol's width and the version zxing read."""
        return (self.px[2] - self.px[0]) / self.modules

    @property
    def finder_module_px(self) -> float:
        """The module size from the top-left finder pattern alone: along the symbol's top
        row its first dark run is 7 modules long (a light module follows it)."""
        pixels = self.image.load()
        x, y = self.px[0], self.px[1] + int(self.module_px / 2)
        while _dark(pixels[x, y]):
            x += 1
        return (x - self.px[0]) / 7


def _dark(rgb: tuple[int, int, int]) -> bool:
    return sum(rgb) < 3 * 128


def find_qr(page: pdfium.PdfPage, dpi: float, clip: Rect | None = None) -> list[FoundQR]:
    """Render `clip` (points; the whole page if None) at `dpi` and decode every QR code."""
    import zxingcpp

    w, h = page.get_size()
    clip = clip or Rect(0, 0, w, h)
    crop = (clip.x0, clip.y0, w - clip.x1, h - clip.y1)
    bitmap = page.render(scale=dpi / 72, crop=crop, draw_annots=False)
    image = bitmap.to_pil().convert("RGB")
    bitmap.close()
    pixels = image.load()
    width, height = image.size
    out = []
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        p = result.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        xs, ys = [c.x for c in corners], [c.y for c in corners]
        # the dark pixels' bounding box, searched a few pixels around zxing's corners
        x_lo, x_hi = max(0, min(xs) - 4), min(width, max(xs) + 5)
        y_lo, y_hi = max(0, min(ys) - 4), min(height, max(ys) + 5)
        dark = [(x, y) for y in range(y_lo, y_hi) for x in range(x_lo, x_hi) if _dark(pixels[x, y])]
        x0, x1 = min(x for x, _ in dark), max(x for x, _ in dark) + 1
        y0, y1 = min(y for _, y in dark), max(y for _, y in dark) + 1
        k = 72 / dpi
        box = Rect(clip.x0 + x0 * k, clip.y1 - y1 * k, clip.x0 + x1 * k, clip.y1 - y0 * k)
        version = int(result.extra["Version"])
        found = FoundQR(result.text, version, result.ec_level, image, (x0, y0, x1, y1), box, dpi)
        out.append(found)
    return out


# ---------------------------------------------------------------- reference images


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-references",
        action="store_true",
        default=False,
        help="rewrite tests/references/*.png from the current outputs (a look changed on purpose)",
    )


@pytest.fixture(scope="session")
def update_references(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-references"))


# ---------------------------------------------------------------- CI: no silent skips

# Under CI (`CI=true bash .ci/run`) a skip fails the run unless its reason names one of
# these optional tools: a missing required part must not pass as a skipped test.
OPTIONAL_TOOLS = ("chromium", "soffice", "libreoffice")
_ci_skips: list[str] = []


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


def _note_skip(report: pytest.CollectReport | pytest.TestReport) -> None:
    if not (_in_ci() and report.skipped) or hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    if not any(tool in reason.lower() for tool in OPTIONAL_TOOLS):
        _ci_skips.append(f"{report.nodeid}: {reason}")


pytest_collectreport = pytest_runtest_logreport = _note_skip


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _ci_skips:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _ci_skips:
        terminalreporter.section("skips not allowed under CI", red=True, bold=True)
        for line in _ci_skips:
            terminalreporter.line(line)
