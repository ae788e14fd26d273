"""Checks on a brand before anything is drawn: every text colour must read on its
background (WCAG AA, 4.5:1), and a logo should be sharp at its printed size."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from poster.colors import SIDE_TINT, WHITE, Color, contrast_ratio
from poster.errors import Problem

if TYPE_CHECKING:
    from poster.spec import Colors

log = logging.getLogger("poster")

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
MIN_LOGO_DPI = 150


def contrast_problems(colors: Colors, file: str) -> list[Problem]:
    """Every pair of text colour and background a poster or slide puts together."""
    left_tint, right_tint = colors.left.tint(SIDE_TINT), colors.right.tint(SIDE_TINT)
    pairs: list[tuple[str, Color, str, Color]] = [
        ("colors.text", colors.text, "the background", colors.background),
        ("colors.text", colors.text, "the white tiles", WHITE),
        ("colors.text", colors.text, "the left side's tint", left_tint),
        ("colors.text", colors.text, "the right side's tint", right_tint),
        ("colors.left", colors.left, "its tint (side label)", left_tint),
        ("colors.right", colors.right, "its tint (side label)", right_tint),
        ("colors.primary", colors.primary, "the background (links, numbers)", colors.background),
        ("colors.left", colors.left, "the background (the key)", colors.background),
        ("colors.right", colors.right, "the background (the key)", colors.background),
    ]
    problems = []
    for field, fg, what, bg in pairs:
        ratio = contrast_ratio(fg, bg)
        if ratio < MIN_CONTRAST:
            problems.append(
                Problem(
                    file,
                    field,
                    f"{fg.hex()} on {what} {bg.hex()} has contrast {ratio:.2f}:1, "
                    f"needs at least {MIN_CONTRAST}:1 (WCAG AA)",
                )
            )
    return problems


def logo_dpi(pixels: tuple[int, int], printed_pt: tuple[float, float]) -> float:
    return min(pixels[0] / (printed_pt[0] / 72), pixels[1] / (printed_pt[1] / 72))


def warn_logo(
    brand_file: str,
    logo: str,
    pixels: tuple[int, int],
    printed_pt: tuple[float, float],
    layout: str,
) -> float:
    dpi = logo_dpi(pixels, printed_pt)
    if dpi < MIN_LOGO_DPI:
        log.warning(
            "%s: logo: %s is %d×%d px, %.0f dpi at its printed size on %s "
            "(under %d dpi: it may print blurred; give a larger image)",
            brand_file,
            logo,
            pixels[0],
            pixels[1],
            dpi,
            layout,
            MIN_LOGO_DPI,
        )
    return dpi
