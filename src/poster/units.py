"""Lengths: the point (1/72 in) inside, millimetres at the edges; named page sizes."""

from __future__ import annotations

MM = 72 / 25.4  # points per millimetre

# ISO 216 A series, portrait, in millimetres.
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A0": (841, 1189),
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
}


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


def to_mm(points: float) -> float:
    return points / MM


# A screen layout (a social card) is sized in pixels. It is planned at one pixel per
# point and rasterised at 72 dpi, so its PNG has exactly the layout's pixels; no other
# pixel size (96 per inch or any) is assumed anywhere.
PX_DPI = 72.0


def px(value: float) -> float:
    """Pixels of a screen layout to points."""
    return value * 72 / PX_DPI
