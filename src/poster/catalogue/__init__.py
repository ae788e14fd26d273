"""Every message a user can get about bad input, in English and Vietnamese.

A problem carries a stable code and its parameters (see `poster.errors`); its text
is made here, in the language asked for. The command line speaks Vietnamese when
`--lang vi` is given or the locale (LC_ALL, then LC_MESSAGES, then LANG) starts with
`vi`, English otherwise; the web page always asks for Vietnamese. English texts are
the messages the command line has always printed, so scripts that read them keep
working. No library wording reaches the user: a library's own text may travel in a
parameter for the English message, never into the Vietnamese one.

Parameters are formatted with `str.format`. A float is written with a decimal comma
in Vietnamese (4.5 → 4,5), and so is a text that is a decimal number, with a unit or
not ('1.5 MB' → '1,5 MB'). A parameter whose name ends in `_word` is a key into
WORDS, turned into that language's words (a surface, a type).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from poster.catalogue import commands, fitting, inputs, places, printing, sheets
from poster.catalogue.page import PAGE
from poster.catalogue.words import WORDS
from poster.errors import language

__all__ = ["LANGS", "MESSAGES", "PAGE", "WORDS", "language", "say"]

LANGS = ("en", "vi")

# code → (English, Vietnamese), from one module per kind of problem
MESSAGES: dict[str, tuple[str, str]] = {
    **inputs.MESSAGES,
    **fitting.MESSAGES,
    **commands.MESSAGES,
    **places.MESSAGES,
    **sheets.MESSAGES,
    **printing.MESSAGES,
}


class _Decimal(float):
    """A float that formats with a decimal comma (Vietnamese)."""

    def __format__(self, spec: str) -> str:
        return float.__format__(self, spec).replace(".", ",")


# a parameter made into text before it reached the catalogue: '1.5 MB', '2.25', '-0.5 mm'
_DECIMAL_TEXT = re.compile(r"-?\d+\.\d+(?: ?[^\W\d_]{1,5})?")


def _word(value: Any, lang: str) -> str:
    pair = WORDS.get(str(value))
    if pair is None:
        return f"`{value}`" if lang == "en" else str(value)
    return pair[LANGS.index(lang)]


def say(
    code: str, lang: str, params: Mapping[str, Any], fallback: str = "", page: bool = False
) -> str:
    """The message of `code` in `lang`, made from `params`; `page`: the web page's wording."""
    pair = MESSAGES.get(code)
    if pair is None:
        return fallback or code
    template = pair[LANGS.index(lang) if lang in LANGS else 0]
    if page and lang == "vi":
        template = PAGE.get(code, template)
    values: dict[str, Any] = {}
    for key, value in params.items():
        if key.endswith("_word"):
            value = _word(value, lang)
        elif lang == "vi" and isinstance(value, float):
            value = _Decimal(value)
        elif lang == "vi" and isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value):
            value = value.replace(".", ",", 1)
        values[key] = value
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return fallback or template
