"""Line icons: an SVG file as a ReportLab drawing (svglib), in one colour, cached.

The PDF writer draws the drawing's vector paths; the PowerPoint writer places a
PNG rendered from a one-icon PDF of the same drawing (pypdfium2). Icons are the
shipped Lucide set (`data/icons/`, ISC) or any SVG a content file names.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poster.colors import Color

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing


FONT = "BeVietnamPro-Regular"  # registered and embedded by the PDF writer


def _recolor(node: Any, ink: Any) -> None:
    """Every stroke and fill of the drawing in `ink` (line icons are one colour)."""
    if getattr(node, "strokeColor", None) is not None:
        node.strokeColor = ink
    if getattr(node, "fillColor", None) is not None:
        node.fillColor = ink
    if getattr(node, "fontName", None) is not None:
        node.fontName = FONT  # no text in a line icon: only keeps Helvetica off the page
    for child in getattr(node, "contents", ()):
        _recolor(child, ink)


@lru_cache(maxsize=128)
def _drawing(
    path: str, mtime: float, rgb: tuple[float, ...], cmyk: tuple[float, ...] | None
) -> Drawing:
    from reportlab.lib.colors import CMYKColor
    from reportlab.lib.colors import Color as RLColor
    from svglib.svglib import svg2rlg

    text = Path(path).read_text(encoding="utf-8").replace("currentColor", "#000000")
    drawing = svg2rlg(io.StringIO(text))
    if drawing is None:
        raise ValueError(f"{path}: not an SVG drawing")
    ink = (
        CMYKColor(cmyk[0], cmyk[1], cmyk[2], cmyk[3])
        if cmyk is not None
        else RLColor(rgb[0], rgb[1], rgb[2])
    )
    _recolor(drawing, ink)
    drawing.initialFontName = FONT  # type: ignore[attr-defined]  # the first state sets a font
    return drawing


def drawing(path: str, color: Color, cmyk: bool) -> Drawing:
    """The icon's drawing with its strokes in `color` (DeviceCMYK if `cmyk`)."""
    return _drawing(path, Path(path).stat().st_mtime, color.rgb, color.cmyk if cmyk else None)


_FONT_ONLY = re.compile(r"BT /F\d+ [\d.]+ Tf [\d.]+ TL ET")


@lru_cache(maxsize=256)
def _operators(
    path: str, mtime: float, rgb: tuple[float, ...], cmyk: tuple[float, ...] | None
) -> tuple[str, ...]:
    """The PDF operators that draw the icon at its own size, recorded once from a
    scratch canvas (a poster draws 17 icons; rendering each drawing anew is slow)."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    from poster.fonts import face

    face("body")  # registered: the renderer's first state names it
    # as the real canvas: DeviceCMYK enforced for print (the renderer sets black in RGB)
    scratch = Canvas(io.BytesIO(), enforceColorSpace="cmyk" if cmyk is not None else None)
    code: list[str] = scratch._code  # type: ignore[attr-defined]
    start = len(code)
    renderPDF.draw(_drawing(path, mtime, rgb, cmyk), scratch, 0, 0)
    # the renderer's font setting (no text follows) is dropped
    ops = tuple(op for op in code[start:] if not _FONT_ONLY.fullmatch(op))
    if any(" Tf" in op or "/F" in op or " Do" in op for op in ops):
        return ()  # it refers to the scratch page's resources: draw it anew
    return ops


def draw(canvas: Any, path: str, x: float, y: float, size: float, color: Color, cmyk: bool) -> None:
    """The icon fitted into the square of side `size` at (x, y), centred."""
    from reportlab.graphics import renderPDF

    d = drawing(path, color, cmyk)
    scale = size / max(d.width, d.height)
    canvas.saveState()
    canvas.translate(x + (size - d.width * scale) / 2, y + (size - d.height * scale) / 2)
    canvas.scale(scale, scale)
    ops = _operators(path, Path(path).stat().st_mtime, color.rgb, color.cmyk if cmyk else None)
    if ops:
        canvas._code.extend(ops)  # the recorded operators, inside this q … Q
    else:
        renderPDF.draw(d, canvas, 0, 0)
    canvas.restoreState()


@lru_cache(maxsize=128)
def png(path: str, rgb: tuple[float, ...], pixels: int) -> bytes:
    """The icon as a PNG `pixels` wide, transparent around its strokes (for PowerPoint)."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(100, 100))
    draw(c, path, 0, 0, 100, Color.from_rgb((rgb[0], rgb[1], rgb[2])), False)
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    try:
        image = doc[0].render(scale=pixels / 100, fill_color=(255, 255, 255, 0)).to_pil()
    finally:
        doc.close()
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
