"""Characters no field may hold: controls, escapes and direction overrides. One rule for
the command line, the YAML files, the spreadsheets and the web page, so that none of
them reaches a poster, a file name or a PDF's metadata (where an escape sequence would
recolour a terminal that prints it, and a right-to-left override reverse a name)."""

from __future__ import annotations

import unicodedata

# zero-width non-joiner and joiner: format characters that some names legitimately hold
_JOINERS = "\u200c\u200d"


def unprintable(value: str, lines: bool = False) -> str | None:
    """The first character of `value` that no field may hold, or None: a C0 or C1 control
    (NUL, ESC, DEL, U+0080–U+009F…), a direction override or isolate (U+202A–U+202E,
    U+2066–U+2069) or any other format, surrogate or private-use character (zero-width
    joiners aside). A tab counts as a space; line breaks (CR, LF) only where the field
    has lines (`lines`: a YAML block, a spreadsheet cell typed with Alt+Enter)."""
    for ch in value:
        if ch == "\t" or (lines and ch in "\r\n"):
            continue
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in _JOINERS:
            return ch
    return None


def code_point(ch: str) -> str:
    """'\\x1b' → 'U+001B': how a message names a character it must not print."""
    return f"U+{ord(ch):04X}"
