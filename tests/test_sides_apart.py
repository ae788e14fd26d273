"""The two sides' boxes must be told apart (issue 19.2, review 4): a brand whose side
colours give fills less than ΔE00 12 apart is refused with a colour that passes.

Expected values are worked out here: the fills are read back from the message and the
rendered PDF, CIEDE2000 is tests/printread.py's (checked against Sharma's published
pairs in test_inks.py), WCAG contrast is written out in metrics.py, the tint of 11 %
and the floors are the issue's numbers.
"""

from __future__ import annotations

import itertools
import re

import pypdfium2 as pdfium
import pytest
from conftest import BRANDS, brand_rgb, filled_paths, hex_rgb, run_cli, write_yaml
from metrics import lightness, tint_rgb, wcag
from printread import ciede2000, srgb_to_lab

SIDES_DE00 = 12.0  # issue 19.2
FROM_TILE_DE00 = 10.0  # each fill visibly apart from the white tile
SPLIT_L = 8.0  # review 16: the fills apart in lightness
SIDE_TINT = 0.11  # a side's label must read on this much of its colour (the contrast check)
DEFAULT_BACKGROUND = "#F3F1EC"  # the national brand's, which a brand without one takes
LEFT, NAVY = "#1F5FA8", "#1B2A4A"  # the review's pair: tints ΔE00 5.4 apart
HEX = r"#[0-9A-F]{6}"


def de00(a: str, b: str) -> float:
    return ciede2000(srgb_to_lab(a), srgb_to_lab(b))


def thinned(fill: str, colour: str) -> float:
    """How much of `colour` on white paper gives `fill` (all three channels agree)."""
    f, c = hex_rgb(fill), hex_rgb(colour)
    amounts = [(255 - fv) / (255 - cv) for fv, cv in zip(f, c, strict=True) if cv < 200]
    assert amounts and max(amounts) - min(amounts) < 0.02, (fill, colour, amounts)
    return sum(amounts) / len(amounts)


def side_fills_in(pdf: bytes, left: str, right: str) -> list[tuple[str, str]]:
    """Each tile's two side fills as drawn: the large light fill right beside each solid
    edge of a side's colour (the edge painted first, the fill over all but its strip)."""
    doc = pdfium.PdfDocument(pdf)
    found = []
    try:
        for page in doc:
            paths = filled_paths(page)
            pair: list[str] = []
            for edge, fill in itertools.pairwise(paths):
                if colour(edge.color) not in (left, right) or fill.box.w < 0.5 * edge.box.w:
                    continue
                if abs(fill.box.x1 - edge.box.x1) > 0.5 or fill.box.x0 <= edge.box.x0:
                    continue
                pair.append(colour(fill.color))
                if len(pair) == 2:
                    found.append((pair[0], pair[1]))
                    pair = []
            page.close()
    finally:
        doc.close()
    return found


def test_the_reviews_navy_is_refused_with_a_colour_that_passes(tmp_path):
    brand = write_yaml(
        tmp_path / "b.yaml", {"name": "Xã Thử", "colors": {"left": LEFT, "right": NAVY}}
    )
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf")
    assert done.returncode == 2, done.stderr
    assert not (tmp_path / "p.pdf").exists()
    (line,) = done.stderr.splitlines()
    m = re.fullmatch(
        rf"{re.escape(str(brand))}: colors\.right: #1B2A4A is too like colors\.left #1F5FA8: "
        rf"the two sides' boxes ({HEX}) and ({HEX}) are ΔE00 (\d+\.\d) apart, need at least 12 "
        rf"to be told apart at a glance; ({HEX}) gives ΔE00 (\d+\.\d) and passes the contrast "
        r"checks",
        line,
    )
    assert m, line
    right_fill, left_fill, delta, fix, fixed_delta = m.groups()
    # the boxes named are the two colours thinned on white (at least 22 %), and they are
    # as close as the message says
    assert thinned(right_fill, NAVY) >= 0.22 - 0.01 and thinned(left_fill, LEFT) >= 0.22 - 0.01
    assert de00(right_fill, left_fill) < SIDES_DE00
    assert de00(right_fill, left_fill) == pytest.approx(float(delta), abs=0.1)

    # the colour offered: accepted, the boxes drawn with it are apart, its label reads
    write_yaml(brand, {"name": "Xã Thử", "colors": {"left": LEFT, "right": fix}})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf")
    assert done.returncode == 0, done.stderr
    tiles = side_fills_in((tmp_path / "p.pdf").read_bytes(), LEFT, fix)
    assert len(tiles) >= 18, tiles  # 17 tiles and the key (on each page)
    for left_drawn, right_drawn in tiles:
        assert de00(left_drawn, right_drawn) >= SIDES_DE00, (left_drawn, right_drawn)
        assert de00(left_drawn, right_drawn) == pytest.approx(float(fixed_delta), abs=0.1)
        for f in (left_drawn, right_drawn):
            assert de00(f, "#FFFFFF") >= FROM_TILE_DE00, f
        light = [lightness(tuple(v / 255 for v in hex_rgb(f))) for f in (left_drawn, right_drawn)]
        assert abs(light[0] - light[1]) >= SPLIT_L - 0.3, light
    fixed = tuple(v / 255 for v in hex_rgb(fix))
    assert wcag(fixed, tint_rgb(fixed, SIDE_TINT)) >= 4.5  # the label on its tint
    assert wcag(fixed, tuple(v / 255 for v in hex_rgb(DEFAULT_BACKGROUND))) >= 4.5  # the key


def test_the_refusal_in_vietnamese(tmp_path):
    brand = write_yaml(tmp_path / "b.yaml", {"name": "X", "colors": {"left": LEFT, "right": NAVY}})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf", lang="vi_VN.UTF-8")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(brand))}: colors\.right: màu #1B2A4A quá giống màu cột trái #1F5FA8: "
        rf"hai nền ô {HEX} và {HEX} chỉ cách nhau ΔE00 \d+,\d, cần ít nhất 12 để nhìn là phân "
        rf"biệt được hai cột; màu {HEX} đạt ΔE00 1\d,\d và đủ độ tương phản",
        line,
    ), line


def test_the_left_side_is_moved_when_it_is_the_one_that_fails_a_contrast_check_too(tmp_path):
    """A light grey "before" side: its box hardly shows on the white tile (ΔE00 2.4), its
    label does not read, and its box is too like the green's. One colour for the left
    mends all three; the right, which passes, is left alone."""
    colors = {"left": "#C8C8C8", "right": "#1E7B4A"}
    brand = write_yaml(tmp_path / "b.yaml", {"name": "X", "colors": colors})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf")
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert all(": colors.left: #C8C8C8 " in ln for ln in lines), lines
    assert any(
        "is too pale: its side's box #F3F3F3 is ΔE00 2.4 from the white tile" in ln for ln in lines
    )
    fixes = {re.findall(HEX, ln)[-1] for ln in lines}
    assert len(fixes) == 1, lines  # one colour offered, whichever check refused
    colors["left"] = fixes.pop()
    write_yaml(brand, {"name": "X", "colors": colors})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("brand", BRANDS)
def test_every_shipped_brand_passes(tmp_path, brand):
    """The shipped brands render, and their boxes' fills as drawn are apart (on every
    layout they are measured in test_design_rubric.py)."""
    left, right = (colour(brand_rgb(brand, k)) for k in ("left", "right"))
    done = run_cli("render", "--brand", brand, "--layout", "a3-portrait", "-o", tmp_path / "p.pdf")
    assert done.returncode == 0, done.stderr
    tiles = side_fills_in((tmp_path / "p.pdf").read_bytes(), left, right)
    assert len(tiles) >= 18  # 17 tiles and the key (on each page)
    assert all(de00(a, b) >= SIDES_DE00 for a, b in tiles), tiles


def colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)
