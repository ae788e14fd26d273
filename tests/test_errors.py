"""Bad input on the command line: exit 2, one `FILE: field: message` line per problem, no file.

Each case runs `python -m poster render … -o out.pdf` in a fresh temporary folder
holding only its input files, and checks the exact message, so a message that
loses its file, its field or its meaning fails here.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    ALL_LAYOUTS,
    BRANDS,
    LAYOUT_FOLDER,
    brand_yaml,
    content_yaml,
    layout_yaml,
    run_cli,
    write_yaml,
)

OUT = "out.pdf"

# A case writes its inputs into the folder and returns the CLI arguments and a check of
# the stderr lines: either the exact expected lines or a function asserting on them.
Check = list[str] | Callable[[list[str]], None]
Case = Callable[[Path], tuple[list[str], Check]]


def malformed_yaml(tmp: Path):
    (tmp / "content.yaml").write_text(
        "title: SỰ KHÁC NHAU\n"
        "labels: {left: Công nghệ thông tin, right: Chuyển đổi số\n"
        "items: []\n",
        encoding="utf-8",
    )
    # PyYAML notices the unclosed '{' where the next line starts
    return ["--content", "content.yaml"], [
        "content.yaml:3: invalid YAML: did not find expected ',' or '}'"
    ]


def unknown_layout(tmp: Path):
    shipped = ", ".join(ALL_LAYOUTS)
    return ["--layout", "a9-portrait"], [
        f"--layout: layout: no layout named 'a9-portrait' (shipped: {shipped})"
    ]


def unknown_brand(tmp: Path):
    shipped = ", ".join(BRANDS)
    return ["--brand", "khong-co"], [
        f"--brand: brand: no brand named 'khong-co' (shipped: {shipped})"
    ]


def missing_field(tmp: Path):
    data = content_yaml()
    del data["items"][0]["right"]
    write_yaml(tmp / "content.yaml", data)
    return ["--content", "content.yaml"], ["content.yaml: items.0.right: missing (required)"]


def mistyped_field(tmp: Path):
    data = content_yaml()
    data["items"][2]["n"] = "one"
    write_yaml(tmp / "content.yaml", data)
    return ["--content", "content.yaml"], ["content.yaml: items.2.n: expected `int`, got `str`"]


def duplicate_number(tmp: Path):
    data = content_yaml()
    data["items"][3]["n"] = data["items"][2]["n"]
    write_yaml(tmp / "content.yaml", data)
    n = data["items"][2]["n"]
    return ["--content", "content.yaml"], [f"content.yaml: items: number {n} is used twice"]


def _brand(tmp: Path, change: Callable[[dict], None], folder: str = "") -> str:
    data = brand_yaml("default")
    change(data)
    (tmp / folder).mkdir(exist_ok=True)
    path = Path(folder) / "brand.yaml"
    write_yaml(tmp / path, data)
    return str(path)


def bad_colour(tmp: Path):
    brand = _brand(tmp, lambda b: b["colors"].update(left="#12345G"))
    return ["--brand", brand], [
        "brand.yaml: colors.left: not a colour: '#12345G' "
        "(expected #RRGGBB, e.g. #B3261E, or cmyk(c, m, y, k) in percent)"
    ]


def number_colour(tmp: Path):
    brand = _brand(tmp, lambda b: b["colors"].update(primary=123456))
    return ["--brand", brand], [
        'brand.yaml: colors.primary: not a colour: 123456 (expected a quoted "#RRGGBB")'
    ]


def unquoted_colour(tmp: Path):
    # '#' starts a YAML comment: the colour silently becomes null
    (tmp / "brand.yaml").write_text(
        "name: Thử nghiệm\ncolors:\n  primary: #B3261E\n", encoding="utf-8"
    )
    return ["--brand", "brand.yaml"], [
        'brand.yaml: colors.primary: not a colour: None (expected a quoted "#RRGGBB")'
    ]


def missing_logo(tmp: Path):
    brand = _brand(tmp, lambda b: b.update(logo="missing-emblem.png"), folder="brands")
    # the logo is looked up beside the brand file, and the message says where
    return ["--brand", brand], [
        "brands/brand.yaml: logo: file not found: brands/missing-emblem.png"
    ]


def text_as_logo(tmp: Path):
    brand = _brand(tmp, lambda b: b.update(logo="fake.png"), folder="brands")
    (tmp / "brands" / "fake.png").write_text("not an image, only text\n", encoding="utf-8")
    return ["--brand", brand], [
        "brands/brand.yaml: logo: fake.png is not a readable PNG or JPEG image "
        "(cannot identify image file 'brands/fake.png')"
    ]


def unknown_brand_field(tmp: Path):
    brand = _brand(tmp, lambda b: b.update(slogan="Chuyển đổi số"))
    return ["--brand", brand], ["brand.yaml: slogan: unknown field"]


def unknown_nested_brand_field(tmp: Path):
    brand = _brand(tmp, lambda b: b["colors"].update(accent="#123456"))
    return ["--brand", brand], ["brand.yaml: colors.accent: unknown field"]


def text_does_not_fit(tmp: Path):
    data = layout_yaml("a3-portrait")
    data["fonts"]["body"]["min"] = 12
    assert data["fonts"]["body"]["max"] >= 12
    write_yaml(tmp / "tight.yaml", data)
    headings = {item["n"]: item["heading"] for item in content_yaml()["items"]}

    def check(lines: list[str]) -> None:
        assert len(lines) == 1
        m = re.fullmatch(
            r"tight\.yaml: fonts\.body\.min: item (\d+) \((.+)\) does not fit layout 'tight' "
            r"even at 12 pt: (?:the tiles|the tile alone|column \d+): "
            r"(\d+) mm of height needed, (\d+) mm available",
            lines[0],
        )
        assert m, lines[0]
        n, shown, need, have = int(m[1]), m[2], int(m[3]), int(m[4])
        assert n in headings
        heading = headings[n]
        # the heading whole, or cut to at most 40 characters ending in "…"
        assert shown == heading or (
            len(heading) > 40
            and len(shown) <= 40
            and shown.endswith("…")
            and heading.startswith(shown[:-1])
        )
        assert need > have > 0

    return ["--layout", "tight.yaml"], check


def _glyph_case(index: int, part: str, char: str, font: str):
    def case(tmp: Path):
        data = content_yaml()
        data["items"][index][part] += f" {char}"
        write_yaml(tmp / "content.yaml", data)
        text = data["items"][index][part]
        return ["--content", "content.yaml"], [
            f"content.yaml: items.{index}.{part}: character {char!r} (U+{ord(char):04X}) "
            f"has no glyph in font {font}: {text!r}"
        ]

    return case


CASES = [
    pytest.param(malformed_yaml, id="malformed-yaml"),
    pytest.param(unknown_layout, id="unknown-layout"),
    pytest.param(unknown_brand, id="unknown-brand"),
    pytest.param(missing_field, id="missing-items.0.right"),
    pytest.param(mistyped_field, id="mistyped-n"),
    pytest.param(duplicate_number, id="duplicate-n"),
    pytest.param(bad_colour, id="colour-12345G"),
    pytest.param(number_colour, id="colour-number"),
    pytest.param(unquoted_colour, id="colour-unquoted"),
    pytest.param(missing_logo, id="logo-missing"),
    pytest.param(text_as_logo, id="logo-not-png"),
    pytest.param(text_does_not_fit, id="text-does-not-fit"),
    pytest.param(_glyph_case(3, "heading", "𝔸", "BeVietnamPro-Bold"), id="no-glyph-math-A"),
    pytest.param(_glyph_case(4, "left", "漢", "BeVietnamPro-Regular"), id="no-glyph-cjk"),
    pytest.param(unknown_brand_field, id="brand-unknown-field"),
    pytest.param(unknown_nested_brand_field, id="brand-unknown-nested-field"),
]


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_exits_2_with_one_line_per_problem(tmp_path, case):
    args, check = case(tmp_path)
    before = _files(tmp_path)
    done = run_cli("render", *args, "-o", OUT, cwd=tmp_path)

    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert done.stderr.endswith("\n")
    lines = done.stderr.splitlines()
    if callable(check):
        check(lines)
    else:
        assert lines == check
    # no output, no temporary file left beside it, nothing else written
    assert not (tmp_path / OUT).exists()
    assert _files(tmp_path) == before


def test_short_heading_is_not_marked_as_cut(tmp_path):
    """An item that cannot fit is named by its heading; a short one is shown whole."""
    data = content_yaml()
    item = data["items"][0]
    item["heading"] = "Ngắn gọn"
    item["left"] = " ".join(["Công nghệ thông tin làm từng phần, chỗ làm chỗ không."] * 200)
    data["items"] = [item]
    write_yaml(tmp_path / "content.yaml", data)
    done = run_cli(
        "render", "--content", "content.yaml", "--layout", "a3-portrait", "-o", OUT, cwd=tmp_path
    )
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert f"item {item['n']} (Ngắn gọn) does not fit layout 'a3-portrait'" in line, line


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(unknown_brand, id="fails-loading"),
        pytest.param(text_does_not_fit, id="fails-solving"),
        pytest.param(_glyph_case(0, "right", "漢", "BeVietnamPro-Regular"), id="fails-glyphs"),
    ],
)
def test_failed_render_leaves_existing_output_untouched(tmp_path, case):
    args, _ = case(tmp_path)
    marker = b"%PDF-1.4 an older poster that must survive\n"
    (tmp_path / OUT).write_bytes(marker)
    before = _files(tmp_path)
    done = run_cli("render", *args, "-o", OUT, cwd=tmp_path)
    assert done.returncode == 2
    assert (tmp_path / OUT).read_bytes() == marker
    assert _files(tmp_path) == before


def test_successful_render_replaces_existing_output(tmp_path):
    # the counterpart: the same command with good input does overwrite the file
    shutil.copy(LAYOUT_FOLDER / "a3-portrait.yaml", tmp_path / "a3.yaml")
    (tmp_path / OUT).write_bytes(b"old")
    done = run_cli("render", "--layout", "a3.yaml", "-o", OUT, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == OUT
    assert (tmp_path / OUT).read_bytes().startswith(b"%PDF-")
    assert _files(tmp_path) == {"a3.yaml", OUT}
