"""Preflight any PDF: page boxes, fonts, colour spaces, image resolution, QR codes.

Reads with pypdf (structure, content-stream operators) and pypdfium2 (rasterising
for QR decoding with zxing-cpp). Returns findings; the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from poster.units import to_mm

if TYPE_CHECKING:
    from PIL import Image
    from pypdf import PageObject, PdfReader
    from pypdf.generic import ArrayObject, DictionaryObject, PdfObject, StreamObject

WARN_DPI, ERROR_DPI = 150, 100

Box = tuple[float, ...]  # x0, y0, x1, y1 as the file gives them
Matrix = tuple[float, ...]  # a b c d e f
Level = Literal["ok", "warning", "error"]


@dataclass
class Finding:
    level: Level
    topic: str
    text: str


@dataclass
class Report:
    path: Path
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    qr_texts: list[str] = field(default_factory=list)
    colour_spaces: set[str] = field(default_factory=set)
    image_spaces: set[str] = field(default_factory=set)
    vector_spaces: set[str] = field(default_factory=set)
    texts: list[TextShow] = field(default_factory=list)
    transparency: list[str] = field(default_factory=list)  # what uses it, page by page
    placements: list[tuple[int, str, Box]] = field(default_factory=list)  # images: page, bbox
    print_areas: dict[int, Box] = field(default_factory=dict)  # page: BleedBox (or TrimBox)

    def add(self, level: Level, topic: str, text: str) -> None:
        self.findings.append(Finding(level, topic, text))

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == "warning" for f in self.findings)


@dataclass(frozen=True)
class TextShow:
    """Text drawn: its page, size as printed (pt), fill colour and overprint state."""

    page: int
    size: float
    space: str  # DeviceCMYK, DeviceRGB, DeviceGray, or a colour space's name
    values: tuple[float, ...]
    overprint: bool


class NotAPDF(Exception):
    """Not a PDF that can be checked: a catalogue code and its parameters (its text is
    the English message)."""

    def __init__(self, code: str, **params: Any):
        from poster.catalogue import say

        super().__init__(say(code, "en", params))
        self.code, self.params = code, params


def _box(page: PageObject, name: str) -> Box | None:
    value = page.get(f"/{name}")
    if value is None:
        return None
    return tuple(float(v) for v in value)


def _fmt_box(box: Box) -> str:
    x0, y0, x1, y1 = box
    return f"{to_mm(x1 - x0):.1f} × {to_mm(y1 - y0):.1f} mm"


def _mul(a: Matrix, b: Matrix) -> Matrix:
    """Product of two PDF matrices [a b c d e f] (a applied first)."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    )


_COLOUR_OPS = {
    b"rg": "DeviceRGB",
    b"RG": "DeviceRGB",
    b"k": "DeviceCMYK",
    b"K": "DeviceCMYK",
    b"g": "DeviceGray",
    b"G": "DeviceGray",
}


def _space_name(space: object) -> str:
    space = space.get_object() if hasattr(space, "get_object") else space
    if isinstance(space, list) and space:
        head = str(space[0])
        if head == "/ICCBased":
            n = int(space[1].get_object().get("/N", 0))
            return f"ICCBased({ {1: 'Gray', 3: 'RGB', 4: 'CMYK'}.get(n, n) })"
        return head.lstrip("/")
    return str(space).lstrip("/")


def _walk_content(
    report: Report,
    reader: PdfReader,
    contents: StreamObject | None,
    resources: PdfObject | None,
    ctm: Matrix,
    page_no: int,
    seen: set[tuple[int, Matrix]],
) -> None:
    """Colour operators and image placements of one content stream (forms recursively)."""
    from pypdf.generic import ContentStream

    if contents is None:
        return
    entries = cast("DictionaryObject", resources.get_object()) if resources is not None else {}
    xobjects = entries.get("/XObject", {})
    xobjects = xobjects.get_object() if hasattr(xobjects, "get_object") else xobjects
    colour_spaces = entries.get("/ColorSpace", {})
    colour_spaces = (
        colour_spaces.get_object() if hasattr(colour_spaces, "get_object") else colour_spaces
    )
    states = entries.get("/ExtGState", {})
    states = states.get_object() if hasattr(states, "get_object") else states
    _transparency_of(report, states, page_no)
    stack: list[tuple[Matrix, _Fill, bool]] = []
    fill: _Fill = ("DeviceGray", (0.0,))
    overprint = False
    size = 0.0
    tm: Matrix = (1, 0, 0, 1, 0, 0)
    leading = 0.0
    for operands, op in ContentStream(contents, reader).operations:
        if op in _COLOUR_OPS:
            report.colour_spaces.add(_COLOUR_OPS[op])
            report.vector_spaces.add(_COLOUR_OPS[op])
            if op in (b"k", b"rg", b"g"):
                fill = (_COLOUR_OPS[op], tuple(float(v) for v in operands))
        elif op in (b"cs", b"CS"):
            name = str(operands[0])
            space = colour_spaces.get(name) if name in colour_spaces else name
            report.colour_spaces.add(_space_name(space))
            report.vector_spaces.add(_space_name(space))
            if op == b"cs":
                fill = (_space_name(space), ())
        elif op in (b"sc", b"scn"):
            fill = (fill[0], tuple(float(v) for v in operands if not hasattr(v, "startswith")))
        elif op == b"gs":
            state = states.get(str(operands[0])) if hasattr(states, "get") else None
            state = state.get_object() if state is not None else None
            if state is not None and "/op" in state:
                overprint = bool(state["/op"])
            elif state is not None and "/OP" in state and "/op" not in state:
                overprint = bool(state["/OP"])
        elif op == b"q":
            stack.append((ctm, fill, overprint))
        elif op == b"Q":
            if stack:
                ctm, fill, overprint = stack.pop()
        elif op == b"cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)
        elif op == b"BT":
            tm = (1, 0, 0, 1, 0, 0)
        elif op == b"Tf":
            size = float(operands[1])
        elif op == b"TL":
            leading = float(operands[0])
        elif op == b"Tm":
            tm = tuple(float(v) for v in operands)
        elif op in (b"Td", b"TD"):
            tx, ty = (float(v) for v in operands)
            tm = _mul((1, 0, 0, 1, tx, ty), tm)
        elif op == b"T*":
            tm = _mul((1, 0, 0, 1, 0, -leading), tm)
        elif op in (b"Tj", b"TJ", b"'", b'"'):
            m = _mul(tm, ctm)
            printed = size * (m[2] * m[2] + m[3] * m[3]) ** 0.5
            report.texts.append(TextShow(page_no, printed, fill[0], fill[1], overprint))
        elif op == b"Do":
            name = str(operands[0])
            xo = xobjects.get(name)
            if xo is None:
                continue
            obj = xo.get_object()
            subtype = obj.get("/Subtype")
            if subtype == "/Image":
                _image(report, obj, name, ctm, page_no)
            elif subtype == "/Form":
                key = (id(obj), ctm)
                if key in seen:
                    continue
                seen.add(key)
                matrix = tuple(float(v) for v in obj.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                _walk_content(
                    report, reader, obj, obj.get("/Resources"), _mul(matrix, ctm), page_no, seen
                )


_Fill = tuple[str, tuple[float, ...]]


def _transparency_of(report: Report, states: object, page_no: int) -> None:
    """Graphics states that make transparency: soft masks, alpha under 1, blend modes."""
    if not hasattr(states, "items"):
        return
    for name, ref in states.items():
        state = ref.get_object()
        smask = state.get("/SMask")
        if smask is not None and str(smask) != "/None":
            report.transparency.append(f"page {page_no}: graphics state {name} has a soft mask")
        for key in ("/CA", "/ca"):
            if key in state and float(state[key]) < 1:
                report.transparency.append(f"page {page_no}: graphics state {name} {key} < 1")
        bm = state.get("/BM")
        if bm is not None and str(bm) not in ("/Normal", "/Compatible", "[/Normal]"):
            report.transparency.append(f"page {page_no}: graphics state {name} blends ({bm})")


def _image(report: Report, obj: DictionaryObject, name: str, ctm: Matrix, page_no: int) -> None:
    w_px, h_px = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
    a, b, c, d = ctm[:4]
    w_pt, h_pt = (a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5
    if w_pt <= 0 or h_pt <= 0:
        return
    dpi = min(w_px / (w_pt / 72), h_px / (h_pt / 72))
    xs = [ctm[4], ctm[4] + a, ctm[4] + c, ctm[4] + a + c]
    ys = [ctm[5], ctm[5] + b, ctm[5] + d, ctm[5] + b + d]
    report.placements.append((page_no, name.lstrip("/"), (min(xs), min(ys), max(xs), max(ys))))
    space = _space_name(obj.get("/ColorSpace", "/DeviceGray")) if "/ColorSpace" in obj else "mask"
    if "/ColorSpace" in obj:
        report.colour_spaces.add(space)
        report.image_spaces.add(space)
    if "/SMask" in obj:
        report.transparency.append(f"page {page_no}: image {name.lstrip('/')} has a soft mask")
    what = (
        f"page {page_no}: image {name.lstrip('/')} {w_px}×{h_px} px ({space}) printed "
        f"{to_mm(w_pt):.0f}×{to_mm(h_pt):.0f} mm: {dpi:.0f} dpi"
    )
    if dpi < ERROR_DPI:
        report.add("error", "images", f"{what} (under {ERROR_DPI} dpi: will print blurred)")
    elif dpi < WARN_DPI:
        report.add("warning", "images", f"{what} (under {WARN_DPI} dpi)")
    else:
        report.add("ok", "images", what)


def _fonts(report: Report, page: PageObject, page_no: int, seen: set[int]) -> None:
    def visit(resources: PdfObject | None) -> None:
        if resources is None:
            return
        entries = cast("DictionaryObject", resources.get_object())
        fonts = entries.get("/Font")
        if fonts is not None:
            for _, ref in fonts.get_object().items():
                font = ref.get_object()
                key = id(font)
                if key in seen:
                    continue
                seen.add(key)
                _font(report, font, page_no)
        xobjects = entries.get("/XObject")
        if xobjects is not None:
            for _, ref in xobjects.get_object().items():
                obj = ref.get_object()
                if obj.get("/Subtype") == "/Form" and id(obj) not in seen:
                    seen.add(id(obj))
                    visit(obj.get("/Resources"))

    visit(page.get("/Resources"))


def _font(report: Report, font: DictionaryObject, page_no: int) -> None:
    base = str(font.get("/BaseFont", "?")).lstrip("/")
    subtype = str(font.get("/Subtype", "?")).lstrip("/")
    if subtype == "Type3":
        report.add("ok", "fonts", f"{base} (Type3, drawn in the file)")
        return
    descriptor = font.get("/FontDescriptor")
    if subtype == "Type0":
        descendant = cast("ArrayObject", font["/DescendantFonts"])[0].get_object()
        descriptor = descendant.get("/FontDescriptor")
        subtype = f"Type0/{str(descendant.get('/Subtype', '?')).lstrip('/')}"
    descriptor = descriptor.get_object() if descriptor is not None else None
    embedded = descriptor is not None and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    )
    subset = len(base) > 7 and base[6] == "+"
    if embedded:
        report.add("ok", "fonts", f"{base} ({subtype}, embedded{', subset' if subset else ''})")
    else:
        report.add(
            "error", "fonts", f"{base} ({subtype}) is not embedded: the printer will substitute it"
        )


def _qr(report: Report, path: Path, pages: int, dpi: int) -> None:
    import pypdfium2 as pdfium
    import zxingcpp

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        report.add("error", "qr", f"cannot rasterise the file ({e})")
        return
    try:
        for i in range(pages):
            page = pdf[i]
            w, h = page.get_size()
            # cap the raster at ~40 Mpx so an A0 page stays quick
            scale = min(dpi / 72, (40e6 / max(w * h, 1)) ** 0.5)
            image = page.render(scale=scale, grayscale=True).to_pil()
            for code in zxingcpp.read_barcodes(image):
                if code.format == zxingcpp.BarcodeFormat.QRCode:
                    report.qr_texts.append(code.text)
                    report.add("ok", "qr", f"page {i + 1}: QR code → {code.text}")
    finally:
        pdf.close()
    if not report.qr_texts:
        report.add("warning", "qr", "no QR code found")


def check_pdf(path: Path, dpi: int = 150, qr: bool = True, pdfx: bool = False) -> Report:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise NotAPDF("file.unreadable", reason=e.strerror) from None
    if b"%PDF-" not in head:
        raise NotAPDF("pdf.not-pdf")
    try:
        reader = PdfReader(str(path))
        pages = list(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise NotAPDF("pdf.unreadable", reason=str(e)) from None
    report = Report(path, pages=len(pages))
    if not pages:
        report.add("error", "page", "the PDF has no pages")
        return report
    declared = _declared_pdfx(reader)
    if pdfx or declared:
        _pdfx_structure(report, reader, declared, pdfx)
    untrimmed = [no for no, page in enumerate(pages, start=1) if "/TrimBox" not in page]
    sheets = len(pages) > 1 and len(untrimmed) == len(pages) and not (pdfx or declared)
    if sheets:
        report.add(
            "ok",
            "page",
            f"{len(pages)} pages, none with a TrimBox: a deck or sheets for an office printer "
            "(printed as they are, no trim expected)",
        )
    font_seen: set[int] = set()
    for no, page in enumerate(pages, start=1):
        media = _box(page, "MediaBox")
        assert media is not None, "a PDF page has a MediaBox, its own or inherited"
        trim, bleed = _box(page, "TrimBox"), _box(page, "BleedBox")
        report.print_areas[no] = bleed or trim or media
        report.add("ok", "page", f"page {no}: MediaBox {_fmt_box(media)}")
        if trim is None:
            if not sheets:
                level_: Level = "error" if pdfx or declared else "warning"
                report.add(
                    level_, "page", f"page {no}: no TrimBox: the print shop must guess the size"
                )
        else:
            report.add("ok", "page", f"page {no}: TrimBox {_fmt_box(trim)}")
            if bleed is None:
                report.add("warning", "bleed", f"page {no}: no BleedBox")
            else:
                sides = [
                    trim[0] - bleed[0],
                    trim[1] - bleed[1],
                    bleed[2] - trim[2],
                    bleed[3] - trim[3],
                ]
                least = to_mm(min(sides))
                level: Level = "ok" if least >= 2.9 else "warning"
                report.add(
                    level, "bleed", f"page {no}: BleedBox {_fmt_box(bleed)}, bleed {least:.1f} mm"
                )
        _fonts(report, page, no, font_seen)
        _walk_content(
            report,
            reader,
            page.get_contents(),
            page.get("/Resources"),
            (1, 0, 0, 1, 0, 0),
            no,
            set(),
        )
    report.add(
        "ok", "colour", "colour spaces: " + (", ".join(sorted(report.colour_spaces)) or "none")
    )
    print_cmyk = bool(declared) or pdfx or "DeviceCMYK" in report.colour_spaces
    x1a = declared.startswith("PDF/X-1") or (pdfx and not declared)
    _colour(report, print_cmyk, x1a)
    _transparency(report, reader, x1a)
    if print_cmyk:
        _ink(report, path)
    if qr:
        _qr(report, path, len(pages), dpi)
    return report


RGB_SPACES = {"DeviceRGB", "CalRGB", "ICCBased(RGB)", "Lab"}


def _declared_pdfx(reader: PdfReader) -> str:
    """The PDF/X version the file declares (Info /GTS_PDFXVersion), or ''."""
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else None
    version = info.get("/GTS_PDFXVersion") if info is not None else None
    return str(version) if version is not None else ""


def _pdfx_structure(report: Report, reader: PdfReader, declared: str, asked: bool) -> None:
    """What PDF/X requires of the file: keys, OutputIntent, ID, version."""
    if not declared:
        report.add("error", "pdfx", "not PDF/X: no /GTS_PDFXVersion in the document info")
    else:
        report.add("ok", "pdfx", f"declares {declared}")
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else {}
    if declared and "/GTS_PDFXConformance" not in info and declared.startswith("PDF/X-1"):
        report.add("error", "pdfx", "no /GTS_PDFXConformance in the document info")
    trapped = str(info.get("/Trapped", ""))
    if trapped not in ("/True", "/False"):
        report.add("error", "pdfx", "/Trapped must be /True or /False")
    if "/Title" not in info:
        report.add("error", "pdfx", "no /Title in the document info")
    if "/ID" not in reader.trailer:
        report.add("error", "pdfx", "no document ID in the trailer")
    root = cast("DictionaryObject", reader.trailer["/Root"].get_object())
    intents = root.get("/OutputIntents")
    intents = intents.get_object() if intents is not None else []
    gts = [i.get_object() for i in intents if i.get_object().get("/S") == "/GTS_PDFX"]
    if not gts:
        report.add("error", "pdfx", "no OutputIntent /GTS_PDFX: the press condition is unknown")
    else:
        intent = gts[0]
        name = str(intent.get("/OutputConditionIdentifier", "?"))
        profile = intent.get("/DestOutputProfile")
        if profile is None and name.upper() != "CUSTOM":
            report.add("warning", "pdfx", f"OutputIntent {name}: no profile embedded")
        elif profile is None:
            report.add("error", "pdfx", "OutputIntent Custom without a profile")
        else:
            n = int(profile.get_object().get("/N", 0))
            level: Level = "ok" if n == 4 else "error"
            report.add(level, "pdfx", f"OutputIntent {name}, profile embedded ({n} components)")
    version = reader.pdf_header.replace("%PDF-", "")
    if declared.startswith("PDF/X-1a") and version not in ("1.3", "1.4"):
        report.add("error", "pdfx", f"{declared} is PDF 1.3 or 1.4; the file says {version}")
    if declared.startswith("PDF/X-4") and version < "1.6":
        report.add("error", "pdfx", f"{declared} is PDF 1.6; the file says {version}")
    if declared.startswith("PDF/X-4") and b"GTS_PDFXVersion" not in _xmp_bytes(root):
        report.add("error", "pdfx", f"{declared} must say so in its XMP metadata")


def _xmp_bytes(root: DictionaryObject) -> bytes:
    metadata = root.get("/Metadata")
    if metadata is None:
        return b""
    return bytes(cast("StreamObject", metadata.get_object()).get_data())


def _colour(report: Report, print_cmyk: bool, x1a: bool) -> None:
    """RGB in a print file; black text not in 100 % K; small text in more than two inks."""
    if print_cmyk:
        rgb = sorted(report.colour_spaces & RGB_SPACES)
        if rgb:
            report.add(
                "error",
                "colour",
                f"{', '.join(rgb)} in a file for CMYK print: the shop's RIP will convert it",
            )
        if x1a and any(sp.startswith("ICCBased") for sp in report.colour_spaces):
            report.add("error", "colour", "ICC-based colour in a PDF/X-1a file (only CMYK, spot)")
        vectors = report.vector_spaces - {"Pattern", "Separation", "DeviceGray"}
        for space in sorted(report.image_spaces - vectors - {"DeviceGray"} if vectors else ()):
            report.add(
                "warning", "images", f"an image is {space}, the rest {', '.join(sorted(vectors))}"
            )
    problems: dict[tuple[str, str], list[TextShow]] = {}
    for t in report.texts:
        if t.space in RGB_SPACES and print_cmyk:
            problems.setdefault(("error", f"text in {t.space}"), []).append(t)
        if t.space != "DeviceCMYK" or len(t.values) != 4:
            continue
        inks = sum(v > 0.005 for v in t.values)
        if _black(t.values):
            if t.values != (0.0, 0.0, 0.0, 1.0):
                key = ("error", f"black text in {_values(t.values)}, not 100 % K")
                problems.setdefault(key, []).append(t)
            elif not t.overprint:
                key = ("warning", "100 % K text does not overprint (knocks out, white halo)")
                problems.setdefault(key, []).append(t)
        elif t.size < SMALL_PT and inks > 2:
            key = ("error", f"text under {SMALL_PT:g} pt in {inks} inks ({_values(t.values)})")
            problems.setdefault(key, []).append(t)
    for (level, what), shows in problems.items():
        pages = sorted({t.page for t in shows})
        smallest = min(t.size for t in shows)
        report.add(
            "error" if level == "error" else "warning",
            "text",
            f"{what}: {len(shows)} text run(s) from {smallest:.1f} pt, page(s) "
            + ", ".join(map(str, pages[:5])),
        )
    if print_cmyk and not problems and report.texts:
        report.add("ok", "text", "black text 100 % K, small text in at most two inks")


SMALL_PT = 12.0


def _values(values: tuple[float, ...]) -> str:
    if len(values) == 4:
        return " ".join(f"{n}{v * 100:.0f}" for n, v in zip("CMYK", values, strict=True))
    return " ".join(f"{v:.3g}" for v in values)


BLACK_TEXT_L = 32.0  # text printing darker than this is black text (89 % K prints L* 29)


def _black(values: tuple[float, ...]) -> bool:
    """Prints darker than L* 32 on the press (read through the shipped profile): text meant
    as black, which must be 100 % K (L* 17)."""
    from poster.colors import cmyk_to_lab

    c, m, y, k = values
    (lab,) = cmyk_to_lab([(c, m, y, k)])
    return lab[0] < BLACK_TEXT_L


def _transparency(report: Report, reader: PdfReader, x1a: bool) -> None:
    uses = sorted(set(report.transparency))
    if not uses:
        return
    version = reader.pdf_header.replace("%PDF-", "")
    what = f"{uses[0]}" + (f" (and {len(uses) - 1} more)" if len(uses) > 1 else "")
    if x1a:
        report.add("error", "transparency", f"{what}: PDF/X-1a allows no transparency")
    if version < "1.4":
        report.add(
            "error", "version", f"{what}: transparency needs PDF 1.4, the file says {version}"
        )


INK_WARN, INK_ERROR = 300, 305  # total area coverage, percent (the profile's limit + rounding)


SEAM = 0.05  # an ink differing more than this between an image's corners and around it


def _seams(report: Report, page_no: int, raster: Image.Image) -> None:
    """A box around an image: its four corners one flat colour (a transparent background
    flattened), what surrounds them one flat colour too, and the two different."""
    scale = 36 / 72
    height = raster.height
    for page, name, (x0, y0, x1, y1) in report.placements:
        if page != page_no or x1 - x0 < 20 or y1 - y0 < 20:
            continue

        def px(x: float, y: float) -> tuple[float, ...] | None:
            col, row = int(x * scale), int(height - y * scale)
            if not (0 <= col < raster.width and 0 <= row < height):
                return None
            value = raster.getpixel((col, row))
            assert isinstance(value, tuple)
            return tuple(v / 255 for v in value)

        step = 3 / scale  # three raster pixels
        inside = [px(x0 + step, y0 + step), px(x1 - step, y0 + step),
                  px(x0 + step, y1 - step), px(x1 - step, y1 - step)]  # fmt: skip
        outside = [px(x0 - step, y0 - step), px(x1 + step, y0 - step),
                   px(x0 - step, y1 + step), px(x1 + step, y1 + step)]  # fmt: skip
        if any(p is None for p in inside + outside):
            continue

        def flat(points: list[tuple[float, ...] | None]) -> bool:
            first = points[0]
            assert first is not None
            return all(
                max(abs(p - q) for p, q in zip(first, pt, strict=True)) <= 0.02
                for pt in points
                if pt is not None
            )

        a, b = inside[0], outside[0]
        assert a is not None and b is not None
        gap = max(abs(p - q) for p, q in zip(a, b, strict=True))
        if flat(inside) and flat(outside) and gap > SEAM:
            report.add(
                "error",
                "images",
                f"page {page_no}: image {name} prints a box: its corners {_values(a)} "
                f"on {_values(b)} around it",
            )


def _ink(report: Report, path: Path) -> None:
    """Total ink: the pages rasterised to CMYK by ghostscript at 36 dpi (no anti-aliasing, so
    a pixel of a glyph carries its full inks), the highest sum of the four."""
    import shutil
    import subprocess
    import tempfile

    from PIL import Image, ImageMath

    gs = shutil.which("gs")
    if gs is None:
        report.add("warning", "ink", "total ink not measured (ghostscript not found)")
        return
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "p%d.tif"
        done = subprocess.run(
            [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r36",
             f"-sOutputFile={out}", str(path)],
            capture_output=True, timeout=300,
        )  # fmt: skip
        if done.returncode != 0:
            report.add("warning", "ink", "total ink not measured (ghostscript failed)")
            return
        worst, where = 0.0, 0
        for n in range(1, report.pages + 1):
            tif = Path(folder) / f"p{n}.tif"
            if not tif.exists():
                continue
            with Image.open(tif) as im:
                _seams(report, n, im)
                # what prints: the BleedBox (crop marks outside it are on every plate)
                x0, y0, x1, y1 = report.print_areas.get(n, (0.0, 0.0, 0.0, 0.0))
                if x1 > x0 and y1 > y0:
                    s = 36 / 72
                    h = im.height
                    im = im.crop(
                        (int(x0 * s), int(h - y1 * s), int(x1 * s) + 1, int(h - y0 * s) + 1)
                    )
                c, m, y, k = (ch.convert("I") for ch in im.split())
                total = ImageMath.lambda_eval(lambda e: e["c"] + e["m"] + e["y"] + e["k"],
                                              c=c, m=m, y=y, k=k)  # fmt: skip
                assert isinstance(total, Image.Image)
                high = float(total.getextrema()[1]) * 100 / 255  # type: ignore[arg-type]
            if high > worst:
                worst, where = high, n
    if worst > INK_ERROR:
        report.add("error", "ink", f"page {where}: total ink {worst:.0f} % (limit {INK_WARN} %)")
    else:
        report.add("ok", "ink", f"total ink at most {worst:.0f} % (limit {INK_WARN} %)")


def format_report(report: Report) -> str:
    marks = {"ok": "ok", "warning": "WARN", "error": "ERROR"}
    rows = [f"{report.path}: {report.pages} page(s)"]
    width = max((len(f.topic) for f in report.findings), default=5)
    for f in report.findings:
        rows.append(f"  {marks[f.level]:<5}  {f.topic:<{width}}  {f.text}")
    verdict = "FAILED" if report.errors else "passed"
    rows.append(f"preflight {verdict}: {report.errors} error(s), {report.warnings} warning(s)")
    return "\n".join(rows)
