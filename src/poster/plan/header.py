"""The title block: authority lines, logo and title on the primary colour.

A poster's header band and a deck's title slide are both built here.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from poster.colors import WHITE, Color, on
from poster.contrast import warn_logo
from poster.document import Fill, Mark, Picture
from poster.errors import PosterError
from poster.fonts import check_glyphs, face
from poster.geometry import Rect
from poster.plan.text import text_lines
from poster.spec import Brand, Content, TitleBlock
from poster.textfit import Block, Style, TooWide, balanced, largest, refine, style
from poster.units import mm
from poster.words import phrases


def image_size(path: str) -> tuple[int, int]:
    """A logo's upright size in pixels (the one logo reader's, cached per file version)."""
    from poster import logo

    return logo.size(path)


def cut(text: str, limit: int = 60) -> str:
    """A long text shortened for a message."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# A poster's title has one size whatever the brand's letterhead: the size that fits beside
# the layout's logo (in the room right of it) and below a letterhead of this many lines at
# its smallest size. A brand with no logo or fewer lines gets the same size with more air;
# a longer letterhead first takes a little of the title (down to TITLE_FLOOR of its size),
# then makes the header band taller (see letterhead_room).
LETTERHEAD_LINES = 2
TITLE_FLOOR = 0.85
LOGO_GAP_MM = 6.0  # between the logo and the text
# every capital with a stacked diacritic: a letterhead's lines reach no higher or lower
_TALL_CAPS = "ẪẤẦẨẬẴẮẰẲẶỄẾỀỂỆỖỐỒỔỘỠỚỜỞỢỮỨỪỬỰỸÝỲỶỴ"


def _logo_side(spec: TitleBlock, box: Rect, logo: bool) -> float:
    """The width the logo takes from the text, its gap included (0 without a logo)."""
    size = min(mm(spec.logo_mm), box.h) if logo else 0.0
    return size + mm(LOGO_GAP_MM) if size else 0.0


def _authority(size: float, lines: list[str]) -> tuple[Style, float, float]:
    """Style, gap below and height of the authority `lines` at `size`."""
    if not lines:
        return style(face("authority"), size, 1.2, ["A"]), 0.0, 0.0
    st = style(face("authority"), size, 1.2, lines)
    return st, 0.6 * size, st.ascent + (len(lines) - 1) * st.pitch + st.descent


def title_floor(spec: TitleBlock, size: float) -> float:
    """The smallest a steady title of `size` may get for a long letterhead (½ pt steps)."""
    return max(spec.title.min, round(TITLE_FLOOR * size * 2) / 2)


@lru_cache(maxsize=512)
def _title(text: str, size: float, width: float, keep: tuple[str, ...] | None = ()) -> Block:
    """The title balanced and re-broken at `size` in `width` (kept: every brand of a
    layout asks for the same). `keep`: the labels and words it keeps whole (textfit.wrap;
    None: any syllable may end a line)."""
    block = balanced(text, style(face("title"), size, 1.1, [text]), width, keep=keep)
    return refine(block, width, heading=True)


def keeps(content: Content) -> tuple[tuple[str, ...] | None, ...]:
    """What a title tries to keep whole, best first: its labels and words, its words, nothing
    (see poster.words)."""
    return (phrases(content), (), None)


@lru_cache(maxsize=64)
def steady_title_size(
    title: str, spec: TitleBlock, box: Rect, keep: tuple[str, ...] | None = ()
) -> float | None:
    """The title's size in a header box of a layout, whatever the brand (see above); None
    if it does not fit even at the layout's smallest title size."""
    width = box.w - _logo_side(spec, box, bool(spec.logo_mm))
    _, gap, reserve = _authority(spec.authority.min, [_TALL_CAPS] * LETTERHEAD_LINES)

    def fits(size: float) -> bool:
        try:
            block = _title(title, size, width, keep)
        except TooWide:
            return False
        return (
            len(block.lines) <= spec.title_max_lines
            and not block.hyphens
            and not block.splits
            and reserve + gap + block.height <= box.h
        )

    return largest(spec.title.min, spec.title.max, fits, 0.5)


def letterhead_room(
    content: Content, brand: Brand, spec: TitleBlock, box: Rect, title_size: float
) -> float:
    """How much more height than `box` the brand's authority lines (and the content's
    subtitle), at their smallest size, need above the title at TITLE_FLOOR of its steady
    `title_size`: 0 if none."""
    lines = [*brand.authority, *([content.subtitle] if content.subtitle else [])]
    _, gap, height = _authority(spec.authority.min, lines)
    width = box.w - _logo_side(spec, box, bool(brand.logo))
    title = min(
        (_title(content.title, title_floor(spec, title_size), width, k) for k in keeps(content)),
        key=lambda b: b.height,
    )
    return max(0.0, height + gap + title.height - box.h)


def title_block(
    content: Content,
    brand: Brand,
    spec: TitleBlock,
    band: Rect,
    box: Rect,
    layout_name: str,
    layout_file: str,
    room_field: str,
    title_size: float | None = None,
) -> list[Mark]:
    """The band filled with the primary colour; the logo at the left of `box`; authority
    lines (and the content's subtitle) and the title centred in it. `room_field` names
    the layout field to blame when the title cannot fit. `title_size`: the title at
    this size (a poster's steady size), centred in the room right of the logo; else as
    large as fits, centred on the page if it can."""
    c = brand.colors
    marks: list[Mark] = [Fill(band, c.primary)]
    ink = on(c.primary, WHITE)
    logo_size = min(mm(spec.logo_mm), box.h) if brand.logo else 0.0
    side = _logo_side(spec, box, bool(brand.logo))
    text_x0, text_w = box.x0 + side, box.w - 2 * side
    if brand.logo and logo_size:
        w_px, h_px = image_size(brand.logo)
        scale = logo_size / max(w_px, h_px)  # the image is fitted into the square
        warn_logo(brand.source_file, Path(brand.logo).name, (w_px, h_px),
                  (w_px * scale, h_px * scale), layout_name, spec.logo_dpi)  # fmt: skip
        cy = (box.y0 + box.y1) / 2
        marks.append(
            Picture(
                Path(brand.logo),
                Rect(box.x0, cy - logo_size / 2, box.x0 + logo_size, cy + logo_size / 2),
                c.primary,
            )
        )

    file = brand.source_file or "brand"
    if len(brand.authority) > spec.authority_max_lines:
        raise PosterError.of("fit.authority-max", file, "authority", count=len(brand.authority),
                             layout=layout_name, most=spec.authority_max_lines)  # fmt: skip
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
    if title_size is not None:
        areas = areas[-1:]
    got: list[Mark] | str = "title"
    # the labels whole, else the words whole, else any breaks (see poster.words)
    for keep in keeps(content):
        for x0, width in areas:
            got = _text(content, spec, box, lines_text, x0, width, ink, title_size, keep)
            if isinstance(got, list):
                return marks + got
    if got == "lines":
        fit = _lines_that_fit(content, spec, box, lines_text, areas[-1][1])
        code = "fit.authority-lines-subtitle" if content.subtitle else "fit.authority-lines"
        raise PosterError.of(code, file, "authority", count=len(lines_text), layout=layout_name,
                             fit=fit)  # fmt: skip
    if got == "authority":
        longest = max(lines_text, key=face("authority").width)
        raise PosterError.of(
            "fit.authority", file, "authority", authority_line=cut(longest), layout=layout_name,
            size=spec.authority.min,
        )  # fmt: skip
    if lines_text:
        raise PosterError.of(
            "fit.title-beside", layout_file, room_field, layout=layout_name,
            size=spec.title.min, count=len(lines_text),
        )  # fmt: skip
    raise PosterError.of(
        "fit.title", layout_file, room_field, layout=layout_name, size=spec.title.min
    )


def _text(
    content: Content,
    spec: TitleBlock,
    box: Rect,
    lines_text: list[str],
    text_x0: float,
    text_w: float,
    ink: Color,
    title_size: float | None = None,
    keep: tuple[str, ...] | None = (),
) -> list[Mark] | str:
    """Authority lines and title in the given width, or what did not fit: "authority"
    (a line too wide even at the smallest size), "lines" (too many lines to leave the
    title room), "title" (the title alone does not fit). `title_size`: the title at
    this size, not as large as fits. `keep`: the labels and words the title keeps whole
    (textfit.wrap; None: any syllable may end a line)."""
    authority_face = face("authority")

    def authority(size: float, n: int) -> tuple[Style, float, float]:
        """Style, gap below and height of `n` authority lines at `size`."""
        return _authority(size, lines_text[:n])

    def fitted_title(size: float, a_size: float, n: int) -> Block | None:
        _, a_gap, a_height = authority(a_size, n)
        block = _title(content.title, size, text_w, keep)
        if len(block.lines) > spec.title_max_lines or a_height + a_gap + block.height > box.h:
            return None
        return None if block.splits else block

    def wide_enough(size: float) -> bool:
        return all(authority_face.width(t) * size <= text_w for t in lines_text)

    n = len(lines_text)
    if title_size is not None:
        # the steady size, or as little less as lets the letterhead in (see TITLE_FLOOR)
        title_size = largest(
            title_floor(spec, title_size),
            title_size,
            lambda t: fitted_title(t, spec.authority.min, n) is not None,
            0.5,
        )
        if title_size is None:
            return "lines"
    smallest = spec.title.min if title_size is None else title_size
    if fitted_title(smallest, spec.authority.min, 0) is None:
        return "title"
    if n:
        if not wide_enough(spec.authority.min):
            return "authority"
        # the authority lines as large as the width allows while the title still fits
        found = largest(
            spec.authority.min,
            spec.authority.max,
            lambda a: wide_enough(a) and fitted_title(smallest, a, n) is not None,
        )
        if found is None:
            return "lines"
        a_size = found
    else:
        a_size = spec.authority.min
    a_style, a_gap, a_height = authority(a_size, n)
    t_size = title_size
    if t_size is None:
        t_size = largest(
            spec.title.min, spec.title.max, lambda t: fitted_title(t, a_size, n) is not None, 0.5
        )
    assert t_size is not None  # the title fits at its smallest size beside these lines
    title = fitted_title(t_size, a_size, n)
    assert title is not None
    total = a_height + a_gap + title.height
    top = (box.y0 + box.y1 + total) / 2
    out: list[Mark] = []
    if lines_text:
        out += text_lines(
            Block(tuple(lines_text), a_style), text_x0, top, ink, align="center", width=text_w
        )
    out += text_lines(title, text_x0, top - a_height - a_gap, ink, align="center", width=text_w)
    return out


def _lines_that_fit(
    content: Content, spec: TitleBlock, box: Rect, lines_text: list[str], width: float
) -> int:
    """How many of the authority lines would fit beside the title (for the message)."""
    for n in range(len(lines_text) - 1, -1, -1):
        got = _text(content, spec, box, lines_text[:n], box.x1 - width, width, WHITE)
        if isinstance(got, list):
            return n
    return 0


def forget_image_sizes() -> None:
    from poster import logo

    logo.forget()
