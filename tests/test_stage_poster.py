"""Stage tests of the poster planner (plan/poster.py): placing tiles in rows and in
level columns, the key above them, the size search, crop marks, the document.

Tiles are set in the ruler face (tests/metrics.py) with the styles and the design of
tests/test_stage_tile.py, so a tile's height is worked by hand: 2 × 10 (padding) + 28
(badge) + 5 (gap) + two sides of 22.8 (one body line) 8.4 apart = 107 pt; a second
line on a side adds a body pitch, 18 pt: 125. A side's text is the tile's width less
2 × 10 (padding), 2 × 5.4 (the side's padding) and a 7.2 pt edge (0.6 × 12).

Issue 19 (one vertical rhythm) changed the columns: a tile may grow 36 pt (a body
pitch a side box), a column's gaps 0.4 × the gutter; a column may be up to 4 steps of
2.5 % narrower or wider. The trial placement stacks natural tiles a gutter apart; the
drawn one levels the columns. The expectations below are worked again by hand for
these rules. Real fonts' widths and glyph reach are read with fontTools
(tests/metrics.py); page boxes come from the A-series sizes and the layouts' YAML.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from datetime import date

import msgspec
import pytest
import yaml
from metrics import LAYOUTS, approx, box, em, least_darkened, mm, reach, ruler, tint_rgb

import poster.plan.poster as planner
from poster.colors import BLACK, REGISTRATION, WHITE, Color
from poster.document import Fill, Line, Polygon, TextLine
from poster.errors import PosterError
from poster.geometry import Geometry, Rect, page_geometry
from poster.plan import Options, plan_document
from poster.plan.poster import (
    crop_marks,
    key_geometry,
    key_height,
    key_marks,
    key_size,
    key_style,
    page_contents,
    place,
    plan_poster,
    poster_styles,
    short,
    solve,
)
from poster.plan.tile import Design, Styles, Unfit, measure
from poster.spec import (
    Brand,
    Colors,
    Content,
    Grid,
    Item,
    Labels,
    Page,
    PosterLayout,
    load_layout,
)


def _yaml(name: str) -> dict:
    return yaml.safe_load((LAYOUTS / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _no_kept_solutions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test solves for itself: no solution kept by another test."""
    monkeypatch.setattr(planner, "_SOLUTIONS", OrderedDict())


# ---------------------------------------------------------------- ruler tiles


def _styles() -> Styles:
    return Styles(body=ruler(12), heading=ruler(16, 1.25), label=ruler(4), number=ruler(12, 1))


DESIGN = Design(
    sides="stacked",
    pad=10.0,
    gap=5.0,
    between=8.0,
    radius=3.0,
    side_radius=2.0,
    number="circle",
    label="run-in",
    frame=True,
)
ONE = "aaaa"  # one body line in any tile here
# two lines in a tile 120 pt wide (its first line has 120 - 38 - 7.4 = 74.6 pt)
TWO_AT_120 = "x" * 20 + " " + "y" * 20
# two lines in a tile 190 pt wide (144.6 pt: 48 characters), and at ±10 % of it
TWO_AT_190 = "x" * 30 + " " + "y" * 30


def _content(*lefts: str) -> Content:
    return Content(
        title="T",
        labels=Labels(left="Ab", right="Cdef"),
        items=[Item(n=i + 1, heading="Hh", left=t, right=ONE) for i, t in enumerate(lefts)],
    )


def _layout(**grid) -> PosterLayout:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    return msgspec.structs.replace(layout, grid=Grid(**grid))


def _geo(body: Rect, gutter: float = 20.0) -> Geometry:
    r = Rect(0, 0, 1, 1)
    return Geometry(r, r, r, r, r, r, r, r, body, gutter)


BODY = Rect(50, 40, 450, 540)  # 400 × 500


# ---------------------------------------------------------------- rows


def test_rows_by_hand() -> None:
    """Three columns of 120 pt ((400 - 2 × 20) / 3); items 1 and 6 span two (260 pt):
    rows 1 + 2, 3 + 4 + 5, 6."""
    content = _content(ONE, TWO_AT_120, ONE, ONE, ONE, ONE)
    layout = _layout(columns=3, flow="rows", order="across", spans={1: 2, 6: 2})
    placed = place(content, layout, DESIGN, _geo(Rect(50, 40, 450, 539)), _styles())
    assert [p.tile.item.n for p in placed] == [1, 2, 3, 4, 5, 6]
    assert [p.tile.width for p in placed] == approx(260, 120, 120, 120, 120, 260)
    # rows 125, 107 and 107 tall, 20 apart: the spare (499 - 379) shared, 40 each
    assert box(placed[0].rect) == approx(50, 374, 310, 539)
    assert box(placed[1].rect) == approx(330, 374, 450, 539)
    assert box(placed[2].rect) == approx(50, 207, 170, 354)
    assert box(placed[3].rect) == approx(190, 207, 310, 354)
    assert box(placed[4].rect) == approx(330, 207, 450, 354)
    # the last row (260 pt) is centred
    assert box(placed[5].rect) == approx(120, 40, 380, 187)


def test_rows_that_do_not_fit_name_the_last_tile_of_the_row_out() -> None:
    content = _content(ONE, TWO_AT_120, ONE, ONE, ONE, ONE)
    layout = _layout(columns=3, flow="rows", order="across", spans={1: 2, 6: 2})
    # 240 pt: the first row (125) fits, the second ends 12 pt below the body
    with pytest.raises(Unfit) as e:
        place(content, layout, DESIGN, _geo(Rect(50, 300, 450, 540)), _styles())
    assert e.value.item is content.items[4]
    # 379 pt ≈ 133.7 mm needed, 240 pt ≈ 84.7 mm there
    assert e.value.why == "the tiles: 134 mm of height needed, 85 mm available"
    # 100 pt: the first row already overflows
    with pytest.raises(Unfit) as e:
        place(content, layout, DESIGN, _geo(Rect(50, 440, 450, 540)), _styles())
    assert e.value.item is content.items[1]
    # 300 pt: rows end at 175 and 48, the third (107 + 20 below) at -79
    with pytest.raises(Unfit) as e:
        place(content, layout, DESIGN, _geo(Rect(50, 0, 450, 300)), _styles())
    assert e.value.item is content.items[5]


# At a 20 pt body every number is exact in binary: padding 9, edge 6, a side 2 × 9 + 15
# + 5 = 38, sides 16 apart (the design's, over 0.7 × 20): a tile 20 + 28 + 5 + 38 + 16 +
# 38 = 145 pt, exactly. Two in a column with a 20 pt gap: 310.
EXACT = msgspec.structs.replace(DESIGN, between=16.0)


def _exact_styles() -> Styles:
    return Styles(body=ruler(20), heading=ruler(16, 1.25), label=ruler(4), number=ruler(12, 1))


def test_tiles_exactly_as_tall_as_the_body_fit() -> None:
    one, two = _content(ONE), _content(ONE, ONE)
    rows, columns = _layout(columns=1, flow="rows", order="across"), _layout(columns=1)
    for content, h in ((one, 145.0), (two, 310.0)):
        for layout in (rows, columns):
            placed = place(content, layout, EXACT, _geo(Rect(0, 0, 200, h)), _exact_styles())
            assert placed[0].rect.y1 == h and placed[-1].rect.y0 == 0


def test_rows_overflow_names_the_row_below_the_body() -> None:
    """Rows 145 + 20 + 145 in 145 pt: the first ends exactly at the bottom, the second
    is the one that does not fit."""
    content = _content(ONE, ONE)
    layout = _layout(columns=1, flow="rows", order="across")
    with pytest.raises(Unfit) as e:
        place(content, layout, EXACT, _geo(Rect(0, 0, 200, 145)), _exact_styles())
    assert e.value.item is content.items[1]


def test_rows_final_rebreaks() -> None:
    content = _content(" ".join(["aaaa"] * 11))  # see test_stage_tile: 10 + 1, then 8 + 3
    layout = _layout(columns=1, flow="rows", order="across")
    body = Rect(0, 0, 200, 500)
    tried = place(content, layout, DESIGN, _geo(body), _styles())
    drawn = place(content, layout, DESIGN, _geo(body), _styles(), final=True)
    assert [len(s.split()) for s in tried[0].tile.left.lines] == [10, 1]
    assert [len(s.split()) for s in drawn[0].tile.left.lines] == [8, 3]


# ---------------------------------------------------------------- balanced columns


def test_masonry_by_hand() -> None:
    """Two columns of 190 pt; heights 125, 107, 107, 107 split 2 + 2 (the tallest
    column 252, against 361 or 379 for the other splits). The trial stacks the tiles at
    their natural height, a gutter apart."""
    content = _content(TWO_AT_190, ONE, ONE, ONE)
    placed = place(content, _layout(columns=2), DESIGN, _geo(BODY), _styles())
    assert [p.tile.width for p in placed] == approx(190, 190, 190, 190)
    assert box(placed[0].rect) == approx(50, 415, 240, 540)
    assert box(placed[1].rect) == approx(50, 288, 240, 395)
    assert box(placed[2].rect) == approx(260, 433, 450, 540)
    assert box(placed[3].rect) == approx(260, 306, 450, 413)


def test_masonry_drawn_that_cannot_level() -> None:
    """500 pt for the same tiles (their heights the same at every width): no split
    levels. 1 | 2-4 needs (500 - 125) / 36 = 10.4 of the first column's room to grow,
    1-2 | 3-4 (500 - 252) / (72 + 8) = 3.1 and (500 - 234) / 80 = 3.3, 1-3 | 4 10.9:
    2 + 2 is drawn, every tile its full 36 taller, the gaps 1.4 × 20 = 28."""
    content = _content(TWO_AT_190, ONE, ONE, ONE)
    placed = place(content, _layout(columns=2), DESIGN, _geo(BODY), _styles(), final=True)
    assert [p.tile.width for p in placed] == approx(190, 190, 190, 190)
    assert box(placed[0].rect) == approx(50, 379, 240, 540)
    assert box(placed[1].rect) == approx(50, 208, 240, 351)
    assert box(placed[2].rect) == approx(260, 397, 450, 540)
    assert box(placed[3].rect) == approx(260, 226, 450, 369)


def test_masonry_levels_with_little_spare_height() -> None:
    """270 pt: 2 + 2 alone fits. Column 1 has 18 spare of its 80 room to grow (2 × 36
    + 0.4 × 20): 0.225 of it, each tile 8.1 taller, the gap 21.8; column 2 has 36: 0.45,
    16.2 a tile, the gap 23.6. Both end at the body's foot."""
    content = _content(TWO_AT_190, ONE, ONE, ONE)
    body = Rect(50, 270, 450, 540)
    placed = place(content, _layout(columns=2), DESIGN, _geo(body), _styles(), final=True)
    assert box(placed[0].rect) == approx(50, 406.9, 240, 540)
    assert box(placed[1].rect) == approx(50, 270, 240, 385.1)
    assert box(placed[2].rect) == approx(260, 416.8, 450, 540)
    assert box(placed[3].rect) == approx(260, 270, 450, 393.2)


def test_masonry_levels_with_unequal_widths() -> None:
    """Four words of 25 letters (75 pt; two are 153 pt with their space) beside ONE, in
    143 pt. At 190 pt the side's text has 152 pt (144.6 beside the label): a word a
    line, 4 lines, 161 pt: too tall. A step wider (194.75: 156.75, 149.35) takes two
    words on line two: 3 lines, 143, exactly the room; two steps (199.5: 161.5, 154.1)
    two on each: 125. One step each way is the least change: the narrower column
    (185.25) holds ONE (107), 36 spare, exactly its room to grow."""
    words = " ".join(c * 25 for c in "wxyz")
    content = _content(words, ONE)
    body = Rect(50, 397, 450, 540)
    placed = place(content, _layout(columns=2), DESIGN, _geo(body), _styles(), final=True)
    assert [p.tile.width for p in placed] == approx(194.75, 185.25)
    assert [len(p.tile.left.lines) for p in placed] == [3, 1]
    assert box(placed[0].rect) == approx(50, 397, 244.75, 540)
    assert box(placed[1].rect) == approx(264.75, 397, 450, 540)
    # the trial, at equal widths, does not fit
    with pytest.raises(Unfit):
        place(content, _layout(columns=2), DESIGN, _geo(body), _styles())


def test_masonry_one_tile_a_column() -> None:
    """120 pt columns 20 apart; a tile alone cannot fill 500 pt: each 107 + 36."""
    content = _content(ONE, ONE, ONE)
    placed = place(content, _layout(columns=3), DESIGN, _geo(BODY), _styles(), final=True)
    assert [box(p.rect) for p in placed] == [
        approx(50, 397, 170, 540),
        approx(190, 397, 310, 540),
        approx(330, 397, 450, 540),
    ]


def test_pages_break_where_both_level() -> None:
    """One column a page, two pages, 252 pt: tiles of 125 (two 70-letter words: two lines
    at 400 pt ± 10 %), 107, 107, 125. Breaking after 2 fills both pages exactly (125 +
    20 + 107); after 1 the first page's tile has 127 spare (3.5 × its room to grow);
    after 3 the first page overflows."""
    tall = "x" * 70 + " " + "y" * 70
    content = _content(tall, ONE, ONE, tall)
    layout = _paged(2, columns=1)
    geo = _geo(Rect(50, 288, 450, 540))
    plan = planner.arrange_pages(content, layout, DESIGN, geo, _styles())
    assert plan is not None and plan.level and plan.hyphens == 0
    assert [c.bounds for c in plan.pages] == [(0, 2), (2, 4)]
    assert [c.need for c in plan.pages] == approx(0, 0)
    drawn = planner.draw_pages(content, DESIGN, _styles(), geo, plan)
    assert [[p.tile.item.n for p in page] for page in drawn] == [[1, 2], [3, 4]]
    assert [box(p.rect) for p in drawn[1]] == [
        approx(50, 433, 450, 540),
        approx(50, 288, 450, 413),
    ]


def test_masonry_that_does_not_fit() -> None:
    content = _content(TWO_AT_190, ONE, ONE)
    layout = _layout(columns=2)
    # 100 pt: the first tile (125 ≈ 44.1 mm) is taller than the body (≈ 35.3 mm)
    with pytest.raises(Unfit) as e:
        place(content, layout, DESIGN, _geo(Rect(50, 440, 450, 540)), _styles())
    assert e.value.item is content.items[0]
    assert e.value.why == "the tile alone: 44 mm of height needed, 35 mm available"
    # 200 pt: columns 125 | 107 + 20 + 107 = 234 (≈ 82.6 mm): the second overflows
    with pytest.raises(Unfit) as e:
        place(content, layout, DESIGN, _geo(Rect(50, 340, 450, 540)), _styles())
    assert e.value.item is content.items[2]
    assert e.value.why == "column 2: 83 mm of height needed, 71 mm available"


def test_masonry_final_rebreaks() -> None:
    content = _content(" ".join(["aaaa"] * 11))
    body = Rect(0, 0, 200, 500)
    tried = place(content, _layout(columns=1), DESIGN, _geo(body), _styles())
    drawn = place(content, _layout(columns=1), DESIGN, _geo(body), _styles(), final=True)
    assert [len(s.split()) for s in tried[0].tile.left.lines] == [10, 1]
    assert [len(s.split()) for s in drawn[0].tile.left.lines] == [8, 3]


def test_short() -> None:
    assert short("a" * 40) == "a" * 40
    assert short("a" * 38 + " " + "b" * 10) == "a" * 38 + "…"  # cut at 39, space dropped
    assert short("abcdef", 4) == "abc…"


# ---------------------------------------------------------------- items over pages

W30 = "x" * 30  # one word a line in a 190 pt tile (49 characters on the first, 51 after)


def _tall(lines: int) -> str:
    """A left side of `lines` lines at 190 pt: the tile 107 + 18 × (lines - 1) tall."""
    return " ".join([W30] * lines)


def _numbers(parts: list[Content]) -> list[list[int]]:
    return [[i.n for i in part.items] for part in parts]


def _paged(pages: int, **grid) -> PosterLayout:
    return msgspec.structs.replace(_layout(**grid), pages=pages)


def test_one_page_is_the_content_itself() -> None:
    content = _content(ONE, ONE, ONE)
    for layout in (_paged(1, columns=2), _paged(1, columns=1, flow="rows", order="across")):
        parts = page_contents(content, layout, DESIGN, _geo(BODY), _styles())
        assert len(parts) == 1 and parts[0] is content
    # one item, four pages: one page, the content itself
    single = _content(ONE)
    parts = page_contents(single, _paged(4, columns=2), DESIGN, _geo(BODY), _styles())
    assert len(parts) == 1 and parts[0] is single


@pytest.mark.parametrize(
    ("items", "pages", "expected"),
    [
        (17, 2, [9, 8]),  # 8 each and one more: the first page takes it
        (16, 3, [6, 5, 5]),
        (17, 3, [6, 6, 5]),
        (17, 4, [5, 4, 4, 4]),
        (8, 4, [2, 2, 2, 2]),
        (3, 4, [1, 1, 1]),  # more pages than items: a page each
    ],
)
def test_rows_spread_by_count_the_earlier_pages_one_more(items, pages, expected) -> None:
    content = _content(*[ONE] * items)
    layout = _paged(pages, columns=3, flow="rows", order="across")
    parts = page_contents(content, layout, DESIGN, _geo(BODY), _styles())
    assert [len(p.items) for p in parts] == expected
    # in order, each once, the rest of the content as it was
    assert [n for part in _numbers(parts) for n in part] == list(range(1, items + 1))
    assert all(p.title == content.title and p.labels == content.labels for p in parts)


def test_masonry_pages_split_where_the_tallest_column_is_lowest() -> None:
    """Two columns of 190 pt on each of two pages: four columns for five tiles 179, 161,
    143, 107 and 107 pt tall. One column takes two tiles, the others one; the lowest pair
    is the last (107 + 20 + 107 = 234, against 270, 324 and 360 for the others) and the
    tallest single tile (179) is lower still: columns 1 | 2 | 3 | 4 + 5, so the first page
    has items 1 and 2, the second 3, 4 and 5 (by count it would be 3 and 2)."""
    content = _content(_tall(5), _tall(4), _tall(3), ONE, ONE)
    masonry = _paged(2, columns=2)
    parts = page_contents(content, masonry, DESIGN, _geo(BODY), _styles())
    assert _numbers(parts) == [[1, 2], [3, 4, 5]]
    # the same items in rows: by count
    rows = _paged(2, columns=2, flow="rows", order="across")
    assert _numbers(page_contents(content, rows, DESIGN, _geo(BODY), _styles())) == [
        [1, 2, 3],
        [4, 5],
    ]


def test_masonry_pages_with_few_items_go_by_count() -> None:
    """Fewer items than columns on all the pages (3 × 2): by count, 2 and 2; exactly as
    many: a tile a column, three a page."""
    layout = _paged(2, columns=3)
    four = _content(_tall(5), ONE, ONE, ONE)
    assert _numbers(page_contents(four, layout, DESIGN, _geo(BODY), _styles())) == [
        [1, 2],
        [3, 4],
    ]
    six = _content(_tall(5), ONE, ONE, ONE, ONE, ONE)
    assert _numbers(page_contents(six, layout, DESIGN, _geo(BODY), _styles())) == [
        [1, 2, 3],
        [4, 5, 6],
    ]


# ---------------------------------------------------------------- the key


def _key_content() -> Content:
    return Content(
        title="T",
        labels=Labels(left="Ab", right="Cdef"),
        items=[Item(n=1, heading="H", left="a", right="b")],
    )


def test_key_style_and_height() -> None:
    content = _key_content()
    st = key_style(content, 26)
    top, bottom = reach(["AB", "CDEF"], "Bold")
    assert st.face.name == "BeVietnamPro-Bold" and st.size == pytest.approx(26)
    assert st.leading == pytest.approx(max(1.0, top - bottom + 0.06))
    # the glyphs, 0.35 em of the box's padding above and below them, the gap
    assert key_height(content, 26, 5) == pytest.approx((top - bottom) * 26 + 0.7 * 26 + 5)


def test_key_size_follows_the_heading_under_the_title() -> None:
    # 1.3 × the heading, at most the title's size / 1.5
    assert key_size(20, None) == pytest.approx(26)
    assert key_size(20, 60) == pytest.approx(26)
    assert key_size(20, 36) == pytest.approx(24)


def test_key_geometry_lowers_the_body() -> None:
    content = _key_content()
    top, bottom = reach(["AB", "CDEF"], "Bold")
    geo = key_geometry(_geo(BODY, gutter=20), content, 26)
    room = (top - bottom) * 26 + 0.7 * 26 + 0.6 * 20
    assert box(geo.body) == approx(50, 40, 450, 540 - room)
    assert geo.gutter == 20


# the key drawn like a poster's side boxes: a quarter of the colour, letter-spaced labels
KEY_DESIGN = msgspec.structs.replace(DESIGN, tint=0.25, tracking=0.1)


def test_key_marks_by_hand() -> None:
    """Each label in a box like the tiles' sides: the 8 pt edge in the side's colour, its
    tint beside it, the label 0.35 em (9.1 pt) in from the edge and from the box's top
    and bottom glyph reach, letter-spaced by 0.1 em; 0.6 em, a 1.3 em arrow, 0.6 em
    between the boxes; the boxes centred in the row, their top at its top."""
    content = _key_content()
    pale = Color.from_rgb((1.0, 0.93, 0.0))  # yellow: no text colour on a light page
    brand = Brand(name="X", colors=Colors(left=pale))
    c = brand.colors
    marks = key_marks(content, brand, Rect(0, 0, 1000, 100), 26, KEY_DESIGN, 8)
    s, pad = 26.0, 9.1
    top, bottom = reach(["AB", "CDEF"], "Bold")
    lw, rw = (em("AB", "Bold") + 0.2) * s, (em("CDEF", "Bold") + 0.4) * s
    total = lw + rw + 2 * (8 + 2 * pad) + 1.3 * s + 2 * 0.6 * s
    x = (1000 - total) / 2
    base = 100 - pad - top * s
    foot = base + bottom * s - pad
    left_box, left_tint, left_text, arrow, right_box, right_tint, right_text = marks
    left_x1 = x + 8 + 2 * pad + lw
    for box_, tint, color in ((left_box, left_tint, pale), (right_box, right_tint, c.right)):
        assert isinstance(box_, Fill) and isinstance(tint, Fill)
        assert box_.color == color and box_.radius == tint.radius == 2.0
        assert tint.color.rgb == pytest.approx(tint_rgb(color.rgb, 0.25), abs=1e-9)
        assert box(tint.rect) == approx(box_.rect.x0 + 8, foot, box_.rect.x1, 100)
    assert box(left_box.rect) == approx(x, foot, left_x1, 100)  # type: ignore[union-attr]
    assert isinstance(left_text, TextLine) and left_text.text == "AB"
    assert (left_text.x, left_text.y, left_text.size) == approx(x + 8 + pad, base, s)
    assert left_text.font == "BeVietnamPro-Bold" and left_text.tracking == pytest.approx(2.6)
    # the yellow darkened as little as it takes to read on its tint
    least_darkened(left_text.color, pale, tint_rgb(pale.rgb, 0.25))
    ax0, ax1 = left_x1 + 0.6 * s, left_x1 + 0.6 * s + 1.3 * s
    cy, t, hh, head = base + 0.36 * s, 0.09 * s, 0.3 * s, ax1 - 0.45 * s
    assert isinstance(arrow, Polygon) and arrow.color == c.text
    assert [pytest.approx(p) for p in (
        (ax0, cy - t), (head, cy - t), (head, cy - hh), (ax1, cy), (head, cy + hh),
        (head, cy + t), (ax0, cy + t))] == list(arrow.points)  # fmt: skip
    right_x0 = ax1 + 0.6 * s
    assert box(right_box.rect) == approx(  # type: ignore[union-attr]
        right_x0, foot, right_x0 + 8 + 2 * pad + rw, 100
    )
    assert isinstance(right_text, TextLine) and right_text.text == "CDEF"
    assert (right_text.x, right_text.y) == approx(right_x0 + 8 + pad, base)
    # the national green has 3.71:1 on a quarter of itself: darkened too
    least_darkened(right_text.color, c.right, tint_rgb(c.right.rgb, 0.25))


def test_key_marks_shrink_to_a_narrow_row() -> None:
    """A point narrower than the key at 26 pt: the labels, their padding and the arrow
    scale (the edges do not), the boxes fill the row."""
    content = _key_content()
    brand = Brand(name="X")
    per = em("AB", "Bold") + em("CDEF", "Bold") + 6 * 0.1 + 4 * 0.35 + 2.5  # em
    row = Rect(10, 0, 10 + per * 26 + 2 * 8 - 1, 100)
    marks = key_marks(content, brand, row, 26, KEY_DESIGN, 8)
    first, text, last = marks[0], marks[2], marks[4]
    assert isinstance(text, TextLine) and text.size == pytest.approx((row.w - 16) / per)
    assert isinstance(first, Fill) and first.rect.x0 == pytest.approx(10)
    assert isinstance(last, Fill) and last.rect.x1 == pytest.approx(row.x1)
    roomy = key_marks(content, brand, Rect(10, 0, 10 + per * 26 + 16, 100), 26, KEY_DESIGN, 8)
    assert roomy[2].size == 26  # type: ignore[union-attr]


# ---------------------------------------------------------------- sizes


def test_poster_styles_from_the_yaml() -> None:
    y = _yaml("a1-portrait")["fonts"]
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    content = _key_content()
    st = poster_styles(content, layout, 20, 30)
    assert (st.body.size, st.heading.size) == (20, 30)
    assert st.label.size == pytest.approx(20 * y["label_ratio"])
    assert st.number.size == pytest.approx(30 * 0.95)
    top, bottom = reach(["a", "b"], "Regular")
    assert st.body.leading == pytest.approx(max(y["body"]["leading"], top - bottom + 0.06))
    top, bottom = reach(["H"], "Bold")
    assert st.heading.leading == pytest.approx(max(y["heading"]["leading"], top - bottom + 0.06))


def _small_content(*extra: Item) -> Content:
    return Content(
        title="Tiêu đề",
        labels=Labels(left="Trước", right="Sau"),
        items=[
            Item(n=1, heading="Một việc", left="Giấy tờ", right="Trực tuyến"),
            Item(n=2, heading="Hai việc", left="Xếp hàng", right="Ở nhà"),
            *extra,
        ],
    )


@pytest.mark.parametrize("name", ["a1-portrait", "a2-portrait"])
def test_a_small_content_gets_the_largest_sizes(name: str) -> None:
    """Two short items: the body at the layout's max, but at most a third of the title
    (0.1 pt steps: A2's 56 pt title allows 18.6 of its 20), the heading at max ratio (or
    max), under the title's size / 1.8 (the short title "Tiêu đề" fits its header at the
    YAML's largest title size: A1 80 pt, a cap of 44.4; A2 56, 31.1: neither binds).
    The key: 1.3 × the heading (under the title / 1.5)."""
    y = _yaml(name)
    layout = load_layout(name)
    assert isinstance(layout, PosterLayout)
    sol = solve(_small_content(), layout)
    title = y["header"]["title"]["max"]
    body = min(y["fonts"]["body"]["max"], math.floor(title / 3 * 10) / 10)
    heading = min(y["fonts"]["heading"]["max"], body * y["fonts"]["heading"]["ratio_max"])
    assert heading < title / 1.8
    assert (sol.styles.body.size, sol.styles.heading.size) == pytest.approx((body, heading))
    assert sol.key_size == pytest.approx(min(1.3 * heading, title / 1.5))
    assert [p.tile.item.n for p in sol.tiles] == [1, 2]
    # the body between the header and the footer, a gutter from each, the key above
    w, h = 594 if name == "a1-portrait" else 420, 841 if name == "a1-portrait" else 594
    b, m, g = y["bleed_mm"], y["safe_margin_mm"], y["grid"]["gutter_mm"]
    top_mm = b + h - y["header"]["height_mm"] - g
    top, bottom = reach(["TRƯỚC", "SAU"], "Bold")
    key = (top - bottom) * 1.3 * heading + 0.7 * 1.3 * heading + 0.6 * mm(g)
    assert box(sol.key) == approx(mm(b + m), mm(top_mm) - key, mm(b + w - m), mm(top_mm))
    assert box(sol.geometry.body) == approx(
        mm(b + m), mm(b + y["footer"]["height_mm"] + g), mm(b + w - m), mm(top_mm) - key
    )
    # every tile in the body, drawn (re-broken) at the solved sizes
    for p in sol.tiles:
        assert sol.geometry.body.contains(p.rect)
        assert p.tile.styles.body.size == body


def test_solve_keeps_solutions_by_value(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []

    def fake(content: Content, layout: PosterLayout, title: float | None) -> object:
        made.append(content.title)
        return object()

    monkeypatch.setattr(planner, "_solve", fake)
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)

    def content(i: int) -> Content:
        return msgspec.structs.replace(_key_content(), title=f"T{i}")

    first = solve(content(0), layout)
    assert solve(content(0), layout) is first  # an equal content: kept
    assert made == ["T0"]
    other = msgspec.structs.replace(layout, bleed_mm=5)
    assert solve(content(0), other) is not first  # another layout: solved again
    assert solve(content(0), layout) is first  # used again: now the most recent
    for i in range(1, 32):
        solve(content(i), layout)
    # 33 solutions made, 32 kept: the least recently used (T0 for `other`) dropped
    assert len(made) == 33
    assert solve(content(0), layout) is first
    assert len(made) == 33
    solve(content(0), other)  # made again; drops T1, now the oldest
    assert len(made) == 34
    solve(content(2), layout)
    assert len(made) == 34
    solve(content(1), layout)
    assert made[-1] == "T1" and len(made) == 35


def test_words_broken_only_when_nothing_else_fits() -> None:
    """A word wider than any tile is broken (the last resort) at the sizes found
    without that resort: the largest, here (a third of the 56 pt title: 18.6)."""
    y = _yaml("a2-portrait")
    layout = load_layout("a2-portrait")
    assert isinstance(layout, PosterLayout)
    long_word = "Đ" * 200
    sol = solve(_small_content(Item(n=3, heading="Ba", left=long_word, right="b")), layout)
    largest = min(y["fonts"]["body"]["max"], math.floor(y["header"]["title"]["max"] / 3 * 10) / 10)
    assert sol.styles.body.size == pytest.approx(largest)
    assert sum(p.tile.hyphens for p in sol.tiles) > 0


def test_a_word_is_broken_only_when_no_size_avoids_it() -> None:
    """A 48-letter word (30.816 em, fontTools) in an A2 tile: (400 - 5) / 2 = 197.5 mm
    columns (two a page; three items on two pages are too few for unequal widths),
    192.5 mm inside the padding, less 2 × 0.45 + 0.6 = 1.5 × the body for the side's
    padding and edge. It fits whole up to 545.67 / (30.816 + 1.5) = 16.89 pt: 16.8 on
    the 0.1 pt steps, though a broken word would let the body reach its 20 pt."""
    y = _yaml("a2-portrait")
    assert (y["pages"], y["grid"]["columns"], y["fonts"]["body"]["max"]) == (2, 2, 20)
    layout = load_layout("a2-portrait")
    assert isinstance(layout, PosterLayout)
    word = "a" * 48
    assert em(word) == pytest.approx(30.816)
    sol = solve(_small_content(Item(n=3, heading="Ba", left=word, right="b")), layout)
    assert sol.styles.body.size == pytest.approx(16.8)
    assert sum(p.tile.hyphens for p in sol.tiles) == 0


def test_the_drawn_tiles_have_no_runt() -> None:
    """At A1's 26 pt, 472.2 pt of text a line ((574 - 2 × 6) / 3 = 187.33 mm columns,
    180.33 mm inside the padding, less 1.5 × 26): 12 words "ba" (1.294 em, a space 0.23
    em), 9 beside the run-in label TRƯỚC ((3.752 + 5 × 0.06) em at 20.8 pt + 11.7). 22
    words: greedy 9 + 12 + 1; the drawn tile has no one-syllable last line."""
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    text = " ".join(["ba"] * 22)
    content = _small_content(Item(n=3, heading="Ba", left=text, right="b"))
    st = poster_styles(content, layout, 26, 39)
    column = mm((594 - 2 * 10 - 2 * 6) / 3)
    greedy = measure(content.items[2], content, planner.poster_design(layout), st, column)
    assert [len(line.split()) for line in greedy.left.lines] == [9, 12, 1]
    sol = solve(content, layout)
    assert sol.styles.body.size == 26
    tile = next(p.tile for p in sol.tiles if p.tile.item.n == 3)
    assert len(tile.left.lines) == 3 and len(tile.left.lines[-1].split()) > 1
    assert sum(len(line.split()) for line in tile.left.lines) == 22


def test_a_character_without_a_glyph_is_refused() -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    content = _small_content(Item(n=3, heading="Ba", left="雪", right="b"))
    with pytest.raises(PosterError) as e:
        solve(content, layout)
    assert (e.value.problems[0].code, e.value.problems[0].field) == (
        "glyph.missing",
        "items.2.left",
    )


def test_content_that_never_fits() -> None:
    layout = load_layout("a2-portrait")
    assert isinstance(layout, PosterLayout)
    heading = "Một tiêu đề rất dài cho một mục không bao giờ vừa"
    huge = " ".join(["chữ"] * 4000)
    content = _small_content(Item(n=9, heading=heading, left=huge, right="b"))
    with pytest.raises(PosterError) as e:
        solve(content, layout)
    p = e.value.problems[0]
    assert (p.code, p.field) == ("fit.item", "fonts.body.min")
    assert p.params["n"] == 9 and p.params["layout"] == "a2-portrait"
    assert p.params["size"] == _yaml("a2-portrait")["fonts"]["body"]["min"]
    assert p.params["heading"] == short(heading) and p.params["heading"].endswith("…")
    assert p.params["why"].startswith("the tile alone: ")
    assert p.file == layout.source_file


def test_no_room_between_header_and_footer() -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    header = msgspec.structs.replace(layout.header, height_mm=800)
    tall = msgspec.structs.replace(layout, header=header)
    with pytest.raises(PosterError) as e:
        solve(_small_content(), tall)
    assert (e.value.problems[0].code, e.value.problems[0].field) == (
        "fit.no-room",
        "header.height_mm",
    )
    assert e.value.problems[0].file == layout.source_file
    narrow = msgspec.structs.replace(layout, safe_margin_mm=300)  # 594 - 600 mm wide
    with pytest.raises(PosterError) as e:
        solve(_small_content(), narrow)
    assert e.value.problems[0].code == "fit.no-room"


@pytest.mark.parametrize(
    ("page", "header", "footer", "margin", "code"),
    [
        # a 200 mm page, 100 mm of header and of footer, no bleed or gutter: the
        # body is 0 tall (exactly: mm(200) is twice mm(100)), then 0.1 mm tall
        (200, 100, 100, 12, "fit.no-room"),
        (200, 100, 99.9, 12, "fit.item"),
        # margins of half the 594 mm width: 0 wide, then 0.2 mm wide
        (841, 84, 50, 297, "fit.no-room"),
        (841, 84, 50, 296.9, "fit.item"),
    ],
)
def test_no_room_is_a_body_of_no_height_or_width(page, header, footer, margin, code) -> None:
    """Any room at all is room: tiles that cannot use it do not fit, as always."""
    a1 = load_layout("a1-portrait")
    assert isinstance(a1, PosterLayout)
    layout = msgspec.structs.replace(
        a1,
        page=Page(width_mm=594, height_mm=page),
        bleed_mm=0,
        safe_margin_mm=margin,
        header=msgspec.structs.replace(a1.header, height_mm=header),
        footer=msgspec.structs.replace(a1.footer, height_mm=footer),
        grid=Grid(columns=3, gutter_mm=0),
    )
    with pytest.raises(PosterError) as e:
        solve(_small_content(), layout)
    assert e.value.problems[0].code == code


# ---------------------------------------------------------------- crop marks


def test_crop_marks_by_hand() -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    geo = page_geometry(layout, 3, marks=True)
    brand = Brand(name="Xã Thử")
    marks = crop_marks(geo, Options(filename="f.pdf", date="2026-12-03"), layout, brand)
    # trim 16 mm in (3 bleed + 2 gap + 6 mark + 5 slug); bleed box 13 mm in; marks
    # 2 mm outside the bleed, 6 mm long, 0.25 pt, on every plate
    lines = [(m.x0, m.y0, m.x1, m.y1) for m in marks if isinstance(m, Line)]
    expected = [
        (11, 16, 5, 16), (16, 11, 16, 5), (11, 857, 5, 857), (16, 862, 16, 868),
        (615, 16, 621, 16), (610, 11, 610, 5), (615, 857, 621, 857), (610, 862, 610, 868),
    ]  # fmt: skip
    assert lines == [approx(*(mm(v) for v in e)) for e in expected]
    assert all(m.width == 0.25 and m.color == REGISTRATION for m in marks if isinstance(m, Line))
    slug = marks[-1]
    assert len(marks) == 9 and isinstance(slug, TextLine)
    text = "f.pdf · a1-portrait 594 × 841 mm, bleed 3 mm · Xã Thử · 2026-12-03 · RGB"
    assert slug.text == text
    _, bottom = reach([text], "Regular")
    assert (slug.x, slug.y) == approx(mm(16), mm(1.5) - bottom * 6.5)
    assert (slug.font, slug.size, slug.color) == ("BeVietnamPro-Regular", 6.5, BLACK)


@pytest.mark.parametrize(
    ("options", "tail"),
    [
        (Options(bleed_mm=5, cmyk=True, date="d"), "bleed 5 mm · X · d · CMYK"),
        (Options(pdfx="1a", cmyk=True, date="d"), "bleed 3 mm · X · d · PDF/X-1a"),
        (Options(pdfx="4", date="d"), "bleed 3 mm · X · d · PDF/X-4"),
        (Options(bleed_mm=0), f"bleed 0 mm · X · {date.today().isoformat()} · RGB"),
    ],
)
def test_crop_marks_slug(options: Options, tail: str) -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    geo = page_geometry(layout, options.bleed_mm, marks=True)
    slug = crop_marks(geo, options, layout, Brand(name="X"))[-1]
    assert isinstance(slug, TextLine)
    assert slug.text == "a1-portrait 594 × 841 mm, " + tail  # no file name: none shown


def test_crop_marks_slug_names_the_page() -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    geo = page_geometry(layout, None, marks=True)
    options = Options(filename="f.pdf", date="d")
    slug = crop_marks(geo, options, layout, Brand(name="X"), "trang 2/3")[-1]
    assert isinstance(slug, TextLine)
    assert slug.text == "f.pdf · a1-portrait 594 × 841 mm, bleed 3 mm · trang 2/3 · X · d · RGB"


# ---------------------------------------------------------------- the document


def _frames(doc) -> list[Rect]:
    """The tiles' frames: white, with the layout's 3 mm corners."""
    return [
        m.rect
        for m in doc.pages[0].marks
        if isinstance(m, Fill) and m.color == WHITE and m.radius == pytest.approx(mm(3))
    ]


def test_plan_poster_document() -> None:
    y = _yaml("a1-portrait")
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    brand = Brand(name="Xã Thử")
    content = _small_content()
    doc = plan_poster(content, layout, brand, Options())
    assert (doc.kind, doc.title, doc.author, doc.layout) == (
        "poster", "Tiêu đề", "Xã Thử", "a1-portrait")  # fmt: skip
    assert doc.subject == "Tiêu đề — Xã Thử"
    assert (doc.body_size, doc.heading_size) == pytest.approx((26, 39))  # see above
    assert (doc.cmyk, doc.pdfx) == (False, "")
    page = doc.pages[0]
    b = y["bleed_mm"]
    assert (page.width, page.height) == approx(mm(594 + 2 * b), mm(841 + 2 * b))
    assert page.kind == "poster"
    assert page.trim is not None and page.bleed is not None
    assert box(page.trim) == approx(mm(b), mm(b), mm(594 + b), mm(841 + b))
    assert box(page.bleed) == approx(0, 0, mm(594 + 2 * b), mm(841 + 2 * b))
    assert page.marks[0] == Fill(page.bleed, brand.colors.background)
    # the header band: its height below the trim's top, out to the bleed (no letterhead:
    # it does not grow)
    band = page.marks[1]
    hh = y["header"]["height_mm"]
    assert isinstance(band, Fill) and band.color == brand.colors.primary
    assert box(band.rect) == approx(0, mm(b + 841 - hh), mm(594 + 2 * b), mm(841 + 2 * b))
    # one white frame per tile in the body, with the layout's corner radius; no crop marks
    g = y["grid"]["gutter_mm"]
    body = Rect(mm(b), mm(b + y["footer"]["height_mm"] + g), mm(b + 594),
                mm(b + 841 - y["header"]["height_mm"] - g))  # fmt: skip
    frames = [
        m for m in page.marks if isinstance(m, Fill) and m.color == WHITE and body.contains(m.rect)
    ]
    assert len(frames) == 2 and all(f.radius == pytest.approx(mm(3)) for f in frames)
    # the first column at the safe margin
    assert min(f.rect.x0 for f in frames) == pytest.approx(mm(b + y["safe_margin_mm"]))
    assert not any(isinstance(m, Line) and m.color == REGISTRATION for m in page.marks)
    # the key: the two labels in capitals, the arrow, a chevron per tile
    texts = [m.text for m in page.marks if isinstance(m, TextLine)]
    assert "TRƯỚC" in texts and "SAU" in texts
    assert sum(isinstance(m, Polygon) for m in page.marks) == 2 + 1


def test_plan_poster_print_options_move_everything() -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    brand, content = Brand(name="X"), _small_content()
    plain = plan_poster(content, layout, brand, Options())
    marked = plan_poster(content, layout, brand, Options(marks=True, bleed_mm=5, cmyk=True))
    # the trim moves from 3 mm to 5 + 2 + 6 + 5 = 18 mm in: every tile with it
    y = _yaml("a1-portrait")
    m, hh, g = y["safe_margin_mm"], y["header"]["height_mm"], y["grid"]["gutter_mm"]
    d = mm(15)
    assert len(_frames(plain)) == 2
    # the first column at the safe margin: 3 mm and the margin in, then 18 mm and it
    assert min(r.x0 for r in _frames(plain)) == pytest.approx(mm(3 + m))
    assert min(r.x0 for r in _frames(marked)) == pytest.approx(mm(18 + m))
    assert [box(r) for r in _frames(marked)] == [
        approx(*box(r.shift(d, d))) for r in _frames(plain)
    ]
    page = marked.pages[0]
    back = page.marks[0]
    assert isinstance(back, Fill) and back.color == brand.colors.background
    assert box(back.rect) == approx(mm(13), mm(13), mm(13 + 604), mm(13 + 851))
    crop = [m for m in page.marks if isinstance(m, Line) and m.color == REGISTRATION]
    assert len(crop) == 8
    assert marked.cmyk and marked.pdfx == ""
    pdfx = plan_poster(content, layout, brand, Options(pdfx="4"))
    assert pdfx.cmyk and pdfx.pdfx == "4"

    def key(doc) -> list[tuple[float, float]]:  # the key's labels: 1.3 × the 39 pt heading
        marks = doc.pages[0].marks
        return [(m.x, m.y) for m in marks if isinstance(m, TextLine) and m.size == 1.3 * 39]

    # the key moves with the tiles
    # the key's boxes' top at the body's top: 3 + 841 mm less the header and a gutter;
    # the labels 0.35 em below it and their glyphs' reach
    top, _ = reach(["TRƯỚC", "SAU"], "Bold")
    first = mm(3 + 841 - hh - g) - 0.35 * 1.3 * 39 - top * 1.3 * 39
    assert [y for _, y in key(plain)] == approx(first, first)
    assert key(marked) == [approx(x + d, y + d) for x, y in key(plain)]
    # a bleed alone, no marks: the trim 5 mm in, no crop marks
    bled = plan_poster(content, layout, brand, Options(bleed_mm=5))
    assert [box(r) for r in _frames(bled)] == [
        approx(*box(r.shift(mm(2), mm(2)))) for r in _frames(plain)
    ]
    assert not any(isinstance(m, Line) and m.color == REGISTRATION for m in bled.pages[0].marks)
    assert min(r.x0 for r in _frames(bled)) == pytest.approx(mm(5 + m))


def test_a_title_too_long_blames_the_header_height() -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    content = msgspec.structs.replace(_small_content(), title=" ".join(["Tiêu đề dài"] * 40))
    with pytest.raises(PosterError) as e:
        plan_poster(content, layout, Brand(name="X"), Options())
    p = e.value.problems[0]
    assert (p.code, p.field, p.file) == ("fit.title", "header.height_mm", layout.source_file)
    assert p.params["layout"] == "a1-portrait"


def test_plan_document_takes_the_poster_planner() -> None:
    layout = load_layout("a0-portrait")
    doc = plan_document(_small_content(), layout, Brand(name="X"))
    y = _yaml("a0-portrait")
    assert doc.kind == "poster" and doc.body_size == y["fonts"]["body"]["max"]


# ---------------------------------------------------------------- over several pages


def _six() -> Content:
    return Content(
        title="Tiêu đề",
        labels=Labels(left="Trước", right="Sau"),
        items=[
            Item(n=i, heading=f"Việc {i}", left="Giấy tờ", right="Trực tuyến") for i in range(1, 7)
        ],
    )


def test_solve_over_two_pages() -> None:
    """A3 (YAML: 2 pages, 2 level columns): six short items (one line at every width),
    too few to fill a column. Every page break leaves a column of one tile, as far from
    level as any (its spare / its room to grow): the most even break, three a page; on
    each page the first split (1 | 2 + 3) of two as far from level, at equal widths.
    The largest sizes (the title "Tiêu đề" fits at A3's 40 pt: the body a third of it at
    most, 13.3; headings up to 22.2)."""
    y = _yaml("a3-portrait")
    assert (y["pages"], y["grid"]["columns"], y["grid"]["flow"]) == (2, 2, "masonry")
    layout = load_layout("a3-portrait")
    assert isinstance(layout, PosterLayout)
    sol = solve(_six(), layout)
    f = y["fonts"]
    body = min(f["body"]["max"], math.floor(y["header"]["title"]["max"] / 3 * 10) / 10)
    heading = min(f["heading"]["max"], body * f["heading"]["ratio_max"])
    assert heading < y["header"]["title"]["max"] / 1.8
    assert (sol.styles.body.size, sol.styles.heading.size) == pytest.approx((body, heading))
    assert [[p.tile.item.n for p in page] for page in sol.pages] == [[1, 2, 3], [4, 5, 6]]
    assert [p.tile.item.n for p in sol.tiles] == [1, 2, 3, 4, 5, 6]
    # on each page the two columns side by side, from the body's left at the margin
    b, m = y["bleed_mm"], y["safe_margin_mm"]
    for page in sol.pages:
        assert all(sol.geometry.body.contains(p.rect) for p in page)
        assert page[0].rect.x0 == pytest.approx(mm(b + m))
        assert page[0].rect.x1 < page[1].rect.x0
        assert page[1].rect.x0 == page[2].rect.x0 and page[2].rect.y1 < page[1].rect.y0
        assert page[0].rect.w == pytest.approx(page[1].rect.w)


def _numbers_on(page) -> list[str]:
    """The tiles' numbers on a page (the badge's text: the item's number)."""
    return [m.text for m in page.marks if isinstance(m, TextLine) and m.text.isdigit()]


def test_plan_poster_over_two_pages() -> None:
    y = _yaml("a3-portrait")
    layout = load_layout("a3-portrait")
    assert isinstance(layout, PosterLayout)
    brand = Brand(name="X")
    options = Options(filename="f.pdf", date="d", marks=True)
    doc = plan_poster(_six(), layout, brand, options)
    assert len(doc.pages) == y["pages"] == 2
    assert [p.label for p in doc.pages] == ["Trang 1/2", "Trang 2/2"]
    assert [_numbers_on(p) for p in doc.pages] == [["1", "2", "3"], ["4", "5", "6"]]
    frames = [
        [m for m in p.marks if isinstance(m, Fill) and m.color == WHITE
         and m.radius == pytest.approx(mm(y["tile"]["radius_mm"]))]
        for p in doc.pages
    ]  # fmt: skip
    assert [len(f) for f in frames] == [3, 3]
    # the same places on both pages: a tile a column
    assert [box(m.rect) for m in frames[1]] == [approx(*box(m.rect)) for m in frames[0]]
    assert y["page"]["size"] == "A3"  # 297 × 420 mm, in the slug
    for i, page in enumerate(doc.pages, start=1):
        # each page whole: the ground, the title, the key, the footer, its own slug
        assert page.marks[0] == Fill(page.bleed, brand.colors.background)
        texts = [m.text for m in page.marks if isinstance(m, TextLine)]
        assert texts[0] == "Tiêu đề"
        assert texts.count("TRƯỚC") == 1 + 3  # the key's and each tile's
        crop = [m for m in page.marks if isinstance(m, Line) and m.color == REGISTRATION]
        assert len(crop) == 8
        slug = f"f.pdf · a3-portrait 297 × 420 mm, bleed 3 mm · trang {i}/2 · X · d · RGB"
        assert texts[-1] == slug
    f = y["fonts"]  # the largest sizes, as in test_solve_over_two_pages
    body = min(f["body"]["max"], math.floor(y["header"]["title"]["max"] / 3 * 10) / 10)
    heading = min(f["heading"]["max"], body * f["heading"]["ratio_max"])
    assert (doc.body_size, doc.heading_size) == pytest.approx((body, heading))


def test_plan_poster_one_page_has_no_page_label() -> None:
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    assert _yaml("a1-portrait").get("pages", 1) == 1
    options = Options(filename="f.pdf", date="d", marks=True)
    doc = plan_poster(_small_content(), layout, Brand(name="X"), options)
    assert len(doc.pages) == 1 and doc.pages[0].label == ""
    slug = doc.pages[0].marks[-1]
    assert isinstance(slug, TextLine)
    assert slug.text == "f.pdf · a1-portrait 594 × 841 mm, bleed 3 mm · X · d · RGB"


# ---------------------------------------------------------------- the size with level columns


class _Plan:
    """A stand-in for an Arrangement: level (or not), tiles 1 pt tall."""

    def __init__(self, level: bool, hyphens: int, n: int):
        self.level, self.hyphens = level, hyphens
        self.tiles = {0: [msgspec.structs.replace(_ONE_TILE, styles=_styles())] * n}
        self.pages = ("page",)


_ONE_TILE = planner.measure(
    Item(n=1, heading="Hh", left=ONE, right=ONE), _content(ONE), DESIGN, _styles(), 200.0
)


def _grown(monkeypatch, levels, hyphens=lambda t: 0, sizes=(16.0, 20.8), strict=True):
    """_masonry_solution on A1 (its YAML: body 14 to 26, aim 16; headings 1.3 to 1.5 ×
    the body) with arrangements that level where `levels(tenths, steps, same grid,
    heading)` says (None: nothing fits); what it asked for, in order (tenths, heading,
    width steps, one grid for all pages), and its solution."""
    asked: list[tuple[int, float, int, bool]] = []

    def fake(content, layout, design, geo, st, steps=planner.WIDTH_STEPS, same=True):
        t = round(st.body.size * 10)
        asked.append((t, round(st.heading.size, 2), steps, same))
        level = levels(t, steps, same, round(st.heading.size, 2))
        return None if level is None else _Plan(level, hyphens(t), len(content.items))

    monkeypatch.setattr(planner, "arrange_pages", fake)
    monkeypatch.setattr(planner, "draw_pages", lambda *a: [[]])
    monkeypatch.setattr(type(_ONE_TILE), "height", property(lambda self: 1.0))
    layout = load_layout("a1-portrait")
    assert isinstance(layout, PosterLayout)
    y = _yaml("a1-portrait")["fonts"]
    assert (y["body"]["min"], y["body"]["aim"]) == (14, 16)
    assert (y["heading"]["ratio_min"], y["heading"]["ratio_max"]) == (1.3, 1.5)
    geo = page_geometry(layout)
    sol = planner._masonry_solution(
        _small_content(), layout, planner.poster_design(layout), geo, None, sizes, strict
    )
    return asked, sol


def _bodies(asked, steps=0):
    """The bodies asked for with equal columns (steps 0) or other widths, in order, once."""
    return list(dict.fromkeys(t for t, _, s, _ in asked if s == steps))


def test_the_type_grows_into_level_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiles of 1 pt leave far more room than they need: the estimate is the found 16 pt
    × 1.15 = 18.4. Equal columns first: down from it by 1, 2, 4, 8 tenths (18.4, 18.3,
    18.1, 17.7, 16.9) until the columns level (here up to 17.3), then bisected up: 17.3
    levels, 17.5 and 17.4 do not. 17.3 reaches the aim (16): equal columns are kept, and
    no other width is tried. The heading: the largest that levels, up to 1.5 × 17.3."""
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: t <= 173)
    assert _bodies(asked) == [160, 184, 183, 181, 177, 169, 173, 175, 174]
    assert {s for _, _, s, _ in asked} == {0}
    assert sol is not None and sol.styles.body.size == pytest.approx(17.3)
    assert sol.styles.heading.size == pytest.approx(17.3 * 1.5)
    assert sol.key_size == pytest.approx(1.3 * 1.5 * 17.3)
    assert sol.pages == ((),)


def test_the_type_shrinks_to_level_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Columns that level only at 15.2 pt or less, at any width: equal columns are
    tried down to the aim (16, the found size: 18.4, 18.3, 18.1, 17.7, 16.9, 16); then
    columns up to ±5 % (which take equal ones first at each size) by way of the found
    16 (after 16.9 the next step would be 15.3) and 14 (the layout's smallest, after
    16 - 3.2), then bisected: 15, 15.5, 15.2 and 15.3."""
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: t <= 152)
    assert _bodies(asked) == [160, 184, 183, 181, 177, 169]
    assert _bodies(asked, planner.WIDTH_STEPS) == [184, 183, 181, 177, 169, 160, 140, 150, 155,
                                                   152, 153]  # fmt: skip
    assert sol is not None and sol.styles.body.size == pytest.approx(15.2)


def test_unequal_columns_only_under_the_aim(monkeypatch: pytest.MonkeyPatch) -> None:
    # equal columns level up to 15.5 (under the aim, 16), ±5 % up to 16.6: those
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: t <= (155 if s == 0 else 166))
    assert sol is not None and sol.styles.body.size == pytest.approx(16.6)
    assert asked[-1][2:] == (planner.WIDTH_STEPS, True)
    assert min(_bodies(asked)) == 160  # equal columns are not tried under the aim
    # equal columns up to 16.2 reach the aim: kept, though ±5 % would hold 17
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: t <= (162 if s == 0 else 170))
    assert sol is not None and sol.styles.body.size == pytest.approx(16.2)
    assert {s for _, _, s, _ in asked} == {0}
    # nothing levels within ±5 % on one grid: ±10 % on one grid, then a grid a page
    levels = {(planner.LAST_STEPS, True): 150, (planner.LAST_STEPS, False): 158}
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: t <= levels.get((s, same), 0))
    assert sol is not None and sol.styles.body.size == pytest.approx(15.0)
    assert asked[-1][2:] == (planner.LAST_STEPS, True)
    levels = {(planner.LAST_STEPS, False): 158}
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: t <= levels.get((s, same), 0))
    assert sol is not None and sol.styles.body.size == pytest.approx(15.8)
    assert asked[-1][2:] == (planner.LAST_STEPS, False)


def test_the_heading_is_the_largest_that_levels(monkeypatch: pytest.MonkeyPatch) -> None:
    """The body levels up to 17.3 with a heading of 1.3 to 1.4 × it (22.49 to 24.22):
    the largest heading on 0.1 pt steps that levels, 24.2."""
    _, sol = _grown(
        monkeypatch, lambda t, s, same, h: t <= 173 and 1.3 * t / 10 - 1e-6 <= h <= 24.22
    )
    assert sol is not None and sol.styles.body.size == pytest.approx(17.3)
    assert sol.styles.heading.size == pytest.approx(24.2)


def test_no_level_columns_draws_the_size_found(monkeypatch: pytest.MonkeyPatch) -> None:
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: False)
    assert 140 in _bodies(asked, planner.LAST_STEPS) and 160 in _bodies(asked)
    assert sol is not None and sol.styles.body.size == pytest.approx(16)
    assert sol.styles.heading.size == pytest.approx(20.8)
    assert (160, 20.8, planner.LAST_STEPS, False) in asked  # a page its own widths
    # nothing fits at all, and the search had no size: no solution
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: None, sizes=None)
    assert sol is None and asked[0][0] == 140


def test_a_broken_word_stops_the_growth(monkeypatch: pytest.MonkeyPatch) -> None:
    """Level up to 18.4, but words broken above 17.0: the size found without them wins;
    a search that had to break words (not strict) takes the largest level size."""
    asked, sol = _grown(monkeypatch, lambda t, s, same, h: True, hyphens=lambda t: int(t > 170))
    assert sol is not None and sol.styles.body.size == pytest.approx(17.0)
    assert _bodies(asked)[:2] == [160, 184]
    _, sol = _grown(monkeypatch, lambda t, s, same, h: True, hyphens=lambda t: 1, strict=False)
    assert sol is not None and sol.styles.body.size == pytest.approx(18.4)
