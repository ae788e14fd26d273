"""Draw the generic placeholder emblem shipped with the example brands.

It is deliberately not a real emblem: a ring with the word LOGO, to be replaced by the
locality's own logo file. Run: python tools/make_placeholder_emblem.py

Its size: sharp for offset print (300 ppi) at the largest logo any shipped layout
draws (the layouts' `header.logo_mm`, A0's 72 mm: 851 px), so that `poster check
--pdfx` has nothing to say about a shipped brand. Drawn four times larger and reduced
(smooth edges), then stored as a palette PNG with an alpha per entry (white fading
out, white blending into the gold and into the grey: 46 colours), about 20 KB.
"""

from __future__ import annotations

import math
from pathlib import Path

import yaml
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "poster" / "data"
OUT = DATA / "content" / "brands" / "placeholder-emblem.png"
FONT = DATA / "fonts" / "BeVietnamPro-ExtraBold.ttf"
PPI = 300  # offset print's own resolution (preflight warns under 250)
SUPERSAMPLE = 4
LEVELS = 15  # steps of each blend (a palette of 46 colours)
GOLD = (201, 162, 39, 255)
GREY = (120, 120, 120, 255)


def largest_logo_mm() -> float:
    sizes = []
    for path in sorted((DATA / "layouts").glob("*.yaml")):
        header = (yaml.safe_load(path.read_text("utf-8")) or {}).get("header") or {}
        if "logo_mm" in header:
            sizes.append(float(header["logo_mm"]))
    return max(sizes)


def side_px() -> int:
    """Pixels for PPI at the largest logo, rounded up to a multiple of 8."""
    return math.ceil(largest_logo_mm() / 25.4 * PPI / 8) * 8


def draw(size: int) -> Image.Image:
    big = size * SUPERSAMPLE
    k = big / 480  # the drawing's proportions, first made at 480 px

    def box(inset: float) -> tuple[float, float, float, float]:
        return (inset * k, inset * k, big - inset * k, big - inset * k)

    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse(box(8), fill=(255, 255, 255, 255))
    d.ellipse(box(34), outline=GOLD, width=round(14 * k))
    d.ellipse(box(70), outline=GOLD, width=round(4 * k))
    font = ImageFont.truetype(str(FONT), round(96 * k))
    w = d.textlength("LOGO", font=font)
    d.text(((big - w) / 2, big / 2 - 62 * k), "LOGO", font=font, fill=GREY)
    return img.resize((size, size), Image.Resampling.LANCZOS)


def palette() -> list[tuple[int, int, int, int]]:
    """Every colour the emblem has, in LEVELS steps: transparent, white fading out (the
    outer edge), and white blending into the gold (the rings) or the grey (the word)."""
    white = (255, 255, 255)
    out = [(0, 0, 0, 0)]
    out += [(*white, round(255 * n / LEVELS)) for n in range(1, LEVELS + 1)]
    for ink in (GOLD, GREY):
        for n in range(1, LEVELS + 1):
            t = n / LEVELS
            out.append((*(round(w + (c - w) * t) for w, c in zip(white, ink, strict=False)), 255))
    return out


def _far(a: tuple[int, ...], b: tuple[int, ...]) -> int:
    return sum((p - q) ** 2 for p, q in zip(a[:3], b[:3], strict=True))


def to_palette(emblem: Image.Image) -> Image.Image:
    """The emblem as a palette image with an alpha per entry (a PNG's tRNS): each pixel
    the nearest of `palette()`. (Pillow's own quantizers keep about ten alpha levels,
    which steps the edge.)"""
    colours = palette()
    cache: dict[tuple[int, int, int, int], int] = {}

    def nearest(px: tuple[int, int, int, int]) -> int:
        found = cache.get(px)
        if found is None:
            if px[3] < 250:  # the outer edge: only its coverage matters
                found = round(px[3] / 255 * LEVELS)
            else:  # opaque: white (the last of the fading ones) or a blend into an ink
                found = min(range(LEVELS, len(colours)), key=lambda i: _far(px, colours[i]))
            cache[px] = found
        return found

    rgba = emblem.convert("RGBA")
    out = Image.new("P", rgba.size)
    out.putpalette([v for c in colours for v in c[:3]])
    out.info["transparency"] = bytes(c[3] for c in colours)
    flat = getattr(rgba, "get_flattened_data", None) or rgba.getdata  # Pillow 12.1 renamed it
    out.putdata([nearest(px) for px in flat()])
    return out


def main() -> None:
    emblem = draw(side_px())
    to_palette(emblem).save(OUT, optimize=True, transparency=bytes(c[3] for c in palette()))
    print(OUT, emblem.size, OUT.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
