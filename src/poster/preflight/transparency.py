"""Transparency: soft masks, constant alpha under 1, blend modes, images with soft masks
and transparency groups (a page's or a form's). PDF/X-1a allows none; below PDF 1.4 a
viewer ignores it."""

from __future__ import annotations

from poster.preflight.report import Finding, Phrase, more
from poster.preflight.scene import Transparency
from poster.preflight.subject import Subject


def check(s: Subject) -> list[Finding]:
    kinds: dict[str, list[Transparency]] = {}
    for t in s.scene.transparency:
        kinds.setdefault(t.kind, []).append(t)
    out: list[Finding] = []
    old = s.version_number < (1, 4)
    for kind, uses in kinds.items():
        first = min(uses, key=lambda t: t.page)
        detail = Phrase(f"check.transparency-{kind}", {"name": first.name.lstrip("/")})
        others = more(len(uses) - 1)
        if s.x1a:
            out.append(s.finding("error", "transparency", "check.transparency-x1a",
                                 page=first.page, point=first.at, what=detail, more=others,
                                 fix="check.fix-flatten"))  # fmt: skip
        if old:
            out.append(s.finding("error", "transparency", "check.transparency-version",
                                 page=first.page, point=first.at, what=detail, more=others,
                                 version=s.version, fix="check.fix-flatten"))  # fmt: skip
    return out
