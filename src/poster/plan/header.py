"""The title block: authority lines, logo and title on the primary colour.

A poster's header band and a deck's title slide are both built here.
"""

from __future__ import annotations

import math
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


# A poster's title has one size and one set of line breaks whatever the brand's letterhead:
# the size that fits beside the layout's logo (in the room right of it) and below a
# letterhead of this many lines at the layout's smallest authority size. A brand with no
# logo or fewer lines gets the same title with more air; a longer letterhead makes the
# header band taller (see letterhead_room), never the title smaller.
#
# The letterhead (the authority lines) has a floor per layout, `header.authority.min`: at
# least 12 pt on a poster, so that its white letters never need the band printed in fewer
# inks (see outputs.pdf), and its size depends on how many lines it has, not on the brand:
# the largest (up to `authority.max`) at which that many lines of the tallest capitals fit
# above the title in the layout's header, less only where a line is too wide for its room.
# More lines are never larger than fewer.
LETTERHEAD_LINES = 2
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


def steady_title(content: Content, spec: TitleBlock, box: Rect, size: float) -> Block | None:
    """The poster's title at its steady `size` (see steady_title_size), broken as it is for
    every brand: in the header `box`'s width less the layout's logo, its labels and words
    kept whole if it can; None if it does not fit that way."""
    width = box.w - _logo_side(spec, box, bool(spec.logo_mm))
    for keep in keeps(content)[:2]:
        try:
            block = _title(content.title, size, width, keep)
        except TooWide:
            continue
        if len(block.lines) <= spec.title_max_lines and not block.hyphens and not block.splits:
            return block
    return None


def _letterhead_lines(content: Content, brand: Brand) -> list[str]:
    return [*brand.authority, *([content.subtitle] if content.subtitle else [])]


def letterhead_height_size(spec: TitleBlock, room: float, lines: int) -> float | None:
    """The letterhead's size for `lines` lines whatever they say: the largest (0.1 pt steps,
    up to `authority.max`) at which that many lines of the tallest capitals and the gap
    below them fit in `room` points; None if not even at `authority.min`."""
    if not lines:
        return spec.authority.max

    def fits(size: float) -> bool:
        _, gap, height = _authority(size, [_TALL_CAPS] * lines)
        return height + gap <= room + 1e-9

    return largest(spec.authority.min, spec.authority.max, fits)


def letterhead_size(
    content: Content, brand: Brand, spec: TitleBlock, box: Rect, title: Block
) -> float:
    """The size of the brand's letterhead above the steady `title` in the layout's header
    `box` (see letterhead_height_size), or the smallest if the header must grow for it:
    in a taller header it keeps that size, so more lines are never larger than fewer."""
    lines = len(_letterhead_lines(content, brand))
    got = letterhead_height_size(spec, box.h - title.height, lines)
    return spec.authority.min if got is None else got


def letterhead_room(
    content: Content, brand: Brand, spec: TitleBlock, box: Rect, title: Block
) -> float:
    """How much more height than `box` the brand's authority lines (and the content's
    subtitle), at the layout's smallest authority size, need above the steady `title`
    block: 0 if none."""
    lines = _letterhead_lines(content, brand)
    if not lines:
        return 0.0
    _, gap, height = _authority(spec.authority.min, [_TALL_CAPS] * len(lines))
    return max(0.0, height + gap + title.height - box.h)


def check_letterhead(brand: Brand, spec: TitleBlock, layout_name: str) -> None:
    """The brand's authority lines: not more than the layout takes, every glyph there."""
    file = brand.source_file or "brand"
    if len(brand.authority) > spec.authority_max_lines:
        raise PosterError.of("fit.authority-max", file, "authority", count=len(brand.authority),
                             layout=layout_name, most=spec.authority_max_lines)  # fmt: skip
    for i, line in enumerate(brand.authority):
        check_glyphs(line, "authority", file, f"authority.{i}")


def title_block(
    content: Content,
    brand: Brand,
    spec: TitleBlock,
    band: Rect,
    box: Rect,
    layout_name: str,
    layout_file: str,
    room_field: str,
    title: Block | None = None,
    letterhead: float | None = None,
) -> list[Mark]:
    """The band filled with the primary colour; the logo at the left of `box`; authority
    lines (and the content's subtitle) and the title centred in it: on the page, clear
    of the logo on both sides, if it fits there, else in the room right of the logo.
    `room_field` names the layout field to blame when the title cannot fit. `title`: a
    poster's steady title (see steady_title), as it is; else the title as large as fits.
    `letterhead`: the authority lines at this size at most (see letterhead_size)."""
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
    check_letterhead(brand, spec, layout_name)
    lines_text = list(brand.authority)
    if content.subtitle:
        lines_text.append(content.subtitle)
    # The text is centred on the page, clear of the logo on both sides; when that
    # leaves too little room, it is centred in the space right of the logo instead.
    areas = [(text_x0, text_w)]
    if side:
        areas.append((box.x0 + side, box.w - side))
    got: list[Mark] | str = "title"
    if title is not None:
        got = _steady_text(spec, box, lines_text, title, areas, ink, letterhead)
        if isinstance(got, list):
            return marks + got
    # the labels whole, else the words whole, else any breaks (see poster.words)
    for keep in keeps(content) if title is None else ():
        for x0, width in areas:
            got = _text(content, spec, box, lines_text, x0, width, ink, keep)
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
    keep: tuple[str, ...] | None = (),
) -> list[Mark] | str:
    """Authority lines and title in the given width, or what did not fit: "authority"
    (a line too wide even at the smallest size), "lines" (too many lines to leave the
    title room), "title" (the title alone does not fit). `keep`: the labels and words
    the title keeps whole (textfit.wrap; None: any syllable may end a line)."""
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
    smallest = spec.title.min
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
    t_size = largest(
        spec.title.min, spec.title.max, lambda t: fitted_title(t, a_size, n) is not None, 0.5
    )
    assert t_size is not None  # the title fits at its smallest size beside these lines
    title = fitted_title(t_size, a_size, n)
    assert title is not None
    return _stacked(box, lines_text, (a_style, a_gap, a_height), title, text_x0, text_w, ink)


def _stacked(
    box: Rect,
    lines_text: list[str],
    authority: tuple[Style, float, float],
    title: Block,
    x0: float,
    width: float,
    ink: Color,
) -> list[Mark]:
    """The letterhead lines (`authority`: their style, gap below and height) above the
    title, the two centred in `width` from `x0` and together in the middle of `box`."""
    a_style, a_gap, a_height = authority
    top = (box.y0 + box.y1 + a_height + a_gap + title.height) / 2
    out: list[Mark] = []
    if lines_text:
        out += text_lines(
            Block(tuple(lines_text), a_style), x0, top, ink, align="center", width=width
        )
    out += text_lines(title, x0, top - a_height - a_gap, ink, align="center", width=width)
    return out


def _steady_text(
    spec: TitleBlock,
    box: Rect,
    lines_text: list[str],
    title: Block,
    areas: list[tuple[float, float]],
    ink: Color,
    cap: float | None = None,
) -> list[Mark] | str:
    """The letterhead (at most `cap`) and the steady `title` in the first of `areas` (x, width) that
    gives the letterhead its largest size (see the comment at the top), or what did not
    fit: "lines" (the header is too low for them at the smallest size), "authority" (a
    line too wide at the smallest size), "title" (the title is wider than every area)."""
    n = len(lines_text)
    a_size = letterhead_height_size(spec, box.h - title.height, n)
    if a_size is None:
        return "lines"
    if cap is not None:
        a_size = min(a_size, cap)
    t_width = max(title.style.face.width(t) for t in title.lines) * title.style.size
    widest = max((face("authority").width(t) for t in lines_text), default=0.0)
    best: tuple[float, float, float] | None = None
    for x0, width in areas:
        if t_width > width + 1e-6:
            continue
        size = a_size if not n else min(a_size, math.floor(width / widest * 10 + 1e-6) / 10)
        if best is None or size > best[0] + 1e-9:
            best = (size, x0, width)
    if best is None:
        return "title"
    size, x0, width = best
    if n and size < spec.authority.min - 1e-9:
        return "authority"
    return _stacked(box, lines_text, _authority(size, lines_text), title, x0, width, ink)


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
