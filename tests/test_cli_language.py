"""The command line's own language: usage, --help and argument errors in Vietnamese under
a Vietnamese locale (no English word of argparse's left), English under LANG=C; sizes
with the decimal comma; no library's warning printed."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import cli_env, run_cli

from poster import cli
from poster.resources import DEFAULT_CONTENT

# argparse's English, as Python 3.10–3.13 print it: none may appear under Vietnamese
ENGLISH = [
    "usage:",
    "positional arguments",
    "optional arguments",
    "options:",
    "show this help message",
    "show program's version",
    "error:",
    "argument ",
    "invalid float value",
    "invalid int value",
    "invalid choice",
    "choose from",
    "unrecognized arguments",
    "the following arguments are required",
    "expected one argument",
    "expected at most one argument",
    "not allowed with argument",
    "one of the arguments",
    "is required",
    "ambiguous option",
]

SUBCOMMANDS = ["render", "batch", "serve", "check", "tile", "layouts", "brands"]

# (arguments, what the Vietnamese error says after "poster …: lỗi: ")
BAD = [
    (["render", "--bleed", "x"], "tham số --bleed: 'x' không phải là một số"),
    (["render", "--width", "wide"], "tham số --width: 'wide' không phải là một số nguyên"),
    (["render", "--frobnicate"], "không hiểu tham số: --frobnicate"),
    (["render", "--png", "100", "--jpeg", "100"],
     "tham số --jpeg: không dùng được cùng tham số --png"),
    (["render", "--format"], "tham số --format: cần một giá trị"),
    (["render", "--pdfx", "5"],
     "tham số --pdfx: lựa chọn không có: '5' (chọn một trong: '1a', '4')"),
    (["batch", "-o", "out"], "cần một trong các tham số --brands --province --all-communes"),
    (["batch", "--province", "Quảng Ninh"], "thiếu tham số bắt buộc: -o/--output"),
    (["batch", "--all-communes", "-o", "d", "-j", "many"],
     "tham số -j/--jobs: 'many' không phải là một số nguyên"),
    (["tile"], "thiếu tham số bắt buộc: IN.pdf"),
    (["tile", "x.pdf", "--sheet", "A5"],
     "tham số --sheet: lựa chọn không có: 'A5' (chọn một trong: 'A4', 'A3')"),
    (["tile", "x.pdf", "--overlap", "1,5"], "tham số --overlap: '1,5' không phải là một số"),
    (["frobnicate"], "tham số LỆNH: lựa chọn không có: 'frobnicate' (chọn một trong: 'render', "
                     "'batch', 'serve', 'check', 'tile', 'layouts', 'brands')"),
    (["--lang", "xx", "layouts"], "tham số --lang: lựa chọn không có: 'xx' (chọn một trong: "
                                  "'vi', 'en')"),
    (["serve", "--port", "http"], "tham số --port: 'http' không phải là một số nguyên"),
]  # fmt: skip


@pytest.fixture
def locale(monkeypatch):
    def set_(lang: str) -> None:
        for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", lang)
        monkeypatch.setenv("COLUMNS", "100")

    return set_


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """`poster ARGV` in this process: exit status, stdout, stderr."""
    try:
        status = cli.main(argv)
    except SystemExit as e:
        status = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return status, out, err


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


@pytest.mark.parametrize("command", [[], *([c] for c in SUBCOMMANDS)])
def test_help_is_vietnamese_under_a_vietnamese_locale(command, locale, capsys):
    locale("vi_VN.UTF-8")
    status, out, err = run([*command, "--help"], capsys)
    assert status == 0 and err == ""
    assert out.startswith(f"cách dùng: poster {' '.join(command)}".rstrip() + " ")
    assert "tuỳ chọn:\n" in out
    assert "  -h, --help" in out and "hiện trợ giúp này rồi thoát" in out
    assert english_in(out) == []


@pytest.mark.parametrize("command", [[], *([c] for c in SUBCOMMANDS)])
def test_help_stays_english_under_lang_c(command, locale, capsys):
    locale("C")
    status, out, _ = run([*command, "--help"], capsys)
    assert status == 0
    assert out.startswith("usage: poster")
    assert "show this help message and exit" in out
    assert re.search(r"^(options|optional arguments):$", out, re.M)
    assert "cách dùng" not in out and "tuỳ chọn" not in out


def test_help_of_the_top_level_lists_every_command_in_vietnamese(locale, capsys):
    locale("vi_VN.UTF-8")
    _, out, _ = run(["--help"], capsys)
    assert "đối số:\n  LỆNH\n" in out
    for command, words in [
        ("render", "tạo áp phích PDF"),
        ("batch", "tạo hàng loạt"),
        ("check", "kiểm tra tệp PDF trước khi in"),
        ("tile", "chia áp phích thành các tờ A4/A3"),
    ]:
        assert re.search(rf"^    {command} +{words}", out, re.M), out


def test_batch_help_says_brands_takes_a_spreadsheet_or_a_folder(locale, capsys):
    locale("C")
    _, out, _ = run(["batch", "--help"], capsys)
    flat = " ".join(out.split())
    assert "--brands FILE.csv|FILE.xlsx|DIR" in flat
    assert "a spreadsheet (CSV or Excel .xlsx, one row per brand) or a folder of brand YAML" in flat
    locale("vi_VN.UTF-8")
    _, out, _ = run(["batch", "--help"], capsys)
    flat = " ".join(out.split())
    assert (
        "một bảng tính (CSV hoặc Excel .xlsx, mỗi dòng một bộ nhận diện) hoặc một thư mục" in flat
    )


@pytest.mark.parametrize(("argv", "vietnamese"), BAD)
def test_argument_errors_in_vietnamese(argv, vietnamese, locale, capsys):
    locale("vi_VN.UTF-8")
    status, out, err = run(argv, capsys)
    assert status == 2 and out == ""
    usage, message = err.rstrip("\n").rsplit("\n", 1)
    assert usage.startswith("cách dùng: poster")
    assert re.fullmatch(r"poster( \w+)?: lỗi: (.*)", message)[2] == vietnamese
    assert english_in(err) == []


@pytest.mark.parametrize(("argv", "vietnamese"), BAD)
def test_argument_errors_stay_english_under_lang_c(argv, vietnamese, locale, capsys):
    locale("C")
    status, _, err = run(argv, capsys)
    assert status == 2
    assert err.startswith("usage: poster") and ": error: " in err
    assert not re.search("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", err)


def test_lang_option_wins_over_the_locale(locale, capsys):
    locale("C")
    status, _, err = run(["render", "--bleed", "x", "--lang", "vi"], capsys)
    assert status == 2 and "lỗi: tham số --bleed: 'x' không phải là một số" in err
    status, _, err = run(["--lang=vi", "tile"], capsys)
    assert "poster tile: lỗi: thiếu tham số bắt buộc: IN.pdf" in err
    locale("vi_VN.UTF-8")
    status, _, err = run(["--lang", "en", "render", "--bleed", "x"], capsys)
    assert "poster render: error: argument --bleed: invalid float value: 'x'" in err


def test_argparse_is_left_in_english_after_a_vietnamese_parse(locale, capsys):
    """The Vietnamese words are argparse's only while our parser speaks: another parser of
    the same process afterwards speaks English."""
    import argparse

    locale("vi_VN.UTF-8")
    run(["render", "--bleed", "x"], capsys)
    other = argparse.ArgumentParser(prog="other")
    assert other.format_usage().startswith("usage: other")


def test_the_command_line_in_a_vietnamese_locale_end_to_end():
    """The installed entry point, as an officer runs it."""
    done = run_cli("render", "--bleed", "x", lang="vi_VN.UTF-8")
    assert done.returncode == 2
    assert (
        done.stderr.splitlines()[-1]
        == "poster render: lỗi: tham số --bleed: 'x' không phải là một số"
    )
    assert english_in(done.stderr) == []
    done = run_cli("--help", lang="vi_VN.UTF-8")
    assert done.returncode == 0 and done.stdout.startswith("cách dùng: poster ")
    assert english_in(done.stdout) == []
    done = run_cli("render", "--bleed", "x", lang="C")
    assert (
        done.stderr.splitlines()[-1]
        == "poster render: error: argument --bleed: invalid float value: 'x'"
    )


# ---------------------------------------------------------------- numbers and warnings


def test_layout_sizes_with_the_decimal_comma(locale, capsys):
    locale("vi_VN.UTF-8")
    _, out, _ = run(["layouts"], capsys)
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert re.search(
        r" 338,7 × 190,5 mm +Trình chiếu 16:9, mỗi mục một trang$", lines["slides-16x9"]
    )
    assert re.search(r" 254 × 190,5 mm +Trình chiếu 4:3, mỗi mục một trang$", lines["slides-4x3"])
    assert re.search(r" 594 × 841 mm +Áp phích A1 dọc, 3 cột$", lines["a1-portrait"])
    assert re.search(r" 297 × 420 mm +Áp phích A3 dọc, 2 trang, 2 cột$", lines["a3-portrait"])
    assert re.search(r" 1080 × 1350 px +Thẻ ảnh mạng xã hội dọc", lines["social-portrait"])
    assert not re.search(r"\d\.\d", out)
    locale("C")
    _, out, _ = run(["layouts"], capsys)
    assert "338.7 × 190.5 mm" in out


def test_messages_write_decimals_with_a_comma_in_vietnamese(locale, capsys):
    locale("vi_VN.UTF-8")
    status, _, err = run(["render", "--bleed", "22.5"], capsys)
    assert status == 2
    assert err == "--bleed: bleed: 22,5 mm không nằm trong khoảng 0 đến 20 mm\n"
    locale("C")
    status, _, err = run(["render", "--bleed", "22.5"], capsys)
    assert err == "--bleed: bleed: 22.5 mm is not between 0 and 20 mm\n"


def test_a_library_warning_is_not_printed(tmp_path):
    """svglib logs "Can't handle color: bogus" for an icon with a colour it does not know:
    the user sees nothing of it, --debug shows it as a debug line."""
    icon = tmp_path / "odd.svg"
    icon.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<path d="M2 2 L20 20" stroke="bogus" fill="none"/></svg>',
        encoding="utf-8",
    )
    content = yaml.safe_load(DEFAULT_CONTENT.read_text(encoding="utf-8"))
    content["items"][0]["icon"] = "odd.svg"
    source = tmp_path / "content.yaml"
    source.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "p.pdf"
    # each run with a cache of its own: a tile kept from the first run is not drawn again,
    # so the second would not read the icon
    env = cli_env("vi_VN.UTF-8", POSTER_CACHE_DIR=str(tmp_path / "cache-1"))
    done = run_cli("render", "--content", source, "-o", out, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert out.exists()
    env = cli_env(POSTER_CACHE_DIR=str(tmp_path / "cache-2"))
    done = run_cli("render", "--content", source, "-o", out, "--debug", env=env)
    assert done.returncode == 0
    assert "debug: svglib.svglib: Can't handle color: bogus" in done.stderr.splitlines()


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "--layout", "a3-portrait", "--pdfx", "--png", "-o", "x.pdf"],
        ["--lang", "vi", "render", "--brand", "cam-pha", "--debug"],
        ["batch", "--province", "Quảng Ninh", "-o", "out", "-j", "1", "--layout", "a1-portrait"],
        ["serve", "--port", "0", "--per-address", "0"],
        ["check", "x.pdf", "--pdfx", "--no-qr"],
        ["tile", "x.pdf", "--sheet", "a3", "--landscape", "--overlap", "15"],
        ["layouts"],
        ["brands", "--lang", "en"],
    ],
)
def test_a_command_parsed_by_its_own_options_as_by_all(argv):
    """A start builds only the options of the command it runs: the same answer as the
    whole parser's."""
    from poster import cli

    alone = cli._parser("en", cli._command_of(argv)).parse_args(argv)
    assert cli._command_of(argv) == next(a for a in argv if not a.startswith("-") and a != "vi")
    assert alone == cli._parser("en").parse_args(argv)
