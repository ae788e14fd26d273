"""Every message a user can get about bad input, in English and Vietnamese.

A problem carries a stable code and its parameters (see `poster.errors`); its text
is made here, in the language asked for. The command line speaks Vietnamese when
`--lang vi` is given or the locale (LC_ALL, then LC_MESSAGES, then LANG) starts with
`vi`, English otherwise; the web page always asks for Vietnamese. English texts are
the messages the command line has always printed, so scripts that read them keep
working. No library wording reaches the user: a library's own text may travel in a
parameter for the English message, never into the Vietnamese one.

Parameters are formatted with `str.format`. A float is written with a decimal comma
in Vietnamese (4.5 → 4,5). A parameter whose name ends in `_word` is a key into
WORDS, turned into that language's words (a surface, a type).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from poster.errors import language

__all__ = ["LANGS", "MESSAGES", "PAGE", "WORDS", "language", "say"]

LANGS = ("en", "vi")

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
    # ---- files and YAML
    "file.not-found": ("file not found", "không tìm thấy tệp"),
    "file.not-utf8": (
        "not UTF-8 text ({reason})",
        "không phải văn bản UTF-8: hãy lưu tệp với bảng mã UTF-8",
    ),
    "file.unreadable": ("cannot read: {reason}", "không đọc được tệp"),
    "file.nul-name": (
        "not a usable file name (it holds a NUL character)",
        "tên tệp không dùng được (có ký tự NUL)",
    ),
    "file.not-regular": (
        "is {other_word}, not {what_word}",
        "là {other_word}, không phải {what_word}",
    ),
    "file.too-large": (
        "is {size}; {kind_word} is at most {limit}",
        "nặng {size}, quá giới hạn: {kind_word} chỉ được tối đa {limit}",
    ),
    "yaml.alias": (
        "an alias (*{anchor}) repeats another value: aliases are not supported, write the "
        "value out",
        "bí danh (*{anchor}) lặp lại một giá trị khác: không dùng được bí danh, hãy viết "
        "thẳng giá trị ra",
    ),
    "yaml.too-many": (
        "the file holds more than {limit:,} values (texts, lists and mappings together)",
        "tệp có hơn {limit:,} giá trị (tính cả chữ, danh sách và nhóm trường): quá nhiều, "
        "hãy chia nhỏ nội dung",
    ),
    "yaml.too-deep": (
        "nested more than {limit} levels deep",
        "lồng nhau quá {limit} cấp: hãy viết lại cho đơn giản hơn",
    ),
    "yaml.not-number": ("not a number: {value!r}", "không phải một số: {value!r}"),
    "yaml.not-finite": (
        "not a finite number: {value}",
        "không phải một số hữu hạn: {value} (hãy ghi một số cụ thể)",
    ),
    "yaml.duplicate": (
        "given twice (first on line {first}): give each field once",
        "bị ghi hai lần (lần đầu ở dòng {first}): mỗi trường chỉ ghi một lần",
    ),
    "yaml.bad-value": (
        "invalid YAML value: {reason}",
        "giá trị không hợp lệ trong tệp YAML: hãy kiểm tra lại giá trị ở trường này",
    ),
    "yaml.invalid": (
        "invalid YAML: {problem}",
        "tệp YAML sai cú pháp ở dòng này: kiểm tra dấu hai chấm, ngoặc và thụt lề",
    ),
    "yaml.unclosed": (
        "invalid YAML: {problem}",
        "tệp YAML sai cú pháp: thiếu dấu phẩy hoặc dấu đóng ngoặc }} trước dòng này",
    ),
    "yaml.unquoted-colour": (
        'invalid YAML: {problem} (a # starts a comment: put the colour in quotes, e.g. "#B3261E")',
        "tệp YAML sai cú pháp: dấu # bắt đầu một chú thích, hãy đặt mã màu trong ngoặc kép, "
        'ví dụ "#B3261E"',
    ),
    "yaml.top-not-mapping": (
        "expected a mapping of fields at the top level",
        "cần các trường dạng `tên: giá trị` ở cấp ngoài cùng của tệp",
    ),
    "icon.unknown": (
        "no icon named {name!r} (shipped: {known})",
        "không có biểu tượng tên {name!r} (có sẵn: {known})",
    ),
    "icon.file-not-found": (
        "icon file {name!r} not found",
        "không tìm thấy tệp biểu tượng {name!r}",
    ),
    "sheet.unclosed-quote": (
        'a quote (") is opened and not closed on this row: close it or remove it',
        'dòng này mở dấu ngoặc kép (") mà không đóng: hãy đóng lại hoặc xoá đi',
    ),
    "layout.unknown": (
        "no layout named {name!r} (shipped: {known})",
        "không có khổ (layout) tên {name!r} (có sẵn: {known})",
    ),
    "brand.unknown": (
        "no brand named {name!r} (shipped: {known})",
        "không có bộ nhận diện (brand) tên {name!r} (có sẵn: {known})",
    ),
    # ---- fields (validation)
    "field.missing": ("missing (required)", "còn thiếu (bắt buộc)"),
    "field.unknown": ("unknown field", "trường không có trong mẫu: kiểm tra chính tả tên trường"),
    "field.unknown-comma": (
        "unknown field (a comma inside {{…}} starts a new field: put the text in quotes)",
        "trường không có trong mẫu: dấu phẩy trong {{…}} bắt đầu một trường mới, "
        "hãy đặt cả câu trong ngoặc kép",
    ),
    "field.type": (
        "expected {expected_word}, got {got_word}",
        "cần {expected_word}, không phải {got_word}",
    ),
    "field.lines": (
        "expected a list of lines, e.g. [UBND XÃ …], got {got_word}",
        "cần một danh sách dòng, ví dụ [UBND XÃ …], không phải {got_word}",
    ),
    "field.empty": ("must not be empty", "không được để trống"),
    "field.bound": ("must be {op_word} {bound}", "phải {op_word} {bound}"),
    "field.count": ("needs at least {bound} entries", "cần ít nhất {bound} mục"),
    "field.count-max": (
        "expected `{kind}` of length <= {bound}",
        "có quá nhiều mục (nhiều nhất {bound} mục): hãy bớt mục hoặc chia thành nhiều tệp",
    ),
    "field.choice": (
        "not one of the choices: {value!r}",
        "không phải một lựa chọn hợp lệ: {value!r}",
    ),
    "field.invalid": ("{detail}", "giá trị không hợp lệ"),
    "field.key-type": (
        "each key must be {expected_word} (e.g. the number of an item)",
        "mỗi khóa phải là {expected_word} (ví dụ số thứ tự của một mục)",
    ),
    "colour.invalid": (
        "not a colour: {value!r} (expected #RRGGBB, e.g. #B3261E, or cmyk(c, m, y, k) in percent)",
        "không phải mã màu: {value!r} (cần dạng #RRGGBB, ví dụ #B3261E, "
        "hoặc cmyk(c, m, y, k) theo phần trăm)",
    ),
    "colour.unquoted": (
        'not a colour: {value!r} (expected a quoted "#RRGGBB")',
        'không phải mã màu: {value!r} (cần mã màu trong ngoặc kép, ví dụ "#B3261E"; '
        "không có ngoặc kép thì dấu # bắt đầu một chú thích)",
    ),
    "colour.empty": (
        'not a colour: {value!r} (expected a quoted "#RRGGBB")',
        "trống: không có ngoặc kép thì dấu # bắt đầu một chú thích, hãy viết mã màu trong "
        'ngoặc kép, ví dụ "#B3261E"',
    ),
    "items.duplicate": ("number {n} is used twice", "số {n} được dùng hai lần"),
    "range.inverted": (
        "min ({min:g}) is larger than max ({max:g})",
        "min ({min:g}) lớn hơn max ({max:g})",
    ),
    "page.size-or-dims": (
        "give either size (A0–A5) or both width_mm and height_mm",
        "hãy cho size (A0–A5) hoặc cả width_mm và height_mm",
    ),
    "page.not-both": (
        "give either size or width_mm/height_mm, not both",
        "chỉ cho size hoặc width_mm/height_mm, không cho cả hai",
    ),
    "grid.span-too-wide": (
        "item {n} spans {span} columns, the grid has {columns}",
        "mục {n} chiếm {span} cột, lưới chỉ có {columns}",
    ),
    "grid.spans-masonry": (
        "only the rows flow supports spans",
        "chỉ kiểu xếp hàng (flow: rows) mới dùng được spans",
    ),
    "grid.masonry-order": (
        "masonry columns are read down ('down')",
        "các cột kiểu masonry đọc từ trên xuống ('down')",
    ),
    "url.invalid": (
        "not a web address: {value!r} (expected https://…)",
        "không phải địa chỉ web: {value!r} (cần dạng https://…)",
    ),
    # ---- images
    "image.folder": ("is a folder, not an image: {path}", "là một thư mục, không phải ảnh: {path}"),
    "image.missing": ("file not found: {path}", "không tìm thấy tệp ảnh: {path}"),
    "image.not-regular": (
        "is {other_word}, not {what_word}: {path}",
        "là {other_word}, không phải {what_word}: {path}",
    ),
    "image.file-too-large": (
        "is {size}; {kind_word} is at most {limit}: {path}",
        "nặng {size}, quá giới hạn: {kind_word} chỉ được tối đa {limit}: {path}",
    ),
    "image.cannot-read": ("cannot read: {reason}: {path}", "không đọc được tệp ảnh: {path}"),
    "image.nul-name": (
        "not a usable file name (it holds a NUL character): {path}",
        "tên tệp không dùng được (có ký tự NUL): {path}",
    ),
    "image.format": (
        "{name} is {format}, expected PNG or JPEG",
        "{name} là ảnh {format}: cần ảnh PNG hoặc JPEG",
    ),
    "image.unreadable": (
        "{name} is not a readable PNG or JPEG image ({reason})",
        "{name} không phải ảnh PNG hoặc JPEG đọc được",
    ),
    "image.too-large": (
        "{name} is too large an image ({reason})",
        "{name} là ảnh quá lớn (quá nhiều điểm ảnh)",
    ),
    # ---- brand checks
    "contrast.low": (
        "{fg} on {surface_word} {bg} has contrast {ratio:.2f}:1, "
        "needs at least {minimum:g}:1 (WCAG AA)",
        "màu {fg} trên {surface_word} {bg} có độ tương phản {ratio:.2f}:1, "
        "cần ít nhất {minimum:g}:1 (WCAG AA)",
    ),
    "contrast.low-fix": (
        "{fg} on {surface_word} {bg} has contrast {ratio:.2f}:1, "
        "needs at least {minimum:g}:1 (WCAG AA); {suggestion} of the same hue "
        "has {suggestion_ratio:.2f}:1",
        "màu {fg} trên {surface_word} {bg} có độ tương phản {ratio:.2f}:1, "
        "cần ít nhất {minimum:g}:1 (WCAG AA); màu {suggestion} cùng tông màu đạt "
        "{suggestion_ratio:.2f}:1",
    ),
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
    "font.missing": (
        "font file missing (see fonts/README.md)",
        "thiếu tệp phông chữ (xem fonts/README.md)",
    ),
    # ---- outputs
    "format.unknown": (
        "unknown format {name!r} (known: {known})",
        "không có định dạng {name!r} (có: {known})",
    ),
    "format.needs-poster": (
        "{output} needs a poster layout ({names}); {layout!r} is a slide layout",
        "định dạng {fmt} cần một khổ áp phích ({names}); {layout!r} là khổ trình chiếu",
    ),
    "format.needs-deck": (
        "{output} needs a slide layout ({names}); {layout!r} is a poster layout",
        "định dạng {fmt} cần một khổ trình chiếu ({names}); {layout!r} là khổ áp phích",
    ),
    "write.folder": ("cannot create folder: {reason}", "không tạo được thư mục"),
    "write.is-folder": ("is a folder; give a file name", "là một thư mục: hãy cho tên tệp"),
    "write.here": ("cannot write here: {reason}", "không ghi được vào thư mục này"),
    "write.failed": ("cannot write: {reason}", "không ghi được tệp"),
    # ---- command line
    "cli.dpi": (
        "{value:g} is not between 10 and 1200",
        "{value:g} không nằm trong khoảng 10 đến 1200",
    ),
    "cli.width": (
        "{value} px is not between 16 and 20000",
        "{value} px không nằm trong khoảng 16 đến 20000",
    ),
    "cli.preview-too-large": (
        "{megapixels} megapixels is too large a preview (at most {limit}): "
        "choose a lower resolution",
        "ảnh xem trước {megapixels} megapixel là quá lớn (tối đa {limit}): "
        "hãy chọn độ phân giải thấp hơn",
    ),
    "cli.locality-or-brand": (
        "give either --locality or --brand",
        "chỉ dùng một trong hai: --locality hoặc --brand",
    ),
    "cli.logo-needs-locality": (
        "--logo and --footer go with --locality",
        "--logo và --footer chỉ dùng cùng --locality",
    ),
    "cli.output-folder": (
        "is a folder; give a file name ending in .{ext}",
        "là một thư mục: hãy cho tên tệp có đuôi .{ext}",
    ),
    "cli.output-extension": (
        "expected a file name ending in .{ext}",
        "cần tên tệp có đuôi .{ext}",
    ),
    "cli.print-options-on-deck": (
        "--marks, --cmyk, --pdfx and --bleed are for print posters, not slides",
        "--marks, --cmyk, --pdfx và --bleed dành cho áp phích in, không dành cho trang chiếu",
    ),
    "cli.subtitle-on-poster": (
        "is for the title slide of slide layouts, not for posters",
        "chỉ dành cho trang bìa của bản trình chiếu, không dành cho áp phích",
    ),
    "cli.bleed": (
        "{value:g} mm is not between 0 and 20 mm",
        "{value:g} mm không nằm trong khoảng 0 đến 20 mm",
    ),
    "cli.web-extra": (
        "the web page needs its extra packages ({package} is missing): pip install 'poster[web]'",
        "trang web cần các gói bổ sung (thiếu {package}): pip install 'poster[web]'",
    ),
    "logo.low-dpi": (
        "{name} is {width}×{height} px, {dpi} dpi at its printed size on {layout} "
        "(under {minimum} dpi: it may print blurred; give a larger image)",
        "{name} có {width}×{height} điểm ảnh, chỉ {dpi} dpi ở kích thước in trên khổ {layout} "
        "(dưới {minimum} dpi: bản in có thể bị mờ; hãy dùng ảnh lớn hơn)",
    ),
    "cli.jobs": ("must be at least 1", "phải ít nhất là 1"),
    "cli.jobs-capped": (
        "-j {asked}: this machine has {cpus} CPUs, using {cpus} worker processes",
        "-j {asked}: máy này có {cpus} CPU, sẽ chạy {cpus} tiến trình song song",
    ),
    "cli.jobs-capped-one": (
        "-j {asked}: this machine has 1 CPU, using 1 worker process",
        "-j {asked}: máy này có 1 CPU, sẽ chạy 1 tiến trình",
    ),
    "cli.interrupted": ("interrupted", "đã dừng theo yêu cầu"),
    "file.system": ("{reason}", "hệ thống không cho dùng tệp này ({reason})"),
    "cli.output-is-file": ("is a file; give a folder", "là một tệp: hãy cho một thư mục"),
    "cli.overlap": ("must be between 0 and 100 mm", "phải nằm trong khoảng 0 đến 100 mm"),
    "tile.overlap": (
        "{value:g} mm is too large for {sheet}",
        "{value:g} mm là quá lớn với khổ giấy {sheet}",
    ),
    "pdf.not-pdf": ("not a PDF file (no %PDF header)", "không phải tệp PDF"),
    "pdf.unreadable": ("not a readable PDF ({reason})", "không phải tệp PDF đọc được"),
    "tile.folder": ("is a folder, not a PDF file", "là một thư mục, không phải tệp PDF"),
    "tile.unreadable": ("not a readable PDF ({reason})", "không phải tệp PDF đọc được"),
    "tile.no-pages": ("the PDF has no pages", "tệp PDF không có trang nào"),
    "write.folder-create": ("cannot create: {reason}", "không tạo được thư mục"),
    "layout.same-name": (
        "two layouts are named {stem!r}: rename one of the files",
        "có hai khổ (layout) cùng tên {stem!r}: hãy đổi tên một tệp",
    ),
    # ---- a bug, a worker process that died (batch, the last-resort handler)
    "internal.error": (
        "internal error: {detail}",
        "lỗi bên trong chương trình ({detail}): đây không phải lỗi của dữ liệu, "
        "hãy báo cho người quản trị",
    ),
    "internal.error-debug": (
        "internal error: {detail} (run again with --debug for the details)",
        "lỗi bên trong chương trình ({detail}): đây không phải lỗi của dữ liệu; chạy lại "
        "với --debug để xem chi tiết và báo cho người quản trị",
    ),
    "worker.killed": (
        "the worker process rendering it was killed by {signal}, twice; the other rows go on",
        "tiến trình đang in dòng này bị dừng ({signal}) hai lần; các dòng khác vẫn tiếp tục",
    ),
    "worker.killed-oom": (
        "the worker process rendering it was killed by {signal} (out of memory?), twice; "
        "the other rows go on",
        "tiến trình đang in dòng này bị dừng ({signal}, có thể do máy hết bộ nhớ) hai lần; "
        "các dòng khác vẫn tiếp tục",
    ),
    "worker.ended": (
        "the worker process rendering it ended with status {status}, twice; the other rows go on",
        "tiến trình đang in dòng này dừng bất thường (mã {status}) hai lần; "
        "các dòng khác vẫn tiếp tục",
    ),
    # ---- localities
    "locality.unknown": (
        "no commune, ward or special zone {name!r}",
        "không có xã, phường hay đặc khu nào tên {name!r}",
    ),
    "locality.unknown-suggest": (
        "no commune, ward or special zone {name!r} (did you mean: {suggestions}?)",
        "không có xã, phường hay đặc khu nào tên {name!r} (có phải: {suggestions}?)",
    ),
    "locality.ambiguous": (
        "{name!r} names {count} units: add the province ({options})",
        "{name!r} là tên của {count} đơn vị: hãy thêm tên tỉnh ({options})",
    ),
    "locality.ambiguous-accents": (
        "{name!r} names {count} units: type the name with its accents ({options})",
        "{name!r} là tên của {count} đơn vị: hãy gõ tên có đủ dấu ({options})",
    ),
    "locality.old-unit": (
        "{old} is a district of before 1 July 2025, now {count} units: {options}. Give one of them",
        "{old} là huyện/thị xã/thành phố trước ngày 1/7/2025, nay gồm {count} đơn vị: "
        "{options}. Hãy chọn một đơn vị",
    ),
    "locality.old-unit-merged": (
        "{old} is a district of before 1 July 2025 ({old_province} merged into "
        "{new_province} on 1/7/2025), now {count} units: {options}. Give one of them",
        "{old} là huyện/thị xã/thành phố trước ngày 1/7/2025 ({old_province} đã hợp nhất "
        "vào {new_province} từ 1/7/2025), nay gồm {count} đơn vị: {options}. "
        "Hãy chọn một đơn vị",
    ),
    "locality.became": (
        "{old} (before 1 July 2025) is now {unit}",
        "{old} (trước ngày 1/7/2025) nay là {unit}",
    ),
    "locality.merged": (
        "{old} merged into {new} on 1/7/2025",
        "{old} đã hợp nhất vào {new} từ ngày 1/7/2025",
    ),
    "locality.province": (
        "{name!r} is a province, not a commune: for every commune and ward of it, run "
        'poster batch --province "{province}"',
        "{name!r} là một tỉnh, thành phố, không phải xã, phường: để in cho mọi xã, phường "
        'của tỉnh, chạy poster batch --province "{province}"',
    ),
    "locality.empty": (
        "give the name of a commune or ward",
        "hãy cho tên một xã, phường hoặc đặc khu",
    ),
    "province.unknown": (
        "no province named {name!r}",
        "không có tỉnh, thành phố nào tên {name!r}",
    ),
    "province.unknown-suggest": (
        "no province named {name!r} (did you mean: {suggestions}?)",
        "không có tỉnh, thành phố nào tên {name!r} (có phải: {suggestions}?)",
    ),
    "province.empty": ("give a province name", "hãy cho tên một tỉnh, thành phố"),
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

_TOO_LONG = "nội dung quá dài cho khổ này: hãy rút gọn."
_HEADER_FULL = "các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: hãy bớt dòng hoặc rút gọn."
_CONTRAST = (
    "màu {fg} trên {surface_word} {bg} có độ tương phản {ratio:.2f}:1, "
    "cần ít nhất {minimum:g}:1 (WCAG AA)"
)

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
    "colour.invalid": "không phải mã màu: {value!r} (cần dạng #RRGGBB, ví dụ #B3261E).",
    "contrast.low": _CONTRAST + ": hãy chọn màu đậm hơn.",
    "contrast.low-fix": _CONTRAST + ": màu {suggestion} cùng tông màu đạt "
    "{suggestion_ratio:.2f}:1.",
}

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
}


class _Decimal(float):
    """A float that formats with a decimal comma (Vietnamese)."""

    def __format__(self, spec: str) -> str:
        return float.__format__(self, spec).replace(".", ",")


def _word(value: Any, lang: str) -> str:
    pair = WORDS.get(str(value))
    if pair is None:
        return f"`{value}`" if lang == "en" else str(value)
    return pair[LANGS.index(lang)]


def say(
    code: str, lang: str, params: Mapping[str, Any], fallback: str = "", page: bool = False
) -> str:
    """The message of `code` in `lang`, made from `params`; `page`: the web page's wording."""
    pair = MESSAGES.get(code)
    if pair is None:
        return fallback or code
    template = pair[LANGS.index(lang) if lang in LANGS else 0]
    if page and lang == "vi":
        template = PAGE.get(code, template)
    values: dict[str, Any] = {}
    for key, value in params.items():
        if key.endswith("_word"):
            value = _word(value, lang)
        elif lang == "vi" and isinstance(value, float):
            value = _Decimal(value)
        values[key] = value
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return fallback or template
