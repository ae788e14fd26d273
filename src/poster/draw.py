"""Drawing a plan with ReportLab: the only module that touches the canvas."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from poster import __version__
from poster.fonts import face
from poster.plan import Disc, Fill, Picture, Plan, Polygon, QRSymbol, TextLine

# Smaller files: binary font subsets and streams without ASCII85.
rl_config.ttfAsciiReadable = 0
rl_config.useA85 = 0


@lru_cache(maxsize=64)
def _image(path: Path, mtime: float) -> ImageReader:
    return ImageReader(str(path))


def draw_plan(plan: Plan) -> bytes:
    geo = plan.geometry
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=(geo.media.w, geo.media.h),
        invariant=1,
        pageCompression=1,
        lang="vi-VN",
        # the preamble's font: one of ours, so no base-14 font lands in the resources
        initialFontName=face("body").name,
    )
    c.setTitle(plan.title)
    c.setAuthor(plan.author)
    c.setSubject(plan.subject)
    c.setCreator(f"poster {__version__}")
    c.setKeywords("chuyển đổi số, công nghệ thông tin")
    c.setTrimBox((geo.trim.x0, geo.trim.y0, geo.trim.x1, geo.trim.y1))
    c.setBleedBox((geo.media.x0, geo.media.y0, geo.media.x1, geo.media.y1))
    c.setCropBox((geo.media.x0, geo.media.y0, geo.media.x1, geo.media.y1))

    text = None
    font = None
    fill = None
    for m in plan.marks:
        if isinstance(m, TextLine):
            if text is None:
                text, font, fill = c.beginText(), None, None
            if font != (m.font, m.size):
                text.setFont(m.font, m.size)
                font = (m.font, m.size)
            if fill != m.color:
                text.setFillColorRGB(*m.color)
                fill = m.color
            text.setTextOrigin(m.x, m.y)
            text.textOut(m.text)
            continue
        if text is not None:
            c.drawText(text)
            text = None
        if isinstance(m, Fill):
            c.setFillColorRGB(*m.color)
            r = m.rect
            if m.radius:
                c.roundRect(r.x0, r.y0, r.w, r.h, m.radius, stroke=0, fill=1)
            else:
                c.rect(r.x0, r.y0, r.w, r.h, stroke=0, fill=1)
        elif isinstance(m, Disc):
            c.setFillColorRGB(*m.color)
            c.circle(m.cx, m.cy, m.r, stroke=0, fill=1)
        elif isinstance(m, Polygon):
            c.setFillColorRGB(*m.color)
            p = c.beginPath()
            p.moveTo(*m.points[0])
            for pt in m.points[1:]:
                p.lineTo(*pt)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        elif isinstance(m, QRSymbol):
            c.setFillColorRGB(*m.color)
            p = c.beginPath()
            top, u = m.rect.y1, m.module
            for row, col, length in m.runs:
                p.rect(m.rect.x0 + col * u, top - (row + 1) * u, length * u, u)
            c.drawPath(p, stroke=0, fill=1)
        elif isinstance(m, Picture):
            r = m.rect
            c.drawImage(
                _image(m.path, m.path.stat().st_mtime),
                r.x0,
                r.y0,
                r.w,
                r.h,
                mask="auto",
                preserveAspectRatio=True,
                anchor="c",
            )
    if text is not None:
        c.drawText(text)
    c.showPage()
    c.save()
    return buf.getvalue()
