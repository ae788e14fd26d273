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

from poster.colors import Color, thin_cmyk

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

    from poster.readers.icon import read_icon

    # read and checked (bounded, no entities, sane sizes), cached by the file's state
    text = read_icon(Path(path), path, "icon").replace("currentColor", "#000000")
    drawing = svg2rlg(
        io.BytesIO(text.encode())
    )  # bytes: lxml refuses a str that declares its encoding
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
_RGB_OP = re.compile(r"([\d.]+) ([\d.]+) ([\d.]+) (RG|rg)")
# the icon is recorded once in this colour, which is then replaced by the brand's
SENTINEL = (0.123457, 0.234568, 0.345679)


# The shipped icons' recordings (see `record`), made by tools/make_icon_ops.py: a render
# then needs neither svglib nor ReportLab's graphics (about 70 ms of imports a process).
RECORDED = Path(__file__).resolve().parent / "data" / "icons" / "recorded.json"


@lru_cache(maxsize=1)
def _shipped() -> dict[str, dict[str, Any]]:
    import json

    try:
        data: dict[str, dict[str, Any]] = json.loads(RECORDED.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data


@lru_cache(maxsize=256)
def _known(path: str, mtime: float) -> dict[str, Any] | None:
    """The shipped recording of this SVG file, if its bytes are the recorded ones."""
    import hashlib

    from poster import limits
    from poster.files import read_bounded

    entry = _shipped().get(Path(path).stem)
    if entry is None:
        return None
    try:
        data = read_bounded(Path(path), limits.ICON_BYTES)
    except OSError:
        return None  # not the shipped file: read (and refused) as any other icon
    digest = hashlib.sha256(data).hexdigest()
    return entry if entry.get("sha256") == digest else None


def record(path: str) -> dict[str, Any]:
    """What draws an SVG icon: its size and its operators in the SENTINEL colour (for
    tools/make_icon_ops.py and the test that checks the shipped recordings)."""
    import hashlib

    d = _drawing(path, _mtime(path), SENTINEL, None)
    return {
        "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(),
        "width": d.width,
        "height": d.height,
        "ops": list(_record(path, _mtime(path))),
    }


def _size(path: str) -> tuple[float, float]:
    known = _known(path, _mtime(path))
    if known is not None:
        return float(known["width"]), float(known["height"])
    d = _drawing(path, _mtime(path), SENTINEL, None)
    return d.width, d.height


@lru_cache(maxsize=128)
def _recorded(path: str, mtime: float) -> tuple[str, ...]:
    known = _known(path, mtime)
    if known is not None:
        return tuple(known["ops"])
    return _record(path, mtime)


@lru_cache(maxsize=128)
def _record(path: str, mtime: float) -> tuple[str, ...]:
    """The PDF operators that draw the icon at its own size in the SENTINEL colour,
    recorded once per file from a scratch canvas (rendering a drawing is slow, and a
    batch sees a new brand colour with every commune)."""
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    from poster.fonts import face

    face("body")  # registered: the renderer's first state names it
    scratch = Canvas(io.BytesIO())
    code: list[str] = scratch._code  # type: ignore[attr-defined]
    start = len(code)
    renderPDF.draw(_drawing(path, mtime, SENTINEL, None), scratch, 0, 0)
    # the renderer's font setting (no text follows) is dropped
    ops = tuple(op for op in code[start:] if not _FONT_ONLY.fullmatch(op))
    if any(" Tf" in op or "/F" in op or " Do" in op for op in ops):
        return ()  # it refers to the scratch page's resources: draw it anew
    return ops


def _num(v: float) -> str:
    return f"{v:.6f}".rstrip("0").rstrip(".") or "0"


def _mtime(path: str) -> float:
    return Path(path).stat().st_mtime


@lru_cache(maxsize=512)
def _operators(path: str, mtime: float, color: Color, cmyk: bool) -> tuple[str, ...]:
    """The recorded operators with the sentinel colour set to `color` (and the
    renderer's default black in DeviceCMYK when printing in CMYK)."""
    out = []
    for op in _recorded(path, mtime):
        m = _RGB_OP.fullmatch(op)
        if m is None:
            out.append(op)
            continue
        stroke = m[4] == "RG"
        values = tuple(float(v) for v in m.groups()[:3])
        sentinel = all(abs(a - b) < 1e-5 for a, b in zip(values, SENTINEL, strict=True))
        if cmyk:
            # the renderer's own colours (its default black) are a thin mark's inks
            inks = color.cmyk if sentinel else thin_cmyk(Color.from_rgb(values))  # type: ignore[arg-type]
            out.append(" ".join(map(_num, inks)) + (" K" if stroke else " k"))
        else:
            rgb = color.rgb if sentinel else values
            out.append(" ".join(map(_num, rgb)) + (" RG" if stroke else " rg"))
    return tuple(out)


def draw(canvas: Any, path: str, x: float, y: float, size: float, color: Color, cmyk: bool) -> None:
    """The icon fitted into the square of side `size` at (x, y), centred."""
    width, height = _size(path)
    scale = size / max(width, height)
    canvas.saveState()
    canvas.translate(x + (size - width * scale) / 2, y + (size - height * scale) / 2)
    canvas.scale(scale, scale)
    ops = _operators(path, _mtime(path), color, cmyk)
    if ops:
        canvas._code.extend(ops)  # the recorded operators, inside this q … Q
    else:
        from reportlab.graphics import renderPDF

        renderPDF.draw(drawing(path, color, cmyk), canvas, 0, 0)
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
