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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from poster import __version__, limits
from poster.errors import PosterError

if TYPE_CHECKING:
    from poster.batch import Progress
    from poster.spec import Brand, Layout

EXIT_OK, EXIT_BAD_INPUT = 0, 2
_lang = "en"  # the language of messages: --lang, else the locale (see catalogue.language)


def _parser(lang: str = "en", command: str | None = None) -> argparse.ArgumentParser:
    """The command line's options, their help in `lang` (catalogue.usage). With `command`,
    only that command's options are built (a start does not build what it does not use);
    the list of commands is always whole."""
    from poster.arguments import Parser, help_text

    t = help_text(lang)
    parser = Parser(prog="poster", description=t("description"), lang=lang)
    parser.add_argument(
        "--version", action="version", version=f"poster {__version__}", help=t("version")
    )
    parser.add_argument("--lang", choices=["vi", "en"], help=t("lang"))
    parser.add_argument("--debug", action="store_true", help=t("debug"))
    sub = parser.add_subparsers(dest="command", metavar=t("COMMAND"))
    for name, add in _COMMANDS.items():
        cmd = sub.add_parser(name, help=t(name), description=t(name))
        if command is not None and name != command:
            continue
        add(cmd, t)
        # `poster render --lang vi --debug` as well
        cmd.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS, help=t("lang"))
        cmd.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
    return parser


def _command_of(argv: list[str]) -> str | None:
    """The command `argv` runs (its first word that names one), or None (`poster --help`)."""
    return next((a for a in argv if a in _COMMANDS), None)


Help = Callable[[str], str]


def _render_options(render: argparse.ArgumentParser, t: Help) -> None:
    render.add_argument("--content", metavar=t("FILE"), help=t("render.content"))
    render.add_argument("--layout", metavar=t("NAME|FILE"), help=t("render.layout"))
    render.add_argument("--brand", metavar=t("NAME|FILE"), help=t("render.brand"))
    render.add_argument("-o", "--output", metavar="OUT.pdf", help=t("render.output"))
    render.add_argument("--format", metavar=t("NAME"), help=t("render.format"))
    render.add_argument("--subtitle", metavar=t("TEXT"), help=t("render.subtitle"))
    render.add_argument("--bleed", metavar="MM", type=float, help=t("render.bleed"))
    render.add_argument("--marks", action="store_true", help=t("render.marks"))
    render.add_argument("--cmyk", action="store_true", help=t("render.cmyk"))
    render.add_argument("--deterministic", action="store_true", help=t("render.deterministic"))
    render.add_argument("--pdfx", nargs="?", const="1a", choices=["1a", "4"], help=t("render.pdfx"))
    preview = render.add_mutually_exclusive_group()
    for kind in ("png", "jpeg"):
        # without a value: the layout's default (150 dpi, or a large panel's preview width)
        preview.add_argument(f"--{kind}", metavar="DPI", type=float, nargs="?", const=0.0,
                             help=t(f"render.{kind}"))  # fmt: skip
    render.add_argument("--width", metavar="PX", type=int, help=t("render.width"))
    render.add_argument("--logo", metavar=t("FILE"), help=t("render.logo"))
    render.add_argument("--footer", metavar=t("TEXT"), help=t("render.footer"))
    render.add_argument("--locality", metavar=t("NAME"), help=t("render.locality"))


def _batch_options(batch: argparse.ArgumentParser, t: Help) -> None:
    where = batch.add_mutually_exclusive_group(required=True)
    where.add_argument("--brands", metavar=t("FILE.csv|DIR"), help=t("batch.brands"))
    where.add_argument("--province", metavar=t("NAME"), help=t("batch.province"))
    where.add_argument("--all-communes", action="store_true", help=t("batch.all-communes"))
    batch.add_argument("--layout", action="append", metavar=t("NAME"), help=t("batch.layout"))
    batch.add_argument("--format", metavar=t("NAME"), help=t("batch.format"))
    batch.add_argument("--content", metavar=t("FILE"), help=t("render.content"))
    batch.add_argument("-o", "--output", metavar=t("DIR"), required=True, help=t("batch.output"))
    batch.add_argument("-j", "--jobs", metavar=t("N"), type=int, default=cpu_count(),
                       help=t("batch.jobs"))  # fmt: skip
    batch.add_argument("--force", action="store_true", help=t("batch.force"))


def _serve_options(serve: argparse.ArgumentParser, t: Help) -> None:
    serve.add_argument("--host", metavar=t("HOST"), default="127.0.0.1", help=t("serve.host"))
    serve.add_argument("--port", metavar=t("PORT"), type=int, default=8000, help=t("serve.port"))
    serve.add_argument("--workers", metavar=t("N"), type=int, default=None,
                       help=t("serve.workers"))  # fmt: skip
    serve.add_argument("--allow-host", action="append", default=[], metavar=t("NAME"),
                       help=t("serve.allow-host"))  # fmt: skip
    serve.add_argument("--per-address", type=int, default=16, metavar=t("N"),
                       help=t("serve.per-address"))  # fmt: skip


def _check_options(check: argparse.ArgumentParser, t: Help) -> None:
    check.add_argument("pdf", metavar="FILE.pdf")
    check.add_argument("--no-qr", action="store_true", help=t("check.no-qr"))
    check.add_argument("--pdfx", action="store_true", help=t("check.pdfx"))
    check.add_argument("--layout", metavar=t("NAME|FILE"), help=t("check.layout"))


def _tile_options(tile: argparse.ArgumentParser, t: Help) -> None:
    tile.add_argument("pdf", metavar="IN.pdf")
    tile.add_argument("--sheet", choices=["A4", "A3"], default="A4", type=str.upper,
                      help=t("tile.sheet"))  # fmt: skip
    tile.add_argument("--landscape", action="store_true", help=t("tile.landscape"))
    tile.add_argument("--overlap", metavar="MM", type=float, default=10.0, help=t("tile.overlap"))
    tile.add_argument("-o", "--output", metavar="OUT.pdf", help=t("tile.output"))


def _no_options(command: argparse.ArgumentParser, t: Help) -> None:
    pass


# every command and what adds its options, in the order `poster --help` lists them
_COMMANDS: dict[str, Callable[[argparse.ArgumentParser, Help], None]] = {
    "render": _render_options,
    "batch": _batch_options,
    "serve": _serve_options,
    "check": _check_options,
    "tile": _tile_options,
    "layouts": _no_options,
    "brands": _no_options,
}


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
    from poster.outputs import (
        Request,
        check_format,
        default_format,
        default_stem,
        format_for,
        kind_of,
        produce,
    )
    from poster.plan import Options
    from poster.spec import load_brand, load_content, load_layout

    if args.deterministic:  # read by the PDF writer (as ReportLab and other tools do)
        os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
    content = load_content(args.content)
    layout = load_layout(args.layout)
    if (args.logo or args.footer) and args.locality is None:
        raise PosterError.of("cli.logo-needs-locality", "--logo", "locality")
    brand = _locality_brand(args) if args.locality is not None else load_brand(args.brand)
    # with neither --format nor -o: the layout's own (social cards: their PNGs)
    fmt = format_for(args.output, args.format or (None if args.output else default_format(layout)))
    writer = check_format(fmt, layout)
    ext = writer.extension
    out = Path(args.output) if args.output else Path("out") / f"{default_stem(layout, brand)}.{ext}"
    try:
        is_dir = out.is_dir()
    except OSError as e:  # e.g. a name too long for the file system
        raise PosterError.of("write.failed", str(out), "--output", reason=e.strerror) from None
    if is_dir:
        raise PosterError.of("cli.output-folder", str(out), "--output", ext=ext)
    from poster.files import output_error

    refused = output_error(out, "--output")  # a FIFO, a device: before any work
    if refused is not None:
        raise refused
    if out.suffix.lower() != f".{ext}":
        raise PosterError.of("cli.output-extension", str(out), "--output", ext=ext)
    formats = [fmt]
    preview = _preview_settings(args, layout)
    if preview is not None and preview[0] not in formats:
        formats.append(preview[0])
    kind = kind_of(layout)
    if kind != "poster" and (args.marks or args.cmyk or args.pdfx or args.bleed is not None):
        raise PosterError.of("cli.print-options-on-deck", layout.source_file, kind)
    if kind == "poster" and args.subtitle:
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
    from poster.outputs import check_format, default_format
    from poster.spec import load_layout

    layouts = args.layout or ["a1-portrait"]
    for name in layouts:
        layout = load_layout(name)  # unknown names fail before any work
        check_format(args.format or default_format(layout, many=True), layout)
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
    import time

    from poster.catalogue import say
    from poster.files import file_error
    from poster.preflight import NotAPDF, check_pdf, format_report

    # looked at before it is opened: a named pipe would block
    refused = file_error(Path(args.pdf), "a PDF file", MAX_PDF_BYTES, "a PDF", file=args.pdf)
    if refused is not None:
        raise refused
    tty = sys.stderr.isatty()
    shown = {"at": 0.0, "line": False}

    def progress(step: str, done: int, total: int) -> None:
        """On stderr while a file of many pages is checked: its first and last page of each
        step, and a line every 2 s between (one line, rewritten, on a terminal)."""
        now = time.monotonic()
        if total < PROGRESS_PAGES or (now < shown["at"] and 1 < done < total):
            return
        shown["at"] = now + (0.2 if tty else 2.0)
        text = say(f"check.progress-{step}", _lang, {"done": done, "total": total})
        if tty:
            _say_partial(f"\r{text}\x1b[K", sys.stderr)
        else:
            _say(text, sys.stderr)
        shown["line"] = True

    try:
        report = check_pdf(Path(args.pdf), qr=not args.no_qr, pdfx=args.pdfx, progress=progress,
                           layout=args.layout)  # fmt: skip
    except NotAPDF as e:
        if args.debug and e.__cause__ is not None:
            traceback.print_exception(e.__cause__)
        raise PosterError.of(e.code, args.pdf, **e.params) from None
    finally:
        if tty and shown["line"]:
            _say_partial("\r\x1b[K", sys.stderr)
    print(format_report(report, _lang))
    return 1 if report.errors else EXIT_OK


PROGRESS_PAGES = 20  # a file of fewer pages is checked without a word of progress


def _say_partial(text: str, stream: TextIO) -> None:
    try:
        stream.write(text)
        stream.flush()
    except OSError:
        _silence(stream)


def _tile(args: argparse.Namespace) -> int:
    from poster.catalogue import say
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
    import pikepdf

    try:
        pdf, grids = tile_pdf(source, args.sheet, args.landscape, args.overlap)
    except pikepdf.PdfError as e:  # what qpdf finds only while copying the pages
        raise PosterError.of("tile.unreadable", str(source), reason=str(e)) from None
    write_atomic(out, pdf)
    grid = grids[0]
    params = {"sheets": len(grid.sheets), "sheet": args.sheet, "rows": grid.rows,
              "cols": grid.cols, "pages": len(grids)}  # fmt: skip
    # the pages of one poster are one size
    what = say("tile.done-pages" if len(grids) > 1 else "tile.done", _lang, params)
    print(f"{out}: {what}")
    return EXIT_OK


def _number(value: float) -> str:
    """12.5 → '12.5', in Vietnamese '12,5' (the decimal comma)."""
    text = f"{value:g}"
    return text.replace(".", ",") if _lang == "vi" else text


def _layouts() -> int:
    from poster.spec import CardLayout, layout_names, load_layout

    for name in layout_names():
        layout = load_layout(name)
        if isinstance(layout, CardLayout):  # a screen's size is its pixels
            size = f"{layout.page.width_px} × {layout.page.height_px} px"
        else:
            w, h = layout.page.trim_mm()
            size = f"{_number(w)} × {_number(h)} mm"
        about = _about(layout) if _lang == "vi" else layout.description
        print(f"{name:<16} {size:<17} {about}")
    return EXIT_OK


def _about(layout: Layout) -> str:
    """A layout in Vietnamese words, from what it is (its description is the author's,
    in English): 'Áp phích A1 dọc, 3 cột', 'Trình chiếu 16:9, mỗi mục một trang'."""
    from poster.spec import CardLayout, DeckLayout

    w, h = layout.page.trim_mm()
    if isinstance(layout, DeckLayout):
        ratio = next((r for r, v in (("16:9", 16 / 9), ("4:3", 4 / 3)) if abs(w / h - v) < 0.02),
                     f"{_number(w)} × {_number(h)} mm")  # fmt: skip
        return f"Trình chiếu {ratio}, mỗi mục một trang"
    if isinstance(layout, CardLayout):
        shape = "vuông" if layout.page.width_px == layout.page.height_px else "dọc"
        return f"Thẻ ảnh mạng xã hội {shape}, mỗi mục một thẻ"
    size = f" {layout.page.size}" if layout.page.size else ""
    words = [f"Áp phích{size} {'dọc' if h >= w else 'ngang'}", f"{layout.grid.columns} cột"]
    if layout.pages > 1:
        words.insert(1, f"{layout.pages} trang")
    return ", ".join(words)


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


class _LibraryLog(logging.Handler):
    """What the libraries log (svglib's "Can't handle color", fontTools, PIL…) and the
    warnings they raise: English for a developer, not for the user. Nothing is shown,
    except with --debug, as `debug: LOGGER: message` lines on stderr."""

    def __init__(self, shown: bool) -> None:
        super().__init__(logging.DEBUG if shown else logging.CRITICAL + 1)

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):
            print(f"debug: {record.name}: {record.getMessage()}", file=sys.stderr)


def _quiet_libraries(debug: bool) -> None:
    """Route the libraries' log and warnings to _LibraryLog (Python's last-resort handler
    would print their warnings as they are)."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _LibraryLog)]:
        root.removeHandler(handler)
    root.addHandler(_LibraryLog(debug))  # warnings and errors: the root logger's level
    logging.captureWarnings(True)


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
    global _lang
    from poster.arguments import requested_language
    from poster.errors import language

    argv = sys.argv[1:] if argv is None else list(argv)
    _lang = language(requested_language(argv))  # the parser speaks it, errors included
    parser = _parser(_lang, _command_of(argv))
    args = parser.parse_args(argv)
    _lang = language(args.lang)
    _quiet_libraries(args.debug)
    log = logging.getLogger("poster")
    if not any(isinstance(h, _Warnings) for h in log.handlers):
        log.addHandler(_Warnings())
        log.propagate = False
    log.setLevel(logging.DEBUG if getattr(args, "debug", False) else logging.NOTSET)
    try:
        _check_texts(args)
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


TEXT_OPTIONS = ("locality", "footer", "subtitle", "province")  # what a poster prints


def _check_texts(args: argparse.Namespace) -> None:
    """No control, escape or direction override in a text given on the command line
    (poster.characters): it would reach the poster and the PDF's metadata."""
    from poster.characters import code_point, unprintable

    problems = []
    for name in TEXT_OPTIONS:
        value = getattr(args, name, None)
        ch = unprintable(value) if isinstance(value, str) else None
        if ch is not None:
            problems += PosterError.of("text.control", f"--{name}", name,
                                       char=code_point(ch)).problems  # fmt: skip
    if problems:
        raise PosterError(problems)


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "render":
        return _render(args)
    if args.command == "serve":
        try:
            from poster.web.app import serve
        except ImportError as e:
            raise PosterError.of("cli.web-extra", "poster serve", "", package=e.name) from None
        return serve(args.host, args.port, args.workers, args.allow_host, debug=args.debug,
                     per_address=args.per_address)  # fmt: skip
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
