"""Colour spaces as a print shop sorts them: RGB, CMYK, gray, Lab, spot colours, patterns;
device or ICC-based."""

from __future__ import annotations

from dataclasses import dataclass, replace

from poster.preflight.objects import get, isa, number

PROCESS = {"/Cyan", "/Magenta", "/Yellow", "/Black"}


@dataclass(frozen=True)
class Space:
    """A colour space as a print shop sorts them."""

    name: str  # as reported: DeviceRGB, ICCBased(RGB), Separation(PANTONE 185 C), …
    family: str  # rgb, cmyk, gray, lab, spot, pattern, unknown
    icc: bool = False  # device-independent (ICCBased, CalRGB, CalGray, Lab)
    spots: tuple[str, ...] = ()
    n: int = 1  # components of a colour
    base: Space | None = None  # of an uncoloured pattern


DEVICE = {
    "/DeviceRGB": Space("DeviceRGB", "rgb", n=3),
    "/RGB": Space("DeviceRGB", "rgb", n=3),
    "/DeviceCMYK": Space("DeviceCMYK", "cmyk", n=4),
    "/CMYK": Space("DeviceCMYK", "cmyk", n=4),
    "/DeviceGray": Space("DeviceGray", "gray"),
    "/G": Space("DeviceGray", "gray"),
    "/Pattern": Space("Pattern", "pattern", n=0),
}
UNKNOWN = Space("unknown", "unknown", n=0)
GRAY, RGB, CMYK = DEVICE["/DeviceGray"], DEVICE["/DeviceRGB"], DEVICE["/DeviceCMYK"]


def colour_space(obj: object, resources: object, depth: int = 0) -> Space:
    """What a /ColorSpace value (a name, a resource name or an array) is."""
    if depth > 8:
        return UNKNOWN
    if isa(obj, "name"):
        key = str(obj)
        if key in DEVICE:
            return DEVICE[key]
        named = get(get(resources, "/ColorSpace"), key)
        return colour_space(named, resources, depth + 1) if named is not None else UNKNOWN
    if not isa(obj, "array") or len(obj) == 0:  # type: ignore[arg-type]
        return UNKNOWN
    items = list(obj)  # type: ignore[call-overload]
    head = str(items[0])
    if head == "/ICCBased" and len(items) > 1:
        n = int(number(get(items[1], "/N")))
        family = {1: "gray", 3: "rgb", 4: "cmyk"}.get(n, "unknown")
        words = {1: "Gray", 3: "RGB", 4: "CMYK"}
        return Space(f"ICCBased({words.get(n, n)})", family, icc=True, n=n)
    if head in ("/CalRGB", "/CalGray", "/Lab"):
        family = {"/CalRGB": "rgb", "/CalGray": "gray", "/Lab": "lab"}[head]
        return Space(head[1:], family, icc=True, n=1 if family == "gray" else 3)
    if head in ("/Indexed", "/I") and len(items) > 1:
        base = colour_space(items[1], resources, depth + 1)
        return replace(base, name=f"Indexed({base.name})", n=1)
    if head == "/Separation" and len(items) > 1:
        colourant = str(items[1])
        if colourant == "/All":
            return Space("Separation(All)", "cmyk", n=1)  # registration: every plate
        if colourant in PROCESS or colourant == "/None":
            return Space(f"Separation({colourant[1:]})", "cmyk", n=1)
        return Space(f"Separation({colourant[1:]})", "spot", spots=(colourant[1:],), n=1)
    if head == "/DeviceN" and len(items) > 1 and isa(items[1], "array"):
        names = [str(v) for v in items[1]]
        spots = tuple(v[1:] for v in names if v not in PROCESS and v not in ("/None", "/All"))
        return Space(f"DeviceN({', '.join(v[1:] for v in names)})",
                     "spot" if spots else "cmyk", spots=spots, n=len(names))  # fmt: skip
    if head == "/Pattern":
        under = colour_space(items[1], resources, depth + 1) if len(items) > 1 else None
        return Space("Pattern", "pattern", n=under.n if under else 0, base=under)
    if head in DEVICE:
        return DEVICE[head]
    return UNKNOWN
