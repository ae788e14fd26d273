"""Print-shop output: page boxes and crop marks, CMYK, `poster check`, previews, `poster tile`.

Everything is read back from the files with pypdf (boxes, content-stream operators,
resources) and pypdfium2 (characters, rasters), never with the code under test.
Renders, CLI runs and tiled files are shared through session-scoped fixtures.
"""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from conftest import (
    A_SIZES_MM,
    BRANDS,
    DEFAULT_CONTENT_FILE,
    LAYOUTS,
    REPO,
    Char,
    box_in,
    brand_yaml,
    fold,
    layout_yaml,
    mm,
    point_in,
    run_cli,
    write_yaml,
)
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ContentStream

from poster.geometry import Rect
from poster.outputs import Request, produce
from poster.plan import Options
from poster.spec import load_brand, load_content, load_layout

TOL = 0.01  # points
SLUG_DATE = "2024-05-06"
COMBOS = [(layout, brand) for layout in LAYOUTS for brand in BRANDS]
COMBO_IDS = [f"{layout}-{brand}" for layout, brand in COMBOS]
LOGO_BRANDS = [b for b in BRANDS if brand_yaml(b).get("logo")]


# ---------------------------------------------------------------- reading PDFs


def trim_mm(layout: str) -> tuple[float, float]:
    """The layout's trim size, from its YAML: an ISO size (the A sizes written in
    conftest) or width_mm × height_mm (a panel)."""
    spec = layout_yaml(layout)
    if "size" not in spec["page"]:
        return spec["page"]["width_mm"], spec["page"]["height_mm"]
    short, long_ = sorted(A_SIZES_MM[spec["page"]["size"]])
    portrait = spec["page"].get("orientation", "portrait") == "portrait"
    return (short, long_) if portrait else (long_, short)


def layout_bleed_mm(layout: str) -> float:
    return float(layout_yaml(layout).get("bleed_mm", 3))


def box(page, name: str) -> Rect:
    """A page box as Rect; a missing CropBox/BleedBox/TrimBox is an error, not a default."""
    key = f"/{name}"
    assert key in page, f"page has no {key}"
    x0, y0, x1, y1 = (float(v) for v in page[key])
    return Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def same_rect(a: Rect, b: Rect, tol: float = TOL) -> bool:
    return all(abs(p - q) <= tol for p, q in zip(_tuple(a), _tuple(b), strict=True))


def _tuple(r: Rect) -> tuple[float, float, float, float]:
    return (r.x0, r.y0, r.x1, r.y1)


def resolve(obj):
    return obj.get_object() if hasattr(obj, "get_object") else obj


_STREAMS: dict[int, tuple[object, list]] = {}


def page_streams(reader: PdfReader, page) -> list:
    """(operations, resources) of the page and of every form XObject it uses, recursively.

    Parsed once per page object (the parse is the slow part of these tests).
    """
    hit = _STREAMS.get(id(page))
    if hit is None or hit[0] is not page:
        hit = _STREAMS[id(page)] = (page, list(_page_streams(reader, page)))
    return hit[1]


def _page_streams(reader: PdfReader, page):
    seen: set[int] = set()

    def visit(contents, resources):
        resources = resolve(resources) if resources is not None else {}
        yield ContentStream(contents, reader).operations, resources
        xobjects = resolve(resources.get("/XObject", {}))
        for name in xobjects:
            ref = xobjects.raw_get(name) if hasattr(xobjects, "raw_get") else xobjects[name]
            obj = resolve(ref)
            if obj.get("/Subtype") != "/Form":
                continue
            key = getattr(ref, "idnum", id(obj))
            if key in seen:
                continue
            seen.add(key)
            yield from visit(obj, obj.get("/Resources"))

    yield from visit(page.get_contents(), page.get("/Resources"))


def image_xobjects(reader: PdfReader, page) -> list[tuple[str, dict]]:
    """(name, dictionary) of every image XObject in the page's and its forms' resources."""
    out = []
    for _, resources in page_streams(reader, page):
        xobjects = resolve(resources.get("/XObject", {}))
        for name in xobjects:
            obj = resolve(xobjects[name])
            if obj.get("/Subtype") == "/Image":
                out.append((str(name), obj))
    return out


def operators(reader: PdfReader, page) -> Counter:
    return Counter(op for ops, _ in page_streams(reader, page) for _, op in ops)


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m, n):
    """m applied first, then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def stroked_segments(operations) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight segments (m/l/h/re, in page space) of every path stroked as a hairline
    (under 0.8 pt on the page: crop marks are 0.25 pt; the items' line icons are drawn
    with strokes of an eighth of their size, 1.3 pt or more).

    Curves count as their chord, so a stroked curve is not missed either.
    """
    ctm, stack = IDENTITY, []
    width, widths = 1.0, []
    path: list = []
    out: list = []
    start = cur = None

    def t(x, y):
        a, b, c, d, e, f = ctm
        return (a * x + c * y + e, b * x + d * y + f)

    for operands, op in operations:
        if op == b"q":
            stack.append(ctm)
            widths.append(width)
        elif op == b"Q":
            ctm = stack.pop() if stack else IDENTITY
            width = widths.pop() if widths else 1.0
        elif op == b"w":
            width = float(operands[0])
        elif op == b"cm":
            ctm = _mul(tuple(float(v) for v in operands), ctm)
        elif op == b"m":
            cur = start = t(float(operands[0]), float(operands[1]))
        elif op in (b"l", b"c", b"v", b"y"):
            p = t(float(operands[-2]), float(operands[-1]))
            path.append((cur, p))
            cur = p
        elif op == b"h":
            if cur is not None and cur != start:
                path.append((cur, start))
            cur = start
        elif op == b"re":
            x, y, w, h = (float(v) for v in operands)
            corners = [t(x, y), t(x + w, y), t(x + w, y + h), t(x, y + h)]
            path += [(corners[i], corners[(i + 1) % 4]) for i in range(4)]
            cur = start = corners[0]
        elif op in (b"S", b"s", b"B", b"B*", b"b", b"b*"):
            if op in (b"s", b"b", b"b*") and cur is not None and cur != start:
                path.append((cur, start))
            a, b, c, d = ctm[:4]
            if width * abs(a * d - b * c) ** 0.5 < 0.8:
                out += [seg for seg in path if seg[0] is not None]
            path = []
        elif op in (b"f", b"F", b"f*", b"n"):
            path = []
    return out


def page_stroked_segments(reader: PdfReader, page) -> list:
    """Stroked segments of the page and its forms (forms in their own space)."""
    out = []
    for ops, _ in page_streams(reader, page):
        out += stroked_segments(ops)
    return out


def chars_at(textpage: pdfium.PdfTextPage, indices) -> list[Char]:
    """The characters at `indices`, generated line breaks excluded.

    Like conftest.page_chars, but measures only the characters asked for: a tiled
    sheet's form holds the whole poster's text, of which only the overlay matters.
    """
    out = []
    for i in indices:
        if pdfium_c.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue
        x0, y0, x1, y1 = textpage.get_charbox(i, loose=False)
        text = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i))
        out.append(Char(i, text, Rect(x0, y0, x1, y1), (x0, y0), "", 0.0))
    return out


def chars_outside(textpage: pdfium.PdfTextPage, rect: Rect) -> list[Char]:
    """Characters whose centre is not in `rect`."""

    def outside(i: int) -> bool:
        x0, y0, x1, y1 = textpage.get_charbox(i, loose=False)
        return not point_in(rect, (x0 + x1) / 2, (y0 + y1) / 2)

    return chars_at(textpage, filter(outside, range(textpage.count_chars())))


def overlay_chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[Char]:
    """Characters of the page's own text objects, not of form XObjects it paints.

    pdfium reports every character of a form, also those its clip path hides; on a
    tiled sheet only the overlay's text (labels, hints) is printed as such.
    """
    top = {ctypes.cast(o.raw, ctypes.c_void_p).value for o in page.get_objects(max_depth=1)}

    def own(i: int) -> bool:
        obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, i)
        return ctypes.cast(obj, ctypes.c_void_p).value in top

    return chars_at(textpage, filter(own, range(textpage.count_chars())))


def file_overlay_chars(path: Path) -> list[list[Char]]:
    """overlay_chars of every page of a file."""
    out = []
    with pdfium.PdfDocument(str(path)) as doc:
        for page in doc:
            textpage = page.get_textpage()
            out.append(overlay_chars(page, textpage))
            textpage.close()
            page.close()
    return out


def char_text(chars: list[Char]) -> str:
    return fold("".join(c.text for c in chars))


def real_char_count(textpage: pdfium.PdfTextPage) -> int:
    return sum(
        pdfium_c.FPDFText_IsGenerated(textpage.raw, i) != 1 for i in range(textpage.count_chars())
    )


def strictly_outside(rect: Rect, inner: Rect) -> bool:
    """`inner` (a box, possibly degenerate: a line) shares no point with the closed `rect`."""
    return inner.x1 < rect.x0 or inner.x0 > rect.x1 or inner.y1 < rect.y0 or inner.y0 > rect.y1


def seg_rect(seg) -> Rect:
    (x0, y0), (x1, y1) = seg
    return Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def cli_ok(*args) -> subprocess.CompletedProcess[str]:
    done = run_cli(*args)
    assert done.returncode == 0, f"poster {' '.join(map(str, args))}:\n{done.stderr}"
    return done


# ---------------------------------------------------------------- renders with options


class Made:
    """A PDF rendered with Options, read back lazily."""

    def __init__(self, pdf: bytes):
        self.pdf = pdf
        self.reader = PdfReader(io.BytesIO(pdf))
        self.page = self.reader.pages[0]
        self._doc = None

    @property
    def textpage(self) -> pdfium.PdfTextPage:
        if self._doc is None:
            self._doc = pdfium.PdfDocument(self.pdf)
            self._page = self._doc[0]
            self._textpage = self._page.get_textpage()
        return self._textpage

    def close(self) -> None:
        if self._doc is not None:
            self._textpage.close()
            self._page.close()
            self._doc.close()


@pytest.fixture(scope="session")
def made():
    """made(layout, brand="default", **Options fields) → Made, rendered once per session."""
    cache: dict[tuple, Made] = {}
    content = load_content(DEFAULT_CONTENT_FILE)

    def get(layout: str, brand: str = "default", **options) -> Made:
        key = (layout, brand, tuple(sorted(options.items())))
        if key not in cache:
            _, (art,) = produce(
                Request(content, load_layout(layout), load_brand(brand), options=Options(**options))
            )
            pdf = art.data
            cache[key] = Made(pdf)
        return cache[key]

    yield get
    for m in cache.values():
        m.close()


def marks_options(layout: str, bleed: float | None) -> dict:
    return {
        "bleed_mm": bleed,
        "marks": True,
        "filename": f"proof-{layout}.pdf",
        "date": SLUG_DATE,
    }


# ---------------------------------------------------------------- 1. page boxes


def assert_plain_boxes(page, layout: str, bleed_mm: float) -> None:
    w_mm, h_mm = trim_mm(layout)
    bleed = mm(bleed_mm)
    media, bleed_box, trim = box(page, "MediaBox"), box(page, "BleedBox"), box(page, "TrimBox")
    assert same_rect(media, bleed_box), f"MediaBox {media} != BleedBox {bleed_box}"
    assert trim.w == pytest.approx(mm(w_mm), abs=TOL)
    assert trim.h == pytest.approx(mm(h_mm), abs=TOL)
    assert media.w == pytest.approx(mm(w_mm) + 2 * bleed, abs=TOL)
    assert media.h == pytest.approx(mm(h_mm) + 2 * bleed, abs=TOL)
    assert same_rect(bleed_box, trim.inset(-bleed)), "the bleed is not the same on every side"


@pytest.mark.parametrize("bleed", [None, 5.0], ids=["layout-bleed", "bleed-5"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_boxes_without_marks(made, layout, bleed):
    page = made(layout, bleed_mm=bleed).page
    assert_plain_boxes(page, layout, layout_bleed_mm(layout) if bleed is None else bleed)
    if "/CropBox" in page:
        assert same_rect(box(page, "CropBox"), box(page, "MediaBox"))


def test_cli_bleed_sets_the_boxes(tmp_path):
    out = tmp_path / "bleed5.pdf"
    cli_ok("render", "--layout", "a1-portrait", "--bleed", "5", "-o", out)
    assert_plain_boxes(PdfReader(out).pages[0], "a1-portrait", 5.0)
    assert layout_bleed_mm("a1-portrait") != 5.0  # so the option is what made the 5 mm


@pytest.mark.parametrize("bleed", [None, 5.0], ids=["layout-bleed", "bleed-5"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_boxes_with_marks(made, layout, bleed):
    page = made(layout, **marks_options(layout, bleed)).page
    bleed_pt = mm(layout_bleed_mm(layout) if bleed is None else bleed)
    media, crop = box(page, "MediaBox"), box(page, "CropBox")
    bleed_box, trim = box(page, "BleedBox"), box(page, "TrimBox")
    w_mm, h_mm = trim_mm(layout)
    assert trim.w == pytest.approx(mm(w_mm), abs=TOL)
    assert trim.h == pytest.approx(mm(h_mm), abs=TOL)
    assert same_rect(bleed_box, trim.inset(-bleed_pt)), "bleed differs from the bleed asked for"
    assert same_rect(crop, media), f"CropBox {crop} != MediaBox {media}"
    # room for the marks on every side
    assert media.x0 < bleed_box.x0 - TOL and media.y0 < bleed_box.y0 - TOL
    assert media.x1 > bleed_box.x1 + TOL and media.y1 > bleed_box.y1 + TOL


def test_cli_marks_and_bleed(tmp_path):
    out = tmp_path / "cli-proof.pdf"
    cli_ok("render", "--layout", "a1-portrait", "--bleed", "5", "--marks", "-o", out)
    page = PdfReader(out).pages[0]
    trim, bleed_box, media = box(page, "TrimBox"), box(page, "BleedBox"), box(page, "MediaBox")
    assert same_rect(bleed_box, trim.inset(-mm(5)))
    assert media.x0 < bleed_box.x0 and media.y0 < bleed_box.y0
    assert media.x1 > bleed_box.x1 and media.y1 > bleed_box.y1
    with pdfium.PdfDocument(str(out)) as doc:
        textpage = doc[0].get_textpage()
        slug = char_text(chars_outside(textpage, trim))
    assert "cli-proof.pdf" in slug and "a1-portrait" in slug, slug


@pytest.mark.parametrize("bleed", [None, 5.0], ids=["layout-bleed", "bleed-5"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_crop_marks(made, layout, bleed):
    m = made(layout, **marks_options(layout, bleed))
    media, bleed_box = box(m.page, "MediaBox"), box(m.page, "BleedBox")
    trim = box(m.page, "TrimBox")
    segments = page_stroked_segments(m.reader, m.page)
    assert len(segments) == 8, f"{len(segments)} stroked segments, expected 8 crop marks"
    seen = Counter()
    for seg in segments:
        r = seg_rect(seg)
        assert r.w > 1 or r.h > 1, f"crop mark {seg} has no length"
        assert strictly_outside(bleed_box, r), f"crop mark {seg} touches the BleedBox {bleed_box}"
        assert box_in(media, r, TOL), f"crop mark {seg} leaves the MediaBox {media}"
        # a crop mark continues a trim edge: horizontal ones at the trim's bottom or top,
        # vertical ones at its left or right edge, beyond the bleed on that corner's side
        if r.h <= TOL:
            edge_y = min((trim.y0, trim.y1), key=lambda y: abs(y - r.y0))
            assert abs(r.y0 - edge_y) <= TOL, f"horizontal mark {seg} is not on a trim edge"
            side = "left" if r.x1 < trim.x0 else "right" if r.x0 > trim.x1 else None
            corner = (side, "bottom" if edge_y == trim.y0 else "top")
            seen[(corner, "h")] += 1
        else:
            assert r.w <= TOL, f"crop mark {seg} is neither horizontal nor vertical"
            edge_x = min((trim.x0, trim.x1), key=lambda x: abs(x - r.x0))
            assert abs(r.x0 - edge_x) <= TOL, f"vertical mark {seg} is not on a trim edge"
            side = "bottom" if r.y1 < trim.y0 else "top" if r.y0 > trim.y1 else None
            corner = ("left" if edge_x == trim.x0 else "right", side)
            seen[(corner, "v")] += 1
    corners = [(x, y) for x in ("left", "right") for y in ("bottom", "top")]
    assert seen == Counter({(c, o): 1 for c in corners for o in "hv"}), seen


@pytest.mark.parametrize("bleed", [None, 5.0], ids=["layout-bleed", "bleed-5"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_slug_line(made, layout, bleed):
    opts = marks_options(layout, bleed)
    marked = made(layout, **opts)
    plain = made(layout, bleed_mm=bleed)
    media, trim = box(marked.page, "MediaBox"), box(marked.page, "TrimBox")
    slug = chars_outside(marked.textpage, trim)
    # the marks add exactly the slug line: every added character is outside the trim
    added = real_char_count(marked.textpage) - real_char_count(plain.textpage)
    assert added > 0
    assert len(slug) == added, f"{added} characters added by --marks, {len(slug)} outside the trim"
    for c in slug:
        if c.text.isspace():
            continue
        assert strictly_outside(trim, c.box), f"slug {c.text!r} {c.box} touches the TrimBox"
        assert box_in(media, c.box, 0), f"slug {c.text!r} {c.box} leaves the MediaBox {media}"
    text = char_text(slug)
    assert layout in text and opts["filename"] in text and SLUG_DATE in text, text


@pytest.mark.parametrize(("layout", "brand"), COMBOS, ids=COMBO_IDS)
def test_no_stroked_lines_without_marks(render, layout, brand):
    r = render(layout, brand)
    assert page_stroked_segments(r.reader, r.reader.pages[0]) == []


# ---------------------------------------------------------------- 2. CMYK

RGB_SPACES = {"/DeviceRGB", "/CalRGB"}


def rgb_problems(reader: PdfReader, page) -> list[str]:
    problems = []
    for ops, resources in page_streams(reader, page):
        spaces = resolve(resources.get("/ColorSpace", {}))
        for operands, op in ops:
            if op in (b"rg", b"RG"):
                problems.append(f"{op.decode()} {[float(v) for v in operands]}")
            elif op in (b"cs", b"CS"):
                name = str(operands[0])
                space = resolve(spaces[name]) if name in spaces else name
                if isinstance(space, list):
                    head = str(space[0])
                    if head == "/ICCBased" and int(resolve(space[1]).get("/N", 0)) == 3:
                        head = "/DeviceRGB"
                    space = head
                if str(space) in RGB_SPACES:
                    problems.append(f"{op.decode()} {name} → {space}")
    return problems


def colour_spaces_line(stdout: str) -> list[str]:
    line = next(ln for ln in stdout.splitlines() if "colour spaces:" in ln)
    return sorted(s.strip() for s in line.split("colour spaces:", 1)[1].split(","))


def test_some_brand_has_a_logo():
    assert "hiep-hoa" in LOGO_BRANDS, "the image checks below need a brand with a logo"


@pytest.mark.parametrize("brand", BRANDS)
def test_cmyk_has_no_rgb(made, brand):
    m = made("a1-portrait", brand, cmyk=True)
    assert rgb_problems(m.reader, m.page) == []
    assert operators(m.reader, m.page)[b"k"] > 0
    images = image_xobjects(m.reader, m.page)
    if brand in LOGO_BRANDS:
        assert images, f"the logo of {brand} is not an image XObject"
    for name, image in images:
        assert image.get("/ColorSpace") == "/DeviceCMYK", f"{name}: {image.get('/ColorSpace')}"


def test_cmyk_crop_marks_are_cmyk(made):
    m = made("a1-portrait", cmyk=True, **marks_options("a1-portrait", None))
    assert rgb_problems(m.reader, m.page) == []
    strokes = [
        tuple(float(v) for v in operands)
        for ops, _ in page_streams(m.reader, m.page)
        for operands, op in ops
        if op == b"K"
    ]
    assert strokes, "the crop marks set no CMYK stroke colour"
    # registration: the marks print on every plate (the other stroke colours are the
    # items' line icons, in the brand's primary colour, checked CMYK-only above)
    assert strokes.count((1, 1, 1, 1)) >= 1, strokes


@pytest.mark.parametrize("brand", BRANDS)
def test_cmyk_check_reports_cmyk_only(checks, brand):
    done = checks["cmyk", brand]
    assert done.returncode == 0, done.stdout + done.stderr
    assert colour_spaces_line(done.stdout) == ["DeviceCMYK"], done.stdout


@pytest.mark.parametrize("brand", BRANDS)
def test_rgb_default_has_no_cmyk_operators(render, brand):
    r = render("a1-portrait", brand)
    ops = operators(r.reader, r.reader.pages[0])
    assert ops[b"rg"] > 0
    assert ops[b"k"] == 0 and ops[b"K"] == 0


@pytest.mark.parametrize(
    "inks",
    [
        (0, 90, 85, 10),
        # all four inks: a separation from RGB would turn this into (0, 0.875, 0.8125, 0.28)
        (20, 90, 85, 10),
    ],
    ids=["cmyk-0-90-85-10", "cmyk-20-90-85-10"],
)
def test_cmyk_brand_colour_keeps_its_inks(tmp_path, inks):
    data = brand_yaml("default")
    data["colors"]["primary"] = "cmyk({}, {}, {}, {})".format(*inks)
    # on white, so the lighter of the two reds still passes the brand's 4.5:1 contrast check
    data["colors"]["background"] = "#FFFFFF"
    brand = write_yaml(tmp_path / "inks.yaml", data)
    out = tmp_path / "inks.pdf"
    cli_ok("render", "--layout", "a3-portrait", "--brand", brand, "--cmyk", "-o", out)
    reader = PdfReader(out)
    wanted = tuple(v / 100 for v in inks)
    fills = [
        tuple(float(v) for v in operands)
        for ops, _ in page_streams(reader, reader.pages[0])
        for operands, op in ops
        if op == b"k"
    ]
    assert any(all(abs(a - b) <= 1e-3 for a, b in zip(f, wanted, strict=True)) for f in fills), (
        f"no 'k' with {wanted}; fills used: {sorted(set(fills))}"
    )
    assert rgb_problems(reader, reader.pages[0]) == []


# ---------------------------------------------------------------- 3. poster check


def _check(path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *flags, path)


class BackgroundChecks:
    """`poster check` of many files in worker threads; each result waited for when asked."""

    def __init__(self, jobs: dict):
        self.pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2)
        self.procs: list[subprocess.Popen] = []
        self.closed = False
        self.futures = {key: self.pool.submit(self._run, *job) for key, job in jobs.items()}

    def _run(self, path: Path, flags: tuple[str, ...]) -> subprocess.CompletedProcess[str] | None:
        if self.closed:
            return None
        args = [sys.executable, "-m", "poster", "check", *flags, str(path)]
        proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
        )
        self.procs.append(proc)
        out, err = proc.communicate(timeout=180)
        return subprocess.CompletedProcess(args, proc.returncode, out, err)

    def __getitem__(self, key) -> subprocess.CompletedProcess[str]:
        return self.futures[key].result()

    def close(self) -> None:
        """Stop what is left (only if the check tests were not run or stopped early)."""
        self.closed = True
        for future in self.futures.values():
            future.cancel()
        for proc in list(self.procs):
            if proc.poll() is None:
                proc.kill()
        self.pool.shutdown(wait=True)


CHECK_TESTS = {"test_cmyk_check_reports_cmyk_only", "test_check_passes_shipped_posters"}


@pytest.fixture(scope="session")
def checks(render, made, tmp_path_factory):
    """`poster check` of the CMYK posters (--no-qr) and of every shipped layout × brand.

    QR decoding makes these slow: they run in the background, started by
    `_start_checks` at this module's first test, while the other tests run.
    """
    folder = tmp_path_factory.mktemp("check")
    jobs = {}
    for brand in BRANDS:
        path = folder / f"cmyk-a1-portrait-{brand}.pdf"
        path.write_bytes(made("a1-portrait", brand, cmyk=True).pdf)
        jobs["cmyk", brand] = (path, ("--no-qr",))
    for layout, brand in COMBOS:
        path = folder / f"{layout}-{brand}.pdf"
        path.write_bytes(render(layout, brand).pdf)
        jobs["shipped", layout, brand] = (path, ())
    background = BackgroundChecks(jobs)
    yield background
    background.close()


@pytest.fixture(scope="module", autouse=True)
def _start_checks(request):
    if any(getattr(item, "originalname", "") in CHECK_TESTS for item in request.session.items):
        request.getfixturevalue("checks")


@pytest.mark.parametrize(("layout", "brand"), COMBOS, ids=COMBO_IDS)
def test_check_passes_shipped_posters(checks, layout, brand):
    done = checks["shipped", layout, brand]
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "preflight passed" in done.stdout, report
    assert not [ln for ln in done.stdout.splitlines() if "ERROR" in ln], report
    assert brand_yaml(brand)["qr"]["url"] in done.stdout, f"QR not decoded:\n{report}"


def error_lines(stdout: str) -> list[str]:
    return [ln for ln in stdout.splitlines() if ln.split()[:1] == ["ERROR"]]


def test_check_fails_base14_font(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "helvetica.pdf"
    c = Canvas(str(path), pagesize=(mm(210), mm(297)))
    c.drawString(72, 720, "Hello, printer")
    c.showPage()
    c.save()
    done = _check(path, "--no-qr")
    assert done.returncode == 1, done.stdout
    assert any("not embedded" in ln and "Helvetica" in ln for ln in error_lines(done.stdout)), (
        done.stdout
    )


@pytest.fixture(scope="session")
def checker_png(tmp_path_factory) -> Path:
    """720 × 720 px checkerboard."""
    path = tmp_path_factory.mktemp("img") / "check720.png"
    im = Image.new("RGB", (720, 720), "white")
    for x in range(0, 720, 40):
        for y in range(0, 720, 40):
            if (x + y) // 40 % 2:
                im.paste((200, 30, 30), (x, y, x + 40, y + 40))
    im.save(path)
    return path


def image_pdf(path: Path, png: Path, width_mm: float) -> Path:
    """A PDF with only an embedded TrueType font and one image `width_mm` wide."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    font = "PrintTestSans"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(REPO / "fonts" / "BeVietnamPro-Regular.ttf")))
    size = mm(width_mm + 40)
    c = Canvas(str(path), pagesize=(size, size), initialFontName=font)
    c.setFont(font, 12)
    c.drawString(mm(20), mm(10), "Ảnh thử")
    c.drawImage(str(png), mm(20), mm(20), mm(width_mm), mm(width_mm))
    c.showPage()
    c.save()
    return path


def test_check_fails_low_resolution_image(tmp_path, checker_png):
    path = image_pdf(tmp_path / "low.pdf", checker_png, 254)  # 720 px over 10 in: 72 ppi
    done = _check(path, "--no-qr")
    assert done.returncode == 1, done.stdout
    errors = error_lines(done.stdout)
    assert any(re.search(r"\b72 ppi\b", ln) for ln in errors), done.stdout
    assert not any("font" in ln.lower() for ln in errors), done.stdout  # the image is the error


def test_check_warns_medium_resolution_image(tmp_path, checker_png):
    path = image_pdf(tmp_path / "mid.pdf", checker_png, 254 * 72 / 120)  # 120 ppi
    done = _check(path, "--no-qr")
    assert done.returncode == 0, done.stdout
    assert not error_lines(done.stdout), done.stdout
    assert any(
        ln.split()[:1] == ["WARN"] and re.search(r"\b120 ppi\b", ln)
        for ln in done.stdout.splitlines()
    ), done.stdout


def zero_page_pdf(path: Path) -> Path:
    import pikepdf

    with pikepdf.new() as pdf:
        pdf.save(path)
    return path


def bad_input(kind: str, tmp: Path) -> Path:
    if kind == "text":
        path = tmp / "notes.pdf"
        path.write_text("this is not a PDF\n", encoding="utf-8")
    elif kind == "missing":
        path = tmp / "missing.pdf"
    elif kind == "folder":
        path = tmp / "folder.pdf"
        path.mkdir()
    else:
        path = zero_page_pdf(tmp / "empty.pdf")
    return path


@pytest.mark.parametrize("kind", ["text", "missing", "folder"])
@pytest.mark.parametrize("command", ["check", "tile"])
def test_unreadable_input_exits_2(tmp_path, command, kind):
    path = bad_input(kind, tmp_path)
    done = run_cli(command, path, cwd=tmp_path)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 2, done.stdout + done.stderr
    assert path.name in done.stderr and done.stderr.strip(), done.stderr
    assert not list(tmp_path.glob("*tiled*")), "an output file was written"


NO_PAGES = {
    "en": "the PDF has no pages: nothing to check or tile (export the document again)",
    "vi": "tệp PDF không có trang nào: không có gì để kiểm tra hay chia tờ (hãy xuất lại tài liệu)",
}


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("command", ["check", "tile"])
def test_pdf_without_pages_is_reported_not_crashed(tmp_path, command, lang):
    """Bad input, not a bug: exit 2 and one line naming the file (exit 1 or "internal
    error" is the crash this guards against)."""
    path = bad_input("no-pages", tmp_path)
    done = run_cli("--lang", lang, command, path, cwd=tmp_path)
    assert "Traceback" not in done.stderr, done.stderr
    assert "internal error" not in done.stderr and "lỗi bên trong" not in done.stderr
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.splitlines() == [f"{path}: {NO_PAGES[lang]}"], done.stderr
    assert done.stdout == ""
    assert not list(tmp_path.glob("*tiled*")), "an output file was written"


@pytest.mark.parametrize("box", [(0, 0, 0, 0), (0, 0, 1e6, 1e6)], ids=["zero", "huge"])
@pytest.mark.parametrize("command", ["check", "tile"])
def test_pdf_with_an_impossible_page_size_exits_2(tmp_path, command, box):
    """A 0 × 0 page divided by zero in tile; a kilometre-wide one never finished."""
    import pikepdf

    path = tmp_path / "odd.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(100, 100))
        pdf.pages[0].obj.MediaBox = pikepdf.Array(box)
        pdf.save(path)
    done = run_cli(command, path, cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    w = f"{box[2]:.1f}"
    assert done.stderr.splitlines() == [
        f"{path}: page 1: its MediaBox is {w} × {w} pt; a page is 3 to 14,400 pt (200 in) a side"
    ], done.stderr


# ---------------------------------------------------------------- 4. previews


def expected_px(layout: str, dpi: float) -> tuple[float, float]:
    w_mm, h_mm = trim_mm(layout)
    return w_mm * dpi / 25.4, h_mm * dpi / 25.4


def test_png_preview_at_150_dpi_decodes(tmp_path):
    out = tmp_path / "p.pdf"
    cli_ok("render", "--layout", "a1-portrait", "--png", "150", "-o", out)
    png = tmp_path / "p.png"
    assert png.is_file()
    with Image.open(png) as im:
        assert im.format == "PNG"
        w, h = expected_px("a1-portrait", 150)
        assert abs(im.width - w) <= 1 and abs(im.height - h) <= 1, (im.size, (w, h))
        texts = [b.text for b in zxingcpp.read_barcodes(im)]
    assert brand_yaml("default")["qr"]["url"] in texts, texts


def test_jpeg_preview_at_100_dpi(tmp_path):
    out = tmp_path / "p.pdf"
    cli_ok("render", "--layout", "a3-portrait", "--jpeg", "100", "-o", out)
    # A3 is printed front and back: a preview per page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p-01.jpg", "p-02.jpg", "p.pdf"]
    for name in ("p-01.jpg", "p-02.jpg"):
        with Image.open(tmp_path / name) as im:
            assert im.format == "JPEG"
            w, h = expected_px("a3-portrait", 100)
            assert abs(im.width - w) <= 1 and abs(im.height - h) <= 1, (im.size, (w, h))


@pytest.fixture(scope="session")
def width_preview(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("width")
    # a one-page poster (A2 is two pages since issue 19: p-1.png, p-2.png)
    cli_ok("render", "--layout", "a0-portrait", "--width", "1080", "-o", folder / "p.pdf")
    return folder / "p.png"


def test_width_preview(width_preview):
    w_mm, h_mm = trim_mm("a0-portrait")
    with Image.open(width_preview) as im:
        assert im.format == "PNG"
        assert im.width == 1080
        assert abs(im.height - 1080 * h_mm / w_mm) <= 1, im.size


def test_width_preview_does_not_claim_another_dpi(width_preview):
    # A preview made with --width has 1080 px across the trim: its resolution metadata,
    # if any, must say so, or an image editor prints it at the wrong size.
    w_mm, _ = trim_mm("a0-portrait")
    actual = 1080 / (w_mm / 25.4)
    with Image.open(width_preview) as im:
        dpi = im.info.get("dpi")
    if dpi is not None:
        assert dpi[0] == pytest.approx(actual, rel=0.01), (
            f"the PNG says {dpi[0]:.1f} dpi; 1080 px across the trim is {actual:.1f} dpi"
        )


# ---------------------------------------------------------------- 5. tiling

SHEET_MARGIN = mm(5)


class Tiled:
    def __init__(self, source: Path, out: Path, sheet: str, landscape: bool, overlap_mm: float):
        self.source, self.out = source, out
        self.sheet, self.landscape, self.overlap = sheet, landscape, mm(overlap_mm)
        self.reader = PdfReader(out)
        self.pages = list(self.reader.pages)
        self.sheets = self.pages[1:]
        poster = PdfReader(source).pages[0]
        self.trim = box(poster, "TrimBox")
        self.windows: list[Rect] = []
        self.regions: list[Rect] = []
        for page in self.sheets:
            window, (tx, ty) = sheet_placement(self.reader, page)
            self.windows.append(window)
            self.regions.append(window.shift(-tx, -ty))

    @cached_property
    def overlay(self) -> list[list[Char]]:
        """Each page's own characters (labels, hints; not the poster's)."""
        return file_overlay_chars(self.out)

    @property
    def size(self) -> tuple[float, float]:
        w, h = (mm(v) for v in A_SIZES_MM[self.sheet])
        return (h, w) if self.landscape else (w, h)


def first_stream_ops(reader: PdfReader, page) -> list:
    contents = page.get("/Contents")
    contents = resolve(contents)
    first = resolve(contents[0]) if isinstance(contents, list) else contents
    return [(ops, op) for ops, op in ContentStream(first, reader).operations]


def sheet_placement(reader: PdfReader, page) -> tuple[Rect, tuple[float, float]]:
    """Clip window and poster shift: `q X Y W H re W n 1 0 0 1 TX TY cm /Poster Do Q`."""
    ops = first_stream_ops(reader, page)
    names = [op for _, op in ops]
    assert names == [b"q", b"re", b"W", b"n", b"cm", b"Do", b"Q"], names
    x, y, w, h = (float(v) for v in ops[1][0])
    a, b, c, d, tx, ty = (float(v) for v in ops[4][0])
    assert (a, b, c, d) == (1, 0, 0, 1), "the poster is scaled or rotated on a sheet"
    assert str(ops[5][0][0]) == "/Poster"
    return Rect(min(x, x + w), min(y, y + h), max(x, x + w), max(y, y + h)), (tx, ty)


def poster_ref(page):
    xobjects = resolve(resolve(page["/Resources"])["/XObject"])
    ref = xobjects.raw_get("/Poster")
    return ref.idnum, ref.generation


TILE_CASES = {
    "A4": ("A4", False, None),  # the documented default overlap: 10 mm
    "A3-landscape-15": ("A3", True, 15.0),
}


@pytest.fixture(scope="session")
def tile_source(render, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tile") / "a1-portrait-default.pdf"
    path.write_bytes(render("a1-portrait", "default").pdf)
    return path


@pytest.fixture(scope="session", params=list(TILE_CASES), ids=list(TILE_CASES))
def tiled(request, tile_source) -> Tiled:
    sheet, landscape, overlap = TILE_CASES[request.param]
    out = tile_source.with_name(f"tiled-{request.param}.pdf")
    args = ["tile", tile_source, "--sheet", sheet, "-o", out]
    if landscape:
        args.append("--landscape")
    if overlap is not None:
        args += ["--overlap", f"{overlap:g}"]
    cli_ok(*args)
    return Tiled(tile_source, out, sheet, landscape, 10.0 if overlap is None else overlap)


def test_tile_form_is_the_poster_unscaled(tiled):
    # the clip/shift arithmetic below reads the form in the poster's own coordinates
    form = resolve(resolve(resolve(tiled.sheets[0]["/Resources"])["/XObject"])["/Poster"])
    assert form.get("/Subtype") == "/Form"
    matrix = [float(v) for v in form.get("/Matrix", IDENTITY)]
    assert matrix == list(IDENTITY)
    assert len(tiled.sheets) >= 2


def test_tiles_cover_the_trim(tiled):
    t = tiled.trim
    nx, ny = math.ceil(t.w / mm(5)), math.ceil(t.h / mm(5))
    missed = []
    for i in range(nx + 1):
        for j in range(ny + 1):
            x, y = t.x0 + t.w * i / nx, t.y0 + t.h * j / ny
            if not any(point_in(r.inset(-1e-6), x, y) for r in tiled.regions):
                missed.append((round(x, 2), round(y, 2)))
    assert not missed, f"{len(missed)} points of the TrimBox on no sheet, e.g. {missed[:5]}"


def test_tiles_overlap_their_neighbours(tiled):
    def groups(key):
        out: dict = {}
        for r in tiled.regions:
            out.setdefault(key(r), []).append(r)
        return out.values()

    pairs = 0
    for row in groups(lambda r: (round(r.y0, 3), round(r.y1, 3))):
        row = sorted(row, key=lambda r: r.x0)
        for left, right in itertools.pairwise(row):
            pairs += 1
            assert right.x0 > left.x0
            assert left.x1 - right.x0 >= tiled.overlap - TOL, (left, right)
    for col in groups(lambda r: (round(r.x0, 3), round(r.x1, 3))):
        col = sorted(col, key=lambda r: -r.y1)
        for upper, lower in itertools.pairwise(col):
            pairs += 1
            assert lower.y1 < upper.y1
            assert lower.y1 - upper.y0 >= tiled.overlap - TOL, (upper, lower)
    assert pairs >= 2


def test_sheet_pages_are_the_sheet_size(tiled):
    w, h = tiled.size
    for n, page in enumerate(tiled.pages):
        media = box(page, "MediaBox")
        assert same_rect(media, Rect(0, 0, w, h), 1e-3), f"page {n + 1}: {media} != {w} × {h}"


def test_sheet_content_inside_printable_area(tiled):
    w, h = tiled.size
    printable = Rect(0, 0, w, h).inset(SHEET_MARGIN)
    for n, window in enumerate(tiled.windows, start=1):
        assert box_in(printable, window, TOL), f"sheet {n}: clip {window} in the 5 mm margin"
    assert len(tiled.overlay) == len(tiled.pages)
    for n, chars in enumerate(tiled.overlay, start=1):
        assert chars, f"page {n} has no text of its own"
        for c in chars:
            assert box_in(printable, c.box, TOL), f"page {n}: {c.text!r} at {c.box} outside"


def test_sheets_share_one_poster_object(tiled):
    refs = {poster_ref(page) for page in tiled.pages}
    assert len(refs) == 1, refs
    poster_size = tiled.source.stat().st_size
    assert tiled.out.stat().st_size < len(tiled.sheets) * poster_size


def test_map_page_draws_the_poster(tiled):
    ops = first_stream_ops(tiled.reader, tiled.pages[0])
    assert any(op == b"Do" and str(operands[0]) == "/Poster" for operands, op in ops)


def test_sheet_labels(tiled):
    total = len(tiled.sheets)
    found = [re.findall(r"Tờ (\d+)/(\d+)", char_text(chars)) for chars in tiled.overlay]
    assert found[0] == [], "the assembly map carries a sheet label"
    for n, labels in enumerate(found[1:], start=1):
        assert labels == [(str(n), str(total))], f"page {n + 1}: {labels}"


def test_sheet_label_fits_with_a_long_file_name(tile_source):
    # a descriptive file name, as a print shop or a district office would give it
    source = tile_source.with_name(
        "ubnd-huyen-hiep-hoa-poster-17-khac-biet-cntt-va-cds-a1-ban-in-2024.pdf"
    )
    shutil.copyfile(tile_source, source)
    out = source.with_name("long-tiled.pdf")
    cli_ok("tile", source, "--sheet", "A4", "-o", out)
    printable = Rect(0, 0, mm(210), mm(297)).inset(SHEET_MARGIN)
    outside = [
        (n, c.text, round(c.box.x1, 1))
        for n, chars in enumerate(file_overlay_chars(out), start=1)
        for c in chars
        if not box_in(printable, c.box, TOL)
    ]
    assert not outside, f"{len(outside)} characters outside the printable area: {outside[:8]}"
