"""Outputs: one way out for every entry point (command line, batch, web page).

`produce(request)` plans the document once and hands it to the writers asked for;
each writer turns a `Document` into artifacts (bytes with a name suffix and a media
type). Writers are registered by format name with `@writer`; a new output is one
module in this package that registers itself, plus its import at the end of this file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

import msgspec

from poster.document import Document, DocumentKind
from poster.errors import PosterError
from poster.plan import Options, plan_document
from poster.spec import Brand, Content, Layout

SheetSize = Literal["A4", "A3"]  # an office printer's paper


class Request(msgspec.Struct, frozen=True):
    content: Content
    layout: Layout
    brand: Brand
    formats: tuple[str, ...] = ("pdf",)  # registered writers; the first is the main output
    options: Options = msgspec.field(default_factory=Options)
    dpi: float | None = None  # png, jpeg: resolution (default 150)
    width_px: int | None = None  # png, jpeg: pixel width instead of a resolution
    sheet: SheetSize = "A4"  # sheets: the office printer's paper
    landscape: bool = False  # sheets
    overlap_mm: float = 10.0  # sheets: the glue strip
    name: str = ""  # what labels and slug lines call the output (a file name)


class Artifact(msgspec.Struct, frozen=True):
    suffix: str  # added to the output's stem: ".pdf", ".png", "-03.png", "-tiled-A4.pdf"
    data: bytes
    media_type: str
    pages: int = 1
    format: str = ""  # the writer that made it (set by produce)


class Job:
    """One request being produced: its document, and its PDF rendered at most once
    (previews and sheets are made from the PDF itself, so they show what prints)."""

    def __init__(self, request: Request, document: Document):
        self.request = request
        self.document = document
        self._pdf: bytes | None = None

    def pdf(self) -> bytes:
        if self._pdf is None:
            from poster.outputs.pdf import write_pdf

            self._pdf = write_pdf(self.document)
        return self._pdf


class Writer(msgspec.Struct, frozen=True):
    name: str
    extension: str  # of its files
    media_type: str
    kinds: frozenset[DocumentKind]  # the documents it can write
    description: str
    write: Callable[[Job], list[Artifact]]


WRITERS: dict[str, Writer] = {}


def writer(
    name: str,
    extension: str,
    media_type: str,
    description: str,
    kinds: tuple[DocumentKind, ...] = ("poster", "deck", "cards"),
) -> Callable[[Callable[[Job], list[Artifact]]], Callable[[Job], list[Artifact]]]:
    """Register a writer under a format name."""

    def register(fn: Callable[[Job], list[Artifact]]) -> Callable[[Job], list[Artifact]]:
        WRITERS[name] = Writer(name, extension, media_type, frozenset(kinds), description, fn)
        return fn

    return register


def formats() -> list[Writer]:
    return list(WRITERS.values())


def format_for(path: str | Path | None, explicit: str | None) -> str:
    """The format asked for with --format, or the one the file name's extension names."""
    if explicit:
        return explicit
    suffix = Path(path).suffix.lower().lstrip(".") if path else ""
    by_extension = {w.extension: w.name for w in reversed(WRITERS.values())}
    return by_extension.get(suffix, "pdf") if suffix else "pdf"


def kind_of(layout: Layout) -> DocumentKind:
    from poster.spec import CardLayout, DeckLayout

    if isinstance(layout, CardLayout):
        return "cards"
    return "deck" if isinstance(layout, DeckLayout) else "poster"


def default_format(layout: Layout, many: bool = False) -> str:
    """What a layout gives when no format is asked for: a PDF; social cards their PNGs,
    or for `many` (a batch of communes) one ZIP each, a file to send each commune."""
    if kind_of(layout) == "cards":
        return "zip" if many else "png"
    return "pdf"


def check_format(fmt: str, layout: Layout) -> Writer:
    """The writer for `fmt`, or a problem naming what the layout can give instead."""
    w = WRITERS.get(fmt)
    if w is None:
        known = ", ".join(WRITERS)
        raise PosterError.of("format.unknown", "--format", "format", name=fmt, known=known)
    kind = kind_of(layout)
    if kind == "cards" and kind not in w.kinds:
        known = ", ".join(n for n, f in WRITERS.items() if "cards" in f.kinds)
        raise PosterError.of(
            "format.not-for-cards", layout.source_file, "format", output=w.description,
            fmt=w.name, layout=layout.name, known=known,
        )  # fmt: skip
    if kind not in w.kinds:
        from poster.spec import layout_names, load_layout

        other = "poster" if "poster" in w.kinds else "deck"
        names = ", ".join(n for n in layout_names() if kind_of(load_layout(n)) == other)
        raise PosterError.of(
            "format.needs-poster" if other == "poster" else "format.needs-deck",
            layout.source_file, "format", output=w.description, fmt=w.name, names=names,
            layout=layout.name,
        )  # fmt: skip
    return w


def produce(request: Request) -> tuple[Document, list[Artifact]]:
    """Plan the document once; every format asked for, in order."""
    writers = [check_format(f, request.layout) for f in request.formats]
    document = plan_document(request.content, request.layout, request.brand, request.options)
    job = Job(request, document)
    artifacts: list[Artifact] = []
    for w in writers:
        artifacts += [msgspec.structs.replace(a, format=w.name) for a in w.write(job)]
    return document, artifacts


def default_stem(layout: Layout, brand: Brand) -> str:
    """The default output name without extension: layout and locality, 'a1-portrait-hiep-hoa',
    safe as a file name and cut to a safe length (see files.safe_stem)."""
    from poster.files import safe_stem

    return safe_stem(f"{layout.name}-{brand.slug}")


# the writers register themselves on import
from poster.outputs import archive, images, pdf, powerpoint, sheets  # noqa: E402, F401
