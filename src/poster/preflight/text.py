"""Text as a press prints it: black text in 100 % K (overprinting), small text in at most
two inks, small white text not reversed out of a background of three or more inks (a
hair of misregistration fringes it), and no RGB text in a file for CMYK print."""

from __future__ import annotations

from collections import Counter

from poster.preflight.raster import PageRaster
from poster.preflight.report import Finding
from poster.preflight.scene import TextRun
from poster.preflight.subject import Subject

SMALL_PT = 12.0  # text under this size in at most two inks
REVERSED_PT, REVERSED_BOLD_PT = 14.0, 12.0  # white text under these: on one or two inks
BLACK_TEXT_L = 32.0  # text printing darker than this is black text (89 % K prints L* 29)
INK = 13  # a background ink counts from 5 % (0–255)


def inks_text(values: tuple[float, ...]) -> str:
    """C0 M0 Y0 K89"""
    if len(values) == 4:
        return " ".join(f"{n}{v * 100:.0f}" for n, v in zip("CMYK", values, strict=True))
    return " ".join(f"{v:.3g}" for v in values)


def _blacks(values: list[tuple[float, ...]]) -> dict[tuple[float, ...], bool]:
    """Which CMYK colours print darker than L* 32 on the press (read through the shipped
    profile, all in one pass): text meant as black, which must be 100 % K (L* 17)."""
    from poster.colors import cmyk_to_lab

    inked = [v for v in values if any(c > 0.005 for c in v)]
    labs = cmyk_to_lab(inked) if inked else []  # type: ignore[arg-type]
    dark = {v: lab[0] < BLACK_TEXT_L for v, lab in zip(inked, labs, strict=True)}
    return {v: dark.get(v, False) for v in values}


def check(s: Subject) -> list[Finding]:
    """RGB text in a CMYK file; the press's rules for black and small text (offset only:
    office sheets and decks print as they are)."""
    groups: dict[tuple[str, str, str], list[TextRun]] = {}
    black = _blacks(sorted({t.values for t in s.scene.texts
                            if t.space.name == "DeviceCMYK" and len(t.values) == 4}))  # fmt: skip
    for t in s.scene.texts:
        if t.space.family in ("rgb", "lab"):
            if s.cmyk:
                groups.setdefault(("error", "check.text-rgb", t.space.name), []).append(t)
            continue
        if not s.press or t.space.name != "DeviceCMYK" or len(t.values) != 4 or not t.fills:
            continue
        inks = sum(v > 0.005 for v in t.values)
        if black[t.values]:
            if t.values != (0.0, 0.0, 0.0, 1.0):
                groups.setdefault(("error", "check.text-black", inks_text(t.values)), []).append(t)
            elif not t.overprint:
                groups.setdefault(("warning", "check.text-knockout", ""), []).append(t)
        elif t.size < SMALL_PT and inks > 2:
            key = ("error", "check.text-small-inks", inks_text(t.values))
            groups.setdefault(key, []).append(t)
    out: list[Finding] = []
    for (level, code, values), runs in groups.items():
        first = min(runs, key=lambda t: (t.page, -t.box[3], t.box[0]))
        pages = sorted({t.page for t in runs})
        fix = {"check.text-rgb": "check.fix-rgb", "check.text-black": "check.fix-black",
               "check.text-knockout": "check.fix-overprint",
               "check.text-small-inks": "check.fix-small-inks"}[code]  # fmt: skip
        out.append(s.finding(
            level, "text", code, page=first.page, point=(first.box[0], first.box[3]),  # type: ignore[arg-type]
            space=first.space.name, values=values, count=len(runs),
            smallest=round(min(t.size for t in runs), 1), limit=SMALL_PT,
            inks=sum(v > 0.005 for v in first.values), pages=", ".join(map(str, pages[:8])),
            fix=fix,
        ))  # fmt: skip
    if s.press and not groups and s.scene.texts:
        out.append(s.finding("ok", "text", "check.text-ok", limit=SMALL_PT))
    return out


def white(t: TextRun) -> bool:
    """Painted in no ink: white (or paper) whatever the colour space."""
    family, values = t.space.family, t.values
    if family in ("cmyk", "spot"):
        return bool(values) and all(v <= 0.005 for v in values)
    if family in ("gray", "rgb"):
        return bool(values) and all(v >= 0.995 for v in values)
    return False


def look(s: Subject, no: int, raster: PageRaster) -> list[Finding]:
    """Small white text: the inks of what is under it, read from the separated page
    (the most common inked pixel of the text's box: the glyphs themselves are paper)."""
    groups: dict[tuple[float, bool, tuple[int, ...]], list[TextRun]] = {}
    for t in s.scene.texts:
        if t.page != no or not t.fills or not white(t):
            continue
        limit = REVERSED_BOLD_PT if t.bold else REVERSED_PT
        if t.size >= limit - 0.05:
            continue
        inked = [p for p in raster.region(t.box) if max(p) > INK]
        if not inked:
            continue
        background, _ = Counter(inked).most_common(1)[0]
        if sum(v > INK for v in background) < 3:
            continue
        key = (round(t.size, 1), t.bold, background)
        groups.setdefault(key, []).append(t)
    out: list[Finding] = []
    for (size, bold, background), runs in groups.items():
        first = min(runs, key=lambda t: (-t.box[3], t.box[0]))
        values = tuple(round(v / 255, 2) for v in background)
        out.append(s.finding(
            "error", "text", "check.text-reversed-bold" if bold else "check.text-reversed",
            page=no, point=(first.box[0], first.box[3]), size=size, count=len(runs),
            inks=sum(v > INK for v in background), values=inks_text(values),
            fix="check.fix-reversed", fix_params={"regular": REVERSED_PT, "bold": REVERSED_BOLD_PT},
        ))  # fmt: skip
    return out
