"""Stage tests of the contrast tile (plan/tile.py): measuring, the named boxes, the marks.

The text is set in the ruler face (tests/metrics.py): every character 0.25 em wide,
glyphs 0.75 em up and 0.25 em down. The four styles below are built here, so every
width, height and position is worked by hand from them and from the Design the test
writes, never read from what the code under test produced:

    body     12 pt, pitch 1.5  → 3 pt a character, ascent 9, descent 3, pitch 18
    heading  16 pt, pitch 1.25 → 4 pt a character, ascent 12, descent 4, pitch 20
    label     4 pt             → 1 pt a character
    number   12 pt             → 3 pt a character, ascent 9

The design rules: badge = 1.75 × heading, number gap = 0.45 × heading (a numeral:
0.35 × the number size), side padding = max(1.5 mm, 0.45 × body), edge = max(1.2 mm,
0.6 × body) when framed (max(2 mm, 0.2 × body) when not), between = max(design's,
0.7 × body) when framed, a run-in label's room = its width, letter-spaced by the
design's tracking (em) after each character, + 0.45 × body, a label above its text has
0.4 × body below it; a badge tile's icon is two heading pitches square (a numeral's 1.6
× the heading); a stacked tile may grow a body pitch per side box (side by side: 0.75 ×
a pitch), shared above and below the box's text.

Issue 19 changed the edge (0.3 → 0.6 × body: 3 mm and more on A1), the icon (0.85 ×
the badge → two heading lines), the growth (0.75 → 1 pitch a stacked side, centred, not
all below the text) and added the tint, the tracking and the icon's colour to the
design: the numbers below are worked again by hand for these rules.
"""

from __future__ import annotations

import msgspec
import pytest
import yaml
from metrics import (
    LAYOUTS,
    approx,
    box,
    em,
    least_darkened,
    lightness,
    mm,
    reach,
    ruler,
    tint_rgb,
    wcag,
)

from poster.colors import BLACK, SIDE_TINT, WHITE, Color, side_fills
from poster.document import Disc, Fill, Icon, Polygon, TextBox, TextLine
from poster.geometry import Rect
from poster.plan.tile import (
    Design,
    Styles,
    Unfit,
    arrange,
    item_notes,
    labels,
    make_styles,
    measure,
    poster_design,
    slide_design,
    tile_marks,
)
from poster.spec import Brand, Colors, Content, Item, Labels, load_layout


def _styles(body: float = 12.0) -> Styles:
    return Styles(body=ruler(body), heading=ruler(16, 1.25), label=ruler(4), number=ruler(12, 1.0))


def _content(*items: Item, left: str = "Ab", right: str = "Cdef") -> Content:
    return Content(title="T", labels=Labels(left=left, right=right), items=list(items))


def _item(left: str = "aaaa", right: str = "bbbb", heading: str = "Hh", **kw) -> Item:
    return Item(n=kw.pop("n", 1), heading=heading, left=left, right=right, **kw)


STACKED = Design(
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
SIDE_BY_SIDE = msgspec.structs.replace(STACKED, sides="side-by-side")
# a poster's tile: a stronger tint, letter-spaced labels, the icon in the "after" colour
POSTER = msgspec.structs.replace(STACKED, tint=0.25, tracking=0.1, icon_color="right")
# a slide's tile: no frame, a numeral, labels above, balanced headings
SLIDE = Design(
    sides="side-by-side",
    pad=0.0,
    gap=6.0,
    between=10.0,
    radius=0.0,
    side_radius=3.0,
    number="numeral",
    label="above",
    frame=False,
    side_pad=4.0,
    number_width=20.0,
    heading_lines=2,
    balance_heading=True,
    chevron_mid=True,
)
BRAND = Brand(name="Xã Thử")


# ---------------------------------------------------------------- measure


def test_measure_stacked_by_hand() -> None:
    content = _content(_item())
    m = measure(content.items[0], content, STACKED, _styles(), 200.0)
    assert (m.badge, m.badge_height, m.number_gap) == approx(28, 28, 7.2)  # 1.75, 0.45 × 16
    assert (m.side_pad, m.edge, m.between) == approx(5.4, 7.2, 8.4)  # 0.45, 0.6, 0.7 × 12
    assert m.icon == 0 and m.label == "run-in" and m.label_gap == 0
    # "AB" and "CDEF" at 1 pt a character, plus 0.45 × 12
    assert m.label_room == approx(7.4, 9.4)
    assert m.left_label.lines == ("AB",) and m.right_label.lines == ("CDEF",)
    assert (m.heading.lines, m.left.lines, m.right.lines) == (("Hh",), ("aaaa",), ("bbbb",))
    assert m.width == 200 and m.item is content.items[0] and m.design is STACKED
    # the badge (28) is taller than the one heading line (12 + 4)
    assert m.head_height == pytest.approx(28)
    assert m.side_width == pytest.approx(180)  # 200 - 2 × 10
    # a side: 2 × 5.4 around one body line (9 + 3)
    assert (m.side_height("left"), m.side_height("right")) == approx(22.8, 22.8)
    # 2 × 10 + 28 + 5 + 22.8 + 8.4 + 22.8
    assert m.height == pytest.approx(107)
    assert m.grow == pytest.approx(2 * 18)  # a body pitch for each of the two sides
    assert m.hyphens == 0


def test_measure_side_by_side_by_hand() -> None:
    # each side (180 - 8.4) / 2 = 85.8 wide, its text 85.8 - 10.8 - 7.2 = 67.8 (22
    # characters); the right text's first line has 67.8 - 9.4 = 58.4 beside its label
    right = "bbbbbbbbbb cccccccccc dddddddddd"
    content = _content(_item(right=right))
    m = measure(content.items[0], content, SIDE_BY_SIDE, _styles(), 200.0)
    assert m.side_width == pytest.approx(85.8)
    assert m.right.lines == ("bbbbbbbbbb", "cccccccccc dddddddddd")
    # two lines: 9 + 18 + 3, and the padding
    assert (m.side_height("left"), m.side_height("right")) == approx(22.8, 40.8)
    assert m.height == pytest.approx(20 + 28 + 5 + 40.8)  # the taller side alone
    assert m.grow == pytest.approx(0.75 * 18)
    # beside the shorter left label (7.4) the first line has 60.4 pt: two words (60),
    # which do not fit the right one's 58.4
    text = "bbbbbbbbbb ccccccccc dddddddddd"
    both = _content(_item(left=text, right=text))
    m = measure(both.items[0], both, SIDE_BY_SIDE, _styles(), 200.0)
    assert m.left.lines == ("bbbbbbbbbb ccccccccc", "dddddddddd")
    assert m.right.lines == ("bbbbbbbbbb", "ccccccccc dddddddddd")


def test_measure_the_floors_of_a_small_body() -> None:
    """At 4 pt the padding, edge and gap fall back to their floors."""
    content = _content(_item())
    m = measure(content.items[0], content, STACKED, _styles(body=4.0), 200.0)
    assert (m.side_pad, m.edge, m.between) == approx(mm(1.5), mm(1.2), 8.0)
    # labels: 2 and 4 characters at 1 pt, plus 0.45 × 4
    assert m.label_room == approx(3.8, 5.8)


def test_measure_without_a_frame() -> None:
    content = _content(_item())
    bare = msgspec.structs.replace(STACKED, frame=False, between=2.0)
    m = measure(content.items[0], content, bare, _styles(), 200.0)
    # no floor for the gap between the sides; the edge is max(2 mm, 0.2 × body)
    assert (m.between, m.edge) == approx(2.0, mm(2))
    big = measure(content.items[0], content, bare, _styles(body=30.0), 200.0)
    assert big.edge == pytest.approx(6.0)


def test_a_long_label_goes_above_its_text() -> None:
    """Run in while its room (width + 5.4) is at most half the text's width (180 - 10.8
    - 7.2 = 162, half 81)."""
    item = _item()
    fits = _content(item, left="A" * 75)  # 75 + 5.4 = 80.4
    m = measure(item, fits, STACKED, _styles(), 200.0)
    assert m.label == "run-in" and m.label_room == approx(80.4, 9.4)
    long_ = _content(item, left="A" * 76)  # 81.4
    m = measure(item, long_, STACKED, _styles(), 200.0)
    assert m.label == "above" and m.label_room == (0.0, 0.0)
    assert m.label_gap == pytest.approx(0.4 * 12)
    assert m.left_label.lines == ("A" * 76,) and m.right_label.lines == ("CDEF",)
    # a label 4 + 1 pt tall, its gap, one body line, the padding
    assert m.side_height("left") == pytest.approx(10.8 + 4 + 4.8 + 12)
    # labels above wrap in the text's width (162 characters at 1 pt)
    longer = _content(item, left="A" * 100 + " " + "B" * 100)
    m = measure(item, longer, STACKED, _styles(), 200.0)
    assert m.left_label.lines == ("A" * 100, "B" * 100)
    assert m.side_height("left") == pytest.approx(10.8 + (3 + 6 + 1) + 4.8 + 12)
    assert m.side_height("right") == pytest.approx(10.8 + 4 + 4.8 + 12)


def test_measure_the_numeral_the_icon_and_a_balanced_heading() -> None:
    heading = "aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd"  # 39 characters, 156 pt
    content = _content(_item(heading=heading, icon="lamp"))
    m = measure(content.items[0], content, SLIDE, _styles(), 200.0)
    # the numerals' column, their ascent, 0.35 × 12; the icon 1.6 × the heading
    assert (m.badge, m.badge_height, m.number_gap) == approx(20, 9, 4.2)
    assert m.icon == pytest.approx(25.6)
    assert (m.side_pad, m.between, m.edge) == approx(4, 10, mm(2))
    assert m.label == "above" and m.label_gap == pytest.approx(4.8)
    # 200 - 20 - 4.2 - (25.6 + 4.2) = 146 pt: greedy would keep three words on line
    # one (116 pt), balanced lines are two words each
    assert m.heading.lines == ("aaaaaaaaa bbbbbbbbb", "ccccccccc ddddddddd")
    assert m.head_height == pytest.approx(12 + 20 + 4)
    # the side's text: (200 - 10) / 2 - 2 × 4 - 2 mm
    assert m.side_width == pytest.approx(95)
    wide = _content(_item(left="a" * 27))  # 81 pt: fits 95 - 8 - 5.67 = 81.33
    assert measure(wide.items[0], wide, SLIDE, _styles(), 200.0).left.lines == ("a" * 27,)
    wider = _content(_item(left="a" * 28 + " b"))  # 84 pt: broken inside
    broken = measure(wider.items[0], wider, SLIDE, _styles(), 200.0)
    assert broken.left.hyphens == 1 and broken.hyphens == 1


def test_the_icon_of_a_badge_tile() -> None:
    content = _content(_item(icon="lamp"))
    m = measure(content.items[0], content, STACKED, _styles(), 200.0)
    assert m.icon == pytest.approx(2 * 20)  # two heading pitches
    assert m.head_height == pytest.approx(40)  # taller than the badge (28)
    # the heading's room: 180 - 28 - 7.2 - (40 + 7.2) = 97.6: 24 characters of 4 pt
    fits = _content(_item(heading="h" * 24 + " i", icon="lamp"))
    assert measure(fits.items[0], fits, STACKED, _styles(), 200.0).heading.lines == (
        "h" * 24,
        "i",
    )
    no_icon = _content(_item(heading="h" * 36))  # 144 ≤ 180 - 28 - 7.2
    assert measure(no_icon.items[0], no_icon, STACKED, _styles(), 200.0).heading.lines == (
        "h" * 36,
    )


def test_a_heading_over_its_lines_is_unfit() -> None:
    heading = "aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd"
    content = _content(_item(heading=heading, icon="lamp"))
    one_line = msgspec.structs.replace(SLIDE, heading_lines=1)
    with pytest.raises(Unfit) as e:
        measure(content.items[0], content, one_line, _styles(), 200.0)
    assert e.value.item is content.items[0]
    assert e.value.why == "the heading needs more than 1 lines" == str(e.value)
    # exactly at the limit: no error
    assert len(measure(content.items[0], content, SLIDE, _styles(), 200.0).heading.lines) == 2


def test_a_character_wider_than_the_tile_is_unfit() -> None:
    content = _content(_item())
    # 30 - 2 × 10 = 10 pt inside: the heading's room (10 - 28 - 7.2) is below zero
    with pytest.raises(Unfit) as e:
        measure(content.items[0], content, STACKED, _styles(), 30.0)
    assert e.value.item is content.items[0]
    assert e.value.why == "the word 'Hh' is wider than the tile"


def test_final_rebreaks_without_a_runt() -> None:
    """Eleven 4-letter words: greedy puts ten on line one (49 characters ≤ (162 - 7.4)
    / 3 = 51.5) and leaves a runt; the drawn tile breaks 8 + 3, the least ragged split
    whose last line (14 characters, 42 pt) is not shorter than a quarter of 162."""
    text = " ".join(["aaaa"] * 11)
    content = _content(_item(left=text, right=text))
    tried = measure(content.items[0], content, STACKED, _styles(), 200.0)
    assert [len(line.split()) for line in tried.left.lines] == [10, 1]
    drawn = measure(content.items[0], content, STACKED, _styles(), 200.0, final=True)
    assert [len(line.split()) for line in drawn.left.lines] == [8, 3]
    assert [len(line.split()) for line in drawn.right.lines] == [8, 3]
    assert drawn.height == pytest.approx(tried.height)


def test_final_rebreaks_within_the_room_beside_the_label() -> None:
    """Labels AB and CDEFGH leave 154.6 and 150.6 pt of the first line (162 - 7.4,
    - 11.4). Words of 26 + 24 letters (51 characters, 153 pt) share the left one's first
    line; 26 + 25 (156 pt) would fit a full line but not beside CDEFGH, 26 + 26 (159 pt)
    not beside AB either."""
    a, b24, b25, b26 = "a" * 26, "b" * 24, "b" * 25, "b" * 26
    tail = "c" * 10 + " " + "d" * 10
    content = _content(_item(left=f"{a} {b24} {tail}", right=f"{a} {b25} {tail}"),
                       left="Ab", right="Cdefgh")  # fmt: skip
    m = measure(content.items[0], content, STACKED, _styles(), 200.0, final=True)
    assert m.label_room == approx(7.4, 11.4)
    assert m.left.lines == (f"{a} {b24}", tail)
    assert m.right.lines == (a, f"{b25} {tail}")
    wide = _content(_item(left=f"{a} {b26} {tail}"), left="Ab", right="Cdefgh")
    m = measure(wide.items[0], wide, STACKED, _styles(), 200.0, final=True)
    assert m.left.lines == (a, f"{b26} {tail}")


def test_a_label_half_the_line_long_runs_in() -> None:
    """At 20 pt the numbers are exact: padding 9, edge 12, text 200 - 20 - 18 - 12 = 150;
    a label of 66 characters at 1 pt takes 66 + 9 = 75, exactly half: it runs in."""
    st = Styles(body=ruler(20), heading=ruler(16, 1.25), label=ruler(4), number=ruler(12, 1))
    half = _content(_item(), left="A" * 66)
    m = measure(half.items[0], half, STACKED, st, 200.0)
    assert m.label == "run-in" and m.label_room == (75.0, 13.0)
    over = _content(_item(), left="A" * 67)
    assert measure(over.items[0], over, STACKED, st, 200.0).label == "above"


def test_final_rebreaks_a_heading_evenly() -> None:
    """Eight 4-letter words (39 characters) in 144.8 pt (36 characters): greedy 7 + 1.
    Counting the last line's room too, 4 + 4 (0.23 + 0.23) beats 5 + 3 (0.11 + 0.38);
    a paragraph would take 5 + 3 (its last line is free, 14 characters are not short)."""
    heading = " ".join(["hhhh"] * 8)
    content = _content(_item(heading=heading))
    tried = measure(content.items[0], content, STACKED, _styles(), 200.0)
    assert [len(line.split()) for line in tried.heading.lines] == [7, 1]
    drawn = measure(content.items[0], content, STACKED, _styles(), 200.0, final=True)
    assert [len(line.split()) for line in drawn.heading.lines] == [4, 4]


def test_a_heading_takes_a_line_more_rather_than_end_one_on_tu() -> None:
    """28 a's, "từ", 5 c's, 13 and 16 b's in 144.8 pt (36 characters): in two lines only
    as "a… từ / ccccc b… b…" (31 + 36; "từ ccccc b… b…" would be 39), a line ending on
    "từ" (from), which leads into the next; so the heading takes three lines, broken
    where the phrase turns: "a… / từ ccccc / b… b…"."""
    a, b = "a" * 28, f"{'b' * 13} {'b' * 16}"
    content = _content(_item(heading=f"{a} từ ccccc {b}"))
    for final in (False, True):
        got = measure(content.items[0], content, STACKED, _styles(), 200.0, final=final)
        assert got.heading.lines == (a, "từ ccccc", b)


def test_a_heading_kept_in_two_lines_where_no_third_helps() -> None:
    """28 a's, "từ", 34 b's: "từ b…" (37 characters) fits no line, so three lines would
    end one on "từ" too ("a… / từ / b…"); the heading stays in the two lines it needs,
    while measured and when drawn."""
    a, b = "a" * 28, "b" * 34
    content = _content(_item(heading=f"{a} từ {b}"))
    for final in (False, True):
        got = measure(content.items[0], content, STACKED, _styles(), 200.0, final=final)
        assert got.heading.lines == (f"{a} từ", b)


def test_a_heading_keeps_within_the_layouts_most_lines() -> None:
    """The slide tile's heading is 43 characters wide here: 40 a's, "từ", 5 c's, 18 and
    17 b's take two lines only as "a… từ / ccccc b… b…" (43 + 42). Without a limit the
    heading takes a third line to break before "từ"; the slide's layout allows two
    (heading_lines), so it keeps the two."""
    a, b = "a" * 40, f"{'b' * 18} {'b' * 17}"
    content = _content(_item(heading=f"{a} từ ccccc {b}"))
    free = msgspec.structs.replace(SLIDE, heading_lines=None)
    got = measure(content.items[0], content, free, _styles(), 200.0, final=True)
    assert got.heading.lines == (a, "từ ccccc", b)
    for final in (False, True):
        got = measure(content.items[0], content, SLIDE, _styles(), 200.0, final=final)
        assert got.heading.lines == (f"{a} từ", f"ccccc {b}")


def test_final_rebreaks_labels_above_evenly() -> None:
    """Eight 20-letter words (167 characters at 1 pt) in 162 pt: greedy 7 + 1, the
    label, like a heading, 4 + 4 (a paragraph: 5 + 3)."""
    long_label = " ".join(["A" * 20] * 8)
    content = _content(_item(), left=long_label, right=long_label)
    tried = measure(content.items[0], content, STACKED, _styles(), 200.0)
    assert tried.label == "above"
    assert [len(line.split()) for line in tried.left_label.lines] == [7, 1]
    drawn = measure(content.items[0], content, STACKED, _styles(), 200.0, final=True)
    assert [len(line.split()) for line in drawn.left_label.lines] == [4, 4]
    assert [len(line.split()) for line in drawn.right_label.lines] == [4, 4]


# ---------------------------------------------------------------- arrange


def test_arrange_stacked_by_hand() -> None:
    content = _content(_item())
    m = measure(content.items[0], content, STACKED, _styles(), 200.0)
    b = arrange(m, Rect(0, 0, 200, 300))
    assert b.frame == Rect(0, 0, 200, 300)
    assert box(b.badge) == approx(10, 262, 38, 290)
    # the one heading line (16 pt) centred on the 28 pt badge
    assert b.heading_top == pytest.approx(290 - 6)
    assert (b.heading_x, b.heading_width) == approx(45.2, 144.8)
    assert b.icon is None
    # the sides start the gap below the badge: 290 - 28 - 5 = 257; the spare height
    # (257 - 10 - 2 × 22.8 - 8.4 = 193) is shared: 96.5 each, half of it above the text
    assert box(b.left.box) == approx(10, 137.7, 190, 257)
    assert box(b.right.box) == approx(10, 10, 190, 129.3)
    assert (b.left.extra, b.right.extra) == approx(96.5, 96.5)
    # the text 10 + 7.2 + 5.4 in; its top the padding and 48.25 below the box's
    top = 257 - 5.4 - 48.25
    assert (b.left.text_x, b.left.label_top, b.left.text_top) == approx(22.6, top, top)
    low = 129.3 - 5.4 - 48.25
    assert (b.right.text_x, b.right.label_top, b.right.text_top) == approx(22.6, low, low)
    # as far below the last line as above the first: 48.25 + 5.4 each side
    assert b.left.text_top - 12 - b.left.box.y0 == pytest.approx(b.left.box.y1 - top)
    assert (b.left.indent, b.right.indent) == approx(7.4, 9.4)
    # the chevron in the gap, 0.8 × 8.4 wide on each side, pointing down
    cx, cy, s = 100, 133.5, 6.72
    assert b.chevron == (
        pytest.approx((cx - s, cy + s / 2)),
        pytest.approx((cx + s, cy + s / 2)),
        pytest.approx((cx, cy - s / 2)),
    )


def test_arrange_side_by_side_by_hand() -> None:
    right = "bbbbbbbbbb cccccccccc dddddddddd"  # two lines (see the measure test)
    content = _content(_item(right=right))
    m = measure(content.items[0], content, SIDE_BY_SIDE, _styles(), 200.0)
    b = arrange(m, Rect(0, 0, 200, 300))
    # the taller side (40.8) gets a line's grow, 13.5; the shorter one (22.8) ends
    # 13.5 below its text, not level with the other: they differ by more than 13.5
    assert box(b.left.box) == approx(10, 257 - 36.3, 95.8, 257)
    assert box(b.right.box) == approx(104.2, 257 - 54.3, 190, 257)
    assert (b.left.text_x, b.right.text_x) == approx(22.6, 116.8)  # edge 7.2, pad 5.4
    # the chevron between the boxes, at the middle of the first line's capitals
    cx, cy, s = 100, 257 - 5.4 - 4.5, 0.35 * 8.4
    assert b.chevron == (
        pytest.approx((cx - s / 2, cy + s)),
        pytest.approx((cx - s / 2, cy - s)),
        pytest.approx((cx + s / 2, cy)),
    )
    # a tile with little room: the sides share it; within a line of it they end level
    low = arrange(m, Rect(0, 0, 200, 100))  # sides from 57 down to 10
    assert box(low.left.box) == approx(10, 57 - 36.3, 95.8, 57)
    assert box(low.right.box) == approx(104.2, 10, 190, 57)
    level = arrange(m, Rect(0, 0, 200, 80))  # 27 pt for both: less than their grow
    assert level.left.box.y0 == pytest.approx(10) and level.right.box.y0 == pytest.approx(10)
    # the slides' chevron sits at half the lower box's height
    mid_design = msgspec.structs.replace(SIDE_BY_SIDE, chevron_mid=True)
    mid = measure(content.items[0], content, mid_design, _styles(), 200.0)
    assert arrange(mid, Rect(0, 0, 200, 300)).chevron[2][1] == pytest.approx(257 - 36.3 / 2)


def test_arrange_labels_above() -> None:
    item = _item()
    content = _content(item)
    m = measure(item, content, msgspec.structs.replace(STACKED, label="above"), _styles(), 200.0)
    # natural height: 20 + 28 + 5 + 2 × 31.6 + 8.4 = 124.6; no spare height
    b = arrange(m, Rect(0, 0, 200, 124.6))
    assert box(b.left.box) == approx(10, 50, 190, 81.6)
    assert box(b.right.box) == approx(10, 10, 190, 41.6)
    # the label at the padding, the text 4 + 4.8 below it
    assert (b.left.label_top, b.left.text_top) == approx(76.2, 67.4)
    assert (b.right.label_top, b.right.text_top) == approx(36.2, 27.4)
    assert (b.left.indent, b.right.indent) == (0.0, 0.0)


def test_arrange_sides_of_different_heights() -> None:
    """The left label above takes two lines (3 + 6 + 1 = 10 pt), the right one one (4):
    sides 10.8 + 10 + 4.8 + 12 = 37.6 and 31.6 tall; the tile 20 + 28 + 5 + 37.6 + 8.4
    + 31.6 = 130.6."""
    content = _content(_item(), left="A" * 100 + " " + "B" * 100)
    m = measure(content.items[0], content, STACKED, _styles(), 200.0)
    assert m.height == pytest.approx(130.6)
    b = arrange(m, Rect(0, 0, 200, 130.6))
    assert box(b.left.box) == approx(10, 50, 190, 87.6)
    assert box(b.right.box) == approx(10, 10, 190, 41.6)
    # each text below its own label
    assert (b.left.label_top, b.left.text_top) == approx(82.2, 82.2 - 10 - 4.8)
    assert (b.right.label_top, b.right.text_top) == approx(36.2, 36.2 - 4 - 4.8)


def test_arrange_the_numeral_and_the_icon() -> None:
    content = _content(_item(icon="lamp"))
    m = measure(content.items[0], content, SLIDE, _styles(), 200.0)
    b = arrange(m, Rect(0, 0, 200, 300))
    assert box(b.badge) == approx(0, 291, 20, 300)  # 20 wide, the numerals' 9 pt ascent
    # the icon (25.6) is the head's height; the heading line (16) is centred on it
    assert b.icon is not None
    assert box(b.icon) == approx(174.4, 300 - 25.6, 200, 300)
    assert b.heading_top == pytest.approx(300 - 4.8)
    assert (b.heading_x, b.heading_width) == approx(24.2, 174.4 - 4.2 - 24.2)
    # sides: 300 - 25.6 - 6 from the top; no frame, no padding
    assert b.left.box.y1 == pytest.approx(268.4) and b.right.box.x1 == pytest.approx(200)
    assert b.left.box.x1 == pytest.approx(95)
    assert b.left.text_x == pytest.approx(mm(2) + 4)
    # a two-line heading (12 + 20 + 4 = 36) is taller than the icon: it sets the head,
    # starts at the top, and the icon is centred on it
    two = _content(_item(heading="aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd", icon="lamp"))
    m = measure(two.items[0], two, SLIDE, _styles(), 200.0)
    b = arrange(m, Rect(0, 0, 200, 300))
    assert b.heading_top == pytest.approx(300)
    assert b.icon is not None and box(b.icon) == approx(174.4, 282 - 12.8, 200, 282 + 12.8)
    assert b.left.box.y1 == pytest.approx(300 - 36 - 6)


# ---------------------------------------------------------------- marks


def _reads_as(drawn: Color, color: Color, ground: tuple[float, float, float]) -> None:
    """A label in its side's colour where that reads on its fill, else least darkened."""
    if wcag(color.rgb, ground) >= 4.5:
        assert drawn == color
    else:
        least_darkened(drawn, color, ground)


def test_tile_marks_stacked_by_hand() -> None:
    content = _content(_item())
    m = measure(content.items[0], content, STACKED, _styles(), 200.0)
    marks = tile_marks(m, arrange(m, Rect(0, 0, 200, 300)), BRAND, BRAND.colors.background)
    c = BRAND.colors
    assert len(marks) == 13
    assert marks[0] == Fill(Rect(0, 0, 200, 300), WHITE, 3.0)  # the frame
    disc = marks[1]
    assert isinstance(disc, Disc) and disc.color == c.primary
    assert (disc.cx, disc.cy, disc.r) == approx(24, 276, 14)
    # "1" (3 pt wide) centred in the badge; the figure (0.74 × 12 tall) centred too
    number = marks[2]
    assert isinstance(number, TextLine) and number.text == "1" and number.color == WHITE
    assert (number.x, number.y, number.size) == approx(22.5, 276 - 4.44, 12)
    assert number.font == "Ruler"
    heading = marks[3]
    assert isinstance(heading, TextBox) and heading.runs[0].color == c.text  # on white
    assert box(heading.rect) == approx(45.2, 268, 190, 284)
    assert (heading.lines[0].x, heading.lines[0].y) == approx(45.2, 272)
    for k, color, top, indent, label in (
        (4, c.left, 257, 7.4, "AB"),
        (8, c.right, 129.3, 9.4, "CDEF"),
    ):
        edge, tint, run_in, text = marks[k : k + 4]
        assert isinstance(edge, Fill) and isinstance(tint, Fill)
        assert edge.color == color and edge.radius == 2.0
        # the side's colour thinned on white: the design's tint, the two sides set apart
        # in lightness (colors.side_fills, tested in test_side_fills.py)
        assert tint.color == side_fills(c.left, c.right, SIDE_TINT)[k // 8]
        assert tint.radius == 2.0
        assert box(tint.rect) == approx(10 + 7.2, edge.rect.y0, 190, top)
        assert (edge.rect.x0, edge.rect.x1, edge.rect.y1) == approx(10, 190, top)
        # the text's top: the padding and half the box's 96.5 spare below the box's top
        first = top - 5.4 - 48.25
        # the run-in label on the text's first baseline, in the side's colour (darkened
        # as little as it takes to read on the fill), not letter-spaced
        assert isinstance(run_in, TextLine) and run_in.text == label
        _reads_as(run_in.color, color, tint.color.rgb)
        assert run_in.font == "Ruler" and run_in.tracking == 0
        assert (run_in.x, run_in.y, run_in.size) == approx(22.6, first - 9, 4)
        assert isinstance(text, TextBox) and text.runs[0].color == c.text
        # the text box: the side's width less padding and edge, 162
        assert box(text.rect) == approx(22.6, first - 12, 22.6 + 162, first)
        assert (text.lines[0].x, text.lines[0].y) == approx(22.6 + indent, first - 9)
    chevron = marks[12]
    assert isinstance(chevron, Polygon) and chevron.color == c.right
    assert chevron.points[2] == pytest.approx((100, 133.5 - 3.36))


def test_measure_a_poster_tile() -> None:
    """Letter-spaced labels take their tracking (0.1 em a character at 4 pt) more room:
    AB (0.5 + 0.2) × 4 + 5.4 = 8.2, CDEF (1 + 0.4) × 4 + 5.4 = 11."""
    content = _content(_item(icon="lamp"))
    m = measure(content.items[0], content, POSTER, _styles(), 200.0)
    assert m.label_room == approx(8.2, 11.0)
    assert m.icon == pytest.approx(40) and m.grow == pytest.approx(36)


def test_tile_marks_of_a_poster_tile() -> None:
    """At least a quarter of each side's colour as its fill, one side deeper (a black and
    white copy keeps them apart: colors.side_fills); the labels letter-spaced, in their
    side's colour darkened just enough to read on it (the shipped blue has 4.39:1 and
    the green 3.71:1 on a 25 % tint of themselves, less on a deeper one); the icon in
    the "after" colour."""
    content = _content(_item(icon="lamp"))
    m = measure(content.items[0], content, POSTER, _styles(), 200.0)
    marks = tile_marks(m, arrange(m, Rect(0, 0, 200, 300)), BRAND, BRAND.colors.background)
    c = BRAND.colors
    icon = next(k for k in marks if isinstance(k, Icon))
    assert icon.color == c.right
    fills = [k for k in marks if isinstance(k, Fill)]
    lines = [k for k in marks if isinstance(k, TextLine) and k.text in ("AB", "CDEF")]
    boxes = [k for k in marks if isinstance(k, TextBox)][1:]  # after the heading
    grounds = []
    for color, label, text in zip((c.left, c.right), lines, boxes, strict=True):
        # the fill under the label: the side's colour thinned on white, by at least 25 %
        tint = next(f for f in fills if f.rect.x0 == pytest.approx(10 + 7.2)
                    and f.rect.y0 < label.y < f.rect.y1)  # fmt: skip
        amount = (1 - tint.color.rgb[0]) / (1 - color.rgb[0])
        ground = tint_rgb(color.rgb, amount)
        assert tint.color.rgb == pytest.approx(ground, abs=1e-9) and amount >= 0.25 - 1e-9
        grounds.append(ground)
        assert label.tracking == pytest.approx(0.4)
        assert wcag(color.rgb, ground) < 4.5  # the brand's colour alone would not read
        least_darkened(label.color, color, ground)
        assert text.runs[0].color == c.text  # the near-black text reads as it is
    assert abs(lightness(grounds[0]) - lightness(grounds[1])) >= 8 - 1e-6
    # a grey text that reads on white (5.7:1) but not on the blue fill is darkened too
    grey = Brand(name="X", colors=Colors(text=Color.from_rgb((0.42, 0.42, 0.42))))
    marks = tile_marks(m, arrange(m, Rect(0, 0, 200, 300)), grey, grey.colors.background)
    left_text = [k for k in marks if isinstance(k, TextBox)][1]
    ground = next(
        f for f in marks if isinstance(f, Fill) and f.rect.x0 == pytest.approx(17.2)
    ).color.rgb
    assert wcag(grey.colors.text.rgb, (1, 1, 1)) >= 4.5 > wcag(grey.colors.text.rgb, ground)
    least_darkened(left_text.runs[0].color, grey.colors.text, ground)


def test_tile_marks_square_badge() -> None:
    content = _content(_item(n=7))
    m = measure(content.items[0], content, msgspec.structs.replace(STACKED, number="square"),
                _styles(), 200.0)  # fmt: skip
    marks = tile_marks(m, arrange(m, Rect(0, 0, 200, 300)), BRAND, BRAND.colors.background)
    assert marks[1] == Fill(Rect(10, 262, 38, 290), BRAND.colors.primary, 28 * 0.18)
    number = marks[2]
    assert isinstance(number, TextLine) and number.text == "7"
    assert (number.x, number.y) == approx(22.5, 271.56)


def test_tile_marks_labels_above() -> None:
    content = _content(_item())
    m = measure(content.items[0], content, msgspec.structs.replace(STACKED, label="above"),
                _styles(), 200.0)  # fmt: skip
    marks = tile_marks(m, arrange(m, Rect(0, 0, 200, 124.6)), BRAND, BRAND.colors.background)
    label, text = marks[6], marks[7]
    assert isinstance(label, TextBox) and label.runs[0].text == "AB"
    fill = marks[5]
    assert isinstance(fill, Fill)
    _reads_as(label.runs[0].color, BRAND.colors.left, fill.color.rgb)
    assert box(label.rect) == approx(22.6, 76.2 - 4, 22.6 + 162, 76.2)
    assert (label.lines[0].x, label.lines[0].y, label.lines[0].size) == approx(22.6, 73.2, 4)
    assert isinstance(text, TextBox) and text.lines[0].y == pytest.approx(67.4 - 9)
    assert text.lines[0].x == pytest.approx(22.6)


def test_tile_marks_numeral_and_icon_on_a_dark_page() -> None:
    """No frame: what the tile sits on decides the colours that must read on it."""
    content = _content(_item(icon="lamp"))
    m = measure(content.items[0], content, SLIDE, _styles(), 200.0)
    marks = tile_marks(m, arrange(m, Rect(0, 0, 200, 300)), BRAND, BLACK)
    assert not any(isinstance(k, Fill) and k.color == WHITE for k in marks)  # no frame
    number, heading, icon = marks[0], marks[1], marks[2]
    # the numeral right-aligned in its 20 pt column, its top at the tile's top
    assert isinstance(number, TextLine) and number.text == "1"
    assert (number.x, number.y) == approx(20 - 3, 300 - 9)
    # the brand's dark red and near-black do not read on black: white instead
    assert number.color == WHITE
    assert isinstance(heading, TextBox) and heading.runs[0].color == WHITE
    assert icon == Icon("lamp", Rect(174.4, 274.4, 200, 300), WHITE)
    on_light = tile_marks(m, arrange(m, Rect(0, 0, 200, 300)), BRAND, WHITE)
    assert on_light[0].color == BRAND.colors.primary  # type: ignore[union-attr]
    assert on_light[1].runs[0].color == BRAND.colors.text  # type: ignore[union-attr]
    # side boxes with the slide's corner radius
    edge = marks[3]
    assert isinstance(edge, Fill) and edge.radius == 3.0 and edge.color == BRAND.colors.left


def test_tile_marks_keep_light_side_colours_legible() -> None:
    """A side colour too light for text still paints the edge; the text stays dark."""
    pale = Color.from_rgb((1.0, 0.95, 0.6))
    brand = Brand(name="X", colors=Colors(left=pale))
    content = _content(_item())
    m = measure(content.items[0], content, STACKED, _styles(), 200.0)
    marks = tile_marks(m, arrange(m, Rect(0, 0, 200, 300)), brand, brand.colors.background)
    edge, text = marks[4], marks[7]
    assert isinstance(edge, Fill) and edge.color == pale
    assert isinstance(text, TextBox) and text.runs[0].color == brand.colors.text


# ---------------------------------------------------------------- styles, designs, notes


def test_make_styles_roles_sizes_and_leading() -> None:
    content = Content(
        title="T",
        labels=Labels(left="gấp", right="Sau"),
        items=[Item(n=12, heading="Ệp", left="ầy", right="ba")],
    )
    st = make_styles(content, 10, 20, body_leading=1.3, heading_leading=1.2,
                     label_size=7, number_size=19)  # fmt: skip
    assert [s.face.name for s in (st.body, st.heading, st.label, st.number)] == [
        "BeVietnamPro-Regular",
        "BeVietnamPro-Bold",
        "BeVietnamPro-Bold",
        "BeVietnamPro-ExtraBold",
    ]
    assert [s.size for s in (st.body, st.heading, st.label, st.number)] == [10, 20, 7, 19]
    # each role's glyph reach, read with fontTools: the sides' texts, the headings,
    # the labels in capitals, the numbers
    for s, texts, weight in (
        (st.body, ["ầy", "ba"], "Regular"),
        (st.heading, ["Ệp"], "Bold"),
        (st.label, ["GẤP", "SAU"], "Bold"),
        (st.number, ["12"], "ExtraBold"),
    ):
        top, bottom = reach(texts, weight)
        assert (s.extent.top, s.extent.bottom) == pytest.approx((top, bottom))
    # the pitch: the asked leading, or more when the glyphs need it (+ 0.06 em)
    for s, asked, texts, weight in (
        (st.body, 1.3, ["ầy", "ba"], "Regular"),
        (st.heading, 1.2, ["Ệp"], "Bold"),
        (st.label, 1.15, ["GẤP", "SAU"], "Bold"),
        (st.number, 1.0, ["12"], "ExtraBold"),
    ):
        top, bottom = reach(texts, weight)
        assert s.leading == pytest.approx(max(asked, top - bottom + 0.06))
    assert labels(content) == ["GẤP", "SAU"]


def test_make_styles_keeps_a_generous_leading() -> None:
    content = _content(_item(left="a", right="a", heading="a"), left="a", right="a")
    st = make_styles(content, 10, 20, body_leading=2.0, heading_leading=2.2,
                     label_size=7, number_size=19)  # fmt: skip
    # "a" reaches far less than 2 em: the asked leading stands
    assert (st.body.leading, st.heading.leading) == (2.0, 2.2)


def test_poster_design_from_the_yaml() -> None:
    y = yaml.safe_load((LAYOUTS / "a1-portrait.yaml").read_text(encoding="utf-8"))["tile"]
    d = poster_design(load_layout("a1-portrait"))
    assert (d.pad, d.gap, d.between, d.radius) == approx(
        mm(y["padding_mm"]), mm(y["gap_mm"]), mm(y["gap_mm"]), mm(y["radius_mm"])
    )
    assert d.side_radius == pytest.approx(0.6 * mm(y["radius_mm"]))
    assert (d.sides, d.number, d.label, d.frame) == (y["sides"], y["badge"], "run-in", True)
    assert (d.side_pad, d.number_width, d.heading_lines) == (None, 0.0, None)
    assert not d.balance_heading and not d.chevron_mid
    # issue 19: side fills ΔE00 12 apart (22 % of each colour), letter-spaced labels,
    # the icon in the "after" side's colour
    assert (d.tint, d.tracking, d.icon_color) == (0.22, 0.06, "right")


def test_slide_design_from_the_yaml() -> None:
    y = yaml.safe_load((LAYOUTS / "slides-16x9.yaml").read_text(encoding="utf-8"))["deck"]
    content = _content(_item(n=4), _item(n=10), _item(n=7))
    d = slide_design(load_layout("slides-16x9"), content)  # type: ignore[arg-type]
    assert (d.sides, d.number, d.label, d.frame) == ("side-by-side", "numeral", "above", False)
    assert (d.pad, d.gap, d.radius) == approx(0, mm(6), 0)
    assert (d.between, d.side_radius, d.side_pad) == approx(
        mm(y["gutter_mm"]), mm(y["radius_mm"]), mm(y["padding_mm"])
    )
    # the widest number's width at the number size, read with fontTools
    widest = max(em(t, "ExtraBold") for t in ("4", "10", "7"))
    assert d.number_width == pytest.approx(widest * y["number_size"])
    assert (d.heading_lines, d.balance_heading, d.chevron_mid) == (3, True, True)
    # a slide takes the posters' fill (ΔE00 ≥ 12 between the sides, seen from the back of
    # a hall) and the icon in the colour of the side the item leads to; its labels are
    # not letter-spaced (4:3 has no room for it)
    assert (d.tint, d.tracking, d.icon_color) == (0.22, 0.0, "right")


def test_item_notes() -> None:
    item = _item(n=3, heading="Một", left="hai", right="ba")
    content = _content(item, left="Trước", right="Sau")
    assert item_notes(content, item) == "3. Một\n\nTrước: hai\n\nSau: ba"
