"""A pale primary (review 17): a light band with dark text, not a refusal.

A pale yellow primary (#F2C94C) was refused (1.13:1 as a link colour) and a murky olive
offered. It is now a light band: the poster's header, the numbers' badges, the title
slide and the social cards' cover carry black text on it. Read back from the PDFs: each
character's fill colour (pdfium) against the filled shape under it, WCAG contrast
written out in metrics.py.
"""

from __future__ import annotations

import unicodedata

import pypdfium2 as pdfium
import pytest
from conftest import filled_paths, hex_rgb, page_chars, run_cli, write_yaml
from metrics import wcag

from poster.geometry import Rect

PALE_YELLOW = "#F2C94C"
AA = 4.5


def on_primary(pdf: bytes, primary: str) -> list[list[tuple[str, float]]]:
    """For each page: every character drawn on a shape filled with `primary` (the last
    filled shape painted under its centre), with its contrast on it."""
    ground = hex_rgb(primary)
    doc = pdfium.PdfDocument(pdf)
    pages = []
    try:
        for page in doc:
            paths = filled_paths(page)
            textpage = page.get_textpage()
            found = []
            for ch in page_chars(textpage):
                if ch.text.isspace():
                    continue
                x, y = ch.centre
                under = [p for p in paths if _inside(p.box, x, y)]
                if not under or under[-1].color != ground:
                    continue
                ink = _char_fill(textpage, ch.index)
                found.append((ch.text, wcag(_unit(ink), _unit(ground))))
            textpage.close()
            page.close()
            pages.append(found)
    finally:
        doc.close()
    return pages


def _inside(box: Rect, x: float, y: float) -> bool:
    return box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1


def _unit(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    return (rgb[0] / 255, rgb[1] / 255, rgb[2] / 255)


def _char_fill(textpage, index: int) -> tuple[int, int, int]:
    from conftest import char_fill

    return char_fill(textpage, index)


@pytest.fixture(scope="module")
def pale_brand(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pale")
    return write_yaml(
        folder / "pale.yaml",
        {"name": "Xã Thử", "authority": ["UBND XÃ THỬ"], "colors": {"primary": PALE_YELLOW}},
    )


def render(brand, layout: str, out) -> bytes:
    done = run_cli("render", "--brand", brand, "--layout", layout, "-o", out)
    assert done.returncode == 0, done.stderr
    assert "colors.primary" not in done.stderr
    return out.read_bytes()


def test_a_pale_primary_poster_has_black_header_text_and_readable_badges(pale_brand, tmp_path):
    pages = on_primary(render(pale_brand, "a1-portrait", tmp_path / "p.pdf"), PALE_YELLOW)
    chars = pages[0]
    text = unicodedata.normalize("NFC", "".join(c for c, _ in chars))
    assert "UBNDXÃTHỬ" in text  # the letterhead and the title, on the band
    assert "CÔNGNGHỆTHÔNGTIN" in text
    # the 17 badges' numbers, each on a disc of the primary
    assert text.endswith("".join(str(n) for n in range(1, 18))), text
    low = [(c, round(r, 2)) for c, r in chars if r < AA]
    assert not low, low
    assert min(r for _, r in chars) >= 7  # black on a light band reads at AAA


def test_a_pale_primary_deck_title_slide(pale_brand, tmp_path):
    pages = on_primary(render(pale_brand, "slides-16x9", tmp_path / "d.pdf"), PALE_YELLOW)
    title = pages[0]
    assert "CÔNGNGHỆTHÔNGTIN" in "".join(c for c, _ in title)
    assert min(r for _, r in title) >= AA, title


def test_a_pale_primary_cards_cover_and_badges(pale_brand, tmp_path):
    pages = on_primary(render(pale_brand, "social-square", tmp_path / "c.pdf"), PALE_YELLOW)
    cover = pages[0]
    assert "CÔNGNGHỆTHÔNGTIN" in "".join(c for c, _ in cover)
    assert min(r for _, r in cover) >= AA
    badges = [p for p in pages[1:] if any(c.isdigit() for c, _ in p)]
    assert len(badges) >= 17, [len(p) for p in pages]
    assert all(r >= AA for p in badges for _, r in p)
