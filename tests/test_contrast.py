"""A colour refused for contrast comes with a way out: the nearest colour of the same hue
that passes. Checked with WCAG's formula and CIELAB computed here, not by the code."""

from __future__ import annotations

import math
import re

import pytest
from conftest import run_cli, write_yaml


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _rgb(hex_: str) -> tuple[float, float, float]:
    return tuple(int(hex_[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def wcag(a: str, b: str) -> float:
    def lum(h: str) -> float:
        r, g, b_ = (_linear(c) for c in _rgb(h))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def lab(hex_: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour."""
    r, g, b = (_linear(c) for c in _rgb(hex_))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))


def delta_e(a: str, b: str) -> float:
    return math.dist(lab(a), lab(b))  # CIE76: the strictest of the usual ΔE


def hue(hex_: str) -> float:
    _, a, b = lab(hex_)
    return math.degrees(math.atan2(b, a)) % 360


# (field, refused colour, the background it is checked on) — each just under 4.5:1
CASES = [
    ("text", "#7D7D7D", "#FFFFFF"),  # grey text on a white background: 4.1:1
    ("text", "#2F80D0", "#FFFFFF"),  # blue text
    ("primary", "#E0457B", "#FFFFFF"),  # pink primary (numbers, links)
    ("primary", "#C06000", "#FFFFFF"),  # burnt orange
    ("primary", "#8060B0", "#151525"),  # on a dark background: lightened
]


@pytest.mark.parametrize(("field", "colour", "background"), CASES)
def test_the_suggestion_passes_and_stays_close(tmp_path, field, colour, background):
    assert 3.0 < wcag(colour, background) < 4.5  # really refused, and not hopeless
    colors = {field: colour, "background": background}
    brand = write_yaml(tmp_path / "b.yaml", {"name": "Xã Thử", "colors": colors})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf")
    assert done.returncode == 2
    line = next(
        ln for ln in done.stderr.splitlines()
        if f"colors.{field}: {colour} on the background" in ln and background in ln
    )  # fmt: skip
    m = re.search(r"; (#[0-9A-F]{6}) of the same hue has (\d+\.\d\d):1$", line)
    assert m, line
    fix = m[1]
    assert wcag(fix, background) >= 4.5, (fix, wcag(fix, background))
    assert abs(wcag(fix, background) - float(m[2])) < 0.01
    assert delta_e(fix, colour) <= 10, (fix, delta_e(fix, colour))
    if math.hypot(*lab(colour)[1:]) > 10:  # a colour, not a grey: the hue stays
        assert abs((hue(fix) - hue(colour) + 180) % 360 - 180) < 6, (hue(fix), hue(colour))
    # darker on a light background, lighter on a dark one
    assert (lab(fix)[0] < lab(colour)[0]) == (lab(background)[0] > 50)
    # and it works: with the suggested colour, the field is no longer refused (on a dark
    # background the default dark text still is: text must read on the white tiles too)
    colors[field] = fix
    write_yaml(brand, {"name": "Xã Thử", "colors": colors})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf")
    assert f"colors.{field}:" not in done.stderr
    assert done.returncode == (0 if background == "#FFFFFF" else 2), done.stderr


def test_the_suggestion_in_vietnamese(tmp_path):
    brand = write_yaml(tmp_path / "b.yaml", {"name": "X", "colors": {"primary": "#E0457B"}})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf", lang="vi_VN.UTF-8")
    (line,) = done.stderr.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(brand))}: colors\.primary: màu #E0457B trên nền áp phích \(số thứ tự, "
        r"đường dẫn\) #F3F1EC có độ tương phản 3,\d\d:1, cần ít nhất 4,5:1 \(WCAG AA\); "
        r"màu #[0-9A-F]{6} cùng tông màu đạt 4,\d\d:1",
        line,
    ), line


# ---------------------------------------------------------------- a light primary (review 17)


def test_a_mid_yellow_primary_is_offered_a_light_band_not_an_olive(tmp_path):
    """Dark goldenrod carries neither white text (3.3:1) nor black at 7:1 (6.5:1), and
    does not read as a link on white: refused. The nearest colour that passes is a lighter
    gold that black reads on at 7:1 (a light band, about ΔE76 3 away), not the olive
    that darkening to 4.5:1 on white gives (about #9A6F00, ΔE76 11 away)."""
    colour, background = "#B8860B", "#FFFFFF"
    assert wcag(colour, "#FFFFFF") < 4.5 and wcag(colour, "#000000") < 7
    brand = write_yaml(
        tmp_path / "b.yaml",
        {"name": "Xã Thử", "colors": {"primary": colour, "background": background}},
    )
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf")
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    m = re.search(
        r"colors\.primary: #B8860B on the background \(links, numbers\) #FFFFFF has contrast "
        r"3\.\d\d:1, needs at least 4\.5:1 \(WCAG AA\); (#[0-9A-F]{6}) of the same hue is light "
        r"enough for a light header band with black text \((\d+\.\d\d):1\)",
        line,
    )
    assert m, line
    fix = m[1]
    assert wcag(fix, "#000000") >= 7 and abs(wcag(fix, "#000000") - float(m[2])) < 0.01
    assert lab(fix)[0] > lab(colour)[0] and delta_e(fix, colour) <= 6, delta_e(fix, colour)
    assert abs((hue(fix) - hue(colour) + 180) % 360 - 180) < 6
    write_yaml(brand, {"name": "Xã Thử", "colors": {"primary": fix, "background": background}})
    assert run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf").returncode == 0


def test_the_light_band_suggestion_in_vietnamese(tmp_path):
    brand = write_yaml(tmp_path / "b.yaml", {"name": "X", "colors": {"primary": "#B8860B"}})
    done = run_cli("render", "--brand", brand, "-o", tmp_path / "p.pdf", lang="vi_VN.UTF-8")
    (line,) = done.stderr.splitlines()
    assert re.fullmatch(
        rf"{re.escape(str(brand))}: colors\.primary: màu #B8860B trên nền áp phích \(số thứ tự, "
        r"đường dẫn\) #F3F1EC có độ tương phản 2,\d\d:1, cần ít nhất 4,5:1 \(WCAG AA\); "
        r"màu #[0-9A-F]{6} cùng tông màu đủ sáng để làm dải đầu trang sáng với chữ đen "
        r"\(\d+,\d\d:1\), đường dẫn và số thứ tự khi đó in màu đen",
        line,
    ), line
