"""Checks on a brand before anything is drawn: every text colour must read on its
background (WCAG AA, 4.5:1), the two sides' boxes must be told apart (ΔE00 12), and a
logo should be sharp at its printed size."""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Any, NamedTuple

from poster.colors import (
    FROM_TILE_DE00,
    SIDE_TINT,
    SIDES_DE00,
    WHITE,
    Color,
    band_ink,
    contrast_ratio,
    from_tile,
    is_light_band,
    parse_color,
    side_fills,
    sides_apart,
)
from poster.errors import Problem, problem

if TYPE_CHECKING:
    from poster.spec import Colors

log = logging.getLogger("poster")

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
MIN_LOGO_DPI = 150
# A suggested side colour clears the sides' floors by this much, so that another tool's
# ΔE00 (another white point, 8-bit rounding) still finds it passing.
SIDES_MARGIN = 0.5
SIDE_FIELDS = ("colors.right", "colors.left")  # the "after" side is the one moved first


# (field, text colour, surface word, background): every text colour on what it is read
# on; see catalogue.WORDS for the surfaces' names. The sides' tints here are a slide's
# (SIDE_TINT); on a poster's stronger side fills (colors.side_fills) the text and the
# labels are darkened just enough to keep 4.5:1 (colors.readable_on). The primary is a
# band under the header's text (white, or black on a light band); a dark primary is
# also the colour of links and numbers on the background, a light one is not (they take
# the text's ink there).
def _pairs(colors: Colors) -> list[tuple[str, Color, str, Color]]:
    left_tint, right_tint = colors.left.tint(SIDE_TINT), colors.right.tint(SIDE_TINT)
    primary = colors.primary
    pairs = [
        ("colors.text", colors.text, "background", colors.background),
        ("colors.text", colors.text, "tiles", WHITE),
        ("colors.text", colors.text, "left-tint", left_tint),
        ("colors.text", colors.text, "right-tint", right_tint),
        ("colors.left", colors.left, "own-tint", left_tint),
        ("colors.right", colors.right, "own-tint", right_tint),
        ("colors.primary", band_ink(primary), "band", primary),
        ("colors.primary", primary, "background-links", colors.background),
        ("colors.left", colors.left, "background-key", colors.background),
        ("colors.right", colors.right, "background-key", colors.background),
    ]
    if is_light_band(primary):
        pairs = [p for p in pairs if p[2] != "background-links"]
    return pairs


class Fix(NamedTuple):
    color: Color
    same_hue: bool  # only lightened or darkened (else its hue or chroma moved too)


def contrast_problems(colors: Colors, file: str) -> list[Problem]:
    """Every pair of text colour and background a poster or slide puts together, and the
    two sides' boxes. A refused colour comes with the nearest colour that passes every
    check of its field (one colour per field, whichever checks refused it; the fixes of
    all fields taken together pass too)."""
    fixes = _fixes(colors)
    problems = _sides_problems(colors, file, fixes)
    for field, fg, surface, bg in _pairs(colors):
        ratio = contrast_ratio(fg, bg)
        if ratio >= MIN_CONTRAST:
            continue
        fix = fixes.get(field)
        params: dict[str, Any] = {
            "fg": fg.hex(), "surface_word": surface, "bg": bg.hex(), "ratio": ratio,
            "minimum": MIN_CONTRAST,
        }  # fmt: skip
        if fix is None:
            problems.append(problem("contrast.low", file, field, **params))
            continue
        after = _pairs(_with(colors, field, fix.color))
        fixed = [b for f, _, s, b in after if (f, s) == (field, surface)]
        if fixed:
            code = "contrast.low-fix" if fix.same_hue else "contrast.low-fix-moved"
            ratio = contrast_ratio(fix.color, fixed[0])
        else:  # a primary made light enough for dark header text: no longer a link colour
            code, ratio = "contrast.low-band", contrast_ratio(band_ink(fix.color), fix.color)
        params.update(suggestion=fix.color.hex(), suggestion_ratio=ratio)
        problems.append(problem(code, file, field, **params))
    return problems


def _fixes(colors: Colors) -> dict[str, Fix | None]:
    """The colour to offer for each field that fails a check. The sides' boxes too alike
    are mended by one side: the one that fails a contrast check too (its colour moves
    anyway), else the right, else the left. Each fix is found with the fixes before it
    in place, so that taken together they pass."""
    failing = [
        f for f in dict.fromkeys(f for f, *_ in _pairs(colors)) if not _passes_contrast(colors, f)
    ]
    pale = [f for f in SIDE_FIELDS if not _off_tile(colors, f)]
    alike = sides_apart(colors.left, colors.right) < SIDES_DE00
    order = sorted(SIDE_FIELDS, key=lambda f: f not in failing and f not in pale)
    fixes: dict[str, Fix | None] = {}
    mended = colors
    for field in [*order, *failing]:
        if field in fixes or not (
            field in failing or field in pale or (alike and field in SIDE_FIELDS)
        ):
            continue
        if field in failing or field in pale:
            fix = _fix(mended, field)
        elif alike and not _sides_pass(mended, field):
            fix = _side_fix(mended, field)
        else:
            continue  # the other side's fix set the boxes apart
        fixes[field] = fix
        if fix is not None:
            mended = _with(mended, field, fix.color)
    return fixes


def _sides_problems(colors: Colors, file: str, fixes: dict[str, Fix | None]) -> list[Problem]:
    """The two sides' boxes told apart (issue 19.2): their fills (colors.side_fills) at
    least SIDES_DE00 apart, each at least FROM_TILE_DE00 from the white tile."""
    fields = ("colors.left", "colors.right")
    fills = dict(zip(fields, side_fills(colors.left, colors.right), strict=True))
    problems = []
    for field, fill in fills.items():  # a side too pale to be seen on the white tile
        apart = from_tile(fill)
        if apart >= FROM_TILE_DE00:
            continue
        fix = fixes.get(field)
        params: dict[str, Any] = {
            "fg": _color(colors, field).hex(), "fill": fill.hex(), "delta": apart,
            "minimum": FROM_TILE_DE00,
        }  # fmt: skip
        if fix is None:
            problems.append(problem("sides.pale", file, field, **params))
            continue
        after = side_fills(*_sides(_with(colors, field, fix.color)))
        params.update(
            suggestion=fix.color.hex(), suggestion_delta=from_tile(after[fields.index(field)])
        )
        problems.append(problem("sides.pale-fix", file, field, **params))
    apart = sides_apart(colors.left, colors.right)
    if apart >= SIDES_DE00:
        return problems
    mending = [f for f in SIDE_FIELDS if fixes.get(f) is not None]
    field = next((f for f in mending if _sides_pass(_with(colors, f, fixes[f].color), f)),  # type: ignore[union-attr]
                 mending[0] if mending else SIDE_FIELDS[0])  # fmt: skip
    other = fields[1 - fields.index(field)]
    params = {
        "fg": _color(colors, field).hex(), "other": _color(colors, other).hex(),
        "fill": fills[field].hex(), "other_fill": fills[other].hex(), "delta": apart,
        "minimum": SIDES_DE00, "other_word": other,
    }  # fmt: skip
    fix = fixes.get(field)
    if fix is None:
        problems.append(problem("sides.alike", file, field, **params))
        return problems
    moved = _with(colors, field, fix.color)
    params.update(suggestion=fix.color.hex(), suggestion_delta=sides_apart(*_sides(moved)))
    problems.append(problem("sides.alike-fix", file, field, **params))
    return problems


def _fix(colors: Colors, field: str) -> Fix | None:
    """The nearest colour of the same hue that passes every check of `field`; for a side
    whose hue cannot pass, the nearest of any hue."""
    found = suggest(colors, field)
    if found is not None:
        return Fix(found, True)
    return _side_fix(colors, field) if field in SIDE_FIELDS else None


def _side_fix(colors: Colors, field: str) -> Fix | None:
    found = suggest_side(colors, field)
    if found is None:
        return None
    return Fix(found, _same_hue(_color(colors, field), found))


def _same_hue(a: Color, b: Color) -> bool:
    _, a1, b1 = to_oklab(a.rgb)
    _, a2, b2 = to_oklab(b.rgb)
    turn = abs((math.atan2(b2, a2) - math.atan2(b1, a1) + math.pi) % (2 * math.pi) - math.pi)
    grey = 0.02  # OKLab chroma under which a colour has no hue to keep
    if math.hypot(a1, b1) < grey:
        return math.hypot(a2, b2) < grey
    return math.degrees(turn) < 3


def _sides(colors: Colors) -> tuple[Color, Color]:
    return colors.left, colors.right


def _color(colors: Colors, field: str) -> Color:
    color: Color = getattr(colors, field.removeprefix("colors."))
    return color


def _with(colors: Colors, field: str, color: Color) -> Colors:
    from msgspec.structs import replace

    return replace(colors, **{field.removeprefix("colors."): color})


def _off_tile(colors: Colors, field: str, margin: float = 0.0) -> bool:
    fill = side_fills(colors.left, colors.right)[field == "colors.right"]
    return from_tile(fill) >= FROM_TILE_DE00 + margin


def _sides_pass(colors: Colors, field: str, margin: float = 0.0) -> bool:
    """The two sides' boxes apart, and `field`'s own box off the white tile (the other's
    is the other field's to mend)."""
    return sides_apart(colors.left, colors.right) >= SIDES_DE00 + margin and _off_tile(
        colors, field, margin
    )


def _passes_contrast(colors: Colors, field: str) -> bool:
    return all(
        contrast_ratio(fg, bg) >= MIN_CONTRAST for f, fg, _, bg in _pairs(colors) if f == field
    )


def _passes(colors: Colors, field: str, kept: frozenset[tuple[str, str]] = frozenset()) -> bool:
    """Every check of `field` passes (a side's colour: its boxes told apart too, with
    SIDES_MARGIN to spare), and the `kept` pairs (field, surface) still do."""
    if not _passes_contrast(colors, field):
        return False
    if kept and not all(
        contrast_ratio(fg, bg) >= MIN_CONTRAST for f, fg, s, bg in _pairs(colors) if (f, s) in kept
    ):
        return False
    return field not in SIDE_FIELDS or _sides_pass(colors, field, SIDES_MARGIN)


def _kept(colors: Colors, field: str) -> frozenset[tuple[str, str]]:
    """The other fields' checks that `field`'s colour is the background of (the text on a
    side's tint) and that pass now: a colour offered for `field` must not break them."""
    tint = {"colors.left": "left-tint", "colors.right": "right-tint"}.get(field)
    return frozenset(
        (f, s)
        for f, fg, s, bg in _pairs(colors)
        if s == tint and contrast_ratio(fg, bg) >= MIN_CONTRAST
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
    check of that field: darkened or lightened, whichever is closer (a primary lightened
    may become a light band, with dark header text)."""
    start = _color(colors, field)
    kept = _kept(colors, field)
    L0, a, b = to_oklab(start.rgb)
    best: tuple[float, Color] | None = None
    for direction in (-1, 1):
        for i in range(1, 400):
            L = L0 + direction * i * 0.0025
            if not 0 <= L <= 1:
                break
            candidate = _at_lightness(L, a, b)
            if _passes(_with(colors, field, candidate), field, kept):
                lab = to_oklab(candidate.rgb)
                distance = math.dist(lab, (L0, a, b))
                if best is None or distance < best[0]:
                    best = (distance, candidate)
                break
    return None if best is None else best[1]


def suggest_side(colors: Colors, field: str) -> Color | None:
    """The colour nearest to a side's (in OKLab) that passes every check of the field,
    the sides told apart among them: its hue turned, its lightness moved, its chroma
    raised (a grey or a navy has too little to turn). A coarse grid tried nearest first,
    then a finer one around the colour found."""
    start = _color(colors, field)
    kept = _kept(colors, field)
    origin = to_oklab(start.rgb)
    _, a0, b0 = origin
    chroma, hue = math.hypot(a0, b0), math.atan2(b0, a0)
    chromas = (chroma, max(1.5 * chroma, 0.04), max(2 * chroma, 0.08), max(3 * chroma, 0.12))
    seen: set[str] = set()

    def first(turns: list[float], lightness: list[float]) -> tuple[float, float, Color] | None:
        """The nearest candidate that passes: its turn (degrees), its L, itself."""
        tried: list[tuple[float, float, float, float, float]] = []
        for turn in turns:
            h = hue + math.radians(turn)
            for L in lightness:
                for c in chromas:
                    a, b = c * math.cos(h), c * math.sin(h)
                    tried.append((math.dist((L, a, b), origin), turn, L, a, b))
        tried.sort()
        for _, turn, L, a, b in tried:
            candidate = _at_lightness(L, a, b)
            if candidate.hex() in seen:
                continue
            seen.add(candidate.hex())
            if _passes(_with(colors, field, candidate), field, kept):
                return turn, L, candidate
        return None

    coarse = first([12.0 * n for n in range(-15, 15)], [0.02 * n for n in range(1, 50)])
    if coarse is None:
        return None
    turn, L, found = coarse
    fine = first([turn + 2.0 * n for n in range(-6, 7)], [L + 0.0025 * n for n in range(-8, 9)])
    if fine is None:
        return found
    return min(found, fine[2], key=lambda c: math.dist(to_oklab(c.rgb), origin))


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
