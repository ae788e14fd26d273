"""Problems in Vietnamese, placed on the form field they concern.

The pipeline words its problems in English for the command line (`FILE: field: what
is wrong`). The web page shows them next to the field, in Vietnamese: each common
message is matched here and reworded, keeping the values it quotes (the colour, the
contrast ratio, the address); an unknown one is shown as it is, after a Vietnamese
lead-in, never as a stack trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from poster.errors import Problem

GENERAL = ""  # the form as a whole: shown above the preview

# The form's fields: brand fields keep their YAML names, so a problem's field maps directly.
BRAND_FIELDS = (
    "name",
    "authority",
    "logo",
    "colors.primary",
    "colors.left",
    "colors.right",
    "colors.text",
    "colors.background",
    "qr.url",
    "qr.caption",
    "footer",
)
OUTPUT_FIELDS = ("layout", "sheet", "format", "marks", "cmyk", "subtitle")

# Layout-file fields whose failure means the brand's text is too long for the page.
_LAYOUT_FIELD = {
    "header.height_mm": "authority",  # the authority lines leave the title no room
    "footer.height_mm": "footer",  # the footer line and the QR caption are too long
    "qr.size_mm": "qr.caption",  # the closing slide has no room for the caption
}

_WHAT = {
    "the background": "nền áp phích",
    "the white tiles": "ô nền trắng",
    "the left side's tint": "nền nhạt bên trái",
    "the right side's tint": "nền nhạt bên phải",
    "its tint (side label)": "nền nhạt của chính nó (nhãn cột)",
    "the background (links, numbers)": "nền áp phích (số thứ tự, đường dẫn)",
    "the background (the key)": "nền áp phích (chú giải hai cột ở trên)",
}

TOO_SHORT = "Nội dung quá dài cho khổ này: hãy rút gọn."
HEADER_FULL = "Các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: hãy bớt dòng hoặc rút gọn."
HEADER_FULL_WITH_LOGO = (
    "Logo và các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: "
    "hãy bớt một dòng cơ quan hoặc bỏ logo."
)


def decimal(value: float) -> str:
    """4.5 → '4,5': Vietnamese writes a decimal comma."""
    return f"{value:g}".replace(".", ",")


def _ratio(text: str) -> str:
    return f"{float(text):.2f}".replace(".", ",")


def _contrast(m: re.Match[str]) -> str:
    what = _WHAT.get(m["what"], m["what"])
    return (
        f"Màu {m['fg']} trên {what} {m['bg']} có độ tương phản {_ratio(m['ratio'])}:1, "
        f"cần ít nhất {decimal(float(m['min']))}:1 (WCAG AA): hãy chọn màu đậm hơn."
    )


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"missing \(required\)"), lambda m: "Bắt buộc: hãy nhập."),
    (re.compile(r"expected `str` of length >= 1"), lambda m: "Không được để trống."),
    (re.compile(r"expected `str`, got `null`"), lambda m: "Không được để trống."),
    (
        re.compile(r"not a colour: (?P<v>.*?) \(expected"),
        lambda m: f"Không phải mã màu: {m['v']} (cần dạng #RRGGBB, ví dụ #B3261E).",
    ),
    (
        re.compile(
            r"(?P<fg>#[0-9A-F]{6}) on (?P<what>.+) (?P<bg>#[0-9A-F]{6}) has contrast "
            r"(?P<ratio>[\d.]+):1, needs at least (?P<min>[\d.]+):1"
        ),
        _contrast,
    ),
    (
        re.compile(r"not a web address: (?P<v>.*?) \(expected"),
        lambda m: f"Không phải địa chỉ web: {m['v']} (cần dạng https://…).",
    ),
    (
        re.compile(r"is (?P<fmt>\w+), expected PNG or JPEG"),
        lambda m: f"Tệp là ảnh {m['fmt']}: cần ảnh PNG hoặc JPEG.",
    ),
    (
        re.compile(r"not a readable PNG or JPEG image"),
        lambda m: "Tệp không phải ảnh PNG hoặc JPEG đọc được.",
    ),
    (re.compile(r"too large an image"), lambda m: "Ảnh quá lớn (quá nhiều điểm ảnh)."),
    (
        re.compile(r"line (?P<v>.+) is too long for the header"),
        lambda m: f"Dòng {m['v']} quá dài cho phần đầu của khổ này: hãy rút gọn.",
    ),
    (
        re.compile(r"the title does not fit the header"),
        lambda m: (
            "Các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: hãy bớt dòng hoặc rút gọn."
        ),
    ),
    (
        re.compile(r"do not fit the footer"),
        lambda m: "Dòng chân trang và chú thích mã QR quá dài cho phần chân: hãy rút gọn.",
    ),
    (
        re.compile(r"has no room for the caption"),
        lambda m: "Chú thích mã QR quá dài cho trang cuối: hãy rút gọn.",
    ),
    (re.compile(r"does not fit|do not fit|mm of height needed|is wider than"), lambda m: TOO_SHORT),
    (
        re.compile(r"character (?P<c>.+?) \((?P<u>U\+[0-9A-F]+)\) has no glyph"),
        lambda m: (
            f"Ký tự {m['c']} ({m['u']}) không có trong phông chữ Be Vietnam Pro: "
            "hãy bỏ hoặc thay ký tự này."
        ),
    ),
]


def field_of(problem: Problem) -> str:
    """The form field a pipeline problem concerns ('authority.1' → 'authority')."""
    field = problem.field
    if field in _LAYOUT_FIELD:
        return _LAYOUT_FIELD[field]
    for name in BRAND_FIELDS:
        if field == name or field.startswith(name + "."):
            return name
    if field == "colors":
        return "colors.primary"
    if field == "qr":
        return "qr.url"
    if field == "slug":
        return "name"
    if field == "subtitle":
        return "subtitle"
    return GENERAL


def vietnamese(message: str) -> str:
    for pattern, say in _RULES:
        m = pattern.search(message)
        if m:
            return say(m)
    return f"Giá trị không hợp lệ ({message})."


def form_errors(problems: Iterable[Problem]) -> dict[str, list[str]]:
    """Problems → {form field: [Vietnamese messages]}, each message once."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        messages = out.setdefault(field_of(problem), [])
        text = vietnamese(problem.message)
        if text not in messages:
            messages.append(text)
    return out


def merge(*groups: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group in groups:
        for field, messages in group.items():
            have = out.setdefault(field, [])
            have.extend(m for m in messages if m not in have)
    return out
