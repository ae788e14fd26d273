"""Messages about the files a user gives: reading files and YAML, the fields' values,
images, and the brand's checks (contrast)."""

from __future__ import annotations

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
    "text.control": (
        "has the control character {char} (it does not print, or it turns the text "
        "around): remove it",
        "có ký tự điều khiển {char} (không in được, hoặc làm đảo chiều chữ): hãy xoá ký tự này",
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
    "icon.cannot-read": (
        "cannot read the icon {name}: {reason}",
        "không đọc được tệp biểu tượng {name}",
    ),
    "icon.not-regular": (
        "the icon {name} is {other_word}, not {what_word}",
        "biểu tượng {name} là {other_word}, không phải {what_word}",
    ),
    "icon.file-too-large": (
        "the icon {name} is {size}; {kind_word} is at most {limit}: simplify it or use a "
        "shipped icon",
        "biểu tượng {name} nặng {size}, quá giới hạn: {kind_word} chỉ được tối đa {limit}; "
        "hãy làm đơn giản hình hoặc dùng biểu tượng có sẵn",
    ),
    "icons.too-large": (
        "the icons of the content together are {size}; at most {limit}: use simpler icons "
        "or shipped ones",
        "các biểu tượng của tệp nội dung cộng lại nặng {size}, quá giới hạn {limit}: hãy dùng "
        "biểu tượng đơn giản hơn hoặc biểu tượng có sẵn",
    ),
    "icon.not-svg": (
        "{name} is {what_word}, not an SVG drawing: give an SVG file (convert the picture to "
        "SVG, or use a shipped icon)",
        "{name} là {what_word}, không phải hình vẽ SVG: hãy dùng tệp SVG (chuyển hình sang "
        "SVG, hoặc dùng biểu tượng có sẵn)",
    ),
    "icon.not-utf8": (
        "{name} is not UTF-8 text: save the SVG with UTF-8 encoding",
        "{name} không phải văn bản UTF-8: hãy lưu tệp SVG với bảng mã UTF-8",
    ),
    "icon.xml": (
        "{name} is not well-formed XML (line {row}: {reason})",
        "{name} không phải XML hợp lệ (dòng {row}): hãy xuất lại tệp SVG",
    ),
    "icon.entities": (
        "{name} declares the XML entity {entity!r}: save it as plain SVG (Inkscape: "
        "Save As, Plain SVG)",
        "{name} khai báo thực thể XML {entity!r}: hãy lưu ở dạng SVG thuần (Inkscape: "
        "Lưu thành, Plain SVG)",
    ),
    "icon.elements": (
        "{name} has more than {limit:,} elements: simplify it (fewer, combined paths) or "
        "use a shipped icon",
        "{name} có hơn {limit} phần tử: hãy làm đơn giản hình (ít đường hơn, gộp các "
        "đường) hoặc dùng biểu tượng có sẵn",
    ),
    "icon.not-svg-root": (
        "{name} is XML but not SVG (its root element is <{root}>)",
        "{name} là XML nhưng không phải SVG (phần tử gốc là <{root}>)",
    ),
    "icon.link": (
        "{name} links outside itself (<{element}> to {href!r}): an icon must hold all it draws",
        "{name} liên kết ra ngoài tệp (<{element}> tới {href!r}): biểu tượng phải tự chứa "
        "mọi thứ nó vẽ",
    ),
    "icon.size": (
        "{name}: {attribute} is {value}; an icon's width, height and viewBox must be "
        "positive and at most {limit:,} units",
        "{name}: {attribute} là {value}; chiều rộng, chiều cao và viewBox của biểu tượng "
        "phải là số dương, tối đa {limit} đơn vị",
    ),
    "icon.image": (
        "{name} holds a picture (<image>): an icon is a line drawing printed in the brand's "
        "colour; trace the picture into paths, or use a shipped icon",
        "{name} chứa ảnh (<image>): biểu tượng là hình nét vẽ in bằng màu của đơn vị; hãy "
        "chuyển ảnh thành đường nét (vector), hoặc dùng biểu tượng có sẵn",
    ),
    "icon.unreadable": (
        "{name} cannot be drawn ({reason})",
        "không vẽ được biểu tượng {name}: hãy xuất lại tệp SVG",
    ),
    "icon.outside": (
        "{name} draws far outside its own box (its viewBox): fit the drawing to its box",
        "{name} vẽ ra xa ngoài khung của chính nó (viewBox): hãy đặt hình vẽ vừa khung",
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
    "footer.last-column-masonry": (
        "a footer at the foot of the last column needs masonry columns (grid.flow: masonry)",
        "chân trang ở cuối cột cuối cần kiểu xếp cột masonry (grid.flow: masonry)",
    ),
    "grid.masonry-order": (
        "masonry columns are read down ('down')",
        "các cột kiểu masonry đọc từ trên xuống ('down')",
    ),
    "url.invalid": (
        "not a web address: {value!r} (expected https://…)",
        "không phải địa chỉ web: {value!r} (cần dạng https://…)",
    ),
    "url.too-long-for-qr": (
        "the link is {length:,} characters; a QR code holds at most {limit:,}: shorten it "
        "or use a short link",
        "đường dẫn dài {length} ký tự; mã QR chứa được tối đa {limit}: hãy rút gọn "
        "hoặc dùng một đường dẫn ngắn",
    ),
    "url.too-long-for-qr-bytes": (
        "the link takes {length:,} bytes in a QR code (a letter with accents takes 2 or 3); "
        "a QR code holds at most {limit:,}: shorten it or use a short link",
        "đường dẫn chiếm {length} byte trong mã QR (mỗi chữ có dấu chiếm 2 hoặc 3); mã QR "
        "chứa được tối đa {limit}: hãy rút gọn hoặc dùng một đường dẫn ngắn",
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
    "image.too-many-pixels": (
        "{name} is too large an image: {width} × {height} pixels, at most {side} × {side} "
        "(a logo needs about 1000 × 1000)",
        "{name} là ảnh quá lớn: {width} × {height} điểm ảnh, tối đa {side} × {side} "
        "(logo chỉ cần khoảng 1000 × 1000)",
    ),
    "image.bomb": (
        "{name} is too large an image: more than {side} × {side} pixels "
        "(a logo needs about 1000 × 1000)",
        "{name} là ảnh quá lớn: hơn {side} × {side} điểm ảnh (logo chỉ cần khoảng 1000 × 1000)",
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
    "contrast.low-fix-moved": (
        "{fg} on {surface_word} {bg} has contrast {ratio:.2f}:1, "
        "needs at least {minimum:g}:1 (WCAG AA); {suggestion} (its hue moved, so that the "
        "two sides' boxes are told apart too) has {suggestion_ratio:.2f}:1",
        "màu {fg} trên {surface_word} {bg} có độ tương phản {ratio:.2f}:1, "
        "cần ít nhất {minimum:g}:1 (WCAG AA); màu {suggestion} (đổi tông màu để hai cột "
        "cũng dễ phân biệt) đạt {suggestion_ratio:.2f}:1",
    ),
    "contrast.low-band": (
        "{fg} on {surface_word} {bg} has contrast {ratio:.2f}:1, "
        "needs at least {minimum:g}:1 (WCAG AA); {suggestion} of the same hue is light "
        "enough for a light header band with black text ({suggestion_ratio:.2f}:1), links "
        "and numbers then in black",
        "màu {fg} trên {surface_word} {bg} có độ tương phản {ratio:.2f}:1, "
        "cần ít nhất {minimum:g}:1 (WCAG AA); màu {suggestion} cùng tông màu đủ sáng để "
        "làm dải đầu trang sáng với chữ đen ({suggestion_ratio:.2f}:1), đường dẫn và số "
        "thứ tự khi đó in màu đen",
    ),
    # ---- the two sides told apart (issue 19.2)
    "sides.alike": (
        "{fg} is too like {other_word} {other}: the two sides' boxes {fill} and {other_fill} "
        "are ΔE00 {delta:.1f} apart, need at least {minimum:g} to be told apart at a glance",
        "màu {fg} quá giống {other_word} {other}: hai nền ô {fill} và {other_fill} chỉ cách "
        "nhau ΔE00 {delta:.1f}, cần ít nhất {minimum:g} để nhìn là phân biệt được hai cột",
    ),
    "sides.alike-fix": (
        "{fg} is too like {other_word} {other}: the two sides' boxes {fill} and {other_fill} "
        "are ΔE00 {delta:.1f} apart, need at least {minimum:g} to be told apart at a "
        "glance; {suggestion} gives ΔE00 {suggestion_delta:.1f} and passes the contrast checks",
        "màu {fg} quá giống {other_word} {other}: hai nền ô {fill} và {other_fill} chỉ cách "
        "nhau ΔE00 {delta:.1f}, cần ít nhất {minimum:g} để nhìn là phân biệt được hai cột; "
        "màu {suggestion} đạt ΔE00 {suggestion_delta:.1f} và đủ độ tương phản",
    ),
    "sides.pale": (
        "{fg} is too pale: its side's box {fill} is ΔE00 {delta:.1f} from the white tile, "
        "needs at least {minimum:g} to be seen",
        "màu {fg} quá nhạt: nền ô {fill} chỉ cách ô nền trắng ΔE00 {delta:.1f}, "
        "cần ít nhất {minimum:g} để nhìn thấy",
    ),
    "sides.pale-fix": (
        "{fg} is too pale: its side's box {fill} is ΔE00 {delta:.1f} from the white tile, "
        "needs at least {minimum:g} to be seen; {suggestion} gives ΔE00 {suggestion_delta:.1f}",
        "màu {fg} quá nhạt: nền ô {fill} chỉ cách ô nền trắng ΔE00 {delta:.1f}, "
        "cần ít nhất {minimum:g} để nhìn thấy; màu {suggestion} đạt ΔE00 {suggestion_delta:.1f}",
    ),
}
