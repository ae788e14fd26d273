"""The sides' box fills (review 16, issue 19.2): each side's colour thinned on white, one
deepened until the two differ by 8 L* (a black-and-white copy keeps them apart), each at
least ΔE00 10 from the white tile. Checked with L* from luminance and CIEDE2000 written
in the tests (metrics.py, printread.py), the amounts found here by scanning."""

from __future__ import annotations

import pytest
from metrics import lightness, tint_rgb
from printread import ciede2000

from poster.colors import parse_color, side_fills

BASE, DEEPEST = 0.22, 0.42  # the design's tint, and the most a fill may take
SPLIT_L = 8.0
FROM_TILE_DE00 = 10.0


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    from printread import srgb_to_lab

    return srgb_to_lab("#" + "".join(f"{round(c * 255):02X}" for c in rgb))


def amount_of(fill, colour) -> float:
    """How much of `colour` on white gives `fill` (the channel furthest from white)."""
    i = min(range(3), key=lambda k: colour.rgb[k])
    a = (1 - fill.rgb[i]) / (1 - colour.rgb[i])
    assert fill.rgb == pytest.approx(tint_rgb(colour.rgb, a), abs=1e-9)  # the same hue
    return a


def least(colour, start: float, good) -> float | None:
    """The least amount from `start` (0.1 % steps) at which `good(rgb)` holds."""
    for n in range(round(start * 1000), round(DEEPEST * 1000) + 1):
        if good(tint_rgb(colour.rgb, n / 1000)):
            return n / 1000
    return None


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("#1F5FA8", "#1E7B4A"),  # the national blue and green: 87.0 and 88.1 L* at 22 %
        ("#8A4B08", "#0B6E5F"),  # Cẩm Phả's brown and teal
        ("#1F5FA8", "#1B2A4A"),  # the review's navy (refused by the check, drawn apart anyway)
        ("#767676", "#1E7B4A"),  # a grey: 22 % of it hardly shows on white
        ("#1F5FA8", "#F2C94C"),  # a pale yellow: apart in lightness already
    ],
)
def test_one_side_deepened_as_little_as_sets_them_8_apart(left, right):
    colours = (parse_color(left), parse_color(right))
    fills = side_fills(*colours)
    amounts = [amount_of(f, c) for f, c in zip(fills, colours, strict=True)]
    assert all(BASE - 1e-9 <= a <= DEEPEST + 1e-9 for a in amounts), amounts
    white = (100.0, 0.0, 0.0)
    # first each off the white tile: the least amount that is, from 22 %
    off = [
        least(c, BASE, lambda rgb: ciede2000(lab(rgb), white) >= FROM_TILE_DE00) for c in colours
    ]
    assert all(o is not None for o in off)
    light = [lightness(tint_rgb(c.rgb, o)) for c, o in zip(colours, off, strict=True)]  # type: ignore[arg-type]
    if abs(light[0] - light[1]) >= SPLIT_L:
        assert amounts == pytest.approx(off, abs=0.0011)  # nothing more to do
        return
    # then the side that needs the smaller change deepened until 8 L* under the other
    need = []
    for deeper in (0, 1):
        target = light[1 - deeper] - SPLIT_L
        got = least(colours[deeper], off[deeper], lambda rgb, t=target: lightness(rgb) <= t)  # type: ignore[arg-type]
        need.append(None if got is None else got - off[deeper])  # type: ignore[operator]
    deeper = min((n, -side) for side, n in enumerate(need) if n is not None)
    side = -deeper[1]
    assert amounts[1 - side] == pytest.approx(off[1 - side], abs=0.0011)
    assert amounts[side] == pytest.approx(off[side] + need[side], abs=0.0011)  # type: ignore[operator]
    drawn = [lightness(f.rgb) for f in fills]
    assert abs(drawn[0] - drawn[1]) >= SPLIT_L - 1e-6
