"""What the pages draw, walked once for every check: each content stream, and through it
every form XObject, tiling pattern, shading, image (inline images too), Type 3 glyph and
annotation appearance, with the graphics state a printer would have (matrix, colours,
overprint, clip, text state).

The walk records colour spaces where they paint, text runs (size as printed, colour,
box, boldness), image placements, transparency and spot colours, each with its page
and position, so a check can say where a problem is. Streams are read through
`source.stream_bytes` (bounded); a malformed operator is skipped, as viewers do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from poster import limits
from poster.preflight.report import Box
from poster.preflight.source import NotAPDF, stream_bytes

if TYPE_CHECKING:
    import pikepdf

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
Point = tuple[float, float]


def mul(a: Matrix, b: Matrix) -> Matrix:
    """Product of two PDF matrices [a b c d e f] (a applied first)."""
    a0, a1, a2, a3, a4, a5 = a
    b0, b1, b2, b3, b4, b5 = b
    return (
        a0 * b0 + a1 * b2,
        a0 * b1 + a1 * b3,
        a2 * b0 + a3 * b2,
        a2 * b1 + a3 * b3,
        a4 * b0 + a5 * b2 + b4,
        a4 * b1 + a5 * b3 + b5,
    )


def apply(m: Matrix, x: float, y: float) -> Point:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def bbox(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return (min(xs), min(ys), max(xs), max(ys))


def transform_box(m: Matrix, box: Box) -> Box:
    x0, y0, x1, y1 = box
    return bbox([apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)])


def top_left(box: Box) -> Point:
    return (box[0], box[3])


# ---------------------------------------------------------------- colour spaces

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


def isa(obj: object, kind: str) -> bool:
    import pikepdf

    types = {"dict": (pikepdf.Dictionary, pikepdf.Stream), "array": (pikepdf.Array,),
             "name": (pikepdf.Name,), "stream": (pikepdf.Stream,)}  # fmt: skip
    return isinstance(obj, types[kind])


def get(obj: object, key: str) -> Any:
    """`obj[key]` if `obj` is a dictionary (or stream) holding it, else None."""
    if obj is None or not isa(obj, "dict"):
        return None
    return obj.get(key)  # type: ignore[attr-defined]


def inherited(page: Any, key: str) -> Any:
    """A page attribute, from the page or the nearest page-tree node above it."""
    node, depth = page, 0
    while node is not None and depth < 64:
        value = get(node, key)
        if value is not None:
            return value
        node, depth = get(node, "/Parent"), depth + 1
    return None


def number(value: object, default: float = 0.0) -> float:
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return out if math.isfinite(out) else default


def numbers(values: Iterable[object]) -> tuple[float, ...] | None:
    try:
        out = tuple(float(v) for v in values)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return out if all(math.isfinite(v) for v in out) else None


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


# ---------------------------------------------------------------- what the walk records


@dataclass
class Use:
    """A colour space painting something: where first, how often."""

    page: int
    space: Space
    what: str  # fill, stroke, text, image, inline-image, shading, pattern, glyph
    via: str  # page, form, pattern, annotation, glyph
    at: Point
    count: int = 1


@dataclass(frozen=True)
class TextRun:
    page: int
    size: float  # as printed, pt
    space: Space
    values: tuple[float, ...]
    overprint: bool
    bold: bool
    box: Box
    font: str
    fills: bool  # painted with the fill colour (render modes 0, 2, 4, 6)


@dataclass(frozen=True)
class Placement:
    """An image drawn: its pixels, the page area it covers and its colours."""

    page: int
    name: str  # the resource name, or "inline"
    ref: tuple[int, int]  # the object (0, 0 for inline images)
    width_px: int
    height_px: int
    box: Box
    width_pt: float  # the image's own width and height as printed
    height_pt: float
    space: Space
    smask: bool
    mask: bool  # a stencil mask, painted in the fill colour
    via: str


@dataclass(frozen=True)
class Transparency:
    page: int
    kind: str  # smask, alpha, blend, image-smask, group
    name: str
    at: Point


@dataclass
class Annotation:
    page: int
    subtype: str
    rect: Box
    prints: bool
    field: str  # a form field's name, else ""


@dataclass(frozen=True)
class FontUse:
    """A font that draws text: its dictionary, and where it first does."""

    page: int
    at: Point
    obj: Any


@dataclass
class Scene:
    uses: dict[tuple[int, str, str, str], Use] = field(default_factory=dict)
    texts: list[TextRun] = field(default_factory=list)
    images: list[Placement] = field(default_factory=list)
    transparency: list[Transparency] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    spots: set[str] = field(default_factory=set)
    fonts: dict[tuple[int, int], FontUse] = field(default_factory=dict)  # fonts that print
    operations: int = 0

    def use(self, page: int, space: Space, what: str, via: str, at: Point) -> None:
        key = (page, space.name, what, via)
        found = self.uses.get(key)
        if found is None:
            self.uses[key] = Use(page, space, what, via, at)
            self.spots.update(space.spots)
            if space.base is not None:
                self.spots.update(space.base.spots)
        else:
            found.count += 1

    def spaces(self) -> set[str]:
        return {u.space.name for u in self.uses.values()}


# ---------------------------------------------------------------- fonts


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


# ---------------------------------------------------------------- the graphics state


@dataclass(frozen=True)
class Colour:
    space: Space = GRAY
    values: tuple[float, ...] = (0.0,)
    pattern: str = ""  # the pattern's resource name when the space is Pattern


@dataclass
class State:
    ctm: Matrix = IDENTITY
    fill: Colour = field(default_factory=Colour)
    stroke: Colour = field(default_factory=Colour)
    overprint: bool = False  # the fill's
    clip: Box | None = None
    font: Font | None = None
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0  # horizontal scaling, Tz / 100
    leading: float = 0.0
    rise: float = 0.0
    mode: int = 0  # text rendering mode


PAINT_FILL = {"f", "F", "f*", "B", "B*", "b", "b*"}
PAINT_STROKE = {"S", "s", "B", "B*", "b", "b*"}
PATH_END = PAINT_FILL | PAINT_STROKE | {"n"}


class Walker:
    """Walks the content streams of one document into a Scene."""

    def __init__(self, pdf: pikepdf.Pdf, scene: Scene):
        self.pdf = pdf
        self.scene = scene
        self.fonts: dict[tuple[int, int], Font] = {}
        self.parsed: dict[tuple[int, int], list[Any]] = {}
        self.cached_ops = 0
        self.glyphs_walked: set[tuple[int, int]] = set()
        self.patterns_walked: set[tuple[int, int, int]] = set()

    # ---- streams

    def operations(
        self, stream: Any, what: str, page: int, more: tuple[Any, ...] = ()
    ) -> list[Any]:
        """The operators of `stream` (and of `more`: a page's contents may be cut in
        several streams, one instruction across two), parsed once per stream."""
        import pikepdf

        ref = stream.objgen if not more and stream.objgen != (0, 0) else None
        if ref is not None and ref in self.parsed:
            ops = self.parsed[ref]
        else:
            data = b"\n".join(
                stream_bytes(s, limits.PDF_CONTENT_INFLATED, page) for s in (stream, *more)
            )
            if len(data) > limits.PDF_CONTENT_INFLATED:
                from poster.preflight.source import size_words

                raise NotAPDF(
                    "pdf.content-inflates", page=page, limit=size_words(limits.PDF_CONTENT_INFLATED)
                )
            try:
                ops = list(pikepdf.parse_content_stream(pikepdf.Stream(self.pdf, data)))
            except pikepdf.PdfError as e:
                raise NotAPDF("pdf.damaged-stream", page=page, reason=str(e)) from None
            if ref is not None and self.cached_ops + len(ops) < 300_000:
                self.parsed[ref] = ops
                self.cached_ops += len(ops)
        self.scene.operations += len(ops)
        if self.scene.operations > limits.PDF_OPERATIONS:
            raise NotAPDF("pdf.too-complex", limit=limits.PDF_OPERATIONS)
        return ops

    def page(self, number_: int, page: Any) -> None:
        resources = inherited(page, "/Resources")
        contents = get(page, "/Contents")
        streams = list(contents) if isa(contents, "array") else [contents]
        group = get(page, "/Group")
        media = numbers(inherited(page, "/MediaBox") or []) or (0.0, 0.0, 0.0, 0.0)
        if str(get(group, "/S")) == "/Transparency":
            self.scene.transparency.append(
                Transparency(number_, "page-group", "", (media[0], media[3]))
            )
        streams = [s for s in streams if isa(s, "stream")]
        if streams:
            ops = self.operations(streams[0], "page", number_, tuple(streams[1:]))
            self.run(ops, resources, State(), number_, "page", None, 0)
        self.annotations(number_, page)

    def annotations(self, number_: int, page: Any) -> None:
        annots = get(page, "/Annots")
        if not isa(annots, "array"):
            return
        for annot in list(annots)[:10_000]:
            rect = numbers(get(annot, "/Rect") or [])
            if rect is None or len(rect) != 4:
                continue
            box = bbox([(rect[0], rect[1]), (rect[2], rect[3])])
            flags = int(number(get(annot, "/F")))
            prints = bool(flags & 4) and not flags & 2
            subtype = str(get(annot, "/Subtype") or "/?")[1:]
            name = get(annot, "/T") or get(get(annot, "/Parent"), "/T")
            self.scene.annotations.append(
                Annotation(number_, subtype, box, prints, str(name) if name is not None else "")
            )
            appearance = get(get(annot, "/AP"), "/N")
            if appearance is None:
                continue
            if isa(appearance, "stream"):
                states = [appearance]
            else:
                states = [v for v in appearance.values() if isa(v, "stream")][:32]
            for stream in states:
                self.form(stream, State(), number_, "annotation", top_left(box), 1)

    def form(
        self, form: Any, state: State, page: int, via: str, at: Point | None, depth: int
    ) -> None:
        if depth > 24:
            return
        matrix = numbers(get(form, "/Matrix") or []) or IDENTITY
        if len(matrix) != 6:
            matrix = IDENTITY
        inner = replace(state, ctm=mul(matrix, state.ctm))
        group = get(form, "/Group")
        if str(get(group, "/S")) == "/Transparency":
            box = numbers(get(form, "/BBox") or [])
            where = at or (top_left(transform_box(inner.ctm, box)) if box and len(box) == 4
                           else (inner.ctm[4], inner.ctm[5]))  # fmt: skip
            self.scene.transparency.append(Transparency(page, "group", "", where))
        ops = self.operations(form, via if via != "page" else "form", page)
        resources = get(form, "/Resources")
        self.run(ops, resources, inner, page, via, at, depth)

    # ---- the operators

    def run(
        self,
        ops: list[Any],
        resources: Any,
        state: State,
        page: int,
        via: str,
        at: Point | None,
        depth: int,
    ) -> None:
        """Walk operators with `state`. `at`: where to say things are (a pattern cell, a
        glyph or an appearance is reported where it is used)."""
        scene = self.scene
        stack: list[State] = []
        path: list[Point] = []
        clipping = False
        tm: Matrix = IDENTITY
        tlm: Matrix = IDENTITY

        def where(box: Box | None = None) -> Point:
            if at is not None:
                return at
            if box is not None:
                return top_left(box)
            return (state.ctm[4], state.ctm[5])

        def paint(kind: str, colour: Colour, box: Box | None) -> None:
            space = colour.space
            if space.family == "pattern":
                self.pattern(colour, resources, state, page, box, where(box), kind, depth)
                return
            scene.use(page, space, kind, via, where(box))

        for operands, operator in ops:
            op = str(operator)
            try:
                if op in ("m", "l"):
                    xy = numbers(operands)
                    if xy and len(xy) == 2:
                        path.append(apply(state.ctm, *xy))
                elif op == "re":
                    r = numbers(operands)
                    if r and len(r) == 4:
                        x, y, w, h = r
                        ctm = state.ctm
                        path += [apply(ctm, x, y), apply(ctm, x + w, y + h),
                                 apply(ctm, x + w, y), apply(ctm, x, y + h)]  # fmt: skip
                elif op in ("c", "v", "y"):
                    xy = numbers(operands)
                    if xy:
                        pairs = range(0, len(xy) - 1, 2)
                        path += [apply(state.ctm, xy[i], xy[i + 1]) for i in pairs]
                elif op in PATH_END:
                    box = bbox(path) if path else None
                    if op in PAINT_FILL:
                        paint("fill", state.fill, box)
                    if op in PAINT_STROKE:
                        paint("stroke", state.stroke, box)
                    if clipping and box is not None:
                        state.clip = _intersect(state.clip, box)
                    path, clipping = [], False
                elif op in ("W", "W*"):
                    clipping = True
                elif op == "q":
                    stack.append(replace(state))
                elif op == "Q":
                    if stack:
                        state = stack.pop()
                elif op == "cm":
                    m = numbers(operands)
                    if m and len(m) == 6:
                        state.ctm = mul(m, state.ctm)
                elif op in ("g", "G", "rg", "RG", "k", "K"):
                    values = numbers(operands)
                    if values is not None:
                        space = {"g": GRAY, "rg": RGB, "k": CMYK}[op.lower()]
                        if op.islower():
                            state.fill = Colour(space, values)
                        else:
                            state.stroke = Colour(space, values)
                elif op in ("cs", "CS"):
                    space = colour_space(operands[0], resources) if operands else UNKNOWN
                    start = (0.0,) * space.n if space.family != "cmyk" or space.n != 4 else (
                        0.0, 0.0, 0.0, 1.0)  # fmt: skip
                    if op == "cs":
                        state.fill = Colour(space, start)
                    else:
                        state.stroke = Colour(space, start)
                elif op in ("sc", "scn", "SC", "SCN"):
                    values = numbers(v for v in operands if not isa(v, "name")) or ()
                    name = next((str(v) for v in operands if isa(v, "name")), "")
                    current = state.fill if op.islower() else state.stroke
                    colour = Colour(current.space, values, name)
                    if op.islower():
                        state.fill = colour
                    else:
                        state.stroke = colour
                elif op == "gs" and operands:
                    self.graphics_state(str(operands[0]), resources, state, page, where())
                elif op == "BT":
                    tm = tlm = IDENTITY
                elif op == "Tf" and len(operands) == 2:
                    state.font = self.font(get(get(resources, "/Font"), str(operands[0])))
                    state.size = number(operands[1])
                elif op in ("Tc", "Tw", "Tz", "TL", "Ts", "Tr") and operands:
                    v = number(operands[0])
                    if op == "Tc":
                        state.char_spacing = v
                    elif op == "Tw":
                        state.word_spacing = v
                    elif op == "Tz":
                        state.scale = v / 100
                    elif op == "TL":
                        state.leading = v
                    elif op == "Ts":
                        state.rise = v
                    else:
                        state.mode = int(v)
                elif op == "Tm":
                    m = numbers(operands)
                    if m and len(m) == 6:
                        tm = tlm = m
                elif op in ("Td", "TD"):
                    d = numbers(operands)
                    if d and len(d) == 2:
                        if op == "TD":
                            state.leading = -d[1]
                        tm = tlm = mul((1, 0, 0, 1, d[0], d[1]), tlm)
                elif op == "T*":
                    tm = tlm = mul((1, 0, 0, 1, 0, -state.leading), tlm)
                elif op in ("Tj", "TJ", "'", '"'):
                    if op in ("'", '"'):
                        if op == '"' and len(operands) == 3:
                            state.word_spacing = number(operands[0])
                            state.char_spacing = number(operands[1])
                        tm = tlm = mul((1, 0, 0, 1, 0, -state.leading), tlm)
                    items = operands[-1] if operands else None
                    array = op == "TJ" and isa(items, "array")
                    pieces = list(cast(Any, items)) if array else [items]
                    tm = self.show(pieces, state, tm, page, via, at, resources, depth)
                elif op == "Do" and operands:
                    self.xobject(str(operands[0]), resources, state, page, via, at, depth)
                elif op == "sh" and operands:
                    shading = get(get(resources, "/Shading"), str(operands[0]))
                    space = colour_space(get(shading, "/ColorSpace"), resources)
                    scene.use(page, space, "shading", via, where(state.clip))
                elif op == "INLINE IMAGE" and operands:
                    self.inline_image(operands[0], resources, state, page, via, at)
            except NotAPDF:
                raise
            except (TypeError, ValueError, IndexError, ArithmeticError):
                continue  # a malformed operator is skipped, as a viewer does

    def graphics_state(self, name: str, resources: Any, state: State, page: int, at: Point) -> None:
        gs = get(get(resources, "/ExtGState"), name)
        if gs is None:
            return
        if get(gs, "/op") is not None:
            state.overprint = bool(get(gs, "/op"))
        elif get(gs, "/OP") is not None:
            state.overprint = bool(get(gs, "/OP"))
        smask = get(gs, "/SMask")
        if smask is not None and str(smask) != "/None":
            self.scene.transparency.append(Transparency(page, "smask", name, at))
        for key in ("/CA", "/ca"):
            value = get(gs, key)
            if value is not None and number(value, 1.0) < 1:
                self.scene.transparency.append(Transparency(page, "alpha", name, at))
        blend = get(gs, "/BM")
        modes = [str(v) for v in blend] if isa(blend, "array") else [str(blend)]
        if blend is not None and not set(modes) <= {"/Normal", "/Compatible"}:
            self.scene.transparency.append(Transparency(page, "blend", name, at))
        font = get(gs, "/Font")
        if isa(font, "array") and len(font) == 2:
            state.font, state.size = self.font(font[0]), number(font[1])

    def font(self, obj: Any) -> Font | None:
        if obj is None:
            return None
        ref = obj.objgen
        found = self.fonts.get(ref) if ref != (0, 0) else None
        if found is None:
            found = font_of(obj)
            if ref != (0, 0):
                self.fonts[ref] = found
        return found

    def show(
        self,
        pieces: list[Any],
        state: State,
        tm: Matrix,
        page: int,
        via: str,
        at: Point | None,
        resources: Any,
        depth: int,
    ) -> Matrix:
        """A text run: its box and colour recorded; the text matrix advanced past it."""
        font = state.font
        size, th = state.size, state.scale
        advance = 0.0
        glyphs = 0
        for piece in pieces:
            if isa(piece, "name") or piece is None:
                continue
            if isinstance(piece, (int, float)) or not hasattr(piece, "__bytes__"):
                advance -= number(piece) / 1000 * size * th
                continue
            codes = bytes(piece)
            if font is None:
                advance += len(codes) * 0.5 * size * th
                glyphs += len(codes)
                continue
            width, spaces = font.width(codes)
            n = font.glyphs(codes)
            glyphs += n
            advance += (width * size + n * state.char_spacing + spaces * state.word_spacing) * th
        m = mul(tm, state.ctm)
        printed = abs(size) * math.hypot(m[2], m[3])
        if glyphs and state.mode != 3 and state.mode != 7:
            low, high = state.rise - 0.22 * size, state.rise + 0.78 * size
            box = transform_box(m, (0.0, low, advance, high))
            fills = state.mode in (0, 2, 4, 6)
            colour = state.fill if fills else state.stroke
            self.scene.texts.append(TextRun(
                page, printed, colour.space, colour.values, state.overprint,
                bool(font and font.bold) or state.mode == 2, box, font.name if font else "?",
                fills,
            ))  # fmt: skip
            space = colour.space
            if space.family == "pattern":
                where = at or top_left(box)
                self.pattern(colour, resources, state, page, box, where, "text", depth)
            else:
                self.scene.use(page, space, "text", via, at or top_left(box))
            if font is not None:
                ref = font.obj.objgen
                if ref not in self.scene.fonts:
                    self.scene.fonts[ref] = FontUse(page, at or top_left(box), font.obj)
                if font.type3 is not None:
                    self.type3(font, page, at or top_left(box), depth)
        return mul((1, 0, 0, 1, advance, 0), tm)

    def type3(self, font: Font, page: int, at: Point, depth: int) -> None:
        obj: Any = font.type3
        key = obj.objgen
        if key in self.glyphs_walked or depth > 8:
            return
        self.glyphs_walked.add(key)
        procs = get(obj, "/CharProcs")
        if procs is None:
            return
        resources = get(obj, "/Resources")
        for proc in list(procs.values())[:256]:
            if isa(proc, "stream"):
                ops = self.operations(proc, "glyph", page)
                if any(str(op) == "d1" for _, op in ops[:4]):
                    continue  # an uncoloured glyph: painted in the text's colour
                self.run(ops, resources, State(), page, "glyph", at, depth + 1)

    def pattern(
        self,
        colour: Colour,
        resources: Any,
        state: State,
        page: int,
        box: Box | None,
        at: Point,
        kind: str,
        depth: int,
    ) -> None:
        pattern = get(get(resources, "/Pattern"), colour.pattern)
        if pattern is None:
            return
        if int(number(get(pattern, "/PatternType"))) == 2:
            space = colour_space(get(get(pattern, "/Shading"), "/ColorSpace"), resources)
            self.scene.use(page, space, "shading", "pattern", at)
            return
        if int(number(get(pattern, "/PaintType"))) == 2:
            base = colour.space.base or UNKNOWN
            self.scene.use(page, base, "pattern", "pattern", at)
            return
        key = (page, *pattern.objgen)
        if key in self.patterns_walked:
            return
        self.patterns_walked.add(key)
        self.scene.use(page, colour.space, kind, "pattern", at)
        matrix = numbers(get(pattern, "/Matrix") or []) or IDENTITY
        cell = State(ctm=matrix if len(matrix) == 6 else IDENTITY)
        ops = self.operations(pattern, "pattern", page)
        self.run(ops, get(pattern, "/Resources"), cell, page, "pattern", at, depth + 1)

    def xobject(
        self,
        name: str,
        resources: Any,
        state: State,
        page: int,
        via: str,
        at: Point | None,
        depth: int,
    ) -> None:
        obj = get(get(resources, "/XObject"), name)
        if obj is None:
            return
        subtype = str(get(obj, "/Subtype"))
        if subtype == "/Form":
            self.form(obj, replace(state), page, "form" if via == "page" else via, at, depth + 1)
        elif subtype == "/Image":
            self.image(obj, name.lstrip("/"), obj.objgen, resources, state, page, via, at)

    def image(
        self,
        obj: Any,
        name: str,
        ref: tuple[int, int],
        resources: Any,
        state: State,
        page: int,
        via: str,
        at: Point | None,
    ) -> None:
        width, height = int(number(get(obj, "/Width"))), int(number(get(obj, "/Height")))
        mask = bool(get(obj, "/ImageMask") or get(obj, "/IM"))
        space_obj = get(obj, "/ColorSpace")
        if space_obj is None:
            space_obj = get(obj, "/CS")
        if mask:
            space = state.fill.space
        elif space_obj is None:
            filters = str(get(obj, "/Filter") or get(obj, "/F"))
            space = Space("JPXDecode", "unknown", n=3) if "JPX" in filters else UNKNOWN
        else:
            space = colour_space(space_obj, resources)
        bits = int(number(get(obj, "/BitsPerComponent") or get(obj, "/BPC"), 8))
        if ref != (0, 0):
            _check_image_size(obj, name, page, width, height, max(space.n, 1), bits)
        m = state.ctm
        box = transform_box(m, (0.0, 0.0, 1.0, 1.0))
        smask = get(obj, "/SMask") is not None or get(obj, "/SMaskInData") not in (None, 0)
        self.scene.images.append(Placement(
            page, name, ref, width, height, box, math.hypot(m[0], m[1]), math.hypot(m[2], m[3]),
            space, smask, mask, via,
        ))  # fmt: skip
        what = "inline-image" if ref == (0, 0) else "image"
        if space.family == "pattern":
            return
        self.scene.use(page, space, what, via, at or top_left(box))
        if smask:
            self.scene.transparency.append(Transparency(page, "image-smask", name,
                                                        at or top_left(box)))  # fmt: skip

    def inline_image(
        self, image: Any, resources: Any, state: State, page: int, via: str, at: Point | None
    ) -> None:
        self.image(image.obj, "inline", (0, 0), resources, state, page, via, at)


def _intersect(a: Box | None, b: Box) -> Box:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _check_image_size(
    obj: Any, name: str, page: int, width: int, height: int, n: int, bits: int
) -> None:
    """An image's pixels, as declared (and as its JPEG header says), within the bound
    before anything decodes them."""
    declared = width * height * n * bits / 8
    filters = str(get(obj, "/Filter"))
    if "DCT" in filters:
        header = _jpeg_size(obj)
        if header is not None:
            declared = max(declared, header[0] * header[1] * header[2])
    if declared > limits.PDF_STREAM_INFLATED:
        from poster.preflight.source import size_words

        raise NotAPDF(
            "pdf.image-too-large", name=name, page=page, width=width, height=height,
            size=size_words(declared), limit=size_words(limits.PDF_STREAM_INFLATED),
        )  # fmt: skip


def _jpeg_size(obj: Any) -> tuple[int, int, int] | None:
    """Width, height and components from a JPEG's frame header."""
    import pikepdf

    try:
        data = obj.read_raw_bytes()
    except pikepdf.PdfError:
        return None
    at = 2
    while at + 9 < len(data) and at < 1 << 20:
        if data[at] != 0xFF:
            at += 1
            continue
        marker = data[at + 1]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height = data[at + 5] << 8 | data[at + 6]
            width = data[at + 7] << 8 | data[at + 8]
            return width, height, data[at + 9]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
            at += 2 if marker != 0xFF else 1
            continue
        at += 2 + (data[at + 2] << 8 | data[at + 3])
    return None


def walk(
    pdf: pikepdf.Pdf, pages: list[Any], progress: Callable[[int, int], None] | None = None
) -> Scene:
    """The scene of every page."""
    scene = Scene()
    walker = Walker(pdf, scene)
    for n, page in enumerate(pages, start=1):
        walker.page(n, page)
        if progress is not None:
            progress(n, len(pages))
    return scene
