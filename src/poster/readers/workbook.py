"""An Excel workbook (.xlsx): its active visible sheet, read with openpyxl within bounds.

A workbook is a zip of XML parts, and a small file can unpack to gigabytes or declare
XML entities that expand without end. Before openpyxl sees anything, the zip's own
directory is bounded (files listed, its size); then every part openpyxl opens is
inflated through `_Part`, which counts the bytes and tags read (all parts together,
XLSX_INFLATED and XLSX_TAGS), refuses a DOCTYPE or entity declaration, and takes only
UTF-8 XML, which is all Excel, LibreOffice and Google Sheets write. Whatever else a
damaged workbook makes openpyxl raise is `sheet.unreadable`.
"""

from __future__ import annotations

import codecs
import re
import struct
import unicodedata
import zipfile
from pathlib import Path
from typing import IO, Any

from poster import limits
from poster.errors import PosterError, Problem, problem
from poster.files import size_text
from poster.readers.sources import Row

_CHUNK = 64 * 1024
_PROLOG = 1024  # bytes read first, to see the XML declaration
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]*)""")
_UTF8 = (b"utf-8", b"utf8", b"us-ascii", b"ascii")
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")


class _Budget:
    """What openpyxl has inflated and parsed of one workbook so far."""

    def __init__(self, path: Path):
        self.path = str(path)
        self.bytes = 0
        self.tags = 0

    def declared(self, info: zipfile.ZipInfo) -> None:
        """A part whose declared size alone is over what is left is refused unread."""
        if info.file_size > limits.XLSX_INFLATED - self.bytes:
            raise PosterError.of("sheet.inflated", self.path, member=info.filename,
                                 size=size_text(info.file_size),
                                 limit=size_text(limits.XLSX_INFLATED))  # fmt: skip

    def spend(self, data: bytes, member: str) -> None:
        self.bytes += len(data)
        self.tags += data.count(b"<")
        if self.bytes > limits.XLSX_INFLATED:  # the declared size lied
            raise PosterError.of("sheet.inflated", self.path, member=member,
                                 size=f"> {size_text(self.bytes)}",
                                 limit=size_text(limits.XLSX_INFLATED))  # fmt: skip
        if self.tags > limits.XLSX_TAGS:
            raise PosterError.of("sheet.too-many-tags", self.path, limit=limits.XLSX_TAGS)


class _Part:
    """A part of the workbook as openpyxl reads it (`read`, `close`), inflated a chunk at
    a time and checked as it goes (see the module's docstring)."""

    def __init__(self, raw: IO[bytes], name: str, budget: _Budget):
        self._raw = raw
        self.name = name
        self._budget = budget
        self._pending = b""
        self._started = False
        self._tail = b""

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            chunks = []
            while chunk := self.read(_CHUNK):
                chunks.append(chunk)
            return b"".join(chunks)
        if not self._started:
            self._started = True
            self._pending = self._take(_PROLOG)
            self._prolog(self._pending)
        if self._pending:
            data, self._pending = self._pending[:n], self._pending[n:]
            return data
        return self._take(min(n, _CHUNK))

    def _take(self, n: int) -> bytes:
        data = self._raw.read(n)
        self._budget.spend(data, self.name)
        window = self._tail + data
        if any(d in window for d in _DECLARATIONS):
            raise PosterError.of("sheet.xml-entities", self._budget.path, member=self.name)
        self._tail = window[-len(_DECLARATIONS[0]) :]
        return data

    def _prolog(self, head: bytes) -> None:
        """UTF-8 XML only: no NUL (UTF-16 and UTF-32 have them; XML allows none), a '<'
        first, and an encoding declared, if at all, as UTF-8."""
        body = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
        if not body:
            return  # empty: openpyxl says what is missing
        declared = _ENCODING.search(body[: body.find(b"?>")]) if body.startswith(b"<?") else None
        if (
            b"\0" in head
            or not body.startswith(b"<")
            or (declared is not None and declared[1].lower() not in _UTF8)
        ):
            raise PosterError.of("sheet.xml-encoding", self._budget.path, member=self.name)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._raw.close()

    def __enter__(self) -> _Part:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Zip(zipfile.ZipFile):
    """The workbook's zip, each part opened as a `_Part` against one budget."""

    def __init__(self, path: Path, budget: _Budget):
        super().__init__(path)
        self._budget = budget
        self._parts: list[_Part] = []
        if len(self.infolist()) > limits.XLSX_MEMBERS:
            self.close()
            raise PosterError.of("sheet.members", str(path), count=len(self.infolist()),
                                 limit=limits.XLSX_MEMBERS)  # fmt: skip

    def open(
        self, name: str | zipfile.ZipInfo, mode: str = "r", pwd: bytes | None = None,
        *, force_zip64: bool = False,
    ) -> Any:  # fmt: skip
        if mode != "r":
            raise ValueError("the workbook is only read")
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        self._budget.declared(info)
        part = _Part(super().open(info, "r", pwd), info.filename, self._budget)
        self._parts.append(part)
        return part

    def close(self) -> None:
        """The parts too: one openpyxl left open when it raised keeps the file open."""
        for part in self._parts:
            part.close()
        self._parts.clear()
        super().close()


def _directory(path: Path) -> tuple[int, int]:
    """The number of files the zip lists and the size of that list, from its end record
    (as zipfile finds it), before zipfile reads the list itself."""
    with path.open("rb") as f:
        size = f.seek(0, 2)
        tail_size = min(size, 22 + 65_535)  # the end record and the longest comment
        f.seek(size - tail_size)
        tail = f.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile("File is not a zip file")
    count, directory = struct.unpack_from("<HI", tail, at + 10)
    if tail[at - 20 : at - 16] == b"PK\x06\x07":  # ZIP64: the record before the locator
        record = tail[at - 76 : at - 20]
        if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
            raise zipfile.BadZipFile("a ZIP64 end record is missing")
        count, directory = struct.unpack_from("<QQ", record, 32)
    return count, directory


def _cell(value: object) -> str:
    """A workbook cell as the text a CSV export would give."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return unicodedata.normalize("NFC", str(value))


def _title(ws: Any) -> str:
    title = str(ws.title)
    return repr(title if len(title) <= 60 else title[:59] + "…")


def read_workbook(path: Path) -> tuple[list[Row], list[Problem]]:
    """The non-empty rows of the workbook's active visible sheet (at most SHEET_ROWS +
    HEADER_ROWS + 1 of them, enough to tell a sheet too long) as text, and a note
    naming the sheet read and the hidden ones ignored."""
    import warnings

    where = str(path)
    try:
        count, directory = _directory(path)
    except (OSError, zipfile.BadZipFile, struct.error) as e:
        raise PosterError.of("sheet.unreadable", where, reason=str(e)) from None
    if count > limits.XLSX_MEMBERS or directory > limits.XLSX_DIRECTORY:
        raise PosterError.of("sheet.members", where, count=count, limit=limits.XLSX_MEMBERS)
    budget = _Budget(path)
    book = reader = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on styles, extensions…
            from openpyxl.reader.excel import ExcelReader  # only here: not for `render`

            reader = ExcelReader(where, read_only=True, keep_links=False)
            reader.archive.close()  # opened unbounded: read through the budget instead
            reader.archive = _Zip(path, budget)
            reader.valid_files = reader.archive.namelist()
            reader.read()
            book = reader.wb
            sheets = list(book.worksheets)
            visible = [ws for ws in sheets if ws.sheet_state == "visible"]
            if not visible:
                raise PosterError.of("sheet.all-hidden", where)
            active = book.active
            sheet = next((ws for ws in visible if ws is active), visible[0])
            hidden = ", ".join(_title(ws) for ws in sheets if ws.sheet_state != "visible")
            note = (
                problem("sheet.read-hidden", where, sheet=_title(sheet), hidden=hidden)
                if hidden
                else problem("sheet.read", where, sheet=_title(sheet))
            )
            rows: list[Row] = []
            wanted = limits.SHEET_ROWS + limits.HEADER_ROWS + 1
            # every row there is, not the rows the sheet's <dimension> claims: a writer
            # that gets it wrong would lose rows (openpyxl's own advice)
            sheet.reset_dimensions()
            cells = sheet.iter_rows(max_col=limits.SHEET_COLUMNS + 1, values_only=True)
            for number, values in enumerate(cells, start=1):
                if number > limits.EXCEL_ROWS or len(rows) == wanted:
                    break
                if values.count(None) == len(values):
                    continue
                row = [_cell(v) for v in values]
                if any(c.strip() for c in row):
                    rows.append(Row(number, row))
    except PosterError:
        raise
    except Exception as e:  # anything a damaged workbook makes openpyxl raise
        cause = e.__cause__ if isinstance(e.__cause__, Exception) else e
        reason = " ".join(f"{type(cause).__name__}: {cause}".split())
        raise PosterError.of("sheet.unreadable", where, reason=reason[:200]) from None
    finally:
        if book is not None:
            book.close()
        if reader is not None:  # a refused or damaged workbook is closed too
            reader.archive.close()
    return rows, [note]
