"""Colours, stage by stage: parsing, hex, CMYK inks, tints, WCAG contrast. (The
separation of hex colours is ICC-managed since issue 11: tests/test_colour.py.)

Every expected number is worked out here from the definitions (bytes / 255, the
separation formula in the module's docstring, WCAG 2's relative luminance) or is a
published WCAG reference ratio; none is obtained by calling poster.
"""

from __future__ import annotations

import pytest

from poster.colors import (
    Color,
    cmyk_to_rgb,
    contrast_ratio,
    parse_color,
    relative_luminance,
)

approx = pytest.approx


# ---------------------------------------------------------------- parsing and hex


@pytest.mark.parametrize(
    ("text", "rgb"),
    [
        ("#B3261E", (179 / 255, 38 / 255, 30 / 255)),
        ("b3261e", (179 / 255, 38 / 255, 30 / 255)),  # '#' optional, either case
        ("  #1F5FA8\t", (31 / 255, 95 / 255, 168 / 255)),  # surrounding blanks ignored
        ("#fff", (1.0, 1.0, 1.0)),
        ("#0A5", (0.0, 170 / 255, 85 / 255)),  # #RGB doubles each digit: #00AA55
        ("#000000", (0.0, 0.0, 0.0)),
    ],
)
def test_parse_hex(text, rgb):
    assert parse_color(text).rgb == approx(rgb, abs=1e-6)


@pytest.mark.parametrize(
    ("text", "hex_"),
    [("#b3261e", "#B3261E"), ("#fff", "#FFFFFF"), ("#0A5", "#00AA55"), ("#010203", "#010203")],
)
def test_hex_round_trips_in_upper_case(text, hex_):
    assert parse_color(text).hex() == hex_


@pytest.mark.parametrize(
    ("text", "cmyk"),
    [
        ("cmyk(0, 90, 85, 10)", (0.0, 0.9, 0.85, 0.1)),
        ("CMYK(0%, 90%, 85%, 10%)", (0.0, 0.9, 0.85, 0.1)),
        ("cmyk( 100 ,0,0.5, 0 )", (1.0, 0.0, 0.005, 0.0)),
        ("cmyk(100, 100, 100, 100)", (1.0, 1.0, 1.0, 1.0)),  # 100 % is allowed
    ],
)
def test_parse_cmyk_keeps_the_inks(text, cmyk):
    assert parse_color(text).cmyk == approx(cmyk, abs=1e-9)


def test_cmyk_colour_gets_its_rgb_from_the_inks():
    # R = (1 − C)(1 − K) = 1 × 0.9, G = 0.1 × 0.9, B = 0.15 × 0.9
    assert parse_color("cmyk(0, 90, 85, 10)").rgb == approx((0.9, 0.09, 0.135), abs=1e-9)


@pytest.mark.parametrize(
    "text",
    ["", "red", "#12345G", "#1234", "#12345", "##123456", "#1234567", "cmyk(0, 101, 0, 0)",
     "cmyk(0, 0, 0)", "cmyk(a, 0, 0, 0)", "rgb(1, 2, 3)"],
)  # fmt: skip
def test_parse_rejects_anything_else_and_says_what_is_expected(text):
    with pytest.raises(ValueError) as caught:
        parse_color(text)
    assert str(caught.value) == (
        f"not a colour: {text.strip()!r} "
        "(expected #RRGGBB, e.g. #B3261E, or cmyk(c, m, y, k) in percent)"
    )


# ---------------------------------------------------------------- separation


def test_cmyk_to_rgb():
    assert cmyk_to_rgb((0.2, 0.4, 0.6, 0.5)) == approx((0.4, 0.3, 0.2))
    assert cmyk_to_rgb((0.0, 0.0, 0.0, 0.0)) == (1.0, 1.0, 1.0)
    assert cmyk_to_rgb((0.0, 0.0, 0.0, 1.0)) == (0.0, 0.0, 0.0)


def test_from_rgb_and_from_cmyk_clip_to_the_unit_range():
    assert Color.from_rgb((1.2, -0.1, 0.5)).rgb == (1.0, 0.0, 0.5)
    inks = Color.from_cmyk((1.5, -0.5, 0.25, 0.0))
    assert inks.cmyk == (1.0, 0.0, 0.25, 0.0)
    assert inks.rgb == approx((0.0, 1.0, 0.75))


# ---------------------------------------------------------------- tints, darker


def test_tint_is_that_much_ink_on_white():
    color = Color((0.2, 0.4, 1.0), (0.8, 0.6, 0.0, 0.0))
    tint = color.tint(0.25)
    # rgb: v × 0.25 + 0.75; cmyk: v × 0.25
    assert tint.rgb == approx((0.8, 0.85, 1.0))
    assert tint.cmyk == approx((0.2, 0.15, 0.0, 0.0))
    assert color.tint(1.0) == color
    assert color.tint(0.0).rgb == approx((1.0, 1.0, 1.0))
    assert color.tint(0.0).cmyk == approx((0.0, 0.0, 0.0, 0.0))


def test_darker_scales_rgb_down_and_raises_k():
    color = Color((0.8, 0.4, 0.2), (0.0, 0.5, 0.75, 0.2))
    dark = color.darker(0.5)
    assert dark.rgb == approx((0.4, 0.2, 0.1))
    assert dark.cmyk == approx((0.0, 0.5, 0.75, 0.6))  # K = 1 − (1 − 0.2) × 0.5


# ---------------------------------------------------------------- value semantics


def test_color_is_an_immutable_value():
    a = parse_color("#B3261E")
    b = parse_color("b3261e")
    assert a == b and hash(a) == hash(b)
    assert a != parse_color("#B3261F")
    assert a != Color(a.rgb, (0.0, 0.0, 0.0, 1.0))  # same RGB, other inks
    assert a != "#B3261E"
    assert len({a, b, parse_color("#000")}) == 2
    with pytest.raises(AttributeError, match="Color is immutable"):
        a.rgb = (0.0, 0.0, 0.0)
    with pytest.raises(AttributeError):
        a.other = 1
    # a hex colour's inks come from the press profile (ICC), when first asked for
    assert repr(parse_color("#000")) == "Color(#000000, cmyk=ICC)"


def test_color_keeps_plain_tuples():
    color = Color([0.1, 0.2, 0.3], [0.0, 0.0, 0.0, 0.5])
    assert color.rgb == (0.1, 0.2, 0.3) and isinstance(color.rgb, tuple)
    assert color.cmyk == (0.0, 0.0, 0.0, 0.5) and isinstance(color.cmyk, tuple)


# ---------------------------------------------------------------- WCAG contrast


@pytest.mark.parametrize(
    ("rgb", "luminance"),
    [
        ((1.0, 1.0, 1.0), 1.0),
        ((0.0, 0.0, 0.0), 0.0),
        ((1.0, 0.0, 0.0), 0.2126),
        ((0.0, 1.0, 0.0), 0.7152),
        ((0.0, 0.0, 1.0), 0.0722),
        # below the 0.04045 knee a channel is linear: 0.04 / 12.92
        ((0.04, 0.04, 0.04), 0.04 / 12.92),
        # above it: ((0.5 + 0.055) / 1.055) ** 2.4 = 0.21404
        ((0.5, 0.5, 0.5), 0.214041),
    ],
)
def test_relative_luminance(rgb, luminance):
    assert relative_luminance(rgb) == approx(luminance, abs=1e-6)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#FFFFFF", "#000000", 21.0),
        ("#000000", "#FFFFFF", 21.0),  # symmetric
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#777777", "#FFFFFF", 4.48),  # WCAG reference: just fails AA
        ("#767676", "#FFFFFF", 4.54),  # the darkest grey that passes on white
        ("#FF0000", "#FFFFFF", 4.0),
        ("#FF0000", "#000000", 5.25),
        ("#0000FF", "#FFFFFF", 8.59),
        ("#00FF00", "#000000", 15.3),
    ],
)
def test_contrast_ratio_wcag_reference_values(a, b, ratio):
    assert contrast_ratio(parse_color(a), parse_color(b)) == approx(ratio, abs=0.005)


def test_contrast_ratio_takes_colours_or_rgb_tuples():
    assert contrast_ratio((1.0, 1.0, 1.0), (0.0, 0.0, 0.0)) == approx(21.0)
    assert contrast_ratio(parse_color("#fff"), (0.0, 0.0, 0.0)) == approx(21.0)
    assert contrast_ratio((0.0, 0.0, 0.0), parse_color("#fff")) == approx(21.0)
