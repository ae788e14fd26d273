"""Decks: a title slide, an overview, one slide per item, a closing slide.

The same specs, fonts, text fitting, title block, tile and QR code as the posters;
an item slide is a tile as large as the slide. One body size and one heading size
for every item slide: the largest at which every item fits.
"""

from __future__ import annotations

import re
from itertools import pairwise

import msgspec

from poster.colors import WHITE, Color, on, parse_color
from poster.document import Document, Fill, Mark, Page, PageKind, TextLine
from poster.errors import PosterError
from poster.fonts import check_glyphs, face
from poster.geometry import Rect, balance, stack
from poster.plan.footer import qr_marks
from poster.plan.header import title_block
from poster.plan.options import Options
from poster.plan.text import check_content_glyphs, text_box
from poster.plan.tile import (
    Design,
    Measured,
    Styles,
    Unfit,
    arrange,
    item_notes,
    make_styles,
    measure,
    slide_design,
    tile_marks,
)
from poster.qr import QUIET_ZONE, qr_matrix
from poster.spec import Brand, Content, DeckLayout, Item
from poster.textfit import Block, balanced, largest, refine, style, wrap
from poster.units import mm
from poster.words import phrases

GREY = parse_color("#5F6368")


class _Frame(msgspec.Struct, frozen=True):
    """The boxes every slide shares."""

    page: Rect
    safe: Rect
    tile: Rect  # an item slide's tile: the safe area above the footer line


def _frame(layout: DeckLayout) -> _Frame:
    w_mm, h_mm = layout.page.trim_mm()
    page = Rect(0, 0, mm(w_mm), mm(h_mm))
    safe = page.inset(mm(layout.safe_margin_mm))
    fst = style(face("footer"), layout.deck.footer_pt, 1.2, ["Ẩg"])
    footer_h = fst.ascent + fst.descent + mm(3)
    return _Frame(page, safe, Rect(safe.x0, safe.y0 + footer_h, safe.x1, safe.y1))


def slide_styles(content: Content, layout: DeckLayout, body: float, heading: float) -> Styles:
    fonts = layout.fonts
    return make_styles(
        content,
        body,
        heading,
        body_leading=fonts.body.leading,
        heading_leading=fonts.heading.leading,
        label_size=body,
        number_size=layout.deck.number_size,
    )


def steps(layout: DeckLayout) -> list[float]:
    """The body sizes an item slide may take, largest first: from the layout's body
    maximum down to its minimum in steps of 4 pt (16:9: 32, 28, 24)."""
    lo, hi = layout.fonts.body.min, layout.fonts.body.max
    out = []
    size = hi
    while size > lo + 1e-9:
        out.append(size)
        size -= 4
    return [*out, lo]


def heading_for(layout: DeckLayout, body: float) -> float:
    h = layout.fonts.heading
    return min(max(body * h.ratio_min, h.min), h.max)


_SENTENCE = re.compile(r"(?<=[.;!?])\s+")


def _halves(text: str) -> tuple[str, str]:
    """A side's text in two parts: at the sentence end nearest its middle, else at
    the word nearest its middle, with an ellipsis on both sides of the cut."""
    sentences = _SENTENCE.split(text)
    if len(sentences) > 1:
        cuts = [len(" ".join(sentences[:k])) for k in range(1, len(sentences))]
        k = min(range(len(cuts)), key=lambda i: abs(cuts[i] - len(text) / 2)) + 1
        return " ".join(sentences[:k]), " ".join(sentences[k:])
    words = text.split(" ")
    if len(words) < 4:
        return text, "…"
    k = len(words) // 2
    return " ".join(words[:k]) + " …", "… " + " ".join(words[k:])


def _fit(
    item: Item, content: Content, layout: DeckLayout, design: Design, fr: _Frame
) -> tuple[Measured, float] | None:
    """The item's tile at the largest step at which it fits the slide, or None."""
    fallback = layout.fonts.heading.min
    for strict in (True, False):
        # the heading at its ratio to the body; a long one at 1.15 × it, else at the least
        for ratio in (None, 1.15, 0.0):
            for body in steps(layout):
                heading = (
                    heading_for(layout, body) if ratio is None else max(fallback, body * ratio)
                )
                st = slide_styles(content, layout, body, heading)
                try:
                    tile = measure(item, content, design, st, fr.tile.w, final=True)
                except Unfit:
                    continue
                if tile.height <= fr.tile.h and not (strict and tile.hyphens):
                    return tile, body
    return None


def item_slides(
    content: Content, layout: DeckLayout, design: Design, fr: _Frame, item: Item
) -> list[Measured]:
    """One tile per slide for the item: at the largest size of the scale that fits;
    an item too long for the smallest continues on the next slide(s)."""
    parts = [item]
    for _ in range(3):
        tiles = [_fit(p, content, layout, design, fr) for p in parts]
        if all(tiles):
            return [t[0] for t in tiles if t]
        n = len(parts) + 1
        parts = _split(item, n)
    raise PosterError.of(
        "fit.slides", layout.source_file, "fonts.body.min", n=item.n, layout=layout.name,
        size=layout.fonts.body.min,
    )  # fmt: skip


def _split(item: Item, n: int) -> list[Item]:
    """The item's sides cut into n parts (n = 2 or more, by halving)."""
    sides = [[item.left], [item.right]]
    while len(sides[0]) < n:
        for parts in sides:
            longest = max(range(len(parts)), key=lambda i: len(parts[i]))
            a, b = _halves(parts[longest])
            parts[longest : longest + 1] = [a, b]
    return [
        msgspec.structs.replace(item, left=left, right=right)
        for left, right in zip(sides[0], sides[1], strict=True)
    ]


def _ground(fr: _Frame, brand: Brand) -> list[Mark]:
    """The slide's background, and a primary band down the left edge (the brand)."""
    c = brand.colors
    return [Fill(fr.page, c.background), Fill(Rect(0, 0, mm(3), fr.page.y1), c.primary)]


def _footer_line(layout: DeckLayout, brand: Brand, safe: Rect, right: str) -> list[Mark]:
    size = layout.deck.footer_pt
    f = face("footer")
    st = style(f, size, 1.2, ["Ẩg"])
    y = safe.y0 + st.descent
    who = brand.authority[0] if brand.authority else brand.name
    ink = on(brand.colors.background, GREY)
    out: list[Mark] = []
    rw = f.width(right) * size
    if who and f.width(who) * size < safe.w - rw - mm(10):
        out.append(TextLine(safe.x0, y, who, f.name, size, ink))
    out.append(TextLine(safe.x1 - rw, y, right, f.name, size, ink))
    return out


def _title_slide(
    content: Content,
    layout: DeckLayout,
    brand: Brand,
    fr: _Frame,
    subtitle: str | None,
    options_subtitle: bool,
) -> Page:
    safe = fr.safe
    c = brand.colors
    # the date and place (--subtitle) or the brand's footer line, at most two lines,
    # stepping down from 1.2 to 0.8 times the footer size if it is long
    sub: Block | None = None
    if subtitle:
        base = layout.deck.footer_pt

        def fitted(size: float) -> Block | None:
            st = style(face("caption"), size, 1.2, [subtitle])
            block = balanced(subtitle, st, safe.w * 0.8, keep=())
            return block if len(block.lines) <= 2 else None

        size = largest(base * 0.8, base * 1.2, lambda s: fitted(s) is not None)
        if size is None:
            given = options_subtitle
            raise PosterError.of(
                "fit.subtitle",
                "--subtitle" if given else (brand.source_file or "brand"),
                "subtitle" if given else "footer",
            )
        sub = fitted(size)
    sub_room = (sub.style.pitch * 2 + mm(8)) if sub else 0.0
    box = Rect(safe.x0, safe.y0 + sub_room, safe.x1, safe.y1)
    marks = title_block(content, brand, layout.title_slide, fr.page, box, layout.name,
                        layout.source_file, "title_slide.title.min")  # fmt: skip
    if sub:
        top = safe.y0 + sub.height + mm(4)
        marks.append(text_box(sub, safe.x0, top, safe.w, on(c.primary, WHITE), "center"))
    notes = "\n".join([*brand.authority, content.title, subtitle or ""]).strip()
    return _page(fr, marks, "title", "Trang bìa", "Bìa", notes)


def _page(
    fr: _Frame,
    marks: list[Mark],
    kind: PageKind,
    outline: str,
    label: str,
    notes: str,
    item: int | None = None,
) -> Page:
    return Page(fr.page.w, fr.page.h, tuple(marks), kind, outline=outline, label=label,
                item=item, notes=notes)  # fmt: skip


def _overview_slides(content: Content, layout: DeckLayout, brand: Brand, fr: _Frame) -> list[Page]:
    """The headings on one slide, or on two (half each) if one would need a size
    under the layout's `deck.overview.min`."""
    items = list(content.items)
    one = _overview_slide(content, layout, brand, fr, items, "")
    if one is not None:
        return [one]
    half = (len(items) + 1) // 2
    pages = [
        _overview_slide(content, layout, brand, fr, items[:half], " (1/2)"),
        _overview_slide(content, layout, brand, fr, items[half:], " (2/2)"),
    ]
    if pages[0] is None or pages[1] is None:
        raise PosterError.of(
            "fit.overview", layout.source_file, "deck.overview.min", count=len(items),
            layout=layout.name, size=layout.deck.overview.min,
        )  # fmt: skip
    return [pages[0], pages[1]]


def _overview_slide(
    content: Content,
    layout: DeckLayout,
    brand: Brand,
    fr: _Frame,
    items: list[Item],
    part: str,
) -> Page | None:
    deck = layout.deck
    c = brand.colors
    safe = fr.safe
    ink = on(c.background, c.text)
    marks = _ground(fr, brand)
    t_st = style(face("heading"), layout.fonts.heading.min, 1.15, [content.title])
    title = balanced(content.title, t_st, safe.w, keep=phrases(content))
    marks.append(text_box(title, safe.x0, safe.y1, safe.w, on(c.background, c.primary)))
    top = safe.y1 - title.height - mm(5)
    gutter = mm(deck.gutter_mm) * 0.6
    cols = deck.overview_columns if not part else min(deck.overview_columns, 2)
    col_w = (safe.w - gutter * (cols - 1)) / cols
    avail = top - safe.y0

    nf = face("number")
    widest = max(nf.width(str(i.n)) for i in items)

    def entries(s: float) -> tuple[list[Block], list[float], list[int], float, float] | None:
        # a numbered list: the number in the brand colour, the heading hanging beside it
        st = style(face("body"), s, 1.15, [i.heading for i in content.items])
        indent = widest * s + 0.45 * s
        blocks = [wrap(i.heading, st, col_w - indent, keep=phrases(content)) for i in items]
        heights = [b.height for b in blocks]
        gap = 0.45 * s
        starts = [*balance(heights, cols, gap), len(blocks)]
        tallest = max(sum(heights[i:j]) + gap * (j - i - 1) for i, j in pairwise(starts))
        return (blocks, heights, starts, gap, indent) if tallest <= avail else None

    s = largest(deck.overview.min, deck.overview.max, lambda s: entries(s) is not None)
    if s is None:
        return None
    got = entries(s)
    assert got is not None
    blocks, heights, starts, gap, indent = got
    blocks = [refine(b, col_w - indent, heading=True) for b in blocks]
    number_ink = on(c.background, c.primary)
    for col, (i, j) in enumerate(pairwise(starts)):
        x = safe.x0 + col * (col_w + gutter)
        for k, (_, y1) in zip(range(i, j), stack(heights[i:j], top, gap), strict=True):
            item, block = items[k], blocks[k]
            label = str(item.n)
            w = nf.width(label) * s
            baseline = y1 - block.style.ascent
            marks.append(TextLine(x + widest * s - w, baseline, label, nf.name, s, number_ink))
            marks.append(text_box(block, x + indent, y1, col_w - indent, ink))
    notes = "\n".join(f"{i.n}. {i.heading}" for i in items)
    return _page(fr, marks, "overview", f"Tổng quan{part}", f"Tổng quan{part}", notes)


def _closing_slide(
    content: Content, layout: DeckLayout, brand: Brand, fr: _Frame, heading: float, body: float
) -> Page:
    c = brand.colors
    safe = fr.safe
    marks = _ground(fr, brand)
    n = len(qr_matrix(brand.qr.url))
    qs = min(mm(layout.qr.size_mm), safe.h - 2 * QUIET_ZONE * mm(layout.qr.size_mm) / n)
    module = qs / n
    quiet = QUIET_ZONE * module
    sx1 = safe.x1 - quiet
    cy = (safe.y0 + safe.y1) / 2
    symbol = Rect(sx1 - qs, cy - qs / 2, sx1, cy + qs / 2)
    marks += qr_marks(brand.qr.url, symbol)
    text_w = symbol.x0 - quiet - mm(12) - safe.x0
    ink = on(c.background, c.text)
    src_size = layout.deck.footer_pt
    source = (
        refine(
            wrap(content.source, style(face("footer"), src_size, 1.3, [content.source]), text_w),
            text_w,
        )
        if content.source
        else None
    )

    def fitted(scale: float) -> tuple[list[tuple[Block, Color]], float]:
        """The caption, the address and the source, the first two at `scale` of their size."""
        cap_st = style(face("heading"), heading * scale, 1.15, [brand.qr.caption])
        cap = refine(balanced(brand.qr.caption, cap_st, text_w, keep=()), text_w, heading=True)
        url_st = style(face("body"), body * scale, 1.2, [brand.qr.url])
        url = wrap(brand.qr.url, url_st, text_w)
        blocks: list[tuple[Block, Color]] = [(cap, ink), (url, on(c.background, c.primary))]
        if source is not None:
            blocks.append((source, on(c.background, GREY)))
        return blocks, sum(b.height for b, _ in blocks) + mm(6) * (len(blocks) - 1)

    # a long caption or address steps down, never under the 14 pt a hall can read
    floor = max(14 / body, 14 / heading, 0.0)
    for scale in (1.0, 0.85, 0.7, floor):
        if scale < floor:
            continue
        blocks, total = fitted(scale)
        if total <= safe.h:
            break
    else:
        url_long = blocks[1][0].height > blocks[0][0].height
        raise PosterError.of(
            "fit.closing-url" if url_long else "fit.closing-caption",
            brand.source_file or "brand",
            "qr.url" if url_long else "qr.caption",
            layout=layout.name,
        )
    y = cy + total / 2
    for block, color in blocks:
        marks.append(text_box(block, safe.x0, y, text_w, color))
        y -= block.height + mm(6)
    notes = "\n".join([brand.qr.caption, brand.qr.url, content.source or ""]).strip()
    return _page(fr, marks, "closing", "Kết thúc", "Kết", notes)


def plan_deck(content: Content, layout: DeckLayout, brand: Brand, options: Options) -> Document:
    check_content_glyphs(content)
    file = brand.source_file or "brand"
    check_glyphs(brand.qr.caption, "caption", file, "qr.caption")
    subtitle = options.subtitle
    if subtitle:
        check_glyphs(subtitle, "caption", "--subtitle", "subtitle")
    fr = _frame(layout)
    design = slide_design(layout, content)
    pages = [
        _title_slide(content, layout, brand, fr, subtitle or brand.footer, bool(subtitle)),
        *_overview_slides(content, layout, brand, fr),
    ]
    total = len(content.items)
    sizes: list[tuple[float, float]] = []
    for index, item in enumerate(content.items, start=1):
        tiles = item_slides(content, layout, design, fr, item)
        for part, tile in enumerate(tiles):
            sizes.append((tile.styles.body.size, tile.styles.heading.size))
            marks = _ground(fr, brand)
            # the tile at its own height, centred in the room above the footer line
            h = tile.height
            cy = (fr.tile.y0 + fr.tile.y1) / 2
            rect = Rect(fr.tile.x0, cy - h / 2, fr.tile.x1, cy + h / 2)
            marks += tile_marks(tile, arrange(tile, rect), brand, brand.colors.background)
            more = " (tiếp)" if part else ""
            marks += _footer_line(layout, brand, fr.safe, f"{index}/{total}{more}")
            title = f"{item.n}. {item.heading}{more}"
            notes = item_notes(content, item) if not part else f"{item.n}{more}"
            pages.append(_page(fr, marks, "item", title, f"{item.n}{more}", notes, item.n))
    body = min(b for b, _ in sizes)
    heading = min(h for _, h in sizes)
    pages.append(_closing_slide(content, layout, brand, fr, heading, body))
    return Document(
        kind="deck",
        pages=tuple(pages),
        title=content.title,
        author=brand.name,
        subject=f"{content.title} — {brand.name}",
        layout=layout.name,
        body_size=body,
        heading_size=heading,
    )
