"""Messages of the print checks: `poster check` (preflight) and `poster tile`.

A finding of the preflight is a code (`check.…`) with its parameters; its fix is another
code (`check.fix-…`). Parts of a sentence that depend on what was found (what paints, a
side of the page) are codes too, worded first and passed as parameters.
"""

from __future__ import annotations

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
    # a brand colour the press cannot print (FILE is the colour): a warning
    "print.out-of-gamut": (
        "outside {condition}, the press's colours: printed as {inks}, ΔE00 {delta:.1f} from it",
        "nằm ngoài gam màu in {condition}: sẽ in thành {inks}, lệch ΔE00 {delta:.1f}",
    ),
    # ---- reading the PDF within bounds (check and tile; exit 2)
    "pdf.no-pages": (
        "the PDF has no pages: nothing to check or tile (export the document again)",
        "tệp PDF không có trang nào: không có gì để kiểm tra hay chia tờ (hãy xuất lại tài liệu)",
    ),
    "pdf.encrypted": (
        "the PDF is protected by a password: save a copy without the password first",
        "tệp PDF được bảo vệ bằng mật khẩu: hãy lưu một bản không có mật khẩu rồi thử lại",
    ),
    "pdf.too-many-pages": (
        "has {count:,} pages; check and tile read at most {limit:,} (limits.PDF_PAGES): "
        "split it first, e.g. `qpdf --split-pages`",
        "có {count} trang; lệnh check và tile chỉ đọc tối đa {limit} trang "
        "(limits.PDF_PAGES): hãy tách tệp trước, ví dụ bằng `qpdf --split-pages`",
    ),
    "pdf.too-many-objects": (
        "holds {count:,} objects; at most {limit:,} are read (limits.PDF_OBJECTS)",
        "có {count} đối tượng; chỉ đọc tối đa {limit} (limits.PDF_OBJECTS)",
    ),
    "pdf.stream-inflates": (
        "a compressed stream (at byte {offset:,}) inflates past {limit} (limits.{bound}): "
        "a compression bomb or a damaged file, refused",
        "một luồng dữ liệu nén (ở byte {offset}) giải nén ra hơn {limit} (limits.{bound}): "
        "tệp bị hỏng hoặc cố ý gây tràn bộ nhớ, không đọc",
    ),
    "pdf.inflates": (
        "its compressed streams inflate past {limit} together (limits.PDF_INFLATED): refused",
        "các luồng dữ liệu nén giải nén ra tổng cộng hơn {limit} (limits.PDF_INFLATED): không đọc",
    ),
    "pdf.content-inflates": (
        "page {page}: its drawing instructions (a content stream) inflate past {limit} "
        "(limits.{bound}): too complex to read; simplify or rasterise the artwork",
        "trang {page}: lệnh vẽ (một luồng nội dung) giải nén ra hơn {limit} "
        "(limits.{bound}): quá phức tạp để đọc; hãy đơn giản hóa hình vẽ hoặc chuyển thành ảnh",
    ),
    "pdf.too-complex": (
        "more than {limit:,} drawing instructions (limits.PDF_OPERATIONS): too complex to "
        "check; simplify the artwork or check fewer pages at a time",
        "hơn {limit} lệnh vẽ (limits.PDF_OPERATIONS): quá phức tạp để kiểm tra; hãy đơn giản "
        "hóa hình vẽ hoặc kiểm tra ít trang hơn mỗi lần",
    ),
    "pdf.page-box": (
        "page {page}: its {box} is not four numbers: a damaged PDF, export it again",
        "trang {page}: {box} không phải bốn con số: tệp PDF bị hỏng, hãy xuất lại",
    ),
    "pdf.page-size": (
        "page {page}: its {box} is {w} × {h} pt; a page is 3 to 14,400 pt (200 in) a side",
        "trang {page}: {box} có kích thước {w} × {h} pt; một trang PDF chỉ từ 3 đến 14400 pt "
        "(200 inch) mỗi cạnh",
    ),
    "pdf.image-too-large": (
        "page {page}: image {name} is {width:,} × {height:,} px ({size} uncompressed); at most "
        "{limit} (limits.PDF_STREAM_INFLATED): scale it down before placing it",
        "trang {page}: ảnh {name} có {width} × {height} điểm ảnh ({size} khi giải nén); "
        "tối đa {limit} (limits.PDF_STREAM_INFLATED): hãy thu nhỏ ảnh trước khi đặt vào",
    ),
    "pdf.damaged-stream": (
        "page {page}: a stream cannot be decoded ({reason})",
        "trang {page}: có một luồng dữ liệu không giải mã được: tệp PDF bị hỏng, hãy xuất lại",
    ),
    "pdf.damaged": (
        "a damaged PDF: its structure is not what it says ({reason})",
        "tệp PDF bị hỏng: cấu trúc bên trong không đúng như khai báo; hãy xuất lại tệp",
    ),
    # ---- the report
    "check.header": ("{file}: {pages} page(s)", "{file}: {pages} trang"),
    "check.legend": (
        "positions: x; y in mm from the top left corner of the trim box",
        "vị trí: x; y tính bằng mm từ góc trên bên trái của khổ thành phẩm (TrimBox)",
    ),
    "check.mark-ok": ("ok", "đạt"),
    "check.mark-warning": ("WARN", "CHÚ Ý"),
    "check.mark-error": ("ERROR", "LỖI"),
    "check.passed": (
        "preflight passed: {errors} error(s), {warnings} warning(s)",
        "kiểm tra đạt: {errors} lỗi, {warnings} điều cần chú ý",
    ),
    "check.failed": (
        "preflight FAILED: {errors} error(s), {warnings} warning(s)",
        "kiểm tra KHÔNG ĐẠT: {errors} lỗi, {warnings} điều cần chú ý",
    ),
    "check.where-page": ("page {page}", "trang {page}"),
    "check.where-at": ("page {page} (x {x}; y {y} mm)", "trang {page} (x {x}; y {y} mm)"),
    "check.more": (" (and {n} more)", " (và {n} chỗ khác)"),
    "check.progress-walk": ("reading page {done}/{total}", "đang đọc trang {done}/{total}"),
    "check.progress-look": (
        "looking at page {done}/{total}",
        "đang xem bản tách màu trang {done}/{total}",
    ),
    "check.progress-qr": (
        "QR codes of page {done}/{total}",
        "đang đọc mã QR trang {done}/{total}",
    ),
    "check.topic-pdfx": ("pdfx", "PDF/X"),
    "check.topic-page": ("page", "trang"),
    "check.topic-bleed": ("bleed", "tràn lề"),
    "check.topic-fonts": ("fonts", "phông chữ"),
    "check.topic-images": ("images", "ảnh"),
    "check.topic-colour": ("colour", "màu"),
    "check.topic-text": ("text", "chữ"),
    "check.topic-transparency": ("transparency", "trong suốt"),
    "check.topic-annotations": ("annotations", "chú thích"),
    "check.topic-ink": ("ink", "mực"),
    "check.topic-qr": ("qr", "mã QR"),
    "check.topic-layout": ("layout", "khổ"),
    # ---- PDF/X
    "check.pdfx-missing": (
        "not PDF/X: no /GTS_PDFXVersion in the document info",
        "không phải PDF/X: thông tin tài liệu không có /GTS_PDFXVersion",
    ),
    "check.pdfx-declares": ("declares {version}", "khai báo {version}"),
    "check.pdfx-conformance": (
        "no /GTS_PDFXConformance in the document info",
        "thông tin tài liệu thiếu /GTS_PDFXConformance",
    ),
    "check.pdfx-trapped": (
        "/Trapped must be /True or /False",
        "/Trapped phải là /True hoặc /False",
    ),
    "check.pdfx-title": ("no /Title in the document info", "thông tin tài liệu thiếu /Title"),
    "check.pdfx-id": ("no document ID in the trailer", "tệp thiếu mã định danh tài liệu (/ID)"),
    "check.pdfx-no-intent": (
        "no OutputIntent /GTS_PDFX: the press condition is unknown",
        "không có OutputIntent /GTS_PDFX: nhà in không biết tệp được làm cho điều kiện in nào",
    ),
    "check.pdfx-intent-no-profile": (
        "OutputIntent {name}: no profile embedded",
        "OutputIntent {name}: không nhúng hồ sơ màu (ICC)",
    ),
    "check.pdfx-custom-no-profile": (
        "OutputIntent Custom without a profile",
        "OutputIntent Custom mà không có hồ sơ màu (ICC)",
    ),
    "check.pdfx-intent-not-cmyk": (
        "OutputIntent {name}: its profile has {n} components, not the 4 of CMYK",
        "OutputIntent {name}: hồ sơ màu có {n} thành phần, không phải 4 thành phần CMYK",
    ),
    "check.pdfx-intent": (
        "OutputIntent {name}, profile embedded ({n} components)",
        "OutputIntent {name}, đã nhúng hồ sơ màu ({n} thành phần)",
    ),
    "check.pdfx-version-1a": (
        "{declared} is PDF 1.3 or 1.4; the file says {version}",
        "{declared} phải là PDF 1.3 hoặc 1.4; tệp ghi là {version}",
    ),
    "check.pdfx-version-4": (
        "{declared} is PDF 1.6; the file says {version}",
        "{declared} phải là PDF 1.6; tệp ghi là {version}",
    ),
    "check.pdfx-xmp": (
        "{declared} must say so in its XMP metadata",
        "{declared} phải được ghi cả trong siêu dữ liệu XMP",
    ),
    "check.fix-pdfx": (
        "render with --pdfx, or export as PDF/X-1a from the program that made it",
        "hãy xuất lại bằng `poster render --pdfx`, hoặc xuất PDF/X-1a từ phần mềm đã tạo tệp",
    ),
    # ---- pages and bleed
    "check.page-sheets": (
        "{pages} pages, none with a TrimBox: a deck or sheets for an office printer "
        "(printed as they are, no trim expected)",
        "{pages} trang, không trang nào có TrimBox: bài trình chiếu hoặc các tờ in văn phòng "
        "(in nguyên trang, không cần xén)",
    ),
    "check.page-media": ("MediaBox {w} × {h} mm", "khổ giấy (MediaBox) {w} × {h} mm"),
    "check.page-trim": ("TrimBox {w} × {h} mm", "khổ thành phẩm (TrimBox) {w} × {h} mm"),
    "check.page-no-trim": (
        "no TrimBox: the print shop must guess the size",
        "không có TrimBox: nhà in phải tự đoán khổ thành phẩm",
    ),
    "check.fix-trim": (
        "render with --pdfx (or set the trim box when exporting)",
        "hãy xuất lại bằng `poster render --pdfx` (hoặc đặt TrimBox khi xuất tệp)",
    ),
    "check.bleed-none": ("no BleedBox", "không có vùng tràn lề (BleedBox)"),
    "check.bleed-box": (
        "BleedBox {w} × {h} mm, bleed {bleed} mm",
        "vùng tràn lề (BleedBox) {w} × {h} mm, tràn lề {bleed} mm",
    ),
    "check.bleed-short": (
        "BleedBox {w} × {h} mm, bleed only {bleed} mm",
        "vùng tràn lề (BleedBox) {w} × {h} mm, tràn lề chỉ {bleed} mm",
    ),
    "check.bleed-paper": (
        "no bleed: layout {name} prints on paper inside a white margin (an office printer)",
        "không tràn lề: khổ {name} in trên giấy, trong một lề trắng (máy in văn phòng)",
    ),
    "check.fix-bleed": (
        "give 3 mm of bleed (poster render --bleed 3)",
        "hãy để tràn lề 3 mm (poster render --bleed 3)",
    ),
    "check.bleed-stops": (
        "artwork stops at the trim along the {side} for {length} mm ({total} mm in all): the "
        "bleed there is blank paper, and a cut a hair off leaves a white edge",
        "hình vẽ dừng ngay ở đường xén dọc {side} trên {length} mm (tổng cộng {total} mm): "
        "phần tràn lề ở đó để trắng, xén lệch một chút sẽ lộ viền trắng",
    ),
    "check.side-left": ("left edge", "cạnh trái"),
    "check.side-right": ("right edge", "cạnh phải"),
    "check.side-top": ("top edge", "cạnh trên"),
    "check.side-bottom": ("bottom edge", "cạnh dưới"),
    "check.fix-bleed-art": (
        "extend the background {bleed} mm beyond the trim, to the bleed box",
        "hãy kéo dài nền ra ngoài đường xén {bleed} mm, tới hết vùng tràn lề",
    ),
    # ---- fonts
    "check.font-type3": ("{font} (Type3, drawn in the file)", "{font} (Type3, vẽ ngay trong tệp)"),
    "check.font-embedded": ("{font} ({kind}, embedded)", "{font} ({kind}, đã nhúng)"),
    "check.font-subset": (
        "{font} ({kind}, embedded, subset)",
        "{font} ({kind}, đã nhúng phần dùng đến)",
    ),
    "check.font-missing": (
        "{font} ({kind}) is not embedded: the printer will substitute it",
        "phông {font} ({kind}) không được nhúng: máy in sẽ thay bằng phông khác",
    ),
    "check.fix-font": (
        "export again with every font embedded",
        "hãy xuất lại tệp với tất cả phông chữ được nhúng",
    ),
    # ---- images
    "check.image-named": ("image {name}", "ảnh {name}"),
    "check.image-inline": ("an inline image", "ảnh nhúng ngay trong lệnh vẽ"),
    "check.image": (
        "{image} {w}×{h} px ({space}) printed {w_mm}×{h_mm} mm: {ppi} ppi{more}",
        "{image} {w}×{h} điểm ảnh ({space}) in ra {w_mm}×{h_mm} mm: {ppi} ppi{more}",
    ),
    "check.image-low": (
        "{image} {w}×{h} px ({space}) printed {w_mm}×{h_mm} mm: {ppi} ppi{more} "
        "(under {limit} ppi for {use}: {effect})",
        "{image} {w}×{h} điểm ảnh ({space}) in ra {w_mm}×{h_mm} mm: {ppi} ppi{more} "
        "(dưới {limit} ppi khi {use}: {effect})",
    ),
    "check.effect-soft": ("it may print soft", "in ra có thể không sắc nét"),
    "check.effect-blurred": ("it prints blurred", "in ra sẽ bị nhòe"),
    "check.use-offset": ("offset print", "in offset"),
    "check.use-office": ("an office or digital printer", "in máy văn phòng hoặc in kỹ thuật số"),
    "check.use-large": (
        "large-format print read from metres",
        "in khổ lớn, xem từ vài mét",
    ),
    "check.fix-resolution": (
        "use an image of at least {w}×{h} px ({ppi} ppi at this size), or print it at most "
        "{w_mm}×{h_mm} mm",
        "hãy dùng ảnh ít nhất {w}×{h} điểm ảnh ({ppi} ppi ở cỡ này), hoặc in nhỏ lại, tối đa "
        "{w_mm}×{h_mm} mm",
    ),
    "check.fix-resolution-image": (
        "use an image of at least {w}×{h} px ({ppi} ppi at this size), or a drawing (vector)",
        "hãy dùng ảnh ít nhất {w}×{h} điểm ảnh ({ppi} ppi ở cỡ này), hoặc hình vẽ dạng vector",
    ),
    "check.image-box": (
        "{image} prints a box: its edge {edge} on {under} around it (ΔE {de})",
        "{image} in ra thành một khung hình chữ nhật: viền ảnh {edge} trên nền {under} "
        "xung quanh (ΔE {de})",
    ),
    "check.fix-box": (
        "give the image a transparent background, or the exact colour under it",
        "hãy dùng ảnh có nền trong suốt, hoặc nền đúng màu của vùng nằm dưới ảnh",
    ),
    # ---- colour
    "check.colour-spaces": ("colour spaces: {spaces}", "hệ màu: {spaces}"),
    "check.colour-spots": (
        "spot colours: {names} (each prints on a plate of its own)",
        "màu pha: {names} (mỗi màu in một bản riêng)",
    ),
    "check.colour-rgb": (
        "{space} in a file for CMYK print: {what}, {count}× (the shop's RIP will convert it)",
        "{space} trong tệp in CMYK: {what}, {count} lần (RIP của nhà in sẽ tự chuyển màu)",
    ),
    "check.colour-icc": (
        "ICC-based colour ({space}) in a PDF/X-1a file (only CMYK and spot colours): {what}, "
        "{count}×",
        "màu theo hồ sơ ICC ({space}) trong tệp PDF/X-1a (chỉ được dùng CMYK và màu pha): "
        "{what}, {count} lần",
    ),
    "check.fix-rgb": (
        "render with --pdfx, or convert it to CMYK for the press (FOGRA39)",
        "hãy xuất lại bằng `poster render --pdfx`, hoặc chuyển sang CMYK cho máy in (FOGRA39)",
    ),
    "check.colour-not-offset": (
        "not for offset: the colours are {spaces}, which a print shop's RIP separates its own "
        "way (black text turns into four-colour black)",
        "tệp này không dùng để in offset: màu ở hệ {spaces}, RIP của nhà in sẽ tự tách màu "
        "(chữ đen thành đen bốn màu)",
    ),
    "check.fix-offset": (
        "render with --pdfx for offset print",
        "để in offset, hãy xuất lại bằng `poster render --pdfx`",
    ),
    "check.paint": ("{what}", "{what}"),
    "check.paint-via": ("{what} {via}", "{what} {via}"),
    "check.what-fill": ("a filled shape", "hình tô màu"),
    "check.what-stroke": ("a line", "nét vẽ"),
    "check.what-text": ("text", "chữ"),
    "check.what-image": ("an image", "ảnh"),
    "check.what-inline-image": ("an inline image", "ảnh nhúng ngay trong lệnh vẽ"),
    "check.what-shading": ("a shading (gradient)", "dải chuyển màu"),
    "check.what-pattern": ("a pattern", "mẫu tô"),
    "check.what-glyph": ("a Type 3 glyph", "nét chữ Type 3"),
    "check.via-form": ("in a form XObject", "trong một khối vẽ dùng lại (XObject)"),
    "check.via-pattern": ("in a tiling pattern", "trong một mẫu tô lặp"),
    "check.via-annotation": (
        "in an annotation's appearance",
        "trong hình hiển thị của một chú thích (Annot)",
    ),
    "check.via-glyph": ("in a Type 3 glyph", "trong nét chữ Type 3"),
    # ---- text
    "check.text-rgb": (
        "text in {space}: {count} text run(s) from {smallest} pt, page(s) {pages}",
        "chữ ở hệ màu {space}: {count} đoạn chữ, nhỏ nhất {smallest} pt, trang {pages}",
    ),
    "check.text-black": (
        "black text in {values}, not 100 % K: {count} text run(s) from {smallest} pt, "
        "page(s) {pages}",
        "chữ đen in bằng {values}, không phải 100 % K: {count} đoạn chữ, nhỏ nhất "
        "{smallest} pt, trang {pages}",
    ),
    "check.fix-black": (
        "print black text in 100 % K alone",
        "hãy in chữ đen chỉ bằng một màu K 100 %",
    ),
    "check.text-knockout": (
        "100 % K text does not overprint (knocks out, white halo): {count} text run(s) from "
        "{smallest} pt, page(s) {pages}",
        "chữ K 100 % không in chồng mà đục nền, dễ lộ viền trắng: {count} đoạn chữ, "
        "nhỏ nhất {smallest} pt, trang {pages}",
    ),
    "check.fix-overprint": (
        "set black text to overprint",
        "hãy đặt chữ đen ở chế độ in chồng",
    ),
    "check.text-small-inks": (
        "text under {limit:g} pt in {inks} inks ({values}): {count} text run(s) from "
        "{smallest} pt, page(s) {pages}",
        "chữ nhỏ hơn {limit:g} pt in bằng {inks} màu mực ({values}): {count} đoạn chữ, nhỏ "
        "nhất {smallest} pt, trang {pages}",
    ),
    "check.fix-small-inks": (
        "print small text in one or two inks",
        "hãy in chữ nhỏ bằng một hoặc hai màu mực",
    ),
    "check.text-ok": (
        "black text 100 % K, small text in at most two inks",
        "chữ đen in 100 % K, chữ nhỏ in tối đa hai màu mực",
    ),
    "check.text-reversed": (
        "white text of {size} pt on a background of {inks} inks ({values}), {count} text "
        "run(s): a hair of misregistration fringes it with colour",
        "chữ trắng cỡ {size} pt trên nền {inks} màu mực ({values}), {count} đoạn chữ: các bản "
        "in lệch nhau một chút là chữ bị viền màu",
    ),
    "check.text-reversed-bold": (
        "white bold text of {size} pt on a background of {inks} inks ({values}), {count} text "
        "run(s): a hair of misregistration fringes it with colour",
        "chữ trắng đậm cỡ {size} pt trên nền {inks} màu mực ({values}), {count} đoạn chữ: các "
        "bản in lệch nhau một chút là chữ bị viền màu",
    ),
    "check.fix-reversed": (
        "set it on a background of one or two inks, or make it at least {regular:g} pt "
        "({bold:g} pt bold)",
        "hãy đặt chữ trên nền một hoặc hai màu mực, hoặc tăng cỡ chữ lên ít nhất {regular:g} pt "
        "({bold:g} pt nếu chữ đậm)",
    ),
    # ---- transparency
    "check.transparency-smask": (
        "graphics state {name} has a soft mask",
        "trạng thái đồ họa {name} có mặt nạ mềm (SMask)",
    ),
    "check.transparency-alpha": (
        "graphics state {name} makes things see-through (alpha under 1)",
        "trạng thái đồ họa {name} làm hình vẽ trong suốt (alpha nhỏ hơn 1)",
    ),
    "check.transparency-blend": (
        "graphics state {name} blends colours (a blend mode)",
        "trạng thái đồ họa {name} hòa trộn màu (/BM)",
    ),
    "check.transparency-image-smask": (
        "image {name} has a soft mask",
        "ảnh {name} có mặt nạ mềm (SMask)",
    ),
    "check.transparency-group": (
        "a transparency group (a form XObject)",
        "một nhóm trong suốt (/Group) trong khối vẽ",
    ),
    "check.transparency-page-group": (
        "the page is a transparency group",
        "cả trang là một nhóm trong suốt (/Group)",
    ),
    "check.transparency-x1a": (
        "{what}{more}: PDF/X-1a allows no transparency",
        "{what}{more}: PDF/X-1a không cho phép độ trong suốt",
    ),
    "check.transparency-version": (
        "{what}{more}: transparency needs PDF 1.4, the file says {version}",
        "{what}{more}: độ trong suốt cần PDF 1.4 trở lên, tệp ghi là {version}",
    ),
    "check.fix-flatten": (
        "flatten the transparency (render with --pdfx does), or export as PDF/X-4",
        "hãy làm phẳng độ trong suốt (`poster render --pdfx` tự làm), hoặc xuất PDF/X-4",
    ),
    # ---- annotations
    "check.annot-prints": (
        "a {kind} annotation inside the trim, set to print",
        "một chú thích (Annot) loại {kind} nằm trong khổ thành phẩm và được đặt để in ra",
    ),
    "check.annot-inside": (
        "a {kind} annotation inside the trim (PDF/X allows none there)",
        "một chú thích (Annot) loại {kind} nằm trong khổ thành phẩm (PDF/X không cho phép)",
    ),
    "check.annot-field": (
        "form field {name} inside the trim (PDF/X allows none there)",
        "trường biểu mẫu {name} nằm trong khổ thành phẩm (PDF/X không cho phép)",
    ),
    "check.fix-annotation": (
        "delete it, or flatten it into the page, before sending to print",
        "hãy xóa chú thích, hoặc gộp nó vào trang, trước khi gửi in",
    ),
    "check.fix-field": (
        "flatten the form into the page before sending to print",
        "hãy gộp biểu mẫu vào trang trước khi gửi in",
    ),
    # ---- ink
    "check.ink-over": (
        "total ink {ink} % (limit {limit} %)",
        "tổng lượng mực {ink} % (tối đa {limit} %)",
    ),
    "check.ink-ok": (
        "total ink at most {ink} % (limit {limit} %)",
        "tổng lượng mực cao nhất {ink} % (tối đa {limit} %)",
    ),
    "check.fix-ink": (
        "separate with the press profile (render with --pdfx), or lighten the darkest colour",
        "hãy tách màu theo hồ sơ của máy in (`poster render --pdfx`), hoặc làm nhạt màu tối nhất",
    ),
    "check.ink-no-gs": (
        "total ink, bleed and reversed text not looked at (ghostscript not found)",
        "chưa xem được tổng lượng mực, tràn lề và chữ trắng (không tìm thấy ghostscript)",
    ),
    "check.ink-gs-failed": (
        "total ink, bleed and reversed text not looked at (ghostscript failed)",
        "chưa xem được tổng lượng mực, tràn lề và chữ trắng (ghostscript không chạy được)",
    ),
    # ---- QR codes
    "check.qr": ("QR code → {text}", "mã QR → {text}"),
    "check.qr-none": ("no QR code found", "không tìm thấy mã QR nào"),
    "check.qr-unreadable": (
        "cannot rasterise the file to look for QR codes",
        "không dựng được hình trang để tìm mã QR",
    ),
    # ---- the rules of the layout a file was made for (preflight/layout.py)
    "check.layout-named": (
        "the rules of layout {name}, which the file's metadata says it was made with",
        "áp dụng quy tắc riêng của khổ {name}, khổ mà siêu dữ liệu của tệp ghi là đã dùng",
    ),
    "check.layout-asked": (
        "the rules of layout {name} (--layout)",
        "áp dụng quy tắc riêng của khổ {name} (--layout)",
    ),
    "check.layout-no-rules": (
        "layout {name} has no rules of its own beyond the print checks",
        "khổ {name} không có quy tắc riêng ngoài các bước kiểm tra in",
    ),
    "check.layout-size": (
        "the page is {w} × {h} mm, layout {name} is {lw} × {lh} mm: its rules are applied "
        "all the same",
        "trang có kích thước {w} × {h} mm, khổ {name} là {lw} × {lh} mm: vẫn áp dụng "
        "quy tắc của khổ này",
    ),
    "check.photocopy-text": (
        "text {ink} on {ground} is {ratio:.1f}:1 in grey, under {limit:g}:1: a black-and-white "
        "photocopy makes it hard to read{more}",
        "chữ màu {ink} trên nền {ground} chỉ tương phản {ratio:.1f}:1 ở thang xám, dưới "
        "{limit:g}:1: bản photocopy đen trắng sẽ khó đọc{more}",
    ),
    "check.fix-photocopy-text": (
        "darken the text or lighten its ground until they are {limit:g}:1 apart as greys",
        "hãy làm chữ đậm hơn hoặc nền nhạt hơn cho đến khi tương phản {limit:g}:1 ở thang xám",
    ),
    "check.photocopy-text-ok": (
        "every text at least {ratio:.1f}:1 on its ground in grey ({limit:g}:1 needed)",
        "mọi chữ tương phản với nền ít nhất {ratio:.1f}:1 ở thang xám (cần {limit:g}:1)",
    ),
    "check.photocopy-sides": (
        "the two sides of a tile ({first} and {second}) are {apart:.1f} % apart in grey, "
        "under {limit:g} %: a black-and-white photocopy makes them one grey{more}",
        "hai phần của một ô ({first} và {second}) chỉ chênh nhau {apart:.1f} % độ xám, dưới "
        "{limit:g} %: bản photocopy đen trắng sẽ in chúng thành cùng một màu xám{more}",
    ),
    "check.fix-photocopy-sides": (
        "deepen one side's box until the two are at least {limit:g} % apart in grey "
        "(tile.grey_apart in the layout)",
        "hãy làm đậm nền của một phần cho đến khi hai phần chênh nhau ít nhất {limit:g} % "
        "độ xám (tile.grey_apart trong tệp khổ)",
    ),
    "check.photocopy-sides-ok": (
        "{tiles} tiles: their two sides at least {apart:.1f} % apart in grey ({limit:g} % needed)",
        "{tiles} ô: hai phần của mỗi ô chênh nhau ít nhất {apart:.1f} % độ xám (cần {limit:g} %)",
    ),
    "check.photocopy-no-tiles": (
        "no tile with two side boxes found: the sides were not compared in grey",
        "không tìm thấy ô nào có hai khung nền: chưa so được độ xám của hai phần",
    ),
    "check.photocopy-unseen": (
        "the photocopy rules were not checked: the pages could not be read",
        "chưa kiểm tra được quy tắc photocopy: không đọc được các trang",
    ),
    "check.foot-mark": (
        "something is drawn {up:.1f} mm above the bottom edge, in the {foot:g} mm kept "
        "clear for the stand's foot",
        "có hình vẽ cách mép dưới {up:.1f} mm, nằm trong {foot:g} mm để trống cho chân đế",
    ),
    "check.fix-foot": (
        "move it above the bottom {foot:g} mm, or leave that band to the background",
        "hãy dời nó lên trên {foot:g} mm dưới cùng, hoặc để dải đó chỉ có màu nền",
    ),
    "check.foot-ok": (
        "the bottom {foot:g} mm hold nothing but the background (the stand's foot)",
        "{foot:g} mm dưới cùng chỉ có màu nền (chỗ của chân đế)",
    ),
    "check.foot-unseen": (
        "the bottom {foot:g} mm were not looked at: the page could not be drawn",
        "chưa xem được {foot:g} mm dưới cùng: không dựng được hình trang",
    ),
    # ---- poster tile
    "tile.done": (
        "{sheets} sheets {sheet} ({rows} × {cols}) + assembly map",
        "{sheets} tờ {sheet} ({rows} × {cols}) + sơ đồ ghép",
    ),
    "tile.done-pages": (
        "{pages} pages, each on {sheets} sheets {sheet} ({rows} × {cols}) + assembly map",
        "{pages} trang, mỗi trang trên {sheets} tờ {sheet} ({rows} × {cols}) + sơ đồ ghép",
    ),
}
