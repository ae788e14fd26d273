"""Wrapping text into a width, and the search for the largest size that fits."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import msgspec

from poster.fonts import Extent, Face
from poster.words import finer, inner

# Extra space between the lowest glyph of a line and the highest of the next, in em.
# Keeps stacked diacritics on capitals (Ể, Ỗ, Ẫ) clear of the line above.
CLEARANCE = 0.06


class Style(msgspec.Struct, frozen=True):
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


class Block(msgspec.Struct, frozen=True):
    """Text wrapped at a style: lines, and the height from the highest glyph to the lowest.

    `joins[i]` says how line i continues on line i + 1: " " at a space, "" inside a web
    address (see BREAK_AFTER, no mark), "-" inside a word (a visible hyphen ends line
    i). Empty when the block has one line. `keep` is None for body text (broken at
    any syllable); for display text, the phrases it keeps whole besides its words
    (see Face.words). `splits`: how many lines of display text end inside a word too
    wide for its line (a last resort, as hyphens are; a phrase too wide breaks between
    its words freely)."""

    lines: tuple[str, ...]
    style: Style
    joins: tuple[str, ...] = ()
    keep: tuple[str, ...] | None = None
    splits: int = 0

    @property
    def height(self) -> float:
        if not self.lines:
            return 0.0
        s = self.style
        return s.ascent + (len(self.lines) - 1) * s.pitch + s.descent

    @property
    def text(self) -> str:
        """The wrapped text as written: lines joined again, added hyphens dropped."""
        if not self.joins:
            return " ".join(self.lines).strip()
        parts = [self.lines[0]]
        for join, line in zip(self.joins, self.lines[1:], strict=True):
            if join == "-":
                parts[-1] = parts[-1][:-1]
            parts.append(line if join != " " else " " + line)
        return "".join(parts).strip()

    @property
    def hyphens(self) -> int:
        """How many words were broken between letters (a last resort)."""
        return self.joins.count("-")


class TooWide(Exception):
    """A single character is wider than the measure."""

    def __init__(self, word: str):
        super().__init__(word)
        self.word = word


# A web address breaks, with no mark (never inside its scheme), at the first of these
# that leaves something on the line, each tried only if the ones before it give no
# break within the line's width (the last such point is taken):
# 1. after / ? & = (between the address's parts: "…/tin-tuc?" | "utm_source=…");
# 2. before . or _ ("…chi-minh" | ".gov.vn");
# 3. between two letters or digits (never before a combining mark);
# 4. before a hyphen; 5. anywhere.
# Never after a hyphen: a line ending in "-" reads as a hyphenated word, and PDF viewers
# drop such a hyphen when the text is copied, breaking the address. Before a hyphen only
# as a last resort: a line starting with "-" reads as a list's dash.
BREAK_AFTER = frozenset("/?&=")
BREAK_BEFORE = frozenset("._")
HYPHEN = "-"


# a scheme, "www.", a domain (its last label starts with a letter) or an e-mail address
_ADDRESS = re.compile(
    r"[a-z][a-z0-9+.-]*://|www\.|[\w-]+(\.[\w-]+)*\.[a-z][\w-]*(/|$)|[^@\s]+@[\w-]+\.", re.I
)


def is_address(word: str) -> bool:
    """A web or e-mail address: 'https://…', 'www.…', 'example.gov.vn/…', 'a@b.vn'."""
    return _ADDRESS.match(word) is not None


def _split(word: str, face: Face, first: float, full: float) -> list[tuple[str, str]]:
    """An overlong word as pieces (text, join), the first at most `first` wide, the others
    at most `full` (in em at 1 pt). Web addresses break at the best point of the list
    above that fits, with no mark; other words break between letters with a visible
    hyphen. Never before a combining mark. The last piece's join is " "."""
    widths = [face.width(ch) for ch in word]
    url = is_address(word)
    scheme_end = word.find("://") + 3 if "://" in word else 0
    hyphen = 0.0 if url else face.width("-")
    pieces: list[tuple[str, str]] = []
    i, room = 0, first
    while sum(widths[i:]) > room:
        fits, used = i, 0.0  # word[i:fits] fits the room
        while fits < len(word) and used + widths[fits] + hyphen <= room:
            used += widths[fits]
            fits += 1
        cut = _address_break(word, i, fits, scheme_end) if url else 0
        if not cut:  # between letters, never before a combining mark
            cut = fits
            while cut > i + 1 and unicodedata.combining(word[cut]):
                cut -= 1
        if cut <= i:
            raise TooWide(word)  # not even one character fits
        mark = "" if url else "-"
        pieces.append((word[i:cut] + mark, mark))
        i, room = cut, full
    pieces.append((word[i:], " "))
    return pieces


def _address_break(word: str, i: int, fits: int, scheme_end: int) -> int:
    """Where a line of an address holding word[i:fits] (at most) ends: the last point of
    the best kind (see BREAK_AFTER) in (i, fits], past the scheme; 0 if none."""

    def kind(j: int) -> int:
        before, after = word[j - 1], word[j]
        if before in BREAK_AFTER:
            return 1
        if after in BREAK_BEFORE:
            return 2
        if after == HYPHEN and before != HYPHEN:
            return 4
        return 3 if before.isalnum() and after.isalnum() else 5  # 5: not there

    best, where = 5, 0
    for j in range(fits, max(i, scheme_end), -1):
        if j >= len(word):
            continue
        k = kind(j)
        if k < best:
            best, where = k, j
    return where


def wrap(
    text: str, st: Style, width: float, indent: float = 0.0, keep: tuple[str, ...] | None = None
) -> Block:
    """Greedy line breaking at spaces (Vietnamese syllables are short; no hyphenation).

    The first line starts `indent` points in (room for a run-in label). A word wider
    than the measure (a web address, a long name) is broken inside (see `_split`).
    Display text (`keep` given) breaks only between words and keeps the phrases in
    `keep` whole; one wider than the measure is broken into its words, then syllables.
    """
    face = st.face
    found, widths = face.words(text, keep)
    words = list(found)
    full = width / st.size
    inside: list[bool] = []  # display text: the gap before unit i is inside a word
    if keep is not None and widths and max(widths) > full:
        words, widths, inside = _finer(words, widths, face, full)
    limit = full - indent / st.size
    space = face.space
    lines: list[str] = []
    joins: list[str] = []  # how each line continues on the next
    splits = 0
    start, used = 0, -1.0  # used < 0: the current line is empty
    for i, w in enumerate(widths):
        if w > full:  # an overlong word: from a fresh line, broken inside
            if used >= 0:
                lines.append(" ".join(words[start:i]))
                joins.append(" ")
                limit = full
                if inside and inside[i]:
                    splits += 1
            try:
                pieces = _split(words[i], face, limit, full)
            except TooWide:
                if limit >= full:
                    raise
                lines.append("")  # nothing fits beside the run-in label
                joins.append(" ")
                limit = full
                pieces = _split(words[i], face, full, full)
            for piece, join in pieces[:-1]:
                lines.append(piece)
                joins.append(join)
            words[i] = pieces[-1][0]
            start, used, limit = i, face.width(words[i]), full
            continue
        if used < 0:
            if w > limit:  # not even one word beside the run-in label
                lines.append("")
                joins.append(" ")
                limit = full
            start, used = i, w
        elif used + space + w > limit:
            lines.append(" ".join(words[start:i]))
            joins.append(" ")
            start, used, limit = i, w, full
            if inside and inside[i]:
                splits += 1
        else:
            used += space + w
    if used >= 0:
        lines.append(" ".join(words[start:]))
    del joins[max(0, len(lines) - 1) :]
    return Block(
        tuple(lines),
        st,
        tuple(joins) if any(j != " " for j in joins) else (),
        keep,
        splits,
    )


def _finer(
    words: list[str], widths: tuple[float, ...], face: Face, full: float
) -> tuple[list[str], tuple[float, ...], list[bool]]:
    """Display units wider than the measure `full` (em) in smaller ones (a phrase in its
    words, a word in its syllables), and for each unit whether the gap before it lies
    inside a word (a break there splits the word)."""
    out: list[str] = []
    inside: list[bool] = []
    todo = [(w, False) for w in reversed(words)]
    while todo:
        word, within = todo.pop()
        if " " in word and face.width(word) > full:
            parts, split = finer(word)
            if len(parts) > 1:
                todo += [
                    (p, within if k == 0 else split) for k, p in reversed(list(enumerate(parts)))
                ]
                continue
        out.append(word)
        inside.append(within)
    return out, tuple(face.width(w) for w in out), inside


def largest(lo: float, hi: float, fits: Callable[[float], bool], step: float = 0.1) -> float | None:
    """The largest size in [lo, hi], a multiple of `step` (or lo), at which `fits` holds.

    Bisection over the multiples of `step` between the two ends: about
    log2((hi - lo) / step) trials, not one per point, and no multiple skipped.
    """
    if fits(hi):
        return hi
    if not fits(lo):
        return None
    # invariant: the size at `good` (lo, or multiple g) fits; multiple b does not (or is
    # hi, or above it)
    g = math.floor(lo / step + 1e-9)
    b = math.ceil(hi / step - 1e-9)
    good = lo
    while b - g > 1:
        m = (g + b) // 2
        size = round(m * step, 6)
        if fits(size):
            g, good = m, size
        else:
            b = m
    return good


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
        return round(min(max(b * ratio[0], heading[0]), heading[1]), 6)

    b = largest(body[0], body[1], lambda b: fits(b, heading_for(b)))
    if b is None:
        return None
    lo = heading_for(b)
    hi = max(lo, min(heading[1], b * ratio[1]))
    h = largest(lo, hi, lambda h: fits(b, h))
    assert h is not None  # lo fits: it is what the body was found with
    return b, h


def balanced(text: str, st: Style, width: float, keep: tuple[str, ...] | None = None) -> Block:
    """Wrap into as few lines as `width` allows, with the lines as even as possible.
    `keep`: as for `wrap` (display text)."""
    block = wrap(text, st, width, keep=keep)
    if len(block.lines) < 2:
        return block
    lo, hi = 0.0, width
    if keep is not None and not block.splits:  # narrower than a unit would split it
        lo = min(width, max(st.face.words(text, keep)[1]) * st.size)
    for _ in range(14):
        mid = (lo + hi) / 2
        try:
            trial = wrap(text, st, mid, keep=keep)
        except TooWide:
            lo = mid
            continue
        if (
            len(trial.lines) == len(block.lines)
            and trial.hyphens <= block.hyphens
            and trial.splits <= block.splits
        ):
            hi = mid
        else:
            lo = mid
    return wrap(text, st, hi, keep=keep)


_QUOTES = "\"'“”‘’()"
RUNT = 1000.0  # the cost of a last line of one syllable
SHORT_LAST = 0.25  # a last line shorter than this part of the measure costs extra
# The cost of a body line ending inside a word ("công / nghệ"): as much as leaving a
# fifth of a line's measure empty (0.2² = 0.04), so a word is kept whole unless that
# makes the rag clearly worse.
SPLIT = 0.04
# A heading allowed to split words (the size search's last resort, see
# plan.tile.Design.whole_words) splits as few as its number of lines allows.
SPLIT_HEADING = 1.0
# Display text reads in phrases: a line does not end with a word that leads into the
# next ("từ", "sang", "và", "của": from, to, and, of) unless no other break of as
# many lines exists (TURN_END), and a break before such a word or after a comma is
# preferred to one elsewhere (TURN_ELSEWHERE: as much as a tenth of a line's room
# on two lines, 2 × 0.1², plus a little), so "Chuyển từ hệ thống công nghệ thông tin
# / sang môi trường số" rather than "… hệ thống / công nghệ thông tin sang …".
TURNS = frozenset({"từ", "sang", "và", "của"})
TURN_END = 1.0
TURN_ELSEWHERE = 0.025


def refine(block: Block, width: float, indent: float = 0.0, *, heading: bool = False) -> Block:
    """Cached by value (a server sees the same titles and footers again and again)."""
    if len(block.lines) < 2 or block.joins or block.splits:
        return block
    return _refine(block, width, indent, heading)


@lru_cache(maxsize=2048)
def _refine(block: Block, width: float, indent: float, heading: bool, count: int = 0) -> Block:
    """The block's text re-broken into the same number of lines (or `count`), total-fit.

    Greedy wrapping (`wrap`) gives the fewest lines, so heights and the size search
    do not change; this pass then chooses, over the whole paragraph (Knuth–Plass
    style, by dynamic programming), the breaks with the least raggedness: the squared
    room left on each line but the last, a strong penalty for a last line of a single
    syllable (a runt) and a smaller one for a very short last line. A heading counts
    its last line too, so its lines come out of similar length (balanced), and breaks
    where a phrase turns (before "sang", never after it: TURNS). Display
    text breaks only between its words (`Block.keep`); body text may break inside a
    word ("công / nghệ"), at a cost (SPLIT). Blocks with words broken inside
    (addresses, hyphens, units wider than the line) or an empty first line are kept.
    """
    if len(block.lines) < 2 or block.joins or block.splits or not all(block.lines):
        return block
    n = count or len(block.lines)
    st = block.style
    face = st.face
    found, widths = face.words(" ".join(block.lines), block.keep)
    words = list(found)
    full = width / st.size
    if block.keep is None:  # body text: a break before word i splits a word of the list
        split: tuple[bool, ...] | list[bool] = inner(found)
    else:  # display text: a phrase wider than the line may break between its words
        split = [False] * len(words)
        if widths and max(widths) > full:
            words, widths, split = _finer(words, widths, face, full)
    m = len(words)
    if m < n:
        return block
    first = full - indent / st.size
    space = face.space
    # display text: the cost of a break before word j (see TURNS)
    turn = [0.0] * (m + 1)
    if heading:
        keys = [w.lower().strip(_QUOTES) for w in words]
        for j in range(1, m):
            if keys[j - 1] in TURNS:
                turn[j] = TURN_END
            elif keys[j] not in TURNS and words[j - 1][-1:] not in ",;:":
                turn[j] = TURN_ELSEWHERE
    inf = float("inf")
    # best[k][j]: the least cost of the first j words in k lines; back[k][j]: where line k starts
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for k in range(1, n + 1):
        limit = first if k == 1 else full
        last = k == n
        for j in range(k, m - (n - k) + 1):
            used = -space
            for i in range(j - 1, k - 2, -1):  # line k holds words[i:j]
                used += space + widths[i]
                if used > limit + 1e-9:
                    break
                prev = best[k - 1][i]
                if prev == inf:
                    continue
                room = (limit - used) / full
                if not last:
                    cost = room * room + turn[j]
                    if split[j]:
                        cost += SPLIT_HEADING if heading else SPLIT
                else:
                    cost = room * room if heading else 0.0
                    if j - i == 1 and " " not in words[i]:
                        cost += RUNT
                    elif used < SHORT_LAST * limit:
                        cost += 1.0
                    if j != m:
                        continue
                total = prev + cost
                if total < best[k][j]:
                    best[k][j], back[k][j] = total, i
    if best[n][m] == inf:
        return block
    lines: list[str] = []
    j = m
    for k in range(n, 0, -1):
        i = back[k][j]
        lines.append(" ".join(words[i:j]))
        j = i
    lines.reverse()
    return Block(tuple(lines), st, keep=block.keep)


def turns(block: Block) -> bool:
    """Whether a line but the last ends with a word that leads into the next line's
    ("từ", "sang", "và", "của": TURNS; quotes and brackets aside, as `refine` reads it)."""
    return any(line.rsplit(" ", 1)[-1].lower().strip(_QUOTES) in TURNS for line in block.lines[:-1])


def phrased(block: Block, width: float) -> Block:
    """Display text (a heading, an overview entry, an attribution) broken total-fit:
    lines of like length, at its phrases (`refine`); if a line must then end with a word
    that leads into the next ("từ", "sang", "và", "của": TURNS), in one more line where
    that avoids it. The caller measures the block returned (its height may grow)."""
    got = refine(block, width, heading=True)
    if not turns(got) or block.joins or block.splits:
        return got
    n = len(block.lines)
    other = _refine(block, width, 0.0, True, n + 1)
    return other if len(other.lines) == n + 1 and not turns(other) else got
