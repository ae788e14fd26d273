"""Stage tests of reading a sheet saved as text (poster.readers.text), in process: the
encodings, the rows a spreadsheet shows (line breaks in quoted cells, a quote left
open), the bounds and the delimiter. Every expected row, number and message is written
here by hand; the bounds are lowered for a test (poster.limits is read at each call)
so that each one is met exactly, one under and one over."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from poster import limits
from poster.errors import PosterError
from poster.readers.sources import Row
from poster.readers.text import _delimiter, decode, read_text, rows


def known(cells: list[str]) -> int:
    """The test's own header score: how many cells are 'name' or 'logo'."""
    return sum(c.strip() in ("name", "logo") for c in cells)


@pytest.fixture
def field_limit() -> Iterator[None]:
    """The csv module's largest field lowered to 4 characters (restored afterwards)."""
    old = csv.field_size_limit(4)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def refused(path: Path) -> tuple[str, str, dict[str, object]]:
    with pytest.raises(PosterError) as raised:
        list(read_text(path, known))
    (p,) = raised.value.problems
    assert (p.file, p.field) == (str(path), "")
    return p.code, p.message, dict(p.params)


# ---------------------------------------------------------------- encodings


def test_a_byte_order_mark_decides_the_encoding() -> None:
    assert decode(codecs.BOM_UTF8 + "Tên".encode()) == ("Tên", "utf-8-sig")
    assert decode(codecs.BOM_UTF16_LE + "Tên".encode("utf-16-le")) == ("Tên", "utf-16")
    assert decode(codecs.BOM_UTF16_BE + "Tên".encode("utf-16-be")) == ("Tên", "utf-16")


def test_without_a_mark_utf8_then_windows_1258() -> None:
    assert decode("Tên".encode()) == ("Tên", "utf-8")
    # Windows-1258: ê is 0xEA; o 0x6F, then the combining grave 0xCC
    assert decode(b"T\xean") == ("T\u00ean", "cp1258")
    assert decode(b"Ho\xcca") == ("Ho\u0300a", "cp1258")


def test_a_byte_windows_1258_leaves_undefined_is_an_error() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode(b"a\x81b\xff")  # not UTF-8; 0x81 is undefined in Windows-1258


# ---------------------------------------------------------------- rows


def test_rows_are_numbered_as_the_spreadsheet_shows_them() -> None:
    got = list(rows(["name,logo\n", "\n", ",,\n", " \t\r\n", "a,b\n", '" ",\n', "c"], ","))
    assert got == [Row(1, ["name", "logo"]), Row(5, ["a", "b"]), Row(7, ["c"])]


def test_an_empty_row_is_empty_of_the_delimiter_in_use_only() -> None:
    assert list(rows([";;\n", "x\n"], ";")) == [Row(2, ["x"])]
    assert list(rows([";;\n", "x\n"], ",")) == [Row(1, [";;"]), Row(2, ["x"])]


def test_a_row_of_letters_is_never_blank() -> None:
    assert list(rows(["X\n", "XX;\n"], ";")) == [Row(1, ["X"]), Row(2, ["XX", ""])]


def test_after_a_spoilt_row_the_delimiter_is_still_the_sheets() -> None:
    got = list(rows(["a;b\n", '"x\n', "c;d\n"], ";"))
    assert got == [Row(1, ["a", "b"]), Row(2, [], "sheet.unclosed-quote"), Row(3, ["c", "d"])]


def test_a_quoted_cell_holds_its_line_breaks_and_is_one_row() -> None:
    got = list(rows(['a,"x\r\n', 'y",b\n', "c\n"], ","))
    assert got == [Row(1, ["a", "x\r\ny", "b"]), Row(2, ["c"])]


def test_an_unclosed_quote_spoils_its_row_and_the_next_lines_are_rows_again() -> None:
    got = list(rows(["a\n", '"x\n', "y\n", "z"], ","))
    assert got == [Row(1, ["a"]), Row(2, [], "sheet.unclosed-quote"), Row(3, ["y"]), Row(4, ["z"])]


def test_a_row_spans_at_most_record_lines(monkeypatch) -> None:
    monkeypatch.setattr(limits, "RECORD_LINES", 3)
    three = ['"a\n', "b\n", 'c"\n', "d\n"]
    assert list(rows(three, ",")) == [Row(1, ["a\nb\nc"]), Row(2, ["d"])]
    later = ["a\n", "b\n", "c\n", '"x\n', "y\n", 'z"\n']  # counted from its own first line
    assert list(rows(later, ",")) == [Row(1, ["a"]), Row(2, ["b"]), Row(3, ["c"]),
                                      Row(4, ["x\ny\nz"])]  # fmt: skip
    four = ['"a\n', "b\n", "c\n", 'd"\n', "e\n"]
    got = list(rows(four, ","))
    # given up at its fourth line; read again from its second: b, c, then 'd"' and e
    assert got == [
        Row(1, [], "sheet.unclosed-quote"),
        Row(2, ["b"]),
        Row(3, ["c"]),
        Row(4, ['d"']),
        Row(5, ["e"]),
    ]


def test_a_row_holds_at_most_row_chars_characters(monkeypatch) -> None:
    monkeypatch.setattr(limits, "ROW_CHARS", 10)
    # 10 characters with the line break: the limit itself; then 10 again (counted anew)
    assert list(rows(["abcdefghi\n", "jklmnopqr\n"], ",")) == [
        Row(1, ["abcdefghi"]),
        Row(2, ["jklmnopqr"]),
    ]
    got = list(rows(["abcdefghij\n", "k\n"], ","))
    assert got == [
        Row(1, [], "sheet.row-too-long", {"length": 11, "limit": 10}),
        Row(2, ["k"]),
    ]
    # a quoted cell over two lines counts both: 6 + 6
    got = list(rows(['"abcd\n', 'efg"\n', "h\n"], ","))
    assert got[0] == Row(1, [], "sheet.row-too-long", {"length": 11, "limit": 10})
    assert got[1:] == [Row(2, ['efg"']), Row(3, ["h"])]


def test_the_csv_modules_refusal_is_its_rows_problem(field_limit) -> None:
    got = list(rows(["abcde,e\n", "ab\n"], ","))
    assert got == [
        Row(1, [], "sheet.row-unreadable", {"reason": "field larger than field limit (4)"}),
        Row(2, ["ab"]),
    ]


def test_a_row_of_blank_cells_is_left_out_but_counted() -> None:
    assert list(rows(['" ","  "\n', "x\n"], ",")) == [Row(2, ["x"])]


# ---------------------------------------------------------------- files


def test_a_file_is_read_in_its_encoding_and_put_in_nfc(tmp_path) -> None:
    path = tmp_path / "s.csv"
    # Windows-1258 keeps the tone mark apart: Ho + combining grave + a
    path.write_bytes(b"name;logo\r\nHo\xcca;x.png\r\n")
    assert list(read_text(path, known)) == [Row(1, ["name", "logo"]), Row(2, ["Hòa", "x.png"])]
    utf16 = tmp_path / "u.txt"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "name\tlogo\r\nHòa\tx\r\n".encode("utf-16-le"))
    assert list(read_text(utf16, known)) == [Row(1, ["name", "logo"]), Row(2, ["Hòa", "x"])]


def test_a_file_that_cannot_be_read_is_named_with_the_reason(tmp_path) -> None:
    code, message, params = refused(tmp_path)  # a folder
    assert (code, message, params) == (
        "file.unreadable",
        "cannot read: Is a directory",
        {"reason": "Is a directory"},
    )


def test_bytes_of_no_encoding_are_an_encoding_problem(tmp_path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b"name\n\x81\n")
    assert refused(path)[0] == "sheet.encoding"


def test_more_lines_than_a_spreadsheet_holds(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(limits, "EXCEL_ROWS", 3)
    path = tmp_path / "s.csv"
    path.write_bytes(b"name\na\nb\nc")  # 3 line breaks
    assert [r.cells for r in read_text(path, known)] == [["name"], ["a"], ["b"], ["c"]]
    path.write_bytes(b"name\na\nb\nc\n")
    code, message, params = refused(path)
    assert code == "sheet.too-many-lines" and params == {"count": 4, "limit": 3}
    assert message.startswith("4 lines, more than a spreadsheet holds (3)")
    path.write_bytes(b"name\ra\rb\rc\r")  # old Macintosh line ends count as well
    assert refused(path)[2] == {"count": 4, "limit": 3}
    path.write_bytes(b"name\r\na\r\nb\r\nc")  # CRLF: three lines, not six
    assert len(list(read_text(path, known))) == 4


# ---------------------------------------------------------------- the delimiter


def test_the_delimiter_is_the_one_that_makes_the_best_header() -> None:
    assert _delimiter(["name;logo\n", "a,b\n"], known) == ";"
    assert _delimiter(["x,name,logo;y\n"], known) == ","
    assert _delimiter(["name\tx\n", "name;logo\n"], known) == ";"  # 2 beats 1
    # a tie: the first of tab, semicolon, comma
    assert _delimiter(["name\tq\n", "name,q\n"], known) == "\t"
    assert _delimiter(["name;q\n", "name,q\n"], known) == ";"


def test_only_the_first_header_rows_and_no_overlong_line_choose(monkeypatch) -> None:
    monkeypatch.setattr(limits, "HEADER_ROWS", 2)
    monkeypatch.setattr(limits, "ROW_CHARS", 12)
    assert _delimiter(["t\n", "u\n", "name;logo\n"], known) == ","  # third line: not read
    assert _delimiter(["t\n", "name;logo\n"], known) == ";"
    assert _delimiter(["name;logo;a\n", "x\n"], known) == ";"  # 12 with its line break
    assert _delimiter(["name;logo;ab\n", "x\n"], known) == ","  # 13: passed over


def test_without_a_header_the_delimiter_most_used_in_the_first_line() -> None:
    assert _delimiter(["a;b;c,d\n", "e,f,g,h\n"], known) == ";"
    assert _delimiter(["\n", "  \n", "a\tb\n"], known) == "\t"  # the first line with text
    assert _delimiter(["a;b,c\n"], known) == ";"  # a tie: the first of the three
    assert _delimiter(["a,b\tc\n"], known) == "\t"
    assert _delimiter(["abc\n"], known) == ","
    assert _delimiter([], known) == ","


def test_a_line_the_csv_module_refuses_is_passed_over(field_limit) -> None:
    # 'name;logo' is one field of 9 characters for the comma and the tab: refused
    assert _delimiter(["name;logo\n"], known) == ";"
    # a first line refused for every delimiter does not stop the search
    assert _delimiter(["abcde\n", "name;logo\n"], known) == ";"


def test_a_header_of_one_known_column_names_the_delimiter() -> None:
    assert _delimiter(["name;x,y,z\n"], known) == ";"  # the comma is the most used
