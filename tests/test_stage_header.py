"""Stage tests of the header (plan/header.py): a poster's title keeps one size and one
set of lines whatever the brand's letterhead (issue 19, the review of 2026-12-04), worked
by hand.

Widths and glyph reach of Be Vietnam Pro are read with fontTools (tests/metrics.py). The
rules, from the issues and the module's comment: the title's size is the largest (on ½ pt
steps) at which it fits its lines in the header box's width less the layout's logo and a
6 mm gap, below a letterhead of two lines at the smallest authority size (the tallest
Vietnamese capitals, 1.2 leading, 0.6 × the size below); a letterhead of n lines takes
the largest size (0.1 pt steps, within the layout's range) at which n such lines fit
above the title; a longer letterhead makes the header taller, never the title smaller.
"""

from __future__ import annotations

import math
from itertools import pairwise

import pytest
from metrics import em, mm, reach

from poster.document import TextLine
from poster.geometry import Rect
from poster.plan.header import (
    letterhead_height_size,
    letterhead_room,
    letterhead_size,
    steady_title,
    steady_title_size,
    title_block,
)
from poster.spec import Brand, Content, Item, Labels, SizeRange, TitleBlock

# every capital with a stacked diacritic (circumflex or breve and a tone mark), and Ý Ỳ Ỷ Ỵ
TALL = "ẪẤẦẨẬẴẮẰẲẶỄẾỀỂỆỖỐỒỔỘỠỚỜỞỢỮỨỪỬỰỸÝỲỶỴ"
SPEC = TitleBlock(
    logo_mm=0,
    authority=SizeRange(min=10, max=20),
    title=SizeRange(min=10, max=200),
    title_max_lines=1,
)
BOX = Rect(0, 0, 500, 120)


def _lines_height(texts: list[str], size: float) -> float:
    """Authority lines at `size`: the glyphs' reach and a 1.2 pitch (or what they need)."""
    top, bottom = reach(texts, "Bold")
    pitch = max(1.2, top - bottom + 0.06) * size
    return (top - bottom) * size + (len(texts) - 1) * pitch


def _content(title: str = "AB", subtitle: str = "") -> Content:
    return Content(
        title=title,
        subtitle=subtitle,
        labels=Labels(left="a", right="b"),
        items=[Item(n=1, heading="h", left="a", right="b")],
    )


def _steady(box: Rect, width: float) -> float:
    """The title "AB" on one line: as wide as `width` allows, as tall as the box less the
    two-line letterhead and its gap allows, on ½ pt steps."""
    top, bottom = reach(["AB"], "ExtraBold")
    room = box.h - _lines_height([TALL, TALL], 10) - 6
    return math.floor(2 * min(room / (top - bottom), width / em("AB", "ExtraBold"))) / 2


def test_the_steady_title_by_hand() -> None:
    size = steady_title_size("AB", SPEC, BOX)
    assert size == _steady(BOX, 500)
    assert size is not None and 10 < size < 200
    # a lower box: the height decides
    low = Rect(0, 0, 500, 80)
    assert steady_title_size("AB", SPEC, low) == _steady(low, 500) < size
    # the layout's logo (20 mm and a 6 mm gap) takes its width, whatever the brand
    narrow = Rect(0, 0, mm(26) + 200, 400)
    logo = TitleBlock(**{**_fields(SPEC), "logo_mm": 20})
    assert steady_title_size("AB", logo, narrow) == _steady(narrow, 200)
    # a logo larger than the box is as wide as the box is high
    wide = Rect(0, 0, 1000, 100)
    huge = TitleBlock(**{**_fields(SPEC), "logo_mm": 500})
    assert steady_title_size("AB", huge, wide) == _steady(wide, 1000 - 100 - mm(6))


def _fields(spec: TitleBlock) -> dict:
    return {k: getattr(spec, k) for k in spec.__struct_fields__}


def test_a_title_that_never_fits_has_no_steady_size() -> None:
    # two words, one line allowed: at 10 pt "AB AB" is wider than 10 pt
    assert steady_title_size("AB AB", SPEC, Rect(0, 0, 10, 120)) is None
    # two lines allowed, in a box 300 wide: "AB" a line, as wide as the box allows
    # (two lines, 1.85 em at most, and the letterhead: 600 pt are ample)
    two = TitleBlock(**{**_fields(SPEC), "title_max_lines": 2})
    size = steady_title_size("AB AB", two, Rect(0, 0, 300, 600))
    assert size == math.floor(2 * 300 / em("AB", "ExtraBold")) / 2


def _k(lines: int) -> float:
    """The height of `lines` lines of the tallest capitals and the gap below them, per pt."""
    top, bottom = reach([TALL], "Bold")
    pitch = max(1.2, top - bottom + 0.06)
    return (top - bottom) + (lines - 1) * pitch + 0.6


def test_the_letterhead_size_by_lines_by_hand() -> None:
    # 10 to 20 pt; 60 pt of room: one line is capped at 20, more lines as the room allows
    for lines in (1, 2, 3, 4):
        want = min(20.0, math.floor(60 / _k(lines) * 10) / 10)
        got = letterhead_height_size(SPEC, 60, lines)
        if want < 10:
            assert got is None, lines
        else:
            assert got == pytest.approx(want), lines
    # more lines are never larger
    sizes = [letterhead_height_size(SPEC, 200, n) for n in (1, 2, 3, 4)]
    assert all(a >= b for a, b in pairwise(sizes)), sizes


def test_letterhead_room_by_hand() -> None:
    content = _content()
    size = steady_title_size("AB", SPEC, BOX)
    assert size is not None
    title = steady_title(content, SPEC, BOX, size)
    assert title is not None and title.style.size == size
    top, bottom = reach(["AB"], "ExtraBold")
    # two lines fit (the title's size was made for them): no room needed
    two = Brand(name="X", authority=["ABC", "ABC"])
    assert letterhead_room(content, two, SPEC, BOX, title) == 0
    # five lines (and a subtitle: six) at 10 pt above the title at its own size
    for lines, subtitle in ((5, ""), (5, "Sub")):
        brand = Brand(name="X", authority=["ABC"] * lines)
        n = lines + (1 if subtitle else 0)
        need = _k(n) * 10 + (top - bottom) * size - BOX.h
        assert need > 0
        got = letterhead_room(_content(subtitle=subtitle), brand, SPEC, BOX, title)
        assert got == pytest.approx(need)


def _sizes(marks, text: str) -> set[float]:
    return {m.size for m in marks if isinstance(m, TextLine) and m.text == text}


def test_the_title_keeps_its_size_and_the_letterhead_its_floor() -> None:
    content = _content()
    size = steady_title_size("AB", SPEC, BOX)
    assert size is not None
    title = steady_title(content, SPEC, BOX, size)
    assert title is not None
    letterheads = []
    for lines in range(5):
        brand = Brand(name="X", authority=["ABC"] * lines)
        room = letterhead_room(content, brand, SPEC, BOX, title)
        box = Rect(0, 0, 500, BOX.h + room)  # the header grows as the poster's does
        cap = letterhead_size(content, brand, SPEC, BOX, title)
        marks = title_block(content, brand, SPEC, box, box, "l", "l.yaml", "header", title,
                            cap)  # fmt: skip
        assert _sizes(marks, "AB") == {size}, lines  # the title never gives way
        if lines:
            (got,) = _sizes(marks, "ABC")
            assert got >= SPEC.authority.min - 1e-9
            want = letterhead_height_size(SPEC, BOX.h - title.height, lines)
            if want is not None:  # it fits the header as it is: the size worked out above
                assert got == pytest.approx(want)
            letterheads.append(got)
    assert letterheads == sorted(letterheads, reverse=True), letterheads  # never larger
    # without a steady title the title is as large as the letterhead leaves room for
    three = Brand(name="X", authority=["ABC"] * 3)
    (free,) = _sizes(title_block(content, three, SPEC, BOX, BOX, "l", "l.yaml", "header"), "AB")
    assert free < size
