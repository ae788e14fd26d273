"""Slide decks: a title slide, an overview, one slide per item, a closing slide.

The same specs, fonts, text fitting and marks as the posters; a deck layout
(`deck:` in its YAML) lays each item on a page of its own. One body size and one
heading size for every item slide: the largest at which every item fits.
The result is a `Deck` of slides of marks, which `draw` turns into a PDF and
`pptx` into an editable PowerPoint file.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from poster.colors import BLACK, SIDE_TINT, WHITE, Color, parse_color
from poster.errors import PosterError
from poster.fonts import check_glyphs, face
from poster.layout import Geometry, Rect, balance, stack
from poster.plan import (
    Fill,
    Mark,
    Polygon,
    QRSymbol,
    Run,
    TextBox,
    TextLine,
    _header,
    balanced,
    lines,
    on,
)
from poster.qr import QUIET_ZONE, dark_runs, qr_matrix
from poster.spec import Brand, Content, Item, Layout
from poster.textfit import Block, Style, TooWide, body_and_heading, largest, style, wrap
from poster.tiles import check_content_glyphs
from poster.units import mm

GREY = parse_color("#5F6368")


@dataclass(frozen=True)
class Slide:
    kind: str  # "title" | "overview" | "item" | "closing"
    title: str  # its outline entry
    label: str  # its page label
    marks: tuple[Mark, ...]
    notes: str
    item: int | None = None


@dataclass(frozen=True)
class Deck:
    size: tuple[float, float]
    slides: tuple[Slide, ...]
    title: str
    author: str
    subject: str
    body_size: float
    heading_size: float
    layout: str


def _box(
    block: Block,
    x: float,
    top: float,
    width: float,
    color: Color,
    align: str = "left",
    runs: tuple[Run, ...] | None = None,
) -> TextBox:
    """A text box whose lines are the block's, top glyph at `top`."""
    drawn = tuple(lines(block, x, top, color, align=align, width=width))
    st = block.style
    text = " ".join(block.lines).strip()
    runs = runs or (Run(text, st.face.name, st.size, color),)
    return TextBox(Rect(x, top - block.height, x + width, top), runs, drawn, st.pitch, align)


# ---------------------------------------------------------------- item slides


@dataclass(frozen=True)
class _ItemFit:
    heading: Block
    left_label: Block
    left: Block
    right_label: Block
    right: Block
    head_height: float


class _Unfit(Exception):
    def __init__(self, item: Item, why: str):
        super().__init__(why)
        self.item, self.why = item, why


@dataclass(frozen=True)
class _Frame:
    """Fixed boxes of an item slide."""

    safe: Rect
    number_w: float
    number_style: Style
    footer_h: float
    between: float


def _frame(content: Content, layout: Layout, size: tuple[float, float]) -> _Frame:
    deck = layout.deck
    assert deck is not None
    margin = mm(layout.safe_margin_mm)
    safe = Rect(margin, margin, size[0] - margin, size[1] - margin)
    nf = face("number")
    numbers = [str(i.n) for i in content.items]
    number_style = style(nf, deck.number_size, 1.0, numbers)
    number_w = max(nf.width(t) for t in numbers) * deck.number_size
    footer = layout.footer.text.min
    fst = style(face("footer"), footer, 1.2, ["Ẩg"])
    return _Frame(
        safe, number_w, number_style, fst.ascent + fst.descent + mm(3), mm(layout.grid.gutter_mm)
    )


def _fit_item(
    item: Item, content: Content, layout: Layout, fr: _Frame, body: float, heading: float
) -> _ItemFit:
    deck = layout.deck
    assert deck is not None
    pad = mm(layout.tile.padding_mm)
    safe = fr.safe
    gap = 0.35 * deck.number_size
    h_st = style(
        face("heading"), heading, layout.fonts.heading.leading, [i.heading for i in content.items]
    )
    b_st = style(
        face("body"),
        body,
        layout.fonts.body.leading,
        [t for i in content.items for t in (i.left, i.right)],
    )
    labels = [content.labels.left.upper(), content.labels.right.upper()]
    l_st = style(face("label"), body, 1.15, labels)
    col_w = (safe.w - fr.between) / 2
    text_w = col_w - 2 * pad
    try:
        head = balanced(item.heading, h_st, safe.w - fr.number_w - gap)
        fit = _ItemFit(
            heading=head,
            left_label=wrap(labels[0], l_st, text_w),
            left=wrap(item.left, b_st, text_w),
            right_label=wrap(labels[1], l_st, text_w),
            right=wrap(item.right, b_st, text_w),
            head_height=max(fr.number_style.extent.top * deck.number_size, head.height),
        )
    except TooWide as e:
        raise _Unfit(item, f"the word {e.word!r} is wider than its column") from None
    if len(head.lines) > 3:
        raise _Unfit(item, "the heading needs more than 3 lines")
    label_gap = 0.4 * body
    need = (
        max(
            fit.left_label.height + label_gap + fit.left.height,
            fit.right_label.height + label_gap + fit.right.height,
        )
        + 2 * pad
    )
    room = safe.h - fit.head_height - mm(6) - fr.footer_h
    if need > room:
        raise _Unfit(
            item,
            f"its sides need {need / mm(1):.0f} mm of height, the slide has {room / mm(1):.0f} mm",
        )
    return fit


def _solve_items(content: Content, layout: Layout, fr: _Frame) -> tuple[float, float]:
    fonts = layout.fonts
    deck = layout.deck
    assert deck is not None
    errors: list[_Unfit] = []

    def all_fit(b: float, h: float) -> bool:
        try:
            for item in content.items:
                _fit_item(item, content, layout, fr, b, h)
        except _Unfit as e:
            errors[:] = [e]
            return False
        return True

    ratio = (fonts.heading.ratio_min, fonts.heading.ratio_max)
    heading_range = (deck.heading.min, deck.heading.max)
    sizes = body_and_heading((fonts.body.min, fonts.body.max), heading_range, ratio, all_fit)
    if sizes is None:
        e = errors[0]
        raise PosterError.one(
            layout.source_file,
            "fonts.body.min",
            f"item {e.item.n} does not fit a slide of layout {layout.name!r} even at "
            f"{fonts.body.min:g} pt: {e.why}",
        )
    body, heading = sizes
    return body, heading


def _item_slide(
    item: Item,
    index: int,
    content: Content,
    layout: Layout,
    brand: Brand,
    fr: _Frame,
    body: float,
    heading: float,
    size: tuple[float, float],
) -> Slide:
    c = brand.colors
    fit = _fit_item(item, content, layout, fr, body, heading)
    safe = fr.safe
    deck = layout.deck
    assert deck is not None
    marks: list[Mark] = [Fill(Rect(0, 0, *size), c.background)]
    ink = on(c.background, c.text)
    # a primary band down the left edge ties the slides to the brand
    marks.append(Fill(Rect(0, 0, mm(3), size[1]), c.primary))
    ns = fr.number_style
    number = str(item.n)
    nx = safe.x0 + fr.number_w - ns.face.width(number) * ns.size  # right-aligned
    top = safe.y1
    marks.append(
        TextLine(nx, top - ns.ascent, number, ns.face.name, ns.size, on(c.background, c.primary))
    )
    hx = safe.x0 + fr.number_w + 0.35 * deck.number_size
    head_top = top - max(0.0, (fit.head_height - fit.heading.height) / 2)
    marks.append(_box(fit.heading, hx, head_top, safe.x1 - hx, ink))

    pad = mm(layout.tile.padding_mm)
    col_top = top - fit.head_height - mm(6)
    col_bottom = safe.y0 + fr.footer_h
    col_w = (safe.w - fr.between) / 2
    for which, x0 in (("left", safe.x0), ("right", safe.x0 + col_w + fr.between)):
        color = c.left if which == "left" else c.right
        tint = color.tint(SIDE_TINT)
        box = Rect(x0, col_bottom, x0 + col_w, col_top)
        marks.append(Fill(box, tint, mm(layout.tile.radius_mm)))
        label = fit.left_label if which == "left" else fit.right_label
        text = fit.left if which == "left" else fit.right
        y = box.y1 - pad
        marks.append(_box(label, box.x0 + pad, y, col_w - 2 * pad, color))
        y -= label.height + 0.4 * body
        marks.append(_box(text, box.x0 + pad, y, col_w - 2 * pad, on(tint, c.text)))
    # chevron between the columns: before → after
    cx, cy = safe.x0 + col_w + fr.between / 2, (col_top + col_bottom) / 2
    h = fr.between * 0.35
    marks.append(Polygon(((cx - h / 2, cy + h), (cx - h / 2, cy - h), (cx + h / 2, cy)), c.right))
    marks += _footer_line(layout, brand, safe, f"{index}/{len(content.items)}", c)
    notes = "\n\n".join(
        [
            f"{item.n}. {item.heading}",
            f"{content.labels.left}: {item.left}",
            f"{content.labels.right}: {item.right}",
        ]
    )
    return Slide("item", f"{item.n}. {item.heading}", str(item.n), tuple(marks), notes, item.n)


def _footer_line(layout: Layout, brand: Brand, safe: Rect, right: str, c) -> list[Mark]:
    size = layout.footer.text.min
    f = face("footer")
    st = style(f, size, 1.2, ["Ẩg"])
    y = safe.y0 + st.descent
    who = brand.authority[0] if brand.authority else brand.name
    ink = on(c.background, GREY)
    out: list[Mark] = []
    rw = f.width(right) * size
    if who and f.width(who) * size < safe.w - rw - mm(10):
        out.append(TextLine(safe.x0, y, who, f.name, size, ink))
    out.append(TextLine(safe.x1 - rw, y, right, f.name, size, ink))
    return out


# ---------------------------------------------------------------- other slides


def _title_slide(
    content: Content, layout: Layout, brand: Brand, size: tuple[float, float], subtitle: str | None
) -> Slide:
    margin = mm(layout.safe_margin_mm)
    page = Rect(0, 0, *size)
    safe = page.inset(margin)
    c = brand.colors
    sub_size = layout.footer.text.min * 1.2
    sub_st = style(face("caption"), sub_size, 1.2, [subtitle or "A"])
    sub_room = (sub_st.pitch * 2 + mm(8)) if subtitle else 0.0
    content_box = Rect(safe.x0, safe.y0 + sub_room, safe.x1, safe.y1)
    geo = Geometry(page, page, page, safe, page, content_box, page, page, page, 0.0)
    marks: list[Mark] = list(_header(content, layout, brand, geo))
    if subtitle:
        ink = on(c.primary, WHITE)
        block = balanced(subtitle, sub_st, safe.w * 0.8)
        if len(block.lines) > 2:
            raise PosterError.one(
                "--subtitle", "subtitle", "is too long for the title slide (two lines at most)"
            )
        marks.append(_box(block, safe.x0, safe.y0 + block.height + mm(4), safe.w, ink, "center"))
    notes = "\n".join([*brand.authority, content.title, subtitle or ""]).strip()
    return Slide("title", "Trang bìa", "Bìa", tuple(marks), notes)


def _overview_slide(
    content: Content, layout: Layout, brand: Brand, size: tuple[float, float], heading: float
) -> Slide:
    deck = layout.deck
    assert deck is not None
    c = brand.colors
    margin = mm(layout.safe_margin_mm)
    safe = Rect(margin, margin, size[0] - margin, size[1] - margin)
    ink = on(c.background, c.text)
    marks: list[Mark] = [
        Fill(Rect(0, 0, *size), c.background),
        Fill(Rect(0, 0, mm(3), size[1]), c.primary),
    ]
    t_st = style(face("heading"), deck.heading.min, 1.15, [content.title])
    title = balanced(content.title, t_st, safe.w)
    marks.append(_box(title, safe.x0, safe.y1, safe.w, on(c.background, c.primary)))
    top = safe.y1 - title.height - mm(5)
    gutter = mm(layout.grid.gutter_mm) * 0.6
    cols = deck.overview_columns
    col_w = (safe.w - gutter * (cols - 1)) / cols
    avail = top - safe.y0

    nf = face("number")
    widest = max(nf.width(str(i.n)) for i in content.items)

    def entries(s: float):
        # a numbered list: the number in the brand colour, the heading hanging beside it
        st = style(face("body"), s, 1.15, [i.heading for i in content.items])
        indent = widest * s + 0.45 * s
        blocks = [wrap(i.heading, st, col_w - indent) for i in content.items]
        heights = [b.height for b in blocks]
        gap = 0.45 * s
        starts = [*balance(heights, cols, gap), len(blocks)]
        tallest = max(sum(heights[i:j]) + gap * (j - i - 1) for i, j in pairwise(starts))
        return (blocks, heights, starts, gap, indent) if tallest <= avail else None

    s = largest(deck.overview.min, deck.overview.max, lambda s: entries(s) is not None)
    if s is None:
        raise PosterError.one(
            layout.source_file,
            "deck.overview.min",
            f"the {len(content.items)} headings do not fit the overview slide of layout "
            f"{layout.name!r} even at {deck.overview.min:g} pt",
        )
    got = entries(s)
    assert got is not None
    blocks, heights, starts, gap, indent = got
    number_ink = on(c.background, c.primary)
    for col, (i, j) in enumerate(pairwise(starts)):
        x = safe.x0 + col * (col_w + gutter)
        for k, (_, y1) in zip(range(i, j), stack(heights[i:j], top, gap), strict=True):
            item, block = content.items[k], blocks[k]
            label = str(item.n)
            w = nf.width(label) * s
            baseline = y1 - block.style.ascent
            marks.append(TextLine(x + widest * s - w, baseline, label, nf.name, s, number_ink))
            marks.append(_box(block, x + indent, y1, col_w - indent, ink))
    notes = "\n".join(f"{i.n}. {i.heading}" for i in content.items)
    return Slide("overview", "Tổng quan", "Tổng quan", tuple(marks), notes)


def _closing_slide(
    content: Content,
    layout: Layout,
    brand: Brand,
    size: tuple[float, float],
    heading: float,
    body: float,
) -> Slide:
    c = brand.colors
    margin = mm(layout.safe_margin_mm)
    safe = Rect(margin, margin, size[0] - margin, size[1] - margin)
    marks: list[Mark] = [
        Fill(Rect(0, 0, *size), c.background),
        Fill(Rect(0, 0, mm(3), size[1]), c.primary),
    ]
    matrix = qr_matrix(brand.qr.url)
    n = len(matrix)
    qs = min(mm(layout.qr.size_mm), safe.h - 2 * QUIET_ZONE * mm(layout.qr.size_mm) / n)
    module = qs / n
    quiet = QUIET_ZONE * module
    sx1 = safe.x1 - quiet
    cy = (safe.y0 + safe.y1) / 2
    symbol = Rect(sx1 - qs, cy - qs / 2, sx1, cy + qs / 2)
    marks.append(Fill(symbol.inset(-quiet), WHITE, module))
    marks.append(QRSymbol(symbol, module, tuple(dark_runs(matrix)), n, BLACK))
    text_w = symbol.x0 - quiet - mm(12) - safe.x0
    ink = on(c.background, c.text)
    cap = balanced(
        brand.qr.caption, style(face("heading"), heading, 1.15, [brand.qr.caption]), text_w
    )
    url = wrap(brand.qr.url, style(face("body"), body, 1.2, [brand.qr.url]), text_w)
    src_size = layout.footer.text.min
    source = (
        wrap(content.source, style(face("footer"), src_size, 1.3, [content.source]), text_w)
        if content.source
        else None
    )
    blocks = [(cap, ink), (url, on(c.background, c.primary))]
    if source:
        blocks.append((source, on(c.background, GREY)))
    total = sum(b.height for b, _ in blocks) + mm(6) * (len(blocks) - 1)
    if total > safe.h:
        raise PosterError.one(
            layout.source_file,
            "qr.size_mm",
            f"the closing slide of layout {layout.name!r} has no room for the caption and source",
        )
    y = cy + total / 2
    for block, color in blocks:
        marks.append(_box(block, safe.x0, y, text_w, color))
        y -= block.height + mm(6)
    notes = "\n".join([brand.qr.caption, brand.qr.url, content.source or ""]).strip()
    return Slide("closing", "Kết thúc", "Kết", tuple(marks), notes)


def build_deck(content: Content, layout: Layout, brand: Brand, subtitle: str | None = None) -> Deck:
    if layout.deck is None:
        raise PosterError.one(layout.source_file, "deck", "not a slide layout (no deck: section)")
    check_content_glyphs(content)
    file = brand.source_file or "brand"
    check_glyphs(brand.qr.caption, "caption", file, "qr.caption")
    if subtitle:
        check_glyphs(subtitle, "caption", "--subtitle", "subtitle")
    w_mm, h_mm = layout.page.trim_mm()
    size = (mm(w_mm), mm(h_mm))
    fr = _frame(content, layout, size)
    body, heading = _solve_items(content, layout, fr)
    slides = [
        _title_slide(content, layout, brand, size, subtitle or brand.footer),
        _overview_slide(content, layout, brand, size, heading),
    ]
    for index, item in enumerate(content.items, start=1):
        slides.append(_item_slide(item, index, content, layout, brand, fr, body, heading, size))
    slides.append(_closing_slide(content, layout, brand, size, heading, body))
    return Deck(
        size,
        tuple(slides),
        content.title,
        brand.name,
        f"{content.title} — {brand.name}",
        body,
        heading,
        layout.name,
    )
