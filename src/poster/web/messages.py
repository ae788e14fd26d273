"""Problems in Vietnamese, placed on the form field they concern.

Each problem carries a code and its parameters (see `poster.errors`); its Vietnamese
comes from the one catalogue the command line uses too (`poster.catalogue`), with the
page's own wording where the page has no file or YAML field to name ("ở khổ này").
"""

from __future__ import annotations

from collections.abc import Iterable

from poster.catalogue import say
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

TOO_SHORT = "Nội dung quá dài cho khổ này: hãy rút gọn."
HEADER_FULL = "Các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: hãy bớt dòng hoặc rút gọn."
HEADER_FULL_WITH_LOGO = (
    "Logo và các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: "
    "hãy bớt một dòng cơ quan hoặc bỏ logo."
)


def decimal(value: float) -> str:
    """4.5 → '4,5': Vietnamese writes a decimal comma."""
    return f"{value:g}".replace(".", ",")


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


def vietnamese(problem: Problem) -> str:
    """A problem in the page's Vietnamese, from the catalogue (its page wording where the
    page differs from the command line: no file or YAML field to name). A problem made
    without a code is shown as it is, after a Vietnamese lead-in, never as a stack trace."""
    if not problem.code:
        return f"Giá trị không hợp lệ ({problem.message})."
    text = say(problem.code, "vi", problem.params, fallback=problem.message, page=True)
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def form_errors(problems: Iterable[Problem]) -> dict[str, list[str]]:
    """Problems → {form field: [Vietnamese messages]}, each message once."""
    out: dict[str, list[str]] = {}
    for problem in problems:
        messages = out.setdefault(field_of(problem), [])
        text = vietnamese(problem)
        if text not in messages:
            messages.append(text)
    return out


def form_fixes(problems: Iterable[Problem]) -> dict[str, str]:
    """{form field: value} for the problems that come with a way out: the nearest colour
    that passes every check of its field (contrast; the two sides told apart), offered
    as a one-click fix. The checks offer one colour per field."""
    return {
        field_of(p): str(p.params["suggestion"])
        for p in problems
        if p.code in FIXED_BY_SUGGESTION and "suggestion" in p.params
    }


# The brand checks' codes that carry the colour to use instead (poster.contrast).
FIXED_BY_SUGGESTION = frozenset(
    ("contrast.low-fix", "contrast.low-fix-moved", "contrast.low-band", "sides.alike-fix",
     "sides.pale-fix")
)  # fmt: skip


def merge(*groups: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for group in groups:
        for field, messages in group.items():
            have = out.setdefault(field, [])
            have.extend(m for m in messages if m not in have)
    return out


# The form's fields as the page labels them: an answer without JavaScript lists its
# problems under these names.
FIELD_LABELS = {
    "name": "Tên đơn vị",
    "authority": "Dòng cơ quan",
    "logo": "Logo",
    "colors.primary": "Màu chủ đạo",
    "colors.left": "Màu cột trái",
    "colors.right": "Màu cột phải",
    "colors.text": "Màu chữ",
    "colors.background": "Màu nền",
    "qr.url": "Địa chỉ web của mã QR",
    "qr.caption": "Chú thích cạnh mã QR",
    "footer": "Dòng chân trang",
    "layout": "Khổ",
    "sheet": "In trên tờ",
    "format": "Định dạng tệp",
    "marks": "Dấu cắt",
    "cmyk": "Màu CMYK",
    "subtitle": "Dòng phụ trang bìa",
    "province": "Tỉnh",
}
