"""Wrapped text as marks: the lines of a block, or a text box holding them."""

from __future__ import annotations

from poster.colors import Color
from poster.document import Align, Run, TextBox, TextLine
from poster.fonts import check_glyphs
from poster.geometry import Rect
from poster.spec import Content
from poster.textfit import Block
from poster.words import nobreak


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
    # an editable output wraps the text itself: display text keeps its words whole
    text = block.text if block.keep is None else nobreak(block.text, block.keep)
    return TextBox(
        Rect(x, top - block.height, x + width, top),
        (Run(text, st.face.name, st.size, color),),
        tuple(drawn),
        st.pitch,
        align,
    )


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
