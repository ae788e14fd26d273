"""Colour: the colour spaces that paint, found wherever they paint (content, forms,
patterns, shadings, images inline or not, glyphs, annotations' appearances). A file for
CMYK print has no RGB anywhere, a PDF/X-1a file no ICC-based colour; spot colours are
listed; an RGB file is said not to be for offset."""

from __future__ import annotations

from poster.preflight.report import Finding, Phrase
from poster.preflight.scene import Use
from poster.preflight.subject import Subject

WHAT = ("fill", "stroke", "text", "image", "inline-image", "shading", "pattern", "glyph")
VIA = ("page", "form", "pattern", "annotation", "glyph")


def painted(what: str, via: str) -> Phrase:
    """What paints, and through what: "an inline image, in a form XObject"."""
    if via == "page":
        return Phrase("check.paint", {"what": Phrase(f"check.what-{what}")})
    return Phrase("check.paint-via", {"what": Phrase(f"check.what-{what}"),
                                      "via": Phrase(f"check.via-{via}")})  # fmt: skip


def check(s: Subject) -> list[Finding]:
    uses = list(s.scene.uses.values())
    names = sorted({u.space.name for u in uses})
    out = [s.finding("ok", "colour", "check.colour-spaces", spaces=", ".join(names) or "—")]
    if s.scene.spots:
        out.append(s.finding("ok", "colour", "check.colour-spots",
                             names=", ".join(sorted(s.scene.spots))))  # fmt: skip
    if s.cmyk:
        groups: dict[tuple[str, str, str], list[Use]] = {}
        for u in uses:
            if u.space.family in ("rgb", "lab"):
                groups.setdefault(("check.colour-rgb", u.space.name, u.what + u.via), []).append(u)
            elif s.x1a and u.space.icc:
                groups.setdefault(("check.colour-icc", u.space.name, u.what + u.via), []).append(u)
        for (code, name, _), found in sorted(groups.items()):
            first = min(found, key=lambda u: u.page)
            count = sum(u.count for u in found)
            out.append(s.finding(
                "error", "colour", code, page=first.page, point=first.at, space=name,
                what=painted(first.what, first.via), count=count, fix="check.fix-rgb",
            ))  # fmt: skip
    elif any(b.trim is not None for b in s.boxes):
        rgb = sorted({u.space.name for u in uses if u.space.family in ("rgb", "lab")})
        if rgb:
            out.append(s.finding("warning", "colour", "check.colour-not-offset",
                                 spaces=", ".join(rgb), fix="check.fix-offset"))  # fmt: skip
    return out
