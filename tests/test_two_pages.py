"""A3 is read at arm's length: its items go over two pages (front and back), each a whole
poster with the header, the key and the footer's QR code, the body at 11 pt or more.

Expected values come from outside the code: the A3 size (297 × 420 mm), the layout and
brand YAML, the content YAML, the DESIGN brief's 11 pt floor."""

from __future__ import annotations

import io
import zipfile

import pypdfium2 as pdfium
import pytest
from conftest import (
    REPO,
    brand_yaml,
    content_yaml,
    find_qr,
    layout_yaml,
    mm,
    nfc,
    page_chars,
    page_texts,
    run_cli,
    squash,
    text_lines,
)
from pypdf import PdfReader

A3 = (297, 420)  # mm, ISO 216
FONT_DIR = REPO / "fonts"


@pytest.fixture(scope="module")
def a3(tmp_path_factory):
    """`poster render` of the A3 layout for Hiệp Hòa, with PNG previews: the output path."""
    out = tmp_path_factory.mktemp("a3") / "a3.pdf"
    done = run_cli("render", "--layout", "a3-portrait", "--brand", "hiep-hoa", "-o", out,
                   "--png", "20")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


def pages_text(pdf: bytes) -> list[str]:
    return [nfc(t) for t in page_texts(pdf)]


def test_two_pages_of_a3_with_exact_boxes(a3):
    reader = PdfReader(a3)
    assert len(reader.pages) == 2
    bleed = layout_yaml("a3-portrait")["bleed_mm"]
    for page in reader.pages:
        trim = [float(v) for v in page.trimbox]
        assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx(
            (A3[0] * mm(1), A3[1] * mm(1)), abs=0.01
        )
        media = [float(v) for v in page.mediabox]
        assert media[2] - media[0] == pytest.approx((A3[0] + 2 * bleed) * mm(1), abs=0.01)
    # Acrobat's page box shows which side it is
    assert list(reader.page_labels) == ["Trang 1/2", "Trang 2/2"]


def test_each_page_is_a_whole_poster_and_every_item_is_on_one(a3):
    content, brand = content_yaml(), brand_yaml("hiep-hoa")
    texts = [squash(t) for t in pages_text(a3.read_bytes())]
    shown_on: dict[int, list[int]] = {}
    for number, text in enumerate(texts, start=1):
        # the header, the key and the footer on both sides of the sheet
        assert squash(nfc(content["title"])) in text
        for line in brand["authority"]:
            assert squash(nfc(line)) in text
        for label in content["labels"].values():
            assert squash(nfc(label).upper()) in text
        for item in content["items"]:
            if squash(nfc(item["left"])) in text:
                assert squash(nfc(item["heading"])) in text and squash(nfc(item["right"])) in text
                shown_on.setdefault(item["n"], []).append(number)
    # every item exactly once, in order: the front takes the first ones, the back the rest
    assert sorted(shown_on) == [i["n"] for i in content["items"]]
    assert all(len(pages) == 1 for pages in shown_on.values()), shown_on
    front = [n for n, (p,) in shown_on.items() if p == 1]
    back = [n for n, (p,) in shown_on.items() if p == 2]
    assert max(front) < min(back)
    # spread about evenly: neither side carries more than 10 of the 17
    assert 7 <= len(front) <= 10 and 7 <= len(back) <= 10, (front, back)


def test_each_page_has_its_qr_code(a3):
    url = brand_yaml("hiep-hoa")["qr"]["url"]
    doc = pdfium.PdfDocument(a3.read_bytes())
    try:
        for page in doc:
            assert [q.text for q in find_qr(page, 150)] == [url]
    finally:
        doc.close()


def test_body_is_11_pt_or_more_on_both_pages(a3):
    """Every line of the items' sides, on both pages, at 11 pt or more (DESIGN: A3 and
    smaller never under 10 pt, split over two pages rather than shrink)."""
    sides = [squash(nfc(i[k])) for i in content_yaml()["items"] for k in ("left", "right")]
    doc = pdfium.PdfDocument(a3.read_bytes())
    sizes = []
    try:
        for page in doc:
            tp = page.get_textpage()
            for line in text_lines(page_chars(tp)):
                text = squash("".join(c.text for c in line))
                if len(text) > 15 and any(text in s for s in sides):
                    sizes.append(min(c.size for c in line if not c.text.isspace()))
            tp.close()
    finally:
        doc.close()
    assert len(sizes) > 60
    assert min(sizes) >= 11 - 0.05, min(sizes)


def test_previews_one_per_page(a3):
    from PIL import Image

    pngs = sorted(a3.parent.glob("a3*.png"))
    assert [p.name for p in pngs] == ["a3-01.png", "a3-02.png"]
    for p in pngs:
        with Image.open(p) as im:  # the trim at 20 dpi
            assert im.size == (round(A3[0] / 25.4 * 20), round(A3[1] / 25.4 * 20))


def test_tiled_for_an_office_printer_page_by_page(a3, tmp_path):
    out = tmp_path / "sheets.pdf"
    done = run_cli("tile", a3, "--sheet", "A4", "-o", out)
    assert done.returncode == 0, done.stderr
    # A3 on A4 (297 × 210, 5 mm margins, a 7 mm label band, 10 mm overlap): 2 × 2 sheets
    assert "2 pages, each on 4 sheets A4 (2 × 2) + assembly map" in done.stdout
    texts = pages_text(out.read_bytes())
    assert len(texts) == 2 * (1 + 4)
    for side, first in ((1, 0), (2, 5)):
        assert "Sơ đồ ghép tờ" in texts[first] and f"trang {side}/2" in texts[first]
        for sheet in range(1, 5):
            assert f"Tờ {sheet}/4" in texts[first + sheet]
            assert f"trang {side}/2" in texts[first + sheet]
    # the back's sheets show the back: the last item (on page 2 of every split of 17
    # items over two pages) is on sheets 6–9 only, the first item on sheets 1–4 only
    items = content_yaml()["items"]
    first_item, last_item = (squash(nfc(items[i]["heading"])) for i in (0, -1))
    flat = [squash(t) for t in texts]
    assert not [i for i in range(5) if last_item in flat[i]]
    assert [i for i in range(6, 10) if last_item in flat[i]]
    assert not [i for i in range(5, 10) if first_item in flat[i]]
    assert [i for i in range(1, 5) if first_item in flat[i]]
    assert len(PdfReader(out).pages) == 10


def test_render_sheets_of_a_two_page_poster(tmp_path):
    out = tmp_path / "tiled.pdf"
    done = run_cli("render", "--layout", "a3-portrait", "--format", "sheets", "-o", out)
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(out).pages) == 10


def test_the_font_bundle_offered_beside_the_pptx():
    from poster.web.app import font_bundle

    with zipfile.ZipFile(io.BytesIO(font_bundle())) as z:
        names = set(z.namelist())
        for ttf in ("BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf",
                    "BeVietnamPro-ExtraBold.ttf"):  # fmt: skip
            assert z.read(ttf) == (FONT_DIR / ttf).read_bytes()
        assert z.read("OFL.txt") == (FONT_DIR / "OFL.txt").read_bytes()
        guide = [n for n in names if n.endswith(".txt") and n != "OFL.txt"]
        assert len(guide) == 1
        text = z.read(guide[0]).decode("utf-8")
        assert "Windows" in text and "Install" in text


def test_the_slug_line_names_the_page(tmp_path):
    """With crop marks, each page's slug line says which side it is: a print shop must
    not mix up the front and the back."""
    out = tmp_path / "marked.pdf"
    done = run_cli("render", "--layout", "a3-portrait", "--marks", "-o", out)
    assert done.returncode == 0, done.stderr
    texts = pages_text(out.read_bytes())
    assert "297 × 420 mm" in texts[0] and "trang 1/2" in texts[0] and "trang 2/2" not in texts[0]
    assert "trang 2/2" in texts[1] and "trang 1/2" not in texts[1]
