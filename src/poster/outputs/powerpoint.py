"""PowerPoint output: a deck as an editable PowerPoint file (python-pptx).

The same slides as the PDF: every text box is a real, editable text frame (the
runs of the plan's TextBoxes, wrapped by PowerPoint itself), every shape a
PowerPoint shape, the QR code a picture, the item's full text in the notes.
Fonts are named "Be Vietnam Pro" (Bold as its bold face, ExtraBold as its own
family, as the font's name table says); on a machine without them PowerPoint
substitutes a default font and the text may wrap differently.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from poster import __version__, icons, logo
from poster.colors import Color
from poster.document import (
    Align,
    Disc,
    Document,
    Fill,
    Icon,
    Line,
    Picture,
    Polygon,
    QRSymbol,
    Run,
    TextBox,
    TextLine,
)
from poster.fonts import face
from poster.geometry import Rect
from poster.outputs import Artifact, Job, writer
from poster.outputs.pdf import deterministic
from poster.plan.header import image_size

if TYPE_CHECKING:
    from pptx.dml.color import RGBColor
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.shapetree import SlideShapes
    from pptx.util import Length

EMU_PER_PT = 12700

# registered font name → (family as Office knows it, bold)
FAMILIES = {
    "BeVietnamPro-Regular": ("Be Vietnam Pro", False),
    "BeVietnamPro-Bold": ("Be Vietnam Pro", True),
    "BeVietnamPro-ExtraBold": ("Be Vietnam Pro ExtraBold", False),
}


def _emu(points: float) -> Length:
    from pptx.util import Emu

    return Emu(round(points * EMU_PER_PT))


def _rgb(color: Color) -> RGBColor:
    from pptx.dml.color import RGBColor

    # python-pptx leaves RGBColor.__new__ unannotated
    return RGBColor(*(round(v * 255) for v in color.rgb))  # type: ignore[no-untyped-call]


def _qr_png(m: QRSymbol) -> io.BytesIO:
    from PIL import Image

    scale = 10
    quiet = 4
    size = (m.size + 2 * quiet) * scale
    image = Image.new("1", (size, size), 1)
    pixels = image.load()
    assert pixels is not None  # None only for an image without data
    for row, col, length in m.runs:
        for c in range(col, col + length):
            for dy in range(scale):
                for dx in range(scale):
                    pixels[(quiet + c) * scale + dx, (quiet + row) * scale + dy] = 0
    buf = io.BytesIO()
    image.save(buf, "PNG")
    buf.seek(0)
    return buf


# "Variable pitch, sans serif" (pitchFamily 0x22): what Office and LibreOffice use to
# pick a substitute (a sans serif such as Arial or DejaVu Sans) on a machine without
# Be Vietnam Pro; the fonts ship in fonts/ (README: installing the fonts).
PITCH_FAMILY = "34"
FALLBACK = "Arial"  # named as the complex-script and East Asian face


def _fallback(rpr: Any) -> None:
    from pptx.oxml.ns import qn

    latin = rpr.find(qn("a:latin"))
    if latin is not None:
        latin.set("pitchFamily", PITCH_FAMILY)
        latin.set("charset", "0")
    for tag in ("a:ea", "a:cs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            latin_index = list(rpr).index(latin) if latin is not None else len(rpr) - 1
            rpr.insert(latin_index + 1 + (tag == "a:cs"), el)
        el.set("typeface", FALLBACK)
        el.set("pitchFamily", PITCH_FAMILY)
        el.set("charset", "0")


def _no_effects(sppr: Any) -> None:
    """An empty effect list on a picture: no shadow from the theme."""
    from pptx.oxml.ns import qn

    if sppr.find(qn("a:effectLst")) is None:
        sppr.append(sppr.makeelement(qn("a:effectLst"), {}))


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@writer("pptx", "pptx", PPTX, "PowerPoint output", ("deck",))
def _write(job: Job) -> list[Artifact]:
    return [Artifact(".pptx", write_pptx(job.document), PPTX, len(job.document.pages))]


def write_pptx(deck: Document) -> bytes:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    prs = Presentation()
    width, height = deck.pages[0].width, deck.pages[0].height
    prs.slide_width, prs.slide_height = _emu(width), _emu(height)
    blank = prs.slide_layouts[6]
    # python-pptx's template says "Steve Canny", 2013: ours, and today (or the date of
    # SOURCE_DATE_EPOCH, for reproducible bytes)
    props = prs.core_properties
    props.title = deck.title
    props.author = deck.author
    props.subject = deck.subject
    props.language = "vi-VN"
    props.last_modified_by = f"poster {__version__}"
    props.keywords = deck.keywords
    props.revision = 1
    props.created = props.modified = _when()

    def box(shapes: SlideShapes, r: Rect, kind: MSO_SHAPE = MSO_SHAPE.RECTANGLE) -> Shape:
        # PowerPoint's origin is the top-left corner, y downwards
        return shapes.add_shape(kind, _emu(r.x0), _emu(height - r.y1), _emu(r.w), _emu(r.h))

    def plain(shape: Shape, color: Color) -> None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(color)
        shape.line.fill.background()
        shape.shadow.inherit = False  # an empty effect list: no theme shadow
        # and no theme style at all: LibreOffice draws the style's effect (a shadow)
        # even over an empty effect list
        from pptx.oxml.ns import qn

        style = shape._element.find(qn("p:style"))
        if style is not None:
            shape._element.remove(style)

    def text_frame(
        shapes: SlideShapes,
        r: Rect,
        runs: Iterable[Run],
        align: Align,
        pitch: float | None,
        wrap: bool = True,
    ) -> Shape:
        tb = shapes.add_textbox(_emu(r.x0), _emu(height - r.y1), _emu(r.w), _emu(r.h))
        tf = tb.text_frame
        tf.word_wrap = wrap
        # shrink on overflow: a substitute font (the PC has no Be Vietnam Pro) that sets
        # wider or wraps more never runs out of its box
        tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        tf.vertical_anchor = MSO_ANCHOR.TOP
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        p = tf.paragraphs[0]
        p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[
            align
        ]
        if pitch:
            p.line_spacing = Pt(pitch)
        for i, run in enumerate(runs):
            rr = p.add_run()
            rr.text = run.text if i == 0 else " " + run.text
            family, bold = FAMILIES.get(run.font, ("Be Vietnam Pro", False))
            rr.font.name = family
            # ExtraBold is its own family: bold too, so a substitute is at least bold
            rr.font.bold = bold or family.endswith("ExtraBold")
            _fallback(rr.font._rPr)
            rr.font.size = Pt(run.size)
            rr.font.color.rgb = _rgb(run.color)
        return tb

    for slide in deck.pages:
        s = prs.slides.add_slide(blank)
        shapes = s.shapes
        for m in slide.marks:
            if isinstance(m, Fill):
                kind = MSO_SHAPE.ROUNDED_RECTANGLE if m.radius else MSO_SHAPE.RECTANGLE
                shape = box(shapes, m.rect, kind)
                if m.radius:
                    shape.adjustments[0] = min(0.5, m.radius / max(1.0, min(m.rect.w, m.rect.h)))
                plain(shape, m.color)
            elif isinstance(m, Disc):
                r = Rect(m.cx - m.r, m.cy - m.r, m.cx + m.r, m.cy + m.r)
                plain(box(shapes, r, MSO_SHAPE.OVAL), m.color)
            elif isinstance(m, Polygon):
                pts = [(_emu(x), _emu(height - y)) for x, y in m.points]
                builder = shapes.build_freeform(*pts[0], scale=1.0)
                builder.add_line_segments(pts[1:], close=True)
                plain(builder.convert_to_shape(), m.color)
            elif isinstance(m, TextBox):
                # a little slack on the right: PowerPoint's wrapping is not ours
                r = Rect(
                    m.rect.x0, m.rect.y0, min(width, m.rect.x1 + m.runs[0].size * 0.2), m.rect.y1
                )
                text_frame(shapes, r, m.runs, m.align, m.pitch)
            elif isinstance(m, TextLine):
                w = face(m.font.removeprefix("BeVietnamPro-")).width(m.text) * m.size
                # room for a substitute font's stacked capitals (Ể) and descenders
                top = m.y + m.size * 1.3
                # and for a wider one (DejaVu Sans is about a fifth wider): the line keeps
                # its left end, or, near the right edge, its centre; if even this is too
                # narrow it wraps and shrinks
                bottom, top = m.y - m.size * 0.35, min(height, top)
                run = Run(m.text, m.font, m.size, m.color)
                room = max(w * 1.3, w + 0.6 * m.size)  # a short number grows by more
                if m.x + room <= width:
                    r = Rect(m.x, bottom, m.x + room, top)
                    text_frame(shapes, r, (run,), "left", None)
                else:
                    cx = m.x + w / 2
                    half = min(cx, width - cx, room / 2)
                    r = Rect(cx - half, bottom, cx + half, top)
                    text_frame(shapes, r, (run,), "center", None)
            elif isinstance(m, QRSymbol):
                quiet = 4 * m.module
                r = m.rect.inset(-quiet)
                pic = shapes.add_picture(
                    _qr_png(m), _emu(r.x0), _emu(height - r.y1), _emu(r.w), _emu(r.h)
                )
                _no_effects(pic._element.spPr)
            elif isinstance(m, Picture):
                # fitted into its box, centred, never stretched (as in the PDF)
                w_px, h_px = image_size(str(m.path))
                scale = min(m.rect.w / w_px, m.rect.h / h_px)
                w, h = w_px * scale, h_px * scale
                x = m.rect.x0 + (m.rect.w - w) / 2
                top = height - m.rect.y1 + (m.rect.h - h) / 2
                upright = logo.read(m.path).file_source()  # a phone photo turned upright
                pic = shapes.add_picture(upright, _emu(x), _emu(top), _emu(w), _emu(h))
                _no_effects(pic._element.spPr)
            elif isinstance(m, Icon):
                # the same drawing as the PDF's, as a picture (4 pixels a point)
                r = m.rect
                side = min(r.w, r.h)
                data = icons.png(m.path, m.color.rgb, max(64, round(side * 4)))
                x, top = r.x0 + (r.w - side) / 2, height - r.y1 + (r.h - side) / 2
                pic = shapes.add_picture(
                    io.BytesIO(data), _emu(x), _emu(top), _emu(side), _emu(side)
                )
                _no_effects(pic._element.spPr)
            elif isinstance(m, Line):
                continue  # decks draw no hairlines
        s.notes_slide.notes_text_frame.text = slide.notes
    buf = io.BytesIO()
    prs.save(buf)
    return _fixed_times(buf.getvalue()) if deterministic() else buf.getvalue()


def _when() -> datetime.datetime:
    """Now, or the moment SOURCE_DATE_EPOCH names (reproducible bytes), in UTC, whole seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        if epoch.isdigit()
        else datetime.datetime.now(datetime.timezone.utc)
    )
    return moment.replace(microsecond=0, tzinfo=None)


def _fixed_times(data: bytes) -> bytes:
    """The package with every member dated SOURCE_DATE_EPOCH (python-pptx dates them now)."""
    when = _when().timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=max(when, (1980, 1, 1, 0, 0, 0)))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
