"""A spreadsheet of brands, one row a brand: an Excel workbook (its active visible sheet)
or text saved by Excel or LibreOffice (see `text`, `workbook`).

The header row names the columns in English or Vietnamese and may sit under a title
(within the first HEADER_ROWS rows); other columns are ignored with one warning. A bad
row is that row's failure and the others go on: a cell that a spreadsheet would run as
a formula, a cell over CELL_CHARS, a quote left open. Row numbers are the ones the
spreadsheet shows.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from poster import limits
from poster.errors import PosterError, Problem, problem
from poster.readers.sources import Failure, Row, Source

if TYPE_CHECKING:
    from poster.spec import BrandData

log = logging.getLogger("poster")

XLSX = (".xlsx", ".xlsm")
TEXT = (".csv", ".tsv", ".txt", "")

COLUMNS = [
    "name", "authority", "logo", "primary", "left", "right", "text", "qr_url", "qr_caption",
    "footer",
]  # fmt: skip
# brand field path → spreadsheet column
FIELD_COLUMNS = {
    "name": "name", "authority": "authority", "logo": "logo", "colors.primary": "primary",
    "colors.left": "left", "colors.right": "right", "colors.text": "text",
    "qr.url": "qr_url", "qr.caption": "qr_caption", "footer": "footer",
}  # fmt: skip

# What a header cell may say, accents and case ignored (see `fold`): today's English
# names and the Vietnamese an officer types.
HEADERS: dict[str, str] = {
    "name": "name", "ten": "name", "ten don vi": "name", "don vi": "name",
    "ten dia phuong": "name", "dia phuong": "name", "ten xa": "name", "ten xa phuong": "name",
    "authority": "authority", "co quan": "authority", "co quan chu quan": "authority",
    "dong co quan": "authority", "tieu de co quan": "authority",
    "logo": "logo", "bieu trung": "logo", "logo don vi": "logo", "tep logo": "logo",
    "primary": "primary", "mau chu dao": "primary", "mau chinh": "primary",
    "left": "left", "mau trai": "left", "mau ben trai": "left",
    "right": "right", "mau phai": "right", "mau ben phai": "right",
    "text": "text", "mau chu": "text", "mau van ban": "text",
    "qr url": "qr_url", "qr_url": "qr_url", "dia chi qr": "qr_url", "duong dan qr": "qr_url",
    "lien ket qr": "qr_url", "link qr": "qr_url",
    "qr caption": "qr_caption", "qr_caption": "qr_caption", "chu thich qr": "qr_caption",
    "footer": "footer", "chan trang": "footer", "dong chan trang": "footer",
}  # fmt: skip

# ---- the formula guard (OWASP's "CSV injection" list): a cell a spreadsheet would run
# A sign a formula starts with, ASCII or full-width (some Excel locales take both).
_SIGNS = "=+-@＝＋－＠"
# Columns that never start with a sign: any sign refuses the row.
_STRICT = frozenset({"name", "logo", "primary", "left", "right", "text", "qr_url"})
# In text (authority lines, the QR caption, the footer) '+', '-' or '@' is a formula
# when what follows the signs is one: a function call, a DDE link (cmd|…), a cell
# reference, a reference to another sheet, or arithmetic. '- Phòng Văn hóa xã' is text,
# and so are '+84 912 345 678' and '-- hết --'.
_FORMULA_AFTER_SIGNS = re.compile(
    r"""(?:
        [A-Za-z_][\w.]*\s*\(                              # SUM(  HYPERLINK(
      | [A-Za-z_][\w.]*\|                                 # cmd|' /C calc'!A0
      | (?:'[^']*'|[A-Za-z_][\w.]*)!                      # Sheet1!A1  'Tờ 1'!A1
      | \$?[A-Za-z]{1,3}\$?\d+\b                          # A1  $B$2
      | [\d.,]+\s*[-+*/^&%<>=]                            # 2+3
    )""",
    re.X,
)
_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)\s*")


def fold(text: str) -> str:
    """'Màu chủ đạo' → 'mau chu dao': lower case, no diacritics, đ → d, one space."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() or c == "_" else " " for c in text).split())


def header_of(cell: str) -> str | None:
    """The column a header cell names, or None."""
    return HEADERS.get(fold(cell)) if len(cell) <= 100 else None


def column_of(field_path: str) -> str:
    """The spreadsheet column a brand field comes from ('colors.primary' → 'primary')."""
    for path, column in FIELD_COLUMNS.items():
        if field_path == path or field_path.startswith(path + "."):
            return column
    return field_path


def is_formula(column: str, value: str) -> bool:
    """Whether a spreadsheet would run the cell `value` of `column` as a formula (or a
    program would strip its leading tab or carriage return and then run it)."""
    if value[:1] in ("\t", "\r"):
        return True
    text = value.lstrip()
    if not text or text[0] not in _SIGNS:
        return False
    body = text.lstrip(_SIGNS + " \t\r\n")
    signs = text[: len(text) - len(body)]
    if "=" in signs or "＝" in signs or column in _STRICT:
        return True
    return _FORMULA_AFTER_SIGNS.match(body) is not None


def _score(cells: list[str]) -> int:
    """How many cells of a row are known column names (naming the delimiter)."""
    return len({header_of(c) for c in cells} - {None})


def _rows(path: Path) -> tuple[list[Row], list[Problem]]:
    limit = limits.SHEET_ROWS + limits.HEADER_ROWS + 1  # one more tells a sheet too long
    if path.suffix.lower() in XLSX:
        from poster.readers.workbook import read_workbook

        return read_workbook(path)
    from poster.readers.text import read_text

    return list(itertools.islice(read_text(path, _score), limit)), []


def _header(path: Path, rows: list[Row]) -> int:
    """The index of the header row: the first of the first HEADER_ROWS rows that names
    the 'name' column."""
    first_known = None
    for i, row in enumerate(rows):
        if row.number > limits.HEADER_ROWS:
            break
        names = {header_of(c) for c in row.cells}
        if "name" in names:
            return i
        if first_known is None and names - {None}:
            first_known = row
    if first_known is not None:  # a header, without the one column that is required
        raise PosterError.of("sheet.no-name", f"{path}:{first_known.number}", "name")
    raise PosterError.of("sheet.no-header", str(path), "name", rows=limits.HEADER_ROWS)


def read_sheet(path: Path) -> tuple[list[Source], list[Failure], list[Problem]]:
    """The brands of a spreadsheet: an Excel workbook (.xlsx, its active visible sheet)
    or text saved by Excel or LibreOffice. Returns the brands, the rows that failed, and
    notes for the user (which sheet of a workbook was read)."""
    rows, notes = _rows(path)
    if not rows:
        raise PosterError.of("sheet.empty", str(path))
    at = _header(path, rows)
    head = rows[at]
    if len(rows) - at - 1 > limits.SHEET_ROWS:
        raise PosterError.of("sheet.too-many-rows", str(path), limit=limits.SHEET_ROWS)
    header: list[str | None] = []
    ignored: list[str] = []
    for cell in head.cells[: limits.SHEET_COLUMNS]:
        name = header_of(cell)
        header.append(name if name not in header else None)
        if name is None and cell.strip():
            ignored.append(cell.strip()[:60])
    while header and header[-1] is None and not head.cells[len(header) - 1].strip():
        header.pop()  # spreadsheets export formatted but empty columns
    if ignored:
        warning = problem("sheet.unknown-columns", f"{path}:{head.number}", "",
                          columns=", ".join(ignored))  # fmt: skip
        log.warning("%s", warning, extra={"problem": warning})
    sources, failures = [], []
    for row in rows[at + 1 :]:
        where = f"{path.name}:{row.number}"
        if row.problem:
            failures.append(Failure.of(row.problem, where, **row.params))
            continue
        if any(cell.strip() for cell in row.cells[len(header) :]):
            failures.append(
                Failure.of("sheet.cells", where, count=len(row.cells), header=len(header))
            )
            continue
        failure = None
        cells: dict[str, str] = {}
        for i, column in enumerate(header):
            value = row.cells[i] if column and i < len(row.cells) else ""
            if column is None or not value:
                continue
            if len(value) > limits.CELL_CHARS:
                failure = Failure.of("sheet.cell-too-long", where, column, length=len(value),
                                     limit=limits.CELL_CHARS)  # fmt: skip
            elif is_formula(column, value):
                failure = Failure.of("sheet.formula", where, column, value=value)
            if failure:
                break
            cells[column] = value
        if failure:
            failures.append(failure)
            continue
        sources.append(Source(_brand(cells), path, where, row=row.number,
                              qualifier=f"r{row.number}"))  # fmt: skip
    return sources, failures, notes


def _brand(cells: dict[str, str]) -> BrandData:
    """A row's cells as a brand mapping. A line break in a cell (Alt+Enter) separates the
    authority lines, as ' | ' does; in any other cell it is a space."""
    one_line = {k: _BREAK.sub(" ", v).strip() for k, v in cells.items()}
    data: BrandData = {"name": one_line.get("name", "")}
    authority = [a.strip() for a in re.split(r"\||\r\n|\r|\n", cells.get("authority", ""))]
    if any(authority):
        data["authority"] = [a for a in authority if a]
    if one_line.get("logo"):
        data["logo"] = one_line["logo"]
    colors = {k: one_line[k] for k in ("primary", "left", "right", "text") if one_line.get(k)}
    if colors:
        data["colors"] = colors
    qr = {k: one_line[f"qr_{k}"] for k in ("url", "caption") if one_line.get(f"qr_{k}")}
    if qr:
        data["qr"] = qr
    if one_line.get("footer"):
        data["footer"] = one_line["footer"]
    return data
