"""PDF output: a document drawn with ReportLab, the only module that touches a canvas."""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from poster import __version__, icons
from poster.colors import Color
from poster.document import (
    Disc,
    Document,
    Fill,
    Icon,
    Line,
    Mark,
    Picture,
    Polygon,
    QRSymbol,
    TextBox,
    TextLine,
)
from poster.fonts import face
from poster.outputs import Artifact, Job, writer

if TYPE_CHECKING:
    from reportlab.pdfgen.textobject import PDFTextObject

# Smaller files: binary font subsets and streams without ASCII85.
rl_config.ttfAsciiReadable = 0
rl_config.useA85 = 0


@lru_cache(maxsize=64)
def _image(path: Path, mtime: float, cmyk_on: Color | None) -> ImageReader:
    """A logo as ReportLab reads it; for CMYK output flattened onto its background and
    separated by Pillow (CMYK has no transparency)."""
    if cmyk_on is None:
        return ImageReader(str(path))
    from PIL import Image

    with Image.open(path) as im:
        im.load()
        if im.mode in ("RGBA", "LA", "P", "PA") or "transparency" in im.info:
            rgba = im.convert("RGBA")
            ground = Image.new("RGBA", rgba.size, tuple(round(v * 255) for v in cmyk_on.rgb))
            im = Image.alpha_composite(ground, rgba)
        return ImageReader(im.convert("CMYK"))


def forget_images() -> None:
    """Drop decoded logos kept between renders (a server whose logos live in
    per-request folders calls this after each request)."""
    from poster.plan.header import forget_image_sizes

    _image.cache_clear()
    forget_image_sizes()


class _Inks:
    """Sets colours in the plan's colour space (DeviceCMYK or DeviceRGB)."""

    def __init__(self, cmyk: bool):
        self.cmyk = cmyk

    def fill(self, target: Canvas | PDFTextObject, color: Color) -> None:
        if self.cmyk:
            target.setFillColorCMYK(*color.cmyk)
        else:
            target.setFillColorRGB(*color.rgb)

    def stroke(self, target: Canvas | PDFTextObject, color: Color) -> None:
        if self.cmyk:
            target.setStrokeColorCMYK(*color.cmyk)
        else:
            target.setStrokeColorRGB(*color.rgb)


def _canvas(size: tuple[float, float], doc: Document) -> tuple[Canvas, io.BytesIO]:
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=size,
        invariant=1,
        pageCompression=1,
        lang=doc.language,
        # the preamble's font: one of ours, so no base-14 font lands in the resources
        # types-reportlab declares initialFontName a float; ReportLab takes a font name
        initialFontName=face("body").name,  # type: ignore[arg-type]
        # with --cmyk any RGB colour is an error, not a silent conversion
        enforceColorSpace="cmyk" if doc.cmyk else None,
    )
    c.setTitle(doc.title)
    c.setAuthor(doc.author)
    c.setSubject(doc.subject)
    c.setCreator(f"poster {__version__}")
    c.setKeywords(doc.keywords)
    return c, buf


def write_pdf(doc: Document) -> bytes:
    """Any document as PDF: print boxes where its pages have them; an outline entry and a
    page label per page where its pages name them (decks)."""
    from reportlab.pdfbase.pdfdoc import PDFPageLabel

    first = doc.pages[0]
    c, buf = _canvas((first.width, first.height), doc)
    outline = any(p.outline for p in doc.pages)
    for i, page in enumerate(doc.pages):
        c.setPageSize((page.width, page.height))
        if page.trim is not None:
            t = page.trim
            c.setTrimBox((t.x0, t.y0, t.x1, t.y1))
            b = page.bleed or t
            c.setBleedBox((b.x0, b.y0, b.x1, b.y1))
            c.setCropBox((0, 0, page.width, page.height))
        if page.outline:
            key = f"slide{i}"
            c.bookmarkPage(key)
            c.addOutlineEntry(page.outline, key, level=0)
        if page.label:
            if page.item is not None and page.label.isdigit():
                c.addPageLabel(i, style=PDFPageLabel.ARABIC, start=int(page.label))
            else:
                c.addPageLabel(i, prefix=page.label)
        _draw_marks(c, page.marks, _Inks(doc.cmyk), doc.cmyk)
        c.showPage()
    if outline:
        c.showOutline()
    c.save()
    return buf.getvalue()


def _draw_marks(c: Canvas, marks: Iterable[Mark], inks: _Inks, cmyk: bool) -> None:
    text = None
    font = None
    fill = None
    flat: list[Mark] = []
    for m in marks:  # a text box draws as its lines
        flat.extend(m.lines if isinstance(m, TextBox) else (m,))
    for m in flat:
        if isinstance(m, TextLine):
            if text is None:
                text, font, fill = c.beginText(), None, None
            if font != (m.font, m.size):
                text.setFont(m.font, m.size)
                font = (m.font, m.size)
            if fill != m.color:
                inks.fill(text, m.color)
                fill = m.color
            text.setTextOrigin(m.x, m.y)
            text.textOut(m.text)
            continue
        if text is not None:
            c.drawText(text)
            text = None
        if isinstance(m, Fill):
            inks.fill(c, m.color)
            r = m.rect
            if m.radius:
                c.roundRect(r.x0, r.y0, r.w, r.h, m.radius, stroke=0, fill=1)
            else:
                c.rect(r.x0, r.y0, r.w, r.h, stroke=0, fill=1)
        elif isinstance(m, Disc):
            inks.fill(c, m.color)
            c.circle(m.cx, m.cy, m.r, stroke=0, fill=1)
        elif isinstance(m, Polygon):
            inks.fill(c, m.color)
            p = c.beginPath()
            p.moveTo(*m.points[0])
            for pt in m.points[1:]:
                p.lineTo(*pt)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        elif isinstance(m, Line):
            inks.stroke(c, m.color)
            c.setLineWidth(m.width)
            c.setDash(list(m.dash) if m.dash else [])
            c.line(m.x0, m.y0, m.x1, m.y1)
        elif isinstance(m, QRSymbol):
            inks.fill(c, m.color)
            p = c.beginPath()
            top, u = m.rect.y1, m.module
            for row, col, length in m.runs:
                p.rect(m.rect.x0 + col * u, top - (row + 1) * u, length * u, u)
            c.drawPath(p, stroke=0, fill=1)
        elif isinstance(m, Icon):
            r = m.rect
            icons.draw(c, m.path, r.x0, r.y0, min(r.w, r.h), m.color, cmyk)
        elif isinstance(m, Picture):
            r = m.rect
            image = _image(m.path, m.path.stat().st_mtime, m.background if cmyk else None)
            c.drawImage(
                image, r.x0, r.y0, r.w, r.h,
                mask=None if cmyk else "auto", preserveAspectRatio=True, anchor="c",
            )  # fmt: skip
    if text is not None:
        c.drawText(text)


@writer("pdf", "pdf", "application/pdf", "PDF output")
def _write(job: Job) -> list[Artifact]:
    return [Artifact(".pdf", job.pdf(), "application/pdf", len(job.document.pages))]
