"""Wrapped text as marks: the lines of a block, or a text box holding them."""

from __future__ import annotations

import re
from functools import lru_cache

import msgspec

from poster import fallback
from poster.colors import Color
from poster.document import Align, Run, TextBox, TextLine
from poster.fonts import check_glyphs
from poster.geometry import Rect
from poster.spec import Content
from poster.textfit import Block
from poster.words import NBSP, join


def text_lines(
    block: Block,
    x: float,
    top: float,
    color: Color,
    *,
    align: Align = "left",
    width: float = 0.0,
    first_indent: float = 0.0,
) -> list[TextLine]:
    """TextLines of a block whose highest glyph touches `top`."""
    st = block.style
    out = []
    y = top - st.ascent
    for i, text in enumerate(block.lines):
        if text:
            w = st.face.width(text) * st.size
            if align == "center":
                lx = x + (width - w) / 2
            elif align == "right":
                lx = x + width - w
            else:
                lx = x + (first_indent if i == 0 else 0.0)
            out.append(TextLine(lx, y, text, st.face.name, st.size, color))
        y -= st.pitch
    return out


def text_box(
    block: Block,
    x: float,
    top: float,
    width: float,
    color: Color,
    align: Align = "left",
    first_indent: float = 0.0,
) -> TextBox:
    """A text box whose lines are the block's, highest glyph at `top`."""
    drawn = text_lines(block, x, top, color, align=align, width=width, first_indent=first_indent)
    st = block.style
    return TextBox(
        Rect(x, top - block.height, x + width, top),
        (Run(editable(block, width), st.face.name, st.size, color),),
        tuple(drawn),
        st.pitch,
        align,
    )


@lru_cache(maxsize=4096)  # a server sees the same headings again and again
def editable(block: Block, width: float) -> str:
    """The text an editable output (PPTX) gets for `block`, set `width` wide: PowerPoint
    wraps it itself, in Be Vietnam Pro or, on a PC without it, in a wider substitute
    (see poster.fallback). Display text: the syllables of each word joined by no-break
    spaces, and the phrases it keeps (the labels) too where they fit the line in the
    widest substitute, else only their words (a word wider than the line stays
    breakable between its syllables rather than between letters). Body text: plain
    spaces, the last two syllables joined (no syllable alone on a paragraph's last
    line) if together they take less than half the line."""
    st = block.style
    text = block.text
    bold = fallback.is_bold(st.face.name)
    full = width / st.size

    def fits(unit: str) -> bool:
        return max(fallback.width(unit, bold), fallback.width(unit.upper(), bold)) <= full

    if block.keep is None:
        head, _, last = text.rpartition(" ")
        rest, _, before = head.rpartition(" ")
        if before and 2 * fallback.width(f"{before} {last}", bold) <= full:
            return f"{rest} {before}{NBSP}{last}".lstrip()
        return text
    keep = tuple(p for p in block.keep if fits(p))
    out = []
    for unit in join(tuple(text.split(" ")), keep):
        parts = [unit] if fits(unit) else join(tuple(unit.split(" ")))
        out += [p.replace(" ", NBSP) if fits(p) else p for p in parts]
    return " ".join(out)


def with_breaks(box: TextBox) -> TextBox:
    """A box of display text with a line break (PowerPoint's Shift+Enter) where each of
    its lines ends, if every line fits the box in the widest substitute font: an
    editable output then shows the lines the plan chose (balanced, broken before
    "sang"), in Be Vietnam Pro or not. Otherwise the box as it is (the office program
    wraps the text)."""
    if len(box.runs) != 1 or len(box.lines) < 2:
        return box
    run = box.runs[0]
    bold = fallback.is_bold(run.font)
    if any(fallback.width(line.text, bold) * run.size > box.rect.w for line in box.lines):
        return box
    tokens = re.split("[ \u00a0]", run.text)
    gaps = re.findall("[ \u00a0]", run.text)
    ends, at = [], 0
    for line in box.lines[:-1]:
        at += len(line.text.split(" "))
        ends.append(at - 1)  # the gap after the line's last token
    if at + len(box.lines[-1].text.split(" ")) != len(tokens):
        return box  # the lines are not the run's text (a run-in label, an empty line)
    for i in ends:
        gaps[i] = "\n"
    text = tokens[0] + "".join(g + t for g, t in zip(gaps, tokens[1:], strict=True))
    return msgspec.structs.replace(box, runs=(msgspec.structs.replace(run, text=text),))


def check_content_glyphs(content: Content) -> None:
    """Every character of the content has a glyph in the font that sets it."""
    file = content.source_file or "content"
    check_glyphs(content.title, "title", file, "title")
    check_glyphs(content.labels.left.upper(), "label", file, "labels.left")
    check_glyphs(content.labels.right.upper(), "label", file, "labels.right")
    if content.subtitle:
        check_glyphs(content.subtitle, "authority", file, "subtitle")
    if content.source:
        check_glyphs(content.source, "footer", file, "source")
    for idx, item in enumerate(content.items):
        check_glyphs(item.heading, "heading", file, f"items.{idx}.heading")
        check_glyphs(item.left, "body", file, f"items.{idx}.left")
        check_glyphs(item.right, "body", file, f"items.{idx}.right")
