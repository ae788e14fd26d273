"""Command line: `poster render`, `poster layouts`, `poster brands`.

The only module that prints or exits. Bad input: one line per problem on stderr,
`FILE: field: what is wrong`, exit status 2, and no output file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from poster import __version__
from poster.errors import PosterError

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="poster",
        description="Branded, print-ready posters of the 17 differences between "
        "information technology and digital transformation.",
    )
    parser.add_argument("--version", action="version", version=f"poster {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    render = sub.add_parser("render", help="render a poster PDF")
    render.add_argument(
        "--content", metavar="FILE", help="content YAML (default: the 17 differences)"
    )
    render.add_argument(
        "--layout", metavar="NAME|FILE", help="layout name or YAML file (default: a1-portrait)"
    )
    render.add_argument(
        "--brand", metavar="NAME|FILE", help="brand name or YAML file (default: default)"
    )
    render.add_argument(
        "-o", "--output", metavar="OUT.pdf", help="output file (default: out/LAYOUT-BRAND.pdf)"
    )

    sub.add_parser("layouts", help="list the shipped layouts")
    sub.add_parser("brands", help="list the shipped brands")
    return parser


def _render(args: argparse.Namespace) -> int:
    from poster.export import write_atomic
    from poster.render import render_pdf
    from poster.spec import load_brand, load_content, load_layout

    content = load_content(args.content)
    layout = load_layout(args.layout)
    brand = load_brand(args.brand)
    out = Path(args.output) if args.output else Path("out") / f"{layout.name}-{brand.slug}.pdf"
    if out.is_dir():
        raise PosterError.one(str(out), "--output", "is a folder; give a file name ending in .pdf")
    if out.suffix.lower() != ".pdf":
        raise PosterError.one(str(out), "--output", "expected a file name ending in .pdf")
    pdf, _ = render_pdf(content, layout, brand)
    write_atomic(out, pdf)
    print(out)
    return EXIT_OK


def _layouts() -> int:
    from poster.spec import LAYOUT_DIR, available, load_layout

    for name in available(LAYOUT_DIR):
        layout = load_layout(name)
        w, h = layout.page.trim_mm()
        print(f"{name:<16} {w:g} × {h:g} mm  {layout.description}")
    return EXIT_OK


def _brands() -> int:
    from poster.spec import BRAND_DIR, available, load_brand

    for name in available(BRAND_DIR):
        brand = load_brand(name)
        lines = " / ".join(brand.authority) or "—"
        print(f"{name:<16} {brand.name}: {lines}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "render":
            return _render(args)
        if args.command == "layouts":
            return _layouts()
        if args.command == "brands":
            return _brands()
        parser.print_help()
        return EXIT_OK
    except PosterError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("poster: interrupted", file=sys.stderr)
        return 130
