"""Every shipped layout × every shipped brand: page boxes, text, fonts, glyphs, metadata."""

from __future__ import annotations

import re

import pytest
from conftest import (
    BRANDS,
    LAYOUTS,
    Rect,
    box_in,
    brand_yaml,
    carries,
    content_yaml,
    fold,
    layout_yaml,
    mm,
    nfc,
    point_in,
    shows_sides,
    squash,
    trim_mm,
)
from pypdf.generic import DictionaryObject

# What the user wrote (read with yaml.safe_load, not the program's loader): the expected text.
CONTENT = content_yaml()
ITEMS = CONTENT["items"]
LABELS = [nfc(CONTENT["labels"][side]).upper() for side in ("left", "right")]

COMBOS = [(layout, brand) for layout in LAYOUTS for brand in BRANDS]
IDS = [f"{layout}-{brand}" for layout, brand in COMBOS]
TOL = 0.01  # points

each = pytest.mark.parametrize(("layout", "brand"), COMBOS, ids=IDS)


def test_shipped_folders_are_discovered():
    # Guards the discovery itself: an empty glob would make this whole module vacuous.
    assert len(LAYOUTS) >= 4 and "a1-portrait" in LAYOUTS
    assert len(BRANDS) >= 3 and "default" in BRANDS


# ---------------------------------------------------------------- page boxes


def _box(page, name: str) -> tuple[float, float, float, float]:
    box = getattr(page, name)
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


@each
def test_page_is_iso_size_plus_bleed(render, layout, brand):
    spec = layout_yaml(layout)
    w, h = (mm(v) for v in trim_mm(spec))  # an A size, or width_mm × height_mm
    bleed = mm(spec.get("bleed_mm", 3))
    # a bleed, but for a sheet an office printer prints (nothing near its edges)
    assert bleed > 0 or spec.get("ground") == "paper"

    reader = render(layout, brand).reader
    # one page, or the pages the layout spreads its items over (A3: front and back)
    assert len(reader.pages) == spec.get("pages", 1)
    for page in reader.pages:
        mx0, my0, mx1, my1 = _box(page, "mediabox")
        assert mx1 - mx0 == pytest.approx(w + 2 * bleed, abs=TOL)
        assert my1 - my0 == pytest.approx(h + 2 * bleed, abs=TOL)

        # TrimBox: the ISO sheet, the bleed on every side of it.
        trim = _box(page, "trimbox")
        expected_trim = (mx0 + bleed, my0 + bleed, mx0 + bleed + w, my0 + bleed + h)
        assert trim == pytest.approx(expected_trim, abs=TOL)

        # BleedBox written explicitly (not inherited by pypdf's default), equal to the MediaBox.
        assert "/BleedBox" in page
        assert _box(page, "bleedbox") == pytest.approx((mx0, my0, mx1, my1), abs=TOL)


# ---------------------------------------------------------------- text


@each
def test_text_holds_title_headings_and_both_sides(render, layout, brand):
    r = render(layout, brand)
    text = r.all_text
    title = nfc(CONTENT["title"])
    missing = [f"title: {title!r}"] if fold(title) not in text else []
    # a panel read from metres shows the headings alone (see test_formats)
    parts = ("heading", "left", "right") if shows_sides(layout) else ("heading",)
    for item in ITEMS:
        for part in parts:
            value = nfc(item[part])
            if fold(value) not in text:
                missing.append(f"item {item['n']} {part}: {value[:60]!r}…")
    assert not missing, "not found in the PDF text:\n" + "\n".join(missing)


@each
def test_text_holds_labels_source_and_brand_lines(render, layout, brand):
    r = render(layout, brand)
    b = brand_yaml(brand)
    spec = layout_yaml(layout)
    head = [*LABELS, *b.get("authority", [])]  # and the key
    foot = [b["qr"]["caption"], *(t for t in (CONTENT["source"], b.get("footer")) if t)]
    head += [CONTENT["subtitle"]] if CONTENT.get("subtitle") else []
    head, foot = [nfc(t) for t in head], [nfc(t) for t in foot]
    for side in r.sides:  # the pages with the header and the key, with the footer
        wanted = [*(head if carries(spec, "header", side.index, len(r.sides)) else []),
                  *(foot if carries(spec, "footer", side.index, len(r.sides)) else [])]  # fmt: skip
        missing = [t for t in wanted if fold(t) not in side.text]
        assert not missing, f"not found in the text of page {side.index + 1}: {missing}"
    # every part on some page
    for t in [*head, *foot]:
        assert fold(t) in r.all_text, t
    # each label is drawn once per tile (tiles with their two sides)
    for label in LABELS:
        assert r.all_text.count(fold(label)) >= (len(ITEMS) if shows_sides(layout) else 1)


# ---------------------------------------------------------------- fonts


def _fonts(resources, seen: set[int] | None = None):
    """(resource name, font dict) for every font reachable from a resources dict."""
    seen = set() if seen is None else seen
    if resources is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font")
    if fonts is not None:
        for key, ref in fonts.get_object().items():
            yield key, ref.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobj = ref.get_object()
            if id(xobj) in seen:
                continue
            seen.add(id(xobj))
            if xobj.get("/Subtype") == "/Form":
                yield from _fonts(xobj.get("/Resources"), seen)


SUBSET = re.compile(r"^/[A-Z]{6}\+")


def _font_problems(key: str, font: DictionaryObject) -> list[str]:
    subtype = font.get("/Subtype")
    base = str(font.get("/BaseFont"))
    if subtype == "/Type0":
        (descendant,) = font["/DescendantFonts"]
        descendant = descendant.get_object()
        return [f"{key} (Type0 → {p}" for p in _font_problems(key, descendant)]
    problems = []
    if subtype not in ("/TrueType", "/CIDFontType2"):
        problems.append(f"{key} {base}: subtype {subtype}, expected an embedded TrueType subset")
    if not SUBSET.match(base):
        problems.append(f"{key} {base}: not a subset (no ABCDEF+ prefix)")
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        problems.append(f"{key} {base}: no FontDescriptor (not embedded)")
    elif "/FontFile2" not in descriptor.get_object():
        problems.append(f"{key} {base}: no embedded FontFile2")
    return problems


@each
def test_fonts_are_embedded_truetype_subsets(render, layout, brand):
    page = render(layout, brand).reader.pages[0]
    fonts = list(_fonts(page.get("/Resources")))
    assert fonts, "no fonts in the page resources"
    problems = [p for key, font in fonts for p in _font_problems(key, font)]
    assert not problems, "fonts that a print shop's preflight rejects:\n" + "\n".join(problems)


@each
def test_fonts_are_be_vietnam_pro(render, layout, brand):
    page = render(layout, brand).reader.pages[0]
    names = {str(font.get("/BaseFont")).split("+", 1)[-1] for _, font in _fonts(page["/Resources"])}
    used = {n for n in names if n.startswith("BeVietnamPro-")}
    assert {"BeVietnamPro-Regular", "BeVietnamPro-Bold", "BeVietnamPro-ExtraBold"} <= used


# ---------------------------------------------------------------- glyphs


@each
def test_no_missing_glyphs(render, layout, brand):
    r = render(layout, brand)
    assert "\ufffd" not in r.all_text
    shown = [CONTENT["title"], *LABELS]
    shown += [t for t in (CONTENT["source"], CONTENT.get("subtitle")) if t]
    for item in ITEMS:
        shown += [str(item["n"]), item["heading"]]
        shown += [item["left"], item["right"]] if shows_sides(layout) else []
    expected = set("".join(nfc(t) for t in shown)) - {" "}
    missing = expected - set(r.all_text)
    assert not missing, f"characters of the content absent from the PDF text: {sorted(missing)}"


@each
def test_no_empty_glyph_boxes_in_tiles(render, layout, brand):
    r = render(layout, brand)
    assert sum(len(side.tiles) for side in r.sides) == len(ITEMS)
    in_tiles = [
        ch
        for side in r.sides
        for ch in side.chars
        if not ch.text.isspace() and any(point_in(t, *ch.centre) for t in side.tiles.values())
    ]
    # the check saw (at least) every character of the tiles' texts
    sides = shows_sides(layout)
    shown = [i["heading"] + (i["left"] + i["right"] if sides else "") for i in ITEMS]
    assert len(in_tiles) >= sum(len(squash(t)) for t in shown)
    empty = [
        (ch.text, f"U+{ord(ch.text):04X}", ch.box)
        for ch in in_tiles
        if ch.box.x1 - ch.box.x0 <= 0 or ch.box.y1 - ch.box.y0 <= 0
    ]
    assert not empty, f"characters drawn with a zero-size glyph box: {empty[:10]}"


# ---------------------------------------------------------------- safe area


@each
def test_all_text_inside_safe_area(render, layout, brand):
    # the safe area: the PDF's TrimBox inset by the layout's safe_margin_mm
    r = render(layout, brand)
    margin = mm(layout_yaml(layout)["safe_margin_mm"])
    x0, y0, x1, y1 = _box(r.reader.pages[0], "trimbox")
    safe = Rect(x0 + margin, y0 + margin, x1 - margin, y1 - margin)
    unsafe = [
        f"{ch.text!r} at {ch.box}: {_distance_mm(ch.box, (x0, y0, x1, y1)):.2f} mm from the trim"
        for side in r.sides  # the pages of a poster are one size
        for ch in side.chars
        if not ch.text.isspace() and not box_in(safe, ch.box, 0.5)
    ]
    assert not unsafe, f"text outside the safe area {safe}:\n" + "\n".join(unsafe[:20])


def _distance_mm(box, trim) -> float:
    """How far a glyph box lies inside the trim (its nearest edge), in mm."""
    x0, y0, x1, y1 = trim
    return min(box.x0 - x0, box.y0 - y0, x1 - box.x1, y1 - box.y1) / mm(1)


# ---------------------------------------------------------------- metadata


@each
def test_metadata(render, layout, brand):
    r = render(layout, brand)
    info = r.reader.metadata
    assert info is not None
    assert info.get("/Title") == nfc(CONTENT["title"])
    assert info.get("/Author") == nfc(brand_yaml(brand)["name"])
    subject = info.get("/Subject")
    assert isinstance(subject, str) and subject.strip()
    catalog = r.reader.trailer["/Root"].get_object()
    assert catalog.get("/Lang") == "vi-VN"
