"""PowerPoint output: a deck as an editable PowerPoint file (python-pptx).

The same slides as the PDF, built as PowerPoint builds its own: every slide on a
layout of the template (the title slide on "Title Slide", the others on "Title
Only") whose title placeholder holds the slide's heading, so the outline view, the
accessibility checker and screen readers find it. Every other text box is a real,
editable text frame (the runs of the plan's TextBoxes, wrapped by PowerPoint itself),
every shape a PowerPoint shape, each icon an SVG picture with a PNG fallback (as
PowerPoint's Insert > Icons makes it), the QR code a picture, the item's full text in
the notes. Fonts are named "Be Vietnam Pro" (Bold as its bold face, ExtraBold as its
own family, as the font's name table says); on a machine without them PowerPoint
substitutes a sans serif, every text box shrinks its text if it no longer fits, and
the plan has reserved the room a wider substitute needs for the item numbers.
"""

from __future__ import annotations

import datetime
import io
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
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
from poster.words import nobreak

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

# the template's layouts a slide is built on, by the plan's kind of page
LAYOUTS = {"title": "Title Slide"}
TITLE_ONLY = "Title Only"
ROLES = {0: "title", 1: "subtitle"}  # a layout's placeholders by index: the plan's roles
# the extension of a picture's blip that holds its SVG (Office 2016 and later)
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
ICON_PX_PER_PT = 4  # the PNG fallback of an icon, for PowerPoint before 2019


def _scale_template(prs: Any, width: Length, height: Length) -> None:
    """The master's and layouts' placeholders moved to the slide size (the template is
    4:3): a slide a user adds in PowerPoint gets its title where the others have it."""
    from pptx.oxml.ns import qn

    sx, sy = width / prs.slide_width, height / prs.slide_height
    for part in [prs.slide_master, *prs.slide_layouts]:
        for xfrm in part._element.iter(qn("a:xfrm")):
            for tag, kx, ky in (("a:off", "x", "y"), ("a:ext", "cx", "cy")):
                el = xfrm.find(qn(tag))
                if el is not None:
                    el.set(kx, str(round(int(el.get(kx)) * sx)))
                    el.set(ky, str(round(int(el.get(ky)) * sy)))


def _layout(prs: Any, name: str) -> Any:
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def _icon_svg(path: str, color: Color) -> bytes | None:
    """The icon's SVG with its strokes in `color` (Lucide icons draw in currentColor),
    or None if the file cannot be read."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text.replace("currentColor", color.hex()).encode("utf-8")


def _add_svg(pic: Any, svg: bytes, parts: dict[bytes, Any]) -> None:
    """The picture's SVG beside its PNG: a part of the package, related to the slide,
    named by an extension of the picture's blip (what PowerPoint 2019 and later draw)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.oxml.ns import qn

    slide_part = pic.part
    part = parts.get(svg)
    if part is None:
        package = slide_part.package
        part = Part(package.next_image_partname("svg"), "image/svg+xml", package, svg)
        parts[svg] = part
    rid = slide_part.relate_to(part, RT.IMAGE)
    blip = pic._element.blipFill.find(qn("a:blip"))
    ext_lst = blip.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = blip.makeelement(qn("a:extLst"), {})
        blip.append(ext_lst)
    ext = ext_lst.makeelement(qn("a:ext"), {"uri": SVG_EXT})
    ext_lst.append(ext)
    svg_blip = ext.makeelement(f"{{{SVG_NS}}}svgBlip", {qn("r:embed"): rid}, {"asvg": SVG_NS})
    ext.append(svg_blip)


def _describe(pic: Any, text: str) -> None:
    """Alternative text (what a screen reader says, what the accessibility checker asks)."""
    pic._element.nvPicPr.cNvPr.set("descr", text)


@writer("pptx", "pptx", PPTX, "PowerPoint output", ("deck",))
def _write(job: Job) -> list[Artifact]:
    return [Artifact(".pptx", write_pptx(job.document), PPTX, len(job.document.pages))]


def write_pptx(deck: Document) -> bytes:
    from pptx import Presentation
    from pptx.enum.lang import MSO_LANGUAGE_ID
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    prs = Presentation()
    width, height = deck.pages[0].width, deck.pages[0].height
    _scale_template(prs, _emu(width), _emu(height))
    prs.slide_width, prs.slide_height = _emu(width), _emu(height)
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
    svg_parts: dict[bytes, Any] = {}

    def box(shapes: SlideShapes, r: Rect, kind: MSO_SHAPE = MSO_SHAPE.RECTANGLE) -> Shape:
        # PowerPoint's origin is the top-left corner, y downwards
        return shapes.add_shape(kind, _emu(r.x0), _emu(height - r.y1), _emu(r.w), _emu(r.h))

    def place(shape: Any, r: Rect) -> None:
        shape.left, shape.top = _emu(r.x0), _emu(height - r.y1)
        shape.width, shape.height = _emu(r.w), _emu(r.h)

    def plain(shape: Shape, color: Color) -> None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(color)
        shape.line.fill.background()
        shape.shadow.inherit = False  # an empty effect list: no theme shadow
        # and no theme style at all: LibreOffice draws the style's effect (a shadow)
        # even over an empty effect list
        style = shape._element.find(qn("p:style"))
        if style is not None:
            shape._element.remove(style)

    def text_frame(
        shape: Any,
        r: Rect,
        runs: Iterable[Run],
        align: Align,
        pitch: float | None,
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
    ) -> None:
        place(shape, r)
        tf = shape.text_frame
        tf.word_wrap = True
        # shrink on overflow: a substitute font (the PC has no Be Vietnam Pro) that sets
        # wider or wraps more never runs out of its box
        tf.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        tf.vertical_anchor = anchor
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        tf.clear()  # a placeholder's prompt text
        p = tf.paragraphs[0]
        p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[
            align
        ]
        if pitch:
            p.line_spacing = Pt(pitch)
        for i, run in enumerate(runs):
            # a line the plan ends ("\n") ends with a line break, as Shift+Enter makes it
            for k, part in enumerate((run.text if i == 0 else " " + run.text).split("\n")):
                if k:
                    p.add_line_break()
                rr = p.add_run()
                rr.text = part
                family, bold = FAMILIES.get(run.font, ("Be Vietnam Pro", False))
                rr.font.name = family
                # ExtraBold is its own family: bold too, so a substitute is at least bold
                rr.font.bold = bold or family.endswith("ExtraBold")
                _fallback(rr.font._rPr)
                rr.font.size = Pt(run.size)
                rr.font.color.rgb = _rgb(run.color)
                rr.font.language_id = MSO_LANGUAGE_ID.VIETNAMESE  # spelling, screen readers

    def on_top(shapes: SlideShapes, shape: Any) -> None:
        """A placeholder (made with the slide, under everything) moved above the marks
        drawn so far, as the plan orders them."""
        tree = shapes._spTree
        tree.remove(shape._element)
        tree.insert_element_before(shape._element, "p:extLst")

    for slide in deck.pages:
        s = prs.slides.add_slide(_layout(prs, LAYOUTS.get(slide.kind, TITLE_ONLY)))
        shapes = s.shapes
        holders = {
            ROLES[ph.placeholder_format.idx]: ph
            for ph in s.placeholders
            if ph.placeholder_format.idx in ROLES
        }
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
                holder = holders.pop(m.role, None) if m.role else None
                if holder is not None:
                    on_top(shapes, holder)
                shape = holder if holder is not None else shapes.add_textbox(0, 0, 1, 1)
                r, hangs = _text_room(m, width, height)
                anchor = MSO_ANCHOR.TOP if hangs else MSO_ANCHOR.BOTTOM
                text_frame(shape, r, m.runs, m.align, m.pitch, anchor)
            elif isinstance(m, TextLine):
                w = face(m.font.removeprefix("BeVietnamPro-")).width(m.text) * m.size
                # room for a substitute font's stacked capitals (Ể) and descenders
                top = m.y + m.size * 1.3
                # and for a wider one (DejaVu Sans is about a fifth wider): the line keeps
                # its left end, or, near the right edge, its centre; if even this is too
                # narrow it wraps and shrinks
                bottom, top = m.y - m.size * 0.35, min(height, top)
                run = Run(nobreak(m.text), m.font, m.size, m.color)  # words kept whole
                room = max(w * 1.3, w + 0.6 * m.size)  # a short number grows by more
                if m.x + room <= width:
                    r = Rect(m.x, bottom, m.x + room, top)
                    text_frame(shapes.add_textbox(0, 0, 1, 1), r, (run,), "left", None)
                else:
                    cx = m.x + w / 2
                    half = min(cx, width - cx, room / 2)
                    r = Rect(cx - half, bottom, cx + half, top)
                    text_frame(shapes.add_textbox(0, 0, 1, 1), r, (run,), "center", None)
            elif isinstance(m, QRSymbol):
                quiet = 4 * m.module
                r = m.rect.inset(-quiet)
                pic = shapes.add_picture(
                    _qr_png(m), _emu(r.x0), _emu(height - r.y1), _emu(r.w), _emu(r.h)
                )
                _no_effects(pic._element.spPr)
                _describe(pic, "Mã QR")
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
                _describe(pic, "Logo")
            elif isinstance(m, Icon):
                # the icon's SVG in the brand colour, with a PNG for PowerPoint before 2019
                r = m.rect
                side = min(r.w, r.h)
                data = icons.png(m.path, m.color.rgb, max(64, round(side * ICON_PX_PER_PT)))
                x, top = r.x0 + (r.w - side) / 2, height - r.y1 + (r.h - side) / 2
                pic = shapes.add_picture(
                    io.BytesIO(data), _emu(x), _emu(top), _emu(side), _emu(side)
                )
                _no_effects(pic._element.spPr)
                svg = _icon_svg(m.path, m.color)
                if svg is not None:
                    _add_svg(pic, svg, svg_parts)
                _describe(pic, "Biểu tượng")
            elif isinstance(m, Line):
                continue  # decks draw no hairlines
        for holder in holders.values():  # a placeholder the slide has no text for
            holder._element.getparent().remove(holder._element)
        s.notes_slide.notes_text_frame.text = slide.notes
    buf = io.BytesIO()
    prs.save(buf)
    return _fixed_times(buf.getvalue()) if deterministic() else buf.getvalue()


# Be Vietnam Pro's line, in em (hhea ascent 1.0, descent 0.265; DejaVu Sans 0.93 and
# 0.24, Arial 0.91 and 0.21): PowerPoint puts a box's first baseline this far under its
# top, and a line set at the font's own spacing this far above its bottom.
ASCENT, DESCENT = 1.0, 0.265
ROOM_ABOVE = 1.15  # a single line's box reaches this far above its baseline, in em


def _text_room(m: TextBox, width: float, height: float) -> tuple[Rect, bool]:
    """A text box's frame, and whether its text hangs from the top (else it stands on the
    bottom): the plan's box, a little wider on the side its lines grow to (PowerPoint's
    wrapping is not ours). A single line at the font's own spacing (a number, the footer)
    stands on its baseline, with a font's whole line of room above it, so that no
    font's taller line overflows and shrinks it; a paragraph reaches a font's ascent
    above its first baseline (a box of figures is lower than that in the plan)."""
    size = m.runs[0].size
    slack = size * 0.2
    x0, x1 = m.rect.x0, m.rect.x1
    if m.align == "right":
        x0 = max(0.0, x0 - slack)
    elif m.align == "center":
        x0, x1 = max(0.0, x0 - slack / 2), min(width, x1 + slack / 2)
    else:
        x1 = min(width, x1 + slack)
    if not m.pitch and len(m.lines) == 1:
        base = m.lines[0].y
        return Rect(
            x0, max(0.0, base - DESCENT * size), x1, min(height, base + ROOM_ABOVE * size)
        ), False
    top = m.rect.y1
    if m.lines:
        top = min(height, max(top, m.lines[0].y + ASCENT * size))
    return Rect(x0, m.rect.y0, x1, top), True


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
