"""Issue 23: the A4 handout that survives a black-and-white photocopy, the roadside panel
and the roll-up standee, read back from their PDFs.

Everything is measured on the output: page boxes and text with pypdf and pdfium, glyph
boxes and font sizes with pdfium, greys on a 150 dpi greyscale raster (Pillow's
convert("L") of a pdfium render: the luma a copier sees), QR codes with zxing-cpp on a
20 dpi raster. The expected values come from the issue (two A4 sides, 10 mm margins,
body 9 pt, sides 15 % apart in grey, 4.5:1, capitals 25 mm, QR 150 mm, 1.2–1.6 m, a
150 mm foot), the content and brand YAML read with yaml.safe_load, and the fonts'
metrics read with fontTools; never from the planner.
"""

from __future__ import annotations

import re
import statistics
from functools import cache

import pypdfium2 as pdfium
import pytest
from conftest import (
    BRANDS,
    Rect,
    brand_rgb,
    brand_yaml,
    chars_by_tile,
    content_yaml,
    filled_paths,
    find_qr,
    layout_yaml,
    mm,
    nfc,
    run_cli,
    squash,
    text_runs,
    write_yaml,
)
from fontTools.ttLib import TTFont
from metrics import FONTS
from PIL import Image

HANDOUT, PANO, STANDEE = "a4-handout", "pano-2400x1200", "standee-850x2000"
PANELS = [PANO, STANDEE]

A4_MM = (210, 297)
MARGIN_MM = 10  # an office printer's: nothing printed nearer the edge
BODY_PT = 9
GREY_DPI = 150
SIDES_APART = 0.15  # of the grey scale: the two side boxes of a tile on a photocopy
TEXT_RATIO = 4.5
CAPS_MM = 25  # the panel's headings, read from 10 m
QR_PANEL_MM = 150
QR_DPI = 20
STANDEE_QR_MM = (1200, 1600)  # from the floor: the bottom trim edge
FOOT_MM = 150
TOL = 0.01  # points


@cache
def cap_height(weight: str) -> float:
    """Be Vietnam Pro's capital height in em (OS/2 sCapHeight), read with fontTools."""
    font = TTFont(FONTS / f"BeVietnamPro-{weight}.ttf")
    return font["OS/2"].sCapHeight / font["head"].unitsPerEm


def weight(font: str) -> str:
    return font.rsplit("-", 1)[-1]


def trim_and_bleed(page: pdfium.PdfPage) -> tuple[Rect, Rect]:
    return Rect(*page.get_trimbox()), Rect(*page.get_bleedbox())


# ---------------------------------------------------------------- the handout


def test_the_handout_is_one_a4_sheet_printed_both_sides(render):
    r = render(HANDOUT, "hiep-hoa")
    assert len(r.reader.pages) == 2
    for page in r.reader.pages:
        for name in ("mediabox", "trimbox", "bleedbox"):  # no bleed: all three the sheet
            box = getattr(page, name)
            assert float(box.width) == pytest.approx(mm(A4_MM[0]), abs=TOL), name
            assert float(box.height) == pytest.approx(mm(A4_MM[1]), abs=TOL), name


@pytest.mark.parametrize("brand", BRANDS)
def test_the_handout_holds_every_heading_and_text(render, brand):
    """The content YAML, as yaml.safe_load reads it, in the text of the two pages."""
    text = squash(nfc(render(HANDOUT, brand).all_text))
    content = content_yaml()
    missing = [squash(nfc(content["title"]))] if squash(nfc(content["title"])) not in text else []
    for item in content["items"]:
        for part in ("heading", "left", "right"):
            if squash(nfc(item[part])) not in text:
                missing.append(f"item {item['n']} {part}")
    assert not missing, missing


@pytest.mark.parametrize("brand", BRANDS)
def test_the_handout_body_is_9_pt_on_the_glyphs(render, brand):
    """Every character of the tiles' sides (the regular weight) at 9 pt or more: the size
    pdfium reports, and the glyph boxes of plain capitals (no diacritics), at least the
    font's cap height at 9 pt."""
    r = render(HANDOUT, brand)
    body, capitals = [], []
    for side in r.sides:
        per, _ = chars_by_tile(side)
        for chars in per.values():
            for ch in chars:
                if weight(ch.font) == "Regular":
                    body.append(ch)
                    if ch.text in "CDEFHIKLMNPTXZ":  # flat-topped and -bottomed capitals
                        capitals.append(ch)
    assert len(body) > 5000  # the two sides' texts of 17 items
    assert min(c.size for c in body) >= BODY_PT - 0.01
    assert capitals
    floor = cap_height("Regular") * BODY_PT
    low = [(c.text, c.box.y1 - c.box.y0) for c in capitals if c.box.y1 - c.box.y0 < floor - 0.05]
    assert not low, low[:5]


@pytest.mark.parametrize("brand", BRANDS)
def test_nothing_is_printed_within_10_mm_of_the_edge(render, brand):
    """Every page object (text, paths, the logo) inside the margin, and a raster: the
    10 mm border paper white."""
    r = render(HANDOUT, brand)
    for side in r.sides:
        w, h = side.page.get_size()
        inner = Rect(mm(MARGIN_MM), mm(MARGIN_MM), w - mm(MARGIN_MM), h - mm(MARGIN_MM))
        for obj in side.page.get_objects():
            x0, y0, x1, y1 = obj.get_bounds()
            assert inner.x0 - 0.3 <= x0 and inner.y0 - 0.3 <= y0, (side.index, obj.type, x0, y0)
            assert x1 <= inner.x1 + 0.3 and y1 <= inner.y1 + 0.3, (side.index, obj.type, x1, y1)
        image = side.page.render(scale=50 / 72).to_pil().convert("L")
        k = 50 / 25.4
        edge = round((MARGIN_MM - 0.5) * k)
        pixels = image.load()
        border = [
            pixels[x, y]
            for y in range(image.height)
            for x in range(image.width)
            if x < edge or y < edge or x >= image.width - edge or y >= image.height - edge
        ]
        assert min(border) == 255, f"page {side.index + 1}: ink within 10 mm of the edge"


def _grey_page(page: pdfium.PdfPage) -> Image.Image:
    return page.render(scale=GREY_DPI / 72).to_pil().convert("L")


def _px(image: Image.Image, page_h: float, box: Rect, inset: float = 0) -> tuple[int, ...]:
    k = GREY_DPI / 72
    return (
        round((box.x0 + inset) * k),
        round((page_h - box.y1 + inset) * k),
        round((box.x1 - inset) * k),
        round((page_h - box.y0 - inset) * k),
    )


def _linear(v: float) -> float:
    v /= 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def grey_ratio(a: float, b: float) -> float:
    """WCAG's contrast ratio of two grey levels (0–255, sRGB-encoded)."""
    hi, lo = max(_linear(a), _linear(b)), min(_linear(a), _linear(b))
    return (hi + 0.05) / (lo + 0.05)


def side_boxes(tile: Rect, fills) -> list[Rect]:
    """A tile's two side boxes: its two largest coloured fills that no other holds (the
    box with its solid edge; its tint lies inside it)."""
    coloured = [f for f in fills if f.color != (255, 255, 255) and _in(tile, f.box)]
    outer = [f for f in coloured if not any(g is not f and _in(g.box, f.box) for g in coloured)]
    return [f.box for f in sorted(outer, key=lambda f: -f.area)[:2]]


def _in(outer: Rect, inner: Rect, tol: float = 0.01) -> bool:
    return (
        inner.x0 >= outer.x0 - tol
        and inner.y0 >= outer.y0 - tol
        and inner.x1 <= outer.x1 + tol
        and inner.y1 <= outer.y1 + tol
    )


@pytest.mark.parametrize("brand", BRANDS)
def test_a_photocopy_tells_the_two_sides_apart(render, brand):
    """Rendered to grey at 150 dpi: in every tile the two side boxes' mean greys (their
    text included) at least 15 % of the scale apart."""
    r = render(HANDOUT, brand)
    seen = 0
    for side in r.sides:
        image = _grey_page(side.page)
        page_h = side.page.get_height()
        fills = filled_paths(side.page)
        for n, tile in side.tiles.items():
            boxes = side_boxes(tile, fills)
            assert len(boxes) == 2, (brand, n, boxes)
            means = [statistics.fmean(image.crop(_px(image, page_h, b, 1)).tobytes())
                     for b in boxes]  # fmt: skip
            apart = abs(means[0] - means[1]) / 255
            assert apart >= SIDES_APART, (brand, n, [round(m) for m in means])
            seen += 1
    assert seen == len(content_yaml()["items"])


@pytest.mark.parametrize("brand", BRANDS)
def test_a_photocopy_keeps_every_text_readable(render, brand):
    """Rendered to grey at 150 dpi, every line of text (a text object) on what lies
    under it: its glyphs' most extreme pixel against the most common pixel around the
    line, at least 4.5:1."""
    r = render(HANDOUT, brand)
    worst = []
    for side in r.sides:
        image = _grey_page(side.page)
        page_h = side.page.get_height()
        for run in text_runs(side.textpage):
            ink = [c for c in run if not c.text.isspace() and c.box.x1 > c.box.x0]
            if not ink:
                continue
            line = Rect(min(c.box.x0 for c in ink), min(c.box.y0 for c in ink),
                        max(c.box.x1 for c in ink), max(c.box.y1 for c in ink))  # fmt: skip
            around = image.crop(_px(image, page_h, line, -2)).tobytes()
            ground = statistics.mode(around)
            glyphs = [v for c in ink for v in image.crop(_px(image, page_h, c.box)).tobytes()]
            extreme = max(glyphs, key=lambda v: abs(v - ground))
            ratio = grey_ratio(extreme, ground)
            text = "".join(c.text for c in ink)
            worst.append((ratio, side.index + 1, text[:30], extreme, ground))
    worst.sort()
    assert len(worst) > 200
    assert worst[0][0] >= TEXT_RATIO, worst[:5]


def test_the_handout_in_a_batch(tmp_path):
    """`poster batch --layout a4-handout`: a handout per brand, both sides each."""
    folder = tmp_path / "brands"
    folder.mkdir()
    for name in ("default", "cam-pha"):
        data = brand_yaml(name)
        data.pop("logo", None)  # a path relative to the shipped folder
        write_yaml(folder / f"{name}.yaml", data)
    out = tmp_path / "out"
    done = run_cli("batch", "--brands", folder, "--layout", HANDOUT, "-o", out, "-j", "1")
    assert done.returncode == 0, done.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        assert pdf.name.startswith(f"{HANDOUT}-")
        doc = pdfium.PdfDocument(str(pdf))
        assert len(doc) == 2
        doc.close()


# ---------------------------------------------------------------- the panels


@pytest.mark.parametrize("layout", PANELS)
def test_panel_sizes_are_exact_with_a_5_mm_bleed(render, layout):
    page_spec = layout_yaml(layout)["page"]
    r = render(layout, "default")
    (page,) = r.reader.pages
    trim, bleed = page.trimbox, page.bleedbox
    assert float(trim.width) == pytest.approx(mm(page_spec["width_mm"]), abs=TOL)
    assert float(trim.height) == pytest.approx(mm(page_spec["height_mm"]), abs=TOL)
    assert float(bleed.width) == pytest.approx(mm(page_spec["width_mm"] + 10), abs=TOL)
    assert float(bleed.height) == pytest.approx(mm(page_spec["height_mm"] + 10), abs=TOL)


def _sentences(text: str) -> list[str]:
    """A side's sentences (and clauses) of four words or more."""
    parts = re.split(r"[.;:!?]", nfc(text))
    return [p.strip() for p in parts if len(p.split()) >= 4]


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", PANELS)
def test_panels_show_the_17_headings_and_no_body_text(render, layout, brand):
    r = render(layout, brand)
    text = squash(nfc(r.all_text))
    items = content_yaml()["items"]
    assert len(r.tiles) == len(items) == 17
    for item in items:
        assert squash(nfc(item["heading"])) in text, item["n"]
        for part in ("left", "right"):
            sentences = _sentences(item[part])
            assert sentences
            shown = [s for s in sentences if squash(s) in text]
            assert not shown, (item["n"], part, shown)


@pytest.mark.parametrize("brand", BRANDS)
def test_pano_capitals_are_25_mm_tall(render, brand):
    """The headings (the bold text of the tiles): their size × Be Vietnam Pro Bold's cap
    height, and the glyph boxes of plain capitals, 25 mm or more."""
    r = render(PANO, brand)
    per, _ = chars_by_tile(r)
    bold = [c for chars in per.values() for c in chars if weight(c.font) == "Bold"]
    assert bold
    assert min(c.size for c in bold) * cap_height("Bold") >= mm(CAPS_MM) - TOL
    capitals = [c for c in bold if c.text in "CDEFHIKLMNPTXZ"]
    assert len(capitals) >= 17  # every heading starts with "Chuyển"
    assert min(c.box.y1 - c.box.y0 for c in capitals) >= mm(CAPS_MM) - 0.3


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", PANELS)
def test_panel_qr_decodes_from_20_dpi(render, layout, brand):
    r = render(layout, brand)
    found = find_qr(r.page, QR_DPI)
    assert [q.text for q in found] == [brand_yaml(brand).get("qr", {}).get("url")
                                       or brand_yaml("default")["qr"]["url"]]  # fmt: skip
    (qr,) = found
    pixel = mm(25.4 / QR_DPI)
    assert qr.box.w >= mm(layout_yaml(layout)["qr"]["size_mm"]) - 2 * pixel
    if layout == PANO:
        assert qr.box.w >= mm(QR_PANEL_MM) - 2 * pixel
    # clear of every tile
    assert not any(_overlap(qr.box, t) for t in r.tiles.values())


def _overlap(a: Rect, b: Rect) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("brand", BRANDS)
def test_the_standee_qr_is_at_eye_height(render, brand):
    """The symbol between 1.2 and 1.6 m above the bottom trim edge (the floor)."""
    r = render(STANDEE, brand)
    (qr,) = find_qr(r.page, 50)
    trim, _ = trim_and_bleed(r.page)
    low, high = (qr.box.y0 - trim.y0) / mm(1), (qr.box.y1 - trim.y0) / mm(1)
    assert STANDEE_QR_MM[0] <= low < high <= STANDEE_QR_MM[1], (low, high)


@pytest.mark.parametrize("brand", BRANDS)
def test_the_standee_foot_holds_nothing_but_the_ground(render, brand):
    """The bottom 150 mm of the trim (and the bleed under it), rendered: every pixel the
    brand's background colour."""
    r = render(STANDEE, brand)
    page = r.page
    trim, bleed = trim_and_bleed(page)
    w, h = page.get_size()
    crop = (bleed.x0, bleed.y0, w - bleed.x1, h - (trim.y0 + mm(FOOT_MM)))
    image = page.render(scale=20 / 72, crop=crop).to_pil().convert("RGB")
    assert image.height >= round((FOOT_MM + 5) / 25.4 * 20) - 1
    colours = {c for _, c in image.getcolors(image.width * image.height)}
    ground = brand_rgb(brand, "background")
    far = [c for c in colours if max(abs(a - b) for a, b in zip(c, ground, strict=True)) > 2]
    assert not far, (ground, sorted(far)[:5])
    # and something is drawn just above it: the check would see a tile there
    above = (bleed.x0, trim.y0 + mm(FOOT_MM), w - bleed.x1, h - (trim.y0 + mm(FOOT_MM + 150)))
    band = page.render(scale=20 / 72, crop=above).to_pil().convert("RGB")
    assert len(band.getcolors(band.width * band.height)) > 2


@pytest.mark.parametrize("layout", PANELS)
def test_panel_pdfx_passes_the_preflight(tmp_path, layout):
    out = tmp_path / f"{layout}.pdf"
    done = run_cli("render", "--layout", layout, "--brand", "hiep-hoa", "--pdfx", "-o", out)
    assert done.returncode == 0, done.stderr
    done = run_cli("check", "--pdfx", out)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "preflight passed" in done.stdout


def test_a_panel_preview_is_its_layout_width_not_100_megapixels(tmp_path):
    """`--png` without a resolution: the YAML's preview width (150 dpi of a 2.4 m panel
    would be 14,173 × 7,087 pixels)."""
    width = layout_yaml(PANO)["preview_px"]
    out = tmp_path / "pano.pdf"
    done = run_cli("render", "--layout", PANO, "-o", out, "--png")
    assert done.returncode == 0, done.stderr
    with Image.open(tmp_path / "pano.png") as image:
        assert image.width == width
        assert abs(image.height - width / 2) <= 1  # 2400 × 1200 mm


def test_poster_layouts_lists_the_new_layouts_with_size_and_use():
    done = run_cli("layouts")
    assert done.returncode == 0, done.stderr
    lines = {line.split()[0]: line for line in done.stdout.splitlines() if line.strip()}
    for name, size in ((HANDOUT, "210 × 297 mm"), (PANO, "2400 × 1200 mm"),
                       (STANDEE, "850 × 2000 mm")):  # fmt: skip
        assert size in lines[name], lines[name]
        assert layout_yaml(name)["description"] in lines[name]


# ---------------------------------------------------------------- their preflight rules


def layout_findings(pdf: bytes, folder, layout: str | None = None) -> list:
    """What `poster check` says under its layout topic (the layout's own rules)."""
    from poster.preflight import check_pdf

    path = folder / "checked.pdf"
    path.write_bytes(pdf)
    return [f for f in check_pdf(path, qr=False, layout=layout).findings if f.topic == "layout"]


def test_the_photocopy_rule_passes_the_handout_and_fails_a_wall_poster(render, tmp_path):
    handout = layout_findings(render(HANDOUT, "default").pdf, tmp_path)
    assert [f.level for f in handout] == ["ok", "ok", "ok"], handout
    poster = layout_findings(render("a1-portrait", "default").pdf, tmp_path, HANDOUT)
    # its two pale tints: one grey
    assert "check.photocopy-sides" in [f.code for f in poster if f.level == "error"], poster


def test_the_foot_rule_passes_the_standee_and_fails_a_poster(render, tmp_path):
    standee = layout_findings(render(STANDEE, "default").pdf, tmp_path)
    assert [f.level for f in standee] == ["ok", "ok"], standee
    poster = layout_findings(render("a1-portrait", "default").pdf, tmp_path, STANDEE)
    assert [f.code for f in poster if f.level == "error"] == ["check.foot-mark"], poster


def test_check_finds_the_rules_by_the_layout_the_file_names(render, tmp_path):
    """What `poster check` adds: a handout (its metadata names it, its TrimBox is A4)
    gets the photocopy rule; an A1 poster and the A4 sheets of a tiled poster (no
    TrimBox) none."""
    found = layout_findings(render(HANDOUT, "default").pdf, tmp_path)
    assert [f.code for f in found] == ["check.layout-named", "check.photocopy-text-ok",
                                       "check.photocopy-sides-ok"], found  # fmt: skip
    assert HANDOUT in str(found[0])
    assert layout_findings(render("a1-portrait", "default").pdf, tmp_path) == []
    sheets = tmp_path / "sheets.pdf"
    done = run_cli("render", "--layout", "a1-portrait", "--format", "sheets", "-o", sheets)
    assert done.returncode == 0, done.stderr
    assert layout_findings(sheets.read_bytes(), tmp_path) == []


# ---------------------------------------------------------------- the layout options


def _layout(tmp_path, **changes):
    """An A4 sheet written as a user would: no bleed, 10 mm margin, 4 mm gutter, a 40 mm
    header and a 30 mm footer; `changes` set fields (dotted names)."""
    from poster.spec import load_layout

    data = {
        "page": {"size": "A4"},
        "bleed_mm": 0,
        "safe_margin_mm": 10,
        "header": {"height_mm": 40, "authority": {"min": 7, "max": 10},
                   "title": {"min": 12, "max": 20}},
        "footer": {"height_mm": 30, "text": {"min": 7, "max": 9}},
        "grid": {"columns": 2, "gutter_mm": 4},
        "fonts": {"body": {"min": 9, "max": 11}, "heading": {"min": 10, "max": 14}},
        "qr": {"size_mm": 16},
    }  # fmt: skip
    for key, value in changes.items():
        *path, last = key.split(".")
        at = data
        for part in path:
            at = at.setdefault(part, {})
        at[last] = value
    return load_layout(write_yaml(tmp_path / "layout.yaml", data))


def _mm(rect) -> tuple[float, ...]:
    return tuple(round(v / mm(1), 3) for v in (rect.x0, rect.y0, rect.x1, rect.y1))


def test_page_geometry_with_and_without_the_header_and_the_footer(tmp_path):
    """Worked by hand on 210 × 297 mm: the body between the header band (40 mm from the
    top) and the footer (30 mm from the bottom), a 4 mm gutter from each; without one,
    the body reaches the 10 mm margin."""
    from poster.geometry import page_geometry

    layout = _layout(tmp_path)
    assert _mm(page_geometry(layout).body) == (10, 34, 200, 253)
    assert _mm(page_geometry(layout, header=False).body) == (10, 34, 200, 287)
    assert _mm(page_geometry(layout, footer=False).body) == (10, 10, 200, 253)


def test_a_paper_ground_keeps_the_header_band_inside_the_margin(tmp_path):
    from poster.geometry import page_geometry

    geo = page_geometry(_layout(tmp_path, ground="paper"))
    assert _mm(geo.header) == (10, 257, 200, 287)  # from the margin to 40 mm from the top
    assert _mm(geo.header_content) == (14, 261, 196, 283)  # padded by the gutter
    assert _mm(geo.body) == (10, 34, 200, 253)


def test_a_footer_under_the_header_and_a_foot_left_clear(tmp_path):
    from poster.geometry import page_geometry

    geo = page_geometry(_layout(tmp_path, **{"footer.position": "under-header", "foot_mm": 60}))
    assert _mm(geo.footer_content)[1:4:2] == (223, 253)  # 30 mm under the header's gutter
    assert _mm(geo.body) == (10, 60, 200, 219)  # down to the foot, not the margin


def test_a_footer_at_the_foot_of_the_last_column(tmp_path):
    """The columns reach the margin; the last one stops a gutter above the footer (its
    30 mm from the trim, less the 10 mm margin, plus 4)."""
    from poster.geometry import page_geometry

    geo = page_geometry(_layout(tmp_path, **{"footer.position": "last-column"}))
    assert _mm(geo.body) == (10, 10, 200, 253)
    assert round(geo.short_last / mm(1), 3) == 24


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"tile": {"show": "full"}}, "fonts.body", "missing (required)"),
        ({"footer.position": "last-column", "grid.flow": "rows"}, "footer.position",
         "needs masonry columns"),
        ({"tile": {"grey_apart": 0.9}}, "tile.grey_apart", "at most 0.6"),
        ({"header.pages": "last"}, "header.pages", "last"),
    ],
)  # fmt: skip
def test_the_options_refuse_what_they_cannot_do(tmp_path, changes, field, message):
    from poster.errors import PosterError

    if field == "fonts.body":
        changes = {**changes, "fonts": {"heading": {"min": 10, "max": 14}}}
    with pytest.raises(PosterError) as e:
        _layout(tmp_path, **changes)
    text = str(e.value)
    assert f": {field}: " in text and message in text, text


def test_headings_alone_need_no_body_sizes(tmp_path):
    layout = _layout(tmp_path, tile={"show": "headings"},
                     fonts={"heading": {"min": 10, "max": 14}})  # fmt: skip
    assert layout.fonts.body is None
