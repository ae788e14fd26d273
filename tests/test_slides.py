"""Slide decks: the PDF (pages, text per page, outline, labels, sizes) and the PPTX."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import (
    BRANDS,
    DECK_LAYOUTS,
    brand_yaml,
    content_yaml,
    find_qr,
    fold,
    layout_yaml,
    mm,
    page_chars,
    page_texts,
    run_cli,
    squash,
    text_runs,
    trim_mm,
    write_yaml,
)
from pypdf import PdfReader

from poster.spec import load_content

CONTENT = load_content()


@pytest.fixture(scope="module")
def decks(cli_render):
    """decks(layout, brand) → (layout YAML, PDF bytes) from `poster render -o deck.pdf`."""

    def get(layout: str, brand: str):
        return layout_yaml(layout), cli_render(layout, brand).read_bytes()

    return get


def body_sizes(pdf: bytes) -> set[float]:
    """The sizes the item slides draw their sides' text in: every text run on an item's
    slides (found by the page labels) whose text is part of the item's sides."""
    sizes = set()
    pages = item_pages(pdf)
    doc = pdfium.PdfDocument(pdf)
    try:
        for item in CONTENT.items:
            sides = squash(item.left) + "|" + squash(item.right)
            for index in pages[item.n]:
                page = doc[index]
                tp = page.get_textpage()
                for run in text_runs(tp):
                    text = squash("".join(c.text for c in run)).strip("…")
                    regular = all("Regular" in c.font for c in run)  # not a bold heading
                    if len(text) >= 12 and text in sides and regular:
                        sizes |= {round(c.size, 2) for c in run if not c.text.isspace()}
                tp.close()
                page.close()
    finally:
        doc.close()
    return sizes


def item_pages(pdf: bytes) -> dict[int, list[int]]:
    """Item number → its slides (indices), from the PDF's page labels: "5", "5 (tiếp)"."""
    labels = PdfReader(io.BytesIO(pdf)).page_labels
    out: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        number = label.removesuffix(" (tiếp)")
        if number.isdigit():
            out.setdefault(int(number), []).append(index)
    return out


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_deck_has_title_overview_items_closing(decks, layout):
    _, pdf = decks(layout, "default")
    texts = page_texts(pdf)
    pages = item_pages(pdf)
    first = min(pages[CONTENT.items[0].n])
    # one to three overview slides (4:3 takes three to set the 17 headings at 24 pt)
    assert 1 <= first - 1 <= 3
    assert fold(CONTENT.title) in texts[0]
    overview = " ".join(texts[1:first])
    for item in CONTENT.items:  # the overview lists every heading
        assert fold(item.heading) in overview, item.n
    seen = []
    for index, item in enumerate(CONTENT.items):
        mine = pages[item.n]
        seen += mine
        assert mine == list(range(mine[0], mine[0] + len(mine))) and len(mine) <= 2, item.n
        words = set(" ".join(texts[i] for i in mine).split())
        for i in mine:
            assert fold(item.heading) in texts[i], item.n
            assert f"{index + 1}/{len(CONTENT.items)}" in texts[i]
        for side in (item.left, item.right):
            assert set(fold(side).split()) <= words, item.n
        others = [i for i in CONTENT.items if i is not item]
        assert not any(fold(o.right) in texts[i] for o in others for i in mine)
    assert seen == list(range(first, len(texts) - 1))
    assert "t63.mic.gov.vn" in texts[-1]


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_outline_entry_per_item_points_at_its_page(decks, layout):
    _, pdf = decks(layout, "default")
    reader = PdfReader(io.BytesIO(pdf))
    entries = {e.title: reader.get_destination_page_number(e) for e in reader.outline}
    pages = item_pages(pdf)
    for item in CONTENT.items:
        title = f"{item.n}. {item.heading}"
        assert entries.get(title) == pages[item.n][0], title
        if len(pages[item.n]) > 1:
            assert entries.get(f"{title} (tiếp)") in pages[item.n][1:], title


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_no_text_below_the_minimum_and_all_inside_the_slide(decks, layout, brand):
    spec, pdf = decks(layout, brand)
    assert min(body_sizes(pdf)) >= spec["fonts"]["body"]["min"]
    minimum = 14  # for a hall: nothing smaller anywhere (the footer line is 18 pt)
    doc = pdfium.PdfDocument(pdf)
    try:
        for no, page in enumerate(doc):
            w, h = page.get_size()
            tp = page.get_textpage()
            for ch in page_chars(tp):
                if ch.text.isspace():
                    continue
                assert ch.size >= minimum - 0.01, (no, ch.text, ch.size)
                b = ch.box
                assert b.x0 >= 0 and b.x1 <= w and b.y0 >= 0 and b.y1 <= h, (no, ch.text, b)
            tp.close()
            page.close()
    finally:
        doc.close()


def test_16x9_body_is_at_least_24_pt(decks):
    spec, pdf = decks("slides-16x9", "default")
    w, h = trim_mm(spec)
    assert (w, h) == (338.7, 190.5)
    doc = pdfium.PdfDocument(pdf)
    try:
        assert doc[0].get_size() == pytest.approx((mm(w), mm(h)), abs=0.01)
    finally:
        doc.close()
    sizes = body_sizes(pdf)
    # one size for every item slide (issue 19.7), the largest of PowerPoint's list (24, 28,
    # 32) at which every item fits two slides. Worked by hand: a 16:9 column is
    # (338.7 - 2 × 12 - 8) / 2 - 2 × 3.5 - 2 ≈ 144 mm = 409 pt of text; at 28 pt
    # (about 14 pt a character) 29 characters a line, so item 5's left side (469
    # characters) takes 16 lines; a slide holds 438 pt (190.5 - 24 mm and the footer line)
    # minus a two-line 36 pt heading (87), the gap (17), padding (20) and the label with
    # its gap (43): 271 pt, 7 lines of 36.4 pt; 14 < 16, so 28 pt cannot hold it in two
    # slides and the deck is set at 24 pt.
    assert sizes == {24.0}, sorted(sizes)


def test_closing_qr_is_a_quarter_of_the_height_and_decodes(decks):
    _, pdf = decks("slides-16x9", "hiep-hoa")
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[len(doc) - 1]
        found = find_qr(page, 100)
        height = page.get_height()
    finally:
        doc.close()
    assert [q.text for q in found] == [brand_yaml("hiep-hoa")["qr"]["url"]]
    # the symbol's dark-pixel box, measured on the raster
    assert found[0].box.h >= height / 4


# ---------------------------------------------------------------- PPTX


@pytest.fixture(scope="module")
def pptx_file(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pptx") / "deck.pptx"
    done = run_cli("render", "--layout", "slides-16x9", "--brand", "hiep-hoa", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(out)
    return out


def shape_texts(slide) -> list[str]:
    return [fold(s.text_frame.text) for s in slide.shapes if s.has_text_frame and s.text_frame.text]


def test_pptx_has_the_same_slides_with_editable_text(pptx_file):
    from pptx import Presentation

    prs = Presentation(str(pptx_file))
    labels = CONTENT.labels
    firsts = [
        s for s in prs.slides if fold(s.notes_slide.notes_text_frame.text).count(".") > 1
    ]  # an item's first slide has its full text as notes
    slides = {}
    for slide in prs.slides:
        for item in CONTENT.items:
            notes = fold(slide.notes_slide.notes_text_frame.text)
            if notes.startswith(f"{item.n}. {fold(item.heading)}"):
                slides[item.n] = slide
    assert len(slides) == len(CONTENT.items) and firsts
    for item in CONTENT.items:
        slide = slides[item.n]
        texts = shape_texts(slide)
        assert fold(item.heading) in texts
        # a side continued on the next slide: its first part here (a cut inside a
        # sentence is marked "…")
        for side in (fold(item.left), fold(item.right)):
            assert any(len(t) > 10 and side.startswith(t.removesuffix(" …")) for t in texts)
        assert fold(labels.left.upper()) in texts and fold(labels.right.upper()) in texts
        notes = fold(slide.notes_slide.notes_text_frame.text)
        for part in (item.heading, item.left, item.right):
            assert fold(part) in notes
        fonts = {
            r.font.name
            for s in slide.shapes
            if s.has_text_frame
            for p in s.text_frame.paragraphs
            for r in p.runs
        }
        assert fonts <= {"Be Vietnam Pro", "Be Vietnam Pro ExtraBold"}


def test_pptx_shapes_lie_inside_the_slide_and_qr_is_a_picture(pptx_file):
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    prs = Presentation(str(pptx_file))
    w, h = prs.slide_width, prs.slide_height
    for no, slide in enumerate(prs.slides):
        for s in slide.shapes:
            assert s.left >= 0 and s.top >= 0, (no, s.name)
            assert s.left + s.width <= w + 1 and s.top + s.height <= h + 1, (no, s.name)
    closing = list(prs.slides)[-1]
    assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in closing.shapes)


@pytest.mark.xdist_group("libreoffice")
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_without_the_font_keeps_every_glyph_in_its_box(pptx_file, tmp_path):
    from pptx import Presentation

    # the usual office PC: Be Vietnam Pro is not installed, a substitute sets the text
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    assert "be vietnam" not in fonts.lower(), "this test needs a machine without the font"
    done = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx_file)],
        capture_output=True,
        text=True,
        timeout=240,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    converted = tmp_path / "deck.pdf"
    assert converted.exists(), done.stderr
    text = " ".join(page_texts(converted.read_bytes()))
    squashed = "".join(text.split())
    for item in CONTENT.items:
        assert "".join(item.heading.split()) in squashed, item.n
    # every glyph LibreOffice drew lies inside a text shape of its slide (PPTX positions)
    prs = Presentation(str(pptx_file))
    emu = 12700
    doc = pdfium.PdfDocument(converted.read_bytes())
    try:
        outside = []
        for no, (slide, page) in enumerate(zip(prs.slides, doc, strict=True)):
            h = page.get_size()[1]
            boxes = [
                (s.left / emu, h - (s.top + s.height) / emu, (s.left + s.width) / emu,
                 h - s.top / emu)
                for s in slide.shapes
                if s.has_text_frame and s.text_frame.text
            ]  # fmt: skip
            tp = page.get_textpage()
            for ch in page_chars(tp):
                if ch.text.isspace():
                    continue
                # a substitute's stacked capital marks (Ể) may rise above its ascent,
                # where LibreOffice puts the box's top: a quarter em of slack upwards
                b, tol, up = ch.box, 1.0, 0.25 * ch.size
                if not any(
                    b.x0 >= x0 - tol and b.x1 <= x1 + tol and b.y0 >= y0 - tol and b.y1 <= y1 + up
                    for x0, y0, x1, y1 in boxes
                ):
                    outside.append((no, ch.text, b))
            tp.close()
        assert outside == []
    finally:
        doc.close()


def test_pptx_text_shrinks_on_overflow_and_nothing_casts_a_shadow(pptx_file):
    import zipfile

    from lxml import etree

    ns = {
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    }
    with zipfile.ZipFile(pptx_file) as z:
        slides = [n for n in z.namelist() if n.startswith("ppt/slides/slide")]
        assert slides
        for name in slides:
            root = etree.fromstring(z.read(name))
            bodies = [
                sp.find("p:txBody/a:bodyPr", ns)
                for sp in root.findall(".//p:sp", ns)
                if "".join(sp.xpath(".//a:t/text()", namespaces=ns)).strip()
            ]  # the shapes holding text
            assert bodies and all(b.find("a:normAutofit", ns) is not None for b in bodies), name
            # no theme style (its effect is a drop shadow), pictures with no effects
            assert root.findall(".//p:sp/p:style", ns) == [], name
            for pic in root.findall(".//p:pic", ns):
                assert pic.find("p:spPr/a:effectLst", ns) is not None, name
            for latin in root.findall(".//a:rPr/a:latin", ns):
                assert latin.get("typeface", "").startswith("Be Vietnam Pro"), name
                assert latin.get("pitchFamily") == "34", name


def test_pptx_properties_are_ours_and_two_renders_are_the_same_bytes(pptx_file, tmp_path):
    """File → Properties shows the locality and the date of the render, not python-pptx's
    template ("Steve Canny", 2013). With SOURCE_DATE_EPOCH (the suite sets 2000-01-01)
    the package is the same bytes every time, zip member dates included."""
    import datetime

    from pptx import Presentation

    props = Presentation(str(pptx_file)).core_properties
    brand = brand_yaml("hiep-hoa")
    assert props.author == brand["name"]
    assert props.title == fold(content_yaml()["title"])
    assert "Canny" not in (props.last_modified_by or "")
    assert props.last_modified_by.startswith("poster")
    assert props.created == props.modified == datetime.datetime(2000, 1, 1)
    again = tmp_path / "again.pptx"
    done = run_cli("render", "--layout", "slides-16x9", "--brand", "hiep-hoa", "-o", again)
    assert done.returncode == 0, done.stderr
    assert again.read_bytes() == pptx_file.read_bytes()


def test_pptx_needs_a_slide_layout(tmp_path):
    out = tmp_path / "poster.pptx"
    done = run_cli("render", "--layout", "a1-portrait", "-o", out)
    assert done.returncode == 2
    assert "PowerPoint output needs a slide layout" in done.stderr
    assert not out.exists()


def test_an_item_too_long_for_a_slide_fails_naming_it(tmp_path):
    content = {
        "title": "THỬ",
        "labels": {"left": "Trước", "right": "Sau"},
        "items": [
            {"n": 1, "heading": "Ngắn", "left": "Một câu ngắn.", "right": "Một câu ngắn."},
            {"n": 2, "heading": "Dài", "left": "Rất dài " * 400, "right": "Ngắn."},
        ],
    }
    path = write_yaml(tmp_path / "content.yaml", content)
    out = tmp_path / "deck.pdf"
    done = run_cli("render", "--layout", "slides-16x9", "--content", path, "-o", out)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "item 2 does not fit four slides of layout 'slides-16x9' at 24 pt" in done.stderr
    assert not out.exists()
