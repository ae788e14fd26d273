"""Stage tests of a spreadsheet's rows as brands (poster.readers.sheet), a folder of brand
files (poster.readers.folder) and what they hand on (poster.readers.sources), in
process. Every expected brand, failure and message is written here by hand; the bounds
are lowered for a test (poster.limits is read at each call) so that each is met
exactly, once under and once over."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from poster import limits
from poster.errors import PosterError, Problem
from poster.readers.folder import read_brand_dir
from poster.readers.sheet import column_of, fold, header_of, is_formula, read_sheet
from poster.readers.sources import Failure, Source

ENGLISH = "name,authority,logo,primary,left,right,text,qr_url,qr_caption,footer"


@pytest.fixture
def warnings() -> Iterator[list[Problem]]:
    """The problems the readers log as warnings on the `poster` logger."""
    got: list[Problem] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            assert record.levelno == logging.WARNING
            assert record.getMessage() == str(record.problem)  # type: ignore[attr-defined]
            got.append(record.problem)  # type: ignore[attr-defined]

    log = logging.getLogger("poster")
    handler = Keep()
    log.addHandler(handler)
    try:
        yield got
    finally:
        log.removeHandler(handler)


def sheet(tmp_path: Path, text: str, name: str = "b.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(path: Path) -> tuple[list[tuple[str, dict[str, object]]], list[str]]:
    """(where, brand) of each brand and each failure's text."""
    sources, failures, notes = read_sheet(path)
    assert notes == []
    return [(s.where, dict(s.data)) for s in sources], [f.text() for f in failures]


def refused(path: Path) -> Problem:
    with pytest.raises(PosterError) as raised:
        read_sheet(path)
    (p,) = raised.value.problems
    return p


# ---------------------------------------------------------------- headers


def test_fold_drops_accents_case_and_punctuation() -> None:
    assert fold("  Màu   CHỦ-đạo ") == "mau chu dao"
    assert fold("ĐƯỜNG dẫn QR") == "duong dan qr"
    assert fold("Tên (đơn vị)") == "ten don vi"
    assert fold("QR_URL") == "qr_url"
    assert fold("a.b/c") == "a b c"


def test_a_header_cell_names_a_column_in_english_or_vietnamese() -> None:
    assert header_of("Tên") == "name"
    assert header_of("Đường dẫn QR") == "qr_url"
    assert header_of("qr url") == "qr_url"
    assert header_of("Màu bên phải") == "right"
    assert header_of("Ghi chú") is None
    assert header_of("name" + " " * 96) == "name"  # 100 characters: still read
    assert header_of("name" + " " * 97) is None  # 101: not a header cell


def test_a_field_path_names_its_column() -> None:
    assert column_of("colors.primary") == "primary"
    assert column_of("colors.primary.0") == "primary"
    assert column_of("colors.primaryx") == "colors.primaryx"
    assert column_of("qr.url") == "qr_url"
    assert column_of("authority.2") == "authority"
    assert column_of("name") == "name"
    assert column_of("logo") == "logo"
    assert column_of("header.height_mm") == "header.height_mm"


# ---------------------------------------------------------------- the formula guard


@pytest.mark.parametrize(
    "column, value",
    [
        ("authority", "\tplain"),  # a leading tab or carriage return is stripped, then run
        ("authority", "\rplain"),
        ("authority", "=1"),
        ("authority", "＝1"),  # full-width
        ("authority", "+ =1"),  # an '=' among the signs
        ("authority", " @SUM(A1)"),
        ("authority", "+SUM (A1)"),
        ("authority", "-x.y(1)"),
        ("authority", "+cmd|' /C calc'!A0"),
        ("authority", "-Sheet_1.a!B"),
        ("authority", "-'Tờ 1'!A1"),
        ("footer", "+abc1"),
        ("footer", "-$B$2"),
        ("footer", "-2+3"),
        ("qr_caption", "-1,5*2"),
        ("authority", "\n=1"),
        ("name", "-x"),  # a strict column: any sign
        ("logo", "@x"),
        ("primary", "+1"),
        ("qr_url", "+84"),
        ("name", "＋x"),
        ("footer", "+X(1)"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_a_formula(column, value) -> None:
    assert is_formula(column, value)


@pytest.mark.parametrize(
    "column, value",
    [
        ("authority", "- Phòng Văn hóa xã"),
        ("footer", "+84 912 345 678"),
        ("footer", "-- hết --"),
        ("authority", "-2 phòng"),
        ("authority", "@abc"),
        ("authority", "+abcd1"),  # four letters: not a cell
        ("authority", "+A1B"),
        ("authority", "-'Tờ 1 A1"),
        ("qr_caption", "+84 912"),
        ("name", "Xã =1"),
        ("name", "   "),
        ("name", ""),
        ("authority", "a\t=1"),
        ("authority", "- a = b"),  # an '=' after the text, not among the signs
    ],
)
def test_text_with_a_sign_is_not_a_formula(column, value) -> None:
    assert not is_formula(column, value)


# ---------------------------------------------------------------- rows as brands


def test_every_column_becomes_its_brand_field(tmp_path) -> None:
    path = sheet(
        tmp_path,
        f"{ENGLISH}\n"
        'Xã A,"UBND huyện | UBND xã",a.png,#112233,#223344,#334455,#445566,'
        "https://a.vn,Quét mã,Chân\n",
    )
    assert read(path) == (
        [
            (
                "b.csv:2",
                {
                    "name": "Xã A",
                    "authority": ["UBND huyện", "UBND xã"],
                    "logo": "a.png",
                    "colors": {
                        "primary": "#112233",
                        "left": "#223344",
                        "right": "#334455",
                        "text": "#445566",
                    },
                    "qr": {"url": "https://a.vn", "caption": "Quét mã"},
                    "footer": "Chân",
                },
            )
        ],
        [],
    )


def test_line_breaks_separate_authority_lines_and_are_spaces_elsewhere(tmp_path) -> None:
    path = sheet(
        tmp_path,
        'Tên,Cơ quan,Chân trang,Chú thích QR\n"Xã\n A","Một\r\n\r\nHai\rBa|  ","a \n b","x\ty"\n',
    )
    assert read(path)[0] == [
        (
            "b.csv:2",
            {
                "name": "Xã A",
                "authority": ["Một", "Hai", "Ba"],
                "footer": "a b",
                "qr": {"caption": "x\ty"},
            },
        )
    ]


def test_a_row_with_only_a_name_is_a_brand_of_only_a_name(tmp_path) -> None:
    path = sheet(tmp_path, "name,authority,logo,footer\nXã B, | ,,\n")
    assert read(path)[0] == [("b.csv:2", {"name": "Xã B"})]
    path = sheet(tmp_path, "logo,name\nx.png,\n")
    assert read(path)[0] == [("b.csv:2", {"name": "", "logo": "x.png"})]


def test_sources_are_named_by_row_and_qualified_by_it(tmp_path) -> None:
    path = sheet(tmp_path, "Bảng nhận diện\n\nname\nXã A\n\nXã B\n")
    sources, failures, _ = read_sheet(path)
    assert failures == []
    assert [(s.where, s.row, s.qualifier, s.path, s.slug) for s in sources] == [
        ("b.csv:4", 4, "r4", path, ""),
        ("b.csv:6", 6, "r6", path, ""),
    ]


def test_a_repeated_column_is_read_once_and_unknown_ones_are_named(tmp_path, warnings) -> None:
    path = sheet(tmp_path, "name,Ghi chú,Tên,  Số điện thoại  ,,\nXã A,x,Xã Khác,0912,,\n")
    assert read(path) == ([("b.csv:2", {"name": "Xã A"})], [])
    (w,) = warnings
    assert (w.code, w.file, w.field) == ("sheet.unknown-columns", f"{path}:1", "")
    assert w.params == {"columns": "Ghi chú, Số điện thoại"}
    assert str(w) == f"{path}:1: columns ignored (not brand fields): Ghi chú, Số điện thoại"


def test_an_ignored_column_is_named_by_its_first_60_characters(tmp_path, warnings) -> None:
    long = "x" * 61
    read_sheet(sheet(tmp_path, f"name,{long}\nA,b\n"))
    assert warnings[0].params == {"columns": "x" * 60}


def test_no_warning_when_every_column_is_known(tmp_path, warnings) -> None:
    read_sheet(sheet(tmp_path, "name,logo\nA,b\n"))
    assert warnings == []


def test_cells_past_the_header_fail_their_row(tmp_path) -> None:
    path = sheet(tmp_path, "name,logo,,\nA,a.png,,\nB,b.png,,x\nC,c.png, ,\nD\n")
    assert read(path) == (
        [
            ("b.csv:2", {"name": "A", "logo": "a.png"}),
            ("b.csv:4", {"name": "C", "logo": "c.png"}),
            ("b.csv:5", {"name": "D"}),
        ],
        ["b.csv:3: 4 cells, the header has 2"],
    )


def test_a_blank_header_cell_between_known_ones_is_kept_as_an_unread_column(tmp_path) -> None:
    path = sheet(tmp_path, "name,,logo\nA,x,a.png\n")
    assert read(path) == ([("b.csv:2", {"name": "A", "logo": "a.png"})], [])


def test_a_formula_fails_its_row_naming_the_column(tmp_path) -> None:
    path = sheet(tmp_path, "name,authority,footer\nA,=1+1,=2\nB,- Phòng,+84 912\n")
    assert read(path) == (
        [("b.csv:3", {"name": "B", "authority": ["- Phòng"], "footer": "+84 912"})],
        [
            "b.csv:2: authority: looks like a spreadsheet formula: '=1+1' (type the value "
            "itself, without the leading sign)"
        ],
    )


def test_a_sign_in_a_strict_column_fails_its_row(tmp_path) -> None:
    path = sheet(tmp_path, "name,logo\n-Xã A,a.png\nXã B,@b.png\n")
    assert read(path) == (
        [],
        [
            "b.csv:2: name: looks like a spreadsheet formula: '-Xã A' (type the value itself, "
            "without the leading sign)",
            "b.csv:3: logo: looks like a spreadsheet formula: '@b.png' (type the value itself, "
            "without the leading sign)",
        ],
    )


def test_a_cell_longer_than_cell_chars_fails_its_row(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(limits, "CELL_CHARS", 5)
    path = sheet(tmp_path, "name,footer\nA,abcde\nB,abcdef\n")
    assert read(path) == (
        [("b.csv:2", {"name": "A", "footer": "abcde"})],
        ["b.csv:3: footer: 6 characters; a cell holds at most 5"],
    )


def test_a_row_the_reader_could_not_read_is_its_failure(tmp_path) -> None:
    path = sheet(tmp_path, 'name\nA\n"B\nC\n')
    assert read(path) == (
        [("b.csv:2", {"name": "A"}), ("b.csv:4", {"name": "C"})],
        ['b.csv:3: a quote (") is opened and not closed on this row: close it or remove it'],
    )


def test_failures_carry_their_code_and_parameters(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(limits, "ROW_CHARS", 10)
    path = sheet(tmp_path, "name\nabcdefghijk\n")
    _, failures, _ = read_sheet(path)
    assert failures == [
        Failure(
            "b.csv:2",
            "",
            "the row is 12 characters, more than 10: shorten its cells",
            "sheet.row-too-long",
            {"length": 12, "limit": 10},
        )
    ]


def test_only_the_first_sheet_columns_are_read(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(limits, "SHEET_COLUMNS", 2)
    path = sheet(tmp_path, "name,logo,footer\nA,a.png,\nB,b.png,x\n")
    assert read(path) == (
        [("b.csv:2", {"name": "A", "logo": "a.png"})],
        ["b.csv:3: 3 cells, the header has 2"],
    )


# ---------------------------------------------------------------- the header row


def test_the_header_may_sit_under_a_title_within_header_rows(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(limits, "HEADER_ROWS", 3)
    path = sheet(tmp_path, "Danh sách\n\nname\nA\n")
    assert read(path)[0] == [("b.csv:4", {"name": "A"})]
    path = sheet(tmp_path, "Danh sách\n\n\nname\nA\n")
    p = refused(path)
    assert (p.code, p.file, p.field, p.params) == (
        "sheet.no-header",
        str(path),
        "name",
        {"rows": 3},
    )
    assert p.message.startswith("no header row in the first 3 rows: put the column names")


def test_a_header_without_the_name_column_is_named_by_its_row(tmp_path) -> None:
    path = sheet(tmp_path, "Danh sách\nGhi chú\nlogo,footer\nXã A,a.png\n")
    p = refused(path)
    assert (p.code, p.file, p.field) == ("sheet.no-name", f"{path}:3", "name")
    assert str(p) == f"{path}:3: name: the header has no 'name' column"


def test_the_first_header_naming_name_wins(tmp_path) -> None:
    path = sheet(tmp_path, "Tên\nname\nA\n")
    assert read(path)[0] == [("b.csv:2", {"name": "name"}), ("b.csv:3", {"name": "A"})]


def test_an_empty_sheet_and_one_of_blank_rows_are_empty(tmp_path) -> None:
    for text in ("", "\n\n", ",,\n"):
        path = sheet(tmp_path, text)
        p = refused(path)
        assert (p.code, p.file, p.message) == ("sheet.empty", str(path), "the file is empty")


def test_at_most_sheet_rows_under_the_header(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(limits, "SHEET_ROWS", 3)
    monkeypatch.setattr(limits, "HEADER_ROWS", 2)
    path = sheet(tmp_path, "Tiêu đề\nname\nA\nB\nC\n")
    assert [w for w, _ in read(path)[0]] == ["b.csv:3", "b.csv:4", "b.csv:5"]
    path = sheet(tmp_path, "Tiêu đề\nname\nA\nB\nC\nD\nE\nF\n")
    p = refused(path)
    assert (p.code, p.file, p.params) == ("sheet.too-many-rows", str(path), {"limit": 3})
    path = sheet(tmp_path, "name\nA\nB\nC\nD\n")
    assert refused(path).code == "sheet.too-many-rows"


def test_rows_are_read_no_further_than_needed(monkeypatch, tmp_path) -> None:
    from poster.readers import sheet as sheet_module
    from poster.readers import text
    from poster.readers.sources import Row

    pulled = []

    def endless(path: Path, score: object) -> Iterator[Row]:
        n = 0
        while True:
            n += 1
            pulled.append(n)
            yield Row(n, ["name" if n == 1 else f"Xã {n}"])

    monkeypatch.setattr(text, "read_text", endless)
    monkeypatch.setattr(limits, "SHEET_ROWS", 3)
    monkeypatch.setattr(limits, "HEADER_ROWS", 2)
    rows, notes = sheet_module._rows(tmp_path / "b.csv")
    assert [r.number for r in rows] == [1, 2, 3, 4, 5, 6] and pulled == [1, 2, 3, 4, 5, 6]
    assert notes == []


def test_a_workbook_by_its_suffix_in_any_case(tmp_path) -> None:
    path = sheet(tmp_path, "name\nA\n", "b.XLSX")  # text, not a zip: read as a workbook
    p = refused(path)
    assert (p.code, p.file) == ("sheet.unreadable", str(path))


# ---------------------------------------------------------------- a folder of brand files


def test_a_folder_of_brand_files_in_name_order(tmp_path) -> None:
    (tmp_path / "b.yaml").write_text("name: Xã B\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("name: Xã A\nfooter: x\n", encoding="utf-8")
    (tmp_path / "c.yml").write_text("name: not read\n", encoding="utf-8")
    (tmp_path / "d.yaml").write_text("- a list\n", encoding="utf-8")
    found, failures = read_brand_dir(tmp_path)
    assert failures == []
    assert [(dict(s.data), s.path, s.where, s.qualifier, s.row, s.slug) for s in found] == [
        (
            {"name": "Xã A", "footer": "x"},
            tmp_path / "a.yaml",
            str(tmp_path / "a.yaml"),
            "a",
            None,
            "",
        ),
        ({"name": "Xã B"}, tmp_path / "b.yaml", str(tmp_path / "b.yaml"), "b", None, ""),
        ({}, tmp_path / "d.yaml", str(tmp_path / "d.yaml"), "d", None, ""),
    ]


def test_a_brand_file_that_cannot_be_read_is_its_own_failure(tmp_path) -> None:
    (tmp_path / "a.yaml").write_text("name: [Xã A\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_bytes(b"name: X\xe3\n")
    (tmp_path / "c.yaml").write_text("name: Xã C\n", encoding="utf-8")
    found, failures = read_brand_dir(tmp_path)
    assert [s.where for s in found] == [str(tmp_path / "c.yaml")]
    a, b = failures
    assert (a.where, a.column, a.code) == (f"{tmp_path / 'a.yaml'}:2", "", "yaml.invalid")
    assert a.message.startswith("invalid YAML: ") and a.params["problem"] == a.message[14:]
    assert (b.where, b.column, b.code) == (str(tmp_path / "b.yaml"), "", "file.not-utf8")
    assert b.params == {"reason": "invalid continuation byte"}
    assert b.message == b.text().removeprefix(f"{b.where}: ")


def test_a_folder_holds_at_most_sheet_rows_brand_files(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(limits, "SHEET_ROWS", 2)
    for n in "ab":
        (tmp_path / f"{n}.yaml").write_text(f"name: {n}\n", encoding="utf-8")
    assert [s.qualifier for s in read_brand_dir(tmp_path)[0]] == ["a", "b"]
    (tmp_path / "c.yaml").write_text("name: c\n", encoding="utf-8")
    with pytest.raises(PosterError) as raised:
        read_brand_dir(tmp_path)
    (p,) = raised.value.problems
    assert (p.code, p.file, p.field, p.params) == (
        "brands.too-many",
        str(tmp_path),
        "--brands",
        {"limit": 2},
    )
    assert (
        p.message == "the folder holds more than 2 brand .yaml files: split it into several folders"
    )


def test_a_folder_is_listed_no_further_than_one_past_the_limit(monkeypatch) -> None:
    monkeypatch.setattr(limits, "SHEET_ROWS", 2)
    listed: list[int] = []

    class Huge:
        def glob(self, pattern: str) -> Iterator[Path]:
            assert pattern == "*.yaml"
            for n in range(100):
                listed.append(n)
                yield Path(f"/nowhere/{n}.yaml")

        def __str__(self) -> str:
            return "/nowhere"

    with pytest.raises(PosterError):
        read_brand_dir(Huge())  # type: ignore[arg-type]
    assert listed == [0, 1, 2]


# ---------------------------------------------------------------- failures


def test_a_failure_in_either_language() -> None:
    f = Failure.of("sheet.cells", "b.csv:3", count=4, header=2)
    assert (f.where, f.column, f.code, f.params) == (
        "b.csv:3",
        "",
        "sheet.cells",
        {"count": 4, "header": 2},
    )
    assert f.message == "4 cells, the header has 2"
    assert str(f) == f.text() == f.text("en") == "b.csv:3: 4 cells, the header has 2"
    assert f.text("vi") == "b.csv:3: dòng có 4 ô, dòng tiêu đề chỉ có 2"
    g = Failure.of("sheet.formula", "b.csv:2", "authority", value="=1")
    assert g.text("vi") == (
        "b.csv:2: authority: trông như một công thức bảng tính: '=1' (hãy gõ chính giá trị, "
        "không có dấu ở đầu)"
    )
    assert g.text("en") == (
        "b.csv:2: authority: looks like a spreadsheet formula: '=1' (type the value itself, "
        "without the leading sign)"
    )


def test_a_failures_english_is_the_message_it_keeps() -> None:
    f = Failure("b.csv:2", "", "the message kept", "sheet.empty")
    assert str(f) == f.text() == f.text("en") == "b.csv:2: the message kept"
    assert f.text("vi") == "b.csv:2: tệp trống"
    g = Failure("b.csv:2", "logo", "kept", "no.such-code")  # not in the catalogue
    assert g.text("vi") == "b.csv:2: logo: kept"


def test_a_failure_without_a_code_is_its_english_in_every_language() -> None:
    f = Failure("x.yaml", "logo", "not found")
    assert f.text("vi") == f.text("en") == str(f) == "x.yaml: logo: not found"
    assert Failure("x.yaml", "", "gone").text("vi") == "x.yaml: gone"


def test_a_source_starts_without_a_slug_a_qualifier_or_a_row() -> None:
    s = Source({"name": "A"}, Path("b.csv"), "b.csv:2")
    assert (s.slug, s.qualifier, s.row) == ("", "", None)
