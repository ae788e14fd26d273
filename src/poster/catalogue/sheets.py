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
        "not a readable workbook ({reason}): open it in Excel and save it again as .xlsx",
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
    "sheet.no-header": (
        "no header row in the first {rows} rows: put the column names (name or Tên, "
        "authority or Cơ quan, …) in one of the first {rows} rows",
        "không thấy dòng tiêu đề trong {rows} dòng đầu: hãy đặt tên các cột (Tên, Cơ quan, …) "
        "ở một trong {rows} dòng đầu của bảng tính",
    ),
    "sheet.too-many-rows": (
        "more than {limit:,} rows under the header (the whole country is 3,321 units): "
        "split the sheet into several files",
        "có hơn {limit} dòng dưới dòng tiêu đề (cả nước có 3.321 đơn vị): hãy chia bảng "
        "tính thành nhiều tệp",
    ),
    "sheet.too-many-lines": (
        "{count:,} lines, more than a spreadsheet holds ({limit:,}): delete the empty rows "
        "below the data",
        "tệp có {count} dòng, nhiều hơn một bảng tính có thể có ({limit}): hãy xoá các "
        "dòng trống bên dưới dữ liệu",
    ),
    "sheet.row-too-long": (
        "the row is {length:,} characters, more than {limit:,}: shorten its cells",
        "dòng này dài {length} ký tự, quá giới hạn {limit}: hãy rút ngắn các ô",
    ),
    "sheet.row-unreadable": (
        "cannot read this row ({reason})",
        "không đọc được dòng này: hãy kiểm tra các dấu ngoặc kép trong dòng",
    ),
    "sheet.cell-too-long": (
        "{length:,} characters; a cell holds at most {limit:,}",
        "ô này dài {length} ký tự; mỗi ô chỉ được tối đa {limit} ký tự",
    ),
    "sheet.inflated": (
        "the workbook unpacks to more than {limit} ({member}: {size}); a sheet of brands is a "
        "few megabytes: delete the unused sheets and rows, or save the sheet as CSV UTF-8",
        "tệp bảng tính khi giải nén vượt quá {limit} ({member}: {size}); một bảng nhận diện "
        "chỉ vài MB: hãy xoá các trang tính và dòng không dùng, hoặc lưu ở dạng CSV UTF-8",
    ),
    "sheet.too-many-tags": (
        "the workbook holds more than {limit:,} XML elements (every commune of the country "
        "takes about 210,000): delete the empty formatted rows and columns, or copy the "
        "rows into a new workbook",
        "tệp bảng tính có hơn {limit} phần tử XML (danh sách mọi xã, phường cả nước chỉ "
        "cần khoảng 210.000): hãy xoá các dòng, cột trống đã định dạng, hoặc chép các dòng "
        "sang một sổ tính mới",
    ),
    "sheet.members": (
        "the workbook's zip lists {count:,} files, more than {limit:,}: not a workbook Excel "
        "writes; open it in Excel and save it again as .xlsx",
        "tệp nén của sổ tính chứa {count} tệp, quá giới hạn {limit}: đây không phải sổ "
        "tính Excel tạo ra; hãy mở bằng Excel và lưu lại ở dạng .xlsx",
    ),
    "sheet.xml-entities": (
        "{member} declares a DOCTYPE or XML entities, which Excel never writes: open the "
        "workbook in Excel and save it again as .xlsx",
        "{member} khai báo DOCTYPE hoặc thực thể XML, điều Excel không bao giờ ghi: hãy mở "
        "sổ tính bằng Excel và lưu lại ở dạng .xlsx",
    ),
    "sheet.xml-encoding": (
        "{member} is not UTF-8 XML, which Excel always writes: open the workbook in Excel "
        "and save it again as .xlsx",
        "{member} không phải XML mã UTF-8 như Excel luôn ghi: hãy mở sổ tính bằng Excel và "
        "lưu lại ở dạng .xlsx",
    ),
    "sheet.all-hidden": (
        "every sheet of the workbook is hidden: unhide the sheet of brands (right-click a "
        "sheet tab, Unhide)",
        "mọi trang tính của sổ tính đều bị ẩn: hãy bỏ ẩn trang có danh sách (nhấp chuột phải "
        "vào thẻ trang tính, chọn Bỏ ẩn)",
    ),
    "sheet.read": (
        "reading the sheet {sheet} (the active sheet)",
        "đọc trang tính {sheet} (trang đang chọn)",
    ),
    "sheet.read-hidden": (
        "reading the sheet {sheet} (the active sheet); hidden sheets ignored: {hidden}",
        "đọc trang tính {sheet} (trang đang chọn); bỏ qua các trang bị ẩn: {hidden}",
    ),
    "brands.not-found": ("no such file or folder", "không có tệp hay thư mục này"),
    "brands.too-many": (
        "the folder holds more than {limit:,} brand .yaml files: split it into several folders",
        "thư mục có hơn {limit} tệp brand .yaml: hãy chia thành nhiều thư mục",
    ),
    "brands.empty-folder": (
        "the folder holds no brand .yaml file",
        "thư mục không có tệp brand .yaml nào",
    ),
}
