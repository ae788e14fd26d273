"""Letterheads as officers have them: one to four authority lines, with or without a
logo, on every shipped layout; five lines are refused naming the brand field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ALL_LAYOUTS, BRAND_FOLDER, pdf_text, run_cli

LINES = [
    "ĐẢNG ỦY XÃ THỬ NGHIỆM",
    "ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM",
    "PHÒNG VĂN HÓA - XÃ HỘI",
    "TỈNH BẮC NINH",
    "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ",
]


def _brand(tmp: Path, lines: int, logo: bool) -> Path:
    path = tmp / f"brand-{lines}.yaml"
    data: dict[str, object] = {"name": "Xã Thử Nghiệm", "authority": LINES[:lines]}
    if logo:
        data["logo"] = str(BRAND_FOLDER / "placeholder-emblem.png")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_three_and_four_lines_render_in_full(tmp_path: Path, layout: str) -> None:
    for lines, logo in ((3, True), (4, True), (4, False)):
        out = tmp_path / f"{lines}-{logo}.pdf"
        done = run_cli("render", "--layout", layout, "--brand", _brand(tmp_path, lines, logo),
                       "-o", out)  # fmt: skip
        assert done.returncode == 0, done.stderr
        text = pdf_text(out)
        for line in LINES[:lines]:
            assert line in text, (layout, lines, line)


def test_five_lines_are_one_clear_line_naming_authority(tmp_path: Path) -> None:
    brand = _brand(tmp_path, 5, False)
    out = tmp_path / "five.pdf"
    done = run_cli("render", "--layout", "a1-portrait", "--brand", brand, "-o", out)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{brand}: authority: 5 lines")
    assert "at most 4" in done.stderr
    assert not out.exists()
