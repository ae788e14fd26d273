"""`python -m poster.web [--host 127.0.0.1] [--port 8000] [--workers N] [--allow-host NAME]
[--per-address N] [--debug]`: the web page, as `poster serve`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m poster.web",
        description="Trang web tạo áp phích và bản trình chiếu cho địa phương.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này; 0.0.0.0: cả mạng nội bộ)",
    )
    parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000; 0: tự chọn)")
    parser.add_argument(
        "--workers", type=int, default=None, help="số tiến trình tạo tệp (mặc định: số CPU)"
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="TÊN",
        help="tên máy được phép trong Host/Origin, ví dụ tên của reverse proxy (lặp lại được)",
    )
    parser.add_argument(
        "--per-address",
        type=int,
        default=None,
        metavar="N",
        help="số kết nối tối đa từ một địa chỉ (mặc định 16; 0: không giới hạn, "
        "khi reverse proxy đã giới hạn)",
    )
    parser.add_argument("--debug", action="store_true", help="ghi cả traceback của lỗi vào nhật ký")
    args = parser.parse_args(argv)
    from poster.web.app import serve
    from poster.web.connections import PER_ADDRESS

    per_address = PER_ADDRESS if args.per_address is None else args.per_address
    return serve(args.host, args.port, args.workers, args.allow_host, debug=args.debug,
                 per_address=per_address)  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
