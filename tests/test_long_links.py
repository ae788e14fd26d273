"""The links officers really have, as the QR address: every layout, PDF and PPTX.

The QR code decodes (zxing-cpp, from a raster of the PDF) to the exact address; the
printed address is whole when its broken pieces are joined; the PowerPoint text
holds it unbroken. Expected values are the addresses written here.
"""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml
import zxingcpp
from conftest import (
    ALL_LAYOUTS,
    DECK_LAYOUTS,
    LAYOUT_FOLDER,
    Rect,
    footer_area,
    footer_page,
    mm,
    run_cli,
    squash,
)
from pptx import Presentation
from test_fuzz_boxes import LONG_URLS

from poster.outputs import Request, produce
from poster.spec import brand_from_dict, load_content, load_layout


def _brand(tmp: Path, url: str) -> Path:
    path = tmp / "brand.yaml"
    data = {
        "name": "Xã Thử Nghiệm",
        "authority": ["ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM", "TỈNH BẮC NINH"],
        "qr": {"url": url, "caption": "Quét mã để xem thủ tục"},
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _decode(pdf: bytes, page_index: int, qr_mm: float, band: Rect | None) -> list[str]:
    """QR texts on a page, rendered so the symbol is about 400 px wide; a poster only
    the band of its footer (`band`, points), so that the raster stays small."""
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[page_index]
        scale = 400 / (qr_mm * 72 / 25.4)
        _, height = page.get_size()
        crop = (0, band.y0, 0, height - band.y1) if band else (0, 0, 0, 0)
        image = page.render(scale=scale, crop=crop, draw_annots=False).to_pil()
        page.close()
    finally:
        doc.close()
    return [r.text for r in zxingcpp.read_barcodes(image)]


def _page_text(pdf: bytes, page_index: int) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        tp = doc[page_index].get_textpage()
        return tp.get_text_range()
    finally:
        doc.close()


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@pytest.mark.parametrize("url", LONG_URLS, ids=[str(len(u)) for u in LONG_URLS])
def test_long_link_decodes_and_prints_whole(tmp_path: Path, layout: str, url: str) -> None:
    path = _brand(tmp_path, url)
    brand = brand_from_dict(yaml.safe_load(path.read_text("utf-8")), path)
    _, (art,) = produce(Request(load_content(), load_layout(layout), brand))
    pdf = art.data
    spec = yaml.safe_load((LAYOUT_FOLDER / f"{layout}.yaml").read_text("utf-8"))
    deck = "deck" in spec or "cards" in spec  # the QR code on the closing slide or card
    pages = len(pdfium.PdfDocument(pdf))
    page = pages - 1 if deck else footer_page(spec, pages)
    footer = None
    if not deck:  # the footer's area and 5 mm around, its quiet zone's room
        area = footer_area(spec, page, pages)
        footer = Rect(0, max(0, area.y0 - mm(5 + spec.get("bleed_mm", 3))), 0, area.y1 + mm(5))
    # a card layout's sizes are pixels, one to a point (72 per inch)
    qr_mm = spec["qr"]["size_px"] * 25.4 / 72 if "cards" in spec else spec["qr"]["size_mm"]
    assert url in _decode(pdf, page, qr_mm, footer)
    printed = url if deck else url.removeprefix("https://")
    assert squash(printed) in squash(_page_text(pdf, page)), "the printed address is not whole"


@pytest.mark.parametrize("layout", DECK_LAYOUTS)
def test_long_link_in_powerpoint(tmp_path: Path, layout: str) -> None:
    """From the command line, as an officer runs it."""
    url = LONG_URLS[-1]
    out = tmp_path / "deck.pptx"
    done = run_cli("render", "--layout", layout, "--brand", _brand(tmp_path, url), "-o", out)
    assert done.returncode == 0, done.stderr
    prs = Presentation(io.BytesIO(out.read_bytes()))
    texts = [
        shape.text_frame.text
        for shape in prs.slides[len(prs.slides) - 1].shapes
        if shape.has_text_frame
    ]
    assert url in texts, "the address is one unbroken text in the PowerPoint text box"


# The design review's link (2026-12-04): a long domain of hyphenated words, then a query.
REVIEW_URL = (
    "https://www.phuongnguyenthaibinh-thanh-pho-ho-chi-minh.gov.vn/tin-tuc"
    "?utm_source=poster&utm_medium=print"
)


def _address_lines(lines: list[str], printed: str) -> list[str] | None:
    """The consecutive lines that make up `printed` when joined with nothing between."""
    for i, first in enumerate(lines):
        if not printed.startswith(first) or not first:
            continue
        joined, j = first, i
        while len(joined) < len(printed) and j + 1 < len(lines):
            j += 1
            joined += lines[j]
        if joined == printed:
            return lines[i : j + 1]
    return None


@pytest.mark.parametrize("layout", ["a1-portrait", "a3-portrait", "slides-16x9"])
def test_a_long_link_breaks_at_its_separators_and_joins_back(tmp_path: Path, layout: str) -> None:
    path = _brand(tmp_path, REVIEW_URL)
    brand = brand_from_dict(yaml.safe_load(path.read_text("utf-8")), path)
    _, (art,) = produce(Request(load_content(), load_layout(layout), brand))
    doc = pdfium.PdfDocument(art.data)
    deck = "slides" in layout
    page = len(doc) - 1 if deck else 0
    doc.close()
    lines = [line.strip() for line in _page_text(art.data, page).splitlines()]
    printed = REVIEW_URL if deck else REVIEW_URL.removeprefix("https://")
    got = _address_lines(lines, printed)
    assert got is not None, f"the address is not on consecutive lines: {lines}"
    assert len(got) > 1  # it is long enough to be broken on every one of these layouts
    for line in got:
        assert not line.startswith(("-", "_")), got
        assert not line.endswith("-"), got  # a viewer drops it when the text is copied
    # never inside the parameters' names (the review saw "utm / _medium")
    for name in ("utm_source", "utm_medium"):
        assert any(name in line for line in got), (name, got)
