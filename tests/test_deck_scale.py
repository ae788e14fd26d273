"""The decks as a hall and PowerPoint see them (issue 19.7, 19.8), measured on the rendered
PDF and PPTX: one type scale on every item slide, no item on more than two slides,
continuations named in their heading, the title slide composed as one block, a closing
that thanks the audience; in the PPTX every slide's heading in a title placeholder,
icons as SVG with a PNG fallback, and, converted by LibreOffice on a PC without Be
Vietnam Pro, no text over other text and no glyph outside its box.

Expected values come from the issue (24 pt, two slides, "(tiếp)", "Trân trọng cảm
ơn!"), the content and brand YAML, and PowerPoint's own layout names; sizes are read
from the PDF's text and from the PPTX's XML, never from the planner.
"""

from __future__ import annotations

import io
import itertools
import math
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from conftest import (
    BRANDS,
    DECK_LAYOUTS,
    Char,
    brand_yaml,
    content_yaml,
    filled_paths,
    find_qr,
    fold,
    layout_yaml,
    mm,
    nfc,
    page_chars,
    page_texts,
    squash,
    text_runs,
)
from pypdf import PdfReader

from poster.geometry import Rect

CONTENT = content_yaml()
ITEMS = CONTENT["items"]
MORE = "(tiếp)"  # a continuation slide's mark
THANKS = "Trân trọng cảm ơn!"
FLOOR = 24  # pt: the least body size on an item slide, 16:9 and 4:3 (issue 19.7)


def labels_of(pdf: bytes) -> list[str]:
    return list(PdfReader(io.BytesIO(pdf)).page_labels)


def item_slides(pdf: bytes) -> dict[int, list[int]]:
    """Item number → its slides (page indices), from the page labels ("5", "5 (tiếp)")."""
    out: dict[int, list[int]] = {}
    for index, label in enumerate(labels_of(pdf)):
        number = label.removesuffix(f" {MORE}")
        if number.isdigit():
            out.setdefault(int(number), []).append(index)
    return out


def runs_of(pdf: bytes, index: int) -> list[list[Char]]:
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[index]
        tp = page.get_textpage()
        runs = [[c for c in run if not c.text.isspace()] for run in text_runs(tp)]
        tp.close()
        page.close()
    finally:
        doc.close()
    return [r for r in runs if r]


def text_of(run: list[Char]) -> str:
    return squash("".join(c.text for c in run)).strip("…")


def sizes_by_role(pdf: bytes, item: dict, index: int) -> tuple[set[float], set[float]]:
    """The sizes of the item's side text (regular glyphs found in its sides) and of its
    heading (bold glyphs found in its heading) on one of its slides."""
    sides = squash(nfc(item["left"])) + "|" + squash(nfc(item["right"]))
    heading = squash(nfc(item["heading"]) + " " + MORE)
    body, head = set(), set()
    for run in runs_of(pdf, index):
        text = text_of(run)
        if len(text) < 4:
            continue
        if all("Regular" in c.font for c in run) and text in sides:
            body |= {round(c.size, 1) for c in run}
        elif all("Bold" in c.font and "Extra" not in c.font for c in run) and text in heading:
            head |= {round(c.size, 1) for c in run}
    return body, head


@pytest.fixture(scope="module")
def deck(cli_render):
    """deck(layout, brand, ext="pdf") → the file `poster render` wrote."""

    def get(layout: str, brand: str = "hiep-hoa", ext: str = "pdf") -> Path:
        return cli_render(layout, brand, ext)

    return get


# ---------------------------------------------------------------- one type scale (PDF)


@pytest.mark.parametrize("brand", ["default", "hiep-hoa"])
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_every_item_slide_has_one_body_size_and_one_heading_size(deck, layout, brand):
    """All item slides share one body size (≥ 24 pt) and one heading size larger than it.
    Fails if the size search runs per item again (16:9 had 24/28/32 pt bodies)."""
    pdf = deck(layout, brand).read_bytes()
    slides = item_slides(pdf)
    bodies: dict[float, list[int]] = {}
    headings: dict[float, list[int]] = {}
    for item in ITEMS:
        for index in slides[item["n"]]:
            body, head = sizes_by_role(pdf, item, index)
            assert body and head, (item["n"], index)
            for size in body:
                bodies.setdefault(size, []).append(index)
            for size in head:
                headings.setdefault(size, []).append(index)
    assert len(bodies) == 1, f"body sizes on the item slides: {bodies}"
    assert len(headings) == 1, f"heading sizes on the item slides: {headings}"
    (body,), (heading,) = bodies, headings
    assert body >= FLOOR
    assert heading > body


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_no_item_on_more_than_two_slides_and_continuations_say_so(deck, layout):
    """Every item on one or two consecutive slides; the second one's heading (its bold
    heading lines, as drawn) ends with "(tiếp)", the first one's does not. Counted from
    the text: the slides showing an item's heading."""
    pdf = deck(layout).read_bytes()
    texts = page_texts(pdf)
    for item in ITEMS:
        heading = fold(nfc(item["heading"]))
        showing = [i for i, t in enumerate(texts) if heading in t and i > 0]
        # the overview lists every heading too: item slides carry "n/17" in their footer
        showing = [i for i in showing if f"/{len(ITEMS)}" in texts[i]]
        assert 1 <= len(showing) <= 2, (item["n"], showing)
        assert showing == list(range(showing[0], showing[0] + len(showing)))
        for part, index in enumerate(showing):
            drawn = " ".join(
                text_of(r)
                for r in runs_of(pdf, index)
                if all("Bold" in c.font and "Extra" not in c.font for c in r)
                and text_of(r) in squash(nfc(item["heading"]) + " " + MORE)
            )
            assert drawn.endswith(MORE) == (part == 1), (item["n"], part, drawn)


def test_4x3_has_fewer_continuations_than_before(deck):
    """4:3 at 22 pt had 9 continuation slides and item 5 on three: fewer now, at 24 pt,
    and no item continued twice."""
    labels = labels_of(deck("slides-4x3").read_bytes())
    continued = [label for label in labels if label.endswith(MORE)]
    assert len(continued) < 9, continued
    assert len(set(continued)) == len(continued)


def test_a_side_that_fits_stays_whole_on_the_first_slide(deck):
    """Item 12 on 16:9 (the review's case): the IT side, four lines, is whole on the
    item's first slide and absent from its continuation, which shows the rest of the
    DT side only (its second sentence had moved to the continuation, leaving five
    empty lines on the first). And in both decks no side's text is shown twice."""
    pdf = deck("slides-16x9").read_bytes()
    texts = [squash(t) for t in page_texts(pdf)]
    item = next(i for i in ITEMS if i["n"] == 12)
    first, second = item_slides(pdf)[12]
    left = squash(nfc(item["left"]))
    assert left in texts[first]
    assert left[:20] not in texts[second]
    for layout in DECK_LAYOUTS:
        pdf = deck(layout).read_bytes()
        texts = [squash(t) for t in page_texts(pdf)]
        for i in ITEMS:
            shown = item_slides(pdf)[i["n"]]
            for side in ("left", "right"):
                sentences = [squash(x) for x in nfc(i[side]).split(". ") if len(x) > 25]
                for sentence in sentences:  # a whole sentence on one slide at most
                    assert sum(sentence in texts[k] for k in shown) <= 1, (layout, i["n"])


def overview_pages(pdf: bytes) -> list[int]:
    return [i for i, label in enumerate(labels_of(pdf)) if label.startswith("Tổng quan")]


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_the_overview_has_one_size_of_24_pt_or_more_under_a_larger_title(deck, layout):
    """The overview's entries (every regular glyph of its slides) at one size on all its
    slides, at least 24 pt (4:3 had 22.1 and 22.6 pt); its title (bold) at least 1.2 ×
    that (4:3: 24 pt over 22.6); no line of it a lone "từ", "sang", "và" or "của" (4:3
    set "sang" alone in item 17); the columns of all its slides even: the tallest at
    most 1.5 × the shortest."""
    pdf = deck(layout).read_bytes()
    pages = overview_pages(pdf)
    assert 1 <= len(pages) <= 3
    entries, titles = set(), set()
    columns: list[float] = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for index in pages:
            page = doc[index]
            tp = page.get_textpage()
            chars = [c for c in page_chars(tp) if not c.text.isspace()]
            tp.close()
            page.close()
            regular = [c for c in chars if "Regular" in c.font]
            entries |= {round(c.size, 1) for c in regular}
            titles |= {round(c.size, 1) for c in chars if c.font.endswith("-Bold")}
            # columns: the entries' glyphs grouped by where their numbers stand
            numbers = sorted({round(c.box.x0) for c in chars if c.font.endswith("ExtraBold")})
            starts = [x for k, x in enumerate(numbers) if k == 0 or x - numbers[k - 1] > 100]
            for k, x in enumerate(starts):
                end = starts[k + 1] if k + 1 < len(starts) else math.inf
                mine = [c for c in regular if x - 5 <= c.box.x0 < end - 5]
                columns.append(max(c.box.y1 for c in mine) - min(c.box.y0 for c in mine))
                lines: dict[int, list[Char]] = {}
                for c in mine:
                    lines.setdefault(round(c.origin[1]), []).append(c)
                for line in lines.values():
                    text = fold("".join(c.text for c in sorted(line, key=lambda c: c.box.x0)))
                    assert text.lower() not in {"từ", "sang", "và", "của"}, (index, text)
    finally:
        doc.close()
    assert len(entries) == 1, entries
    (size,) = entries
    assert size >= FLOOR
    assert min(titles) >= 1.2 * size, (titles, size)
    assert max(columns) <= 1.5 * min(columns), columns


def test_the_16x9_title_is_the_largest_type_of_the_deck(deck):
    """The title slide's title (ExtraBold, page 1) at about 48 pt, at least 1.4 × the
    item headings (it was 35 pt over 32, 1.09 ×), on at most three lines."""
    pdf = deck("slides-16x9").read_bytes()
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        tp = page.get_textpage()
        title = [c for c in page_chars(tp) if "ExtraBold" in c.font and not c.text.isspace()]
        tp.close()
        page.close()
    finally:
        doc.close()
    sizes = {round(c.size, 1) for c in title}
    assert len(sizes) == 1
    (size,) = sizes
    item = ITEMS[0]
    _, head = sizes_by_role(pdf, item, item_slides(pdf)[item["n"]][0])
    assert 44 <= size <= 52 and size >= 1.4 * max(head), (size, head)
    assert len({round(c.origin[1]) for c in title}) <= 3


# ---------------------------------------------------------------- boxes and blocks


def side_tints(page: pdfium.PdfPage) -> list[Rect]:
    """The filled boxes in a light tint (the sides' grounds): not the slide's background.
    (The deeper of the two sides' fills, set 8 L* apart, is about 180 in its darkest
    channel: #B3C9E2 for the shipped blue.)"""
    w, _ = page.get_size()
    out = []
    for path in filled_paths(page):
        if min(path.color) >= 150 and mm(40) < path.box.w < 0.6 * w and path.box.h > mm(10):
            out.append(path.box)
    return out


def test_side_by_side_boxes_share_one_height_per_slide(deck):
    """16:9 draws the two sides as columns: on every item slide their tinted boxes have one
    top and one bottom (issue 19.7), the left one left of the right one. A continuation
    may show one side only (the other was whole on the item's first slide)."""
    assert layout_yaml("slides-16x9")["deck"].get("sides", "side-by-side") == "side-by-side"
    pdf = deck("slides-16x9").read_bytes()
    doc = pdfium.PdfDocument(pdf)
    try:
        for indices in item_slides(pdf).values():
            for part, index in enumerate(indices):
                page = doc[index]
                tints = side_tints(page)
                page.close()
                assert len(tints) == 2 or (part == 1 and len(tints) == 1), (index, tints)
                if len(tints) == 1:
                    continue
                left, right = sorted(tints, key=lambda r: r.x0)
                assert left.x1 < right.x0
                assert left.y0 == pytest.approx(right.y0, abs=0.5), index
                assert left.y1 == pytest.approx(right.y1, abs=0.5), index
    finally:
        doc.close()


def image_boxes(page: pdfium.PdfPage) -> list[Rect]:
    return [Rect(*o.get_bounds()) for o in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE])]


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_title_slide_is_one_block_of_logo_locality_title_and_subtitle(deck, layout):
    """The logo, the authority line, the title and the brand's footer line (the subtitle)
    stacked in that order, each centred on the slide, at most 15 mm apart: one block, not
    a title alone with the rest at the edges."""
    brand = brand_yaml("hiep-hoa")
    pdf = deck(layout).read_bytes()
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        w, h = page.get_size()
        tp = page.get_textpage()
        chars = [c for c in page_chars(tp) if not c.text.isspace()]
        tp.close()
        (logo,) = image_boxes(page)
        page.close()
    finally:
        doc.close()

    lines: dict[int, list[Char]] = {}
    for c in chars:
        lines.setdefault(round(c.baseline), []).append(c)

    def bounds_of(text: str) -> Rect:
        """The glyphs of the slide's lines that are part of `text`."""
        want = squash(nfc(text))
        found = [c for ln in lines.values() if squash("".join(c.text for c in ln)) in want
                 for c in ln]  # fmt: skip
        assert found, text
        return Rect(
            min(c.box.x0 for c in found),
            min(c.box.y0 for c in found),
            max(c.box.x1 for c in found),
            max(c.box.y1 for c in found),
        )

    parts = [
        logo,
        bounds_of(brand["authority"][0]),
        bounds_of(CONTENT["title"]),
        bounds_of(brand["footer"]),
    ]
    for part in parts:
        assert abs((part.x0 + part.x1) / 2 - w / 2) < mm(3), part
    for above, below in itertools.pairwise(parts):
        gap = above.y0 - below.y1
        assert 0 < gap <= mm(15), (above, below)
    top, bottom = parts[0].y1, parts[-1].y0
    assert abs((top + bottom) / 2 - h / 2) < mm(10)  # the block centred on the slide


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_closing_slide_thanks_the_audience_and_names_the_locality(deck, layout, brand):
    """The last slide says "Trân trọng cảm ơn!", names the locality (its authority line,
    or the brand's name) and shows the QR code at ≥ 1/4 of the slide's height with its
    caption."""
    pdf = deck(layout, brand).read_bytes()
    spec = brand_yaml(brand)
    last = page_texts(pdf)[-1]
    assert fold(THANKS) in last
    locality = spec["authority"][0] if spec.get("authority") else spec["name"]
    assert fold(nfc(locality)) in last
    caption = spec.get("qr", {}).get("caption", "")
    assert squash(nfc(caption)) in squash(last)
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[len(doc) - 1]
        found = find_qr(page, 60)
        height = page.get_height()
        page.close()
    finally:
        doc.close()
    assert [q.text for q in found] == [spec["qr"]["url"]]
    assert found[0].box.h >= height / 4


# ---------------------------------------------------------------- the PPTX


A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def title_of(slide) -> str:
    shape = slide.shapes.title
    return fold(shape.text_frame.text) if shape is not None else ""


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_pptx_headings_are_title_placeholders_on_powerpoint_layouts(deck, layout):
    """Every slide has a title placeholder (what the outline view lists): the title slide
    on PowerPoint's "Title Slide" layout with the content's title, each item slide on a
    layout with a title holding its heading ("… (tiếp)" on a continuation), in the
    content's order; the closing slide's title thanks the audience."""
    from pptx import Presentation

    prs = Presentation(str(deck(layout, ext="pptx")))
    slides = list(prs.slides)
    assert slides[0].slide_layout.name == "Title Slide"
    assert title_of(slides[0]) == fold(nfc(CONTENT["title"]))
    assert all(s.shapes.title is not None and title_of(s) for s in slides)
    headings = [fold(nfc(i["heading"])) for i in ITEMS]
    outline = [title_of(s) for s in slides]
    items = [t for t in outline if t.removesuffix(f" {MORE}") in headings]
    firsts = [t for t in items if not t.endswith(MORE)]
    assert firsts == headings  # the 17 items, in order, once each
    for t in items:
        if t.endswith(MORE):  # a continuation follows its item
            before = outline[outline.index(t) - 1]
            assert before == t.removesuffix(f" {MORE}")
    assert title_of(slides[-1]) == fold(THANKS)


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_pptx_has_the_pdf_type_scale(deck, layout):
    """In the PPTX XML the item slides' titles have one size and the sides' text another,
    the same as the PDF draws (sizes read from the PDF's text)."""
    from pptx import Presentation

    pdf = deck(layout).read_bytes()
    slides = item_slides(pdf)
    item = ITEMS[0]
    pdf_body, pdf_head = sizes_by_role(pdf, item, slides[item["n"]][0])
    prs = Presentation(str(deck(layout, ext="pptx")))
    headings = {fold(nfc(i["heading"])) for i in ITEMS}
    sides = " | ".join(fold(nfc(i[k])) for i in ITEMS for k in ("left", "right"))
    title_sizes, body_sizes = set(), set()
    for s in prs.slides:
        if title_of(s).removesuffix(f" {MORE}") not in headings:
            continue
        for r in s.shapes.title.text_frame.paragraphs[0].runs:
            title_sizes.add(r.font.size.pt)
        for shape in s.shapes:
            if not shape.has_text_frame or shape == s.shapes.title:
                continue
            for p in shape.text_frame.paragraphs:
                for r in p.runs:
                    text = fold(r.text).strip("… ")
                    if len(text) > 12 and text in sides:
                        body_sizes.add(r.font.size.pt)
    assert title_sizes == pdf_head
    assert body_sizes == pdf_body
    assert min(body_sizes) >= FLOOR


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_pptx_lets_powerpoint_wrap_the_overview_and_ends_paragraphs_with_two_syllables(
    deck, layout
):
    """The overview's entries are plain paragraphs PowerPoint wraps itself (a substitute
    font must): no line break in one, and their words whole but not the labels (a
    no-break "công nghệ thông tin" left "giám đốc" alone on a line in LibreOffice).
    Every side's paragraph ends with its last two syllables joined by a no-break
    space: no "tâm." alone on a last line."""
    from pptx import Presentation

    prs = Presentation(str(deck(layout, ext="pptx")))
    headings = {fold(nfc(i["heading"])) for i in ITEMS}
    sides = [squash(nfc(i[k])) for i in ITEMS for k in ("left", "right")]
    overview = [s for s in prs.slides if fold(title_of(s)) == fold(nfc(CONTENT["title"]))]
    assert overview
    entries, ends = 0, 0
    for slide in overview:
        for shape in slide.shapes:
            text = shape.text_frame.text if shape.has_text_frame else ""
            if fold(text) in headings:
                entries += 1
                assert "\v" not in text and "\n" not in text, text
                assert "nghệ\xa0thông" not in text.lower(), text  # the label's words only
    for slide in prs.slides:
        for shape in slide.shapes:
            text = shape.text_frame.text if shape.has_text_frame else ""
            tail = squash(text).rstrip("…")[-30:]  # after a run-in label, on 4:3
            if len(text) > 40 and any(tail in side for side in sides):
                head, _, last = text.rpartition(" ")
                assert "\xa0" in last and "\xa0" not in head, text
                ends += 1
    assert entries == len(ITEMS)
    assert ends >= 2 * len(ITEMS)


def test_pptx_icons_are_svg_with_a_png_fallback(deck):
    """Every icon picture's blip names a PNG (PowerPoint before 2019) and, through the
    asvg:svgBlip extension, an SVG part of the package in the colour of the side the item
    leads to (the brand's right colour, as on the posters)."""
    path = deck("slides-16x9", ext="pptx")
    primary = brand_yaml("hiep-hoa")["colors"]["right"].upper()
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        types = z.read("[Content_Types].xml").decode()
        svgs = 0
        for name in sorted(n for n in names if n.startswith("ppt/slides/slide")):
            xml = z.read(name).decode()
            rels = z.read(name.replace("slides/", "slides/_rels/") + ".rels").decode()
            for rid in _svg_embeds(xml):
                target = _target(rels, rid)
                assert target.endswith(".svg"), target
                part = "ppt/" + target.removeprefix("../")
                assert part in names and f'PartName="/{part}" ContentType="image/svg+xml"' in types
                svg = z.read(part).decode()
                assert "<svg" in svg and "currentColor" not in svg and primary in svg.upper()
                svgs += 1
        assert svgs >= len(ITEMS)  # one icon on every item slide


def _svg_embeds(xml: str) -> list[str]:
    """The relationship ids the slide's svgBlip elements name (with their PNG blip)."""
    from lxml import etree

    root = etree.fromstring(xml.encode())
    ns = {"a": A[1:-1], "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main"}
    out = []
    for blip in root.iterfind(".//a:blip", ns):
        svg = blip.find(".//asvg:svgBlip", ns)
        if svg is not None:
            assert blip.get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
            )  # the PNG
            out.append(
                svg.get(
                    "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
                )
            )
    return out


def _target(rels: str, rid: str) -> str:
    from lxml import etree

    for rel in etree.fromstring(rels.encode()):
        if rel.get("Id") == rid:
            return rel.get("Target")
    raise AssertionError(rid)


# ---------------------------------------------------------------- LibreOffice, no font


@pytest.fixture(scope="module")
def converted(deck, tmp_path_factory):
    """converted(layout) → (PPTX, the PDF LibreOffice made of it) on this machine, where Be
    Vietnam Pro is not installed (a substitute, DejaVu Sans, sets the text)."""
    if shutil.which("soffice") is None:
        pytest.skip("needs LibreOffice (soffice)")
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    assert "be vietnam" not in fonts.lower(), "this test needs a machine without the font"
    cache: dict[str, tuple[Path, bytes]] = {}

    def get(layout: str) -> tuple[Path, bytes]:
        if layout not in cache:
            pptx = deck(layout, ext="pptx")
            out = tmp_path_factory.mktemp("lo")
            done = subprocess.run(
                ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless",
                 "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
                capture_output=True, text=True, timeout=240,
                env={"HOME": str(out), "PATH": "/usr/bin:/bin"},
            )  # fmt: skip
            pdf = out / (pptx.stem + ".pdf")
            assert pdf.exists(), done.stderr
            cache[layout] = (pptx, pdf.read_bytes())
        return cache[layout]

    return get


def shape_boxes(slide, height: float) -> list[tuple[Rect, bool]]:
    """The slide's text boxes in PDF points, each with whether it is the title placeholder."""
    emu = 12700
    title = slide.shapes.title
    return [
        (Rect(s.left / emu, height - (s.top + s.height) / emu, (s.left + s.width) / emu,
              height - s.top / emu), title is not None and s.shape_id == title.shape_id)
        for s in slide.shapes
        if s.has_text_frame and s.text_frame.text
    ]  # fmt: skip


def owner(c: Char, boxes: list[tuple[Rect, bool]]) -> int:
    """The smallest text box holding the glyph (a quarter em of slack upwards for a
    substitute's stacked capital marks, which rise above its ascent), or -1."""
    b = c.box
    inside = [
        (r.w * r.h, i) for i, (r, _) in enumerate(boxes)
        if b.x0 >= r.x0 - 1 and b.x1 <= r.x1 + 1 and b.y0 >= r.y0 - 1
        and b.y1 <= r.y1 + 0.25 * c.size
    ]  # fmt: skip
    return min(inside)[1] if inside else -1


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_libreoffice_without_the_font_sets_no_text_over_text(converted, layout):
    """Converted by LibreOffice with DejaVu Sans in place of Be Vietnam Pro: no glyph of
    one line (or one text box) overlaps a glyph of another, every glyph lies in its text
    box (a quarter em of slack upwards for a substitute's stacked capital marks, which
    rise above its ascent), and the big item number, at its own size and inside the safe
    margin, ends left of its heading (it overlapped it by 4.6 mm on item 11)."""
    from pptx import Presentation

    pptx, pdf = converted(layout)
    spec = layout_yaml(layout)
    margin = mm(spec["safe_margin_mm"]) - 1
    prs = Presentation(str(pptx))
    doc = pdfium.PdfDocument(pdf)
    problems = []
    try:
        for no, (slide, page) in enumerate(zip(prs.slides, doc, strict=True)):
            h = page.get_size()[1]
            boxes = shape_boxes(slide, h)
            tp = page.get_textpage()
            chars = [c for c in page_chars(tp) if not c.text.isspace()]
            tp.close()

            lines: dict[tuple[int, int], list[Char]] = {}
            for c in chars:
                key = (owner(c, boxes), round(c.baseline))
                if key[0] < 0:
                    problems.append(f"slide {no + 1}: {c.text!r} at {c.box} outside every box")
                lines.setdefault(key, []).append(c)
            for (ka, a), (kb, b) in itertools.combinations(lines.items(), 2):
                for ca, cb in itertools.product(a, b):
                    x = min(ca.box.x1, cb.box.x1) - max(ca.box.x0, cb.box.x0)
                    y = min(ca.box.y1, cb.box.y1) - max(ca.box.y0, cb.box.y0)
                    if x > 0.3 and y > 0.3:
                        problems.append(f"slide {no + 1}: {ca.text!r} {ka} over {cb.text!r} {kb}")
            # the item number (the one large text) and the title placeholder's glyphs
            numbers = [c for c in chars if c.size > 60 and c.text.isdigit()]
            titled = [i for i, (_, is_title) in enumerate(boxes) if is_title]
            heading = [c for c in chars if titled and owner(c, boxes) == titled[0]]
            # at its own size (the room was reserved, not won by shrinking it), inside
            # the safe margin
            for c in numbers:
                if abs(c.size - spec["deck"]["number_size"]) > 0.5 or c.box.x0 < margin:
                    problems.append(
                        f"slide {no + 1}: the number {c.text!r} at {c.size:.1f} pt, {c.box}"
                    )
            if numbers and heading:
                gap = min(c.box.x0 for c in heading) - max(c.box.x1 for c in numbers)
                if gap <= 0:
                    problems.append(
                        f"slide {no + 1}: the number reaches {-gap:.1f} pt into its heading"
                    )
            page.close()
    finally:
        doc.close()
    assert problems == [], "\n".join(problems[:20])
    text = squash(" ".join(page_texts(pdf)))
    for item in ITEMS:  # every heading is there, in the substitute font
        assert squash(nfc(item["heading"])) in text, item["n"]
