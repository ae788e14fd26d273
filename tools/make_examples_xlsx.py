"""Write content/brands/examples.xlsx: the rows of examples.csv as an Excel workbook with
Vietnamese column headers, what an officer's sheet looks like.

    python tools/make_examples_xlsx.py
"""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from openpyxl import Workbook

BRANDS = Path(__file__).resolve().parents[1] / "src" / "poster" / "data" / "content" / "brands"
HEADERS = {
    "name": "Tên", "authority": "Cơ quan", "logo": "Logo", "primary": "Màu chủ đạo",
    "left": "Màu trái", "right": "Màu phải", "text": "Màu chữ", "qr_url": "Địa chỉ QR",
    "qr_caption": "Chú thích QR", "footer": "Chân trang",
}  # fmt: skip


def main() -> None:
    with (BRANDS / "examples.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Đơn vị"
    sheet.append([HEADERS[h] for h in rows[0]])
    for row in rows[1:]:
        sheet.append([cell or None for cell in row])
    for column, width in zip("ABCDEFGHIJ", (28, 44, 24, 13, 13, 13, 13, 26, 48, 48), strict=True):
        sheet.column_dimensions[column].width = width
    when = datetime.datetime(2025, 7, 1)
    book.properties.created = book.properties.modified = when
    book.properties.creator = "poster"
    book.save(BRANDS / "examples.xlsx")


if __name__ == "__main__":
    main()
