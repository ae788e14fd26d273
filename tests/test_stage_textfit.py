"""Text fitting stage: greedy wrapping, block heights, and the bisection for sizes.

Two kinds of widths, neither from poster's own measuring (tests/metrics.py): the
ruler face, whose every character is 0.25 em wide, so at 4 pt a line of n characters
is n points wide and every break can be counted by hand; and Be Vietnam Pro's advance
widths read with fontTools from fonts/*.ttf.
"""

from __future__ import annotations

import unicodedata

import pytest
from metrics import Ruler, check_greedy, ruler

from poster.fonts import Extent, face
from poster.textfit import Block, TooWide, body_and_heading, largest, phrased, style, wrap

TEXT = "aaa bb c dddd"


# ---------------------------------------------------------------- wrap, counted by hand


@pytest.mark.parametrize(
    ("width", "lines"),
    [
        (13, ("aaa bb c dddd",)),  # all 13 characters fit in 13 pt
        (12, ("aaa bb c", "dddd")),
        (6, ("aaa bb", "c dddd")),  # both lines exactly full
        (5, ("aaa", "bb c", "dddd")),
        (4, ("aaa", "bb c", "dddd")),
    ],
)
def test_wrap_breaks_greedily_at_spaces(width, lines):
    block = wrap(TEXT, ruler(), width)
    assert block.lines == lines
    assert all(len(line) <= width for line in block.lines)


def test_wrap_scales_with_the_size():
    # at 8 pt each character is 2 pt: 12 pt hold 6 characters
    assert wrap(TEXT, ruler(size=8.0), 12).lines == ("aaa bb", "c dddd")


@pytest.mark.parametrize(
    ("indent", "lines"),
    [
        (0, ("aaa bb", "c dddd")),
        (1, ("aaa", "bb c", "dddd")),  # 5 characters left on the first line
        (3, ("aaa", "bb c", "dddd")),  # "aaa" exactly fills the 3 left
        (4, ("", "aaa bb", "c dddd")),  # not even "aaa" beside the label: it starts below
    ],
)
def test_wrap_indents_the_first_line_only(indent, lines):
    assert wrap(TEXT, ruler(), 6, indent=indent).lines == lines


def test_a_word_as_wide_as_the_measure_fits_and_a_wider_one_is_broken():
    assert wrap("dddddd a", ruler(), 6).lines == ("dddddd", "a")
    # a word wider than the measure is broken inside, with a hyphen (issue 10)
    broken = wrap("a eeeeeee b", ruler(), 6)
    assert broken.hyphens == 1 and broken.text == "a eeeeeee b"
    assert all(len(line) <= 6 for line in broken.lines)
    # only a character wider than the measure is too wide, and it is named
    with pytest.raises(TooWide) as caught:
        wrap("eeeeeee b", ruler(), 0.5)
    assert caught.value.word == "eeeeeee"
    # a word too wide for the indented first line alone is not too wide
    assert wrap("ddddd", ruler(), 6, indent=2).lines == ("", "ddddd")


def test_one_word_is_one_line():
    assert wrap("a", ruler(), 6).lines == ("a",)


# ---------------------------------------------------------------- block height


def test_block_height_from_highest_to_lowest_glyph():
    st = ruler(size=4.0, leading=1.5)  # ascent 3, descent 1, pitch 6
    assert st.ascent == 3.0 and st.descent == 1.0 and st.pitch == 6.0
    assert Block(("a",), st).height == 4.0
    assert Block(("a", "b", "c"), st).height == 3 + 2 * 6 + 1
    assert Block((), st).height == 0.0
    assert wrap(TEXT, st, 5).height == 16.0


def test_style_leading_leaves_room_for_stacked_diacritics():
    # the ruler's glyphs span 1 em; lines need 1 em + 0.06 em clearance
    f = Ruler()
    st = style(f, 10.0, 1.0, ["x", "y"])  # type: ignore[arg-type]
    assert st.leading == pytest.approx(1.06)
    assert st.size == 10.0 and st.face is f
    assert st.extent == Extent(0.75, -0.25)
    assert f.asked == [("x", "y")]
    assert style(f, 10.0, 1.3, ["x"]).leading == 1.3  # type: ignore[arg-type]


# ---------------------------------------------------------------- wrap, real font


SENTENCE = unicodedata.normalize("NFC", "Chuyển đổi số là quá trình thay đổi tổng thể và toàn diện")


@pytest.mark.parametrize(
    ("width", "indent", "lines"),
    [
        (100, 0, ["Chuyển đổi số là", "quá trình thay đổi", "tổng thể và toàn", "diện"]),
        (80, 0, ["Chuyển đổi số", "là quá trình thay", "đổi tổng thể và", "toàn diện"]),
        (100, 30, ["Chuyển đổi số", "là quá trình thay đổi", "tổng thể và toàn", "diện"]),
        (150, 0, ["Chuyển đổi số là quá trình", "thay đổi tổng thể và toàn diện"]),
    ],
)
def test_wrap_be_vietnam_pro_at_10_pt(width, indent, lines):
    size = 10.0
    # the expected breaks are the greedy ones by fontTools' widths
    assert " ".join(lines) == SENTENCE
    check_greedy(lines, size, width, width - indent, "Regular")
    st = style(face("body"), size, 1.3, [SENTENCE])
    assert list(wrap(SENTENCE, st, width, indent=indent).lines) == lines


# ---------------------------------------------------------------- largest


def _counting(fits):
    calls: list[float] = []

    def probe(size: float) -> bool:
        calls.append(size)
        return fits(size)

    return probe, calls


@pytest.mark.parametrize(
    ("threshold", "step", "expected"),
    [
        (17.35, 0.1, 17.3),
        (17.39, 0.1, 17.3),
        (16.47, 0.1, 16.4),
        (18.75, 0.1, 18.7),
        (19.99, 0.1, 19.9),
        (17.6, 0.5, 17.5),
        (17.33, 0.5, 17.0),
        (10.07, 0.1, 10.0),
        (10.09, 0.1, 10.0),  # the last good point, 10.078, is no multiple: 10.0 is
    ],
)
def test_largest_multiple_of_the_step_that_fits(threshold, step, expected):
    probe, calls = _counting(lambda s: s <= threshold)
    assert largest(10, 20, probe, step=step) == expected
    # bisection: log2(10 / 0.1) ≈ 7 halvings, plus the two ends and the snapped size
    assert len(calls) <= 10


@pytest.mark.parametrize(("threshold", "expected"), [(17.33, 17.3), (12.0, 12.0), (17.3, 17.3)])
def test_largest_finds_the_largest_multiple_in_every_case(threshold, expected):
    assert largest(10, 20, lambda s: s <= threshold) == expected


def test_largest_stops_when_good_and_bad_are_one_step_apart():
    # 11 fails, 10 fits, 10.5 fits: 10.5 and 11 are one step (0.5) apart, so no more
    # trials; 10.5 is a multiple of the step and known to fit: not asked again
    probe, calls = _counting(lambda s: s <= 10.7)
    assert largest(10, 11, probe, step=0.5) == 10.5
    assert calls == [11, 10, 10.5]


def test_largest_when_the_top_fits_asks_once():
    probe, calls = _counting(lambda s: True)
    assert largest(10, 20, probe) == 20
    assert calls == [20]


def test_largest_when_nothing_fits_is_none():
    probe, calls = _counting(lambda s: False)
    assert largest(10, 20, probe) is None
    assert calls == [20, 10]


def test_largest_keeps_the_bottom_when_only_it_fits():
    assert largest(10, 20, lambda s: s <= 10) == 10
    # 10.05 is no multiple of 0.1, but the bottom of the range is allowed
    assert largest(10.05, 20, lambda s: s <= 10.07) == 10.05


def test_largest_results_are_exact_decimals():
    # 17.3, not 17.299999999999997: sizes are written into PDFs and messages
    assert repr(largest(10, 20, lambda s: s <= 17.35)) == "17.3"
    assert repr(largest(10, 20, lambda s: s <= 18.75)) == "18.7"


def test_largest_never_returns_a_size_that_does_not_fit():
    # a predicate that is not monotonic: 17.3 itself is refused
    # (the largest multiple of 0.1 it accepts is 17.2)
    result = largest(10, 20, lambda s: s <= 17.35 and abs(s - 17.3) > 1e-9)
    assert result == 17.2


# ---------------------------------------------------------------- body_and_heading


def test_body_then_heading():
    # body: the largest b with b ≤ 17.35 and its heading, max(1.3 b, 12) ≤ 25.05 → 17.3;
    # heading: from 1.3 × 17.3 = 22.49 up to 1.5 × 17.3 = 25.95, fitting ≤ 25.05 → 25.0
    asked: list[tuple[float, float]] = []

    def fits(b, h):
        asked.append((b, h))
        return b <= 17.35 and h <= 25.05

    assert body_and_heading((10, 20), (12, 30), (1.3, 1.5), fits) == (17.3, 25.0)
    # the body is searched with its heading at the smallest ratio
    first_body = [(b, h) for b, h in asked if b != 17.3]
    assert all(h == pytest.approx(max(1.3 * b, 12)) for b, h in first_body)
    assert (20, 26.0) in asked


def test_everything_fits_gives_the_tops():
    assert body_and_heading((10, 20), (12, 30), (1.3, 1.5), lambda b, h: True) == (20, 30)
    # the heading's top caps the ratio: 1.5 × 20 = 30 > 24
    assert body_and_heading((10, 20), (12, 24), (1.3, 1.5), lambda b, h: True) == (20, 24)


def test_heading_range_bottom_lifts_the_ratio():
    # body 10.5: 1.3 × 10.5 = 13.65 is under the heading's minimum 15, so 15 .. 15.75
    asked: list[tuple[float, float]] = []

    def fits(b, h):
        asked.append((b, h))
        return b <= 10.55

    assert body_and_heading((10, 20), (15, 30), (1.3, 1.5), fits) == (10.5, 15.75)
    assert (20, 26.0) in asked and (10, 15) in asked


def test_heading_range_top_caps_the_smallest_ratio():
    # 1.3 × 20 = 26 would be over the heading's maximum 22: the body is tried with 22
    asked: list[tuple[float, float]] = []

    def fits(b, h):
        asked.append((b, h))
        return True

    assert body_and_heading((10, 20), (12, 22), (1.3, 1.5), fits) == (20, 22)
    assert asked[0] == (20, 22)


def test_nothing_fits_is_none():
    asked: list[tuple[float, float]] = []

    def fits(b, h):
        asked.append((b, h))
        return False

    assert body_and_heading((10, 20), (12, 30), (1.3, 1.5), fits) is None
    assert asked == [(20, 26.0), (10, 13.0)]


def test_heading_rounded_to_a_millionth_of_a_point():
    # 10 × 1.23456789 = 12.3456789: the heading tried with the body, and kept (up to
    # 12.35 fits, and no multiple of 0.1 lies between), is 12.345679
    asked: list[tuple[float, float]] = []

    def fits(b, h):
        asked.append((b, h))
        return h <= 12.35

    assert body_and_heading((10, 10), (12, 30), (1.23456789, 1.5), fits) == (10, 12.345679)
    assert asked[0] == (10, 12.345679)


def test_heading_at_its_bottom_when_only_that_fits():
    # heading must stay at 1.3 × body: 1.3 × 17.3 = 22.49
    result = body_and_heading(
        (10, 20), (12, 30), (1.3, 1.5), lambda b, h: b <= 17.35 and h <= 1.3 * b + 1e-9
    )
    assert result is not None
    b, h = result
    assert b == 17.3 and h == pytest.approx(22.49)


def test_a_display_text_takes_one_more_line_rather_than_end_one_on_sang() -> None:
    """Words of 7, 9, 4 and 14 letters, "sang", then 7, 13, 13 and 8 in 22 characters
    (the ruler: one point a character). Four lines must end one on "sang" ("d… sang e…"
    is 27; "sang e…" on a line of its own leaves "f… g… h…", 36, for the last). Five
    avoid it, and of those the least ragged (squared room, the last line counted, a
    break elsewhere than before "sang" costing a little) is "a b / c d / sang e / f /
    g h": 0.052 + 0.019 + 0.207 + 0.167 + 0 + 3 × 0.025, against 0.581 for "a b c /
    d / …". No narrower greedy wrap gives those five lines (it goes from four to six),
    so the fifth line is found by re-breaking, not by wrapping narrower."""
    words = ["a" * 7, "b" * 9, "c" * 4, "d" * 14, "sang", "e" * 7, "f" * 13, "g" * 13, "h" * 8]
    block = wrap(" ".join(words), ruler(), 22, keep=())
    assert len(block.lines) == 4 and block.lines[1].endswith(" sang")
    assert len(wrap(" ".join(words), ruler(), 21.5, keep=()).lines) == 6
    a, b, c, d, sang, e, f, g, h = words
    assert phrased(block, 22).lines == (f"{a} {b}", f"{c} {d}", f"{sang} {e}", f, f"{g} {h}")
