"""Page geometry: rectangles, trim, bleed, safe area, header and footer bands, the grid.

Pure arithmetic on boxes, in points, PDF orientation (y grows upwards, origin at
the bottom-left corner of the bleed box). Knows nothing of fonts or text.
"""

from __future__ import annotations

import msgspec

from poster.spec import PosterLayout
from poster.units import mm


class Rect(msgspec.Struct, frozen=True):
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def w(self) -> float:
        return self.x1 - self.x0

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    def shift(self, dx: float, dy: float) -> Rect:
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 + dx, self.y1 + dy)

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x0 + dx, self.y0 + dy, self.x1 - dx, self.y1 - dy)

    def contains(self, other: Rect, tol: float = 1e-6) -> bool:
        return (
            self.x0 - tol <= other.x0
            and self.y0 - tol <= other.y0
            and other.x1 <= self.x1 + tol
            and other.y1 <= self.y1 + tol
        )

    def overlaps(self, other: Rect, tol: float = 1e-6) -> bool:
        return (
            self.x0 < other.x1 - tol
            and other.x0 < self.x1 - tol
            and self.y0 < other.y1 - tol
            and other.y0 < self.y1 - tol
        )


class Geometry(msgspec.Struct, frozen=True):
    media: Rect  # the whole sheet: the bleed box, plus room for crop marks if asked
    bleed_box: Rect  # trim plus bleed on every side: backgrounds reach this far
    trim: Rect
    safe: Rect  # text stays inside
    header: Rect  # band, runs into the bleed
    header_content: Rect
    footer: Rect
    footer_content: Rect
    body: Rect  # where the tiles go
    gutter: float
    # how much shorter than the body the last column is (a footer at its foot)
    short_last: float = 0.0


# Crop marks: they start this far outside the bleed and are this long; the slug
# line (file, layout, date) sits below the bottom marks.
MARK_GAP_MM, MARK_LENGTH_MM, SLUG_MM = 2.0, 6.0, 5.0


def marks_margin(bleed_mm: float) -> float:
    """Distance from the trim to the media edge when crop marks are drawn, in points."""
    return mm(bleed_mm + MARK_GAP_MM + MARK_LENGTH_MM + SLUG_MM)


def page_geometry(
    layout: PosterLayout,
    bleed_mm: float | None = None,
    marks: bool = False,
    header: bool = True,
    footer: bool = True,
) -> Geometry:
    """Boxes of the page; `bleed_mm` overrides the layout's bleed, `marks` adds room for marks.

    `header`, `footer`: whether this page carries the header band, the footer (a page of
    several may not: see PosterLayout.header.pages); without them the body reaches the
    safe margin, and the band's box is empty (its height 0, at the edge of the body).
    A `paper` ground keeps the header band inside the safe margin; the footer may sit
    right under the header band (`footer.position`); `foot_mm` of the trim's bottom is
    left to the ground."""
    w_mm, h_mm = layout.page.trim_mm()
    bleed_mm = layout.bleed_mm if bleed_mm is None else bleed_mm
    bleed = mm(bleed_mm)
    outer = marks_margin(bleed_mm) if marks else bleed
    margin = mm(layout.safe_margin_mm)
    gutter = mm(layout.grid.gutter_mm)
    trim = Rect(outer, outer, outer + mm(w_mm), outer + mm(h_mm))
    media = Rect(0, 0, trim.x1 + outer, trim.y1 + outer)
    bleed_box = trim.inset(-bleed)
    safe = trim.inset(margin)
    floor = max(safe.y0, trim.y0 + mm(layout.foot_mm))  # the lowest anything but ground goes
    pad = min(margin, gutter * 1.5)
    paper = layout.ground == "paper"
    # the header band: into the bleed, or (paper) inside the safe margin, padded within
    band = (
        Rect(safe.x0, safe.y1, safe.x1, safe.y1)
        if paper
        else Rect(bleed_box.x0, bleed_box.y1, bleed_box.x1, bleed_box.y1)
    )
    if header:
        bottom = trim.y1 - mm(layout.header.height_mm)
        band = Rect(band.x0, bottom, band.x1, band.y1)
    header_content = Rect(safe.x0, band.y0 + pad, safe.x1, safe.y1)
    if paper:  # a band on the paper: its content padded by the gutter all round
        header_content = band.inset(min(pad, gutter))
    top = band.y0 - gutter if header else safe.y1  # the top of what comes under it
    height = mm(layout.footer.height_mm) if footer else 0.0
    if layout.footer.position == "under-header":
        foot = Rect(bleed_box.x0, top - height, bleed_box.x1, top)
        footer_content = Rect(safe.x0, foot.y0, safe.x1, foot.y1)
        if footer:
            top = foot.y0 - gutter
        bottom = floor
    else:
        # above the stand's foot, if any: the footer's height counts from there
        foot = Rect(bleed_box.x0, bleed_box.y0, bleed_box.x1, trim.y0 + mm(layout.foot_mm) + height)
        footer_content = Rect(safe.x0, floor, safe.x1, foot.y1)
        bottom = foot.y1 + gutter if footer else floor
    short = 0.0
    if layout.footer.position == "last-column" and footer:
        # the other columns reach the margin; the footer's box is narrowed to the last
        # column's width when the columns are known
        short, bottom = bottom - floor, floor
    body = Rect(safe.x0, bottom, safe.x1, top)
    return Geometry(
        media, bleed_box, trim, safe, band, header_content, foot, footer_content, body, gutter,
        short,
    )  # fmt: skip


def column_width(body: Rect, columns: int, gutter: float, span: int = 1) -> float:
    col = (body.w - gutter * (columns - 1)) / columns
    return col * span + gutter * (span - 1)


def balance(heights: list[float], columns: int, gap: float) -> list[int]:
    """Split tiles, in reading order, into `columns` runs so the tallest column is lowest.

    Returns the start index of each column. Linear partition by dynamic programming.
    """
    n = len(heights)
    columns = min(columns, n)
    prefix = [0.0]
    for h in heights:
        prefix.append(prefix[-1] + h)

    def run(i: int, j: int) -> float:  # tiles i..j-1 stacked
        return prefix[j] - prefix[i] + gap * (j - i - 1)

    inf = float("inf")
    # best[k][j]: lowest max height placing the first j tiles in k columns
    best = [[inf] * (n + 1) for _ in range(columns + 1)]
    cut = [[0] * (n + 1) for _ in range(columns + 1)]
    best[0][0] = 0.0
    for k in range(1, columns + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                cost = max(best[k - 1][i], run(i, j))
                if cost < best[k][j]:
                    best[k][j], cut[k][j] = cost, i
    starts, j = [], n
    for k in range(columns, 0, -1):
        i = cut[k][j]
        starts.append(i)
        j = i
    return starts[::-1]


def stack(heights: list[float], top: float, gap: float) -> list[tuple[float, float]]:
    """(y0, y1) of boxes stacked downwards from `top`."""
    out, y = [], top
    for h in heights:
        out.append((y - h, y))
        y -= h + gap
    return out
