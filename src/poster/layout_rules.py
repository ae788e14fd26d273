"""Preflight of a rendered PDF against the rules of the layout it was made for, beyond
what every print PDF is checked for: a handout that must survive a black-and-white
photocopy (`tile.grey_apart`), a roll-up whose foot must stay clear (`foot_mm`).

Read from the PDF alone (pypdfium2: its page objects in painting order, and a raster),
never from the plan. Each check returns findings `(level, topic, text)`, the preflight's
own shape; `check_layout_rules(pdf, layout)` runs those the layout asks for,
`layouts_for(pdf)` names the shipped layouts a file's page size belongs to, and
`check_for(pdf)` runs the rules of those (what `poster check` adds).
"""

from __future__ import annotations

import ctypes
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from poster.colors import contrast_ratio, grey
from poster.units import mm, to_mm

if TYPE_CHECKING:
    import pypdfium2 as pdfium

    from poster.spec import PosterLayout

Level = Literal["ok", "warning", "error"]
Finding = tuple[Level, str, str]
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points
RGB8 = tuple[int, int, int]

PHOTOCOPY_APART = 0.15  # the two sides of a tile, this far apart in grey (of 0–1)
PHOTOCOPY_TEXT = 4.5  # every text on its ground, in grey
FOOT_DPI = 20  # the foot zone is looked at this finely (a 2 m roll-up: 1600 pixels tall)
FOOT_TOLERANCE = 3  # of 255: what anti-aliasing and rounding leave on a flat ground


def rules_of(layout: PosterLayout) -> list[str]:
    """The checks of this module that `layout` asks for."""
    rules = []
    if layout.tile.grey_apart > 0:
        rules.append("photocopy")
    if layout.foot_mm > 0:
        rules.append("foot")
    return rules


def check_for(pdf: Path | bytes) -> list[Finding]:
    """The rules of every shipped layout of the file's finished size (none: no finding):
    what `poster check` adds for a handout or a standee."""
    from poster.spec import PosterLayout, load_layout

    findings: list[Finding] = []
    for name in layouts_for(pdf):
        layout = load_layout(name)
        assert isinstance(layout, PosterLayout)
        findings += [(level, topic, f"{name}: {text}")
                     for level, topic, text in check_layout_rules(pdf, layout)]  # fmt: skip
    return findings


def check_layout_rules(pdf: Path | bytes, layout: PosterLayout) -> list[Finding]:
    """Every check `layout` asks for, on the PDF made with it."""
    findings: list[Finding] = []
    if "photocopy" in rules_of(layout):
        findings += photocopy(pdf)
    if "foot" in rules_of(layout):
        findings += foot_zone(pdf, layout.foot_mm)
    return findings


def layouts_for(pdf: Path | bytes) -> list[str]:
    """The shipped poster layouts with rules here whose finished size is the PDF's first
    TrimBox (within 0.5 mm): the layouts `poster check` may hold a file to."""
    from poster.spec import PosterLayout, layout_names, load_layout

    doc = _open(pdf)
    try:
        page = doc[0]
        trim = page.get_trimbox(fallback_ok=False)  # none: sheets for a printer, a deck
        page.close()
    finally:
        doc.close()
    if trim is None:
        return []
    x0, y0, x1, y1 = trim
    size = (to_mm(x1 - x0), to_mm(y1 - y0))
    out = []
    for name in layout_names():
        layout = load_layout(name)
        if not isinstance(layout, PosterLayout) or not rules_of(layout):
            continue
        w, h = layout.page.trim_mm()
        if abs(w - size[0]) <= 0.5 and abs(h - size[1]) <= 0.5:
            out.append(name)
    return out


def _open(pdf: Path | bytes) -> pdfium.PdfDocument:
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))


# ---------------------------------------------------------------- the photocopy


def _fill(obj: object) -> RGB8 | None:
    """The fill colour pdfium gives a page object (0–255 RGB), None if it has none."""
    import pypdfium2.raw as c

    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    raw = obj.raw  # type: ignore[attr-defined]
    if not c.FPDFPageObj_GetFillColor(raw, *(ctypes.byref(v) for v in (r, g, b, a))):
        return None
    return (r.value, g.value, b.value)


def _filled(obj: object) -> bool:
    import pypdfium2.raw as c

    mode, stroke = ctypes.c_int(), ctypes.c_int()
    c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))  # type: ignore[attr-defined]
    return bool(mode.value != c.FPDF_FILLMODE_NONE)


def _inside(box: Box, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _grey(rgb: RGB8) -> float:
    return grey((rgb[0] / 255, rgb[1] / 255, rgb[2] / 255))


def _grey_ratio(a: RGB8, b: RGB8) -> float:
    ga, gb = _grey(a), _grey(b)
    return contrast_ratio((ga, ga, ga), (gb, gb, gb))


WHITE8: RGB8 = (255, 255, 255)


def photocopy(pdf: Path | bytes) -> list[Finding]:
    """A black-and-white photocopy keeps the page legible: every text at least 4.5:1 on
    what it is painted on, both as greys (colors.grey: what a copier sees), and in
    each tile (a white box holding text) the two grounds its texts sit on (the sides'
    boxes) at least PHOTOCOPY_APART apart in grey."""
    import pypdfium2.raw as c

    findings: list[Finding] = []
    doc = _open(pdf)
    worst_text: tuple[float, int, RGB8, RGB8] | None = None
    worst_sides: tuple[float, int] | None = None
    tiles_seen = 0
    try:
        for no, page in enumerate(doc, start=1):
            fills: list[tuple[Box, RGB8]] = []  # painted so far, in order
            # each text's centre, ink, and the box it is painted on (None: the paper)
            texts: list[tuple[float, float, RGB8, tuple[Box, RGB8] | None]] = []
            for obj in page.get_objects():
                if obj.type == c.FPDF_PAGEOBJ_PATH and _filled(obj):
                    rgb = _fill(obj)
                    if rgb is not None:
                        fills.append((obj.get_bounds(), rgb))
                elif obj.type == c.FPDF_PAGEOBJ_TEXT:
                    ink = _fill(obj)
                    if ink is None:
                        continue
                    x0, y0, x1, y1 = obj.get_bounds()
                    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
                    on = next((f for f in reversed(fills) if _inside(f[0], cx, cy)), None)
                    texts.append((cx, cy, ink, on))
                    under = on[1] if on else WHITE8
                    ratio = _grey_ratio(ink, under)
                    if worst_text is None or ratio < worst_text[0]:
                        worst_text = (ratio, no, ink, under)
            # the tiles: the innermost white boxes holding text; the sides: the two largest
            # boxes their texts are painted on (not the number's badge)
            whites = [box for box, rgb in fills if rgb == WHITE8]
            inner = [b for b in whites if not any(o != b and _contains(b, o) for o in whites)]
            for box in inner:
                grounds = {on for cx, cy, _, on in texts
                           if on and on[1] != WHITE8 and _inside(box, cx, cy)}  # fmt: skip
                sides = sorted(grounds, key=lambda f: _area(f[0]))[-2:]
                if len(sides) != 2:
                    continue
                tiles_seen += 1
                a, b = (rgb for _, rgb in sides)
                apart = abs(_grey(a) - _grey(b))
                if worst_sides is None or apart < worst_sides[0]:
                    worst_sides = (apart, no)
            page.close()
    finally:
        doc.close()
    if worst_text is not None:
        ratio, no, ink, under = worst_text
        level: Level = "ok" if ratio >= PHOTOCOPY_TEXT else "error"
        findings.append((level, "photocopy", f"text in grey at least {ratio:.1f}:1 (page {no}: "
                         f"{_hex(ink)} on {_hex(under)}; {PHOTOCOPY_TEXT}:1 needed)"))  # fmt: skip
    if worst_sides is None:
        findings.append(("warning", "photocopy", "no tile with two sides found"))
    else:
        apart, no = worst_sides
        level = "ok" if apart >= PHOTOCOPY_APART - 1e-9 else "error"
        findings.append((level, "photocopy", f"{tiles_seen} tiles: their two sides at least "
                         f"{apart:.0%} apart in grey (page {no}; "
                         f"{PHOTOCOPY_APART:.0%} needed)"))  # fmt: skip
    return findings


def _area(box: Box) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )  # fmt: skip


def _hex(rgb: RGB8) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


# ---------------------------------------------------------------- the stand's foot


def foot_zone(pdf: Path | bytes, foot_mm: float, dpi: float = FOOT_DPI) -> list[Finding]:
    """Nothing but the ground in the bottom `foot_mm` of each page's trim (and the bleed
    below it): the page rendered, that band one flat colour."""
    from PIL import Image, ImageChops

    findings: list[Finding] = []
    doc = _open(pdf)
    try:
        for no, page in enumerate(doc, start=1):
            width, height = page.get_size()
            _, y0, _, _ = page.get_trimbox()
            bx0, by0, bx1, _ = page.get_bleedbox()
            scale = dpi / 72
            top = y0 + mm(foot_mm)
            crop = (bx0, by0, width - bx1, height - top)
            rgb = page.render(scale=scale, crop=crop, draw_annots=False).to_pil().convert("RGB")
            page.close()
            # the band's own colour: its most common pixel (the ground)
            colours = rgb.getcolors(rgb.width * rgb.height) or []
            ground = max(colours)[1] if colours else (255, 255, 255)
            diff = ImageChops.difference(rgb, Image.new("RGB", rgb.size, ground))
            r, g, b = diff.split()
            off = ImageChops.lighter(ImageChops.lighter(r, g), b)
            box = off.point(lambda v: 255 if v > FOOT_TOLERANCE else 0).getbbox()
            if box is not None:  # its top row: the highest mark in the band
                up = foot_mm - to_mm(box[1] / scale)
                findings.append(("error", "foot", f"page {no}: something is drawn "
                                 f"{max(0.0, up):.0f} mm above the bottom edge, in the "
                                 f"{foot_mm:g} mm kept clear for the stand's foot"))  # fmt: skip
            else:
                findings.append(("ok", "foot", f"page {no}: the bottom {foot_mm:g} mm hold "
                                 f"nothing but the ground {_hex(ground)}"))  # fmt: skip
    finally:
        doc.close()
    return findings
