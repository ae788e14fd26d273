"""The command line's own words: argparse's phrases in Vietnamese, and the help of every
command and option in both languages (see poster.arguments)."""

from __future__ import annotations

# argparse's English (the msgids it passes to gettext, Python 3.10 to 3.13) → Vietnamese.
# A phrase missing here stays in English: tests/test_cli_language.py lists the ones a
# user meets and fails on any of them under Vietnamese.
ARGPARSE: dict[str, str] = {
    "usage: ": "cách dùng: ",
    "positional arguments": "đối số",
    "options": "tuỳ chọn",
    "optional arguments": "tuỳ chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng được cùng tham số %s",
    "ignored explicit argument %r": "không nhận giá trị %r",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tuỳ chọn %(option)s chưa rõ: có thể là %(matches)s"
    ),
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không có: %(value)r (chọn một trong: %(choices)s)"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "lựa chọn không có: %(value)r, có phải %(closest)r? (chọn một trong: %(choices)s)"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh %(parser_name)r (có: %(choices)s)"
    ),
    "unexpected option string: %s": "tuỳ chọn không mong đợi: %s",
    "%r is not callable": "%r không gọi được",
    "can't open '%(filename)s': %(error)s": "không mở được '%(filename)s': %(error)s",
}

# What a value of an option must be, for "invalid … value" (argparse names the type).
TYPES: dict[str, tuple[str, str]] = {
    "float": ("a number", "một số"),
    "int": ("a whole number", "một số nguyên"),
}
INVALID_VALUE = ("{value!r} is not {kind}", "{value!r} không phải là {kind}")

# key → (English, Vietnamese): the description, help and placeholders of the command line
HELP: dict[str, tuple[str, str]] = {
    "description": (
        "Branded, print-ready posters of the 17 differences between information technology "
        "and digital transformation.",
        "Áp phích 17 điểm khác nhau giữa công nghệ thông tin và chuyển đổi số, mang tên và "
        "màu của từng địa phương, sẵn sàng để in.",
    ),
    "version": ("show the version and exit", "hiện số phiên bản rồi thoát"),
    "lang": (
        "messages in Vietnamese (vi) or English (en); default: from LANG/LC_ALL",
        "ngôn ngữ thông báo: tiếng Việt (vi) hoặc tiếng Anh (en); mặc định theo LANG/LC_ALL",
    ),
    "debug": (
        "show the traceback of an internal error",
        "hiện chi tiết kỹ thuật (traceback) khi có lỗi bên trong chương trình",
    ),
    "COMMAND": ("COMMAND", "LỆNH"),
    "FILE": ("FILE", "TỆP"),
    "NAME": ("NAME", "TÊN"),
    "NAME|FILE": ("NAME|FILE", "TÊN|TỆP"),
    "DIR": ("DIR", "THƯ_MỤC"),
    "TEXT": ("TEXT", "VĂN_BẢN"),
    "FILE.csv|DIR": ("FILE.csv|FILE.xlsx|DIR", "TỆP.csv|TỆP.xlsx|THƯ_MỤC"),
    "N": ("N", "SỐ"),
    "HOST": ("HOST", "ĐỊA_CHỈ"),
    "PORT": ("PORT", "CỔNG"),
    "render": ("render a poster PDF", "tạo áp phích PDF"),
    "render.content": (
        "content YAML (default: the 17 differences)",
        "tệp nội dung YAML (mặc định: 17 điểm khác nhau)",
    ),
    "render.layout": (
        "layout name or YAML file (default: a1-portrait)",
        "tên khổ hoặc tệp YAML (mặc định: a1-portrait)",
    ),
    "render.brand": (
        "brand name or YAML file (default: default)",
        "tên bộ nhận diện hoặc tệp YAML (mặc định: default)",
    ),
    "render.output": (
        "output file (default: out/LAYOUT-BRAND.pdf)",
        "tệp kết quả (mặc định: out/KHỔ-TÊN.pdf)",
    ),
    "render.format": (
        "pdf, pptx (slides), png, jpeg or sheets (A4/A3 pages of a poster); "
        "default: from the output's extension, else pdf",
        "pdf, pptx (trình chiếu), png, jpeg hoặc sheets (áp phích chia thành tờ A4/A3); "
        "mặc định theo đuôi tệp kết quả, nếu không thì pdf",
    ),
    "render.subtitle": (
        "slides: date and place on the title slide",
        "trình chiếu: ngày và địa điểm trên trang bìa",
    ),
    "render.bleed": (
        "bleed in mm (default: the layout's)",
        "lề xén (bleed) tính bằng mm (mặc định theo khổ)",
    ),
    "render.marks": (
        "crop marks and a slug line outside the bleed",
        "dấu cắt và dòng ghi chú ngoài lề xén",
    ),
    "render.cmyk": (
        "every colour in DeviceCMYK, for offset print",
        "mọi màu ở hệ CMYK (DeviceCMYK), cho in offset",
    ),
    "render.deterministic": (
        "reproducible bytes: the date of SOURCE_DATE_EPOCH (else 2000-01-01) and font "
        "subset tags from the content",
        "tệp giống hệt nhau mỗi lần tạo: ngày theo SOURCE_DATE_EPOCH (nếu không có thì "
        "2000-01-01), mã phông chữ theo nội dung",
    ),
    "render.pdfx": (
        "PDF/X for a print shop (FOGRA39 OutputIntent; implies --cmyk): "
        "1a = PDF/X-1a:2001 (the default), 4 = PDF/X-4",
        "PDF/X cho nhà in (OutputIntent FOGRA39; kèm --cmyk): "
        "1a = PDF/X-1a:2001 (mặc định), 4 = PDF/X-4",
    ),
    "render.png": (
        "also write a PNG preview per page beside the PDF (default 150 dpi)",
        "tạo thêm ảnh xem trước PNG cho từng trang, cạnh tệp PDF (mặc định 150 dpi)",
    ),
    "render.jpeg": (
        "also write a JPEG preview per page beside the PDF (default 150 dpi)",
        "tạo thêm ảnh xem trước JPEG cho từng trang, cạnh tệp PDF (mặc định 150 dpi)",
    ),
    "render.width": (
        "preview width in pixels instead of a dpi",
        "chiều rộng ảnh xem trước tính bằng điểm ảnh, thay cho dpi",
    ),
    "render.logo": (
        "with --locality: the unit's logo (PNG/JPEG)",
        "dùng cùng --locality: biểu trưng của đơn vị (PNG/JPEG)",
    ),
    "render.footer": (
        "with --locality: a footer line",
        "dùng cùng --locality: một dòng chân trang",
    ),
    "render.locality": (
        'a commune or ward from the built-in list, e.g. "Phường Cẩm Phả, Quảng Ninh"',
        'một xã, phường trong danh sách có sẵn, ví dụ "Phường Cẩm Phả, Quảng Ninh"',
    ),
    "batch": (
        "render one output per brand or commune, in parallel",
        "tạo hàng loạt: mỗi bộ nhận diện hoặc mỗi xã một tệp, chạy song song",
    ),
    "batch.brands": (
        "a spreadsheet (CSV or Excel .xlsx, one row per brand) or a folder of brand YAML files",
        "một bảng tính (CSV hoặc Excel .xlsx, mỗi dòng một bộ nhận diện) hoặc một thư mục "
        "chứa các tệp YAML",
    ),
    "batch.province": (
        "every commune and ward of a province",
        "mọi xã, phường của một tỉnh, thành phố",
    ),
    "batch.all-communes": (
        "all 3,321 communes, wards and special zones",
        "cả 3.321 xã, phường và đặc khu",
    ),
    "batch.layout": (
        "repeatable (default: a1-portrait)",
        "có thể lặp lại (mặc định: a1-portrait)",
    ),
    "batch.format": (
        "pdf (the default), pptx (slides), png, jpeg, zip (the default for social cards: "
        "one ZIP of PNGs and captions per commune)",
        "pdf (mặc định), pptx (trình chiếu), png, jpeg, zip (mặc định cho thẻ mạng xã hội: "
        "mỗi xã một tệp ZIP gồm các ảnh PNG và lời giới thiệu)",
    ),
    "batch.output": ("output folder", "thư mục kết quả"),
    "batch.jobs": (
        "worker processes (default and most: the number of CPUs)",
        "số tiến trình chạy song song (mặc định và tối đa: số CPU)",
    ),
    "batch.force": (
        "render even what did not change",
        "tạo lại cả những tệp không thay đổi",
    ),
    "serve": (
        "the web page: commune, logo, colours, preview, download",
        "trang web: chọn xã, biểu trưng, màu, xem trước, tải về",
    ),
    "serve.host": (
        "address (default 127.0.0.1: this machine only; 0.0.0.0: the local network)",
        "địa chỉ (mặc định 127.0.0.1: chỉ máy này; 0.0.0.0: cả mạng nội bộ)",
    ),
    "serve.port": (
        "port (default 8000; 0: any free port)",
        "cổng (mặc định 8000; 0: một cổng trống bất kỳ)",
    ),
    "serve.workers": (
        "render processes (default: CPUs, at most 8)",
        "số tiến trình tạo tệp (mặc định: số CPU, tối đa 8)",
    ),
    "serve.allow-host": (
        "a host name accepted in Host/Origin, e.g. a reverse proxy's (repeatable)",
        "tên máy được chấp nhận trong Host/Origin, ví dụ của reverse proxy (có thể lặp lại)",
    ),
    "serve.per-address": (
        "connections one client address may hold (default 16; 0: no cap, behind a reverse "
        "proxy that caps them)",
        "số kết nối một địa chỉ máy khách được giữ cùng lúc (mặc định 16; 0: không giới hạn, "
        "khi đứng sau một reverse proxy đã giới hạn)",
    ),
    "check": (
        "preflight a PDF for print: boxes, fonts, colours, images, QR",
        "kiểm tra tệp PDF trước khi in: khung trang, phông chữ, màu, ảnh, mã QR",
    ),
    "check.no-qr": (
        "skip rasterising to look for QR codes",
        "bỏ qua bước dựng ảnh để tìm mã QR",
    ),
    "check.pdfx": (
        "the file must be PDF/X (OutputIntent, keys)",
        "tệp phải đạt chuẩn PDF/X (OutputIntent, các khoá)",
    ),
    "check.layout": (
        "hold the file to this layout's own rules (a handout's photocopy, a standee's foot); "
        "default: the layout its metadata names, if poster made it",
        "kiểm tra theo quy tắc riêng của khổ này (bản photocopy của tờ phát tay, chân đế của "
        "standee); mặc định: khổ ghi trong siêu dữ liệu, nếu tệp do poster tạo",
    ),
    "tile": (
        "split a poster into A4/A3 sheets for an office printer",
        "chia áp phích thành các tờ A4/A3 để in bằng máy in văn phòng",
    ),
    "tile.sheet": ("sheet size (default A4)", "khổ tờ giấy (mặc định A4)"),
    "tile.landscape": ("sheets in landscape", "tờ giấy nằm ngang"),
    "tile.overlap": ("glue margin (default 10)", "phần chồng để dán (mặc định 10)"),
    "tile.output": (
        "default: IN-tiled-A4.pdf beside IN",
        "mặc định: IN-tiled-A4.pdf cạnh tệp IN",
    ),
    "layouts": ("list the shipped layouts", "liệt kê các khổ có sẵn"),
    "brands": ("list the shipped brands", "liệt kê các bộ nhận diện có sẵn"),
}
