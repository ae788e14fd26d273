"""Posters: pages of tiles in a grid, each between the header band and the footer.

One body size and one heading size for every tile of a poster, the largest in the
layout's ranges at which all tiles fit. Tiles depend on content, layout and fonts,
never on the brand, so a solution is computed once and reused for every brand.
A layout with `pages: 2` (a small poster's front and back) spreads the items evenly
over its pages, each page with the header, the key and the footer with its QR code.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from itertools import accumulate, combinations, pairwise, product
from typing import TypeVar

import msgspec

from poster import cache
from poster.colors import (
    BLACK,
    PHOTOCOPY_RATIO,
    REGISTRATION,
    WHITE,
    Color,
    on,
    readable_on,
)
from poster.document import Document, Fill, Line, Mark, Page, Polygon, TextLine
from poster.errors import PosterError
from poster.fonts import PREFIX, Face, face
from poster.geometry import (
    MARK_GAP_MM,
    MARK_LENGTH_MM,
    Geometry,
    Rect,
    balance,
    column_width,
    page_geometry,
    stack,
)
from poster.plan.footer import footer_marks
from poster.plan.header import (
    check_letterhead,
    keeps,
    letterhead_room,
    letterhead_size,
    steady_title,
    steady_title_size,
    title_block,
)
from poster.plan.options import Options
from poster.plan.text import check_content_glyphs
from poster.plan.tile import (
    EDGE,
    Design,
    Measured,
    Styles,
    Unfit,
    arrange,
    label_width,
    labels,
    make_styles,
    measure,
    poster_design,
    side_fill,
    tile_marks,
)
from poster.spec import Brand, Colors, Content, Item, PosterLayout
from poster.textfit import Block, Style, body_and_heading, largest, style
from poster.units import mm

T = TypeVar("T")


class Placed(msgspec.Struct, frozen=True):
    tile: Measured
    rect: Rect


class Solution(msgspec.Struct, frozen=True):
    geometry: Geometry  # the first page's; its body is below the key
    styles: Styles
    pages: tuple[tuple[Placed, ...], ...]  # the tiles of each page
    key: Rect  # the key's row, above the tiles (on the pages with the header)
    key_size: float = 0.0  # the key's labels, points
    geometries: tuple[Geometry, ...] = ()  # each page's, where pages differ (see bodies)

    def page_geometry(self, i: int) -> Geometry:
        return self.geometries[i] if self.geometries else self.geometry

    @property
    def tiles(self) -> tuple[Placed, ...]:
        return tuple(t for page in self.pages for t in page)


Geometries = Geometry | Sequence[Geometry]  # one for every page, or each page's own


def _each(geo: Geometries, count: int) -> list[Geometry]:
    return [geo] * count if isinstance(geo, Geometry) else list(geo)


def page_count(content: Content, layout: PosterLayout) -> int:
    return min(layout.pages, len(content.items))


def has_header(layout: PosterLayout, i: int) -> bool:
    """Whether page `i` carries the header band and the key: every page, or the first."""
    return layout.header.pages == "all" or i == 0


def has_footer(layout: PosterLayout, i: int, count: int) -> bool:
    """Whether page `i` of `count` carries the footer: every page, the first or the last."""
    which = layout.footer.pages
    return which == "all" or i == (0 if which == "first" else count - 1)


def page_geometries(
    content: Content, layout: PosterLayout, bleed_mm: float | None = None, marks: bool = False
) -> list[Geometry]:
    """Each page's geometry, with or without the header and the footer."""
    count = page_count(content, layout)
    return [
        page_geometry(layout, bleed_mm, marks, header=has_header(layout, i),
                      footer=has_footer(layout, i, count))
        for i in range(count)
    ]  # fmt: skip


def bodies(content: Content, layout: PosterLayout, key: float) -> list[Geometry]:
    """Each page's geometry, its body below the key (of `key` points) on the pages with
    the header."""
    return [
        key_geometry(g, content, key) if has_header(layout, i) else g
        for i, g in enumerate(page_geometries(content, layout))
    ]


def page_contents(
    content: Content, layout: PosterLayout, design: Design, geo: Geometries, st: Styles
) -> list[Content]:
    """The content's items spread over the layout's pages, in order. Masonry: the split
    that keeps the tallest of all the pages' columns lowest (the tiles measured at these
    sizes), so no page is crowded while another is half empty (pages of different
    heights: the lowest share of its page's height); rows: by count, as evenly as they
    go (the earlier pages take one more: 17 items on 2 pages are 9 and 8)."""
    items = content.items
    pages = page_count(content, layout)
    if pages == 1:
        return [content]
    grid = layout.grid
    geos = _each(geo, pages)
    first = geos[0]
    if grid.flow == "masonry" and len(items) >= grid.columns * pages:
        width = column_width(first.body, grid.columns, first.gutter)
        heights = [measure(i, content, design, st, width).height for i in items]
        rooms = [g.body.h for g in geos]
        if pages == 2 and rooms[0] != rooms[1]:
            return _parts(content, [0, _page_break(heights, grid.columns, first.gutter, rooms),
                                    len(items)])  # fmt: skip
        starts = balance(heights, grid.columns * pages, first.gutter)
        bounds = [*starts[:: grid.columns], len(items)]
    else:
        size, more = divmod(len(items), pages)
        bounds = [0]
        for i in range(pages):
            bounds.append(bounds[-1] + size + (1 if i < more else 0))
    return _parts(content, bounds)


def _page_break(heights: list[float], columns: int, gap: float, rooms: list[float]) -> int:
    """Two pages of different heights: the first item of the second page, where the
    fuller page's tallest column takes the lowest share of its page's height."""

    def tallest(part: list[float]) -> float:
        starts = [*balance(part, columns, gap), len(part)]
        return max(sum(part[i:j]) + gap * (j - i - 1) for i, j in pairwise(starts))

    n = len(heights)
    cuts = range(columns, n - columns + 1)
    return min(cuts, key=lambda c: max(tallest(heights[:c]) / rooms[0],
                                       tallest(heights[c:]) / rooms[1]))  # fmt: skip


def _parts(content: Content, bounds: list[int]) -> list[Content]:
    return [msgspec.structs.replace(content, items=content.items[a:b]) for a, b in pairwise(bounds)]


# The key above the tiles: each side's label in a box drawn like the tiles' side boxes
# (the same tint, the same solid edge, the same letter-spaced capitals), an arrow between:
# "CÔNG NGHỆ THÔNG TIN → CHUYỂN ĐỔI SỐ". Larger than the headings, smaller than the title.
KEY_RATIO = 1.3  # of the heading size
KEY_MIN = 1.2  # the key at least this × the heading
TITLE_KEY = 1.5  # the title at least this × the key
KEY_PAD = 0.35  # around a label inside its box, in em


def key_size(heading: float, title: float | None) -> float:
    """The key's size: KEY_RATIO × the heading, at most 1/TITLE_KEY of the title."""
    size = heading * KEY_RATIO
    return size if title is None else min(size, title / TITLE_KEY)


def key_style(content: Content, size: float) -> Style:
    return style(face("label"), size, 1.0, labels(content))


def key_height(content: Content, size: float, gap: float) -> float:
    st = key_style(content, size)
    return st.ascent + st.descent + 2 * KEY_PAD * size + gap


def key_geometry(geo: Geometry, content: Content, size: float) -> Geometry:
    b = geo.body
    room = key_height(content, size, 0.6 * geo.gutter)
    return msgspec.structs.replace(geo, body=Rect(b.x0, b.y0, b.x1, b.y1 - room))


def key_marks(
    content: Content,
    brand: Brand,
    row: Rect,
    size: float,
    design: Design,
    edge: float,
    ground: Color | None = None,
) -> list[Mark]:
    """Both sides' labels, each in a box of its side's tint with its solid `edge`, the
    boxes centred in `row` (its top at the boxes' top), an arrow between; `ground`: what
    the key sits on (the brand's background unless given)."""
    c = brand.colors
    ground = ground or c.background
    st = key_style(content, size)
    left, right = labels(content)
    track = design.tracking

    def natural(s: float) -> float:  # the key's width at size s
        lw, rw = (label_width(t, style(st.face, s, 1.0, [t]), track) for t in (left, right))
        return lw + rw + 2 * (edge + 2 * KEY_PAD * s) + 2.5 * s

    # long labels (another content's): the key shrinks to the row's width
    if natural(st.size) > row.w:
        fixed = 2 * edge
        st = style(st.face, (row.w - fixed) / ((natural(st.size) - fixed) / st.size), 1.0,
                   [left, right])  # fmt: skip
    s = st.size
    pad = KEY_PAD * s
    lw, rw = (label_width(t, st, track) for t in (left, right))
    arrow_w, space = 1.3 * s, 0.6 * s
    total = lw + rw + 2 * (edge + 2 * pad) + arrow_w + 2 * space
    x = (row.x0 + row.x1 - total) / 2
    top = row.y1
    base = top - pad - st.ascent
    bottom = base - st.descent - pad
    marks: list[Mark] = []
    fills = (side_fill(design, c, "left"), side_fill(design, c, "right"))
    for text, w, color, tint in ((left, lw, c.left, fills[0]), (right, rw, c.right, fills[1])):
        box = Rect(x, bottom, x + edge + 2 * pad + w, top)
        marks.append(Fill(box, color, design.side_radius))
        marks.append(Fill(Rect(box.x0 + edge, box.y0, box.x1, box.y1), tint, design.side_radius))
        grey = design.grey_apart > 0
        ink = readable_on(color, tint, PHOTOCOPY_RATIO if grey else 4.5, grey=grey)
        marks.append(TextLine(x + edge + pad, base, text, st.face.name, s, ink, track * s))
        x = box.x1
        if text is left:
            # the arrow: a shaft and a head, at the middle of the capitals
            ax0, ax1 = x + space, x + space + arrow_w
            cy, t, hh = base + 0.36 * s, 0.09 * s, 0.3 * s
            head = ax1 - 0.45 * s
            marks.append(
                Polygon(
                    ((ax0, cy - t), (head, cy - t), (head, cy - hh), (ax1, cy), (head, cy + hh),
                     (head, cy + t), (ax0, cy + t)),
                    on(ground, c.text),
                )
            )  # fmt: skip
            x = ax1 + space
    return marks


def tile_edge(body: float) -> float:
    """The solid edge of a poster's side box at this body size (see plan.tile.measure)."""
    return max(mm(1.2), EDGE * body)


def poster_styles(content: Content, layout: PosterLayout, body: float, heading: float) -> Styles:
    fonts = layout.fonts
    return make_styles(
        content,
        body,
        heading,
        body_leading=layout.body_font.leading,
        heading_leading=fonts.heading.leading,
        label_size=body * fonts.label_ratio,
        number_size=heading * 0.95,
    )


def place(
    content: Content,
    layout: PosterLayout,
    design: Design,
    geo: Geometry,
    st: Styles,
    final: bool = False,
) -> list[Placed]:
    """Measure and place every tile; raise Unfit if they do not fit the body area.

    Masonry: a trial (not `final`) stacks the tiles at their natural height in columns
    of equal width, split where the tallest is lowest: it says whether they fit. The
    drawn placement (`final`) levels the columns (see `arrange_pages`)."""
    grid, body, gap = layout.grid, geo.body, geo.gutter
    if grid.flow == "masonry":
        if final:
            return _level(content, layout, design, geo, st)
        return _place_masonry(content, layout, design, geo, st)
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
            measure(item, content, design, st, column_width(body, grid.columns, gap, span), final)
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
    placed = []
    for row, (y0, y1) in zip(
        measured, stack([h + extra for h in heights], body.y1, gap), strict=True
    ):
        width = sum(t.width for t in row) + gap * (len(row) - 1)
        x = body.x0 + (body.w - width) / 2
        for tile in row:
            placed.append(Placed(tile, Rect(x, y0, x + tile.width, y1)))
            x += tile.width + gap
    return placed


def _place_masonry(
    content: Content, layout: PosterLayout, design: Design, geo: Geometry, st: Styles
) -> list[Placed]:
    """The trial: equal columns, the split where the tallest is lowest, natural heights."""
    grid, body, gap = layout.grid, geo.body, geo.gutter
    width = column_width(body, grid.columns, gap)
    tiles = [measure(item, content, design, st, width) for item in content.items]
    heights = [t.height for t in tiles]
    for t in tiles:
        if t.height > body.h:
            raise Unfit(t.item, _overflow(t.height, body.h, "the tile alone"))
    starts = [*balance(heights, grid.columns, gap), len(tiles)]
    if geo.short_last:  # the last column shorter: the split that fits its room, if one does
        measured: Measures = {0: list(tiles)}
        runs = _Runs(measured, body.h, gap, st.body.pitch, geo.short_last)
        found = _columns(runs, 0, len(tiles), grid.columns)
        if found is not None:
            starts = list(found.bounds)
    placed = []
    for col, (i, j) in enumerate(pairwise(starts)):
        run = heights[i:j]
        total = sum(run) + gap * (len(run) - 1)
        room = body.h - (geo.short_last if j == len(tiles) else 0.0)
        if total > room:
            raise Unfit(tiles[j - 1].item, _overflow(total, room, f"column {col + 1}"))
        x0 = body.x0 + col * (width + gap)
        for t, (y0, y1) in zip(tiles[i:j], stack(run, body.y1, gap), strict=True):
            placed.append(Placed(t, Rect(x0, y0, x0 + width, y1)))
    return placed


# ---------------------------------------------------------------- level columns

# One vertical rhythm and one grid (issue 19, the review of 2026-12-04): on a page the
# columns have one width and end level, and the gaps between tiles are the gutter, or a
# little more, never a hole. A column's spare height is shared by its tiles (each side box
# up to a body line taller, half above its text and half below: `Measured.grow`) and its
# gaps (up to GAP_GROW × the gutter more), the same part of each one's room; what is left
# when all have grown as far as they may stays under the column, less than RAGGED × a
# body line (a ragged end). Of the splits in reading order, the one whose neediest column
# uses the least of its room (a ragged end counting as more than all of it) is drawn.
# Only when no split of equal columns ends level do the widths differ: a column a step
# of WIDTH_STEP narrower is taller, one wider is shorter, at most WIDTH_STEPS steps either
# way (±5 %), the widths summing to the page's, the same on both pages of a sheet. If
# nothing levels, the tiles and gaps grow as far as they may and the columns end unlevel.
WIDTH_STEP = 0.025
WIDTH_STEPS = 2
GAP_GROW = 0.4  # the gaps of a column share its spare height too, up to 1.4 × the gutter
RAGGED = 0.8  # a column may end this part of a body line short of the others, at most
MAX_TRIALS = 100_000  # splits × widths weighed for a page; beyond, equal widths only

Cost = tuple[bool, int, float, int]


def _cost(steps: tuple[int, ...], need: float) -> Cost:
    """Unlevel first, then the widest step, the neediest column's need, all the steps."""
    return (need >= 1 + RAGGED - 1e-9, max(map(abs, steps)), need, sum(map(abs, steps)))


class Columns(msgspec.Struct, frozen=True):
    """Where a page's columns start (its first tile, and its end after the last column),
    each column's width step, and how much of its tiles' room to grow the worst needs
    (≤ 1: the columns end level; 1 + x: a column ends x body lines short)."""

    bounds: tuple[int, ...]
    steps: tuple[int, ...]
    need: float

    @property
    def cost(self) -> Cost:
        return _cost(self.steps, self.need)


Measures = dict[int, list[Measured | None]]  # width step → each item, None: unfit


def _widths(
    layout: PosterLayout, geo: Geometry, n: int, steps: int = WIDTH_STEPS
) -> dict[int, float]:
    """The column width at each step up to `steps` either way (only the equal width for
    fewer items than columns)."""
    base = column_width(geo.body, layout.grid.columns, geo.gutter)
    steps = steps if n >= layout.grid.columns else 0
    return {s: base * (1 + s * WIDTH_STEP) for s in range(-steps, steps + 1)}


def _measures(content: Content, design: Design, st: Styles, widths: dict[int, float]) -> Measures:
    """Every item at every width; None where a narrower width breaks a word the equal
    width does not, or cannot hold it."""
    equal = [measure(i, content, design, st, widths[0]) for i in content.items]
    out: Measures = {0: list(equal)}
    for s, w in widths.items():
        if s == 0:
            continue
        row: list[Measured | None] = []
        for item, plain in zip(content.items, equal, strict=True):
            try:
                m = measure(item, content, design, st, w)
            except Unfit:
                row.append(None)
                continue
            row.append(None if m.hyphens > plain.hyphens else m)
        out[s] = row
    return out


class _Runs:
    """Tiles i..j-1 of a content stacked as one column, at every width step: heights
    summed once (prefix sums), each run weighed once. `line`: a body line."""

    def __init__(self, tiles: Measures, room: float, gap: float, line: float, short: float = 0.0):
        self.steps = sorted(tiles)
        self.room, self.gap, self.line = room, gap, line
        self.short = short  # the last column is this much shorter (a footer at its foot)
        self.prefix = {
            s: list(accumulate((math.inf if t is None else t.height for t in row), initial=0.0))
            for s, row in tiles.items()
        }
        self.grow = list(accumulate((t.grow if t else 0.0 for t in tiles[0]), initial=0.0))
        self._seen: dict[tuple[int, int, bool, bool], tuple[tuple[int, float], ...]] = {}

    def __call__(
        self, i: int, j: int, equal: bool, last: bool = False
    ) -> tuple[tuple[int, float], ...]:
        """(width step, the share of the column's room to grow its spare height needs:
        over 1 by the body lines it ends short) for every step at which it fits;
        `equal`: the equal width only; `last`: the page's last column (`short` less room)."""
        key = (i, j, equal, last)
        got = self._seen.get(key)
        if got is None:
            out = []
            gaps = self.gap * (j - i - 1)
            slack = self.grow[j] - self.grow[i] + GAP_GROW * gaps
            room = self.room - (self.short if last else 0.0)
            for s in [0] if equal else self.steps:
                h = self.prefix[s][j] - self.prefix[s][i] + gaps
                if h <= room + 1e-9:
                    spare = room - h
                    need = spare / slack if spare <= slack else 1 + (spare - slack) / self.line
                    out.append((s, need))
            got = self._seen[key] = tuple(out)
        return got


def _grids(k: int, steps: int) -> list[tuple[int, ...]]:
    """Every k columns' width steps within ±`steps` that sum to nothing, equal first."""
    out = [g for g in product(range(-steps, steps + 1), repeat=k) if not sum(g)]
    return sorted(out, key=lambda g: (max(map(abs, g)), sum(map(abs, g)), g))


def _columns(
    runs: _Runs, lo: int, hi: int, columns: int, grid: tuple[int, ...] | None = None
) -> Columns | None:
    """The best columns for items lo..hi-1 (see the comment above), of the width steps
    `grid` if given; None if no split fits the room."""
    n = hi - lo
    k = min(columns, n)
    equal = k < columns or math.comb(n - 1, k - 1) * len(runs.steps) ** (k - 1) > MAX_TRIALS
    best: tuple[Cost, tuple[int, ...], tuple[int, ...], float] | None = None
    for cuts in combinations(range(lo + 1, hi), k - 1):
        bounds = (lo, *cuts, hi)
        if grid is not None:
            needs = [
                dict(runs(bounds[c], bounds[c + 1], False, c == k - 1)).get(grid[c])
                for c in range(k)
            ]
            if any(x is None for x in needs):
                continue
            need = max(x for x in needs if x is not None)
            cost = _cost(grid, need)
            if best is None or cost < best[0]:
                best = (cost, bounds, grid, need)
            continue
        options = [runs(bounds[c], bounds[c + 1], equal, c == k - 1) for c in range(k)]
        if not all(options):
            continue
        last = dict(options[-1])
        for choice in product(*options[:-1]):
            s_last = -sum(s for s, _ in choice)
            if s_last not in last:
                continue
            steps = (*(s for s, _ in choice), s_last)
            need = max((last[s_last], *(need for _, need in choice)))
            cost = _cost(steps, need)
            if best is None or cost < best[0]:
                best = (cost, bounds, steps, need)
    return None if best is None else Columns(best[1], best[2], best[3])


def _draw_columns(
    content: Content,
    design: Design,
    st: Styles,
    geo: Geometry,
    widths: dict[int, float],
    tiles: Measures,
    cols: Columns,
) -> list[Placed]:
    """The tiles of `cols` re-broken for drawing; each column's spare height shared by its
    tiles' room to grow and its gaps' (GAP_GROW), the same part of each, all at most."""
    body, gap = geo.body, geo.gutter
    placed = []
    x = body.x0
    for (i, j), s in zip(pairwise(cols.bounds), cols.steps, strict=True):
        width = widths[s]
        run = [tiles[s][k] for k in range(i, j)]
        drawn = [measure(t.item, content, design, st, width, final=True) for t in run if t]
        room = body.h - (geo.short_last if j == cols.bounds[-1] else 0.0)  # the last column
        spare = room - sum(t.height for t in drawn) - gap * (len(drawn) - 1)
        slack = sum(t.grow for t in drawn) + GAP_GROW * gap * (len(drawn) - 1)
        part = max(0.0, min(1.0, spare / slack))
        heights = [t.height + part * t.grow for t in drawn]
        between = gap * (1 + part * GAP_GROW)
        for t, (y0, y1) in zip(drawn, stack(heights, body.y1, between), strict=True):
            placed.append(Placed(t, Rect(x, y0, x + width, y1)))
        x += width + gap
    return placed


class Arrangement(msgspec.Struct, frozen=True):
    """A drawable plan of level columns: the widths, every item measured at each, and
    each page's columns."""

    widths: dict[int, float]
    tiles: Measures
    pages: tuple[Columns, ...]

    @property
    def cost(self) -> Cost:
        return max(c.cost for c in self.pages)

    @property
    def level(self) -> bool:
        return not self.cost[0]

    @property
    def hyphens(self) -> int:
        return sum(
            t.hyphens
            for cols in self.pages
            for (i, j), s in zip(pairwise(cols.bounds), cols.steps, strict=True)
            for t in self.tiles[s][i:j]
            if t
        )


def arrange_pages(
    content: Content,
    layout: PosterLayout,
    design: Design,
    geo: Geometries,
    st: Styles,
    steps: int = WIDTH_STEPS,
    same_grid: bool = True,
) -> Arrangement | None:
    """The masonry pages' best level columns, their widths at most `steps` from equal
    (see the comment above). Several pages: one grid for all (unless not `same_grid`:
    a last resort); two: the page break where both level best (the worse page decides;
    the more even break on a tie); more: the trial's page breaks (`page_contents`).
    Each page's columns weighed against its own room (`geo`: each page's geometry, or
    one for all). None if nothing fits."""
    n, k = len(content.items), layout.grid.columns
    pages = page_count(content, layout)
    geos = _each(geo, pages)
    widths = _widths(layout, geos[0], n, steps)
    tiles = _measures(content, design, st, widths)
    line = st.body.pitch
    runs = _Runs(tiles, geos[0].body.h, geos[0].gutter, line, geos[0].short_last)
    # a page of another height (no header, no footer) weighs its columns against its own
    page_runs = [
        runs
        if (g.body.h, g.short_last) == (geos[0].body.h, geos[0].short_last)
        else _Runs(tiles, g.body.h, g.gutter, line, g.short_last)
        for g in geos
    ]
    if pages == 1:
        cols = _columns(runs, 0, n, k)
        return None if cols is None else Arrangement(widths, tiles, (cols,))
    if pages == 2 and n >= 2 * k:
        breaks = [[0, cut, n] for cut in range(k, n - k + 1)]
    else:
        bounds = [0]
        for part in page_contents(content, layout, design, geos, st):
            bounds.append(bounds[-1] + len(part.items))
        breaks = [bounds]
    best: tuple[Cost, int, tuple[Columns, ...]] | None = None
    grids: list[tuple[int, ...] | None] = list(_grids(k, max(widths))) if same_grid else [None]
    for grid in grids:
        if grid and best is not None and not best[0][0] and max(map(abs, grid)) > best[0][1]:
            break  # the grids come narrowest step first: none wider beats a level one
        for bounds in breaks:
            found: list[Columns] = []
            for r, (a, b) in zip(page_runs, pairwise(bounds), strict=True):
                cols = _columns(r, a, b, k, grid if grid and b - a >= k else None)
                if cols is None:
                    break
                found.append(cols)
            else:
                cost = max(c.cost for c in found)
                uneven = abs(2 * bounds[1] - n) if len(bounds) == 3 else 0
                if best is None or (cost, uneven) < best[:2]:
                    best = (cost, uneven, tuple(found))
    return None if best is None else Arrangement(widths, tiles, best[2])


def draw_pages(
    content: Content, design: Design, st: Styles, geo: Geometries, plan: Arrangement
) -> list[list[Placed]]:
    geos = _each(geo, len(plan.pages))
    return [
        _draw_columns(content, design, st, g, plan.widths, plan.tiles, cols)
        for g, cols in zip(geos, plan.pages, strict=True)
    ]


def _level(
    content: Content, layout: PosterLayout, design: Design, geo: Geometry, st: Styles
) -> list[Placed]:
    """One page's tiles in level columns, drawn."""
    n = len(content.items)
    widths = _widths(layout, geo, n)
    tiles = _measures(content, design, st, widths)
    runs = _Runs(tiles, geo.body.h, geo.gutter, st.body.pitch, geo.short_last)
    cols = _columns(runs, 0, n, layout.grid.columns)
    if cols is None:  # the trial fits: only a caller placing what does not fit gets here
        return _place_masonry(content, layout, design, geo, st)
    return _draw_columns(content, design, st, geo, widths, tiles, cols)


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _overflow(need: float, have: float, what: str = "the tiles") -> str:
    return f"{what}: {need / mm(1):.0f} mm of height needed, {have / mm(1):.0f} mm available"


_SOLUTIONS: OrderedDict[tuple[bytes, bytes, float | None], Solution] = OrderedDict()
_SOLUTIONS_KEPT = 32  # a long-running server sees many contents and layouts


# Solved sizes are kept on disk too (poster.cache): the next render of the same content
# and layout reads them back instead of searching again. Keyed by content and layout as
# given; fonts are written by name and found again by it.
def _encode_face(obj: object) -> object:
    if isinstance(obj, Face):
        return obj.name
    raise NotImplementedError(type(obj))


def _decode_face(kind: type, obj: object) -> object:
    if kind is Face and isinstance(obj, str) and obj.startswith(PREFIX):
        return face(obj[len(PREFIX) :])
    raise NotImplementedError(kind)


_ENCODE = msgspec.msgpack.Encoder(enc_hook=_encode_face)
_KEPT_TITLE = msgspec.msgpack.Decoder(float | None)
_KEPT_SOLUTION = msgspec.msgpack.Decoder(Solution, dec_hook=_decode_face)


def _kept(kind: str, key: bytes, decoder: msgspec.msgpack.Decoder[T]) -> tuple[T] | None:
    """What poster.cache holds for `key`, decoded; None if nothing (or nothing usable)."""
    if cache.folder() is None:
        return None
    data = cache.get(kind, key)
    if data is None:
        return None
    try:
        return (decoder.decode(data),)
    except (msgspec.DecodeError, msgspec.ValidationError, NotImplementedError, KeyError):
        return None


def _keep(kind: str, key: bytes, value: object) -> None:
    """Store `value` in poster.cache, if the cache is on and the value can be written."""
    if cache.folder() is None:
        return
    try:
        data = _ENCODE.encode(value)
    except NotImplementedError:  # fonts that are not the shipped ones (a test's ruler)
        return
    cache.put(kind, key, data)


def title_size(content: Content, layout: PosterLayout) -> float | None:
    """The poster's title size, whatever the brand (see plan.header.steady_title_size)."""
    key = msgspec.json.encode((content, layout))
    kept = _kept("title", key, _KEPT_TITLE)
    if kept is not None:
        return kept[0]
    size = _title_size(content, layout)
    _keep("title", key, size)
    return size


def _title_size(content: Content, layout: PosterLayout) -> float | None:
    box = page_geometry(layout).header_content
    for keep in keeps(content)[:2]:  # its labels and words whole, else its words
        size = steady_title_size(content.title, layout.header, box, keep)
        if size is not None:
            return size
    return None


def solve(content: Content, layout: PosterLayout, title: float | None = None) -> Solution:
    """The largest body size, then the largest heading size, at which every tile fits;
    the headings at most the title's size / (TITLE_KEY × KEY_MIN), so that the title,
    the key and the headings keep their steps (`title`: the layout's title size, if not
    the one its own header gives).

    Kept by value (content, layout, title), the least recently used dropped first."""
    if title is None:
        title = title_size(content, layout)
    key = (msgspec.json.encode(content), msgspec.json.encode(layout), title)
    hit = _SOLUTIONS.get(key)
    if hit is not None:
        _SOLUTIONS.move_to_end(key)
        return hit
    disk = msgspec.json.encode(key)
    kept = _kept("solve", disk, _KEPT_SOLUTION)
    if kept is not None:
        solution = kept[0]
    else:
        solution = _solve(content, layout, title)
        _keep("solve", disk, solution)
    _SOLUTIONS[key] = solution
    if len(_SOLUTIONS) > _SOLUTIONS_KEPT:
        _SOLUTIONS.popitem(last=False)
    return solution


Ranges = tuple[tuple[float, float], tuple[float, float], tuple[float, float]]


def size_ranges(layout: PosterLayout, title: float | None) -> Ranges:
    """What the size search tries: the body's sizes (at most a third of the title, see
    body_cap), the heading's (at most the title's size / (TITLE_KEY × KEY_MIN), see
    heading_top) and their ratio; headings alone (no body text): the headings' sizes,
    searched as the body's at a ratio of 1."""
    h = layout.fonts.heading
    top = heading_top(layout, title)
    if layout.tile.show == "headings":
        return (h.min, top), (h.min, top), (1.0, 1.0)
    b = layout.body_font
    body_max = max(b.min, min(b.max, body_cap(layout, title)))
    return (b.min, body_max), (h.min, top), (h.ratio_min, h.ratio_max)


def _solve(content: Content, layout: PosterLayout, title: float | None = None) -> Solution:
    check_content_glyphs(content)
    geo = page_geometry(layout)  # the first page's, with the header
    fonts = layout.fonts
    if any(g.body.h <= 0 or g.body.w <= 0 for g in page_geometries(content, layout)):
        raise PosterError.of("fit.no-room", layout.source_file, "header.height_mm")
    design = poster_design(layout)
    last_error: list[Unfit] = []

    def attempt(body: float, heading: float, strict: bool, design: Design = design) -> bool:
        below = bodies(content, layout, key_size(heading, title))
        st = poster_styles(content, layout, body, heading)
        try:
            parts = page_contents(content, layout, design, below, st)
            placed = [t for part, g in zip(parts, below, strict=True)
                      for t in place(part, layout, design, g, st)]  # fmt: skip
        except Unfit as e:
            last_error[:] = [e]
            return False
        # a word broken between letters is a last resort: first try smaller sizes
        return not strict or not any(t.tile.hyphens for t in placed)

    ranges = size_ranges(layout, title)
    if layout.tile.show == "headings":
        floor_field, floor = "fonts.heading.min", fonts.heading.min
    else:
        floor_field, floor = "fonts.body.min", layout.body_font.min
    sizes = body_and_heading(*ranges, lambda b, hh: attempt(b, hh, True))
    if sizes is None and layout.grid.flow == "masonry":
        # equal columns cannot hold the tiles with whole words: level columns may
        found = _masonry_solution(
            content, layout, design, geo, title, None, True, ranges, level_only=True
        )
        if found is not None:
            return found
    if sizes is None:  # at the smallest sizes: a heading may split a word to save a line
        design = msgspec.structs.replace(design, whole_words=False)
        sizes = body_and_heading(*ranges, lambda b, hh: attempt(b, hh, True, design))
    strict = sizes is not None
    if sizes is None:
        sizes = body_and_heading(*ranges, lambda b, hh: attempt(b, hh, False, design))
    if layout.grid.flow == "masonry":
        found = _masonry_solution(content, layout, design, geo, title, sizes, strict, ranges)
        if found is not None:
            return found
    if sizes is None:
        e = last_error[0]
        raise PosterError.of(
            "fit.item", layout.source_file, floor_field, n=e.item.n,
            heading=short(e.item.heading), layout=layout.name, size=floor, why=e.why,
        )  # fmt: skip
    body, heading = sizes
    st = poster_styles(content, layout, body, heading)
    size = key_size(heading, title)
    below = bodies(content, layout, size)
    key = Rect(geo.body.x0, below[0].body.y1, geo.body.x1, geo.body.y1)
    parts = page_contents(content, layout, design, below, st)
    pages = tuple(tuple(place(part, layout, design, g, st, final=True))
                  for part, g in zip(parts, below, strict=True))  # fmt: skip
    return Solution(below[0], st, pages, key, size, tuple(below))


# Spare height grows the type first. The size search tries columns of equal width and
# natural height; level columns (the rhythm above) often hold other sizes, so sizes are
# tried again with them: the body first, its heading at the layout's smallest ratio to it,
# from an estimate (the tiles' text grows with the square of the size: the size at which
# they would fill every column) down to one that levels, then up again by bisection; then
# the largest heading (up to the largest ratio) at which that body still levels.
# Equal columns first, at a body down to the layout's aim (`fonts.body.aim`, the brief's
# body for its reading distance); else columns up to WIDTH_STEPS from equal (at each size
# equal ones first); LAST_STEPS only if none levels, and at last each page its own grid.
# A layout of headings alone searches its headings as the body, at a ratio of 1.
GROW_LIMIT = 1.15  # the largest body tried, × the size the search found
LAST_STEPS = 4  # ±10 %: a last resort, for a content the layout can hardly hold

Tried = tuple["Arrangement | None", Styles, list[Geometry], float]
Mode = tuple[int, bool]  # the widest width step, and one grid for all pages


def _masonry_solution(
    content: Content,
    layout: PosterLayout,
    design: Design,
    geo: Geometry,
    title: float | None,
    sizes: tuple[float, float] | None,
    strict: bool,
    ranges: Ranges | None = None,
    level_only: bool = False,
) -> Solution | None:
    """Level columns at the largest body size that has them (see above); the best
    columns at the size the search found if none levels (unless `level_only`); None if
    nothing fits. `ranges`: the body's, the heading's and their ratio's, as the search
    had them (see size_ranges)."""
    (body_min, body_max), (h_min, top), (ratio_min, ratio_max) = ranges or size_ranges(
        layout, title
    )

    def heading_for(b: float) -> float:
        """The smallest heading for a body size: its smallest ratio, in the range."""
        return round(min(max(b * ratio_min, h_min), top), 6)

    def widest_for(b: float) -> float:
        """The largest heading for a body size: its largest ratio, in the range."""
        return max(heading_for(b), min(top, b * ratio_max))

    body, heading = sizes or (body_min, heading_for(body_min))
    tried: dict[tuple[int, float, Mode], Tried] = {}

    def at(tenths: int, steps: Mode, hh: float | None = None) -> Tried:
        b = tenths / 10
        if hh is None:
            hh = heading if tenths == round(body * 10) else heading_for(b)
        if (tenths, hh, steps) not in tried:
            size = key_size(hh, title)
            below = bodies(content, layout, size)
            st = poster_styles(content, layout, b, hh)
            try:
                plan = arrange_pages(content, layout, design, below, st, *steps)
            except Unfit:
                plan = None
            tried[tenths, hh, steps] = (plan, st, below, size)
        return tried[tenths, hh, steps]

    def good(tenths: int, steps: Mode, hh: float | None = None) -> bool:
        plan = at(tenths, steps, hh)[0]
        return plan is not None and plan.level and (not strict or plan.hyphens == 0)

    def levels(tenths: int, steps: Mode) -> bool:
        """Level at this body with some heading: the one found, or at the smallest, the
        middle or the largest ratio (a larger heading fills a column a capped body leaves
        short)."""
        b = tenths / 10
        smallest, widest = heading_for(b), widest_for(b)
        heads = (None, smallest, round((smallest + widest) / 2, 1), round(widest, 1))
        return any(good(tenths, steps, hh) for hh in dict.fromkeys(heads))

    base = round(body * 10)
    lowest = round(body_min * 10)
    first = at(base, (0, True))[0]
    if first is not None:
        # the size at which the tiles would fill every column
        used = sum(t.height for t in first.tiles[0] if t) + geo.gutter * len(content.items)
        rooms = [g.body.h for g in at(base, (0, True))[2]][: len(first.pages)]
        room = sum(r + geo.gutter for r in rooms) * layout.grid.columns
        estimate = body * min(GROW_LIMIT, math.sqrt(room / used))
    else:
        estimate = body
    start = max(base, min(round(body_max * 10), math.floor(estimate * 10 + 1e-6)))

    def search(steps: Mode, floor: int = lowest) -> int | None:
        """The largest body (tenths, `floor` or more) at which columns of these steps
        level; None if none."""
        lo: int | None = start
        hi, step = start, 1
        # down from the estimate in growing steps (by way of the size found)
        while lo is not None and not levels(lo, steps):
            hi = lo - 1
            nxt = lo - step
            if lo > base >= nxt and base >= floor:
                nxt = base
            lo = None if lo <= floor else max(floor, nxt)
            step *= 2
        if lo is None:
            return None
        while hi > lo:  # the largest that levels between lo (levels) and hi
            mid = (lo + hi + 1) // 2
            if levels(mid, steps):
                lo = mid
            else:
                hi = mid - 1
        return lo

    # equal columns down to the aim; then up to ±5 % (equal ones still first at a size)
    aim = max(lowest, round((layout.body_font.aim or body_min) * 10))
    steps: Mode = (0, True)
    found = search(steps, aim)
    for wider in ((WIDTH_STEPS, True), (LAST_STEPS, True), (LAST_STEPS, False)):
        if found is None:
            found, steps = search(wider), wider
    if found is not None:
        b = found / 10
        # the largest heading that levels: from the largest down, by bisection where the
        # levelling ones are a run (checked: it levels)
        hh = largest(heading_for(b), widest_for(b), lambda x: good(found, steps, round(x, 6)))
        if hh is None or not good(found, steps, round(hh, 6)):
            hh = max(x for t, x, s in tried if t == found and s == steps and good(t, s, x))
        plan, st, below, size = at(found, steps, round(hh, 6))
    else:  # nothing levels: the best columns at the size found
        plan, st, below, size = at(base, (LAST_STEPS, False))
        if plan is None or level_only:
            return None
    assert plan is not None
    drawn = draw_pages(content, design, st, below, plan)
    key = Rect(geo.body.x0, below[0].body.y1, geo.body.x1, geo.body.y1)
    return Solution(below[0], st, tuple(tuple(page) for page in drawn), key, size, tuple(below))


def heading_top(layout: PosterLayout, title: float | None) -> float:
    """The largest heading: the layout's, at most the title / (TITLE_KEY × KEY_MIN)."""
    h = layout.fonts.heading
    return h.max if title is None else max(h.min, min(h.max, title / (TITLE_KEY * KEY_MIN)))


# The title at least TITLE_BODY × the body (the design brief: 3 to 5 times): the body is
# no larger than the title allows, but never under the layout's smallest. A layout of
# headings alone has no body to cap.
TITLE_BODY = 3.0


def body_cap(layout: PosterLayout, title: float | None) -> float:
    """The largest body the title allows (see TITLE_BODY)."""
    b = layout.body_font
    if title is None:
        return b.max
    return max(b.min, math.floor(title / TITLE_BODY * 10 + 1e-6) / 10)


def crop_marks(
    geo: Geometry, options: Options, layout: PosterLayout, brand: Brand, page: str = ""
) -> list[Mark]:
    """Crop marks at the four corners, outside the bleed, and a slug line under them
    (`page`: which page of several, "trang 1/2")."""
    t, b = geo.trim, geo.bleed_box
    gap, length, width = mm(MARK_GAP_MM), mm(MARK_LENGTH_MM), 0.25
    out: list[Mark] = []
    for x, sx in ((t.x0, -1), (t.x1, 1)):
        for y, sy in ((t.y0, -1), (t.y1, 1)):
            near_x = (b.x0 if sx < 0 else b.x1) + sx * gap
            near_y = (b.y0 if sy < 0 else b.y1) + sy * gap
            out.append(Line(near_x, y, near_x + sx * length, y, width, REGISTRATION))
            out.append(Line(x, near_y, x, near_y + sy * length, width, REGISTRATION))
    w_mm, h_mm = layout.page.trim_mm()
    when = options.date or date.today().isoformat()
    bleed_mm = layout.bleed_mm if options.bleed_mm is None else options.bleed_mm
    parts = [options.filename, f"{layout.name} {w_mm:g} × {h_mm:g} mm, bleed {bleed_mm:g} mm"]
    parts += [
        page,
        brand.name,
        when,
        f"PDF/X-{options.pdfx}" if options.pdfx else "CMYK" if options.cmyk else "RGB",
    ]
    slug = " · ".join(p for p in parts if p)
    st = style(face("footer"), 6.5, 1.2, [slug])
    y = geo.media.y0 + mm(1.5) + st.descent
    out.append(TextLine(t.x0, y, slug, st.face.name, st.size, BLACK))
    return out


def grown_header(
    content: Content, layout: PosterLayout, brand: Brand, title: Block
) -> PosterLayout:
    """The layout with its header band taller by whole millimetres if the brand's
    letterhead does not fit above the steady `title` at the layout's smallest authority
    size (the title keeps its size and its lines)."""
    room = letterhead_room(content, brand, layout.header, page_geometry(layout).header_content,
                           title)  # fmt: skip
    if room <= 0:
        return layout
    header = msgspec.structs.replace(
        layout.header, height_mm=layout.header.height_mm + math.ceil(room / mm(1) - 1e-6)
    )
    return msgspec.structs.replace(layout, header=header)


@lru_cache(maxsize=256)
def _tile_marks(tile: Measured, rect: Rect, colors: Colors, ground: Color) -> tuple[Mark, ...]:
    """A tile's marks, kept by value: they depend only on the tile, where it is and the
    colours, so every commune of a batch in the same colours shares them."""
    return tuple(tile_marks(tile, arrange(tile, rect), colors, ground))


def plan_poster(content: Content, layout: PosterLayout, brand: Brand, options: Options) -> Document:
    check_letterhead(brand, layout.header, layout.name)  # before the header grows for it
    title = title_size(content, layout)
    block, letterhead = None, None
    box = page_geometry(layout).header_content
    if title is not None:
        block = steady_title(content, layout.header, box, title)
    if block is not None:
        letterhead = letterhead_size(content, brand, layout.header, box, block)
        layout = grown_header(content, layout, brand, block)
    sol = solve(content, layout, title)
    count = len(sol.pages)
    geos = [sol.page_geometry(i) for i in range(count)]
    if options.bleed_mm is not None or options.marks:
        geos = page_geometries(content, layout, options.bleed_mm, options.marks)
    geo = geos[0]
    dx, dy = geo.trim.x0 - sol.geometry.trim.x0, geo.trim.y0 - sol.geometry.trim.y0
    # what the pages have: the ground (paper: none), the header band and the key (every
    # page, or the first), the footer (every page, or the last)
    paper = layout.ground == "paper"
    ground = WHITE if paper else brand.colors.background
    base: list[Mark] = [] if paper else [Fill(geo.bleed_box, brand.colors.background)]
    head = title_block(content, brand, layout.header, geo.header, geo.header_content,
                       layout.name, layout.source_file, "header.height_mm", block,
                       letterhead)  # fmt: skip
    design = poster_design(layout)
    head += key_marks(content, brand, sol.key.shift(dx, dy), sol.key_size, design,
                      tile_edge(sol.styles.body.size), ground)  # fmt: skip
    feet: dict[Rect, list[Mark]] = {}  # by where the footer goes
    pages = []
    for i, tiles in enumerate(sol.pages):
        page_geo = geos[i]
        marks = list(base)
        if has_header(layout, i):
            marks += head
        groups = []
        for t in tiles:
            rect = t.rect.shift(dx, dy) if dx or dy else t.rect
            start = len(marks)
            marks += _tile_marks(t.tile, rect, brand.colors, ground)
            groups.append((start, len(marks)))
        if has_footer(layout, i, count):
            where = page_geo.footer_content
            if layout.footer.position == "last-column" and tiles:
                # under the last column alone: from its left edge to the margin
                x0 = max(t.rect.x0 for t in tiles) + dx
                where = Rect(x0, where.y0, where.x1, where.y1)
            if where not in feet:
                at = msgspec.structs.replace(page_geo, footer_content=where)
                feet[where] = footer_marks(content, layout, brand, at)
            marks += feet[where]
        which = f"trang {i + 1}/{count}" if count > 1 else ""
        if options.marks:
            marks += crop_marks(page_geo, options, layout, brand, which)
        pages.append(
            Page(page_geo.media.w, page_geo.media.h, tuple(marks), "poster", page_geo.trim,
                 page_geo.bleed_box, label=f"Trang {i + 1}/{count}" if count > 1 else "",
                 groups=tuple(groups))
        )  # fmt: skip
    return Document(
        kind="poster",
        pages=tuple(pages),
        title=content.title,
        author=brand.name,
        subject=f"{content.title} — {brand.name}",
        layout=layout.name,
        body_size=0.0 if layout.tile.show == "headings" else sol.styles.body.size,
        heading_size=sol.styles.heading.size,
        cmyk=options.cmyk or bool(options.pdfx),
        pdfx=options.pdfx,
    )
