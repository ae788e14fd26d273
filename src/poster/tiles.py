"""The contrast tiles: measured at given sizes, placed in the grid, sizes solved.

One body size and one heading size for every tile of a poster, the largest in the
layout's ranges at which all tiles fit. Tiles depend on content, layout and fonts,
never on the brand, so a solution is computed once and reused for every brand.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from poster.errors import PosterError
from poster.fonts import check_glyphs, face
from poster.layout import Geometry, Rect, balance, column_width, page_geometry, stack
from poster.spec import Content, Item, Layout
from poster.textfit import Block, Style, TooWide, body_and_heading, style, wrap
from poster.units import mm


@dataclass(frozen=True)
class Styles:
    body: Style
    heading: Style
    label: Style
    number: Style


@dataclass(frozen=True)
class TileText:
    """One item's text wrapped for a tile width, with the tile's natural height."""

    item: Item
    width: float
    sides: str  # "stacked" | "side-by-side"
    pad: float
    gap: float  # between heading and sides
    between: float  # between the two sides (room for the chevron)
    badge: float  # diameter of the number badge
    side_pad: float
    heading: Block
    left_label: str  # run-in label, drawn at the start of the side's first line
    right_label: str
    label_room: tuple[float, float]  # first-line indent of each side
    left: Block
    right: Block

    @property
    def head_height(self) -> float:
        return max(self.badge, self.heading.height)

    @property
    def side_width(self) -> float:
        inner = self.width - 2 * self.pad
        return inner if self.sides == "stacked" else (inner - self.between) / 2

    def side_height(self, which: str) -> float:
        return 2 * self.side_pad + (self.left if which == "left" else self.right).height

    @property
    def height(self) -> float:
        fixed = 2 * self.pad + self.head_height + self.gap
        left, right = self.side_height("left"), self.side_height("right")
        if self.sides == "stacked":
            return fixed + left + self.between + right
        return fixed + max(left, right)


@dataclass(frozen=True)
class PlacedTile:
    text: TileText
    rect: Rect


@dataclass(frozen=True)
class Solution:
    geometry: Geometry
    styles: Styles
    tiles: tuple[PlacedTile, ...]

    @property
    def body_size(self) -> float:
        return self.styles.body.size

    @property
    def heading_size(self) -> float:
        return self.styles.heading.size


class Unfit(Exception):
    def __init__(self, item: Item, why: str):
        super().__init__(why)
        self.item, self.why = item, why


def make_styles(content: Content, layout: Layout, body: float, heading: float) -> Styles:
    fonts = layout.fonts
    sides = [t for i in content.items for t in (i.left, i.right)]
    labels = [content.labels.left.upper(), content.labels.right.upper()]
    return Styles(
        body=style(face("body"), body, fonts.body.leading, sides),
        heading=style(
            face("heading"), heading, fonts.heading.leading, [i.heading for i in content.items]
        ),
        label=style(face("label"), body * fonts.label_ratio, 1.15, labels),
        number=style(face("number"), heading * 0.95, 1.0, [str(i.n) for i in content.items]),
    )


def measure(item: Item, content: Content, layout: Layout, st: Styles, width: float) -> TileText:
    spec = layout.tile
    pad = mm(spec.padding_mm)
    b = st.body.size
    badge = st.heading.size * 1.75
    side_pad = max(mm(1.5), 0.45 * b)
    between = max(mm(spec.gap_mm), 0.7 * b)
    inner = width - 2 * pad
    side_w = inner if spec.sides == "stacked" else (inner - between) / 2
    text_w = side_w - 2 * side_pad
    labels = content.labels.left.upper(), content.labels.right.upper()
    room = tuple(st.label.face.width(lab) * st.label.size + 0.45 * b for lab in labels)
    try:
        return TileText(
            item=item,
            width=width,
            sides=spec.sides,
            pad=pad,
            gap=mm(spec.gap_mm),
            between=between,
            badge=badge,
            side_pad=side_pad,
            heading=wrap(item.heading, st.heading, inner - badge - 0.45 * st.heading.size),
            left_label=labels[0],
            right_label=labels[1],
            label_room=(room[0], room[1]),
            left=wrap(item.left, st.body, text_w, indent=room[0]),
            right=wrap(item.right, st.body, text_w, indent=room[1]),
        )
    except TooWide as e:
        raise Unfit(item, f"the word {e.word!r} is wider than the tile") from None


def place(content: Content, layout: Layout, geo: Geometry, st: Styles) -> list[PlacedTile]:
    """Measure and place every tile; raise Unfit if they do not fit the body area."""
    grid, body, gap = layout.grid, geo.body, geo.gutter
    if grid.flow == "masonry":
        return _place_masonry(content, layout, geo, st)
    # rows: tiles fill rows left to right, spans taken from the spec, rows as tall as
    # their tallest tile, the spare height shared between rows.
    rows: list[list[tuple[Item, int]]] = [[]]
    used = 0
    for item in content.items:
        span = grid.spans.get(item.n, 1)
        if used + span > grid.columns:
            rows.append([])
            used = 0
        rows[-1].append((item, span))
        used += span
    measured = [
        [
            measure(item, content, layout, st, column_width(body, grid.columns, gap, span))
            for item, span in row
        ]
        for row in rows
    ]
    heights = [max(t.height for t in row) for row in measured]
    total = sum(heights) + gap * (len(rows) - 1)
    if total > body.h:
        y = body.y1
        for row, h in zip(measured, heights, strict=True):
            if y - h < body.y0:
                raise Unfit(row[-1].item, _overflow(total, body.h))
            y -= h + gap
        raise AssertionError("unreachable")  # pragma: no cover
    extra = (body.h - total) / len(rows)
    spans = [[span for _, span in row] for row in rows]
    placed = []
    for row, row_spans, (y0, y1) in zip(
        measured, spans, stack([h + extra for h in heights], body.y1, gap), strict=True
    ):
        width = sum(t.width for t in row) + gap * (len(row) - 1)
        x = body.x0 + (body.w - width) / 2
        for tile, _ in zip(row, row_spans, strict=True):
            placed.append(PlacedTile(tile, Rect(x, y0, x + tile.width, y1)))
            x += tile.width + gap
    return placed


def _place_masonry(content: Content, layout: Layout, geo: Geometry, st: Styles) -> list[PlacedTile]:
    grid, body, gap = layout.grid, geo.body, geo.gutter
    width = column_width(body, grid.columns, gap)
    tiles = [measure(item, content, layout, st, width) for item in content.items]
    heights = [t.height for t in tiles]
    for t in tiles:
        if t.height > body.h:
            raise Unfit(t.item, _overflow(t.height, body.h, "the tile alone"))
    starts = [*balance(heights, grid.columns, gap), len(tiles)]
    placed = []
    for col, (i, j) in enumerate(pairwise(starts)):
        run = heights[i:j]
        total = sum(run) + gap * (len(run) - 1)
        if total > body.h:
            raise Unfit(tiles[j - 1].item, _overflow(total, body.h, f"column {col + 1}"))
        extra = (body.h - total) / len(run)  # columns end level: spare height shared out
        x0 = body.x0 + col * (width + gap)
        for t, (y0, y1) in zip(
            tiles[i:j], stack([h + extra for h in run], body.y1, gap), strict=True
        ):
            placed.append(PlacedTile(t, Rect(x0, y0, x0 + width, y1)))
    return placed


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _overflow(need: float, have: float, what: str = "the tiles") -> str:
    return f"{what}: {need / mm(1):.0f} mm of height needed, {have / mm(1):.0f} mm available"


_cache: dict[tuple[int, int], tuple[Content, Layout, Solution]] = {}


def solve(content: Content, layout: Layout) -> Solution:
    """The largest body size, then the largest heading size, at which every tile fits."""
    key = (id(content), id(layout))
    hit = _cache.get(key)
    if hit is not None and hit[0] is content and hit[1] is layout:
        return hit[2]
    solution = _solve(content, layout)
    if len(_cache) >= 32:  # a long-running server sees many content objects
        _cache.pop(next(iter(_cache)))
    _cache[key] = (content, layout, solution)
    return solution


def check_content_glyphs(content: Content) -> None:
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


def _solve(content: Content, layout: Layout) -> Solution:
    check_content_glyphs(content)
    geo = page_geometry(layout)
    fonts = layout.fonts
    if geo.body.h <= 0 or geo.body.w <= 0:
        raise PosterError.one(
            layout.source_file, "header.height_mm", "header and footer leave no room for the tiles"
        )

    last_error: list[Unfit] = []

    def attempt(body: float, heading: float) -> bool:
        try:
            place(content, layout, geo, make_styles(content, layout, body, heading))
        except Unfit as e:
            last_error[:] = [e]
            return False
        return True

    h = fonts.heading
    sizes = body_and_heading(
        (fonts.body.min, fonts.body.max), (h.min, h.max), (h.ratio_min, h.ratio_max), attempt
    )
    if sizes is None:
        e = last_error[0]
        raise PosterError.one(
            layout.source_file,
            "fonts.body.min",
            f"item {e.item.n} ({_short(e.item.heading)}) does not fit layout {layout.name!r} "
            f"even at {fonts.body.min:g} pt: {e.why}",
        )
    body, heading = sizes
    st = make_styles(content, layout, body, heading)
    return Solution(geo, st, tuple(place(content, layout, geo, st)))
