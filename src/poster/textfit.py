"""Wrapping text into a width, and the search for the largest size that fits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from poster.fonts import Extent, Face

# Extra space between the lowest glyph of a line and the highest of the next, in em.
# Keeps stacked diacritics on capitals (Ể, Ỗ, Ẫ) clear of the line above.
CLEARANCE = 0.06


@dataclass(frozen=True)
class Style:
    """How one role of text is set: font, size, line pitch and glyph reach."""

    face: Face
    size: float
    leading: float  # line pitch, in em
    extent: Extent

    @property
    def pitch(self) -> float:
        return self.leading * self.size

    @property
    def ascent(self) -> float:
        return self.extent.top * self.size

    @property
    def descent(self) -> float:
        return -self.extent.bottom * self.size


def style(face: Face, size: float, leading: float, texts: list[str] | tuple[str, ...]) -> Style:
    """A style whose leading is at least what the texts' tallest glyphs need."""
    extent = face.extent(texts)
    return Style(face, size, max(leading, extent.height + CLEARANCE), extent)


@dataclass(frozen=True)
class Block:
    """Text wrapped at a style: lines, and the height from the highest glyph to the lowest."""

    lines: tuple[str, ...]
    style: Style

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        s = self.style
        return s.ascent + (len(self.lines) - 1) * s.pitch + s.descent


class TooWide(Exception):
    """A single word is wider than the measure."""

    def __init__(self, word: str):
        super().__init__(word)
        self.word = word


def wrap(text: str, st: Style, width: float, indent: float = 0.0) -> Block:
    """Greedy line breaking at spaces (Vietnamese syllables are short; no hyphenation).

    The first line starts `indent` points in (room for a run-in label).
    """
    face = st.face
    words, widths = face.words(text)
    full = width / st.size
    limit = full - indent / st.size
    space = face.space
    lines: list[str] = []
    start, used = 0, -1.0  # used < 0: the current line is empty
    for i, w in enumerate(widths):
        if w > full:
            raise TooWide(words[i])
        if used < 0:
            if w > limit:  # not even one word beside the run-in label
                lines.append("")
                limit = full
            start, used = i, w
        elif used + space + w > limit:
            lines.append(" ".join(words[start:i]))
            start, used, limit = i, w, full
        else:
            used += space + w
    if used >= 0:
        lines.append(" ".join(words[start:]))
    return Block(tuple(lines), st)


def largest(lo: float, hi: float, fits: Callable[[float], bool], step: float = 0.1) -> float | None:
    """The largest size in [lo, hi], a multiple of `step` (or lo), at which `fits` holds.

    Bisection: about log2((hi - lo) / step) trials, not one per point.
    """
    if fits(hi):
        return hi
    if not fits(lo):
        return None
    good, bad = lo, hi  # invariant: fits(good), not fits(bad)
    while bad - good > step:
        mid = (good + bad) / 2
        if fits(mid):
            good = mid
        else:
            bad = mid
    snapped = round(int(good / step + 1e-9) * step, 6)
    return snapped if snapped >= lo and fits(snapped) else good


def body_and_heading(
    body: tuple[float, float],
    heading: tuple[float, float],
    ratio: tuple[float, float],
    fits: Callable[[float, float], bool],
) -> tuple[float, float] | None:
    """One body size and one heading size for a whole poster or deck.

    First the largest body (its heading at the smallest ratio to it, within the
    heading's range), then the largest heading that still fits with that body.
    None when nothing fits even at the smallest body size.
    """

    def heading_for(b: float) -> float:
        return min(max(b * ratio[0], heading[0]), heading[1])

    b = largest(body[0], body[1], lambda b: fits(b, heading_for(b)))
    if b is None:
        return None
    lo = heading_for(b)
    hi = max(lo, min(heading[1], b * ratio[1]))
    h = largest(lo, hi, lambda h: fits(b, h))
    assert h is not None  # lo fits: it is what the body was found with
    return b, h


def balanced(text: str, st: Style, width: float) -> Block:
    """Wrap into as few lines as `width` allows, with the lines as even as possible."""
    block = wrap(text, st, width)
    if len(block.lines) < 2:
        return block
    lo, hi = 0.0, width
    for _ in range(14):
        mid = (lo + hi) / 2
        try:
            trial = wrap(text, st, mid)
        except TooWide:
            lo = mid
            continue
        if len(trial.lines) == len(block.lines):
            hi = mid
        else:
            lo = mid
    return wrap(text, st, hi)
