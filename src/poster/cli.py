"""Command line: `poster render`, `poster layouts`, `poster brands`.

The only module that prints or exits. Bad input: one line per problem on stderr,
`FILE: field: what is wrong`, exit status 2, and no output file.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from poster import __version__, limits
from poster.errors import PosterError

if TYPE_CHECKING:
    from poster.batch import Progress
    from poster.spec import Brand, Layout

EXIT_OK, EXIT_BAD_INPUT = 0, 2
_lang = "en"  # the language of messages: --lang, else the locale (see catalogue.language)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="poster",
        description="Branded, print-ready posters of the 17 differences between "
        "information technology and digital transformation.",
    )
    parser.add_argument("--version", action="version", version=f"poster {__version__}")
    lang_help = "messages in Vietnamese (vi) or English (en); default: from LANG/LC_ALL"
    parser.add_argument("--lang", choices=["vi", "en"], help=lang_help)
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error"
    )
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
    render.add_argument(
        "--format",
        metavar="NAME",
        help="pdf, pptx (slides), png, jpeg or sheets (A4/A3 pages of a poster); "
        "default: from the output's extension, else pdf",
    )
    render.add_argument(
        "--subtitle", metavar="TEXT", help="slides: date and place on the title slide"
    )
    render.add_argument(
        "--bleed", metavar="MM", type=float, help="bleed in mm (default: the layout's)"
    )
    render.add_argument(
        "--marks", action="store_true", help="crop marks and a slug line outside the bleed"
    )
    render.add_argument(
        "--cmyk", action="store_true", help="every colour in DeviceCMYK, for offset print"
    )
    render.add_argument(
        "--deterministic",
        action="store_true",
        help="reproducible bytes: the date of SOURCE_DATE_EPOCH (else 2000-01-01) and "
        "font subset tags from the content",
    )
    render.add_argument(
        "--pdfx",
        nargs="?",
        const="1a",
        choices=["1a", "4"],
        help="PDF/X for a print shop (FOGRA39 OutputIntent; implies --cmyk): "
        "1a = PDF/X-1a:2001 (the default), 4 = PDF/X-4",
    )
    preview = render.add_mutually_exclusive_group()
    preview.add_argument(
        "--png",
        metavar="DPI",
        type=float,
        nargs="?",
        const=0.0,  # the layout's default: 150 dpi, or its preview width (a 2.4 m panel)
        help="also write a PNG preview per page beside the PDF (default 150 dpi)",
    )
    preview.add_argument(
        "--jpeg",
        metavar="DPI",
        type=float,
        nargs="?",
        const=0.0,
        help="also write a JPEG preview per page beside the PDF (default 150 dpi)",
    )
    render.add_argument(
        "--width", metavar="PX", type=int, help="preview width in pixels instead of a dpi"
    )

    render.add_argument(
        "--logo", metavar="FILE", help="with --locality: the unit's logo (PNG/JPEG)"
    )
    render.add_argument("--footer", metavar="TEXT", help="with --locality: a footer line")
    render.add_argument(
        "--locality",
        metavar="NAME",
        help='a commune or ward from the built-in list, e.g. "Phường Cẩm Phả, Quảng Ninh"',
    )

    batch = sub.add_parser("batch", help="render one output per brand or commune, in parallel")
    where = batch.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--brands",
        metavar="FILE.csv|DIR",
        help="a spreadsheet (CSV) or a folder of brand YAML files",
    )
    where.add_argument("--province", metavar="NAME", help="every commune and ward of a province")
    where.add_argument(
        "--all-communes", action="store_true", help="all 3,321 communes, wards and special zones"
    )
    batch.add_argument(
        "--layout", action="append", metavar="NAME", help="repeatable (default: a1-portrait)"
    )
    batch.add_argument(
        "--format", metavar="NAME", default="pdf", help="pdf (default), pptx (slides), png, jpeg"
    )
    batch.add_argument(
        "--content", metavar="FILE", help="content YAML (default: the 17 differences)"
    )
    batch.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")
    batch.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=cpu_count(),
        help="worker processes (default and most: the number of CPUs)",
    )
    batch.add_argument("--force", action="store_true", help="render even what did not change")

    serve = sub.add_parser("serve", help="the web page: commune, logo, colours, preview, download")
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="address (default 127.0.0.1: this machine only; 0.0.0.0: the local network)",
    )
    serve.add_argument(
        "--port", type=int, default=8000, help="port (default 8000; 0: any free port)"
    )
    serve.add_argument(
        "--workers", type=int, default=None, help="render processes (default: CPUs, at most 8)"
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name accepted in Host/Origin, e.g. a reverse proxy's (repeatable)",
    )

    check = sub.add_parser(
        "check", help="preflight a PDF for print: boxes, fonts, colours, images, QR"
    )
    check.add_argument("pdf", metavar="FILE.pdf")
    check.add_argument("--no-qr", action="store_true", help="skip rasterising to look for QR codes")
    check.add_argument(
        "--pdfx", action="store_true", help="the file must be PDF/X (OutputIntent, keys)"
    )

    tile = sub.add_parser("tile", help="split a poster into A4/A3 sheets for an office printer")
    tile.add_argument("pdf", metavar="IN.pdf")
    tile.add_argument("--sheet", choices=["A4", "A3"], default="A4", type=str.upper)
    tile.add_argument("--landscape", action="store_true", help="sheets in landscape")
    tile.add_argument(
        "--overlap", metavar="MM", type=float, default=10.0, help="glue margin (default 10)"
    )
    tile.add_argument(
        "-o", "--output", metavar="OUT.pdf", help="default: IN-tiled-A4.pdf beside IN"
    )

    sub.add_parser("layouts", help="list the shipped layouts")
    sub.add_parser("brands", help="list the shipped brands")
    for command in sub.choices.values():  # `poster render --lang vi --debug` as well
        command.add_argument(
            "--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=lang_help
        )
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


MAX_PDF_BYTES = limits.PDF_BYTES
MAX_PREVIEW_PIXELS = limits.PREVIEW_PIXELS


def _preview_settings(args: argparse.Namespace, layout: Layout) -> tuple[str, float | None] | None:
    """What preview to write ("png"/"jpeg", dpi), checked before anything is rendered."""
    if args.png is None and args.jpeg is None and args.width is None:
        return None
    kind, option = ("jpeg", "--jpeg") if args.jpeg is not None else ("png", "--png")
    dpi = args.jpeg if args.jpeg is not None else args.png
    if dpi == 0.0:  # `--png` alone: the layout's default (see preview_dpi)
        dpi = None
    if dpi is not None and not 10 <= dpi <= 1200:
        raise PosterError.of("cli.dpi", option, "dpi", value=dpi)
    if args.width is not None and not 16 <= args.width <= 20000:
        raise PosterError.of("cli.width", "--width", "width", value=args.width)
    w_mm, h_mm = layout.page.trim_mm()
    if args.width is not None:
        pixels = args.width * args.width * h_mm / w_mm
    else:
        from poster.outputs.images import preview_dpi

        at = dpi or preview_dpi(layout)
        pixels = (w_mm / 25.4 * at) * (h_mm / 25.4 * at)
    if pixels > MAX_PREVIEW_PIXELS:
        raise PosterError.of(
            "cli.preview-too-large", "--width" if args.width is not None else option, "preview",
            megapixels=round(pixels / 1e6), limit=round(MAX_PREVIEW_PIXELS / 1e6),
        )  # fmt: skip
    return kind, dpi


def _locality_brand(args: argparse.Namespace) -> Brand:
    from msgspec.structs import replace

    from poster.localities import file_slug, find_locality
    from poster.resources import BRAND_ANCHOR
    from poster.spec import brand_from_dict, check_image

    if args.brand:
        raise PosterError.of("cli.locality-or-brand", "--locality", "locality")
    if not args.locality.strip():
        raise PosterError.of("locality.empty", "--locality", "locality")
    unit = find_locality(args.locality)
    data = unit.brand()
    if args.logo:
        check_image(Path(args.logo), "--logo", "logo")  # named as the user gave it
        data["logo"] = str(Path(args.logo).absolute())
    if args.footer:
        data["footer"] = args.footer
    brand = brand_from_dict(data, BRAND_ANCHOR / f"{unit.slug}.yaml")
    # namesakes elsewhere in the country: the file name carries the province
    return replace(brand, slug=file_slug(unit))


def _render(args: argparse.Namespace) -> int:
    import unicodedata

    from poster.files import write_all
    from poster.outputs import Request, check_format, default_stem, format_for, kind_of, produce
    from poster.plan import Options
    from poster.spec import load_brand, load_content, load_layout

    if args.deterministic:  # read by the PDF writer (as ReportLab and other tools do)
        os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
    content = load_content(args.content)
    layout = load_layout(args.layout)
    if (args.logo or args.footer) and args.locality is None:
        raise PosterError.of("cli.logo-needs-locality", "--logo", "locality")
    brand = _locality_brand(args) if args.locality is not None else load_brand(args.brand)
    fmt = format_for(args.output, args.format)
    writer = check_format(fmt, layout)
    ext = writer.extension
    out = Path(args.output) if args.output else Path("out") / f"{default_stem(layout, brand)}.{ext}"
    try:
        is_dir = out.is_dir()
    except OSError as e:  # e.g. a name too long for the file system
        raise PosterError.of("write.failed", str(out), "--output", reason=e.strerror) from None
    if is_dir:
        raise PosterError.of("cli.output-folder", str(out), "--output", ext=ext)
    if out.suffix.lower() != f".{ext}":
        raise PosterError.of("cli.output-extension", str(out), "--output", ext=ext)
    formats = [fmt]
    preview = _preview_settings(args, layout)
    if preview is not None and preview[0] not in formats:
        formats.append(preview[0])
    deck = kind_of(layout) == "deck"
    if deck and (args.marks or args.cmyk or args.pdfx or args.bleed is not None):
        raise PosterError.of("cli.print-options-on-deck", layout.source_file, "deck")
    if not deck and args.subtitle:
        raise PosterError.of("cli.subtitle-on-poster", "--subtitle", "subtitle")
    if args.bleed is not None and not 0 <= args.bleed <= 20:
        raise PosterError.of("cli.bleed", "--bleed", "bleed", value=args.bleed)
    subtitle = unicodedata.normalize("NFC", args.subtitle) if args.subtitle else None
    options = Options(
        bleed_mm=args.bleed, marks=args.marks, cmyk=args.cmyk or bool(args.pdfx),
        pdfx=args.pdfx or "", subtitle=subtitle,
        filename=out.name,
    )  # fmt: skip
    request = Request(
        content, layout, brand, tuple(formats), options,
        dpi=preview[1] if preview else None, width_px=args.width, name=out.name,
    )  # fmt: skip
    _, artifacts = produce(request)
    single = sum(a.format == fmt for a in artifacts) == 1  # the main output is one file
    files = [
        (out if single and a.format == fmt else out.with_name(out.stem + a.suffix), a.data)
        for a in artifacts
    ]
    write_all(files)
    for path, _ in files:
        print(path)
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from poster import batch
    from poster.batch import plain_progress, run_batch, sources_from

    batch.DEBUG[0] = args.debug
    from poster.outputs import check_format
    from poster.spec import load_layout

    layouts = args.layout or ["a1-portrait"]
    for name in layouts:
        layout = load_layout(name)  # unknown names fail before any work
        check_format(args.format, layout)
    if args.jobs < 1:
        raise PosterError.of("cli.jobs", "--jobs", "jobs")
    jobs = min(args.jobs, cpu_count())
    if jobs < args.jobs:  # more processes than CPUs only adds memory and switching
        from poster.catalogue import say

        code = "cli.jobs-capped" if jobs > 1 else "cli.jobs-capped-one"
        _say(f"poster: {say(code, _lang, {'asked': args.jobs, 'cpus': jobs})}", sys.stderr)
    sources, early, notes = sources_from(args.brands, args.province, args.all_communes)
    for note in notes:  # which sheet of a workbook is read
        _say(note.text(_lang), sys.stderr)
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise PosterError.of("cli.output-is-file", str(out), "--output")
    total = len(sources) * len(layouts)
    for failure in early:
        _say(failure.text(_lang), sys.stderr)
    report: Progress
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=total, unit="poster", dynamic_ncols=True, file=sys.stderr)

        def report(done: int, total: int, status: str, text: str) -> None:
            bar.update(1)
            if status == "failed":
                bar.write(f"failed  {text}", file=sys.stderr)
    else:
        bar = None
        report = plain_progress(sys.stderr)

    def progress(done: int, total: int, status: str, text: str) -> None:
        try:
            report(done, total, status, text)
        except OSError:  # the reader went away (`2>&1 | head`): the work goes on
            _silence(sys.stderr)

    try:
        summary = run_batch(
            sources, layouts, args.format, out, jobs, args.force, args.content, early,
            progress, _lang,
        )  # fmt: skip
    finally:
        if bar is not None:
            with contextlib.suppress(OSError):
                bar.close()
    for failure in summary.failures[len(early) :]:
        _say(failure.text(_lang), sys.stderr)
    rate = summary.rendered / summary.seconds if summary.seconds else 0.0
    mb = summary.bytes_written / 1e6
    if _lang == "vi":
        state = "đã dừng: " if summary.interrupted else ""
        seconds, per_second, size = (
            f"{v:.1f}".replace(".", ",") for v in (summary.seconds, rate, mb)
        )
        _say(
            f"{state}đã tạo {summary.rendered}, bỏ qua {summary.skipped} (không đổi), "
            f"lỗi {summary.failed}, trong {seconds} giây ({per_second}/giây), {size} MB → {out}",
            sys.stdout,
        )
    else:
        state = "interrupted: " if summary.interrupted else ""
        _say(
            f"{state}rendered {summary.rendered}, skipped {summary.skipped}, "
            f"failed {summary.failed} in {summary.seconds:.1f} s ({rate:.1f}/s), "
            f"{mb:.1f} MB → {out}",
            sys.stdout,
        )
    if summary.interrupted:
        return 130
    return 1 if summary.failed else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from poster.files import file_error
    from poster.preflight import NotAPDF, check_pdf, format_report

    # looked at before it is opened: a named pipe would block
    refused = file_error(Path(args.pdf), "a PDF file", MAX_PDF_BYTES, "a PDF", file=args.pdf)
    if refused is not None:
        raise refused
    try:
        report = check_pdf(Path(args.pdf), qr=not args.no_qr, pdfx=args.pdfx)
    except NotAPDF as e:
        raise PosterError.of(e.code, args.pdf, **e.params) from None
    print(format_report(report))
    return 1 if report.errors else EXIT_OK


def _tile(args: argparse.Namespace) -> int:
    from poster.files import file_error, write_atomic
    from poster.outputs.sheets import tile_pdf

    source = Path(args.pdf)
    refused = file_error(source, "a PDF file", MAX_PDF_BYTES, "a PDF")
    if refused is not None:
        raise refused
    suffix = f"-tiled-{args.sheet}{'-landscape' if args.landscape else ''}.pdf"
    out = Path(args.output) if args.output else source.with_name(source.stem + suffix)
    if not 0 <= args.overlap <= 100:  # also refuses nan
        raise PosterError.of("cli.overlap", "--overlap", "overlap")
    pdf, grids = tile_pdf(source, args.sheet, args.landscape, args.overlap)
    write_atomic(out, pdf)
    grid = grids[0]
    what = f"{len(grid.sheets)} sheets {args.sheet} ({grid.rows} × {grid.cols}) + assembly map"
    if len(grids) > 1:  # the pages of one poster are one size
        what = f"{len(grids)} pages, each on {what}"
    print(f"{out}: {what}")
    return EXIT_OK


def _layouts() -> int:
    from poster.spec import layout_names, load_layout

    for name in layout_names():
        layout = load_layout(name)
        w, h = layout.page.trim_mm()
        print(f"{name:<16} {w:g} × {h:g} mm  {layout.description}")
    return EXIT_OK


def _brands() -> int:
    from poster.spec import brand_names, load_brand

    for name in brand_names():
        brand = load_brand(name)
        lines = " / ".join(brand.authority) or "—"
        print(f"{name:<16} {brand.name}: {lines}")
    return EXIT_OK


class _Warnings(logging.Handler):
    """Non-fatal problems from the `poster` logger, one line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:  # --debug: the print colour decisions
            print(f"debug: {record.getMessage()}", file=sys.stderr)
            return
        problem = getattr(record, "problem", None)
        if problem is not None and _lang != "en":
            print(f"cảnh báo: {problem.text(_lang)}", file=sys.stderr)
        else:
            print(f"warning: {record.getMessage()}", file=sys.stderr)


def cpu_count() -> int:
    """The CPUs this process may run on (a container's share, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def _silence(stream: TextIO) -> None:
    """The reader of `stream` has gone: what is still written goes nowhere, quietly
    (also at exit, when Python flushes it)."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _say(text: str, stream: TextIO) -> None:
    """A line on `stream`; a reader that went away (`| head`) does not stop the command."""
    try:
        print(text, file=stream, flush=True)
    except OSError:
        _silence(stream)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    global _lang
    from poster.errors import language

    _lang = language(args.lang)
    log = logging.getLogger("poster")
    if not any(isinstance(h, _Warnings) for h in log.handlers):
        log.addHandler(_Warnings())
        log.propagate = False
    log.setLevel(logging.DEBUG if getattr(args, "debug", False) else logging.NOTSET)
    try:
        return _dispatch(parser, args)
    except PosterError as e:
        for problem in e.problems:
            _say(problem.text(_lang), sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        from poster.catalogue import say

        _say(f"poster: {say('cli.interrupted', _lang, {})}", sys.stderr)
        return 130
    except BrokenPipeError:  # `poster layouts | head`: the reader has gone, nothing to say
        _silence(sys.stdout)
        return EXIT_OK
    except Exception as e:
        # the last resort: never a traceback for the user, one line and a way to the details
        from poster.batch import internal_problem
        from poster.errors import problem as coded

        if args.debug:
            traceback.print_exc()
        if isinstance(e, OSError) and e.filename is not None and e.strerror:
            # the system refused a file the user named: their input, not our bug
            refused = coded("file.system", str(e.filename), "", reason=e.strerror)
            _say(refused.text(_lang), sys.stderr)
            return EXIT_BAD_INPUT
        bug = internal_problem(e, "poster", hint=not args.debug)
        _say(f"poster: {bug.localized(_lang)}", sys.stderr)
        return 1


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "render":
        return _render(args)
    if args.command == "serve":
        try:
            from poster.web.app import serve
        except ImportError as e:
            raise PosterError.of("cli.web-extra", "poster serve", "", package=e.name) from None
        return serve(args.host, args.port, args.workers, args.allow_host)
    if args.command == "batch":
        return _batch(args)
    if args.command == "check":
        return _check(args)
    if args.command == "tile":
        return _tile(args)
    if args.command == "layouts":
        return _layouts()
    if args.command == "brands":
        return _brands()
    parser.print_help()
    return EXIT_OK
