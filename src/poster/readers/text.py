"""A sheet saved as text by Excel or LibreOffice: CSV or tab-separated, UTF-8 (with or
without BOM), UTF-16 ("Unicode Text") or Windows-1258; comma, semicolon or tab.

A quoted cell may hold line breaks (CR, LF or CRLF: what Excel writes for Alt+Enter);
they are read as they are in the file. A quote opened and never closed spoils only its
own row: the row is reported and the lines after it are read as rows again.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from poster import limits
from poster.errors import PosterError
from poster.readers.sources import Row

DELIMITERS = "\t;,"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV or tab-separated file and the encoding it was in.

    A byte-order mark decides (UTF-8, UTF-16: Excel's "Unicode Text"); else strict
    UTF-8; else Windows-1258, what Excel's plain "CSV" is on a Vietnamese Windows.
    (A fixed rule rather than a guessing library: a guesser can take a short
    Vietnamese file for Windows-1252 and turn its tone marks into other letters.)
    Raises UnicodeDecodeError for the few bytes Windows-1258 leaves undefined.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if raw.startswith(bom):
            return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return raw.decode("cp1258"), "cp1258"


class _Runaway(Exception):
    """A row that would go on past its bounds: a quote left open (to the end of the
    file, or over more lines than a cell holds) or a row too long."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code = code
        self.params = params


class _Lines:
    """The file's lines for csv.reader, one row at a time. The reader asks for another
    line inside a row only while a quoted cell is open; past RECORD_LINES lines, the
    end of the file or ROW_CHARS characters, the row is given up (see `_Runaway`)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.next = 0  # the line the reader gets next
        self.start = 0  # the first line of the row being read
        self.chars = 0

    def begin(self) -> None:
        self.start = self.next
        self.chars = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        i = self.next
        inside = i > self.start  # the reader wants more of a row it has begun
        if i >= len(self.lines):
            if inside:
                raise _Runaway("sheet.unclosed-quote")
            raise StopIteration
        if inside and i - self.start >= limits.RECORD_LINES:
            raise _Runaway("sheet.unclosed-quote")
        line = self.lines[i]
        self.chars += len(line)
        if self.chars > limits.ROW_CHARS:
            raise _Runaway("sheet.row-too-long", length=self.chars, limit=limits.ROW_CHARS)
        self.next = i + 1
        return line


def rows(lines: list[str], delimiter: str) -> Iterator[Row]:
    """The rows of the text, numbered as a spreadsheet shows them (a row whose quoted
    cells hold line breaks is one row); empty rows are left out, numbers kept."""
    feed = _Lines(lines)
    reader = csv.reader(feed, delimiter=delimiter)
    blank = " \t\r\n" + delimiter
    number = 0
    while feed.next < len(lines):
        number += 1
        if not lines[feed.next].strip(blank):  # an empty row (most common at the end)
            feed.next += 1
            continue
        feed.begin()
        try:
            cells = next(reader)
        except StopIteration:
            return
        except _Runaway as e:
            yield Row(number, [], e.code, e.params)
        except csv.Error as e:  # the csv module's own refusal: this row's problem
            yield Row(number, [], "sheet.row-unreadable", {"reason": str(e)})
        else:
            if any(c.strip() for c in cells):
                yield Row(number, cells)
            continue
        # read again from the line after the one that began the failed row
        feed.next = feed.start + 1
        reader = csv.reader(feed, delimiter=delimiter)


def read_text(path: Path, score: Callable[[list[str]], int]) -> Iterator[Row]:
    """The rows of a CSV or tab-separated file. `score(cells)` says how many cells of a
    row are known column names: the delimiter is the one that makes the best header
    of the first HEADER_ROWS lines (else the one most used in the first line)."""
    from poster.files import read_bounded

    try:
        raw = read_bounded(path, limits.CSV_BYTES)  # the caller looked at it first
    except OSError as e:
        raise PosterError.of("file.unreadable", str(path), reason=e.strerror or str(e)) from None
    try:
        text, _ = decode(raw)
    except UnicodeDecodeError:
        raise PosterError.of("sheet.encoding", str(path)) from None
    del raw
    lines_count = max(text.count("\n"), text.count("\r"))
    if lines_count > limits.EXCEL_ROWS:
        raise PosterError.of("sheet.too-many-lines", str(path), count=lines_count,
                             limit=limits.EXCEL_ROWS)  # fmt: skip
    text = unicodedata.normalize("NFC", text)  # Windows-1258 keeps tone marks apart
    lines = _LINE.findall(text)
    del text
    return rows(lines, _delimiter(lines, score))


def _delimiter(lines: list[str], score: Callable[[list[str]], int]) -> str:
    head = [ln for ln in lines[: limits.HEADER_ROWS] if len(ln) <= limits.ROW_CHARS]
    best, best_score = "", 0
    for delimiter in DELIMITERS:
        for line in head:
            try:
                cells = next(csv.reader([line], delimiter=delimiter), [])
            except csv.Error:
                continue
            found = score(cells)
            if found > best_score:
                best, best_score = delimiter, found
    if best:
        return best
    first = next((ln for ln in head if ln.strip()), "")
    return max(DELIMITERS, key=first.count) if any(c in first for c in DELIMITERS) else ","
