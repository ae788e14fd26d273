"""Annotations and form fields: none inside the trim of a file for print (PDF/X forbids
them there; a viewer may print them or not). Printer's marks and trap networks are the
exceptions the standard makes."""

from __future__ import annotations

from poster.preflight.objects import top_left
from poster.preflight.report import Finding
from poster.preflight.subject import Subject

ALLOWED = {"PrinterMark", "TrapNet"}


def check(s: Subject) -> list[Finding]:
    out: list[Finding] = []
    for a in s.scene.annotations:
        trim = s.boxes[a.page - 1].trim
        if trim is None and not s.pdfx:
            continue  # a deck or office sheets: links are welcome
        area = trim or s.boxes[a.page - 1].media
        x0, y0, x1, y1 = a.rect
        inside = x0 < area[2] and x1 > area[0] and y0 < area[3] and y1 > area[1]
        if not inside or a.subtype in ALLOWED:
            continue
        if a.subtype == "Widget":
            out.append(s.finding("error", "annotations", "check.annot-field", page=a.page,
                                 point=top_left(a.rect), name=a.field or "?",
                                 fix="check.fix-field"))  # fmt: skip
        else:
            code = "check.annot-prints" if a.prints else "check.annot-inside"
            out.append(s.finding("error", "annotations", code, page=a.page,
                                 point=top_left(a.rect), kind=a.subtype,
                                 fix="check.fix-annotation"))  # fmt: skip
    return out
