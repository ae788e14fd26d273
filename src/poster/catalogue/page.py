"""The web page's Vietnamese where it differs from the command line's."""

from __future__ import annotations

_TOO_LONG = "nội dung quá dài cho khổ này: hãy rút gọn."
_HEADER_FULL = "các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: hãy bớt dòng hoặc rút gọn."
_CONTRAST = (
    "màu {fg} trên {surface_word} {bg} có độ tương phản {ratio:.2f}:1, "
    "cần ít nhất {minimum:g}:1 (WCAG AA)"
)
_SIDES = (
    "màu {fg} quá giống {other_word} {other}: nền của hai cột ({fill} và {other_fill}) chỉ "
    "cách nhau ΔE00 {delta:.1f}, cần ít nhất {minimum:g} để nhìn là phân biệt được"
)
_PALE = "màu {fg} quá nhạt: nền ô {fill} chỉ cách ô trắng ΔE00 {delta:.1f}, cần ít nhất {minimum:g}"

# The web page's Vietnamese where it differs from the command line's: the page has no
# layout file or YAML field to name, the officer sees "this size" and a form field.
PAGE: dict[str, str] = {
    "field.missing": "bắt buộc: hãy nhập.",
    "fit.title": _HEADER_FULL,
    "fit.title-beside": _HEADER_FULL,
    "fit.footer": "dòng chân trang và chú thích mã QR quá dài cho phần chân: hãy rút gọn.",
    "fit.closing": "chú thích mã QR quá dài cho trang cuối: hãy rút gọn.",
    "fit.footer-long": "quá dài cho phần chân của khổ này: hãy dùng nội dung ngắn hơn.",
    "fit.authority-max": "{count} dòng: khổ này chỉ nhận nhiều nhất {most} dòng tên cơ quan.",
    "fit.authority-lines": "{count} dòng tên cơ quan không vừa phần đầu của khổ này cùng "
    "tiêu đề (chỉ vừa {fit} dòng): hãy bớt dòng hoặc rút gọn.",
    "fit.subtitle": "quá dài cho trang bìa (nhiều nhất hai dòng): hãy rút gọn.",
    "fit.item": _TOO_LONG,
    "fit.slide": _TOO_LONG,
    "fit.slides": _TOO_LONG,
    "fit.closing-url": "địa chỉ quá dài cho trang cuối: hãy dùng địa chỉ ngắn hơn.",
    "fit.closing-caption": "chú thích mã QR quá dài cho trang cuối: hãy rút gọn.",
    "fit.no-room": _TOO_LONG,
    "fit.overview": _TOO_LONG,
    "fit.qr": _TOO_LONG,
    "fit.authority": "dòng {authority_line!r} quá dài cho phần đầu của khổ này: hãy rút gọn.",
    "glyph.missing": "ký tự {char!r} (U+{codepoint}) không có trong phông chữ Be Vietnam Pro: "
    "hãy bỏ hoặc thay ký tự này.",
    "image.format": "tệp là ảnh {format}: cần ảnh PNG hoặc JPEG.",
    "image.unreadable": "tệp không phải ảnh PNG hoặc JPEG đọc được.",
    "image.too-large": "ảnh quá lớn (quá nhiều điểm ảnh).",
    "image.too-many-pixels": "ảnh quá lớn: {width} × {height} điểm ảnh, tối đa {side} × {side} "
    "(logo chỉ cần khoảng 1000 × 1000).",
    "image.bomb": "ảnh quá lớn: hơn {side} × {side} điểm ảnh (logo chỉ cần khoảng 1000 × 1000).",
    "colour.invalid": "không phải mã màu: {value!r} (cần dạng #RRGGBB, ví dụ #B3261E).",
    "contrast.low": _CONTRAST + ": hãy chọn màu đậm hơn.",
    "contrast.low-fix": _CONTRAST + ": màu {suggestion} cùng tông màu đạt "
    "{suggestion_ratio:.2f}:1.",
    "contrast.low-fix-moved": _CONTRAST + ": màu {suggestion} (đổi tông màu để hai cột cũng "
    "dễ phân biệt) đạt {suggestion_ratio:.2f}:1.",
    "contrast.low-band": _CONTRAST + ": màu {suggestion} cùng tông màu đủ sáng để làm dải "
    "đầu trang sáng với chữ đen ({suggestion_ratio:.2f}:1).",
    "sides.alike": _SIDES + ": hãy chọn màu khác tông hơn.",
    "sides.alike-fix": _SIDES + ": màu {suggestion} đạt ΔE00 {suggestion_delta:.1f} và đủ độ "
    "tương phản.",
    "sides.pale": _PALE + ": hãy chọn màu đậm hơn.",
    "sides.pale-fix": _PALE + ": màu {suggestion} đạt ΔE00 {suggestion_delta:.1f}.",
}
