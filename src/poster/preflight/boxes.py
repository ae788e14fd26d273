"""Page boxes and bleed: the trim a shop cuts to, the bleed beyond it, and whether the
artwork runs into the bleed where it meets the trim (the strip is looked at)."""

from __future__ import annotations

from typing import Any

from poster.preflight.raster import PageRaster
from poster.preflight.report import Finding, Level, Phrase
from poster.preflight.subject import Subject
from poster.units import mm, to_mm

BLEED_MM = 2.9  # shops ask for 3 mm (rounding allowed)
INSIDE_MM = 0.75  # the artwork is looked at this far inside the trim (it touches the trim)
RUN_MM = 2.0  # a stretch of blank bleed shorter than this is noise (a corner, a hairline)
INKED, BLANK = 8, 3  # a pixel's strongest ink (0–255): artwork above, paper at or under


def _size(box: tuple[float, ...]) -> dict[str, Any]:
    x0, y0, x1, y1 = box
    return {"w": round(to_mm(x1 - x0), 1), "h": round(to_mm(y1 - y0), 1)}


def check(s: Subject) -> list[Finding]:
    out: list[Finding] = []
    if s.sheets:
        out.append(s.finding("ok", "page", "check.page-sheets", pages=len(s.pages)))
    for no, b in enumerate(s.boxes, start=1):
        out.append(s.finding("ok", "page", "check.page-media", page=no, **_size(b.media)))
        if b.trim is None:
            if not s.sheets:
                level: Level = "error" if s.pdfx else "warning"
                out.append(s.finding(level, "page", "check.page-no-trim", page=no,
                                     fix="check.fix-trim"))  # fmt: skip
            continue
        out.append(s.finding("ok", "page", "check.page-trim", page=no, **_size(b.trim)))
        if b.bleed is None:
            out.append(s.finding("warning", "bleed", "check.bleed-none", page=no,
                                 fix="check.fix-bleed"))  # fmt: skip
            continue
        least = round(to_mm(min(_sides(b.trim, b.bleed).values())), 1)
        if least >= BLEED_MM:
            out.append(s.finding("ok", "bleed", "check.bleed-box", page=no, bleed=least,
                                 **_size(b.bleed)))  # fmt: skip
        else:
            out.append(s.finding("warning", "bleed", "check.bleed-short", page=no, bleed=least,
                                 fix="check.fix-bleed", **_size(b.bleed)))  # fmt: skip
    return out


def _sides(trim: tuple[float, ...], bleed: tuple[float, ...]) -> dict[str, float]:
    return {
        "left": trim[0] - bleed[0],
        "bottom": trim[1] - bleed[1],
        "right": bleed[2] - trim[2],
        "top": bleed[3] - trim[3],
    }


def look(s: Subject, no: int, raster: PageRaster) -> list[Finding]:
    """Along each side of the trim with a bleed: the artwork 1 mm inside, the bleed
    strip outside. Ink inside and blank paper outside is artwork that stops at the trim:
    the cut, a hair off, leaves a white edge."""
    b = s.boxes[no - 1]
    if b.trim is None or b.bleed is None:
        return []
    out: list[Finding] = []
    step = 1 / raster.scale  # a pixel, in points
    x0, y0, x1, y1 = b.trim
    inside = mm(INSIDE_MM)
    for side, width in _sides(b.trim, b.bleed).items():
        if width < mm(1.0):
            continue
        outside = min(width * 2 / 3, width - 1.5 * step)  # well inside the bleed box
        if side in ("left", "right"):
            sign = -1 if side == "left" else 1
            edge = x0 if side == "left" else x1
            points = [((edge - sign * inside, y), (edge + sign * outside, y))
                      for y in _steps(y0, y1, step)]  # fmt: skip
        else:
            sign = -1 if side == "bottom" else 1
            edge = y0 if side == "bottom" else y1
            points = [((x, edge - sign * inside), (x, edge + sign * outside))
                      for x in _steps(x0, x1, step)]  # fmt: skip
        stops = [_stops(raster, a, c) for a, c in points]
        run = _longest(stops)
        if run is None:
            continue
        first, last = run
        length = round(to_mm((last - first + 1) * step), 1)
        if length < RUN_MM:
            continue
        total = round(to_mm(sum(stops) * step), 1)
        # the end of the stretch nearest the top left corner, where positions count from
        inner = points[last if side in ("left", "right") else first][0]
        out.append(s.finding(
            "error", "bleed", "check.bleed-stops", page=no, point=inner,
            side=Phrase(f"check.side-{side}"), length=length, total=total,
            fix="check.fix-bleed-art", fix_params={"bleed": round(to_mm(width), 1)},
        ))  # fmt: skip
    return out


def _steps(start: float, end: float, step: float) -> list[float]:
    """Points along a side, leaving a corner's worth at each end (corners meet two sides)."""
    margin = mm(RUN_MM)
    n = int((end - start - 2 * margin) / step)
    return [start + margin + (i + 0.5) * step for i in range(max(n, 0))]


def _stops(raster: PageRaster, inner: tuple[float, float], outer: tuple[float, float]) -> bool:
    a, c = raster.pixel(*inner), raster.pixel(*outer)
    if a is None or c is None:
        return False
    return max(a) > INKED and max(c) <= BLANK


def _longest(stops: list[bool]) -> tuple[int, int] | None:
    """The longest run of stops, if at least RUN_MM long."""
    best: tuple[int, int] | None = None
    start = None
    for i, stop in enumerate([*stops, False]):
        if stop and start is None:
            start = i
        elif not stop and start is not None:
            if best is None or i - 1 - start > best[1] - best[0]:
                best = (start, i - 1)
            start = None
    return best
