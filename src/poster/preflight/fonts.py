"""Fonts: every font that draws text is embedded (a printer substitutes the others)."""

from __future__ import annotations

from poster.preflight.objects import get, isa
from poster.preflight.report import Finding
from poster.preflight.subject import Subject


def check(s: Subject) -> list[Finding]:
    out: list[Finding] = []
    for use in s.scene.fonts.values():
        font = use.obj
        base = str(get(font, "/BaseFont") or get(font, "/Name") or "?").lstrip("/")
        subtype = str(get(font, "/Subtype") or "?").lstrip("/")
        if subtype == "Type3":
            out.append(s.finding("ok", "fonts", "check.font-type3", font=base))
            continue
        descriptor = get(font, "/FontDescriptor")
        if subtype == "Type0":
            kids = get(font, "/DescendantFonts")
            kid = kids[0] if isa(kids, "array") and len(kids) else None
            descriptor = get(kid, "/FontDescriptor")
            subtype = f"Type0/{str(get(kid, '/Subtype') or '?').lstrip('/')}"
        embedded = any(get(descriptor, k) is not None
                       for k in ("/FontFile", "/FontFile2", "/FontFile3"))  # fmt: skip
        subset = len(base) > 7 and base[6] == "+"
        if embedded:
            code = "check.font-subset" if subset else "check.font-embedded"
            out.append(s.finding("ok", "fonts", code, font=base, kind=subtype))
        else:
            out.append(s.finding("error", "fonts", "check.font-missing", page=use.page,
                                 point=use.at, font=base, kind=subtype,
                                 fix="check.fix-font"))  # fmt: skip
    return out
