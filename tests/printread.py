"""Reading a PDF as a print shop does, independently of poster's code.

- `painted(pdf, page)`: every painted thing of a page (fills, strokes, text runs,
  images), followed through q/Q, cm, form XObjects, colour operators, line widths,
  overprint graphics states, fonts and text matrices, with its colour and its box in
  page coordinates. Parsed with pikepdf.parse_content_stream.
- Colour science written here: sRGB → CIELAB (D50) by the published formulas,
  CIEDE2000 (Sharma, Wu and Dalal 2005), and what inks print as read through an ICC
  profile with LittleCMS (Pillow's ImageCms), relative colorimetric.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import cache

import pikepdf
from PIL import Image, ImageCms

MM = 72 / 25.4

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)  # fmt: skip


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


@dataclass
class Painted:
    kind: str  # "fill", "stroke", "text", "image"
    color: tuple  # (operator, values): ("k", (c, m, y, k)), ("rg", (r, g, b)), ("g", (v,))
    box: tuple[float, float, float, float]  # page coordinates, points
    thickness: float = math.inf  # strokes: the line width; fills: see `painted`
    size: float = 0.0  # text: printed size, points
    font: str = ""  # text: BaseFont
    overprint: bool = False  # op (fills, text) or OP (strokes) in force, with OPM 1
    vertices: int = 0  # fills: points of the path
    rects: bool = False  # fills: made of `re` rectangles only
    space: str = ""  # images: colour space
    raw: bytes = b""  # text: the shown bytes

    @property
    def inks(self) -> tuple[float, ...] | None:
        return self.color[1] if self.color[0] == "k" else None


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: tuple = ("g", (0.0,))
    stroke: tuple = ("g", (0.0,))
    width: float = 1.0
    op: bool = False
    OP: bool = False
    OPM: int = 0

    def copy(self) -> _State:
        return _State(self.ctm, self.fill, self.stroke, self.width, self.op, self.OP, self.OPM)


def _thickness(
    subpaths: list[list[tuple[float, float]]], rects: list[tuple[float, float]]
) -> float:
    """A path's thinnest part: the shorter side of its thinnest `re` rectangle if it is made
    of rectangles only; else twice its area over its perimeter (a strip's width, a disc's
    radius, half a square's side), curves taken by their control points."""
    if rects and not subpaths:
        return min(min(w, h) for w, h in rects)
    area = perimeter = 0.0
    for pts in subpaths:
        ring = list(zip(pts, pts[1:] + pts[:1], strict=True))
        area += abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in ring)) / 2
        perimeter += sum(math.hypot(x1 - x0, y1 - y0) for (x0, y0), (x1, y1) in ring)
    for w, h in rects:
        area += w * h
        perimeter += 2 * (w + h)
    return 2 * area / perimeter if perimeter else 0.0


_NUMERIC = {
    "cm",
    "k",
    "K",
    "g",
    "G",
    "rg",
    "RG",
    "w",
    "re",
    "m",
    "l",
    "c",
    "v",
    "y",
    "Tm",
    "Td",
    "TD",
    "TL",
}


def painted(pdf: pikepdf.Pdf, page: pikepdf.Page) -> list[Painted]:
    out: list[Painted] = []

    def walk(stream, resources, ctm: Matrix) -> None:
        st = _State(ctm=ctm)
        stack: list[_State] = []
        subpaths: list[list[tuple[float, float]]] = []  # m/l/c paths (curves by control points)
        rects: list[tuple[float, float]] = []  # `re` rectangles: width, height
        points: list[tuple[float, float]] = []  # the open subpath
        every: list[tuple[float, float]] = []  # the rectangles' corners, for the box
        font = None
        size = leading = 0.0
        tm = tlm = IDENTITY
        fonts = resources.get("/Font", {})
        states = resources.get("/ExtGState", {})
        xobjects = resources.get("/XObject", {})
        for ins in pikepdf.parse_content_stream(stream):
            if isinstance(ins, pikepdf.ContentStreamInlineImage):
                out.append(Painted("image", ("", ()), (0, 0, 0, 0), space="inline"))
                continue
            operands, op = ins.operands, str(ins.operator)
            nums = [float(v) for v in operands] if op in _NUMERIC else []
            if op == "q":
                stack.append(st.copy())
            elif op == "Q":
                st = stack.pop()
            elif op == "cm":
                st.ctm = mul(tuple(nums), st.ctm)
            elif op in ("k", "g", "rg"):
                st.fill = (op, tuple(nums))
            elif op in ("K", "G", "RG"):
                st.stroke = (op.lower(), tuple(nums))
            elif op in ("cs", "sc", "scn"):
                st.fill = (op, tuple(str(v) for v in operands))
            elif op in ("CS", "SC", "SCN"):
                st.stroke = (op.lower(), tuple(str(v) for v in operands))
            elif op == "w":
                st.width = nums[0]
            elif op == "gs":
                state = states[str(operands[0])]
                for key in ("op", "OP", "OPM"):
                    if f"/{key}" in state:
                        setattr(st, key, state[f"/{key}"])
            elif op == "m":
                if points:
                    subpaths.append(points)
                points = [apply(st.ctm, *nums)]
            elif op == "l":
                points.append(apply(st.ctm, *nums))
            elif op in ("c", "v", "y"):
                points += [apply(st.ctm, nums[i], nums[i + 1]) for i in range(0, len(nums), 2)]
            elif op == "re":
                x, y, w, h = nums
                corners = [apply(st.ctm, x + u, y + v) for u, v in ((0, 0), (w, 0), (w, h), (0, h))]
                xs, ys = [p[0] for p in corners], [p[1] for p in corners]
                rects.append((max(xs) - min(xs), max(ys) - min(ys)))
                every += corners
            elif op in ("f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n"):
                if points:
                    subpaths.append(points)
                every += [p for sp in subpaths for p in sp]
                if every and op != "n":
                    xs, ys = [p[0] for p in every], [p[1] for p in every]
                    box = (min(xs), min(ys), max(xs), max(ys))
                    a, b, c, d, _, _ = st.ctm
                    scale = math.sqrt(abs(a * d - b * c))
                    if op not in ("S", "s"):
                        out.append(Painted(
                            "fill", st.fill, box, _thickness(subpaths, rects),
                            overprint=bool(st.op) and st.OPM == 1,
                            vertices=len(every), rects=not subpaths,
                        ))  # fmt: skip
                    if op in ("S", "s", "B", "B*", "b", "b*"):
                        out.append(Painted(
                            "stroke", st.stroke, box, st.width * scale,
                            overprint=bool(st.OP) and st.OPM == 1,
                        ))  # fmt: skip
                subpaths, rects, points, every = [], [], [], []
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tf":
                font, size = fonts[str(operands[0])], float(operands[1])
            elif op == "TL":
                leading = nums[0]
            elif op == "Tm":
                tm = tlm = tuple(nums)
            elif op in ("Td", "TD"):
                tlm = mul((1, 0, 0, 1, nums[0], nums[1]), tlm)
                tm = tlm
                if op == "TD":
                    leading = -nums[1]
            elif op == "T*":
                tlm = mul((1, 0, 0, 1, 0, -leading), tlm)
                tm = tlm
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    tlm = mul((1, 0, 0, 1, 0, -leading), tlm)
                    tm = tlm
                parts = list(operands[-1]) if op == "TJ" else [operands[-1]]
                first = int(font.get("/FirstChar", 0))
                widths = [float(w) for w in font.get("/Widths", [])]
                advance, raw = 0.0, b""
                for part in parts:
                    if isinstance(part, pikepdf.String):
                        data = bytes(part)
                        raw += data
                        for code in data:
                            i = code - first
                            advance += (widths[i] if 0 <= i < len(widths) else 500) / 1000 * size
                    else:
                        advance -= float(part) / 1000 * size
                m = mul(tm, st.ctm)
                corners = [
                    apply(m, dx, dy) for dx in (0, advance) for dy in (-0.22 * size, 0.75 * size)
                ]
                xs, ys = [p[0] for p in corners], [p[1] for p in corners]
                out.append(Painted(
                    "text", st.fill, (min(xs), min(ys), max(xs), max(ys)),
                    size=size * math.hypot(m[2], m[3]), font=str(font.BaseFont),
                    overprint=bool(st.op) and st.OPM == 1, raw=raw,
                ))  # fmt: skip
                tm = mul((1, 0, 0, 1, advance, 0), tm)
            elif op == "Do":
                x = xobjects[str(operands[0])]
                if x.Subtype == "/Form":
                    matrix = tuple(float(v) for v in x.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                    walk(x, x.get("/Resources", resources), mul(matrix, st.ctm))
                else:
                    corners = [apply(st.ctm, u, v) for u in (0, 1) for v in (0, 1)]
                    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
                    out.append(Painted("image", ("", ()), (min(xs), min(ys), max(xs), max(ys)),
                                       space=str(x.get("/ColorSpace"))))  # fmt: skip

    walk(page.obj, page.obj.Resources, IDENTITY)
    return out


def operators(pdf: pikepdf.Pdf) -> set[str]:
    """Every operator of every page, form XObject and tiling pattern of the file."""
    found: set[str] = set()
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            found |= {str(i.operator) for i in pikepdf.parse_content_stream(obj)}
    for page in pdf.pages:
        found |= {str(i.operator) for i in pikepdf.parse_content_stream(page)}
    return found


def covers(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def under(marks: list[Painted], text: Painted) -> Painted | None:
    """The fill last painted before `text` that covers its centre (what it sits on)."""
    x0, y0, x1, y1 = text.box
    x, y = (x0 + x1) / 2, (y0 + y1) / 2
    before = marks[: marks.index(text)]
    return next((m for m in reversed(before) if m.kind == "fill" and covers(m.box, x, y)), None)


def bold(font: str) -> bool:
    weight = font.rsplit("-", 1)[-1]
    return "Bold" in weight and "SemiBold" not in weight


def inks_used(values: tuple[float, ...]) -> int:
    return sum(v > 0.005 for v in values)


# ---------------------------------------------------------------- colour science


def srgb_to_lab(hex_colour: str) -> tuple[float, float, float]:
    """sRGB → linear → XYZ (D50, Bradford-adapted matrix, Lindbloom) → CIELAB."""
    rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    m = [
        (0.4360747, 0.3850649, 0.1430804),
        (0.2225045, 0.7168786, 0.0606169),
        (0.0139322, 0.0971045, 0.7141733),
    ]
    x, y, z = (sum(a * b for a, b in zip(row, lin, strict=True)) for row in m)
    white = (0.9642, 1.0, 0.8249)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = (f(v / w) for v, w in zip((x, y, z), white, strict=True))
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def ciede2000(lab1, lab2) -> float:
    """ΔE00 as published by Sharma, Wu and Dalal (2005), kL = kC = kH = 1."""
    L1, a1, b1 = lab1
    L2, a2, b2 = lab2
    rad, deg = math.radians, math.degrees
    cbar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cbar**7 / (cbar**7 + 25**7)))
    ap1, ap2 = a1 * (1 + g), a2 * (1 + g)
    cp1, cp2 = math.hypot(ap1, b1), math.hypot(ap2, b2)
    hp1 = deg(math.atan2(b1, ap1)) % 360 if cp1 else 0.0
    hp2 = deg(math.atan2(b2, ap2)) % 360 if cp2 else 0.0
    dL, dC = L2 - L1, cp2 - cp1
    if cp1 * cp2 == 0:
        dh = 0.0
    elif abs(hp2 - hp1) <= 180:
        dh = hp2 - hp1
    elif hp2 - hp1 > 180:
        dh = hp2 - hp1 - 360
    else:
        dh = hp2 - hp1 + 360
    dH = 2 * math.sqrt(cp1 * cp2) * math.sin(rad(dh) / 2)
    Lbar, Cbar = (L1 + L2) / 2, (cp1 + cp2) / 2
    if cp1 * cp2 == 0:
        hbar = hp1 + hp2
    elif abs(hp1 - hp2) <= 180:
        hbar = (hp1 + hp2) / 2
    elif hp1 + hp2 < 360:
        hbar = (hp1 + hp2 + 360) / 2
    else:
        hbar = (hp1 + hp2 - 360) / 2
    t = (1 - 0.17 * math.cos(rad(hbar - 30)) + 0.24 * math.cos(rad(2 * hbar))
         + 0.32 * math.cos(rad(3 * hbar + 6)) - 0.20 * math.cos(rad(4 * hbar - 63)))  # fmt: skip
    d_theta = 30 * math.exp(-(((hbar - 275) / 25) ** 2))
    rc = 2 * math.sqrt(Cbar**7 / (Cbar**7 + 25**7))
    sl = 1 + 0.015 * (Lbar - 50) ** 2 / math.sqrt(20 + (Lbar - 50) ** 2)
    sc = 1 + 0.045 * Cbar
    sh = 1 + 0.015 * Cbar * t
    rt = -math.sin(rad(2 * d_theta)) * rc
    return math.sqrt((dL / sl) ** 2 + (dC / sc) ** 2 + (dH / sh) ** 2 + rt * (dC / sc) * (dH / sh))


class Press:
    """An ICC output profile read with LittleCMS: what inks print as (D50 Lab)."""

    def __init__(self, profile: bytes):
        self.profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        lab = ImageCms.createProfile("LAB", 5000)
        self._proof = ImageCms.buildTransform(
            self.profile, lab, "CMYK", "LAB", ImageCms.Intent.RELATIVE_COLORIMETRIC
        )
        self._cache: dict[tuple[int, ...], tuple[float, float, float]] = {}
        self._best: dict[tuple[float, float, float], float] = {}

    def labs(self, inks: list[tuple[float, ...]]) -> list[tuple[float, float, float]]:
        keys = [tuple(round(v * 255) for v in c) for c in inks]
        todo = sorted({k for k in keys if k not in self._cache})
        if todo:
            im = Image.new("CMYK", (len(todo), 1))
            im.putdata(todo)
            raw = ImageCms.applyTransform(im, self._proof).tobytes()
            for n, k in enumerate(todo):
                L, a, b = raw[3 * n : 3 * n + 3]  # a and b are signed bytes
                self._cache[k] = (L * 100 / 255, a - 256 * (a > 127), b - 256 * (b > 127))
        return [self._cache[k] for k in keys]

    def lab(self, inks: tuple[float, ...]) -> tuple[float, float, float]:
        return self.labs([inks])[0]

    def best_icc(self, hex_colour: str) -> float:
        """How near the press gets to the colour with LittleCMS alone: sRGB → CMYK relative
        colorimetric without black-point compensation, read back (ΔE00)."""
        srgb = ImageCms.createProfile("sRGB")
        t = ImageCms.buildTransform(
            srgb, self.profile, "RGB", "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC
        )
        rgb = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        cmyk = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), t).getpixel((0, 0))
        return ciede2000(srgb_to_lab(hex_colour), self.lab(tuple(v / 255 for v in cmyk)))

    def best_two_inks(self, lab) -> float:
        """The ΔE00 of the nearest one- or two-ink mix, every pair on a 2 % grid."""
        if lab not in self._best:
            self._best[lab] = self._two_inks(lab)
        return self._best[lab]

    def _two_inks(self, lab) -> float:
        steps = [v / 50 for v in range(51)]
        mixes = set()
        for i in range(4):
            for j in range(i + 1, 4):
                for u in steps:
                    for v in steps:
                        c = [0.0] * 4
                        c[i], c[j] = u, v
                        mixes.add(tuple(c))
        mixes_list = sorted(mixes)
        return min(ciede2000(lab, got) for got in self.labs(mixes_list))


@cache
def press_of(profile: bytes) -> Press:
    return Press(profile)
