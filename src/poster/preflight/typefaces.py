"""What the walk needs of a font: its glyph widths (to place and measure text runs) and
whether it is bold (reversed text is judged by weight)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from poster.preflight.objects import get, isa, number, numbers


@dataclass(frozen=True)
class Font:
    name: str
    bold: bool
    two_byte: bool
    widths: dict[int, float]  # code → width in thousandths of the size
    default: float
    scale: float  # Type 3: glyph space → text space; others 0.001
    type3: object | None = None  # the font dictionary of a Type 3 font
    obj: Any = None

    def width(self, codes: bytes) -> tuple[float, int]:
        """The codes' total width (text space units per size) and how many spaces."""
        if self.two_byte:
            seq = [codes[i] << 8 | codes[i + 1] for i in range(0, len(codes) - 1, 2)]
        else:
            seq = list(codes)
        total = sum(self.widths.get(c, self.default) for c in seq) * self.scale
        return total, (0 if self.two_byte else seq.count(32))

    def glyphs(self, codes: bytes) -> int:
        return len(codes) // 2 if self.two_byte else len(codes)


BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demi", "extrabold", "ultra")


def font_of(obj: object) -> Font:
    subtype = str(get(obj, "/Subtype") or "")
    name = str(get(obj, "/BaseFont") or get(obj, "/Name") or "?").lstrip("/")
    descriptor = get(obj, "/FontDescriptor")
    widths: dict[int, float] = {}
    default = 500.0
    two_byte = False
    scale = 0.001
    type3 = None
    if subtype == "/Type0":
        two_byte = True
        kids = get(obj, "/DescendantFonts")
        kid = kids[0] if isa(kids, "array") and len(kids) else None
        descriptor = get(kid, "/FontDescriptor")
        default = number(get(kid, "/DW"), 1000.0)
        widths = _cid_widths(get(kid, "/W"))
    else:
        first = int(number(get(obj, "/FirstChar")))
        table = get(obj, "/Widths")
        if isa(table, "array"):
            for i, w in enumerate(list(table)[:256]):
                widths[first + i] = number(w)
        default = number(get(descriptor, "/MissingWidth"), 500.0 if subtype != "/Type3" else 0)
        if subtype == "/Type3":
            matrix = numbers(get(obj, "/FontMatrix") or [])
            scale = matrix[0] if matrix and len(matrix) == 6 else 0.001
            type3 = obj
    weight = number(get(descriptor, "/FontWeight"))
    flags = int(number(get(descriptor, "/Flags")))
    bold = (
        weight >= 600
        or bool(flags & (1 << 18))
        or any(word in name.lower().split("+")[-1] for word in BOLD_WORDS)
    )
    return Font(name, bold, two_byte, widths, default, scale, type3, obj)


def _cid_widths(table: object) -> dict[int, float]:
    out: dict[int, float] = {}
    if not isa(table, "array"):
        return out
    items = list(table)  # type: ignore[call-overload]
    i = 0
    while i < len(items) and len(out) < 65536:
        start = int(number(items[i]))
        nxt = items[i + 1] if i + 1 < len(items) else None
        if isa(nxt, "array"):
            for k, w in enumerate(list(cast(Any, nxt))[:65536]):
                out[start + k] = number(w)
            i += 2
        elif i + 2 < len(items):
            end, w = int(number(nxt)), number(items[i + 2])
            for c in range(start, min(end, start + 65536) + 1):
                out[c] = w
            i += 3
        else:
            break
    return out
