"""The shipped placeholder logo (review 19): sharp for offset print wherever a shipped
layout draws a logo, and still a small file. The sizes come from the layouts' YAML and
the print standard's 300 ppi; `poster check --pdfx` on every shipped poster with every
shipped brand finds no soft image (test_preflight.py)."""

from __future__ import annotations

import yaml
from conftest import BRAND_FOLDER, LAYOUT_FOLDER
from PIL import Image

EMBLEM = BRAND_FOLDER / "placeholder-emblem.png"
PPI = 300  # offset print
PPI_LARGE = 150  # a panel read from metres (a page over 1.5 m), printed wide-format
LARGE_MM = 1500


def _needed_px(spec: dict) -> float:
    logo_mm = (spec.get("header") or {}).get("logo_mm", 0)
    page = spec.get("page") or {}
    sides = [page.get(k, 0) for k in ("width_mm", "height_mm")]
    ppi = PPI_LARGE if max(sides) > LARGE_MM else PPI
    return logo_mm / 25.4 * ppi


def test_the_emblem_prints_sharp_at_the_largest_logo_of_any_layout():
    specs = [yaml.safe_load(p.read_text("utf-8")) for p in LAYOUT_FOLDER.glob("*.yaml")]
    a0 = next(s for s in specs if s.get("name", "") == "a0-portrait" or s.get("page", {}).get(
        "size") == "A0")  # fmt: skip
    assert a0["header"]["logo_mm"] >= 72  # A0's header logo
    needed = max(_needed_px(s) for s in specs)
    with Image.open(EMBLEM) as im:
        assert min(im.size) >= needed, (im.size, needed)


def test_the_emblem_is_a_small_palette_png_with_smooth_edges():
    assert EMBLEM.stat().st_size < 32 * 1024
    with Image.open(EMBLEM) as im:
        assert im.format == "PNG" and im.mode == "P"
        alpha = im.convert("RGBA").getchannel("A")
        # transparent corners, an opaque middle, and an edge in many steps (not stairs)
        assert (
            alpha.getpixel((0, 0)) == 0 and alpha.getpixel((im.width // 2, im.height // 2)) == 255
        )
        steps = sum(1 for n in alpha.histogram()[1:255] if n)
        assert steps >= 12, steps
