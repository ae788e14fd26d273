"""Stage tests of reading an Excel workbook within bounds (poster.readers.workbook), in
process: the zip's own directory, the budget of bytes and tags inflated, the XML each
part may hold, the sheet read and the rows given. Workbooks are made here with openpyxl
and zipfile; every expected row, size and message is written by hand (a zip's central
directory entry is 46 bytes and its name; its end record 22 bytes and its comment)."""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from poster import limits
from poster.errors import PosterError, Problem
from poster.readers.sources import Row
from poster.readers.workbook import (
    _Budget,
    _cell,
    _directory,
    _Part,
    _title,
    _Zip,
    read_workbook,
)


def refused(path: Path) -> Problem:
    with pytest.raises(PosterError) as raised:
        read_workbook(path)
    (p,) = raised.value.problems
    assert p.file == str(p.file) and p.field == ""
    return p


def book(path: Path, *rows: list[object], title: str = "Danh sách") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def rewrite(src: Path, dst: Path, member: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the workbook with one part changed."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info.filename, change(data) if info.filename == member else data)
    return dst


SHEET = "xl/worksheets/sheet1.xml"


# ---------------------------------------------------------------- cells and titles


def test_a_cell_is_the_text_a_csv_export_gives() -> None:
    assert _cell(None) == ""
    assert _cell(1.0) == "1"
    assert _cell(-3.0) == "-3"
    assert _cell(2.5) == "2.5"
    assert _cell(7) == "7"
    assert _cell(True) == "True"
    assert _cell("Ho\u0300a") == "H\u00f2a"


class Titled:
    def __init__(self, title: str):
        self.title = title


def test_a_sheet_title_is_quoted_and_cut_at_60_characters() -> None:
    assert _title(Titled("Danh sách")) == "'Danh sách'"
    assert _title(Titled("x" * 60)) == repr("x" * 60)
    assert _title(Titled("x" * 61)) == repr("x" * 59 + "…")


# ---------------------------------------------------------------- the zip's directory


def test_the_directory_is_read_from_the_end_record(tmp_path) -> None:
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.xml", "<a/>")
        z.writestr("bb.xml", "<b/>")
    assert _directory(path) == (2, (46 + 5) + (46 + 6))
    empty = tmp_path / "e.xlsx"
    zipfile.ZipFile(empty, "w").close()  # the end record alone: 22 bytes
    assert empty.stat().st_size == 22
    assert _directory(empty) == (0, 0)


def test_the_last_end_record_is_the_zips(tmp_path) -> None:
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.xml", b"PK\x05\x06" + b"\x07" * 30)  # the signature inside a part
    assert _directory(path) == (1, 46 + 5)


def end_record(count: int, size: int) -> bytes:
    return b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, size, 0, 0)


def test_counts_and_sizes_are_unsigned(tmp_path) -> None:
    path = tmp_path / "z.xlsx"
    path.write_bytes(b"x" * 10 + end_record(40_000, 3_000_000_000))
    assert _directory(path) == (40_000, 3_000_000_000)
    path.write_bytes(zip64_tail(2**64 - 1, 2**63))
    assert _directory(path) == (2**64 - 1, 2**63)
    p = refused(path)
    assert (p.code, p.params) == ("sheet.members", {"count": 2**64 - 1, "limit": 1000})


def test_the_end_record_is_found_behind_the_longest_comment(tmp_path) -> None:
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.xml", "<a/>")
        z.comment = b"c" * 65_535
    assert _directory(path) == (1, 46 + 5)


@pytest.mark.parametrize(
    "data",
    [b"", b"hello", b"PK\x05\x06" + bytes(17), b"x" * 100 + b"PK\x05\x06" + bytes(17)],
)
def test_no_end_record_is_not_a_zip(tmp_path, data) -> None:
    path = tmp_path / "z.xlsx"
    path.write_bytes(data)
    with pytest.raises(zipfile.BadZipFile, match=r"^File is not a zip file$"):
        _directory(path)


def zip64_tail(count: int, size: int, record: bool = True, before: int = 10) -> bytes:
    """The end of a ZIP64 file: its end record (56 bytes), the locator (20), then the
    plain end record (22) saying 0xFFFF files."""
    rec = b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, count, count, size, 0)
    assert len(rec) == 56
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, before, 1)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return b"x" * before + (rec if record else b"y" * 56) + locator + end


def test_a_zip64_directory_is_read_from_its_own_record(tmp_path) -> None:
    path = tmp_path / "z.xlsx"
    path.write_bytes(zip64_tail(70_000, 5_000_000))
    assert _directory(path) == (70_000, 5_000_000)


def test_a_zip64_locator_without_its_record_is_not_a_zip(tmp_path) -> None:
    path = tmp_path / "z.xlsx"
    path.write_bytes(zip64_tail(70_000, 5_000_000, record=False))
    with pytest.raises(zipfile.BadZipFile, match=r"^a ZIP64 end record is missing$"):
        _directory(path)
    path.write_bytes(zip64_tail(1, 1)[12:])  # the record cut short: 54 of its 56 bytes
    with pytest.raises(zipfile.BadZipFile, match=r"^a ZIP64 end record is missing$"):
        _directory(path)
    path.write_bytes(zip64_tail(3, 4)[10:])  # exactly the record, nothing before
    assert _directory(path) == (3, 4)


# ---------------------------------------------------------------- the budget


def test_a_part_declared_larger_than_what_is_left_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(limits, "XLSX_INFLATED", 2048)
    budget = _Budget(Path("b.xlsx"))
    info = zipfile.ZipInfo("xl/a.xml")
    info.file_size = 2048
    budget.declared(info)  # all of it: allowed
    budget.spend(b"0123456789", "x")
    info.file_size = 2038
    budget.declared(info)
    info.file_size = 2039
    with pytest.raises(PosterError) as raised:
        budget.declared(info)
    (p,) = raised.value.problems
    assert (p.code, p.file) == ("sheet.inflated", "b.xlsx")
    assert p.params == {"member": "xl/a.xml", "size": "2 KB", "limit": "2 KB"}


def test_the_bytes_and_tags_inflated_are_counted_over_every_part(monkeypatch) -> None:
    monkeypatch.setattr(limits, "XLSX_INFLATED", 2048)
    monkeypatch.setattr(limits, "XLSX_TAGS", 3)
    budget = _Budget(Path("b.xlsx"))
    budget.spend(b"<a><b>", "one")
    budget.spend(b"<c" + b" " * 2040, "two")  # 2048 bytes, 3 tags: the limits exactly
    assert (budget.bytes, budget.tags) == (2048, 3)
    with pytest.raises(PosterError) as raised:
        budget.spend(b" ", "three")
    (p,) = raised.value.problems
    assert (p.code, p.file, p.params) == (
        "sheet.inflated",
        "b.xlsx",
        {"member": "three", "size": "> 2 KB", "limit": "2 KB"},
    )
    budget = _Budget(Path("c.xlsx"))
    with pytest.raises(PosterError) as raised:
        budget.spend(b"<a><b><c><d>", "one")
    (p,) = raised.value.problems
    assert (p.code, p.file, p.params) == ("sheet.too-many-tags", "c.xlsx", {"limit": 3})


# ---------------------------------------------------------------- a part as it is read


def part(data: bytes) -> _Part:
    return _Part(io.BytesIO(data), "xl/a.xml", _Budget(Path("b.xlsx")))


def part_refused(data: bytes, n: int = -1) -> str:
    """The code of the refusal of the part, read whole or `n` bytes at a time."""
    p = part(data)
    with pytest.raises(PosterError) as raised:
        while p.read(n):
            pass
    (p,) = raised.value.problems
    assert p.params == {"member": "xl/a.xml"} and p.file == "b.xlsx"
    return p.code


def test_a_part_is_read_whole_or_a_piece_at_a_time() -> None:
    data = b'<?xml version="1.0" encoding="UTF-8"?><a>' + b"x" * 20_000 + b"</a>"
    assert part(data).read() == data
    assert part(data).read(None) == data
    p = part(data)
    assert p.read(0) == b""
    pieces = [p.read(1000), p.read(100), p.read(5000), p.read(0), p.read()]
    # the prolog (1,024 bytes) first, then as asked
    assert [len(x) for x in pieces] == [1000, 24, 5000, 0, len(data) - 6024]
    assert b"".join(pieces) == data
    assert p.read(10) == b""
    assert p.readable() is True
    assert p._budget.bytes == len(data)


def test_a_part_keeps_only_the_bytes_a_declaration_may_span() -> None:
    p = part(b"<a>" + b"x" * 5000 + b"</a>")
    while p.read(700):
        assert len(p._tail) <= len(b"<!DOCTYPE")


def test_a_part_inflated_past_the_budget_is_named(monkeypatch) -> None:
    monkeypatch.setattr(limits, "XLSX_INFLATED", 10)
    with pytest.raises(PosterError) as raised:
        part(b"<a>" + b"x" * 20 + b"</a>").read()
    (p,) = raised.value.problems
    assert (p.code, p.params["member"]) == ("sheet.inflated", "xl/a.xml")


def test_a_part_counts_what_it_inflates() -> None:
    p = part(b"<a><b/></a>")
    with p:
        assert p.read(3) == b"<a>"
        assert p.read() == b"<b/></a>"
    assert (p._budget.bytes, p._budget.tags) == (11, 3)
    assert p._raw.closed


@pytest.mark.parametrize(
    "data",
    [
        b"<a/>",
        codecs.BOM_UTF8 + b"<a/>",
        b" \r\n\t<a/>",
        b"",
        b"  \n",
        b"<?xml version='1.0' encoding='UTF-8'?><a/>",
        b"<?xml version='1.0' encoding=\"utf8\"?><a/>",
        b"<?xml version='1.0' encoding='US-ASCII'?><a/>",
        b"<?xml version='1.0' encoding = 'ascii'?><a/>",
        b"<?xml version='1.0'?><a encoding='latin-1'/>",  # not a declaration
        b"<a encoding='latin-1'/>",
        b"<?xml version='1.0'?><?pi encoding='latin-1'?><a/>",  # a later instruction's
    ],
)
def test_utf8_xml_is_read(data) -> None:
    assert part(data).read() == data


@pytest.mark.parametrize(
    "data",
    [
        b"<?xml version='1.0' encoding='UTF-16'?><a/>",
        b"<?xml version='1.0' encoding='latin-1'?><a/>",
        b"<?xml version='1.0' encoding=''?><a/>",
        "<a/>".encode("utf-16"),
        b"<a>\0</a>",
        b"a<b/>",
        codecs.BOM_UTF8 + b"x",
        b"X<a/>",
        b"\x0c<a/>",  # a form feed is no XML white space
    ],
)
def test_other_xml_is_refused(data) -> None:
    assert part_refused(data) == "sheet.xml-encoding"


def test_a_doctype_or_an_entity_is_refused_wherever_it_is() -> None:
    assert part_refused(b'<?xml version="1.0"?><!DOCTYPE a><a/>') == "sheet.xml-entities"
    assert part_refused(b"<a>" + b" " * 5000 + b"<!ENTITY x 'y'></a>") == "sheet.xml-entities"
    # across the boundary between the prolog (1,024 bytes) and the next piece
    for cut in range(1, 9):
        data = b"<a>" + b" " * (1024 - 3 - cut) + b"<!DOCTYPE a><a/>"
        assert data[1024 - cut : 1024] == b"<!DOCTYPE"[:cut]
        assert part_refused(data, 10) == "sheet.xml-entities"
        assert part_refused(data) == "sheet.xml-entities"


def test_a_doctype_far_from_the_piece_before_is_not_confused() -> None:
    data = b"<a>" + b"<" * 1030 + b"</a>"
    assert part(data).read() == data


# ---------------------------------------------------------------- the workbook's zip


def test_the_zip_opens_each_part_against_the_budget(tmp_path, monkeypatch) -> None:
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.xml", "<a/>")
        z.writestr("b.xml", "<b>" + " " * 100 + "</b>")
        z.writestr("c.xml", "<c/>")
    budget = _Budget(path)
    with _Zip(path, budget) as z:
        assert z.open("a.xml").read() == b"<a/>"
        assert z.open(z.getinfo("c.xml")).read() == b"<c/>"
        with pytest.raises(ValueError, match=r"^the workbook is only read$"):
            z.open("a.xml", "w")
        assert (budget.bytes, budget.tags) == (8, 2)
        monkeypatch.setattr(limits, "XLSX_INFLATED", 100)
        with pytest.raises(PosterError) as raised:
            z.open("b.xml")  # 107 bytes declared, 92 left
        assert raised.value.problems[0].params["member"] == "b.xml"
    monkeypatch.setattr(limits, "XLSX_MEMBERS", 3)
    _Zip(path, _Budget(path)).close()
    monkeypatch.setattr(limits, "XLSX_MEMBERS", 2)
    with pytest.raises(PosterError) as raised:
        _Zip(path, _Budget(path))
    (p,) = raised.value.problems
    assert (p.code, p.file, p.params) == ("sheet.members", str(path), {"count": 3, "limit": 2})


# ---------------------------------------------------------------- the workbook


def test_the_active_sheets_rows_as_text(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "SHEET_COLUMNS", 2)  # three cells a row are read
    path = book(
        tmp_path / "b.xlsx",
        ["name", "logo", "x", "ignored"],
        ["Xã A", 1.0],
        [None, None],
        ["  ", ""],
        ["Xã B", 2.5, None, "d"],
    )
    rows, notes = read_workbook(path)
    assert rows == [
        Row(1, ["name", "logo", "x"]),
        Row(2, ["Xã A", "1", ""]),
        Row(5, ["Xã B", "2.5", ""]),
    ]
    (note,) = notes
    assert (note.code, note.file, note.params) == (
        "sheet.read",
        str(path),
        {"sheet": "'Danh sách'"},
    )
    assert str(note) == f"{path}: reading the sheet 'Danh sách' (the active sheet)"


def test_hidden_sheets_are_named_and_the_active_visible_one_is_read(tmp_path) -> None:
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Ẩn 1"
    first.append(["name"])
    first.append(["not read"])
    first.sheet_state = "hidden"
    one = wb.create_sheet("Một")
    one.append(["name"])
    one.append(["Xã Một"])
    two = wb.create_sheet("Hai")
    two.append(["name"])
    two.append(["Xã Hai"])
    wb.create_sheet("Ẩn 2").sheet_state = "veryHidden"
    wb.active = 2  # "Hai"
    path = tmp_path / "b.xlsx"
    wb.save(path)
    rows, (note,) = read_workbook(path)
    assert [r.cells[0] for r in rows] == ["name", "Xã Hai"]
    assert (note.code, note.params) == (
        "sheet.read-hidden",
        {"sheet": "'Hai'", "hidden": "'Ẩn 1', 'Ẩn 2'"},
    )
    assert note.file == str(path)
    # the active sheet hidden (openpyxl never saves it so: the XML is changed): the first
    # visible sheet is read instead
    hidden_active = rewrite(path, tmp_path / "h.xlsx", "xl/workbook.xml",
                            lambda x: x.replace(b'activeTab="2"', b'activeTab="0"'))  # fmt: skip
    rows, (note,) = read_workbook(hidden_active)
    assert [r.cells[0] for r in rows] == ["name", "Xã Một"]
    assert note.params["sheet"] == "'Một'"


def test_a_workbook_of_hidden_sheets_only(tmp_path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["name"])
    wb.create_sheet("b")
    path = tmp_path / "b.xlsx"
    wb.save(path)
    # openpyxl refuses to save a workbook with no visible sheet: hide them in the XML
    hidden = rewrite(
        path,
        tmp_path / "h.xlsx",
        "xl/workbook.xml",
        lambda x: x.replace(b'state="visible"', b'state="hidden"'),
    )
    p = refused(hidden)
    assert (p.code, p.file) == ("sheet.all-hidden", str(hidden))


def test_at_most_the_rows_that_tell_a_sheet_too_long(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "SHEET_ROWS", 2)
    monkeypatch.setattr(limits, "HEADER_ROWS", 1)
    monkeypatch.setattr(limits, "SHEET_COLUMNS", 1)
    path = book(tmp_path / "b.xlsx", ["name"], [None], ["a"], ["b"], ["c"], ["d"])
    rows, _ = read_workbook(path)
    assert rows == [Row(1, ["name", ""]), Row(3, ["a", ""]), Row(4, ["b", ""]), Row(5, ["c", ""])]


def test_rows_past_excels_last_are_not_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "EXCEL_ROWS", 3)
    monkeypatch.setattr(limits, "SHEET_COLUMNS", 1)
    path = book(tmp_path / "b.xlsx", ["name"], ["a"], ["b"], ["c"])
    assert [r.number for r in read_workbook(path)[0]] == [1, 2, 3]


def test_a_file_that_is_not_a_zip_or_cannot_be_read(tmp_path) -> None:
    path = tmp_path / "b.xlsx"
    path.write_bytes(b"name,logo\n")
    p = refused(path)
    assert (p.code, p.file, p.params) == (
        "sheet.unreadable",
        str(path),
        {"reason": "File is not a zip file"},
    )
    p = refused(tmp_path)
    assert p.code == "sheet.unreadable"
    assert p.params == {"reason": f"[Errno 21] Is a directory: '{tmp_path}'"}
    path.write_bytes(zip64_tail(1, 1)[12:])
    assert refused(path).params == {"reason": "a ZIP64 end record is missing"}


def test_the_directory_is_bounded_before_it_is_read(tmp_path, monkeypatch) -> None:
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.xml", "<a/>")
        z.writestr("bb.xml", "<b/>")
    monkeypatch.setattr(limits, "XLSX_MEMBERS", 1)
    p = refused(path)
    assert (p.code, p.file, p.params) == ("sheet.members", str(path), {"count": 2, "limit": 1})
    assert p.message.startswith("the workbook's zip lists 2 files, more than 1: ")
    monkeypatch.setattr(limits, "XLSX_MEMBERS", 2)
    monkeypatch.setattr(limits, "XLSX_DIRECTORY", 102)
    assert refused(path).code == "sheet.members"
    monkeypatch.setattr(limits, "XLSX_DIRECTORY", 103)  # exactly its size: read on
    assert refused(path).code == "sheet.unreadable"  # no [Content_Types].xml
    path.write_bytes(zip64_tail(70_000, 10))
    monkeypatch.setattr(limits, "XLSX_MEMBERS", 1000)
    assert refused(path).params == {"count": 70_000, "limit": 1000}


def test_a_part_with_a_doctype_stops_the_read(tmp_path) -> None:
    path = book(tmp_path / "b.xlsx", ["name"], ["a"])
    bad = rewrite(path, tmp_path / "d.xlsx", SHEET, lambda x: b'<!DOCTYPE w [<!ENTITY e "x">]>' + x)
    p = refused(bad)
    assert (p.code, p.file, p.params) == ("sheet.xml-entities", str(bad), {"member": SHEET})
    utf16 = rewrite(path, tmp_path / "u.xlsx", SHEET, lambda x: x.decode().encode("utf-16"))
    assert (refused(utf16).code, refused(utf16).params) == ("sheet.xml-encoding", {"member": SHEET})


def test_the_budget_is_spent_while_openpyxl_reads(tmp_path, monkeypatch) -> None:
    path = book(tmp_path / "b.xlsx", ["name"], *[[f"Xã {i}"] for i in range(50)])
    monkeypatch.setattr(limits, "XLSX_TAGS", 60)
    p = refused(path)
    assert (p.code, p.params) == ("sheet.too-many-tags", {"limit": 60})
    monkeypatch.setattr(limits, "XLSX_TAGS", 1_000_000)
    monkeypatch.setattr(limits, "XLSX_INFLATED", 3000)
    assert refused(path).code == "sheet.inflated"


def test_a_damaged_workbook_is_unreadable_with_the_reason(tmp_path) -> None:
    path = book(tmp_path / "b.xlsx", ["name"], ["a"])
    bad = rewrite(path, tmp_path / "d.xlsx", SHEET, lambda x: x[:50] + b"<<<")
    p = refused(bad)
    assert (p.code, p.file) == ("sheet.unreadable", str(bad))
    assert p.params == {"reason": "ParseError: not well-formed (invalid token): line 1, column 50"}


def test_the_reason_is_the_cause_on_one_line_and_at_most_200_characters(
    tmp_path, monkeypatch
) -> None:
    from openpyxl.reader.excel import ExcelReader

    path = book(tmp_path / "b.xlsx", ["name"])

    def chained(self: object) -> None:
        raise ValueError("outer") from KeyError("inner")

    monkeypatch.setattr(ExcelReader, "read", chained)
    assert refused(path).params == {"reason": "KeyError: 'inner'"}

    def long(self: object) -> None:
        raise ValueError("a  b\n\tc " + "x" * 300)

    monkeypatch.setattr(ExcelReader, "read", long)
    reason = refused(path).params["reason"]
    assert reason == ("ValueError: a b c " + "x" * 300)[:200]


def open_files(path: Path) -> int:
    """How many of this process's file descriptors are open on `path` (Linux)."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            count += os.readlink(f"/proc/self/fd/{fd}") == str(path)
    return count


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="Linux's /proc")
def test_a_refused_workbook_is_closed_at_once(tmp_path, monkeypatch) -> None:
    # openpyxl leaves the part it was parsing open when it raises; the file stayed open
    # (locked, on Windows) until the garbage collector came
    path = book(tmp_path / "b.xlsx", ["name"], ["a"])
    damaged = rewrite(path, tmp_path / "d.xlsx", SHEET, lambda x: x[:50] + b"<<<")
    assert refused(damaged).code == "sheet.unreadable"
    utf16 = rewrite(path, tmp_path / "u.xlsx", SHEET, lambda x: x.decode().encode("utf-16"))
    assert refused(utf16).code == "sheet.xml-encoding"
    monkeypatch.setattr(limits, "XLSX_MEMBERS", 1)
    with pytest.raises(PosterError):
        _Zip(path, _Budget(path))
    assert [open_files(p) for p in (damaged, utf16, path)] == [0, 0, 0]
    monkeypatch.setattr(limits, "XLSX_MEMBERS", 1000)
    read_workbook(path)
    assert open_files(path) == 0
