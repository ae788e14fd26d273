"""Messages about text that does not fit a layout, and about glyphs and fonts."""

from __future__ import annotations

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
    # ---- text fitting and fonts
    "glyph.missing": (
        "character {char!r} (U+{codepoint}) has no glyph in font {font}: {text!r}",
        "ký tự {char!r} (U+{codepoint}) không có trong phông chữ {font}: {text!r}; "
        "hãy bỏ hoặc thay ký tự này",
    ),
    "fit.item": (
        "item {n} ({heading}) does not fit layout {layout!r} even at {size:g} pt: {why}",
        "mục {n} ({heading}) không vừa khổ {layout!r} kể cả ở cỡ chữ {size:g} pt: "
        "hãy rút gọn nội dung hoặc chọn khổ lớn hơn",
    ),
    "fit.authority": (
        "line {authority_line!r} is too long for the header of layout {layout!r} "
        "even at {size:g} pt",
        "dòng {authority_line!r} quá dài cho phần đầu của khổ {layout!r} "
        "kể cả ở cỡ chữ {size:g} pt: hãy rút gọn",
    ),
    "fit.authority-max": (
        "{count} lines: layout {layout!r} takes at most {most} authority lines "
        "(a letterhead has 1 to 4)",
        "{count} dòng: khổ {layout!r} chỉ nhận nhiều nhất {most} dòng tên cơ quan "
        "(tiêu đề văn bản thường có 1 đến 4 dòng): hãy bớt dòng",
    ),
    "fit.authority-lines": (
        "{count} lines do not fit the header of layout {layout!r} with the title "
        "(at most {fit} fit)",
        "{count} dòng tên cơ quan không vừa phần đầu của khổ {layout!r} cùng tiêu đề "
        "(chỉ vừa nhiều nhất {fit} dòng): hãy bớt dòng hoặc rút gọn",
    ),
    "fit.authority-lines-subtitle": (
        "{count} lines do not fit the header of layout {layout!r} with the title "
        "(at most {fit} fit, the content's subtitle counting as one)",
        "{count} dòng không vừa phần đầu của khổ {layout!r} cùng tiêu đề (chỉ vừa nhiều "
        "nhất {fit} dòng, tính cả dòng phụ đề của nội dung): hãy bớt dòng hoặc rút gọn",
    ),
    "fit.title": (
        "the title does not fit the header of layout {layout!r} at {size:g} pt",
        "tiêu đề không vừa phần đầu của khổ {layout!r} ở cỡ chữ {size:g} pt",
    ),
    "fit.title-beside": (
        "the title does not fit the header of layout {layout!r} at {size:g} pt "
        "beside {count} authority lines",
        "các dòng cơ quan ({count} dòng) chiếm hết chỗ của tiêu đề ở khổ {layout!r} "
        "(cỡ chữ {size:g} pt): hãy bớt dòng hoặc rút gọn",
    ),
    "fit.no-room": (
        "header and footer leave no room for the tiles",
        "phần đầu và phần chân chiếm hết chỗ của các ô nội dung",
    ),
    "fit.qr": (
        "a {size:g} mm QR code does not fit the footer of layout {layout!r}",
        "mã QR {size:g} mm không vừa phần chân của khổ {layout!r}",
    ),
    "fit.footer": (
        "the attribution and QR caption do not fit the footer of layout {layout!r}",
        "dòng nguồn và chú thích mã QR không vừa phần chân của khổ {layout!r}: hãy rút gọn",
    ),
    "fit.footer-long": (
        "too long: {what_word} does not fit the footer of layout {layout!r} even at "
        "{size:g} pt ({height} mm high); shorten it",
        "quá dài: {what_word} không vừa phần chân của khổ {layout!r} kể cả ở cỡ chữ "
        "{size:g} pt (cao {height} mm): hãy rút gọn",
    ),
    "fit.slide": (
        "item {n} does not fit a slide of layout {layout!r} even at {size:g} pt: {why}",
        "mục {n} không vừa một trang chiếu của khổ {layout!r} kể cả ở cỡ chữ {size:g} pt: "
        "hãy rút gọn nội dung",
    ),
    "fit.subtitle": (
        "is too long for the title slide (two lines at most)",
        "quá dài cho trang bìa (nhiều nhất hai dòng)",
    ),
    "fit.overview": (
        "the {count} headings do not fit two overview slides of layout {layout!r} "
        "even at {size:g} pt",
        "{count} tiêu đề không vừa hai trang tổng quan của khổ {layout!r} kể cả ở cỡ chữ "
        "{size:g} pt",
    ),
    "fit.closing-url": (
        "too long: the address does not fit the closing slide of layout {layout!r} even "
        "at 14 pt; use a shorter one",
        "quá dài: địa chỉ không vừa trang cuối của khổ {layout!r} kể cả ở cỡ chữ 14 pt: "
        "hãy dùng địa chỉ ngắn hơn",
    ),
    "fit.closing-caption": (
        "too long: the caption does not fit the closing slide of layout {layout!r} even "
        "at 14 pt; shorten it",
        "quá dài: chú thích không vừa trang cuối của khổ {layout!r} kể cả ở cỡ chữ 14 pt: "
        "hãy rút gọn",
    ),
    "fit.slides": (
        "item {n} does not fit four slides of layout {layout!r} at {size:g} pt",
        "mục {n} không vừa bốn trang chiếu của khổ {layout!r} ở cỡ chữ {size:g} pt: "
        "hãy rút gọn nội dung",
    ),
    "fit.closing": (
        "the closing slide of layout {layout!r} has no room for the caption and source",
        "trang cuối của khổ {layout!r} không đủ chỗ cho chú thích mã QR và dòng nguồn: hãy rút gọn",
    ),
    # ---- social cards (sizes in px)
    "fit.card": (
        "item {n} ({heading}) does not fit one card of layout {layout!r} even at "
        "{size:g} px: shorten its text (a card is seen alone, it has no continuation)",
        "mục {n} ({heading}) không vừa một thẻ của khổ {layout!r} kể cả ở cỡ chữ {size:g} px: "
        "hãy rút gọn nội dung (mỗi thẻ được xem riêng, không có thẻ nối tiếp)",
    ),
    "fit.card-title": (
        "the title does not fit the cover card of layout {layout!r} at {size:g} px",
        "tiêu đề không vừa thẻ bìa của khổ {layout!r} ở cỡ chữ {size:g} px: hãy rút gọn",
    ),
    "fit.card-authority": (
        "line {authority_line!r} takes more than two lines on the cover card of layout "
        "{layout!r} at {size:g} px",
        "dòng {authority_line!r} dài quá hai dòng trên thẻ bìa của khổ {layout!r} "
        "ở cỡ chữ {size:g} px: hãy rút gọn",
    ),
    "fit.card-closing": (
        "the closing card of layout {layout!r} has no room for the QR code with the "
        "caption, the address and the locality",
        "thẻ cuối của khổ {layout!r} không đủ chỗ cho mã QR cùng chú thích, địa chỉ và "
        "tên địa phương: hãy rút gọn",
    ),
    "font.missing": (
        "font file missing (see fonts/README.md)",
        "thiếu tệp phông chữ (xem fonts/README.md)",
    ),
}
