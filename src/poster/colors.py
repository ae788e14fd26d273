"""Colours: parsing (hex or CMYK), ICC separation to the press's CMYK, tints, WCAG contrast.

A `Color` carries both an RGB value (screens, previews) and a CMYK value (print).

Hex colours are sRGB. Their CMYK comes from LittleCMS (Pillow's `ImageCms`) with the
shipped output profile `data/profiles/poster-fogra39-300.icc` (FOGRA39 offset on
coated paper, total ink 300 %; see `data/profiles/README.md`), rendering intent
relative colorimetric with black-point compensation. The conversion is made on
first use of `.cmyk`, so an RGB render never loads the colour engine.
CMYK colours given as `cmyk(c, m, y, k)` (percent) keep their exact inks and get
their RGB from R = (1 − C)(1 − K) etc.

Text is inked by `text_cmyk`: text darker than L* 25 is 100 % K (no C, M, Y: it
prints as solid black, is overprinted, and cannot show colour fringes); coloured
text under 12 pt uses at most two inks (the two-ink mix nearest in ΔE76 through the
profile) so that misregistered plates cannot fringe small letters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from PIL import Image, ImageCms

RGB = tuple[float, float, float]
CMYK = tuple[float, float, float, float]
Lab = tuple[float, float, float]

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_CMYK = re.compile(
    r"cmyk\(\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*\)", re.I
)

# ---------------------------------------------------------------- the press profile

PROFILE_FILE = "poster-fogra39-300.icc"
PRESS_CONDITION = "FOGRA39"  # the characterisation the profile is made from
PRESS_CONDITION_NAME = "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1/2)"
INK_LIMIT = 3.0  # total area coverage the profile separates to (300 %)
NEAR_BLACK_L = 25.0  # text darker than this L* is printed in 100 % K
SMALL_TEXT_PT = 12.0  # text under this size uses at most two inks
PURE_K: CMYK = (0.0, 0.0, 0.0, 1.0)


def profile_path() -> str:
    from poster.resources import DATA

    return str(DATA / "profiles" / PROFILE_FILE)


def profile_bytes() -> bytes:
    with open(profile_path(), "rb") as f:
        return f.read()


@lru_cache(maxsize=1)
def _press() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.getOpenProfile(profile_path())


@lru_cache(maxsize=4)
def _transform(kind: str) -> ImageCms.ImageCmsTransform:
    """'brand': sRGB → CMYK, relative colorimetric + BPC (brand colours, logos);
    'photo': sRGB → CMYK, perceptual; 'proof': CMYK → Lab (D50), relative colorimetric."""
    from PIL import ImageCms

    srgb = ImageCms.createProfile("sRGB")
    if kind == "proof":
        lab = ImageCms.createProfile("LAB", 5000)
        return ImageCms.buildTransform(
            _press(), lab, "CMYK", "LAB", ImageCms.Intent.RELATIVE_COLORIMETRIC
        )
    if kind == "photo":
        return ImageCms.buildTransform(srgb, _press(), "RGB", "CMYK", ImageCms.Intent.PERCEPTUAL)
    return ImageCms.buildTransform(
        srgb,
        _press(),
        "RGB",
        "CMYK",
        ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


def image_to_cmyk(im: Image.Image, photo: bool = False) -> Image.Image:
    """An RGB image in the press's CMYK: perceptual for photos, else as brand colours."""
    from PIL import ImageCms

    rgb = im if im.mode == "RGB" else im.convert("RGB")
    out = ImageCms.applyTransform(rgb, _transform("photo" if photo else "brand"))
    assert out is not None
    return out


@lru_cache(maxsize=1024)
def separate(rgb: RGB) -> CMYK:
    """An sRGB colour in the press's CMYK (relative colorimetric + BPC)."""
    from PIL import Image

    px = tuple(max(0, min(255, round(v * 255))) for v in rgb)
    out = image_to_cmyk(Image.new("RGB", (1, 1), px)).getpixel((0, 0))
    assert isinstance(out, tuple)
    return (out[0] / 255, out[1] / 255, out[2] / 255, out[3] / 255)


def cmyk_to_lab(values: list[CMYK]) -> list[Lab]:
    """What inks print as on the press (D50 Lab), read through the profile."""
    from PIL import Image

    im = Image.new("CMYK", (len(values), 1))
    im.putdata([tuple(max(0, min(255, round(v * 255))) for v in c) for c in values])
    from PIL import ImageCms

    lab = ImageCms.applyTransform(im, _transform("proof"))
    assert lab is not None
    raw = lab.tobytes()  # L 0..255; a and b as signed bytes

    def signed(v: int) -> int:
        return v - 256 if v >= 128 else v

    return [
        (raw[i] * 100 / 255, signed(raw[i + 1]), signed(raw[i + 2])) for i in range(0, len(raw), 3)
    ]


def lightness(rgb: RGB) -> float:
    """CIE L* of an sRGB colour (its luminance Y against white)."""
    y = relative_luminance(rgb)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def is_near_black(color: Color) -> bool:
    return lightness(color.rgb) < NEAR_BLACK_L


def inks_used(cmyk: CMYK, floor: float = 0.005) -> int:
    return sum(v > floor for v in cmyk)


@lru_cache(maxsize=256)
def two_inks(cmyk: CMYK) -> CMYK:
    """The mix of at most two inks that prints nearest to `cmyk` on the press: every pair
    of inks on a 5 % grid, then the best pair refined to 1 % (ΔE76 through the profile).
    Dark saturated colours (the shipped reds, greens, browns) lose 15–26 ΔE this way: two
    inks cannot reach them; small text is kept sharp at that price."""
    if inks_used(cmyk) <= 2:
        return cmyk
    (target,) = cmyk_to_lab([cmyk])

    def nearest(candidates: list[CMYK]) -> CMYK:
        labs = cmyk_to_lab(candidates)
        tl, ta, tb = target
        distances = [(L - tl) ** 2 + (a - ta) ** 2 + (b - tb) ** 2 for L, a, b in labs]
        return candidates[distances.index(min(distances))]

    def mixes(i: int, j: int, us: list[int], vs: list[int]) -> list[CMYK]:
        out: list[CMYK] = []
        for u in us:
            for v in vs:
                c = [0.0, 0.0, 0.0, 0.0]
                c[i], c[j] = u / 100, v / 100
                out.append((c[0], c[1], c[2], c[3]))
        return out

    pairs = [(i, j) for i in range(4) for j in range(i + 1, 4)]
    coarse = range(0, 101, 5)
    best = nearest([m for i, j in pairs for m in mixes(i, j, list(coarse), list(coarse))])
    fine: list[CMYK] = []
    for i, j in pairs:
        if all(best[n] == 0 for n in range(4) if n not in (i, j)):
            u0, v0 = round(best[i] * 100), round(best[j] * 100)
            us = [u for u in range(u0 - 5, u0 + 6) if 0 <= u <= 100]
            vs = [v for v in range(v0 - 5, v0 + 6) if 0 <= v <= 100]
            fine += mixes(i, j, us, vs)
    return nearest(fine)


def text_cmyk(color: Color, size: float) -> CMYK:
    """The inks of text of `color` at `size` points (see the module's docstring)."""
    if is_near_black(color):
        return PURE_K
    if size < SMALL_TEXT_PT:
        return two_inks(color.cmyk)
    return color.cmyk


def delta_e(a: Lab, b: Lab) -> float:
    return float(sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5)


def cmyk_to_rgb(cmyk: CMYK) -> RGB:
    c, m, y, k = cmyk
    return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))


def _clip(v: float) -> float:
    return min(1.0, max(0.0, round(v, 6)))


# How a colour's CMYK is known: None (separated from its sRGB by the profile), its exact
# inks, or made from another colour's inks ("tint" or "darker", the colour, the factor).
_Origin = tuple[float, float, float, float] | tuple[str, "Color", float] | None


class Color:
    """An immutable colour value. (A plain class, not a dataclass, so the YAML
    validator hands it the string to parse instead of expecting a mapping.)

    `.cmyk` is separated on first use and remembered."""

    __slots__ = ("_cmyk", "_origin", "rgb")
    rgb: RGB
    _origin: _Origin
    _cmyk: CMYK | None

    def __init__(self, rgb: RGB, cmyk: CMYK | None = None, *, origin: _Origin = None):
        r, g, b = rgb
        object.__setattr__(self, "rgb", (r, g, b))
        if cmyk is not None:
            c, m, y, k = cmyk
            origin = (c, m, y, k)
        object.__setattr__(self, "_origin", origin)
        object.__setattr__(self, "_cmyk", cmyk if cmyk is None else tuple(cmyk))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Color is immutable")

    @property
    def cmyk(self) -> CMYK:
        got = self._cmyk
        if got is None:
            origin = self._origin
            if origin is None:
                got = separate(self.rgb)
            else:
                how, base, amount = cast("tuple[str, Color, float]", origin)
                c, m, y, k = base.cmyk
                if how == "tint":
                    got = (c * amount, m * amount, y * amount, k * amount)
                else:
                    got = (c, m, y, _clip(1 - (1 - k) * amount))
            object.__setattr__(self, "_cmyk", got)
        return got

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Color) and (self.rgb, self._origin) == (other.rgb, other._origin)

    def __hash__(self) -> int:
        return hash((self.rgb, self._origin))

    def __repr__(self) -> str:
        return f"Color({self.hex()}, cmyk={self._origin if self._origin else 'ICC'})"

    @classmethod
    def from_rgb(cls, rgb: RGB) -> Color:
        r, g, b = rgb
        return cls((_clip(r), _clip(g), _clip(b)))

    @classmethod
    def from_cmyk(cls, cmyk: CMYK) -> Color:
        c, m, y, k = cmyk
        cmyk = (_clip(c), _clip(m), _clip(y), _clip(k))
        return cls(cmyk_to_rgb(cmyk), cmyk)

    def tint(self, amount: float) -> Color:
        """`amount` of this ink on white paper (amount=1 gives the colour itself)."""
        if amount == 1:
            return self
        r, g, b = self.rgb
        paper = 1 - amount
        rgb = (r * amount + paper, g * amount + paper, b * amount + paper)
        return Color(rgb, origin=("tint", self, float(amount)))

    def darker(self, factor: float) -> Color:
        """Towards black: RGB scaled down, K raised."""
        r, g, b = self.rgb
        return Color((r * factor, g * factor, b * factor), origin=("darker", self, float(factor)))

    def hex(self) -> str:
        return "#" + "".join(f"{round(c * 255):02X}" for c in self.rgb)


SIDE_TINT = 0.11  # a side's colour must read on this much of itself (contrast checks, slides)
FILL_TINT = 0.22  # a poster's side box: this much of its colour on white (ΔE00 ≥ 12 apart)

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


@lru_cache(maxsize=256)
def readable_on(color: Color, background: Color, minimum: float = 4.5) -> Color:
    """`color` for text on `background`: itself if it reads (`minimum`:1), else the
    least darkened shade of it that does (hue kept, K raised in print; see `darker`),
    in steps of 1 %; white or black as `on` gives when no shade reads."""
    if contrast_ratio(color, background) >= minimum:
        return color
    if contrast_ratio(color.darker(0.0), background) < minimum:
        return on(background, color)
    good, bad = 0, 100  # factors in percent: `good` reads (0 is black), `bad` does not
    while bad - good > 1:
        mid = (good + bad) // 2
        if contrast_ratio(color.darker(mid / 100), background) >= minimum:
            good = mid
        else:
            bad = mid
    return color.darker(good / 100)
