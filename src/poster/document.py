"""The document: pages of positioned marks. Every planner builds one; every output draws one.

A poster is a document of one page with trim and bleed boxes; a deck is a document
of slides with outline entries, page labels and speaker notes; the sheets for an
office printer are pages of cut lines and labels. Positions in points, PDF
orientation (y grows upwards, origin at the bottom-left corner of the page). No
drawing library here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec

from poster.colors import Color
from poster.geometry import Rect


class Fill(msgspec.Struct, frozen=True):
    rect: Rect
    color: Color
    radius: float = 0.0


class Disc(msgspec.Struct, frozen=True):
    cx: float
    cy: float
    r: float
    color: Color


class Polygon(msgspec.Struct, frozen=True):
    points: tuple[tuple[float, float], ...]
    color: Color


class Line(msgspec.Struct, frozen=True):
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: Color
    dash: tuple[float, ...] = ()  # on, off lengths; () for a solid line


class TextLine(msgspec.Struct, frozen=True):
    x: float  # left end of the line
    y: float  # baseline
    text: str
    font: str
    size: float
    color: Color
    tracking: float = 0.0  # letter-spacing: points added after each character


class QRSymbol(msgspec.Struct, frozen=True):
    rect: Rect  # the symbol, without quiet zone
    module: float
    runs: tuple[tuple[int, int, int], ...]  # dark runs: (row, first column, length)
    size: int  # modules per side
    color: Color


class Picture(msgspec.Struct, frozen=True):
    path: Path
    rect: Rect  # the image is fitted into it, centred, never stretched
    background: Color  # what transparent parts show (flattened for CMYK)


class Icon(msgspec.Struct, frozen=True):
    """A line icon (an SVG file) fitted into `rect`, centred, its strokes in `color`."""

    path: str
    rect: Rect
    color: Color


class Run(msgspec.Struct, frozen=True):
    text: str
    font: str
    size: float
    color: Color


Align = Literal["left", "center", "right"]
# what a text box is to an editable output: a slide's title or subtitle (PowerPoint's
# placeholders: the outline view and the accessibility checker read them), or plain text
Role = Literal["", "title", "subtitle"]


class TextBox(msgspec.Struct, frozen=True):
    """A paragraph: its runs (for editable outputs such as PPTX) and its wrapped lines
    (what the PDF draws). `rect` holds every glyph of the lines."""

    rect: Rect
    runs: tuple[Run, ...]
    lines: tuple[TextLine, ...]
    pitch: float  # line spacing, points
    align: Align = "left"
    role: Role = ""


Mark = Fill | Disc | Polygon | Line | TextLine | TextBox | QRSymbol | Picture | Icon

PageKind = Literal["poster", "title", "overview", "item", "closing", "map", "sheet"]


class Page(msgspec.Struct, frozen=True):
    width: float
    height: float
    marks: tuple[Mark, ...]
    kind: PageKind = "poster"
    trim: Rect | None = None  # print pages: the finished size (TrimBox)
    bleed: Rect | None = None  # print pages: trim plus bleed (BleedBox)
    outline: str = ""  # its bookmark, if the document has an outline
    label: str = ""  # its page label ("Bìa", "5"), if the document has labels
    item: int | None = None  # the content item it shows
    notes: str = ""  # speaker notes; a social card's caption (post text, alternative text)
    # runs of `marks` ([start, end) indexes) that depend only on the content, the layout
    # and the colours (a poster's tiles): a writer may draw each once and repeat it for
    # every brand of a batch (see outputs.pdf)
    groups: tuple[tuple[int, int], ...] = ()


DocumentKind = Literal["poster", "deck", "sheets", "cards"]  # cards: social cards


class Document(msgspec.Struct, frozen=True):
    kind: DocumentKind
    pages: tuple[Page, ...]
    title: str
    author: str  # the locality
    subject: str
    layout: str  # the layout's name
    body_size: float = 0.0  # the solved sizes, pt (0 where there is no body text)
    heading_size: float = 0.0
    cmyk: bool = False  # every colour in DeviceCMYK
    pdfx: str = ""  # "1a" PDF/X-1a:2001, "4" PDF/X-4: OutputIntent, version and trapping keys
    keywords: str = "chuyển đổi số, công nghệ thông tin"
    language: str = "vi-VN"
