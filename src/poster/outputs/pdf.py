"""PDF output: a document drawn with ReportLab, the only module that touches a canvas."""

from __future__ import annotations

import copy
import hashlib
import io
import itertools
import math
import os
import secrets
import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import msgspec
from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfgen.canvas import Canvas

from poster import __version__, cache, icons
from poster.colors import (
    LARGE_AREA_MM2,
    PURE_K,
    THIN_MM,
    Color,
    area_cmyk,
    gamut_note,
    ground_cmyk,
    icon_cmyk,
    reversed_limit,
    text_cmyk,
    thin_cmyk,
)
from poster.document import (
    Disc,
    Document,
    Fill,
    Icon,
    Line,
    Mark,
    Page,
    Picture,
    Polygon,
    QRSymbol,
    TextBox,
    TextLine,
)
from poster.fonts import face
from poster.geometry import Rect
from poster.outputs import Artifact, Job, writer
from poster.units import mm

# Smaller files: binary font subsets and streams without ASCII85.
rl_config.ttfAsciiReadable = 0
rl_config.useA85 = 0

PDFX_VERSIONS = {"1a": "PDF/X-1a:2001", "4": "PDF/X-4"}  # --pdfx → GTS_PDFXVersion
# The XMP names the layout a file was made with (`poster:Layout`): `poster check` holds a
# file to that layout's own rules (a handout's photocopy, a standee's foot) by it
XMP_NS = "urn:x-poster:xmp:1.0/"
# the header's version: PDF/X-1a:2001 is PDF 1.3, PDF/X-4 1.6; --cmyk ("") is 1.4, the
# first with OutputIntents; RGB files are 1.3, or 1.4 with a soft mask (ReportLab's)
PDF_VERSION_OF = {"1a": "1.3", "4": "1.6", "": "1.4"}
PRODUCER = "ReportLab PDF Library - (opensource)"  # Info and XMP both say so (then pikepdf)


@lru_cache(maxsize=64)
def _image(
    path: Path, mtime: float, cmyk_on: Color | None, on_rgb: tuple[float, ...] = ()
) -> ImageReader:
    """A logo as ReportLab reads it: upright and in sRGB, from the one logo reader (the
    file itself when those are its own pixels). For CMYK output it is separated by the
    same ICC transform as the brand colours and composited, in CMYK, onto the exact inks
    of what lies under it (`cmyk_on`): its transparent parts are the band's own inks, so
    no box shows around it (CMYK output has no transparency); so are its opaque pixels of
    the band's own colour (`on_rgb`), whose inks may have been refined or reduced."""
    from poster import logo

    read = logo.read(path)
    if cmyk_on is None:
        return ImageReader(read.pdf_source())
    from PIL import Image, ImageChops

    from poster.colors import image_to_cmyk

    im = read.image
    if im.mode == "CMYK":  # the reader gives sRGB; kept for a CMYK image it passes through
        return ImageReader(im.copy())
    alpha = None
    if im.mode in ("RGBA", "LA", "P", "PA") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        alpha = rgba.getchannel("A")
        im = rgba.convert("RGB")
    elif im.mode != "RGB":
        im = im.convert("RGB")
    inks = image_to_cmyk(im)
    ground = Image.new("CMYK", inks.size, tuple(round(v * 255) for v in cmyk_on.cmyk))
    if on_rgb:
        band = Image.new("RGB", im.size, tuple(round(v * 255) for v in on_rgb))
        r, g, b = ImageChops.difference(im, band).split()
        differs = ImageChops.lighter(ImageChops.lighter(r, g), b)
        same = differs.point(lambda v: 255 if v == 0 else 0)
        inks = Image.composite(ground, inks, same)
    if alpha is not None:
        inks = Image.composite(inks, ground, alpha)
    return ImageReader(inks)


@lru_cache(maxsize=64)
def _logo_xobject(
    path: Path, mtime: float, cmyk_on: Color | None, on_rgb: tuple[float, ...], mask: str | None
) -> tuple[str, PDFImageXObject]:
    """A logo's image XObject, compressed once per logo and ground: ReportLab's drawImage
    compresses and digests an image's pixels again in every document (about 20 ms a
    render for an 850 px emblem). Named as drawImage names it (the digest of its pixels
    and mask), so the PDF's bytes are the same."""
    image = _image(path, mtime, cmyk_on, on_rgb)
    rawdata: bytes = image.getRGBData()  # type: ignore[no-untyped-call]  # (sets `_dataA`)
    smask = getattr(image, "_dataA", None)  # the alpha, as an image of its own
    mdata = smask.getRGBData() if mask == "auto" and smask else str(mask).encode("utf8")
    name = hashlib.md5(rawdata + mdata, usedforsecurity=False).hexdigest()  # as drawImage
    obj = PDFImageXObject(name, image, mask=mask)
    obj.name = name
    return name, obj


def _draw_logo(c: Canvas, name: str, proto: PDFImageXObject, r: Rect) -> PDFImageXObject:
    """What Canvas.drawImage does with an image (preserving its aspect ratio, centred in
    `r`), from the XObject built once: registered in this document on first use, as a
    copy (a document sets its soft mask's reference on it)."""
    from reportlab.lib.boxstuff import aspectRatioFix
    from reportlab.pdfbase.pdfdoc import PDFObjectReference

    doc = c._doc  # type: ignore[attr-defined]
    reg = doc.getXObjectName(name)
    obj = doc.idToObject.get(reg)
    if obj is None:
        obj = copy.copy(proto)
        c._setXObjects(obj)  # type: ignore[attr-defined]
        doc.Reference(obj, reg)
        doc.addForm(name, obj)
        smask = getattr(proto, "_smask", None)
        if smask is not None:
            mask_reg = doc.getXObjectName(smask.name)
            if doc.idToObject.get(mask_reg) is None:
                smask = copy.copy(smask)
                c._setXObjects(smask)  # type: ignore[attr-defined]
                obj.smask = doc.Reference(smask, mask_reg)  # type: ignore[attr-defined]
            else:
                obj.smask = PDFObjectReference(mask_reg)  # type: ignore[attr-defined]
            del obj._smask  # type: ignore[attr-defined]
    x, y, w, h, _ = aspectRatioFix(True, "c", r.x0, r.y0, r.w, r.h, obj.width, obj.height)
    c._currentPageHasImages = 1  # type: ignore[attr-defined]
    c.saveState()
    c.translate(x, y)
    c.scale(w, h)
    c._code.append(f"/{reg} Do")  # type: ignore[attr-defined]
    c.restoreState()
    c._formsinuse.append(name)  # type: ignore[attr-defined]
    drawn: PDFImageXObject = obj
    return drawn


def forget_images() -> None:
    """Drop decoded logos kept between renders (a server whose logos live in
    per-request folders calls this after each request)."""
    from poster.plan.header import forget_image_sizes

    _image.cache_clear()
    _logo_xobject.cache_clear()
    forget_image_sizes()


def deterministic() -> bool:
    """Reproducible bytes: `SOURCE_DATE_EPOCH` set (the creation date comes from it, and
    the font subset tags and document ID from the content alone)."""
    return bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())


_TAGS = threading.local()  # the tagger of the document this thread is writing


def _tag_subset(n: int, table: object = None) -> bytes:
    """ReportLab's SUBSETN (which gives every file AAAAAA+, AAAAAB+, …), made per document."""
    tagger = getattr(_TAGS, "tagger", None)
    return tagger(n) if tagger is not None else _REPORTLAB_SUBSETN(n)


_REPORTLAB_SUBSETN = ttfonts.SUBSETN
ttfonts.SUBSETN = _tag_subset


@contextmanager
def _subset_tags(doc: Document) -> Iterator[None]:
    """Font subsets tagged per document (`QKZRTB+BeVietnamPro-Bold`), not `AAAAAA+` in
    every file: two of our files ganged on one sheet by a print shop must not share a
    tag for different subsets. Random, or from the document's content when
    deterministic."""
    seed = repr((doc.title, doc.author, doc.subject, doc.layout, doc.cmyk, doc.pdfx))
    seed += repr([(p.width, p.height, len(p.marks)) for p in doc.pages])
    if not deterministic():
        seed += secrets.token_hex(8)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    count = itertools.count()

    def tag(n: int) -> bytes:  # called once per subset, in the same order every time
        digest = hashlib.sha256(f"{seed}/{next(count)}/{n}".encode()).digest()
        return "".join(letters[v % 26] for v in digest[:6]).encode("ascii")

    _TAGS.tagger = tag
    try:
        yield
    finally:
        _TAGS.tagger = None


def producer(doc: Document) -> str:
    """The Producer of Info and XMP alike: ReportLab, and pikepdf where it rewrote the file."""
    if doc.cmyk or doc.pdfx:
        import pikepdf

        return f"{PRODUCER}; pikepdf {pikepdf.__version__}"
    return PRODUCER


def _xmp(doc: Document, created: str) -> bytes:
    """XMP metadata: title, author, subject and language, the layout's name, and the PDF/X
    identification."""

    def escape(text: str) -> str:  # (xml.sax.saxutils imports urllib: 15 ms)
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def alt(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    pdfx = ""
    if doc.pdfx == "1a":
        version = PDFX_VERSIONS["1a"]
        pdfx = (
            '<rdf:Description rdf:about="" xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/">'
            f"<pdfx:GTS_PDFXVersion>{version}</pdfx:GTS_PDFXVersion>"
            f"<pdfx:GTS_PDFXConformance>{version}</pdfx:GTS_PDFXConformance>"
            "</rdf:Description>"
        )
    elif doc.pdfx == "4":  # PDF/X-4 identifies itself in XMP, with a document ID
        digest = hashlib.sha256(repr((doc.title, doc.author, created)).encode()).hexdigest()
        if not deterministic():
            digest = secrets.token_hex(16)
        uuid = f"uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
        pdfx = (
            '<rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" '
            'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
            f"<pdfxid:GTS_PDFXVersion>{PDFX_VERSIONS['4']}</pdfxid:GTS_PDFXVersion>"
            f"<xmpMM:DocumentID>{uuid}</xmpMM:DocumentID>"
            f"<xmpMM:InstanceID>{uuid}</xmpMM:InstanceID>"
            "<xmpMM:VersionID>1</xmpMM:VersionID>"
            "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>"
            "</rdf:Description>"
        )
    body = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<dc:title>{alt(doc.title)}</dc:title>"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(doc.author)}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:description>{alt(doc.subject)}</dc:description>"
        f"<dc:language><rdf:Bag><rdf:li>{escape(doc.language)}</rdf:li></rdf:Bag></dc:language>"
        "<dc:format>application/pdf</dc:format>"
        f"<xmp:CreateDate>{created}</xmp:CreateDate>"
        f"<xmp:ModifyDate>{created}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{created}</xmp:MetadataDate>"
        f"<xmp:CreatorTool>poster {__version__}</xmp:CreatorTool>"
        f"<pdf:Producer>{producer(doc)}</pdf:Producer>"
        f"<pdf:Keywords>{escape(doc.keywords)}</pdf:Keywords>"
        "<pdf:Trapped>False</pdf:Trapped>"
        "</rdf:Description>"
        f'<rdf:Description rdf:about="" xmlns:poster="{XMP_NS}">'
        f"<poster:Layout>{escape(doc.layout)}</poster:Layout>"
        "</rdf:Description>"
        f"{pdfx}"
        "</rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
    return body.encode("utf-8")


def _metadata(c: Canvas, doc: Document) -> None:
    """The XMP stream in the catalog (uncompressed, as XMP readers expect)."""
    from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFStream

    stamp = c._doc._timeStamp  # type: ignore[attr-defined]
    y, mo, d, h, mi, sec = stamp.YMDhms
    zone = "Z" if not (stamp.dhh or stamp.dmm) else f"{stamp.dhh:+03d}:{stamp.dmm:02d}"
    created = f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{sec:02d}{zone}"
    stream = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        _xmp(doc, created),
        filters=[],
    )
    c._doc.Catalog.Metadata = c._doc.Reference(stream)  # type: ignore[attr-defined]


def _canvas(size: tuple[float, float], doc: Document) -> tuple[Canvas, io.BytesIO]:
    buf = io.BytesIO()
    c = Canvas(
        buf,
        pagesize=size,
        # the real date, unless SOURCE_DATE_EPOCH asks for reproducible bytes
        invariant=1 if deterministic() else 0,
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
    c.setProducer(producer(doc))
    _metadata(c, doc)
    return c, buf


def write_pdf(doc: Document) -> bytes:
    """Any document as PDF: print boxes where its pages have them; an outline entry and a
    page label per page where its pages name them (decks). PDF/X when `doc.pdfx`."""
    from reportlab.pdfbase.pdfdoc import PDFPageLabel

    first = doc.pages[0]
    with _subset_tags(doc):
        c, buf = _canvas((first.width, first.height), doc)
        seed = _seed_fonts(c, doc)  # in CMYK too: the same text, the same codes
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
            kept = _draw_page(c, page, doc.cmyk, seed)
            lines, start = _page_lines(c) if kept else ([], 0)
            c.showPage()
            if kept:
                _compress_page(c, lines, [(a + start, b + start, f) for a, b, f in kept])
        if outline:
            c.showOutline()
        c.save()
    return to_pdfx(buf.getvalue(), doc.pdfx) if doc.cmyk or doc.pdfx else buf.getvalue()


def to_pdfx(data: bytes, kind: str = "1a") -> bytes:
    """A CMYK PDF of ours with the OutputIntent naming the characterisation (FOGRA39),
    the press profile embedded, so a shop (and a viewer) knows what its inks mean. With
    `kind` "1a" or "4" it is PDF/X: the version and trapping keys too. PDF/X-1a:2001 is
    PDF 1.3 (it uses nothing newer: no transparency, only DeviceCMYK); PDF/X-4 is PDF 1.6,
    identified in the XMP as well (written with the canvas); plain CMYK ("") PDF 1.4."""
    import pikepdf

    from poster.colors import PRESS_CONDITION, PRESS_CONDITION_NAME, profile_bytes

    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.Info
        if kind:
            info.GTS_PDFXVersion = pikepdf.String(PDFX_VERSIONS[kind])
        if kind == "1a":
            info.GTS_PDFXConformance = pikepdf.String(PDFX_VERSIONS[kind])
        info.Trapped = pikepdf.Name("/False")
        icc = pdf.make_stream(profile_bytes())
        icc.N = 4
        pdf.Root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFX,
                    OutputConditionIdentifier=pikepdf.String(PRESS_CONDITION),
                    OutputCondition=pikepdf.String(PRESS_CONDITION_NAME),
                    RegistryName=pikepdf.String("http://www.color.org"),
                    Info=pikepdf.String(PRESS_CONDITION_NAME),
                    DestOutputProfile=icc,
                )
            ]
        )
        out = io.BytesIO()
        pdf.save(
            out,
            force_version=PDF_VERSION_OF[kind],
            deterministic_id=deterministic(),
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()


def _measure(m: Mark) -> tuple[float, float]:
    """How thin a mark is and its area, in points and square points. Thickness: a
    rectangle's shorter side, a line's width, a QR code's module; for a rounded box, a
    disc or a polygon twice its area over its perimeter (a strip's width; half a square's
    side), which errs towards thin."""
    if isinstance(m, Fill):
        w, h = m.rect.w, m.rect.h
        return (min(w, h) if not m.radius else w * h / max(w + h, 1e-9)), w * h
    if isinstance(m, Disc):
        return m.r, math.pi * m.r * m.r
    if isinstance(m, Line):
        return m.width, m.width * math.hypot(m.x1 - m.x0, m.y1 - m.y0)
    if isinstance(m, QRSymbol):
        return m.module, m.rect.w * m.rect.h
    if isinstance(m, Polygon):
        pts = m.points
        pairs = list(zip(pts, pts[1:] + pts[:1], strict=True))
        area = abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2
        perimeter = sum(math.hypot(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in pairs)
        return (2 * area / perimeter if perimeter else 0.0), area
    return math.inf, math.inf


def _covers(m: Mark, x: float, y: float) -> bool:
    """Whether the filled shape `m` covers the point (x, y)."""
    if isinstance(m, Fill):
        r = m.rect
        return r.x0 <= x <= r.x1 and r.y0 <= y <= r.y1
    if isinstance(m, Disc):
        return math.hypot(x - m.cx, y - m.cy) <= m.r
    if isinstance(m, Polygon):
        inside = False
        pts = m.points
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
        return inside
    return False


def _reversed_grounds(c: Canvas, marks: list[Mark]) -> set[Color]:
    """The colours of the fills that small reversed (white) text sits on: those are
    printed in at most two inks (see colors.ground_cmyk)."""
    grounds: set[Color] = set()
    fills: list[Mark] = []
    for m in marks:
        if isinstance(m, Fill | Disc | Polygon):
            fills.append(m)
        elif (
            isinstance(m, TextLine)
            and sum(m.color.cmyk) <= PAPER_INK
            and m.size < reversed_limit(m.font)
        ):
            x = m.x + c.stringWidth(m.text, m.font, m.size) / 2
            y = m.y + 0.35 * m.size  # half the height of the lower case
            under = next((f for f in reversed(fills) if _covers(f, x, y)), None)
            if under is not None:
                grounds.add(under.color)  # type: ignore[union-attr]
    return grounds


PAPER_INK = 0.1  # text of at most this much ink in all is reversed out (paper white)


def _mark_cmyk(m: Mark, grounds: set[Color]) -> tuple[tuple[float, ...], bool]:
    """The inks a mark prints in, and whether it overprints (see poster.colors)."""
    if isinstance(m, TextLine):
        ink = text_cmyk(m.color, m.size)
        if ink == m.color.cmyk:
            gamut_note(m.color)
        return ink, ink == PURE_K
    if isinstance(m, Icon):
        return icon_cmyk(m.color), False
    color = m.background if isinstance(m, Picture) else m.color  # type: ignore[union-attr]
    if color in grounds:
        return ground_cmyk(color), False
    thickness, area = _measure(m)
    thin = thickness < mm(THIN_MM)
    # thin, or too small to be an area (an arrow, a bullet): black ink alone when dark
    small = thin or area < mm(1) * mm(1) * LARGE_AREA_MM2
    ink = thin_cmyk(color) if small else area_cmyk(color)
    if ink == color.cmyk:
        gamut_note(color)
    return ink, thin and ink == PURE_K


def _draw_marks(c: Canvas, marks: Iterable[Mark], cmyk: bool) -> None:
    """The marks in order; with `cmyk` each in the inks `_mark_cmyk` gives it, else in
    DeviceRGB."""
    text = None
    font = None
    fill: object = None
    spacing = 0.0  # the text object's character spacing (Tc): letter-spaced labels
    overprint = False  # inside a q … Q that sets overprint (100 % K text and thin marks)
    flat: list[Mark] = []
    for m in marks:  # a text box draws as its lines
        flat.extend(m.lines if isinstance(m, TextBox) else (m,))
    grounds = _reversed_grounds(c, flat) if cmyk else set()

    def end_text() -> None:  # Tc outlives the text object: set it back
        nonlocal text, spacing
        assert text is not None
        if spacing:
            text.setCharSpace(0)
            spacing = 0.0
        c.drawText(text)
        text = None

    for m in flat:
        ink, black = _mark_cmyk(m, grounds) if cmyk else (None, False)
        if black != overprint:
            if text is not None:
                end_text()
            if black:  # 100 % K overprints: no knock-out, no white halo
                c.saveState()
                c.setFillOverprint(True)
                c.setStrokeOverprint(True)
                c.setOverprintMask(1)
            else:
                c.restoreState()
            overprint = black
        if isinstance(m, TextLine):
            if text is None:
                text, font, fill = c.beginText(), None, None
            if font != (m.font, m.size):
                text.setFont(m.font, m.size)
                font = (m.font, m.size)
            if ink is not None:
                if fill != ink:
                    text.setFillColorCMYK(*ink)
                    fill = ink
            elif fill != m.color:
                text.setFillColorRGB(*m.color.rgb)
                fill = m.color
            if spacing != m.tracking:
                text.setCharSpace(m.tracking)
                spacing = m.tracking
            text.setTextOrigin(m.x, m.y)
            text.textOut(m.text)
            continue
        if text is not None:
            end_text()
        if isinstance(m, Line):
            if ink is not None:
                c.setStrokeColorCMYK(*ink)
            else:
                c.setStrokeColorRGB(*m.color.rgb)
        elif isinstance(m, Fill | Disc | Polygon | QRSymbol):
            if ink is not None:
                c.setFillColorCMYK(*ink)
            else:
                c.setFillColorRGB(*m.color.rgb)
        if isinstance(m, Fill):
            r = m.rect
            if m.radius:
                c.roundRect(r.x0, r.y0, r.w, r.h, m.radius, stroke=0, fill=1)
            else:
                c.rect(r.x0, r.y0, r.w, r.h, stroke=0, fill=1)
        elif isinstance(m, Disc):
            c.circle(m.cx, m.cy, m.r, stroke=0, fill=1)
        elif isinstance(m, Polygon):
            p = c.beginPath()
            p.moveTo(*m.points[0])
            for pt in m.points[1:]:
                p.lineTo(*pt)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        elif isinstance(m, Line):
            c.setLineWidth(m.width)
            c.setDash(list(m.dash) if m.dash else [])
            c.line(m.x0, m.y0, m.x1, m.y1)
        elif isinstance(m, QRSymbol):
            p = c.beginPath()
            top, u = m.rect.y1, m.module
            for row, col, length in m.runs:
                p.rect(m.rect.x0 + col * u, top - (row + 1) * u, length * u, u)
            c.drawPath(p, stroke=0, fill=1)
        elif isinstance(m, Icon):
            r = m.rect
            color = m.color if ink is None else _given(ink)
            icons.draw(c, m.path, r.x0, r.y0, min(r.w, r.h), color, cmyk)
        elif isinstance(m, Picture):
            r = m.rect
            ground = None if ink is None else _given(ink)
            name, proto = _logo_xobject(m.path, m.path.stat().st_mtime, ground,
                                        m.background.rgb, None if cmyk else "auto")  # fmt: skip
            obj = _draw_logo(c, name, proto, r)
            if getattr(obj, "smask", None) is not None:  # a soft mask needs PDF 1.4
                c._doc.ensureMinPdfVersion("transparency")  # type: ignore[attr-defined]
    if text is not None:
        end_text()
    if overprint:
        c.restoreState()


# Runs of marks that depend only on the content, the layout and the colours (a poster's
# tiles: Page.groups) are drawn once in RGB and their operators repeated in every later
# document of the process: a batch of communes in the same colours draws its 17 tiles
# once. The operators are the same bytes ReportLab would write, because every document
# names the groups' fonts and numbers their characters first, in one order (_seed_fonts).
class _Fragment:
    """A group's operators as drawn, their bytes in the page's stream, and those bytes
    deflated on their own (a page's stream is put together from such pieces)."""

    __slots__ = ("code", "deflated", "raw", "size")

    def __init__(self, code: list[str] | tuple[str, ...], deflated: bytes | None = None):
        self.code = tuple(code)
        self.raw = "".join(line + "\n" for line in code).encode("utf-8")
        if deflated is None:
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            deflated = packer.compress(self.raw) + packer.flush(zlib.Z_FULL_FLUSH)
        self.deflated = deflated
        self.size = 2 * len(self.raw) + len(self.deflated)  # the operators about as the bytes


# Fragments are kept on disk too (poster.cache), so that the next `poster render` of the
# same tiles in the same colours draws none of them: keyed by the fonts' seed and the
# marks (msgpack, a colour by its sRGB: these are RGB documents), checked when read back.
def _colour_rgb(obj: object) -> object:
    if isinstance(obj, Color):
        return obj.rgb
    raise NotImplementedError(type(obj))


_FRAGMENT_KEY = msgspec.msgpack.Encoder(enc_hook=_colour_rgb)
_FRAGMENT_VALUE = msgspec.msgpack.Decoder(tuple[tuple[str, ...], bytes])


def _disk_fragment(key: bytes) -> _Fragment | None:
    data = cache.get("fragment", key) if cache.folder() is not None else None
    if data is None:
        return None
    try:
        code, deflated = _FRAGMENT_VALUE.decode(data)
        fragment = _Fragment(code, deflated)
        if zlib.decompressobj(-15).decompress(deflated) != fragment.raw:
            return None
    except (msgspec.DecodeError, msgspec.ValidationError, zlib.error):
        return None
    return fragment


_FRAGMENTS: OrderedDict[tuple[object, ...], _Fragment] = OrderedDict()
# a page of A1 tiles is about 300 KB kept: a batch in a few palettes keeps them all, a
# server seeing every brand keeps the most recent
_FRAGMENTS_BYTES = 32 * 1024 * 1024
_fragments_bytes = 0
_fragments_lock = threading.Lock()


def _seed_fonts(c: Canvas, doc: Document) -> tuple[tuple[str, str], ...] | None:
    """Every font of the document's groups named, and each character of their text
    numbered, before anything is drawn, in one order: a group's operators then do not
    depend on what else the document draws. The fonts and characters (the key that
    fragments are kept under), or None if the document has no groups."""
    from reportlab.pdfbase import pdfmetrics

    chars: dict[str, set[str]] = {}
    for page in doc.pages:
        for start, end in page.groups:
            for m in page.marks[start:end]:
                for line in m.lines if isinstance(m, TextBox) else (m,):
                    if isinstance(line, TextLine):
                        chars.setdefault(line.font, set()).update(line.text)
    if not chars:
        return None
    seed = tuple((name, "".join(sorted(chars[name]))) for name in sorted(chars))
    for name, text in seed:
        font = pdfmetrics.getFont(name)
        if isinstance(font, ttfonts.TTFont):
            for subset in sorted({subset for subset, _ in font.splitString(text, c._doc)}):  # type: ignore[attr-defined]
                font.getSubsetInternalName(subset, c._doc)  # type: ignore[attr-defined]
    return seed


Kept = list[tuple[int, int, "_Fragment"]]  # lines of the page's code, and what they are


def _draw_page(c: Canvas, page: Page, cmyk: bool, seed: tuple[tuple[str, str], ...] | None) -> Kept:
    """A page's marks, its groups from the fragments kept (RGB only: in CMYK a mark's inks
    depend on what else is on the page). Where in the page's code each group is."""
    if cmyk or seed is None or not page.groups:
        _draw_marks(c, page.marks, cmyk)
        return []
    at = 0
    kept: Kept = []
    code: list[str] = c._code  # type: ignore[attr-defined]
    for start, end in _runs(page.groups):
        if at < start:
            _draw_marks(c, page.marks[at:start], cmyk)
        key = (seed, page.marks[start:end])
        fragment = _kept_fragment(key)
        disk = b""
        if fragment is None:
            disk = _FRAGMENT_KEY.encode((seed, page.marks[start:end]))
            fragment = _disk_fragment(disk)
            if fragment is not None:
                _keep_fragment(key, fragment)
        n = len(code)
        if fragment is None:
            _draw_marks(c, page.marks[start:end], cmyk)
            fragment = _Fragment(code[n:])
            _keep_fragment(key, fragment)
            if cache.folder() is not None:
                cache.put(
                    "fragment", disk, msgspec.msgpack.encode((fragment.code, fragment.deflated))
                )
        else:
            code.extend(fragment.code)
        kept.append((n, len(code), fragment))
        at = end
    if at < len(page.marks):
        _draw_marks(c, page.marks[at:], cmyk)
    return kept


def _runs(groups: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Groups that follow one another as one run (a page's tiles): deflated as a whole,
    they compress as well as the page always did."""
    runs: list[tuple[int, int]] = []
    for start, end in groups:
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _page_lines(c: Canvas) -> tuple[list[str], int]:
    """The lines ReportLab makes the page's stream of (showPage adds a space line), and
    where the page's own code starts among them."""
    before = [*c._psCommandsBeforePage, c._preamble]  # type: ignore[attr-defined]
    after = c._psCommandsAfterPage  # type: ignore[attr-defined]
    return [*before, *c._code, " ", *after], len(before)  # type: ignore[attr-defined]


def _compress_page(c: Canvas, lines: list[str], kept: Kept) -> None:
    """The last page's stream deflated from pieces: what lies between the groups deflated
    now, each group as deflated when it was first drawn (a full flush ends each piece, so
    they join into one valid zlib stream; its checksum is over the whole)."""
    from reportlab.pdfbase import pdfdoc

    page = c._doc.Pages.pages[-1]  # type: ignore[attr-defined]
    if page.stream != "".join(line + "\n" for line in lines):
        return  # not the page ReportLab made of these lines: it compresses its own
    out = [b"\x78\x9c"]  # zlib's header: deflate, a 32 KB window
    check = 1
    at = 0
    for start, end, fragment in [*kept, (len(lines), len(lines), None)]:
        raw = "".join(line + "\n" for line in lines[at:start]).encode("utf-8")
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        flush = zlib.Z_FINISH if fragment is None else zlib.Z_FULL_FLUSH
        out.append(packer.compress(raw) + packer.flush(flush))
        check = zlib.adler32(raw, check)
        if fragment is not None:
            out.append(fragment.deflated)
            check = zlib.adler32(fragment.raw, check)
        at = end
    out.append(check.to_bytes(4, "big"))
    stream = pdfdoc.PDFStream(content=b"".join(out))
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    stream.__Comment__ = "page stream"  # type: ignore[attr-defined]
    page.Contents = stream


def _kept_fragment(key: tuple[object, ...]) -> _Fragment | None:
    with _fragments_lock:
        fragment = _FRAGMENTS.get(key)
        if fragment is not None:
            _FRAGMENTS.move_to_end(key)
        return fragment


def _keep_fragment(key: tuple[object, ...], fragment: _Fragment) -> None:
    """Kept, the least recently used dropped past _FRAGMENTS_BYTES."""
    global _fragments_bytes
    with _fragments_lock:
        if key in _FRAGMENTS:
            return
        _FRAGMENTS[key] = fragment
        _fragments_bytes += fragment.size
        while _fragments_bytes > _FRAGMENTS_BYTES and len(_FRAGMENTS) > 1:
            _, old = _FRAGMENTS.popitem(last=False)
            _fragments_bytes -= old.size


def forget_fragments() -> None:
    global _fragments_bytes
    with _fragments_lock:
        _FRAGMENTS.clear()
        _fragments_bytes = 0


def _given(inks: tuple[float, ...]) -> Color:
    """A colour of exactly these inks (what the icon or logo code is handed)."""
    c, m, y, k = inks
    return Color.from_cmyk((c, m, y, k))


@writer("pdf", "pdf", "application/pdf", "PDF output")
def _write(job: Job) -> list[Artifact]:
    return [Artifact(".pdf", job.pdf(), "application/pdf", len(job.document.pages))]
