"""Bad input on the command line: exit 2, one `FILE: field: message` line per problem, no file.

Each case runs `python -m poster render … -o out.pdf` in a fresh temporary folder
holding only its input files, and checks the exact message, so a message that
loses its file, its field or its meaning fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import (
    ALL_LAYOUTS,
    BRAND_FOLDER,
    BRANDS,
    LAYOUT_FOLDER,
    brand_yaml,
    cli_env,
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
    # no library wording (msgspec says "expected `int`, got `str`")
    return ["--content", "content.yaml"], [
        "content.yaml: items.2.n: expected a whole number, got text"
    ]


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


# ---------------------------------------------------------------- the same, in Vietnamese

_GLYPH_VI = (
    r"content\.yaml: items\.\d\.(heading|left|right): ký tự '.' \(U\+[0-9A-F]{4,5}\) "
    r"không có trong phông chữ BeVietnamPro-(Bold|Regular): '.+'; hãy bỏ hoặc thay ký tự này"
)

# case id → the Vietnamese lines (a regular expression where the text depends on the fit)
VIETNAMESE: dict[str, list[str]] = {
    "malformed-yaml": [
        "content.yaml:3: tệp YAML sai cú pháp: thiếu dấu phẩy hoặc dấu đóng ngoặc } trước dòng này"
    ],
    "unknown-layout": [
        f"--layout: layout: không có khổ (layout) tên 'a9-portrait' (có sẵn: "
        f"{', '.join(ALL_LAYOUTS)})"
    ],
    "unknown-brand": [
        f"--brand: brand: không có bộ nhận diện (brand) tên 'khong-co' (có sẵn: "
        f"{', '.join(BRANDS)})"
    ],
    "missing-items.0.right": ["content.yaml: items.0.right: còn thiếu (bắt buộc)"],
    "mistyped-n": ["content.yaml: items.2.n: cần một số nguyên, không phải văn bản"],
    "duplicate-n": [r"content\.yaml: items: số \d+ được dùng hai lần"],
    "colour-12345G": [
        "brand.yaml: colors.left: không phải mã màu: '#12345G' (cần dạng #RRGGBB, "
        "ví dụ #B3261E, hoặc cmyk(c, m, y, k) theo phần trăm)"
    ],
    "colour-number": [
        "brand.yaml: colors.primary: không phải mã màu: 123456 (cần mã màu trong ngoặc kép, "
        'ví dụ "#B3261E"; không có ngoặc kép thì dấu # bắt đầu một chú thích)'
    ],
    "colour-unquoted": [
        "brand.yaml: colors.primary: trống: không có ngoặc kép thì dấu # bắt đầu một chú "
        'thích, hãy viết mã màu trong ngoặc kép, ví dụ "#B3261E"'
    ],
    "logo-missing": ["brands/brand.yaml: logo: không tìm thấy tệp ảnh: brands/missing-emblem.png"],
    "logo-not-png": ["brands/brand.yaml: logo: fake.png không phải ảnh PNG hoặc JPEG đọc được"],
    "text-does-not-fit": [
        r"tight\.yaml: fonts\.body\.min: mục \d+ \(.+\) không vừa khổ 'tight' kể cả ở cỡ chữ "
        r"12 pt: hãy rút gọn nội dung hoặc chọn khổ lớn hơn"
    ],
    "no-glyph-math-A": [_GLYPH_VI],
    "no-glyph-cjk": [_GLYPH_VI],
    "brand-unknown-field": [
        "brand.yaml: slogan: trường không có trong mẫu: kiểm tra chính tả tên trường"
    ],
    "brand-unknown-nested-field": [
        "brand.yaml: colors.accent: trường không có trong mẫu: kiểm tra chính tả tên trường"
    ],
}

# Words of the English messages and of the libraries behind them (msgspec, PyYAML, Pillow,
# the OS): none may reach a Vietnamese line.
ENGLISH = re.compile(
    r"expected|Expected|`|missing|unknown|not a |invalid|got |does not fit|not found|"
    r"no layout|no brand|has no glyph|must |cannot|did not find|while parsing|identify|"
    r"field|required|shipped|None\b"
)


def _message_part(line: str) -> str:
    """The message after `FILE[:LINE]: field:` (file names and values may be English)."""
    return line.split(": ", 2)[-1]


@pytest.mark.parametrize("case", CASES)
def test_bad_input_in_vietnamese(tmp_path, case):
    args, _ = case(tmp_path)
    done = run_cli("render", *args, "-o", OUT, cwd=tmp_path, lang="vi_VN.UTF-8")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    expected = VIETNAMESE[_case_id(case)]
    assert len(lines) == len(expected), lines
    for line, pattern in zip(lines, expected, strict=True):
        assert line == pattern or re.fullmatch(pattern, line), line
        message = _message_part(line)
        # the quoted text of the item itself is the user's, not ours
        message = re.sub(r"'[^']*'", "''", message)
        message = re.sub(r"\S*/\S*|\S+\.(?:png|yaml)\b", "FILE", message)  # file names
        assert not ENGLISH.search(message), line


def _case_id(case) -> str:
    return next(p.id for p in CASES if p.values[0] is case)


def test_lang_option_and_locale_variables(tmp_path):
    args, _ = missing_field(tmp_path)
    english = "content.yaml: items.0.right: missing (required)"
    vietnamese = "content.yaml: items.0.right: còn thiếu (bắt buộc)"
    flag = run_cli("render", *args, "--lang", "vi", "-o", OUT, cwd=tmp_path)  # LANG=C
    assert flag.stderr.splitlines() == [vietnamese]
    before = run_cli("--lang", "vi", "render", *args, "-o", OUT, cwd=tmp_path)
    assert before.stderr.splitlines() == [vietnamese]
    back = run_cli("render", *args, "--lang", "en", "-o", OUT, cwd=tmp_path, lang="vi_VN.UTF-8")
    assert back.stderr.splitlines() == [english]
    # LC_ALL wins over LANG, LC_MESSAGES over LANG
    env = cli_env("C.UTF-8") | {"LC_ALL": "vi_VN.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "poster", "render", *args, "-o", OUT],
                          cwd=tmp_path, env=env, capture_output=True, text=True)  # fmt: skip
    assert done.stderr.splitlines() == [vietnamese]
    env = cli_env("vi_VN.UTF-8") | {"LC_MESSAGES": "en_US.UTF-8"}
    done = subprocess.run([sys.executable, "-m", "poster", "render", *args, "-o", OUT],
                          cwd=tmp_path, env=env, capture_output=True, text=True)  # fmt: skip
    assert done.stderr.splitlines() == [english]


@pytest.mark.parametrize("case", CASES)
def test_every_problem_has_a_code_of_the_catalogue(tmp_path, monkeypatch, case):
    """The same cases in process: each problem is data, with a code the catalogue words
    in both languages."""
    from poster import cli
    from poster.catalogue import MESSAGES
    from poster.errors import PosterError

    args, _ = case(tmp_path)
    monkeypatch.chdir(tmp_path)
    parsed = cli._parser().parse_args(["render", *args, "-o", OUT])
    with pytest.raises(PosterError) as raised:
        cli._render(parsed)
    for problem in raised.value.problems:
        assert problem.code in MESSAGES, problem
        assert problem.file and str(problem).startswith(problem.file)


def test_three_problems_of_a_file_are_all_reported(tmp_path):
    data = content_yaml()
    del data["items"][0]["right"]  # 1: missing
    data["items"][2]["n"] = "ba"  # 2: not a number
    data["items"][5]["heading"] = ""  # 3: empty
    write_yaml(tmp_path / "content.yaml", data)
    done = run_cli("render", "--content", "content.yaml", "-o", OUT, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "content.yaml: items.0.right: missing (required)",
        "content.yaml: items.2.n: expected a whole number, got text",
        "content.yaml: items.5.heading: must not be empty",
    ]
    done = run_cli("render", "--content", "content.yaml", "-o", OUT, cwd=tmp_path,
                   lang="vi_VN.UTF-8")  # fmt: skip
    assert done.stderr.splitlines() == [
        "content.yaml: items.0.right: còn thiếu (bắt buộc)",
        "content.yaml: items.2.n: cần một số nguyên, không phải văn bản",
        "content.yaml: items.5.heading: không được để trống",
    ]


def test_common_yaml_mistakes_get_a_hint(tmp_path):
    (tmp_path / "a.yaml").write_text(
        'name: Xã A\ncolors: {primary: #B3261E, left: "#1F5FA8"}\n', encoding="utf-8"
    )
    done = run_cli("render", "--brand", "a.yaml", "-o", OUT, cwd=tmp_path)
    assert done.stderr.splitlines() == [
        "a.yaml:2: invalid YAML: did not find expected node content (a # starts a comment: "
        'put the colour in quotes, e.g. "#B3261E")'
    ]
    done = run_cli("render", "--brand", "a.yaml", "-o", OUT, cwd=tmp_path, lang="vi_VN.UTF-8")
    assert done.stderr.splitlines() == [
        "a.yaml:2: tệp YAML sai cú pháp: dấu # bắt đầu một chú thích, hãy đặt mã màu trong "
        'ngoặc kép, ví dụ "#B3261E"'
    ]
    # a comma inside {…}: the words after it become a field of their own (problems come
    # in the order of the file)
    (tmp_path / "b.yaml").write_text(
        "name: Xã B\nqr: {caption: Câu chuyện của 63 tỉnh, thành phố, url: https://x.vn}\n"
        "authority: UBND XÃ B\n",
        encoding="utf-8",
    )
    done = run_cli("render", "--brand", "b.yaml", "-o", OUT, cwd=tmp_path)
    assert done.stderr.splitlines() == [
        "b.yaml: qr.thành phố: unknown field (a comma inside {…} starts a new field: "
        "put the text in quotes)",
        "b.yaml: authority: expected a list of lines, e.g. [UBND XÃ …], got text",
    ]
    done = run_cli("render", "--brand", "b.yaml", "-o", OUT, cwd=tmp_path, lang="vi_VN.UTF-8")
    assert done.stderr.splitlines() == [
        "b.yaml: qr.thành phố: trường không có trong mẫu: dấu phẩy trong {…} bắt đầu một "
        "trường mới, hãy đặt cả câu trong ngoặc kép",
        "b.yaml: authority: cần một danh sách dòng, ví dụ [UBND XÃ …], không phải văn bản",
    ]


# The other bad input of the test suite (tests/test_batch.py), in Vietnamese:
# (arguments, a piece of the expected Vietnamese line)
ODD = [
    (["batch", "--brands", "{brands}/examples.csv", "--content", "none.yaml", "-o", "o"],
     "none.yaml: không tìm thấy tệp"),
    (["batch", "--province", "", "-o", "o"], "--province: province: hãy cho tên một tỉnh"),
    (["batch", "--brands", "h.csv", "-o", "o"], "bảng tính không có dòng nào dưới dòng tiêu đề"),
    (["batch", "--brands", "empty", "-o", "o"], "thư mục không có tệp brand .yaml nào"),
    (["batch", "--brands", "{brands}/cam-pha.yaml", "-o", "o"], "hãy cho một bảng tính (.csv)"),
    (["batch", "--brands", "{brands}", "--format", "pptx", "-o", "o"],
     "định dạng pptx cần một khổ trình chiếu"),
    (["render", "--subtitle", "Tháng 11", "-o", OUT], "chỉ dành cho trang bìa"),
    (["render", "--layout", "slides-16x9", "--png", "5", "-o", OUT],
     "5 không nằm trong khoảng 10 đến 1200"),
    (["render", "--width", "0", "-o", OUT], "0 px không nằm trong khoảng 16 đến 20000"),
    (["render", "--layout", "a0-portrait", "--png", "1200", "-o", OUT],
     "megapixel là quá lớn (tối đa 150)"),
    (["render", "--locality", "", "-o", OUT], "hãy cho tên một xã, phường hoặc đặc khu"),
    (["render", "--layout", "slides-4x3", "--subtitle", "Nhà văn hóa xã " * 30, "-o", OUT],
     "--subtitle: subtitle: quá dài cho trang bìa (nhiều nhất hai dòng)"),
    (["render", "-o", "/proc/poster-test.pdf"], "không ghi được vào thư mục này"),
    (["render", "--locality", "Huyện Hiệp Hòa", "-o", OUT], "nay gồm 4 đơn vị"),
    (["render", "--layout", "khong-co", "--brand", "{brands}/cam-pha.yaml", "-o", OUT],
     "không có khổ (layout) tên 'khong-co'"),
]  # fmt: skip


@pytest.mark.parametrize(("args", "says"), ODD, ids=[" ".join(a[:3]) for a, _ in ODD])
def test_odd_input_in_vietnamese(tmp_path, args, says):
    (tmp_path / "h.csv").write_text("Tên,Cơ quan\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    args = [a.replace("{brands}", str(BRAND_FOLDER)) for a in args]
    done = run_cli(*args, cwd=tmp_path, lang="vi_VN.UTF-8")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert says in line, line
    message = re.sub(r"'[^']*'", "''", _message_part(line))
    message = re.sub(r"\S*/\S*|\S+\.(?:png|yaml|csv)\b", "FILE", message)
    assert not ENGLISH.search(message), line


def test_a_yaml_problem_knows_its_line_and_column(tmp_path):
    from poster.errors import PosterError
    from poster.spec import load_brand

    (tmp_path / "a.yaml").write_text(
        'name: Xã A\nfooter: x\ncolors: {primary: #B3261E, left: "#1F5FA8"}\n', encoding="utf-8"
    )
    with pytest.raises(PosterError) as raised:
        load_brand(tmp_path / "a.yaml")
    (problem,) = raised.value.problems
    assert (problem.code, problem.line, problem.column) == ("yaml.unquoted-colour", 3, 19)
    assert problem.params == {"problem": "did not find expected node content"}


def test_no_code_is_worded_in_two_catalogue_modules():
    """The catalogue is one module per kind of problem; a code defined in two of them
    would silently take one wording."""
    import importlib
    import pkgutil

    import poster.catalogue as catalogue

    seen: dict[str, str] = {}
    for info in pkgutil.iter_modules(catalogue.__path__):
        module = importlib.import_module(f"poster.catalogue.{info.name}")
        for code in getattr(module, "MESSAGES", {}):
            assert code not in seen, f"{code} is in {seen[code]} and {info.name}"
            seen[code] = info.name
    assert set(seen) == set(catalogue.MESSAGES)
    for english, vietnamese in catalogue.MESSAGES.values():
        assert english and vietnamese
