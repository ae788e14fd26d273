"""QR codes: each page rasterised (pypdfium2) and read (zxing-cpp), to say what a phone
would open."""

from __future__ import annotations

from collections.abc import Callable

from poster.preflight.report import Finding
from poster.preflight.subject import Subject

MAX_PIXELS = 40e6  # a raster at most (an A0 page stays quick)


def check(
    s: Subject, dpi: int, texts: list[str], progress: Callable[[int, int], None] | None = None
) -> list[Finding]:
    import pypdfium2 as pdfium
    import zxingcpp

    # QR codes alone: looking for every symbology takes five times as long on an A0
    QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    out: list[Finding] = []
    try:
        pdf = pdfium.PdfDocument(str(s.path))
    except pdfium.PdfiumError:
        return [s.finding("error", "qr", "check.qr-unreadable")]
    try:
        for i in range(len(s.pages)):
            page = pdf[i]
            w, h = page.get_size()
            scale = min(dpi / 72, (MAX_PIXELS / max(w * h, 1)) ** 0.5)
            image = page.render(scale=scale, grayscale=True).to_pil()
            for code in zxingcpp.read_barcodes(image, formats=QR_ONLY):
                texts.append(code.text)
                out.append(s.finding("ok", "qr", "check.qr", page=i + 1, text=code.text))
            if progress is not None:
                progress(i + 1, len(s.pages))
    finally:
        pdf.close()
    if not texts:
        out.append(s.finding("warning", "qr", "check.qr-none"))
    return out
