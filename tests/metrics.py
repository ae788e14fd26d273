"""Measures for the stage tests, independent of poster's own measuring.

- Be Vietnam Pro's metrics read with fontTools: advance widths, glyph reach above and
  below the baseline, and a check that lines are the greedy breaks.
- `Ruler`, a face whose every character, space included, is 0.25 em wide: at 4 pt a
  line of n characters is n points wide, so breaks and positions are counted by hand.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from poster.fonts import Extent
from poster.textfit import Style

FONTS = Path(__file__).resolve().parents[1] / "fonts"


@cache
def _font(weight: str):
    font = TTFont(FONTS / f"BeVietnamPro-{weight}.ttf")
    return font.getBestCmap(), font["hmtx"], font["glyf"], font.getGlyphOrder(), font["head"]


def has_glyph(ch: str, weight: str = "Regular") -> bool:
    return ord(ch) in _font(weight)[0]


def em(text: str, weight: str = "Regular") -> float:
    """Advance width of `text` at 1 pt (the fonts have 1000 units per em)."""
    cmap, hmtx, _, _, head = _font(weight)
    return sum(hmtx[cmap[ord(ch)]][0] for ch in text) / head.unitsPerEm


def reach(texts: list[str], weight: str = "Regular") -> tuple[float, float]:
    """(top, bottom) of the glyph outlines of every character of `texts`, in em;
    a glyph without outline (the space) counts as reaching the baseline."""
    cmap, _, glyf, _, head = _font(weight)
    bounds = []
    for ch in set("".join(texts)):
        glyph = glyf[cmap[ord(ch)]]
        empty = glyph.numberOfContours == 0
        bounds.append((0, 0) if empty else (glyph.yMin, glyph.yMax))
    units = head.unitsPerEm
    return max(b[1] for b in bounds) / units, min(b[0] for b in bounds) / units


def check_greedy(lines: list[str], size: float, width: float, first: float, weight: str) -> None:
    """Assert `lines` are the greedy breaks of their words: each line fits its room (the
    first line `first` points, the others `width`), and the next word would not."""
    words = " ".join(lines).split(" ")
    used = 0
    for i, line in enumerate(lines):
        room = first if i == 0 else width
        n = len(line.split(" ")) if line else 0
        assert em(line, weight) * size <= room, (line, em(line, weight) * size, room)
        used += n
        if used < len(words) and line:
            longer = f"{line} {words[used]}"
            assert em(longer, weight) * size > room, (longer, room)


class Ruler:
    """Every character 0.25 em wide; glyphs reach 0.75 em up and 0.25 em down."""

    name = "Ruler"
    space = 0.25

    def __init__(self) -> None:
        self.asked: list[tuple[str, ...]] = []

    def words(
        self, text: str, keep: tuple[str, ...] | None = None
    ) -> tuple[tuple[str, ...], tuple[float, ...]]:
        """Syllables; display text (`keep` given): the words of poster.words."""
        words = tuple(text.split(" "))
        if keep is not None:
            from poster.words import join

            words = join(words, keep)
        return words, tuple(0.25 * len(w) for w in words)

    def width(self, text: str) -> float:
        return 0.25 * len(text)

    def extent(self, texts) -> Extent:
        self.asked.append(tuple(texts))
        return Extent(top=0.75, bottom=-0.25)


def ruler(size: float = 4.0, leading: float = 1.5) -> Style:
    """The ruler at `size`: ascent 0.75 × size, descent 0.25 × size, pitch leading × size."""
    return Style(Ruler(), size, leading, Extent(top=0.75, bottom=-0.25))  # type: ignore[arg-type]


# ---------------------------------------------------------------- shared by the stage tests

PT = 72 / 25.4  # points per millimetre
LAYOUTS = Path(__file__).resolve().parents[1] / "layouts"


def mm(value: float) -> float:
    return value * PT


def approx(*values: float):
    import pytest

    return pytest.approx(values, abs=1e-9)


def box(r) -> tuple[float, float, float, float]:
    return r.x0, r.y0, r.x1, r.y1


# ---------------------------------------------------------------- colours, by hand

RGB = tuple[float, float, float]


def wcag(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (0..1), written here."""

    def lum(rgb: RGB) -> float:
        r, g, b_ = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lightness(rgb: RGB) -> float:
    """CIE L* of an sRGB colour (0..1), from its luminance Y: the same for any white point."""
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def tint_rgb(rgb: RGB, amount: float) -> RGB:
    """`amount` of a colour on white paper, by hand."""
    r, g, b = rgb
    return (r * amount + 1 - amount, g * amount + 1 - amount, b * amount + 1 - amount)


def least_darkened(drawn, base, ground: RGB) -> None:
    """`drawn` (a poster.colors.Color) is `base` scaled down by a factor in hundredths
    (its hue kept), the largest such factor at which it reads on `ground` at 4.5:1."""
    import pytest

    f = drawn.rgb[0] / base.rgb[0]
    assert drawn.rgb == pytest.approx(tuple(c * f for c in base.rgb), abs=1e-9)
    assert round(f * 100) == pytest.approx(f * 100, abs=1e-6) and f < 1
    assert wcag(drawn.rgb, ground) >= 4.5
    assert wcag(tuple(c * (f + 0.01) for c in base.rgb), ground) < 4.5  # type: ignore[arg-type]
