"""Colours: parsing (hex or CMYK), RGB ↔ CMYK, tints, WCAG contrast.

A `Color` carries both an RGB value (screens, previews) and a CMYK value (print).
Hex colours get their CMYK by one formula, the naive separation that print
shops' RIPs also start from:

    K = 1 − max(R, G, B);  C = (1 − R − K) / (1 − K);  M, Y likewise   (0 ≤ all ≤ 1)

so neutral greys and black become pure K (crisp text, no rich-black fringes).
CMYK colours given as `cmyk(c, m, y, k)` (percent) keep their exact inks and get
their RGB from R = (1 − C)(1 − K) etc.
"""

from __future__ import annotations

import re

RGB = tuple[float, float, float]
CMYK = tuple[float, float, float, float]

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_CMYK = re.compile(
    r"cmyk\(\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*\)", re.I
)


def rgb_to_cmyk(rgb: RGB) -> CMYK:
    k = 1 - max(rgb)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    c, m, y = ((1 - v - k) / (1 - k) for v in rgb)
    return (_clip(c), _clip(m), _clip(y), _clip(k))


def cmyk_to_rgb(cmyk: CMYK) -> RGB:
    c, m, y, k = cmyk
    return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))


def _clip(v: float) -> float:
    return min(1.0, max(0.0, round(v, 6)))


class Color:
    """An immutable colour value. (A plain class, not a dataclass, so the YAML
    validator hands it the string to parse instead of expecting a mapping.)"""

    __slots__ = ("cmyk", "rgb")
    rgb: RGB
    cmyk: CMYK

    def __init__(self, rgb: RGB, cmyk: CMYK):
        object.__setattr__(self, "rgb", tuple(rgb))
        object.__setattr__(self, "cmyk", tuple(cmyk))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Color is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Color) and (self.rgb, self.cmyk) == (other.rgb, other.cmyk)

    def __hash__(self) -> int:
        return hash((self.rgb, self.cmyk))

    def __repr__(self) -> str:
        return f"Color({self.hex()}, cmyk={self.cmyk})"

    @classmethod
    def from_rgb(cls, rgb: RGB) -> Color:
        r, g, b = rgb
        return cls((_clip(r), _clip(g), _clip(b)), rgb_to_cmyk(rgb))

    @classmethod
    def from_cmyk(cls, cmyk: CMYK) -> Color:
        c, m, y, k = cmyk
        cmyk = (_clip(c), _clip(m), _clip(y), _clip(k))
        return cls(cmyk_to_rgb(cmyk), cmyk)

    def tint(self, amount: float) -> Color:
        """`amount` of this ink on white paper (amount=1 gives the colour itself)."""
        r, g, b = self.rgb
        c, m, y, k = self.cmyk
        paper = 1 - amount
        rgb = (r * amount + paper, g * amount + paper, b * amount + paper)
        return Color(rgb, (c * amount, m * amount, y * amount, k * amount))

    def darker(self, factor: float) -> Color:
        """Towards black: RGB scaled down, K raised."""
        r, g, b = self.rgb
        c, m, y, k = self.cmyk
        return Color((r * factor, g * factor, b * factor), (c, m, y, _clip(1 - (1 - k) * factor)))

    def hex(self) -> str:
        return "#" + "".join(f"{round(c * 255):02X}" for c in self.rgb)


SIDE_TINT = 0.11  # a side's background: this much of its colour on white

WHITE = Color((1.0, 1.0, 1.0), (0.0, 0.0, 0.0, 0.0))
BLACK = Color((0.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0))
REGISTRATION = Color((0.0, 0.0, 0.0), (1.0, 1.0, 1.0, 1.0))  # crop marks: on every plate


def parse_color(text: str) -> Color:
    """'#RRGGBB', '#RGB' or 'cmyk(c, m, y, k)' in percent. ValueError says what was expected."""
    text = text.strip()
    m = _HEX.fullmatch(text)
    if m:
        digits = m.group(1)
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        r, g, b = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return Color.from_rgb((r, g, b))
    m = _CMYK.fullmatch(text)
    if m:
        values = [float(v) for v in m.groups()]
        if all(v <= 100 for v in values):
            cyan, magenta, yellow, black = (v / 100 for v in values)
            return Color.from_cmyk((cyan, magenta, yellow, black))
    raise ValueError(
        f"not a colour: {text!r} (expected #RRGGBB, e.g. #B3261E, or cmyk(c, m, y, k) in percent)"
    )


def relative_luminance(rgb: RGB) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Color | RGB, b: Color | RGB) -> float:
    """WCAG 2 contrast ratio, 1..21."""
    la = relative_luminance(a.rgb if isinstance(a, Color) else a)
    lb = relative_luminance(b.rgb if isinstance(b, Color) else b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def on(background: Color, preferred: Color) -> Color:
    """The text colour for `background`: `preferred` if it reads (4.5:1), else white or black."""
    if contrast_ratio(preferred, background) >= 4.5:
        return preferred
    return (
        WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(BLACK, background) else BLACK
    )
