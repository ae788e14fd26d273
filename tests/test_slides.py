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
    find_qr,
    find_run,
    fold,
    layout_yaml,
    mm,
    page_chars,
    run_cli,
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
    """The sizes the item slides draw their sides' text in (found by the text itself)."""
    sizes = set()
    doc = pdfium.PdfDocument(pdf)
    try:
        for index, item in enumerate(CONTENT.items, start=2):
            page = doc[index]
            tp = page.get_textpage()
            chars = page_chars(tp)
            for text in (item.left, item.right):
                (run,) = find_run(chars, text)
                sizes |= {round(c.size, 2) for c in run}
            tp.close()
            page.close()
    finally:
        doc.close()
    return sizes


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            tp = page.get_textpage()
            out.append(fold(tp.get_text_range()))
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_deck_has_title_overview_items_closing(decks, layout):
    _, pdf = decks(layout, "default")
    texts = page_texts(pdf)
    assert len(texts) == len(CONTENT.items) + 3
    assert fold(CONTENT.title) in texts[0]
    for item in CONTENT.items:  # the overview lists every heading
        assert fold(item.heading) in texts[1], item.n
    for page, item in zip(texts[2:-1], CONTENT.items, strict=True):
        assert fold(item.heading) in page, item.n
        assert fold(item.left) in page, item.n
        assert fold(item.right) in page, item.n
        assert f"{CONTENT.items.index(item) + 1}/{len(CONTENT.items)}" in page
        others = [i for i in CONTENT.items if i is not item]
        assert not any(fold(o.right) in page for o in others)
    assert "t63.mic.gov.vn" in texts[-1]


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_outline_entry_per_item_points_at_its_page(decks, layout):
    _, pdf = decks(layout, "default")
    reader = PdfReader(io.BytesIO(pdf))
    entries = {e.title: reader.get_destination_page_number(e) for e in reader.outline}
    for index, item in enumerate(CONTENT.items):
        title = f"{item.n}. {item.heading}"
        assert entries.get(title) == index + 2, title
    labels = reader.page_labels
    assert [labels[i + 2] for i in range(len(CONTENT.items))] == [str(i.n) for i in CONTENT.items]


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_no_text_below_the_minimum_and_all_inside_the_slide(decks, layout, brand):
    spec, pdf = decks(layout, brand)
    minimum = spec["fonts"]["body"]["min"]
    assert min(body_sizes(pdf)) >= minimum
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


def test_16x9_body_is_at_least_18_pt(decks):
    spec, pdf = decks("slides-16x9", "default")
    w, h = trim_mm(spec)
    assert (w, h) == (338.7, 190.5)
    doc = pdfium.PdfDocument(pdf)
    try:
        assert doc[0].get_size() == pytest.approx((mm(w), mm(h)), abs=0.01)
    finally:
        doc.close()
    sizes = body_sizes(pdf)
    assert len(sizes) == 1, f"one body size for every item slide, not {sorted(sizes)}"
    assert min(sizes) >= 18


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
    assert len(prs.slides) == len(CONTENT.items) + 3
    labels = CONTENT.labels
    for slide, item in zip(list(prs.slides)[2:-1], CONTENT.items, strict=True):
        texts = shape_texts(slide)
        assert fold(item.heading) in texts
        assert fold(item.left) in texts
        assert fold(item.right) in texts
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


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_libreoffice_converts_the_pptx_with_every_heading(pptx_file, tmp_path):
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
    assert "item 2 does not fit a slide of layout 'slides-16x9' even at 18 pt" in done.stderr
    assert not out.exists()
