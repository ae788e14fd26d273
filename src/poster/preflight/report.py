"""The result every check returns: findings as catalogue codes with parameters, each with
its page, its position in mm and the fix; worded in English or Vietnamese when printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Level = Literal["ok", "warning", "error"]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, as the page draws them


@dataclass(frozen=True)
class Phrase:
    """A part of a message worded from the catalogue in the reader's language (a
    parameter of another message)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        from poster.catalogue import say

        return say(self.code, lang, _worded(self.params, lang))


def more(n: int) -> Phrase | str:
    """ " (and 3 more)" when something was found in more places than the one named."""
    return Phrase("check.more", {"n": n}) if n > 0 else ""


def _worded(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {k: v.text(lang) if isinstance(v, Phrase) else v for k, v in params.items()}


@dataclass(frozen=True)
class Finding:
    """One line of the report. `code` words what was found, `fix` what to do about it;
    `at` is the position in mm from the top left corner of the page's trim box (its
    media box where it has none), measured right and down."""

    level: Level
    topic: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    page: int | None = None
    at: tuple[float, float] | None = None
    fix: str = ""
    fix_params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        from poster.catalogue import say

        message = say(self.code, lang, _worded(self.params, lang))
        where = ""
        if self.page is not None:
            where = say("check.where-page", lang, {"page": self.page})
            if self.at is not None:
                x, y = (round(v, 1) + 0.0 for v in self.at)  # no "-0.0"
                where = say("check.where-at", lang, {"page": self.page, "x": x, "y": y})
            where += ": "
        fix = ""
        if self.fix:
            fix = " → " + say(self.fix, lang, _worded(self.fix_params, lang))
        return f"{where}{message}{fix}"

    def __str__(self) -> str:
        return self.text("en")


@dataclass
class Report:
    path: Path
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    qr_texts: list[str] = field(default_factory=list)

    def extend(self, findings: list[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> int:
        return sum(f.level == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.level == "warning" for f in self.findings)


MARKS: dict[Level, str] = {"ok": "check.mark-ok", "warning": "check.mark-warning",
                           "error": "check.mark-error"}  # fmt: skip


def format_report(report: Report, lang: str = "en") -> str:
    """The report as the command line prints it: a header, one line per finding (its
    level, its topic, its text) and the verdict."""
    from poster.catalogue import say

    marks = {level: say(code, lang, {}) for level, code in MARKS.items()}
    topics = {f.topic: say(f"check.topic-{f.topic}", lang, {}) for f in report.findings}
    mark_w = max(len(m) for m in marks.values())
    topic_w = max((len(t) for t in topics.values()), default=5)
    rows = [
        say("check.header", lang, {"file": str(report.path), "pages": report.pages}),
        "  " + say("check.legend", lang, {}),
    ]
    for f in report.findings:
        rows.append(f"  {marks[f.level]:<{mark_w}}  {topics[f.topic]:<{topic_w}}  {f.text(lang)}")
    verdict = "check.failed" if report.errors else "check.passed"
    rows.append(say(verdict, lang, {"errors": report.errors, "warnings": report.warnings}))
    return "\n".join(rows)
