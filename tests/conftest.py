"""Shared fixtures and helpers: rendering once per session, PDF text and glyph boxes.

Every (content, layout, brand) is rendered at most once per test session; tests
read the PDF back with pypdfium2 (text, glyph boxes, rasters) and pypdf (boxes,
resources, metadata), never with the code under test.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml
from pypdf import PdfReader

from poster.document import Document
from poster.geometry import Rect
from poster.outputs import Request, produce
from poster.spec import Brand, Content, Layout, load_brand, load_content, load_layout

REPO = Path(__file__).resolve().parents[1]
LAYOUT_FOLDER = REPO / "layouts"
BRAND_FOLDER = REPO / "content" / "brands"
DEFAULT_CONTENT_FILE = REPO / "content" / "differences.yaml"

# Discovered from the folders, so a new layout or brand is tested without editing the suite.
ALL_LAYOUTS = sorted(p.stem for p in LAYOUT_FOLDER.glob("*.yaml"))
# poster layouts; slide layouts (a `deck:` section) are tested in test_slides.py
DECK_LAYOUTS = [
    n
    for n in ALL_LAYOUTS
    if "deck" in yaml.safe_load((LAYOUT_FOLDER / f"{n}.yaml").read_text("utf-8"))
]
LAYOUTS = [n for n in ALL_LAYOUTS if n not in DECK_LAYOUTS]
BRANDS = sorted(p.stem for p in BRAND_FOLDER.glob("*.yaml"))

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
    """NFC, every whitespace run (incl. pdfium's CR LF line ends) folded to one space."""
    return " ".join(nfc(text).split())


def pdf_text(source: bytes | Path) -> str:
    """Every page's text as pdfium extracts it, NFC, whitespace folded."""
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


def squash(text: str) -> str:
    """NFC with all whitespace removed."""
    return "".join(nfc(text).split())


def layout_yaml(name: str) -> dict:
    return yaml.safe_load((LAYOUT_FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


def brand_yaml(name: str) -> dict:
    return yaml.safe_load((BRAND_FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))


def content_yaml() -> dict:
    return yaml.safe_load(DEFAULT_CONTENT_FILE.read_text(encoding="utf-8"))


def write_yaml(path: Path, data: object) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m poster …` in a fresh interpreter, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "poster", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
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


# ---------------------------------------------------------------- rendering once


@dataclass
class Rendered:
    content: Content
    layout: Layout
    brand: Brand
    pdf: bytes
    document: Document

    @cached_property
    def pdfium_document(self) -> pdfium.PdfDocument:
        return pdfium.PdfDocument(self.pdf)

    @cached_property
    def page(self) -> pdfium.PdfPage:
        return self.pdfium_document[0]

    @cached_property
    def textpage(self) -> pdfium.PdfTextPage:
        return self.page.get_textpage()

    @cached_property
    def text(self) -> str:
        """The page's text as pdfium extracts it, NFC, whitespace folded."""
        return fold(self.textpage.get_text_range())

    @cached_property
    def chars(self) -> list[Char]:
        return page_chars(self.textpage)

    @cached_property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.pdf))

    def close(self) -> None:
        for name in ("textpage", "page", "pdfium_document"):
            obj = self.__dict__.pop(name, None)
            if obj is not None:
                obj.close()


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
            doc, (art,) = produce(Request(c, lay, br))
            hit = cache[key] = Rendered(c, lay, br, art.data, doc)
        return hit

    yield get
    for rendered in cache.values():
        rendered.close()


def tile_expected_text(content: Content, n: int) -> str:
    """What tile n shows, whitespace removed: number, heading, each label and its side."""
    item = next(i for i in content.items if i.n == n)
    labels = content.labels
    return squash(
        f"{item.n}{item.heading}{labels.left.upper()}{item.left}{labels.right.upper()}{item.right}"
    )


def chars_by_tile(rendered: Rendered) -> tuple[dict[int, list[Char]], list[Char]]:
    """Non-space characters assigned to the tile whose rect holds their centre; the rest."""
    tiles = rendered.plan.tiles
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
