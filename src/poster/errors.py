"""The one exception for bad input: a list of problems, each naming a file and a field.

A problem is data: a stable `code` (see `poster.catalogue`), the parameters its
message is made from, the file, the field and, where known, the line and column.
`message` is the English text (what `str()` shows); `text(lang)` words it in the
user's language from the catalogue. A problem made without a code (older call sites,
other branches) keeps its English message in every language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str
    line: int | None = None
    code: str = ""
    params: Mapping[str, Any] = _field(default_factory=dict, compare=False, hash=False)
    column: int | None = None

    def where(self) -> str:
        """`FILE` or `FILE:LINE` (the column is data for tools, not printed: the lines
        the command line prints keep their long-standing form)."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def localized(self, lang: str = "en") -> str:
        """The message alone, in `lang` ("en" or "vi")."""
        if not self.code or lang == "en":
            return self.message
        from poster.catalogue import say

        return say(self.code, lang, self.params, fallback=self.message)

    def text(self, lang: str = "en") -> str:
        """`FILE[:LINE[:COL]]: field: message` in `lang`."""
        message = self.localized(lang)
        return (
            f"{self.where()}: {self.field}: {message}"
            if self.field
            else f"{self.where()}: {message}"
        )

    def __str__(self) -> str:
        return self.text("en")


def problem(
    code: str,
    file: str,
    field: str = "",
    line: int | None = None,
    column: int | None = None,
    **params: Any,
) -> Problem:
    """A problem from the catalogue: its English message is made from `params`."""
    from poster.catalogue import say

    return Problem(str(file), field, say(code, "en", params), line, code, params, column)


class PosterError(Exception):
    """Bad input. Holds every problem found, so the user can fix them all at once."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def one(cls, file: str, field: str, message: str, line: int | None = None) -> PosterError:
        return cls(Problem(str(file), field, message, line))

    @classmethod
    def of(
        cls, code: str, file: str, field: str = "", line: int | None = None, **params: Any
    ) -> PosterError:
        """One problem from the catalogue (see `problem`)."""
        return cls(problem(code, str(file), field, line, **params))


def language(choice: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """ "vi" or "en" for messages: `--lang` if given, else the locale (LC_ALL, then
    LC_MESSAGES, then LANG; the first that is set decides). Here rather than in the
    catalogue, so a run without problems never imports the catalogue."""
    if choice:
        return "vi" if choice.lower().startswith("vi") else "en"
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"
