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
