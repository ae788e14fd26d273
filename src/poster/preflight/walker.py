"""Walking content streams: each page's, and through it every form XObject, tiling
pattern, shading, image (inline images too), Type 3 glyph and annotation appearance,
with the graphics state a printer would have (matrix, colours, overprint, clip, text
state), into a `Scene`.

Streams are read through `source.stream_bytes` (bounded) and parsed once each by
pikepdf; the operators walked are counted against PDF_OPERATIONS. A malformed
operator is skipped, as viewers do.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast

from poster import limits
from poster.preflight.objects import (
    IDENTITY,
    Matrix,
    Point,
    apply,
    bbox,
    get,
    inherited,
    isa,
    mul,
    number,
    numbers,
    top_left,
    transform_box,
)
from poster.preflight.report import Box
from poster.preflight.scene import (
    Annotation,
    FontUse,
    Placement,
    Scene,
    TextRun,
    Transparency,
)
from poster.preflight.source import NotAPDF, check_image_size, stream_bytes
from poster.preflight.spaces import CMYK, GRAY, RGB, UNKNOWN, Space, colour_space
from poster.preflight.typefaces import Font, font_of

if TYPE_CHECKING:
    import pikepdf


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

                limit = size_words(limits.PDF_CONTENT_INFLATED)
                raise NotAPDF("pdf.content-inflates", page=page, limit=limit,
                              bound="PDF_CONTENT_INFLATED")  # fmt: skip
            try:
                with warnings.catch_warnings():  # its "unexpected end of stream": ours to say
                    warnings.simplefilter("ignore")
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
            try:
                op = str(operator)  # an operator of stray bytes is no UTF-8: skipped below
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
            check_image_size(obj, name, page, width, height, max(space.n, 1), bits)
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
