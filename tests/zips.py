"""Zip files written byte by byte, as a hostile workbook is: a member whose declared
size lies, a deflate stream that inflates a thousandfold (a 'zip bomb'), thousands of
members. zipfile itself would write honest sizes, and compressing a gigabyte takes
longer than a test may."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

DEFLATED = 8


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def deflate_repeated(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> bytes:
    """A deflate stream of `prefix`, `chunk` repeated `times` times and `suffix`, made
    in milliseconds: each part compressed up to a full flush (byte-aligned, no reference
    back), so the chunk's block can be repeated as it is."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    return start + block * times + c.compress(suffix) + c.flush()


def crc_repeated(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> int:
    """The CRC-32 of what `deflate_repeated` inflates to."""
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(suffix, crc)


def write_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """`members`: (name, deflated data, the size to declare, the CRC-32 to declare)."""
    local, central = bytearray(), bytearray()
    for name, data, size, crc in members:
        encoded = name.encode()
        offset = len(local)
        local += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, DEFLATED, 0, 0x21,
                             crc, len(data), size, len(encoded), 0)  # fmt: skip
        local += encoded + data
        central += struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, DEFLATED, 0,
                               0x21, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0,
                               offset)  # fmt: skip
        central += encoded
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                      len(central), len(local), 0)  # fmt: skip
    path.write_bytes(bytes(local + central + end))
    return path


def member(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    """An honest member."""
    return name, deflate(data), len(data), zlib.crc32(data)


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    b'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    b'worksheet+xml"/></Types>'
)
RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Danh s\xc3\xa1ch" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b"<sheetData>"
)
SHEET_END = b"</sheetData></worksheet>"


def inline_row(number: int, *cells: str) -> bytes:
    """A row of inline-string cells, as the sheet's XML has it."""
    out = f'<row r="{number}">'
    for i, text in enumerate(cells):
        out += f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
    return (out + "</row>").encode()


def workbook(path: Path, sheet: tuple[str, bytes, int, int]) -> Path:
    """A minimal workbook (one sheet, inline strings) around the member `sheet`
    ('xl/worksheets/sheet1.xml')."""
    return write_zip(path, [
        member("[Content_Types].xml", CONTENT_TYPES),
        member("_rels/.rels", RELS),
        member("xl/workbook.xml", WORKBOOK),
        member("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        sheet,
    ])  # fmt: skip
