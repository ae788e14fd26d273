"""PDF/X: what the standard requires of the file itself (document keys, the
OutputIntent naming the press condition, the PDF version, the XMP metadata)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from poster import limits
from poster.preflight.objects import get, isa, number
from poster.preflight.report import Finding
from poster.preflight.source import NotAPDF, stream_bytes
from poster.preflight.subject import Subject

if TYPE_CHECKING:
    import pikepdf

FIX = "check.fix-pdfx"


def declared_version(pdf: pikepdf.Pdf) -> str:
    """The PDF/X version the file declares (Info /GTS_PDFXVersion), or ''."""
    version = get(get(pdf.trailer, "/Info"), "/GTS_PDFXVersion")
    return str(version) if version is not None else ""


def check(s: Subject) -> list[Finding]:
    if not s.pdfx:
        return []
    out: list[Finding] = []
    declared = s.declared
    if not declared:
        out.append(s.finding("error", "pdfx", "check.pdfx-missing", fix=FIX))
    else:
        out.append(s.finding("ok", "pdfx", "check.pdfx-declares", version=declared))
    info = get(s.pdf.trailer, "/Info")
    if declared.startswith("PDF/X-1") and get(info, "/GTS_PDFXConformance") is None:
        out.append(s.finding("error", "pdfx", "check.pdfx-conformance", fix=FIX))
    if str(get(info, "/Trapped")) not in ("/True", "/False"):
        out.append(s.finding("error", "pdfx", "check.pdfx-trapped", fix=FIX))
    if get(info, "/Title") is None:
        out.append(s.finding("error", "pdfx", "check.pdfx-title", fix=FIX))
    if get(s.pdf.trailer, "/ID") is None:
        out.append(s.finding("error", "pdfx", "check.pdfx-id", fix=FIX))
    out += _intent(s)
    version = s.version
    if declared.startswith("PDF/X-1a") and version not in ("1.3", "1.4"):
        out.append(s.finding("error", "pdfx", "check.pdfx-version-1a", fix=FIX,
                             declared=declared, version=version))  # fmt: skip
    if declared.startswith("PDF/X-4") and s.version_number < (1, 6):
        out.append(s.finding("error", "pdfx", "check.pdfx-version-4", fix=FIX,
                             declared=declared, version=version))  # fmt: skip
    if declared.startswith("PDF/X-4") and b"GTS_PDFXVersion" not in _xmp(s):
        out.append(s.finding("error", "pdfx", "check.pdfx-xmp", fix=FIX, declared=declared))
    return out


def _intent(s: Subject) -> list[Finding]:
    intents = get(s.pdf.Root, "/OutputIntents")
    listed = list(intents) if isa(intents, "array") else []
    found = [i for i in listed if str(get(i, "/S")) == "/GTS_PDFX"]
    if not found:
        return [s.finding("error", "pdfx", "check.pdfx-no-intent", fix=FIX)]
    intent = found[0]
    name = str(get(intent, "/OutputConditionIdentifier") or "?")
    profile = get(intent, "/DestOutputProfile")
    if profile is None and name.upper() != "CUSTOM":
        return [s.finding("warning", "pdfx", "check.pdfx-intent-no-profile", name=name)]
    if profile is None:
        return [s.finding("error", "pdfx", "check.pdfx-custom-no-profile", fix=FIX)]
    n = int(number(get(profile, "/N")))
    if n != 4:
        return [s.finding("error", "pdfx", "check.pdfx-intent-not-cmyk", name=name, n=n, fix=FIX)]
    return [s.finding("ok", "pdfx", "check.pdfx-intent", name=name, n=n)]


def _xmp(s: Subject) -> bytes:
    metadata = get(s.pdf.Root, "/Metadata")
    if not isa(metadata, "stream"):
        return b""
    try:
        return stream_bytes(metadata, limits.PDF_CONTENT_INFLATED)
    except NotAPDF:
        return b""
