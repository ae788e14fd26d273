"""The plan: every mark on the page as a positioned item, decided before anything is drawn.

Header (authority lines, logo, title), tiles (badge, heading, two labelled sides),
footer (attribution, QR with caption). Positions in points, PDF orientation. No
ReportLab canvas here: the drawing module only follows the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from poster.brandcheck import warn_logo
from poster.colors import BLACK, REGISTRATION, SIDE_TINT, WHITE, Color, contrast_ratio
from poster.errors import PosterError
from poster.fonts import check_glyphs, face
from poster.layout import Geometry, Rect, page_geometry
from poster.qr import QUIET_ZONE, dark_runs, qr_matrix
from poster.spec import Brand, Content, Layout
from poster.textfit import Block, Style, largest, style, wrap
from poster.tiles import PlacedTile, Solution, solve
from poster.units import mm


@dataclass(frozen=True)
class Fill:
    rect: Rect
    color: Color
    radius: float = 0.0


@dataclass(frozen=True)
class Disc:
    cx: float
    cy: float
    r: float
    color: Color


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    color: Color


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    color: Color
    dash: tuple[float, ...] = ()  # on, off lengths; () for a solid line


@dataclass(frozen=True)
class TextLine:
    x: float  # left end of the line
    y: float  # baseline
    text: str
    font: str
    size: float
    color: Color


@dataclass(frozen=True)
class QRSymbol:
    rect: Rect  # the symbol, without quiet zone
    module: float
    runs: tuple[tuple[int, int, int], ...]
    size: int  # modules per side
    color: Color


@dataclass(frozen=True)
class Picture:
    path: Path
    rect: Rect
    background: Color  # what transparent parts show (flattened for CMYK)


@dataclass(frozen=True)
class Run:
    text: str
    font: str
    size: float
    color: Color


@dataclass(frozen=True)
class TextBox:
    """A paragraph: its runs (for editable exports such as PPTX) and its wrapped lines
    (what the PDF draws). `rect` holds every glyph of the lines."""

    rect: Rect
    runs: tuple[Run, ...]
    lines: tuple[TextLine, ...]
    pitch: float  # line spacing, points
    align: str = "left"


Mark = Fill | Disc | Polygon | Line | TextLine | TextBox | QRSymbol | Picture


@dataclass(frozen=True)
class Options:
    """How to make the file: bleed override, crop marks, colour space."""

    bleed_mm: float | None = None
    marks: bool = False
    cmyk: bool = False
    filename: str = ""  # named in the slug line
    date: str = ""  # for the slug line; today when empty


@dataclass(frozen=True)
class Plan:
    geometry: Geometry
    marks: tuple[Mark, ...]
    tiles: dict[int, Rect]  # item number → tile rectangle
    title: str
    author: str
    subject: str
    body_size: float
    heading_size: float
    layout: str
    cmyk: bool = False


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@lru_cache(maxsize=256)
def _image_size(path: str, mtime: float) -> tuple[int, int]:
    from PIL import Image

    with Image.open(path) as im:
        return im.size


def image_size(path: str) -> tuple[int, int]:
    return _image_size(path, Path(path).stat().st_mtime)


def on(background: Color, preferred: Color) -> Color:
    """The text colour for `background`: `preferred` if it reads (4.5:1), else white or black."""
    if contrast_ratio(preferred, background) >= 4.5:
        return preferred
    dark = BLACK
    return WHITE if contrast_ratio(WHITE, background) >= contrast_ratio(dark, background) else dark


def lines(
    block: Block,
    x: float,
    top: float,
    color: Color,
    *,
    align: str = "left",
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


def balanced(text: str, st: Style, width: float) -> Block:
    """Wrap into as few lines as `width` allows, with the lines as even as possible."""
    block = wrap(text, st, width)
    if len(block.lines) < 2:
        return block
    lo, hi = 0.0, width
    for _ in range(14):
        mid = (lo + hi) / 2
        try:
            trial = wrap(text, st, mid)
        except Exception:
            lo = mid
            continue
        if len(trial.lines) == len(block.lines):
            hi = mid
        else:
            lo = mid
    return wrap(text, st, hi)


# ---------------------------------------------------------------- header


def _header(content: Content, layout: Layout, brand: Brand, geo: Geometry) -> list[Mark]:
    c = brand.colors
    marks: list[Mark] = [Fill(geo.header, c.primary)]
    ink = on(c.primary, WHITE)
    box = geo.header_content
    logo_size = min(mm(layout.header.logo_mm), box.h) if brand.logo else 0.0
    side = logo_size + mm(6) if logo_size else 0.0
    text_x0, text_w = box.x0 + side, box.w - 2 * side
    if brand.logo and logo_size:
        w_px, h_px = image_size(brand.logo)
        scale = logo_size / max(w_px, h_px)  # the image is fitted into the square
        warn_logo(brand.source_file, Path(brand.logo).name, (w_px, h_px),
                  (w_px * scale, h_px * scale), layout.name)  # fmt: skip
        cy = (box.y0 + box.y1) / 2
        marks.append(
            Picture(
                Path(brand.logo),
                Rect(box.x0, cy - logo_size / 2, box.x0 + logo_size, cy + logo_size / 2),
                c.primary,
            )
        )

    spec = layout.header
    file = brand.source_file or "brand"
    for i, line in enumerate(brand.authority):
        check_glyphs(line, "authority", file, f"authority.{i}")
    lines_text = list(brand.authority)
    if content.subtitle:
        lines_text.append(content.subtitle)
    # The text is centred on the page, clear of the logo on both sides; when that
    # leaves too little room, it is centred in the space right of the logo instead.
    areas = [(text_x0, text_w)]
    if side:
        areas.append((box.x0 + side, box.w - side))
    for x0, width in areas:
        got = _header_text(content, layout, brand, box, lines_text, x0, width, ink)
        if isinstance(got, list):
            return marks + got
    if got == "authority":
        authority_face = face("authority")
        longest = max(lines_text, key=authority_face.width)
        raise PosterError.one(
            file,
            "authority",
            f"line {_cut(longest)!r} is too long for the header of layout {layout.name!r}"
            f" even at {spec.authority.min:g} pt",
        )
    raise PosterError.one(
        layout.source_file,
        "header.height_mm",
        f"the title does not fit the header of layout {layout.name!r} at {spec.title.min:g} pt"
        + (f" beside {len(lines_text)} authority lines" if lines_text else ""),
    )


def _header_text(
    content: Content,
    layout: Layout,
    brand: Brand,
    box: Rect,
    lines_text: list[str],
    text_x0: float,
    text_w: float,
    ink: Color,
) -> list[Mark] | str:
    """Authority lines and title in the given width, or what did not fit."""
    spec = layout.header
    authority_face = face("authority")

    def authority_fits(size: float) -> bool:
        return all(authority_face.width(t) * size <= text_w for t in lines_text)

    a_size = (
        largest(spec.authority.min, spec.authority.max, authority_fits)
        if lines_text
        else spec.authority.min
    )
    if a_size is None:
        return "authority"
    a_style = style(authority_face, a_size, 1.2, lines_text or ["A"])
    a_gap = 0.6 * a_size if lines_text else 0.0
    a_height = (
        (a_style.ascent + (len(lines_text) - 1) * a_style.pitch + a_style.descent)
        if lines_text
        else 0.0
    )
    title_face = face("title")

    def title_block(size: float) -> Block | None:
        block = balanced(content.title, style(title_face, size, 1.1, [content.title]), text_w)
        if len(block.lines) > spec.title_max_lines or a_height + a_gap + block.height > box.h:
            return None
        return block

    t_size = largest(spec.title.min, spec.title.max, lambda s: title_block(s) is not None, step=0.5)
    if t_size is None:
        return "title"
    title = title_block(t_size)
    assert title is not None
    total = a_height + a_gap + title.height
    top = (box.y0 + box.y1 + total) / 2
    out: list[Mark] = []
    if lines_text:
        out += lines(
            Block(tuple(lines_text), a_style), text_x0, top, ink, align="center", width=text_w
        )
    out += lines(title, text_x0, top - a_height - a_gap, ink, align="center", width=text_w)
    return out


# ---------------------------------------------------------------- footer


def _footer(content: Content, layout: Layout, brand: Brand, geo: Geometry) -> list[Mark]:
    c = brand.colors
    box = geo.footer_content
    file = brand.source_file or "brand"
    matrix = qr_matrix(brand.qr.url)
    n = len(matrix)
    size = mm(layout.qr.size_mm)
    module = size / n
    quiet = QUIET_ZONE * module
    right = layout.qr.position == "footer-right"
    sx0 = box.x1 - size if right else box.x0
    symbol = Rect(sx0, box.y0, sx0 + size, box.y0 + size)
    if symbol.y1 > box.y1 + 1e-6:
        raise PosterError.one(
            layout.source_file,
            "qr.size_mm",
            f"a {layout.qr.size_mm:g} mm QR code does not fit the footer of layout {layout.name!r}",
        )
    plate = symbol.inset(-quiet)
    marks: list[Mark] = [
        Fill(plate, WHITE, radius=module),
        QRSymbol(symbol, module, tuple(dark_runs(matrix)), n, BLACK),
    ]

    check_glyphs(brand.qr.caption, "caption", file, "qr.caption")
    if brand.footer:
        check_glyphs(brand.footer, "footer", file, "footer")
    text_ink = on(c.background, c.text)
    link_ink = on(c.background, c.primary)
    gap = mm(6)
    caption_w = min(box.w * 0.3, mm(150))
    caption_x = plate.x0 - gap - caption_w if right else plate.x1 + gap
    left_x = box.x0 if right else caption_x + caption_w + gap * 2
    left_w = (caption_x - gap * 2 - box.x0) if right else box.x1 - left_x
    height = box.h

    def blocks(s: float) -> tuple[list[Block], list[Block]] | None:
        cap = [
            balanced(
                brand.qr.caption, style(face("caption"), s, 1.25, [brand.qr.caption]), caption_w
            ),
            wrap(
                brand.qr.url.removeprefix("https://"),
                style(face("footer"), s, 1.25, [brand.qr.url]),
                caption_w,
            ),
        ]
        left = []
        if content.source:
            left.append(
                wrap(content.source, style(face("footer"), s, 1.3, [content.source]), left_w)
            )
        if brand.footer:
            left.append(wrap(brand.footer, style(face("caption"), s, 1.3, [brand.footer]), left_w))
        for group in (cap, left):
            if sum(b.height for b in group) + 0.5 * s * (len(group) - 1) > height:
                return None
        return cap, left

    s = largest(layout.footer.text.min, layout.footer.text.max, lambda s: blocks(s) is not None)
    if s is None:
        raise PosterError.one(
            layout.source_file,
            "footer.height_mm",
            f"the attribution and QR caption do not fit the footer of layout {layout.name!r}",
        )
    got = blocks(s)
    assert got is not None
    cap, left = got
    align = "right" if right else "left"

    def top_for(group: list[Block]) -> float:
        """Centred on the QR symbol, but never out of the footer box (the safe area)."""
        h = sum(b.height for b in group) + 0.5 * s * (len(group) - 1)
        centre = (symbol.y0 + symbol.y1) / 2
        return min(box.y1, max(centre + h / 2, box.y0 + h))

    top = top_for(cap)
    for block, ink in zip(cap, (text_ink, link_ink), strict=True):
        marks += lines(block, caption_x, top, ink, align=align, width=caption_w)
        top -= block.height + 0.5 * s
    top = top_for(left)
    for block in left:
        marks += lines(block, left_x, top, text_ink)
        top -= block.height + 0.5 * s
    return marks


# ---------------------------------------------------------------- tiles


def _tile(t: PlacedTile, sol: Solution, brand: Brand, layout: Layout) -> list[Mark]:
    c = brand.colors
    tt, r = t.text, t.rect
    radius = mm(layout.tile.radius_mm)
    marks: list[Mark] = [Fill(r, WHITE, radius)]
    ink = on(WHITE, c.text)

    # number badge and heading
    d = tt.badge
    bx, by = r.x0 + tt.pad, r.y1 - tt.pad
    badge_ink = on(c.primary, WHITE)
    if layout.tile.badge == "circle":
        marks.append(Disc(bx + d / 2, by - d / 2, d / 2, c.primary))
    else:
        marks.append(Fill(Rect(bx, by - d, bx + d, by), c.primary, radius=d * 0.18))
    num = sol.styles.number
    label = str(tt.item.n)
    nw = num.face.width(label) * num.size
    cap_h = 0.74 * num.size  # figures are cap height tall
    marks.append(
        TextLine(
            bx + (d - nw) / 2, by - d / 2 - cap_h / 2, label, num.face.name, num.size, badge_ink
        )
    )
    heading = tt.heading
    offset = max(0.0, (d - heading.height) / 2)
    hx = bx + d + 0.45 * heading.style.size
    marks += lines(heading, hx, by - offset, ink)

    # the two sides
    top = by - tt.head_height - tt.gap
    avail = top - (r.y0 + tt.pad)
    boxes: list[tuple[Rect, str]] = []
    if tt.sides == "stacked":
        hl, hr = tt.side_height("left"), tt.side_height("right")
        extra = (avail - hl - hr - tt.between) / 2
        left_box = Rect(r.x0 + tt.pad, top - hl - extra, r.x1 - tt.pad, top)
        right_box = Rect(r.x0 + tt.pad, r.y0 + tt.pad, r.x1 - tt.pad, left_box.y0 - tt.between)
        boxes = [(left_box, "left"), (right_box, "right")]
        # a chevron in the gap: before → after
        cx, cy = (left_box.x0 + left_box.x1) / 2, (left_box.y0 + right_box.y1) / 2
        h = tt.between * 0.8
        marks_chevron = Polygon(
            ((cx - h, cy + h / 2), (cx + h, cy + h / 2), (cx, cy - h / 2)), c.right
        )
    else:
        w = tt.side_width
        left_box = Rect(r.x0 + tt.pad, r.y0 + tt.pad, r.x0 + tt.pad + w, top)
        right_box = Rect(r.x1 - tt.pad - w, r.y0 + tt.pad, r.x1 - tt.pad, top)
        boxes = [(left_box, "left"), (right_box, "right")]
        cx, cy = (left_box.x1 + right_box.x0) / 2, top - tt.side_pad - sol.styles.body.ascent / 2
        h = tt.between * 0.35
        marks_chevron = Polygon(
            ((cx - h / 2, cy + h), (cx - h / 2, cy - h), (cx + h / 2, cy)), c.right
        )
    for box, which in boxes:
        color = c.left if which == "left" else c.right
        tint = color.tint(SIDE_TINT)
        marks.append(Fill(box, tint, radius * 0.6))
        body = tt.left if which == "left" else tt.right
        text_top = box.y1 - tt.side_pad
        lab = sol.styles.label
        first_baseline = text_top - body.style.ascent
        label_text = tt.left_label if which == "left" else tt.right_label
        marks.append(
            TextLine(
                box.x0 + tt.side_pad,
                first_baseline,
                label_text,
                lab.face.name,
                lab.size,
                color,  # its contrast on the tint is checked with the brand
            )
        )
        indent = tt.label_room[0 if which == "left" else 1]
        marks += lines(body, box.x0 + tt.side_pad, text_top, on(tint, c.text), first_indent=indent)
    marks.append(marks_chevron)
    return marks


def _crop_marks(geo: Geometry, options: Options, layout: Layout, brand: Brand) -> list[Mark]:
    """Crop marks at the four corners, outside the bleed, and a slug line under them."""
    from datetime import date

    from poster.layout import MARK_GAP_MM, MARK_LENGTH_MM

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
    parts += [brand.name, when, "CMYK" if options.cmyk else "RGB"]
    slug = " · ".join(p for p in parts if p)
    st = style(face("footer"), 6.5, 1.2, [slug])
    y = geo.media.y0 + mm(1.5) + st.descent
    out.append(TextLine(t.x0, y, slug, st.face.name, st.size, BLACK))
    return out


def build_plan(
    content: Content, layout: Layout, brand: Brand, options: Options | None = None
) -> Plan:
    options = options or Options()
    if layout.deck is not None:
        raise PosterError.one(
            layout.source_file, "deck", "a slide layout: render it as a deck (build_deck)"
        )
    sol = solve(content, layout)
    geo = sol.geometry
    if options.bleed_mm is not None or options.marks:
        geo = page_geometry(layout, options.bleed_mm, options.marks)
    dx, dy = geo.trim.x0 - sol.geometry.trim.x0, geo.trim.y0 - sol.geometry.trim.y0
    tiles = [PlacedTile(t.text, t.rect.shift(dx, dy)) for t in sol.tiles]
    marks: list[Mark] = [Fill(geo.bleed_box, brand.colors.background)]
    marks += _header(content, layout, brand, geo)
    for t in tiles:
        marks += _tile(t, sol, brand, layout)
    marks += _footer(content, layout, brand, geo)
    if options.marks:
        marks += _crop_marks(geo, options, layout, brand)
    return Plan(
        geometry=geo,
        marks=tuple(marks),
        tiles={t.text.item.n: t.rect for t in tiles},
        title=content.title,
        author=brand.name,
        subject=f"{content.title} — {brand.name}",
        body_size=sol.body_size,
        heading_size=sol.heading_size,
        layout=layout.name,
        cmyk=options.cmyk,
    )
