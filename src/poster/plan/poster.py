"""Posters: pages of tiles in a grid, each between the header band and the footer.

One body size and one heading size for every tile of a poster, the largest in the
layout's ranges at which all tiles fit. Tiles depend on content, layout and fonts,
never on the brand, so a solution is computed once and reused for every brand.
A layout with `pages: 2` (a small poster's front and back) spreads the items evenly
over its pages, each page with the header, the key and the footer with its QR code.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from itertools import pairwise

import msgspec

from poster.colors import BLACK, REGISTRATION, on
from poster.document import Document, Fill, Line, Mark, Page, Polygon, TextLine
from poster.errors import PosterError
from poster.fonts import face
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
from poster.plan.header import title_block
from poster.plan.options import Options
from poster.plan.text import check_content_glyphs
from poster.plan.tile import (
    Design,
    Measured,
    Styles,
    Unfit,
    arrange,
    labels,
    make_styles,
    measure,
    poster_design,
    tile_marks,
)
from poster.spec import Brand, Content, Item, PosterLayout
from poster.textfit import Style, body_and_heading, style
from poster.units import mm


class Placed(msgspec.Struct, frozen=True):
    tile: Measured
    rect: Rect


class Solution(msgspec.Struct, frozen=True):
    geometry: Geometry  # its body is below the key
    styles: Styles
    pages: tuple[tuple[Placed, ...], ...]  # the tiles of each page
    key: Rect  # the key's row, above the tiles

    @property
    def tiles(self) -> tuple[Placed, ...]:
        return tuple(t for page in self.pages for t in page)


def page_contents(
    content: Content, layout: PosterLayout, design: Design, geo: Geometry, st: Styles
) -> list[Content]:
    """The content's items spread over the layout's pages, in order. Masonry: the split
    that keeps the tallest of all the pages' columns lowest (the tiles measured at these
    sizes), so no page is crowded while another is half empty; rows: by count, as evenly
    as they go (the earlier pages take one more: 17 items on 2 pages are 9 and 8)."""
    items = content.items
    pages = min(layout.pages, len(items))
    if pages == 1:
        return [content]
    grid = layout.grid
    if grid.flow == "masonry" and len(items) >= grid.columns * pages:
        width = column_width(geo.body, grid.columns, geo.gutter)
        heights = [measure(i, content, design, st, width).height for i in items]
        starts = balance(heights, grid.columns * pages, geo.gutter)
        bounds = [*starts[:: grid.columns], len(items)]
    else:
        size, more = divmod(len(items), pages)
        bounds = [0]
        for i in range(pages):
            bounds.append(bounds[-1] + size + (1 if i < more else 0))
    return [msgspec.structs.replace(content, items=items[a:b]) for a, b in pairwise(bounds)]


# The key above the tiles: "CÔNG NGHỆ THÔNG TIN → CHUYỂN ĐỔI SỐ" in the sides' colours,
# larger than the tiles' headings, each label on a bar of its colour.
KEY_RATIO = 1.3  # of the heading size
KEY_BAR = 0.14  # the bar under a label, in em


def key_style(content: Content, heading: float) -> Style:
    return style(face("label"), heading * KEY_RATIO, 1.0, labels(content))


def key_height(content: Content, heading: float, gap: float) -> float:
    st = key_style(content, heading)
    return st.ascent + st.descent + st.size * (KEY_BAR + 0.25) + gap


def key_geometry(geo: Geometry, content: Content, heading: float) -> Geometry:
    b = geo.body
    room = key_height(content, heading, 0.6 * geo.gutter)
    return msgspec.structs.replace(geo, body=Rect(b.x0, b.y0, b.x1, b.y1 - room))


def key_marks(content: Content, brand: Brand, row: Rect, heading: float) -> list[Mark]:
    """Both sides' labels, centred in `row` (its top at the glyphs' top), an arrow between."""
    c = brand.colors
    st = key_style(content, heading)
    left, right = labels(content)
    # long labels (another content's): the key shrinks to the row's width
    em = st.face.width(left) + st.face.width(right) + 2.5
    if em * st.size > row.w:
        st = style(st.face, row.w / em, 1.0, [left, right])
    s = st.size
    lw, rw = (st.face.width(t) * s for t in (left, right))
    arrow_w, space = 1.3 * s, 0.6 * s
    total = lw + rw + arrow_w + 2 * space
    x = (row.x0 + row.x1 - total) / 2
    base = row.y1 - st.ascent
    bar_top = base - st.descent - 0.25 * s
    bar = KEY_BAR * s
    marks: list[Mark] = []
    for text, w, color in ((left, lw, c.left), (right, rw, c.right)):
        marks.append(TextLine(x, base, text, st.face.name, s, on(brand.colors.background, color)))
        marks.append(Fill(Rect(x, bar_top - bar, x + w, bar_top), color))
        if text is left:
            # the arrow: a shaft and a head, at the middle of the capitals
            ax0, ax1 = x + w + space, x + w + space + arrow_w
            cy, t, hh = base + 0.36 * s, 0.09 * s, 0.3 * s
            head = ax1 - 0.45 * s
            marks.append(
                Polygon(
                    ((ax0, cy - t), (head, cy - t), (head, cy - hh), (ax1, cy), (head, cy + hh),
                     (head, cy + t), (ax0, cy + t)),
                    on(brand.colors.background, c.text),
                )
            )  # fmt: skip
            x = ax1 + space
    return marks


def poster_styles(content: Content, layout: PosterLayout, body: float, heading: float) -> Styles:
    fonts = layout.fonts
    return make_styles(
        content,
        body,
        heading,
        body_leading=fonts.body.leading,
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
    """Measure and place every tile; raise Unfit if they do not fit the body area."""
    grid, body, gap = layout.grid, geo.body, geo.gutter
    if grid.flow == "masonry":
        return _place_masonry(content, layout, design, geo, st, final)
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
    content: Content,
    layout: PosterLayout,
    design: Design,
    geo: Geometry,
    st: Styles,
    final: bool = False,
) -> list[Placed]:
    grid, body, gap = layout.grid, geo.body, geo.gutter
    width = column_width(body, grid.columns, gap)
    tiles = [measure(item, content, design, st, width, final) for item in content.items]
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
        # columns end level: each tile grows a little (at most a body line per side box),
        # the rest of the spare height goes between the tiles
        spare = body.h - total
        grown = [h + min(spare / len(run), t.grow) for h, t in zip(run, tiles[i:j], strict=True)]
        left = body.h - sum(grown)
        between = (left / (len(run) - 1)) if len(run) > 1 else gap
        x0 = body.x0 + col * (width + gap)
        for t, (y0, y1) in zip(tiles[i:j], stack(grown, body.y1, between), strict=True):
            placed.append(Placed(t, Rect(x0, y0, x0 + width, y1)))
    return placed


def short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _overflow(need: float, have: float, what: str = "the tiles") -> str:
    return f"{what}: {need / mm(1):.0f} mm of height needed, {have / mm(1):.0f} mm available"


_SOLUTIONS: OrderedDict[tuple[bytes, bytes], Solution] = OrderedDict()
_SOLUTIONS_KEPT = 32  # a long-running server sees many contents and layouts


def solve(content: Content, layout: PosterLayout) -> Solution:
    """The largest body size, then the largest heading size, at which every tile fits.

    Kept by value (content and layout), the least recently used dropped first."""
    key = (msgspec.json.encode(content), msgspec.json.encode(layout))
    hit = _SOLUTIONS.get(key)
    if hit is not None:
        _SOLUTIONS.move_to_end(key)
        return hit
    solution = _solve(content, layout)
    _SOLUTIONS[key] = solution
    if len(_SOLUTIONS) > _SOLUTIONS_KEPT:
        _SOLUTIONS.popitem(last=False)
    return solution


def _solve(content: Content, layout: PosterLayout) -> Solution:
    check_content_glyphs(content)
    geo = page_geometry(layout)
    fonts = layout.fonts
    if geo.body.h <= 0 or geo.body.w <= 0:
        raise PosterError.of("fit.no-room", layout.source_file, "header.height_mm")
    design = poster_design(layout)
    last_error: list[Unfit] = []

    def attempt(body: float, heading: float, strict: bool, design: Design = design) -> bool:
        below = key_geometry(geo, content, heading)
        st = poster_styles(content, layout, body, heading)
        try:
            parts = page_contents(content, layout, design, below, st)
            placed = [t for part in parts for t in place(part, layout, design, below, st)]
        except Unfit as e:
            last_error[:] = [e]
            return False
        # a word broken between letters is a last resort: first try smaller sizes
        return not strict or not any(t.tile.hyphens for t in placed)

    h = fonts.heading
    ranges = (fonts.body.min, fonts.body.max), (h.min, h.max), (h.ratio_min, h.ratio_max)
    sizes = body_and_heading(*ranges, lambda b, hh: attempt(b, hh, True))
    if sizes is None:  # at the smallest sizes: a heading may split a word to save a line
        design = msgspec.structs.replace(design, whole_words=False)
        sizes = body_and_heading(*ranges, lambda b, hh: attempt(b, hh, True, design))
    if sizes is None:
        sizes = body_and_heading(*ranges, lambda b, hh: attempt(b, hh, False, design))
    if sizes is None:
        e = last_error[0]
        raise PosterError.of(
            "fit.item", layout.source_file, "fonts.body.min", n=e.item.n,
            heading=short(e.item.heading), layout=layout.name, size=fonts.body.min, why=e.why,
        )  # fmt: skip
    body, heading = sizes
    st = poster_styles(content, layout, body, heading)
    below = key_geometry(geo, content, heading)
    key = Rect(geo.body.x0, below.body.y1, geo.body.x1, geo.body.y1)
    parts = page_contents(content, layout, design, below, st)
    pages = tuple(tuple(place(part, layout, design, below, st, final=True)) for part in parts)
    return Solution(below, st, pages, key)


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


def plan_poster(content: Content, layout: PosterLayout, brand: Brand, options: Options) -> Document:
    sol = solve(content, layout)
    geo = sol.geometry
    if options.bleed_mm is not None or options.marks:
        geo = page_geometry(layout, options.bleed_mm, options.marks)
    dx, dy = geo.trim.x0 - sol.geometry.trim.x0, geo.trim.y0 - sol.geometry.trim.y0
    # what every page has: the ground, the header band, the key, the footer
    head: list[Mark] = [Fill(geo.bleed_box, brand.colors.background)]
    head += title_block(content, brand, layout.header, geo.header, geo.header_content,
                        layout.name, layout.source_file, "header.height_mm")  # fmt: skip
    head += key_marks(content, brand, sol.key.shift(dx, dy), sol.styles.heading.size)
    foot = footer_marks(content, layout, brand, geo)
    count = len(sol.pages)
    pages = []
    for i, tiles in enumerate(sol.pages, start=1):
        marks = list(head)
        for t in tiles:
            rect = t.rect.shift(dx, dy) if dx or dy else t.rect
            marks += tile_marks(t.tile, arrange(t.tile, rect), brand, brand.colors.background)
        marks += foot
        which = f"trang {i}/{count}" if count > 1 else ""
        if options.marks:
            marks += crop_marks(geo, options, layout, brand, which)
        pages.append(
            Page(geo.media.w, geo.media.h, tuple(marks), "poster", geo.trim, geo.bleed_box,
                 label=f"Trang {i}/{count}" if count > 1 else "")
        )  # fmt: skip
    return Document(
        kind="poster",
        pages=tuple(pages),
        title=content.title,
        author=brand.name,
        subject=f"{content.title} — {brand.name}",
        layout=layout.name,
        body_size=sol.styles.body.size,
        heading_size=sol.styles.heading.size,
        cmyk=options.cmyk or bool(options.pdfx),
        pdfx=options.pdfx,
    )
