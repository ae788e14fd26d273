"""Stage tests of the header (plan/header.py): a poster's title keeps one size whatever
the brand's letterhead (issue 19), worked by hand.

Widths and glyph reach of Be Vietnam Pro are read with fontTools (tests/metrics.py). The
rules, from the issue and the module's comment: the title's size is the largest (on ½ pt
steps) at which it fits its lines in the header box's width less the layout's logo and a
6 mm gap, below a letterhead of two lines at the smallest authority size (the tallest
Vietnamese capitals, 1.2 leading, 0.6 × the size below); a longer letterhead takes the
title down to 0.85 × that size (½ pt steps, not under the layout's smallest), then makes
the header taller.
"""

from __future__ import annotations

import math

import pytest
from metrics import em, mm, reach

from poster.document import TextLine
from poster.geometry import Rect
from poster.plan.header import letterhead_room, steady_title_size, title_block, title_floor
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


def test_the_title_floor() -> None:
    assert title_floor(SPEC, 60) == 51  # 0.85 × 60
    assert title_floor(SPEC, 61) == 52  # 51.85 to the nearest ½ pt
    assert title_floor(SPEC, 11) == 10  # 9.35, but not under the layout's 10


def test_letterhead_room_by_hand() -> None:
    size = steady_title_size("AB", SPEC, BOX)
    assert size is not None
    top, bottom = reach(["AB"], "ExtraBold")
    floor = title_floor(SPEC, size)
    # two lines fit (the title's size was made for them): no room needed
    two = Brand(name="X", authority=["ABC", "ABC"])
    assert letterhead_room(_content(), two, SPEC, BOX, size) == 0
    # five lines (and a subtitle: six) at 10 pt above the title at its floor
    for lines, subtitle in ((5, ""), (5, "Sub")):
        brand = Brand(name="X", authority=["ABC"] * lines)
        texts = ["ABC"] * lines + ([subtitle] if subtitle else [])
        need = _lines_height(texts, 10) + 6 + (top - bottom) * floor - BOX.h
        assert need > 0
        got = letterhead_room(_content(subtitle=subtitle), brand, SPEC, BOX, size)
        assert got == pytest.approx(need)


def _title_sizes(marks) -> set[float]:
    return {m.size for m in marks if isinstance(m, TextLine) and m.text == "AB"}


def _block(brand: Brand, box: Rect, size: float | None) -> list:
    return title_block(_content(), brand, SPEC, box, box, "l", "l.yaml", "header", size)


def test_the_title_keeps_its_size_with_any_letterhead() -> None:
    size = steady_title_size("AB", SPEC, BOX)
    assert size is not None
    for lines in range(3):
        brand = Brand(name="X", authority=["ABC"] * lines)
        assert _title_sizes(_block(brand, BOX, size)) == {size}
    # three lines do not fit above it: the title gives way, down to its floor at most
    three = Brand(name="X", authority=["ABC"] * 3)
    (got,) = _title_sizes(_block(three, BOX, size))
    assert title_floor(SPEC, size) <= got < size
    # four lines need a taller header; in it the title is at its floor or more
    four = Brand(name="X", authority=["ABC"] * 4)
    room = letterhead_room(_content(), four, SPEC, BOX, size)
    taller = Rect(0, 0, 500, BOX.h + room)
    (got,) = _title_sizes(_block(four, taller, size))
    assert title_floor(SPEC, size) <= got < size
    # without a steady size the title is as large as the letterhead leaves room for
    (free,) = _title_sizes(_block(three, BOX, None))
    assert free < got
