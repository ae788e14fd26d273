"""Images: the effective resolution of every image as printed (inline images too), with
the thresholds of the file's use; and an image whose background prints as a box (a
flat edge, of another colour than what is under it, around content)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from poster.preflight.raster import PageRaster
from poster.preflight.report import Finding, Level, Phrase, more
from poster.preflight.scene import Placement
from poster.preflight.subject import LARGE_MM, RESOLUTION, RESOLUTION_LARGE, Subject
from poster.preflight.text import inks_text
from poster.units import to_mm

FLAT = 8  # an ink differing at most this much (0–255) is the same colour
SEEN_DE = 2.0  # ΔE76 from which an edge shows against what surrounds it
EDGE_PX = 2  # the ring looked at, in raster pixels, inside and outside an image
# A box: the image's edge mostly one colour (its background; the artwork may touch the
# edge here and there), on surroundings of one colour, the two visibly different.
EDGE_SHARE, UNDER_SHARE = 0.6, 0.9


def _name(p: Placement) -> Phrase:
    if p.ref == (0, 0):
        return Phrase("check.image-inline")
    return Phrase("check.image-named", {"name": p.name})


def check(s: Subject) -> list[Finding]:
    groups: dict[tuple[object, ...], list[Placement]] = {}
    for p in s.scene.images:
        if p.width_pt <= 0 or p.height_pt <= 0 or p.width_px <= 0 or p.height_px <= 0:
            continue
        key = (p.ref if p.ref != (0, 0) else id(p), p.width_px, p.height_px,
               round(p.width_pt, 1), round(p.height_pt, 1))  # fmt: skip
        groups.setdefault(key, []).append(p)
    out: list[Finding] = []
    for placements in groups.values():
        p = placements[0]
        warn, error = RESOLUTION[s.use]
        use = f"check.use-{s.use}"
        frame = s.boxes[p.page - 1].frame
        if (
            s.use == "offset"
            and max(frame[2] - frame[0], frame[3] - frame[1]) > LARGE_MM / 25.4 * 72
        ):
            (warn, error), use = RESOLUTION_LARGE, "check.use-large"
        ppi = min(p.width_px / (p.width_pt / 72), p.height_px / (p.height_pt / 72))
        level: Level = "error" if ppi < error else "warning" if ppi < warn else "ok"
        params: dict[str, Any] = {
            "image": _name(p), "w": p.width_px, "h": p.height_px, "space": p.space.name,
            "w_mm": round(to_mm(p.width_pt)), "h_mm": round(to_mm(p.height_pt)),
            "ppi": round(ppi), "more": more(len(placements) - 1),
        }  # fmt: skip
        if level == "ok":
            out.append(s.finding("ok", "images", "check.image", page=p.page, **params))
            continue
        limit = error if level == "error" else warn
        need_w = math.ceil(to_mm(p.width_pt) / 25.4 * warn)
        need_h = math.ceil(to_mm(p.height_pt) / 25.4 * warn)
        w_mm, h_mm = math.floor(p.width_px / warn * 25.4), math.floor(p.height_px / warn * 25.4)
        out.append(s.finding(
            level, "images", "check.image-low", page=p.page, point=(p.box[0], p.box[3]),
            limit=limit, use=Phrase(use), **params,
            effect=Phrase("check.effect-blurred" if level == "error" else "check.effect-soft"),
            # printing it smaller is a way out when it stays large enough to see
            fix="check.fix-resolution" if min(w_mm, h_mm) >= 5 else "check.fix-resolution-image",
            fix_params={"w": need_w, "h": need_h, "ppi": warn, "w_mm": w_mm, "h_mm": h_mm},
        ))  # fmt: skip
    return out


def look(s: Subject, no: int, raster: PageRaster) -> list[Finding]:
    """An image prints a box when its edge is mostly one flat colour (its background),
    what surrounds it another flat colour visibly different, and the image is not itself
    one flat colour (a square of colour is a shape, not a box): a background meant to
    vanish that does not. A photograph has no flat edge; a logo whose background was
    flattened onto the very colour under it has no visible one."""
    out: list[Finding] = []
    step = 1 / raster.scale
    seen: set[tuple[float, ...]] = set()
    for p in s.scene.images:
        x0, y0, x1, y1 = p.box
        if p.page != no or p.mask or x1 - x0 < 12 * step or y1 - y0 < 12 * step:
            continue
        if p.box in seen:
            continue
        seen.add(p.box)
        ring_in = _ring(raster, p.box, 0.5 * step, (EDGE_PX + 0.5) * step)
        ring_out = _ring(raster, p.box, -(EDGE_PX + 0.5) * step, -0.5 * step)
        if not ring_in or not ring_out:
            continue
        edge, under = _flat(ring_in, EDGE_SHARE), _flat(ring_out, UNDER_SHARE)
        if edge is None or under is None:
            continue
        inner = raster.region((x0 + (EDGE_PX + 1) * step, y0 + (EDGE_PX + 1) * step,
                               x1 - (EDGE_PX + 1) * step, y1 - (EDGE_PX + 1) * step))  # fmt: skip
        if all(_near(q, edge) for q in inner):
            continue  # one flat colour: a shape
        seen_de = _delta_e(edge, under)
        if seen_de < SEEN_DE:
            continue  # no edge: the background vanishes into what is under it
        out.append(s.finding(
            "error", "images", "check.image-box", page=no, point=(x0, y1), image=_name(p),
            edge=inks_text(tuple(v / 255 for v in edge)),
            under=inks_text(tuple(v / 255 for v in under)), de=round(seen_de, 1),
            fix="check.fix-box",
        ))  # fmt: skip
    return out


def _ring(
    raster: PageRaster, box: tuple[float, ...], near: float, far: float
) -> list[tuple[int, ...]]:
    """Pixels between `near` and `far` points inside the box's edge (outside if negative),
    along all four sides."""
    x0, y0, x1, y1 = box
    bands = [
        (x0 + near, y0 + near, x0 + far, y1 - near),
        (x1 - far, y0 + near, x1 - near, y1 - near),
        (x0 + near, y0 + near, x1 - near, y0 + far),
        (x0 + near, y1 - far, x1 - near, y1 - near),
    ]
    out: list[tuple[int, ...]] = []
    for bx0, by0, bx1, by1 in bands:
        out += raster.region((min(bx0, bx1), min(by0, by1), max(bx0, bx1), max(by0, by1)))
    return out


def _near(a: Sequence[int], b: Sequence[int]) -> bool:
    return max(abs(p - q) for p, q in zip(a, b, strict=True)) <= FLAT


def _flat(pixels: list[tuple[int, ...]], share: float) -> tuple[int, ...] | None:
    """The colour of at least `share` of `pixels`, or None."""
    from collections import Counter

    common, _ = Counter(pixels).most_common(1)[0]
    alike = sum(_near(p, common) for p in pixels)
    return common if alike >= share * len(pixels) else None


def _delta_e(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    from poster.colors import cmyk_to_lab, delta_e

    la, lb = cmyk_to_lab([tuple(v / 255 for v in a), tuple(v / 255 for v in b)])  # type: ignore[list-item]
    return delta_e(la, lb)
