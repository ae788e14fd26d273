"""Messages about reading spreadsheets of brands (CSV, xlsx) and brand folders."""

from __future__ import annotations

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
    # ---- spreadsheets
    "sheet.empty": ("the file is empty", "tệp trống"),
    "sheet.no-rows": (
        "the spreadsheet has no rows under its header",
        "bảng tính không có dòng nào dưới dòng tiêu đề",
    ),
    "sheet.no-name": (
        "the header has no 'name' column",
        "dòng tiêu đề không có cột 'name' (hoặc 'tên')",
    ),
    "sheet.encoding": (
        "cannot tell the text encoding: save the spreadsheet as 'CSV UTF-8' or as .xlsx",
        "không nhận ra bảng mã của tệp: hãy lưu bảng tính ở dạng 'CSV UTF-8' hoặc .xlsx",
    ),
    "sheet.unreadable": (
        "not a readable workbook ({reason})",
        "không đọc được tệp bảng tính: hãy mở lại bằng Excel và lưu ở dạng .xlsx",
    ),
    "sheet.cells": (
        "{count} cells, the header has {header}",
        "dòng có {count} ô, dòng tiêu đề chỉ có {header}",
    ),
    "sheet.formula": (
        "looks like a spreadsheet formula: {value!r} (type the value itself, without the "
        "leading sign)",
        "trông như một công thức bảng tính: {value!r} (hãy gõ chính giá trị, không có dấu ở đầu)",
    ),
    "sheet.unknown-columns": (
        "columns ignored (not brand fields): {columns}",
        "bỏ qua các cột không dùng đến: {columns}",
    ),
    "sheet.kind": (
        "give a spreadsheet (.csv) or workbook (.xlsx), or a folder of brand files "
        "(.ods, .xls: save as .xlsx)",
        "hãy cho một bảng tính (.csv) hoặc sổ tính Excel (.xlsx), hoặc một thư mục các tệp "
        "brand (.ods, .xls: hãy lưu lại ở dạng .xlsx)",
    ),
    "brands.not-found": ("no such file or folder", "không có tệp hay thư mục này"),
    "brands.empty-folder": (
        "the folder holds no brand .yaml file",
        "thư mục không có tệp brand .yaml nào",
    ),
}
