"""Fonts: registering Be Vietnam Pro, measuring words, glyph coverage and glyph extents.

Widths are cached per word at 1 pt (ReportLab does not kern, so width scales
linearly with size), which makes wrapping at any size pure arithmetic.
"""

from __future__ import annotations

import struct
from functools import cache
from typing import Any

import msgspec
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from poster.errors import PosterError
from poster.resources import FONTS, shipped
from poster.words import join as join_words

# Typographic role → font weight file.
WEIGHTS = {
    "Regular": "BeVietnamPro-Regular.ttf",
    "Bold": "BeVietnamPro-Bold.ttf",
    "ExtraBold": "BeVietnamPro-ExtraBold.ttf",
}
ROLES = {
    "body": "Regular",
    "footer": "Regular",
    "heading": "Bold",
    "label": "Bold",
    "authority": "Bold",
    "caption": "Bold",
    "title": "ExtraBold",
    "number": "ExtraBold",
}
PREFIX = "BeVietnamPro-"
# Measured words and texts kept per font. A poster has about 2,000 words; a server
# sees new texts with every request, so past this many the cache starts again.
CACHE_LIMIT = 50_000


class Extent(msgspec.Struct, frozen=True):
    """How far the glyphs of a text reach above and below the baseline, in em."""

    top: float
    bottom: float  # negative below the baseline

    @property
    def height(self) -> float:
        return self.top - self.bottom


class Face:
    """One registered font: widths, coverage, glyph boxes."""

    def __init__(self, weight: str):
        self.name = PREFIX + weight
        path = shipped(FONTS, WEIGHTS[weight])
        if not path.is_file():
            raise PosterError.of("font.missing", str(path))
        font = TTFont(self.name, str(path), asciiReadable=0)
        _keep_subsets(font.face)
        pdfmetrics.registerFont(font)
        self._face = font.face
        self._cmap: dict[int, int] = font.face.charToGlyph
        self._units = font.face.unitsPerEm if hasattr(font.face, "unitsPerEm") else 1000
        self._glyf = font.face.table["glyf"]["offset"]
        self._widths: dict[str, float] = {}
        self._bounds: dict[str, tuple[float, float]] = {}
        self._extents: dict[tuple[str, ...], Extent] = {}
        self._words: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {}
        self._shown: dict[
            tuple[str, tuple[str, ...]], tuple[tuple[str, ...], tuple[float, ...]]
        ] = {}
        self.space = self.width(" ")

    def width(self, word: str) -> float:
        """Advance width of `word` at 1 pt."""
        w = self._widths.get(word)
        if w is None:
            if len(self._widths) >= CACHE_LIMIT:
                self._widths.clear()
            w = self._widths[word] = pdfmetrics.stringWidth(word, self.name, 1.0)
        return w

    def words(
        self, text: str, keep: tuple[str, ...] | None = None
    ) -> tuple[tuple[str, ...], tuple[float, ...]]:
        """The unbreakable units of `text` and their widths at 1 pt: its syllables (a
        sign such as "+" or "–" joined to the one before it), or, for display text
        (`keep` given: the phrases to keep whole, possibly none), its words
        ("công nghệ", see poster.words) and the phrases in `keep`."""
        if keep is not None:
            return self._display(text, keep)
        got = self._words.get(text)
        if got is None:
            if len(self._words) >= CACHE_LIMIT:
                self._words.clear()
            words = tuple(_glue(text.split(" ")))
            got = self._words[text] = (words, tuple(self.width(w) for w in words))
        return got

    def _display(
        self, text: str, keep: tuple[str, ...]
    ) -> tuple[tuple[str, ...], tuple[float, ...]]:
        got = self._shown.get((text, keep))
        if got is None:
            if len(self._shown) >= CACHE_LIMIT:
                self._shown.clear()
            units = join_words(self.words(text)[0], keep)
            got = self._shown[text, keep] = (units, tuple(self.width(w) for w in units))
        return got

    def missing(self, text: str) -> str | None:
        for ch in text:
            if ord(ch) not in self._cmap and not ch.isspace():
                return ch
        return None

    def char_bounds(self, ch: str) -> tuple[float, float]:
        """(yMin, yMax) of the character's glyph outline, in em."""
        got = self._bounds.get(ch)
        if got is None:
            gid = self._cmap.get(ord(ch), 0)
            pos = self._face.glyphPos
            if pos[gid + 1] - pos[gid] < 10:  # an empty glyph (space)
                got = (0.0, 0.0)
            else:
                raw = self._face.get_chunk(self._glyf + pos[gid], 10)
                _, _, y_min, _, y_max = struct.unpack(">hhhhh", raw)
                got = (y_min / self._units, y_max / self._units)
            self._bounds[ch] = got
        return got

    def extent(self, texts: list[str] | tuple[str, ...]) -> Extent:
        key = tuple(texts)
        got = self._extents.get(key)
        if got is None:
            if len(self._extents) >= CACHE_LIMIT:
                self._extents.clear()
            chars = set().union(*texts) if texts else set()
            bounds = [self.char_bounds(ch) for ch in chars] or [(0.0, 0.0)]
            got = Extent(top=max(b[1] for b in bounds), bottom=min(b[0] for b in bounds))
            self._extents[key] = got
        return got


SUBSETS_KEPT = 64  # per font: a batch's documents mostly embed the same few subsets


def _keep_subsets(face: Any) -> None:
    """The font program of a subset (the glyphs of its characters, in their order) made
    once and kept: every commune of a batch embeds the same subsets of the body font.
    The program holds no subset tag (ReportLab names the subset outside it)."""
    make = face.makeSubset
    kept: dict[tuple[int, ...], bytes] = {}
    name = str(getattr(face, "name", b"")).encode()

    def make_subset(subset: list[int]) -> bytes:
        key = tuple(subset)
        got = kept.get(key)
        if got is None:
            if len(kept) >= SUBSETS_KEPT:
                kept.clear()
            got = _kept_subset(name, key)
            if got is None:
                got = make(subset)
                _keep_subset(name, key, got)
            kept[key] = got
        return got

    face.makeSubset = make_subset


def _subset_key(font: bytes, subset: tuple[int, ...]) -> bytes:
    return font + b"\0" + ",".join(map(str, subset)).encode()


def _kept_subset(font: bytes, subset: tuple[int, ...]) -> bytes | None:
    """A subset's font program as poster.cache holds it (the fonts are in the cache's
    fingerprint), else None."""
    from poster import cache

    if cache.folder() is None:
        return None
    got = cache.get("subset", _subset_key(font, subset))
    if got is not None and got[:4] in (b"\x00\x01\x00\x00", b"true"):
        return got
    return None


def _keep_subset(font: bytes, subset: tuple[int, ...], program: bytes) -> None:
    from poster import cache

    if cache.folder() is not None:
        cache.put("subset", _subset_key(font, subset), program)


def _glue(words: list[str]) -> list[str]:
    """A lone sign ("+", "–") stays on the line of the word before it."""
    out: list[str] = []
    for w in words:
        if out and w and not any(c.isalnum() for c in w):
            out[-1] = f"{out[-1]} {w}"
        else:
            out.append(w)
    return out


@cache
def face(role_or_weight: str) -> Face:
    weight = ROLES.get(role_or_weight, role_or_weight)
    return _face(weight)


@cache
def _face(weight: str) -> Face:
    return Face(weight)


def check_glyphs(text: str, role: str, file: str, field: str) -> None:
    """A character the font cannot draw is an error, never an empty box."""
    f = face(role)
    ch = f.missing(text)
    if ch is not None:
        raise PosterError.of(
            "glyph.missing", file, field, char=ch, codepoint=f"{ord(ch):04X}", font=f.name,
            text=text,
        )  # fmt: skip
