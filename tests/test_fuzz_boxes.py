"""Every glyph drawn stays inside its box, whatever the input.

Hypothesis generates the nasty inputs officers really have: long web addresses with
query strings, long unbreakable words, one to four authority lines, long footers
and captions, 1, 8 or 24 items. Each is rendered on every shipped layout; the PDF is
read back with pdfium, and every glyph must lie inside the page and inside the
innermost filled shape under its centre (tile, side box, header band, badge), the
shapes also read from the PDF. A render may instead refuse the input with a
`PosterError` naming a field — never any other exception, never a glyph outside.
"""

from __future__ import annotations

import ctypes
import tempfile
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import yaml
from conftest import ALL_LAYOUTS, Char, text_runs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from poster.errors import PosterError
from poster.geometry import Rect
from poster.outputs import Request, produce
from poster.spec import brand_from_dict, load_content, load_layout

SYLLABLES = [
    "chuyển",
    "đổi",
    "số",
    "công",
    "nghệ",
    "thông",
    "tin",
    "người",
    "dân",
    "dữ",
    "liệu",
    "nền",
    "tảng",
    "xã",
    "phường",
    "tỉnh",
    "quản",
    "lý",
    "dịch",
    "vụ",
    "trực",
    "tuyến",
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "Đảng",
    "ủy",
    "Văn",
    "hóa",
    "Ẩm",
    "Ỗ",
    "Ể",
]
URL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-._~/?&=%"

syllable = st.sampled_from(SYLLABLES)
long_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzđươ", min_size=25, max_size=70)
address = st.builds(
    lambda host, path: f"https://{host}.gov.vn/{path}",
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=20),
    st.text(alphabet=URL_CHARS, min_size=10, max_size=180),
)


def sentence(min_words: int, max_words: int) -> st.SearchStrategy[str]:
    word = st.one_of(syllable, syllable, syllable, syllable, long_word, address)
    return st.lists(word, min_size=min_words, max_size=max_words).map(" ".join)


authority_line = st.lists(syllable, min_size=2, max_size=7).map(lambda w: " ".join(w).upper())
brands = st.fixed_dictionaries(
    {
        "name": sentence(1, 4),
        "authority": st.lists(authority_line, min_size=1, max_size=4),
        "qr": st.fixed_dictionaries({"url": address, "caption": sentence(2, 16)}),
        "footer": sentence(1, 30),
    }
)


def contents(n: int) -> st.SearchStrategy[dict[str, object]]:
    item = st.fixed_dictionaries(
        {"heading": sentence(3, 12), "left": sentence(5, 40), "right": sentence(5, 40)}
    )
    return st.fixed_dictionaries(
        {
            "title": sentence(4, 12),
            "labels": st.fixed_dictionaries({"left": sentence(1, 4), "right": sentence(1, 4)}),
            "source": sentence(4, 40),
            "items": st.lists(item, min_size=n, max_size=n),
        }
    )


def filled_shapes(page: pdfium.PdfPage) -> list[Rect]:
    """Bounds of every filled path on the page, from the PDF itself."""
    out = []
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects():
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(mode), ctypes.byref(stroke))
        if mode.value == 0:  # not filled (a crop mark, a cut line)
            continue
        x0, y0, x1, y1 = obj.get_bounds()
        out.append(Rect(x0, y0, x1, y1))
    return out


def escapes(runs: list[list[Char]], shapes: list[Rect], page: Rect, tol: float = 0.6) -> list[str]:
    """Glyphs off the page, or outside the box their run starts in: the innermost filled
    shape under the centre of the run's first glyph."""
    problems = []
    for run in runs:
        glyphs = [c for c in run if not c.text.isspace() and c.box.w > 0]
        if not glyphs:
            continue
        text = "".join(c.text for c in run)[:40]
        off = [c for c in glyphs if not page.inset(-tol).contains(c.box)]
        if off:
            problems.append(f"{text!r}: {off[0].text!r} at {off[0].box} is off the page")
            continue
        cx, cy = glyphs[0].centre
        under = [s for s in shapes if s.x0 <= cx <= s.x1 and s.y0 <= cy <= s.y1]
        if not under:
            continue
        inner = min(under, key=lambda s: s.w * s.h)
        out = [c for c in glyphs if not inner.inset(-tol).contains(c.box)]
        if out:
            problems.append(f"{text!r}: {out[0].text!r} at {out[0].box} leaves its box {inner}")
    return problems


def render_and_check(layout_name: str, brand_data: dict[str, object], content: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "content.yaml"
        path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        try:
            loaded = load_content(path)
            brand = brand_from_dict(brand_data, Path(tmp) / "brand.yaml")
            _, (art,) = produce(Request(loaded, load_layout(layout_name), brand))
        except PosterError as e:
            # refusing is allowed, but only with a field named
            assert all(p.field for p in e.problems), str(e)
            return
    doc = pdfium.PdfDocument(art.data)
    try:
        for index, page in enumerate(doc):
            w, h = page.get_size()
            textpage = page.get_textpage()
            problems = escapes(text_runs(textpage), filled_shapes(page), Rect(0, 0, w, h))
            textpage.close()
            page.close()
            assert not problems, f"{layout_name} page {index + 1}: " + "; ".join(problems[:5])
    finally:
        doc.close()


def _items(items: list[dict[str, str]]) -> list[dict[str, object]]:
    return [{"n": i + 1, **item} for i, item in enumerate(items)]


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure is reproducible in CI
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(brand=brands, n=st.sampled_from([1, 8, 24]), data=st.data())
def test_every_glyph_stays_in_its_box(layout: str, brand: dict, n: int, data) -> None:
    content = data.draw(contents(n))
    content["items"] = _items(content["items"])  # type: ignore[arg-type]
    render_and_check(layout, brand, content)


# Links officers paste (51, 55, 83, 97 and 200 characters, with query strings).
LONG_URLS = [
    "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
    "https://www.facebook.com/profile.php?id=100064712345678",
    "https://docs.google.com/forms/d/e/1FAIpQLSfD3x9kq2vXbQn8yZ0pLmN4oR5sT/viewform?ab=1",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&t=42s&abcd=12",
    "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001234"
    "&co_quan=UBND&linh_vuc=van-hoa&utm_source=poster&utm_medium=qr&utm_campaign=chuyen-doi"
    "-so-2026&ref=xa-hiep-hoa-bacn",
]


def test_the_links_have_the_lengths_officers_have() -> None:
    assert [len(u) for u in LONG_URLS] == [51, 55, 83, 97, 200]


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_officers_long_links_and_letterheads(layout: str) -> None:
    """The links and letterheads officers have, on every layout: rendered, in the boxes."""
    content = yaml.safe_load(Path(load_content().source_file).read_text(encoding="utf-8"))
    for url, lines in zip(LONG_URLS, [1, 2, 3, 4, 4], strict=True):
        brand = {
            "name": "Xã Thử Nghiệm",
            "authority": ["ĐẢNG ỦY XÃ THỬ NGHIỆM", "ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM",
                          "PHÒNG VĂN HÓA - XÃ HỘI", "TỈNH BẮC NINH"][:lines],
            "qr": {"url": url, "caption": "Quét mã: " + url},
            "footer": "Liên hệ: " + url,
        }  # fmt: skip
        render_and_check(layout, brand, content)


def test_nfc_of_generated_text_is_kept() -> None:
    """The strategies produce precomposed Vietnamese (the check above relies on it)."""
    assert all(unicodedata.is_normalized("NFC", s) for s in SYLLABLES)
