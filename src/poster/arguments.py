"""An argparse parser that speaks the catalogue's two languages: its own words ("usage:",
"options", "invalid choice", "the following arguments are required"…) and our help.

argparse asks gettext for each of its phrases as it builds a parser, formats help and
reports an error; `speaking("vi")` answers from catalogue.usage.ARGPARSE for as long as
a `Parser` does one of those, and leaves argparse as it was afterwards. A phrase the
catalogue does not know stays English.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn


def _usage() -> Any:
    from poster.catalogue import usage

    return usage


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's phrases in `lang` ("vi"; anything else: argparse's English) meanwhile."""
    if lang != "vi":
        yield
        return
    words: dict[str, str] = _usage().ARGPARSE

    def gettext(message: str) -> str:
        return words.get(message, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        return gettext(singular if n == 1 else plural)

    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def help_text(lang: str) -> Any:
    """`t(key)`: the help or placeholder `key` of catalogue.usage.HELP in `lang`."""
    table: dict[str, tuple[str, str]] = _usage().HELP
    index = 1 if lang == "vi" else 0

    def t(key: str) -> str:
        return table[key][index]

    return t


class Parser(argparse.ArgumentParser):
    """argparse.ArgumentParser in `lang`: built, parsing, printing help and reporting
    errors in it; its subcommands' parsers too."""

    def __init__(self, *args: Any, lang: str = "en", **kwargs: Any) -> None:
        self.lang = lang
        with speaking(lang):
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", functools.partial(Parser, lang=self.lang))
        with speaking(self.lang):
            return super().add_subparsers(**kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> argparse.Namespace:
        with speaking(self.lang):
            return super().parse_args(args, namespace)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        with speaking(self.lang):
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with speaking(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with speaking(self.lang):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with speaking(self.lang):
            super().error(message)

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        """A value of the wrong type: what it should be, in words ('một số'), not the name
        of a Python type ('float')."""
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError:
            kinds: dict[str, tuple[str, str]] = _usage().TYPES
            kind = kinds.get(getattr(action.type, "__name__", ""))
            if kind is None or self.lang != "vi":
                raise
            template = _usage().INVALID_VALUE[1]
            raise argparse.ArgumentError(
                action, template.format(value=arg_string, kind=kind[1])
            ) from None


def requested_language(argv: Sequence[str]) -> str | None:
    """The value of `--lang` in `argv`, looked for before the parser is built (the parser
    is built in that language): '--lang vi', '--lang=vi'; None if not given, or not one
    of the two (the locale decides, and the parser says what is wrong in its language)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value in ("vi", "en"):
            return value
    return None
