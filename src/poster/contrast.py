"""Checks on a brand before anything is drawn: every text colour must read on its
background (WCAG AA, 4.5:1), and a logo should be sharp at its printed size."""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Any

from poster.colors import SIDE_TINT, WHITE, Color, contrast_ratio, parse_color
from poster.errors import Problem, problem

if TYPE_CHECKING:
    from poster.spec import Colors

log = logging.getLogger("poster")

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
MIN_LOGO_DPI = 150


# (field, surface word, background): every text colour on what it is read on; see
# catalogue.WORDS for the surfaces' names. The sides' tints here are a slide's (SIDE_TINT);
# on a poster's stronger side fills (FILL_TINT) the text and the labels are darkened just
# enough to keep 4.5:1 (colors.readable_on).
def _pairs(colors: Colors) -> list[tuple[str, Color, str, Color]]:
    left_tint, right_tint = colors.left.tint(SIDE_TINT), colors.right.tint(SIDE_TINT)
    return [
        ("colors.text", colors.text, "background", colors.background),
        ("colors.text", colors.text, "tiles", WHITE),
        ("colors.text", colors.text, "left-tint", left_tint),
        ("colors.text", colors.text, "right-tint", right_tint),
        ("colors.left", colors.left, "own-tint", left_tint),
        ("colors.right", colors.right, "own-tint", right_tint),
        ("colors.primary", colors.primary, "background-links", colors.background),
        ("colors.left", colors.left, "background-key", colors.background),
        ("colors.right", colors.right, "background-key", colors.background),
    ]


def contrast_problems(colors: Colors, file: str) -> list[Problem]:
    """Every pair of text colour and background a poster or slide puts together. A
    refused colour comes with the nearest colour of its hue that passes every check."""
    problems = []
    fixes: dict[str, Color | None] = {}
    for field, fg, surface, bg in _pairs(colors):
        ratio = contrast_ratio(fg, bg)
        if ratio >= MIN_CONTRAST:
            continue
        if field not in fixes:
            fixes[field] = suggest(colors, field)
        fix = fixes[field]
        params: dict[str, Any] = {
            "fg": fg.hex(), "surface_word": surface, "bg": bg.hex(), "ratio": ratio,
            "minimum": MIN_CONTRAST,
        }  # fmt: skip
        if fix is None:
            problems.append(problem("contrast.low", file, field, **params))
            continue
        after = _with(colors, field, fix)
        fixed_bg = next(b for f, _, s, b in _pairs(after) if f == field and s == surface)
        params.update(suggestion=fix.hex(), suggestion_ratio=contrast_ratio(fix, fixed_bg))
        problems.append(problem("contrast.low-fix", file, field, **params))
    return problems


def _with(colors: Colors, field: str, color: Color) -> Colors:
    from msgspec.structs import replace

    return replace(colors, **{field.removeprefix("colors."): color})


def _passes(colors: Colors, field: str) -> bool:
    return all(
        contrast_ratio(fg, bg) >= MIN_CONTRAST for f, fg, _, bg in _pairs(colors) if f == field
    )


# ---------------------------------------------------------------- OKLab (Björn Ottosson, 2020)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def to_oklab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    lms = (
        0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b,
        0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b,
        0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b,
    )
    l_, m_, s_ = (math.copysign(abs(v) ** (1 / 3), v) for v in lms)
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def from_oklab(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear-light sRGB → gamma-encoded sRGB, unclipped (out of gamut if outside 0..1)."""
    L, a, b = lab
    l_ = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (L - 0.0894841775 * a - 1.2914855480 * b) ** 3
    rgb = (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
    )
    return (_gamma(rgb[0]), _gamma(rgb[1]), _gamma(rgb[2])) if min(rgb) >= -1e-9 else (-1, -1, -1)


def _in_gamut(rgb: tuple[float, float, float]) -> bool:
    return all(-1e-6 <= c <= 1 + 1e-6 for c in rgb)


def _at_lightness(L: float, a: float, b: float) -> Color:
    """The colour of lightness L with the hue of (a, b) and as much of its chroma as fits
    in sRGB: the hue stays, the chroma shrinks only where the gamut demands it."""
    lo, hi = 0.0, 1.0  # the share of the chroma kept
    rgb = from_oklab((L, a, b))
    if not _in_gamut(rgb):
        for _ in range(24):
            mid = (lo + hi) / 2
            if _in_gamut(from_oklab((L, a * mid, b * mid))):
                lo = mid
            else:
                hi = mid
        rgb = from_oklab((L, a * lo, b * lo))
    r, g, b_ = (min(1.0, max(0.0, c)) for c in rgb)
    return parse_color("#" + "".join(f"{round(c * 255):02X}" for c in (r, g, b_)))


def suggest(colors: Colors, field: str) -> Color | None:
    """The colour nearest to `field`'s (in OKLab) with the same hue that passes every
    contrast check of that field: darkened or lightened, whichever is closer."""
    start = getattr(colors, field.removeprefix("colors."))
    L0, a, b = to_oklab(start.rgb)
    best: tuple[float, Color] | None = None
    for direction in (-1, 1):
        for i in range(1, 400):
            L = L0 + direction * i * 0.0025
            if not 0 <= L <= 1:
                break
            candidate = _at_lightness(L, a, b)
            if _passes(_with(colors, field, candidate), field):
                lab = to_oklab(candidate.rgb)
                distance = math.dist(lab, (L0, a, b))
                if best is None or distance < best[0]:
                    best = (distance, candidate)
                break
    return None if best is None else best[1]


def logo_dpi(pixels: tuple[int, int], printed_pt: tuple[float, float]) -> float:
    return min(pixels[0] / (printed_pt[0] / 72), pixels[1] / (printed_pt[1] / 72))


def warn_logo(
    brand_file: str,
    logo: str,
    pixels: tuple[int, int],
    printed_pt: tuple[float, float],
    layout: str,
    minimum: float = MIN_LOGO_DPI,
) -> float:
    dpi = logo_dpi(pixels, printed_pt)
    if dpi < minimum:
        warning = problem(
            "logo.low-dpi", brand_file, "logo", name=logo, width=pixels[0], height=pixels[1],
            dpi=round(dpi), layout=layout, minimum=round(minimum),
        )  # fmt: skip
        log.warning("%s", warning, extra={"problem": warning})
    return dpi
