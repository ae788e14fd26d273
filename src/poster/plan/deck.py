"""Decks: a title slide, an overview, one or two slides per item, a closing slide.

The same specs, fonts, text fitting and tile as the posters; an item slide is a tile
as wide as the slide. One type scale for the whole deck: every item slide has the
same body size and the same heading size, the largest at which every item fits on at
most two slides (`_scale`). A continuation says so in its heading ("… (tiếp)").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import msgspec

from poster import fallback
from poster.colors import WHITE, Color, on, parse_color
from poster.contrast import warn_logo
from poster.document import (
    Align,
    Document,
    Fill,
    Mark,
    Page,
    PageKind,
    Picture,
    Role,
    Run,
    TextBox,
    TextLine,
)
from poster.errors import PosterError
from poster.fonts import PREFIX, check_glyphs, face
from poster.geometry import Rect, balance, stack
from poster.plan.footer import qr_marks
from poster.plan.header import cut, image_size
from poster.plan.options import Options
from poster.plan.text import check_content_glyphs, editable, text_box, with_breaks
from poster.plan.tile import (
    Design,
    Measured,
    Styles,
    TileBoxes,
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
from poster.textfit import Block, Style, balanced, largest, phrased, refine, style, wrap
from poster.units import mm
from poster.words import NBSP, phrases

GREY = parse_color("#5F6368")
CONTINUED = " (tiếp)"  # a continuation slide's heading ends so
THANKS = "Trân trọng cảm ơn!"  # the closing slide's title
# The width of a figure in the bold fonts an office PC sets the PPTX in when it has no
# Be Vietnam Pro, in em: DejaVu Sans Bold (LibreOffice's usual substitute) 0.696, Arial
# and Liberation Sans Bold 0.556. The item numbers' column is as wide as the widest
# of these needs, so a substitute's wider "11" never reaches the heading.
FALLBACK_FIGURE_EM = 0.696


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


def deck_design(layout: DeckLayout, content: Content) -> Design:
    """The tile of an item slide, its numbers' column wide enough for a substitute font."""
    d = layout.deck
    design = slide_design(layout, content)
    digits = max(len(str(i.n)) for i in content.items)
    wide = digits * FALLBACK_FIGURE_EM * d.number_size
    return msgspec.structs.replace(
        design,
        number_width=max(design.number_width, wide),
        sides=d.sides,
        label=d.label,
        heading_lines=d.heading_lines,
        chevron_mid=d.sides == "side-by-side",
    )


def slide_styles(content: Content, layout: DeckLayout, body: float, heading: float) -> Styles:
    fonts = layout.fonts
    st = make_styles(
        content,
        body,
        heading,
        body_leading=fonts.body.leading,
        heading_leading=fonts.heading.leading,
        label_size=body,
        number_size=layout.deck.number_size,
    )
    # every heading as a slide shows it, a continuation's too: its leading clears them all
    shown = [t for i in content.items for t in (i.heading, i.heading + CONTINUED)]
    return msgspec.structs.replace(
        st, heading=style(face("heading"), heading, fonts.heading.leading, shown)
    )


def _continued(item: Item) -> Item:
    return msgspec.structs.replace(item, heading=item.heading + CONTINUED)


# The sizes in PowerPoint's font size list: a deck's sizes are taken from it, so a
# presenter who edits the PPTX sees whole, familiar sizes (24, 28, 32) in the font box.
POWERPOINT_SIZES = (8, 9, 10, 10.5, 11, 12, 14, 16, 18, 20, 24, 28, 32, 36, 40, 44, 48, 54,
                    60, 66, 72, 80, 88, 96)  # fmt: skip


def _listed(lo: float, hi: float) -> list[float]:
    """The sizes of PowerPoint's list from `hi` down to `lo`, and `lo` itself if it is
    not listed (above the list: `lo` alone)."""
    out = [float(s) for s in reversed(POWERPOINT_SIZES) if lo <= s <= hi]
    return out if out and out[-1] == lo else [*out, lo]


def scales(layout: DeckLayout) -> list[tuple[float, float]]:
    """The (body, heading) pairs a deck may take, largest body first: the sizes of
    PowerPoint's list from the layout's body maximum down to its minimum (and the
    minimum itself); for each body its heading at the size of the list nearest to
    `ratio_min` times it, then, for a heading too long for its lines, the smaller
    sizes of the list down to the body size (all within the heading's range)."""
    body, heading = layout.fonts.body, layout.fonts.heading
    bodies = [float(b) for b in reversed(POWERPOINT_SIZES) if body.min <= b <= body.max]
    if not bodies or bodies[-1] > body.min:
        bodies.append(body.min)
    out: list[tuple[float, float]] = []
    for b in bodies:
        wanted = min(max(b * heading.ratio_min, heading.min), heading.max)
        listed = [float(h) for h in POWERPOINT_SIZES if heading.min <= h <= heading.max]
        first = min(listed, key=lambda h: (abs(h - wanted), -h)) if listed else wanted
        smaller = [h for h in reversed(listed) if h < first and h >= max(b, heading.min)]
        for h in (first, *smaller, max(b, heading.min)):
            if (b, h) not in out and h <= heading.max:
                out.append((b, h))
    return out


# ---------------------------------------------------------------- the type scale


class _Job(msgspec.Struct, frozen=True):
    """What fitting an item's slides needs: the tile, its styles and the room."""

    content: Content
    design: Design
    styles: Styles
    width: float
    room: float
    strict: bool  # no word broken between letters


def _tile(job: _Job, item: Item, final: bool = False) -> Measured | None:
    try:
        tile = measure(item, job.content, job.design, job.styles, job.width, final=final)
    except Unfit:
        return None
    return None if job.strict and tile.hyphens else tile


def _final(job: _Job, item: Item) -> Measured | None:
    """The item's tile as drawn: its sides broken between words only if the slide has
    the room (a two-syllable word split over two lines reads badly from the hall),
    else between syllables where that keeps the rag good (textfit.SPLIT)."""
    words = msgspec.structs.replace(
        job, design=msgspec.structs.replace(job.design, whole_body=True)
    )
    tile = _tile(words, item, final=True)
    if tile is not None and _fits(job, tile):
        return tile
    return _tile(job, item, final=True)


def _fits(job: _Job, tile: Measured) -> bool:
    return tile.height <= job.room + 1e-6


def _scale(
    content: Content, layout: DeckLayout, design: Design, fr: _Frame
) -> tuple[float, float, list[list[Measured]]]:
    """The deck's body and heading size and each item's tiles (one per slide): the
    largest sizes at which every item fits on at most two slides, with no word broken
    between letters if any size allows. If none does, the smallest sizes with an item
    on up to four slides; failing that, the item is named."""
    sizes = scales(layout)
    # the longest items first: a size that fails, fails sooner
    order = sorted(
        range(len(content.items)),
        key=lambda i: -sum(len(t) for t in (content.items[i].left, content.items[i].right)),
    )

    def attempt(body: float, heading: float, strict: bool, most: int) -> list[list[Measured]]:
        st = slide_styles(content, layout, body, heading)
        job = _Job(content, design, st, fr.tile.w, fr.tile.h, strict)
        got: dict[int, list[Measured]] = {}
        for i in order:
            tiles = _item_tiles(job, content.items[i], most)
            if tiles is None:
                raise Unfit(content.items[i], "")
            got[i] = tiles
        return [got[i] for i in range(len(content.items))]

    for strict in (True, False):
        for body, heading in sizes:
            try:
                return body, heading, attempt(body, heading, strict, 2)
            except Unfit:
                continue
    body, heading = sizes[-1]
    try:
        return body, heading, attempt(body, heading, False, 4)
    except Unfit as e:
        raise PosterError.of(
            "fit.slides", layout.source_file, "fonts.body.min", n=e.item.n,
            layout=layout.name, size=layout.fonts.body.min,
        ) from None  # fmt: skip


def _item_tiles(job: _Job, item: Item, most: int) -> list[Measured] | None:
    """The item's tiles, one per slide: the whole item on one slide if it fits, else
    its two sides cut into 2 … `most` parts; None if it does not fit `most` slides."""
    whole = _tile(job, item)
    if whole is None:
        return None
    if _fits(job, whole):
        final = _final(job, item)
        return [final] if final is not None else None
    cont = _tile(job, _continued(item))
    if cont is None:
        return None
    for n in range(2, most + 1):
        parts = _parts(job, whole, cont, n)
        if parts is None:
            continue
        tiles: list[Measured] = []
        for k, (left, right) in enumerate(parts):
            shown = _continued(item) if k else item
            tile = _final(job, msgspec.structs.replace(shown, left=left, right=right))
            if tile is None or not _fits(job, tile):
                break
            tiles.append(tile)
        else:
            return tiles
    return None


def _parts(job: _Job, whole: Measured, cont: Measured, n: int) -> list[tuple[str, str]] | None:
    """Each side's text cut into n parts so that every slide's tile fits (the first
    under the heading, the others under the continued heading), or None. A part may
    be empty: that slide does not show the side.

    Two slides: each side on its own terms. A side that fits the first slide stays
    whole there; one that does not is cut, between sentences if any cut fits, else
    between words ("…"). Stacked sides read in order: the second side whole on the
    second slide if the first is cut (both cut only if nothing else fits), or if the
    first fills half the slide or more. Of the ways that fit, the one that cuts fewest
    sides, then fewest inside a sentence, and shows most on the first slide.
    More slides (a last resort at the smallest size): each side filled in turn, with
    its share of each slide's room."""
    stacked = whole.design.sides == "stacked"

    def sides(hl: float, hr: float) -> float:
        if stacked:
            return hl + hr + (whole.between if hl and hr else 0.0)
        return max(hl, hr)

    def room(t: Measured) -> float:
        return job.room - (t.height - sides(t.side_height("left"), t.side_height("right")))

    rooms = [room(whole), *[room(cont)] * (n - 1)]
    st = job.styles.body
    text_w = whole.side_width - 2 * whole.side_pad - whole.edge
    texts = (whole.left.text, whole.right.text)
    heights: list[Callable[[str], float]] = []
    for i, (which, block) in enumerate((("left", whole.left), ("right", whole.right))):
        chrome = whole.side_height(which) - block.height  # type: ignore[arg-type]
        indent = whole.label_room[i]

        def height(text: str, chrome: float = chrome, indent: float = indent) -> float:
            return chrome + wrap(text, st, text_w, indent).height if text else 0.0

        heights.append(height)
    if not _room_for_lines(whole, st, rooms, stacked):
        return None
    if n == 2:
        hl, hr = (h(t) for t, h in zip(texts, heights, strict=True))
        if stacked:  # the fewest sides to cut, as far as is quick to see
            need = int(hl > rooms[0] + 1e-6 or hr > rooms[1] + 1e-6)
        else:
            need = (hl > rooms[0] + 1e-6) + (hr > rooms[0] + 1e-6)
        best: tuple[tuple[int, int, int], list[tuple[str, str]]] | None = None
        for mark in ("", MORE):
            left, right = (_cuts(t, h, mark, rooms) for t, h in zip(texts, heights, strict=True))
            for la, lb, hla, hlb in left:
                for ra, rb, hra, hrb in right:
                    if not la or not (lb or rb):
                        continue  # the first side starts on the first slide; both show text
                    if not stacked and not ra:
                        continue  # side by side: both sides start on the first slide
                    if stacked and lb and ra and not rb:
                        continue  # stacked: the second side does not come before the first's end
                    first, second = sides(hla, hra), sides(hlb, hrb)
                    if first <= rooms[0] + 1e-6 and second <= rooms[1] + 1e-6:
                        # the fewest sides cut (both, stacked, only as a last resort),
                        # then the fewest cut inside a sentence, then the most on the
                        # first slide
                        cut = bool(la and lb) + bool(ra and rb)
                        worse = 2 if stacked and cut == 2 else 0
                        if stacked and not ra and hla < rooms[0] / 2:
                            worse += 1  # the second side waits while the slide is half empty
                        inside = la.endswith(MORE) + ra.endswith(MORE)
                        score = (cut + worse, inside, -len(la) - len(ra))
                        if best is None or score < best[0]:
                            best = (score, [(la, ra), (lb, rb)])
            if best is not None and best[0][:2] == (need, 0):
                break  # the word cuts cannot do better
        return best[1] if best is not None else None
    whole_h = [h(t) for t, h in zip(texts, heights, strict=True)]
    out: list[list[str]] = []
    for i in range(2):
        share = whole_h[i] / sum(whole_h) if stacked else 1.0
        budgets = [(r - (whole.between if stacked else 0.0)) * share for r in rooms]
        got = _greedy(texts[i].split(" "), heights[i], budgets)
        if got is None:
            return None
        out.append(got)
    return list(zip(out[0], out[1], strict=True))


def _room_for_lines(whole: Measured, st: Style, rooms: list[float], stacked: bool) -> bool:
    """Whether the slides hold as many lines as the sides need: a text cut in parts
    takes at least as many lines as it does whole (a quick test before any cut)."""
    pitch, glyphs = st.pitch, st.ascent + st.descent
    chrome = [
        whole.side_height("left") - whole.left.height,
        whole.side_height("right") - whole.right.height,
    ]
    need = [len(whole.left.lines), len(whole.right.lines)]
    if stacked:
        free = [r - whole.between - sum(chrome) - 2 * glyphs for r in rooms]
        return sum(need) <= sum(math.floor(f / pitch + 1e-6) + 2 for f in free if f >= 0)
    for lines, c in zip(need, chrome, strict=True):
        free = [r - c - glyphs for r in rooms]
        if lines > sum(math.floor(f / pitch + 1e-6) + 1 for f in free if f >= 0):
            return False
    return True


_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
MORE = "…"  # marks a cut inside a sentence, at the end of one part and the start of the next


def _cuts(
    text: str, height: Callable[[str], float], mark: str, rooms: list[float]
) -> list[tuple[str, str, float, float]]:
    """The ways of showing a side over two slides, (first, second, their heights): whole
    on the first slide, whole on the second, or cut between two sentences; with
    `mark`, also between two words ("…" on both sides of a cut inside a sentence).
    Cuts whose parts cannot fit their slides are left out where that is quick to see."""
    sentences = _SENTENCE.split(text)
    units = text.split(" ") if mark else sentences

    def halves(k: int) -> tuple[str, str]:
        a, b = " ".join(units[:k]), " ".join(units[k:])
        if mark and not _ends_sentence(a):
            a, b = f"{a} {mark}", f"{mark} {b}"
        return a, b

    # the first part grows with k and the second shrinks: only the cuts between the
    # lowest k whose second part fits and the highest whose first part fits are weighed
    lo, hi = 1, len(units) - 1
    if mark and hi > lo:
        lo = _first(lo, hi, lambda k: height(halves(k)[1]) <= rooms[1] + 1e-6)
        hi = _first(lo, hi + 1, lambda k: height(halves(k)[0]) > rooms[0] + 1e-6) - 1
    h = height(text)
    out = [(text, "", h, 0.0), ("", text, 0.0, h)]
    for k in range(lo, hi + 1):
        a, b = halves(k)
        out.append((a, b, height(a), height(b)))
    return out


def _first(lo: int, hi: int, ok: Callable[[int], bool]) -> int:
    """The least k in [lo, hi) for which `ok` holds (ok is false, then true), else hi."""
    while lo < hi:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _greedy(
    words: list[str], height: Callable[[str], float], budgets: list[float]
) -> list[str] | None:
    """Parts filled in turn, each with as many words as fit, "…" on both sides of a cut
    inside a sentence."""
    parts: list[str] = []
    rest, lead = words, ""
    for k, budget in enumerate(budgets):
        take = len(rest)
        if k < len(budgets) - 1:
            take = 0
            while take < len(rest) and height(_part(lead, rest[: take + 1], MORE)) <= budget:
                take += 1
        if take == 0:
            return None
        inside = take < len(rest) and not _ends_sentence(rest[take - 1])
        part = _part(lead, rest[:take], MORE if inside else "")
        if height(part) > budget + 1e-6:
            return None
        parts.append(part)
        rest, lead = rest[take:], (MORE if inside else "")
        if not rest:
            break
    return parts if not rest and len(parts) == len(budgets) else None


def _ends_sentence(text: str) -> bool:
    return text[-1:] in ".;!?"


def _part(lead: str, words: list[str], tail: str) -> str:
    return " ".join(([lead] if lead else []) + words + ([tail] if tail else []))


# ---------------------------------------------------------------- item slides


def _even(boxes: TileBoxes) -> TileBoxes:
    """The two side boxes one height, the taller's; the chevron at its middle."""
    left, right = boxes.left.box, boxes.right.box
    y0 = min(left.y0, right.y0)
    top = max(left.y1, right.y1)
    old = top - min(left.h, right.h) / 2
    dy = (top - (top - y0) / 2) - old
    return msgspec.structs.replace(
        boxes,
        left=msgspec.structs.replace(boxes.left, box=Rect(left.x0, y0, left.x1, left.y1)),
        right=msgspec.structs.replace(boxes.right, box=Rect(right.x0, y0, right.x1, right.y1)),
        chevron=tuple((x, y + dy) for x, y in boxes.chevron),
    )


def _item_marks(tile: Measured, fr: _Frame, brand: Brand) -> list[Mark]:
    """An item slide: the tile in the room above the footer line, its heading the
    slide's title, its number in a box as wide as the numbers' column."""
    # the spare height: two fifths above the tile, three below (the optical centre)
    top = fr.tile.y1 - (fr.tile.h - tile.height) * 0.4
    boxes = arrange(tile, Rect(fr.tile.x0, top - tile.height, fr.tile.x1, top))
    if tile.design.sides == "side-by-side" and tile.left.lines and tile.right.lines:
        boxes = _even(boxes)
    st = tile.styles
    number = str(tile.item.n)
    labels = {tile.left_label.text, tile.right_label.text}
    marks: list[Mark] = []
    for m in tile_marks(tile, boxes, brand, brand.colors.background):
        last = marks[-1] if marks else None
        if (
            isinstance(m, TextBox)
            and isinstance(last, TextLine)
            and tile.label == "run-in"
            and last.text in labels
            and last.x == m.rect.x0
        ):
            # a run-in label and its text: one paragraph, the label its first run
            label = Run(last.text, last.font, last.size, last.color)
            marks[-1] = msgspec.structs.replace(m, runs=(label, *m.runs), lines=(last, *m.lines))
            continue
        if (
            isinstance(m, TextBox)
            and m.rect.x0 == boxes.heading_x
            and m.rect.y1 == boxes.heading_top
        ):
            m = with_breaks(msgspec.structs.replace(m, role="title"))
        elif isinstance(m, TextLine) and m.text == number and m.size == st.number.size:
            m = _one_line(m, boxes.badge.x0, boxes.badge.x1, st.number.descent, "right")
        marks.append(m)
    return marks


def _one_line(line: TextLine, x0: float, x1: float, descent: float, align: Align) -> TextBox:
    """A line of text as a box from x0 to x1 (its room in an editable output, where a
    substitute font may set it wider), aligned to one side of it."""
    top = line.y + face(line.font.removeprefix(PREFIX)).extent([line.text]).top * line.size
    run = Run(line.text, line.font, line.size, line.color)
    return TextBox(Rect(x0, line.y - descent, x1, top), (run,), (line,), 0.0, align)


def _ground(fr: _Frame, brand: Brand) -> list[Mark]:
    """The slide's background, and a primary band down the left edge (the brand)."""
    c = brand.colors
    return [Fill(fr.page, c.background), Fill(Rect(0, 0, mm(3), fr.page.y1), c.primary)]


def _footer_line(layout: DeckLayout, brand: Brand, safe: Rect, right: str) -> list[Mark]:
    """The locality at the left, the item's place in the deck ("5/17") at the right."""
    size = layout.deck.footer_pt
    f = face("footer")
    st = style(f, size, 1.2, ["Ẩg"])
    y = safe.y0 + st.descent
    who = brand.authority[0] if brand.authority else brand.name
    ink = on(brand.colors.background, GREY)
    out: list[Mark] = []
    rw = f.width(right) * size
    x = safe.x1 - rw * 1.3  # its room, a fifth wider
    if who and f.width(who) * size < x - safe.x0 - mm(10):
        line = TextLine(safe.x0, y, who, f.name, size, ink)
        out.append(_one_line(line, safe.x0, x - mm(10), st.descent, "left"))
    out.append(_one_line(TextLine(safe.x1 - rw, y, right, f.name, size, ink), x, safe.x1,
                         st.descent, "right"))  # fmt: skip
    return out


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


def _box(
    block: Block, x: float, top: float, width: float, color: Color, role: Role = ""
) -> TextBox:
    """A centred text box."""
    return msgspec.structs.replace(text_box(block, x, top, width, color, "center"), role=role)


# ---------------------------------------------------------------- title slide


def _title_slide(
    content: Content,
    layout: DeckLayout,
    brand: Brand,
    fr: _Frame,
    subtitle: str | None,
    options_subtitle: bool,
) -> Page:
    """One block, centred on the primary colour: the logo, the locality (the authority
    lines, or the brand's name), a rule, the title, the content's subtitle and the
    deck's (the date and place, or the brand's footer line)."""
    spec = layout.title_slide
    safe = fr.safe
    c = brand.colors
    ink = on(c.primary, WHITE)
    file = brand.source_file or "brand"
    if len(brand.authority) > spec.authority_max_lines:
        raise PosterError.of("fit.authority-max", file, "authority", count=len(brand.authority),
                             layout=layout.name, most=spec.authority_max_lines)  # fmt: skip
    for i, line in enumerate(brand.authority):
        check_glyphs(line, "authority", file, f"authority.{i}")
    width = safe.w * 0.9
    x0 = safe.x0 + (safe.w - width) / 2

    # the date and place (--subtitle) or the brand's footer line, at most two lines,
    # stepping down from 1.2 to 0.8 times the footer size if it is long
    sub: Block | None = None
    if subtitle:
        base = layout.deck.footer_pt

        def fitted(size: float) -> Block | None:
            st = style(face("caption"), size, 1.2, [subtitle])
            block = refine(balanced(subtitle, st, width, keep=()), width, heading=True)
            return block if len(block.lines) <= 2 else None

        size = largest(base * 0.8, base * 1.2, lambda s: fitted(s) is not None)
        if size is None:
            given = options_subtitle
            raise PosterError.of(
                "fit.subtitle",
                "--subtitle" if given else file,
                "subtitle" if given else "footer",
            )
        sub = fitted(size)

    # the locality: each authority line on one line, as large as the width allows
    a_face = face("authority")
    locality = list(brand.authority) or ([brand.name.upper()] if brand.name else [])
    a_size = spec.authority.min
    if locality:
        widest = max(a_face.width(t) for t in locality)
        if widest * spec.authority.min > width:
            longest = max(locality, key=a_face.width)
            raise PosterError.of("fit.authority", file, "authority", authority_line=cut(longest),
                                 layout=layout.name, size=spec.authority.min)  # fmt: skip
        a_size = min(spec.authority.max, width / widest)
    a_st = style(a_face, a_size, 1.2, locality or ["A"])
    a_block = Block(tuple(locality), a_st)

    c_block = None
    if content.subtitle:
        c_st = style(face("authority"), a_size, 1.2, [content.subtitle])
        c_block = refine(balanced(content.subtitle, c_st, width, keep=phrases(content)), width,
                         heading=True)  # fmt: skip

    logo = min(mm(spec.logo_mm), safe.h / 4) if brand.logo else 0.0
    rule = mm(1.2)
    gap = mm(5)

    keep: tuple[str, ...] = phrases(content)  # the labels whole, then only the words

    def parts(t_size: float) -> list[tuple[str, float, Block | None]] | None:
        """The block's parts top to bottom (name, height, text), or None if the title at
        this size takes more lines than allowed or the block is taller than the slide."""
        t_st = style(face("title"), t_size, 1.1, [content.title])
        title = refine(balanced(content.title, t_st, width, keep=keep), width, heading=True)
        if len(title.lines) > spec.title_max_lines or title.hyphens:
            return None
        # the PPTX's title box is the safe area's width: a substitute font (no Be Vietnam
        # Pro) sets the title in as many lines, no unit it keeps whole broken
        shown = fallback.lines(editable(title, safe.w), t_size, safe.w, bold=True)
        if shown is None or shown > len(title.lines):
            return None
        out: list[tuple[str, float, Block | None]] = []
        if logo:
            out.append(("logo", logo, None))
        if locality:
            out.append(("locality", a_block.height, a_block))
            out.append(("rule", rule, None))
        out.append(("title", title.height, title))
        if c_block is not None:
            out.append(("content", c_block.height, c_block))
        if sub is not None:
            out.append(("subtitle", sub.height, sub))
        total = sum(h for _, h, _ in out) + gap * (len(out) - 1)
        return out if total <= safe.h else None

    t_size = largest(spec.title.min, spec.title.max, lambda t: parts(t) is not None, 0.5)
    if t_size is None:  # a title that cannot keep its labels whole keeps its words
        keep = ()
        t_size = largest(spec.title.min, spec.title.max, lambda t: parts(t) is not None, 0.5)
    if t_size is None:
        raise PosterError.of(
            "fit.title", layout.source_file, "title_slide.title.min", layout=layout.name,
            size=spec.title.min,
        )  # fmt: skip
    got = parts(t_size)
    assert got is not None
    total = sum(h for _, h, _ in got) + gap * (len(got) - 1)
    y = (safe.y0 + safe.y1 + total) / 2
    cx = (safe.x0 + safe.x1) / 2
    marks: list[Mark] = [Fill(fr.page, c.primary)]
    for name, h, block in got:
        if name == "logo" and brand.logo:
            w_px, h_px = image_size(brand.logo)
            scale = logo / max(w_px, h_px)
            warn_logo(file, Path(brand.logo).name, (w_px, h_px), (w_px * scale, h_px * scale),
                      layout.name)  # fmt: skip
            marks.append(
                Picture(Path(brand.logo), Rect(cx - h / 2, y - h, cx + h / 2, y), c.primary)
            )
        elif name == "rule":
            marks.append(Fill(Rect(cx - mm(20), y - h, cx + mm(20), y), ink, h / 2))
        elif name == "locality" and block is not None:
            for k, line in enumerate(block.lines):
                one = Block((line,), block.style)
                marks.append(_box(one, x0, y - k * block.style.pitch, width, ink))
        elif block is not None:
            role: Role = "title" if name == "title" else "subtitle" if name == "subtitle" else ""
            room = safe if name == "title" else Rect(x0, 0, x0 + width, 0)
            box = _box(block, room.x0, y, room.w, ink, role)
            marks.append(with_breaks(box) if name == "title" else box)
        y -= h + gap
    notes = "\n".join([*locality, content.title, content.subtitle or "", subtitle or ""]).strip()
    return _page(fr, marks, "title", "Trang bìa", "Bìa", notes)


# ---------------------------------------------------------------- overview


# The overview's title is at least this many times its entries (and the deck's heading).
OVERVIEW_TITLE = 1.2


class _Overview(msgspec.Struct, frozen=True):
    """The overview at one size: its title, and each slide's columns of entries."""

    size: float
    title: Block
    entries: list[Block]  # one per item, as the PDF sets it
    columns: list[list[list[int]]]  # slide → column → the items' indices
    indent: float  # the entries' left edge, right of the numbers
    gap: float  # between two entries


def _overview_slides(
    content: Content, layout: DeckLayout, brand: Brand, fr: _Frame, heading: float
) -> list[Page]:
    """The headings as a numbered list: on one slide, or on two or three if fewer would
    need a size under the layout's `deck.overview.min`. One size on all of them (from
    PowerPoint's list, as the item slides' sizes), the columns of all as even as the
    entries allow; the title at the deck's heading size, or OVERVIEW_TITLE times the
    entries if that is larger."""
    deck = layout.deck
    got = None
    memo: dict[tuple[float, int], list[Block] | None] = {}  # two and three slides: 2 columns
    for slides in (1, 2, 3):
        got = _overview(content, layout, fr, heading, slides, memo)
        if got is not None:
            break
    if got is None:
        raise PosterError.of(
            "fit.overview", layout.source_file, "deck.overview.min", count=len(content.items),
            layout=layout.name, size=deck.overview.min,
        )  # fmt: skip
    parts = len(got.columns)
    return [
        _overview_slide(
            content, layout, brand, fr, got, k, f" ({k + 1}/{parts})" if parts > 1 else ""
        )
        for k in range(parts)
    ]


def _overview(
    content: Content,
    layout: DeckLayout,
    fr: _Frame,
    heading: float,
    slides: int,
    memo: dict[tuple[float, int], list[Block] | None],
) -> _Overview | None:
    """The largest size at which the headings fit `slides` slides (their columns
    balanced over all the slides), or None. An entry keeps the labels whole where that
    costs no line; in the PPTX, where a substitute font may set it, it keeps its words
    only, and takes no more lines in the widest substitute than it does here (its box
    would overflow and shrink it alone)."""
    deck = layout.deck
    safe = fr.safe
    items = content.items
    gutter = mm(deck.gutter_mm) * 0.6
    cols = deck.overview_columns if slides == 1 else min(deck.overview_columns, 2)
    col_w = (safe.w - gutter * (cols - 1)) / cols
    nf = face("number")
    # the numbers' column as wide as a substitute font needs (see FALLBACK_FIGURE_EM)
    widest = max(max(nf.width(str(i.n)), len(str(i.n)) * FALLBACK_FIGURE_EM) for i in items)
    shown = [i.heading for i in items]

    def wrapped(s: float, w: float) -> list[Block] | None:
        st = style(face("body"), s, 1.15, shown)
        entries = []
        for text in shown:
            block = wrap(text, st, w, keep=phrases(content))
            words = wrap(text, st, w, keep=())
            if len(words.lines) < len(block.lines):
                block = words
            if block.hyphens or block.splits:
                return None
            # as many lines as a substitute needs: the PDF's text balanced over them
            pptx = editable(msgspec.structs.replace(block, keep=()), w)
            more = fallback.wrap(pptx, s, w, bold=False)
            if more is None:
                return None
            if len(more) > len(block.lines):
                lines = tuple(line.replace(NBSP, " ") for line in more)
                block = msgspec.structs.replace(block, lines=lines)
            entries.append(phrased(block, w))
        return entries

    def at(s: float) -> _Overview | None:
        t_size = max(heading, math.ceil(OVERVIEW_TITLE * s))
        t_st = style(face("heading"), t_size, 1.15, [content.title])
        title = refine(
            balanced(content.title, t_st, safe.w, keep=phrases(content)), safe.w, heading=True
        )
        avail = safe.h - title.height - mm(5)
        indent = widest * s + 0.45 * s
        if (s, cols) not in memo:
            memo[s, cols] = wrapped(s, col_w - indent)
        entries = memo[s, cols]
        if entries is None:
            return None
        heights = [b.height for b in entries]
        gap = 0.45 * s
        starts = [*balance(heights, slides * cols, gap), len(entries)]
        runs = list(pairwise(starts))
        if max(sum(heights[i:j]) + gap * (j - i - 1) for i, j in runs) > avail:
            return None
        columns = [
            [list(range(i, j)) for i, j in runs[k * cols : (k + 1) * cols]] for k in range(slides)
        ]
        return _Overview(s, title, entries, columns, indent, gap)

    for s in _listed(deck.overview.min, deck.overview.max):
        got = at(s)
        if got is not None:
            return got
    return None


def _overview_slide(
    content: Content,
    layout: DeckLayout,
    brand: Brand,
    fr: _Frame,
    got: _Overview,
    k: int,
    part: str,
) -> Page:
    deck = layout.deck
    c = brand.colors
    safe = fr.safe
    ink = on(c.background, c.text)
    marks = _ground(fr, brand)
    title = got.title
    head = with_breaks(
        msgspec.structs.replace(
            text_box(title, safe.x0, safe.y1, safe.w, on(c.background, c.primary)), role="title"
        )
    )
    marks.append(head)
    top = safe.y1 - title.height - mm(5)
    gutter = mm(deck.gutter_mm) * 0.6
    columns = got.columns[k]
    cols = deck.overview_columns if len(got.columns) == 1 else min(deck.overview_columns, 2)
    col_w = (safe.w - gutter * (cols - 1)) / cols
    s, indent = got.size, got.indent
    nf = face("number")
    number_w = indent - 0.45 * s
    number_ink = on(c.background, c.primary)
    shown: list[Item] = []
    for col, indices in enumerate(columns):
        x = safe.x0 + col * (col_w + gutter)
        heights = [got.entries[i].height for i in indices]
        for i, (_, y1) in zip(indices, stack(heights, top, got.gap), strict=True):
            item = content.items[i]
            shown.append(item)
            block = got.entries[i]
            label = str(item.n)
            w = nf.width(label) * s
            baseline = y1 - block.style.ascent
            line = TextLine(x + number_w - w, baseline, label, nf.name, s, number_ink)
            marks.append(_one_line(line, x, x + number_w, block.style.descent, "right"))
            # the PPTX entry keeps its words whole, not the labels: PowerPoint wraps it
            plain = msgspec.structs.replace(block, keep=())
            box = text_box(plain, x + indent, y1, col_w - indent, ink)
            marks.append(box)
    notes = "\n".join(f"{i.n}. {i.heading}" for i in shown)
    return _page(fr, marks, "overview", f"Tổng quan{part}", f"Tổng quan{part}", notes)


# ---------------------------------------------------------------- closing slide


def _closing_slide(
    content: Content, layout: DeckLayout, brand: Brand, fr: _Frame, heading: float, body: float
) -> Page:
    """The thanks, the locality, the QR code (at least a quarter of the slide's height)
    with its caption and address, and the source of the items."""
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
    accent = on(c.background, c.primary)
    locality = list(brand.authority) or ([brand.name] if brand.name else [])
    src_size = layout.deck.footer_pt
    source = (
        refine(
            wrap(content.source, style(face("footer"), src_size, 1.3, [content.source]), text_w),
            text_w,
        )
        if content.source
        else None
    )
    # the thanks on one line if the body size allows, up to 1.6 × the heading
    t_face = face("title")
    t_size = min(heading * 1.6, max(body, 0.97 * text_w / t_face.width(THANKS)))

    def fitted(scale: float) -> tuple[list[tuple[Block, Color, Role, float]], float]:
        """The blocks (with their colour, role and the space after them) at `scale` of
        their size, and their height."""
        t_st = style(t_face, t_size * scale, 1.1, [THANKS])
        thanks = refine(balanced(THANKS, t_st, text_w, keep=()), text_w, heading=True)
        blocks: list[tuple[Block, Color, Role, float]] = [(thanks, accent, "title", mm(3))]
        if locality:
            # each line on one line if 18 pt or more allows it, else wrapped
            a_face = face("authority")
            one = 0.97 * text_w / max(a_face.width(t) for t in locality)
            l_st = style(a_face, max(min(body * scale, one), min(18.0, body * scale)), 1.2,
                         locality)  # fmt: skip
            for k, line in enumerate(locality):
                b = refine(balanced(line, l_st, text_w, keep=()), text_w, heading=True)
                blocks.append((b, ink, "", mm(10) if k == len(locality) - 1 else mm(1)))
        cap_st = style(face("heading"), heading * 0.8 * scale, 1.15, [brand.qr.caption])
        cap = refine(balanced(brand.qr.caption, cap_st, text_w, keep=phrases(content)), text_w,
                     heading=True)  # fmt: skip
        url_st = style(face("body"), body * scale, 1.2, [brand.qr.url])
        blocks.append((cap, ink, "", mm(3)))
        blocks.append((wrap(brand.qr.url, url_st, text_w), accent, "", mm(6)))
        if source is not None:
            blocks.append((source, on(c.background, GREY), "", 0.0))
        return blocks, sum(b.height + after for b, _, _, after in blocks) - blocks[-1][3]

    # a long caption or address steps down, never under the 14 pt a hall can read
    floor = max(14 / body, 14 / (heading * 0.8), 0.0)
    for scale in (1.0, 0.85, 0.7, floor):
        if scale < floor:
            continue
        blocks, total = fitted(scale)
        if total <= safe.h:
            break
    else:
        cap_block, url_block = blocks[-3 if source else -2][0], blocks[-2 if source else -1][0]
        url_long = url_block.height > cap_block.height
        raise PosterError.of(
            "fit.closing-url" if url_long else "fit.closing-caption",
            brand.source_file or "brand",
            "qr.url" if url_long else "qr.caption",
            layout=layout.name,
        )
    y = cy + total / 2
    for block, color, role, after in blocks:
        marks.append(msgspec.structs.replace(text_box(block, safe.x0, y, text_w, color), role=role))
        y -= block.height + after
    notes = "\n".join(
        [THANKS, *locality, brand.qr.caption, brand.qr.url, content.source or ""]
    ).strip()
    return _page(fr, marks, "closing", "Kết thúc", "Kết", notes)


# ---------------------------------------------------------------- the deck


def plan_deck(content: Content, layout: DeckLayout, brand: Brand, options: Options) -> Document:
    check_content_glyphs(content)
    file = brand.source_file or "brand"
    check_glyphs(brand.qr.caption, "caption", file, "qr.caption")
    subtitle = options.subtitle
    if subtitle:
        check_glyphs(subtitle, "caption", "--subtitle", "subtitle")
    fr = _frame(layout)
    design = deck_design(layout, content)
    body, heading, slides = _scale(content, layout, design, fr)
    pages = [
        _title_slide(content, layout, brand, fr, subtitle or brand.footer, bool(subtitle)),
        *_overview_slides(content, layout, brand, fr, heading),
    ]
    total = len(content.items)
    for index, (item, tiles) in enumerate(zip(content.items, slides, strict=True), start=1):
        for part, tile in enumerate(tiles):
            more = CONTINUED if part else ""
            marks = _ground(fr, brand) + _item_marks(tile, fr, brand)
            marks += _footer_line(layout, brand, fr.safe, f"{index}/{total}{more}")
            title = f"{item.n}. {item.heading}{more}"
            notes = item_notes(content, item) if not part else f"{item.n}{more}"
            pages.append(_page(fr, marks, "item", title, f"{item.n}{more}", notes, item.n))
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
