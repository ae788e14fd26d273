"""Words a message parameter ending in `_word` is turned into, per language."""

from __future__ import annotations

# Words a parameter ending in `_word` is turned into, per language.
WORDS: dict[str, tuple[str, str]] = {
    # msgspec's type names
    "int": ("a whole number", "một số nguyên"),
    "float": ("a number", "một số"),
    "str": ("text", "văn bản"),
    "array": ("a list", "một danh sách"),
    "object": ("a mapping of fields", "các trường dạng `tên: giá trị`"),
    "bool": ("true or false", "true hoặc false"),
    "null": ("nothing (an empty value)", "giá trị rỗng"),
    "int | float": ("a number", "một số"),
    # bounds
    ">=": ("at least", "ít nhất là"),
    ">": ("greater than", "lớn hơn"),
    "<=": ("at most", "nhiều nhất là"),
    "<": ("less than", "nhỏ hơn"),
    # what a file is, and what it should be (files.file_check)
    "a folder": ("a folder", "một thư mục"),
    "a named pipe (FIFO)": (
        "a named pipe (FIFO)",
        "một đường ống dữ liệu (FIFO)",
    ),
    "a device": ("a device", "một thiết bị"),
    "a socket": ("a socket", "một cổng kết nối (socket)"),
    "not a regular file": ("not a regular file", "không phải tệp thường"),
    "a YAML file": ("a YAML file", "tệp YAML"),
    "an image": ("an image", "ảnh"),
    "a PDF file": ("a PDF file", "tệp PDF"),
    "a spreadsheet": ("a spreadsheet", "bảng tính"),
    "a file": ("a file", "tệp"),
    "a logo": ("a logo", "logo"),
    "a PDF": ("a PDF", "tệp PDF"),
    "a manifest": ("a manifest", "tệp ghi nhận"),
    "a content file": ("a content file", "tệp nội dung"),
    "a layout file": ("a layout file", "tệp khổ (layout)"),
    "a brand file": ("a brand file", "tệp nhận diện (brand)"),
    "an SVG file": ("an SVG file", "tệp SVG"),
    "an icon": ("an icon", "biểu tượng"),
    # what an icon file is instead of SVG (readers.icon)
    "a PNG image": ("a PNG image", "ảnh PNG"),
    "a JPEG image": ("a JPEG image", "ảnh JPEG"),
    "a GIF image": ("a GIF image", "ảnh GIF"),
    "a BMP image": ("a BMP image", "ảnh BMP"),
    "a TIFF image": ("a TIFF image", "ảnh TIFF"),
    "a compressed file (SVGZ)": ("a compressed file (SVGZ)", "tệp nén (SVGZ)"),
    "a zip file": ("a zip file", "tệp nén zip"),
    "binary data": ("binary data", "dữ liệu nhị phân"),
    # what is too long for the footer
    "footer.qr.url": ("qr.url with its caption", "địa chỉ mã QR (qr.url) cùng dòng chú thích"),
    "footer.qr.caption": (
        "qr.caption with its address",
        "chú thích mã QR (qr.caption) cùng địa chỉ",
    ),
    "footer.footer": ("the footer line with the attribution", "dòng chân trang cùng dòng nguồn"),
    "footer.source": ("the attribution", "dòng nguồn (source)"),
    # the surfaces a text colour is checked on
    "background": ("the background", "nền áp phích"),
    "tiles": ("the white tiles", "ô nền trắng"),
    "left-tint": ("the left side's tint", "nền nhạt bên trái"),
    "right-tint": ("the right side's tint", "nền nhạt bên phải"),
    "own-tint": ("its tint (side label)", "nền nhạt của chính nó (nhãn cột)"),
    "background-links": ("the background (links, numbers)", "nền áp phích (số thứ tự, đường dẫn)"),
    "background-key": ("the background (the key)", "nền áp phích (chú giải hai cột ở trên)"),
    "band": ("the header band (title, numbers)", "dải màu đầu trang (tiêu đề, số thứ tự)"),
    # the other side of a pair of sides too alike
    "colors.left": ("colors.left", "màu cột trái"),
    "colors.right": ("colors.right", "màu cột phải"),
}
