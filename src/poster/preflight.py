"""Preflight any PDF: page boxes, fonts, colour spaces, image resolution, QR codes.

Reads with pypdf (structure, content-stream operators) and pypdfium2 (rasterising
for QR decoding with zxing-cpp). Returns findings; the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from poster.units import to_mm

if TYPE_CHECKING:
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

    def add(self, level: Level, topic: str, text: str) -> None:
        self.findings.append(Finding(level, topic, text))

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == "warning" for f in self.findings)


class NotAPDF(Exception):
    pass


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
    stack: list[Matrix] = []
    for operands, op in ContentStream(contents, reader).operations:
        if op in _COLOUR_OPS:
            report.colour_spaces.add(_COLOUR_OPS[op])
        elif op in (b"cs", b"CS"):
            name = str(operands[0])
            space = colour_spaces.get(name) if name in colour_spaces else name
            report.colour_spaces.add(_space_name(space))
        elif op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else ctm
        elif op == b"cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)
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


def _image(report: Report, obj: DictionaryObject, name: str, ctm: Matrix, page_no: int) -> None:
    w_px, h_px = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
    a, b, c, d = ctm[:4]
    w_pt, h_pt = (a * a + b * b) ** 0.5, (c * c + d * d) ** 0.5
    if w_pt <= 0 or h_pt <= 0:
        return
    dpi = min(w_px / (w_pt / 72), h_px / (h_pt / 72))
    space = _space_name(obj.get("/ColorSpace", "/DeviceGray")) if "/ColorSpace" in obj else "mask"
    if "/ColorSpace" in obj:
        report.colour_spaces.add(space)
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


def check_pdf(path: Path, dpi: int = 150, qr: bool = True) -> Report:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(1024)
    except OSError as e:
        raise NotAPDF(f"cannot read: {e.strerror}") from None
    if b"%PDF-" not in head:
        raise NotAPDF("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(str(path))
        pages = list(reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as e:
        raise NotAPDF(f"not a readable PDF ({e})") from None
    report = Report(path, pages=len(pages))
    if not pages:
        report.add("error", "page", "the PDF has no pages")
        return report
    font_seen: set[int] = set()
    for no, page in enumerate(pages, start=1):
        media = _box(page, "MediaBox")
        assert media is not None, "a PDF page has a MediaBox, its own or inherited"
        trim, bleed = _box(page, "TrimBox"), _box(page, "BleedBox")
        report.add("ok", "page", f"page {no}: MediaBox {_fmt_box(media)}")
        if trim is None:
            report.add(
                "warning", "page", f"page {no}: no TrimBox: the print shop must guess the size"
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
    if qr:
        _qr(report, path, len(pages), dpi)
    return report


def format_report(report: Report) -> str:
    marks = {"ok": "ok", "warning": "WARN", "error": "ERROR"}
    rows = [f"{report.path}: {report.pages} page(s)"]
    width = max((len(f.topic) for f in report.findings), default=5)
    for f in report.findings:
        rows.append(f"  {marks[f.level]:<5}  {f.topic:<{width}}  {f.text}")
    verdict = "FAILED" if report.errors else "passed"
    rows.append(f"preflight {verdict}: {report.errors} error(s), {report.warnings} warning(s)")
    return "\n".join(rows)
