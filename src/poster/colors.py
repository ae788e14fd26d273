"""Colours: parsing, mixing and WCAG contrast. Colours are (r, g, b) floats in 0..1."""

from __future__ import annotations

import re

RGB = tuple[float, float, float]

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")

WHITE: RGB = (1.0, 1.0, 1.0)


def parse_color(text: str) -> RGB:
    """Parse '#RRGGBB' or '#RGB'. Raises ValueError with what was expected."""
    m = _HEX.fullmatch(text.strip())
    if not m:
        raise ValueError(f"not a colour: {text!r} (expected #RRGGBB, e.g. #B3261E)")
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(color: RGB) -> str:
    return "#" + "".join(f"{round(c * 255):02X}" for c in color)


def mix(color: RGB, other: RGB, amount: float) -> RGB:
    """`amount` of `color`, the rest `other` (amount=1 gives color)."""
    return tuple(a * amount + b * (1 - amount) for a, b in zip(color, other, strict=True))  # type: ignore[return-value]


def relative_luminance(color: RGB) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, 1..21."""
    la, lb = relative_luminance(a), relative_luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)
