"""Drawing a plan with ReportLab: the only module that touches the canvas."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from poster import __version__
from poster.colors import Color
from poster.fonts import face
from poster.plan import Disc, Fill, Line, Picture, Plan, Polygon, QRSymbol, TextBox, TextLine

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
    from poster.plan import _image_size

    _image.cache_clear()
    _image_size.cache_clear()


class _Inks:
    """Sets colours in the plan's colour space (DeviceCMYK or DeviceRGB)."""

    def __init__(self, cmyk: bool):
        self.cmyk = cmyk

    def fill(self, target, color: Color) -> None:
        if self.cmyk:
            target.setFillColorCMYK(*color.cmyk)
        else:
            target.setFillColorRGB(*color.rgb)

    def stroke(self, target, color: Color) -> None:
        if self.cmyk:
            target.setStrokeColorCMYK(*color.cmyk)
        else:
            target.setStrokeColorRGB(*color.rgb)


def _canvas(size: tuple[float, float], title: str, author: str, subject: str, cmyk: bool):
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=size,
        invariant=1,
        pageCompression=1,
        lang="vi-VN",
        # the preamble's font: one of ours, so no base-14 font lands in the resources
        initialFontName=face("body").name,
        # with --cmyk any RGB colour is an error, not a silent conversion
        enforceColorSpace="cmyk" if cmyk else None,
    )
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator(f"poster {__version__}")
    c.setKeywords("chuyển đổi số, công nghệ thông tin")
    return c, buf


def draw_plan(plan: Plan) -> bytes:
    geo = plan.geometry
    c, buf = _canvas((geo.media.w, geo.media.h), plan.title, plan.author, plan.subject, plan.cmyk)
    c.setTrimBox((geo.trim.x0, geo.trim.y0, geo.trim.x1, geo.trim.y1))
    b = geo.bleed_box
    c.setBleedBox((b.x0, b.y0, b.x1, b.y1))
    c.setCropBox((geo.media.x0, geo.media.y0, geo.media.x1, geo.media.y1))
    _draw_marks(c, plan.marks, _Inks(plan.cmyk), plan.cmyk)
    c.showPage()
    c.save()
    return buf.getvalue()


def draw_pages(
    pages: list[tuple[tuple[float, float], tuple]], title: str, author: str, subject: str
) -> bytes:
    """Several pages of marks (e.g. the overlays of tiled sheets), RGB."""
    c, buf = _canvas(pages[0][0], title, author, subject, cmyk=False)
    for size, marks in pages:
        c.setPageSize(size)
        _draw_marks(c, marks, _Inks(False), False)
        c.showPage()
    c.save()
    return buf.getvalue()


def draw_deck(deck) -> bytes:
    """A slide deck: one page per slide, an outline entry and a page label for each."""
    from reportlab.pdfbase.pdfdoc import PDFPageLabel

    c, buf = _canvas(deck.size, deck.title, deck.author, deck.subject, cmyk=False)
    for i, slide in enumerate(deck.slides):
        key = f"slide{i}"
        c.bookmarkPage(key)
        c.addOutlineEntry(slide.title, key, level=0)
        if slide.item is not None and slide.label.isdigit():
            c.addPageLabel(i, style=PDFPageLabel.ARABIC, start=int(slide.label))
        else:
            c.addPageLabel(i, prefix=slide.label)
        _draw_marks(c, slide.marks, _Inks(False), False)
        c.showPage()
    c.showOutline()
    c.save()
    return buf.getvalue()


def _draw_marks(c: Canvas, marks, inks: _Inks, cmyk: bool) -> None:
    text = None
    font = None
    fill = None
    flat = []
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
        elif isinstance(m, Picture):
            r = m.rect
            image = _image(m.path, m.path.stat().st_mtime, m.background if cmyk else None)
            c.drawImage(
                image, r.x0, r.y0, r.w, r.h,
                mask=None if cmyk else "auto", preserveAspectRatio=True, anchor="c",
            )  # fmt: skip
    if text is not None:
        c.drawText(text)
