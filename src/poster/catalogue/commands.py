"""Messages of the commands themselves: output formats, writing files, the command
line's options, and the last-resort messages of a bug or a dead worker."""

from __future__ import annotations

# code → (English, Vietnamese)
MESSAGES: dict[str, tuple[str, str]] = {
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
    "format.not-for-cards": (
        "{output} is not made from social cards ({layout!r}); they give: {known}",
        "định dạng {fmt} không dùng cho thẻ mạng xã hội ({layout!r}); dùng: {known}",
    ),
    "write.folder": ("cannot create folder: {reason}", "không tạo được thư mục"),
    "write.is-folder": ("is a folder; give a file name", "là một thư mục: hãy cho tên tệp"),
    "write.not-regular": (
        "is {other_word}: give the name of a regular file, or a new one",
        "là {other_word}: hãy cho tên một tệp thường, hoặc tên một tệp mới",
    ),
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
        "--marks, --cmyk, --pdfx and --bleed are for print posters, not slides or social cards",
        "--marks, --cmyk, --pdfx và --bleed dành cho áp phích in, không dành cho trang chiếu "
        "hay thẻ mạng xã hội",
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
    "logo.small-on-card": (
        "{name} is {width}×{height} px, smaller than the {size} px it is shown at on "
        "{layout} (it may look blurred; give a larger image)",
        "{name} có {width}×{height} điểm ảnh, nhỏ hơn {size} điểm ảnh khi hiển thị trên "
        "khổ {layout} (có thể bị mờ; hãy dùng ảnh lớn hơn)",
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
}
