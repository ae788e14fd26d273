"""Total ink: the highest sum of the four inks anywhere in what prints (the bleed box),
read from the separated pages; the profile separates to 300 %."""

from __future__ import annotations

from poster.preflight.raster import PageRaster
from poster.preflight.report import Finding
from poster.preflight.subject import Subject

INK_WARN, INK_ERROR = 300, 305  # total area coverage, percent (the profile's limit + rounding)


def look(s: Subject, no: int, raster: PageRaster) -> tuple[float, tuple[float, float]]:
    """The page's highest total ink (percent) and where (page points)."""
    from PIL import ImageMath

    x0, y0, x1, y1 = s.boxes[no - 1].print_area
    c0, r0 = raster.index(x0, y1)
    c1, r1 = raster.index(x1, y0)
    image = raster.image.crop((max(c0, 0), max(r0, 0), c1 + 1, r1 + 1))
    c, m, y, k = (ch.convert("I") for ch in image.split())
    total = ImageMath.lambda_eval(lambda e: e["c"] + e["m"] + e["y"] + e["k"],
                                  c=c, m=m, y=y, k=k)  # fmt: skip
    assert not isinstance(total, (int, float))
    high = float(total.getextrema()[1])
    quarter = total.point(lambda v: v * 0.25).convert("L")
    spot = quarter.point(lambda v: 255 if v >= int(high / 4) else 0).getbbox()
    col, row = (spot[0], spot[1]) if spot else (0, 0)
    where = (max(x0, raster.media[0]) + col / raster.scale,
             min(y1, raster.media[3]) - row / raster.scale)  # fmt: skip
    return high * 100 / 255, where


def summary(s: Subject, worst: tuple[float, int, tuple[float, float]] | None) -> list[Finding]:
    if worst is None:
        return []
    high, page, where = worst
    if high > INK_ERROR:
        return [s.finding("error", "ink", "check.ink-over", page=page, point=where,
                          ink=round(high), limit=INK_WARN, fix="check.fix-ink")]  # fmt: skip
    return [s.finding("ok", "ink", "check.ink-ok", ink=round(high), limit=INK_WARN)]
