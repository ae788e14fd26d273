"""The designer's rubric of issue 19, measured on the rendered PDFs of every shipped poster
layout with every shipped brand (both pages of a poster printed front and back).

Everything is read back from the PDF with pdfium (tiles, fills, glyph boxes, font sizes,
stroked icons), never from the planner. The expected values come from the issue and the
design brief (ratios, ΔE00 12, 3 mm on A1, the body floors per A size), the layout YAML
(leading) and the fonts' own metrics read with fontTools (cap height, advance widths).
Colour differences are CIEDE2000, written here (Sharma, Wu & Dalal 2005, checked against
their published test pairs below), not poster.colors.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import cache

import pytest
from conftest import (
    BRANDS,
    LAYOUTS,
    SIDE_LAYOUTS,
    Char,
    Filled,
    Rendered,
    box_in,
    brand_rgb,
    carries,
    content_yaml,
    filled_paths,
    layout_yaml,
    mm,
    nfc,
    point_in,
    shows_sides,
    squash,
    text_lines,
    trim_mm,
    yaml_areas,
)
from fontTools.ttLib import TTFont
from metrics import FONTS, em

from poster.geometry import Rect

CASES = [(layout, brand) for layout in LAYOUTS for brand in BRANDS]
# the rules of the two sides (boxes, labels, body text) hold where the tiles show them: a
# panel read from metres shows the headings alone (`tile: {show: headings}`)
SIDE_CASES = [(layout, brand) for layout in SIDE_LAYOUTS for brand in BRANDS]

# ---------------------------------------------------------------- the numbers

GAP_RATIO = 1.5  # largest gap between tiles / smallest, on a page
PAD_RATIO = 1.3  # padding under the last line / padding above the first
SIDES_DE00 = 12.0  # the two sides' box fills, at least this far apart
FROM_TILE_DE00 = 10.0  # and each visibly apart from the white tile
SPLIT_L = 8.0  # and apart in lightness: a black-and-white copy keeps them apart (review 16)
ROUNDING_L = 0.3  # the fills are read back in 8 bits: L* moves by up to ~0.2 each
LABEL_RATIO = 0.75  # side labels, of the body size
TRACKING = 0.03  # letter-spaced: at least this much (em) between the label's letters
EDGE_A1_MM = 3.0  # the solid side edge on A1, scaled with the page (ISO 216: × √2 a size)
TITLE_SPREAD = 1.10  # the title's size across the brands, largest / smallest
TITLE_KEY = 1.5  # title ≥ 1.5 × key
KEY_HEADING = 1.2  # key ≥ 1.2 × heading
# points, on every page; A4: the handout held in the hand (issue 23)
BODY_FLOOR = {"A0": 22, "A1": 16, "A2": 14, "A3": 11, "A4": 9}
A1_SHORT_MM = 594


# ---------------------------------------------------------------- CIEDE2000


def srgb_lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """CIELAB (D65) of an 8-bit sRGB colour (IEC 61966-2-1 matrix)."""

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def de00(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar**7 / (cbar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbar, cbarp = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        hbar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbar = (h1p + h2p) / 2
    else:
        hbar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hbar - 30))
        + 0.24 * math.cos(math.radians(2 * hbar))
        + 0.32 * math.cos(math.radians(3 * hbar + 6))
        - 0.20 * math.cos(math.radians(4 * hbar - 63))
    )
    dtheta = 30 * math.exp(-(((hbar - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cbarp**7 / (cbarp**7 + 25**7))
    sl = 1 + 0.015 * (lbar - 50) ** 2 / math.sqrt(20 + (lbar - 50) ** 2)
    sc, sh = 1 + 0.045 * cbarp, 1 + 0.015 * cbarp * t
    rt = -math.sin(math.radians(2 * dtheta)) * rc
    return math.sqrt(
        (dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh)
    )


def rgb_de00(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    return de00(srgb_lab(a), srgb_lab(b))


# Sharma, Wu & Dalal (2005), table 1: pairs 1, 7, 13, 17, 25, 34 and their ΔE00
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_against_the_published_pairs(lab1, lab2, expected):
    assert de00(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert de00(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_srgb_lab_of_known_colours():
    assert srgb_lab((255, 255, 255)) == pytest.approx((100, 0, 0), abs=0.01)
    assert srgb_lab((255, 0, 0)) == pytest.approx((53.24, 80.09, 67.20), abs=0.05)


# ---------------------------------------------------------------- the fonts' metrics


@cache
def cap_height(weight: str = "Regular") -> float:
    """Be Vietnam Pro's capital height, in em (OS/2 sCapHeight)."""
    font = TTFont(FONTS / f"BeVietnamPro-{weight}.ttf")
    return font["OS/2"].sCapHeight / font["head"].unitsPerEm


def weight(ch: Char) -> str:
    return ch.font.rsplit("-", 1)[-1]


def centre(box: Rect) -> tuple[float, float]:
    return (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2


# ---------------------------------------------------------------- what a page shows


@dataclass
class SideBox:
    box: Rect  # the whole box, its edge included
    fill: tuple[int, int, int]  # the colour of most of it
    edge: tuple[int, int, int] | None  # the solid strip at its left, if any
    edge_width: float
    chars: list[Char]  # the glyphs inside it

    @property
    def body(self) -> list[Char]:
        return [c for c in self.chars if weight(c) == "Regular"]

    @property
    def label(self) -> list[Char]:
        return [c for c in self.chars if weight(c) == "Bold"]

    @property
    def lines(self) -> list[list[Char]]:
        return text_lines(self.chars)

    @property
    def top_pad(self) -> float:
        """From the box's top to the top of the capitals of its first line."""
        return self.box.y1 - max(c.baseline + cap_height() * c.size for c in self.lines[0])

    @property
    def bottom_pad(self) -> float:
        """From the baseline of its last line to the box's bottom."""
        return self.lines[-1][0].baseline - self.box.y0


def side_boxes(tile: Rect, fills: list[Filled], chars: list[Char]) -> list[SideBox]:
    """The tinted boxes of a tile, top first: the large coloured fills inside it; a box
    painted as a solid shape with a tint over all but a strip at its left has that strip
    as its edge."""
    big = [
        f
        for f in fills
        if f.color != (255, 255, 255)
        and box_in(tile, f.box, 0.01)
        and f.area > 0.04 * tile.w * tile.h
    ]
    outer = [f for f in big if not any(g is not f and box_in(g.box, f.box, 0.01) for g in big)]
    out = []
    for f in outer:
        inner = [g for g in big if g is not f and box_in(f.box, g.box, 0.01)]
        tint = max(inner, key=lambda g: g.area) if inner else f
        held = [c for c in chars if not c.text.isspace() and point_in(f.box, *c.centre)]
        out.append(
            SideBox(
                f.box,
                tint.color,
                f.color if inner else None,
                tint.box.x0 - f.box.x0 if inner else 0.0,
                held,
            )
        )
    return sorted(out, key=lambda s: -s.box.y1)


@dataclass
class PageView:
    rendered: Rendered
    number: int  # 1-based

    @property
    def tiles(self) -> dict[int, Rect]:
        return self.rendered.tiles

    @property
    def fills(self) -> list[Filled]:
        return filled_paths(self.rendered.page)

    def sides(self) -> dict[int, list[SideBox]]:
        fills, chars = self.fills, self.rendered.chars
        return {n: side_boxes(t, fills, chars) for n, t in self.tiles.items()}

    def columns(self) -> list[list[Rect]]:
        """The tiles grouped by their left edge, each column top first."""
        cols: list[list[Rect]] = []
        for t in sorted(self.tiles.values(), key=lambda r: r.x0):
            if cols and abs(cols[-1][0].x0 - t.x0) < 1:
                cols[-1].append(t)
            else:
                cols.append([t])
        return [sorted(c, key=lambda r: -r.y1) for c in cols]

    def body_size(self) -> float:
        sizes = [c.size for boxes in self.sides().values() for s in boxes for c in s.body]
        return min(sizes)


def pages(rendered: Rendered) -> list[PageView]:
    return [PageView(side, i) for i, side in enumerate(rendered.sides, start=1)]


def body_pitch(layout: str, size: float) -> float:
    return size * layout_yaml(layout)["fonts"]["body"]["leading"]


def line_pitch(layout: str, view: PageView) -> float:
    """A line of the tiles' text: the body's, or the headings' where they stand alone."""
    if shows_sides(layout):
        return body_pitch(layout, view.body_size())
    return heading_size(view) * layout_yaml(layout)["fonts"]["heading"]["leading"]


def with_key(view: PageView) -> bool:
    """Whether the page carries the header band and the key (every page, or the first)."""
    spec = layout_yaml(view.rendered.layout.name)
    return carries(spec, "header", view.number - 1, len(view.rendered.sides))


def a_size(layout: str) -> str:
    """The layout's ISO size ("A1"); "" for a panel given in millimetres."""
    spec = layout_yaml(layout)["page"]
    return spec.get("size", "")


def edge_floor_mm(layout: str) -> float:
    """3 mm on A1, scaled with the page's short side (A0 4.2, A2 2.1, A3 1.5)."""
    return EDGE_A1_MM * min(trim_mm(layout_yaml(layout))) / A1_SHORT_MM


# ---------------------------------------------------------------- 1. one vertical rhythm


def gap_report(view: PageView) -> tuple[list[float], list[float]]:
    """The gaps between consecutive tiles of every column, and the columns' bottoms."""
    gaps, bottoms = [], []
    for col in view.columns():
        gaps += [a.y0 - b.y1 for a, b in itertools.pairwise(col)]
        bottoms.append(col[-1].y0)
    return gaps, bottoms


@pytest.mark.parametrize(("layout", "brand"), CASES)
def test_gaps_between_tiles_are_even_and_columns_end_level(render, layout, brand):
    for view in pages(render(layout, brand)):
        gaps, bottoms = gap_report(view)
        where = f"{layout}/{brand} page {view.number}"
        assert gaps and min(gaps) > 0, (where, gaps)
        ratio = max(gaps) / min(gaps)
        assert ratio <= GAP_RATIO, f"{where}: gaps {[round(g / mm(1), 1) for g in gaps]} mm"
        # every column starts at the same height and ends within a body line of the others
        tops = [col[0].y1 for col in view.columns()]
        assert max(tops) - min(tops) < 0.5, (where, tops)
        line = line_pitch(layout, view)
        if layout_yaml(layout)["footer"].get("position") == "last-column":
            bottoms = bottoms[:-1]  # the footer is at the foot of the last column
        assert max(bottoms) - min(bottoms) < line, (
            f"{where}: columns end {[round(b / mm(1), 1) for b in bottoms]} mm from the "
            f"page's foot, a body line is {line / mm(1):.1f} mm"
        )


def test_the_gap_check_sees_a_hole():
    # the measure itself: a column with a 22.6 mm gap beside 7 mm gaps is caught
    col1 = [Rect(0, 500, 100, 600), Rect(0, 300, 100, 500 - mm(22.6))]
    col2 = [Rect(110, 500, 210, 600), Rect(110, 300, 210, 500 - mm(7))]
    gaps = [a.y0 - b.y1 for col in (col1, col2) for a, b in itertools.pairwise(col)]
    assert max(gaps) / min(gaps) > GAP_RATIO


# ---------------------------------------------------------------- 6. symmetric boxes


@pytest.mark.parametrize(("layout", "brand"), SIDE_CASES)
def test_boxes_are_symmetric_and_none_holds_an_empty_line(render, layout, brand):
    for view in pages(render(layout, brand)):
        boxes = [s for sides in view.sides().values() for s in sides]
        assert len(boxes) == 2 * len(view.tiles)
        line = body_pitch(layout, view.body_size())
        empties = []
        for s in boxes:
            top, bottom = s.top_pad, s.bottom_pad
            where = f"{layout}/{brand} page {view.number}, box at {s.box}"
            assert top > 0 and bottom > 0, where
            assert bottom <= PAD_RATIO * top, (
                f"{where}: {bottom / mm(1):.2f} mm under the last line, "
                f"{top / mm(1):.2f} mm above the first"
            )
            empties.append(top + bottom)
        # no box has a line of empty space more than the tightest one
        assert max(empties) - min(empties) <= line, (
            f"{layout}/{brand} page {view.number}: padding from "
            f"{min(empties) / mm(1):.1f} to {max(empties) / mm(1):.1f} mm a box"
        )


# ---------------------------------------------------------------- 2. the contrast from 2 m


@pytest.mark.parametrize(("layout", "brand"), SIDE_CASES)
def test_the_sides_differ_from_two_metres(render, layout, brand):
    left, right = brand_rgb(brand, "left"), brand_rgb(brand, "right")
    floor = mm(edge_floor_mm(layout))
    for view in pages(render(layout, brand)):
        for n, sides in view.sides().items():
            where = f"{layout}/{brand} page {view.number}, tile {n}"
            assert len(sides) == 2, where
            first, second = sides
            assert rgb_de00(first.fill, second.fill) >= SIDES_DE00, (where, first, second)
            light = [srgb_lab(s.fill)[0] for s in sides]
            assert abs(light[0] - light[1]) >= SPLIT_L - ROUNDING_L, (where, light)
            for s in sides:
                assert rgb_de00(s.fill, (255, 255, 255)) >= FROM_TILE_DE00, (where, s.fill)
                assert s.edge_width >= floor, (where, s.edge_width / mm(1))
            # the edges in the sides' own colours, before above after
            assert (first.edge, second.edge) == (left, right), where


@pytest.mark.parametrize(("layout", "brand"), SIDE_CASES)
def test_side_labels_are_letter_spaced_capitals_of_three_quarters_the_body(render, layout, brand):
    labels = [nfc(content_yaml()["labels"][k]).upper() for k in ("left", "right")]
    for view in pages(render(layout, brand)):
        for n, sides in view.sides().items():
            for s, label in zip(sides, labels, strict=True):
                where = f"{layout}/{brand} page {view.number}, tile {n}"
                text = "".join(c.text for c in s.label)
                assert squash(nfc(text)) == squash(label), (where, text)
                body = max(c.size for c in s.body)
                size = s.label[0].size
                assert size >= LABEL_RATIO * body - 0.01, (where, size, body)
                # letter-spaced: each letter starts further on than the one before's width
                for a, b in itertools.pairwise(s.label):
                    if a.text.isspace() or b.text.isspace() or abs(a.baseline - b.baseline) > 0.1:
                        continue
                    spacing = (b.origin[0] - a.origin[0]) / size - em(a.text, "Bold")
                    assert spacing >= TRACKING, (where, a.text, b.text, spacing)


def key_boxes(view: PageView) -> list[tuple[str, list[Char], list[Filled]]]:
    """Each side's label in the key (between the header band and the first tile) with
    the fills under it, innermost last."""
    spec = layout_yaml(view.rendered.layout.name)
    header = yaml_areas(spec).header
    top_tile = max(t.y1 for t in view.tiles.values())
    chars = [
        c
        for c in view.rendered.chars
        if not c.text.isspace() and top_tile < c.centre[1] < header.y0
    ]
    out = []
    for k in ("left", "right"):
        label = squash(nfc(content_yaml()["labels"][k]).upper())
        run: list[Char] = []
        joined = "".join(c.text for c in chars)
        start = nfc(joined).find(label)
        assert start >= 0, (k, joined)
        run = chars[start : start + len(label)]
        x0 = min(c.box.x0 for c in run)
        x1 = max(c.box.x1 for c in run)
        cy = sum(c.centre[1] for c in run) / len(run)
        under = [
            f for f in view.fills if f.box.x0 <= x0 and x1 <= f.box.x1 and f.box.y0 < cy < f.box.y1
        ]
        under = [f for f in under if f.area < 0.2 * (header.x1 - header.x0) * header.h]
        out.append((k, run, sorted(under, key=lambda f: -f.area)))
    return out


@pytest.mark.parametrize(("layout", "brand"), SIDE_CASES)
def test_the_key_is_drawn_with_the_boxes_fills_and_edges(render, layout, brand):
    for view in pages(render(layout, brand)):
        if not with_key(view):  # a handout's back: its tiles alone
            continue
        sides = next(iter(view.sides().values()))
        for (k, _, under), side in zip(key_boxes(view), sides, strict=True):
            where = f"{layout}/{brand} page {view.number}, key {k}"
            colours = [f.color for f in under]
            assert colours, where
            assert colours[-1] == side.fill, (where, colours, side.fill)  # the box's tint
            assert side.edge in colours, (where, colours, side.edge)  # and its edge


@pytest.mark.parametrize(("layout", "brand"), CASES)
def test_icons_anchor_their_tile_in_the_after_colour(render, layout, brand):
    from test_design import clusters_of, stroked_boxes

    right = brand_rgb(brand, "right")
    leading = layout_yaml(layout)["fonts"]["heading"]["leading"]
    for view in pages(render(layout, brand)):
        tiles = view.tiles
        strokes = stroked_boxes(view.rendered.page, right)
        # grouped tile by tile (tiles of a panel stand closer than half an icon's height
        # apart): each tile's strokes one icon, none outside the tiles
        icons = []
        for tile in tiles.values():
            icons += clusters_of([b for b in strokes if point_in(tile, *centre(b))])
        assert len(icons) == len(tiles), (layout, brand, view.number, len(icons))
        outside = [b for b in strokes if not any(point_in(t, *centre(b)) for t in tiles.values())]
        assert not outside, (layout, brand, view.number, outside[:3])
        size = heading_size(view)
        # two heading lines: the capitals of one and the baseline of the next
        two_lines = (cap_height("Bold") + leading) * size
        for icon in icons:
            assert max(icon.w, icon.h) >= two_lines - 0.5, (layout, brand, icon, two_lines)
            assert sum(box_in(t, icon, 0.5) for t in tiles.values()) == 1


# ---------------------------------------------------------------- 4. a steady hierarchy


def title_size(rendered: Rendered) -> float:
    header = yaml_areas(layout_yaml(rendered.layout.name)).header
    sizes = [
        c.size
        for c in rendered.chars
        if weight(c) == "ExtraBold" and c.centre[1] > header.y0 and not c.text.isspace()
    ]
    return max(sizes)


def heading_size(view: PageView) -> float:
    """The tiles' headings: bold text in a tile, outside its side boxes and its badge."""
    sizes = []
    sides = view.sides()
    for n, tile in view.tiles.items():
        boxes = [s.box for s in sides[n]]
        for c in view.rendered.chars:
            if c.text.isspace() or weight(c) != "Bold" or not point_in(tile, *c.centre):
                continue
            if not any(point_in(b, *c.centre) for b in boxes):
                sizes.append(c.size)
    return max(sizes)


def key_size(view: PageView) -> float:
    return max(c.size for _, run, _ in key_boxes(view) for c in run)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_title_keeps_its_size_whatever_the_letterhead(render, layout):
    sizes = {brand: title_size(render(layout, brand)) for brand in BRANDS}
    assert max(sizes.values()) <= TITLE_SPREAD * min(sizes.values()), sizes


@pytest.mark.parametrize(("layout", "brand"), CASES)
def test_title_then_key_then_headings(render, layout, brand):
    r = render(layout, brand)
    title = title_size(r)
    for view in pages(r):
        if not with_key(view):  # a handout's back: its tiles alone
            continue
        key, heading = key_size(view), heading_size(view)
        assert title >= TITLE_KEY * key - 0.05, (layout, brand, title, key)
        assert key >= KEY_HEADING * heading - 0.05, (layout, brand, key, heading)


# ---------------------------------------------------------------- 5. type for the wall


@pytest.mark.parametrize(("layout", "brand"), SIDE_CASES)
def test_body_floors_on_every_page(render, layout, brand):
    floor = BODY_FLOOR[a_size(layout)]
    for view in pages(render(layout, brand)):
        assert view.body_size() >= floor - 0.05, (layout, brand, view.number, view.body_size())


# ---------------------------------------------------------------- the review of 2026-12-04

# 14. the title three to five times the body (the design brief). A3 is the exception: two
# A3 pages hold the 17 items only at 11 pt, and its title cannot pass 2 lines of 30 pt
# beside the logo without a taller header those pages do not have (see README). The A4
# handout more so: its 17 items fit two A4 sides only at 9 pt, with a 4-line letterhead at
# its 12 pt floor, a 48 mm header (17 pt, see its YAML) and nothing to spare; 3 × 9 pt
# would be 3 lines of 27 pt, a header some 25 mm taller. A panel of headings alone has no
# body to weigh (its headings are capped by the title through the key instead).
TITLE_BODY = {"A3": 2.65, "A4": 1.85}
TITLE_BODY_DEFAULT = 3.0
# 13. one grid: the columns of a page within 5 % of their mean, the same on every page of a
# sheet. A3 again: its columns level at 11 pt only with a grid a page, within 10 %.
GRID_SPREAD = {"A3": 0.10}
GRID_SPREAD_DEFAULT = 0.05
GRID_PER_PAGE = {"A3"}
CENTRE_MM = 3.0  # the title and the key share a centre when the title fits it


@pytest.mark.parametrize(("layout", "brand"), SIDE_CASES)
def test_the_title_is_three_times_the_body(render, layout, brand):
    r = render(layout, brand)
    ratio = TITLE_BODY.get(a_size(layout), TITLE_BODY_DEFAULT)
    for view in pages(r):
        assert title_size(r) >= ratio * view.body_size() - 0.05, (
            layout, brand, title_size(r), view.body_size()
        )  # fmt: skip


def column_widths(view: PageView) -> list[float]:
    return [round((col[0].x1 - col[0].x0) / mm(1), 1) for col in view.columns()]


@pytest.mark.parametrize(("layout", "brand"), CASES)
def test_one_grid_of_near_equal_columns(render, layout, brand):
    spread = GRID_SPREAD.get(a_size(layout), GRID_SPREAD_DEFAULT)
    grids = []
    for view in pages(render(layout, brand)):
        widths = column_widths(view)
        mean = sum(widths) / len(widths)
        assert all(abs(w - mean) <= spread * mean + 0.1 for w in widths), (layout, widths)
        grids.append(widths)
    if a_size(layout) not in GRID_PER_PAGE:
        assert all(g == grids[0] for g in grids), (layout, brand, grids)


def test_the_grid_check_sees_the_reviews_columns():
    # the measure itself: A1's 169 / 187 / 206 mm are 10 % from their mean
    widths = [169.0, 187.0, 206.0]
    mean = sum(widths) / 3
    assert not all(abs(w - mean) <= GRID_SPREAD_DEFAULT * mean + 0.1 for w in widths)


def _logo(view: PageView) -> Rect | None:
    import pypdfium2.raw as pdfium_c

    header = yaml_areas(layout_yaml(view.rendered.layout.name)).header
    images = [
        Rect(*o.get_bounds())
        for o in view.rendered.page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])
    ]
    return next((i for i in images if i.y0 > header.y0 - mm(40)), None)


@pytest.mark.parametrize(("layout", "brand"), CASES)
def test_the_title_and_the_key_share_a_centre_when_it_fits(render, layout, brand):
    r = render(layout, brand)
    view = pages(r)[0]
    header = yaml_areas(layout_yaml(layout)).header
    title = [
        c for c in r.chars
        if weight(c) == "ExtraBold" and c.centre[1] > header.y0 - mm(40) and not c.text.isspace()
        and c.size == title_size(r)
    ]  # fmt: skip
    lines = text_lines(title)
    widest = max(max(c.box.x1 for c in line) - min(c.box.x0 for c in line) for line in lines)
    x0 = min(c.box.x0 for c in title)
    x1 = max(c.box.x1 for c in title)
    # the key's extent: its two boxes' (the side colour's, outermost), not their labels'
    # (each label stands right of its box's solid edge: on a panel, 9 mm off centre)
    boxes = [fills[0].box for _, _, fills in key_boxes(view)]
    k0 = min(b.x0 for b in boxes)
    k1 = max(b.x1 for b in boxes)
    page_centre = r.page.get_size()[0] / 2
    logo = _logo(view)
    # room for the title centred on the page, clear of the logo on both sides
    fits = logo is None or page_centre - logo.x1 - mm(6) >= widest / 2
    if fits:
        assert abs((x0 + x1) / 2 - (k0 + k1) / 2) <= mm(CENTRE_MM), (layout, brand)
    assert logo is None or x0 >= logo.x1  # never over the logo
