"""Colours: parsing (hex or CMYK), ICC separation to the press's CMYK, ink decisions, tints,
WCAG contrast.

A `Color` carries both an RGB value (screens, previews) and a CMYK value (print).

Hex colours are sRGB. Their CMYK comes from LittleCMS (Pillow's `ImageCms`) with the
shipped output profile `data/profiles/poster-fogra39-300.icc` (FOGRA39 offset on
coated paper, total ink 300 %; see `data/profiles/README.md`), rendering intent
relative colorimetric WITHOUT black-point compensation (BPC would lighten every dark
colour to fit the press's black: #B3261E printed ΔE00 3.4 from itself with it, 1.7
without). Where LittleCMS's result is more than `REFINE_DE00` from the colour, a local
search over the inks (within the 300 % limit) finds the printable CMYK nearest in
CIEDE2000: the nearest printable colour for one outside the press's gamut. A colour
the press cannot reach within `GAMUT_DE00` is reported once (`gamut_note`). The
conversion is made on first use of `.cmyk`, so an RGB render never loads the colour
engine. CMYK colours given as `cmyk(c, m, y, k)` (percent) keep their exact inks and
get their RGB from R = (1 − C)(1 − K) etc.

What each mark prints in (the PDF writer asks by the mark's kind, size and what it
sits on):
- `text_cmyk`: text darker than L* 25 is 100 % K (no C, M, Y: solid black, overprinted,
  no colour fringes). Coloured text under 12 pt uses at most two inks: the one- or
  two-ink mix nearest to its colour (CIEDE2000, searched through the profile) when it is
  within ΔE00 6 (`SMALL_TEXT_DE00`), else 100 % K (the colour is carried by the bar or
  edge beside it). Larger coloured text: the colour's own separation.
- `thin_cmyk`: rules, strokes and fills thinner than 2 mm (`THIN_MM`) in a dark colour
  (L* < 25, or 90 % K or more) are 100 % K, overprinted: never rich black on a mark a
  misregistered plate would fringe.
- `icon_cmyk`: line icons (strokes of 0.5–1.5 mm) in at most two inks: 100 % K when
  dark, else the nearest one- or two-ink mix.
- `area_cmyk`: large areas (2 mm thick and 1 cm² or more) keep their separation; a dark
  one is rich black of at most `RICH_BLACK` (260 %) total ink, K as separated, C, M and
  Y reduced in proportion. A smaller dark mark (an arrow, a bullet) is 100 % K.
- `ground_cmyk`: a fill under reversed (white) text smaller than 14 pt (12 pt bold) is
  built from at most two inks, so a misregistered plate cannot fill in the letters.
"""

from __future__ import annotations

import logging
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from collections.abc import Callable

    from PIL import Image, ImageCms

    from poster.errors import Problem

RGB = tuple[float, float, float]
CMYK = tuple[float, float, float, float]
Lab = tuple[float, float, float]

log = logging.getLogger("poster")

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_CMYK = re.compile(
    r"cmyk\(\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*\)", re.I
)

# ---------------------------------------------------------------- the press profile

PROFILE_FILE = "poster-fogra39-300.icc"
PRESS_CONDITION = "FOGRA39"  # the characterisation the profile is made from
PRESS_CONDITION_NAME = "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1/2)"
INK_LIMIT = 3.0  # total area coverage the profile separates to (300 %)
NEAR_BLACK_L = 25.0  # text and thin marks darker than this L* are printed in 100 % K
DARK_K = 0.9  # a separation with this much K is dark too (the same rule, by its inks)
SMALL_TEXT_PT = 12.0  # text under this size uses at most two inks
SMALL_TEXT_DE00 = 6.0  # ... and within this ΔE00 of its colour, else 100 % K
REVERSED_PT = 14.0  # white text under this size sits on one or two inks ...
REVERSED_BOLD_PT = 12.0  # ... or under this size when bold
THIN_MM = 2.0  # a mark thinner than this in a dark colour is 100 % K ...
LARGE_AREA_MM2 = 100.0  # ... and so is one smaller than this (an arrow): no rich black
RICH_BLACK = 2.6  # the most ink of a large dark area (260 %)
REFINE_DE00 = 0.75  # LittleCMS's separation further than this is refined by a search
GAMUT_DE00 = 2.0  # a colour the press cannot print within this is reported
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
    """'brand': sRGB → CMYK, relative colorimetric without black-point compensation
    (brand colours, logos); 'photo': sRGB → CMYK, perceptual; 'proof': CMYK → Lab
    (D50), relative colorimetric."""
    from PIL import ImageCms

    srgb = ImageCms.createProfile("sRGB")
    if kind == "proof":
        lab = ImageCms.createProfile("LAB", 5000)
        return ImageCms.buildTransform(
            _press(), lab, "CMYK", "LAB", ImageCms.Intent.RELATIVE_COLORIMETRIC
        )
    if kind == "photo":
        return ImageCms.buildTransform(srgb, _press(), "RGB", "CMYK", ImageCms.Intent.PERCEPTUAL)
    # no Flags.BLACKPOINTCOMPENSATION: it maps sRGB's black onto the press's, lightening
    # every dark colour (ΔE00 1–4 on the brand colours)
    return ImageCms.buildTransform(
        srgb, _press(), "RGB", "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC
    )


def image_to_cmyk(im: Image.Image, photo: bool = False) -> Image.Image:
    """An RGB image in the press's CMYK: perceptual for photos, else as brand colours."""
    from PIL import ImageCms

    rgb = im if im.mode == "RGB" else im.convert("RGB")
    out = ImageCms.applyTransform(rgb, _transform("photo" if photo else "brand"))
    assert out is not None
    return out


def _labs(values: list[tuple[int, int, int, int]]) -> list[Lab]:
    """What 8-bit inks print as (D50 Lab, media relative), read through the profile."""
    from PIL import Image, ImageCms

    im = Image.new("CMYK", (len(values), 1))
    im.putdata(values)
    lab = ImageCms.applyTransform(im, _transform("proof"))
    assert lab is not None
    raw = lab.tobytes()  # L 0..255; a and b as signed bytes

    def signed(v: int) -> int:
        return v - 256 if v >= 128 else v

    return [
        (raw[i] * 100 / 255, signed(raw[i + 1]), signed(raw[i + 2])) for i in range(0, len(raw), 3)
    ]


def _bytes(cmyk: CMYK) -> tuple[int, int, int, int]:
    c, m, y, k = (max(0, min(255, round(v * 255))) for v in cmyk)
    return (c, m, y, k)


def cmyk_to_lab(values: list[CMYK]) -> list[Lab]:
    """What inks print as on the press (D50 Lab), read through the profile."""
    return _labs([_bytes(c) for c in values])


def srgb_to_lab(rgb: RGB) -> Lab:
    """CIELAB (D50, Bradford-adapted from sRGB's D65) of an sRGB colour."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4360747 * r + 0.3850649 * g + 0.1430804 * b) / 0.9642
    y = 0.2225045 * r + 0.7168786 * g + 0.0606169 * b
    z = (0.0139322 * r + 0.0971045 * g + 0.7141733 * b) / 0.8249

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def delta_e00(lab1: Lab, lab2: Lab) -> float:
    """CIEDE2000 (Sharma, Wu and Dalal 2005), kL = kC = kH = 1."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    c7 = c_mean**7
    g = 0.5 * (1 - math.sqrt(c7 / (c7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if (a1p or b1) else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if (a2p or b2) else 0.0
    dl, dc = L2 - L1, c2p - c1p
    if c1p * c2p == 0:
        dh, h_mean = 0.0, h1p + h2p
    else:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
        h_mean = (h1p + h2p) / 2
        if abs(h1p - h2p) > 180:
            h_mean += 180 if h1p + h2p < 360 else -180
    big_dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, c_mean_p = (L1 + L2) / 2, (c1p + c2p) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * c_mean_p
    sh = 1 + 0.015 * c_mean_p * t
    c7p = c_mean_p**7
    rt = (
        -2
        * math.sqrt(c7p / (c7p + 25.0**7))
        * math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    x, y, z = dl / sl, dc / sc, big_dh / sh
    return math.sqrt(x * x + y * y + z * z + rt * y * z)


def _nearest(target: Lab, candidates: list[tuple[int, int, int, int]]) -> tuple[float, int]:
    labs = _labs(candidates)
    return min((delta_e00(target, lab), i) for i, lab in enumerate(labs))


_LIMIT = round(INK_LIMIT * 255)


def _refine(target: Lab, start: tuple[int, int, int, int]) -> tuple[float, tuple[int, ...]]:
    """A pattern search over the inks from `start`: every step to the 80 neighbours
    (each ink up, down or kept) within the ink limit, halving the step when none is
    nearer. An ink `start` does not use stays unused (no extra plate for a trace).
    Returns the ΔE00 and the inks (8-bit)."""
    best = start
    (best_de, _) = _nearest(target, [start])
    step = 16
    rounds = 0
    while step >= 1 and rounds < 60:
        rounds += 1
        moves = []
        for dc in (-step, 0, step):
            for dm in (-step, 0, step):
                for dy in (-step, 0, step):
                    for dk in (-step, 0, step):
                        c = (best[0] + dc, best[1] + dm, best[2] + dy, best[3] + dk)
                        if (
                            c != best
                            and all(0 <= v <= 255 for v in c)
                            and all(v == 0 for v, s in zip(c, start, strict=True) if s == 0)
                            and sum(c) <= _LIMIT
                        ):
                            moves.append(c)
        de, i = _nearest(target, moves) if moves else (best_de, -1)
        if de < best_de - 1e-9:
            best, best_de = moves[i], de
        else:
            step //= 2
    return best_de, best


@lru_cache(maxsize=1024)
def _separation(rgb: RGB) -> tuple[CMYK, float]:
    """An sRGB colour's inks on the press and how far they print from it (ΔE00)."""
    from PIL import Image

    px = tuple(max(0, min(255, round(v * 255))) for v in rgb)
    out = image_to_cmyk(Image.new("RGB", (1, 1), px)).getpixel((0, 0))
    assert isinstance(out, tuple)
    inks = (out[0], out[1], out[2], out[3])
    if sum(inks) > _LIMIT:  # (never seen: the profile's tables keep to 300 %)
        inks = (inks[0], inks[1], inks[2], max(0, _LIMIT - sum(inks[:3])))
    target = srgb_to_lab(rgb)
    (de, _) = _nearest(target, [inks])
    if de > REFINE_DE00:
        found, better = _refine(target, inks)
        if found < de:
            de, inks = found, (better[0], better[1], better[2], better[3])
    c, m, y, k = (v / 255 for v in inks)
    return (c, m, y, k), de


def separate(rgb: RGB) -> CMYK:
    """An sRGB colour in the press's CMYK (relative colorimetric without BPC; the nearest
    printable colour in ΔE00 where LittleCMS's is not near)."""
    return _separation(rgb)[0]


def lab_of(color: Color) -> Lab:
    """What `color` means: its sRGB value in Lab, or for given inks what they print as."""
    if color._origin is None:
        return srgb_to_lab(color.rgb)
    return cmyk_to_lab([color.cmyk])[0]


def ink_text(cmyk: CMYK) -> str:
    return " ".join(f"{n}{v * 100:.0f}" for n, v in zip("CMYK", cmyk, strict=True))


def gamut_problem(color: Color) -> Problem | None:
    """The note for a colour the press prints more than GAMUT_DE00 from it, else None."""
    if color._origin is not None:
        return None  # given inks, or made from a colour already reported
    from poster.errors import problem

    inks, de = _separation(color.rgb)
    if de <= GAMUT_DE00:
        return None
    return problem(
        "print.out-of-gamut", color.hex(), "", condition=PRESS_CONDITION,
        inks=ink_text(inks), delta=round(de, 1),
    )  # fmt: skip


@lru_cache(maxsize=256)
def gamut_note(color: Color) -> None:
    """Report once (per process) a colour the press cannot print within GAMUT_DE00."""
    note = gamut_problem(color)
    if note is not None:
        log.warning("%s", note, extra={"problem": note})


def lightness(rgb: RGB) -> float:
    """CIE L* of an sRGB colour (its luminance Y against white)."""
    y = relative_luminance(rgb)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def is_near_black(color: Color) -> bool:
    return lightness(color.rgb) < NEAR_BLACK_L


def is_dark(color: Color) -> bool:
    """Meant as black on a thin mark: darker than L* 25, or separated with 90 % K or more
    (a rich black)."""
    return is_near_black(color) or color.cmyk[3] >= DARK_K


def is_registration(cmyk: CMYK) -> bool:
    return all(v >= 1 for v in cmyk)


def inks_used(cmyk: CMYK, floor: float = 0.005) -> int:
    return sum(v > floor for v in cmyk)


def _mix(i: int, j: int, u: int, v: int) -> tuple[int, int, int, int]:
    c = [0, 0, 0, 0]
    c[i], c[j] = u, v
    return (c[0], c[1], c[2], c[3])


_PAIRS = [(i, j) for i in range(4) for j in range(i + 1, 4)]


@lru_cache(maxsize=1)
def _two_ink_grid() -> tuple[list[tuple[int, int, int, int]], list[Lab]]:
    """Every one- and two-ink mix on a 5 % grid, and what each prints as."""
    steps = [round(p * 2.55) for p in range(0, 101, 5)]
    mixes = sorted({_mix(i, j, u, v) for i, j in _PAIRS for u in steps for v in steps})
    return mixes, _labs(mixes)


@lru_cache(maxsize=512)
def nearest_two_inks(target: Lab) -> tuple[CMYK, float]:
    """The one- or two-ink mix printing nearest to `target` (ΔE00 through the profile): the
    5 % grid of every pair, then the best few refined to 1 %."""
    mixes, labs = _two_ink_grid()
    scored = sorted((delta_e00(target, lab), n) for n, lab in enumerate(labs))
    fine: set[tuple[int, int, int, int]] = set()
    for _, n in scored[:4]:
        best = mixes[n]
        used = [i for i in range(4) if best[i]] or [3]
        i, j = (used[0], used[1]) if len(used) == 2 else (used[0], (used[0] + 1) % 4)
        u0, v0 = round(best[i] / 2.55), round(best[j] / 2.55)
        for u in range(max(0, u0 - 5), min(100, u0 + 5) + 1):
            for v in range(max(0, v0 - 5), min(100, v0 + 5) + 1):
                fine.add(_mix(i, j, round(u * 2.55), round(v * 2.55)))
    candidates = sorted(fine)
    de, n = _nearest(target, candidates)
    if de > scored[0][0]:
        de, candidates, n = scored[0][0], mixes, scored[0][1]
    c, m, y, k = (v / 255 for v in candidates[n])
    return (c, m, y, k), de


def two_inks(cmyk: CMYK) -> CMYK:
    """The mix of at most two inks that prints nearest (ΔE00) to what `cmyk` prints."""
    if inks_used(cmyk) <= 2:
        return cmyk
    return nearest_two_inks(cmyk_to_lab([cmyk])[0])[0]


@lru_cache(maxsize=512)
def _small_text(color: Color) -> CMYK:
    """Small coloured text: its nearest one- or two-ink mix if within SMALL_TEXT_DE00 of
    the colour, else 100 % K (reported at debug level)."""
    inks = color.cmyk
    target = lab_of(color)
    if inks_used(inks) <= 2:
        return inks
    two, de = nearest_two_inks(target)
    chosen = two if de <= SMALL_TEXT_DE00 else PURE_K
    log.debug(
        "text under %g pt in %s: %s (ΔE00 %.1f from it)%s", SMALL_TEXT_PT, color.hex(),
        ink_text(chosen), de if chosen == two else delta_e00(target, cmyk_to_lab([PURE_K])[0]),
        "" if chosen == two else f"; the nearest two inks, {ink_text(two)}, are ΔE00 {de:.1f}",
    )  # fmt: skip
    return chosen


def text_cmyk(color: Color, size: float) -> CMYK:
    """The inks of text of `color` at `size` points (see the module's docstring)."""
    if is_near_black(color):
        return PURE_K
    if size < SMALL_TEXT_PT:
        return _small_text(color)
    return color.cmyk


def thin_cmyk(color: Color) -> CMYK:
    """The inks of a rule, stroke or fill thinner than THIN_MM: 100 % K when dark."""
    inks = color.cmyk
    if is_registration(inks):
        return inks  # crop marks print on every plate
    return PURE_K if is_dark(color) else inks


@lru_cache(maxsize=256)
def icon_cmyk(color: Color) -> CMYK:
    """A line icon's inks: 100 % K when dark, else at most two inks (reported at debug)."""
    if is_dark(color):
        return PURE_K
    inks = color.cmyk
    if inks_used(inks) <= 2:
        return inks
    two, de = nearest_two_inks(lab_of(color))
    log.debug("icon strokes in %s: %s (ΔE00 %.1f from it)", color.hex(), ink_text(two), de)
    return two


def area_cmyk(color: Color) -> CMYK:
    """A large area's inks: its separation; a dark one at most RICH_BLACK in total."""
    c, m, y, k = color.cmyk
    total = c + m + y + k
    if total <= RICH_BLACK or is_registration((c, m, y, k)):
        return (c, m, y, k)
    keep = max(0.0, RICH_BLACK - k) / (c + m + y)
    return (round(c * keep, 4), round(m * keep, 4), round(y * keep, 4), k)


@lru_cache(maxsize=256)
def ground_cmyk(color: Color) -> CMYK:
    """A fill under small reversed text: at most two inks (reported at debug level)."""
    inks = color.cmyk
    if inks_used(inks) <= 2:
        return inks
    two, de = nearest_two_inks(lab_of(color))
    log.debug(
        "white text under %g pt (%g pt bold) on %s: the fill in %s (ΔE00 %.1f from it)",
        REVERSED_PT, REVERSED_BOLD_PT, color.hex(), ink_text(two), de,
    )  # fmt: skip
    return two


def reversed_limit(font: str) -> float:
    """Reversed text under this size (points) needs a one- or two-ink ground."""
    weight = font.rsplit("-", 1)[-1]
    bold = ("Bold" in weight and "SemiBold" not in weight) or weight in ("Black", "Heavy")
    return REVERSED_BOLD_PT if bold else REVERSED_PT


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


# ---------------------------------------------------------------- in grey (photocopies)
#
# A black-and-white photocopier, like a greyscale render (Pillow's convert("L"), poppler's
# pdftoppm -gray), sees a colour as its luma: Rec. 601 weights on the gamma-encoded
# values. Text on a photocopy reads when that grey, taken as an sRGB grey, keeps the
# WCAG ratio with the grey of its ground.


# text meant for a photocopy reads at this ratio in grey (and in colour): WCAG's 4.5:1
# with a margin for what a copier loses (mid greys dithered, contrast flattened)
PHOTOCOPY_RATIO = 6.0


def grey(color: Color | RGB) -> float:
    """The grey (0 black … 1 white) a photocopier makes of a colour."""
    r, g, b = color.rgb if isinstance(color, Color) else color
    return 0.299 * r + 0.587 * g + 0.114 * b


def grey_contrast(a: Color | RGB, b: Color | RGB) -> float:
    """The WCAG contrast ratio of two colours as greys on a photocopy."""
    ga, gb = grey(a), grey(b)
    return contrast_ratio((ga, ga, ga), (gb, gb, gb))


def _reads(color: Color, background: Color, minimum: float, in_grey: bool) -> bool:
    return contrast_ratio(color, background) >= minimum and (
        not in_grey or grey_contrast(color, background) >= minimum
    )


LIGHT_BAND = 7.0  # a primary that black reads on at this (WCAG AAA) is a light band


def is_light_band(primary: Color) -> bool:
    """A primary light enough to carry dark header text (a pale yellow, a sky blue): black
    reads on it at LIGHT_BAND:1. On such a band the title, the letterhead and the numbers'
    badges are set in black (`band_ink`); the primary is not used for text on the
    background, where links and numbers take the text's ink instead."""
    return contrast_ratio(BLACK, primary) >= LIGHT_BAND


def band_ink(primary: Color) -> Color:
    """The text on the primary (the header's title and letterhead, the numbers' badges,
    a title slide, a card's cover): white on a dark band, black on a light one."""
    return on(primary, WHITE)


@lru_cache(maxsize=256)
def readable_on(color: Color, background: Color, minimum: float = 4.5, grey: bool = False) -> Color:
    """`color` for text on `background`: itself if it reads (`minimum`:1), else the
    least darkened shade of it that does (hue kept, K raised in print; see `darker`),
    in steps of 1 %; white or black as `on` gives when no shade reads. `grey`: it reads
    on a black-and-white photocopy too (see grey_contrast)."""
    if _reads(color, background, minimum, grey):
        return color
    if not _reads(color.darker(0.0), background, minimum, grey):
        return on(background, color)
    good, bad = 0, 100  # factors in percent: `good` reads (0 is black), `bad` does not
    while bad - good > 1:
        mid = (good + bad) // 2
        if _reads(color.darker(mid / 100), background, minimum, grey):
            good = mid
        else:
            bad = mid
    return color.darker(good / 100)


@lru_cache(maxsize=64)
def grey_fills(left: Color, right: Color, tint: float, apart: float) -> tuple[Color, Color]:
    """The fills of a tile's two side boxes on a sheet meant for a photocopier: `tint` of
    each side's colour on white, the 'after' (right) box deepened until the two are
    `apart` in grey (a photocopy tells them apart without colour): a stronger tint of its
    colour, then (a light colour) its darker shades."""
    lf, rf = left.tint(tint), right.tint(tint)
    if apart <= 0:
        return lf, rf
    target = grey(lf) - apart
    for step in range(round(tint * 100), 101):
        rf = right.tint(step / 100)
        if grey(rf) <= target:
            return lf, rf
    for step in range(99, -1, -1):
        rf = right.darker(step / 100)
        if grey(rf) <= target:
            break
    return lf, rf


# ---------------------------------------------------------------- the two sides' box fills

SIDES_DE00 = 12.0  # the two sides' box fills at least this far apart (issue 19.2)
FROM_TILE_DE00 = 10.0  # and each at least this far from the white tile it sits on
SIDES_SPLIT_L = 8.0  # the fills' lightness apart (L*): a black-and-white copy keeps them apart
FILL_TINT_MAX = 0.42  # the deepest a fill goes (body text stays ≥ 7:1 on it, labels darken)
_PAPER_LAB: Lab = (100.0, 0.0, 0.0)


def _least_amount(color: Color, start: float, good: Callable[[RGB], bool]) -> float | None:
    """The least tint of `color` from `start` up to FILL_TINT_MAX whose fill (its sRGB)
    is `good` (every test here holds from some amount up), to 0.1 %; None if even the
    deepest is not."""
    if good(color.tint(start).rgb):
        return start
    if not good(color.tint(FILL_TINT_MAX).rgb):
        return None
    lo, hi = start, FILL_TINT_MAX  # lo is not good, hi is
    while hi - lo > 0.001:
        mid = (lo + hi) / 2
        if good(color.tint(mid).rgb):
            hi = mid
        else:
            lo = mid
    return math.ceil(hi * 1e4) / 1e4  # up: still good


@lru_cache(maxsize=256)
def side_amounts(left: Color, right: Color, base: float = FILL_TINT) -> tuple[float, float]:
    """How much of each side's colour its box is filled with, on white.

    Each side starts at `base`, deepened where its fill would sit too near the white tile
    (FROM_TILE_DE00). Then the two fills are set SIDES_SPLIT_L apart in lightness, so
    the sides stay apart in a black-and-white copy, which loses hue: one side is
    deepened, the one that needs the smaller change (the "after" side on a tie). A side
    colour too light to be deepened that far leaves the fills as they are: the brand's
    check (`poster.contrast`) says when they are too close."""

    def off_tile(rgb: RGB) -> bool:
        return delta_e00(srgb_to_lab(rgb), _PAPER_LAB) >= FROM_TILE_DE00

    amounts = [_least_amount(c, base, off_tile) or base for c in (left, right)]
    # L* from the luminance (sRGB's own white), as a photocopier sees grey
    lightness_ = [lightness(c.tint(a).rgb) for c, a in zip((left, right), amounts, strict=True)]
    options: list[tuple[float, int, float]] = []  # (change, side, amount): 1 right, 0 left
    for deeper in (1, 0):
        lighter = 1 - deeper
        target = lightness_[lighter] - SIDES_SPLIT_L
        color = (left, right)[deeper]

        def darker(rgb: RGB, t: float = target) -> bool:
            return lightness(rgb) <= t

        got = _least_amount(color, amounts[deeper], darker)
        if got is not None:
            options.append((got - amounts[deeper], deeper, got))
    if options:
        _, side, amount = min(options, key=lambda o: (round(o[0], 4), -o[1]))
        amounts[side] = amount
    return amounts[0], amounts[1]


def side_fills(left: Color, right: Color, base: float = FILL_TINT) -> tuple[Color, Color]:
    """The fills of the left and the right side's boxes (see `side_amounts`)."""
    a, b = side_amounts(left, right, base)
    return left.tint(a), right.tint(b)


def sides_apart(left: Color, right: Color) -> float:
    """How far apart (ΔE00) the two sides' box fills are."""
    a, b = side_fills(left, right)
    return delta_e00(srgb_to_lab(a.rgb), srgb_to_lab(b.rgb))


def from_tile(fill: Color) -> float:
    """How far (ΔE00) a side's fill is from the white tile."""
    return delta_e00(srgb_to_lab(fill.rgb), _PAPER_LAB)
