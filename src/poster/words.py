"""Vietnamese words: which syllables belong together, so a line does not split a word.

Vietnamese writes a word of several syllables with spaces between them ("công nghệ",
"đầu tư", "tự động hóa"). A display line (a title, a heading, a label, a caption)
never breaks inside such a word; body text may, but prefers not to. The words are
looked up in a list shipped with the package (`data/words/compounds.txt`, its
source in the README beside it); the content's labels ("Công nghệ thông tin") are
kept whole as phrases. Everything is cached by text: a poster looks up each of its
texts once.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from poster.resources import DATA

if TYPE_CHECKING:
    from poster.spec import Content

COMPOUNDS = DATA / "words" / "compounds.txt"
NBSP = "\u00a0"
# the longest word looked up, in syllables (longer phrases come from the content)
LONGEST = 4

# what may stand around a syllable without making it another word
_MARKS = " ,.;:!?…\"'“”‘’()[]{}«»+–—-/"

# The two ways of placing the tone mark in a final "oa", "oe", "uy" (the older "hoá",
# "khoẻ", "uỷ" and the newer "hóa", "khỏe", "ủy") are looked up the same.
_MOVE = {
    first + toned[t]: first_toned[t] + plain
    for first, plain, toned, first_toned in (
        ("o", "a", "àáảãạ", "òóỏõọ"),
        ("o", "e", "èéẻẽẹ", "òóỏõọ"),
        ("u", "y", "ỳýỷỹỵ", "ùúủũụ"),
    )
    for t in range(5)
}


def key(syllable: str) -> str:
    """A syllable as looked up: lower case, without the punctuation around it, the tone
    mark of a final "oa", "oe", "uy" on its first vowel ("Hoá" → "hóa")."""
    s = syllable.lower().strip(_MARKS)
    end = _MOVE.get(s[-2:])
    return s[:-2] + end if end else s


@cache
def compounds() -> frozenset[str]:
    """The shipped list: each word's syllables as keys, joined by one space."""
    out = set()
    for line in COMPOUNDS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(" ".join(key(s) for s in line.split()))
    return frozenset(out)


@lru_cache(maxsize=4096)
def segment(tokens: tuple[str, ...], phrases: tuple[str, ...] = ()) -> tuple[int, ...]:
    """How many tokens each word of `tokens` spans, in order (they add up to len(tokens)).

    The `phrases` (the content's labels) are found first, whole, in any letter case;
    the tokens between them are split into the fewest words of the list (a token on
    its own is a word of one syllable; of two splits as good, the one whose later
    words are longer, as backward maximum matching does: "cách | làm việc").
    Punctuation ends a word: "dân, từ" is never one word.
    """
    keys = [key(t) for t in tokens]
    n = len(tokens)
    found: list[tuple[int, int]] = []  # (start, end) of each phrase, left to right
    for phrase in phrases:
        want = [key(s) for s in phrase.split()]
        m, i = len(want), 0
        while m > 1 and i + m <= n:
            free = all(e <= i or i + m <= s for s, e in found)
            if free and keys[i : i + m] == want and _joinable(tokens, i, i + m):
                found.append((i, i + m))
                i += m
            else:
                i += 1
    found.sort()
    out: list[int] = []
    at = 0
    for s, e in [*found, (n, n)]:
        out += _fewest(tokens[at:s], tuple(keys[at:s]))
        if e > s:
            out.append(e - s)
        at = e
    return tuple(out)


def _fewest(tokens: tuple[str, ...], keys: tuple[str, ...]) -> list[int]:
    """Lengths of the fewest words of the list that make up `tokens`."""
    words = compounds()
    n = len(tokens)
    best = [0] * (n + 1)  # best[i]: the fewest words of tokens[i:]
    step = [1] * (n + 1)
    for i in range(n - 1, -1, -1):
        best[i] = best[i + 1] + 1
        for m in range(2, min(LONGEST, n - i) + 1):  # the shorter first word on a tie
            if (
                best[i + m] + 1 < best[i]
                and " ".join(keys[i : i + m]) in words
                and _joinable(tokens, i, i + m)
            ):
                best[i], step[i] = best[i + m] + 1, m
    out = []
    i = 0
    while i < n:
        out.append(step[i])
        i += step[i]
    return out


def _joinable(tokens: tuple[str, ...], i: int, j: int) -> bool:
    """tokens[i:j] may be one word: no punctuation inside it."""
    return all(tokens[k][-1:].isalnum() for k in range(i, j - 1)) and all(
        tokens[k][:1].isalnum() for k in range(i + 1, j)
    )


def join(tokens: tuple[str, ...], phrases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The tokens with each word's syllables joined into one token (spaces kept)."""
    out = []
    i = 0
    for m in segment(tokens, phrases):
        out.append(" ".join(tokens[i : i + m]))
        i += m
    return tuple(out)


@lru_cache(maxsize=4096)
def inner(tokens: tuple[str, ...]) -> tuple[bool, ...]:
    """For each token, whether the gap before it lies inside a word (a break there
    splits the word). The first token's is False."""
    out = []
    for m in segment(tokens):
        out += [False] + [True] * (m - 1)
    return tuple(out)


def finer(unit: str) -> tuple[list[str], bool]:
    """A display unit too wide for its line, in smaller units, and whether they split a
    word: a phrase in its words ("công nghệ thông tin" → "công nghệ", "thông tin":
    False), a word in its syllables ("công nghệ" → "công", "nghệ": True; a sign such
    as "+" stays with the syllable before it)."""
    syllables: list[str] = []
    for p in unit.split(" "):
        if syllables and p and not any(c.isalnum() for c in p):
            syllables[-1] = f"{syllables[-1]} {p}"
        else:
            syllables.append(p)
    words = join(tuple(syllables))
    return (list(words), False) if len(words) > 1 else (syllables, True)


@lru_cache(maxsize=4096)
def nobreak(text: str, phrases: tuple[str, ...] = ()) -> str:
    """`text` with a no-break space between the syllables of each word (and phrase):
    for outputs that wrap text themselves (PowerPoint)."""
    tokens = tuple(text.split(" "))
    return " ".join(w.replace(" ", NBSP) for w in join(tokens, phrases))


def phrases(content: Content) -> tuple[str, ...]:
    """The phrases display text keeps whole: the content's two labels."""
    return (content.labels.left, content.labels.right)
