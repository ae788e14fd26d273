"""Social cards: a carousel for Facebook and Zalo, a cover, one card per item, a closing card.

A card layout is sized in pixels and planned at one pixel per point (`units.px`), so
the PNGs rasterised at 72 dpi have exactly its pixels. The item cards are the tile of
the posters and slides (`plan.tile`) as big as the card, in one type scale for the
whole set: the largest body and heading at which every item fits ONE card (a card is
seen alone in a feed: no continuation). An item that cannot fit is named. No text
comes nearer the edges than the layout's safe margin (apps crop them). Each page's
`notes` is its caption: the post's text and the image's alternative text.
"""

from __future__ import annotations

import logging
import math
import re
from pathlib import Path

import msgspec

from poster.colors import FILL_TINT, WHITE, Color, on, parse_color, readable_on
from poster.document import Document, Fill, Mark, Page, PageKind, Picture, Polygon, TextLine
from poster.errors import PosterError, problem
from poster.fonts import check_glyphs, face
from poster.geometry import Rect
from poster.plan.footer import qr_marks
from poster.plan.header import cut, image_size
from poster.plan.options import Options
from poster.plan.text import check_content_glyphs, text_box
from poster.plan.tile import (
    LABEL_TRACKING,
    Design,
    Measured,
    Styles,
    Unfit,
    arrange,
    labels,
    make_styles,
    measure,
    side_fill,
    tile_marks,
)
from poster.qr import QUIET_ZONE, qr_matrix
from poster.spec import Brand, CardLayout, Content, Item
from poster.textfit import Block, Style, TooWide, balanced, refine, style, wrap
from poster.units import px

log = logging.getLogger("poster")

GREY = parse_color("#5F6368")
STRIP = 14.0  # px: the primary strip along the top edge of the item and closing cards
SCAN = "QUÉT MÃ ĐỂ XEM"  # above the QR code's caption on the closing card


class _Frame(msgspec.Struct, frozen=True):
    page: Rect
    safe: Rect  # no text outside it
    room: Rect  # an item card's tile: the safe area above the footer line
    footer: Style


def _frame(layout: CardLayout) -> _Frame:
    page = Rect(0, 0, px(layout.page.width_px), px(layout.page.height_px))
    safe = page.inset(px(layout.safe_margin_px))
    fst = style(face("footer"), px(layout.cards.footer.max), 1.2, ["Ẩg", "5/17"])
    footer_h = fst.ascent + fst.descent + px(layout.cards.gap_px)
    return _Frame(page, safe, Rect(safe.x0, safe.y0 + footer_h, safe.x1, safe.y1), fst)


def card_design(layout: CardLayout) -> Design:
    c = layout.cards
    return Design(
        sides=c.sides,
        pad=0.0,
        gap=px(c.gap_px),
        between=px(c.between_px),
        radius=0.0,
        side_radius=px(c.radius_px),
        number=c.badge,
        label="above",
        frame=False,
        side_pad=px(c.padding_px),
        edge=px(c.edge_px),
        heading_lines=c.heading_lines,
        balance_heading=True,
        chevron_mid=c.sides == "side-by-side",
        tint=FILL_TINT,  # the two sides told apart at a glance, as on posters
        tracking=LABEL_TRACKING,
        icon_color="right",
    )


def card_styles(content: Content, layout: CardLayout, body: float, heading: float) -> Styles:
    """The tile's roles; a side's label at the body size (never under the body's minimum)."""
    return make_styles(
        content,
        body,
        heading,
        body_leading=layout.fonts.body.leading,
        heading_leading=layout.fonts.heading.leading,
        label_size=body,
        number_size=heading * 0.95,
    )


# ---------------------------------------------------------------- the type scale


def _headings(layout: CardLayout, body: float) -> list[float]:
    """The heading sizes for a body, in whole pixels: the one at `ratio_min` times the
    body first, then each smaller one down to the heading's minimum."""
    h = layout.fonts.heading
    first = min(max(round(body * h.ratio_min), h.min), h.max)
    return [float(s) for s in range(int(first), math.ceil(h.min) - 1, -1)] or [h.min]


def _scale(
    content: Content, layout: CardLayout, design: Design, room: Rect
) -> tuple[float, float, list[Measured]]:
    """The set's body and heading size, whole pixels, and each item's tile: the largest
    at which every item fits one card, with no word broken between letters if any size
    allows. Else the item that fits at no size is named."""
    body = layout.fonts.body
    # the longest items first: a size that fails, fails sooner
    order = sorted(
        range(len(content.items)),
        key=lambda i: -sum(len(t) for t in (content.items[i].left, content.items[i].right)),
    )

    def attempt(b: float, h: float, strict: bool, final: bool = False) -> list[Measured] | Item:
        """Every item's tile, or the first item that does not fit."""
        st = card_styles(content, layout, b, h)
        got: dict[int, Measured] = {}
        for i in order:
            item = content.items[i]
            try:
                tile = measure(item, content, design, st, room.w, final=final)
            except Unfit:
                return item
            if (strict and tile.hyphens) or tile.height > room.h + 1e-6:
                return item
            got[i] = tile
        return [got[i] for i in range(len(content.items))]

    bodies = [float(s) for s in range(int(body.max), math.ceil(body.min) - 1, -1)]
    if not bodies or bodies[-1] > body.min:
        bodies.append(body.min)
    worst: list[Item] = [content.items[order[0]]]  # the last item found not to fit

    def heading_for(b: float, strict: bool) -> float | None:
        """The largest heading at which every item fits with body `b`, or None."""
        for h in _headings(layout, b):
            got = attempt(b, h, strict)
            if not isinstance(got, Item):
                return h
            worst[0] = got
        return None

    for strict in (True, False):
        # the largest body that fits with some heading: bisection over the bodies
        found: tuple[float, float] | None = None
        lo, hi = 0, len(bodies)  # the answer's index is in [lo, hi]; hi: none fits
        while lo < hi:
            mid = (lo + hi) // 2
            h = heading_for(bodies[mid], strict)
            if h is not None:
                found, hi = (bodies[mid], h), mid
            else:
                lo = mid + 1
        if found is not None:
            tiles = attempt(*found, strict, final=True)
            if not isinstance(tiles, Item):
                return found[0], found[1], tiles
    worst_item = worst[0]
    n = next(i for i, item in enumerate(content.items) if item is worst_item)
    raise PosterError.of(
        "fit.card", content.source_file or "content", f"items.{n}", n=worst_item.n,
        heading=cut(worst_item.heading), layout=layout.name, size=body.min,
    )  # fmt: skip


# ---------------------------------------------------------------- item cards


def _ground(fr: _Frame, brand: Brand) -> list[Mark]:
    """The card's background and the primary strip along its top edge (the brand)."""
    c = brand.colors
    return [Fill(fr.page, c.background), Fill(Rect(0, fr.page.y1 - px(STRIP), fr.page.x1,
                                                   fr.page.y1), c.primary)]  # fmt: skip


def _locality(brand: Brand) -> list[str]:
    return list(brand.authority) or ([brand.name] if brand.name else [])


def _footer(layout: CardLayout, brand: Brand, fr: _Frame, right: str) -> list[Mark]:
    """The locality at the left, the card's place in the set ("5/17") at the right; the
    locality dropped to its name, or left out, if it is too long for the line."""
    st = fr.footer
    f, size = st.face, st.size
    y = fr.safe.y0 + st.descent
    ink = on(brand.colors.background, GREY)
    rw = f.width(right) * size
    out: list[Mark] = [TextLine(fr.safe.x1 - rw, y, right, f.name, size, ink)]
    room = fr.safe.w - rw - px(layout.cards.gap_px)
    for who in (brand.authority[0] if brand.authority else "", brand.name):
        if who and f.width(who) * size <= room:
            out.append(TextLine(fr.safe.x0, y, who, f.name, size, ink))
            break
    return out


def _item_card(
    tile: Measured, layout: CardLayout, brand: Brand, fr: _Frame, index: int, total: int
) -> list[Mark]:
    """The tile in the card's room, its side boxes grown by at most a line each, at the
    room's optical centre (two fifths of the spare height above it, three below)."""
    room = fr.room
    height = min(room.h, tile.height + tile.grow)
    top = room.y1 - (room.h - height) * 0.4
    boxes = arrange(tile, Rect(room.x0, top - height, room.x1, top))
    marks = _ground(fr, brand)
    marks += tile_marks(tile, boxes, brand, brand.colors.background)
    marks += _footer(layout, brand, fr, f"{index}/{total}")
    return marks


# ---------------------------------------------------------------- cover


NBSP = "\u00a0"


def _display(text: str, st: Style, width: float, content: Content, whole: bool = True) -> Block:
    """Display text (a title, a caption) in balanced lines, the sides' names in it kept
    on one line ("CÔNG NGHỆ THÔNG TIN", "chuyển đổi số") if `whole` and they fit."""
    glued = text
    if whole:
        for name in (content.labels.left, content.labels.right):
            glued = re.sub(re.escape(name), lambda m: m[0].replace(" ", NBSP), glued,
                           flags=re.IGNORECASE)  # fmt: skip
    try:
        block = refine(balanced(glued, st, width), width, heading=True)
    except TooWide:
        block = refine(balanced(text, st, width), width, heading=True)
    if glued == text:
        return block
    lines = tuple(line.replace(NBSP, " ") for line in block.lines)
    return msgspec.structs.replace(block, lines=lines)


def _cover(
    content: Content,
    layout: CardLayout,
    brand: Brand,
    fr: _Frame,
    subtitle: str | None,
    options_subtitle: str | None,
) -> list[Mark]:
    """On the primary colour, one block centred in the card: the logo, the locality, a
    rule, the title, the line under it (the date and place, or the brand's footer
    line) and the key: the two sides' boxes as every item card shows them."""
    spec = layout.cover
    safe = fr.safe
    c = brand.colors
    ink = on(c.primary, WHITE)
    file = brand.source_file or "brand"
    width = safe.w
    gap = px(layout.cards.gap_px)
    key_h = _key(content, layout, brand, safe, 0.0)[1]

    locality = _locality(brand)
    a_face = face("authority")
    a_blocks: list[Block] = []
    if locality:
        widest = max(a_face.width(t) for t in locality)
        a_size = min(px(spec.authority.max), width / widest)
        if a_size < px(spec.authority.min):  # too long for one line: each line wrapped
            a_size = px(spec.authority.min)
        a_st = style(a_face, a_size, 1.2, locality)
        for i, line in enumerate(locality):
            wrapped = refine(balanced(line, a_st, width), width, heading=True)
            if len(wrapped.lines) > 2:
                raise PosterError.of("fit.card-authority", file, f"authority.{i}",
                                     authority_line=cut(line), layout=layout.name,
                                     size=spec.authority.min)  # fmt: skip
            a_blocks.append(wrapped)
    sub: Block | None = None
    if subtitle:
        s_st = style(face("caption"), px(layout.fonts.body.min), 1.2, [subtitle])
        sub = refine(balanced(subtitle, s_st, width), width, heading=True)
        if len(sub.lines) > 2:
            given = bool(options_subtitle)
            raise PosterError.of(
                "fit.subtitle", "--subtitle" if given else file, "subtitle" if given else "footer"
            )
    c_block: Block | None = None
    if content.subtitle:
        c_st = style(face("authority"), px(layout.fonts.body.min), 1.2, [content.subtitle])
        c_block = refine(balanced(content.subtitle, c_st, width), width, heading=True)
    logo = px(spec.logo_px) if brand.logo else 0.0
    rule = px(6)
    avail = safe.h

    def parts(t_size: float, whole: bool) -> list[tuple[str, float, Block | None]] | None:
        t_st = style(face("title"), t_size, 1.1, [content.title])
        title = _display(content.title, t_st, width, content, whole)
        if len(title.lines) > spec.title_max_lines or title.hyphens:
            return None
        out: list[tuple[str, float, Block | None]] = []
        if logo:
            out.append(("logo", logo, None))
        if a_blocks:  # the letterhead's lines as one block, each centred
            lines = tuple(line for b in a_blocks for line in b.lines)
            block = Block(lines, a_blocks[0].style)
            out.append(("locality", block.height, block))
            out.append(("rule", rule, None))
        out.append(("title", title.height, title))
        if c_block is not None:
            out.append(("content", c_block.height, c_block))
        if sub is not None:
            out.append(("subtitle", sub.height, sub))
        out.append(("key", key_h + gap, None))  # twice the gap above it
        return out if _height(out, gap) <= avail else None

    got = None
    sizes = range(int(spec.title.max), math.ceil(spec.title.min) - 1, -2)
    for whole in (True, False):  # the sides' names in the title kept on one line if possible
        got = next((p for s in sizes if (p := parts(px(s), whole)) is not None), None)
        if got is not None:
            break
    if got is None:
        raise PosterError.of("fit.card-title", layout.source_file, "cover.title.min",
                             layout=layout.name, size=spec.title.min)  # fmt: skip

    marks: list[Mark] = [Fill(fr.page, c.primary)]
    total = _height(got, gap)
    y = (safe.y0 + safe.y1 + total) / 2
    cx = (safe.x0 + safe.x1) / 2
    for name, h, block in got:
        if name == "logo" and brand.logo:
            w_px, h_px = image_size(brand.logo)
            if max(w_px, h_px) < round(h):  # a screen shows it pixel for pixel, not at 150 dpi
                warning = problem(
                    "logo.small-on-card", file, "logo", name=Path(brand.logo).name,
                    width=w_px, height=h_px, size=round(h), layout=layout.name,
                )  # fmt: skip
                log.warning("%s", warning, extra={"problem": warning})
            marks.append(
                Picture(Path(brand.logo), Rect(cx - h / 2, y - h, cx + h / 2, y), c.primary)
            )
        elif name == "key":
            marks += _key(content, layout, brand, safe, y - h)[0]
        elif name == "rule":
            marks.append(Fill(Rect(cx - px(60), y - h, cx + px(60), y), ink, h / 2))
        elif block is not None:
            marks.append(text_box(block, safe.x0, y, width, ink, "center"))
        y -= h + gap
    return marks


def _height(parts: list[tuple[str, float, Block | None]], gap: float) -> float:
    return sum(h for _, h, _ in parts) + gap * (len(parts) - 1)


def _key(
    content: Content, layout: CardLayout, brand: Brand, safe: Rect, y0: float
) -> tuple[list[Mark], float]:
    """The key on the cover, its foot at `y0`: each side's name in its box (the tint, the
    solid edge, the name in the side's colour), as the item cards draw them, side by
    side with a chevron between, or one above the other if a name needs it."""
    c = brand.colors
    size = px(layout.fonts.body.min)
    st = style(face("label"), size, 1.15, labels(content))
    pad = px(layout.cards.padding_px)
    edge = px(layout.cards.edge_px)
    between = px(layout.cards.between_px) * 2
    w_side = (safe.w - between) / 2
    inner = w_side - 2 * pad - edge
    names = labels(content)
    side_by_side = all(st.face.width(n) * size <= inner for n in names)
    if not side_by_side:
        inner = safe.w - 2 * pad - edge
    blocks = [refine(balanced(n, st, inner), inner, heading=True) for n in names]
    box_h = max(b.height for b in blocks) + 2 * pad
    marks: list[Mark] = []
    rects: list[Rect] = []
    if side_by_side:
        rects = [Rect(safe.x0, y0, safe.x0 + w_side, y0 + box_h),
                 Rect(safe.x1 - w_side, y0, safe.x1, y0 + box_h)]  # fmt: skip
        total = box_h
    else:
        gap = px(layout.cards.between_px)
        hl, hr = (b.height + 2 * pad for b in blocks)
        rects = [Rect(safe.x0, y0 + hr + gap, safe.x1, y0 + hr + gap + hl),
                 Rect(safe.x0, y0, safe.x1, y0 + hr)]  # fmt: skip
        total = hl + hr + gap
    radius = px(layout.cards.radius_px)
    design = card_design(layout)
    fills = (side_fill(design, c, "left"), side_fill(design, c, "right"))
    for rect, block, color, tint in zip(rects, blocks, (c.left, c.right), fills, strict=True):
        marks.append(Fill(rect, color, radius))
        marks.append(Fill(Rect(rect.x0 + edge, rect.y0, rect.x1, rect.y1), tint, radius))
        top = rect.y1 - (rect.h - block.height) / 2
        marks.append(text_box(block, rect.x0 + edge + pad, top, inner, readable_on(color, tint)))
    # the chevron: before → after, in the ground's contrasting ink
    ink = on(c.primary, WHITE)
    if side_by_side:
        cx, cy = safe.x0 + w_side + between / 2, y0 + box_h / 2
        s = between * 0.22
        chevron = ((cx - s / 2, cy + s), (cx - s / 2, cy - s), (cx + s / 2, cy))
    else:
        cx, cy = (safe.x0 + safe.x1) / 2, (rects[0].y0 + rects[1].y1) / 2
        s = px(layout.cards.between_px) * 0.35
        chevron = ((cx - s, cy + s / 2), (cx + s, cy + s / 2), (cx, cy - s / 2))
    marks.append(Polygon(chevron, ink))
    return marks, total


# ---------------------------------------------------------------- closing card


def _closing(
    content: Content, layout: CardLayout, brand: Brand, fr: _Frame, heading: float, body: float
) -> list[Mark]:
    """What scanning gives (the QR's caption), the QR code as large as the card allows
    up to the layout's size, its address, and the locality below a rule."""
    c = brand.colors
    safe = fr.safe
    width = safe.w
    gap = px(layout.cards.gap_px)
    ink = on(c.background, c.text)
    accent = on(c.background, c.primary)
    file = brand.source_file or "brand"
    cap_st = style(face("heading"), heading, 1.15, [brand.qr.caption])
    cap = _display(brand.qr.caption, cap_st, width, content)
    k_st = style(face("label"), body, 1.15, [SCAN])
    kicker = refine(balanced(SCAN, k_st, width), width, heading=True)
    url_st = style(face("body"), body, 1.2, [brand.qr.url])
    url = wrap(brand.qr.url, url_st, width)
    locality = _locality(brand)
    a_st = style(face("authority"), body, 1.2, locality or ["A"])
    loc = [refine(balanced(t, a_st, width), width, heading=True) for t in locality]
    footer: Block | None = None
    if brand.footer:
        f_st = style(face("footer"), body, 1.2, [brand.footer])
        footer = refine(balanced(brand.footer, f_st, width), width, heading=True)
    texts: list[tuple[Block, Color, float]] = [
        (kicker, on(c.background, GREY), px(8)),
        (cap, accent, gap),
    ]
    after_qr: list[tuple[Block, Color, float]] = [(url, accent, 2 * gap)]
    after_qr += [(b, ink, px(4)) for b in loc]
    if footer is not None:
        after_qr.append((footer, on(c.background, GREY), 0.0))
    text_h = sum(b.height + g for b, _, g in texts + after_qr) + gap
    n = len(qr_matrix(brand.qr.url))
    # the symbol and its quiet zone in whole pixels: crisp modules at 72 dpi
    module = math.floor(min(px(layout.qr.size_px), safe.h - text_h) / (n + 2 * QUIET_ZONE))
    if module < 4 or min(px(layout.qr.size_px), safe.h - text_h) < px(200):
        raise PosterError.of("fit.card-closing", file, "qr.caption", layout=layout.name)
    qs = module * n
    quiet = QUIET_ZONE * module
    total = text_h + qs + 2 * quiet
    marks = _ground(fr, brand)
    y = float(round((safe.y0 + safe.y1 + total) / 2))
    for block, color, after in texts:
        marks.append(text_box(block, safe.x0, y, width, color, "center"))
        y -= block.height + after
    cx = round((safe.x0 + safe.x1) / 2 - qs / 2) + qs / 2
    y = float(math.floor(y - quiet))
    marks += qr_marks(brand.qr.url, Rect(cx - qs / 2, y - qs, cx + qs / 2, y))
    y -= qs + quiet + gap
    for i, (block, color, after) in enumerate(after_qr):
        marks.append(text_box(block, safe.x0, y, width, color, "center"))
        y -= block.height + after
        if i == 0 and len(after_qr) > 1:  # a rule between the address and the locality
            rule_y = y + after / 2
            marks.append(Fill(Rect(fr.page.w / 2 - px(60), rule_y - px(2), fr.page.w / 2 + px(60),
                                   rule_y + px(2)), accent, px(2)))  # fmt: skip
    return marks


# ---------------------------------------------------------------- captions


def _abbreviation(label: str) -> str:
    """'Công nghệ thông tin' → 'CNTT', 'Chuyển đổi số' → 'CĐS' (as Vietnamese writes
    them); a name of one or two words stays as it is."""
    words = label.split()
    return "".join(w[0] for w in words).upper() if len(words) >= 3 else label


def _short(text: str, limit: int = 150) -> str:
    """The side's first sentences, as many as fit under `limit` characters; a first
    sentence longer than that cut after a word, with "…"."""
    sentences = re.split(r"(?<=[.;!?])\s", text)
    out = sentences[0]
    if len(out) > limit:
        return out[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    for more in sentences[1:]:
        if len(out) + 1 + len(more) > limit:
            break
        out = f"{out} {more}"
    return out


def item_caption(content: Content, item: Item) -> str:
    """'5. Chuyển từ … — CNTT: first sentence … / CĐS: first sentence …'"""
    left, right = (_abbreviation(t) for t in (content.labels.left, content.labels.right))
    return f"{item.n}. {item.heading} — {left}: {_short(item.left)} / {right}: {_short(item.right)}"


def _cover_caption(content: Content, brand: Brand, subtitle: str | None) -> str:
    where = ", ".join(_locality(brand))
    lines = [f"{content.title} — {where}" if where else content.title]
    if subtitle:
        lines.append(subtitle)
    return "\n".join(lines)


def _closing_caption(content: Content, brand: Brand) -> str:
    where = ", ".join(_locality(brand))
    out = f"Quét mã QR hoặc mở {brand.qr.url} để xem: {brand.qr.caption}."
    if where:
        out += f"\n{where}"
    if content.source:
        out += f"\nNguồn: {content.source}"
    return out


# ---------------------------------------------------------------- the set


def plan_cards(content: Content, layout: CardLayout, brand: Brand, options: Options) -> Document:
    check_content_glyphs(content)
    file = brand.source_file or "brand"
    check_glyphs(brand.qr.caption, "caption", file, "qr.caption")
    for i, line in enumerate(brand.authority):
        check_glyphs(line, "authority", file, f"authority.{i}")
    subtitle = options.subtitle or brand.footer
    if options.subtitle:
        check_glyphs(options.subtitle, "caption", "--subtitle", "subtitle")
    elif brand.footer:
        check_glyphs(brand.footer, "caption", file, "footer")
    fr = _frame(layout)
    body, heading, tiles = _scale(content, layout, card_design(layout), fr.room)
    total = len(content.items)

    def page(marks: list[Mark], kind: PageKind, outline: str, label: str, notes: str,
             item: int | None = None) -> Page:  # fmt: skip
        return Page(fr.page.w, fr.page.h, tuple(marks), kind, outline=outline, label=label,
                    item=item, notes=notes)  # fmt: skip

    cover = _cover(content, layout, brand, fr, subtitle, options.subtitle)
    pages = [page(cover, "title", "Bìa", "Bìa", _cover_caption(content, brand, options.subtitle))]
    for index, (item, tile) in enumerate(zip(content.items, tiles, strict=True), start=1):
        marks = _item_card(tile, layout, brand, fr, index, total)
        pages.append(page(marks, "item", f"{item.n}. {item.heading}", str(item.n),
                          item_caption(content, item), item.n))  # fmt: skip
    pages.append(page(_closing(content, layout, brand, fr, heading, body), "closing", "Kết thúc",
                      "Kết", _closing_caption(content, brand)))  # fmt: skip
    return Document(
        kind="cards",
        pages=tuple(pages),
        title=content.title,
        author=brand.name,
        subject=f"{content.title} — {brand.name}",
        layout=layout.name,
        body_size=body,
        heading_size=heading,
    )
