"""The contrast tile: one item's number, heading and two labelled sides.

The one place that knows a tile's inside. `measure` wraps an item's text for a
width and gives the tile's natural height; `arrange` turns a measured tile and the
rectangle a planner gave it into named boxes (badge, heading, each side's box,
label and text, the chevron); `tile_marks` colours those boxes into marks. A poster
tile and an item slide are the same tile with another `Design`. A new tile element
(an icon, a key) is added here, once.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from poster.colors import (
    FILL_TINT,
    PHOTOCOPY_RATIO,
    SIDE_TINT,
    WHITE,
    Color,
    grey_fills,
    on,
    readable_on,
    side_fills,
)
from poster.document import Disc, Fill, Icon, Mark, Polygon, TextLine
from poster.fonts import face
from poster.geometry import Rect
from poster.plan.text import text_box
from poster.spec import Brand, Colors, Content, DeckLayout, Item, PosterLayout
from poster.textfit import Block, Style, TooWide, balanced, phrased, refine, style, wrap
from poster.units import mm
from poster.words import phrases

Side = Literal["left", "right"]


class Styles(msgspec.Struct, frozen=True):
    body: Style
    heading: Style
    label: Style
    number: Style


def make_styles(
    content: Content,
    body: float,
    heading: float,
    *,
    body_leading: float,
    heading_leading: float,
    label_size: float,
    number_size: float,
) -> Styles:
    """The four text roles of a tile; each style's leading clears every glyph of its texts."""
    sides = [t for i in content.items for t in (i.left, i.right)]
    return Styles(
        body=style(face("body"), body, body_leading, sides),
        heading=style(
            face("heading"), heading, heading_leading, [i.heading for i in content.items]
        ),
        label=style(face("label"), label_size, 1.15, labels(content)),
        number=style(face("number"), number_size, 1.0, [str(i.n) for i in content.items]),
    )


def labels(content: Content) -> list[str]:
    return [content.labels.left.upper(), content.labels.right.upper()]


def label_width(text: str, st: Style, tracking: float = 0.0) -> float:
    """A label's advance at its style, letter-spaced by `tracking` em after each character."""
    return (st.face.width(text) + tracking * len(text)) * st.size


class Design(msgspec.Struct, frozen=True):
    """How a tile is built, in points: a poster's tile or an item slide."""

    sides: Literal["stacked", "side-by-side"]
    pad: float  # around the tile's content
    gap: float  # between the heading and the sides
    between: float  # the least room between the two sides
    radius: float  # of the tile's corners
    side_radius: float  # of each side's box
    number: Literal["circle", "square", "numeral"]  # a badge, or a big numeral in a column
    label: Literal["run-in", "above"]  # the side's label: at the start of its text, or above
    frame: bool  # a white tile behind the content (posters), or none (slides)
    side_pad: float | None = None  # inside a side's box; None: from the body size
    edge: float | None = None  # the solid bar of a side's colour; None: from the body size
    number_width: float = 0.0  # numeral: the width of the numbers' column
    heading_lines: int | None = None  # the most lines a heading may take
    balance_heading: bool = False  # heading lines of similar length
    chevron_mid: bool = False  # side by side: the chevron at mid height, not at line one
    tint: float = SIDE_TINT  # a side box: this much of its colour on white
    tracking: float = 0.0  # a run-in label's letter-spacing, in em
    icon_color: Literal["primary", "right"] = "primary"  # the icon's ink
    # False: a heading may break inside a word where keeping it whole costs a line (the
    # size search's last resort, see poster.words)
    whole_words: bool = True
    show: Literal["full", "headings"] = "full"  # the two sides too, or the heading alone
    # the side boxes this far apart in grey, their texts readable in grey (photocopies)
    grey_apart: float = 0.0
    # True: the sides' text breaks between words only, as display text does (a slide
    # whose room allows it, see plan.deck; a word wider than the line still breaks)
    whole_body: bool = False


# A poster's tile, read from 2 m: a solid edge this part of the body size down each side
# box (3.4 mm at a 16 pt body), labels in letter-spaced capitals, the icon two heading
# lines tall in the colour of the side it leads to.
EDGE = 0.6
LABEL_TRACKING = 0.06
ICON_LINES = 2


def poster_design(layout: PosterLayout) -> Design:
    t = layout.tile
    return Design(
        sides=t.sides,
        pad=mm(t.padding_mm),
        gap=mm(t.gap_mm),
        between=mm(t.gap_mm),
        radius=mm(t.radius_mm),
        side_radius=mm(t.radius_mm) * 0.6,
        number=t.badge,
        label="run-in",
        frame=True,
        tint=FILL_TINT,
        tracking=LABEL_TRACKING,
        icon_color="right",
        show=t.show,
        grey_apart=t.grey_apart,
        side_pad=None if t.side_padding_mm is None else mm(t.side_padding_mm),
    )


def slide_design(layout: DeckLayout, content: Content) -> Design:
    d = layout.deck
    numbers = [str(i.n) for i in content.items]
    return Design(
        sides="side-by-side",
        pad=0.0,
        gap=mm(6),
        between=mm(d.gutter_mm),
        radius=0.0,
        side_radius=mm(d.radius_mm),
        number="numeral",
        label="above",
        frame=False,
        side_pad=mm(d.padding_mm),
        number_width=max(face("number").width(t) for t in numbers) * d.number_size,
        heading_lines=3,
        balance_heading=True,
        chevron_mid=True,
        tint=FILL_TINT,  # the two sides told apart from the back of the hall, as on posters
        icon_color="right",
    )


def side_fill(design: Design, colors: Colors, which: Side) -> Color:
    """A side box's fill: the design's tint of the side's colour, the two sides set apart
    in lightness (colors.side_fills), or in grey for a sheet meant for a photocopier
    (colors.grey_fills); the key draws its boxes with the same."""
    if design.grey_apart > 0:
        left, right = grey_fills(colors.left, colors.right, design.tint, design.grey_apart)
    else:
        left, right = side_fills(colors.left, colors.right, design.tint)
    return left if which == "left" else right


class Unfit(Exception):
    """An item's text does not fit its tile at the sizes tried."""

    def __init__(self, item: Item, why: str):
        super().__init__(why)
        self.item, self.why = item, why


class Measured(msgspec.Struct, frozen=True):
    """One item's text wrapped for a tile width, with the tile's natural height."""

    item: Item
    width: float
    design: Design
    styles: Styles
    badge: float  # the number's column: the badge's diameter, or the numerals' width
    badge_height: float
    number_gap: float  # between the number's column and the heading
    icon: float  # the item's icon: a square this wide at the heading's right (0: none)
    side_pad: float
    edge: float  # the solid bar of the side's colour down the left of its box
    between: float
    label_gap: float  # a label above its text: the space below it
    label: Literal["run-in", "above"]  # the design's, or above when a label is too long
    heading: Block
    left_label: Block
    right_label: Block
    label_room: tuple[float, float]  # run-in labels: the first-line indent of each side
    left: Block
    right: Block

    @property
    def grow(self) -> float:
        """How much taller than its natural height the tile may be drawn. Stacked: a body
        line a side box, shared above and below its text (no box holds more than a line
        of empty space); side by side: 3/4 of a body line under the shorter side; a
        heading alone: a heading line, shared above and below it."""
        if self.design.show == "headings":
            return self.styles.heading.pitch
        line = self.styles.body.pitch
        return 2 * line if self.design.sides == "stacked" else 0.75 * line

    @property
    def head_height(self) -> float:
        return max(self.badge_height, self.heading.height, self.icon)

    @property
    def side_width(self) -> float:
        inner = self.width - 2 * self.design.pad
        return inner if self.design.sides == "stacked" else (inner - self.between) / 2

    def side_height(self, which: Side) -> float:
        """The side's box; 0 for a side without text (a deck's continuation may show
        one side only)."""
        text = self.left if which == "left" else self.right
        if not text.lines:
            return 0.0
        inner = text.height
        if self.label == "above":
            label = self.left_label if which == "left" else self.right_label
            inner += label.height + self.label_gap
        return 2 * self.side_pad + inner

    @property
    def height(self) -> float:
        if self.design.show == "headings":
            return 2 * self.design.pad + self.head_height
        fixed = 2 * self.design.pad + self.head_height + self.design.gap
        left, right = self.side_height("left"), self.side_height("right")
        if self.design.sides == "stacked":
            return fixed + left + right + (self.between if left and right else 0.0)
        return fixed + max(left, right)

    @property
    def hyphens(self) -> int:
        """Words broken between letters, or display words between syllables: a last
        resort the size search avoids."""
        blocks = (self.heading, self.left, self.right, self.left_label, self.right_label)
        return sum(b.hyphens + b.splits for b in blocks)


def measure(
    item: Item, content: Content, design: Design, st: Styles, width: float, final: bool = False
) -> Measured:
    """Wrap the item for a tile `width` wide; raise Unfit if a word or the heading cannot.

    `final`: the tile is drawn, not tried: its paragraphs are re-broken total-fit into
    the same number of lines (`refine`: no runts, balanced headings)."""
    b, h = st.body.size, st.heading.size
    if design.number == "numeral":
        badge, badge_height = design.number_width, st.number.ascent
        number_gap = 0.35 * st.number.size
    else:
        badge = badge_height = h * 1.75
        number_gap = 0.45 * h
    side_pad = design.side_pad if design.side_pad is not None else max(mm(1.5), 0.45 * b)
    between = max(design.between, 0.7 * b) if design.frame else design.between
    edge = max(mm(1.2), EDGE * b) if design.frame else max(mm(2), 0.2 * b)
    inner = width - 2 * design.pad
    side_w = inner if design.sides == "stacked" else (inner - between) / 2
    edge = design.edge if design.edge is not None else edge
    text_w = side_w - 2 * side_pad - edge
    names = labels(content)
    # a run-in label starts its side's first line; one longer than half the line goes above
    run_in_room = [label_width(lab, st.label, design.tracking) + 0.45 * b for lab in names]
    run_in = design.label == "run-in" and max(run_in_room) <= text_w / 2
    room = (run_in_room[0], run_in_room[1]) if run_in else (0.0, 0.0)
    # the icon: a square two heading lines tall (slides: 1.6 × the heading) at the right
    icon = 0.0
    if item.icon:
        icon = ICON_LINES * st.heading.pitch if design.number != "numeral" else 1.6 * h
    heading_w = inner - badge - number_gap - (icon + number_gap if icon else 0.0)
    try:
        heading = _heading(item.heading, st.heading, heading_w, design, phrases(content))
        if design.show == "headings":  # no sides: nothing else to wrap
            none = Block((), st.body)
            fitted = Measured(
                item=item, width=width, design=design, styles=st, badge=badge,
                badge_height=badge_height, number_gap=number_gap, icon=icon, side_pad=0.0,
                edge=0.0, between=0.0, label_gap=0.0, label="run-in", heading=heading,
                left_label=Block((), st.label), right_label=Block((), st.label),
                label_room=(0.0, 0.0), left=none, right=none,
            )  # fmt: skip
            if final:
                fitted = msgspec.structs.replace(
                    fitted, heading=refine(heading, heading_w, heading=True)
                )
            return fitted
        fitted = Measured(
            item=item,
            width=width,
            design=design,
            styles=st,
            badge=badge,
            badge_height=badge_height,
            number_gap=number_gap,
            icon=icon,
            side_pad=side_pad,
            edge=edge,
            between=between,
            label_gap=0.0 if run_in else 0.4 * b,
            label="run-in" if run_in else "above",
            heading=heading,
            left_label=Block((names[0],), st.label)
            if run_in
            else wrap(names[0], st.label, text_w, keep=()),
            right_label=Block((names[1],), st.label)
            if run_in
            else wrap(names[1], st.label, text_w, keep=()),
            label_room=(room[0], room[1]),
            left=_body(item.left, st.body, text_w, room[0], design.whole_body),
            right=_body(item.right, st.body, text_w, room[1], design.whole_body),
        )
    except TooWide as e:
        raise Unfit(item, f"the word {e.word!r} is wider than the tile") from None
    if design.heading_lines is not None and len(heading.lines) > design.heading_lines:
        raise Unfit(item, f"the heading needs more than {design.heading_lines} lines")
    if final:
        fitted = msgspec.structs.replace(
            fitted,
            heading=refine(fitted.heading, heading_w, heading=True),
            left_label=refine(fitted.left_label, text_w, heading=True),
            right_label=refine(fitted.right_label, text_w, heading=True),
            left=_body_text(refine(fitted.left, text_w, room[0])),
            right=_body_text(refine(fitted.right, text_w, room[1])),
        )
    return fitted


def _body(text: str, st: Style, width: float, indent: float, whole: bool) -> Block:
    """A side's text wrapped (`whole`: between words only); no lines for no text (a
    side a slide does not show)."""
    if not text:
        return Block((), st)
    return wrap(text, st, width, indent, keep=() if whole else None)


def _body_text(block: Block) -> Block:
    """Body text broken between words (`Design.whole_body`) is body text again once
    broken: an editable output wraps it as body text (see plan.text.editable)."""
    return msgspec.structs.replace(block, keep=None) if block.keep is not None else block


def _heading(text: str, st: Style, width: float, design: Design, keep: tuple[str, ...]) -> Block:
    """The heading with its words whole, and the labels (`keep`) whole where that costs
    no line; with `whole_words` off, broken at any syllable where that saves a line."""
    shape = balanced if design.balance_heading else wrap
    block = shape(text, st, width, keep=keep)
    looser: list[tuple[str, ...] | None] = []
    if len(st.face.words(text, keep)[0]) != len(st.face.words(text, ())[0]):
        looser.append(())  # the text holds a label
    if not design.whole_words:
        looser.append(None)
    for k in looser:
        other = shape(text, st, width, keep=k)
        if len(other.lines) < len(block.lines):
            block = other
    if block.splits or block.joins:
        return block
    # lines end where a phrase does (not on "từ", "sang"…), in one more line if need be
    # and the layout allows it (a card's heading has a most lines)
    got = phrased(block, width)
    if len(got.lines) == len(block.lines):
        return block  # broken evenly when drawn (measure's final pass)
    if design.heading_lines is not None and len(got.lines) > design.heading_lines:
        return block
    return got


# ---------------------------------------------------------------- named boxes


class SideBoxes(msgspec.Struct, frozen=True):
    box: Rect  # the tinted box
    text_x: float
    label_top: float  # the top of the label's glyphs (above) or of the text's first line
    text_top: float  # the top of the text's glyphs
    indent: float  # the text's first-line indent (room for a run-in label)
    extra: float = 0.0  # how much taller than its content the box is drawn


class TileBoxes(msgspec.Struct, frozen=True):
    """Where everything of a tile goes, in page coordinates."""

    frame: Rect
    badge: Rect  # the number's column (the badge's square, or the numerals' box)
    heading_x: float
    heading_top: float
    heading_width: float
    icon: Rect | None  # the item's icon, at the right of the heading
    left: SideBoxes
    right: SideBoxes
    chevron: tuple[tuple[float, float], ...]


def arrange(m: Measured, r: Rect) -> TileBoxes:
    """The named boxes of a measured tile placed in `r` (at least its natural height)."""
    d = m.design
    bx, top = r.x0 + d.pad, r.y1 - d.pad
    if d.show == "headings":  # a tile drawn taller: the heading in its middle
        top -= max(0.0, r.h - m.height) / 2
    badge = Rect(bx, top - m.badge_height, bx + m.badge, top)
    heading_top = top - max(0.0, (m.head_height - m.heading.height) / 2)
    heading_x = bx + m.badge + m.number_gap
    sides_top = top - m.head_height - d.gap
    bottom = r.y0 + d.pad
    x0, x1 = r.x0 + d.pad, r.x1 - d.pad
    grown = (0.0, 0.0)
    if d.sides == "stacked":
        # a tile drawn taller than its content: each side box grows by the same amount,
        # half above its text and half below (the padding stays symmetric)
        hl, hr = m.side_height("left"), m.side_height("right")
        between = m.between if hl and hr else 0.0  # a side without text has no box
        extra = (sides_top - bottom - hl - hr - between) / (2 if hl and hr else 1)
        grown = (extra if hl else 0.0, extra if hr else 0.0)
        left_box = Rect(x0, sides_top - hl - grown[0], x1, sides_top)
        right_box = Rect(x0, bottom, x1, left_box.y0 - between)
        # a chevron in the gap: before → after
        cx, cy = (x0 + x1) / 2, (left_box.y0 + right_box.y1) / 2
        s = m.between * 0.8
        chevron = ((cx - s, cy + s / 2), (cx + s, cy + s / 2), (cx, cy - s / 2))
    else:
        # each box ends at its text (a body line below it at most), the two the same
        # height when they differ by less than a line
        w = m.side_width
        room = sides_top - bottom
        hl, hr = m.side_height("left"), m.side_height("right")
        tall = min(room, max(hl, hr) + m.grow)

        def own(h: float) -> float:
            if not h:
                return 0.0  # a side without text
            return tall if tall - h <= m.grow else h + m.grow

        left_box = Rect(x0, sides_top - own(hl), x0 + w, sides_top)
        right_box = Rect(x1 - w, sides_top - own(hr), x1, sides_top)
        cx = (left_box.x1 + right_box.x0) / 2
        cy = (
            sides_top - min(left_box.h, right_box.h) / 2
            if d.chevron_mid
            else sides_top - m.side_pad - m.styles.body.ascent / 2
        )
        s = m.between * 0.35
        chevron = ((cx - s / 2, cy + s), (cx - s / 2, cy - s), (cx + s / 2, cy))

    def side(box: Rect, which: Side) -> SideBoxes:
        extra = grown[0 if which == "left" else 1]
        label_top = box.y1 - m.side_pad - extra / 2
        text_top = label_top
        if m.label == "above":
            label = m.left_label if which == "left" else m.right_label
            text_top -= label.height + m.label_gap
        indent = m.label_room[0 if which == "left" else 1]
        return SideBoxes(box, box.x0 + m.edge + m.side_pad, label_top, text_top, indent, extra)

    icon = None
    if m.icon:
        head_mid = top - m.head_height / 2
        icon = Rect(x1 - m.icon, head_mid - m.icon / 2, x1, head_mid + m.icon / 2)
    return TileBoxes(
        frame=r,
        badge=badge,
        heading_x=heading_x,
        heading_top=heading_top,
        heading_width=(icon.x0 - m.number_gap if icon else x1) - heading_x,
        icon=icon,
        left=side(left_box, "left"),
        right=side(right_box, "right"),
        chevron=chevron,
    )


# ---------------------------------------------------------------- marks


def tile_marks(m: Measured, boxes: TileBoxes, brand: Brand | Colors, ground: Color) -> list[Mark]:
    """The tile in the brand's colours (a brand, or its colours alone); `ground` is what
    it sits on (slides: the page)."""
    c = brand if isinstance(brand, Colors) else brand.colors
    d = m.design
    st = m.styles
    marks: list[Mark] = []
    if d.frame:
        marks.append(Fill(boxes.frame, WHITE, d.radius))
        ground = WHITE
    ink = on(ground, c.text)

    # the number: in a badge of the primary colour, or a big numeral
    number = str(m.item.n)
    nw = st.number.face.width(number) * st.number.size
    b = boxes.badge
    if d.number == "numeral":
        marks.append(
            TextLine(b.x1 - nw, b.y1 - st.number.ascent, number, st.number.face.name,
                     st.number.size, on(ground, c.primary))
        )  # fmt: skip
    else:
        if d.number == "circle":
            marks.append(Disc(b.x0 + m.badge / 2, b.y1 - m.badge / 2, m.badge / 2, c.primary))
        else:
            marks.append(Fill(b, c.primary, radius=m.badge * 0.18))
        cap_h = 0.74 * st.number.size  # figures are cap height tall
        marks.append(
            TextLine(b.x0 + (m.badge - nw) / 2, b.y1 - m.badge / 2 - cap_h / 2, number,
                     st.number.face.name, st.number.size, on(c.primary, WHITE))
        )  # fmt: skip
    marks.append(text_box(m.heading, boxes.heading_x, boxes.heading_top, boxes.heading_width, ink))
    if boxes.icon is not None and m.item.icon:
        icon_ink = c.right if d.icon_color == "right" else c.primary
        marks.append(Icon(m.item.icon, boxes.icon, on(ground, icon_ink)))

    if d.show == "headings":
        return marks
    # the two sides, each in a tint of its colour (photocopies: told apart in grey too)
    fills = (side_fill(d, c, "left"), side_fill(d, c, "right"))
    grey = d.grey_apart > 0
    ratio = PHOTOCOPY_RATIO if grey else 4.5
    for which, side, text, label, tint in (
        ("left", boxes.left, m.left, m.left_label, fills[0]),
        ("right", boxes.right, m.right, m.right_label, fills[1]),
    ):
        if not text.lines:
            continue  # a side this slide does not show
        color = c.left if which == "left" else c.right
        # a solid edge of the side's colour, the tint beside it: the sides differ from afar
        marks.append(Fill(side.box, color, d.side_radius))
        b = side.box
        marks.append(Fill(Rect(b.x0 + m.edge, b.y0, b.x1, b.y1), tint, d.side_radius))
        width = side.box.w - 2 * m.side_pad - m.edge
        # the label in the side's colour, darkened as little as it takes to read on the tint
        label_ink = readable_on(color, tint, ratio, grey=grey)
        if m.label == "run-in":
            marks.append(
                TextLine(side.text_x, side.label_top - st.body.ascent, label.lines[0],
                         st.label.face.name, st.label.size, label_ink,
                         d.tracking * st.label.size)
            )  # fmt: skip
        else:
            marks.append(text_box(label, side.text_x, side.label_top, width, label_ink))
        marks.append(
            text_box(text, side.text_x, side.text_top, width,
                     readable_on(c.text, tint, ratio, grey=grey), first_indent=side.indent)
        )  # fmt: skip
    if m.left.lines and m.right.lines:
        marks.append(Polygon(boxes.chevron, c.right))
    return marks


def item_notes(content: Content, item: Item) -> str:
    """The item's full text, for a presenter's notes."""
    return "\n\n".join(
        [
            f"{item.n}. {item.heading}",
            f"{content.labels.left}: {item.left}",
            f"{content.labels.right}: {item.right}",
        ]
    )
