"""How wide a PPTX's text sets on a PC without Be Vietnam Pro: the widths of the widest
substitute (DejaVu Sans in LibreOffice, Arial in PowerPoint), so that a display text box
holds every unit its text keeps unbroken, in whichever font the office PC has.

The widths (the larger of DejaVu Sans and Liberation Sans, which has Arial's widths, for
each character; regular and bold) are shipped in data/fallback-widths.json, written by
tools/make_fallback_widths.py from the fonts' files: a render does not depend on the
fonts of the machine it runs on. No kerning: the widths err on the wide side.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache, lru_cache

from poster.resources import DATA

WIDTHS = DATA / "fallback-widths.json"
NBSP = "\u00a0"
# the plan's fonts a substitute sets in bold (ExtraBold is bold in the PPTX too)
BOLD = ("BeVietnamPro-Bold", "BeVietnamPro-ExtraBold")


@cache
def _table(bold: bool) -> tuple[dict[str, float], float]:
    """Each character's width in em, and the widest (for a character not in the table)."""
    data = json.loads(WIDTHS.read_text(encoding="utf-8"))["bold" if bold else "regular"]
    table = {ch: w / 1000 for ch, w in data.items()}
    return table, max(table.values())


def is_bold(font: str) -> bool:
    """Whether a substitute sets the plan's font `font` (a registered name) in bold."""
    return font in BOLD


@lru_cache(maxsize=4096)
def width(text: str, bold: bool) -> float:
    """The advance of `text` at 1 pt in the widest substitute, in points (em)."""
    table, widest = _table(bold)
    return sum(
        0.0 if unicodedata.combining(ch) else table.get(ch, widest)
        for ch in unicodedata.normalize("NFC", text)
    )


def wrap(text: str, size: float, measure: float, bold: bool) -> list[str] | None:
    """The lines of `text` as PowerPoint or LibreOffice wrap it `measure` points wide at
    `size` in the widest substitute: broken at spaces only, never at a no-break space
    (greedy, as they wrap). None if a unit is wider than the line: the office program
    would break it between letters."""
    full = measure / size
    space = width(" ", bold)
    out: list[list[str]] = []
    used = 0.0
    for unit in text.split(" "):
        if not unit:
            continue
        w = width(unit, bold)
        if w > full + 1e-9:
            return None
        if not out or used + space + w > full + 1e-9:
            out.append([unit])
            used = w
        else:
            out[-1].append(unit)
            used += space + w
    return [" ".join(line) for line in out]


def lines(text: str, size: float, measure: float, bold: bool) -> int | None:
    """How many lines `wrap` makes of `text`, or None."""
    got = wrap(text, size, measure, bold)
    return None if got is None else len(got)
