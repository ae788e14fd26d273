"""A letterhead that stays readable and one brand red in print (the design review of
2026-12-04, items 2, 3 and 15).

On every poster layout, with letterheads of one to four long authority lines as communes
have them: the authority lines are at the layout's floor or larger, never smaller than
white bold text may be on a four-ink band (12 pt, the print rule of issue 21), on A1 at
18 pt or more (the review), and never larger with more lines; the header grows in whole
millimetres instead, and the title keeps its size and its lines. With --pdfx the band
prints in the same inks whatever the letterhead and whichever brand has that primary.

Everything is read from the PDF (pdfium for glyphs, pikepdf for the fill operators,
tests/printread.py); the floors are the YAML's `header.authority.min` and the numbers
written here.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import yaml
from conftest import (
    BRAND_FOLDER,
    LAYOUTS,
    brand_yaml,
    layout_yaml,
    mm,
    nfc,
    page_chars,
    text_lines,
)
from printread import painted

from poster.outputs import Request, produce
from poster.plan.options import Options
from poster.spec import brand_from_dict, load_content, load_layout

# long real letterheads: a ward's party committee, its people's committee, a section, the city
LINES = [
    "ĐẢNG ỦY PHƯỜNG NGUYỄN THÁI BÌNH",
    "ỦY BAN NHÂN DÂN PHƯỜNG NGUYỄN THÁI BÌNH",
    "PHÒNG VĂN HÓA - XÃ HỘI",
    "THÀNH PHỐ HỒ CHÍ MINH",
]
REVERSED_BOLD = 12.0  # white bold text on a band of more than two inks: 12 pt or more
A1_FLOOR = 18.0  # the review: A1's letterhead at 18 pt or more
PRIMARY = "#B3261E"  # the shipped default's and Hiệp Hòa's


def _brand(tmp: Path, lines: int) -> Path:
    path = tmp / f"letterhead-{lines}.yaml"
    data = {
        "name": "Phường Nguyễn Thái Bình",
        "authority": LINES[:lines],
        "logo": str(BRAND_FOLDER / "placeholder-emblem.png"),
        "colors": {"primary": PRIMARY, "left": "#1F5FA8", "right": "#1E7B4A"},
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _inside(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    x, y = (inner[0] + inner[2]) / 2, (inner[1] + inner[3]) / 2
    return outer[0] <= x <= outer[2] and outer[1] <= y <= outer[3]


class Header:
    """What the first page's header band shows, read from the PDF."""

    def __init__(self, pdf: bytes, layout: str):
        doc = pdfium.PdfDocument(pdf)
        try:
            tp = doc[0].get_textpage()
            chars = page_chars(tp)
            tp.close()
        finally:
            doc.close()
        with pikepdf.open(io.BytesIO(pdf)) as p:
            page = p.pages[0]
            box = [float(v) for v in page.mediabox]
            width = box[2] - box[0]
            marks = painted(p, page)
        # the band: a fill the page's width that reaches its top, not the whole page's ground
        # (on a paper ground: the width and the top of the safe area, the margin left white)
        spec = layout_yaml(layout)
        paper = spec.get("ground") == "paper"
        inset = mm(spec["safe_margin_mm"] + spec["bleed_mm"]) if paper else 0.0
        bands = [
            m for m in marks
            if m.kind == "fill" and m.box[2] - m.box[0] >= 0.99 * (width - 2 * inset)
            and m.box[3] >= box[3] - inset - 1 and m.box[1] > box[3] / 2
        ]  # fmt: skip
        band = min(bands, key=lambda m: m.box[1])
        self.fill = band.color
        # white text under 12 pt on the primary elsewhere (the handout's badge numbers, 9 pt
        # like its headings): the primary then prints in two inks on the whole sheet
        self.small_reversed = any(
            t.kind == "text" and t.inks is not None and sum(t.inks) <= 0.1
            and t.size < REVERSED_BOLD and t.box[3] < band.box[1]
            and any(f.kind == "fill" and f.color == band.color and _inside(t.box, f.box)
                    for f in marks)
            for t in marks
        )  # fmt: skip
        trim_top = box[3] - mm(spec["bleed_mm"])
        self.height_mm = (trim_top - band.box[1]) / mm(1)
        inside = [c for c in chars if not c.text.isspace() and c.centre[1] > band.box[1]]
        self.authority = sorted({round(c.size, 2) for c in inside if c.font.endswith("-Bold")})
        title = [c for c in inside if c.font.endswith("-ExtraBold")]
        self.title_sizes = sorted({round(c.size, 2) for c in title})
        self.title_lines = [
            nfc("".join(c.text for c in sorted(line, key=lambda c: c.box.x0)))
            for line in text_lines(title)
        ]


@cache
def _header(layout: str, lines: int, tmp: Path, brand: str | None = None) -> Header:
    path = BRAND_FOLDER / f"{brand}.yaml" if brand else _brand(tmp, lines)
    data = yaml.safe_load(path.read_text("utf-8"))
    made = brand_from_dict(data, path)
    options = Options(pdfx="1a", cmyk=True, date="2026-12-04")
    _, (art,) = produce(Request(load_content(), load_layout(layout), made, options=options))
    return Header(art.data, layout)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("letterheads")


def floor(layout: str) -> float:
    spec = layout_yaml(layout)
    least = max(spec["header"]["authority"]["min"], REVERSED_BOLD)
    return max(least, A1_FLOOR) if spec["page"].get("size") == "A1" else least


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_letterhead_keeps_its_floor_and_never_grows_with_more_lines(layout, tmp):
    sizes = []
    for n in range(1, 5):
        head = _header(layout, n, tmp)
        assert len(head.authority) == 1, (layout, n, head.authority)  # one size a letterhead
        sizes.append(head.authority[0])
    assert min(sizes) >= floor(layout) - 0.01, (layout, sizes)
    assert sizes == sorted(sizes, reverse=True), (layout, sizes)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_header_grows_in_whole_millimetres_and_the_title_stays(layout, tmp):
    spec = layout_yaml(layout)
    base = _header(layout, 0, tmp)
    assert base.height_mm == pytest.approx(spec["header"]["height_mm"], abs=0.01)
    for n in range(1, 5):
        head = _header(layout, n, tmp)
        grown = head.height_mm - spec["header"]["height_mm"]
        assert grown >= -0.01 and abs(grown - round(grown)) < 0.01, (layout, n, grown)
        # the title: one size, the same lines, whatever the letterhead (issue 19.4)
        assert head.title_sizes == base.title_sizes, (layout, n, head.title_sizes)
        assert head.title_lines == base.title_lines, (layout, n, head.title_lines)
    page = spec["page"]
    if "size" in page:
        portrait = page.get("orientation", "portrait") == "portrait"
    else:
        portrait = page["height_mm"] > page["width_mm"]
    if portrait:  # a landscape panel's title may be one line, well clear of the trim
        assert len(base.title_lines) >= 2  # not one edge-to-edge line (the review's item 15)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_one_red_in_print_whatever_the_letterhead(layout, tmp):
    # the review saw C0 M97 Y99 K29 and, with a small letterhead, C0 M100 Y97 K0
    shipped = [b for b in ("default", "hiep-hoa") if brand_yaml(b)["colors"]["primary"] == PRIMARY]
    assert len(shipped) == 2
    fills = {("shipped", b): _header(layout, 0, tmp, b).fill for b in shipped}
    fills |= {("lines", n): _header(layout, n, tmp).fill for n in range(5)}
    operators = set(fills.values())
    assert len(operators) == 1, (layout, fills)
    (op,) = operators
    assert op[0] == "k", op  # DeviceCMYK
    if not _header(layout, 0, tmp).small_reversed:
        assert sum(1 for v in op[1] if v > 0) > 2  # the primary's own inks, not a stand-in
    # else (the A4 handout: white 9 pt badge numbers on the primary) the primary prints in
    # two inks everywhere on the sheet, whatever the letterhead: still one red
