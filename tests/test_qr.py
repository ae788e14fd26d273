"""The QR code: readable from a 150 dpi raster, pointing at the brand's URL, drawn as vectors."""

from __future__ import annotations

import pytest
import zxingcpp
from conftest import BRANDS, LAYOUTS, brand_yaml, mm, write_yaml

from poster.document import QRSymbol

DPI = 150
OTHER_URL = "https://example.gov.vn/chuyen-doi-so"


@pytest.fixture(scope="session")
def other_brand(tmp_path_factory):
    data = brand_yaml("default")
    data["name"] = "Thử nghiệm"
    data["qr"] = {"url": OTHER_URL, "caption": "Chuyển đổi số ở địa phương"}
    return write_yaml(tmp_path_factory.mktemp("brand") / "other.yaml", data)


def _symbol(plan) -> QRSymbol:
    symbols = [m for m in plan.marks if isinstance(m, QRSymbol)]
    assert len(symbols) == 1
    return symbols[0]


def _decode(rendered):
    """QR codes zxing finds in the page rasterised at 150 dpi, with their centres in points."""
    bitmap = rendered.page.render(scale=DPI / 72, grayscale=True)
    image = bitmap.to_pil()
    height_pt = rendered.page.get_height()
    found = []
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        p = result.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        cx = sum(c.x for c in corners) / 4 * 72 / DPI
        cy = height_pt - sum(c.y for c in corners) / 4 * 72 / DPI
        found.append((result.format, result.text, cx, cy))
    bitmap.close()
    return found


def _check_decodes(rendered, url):
    found = _decode(rendered)
    assert [(f, t) for f, t, _, _ in found] == [(zxingcpp.BarcodeFormat.QRCode, url)], found
    # and what zxing read is the symbol the plan put in the footer
    rect = _symbol(rendered.plan).rect
    _, _, cx, cy = found[0]
    assert rect.x0 < cx < rect.x1 and rect.y0 < cy < rect.y1
    assert rendered.plan.geometry.footer.contains(rect)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_decodes_to_default_brand_url(render, layout):
    r = render(layout, "default")
    assert r.brand.qr.url.startswith("https://")
    _check_decodes(r, r.brand.qr.url)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_decodes_to_another_brand_url(render, other_brand, layout):
    r = render(layout, other_brand)
    assert r.brand.qr.url == OTHER_URL
    _check_decodes(r, OTHER_URL)


# ---------------------------------------------------------------- vector, size


def _images(resources, seen=None):
    """Image XObjects reachable from a resources dict, through form XObjects."""
    seen = set() if seen is None else seen
    if resources is None:
        return []
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return []
    out = []
    for name, ref in xobjects.get_object().items():
        xobj = ref.get_object()
        if id(xobj) in seen:
            continue
        seen.add(id(xobj))
        if xobj.get("/Subtype") == "/Image":
            out.append(name)
        elif xobj.get("/Subtype") == "/Form":
            out += _images(xobj.get("/Resources"), seen)
    return out


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_is_vector_no_images_without_logo(render, layout):
    r = render(layout, "default")
    assert r.brand.logo is None
    page = r.reader.pages[0]
    assert _images(page.get("/Resources")) == []


@pytest.mark.skipif("hiep-hoa" not in BRANDS, reason="needs the brand with a logo")
def test_image_check_sees_the_logo(render):
    # the counterpart of the test above: with a logo there is exactly one image
    r = render(LAYOUTS[0], "hiep-hoa")
    assert r.brand.logo is not None
    assert len(_images(r.reader.pages[0].get("/Resources"))) == 1


@pytest.mark.parametrize("layout", ["a0-portrait", "a1-portrait"])
def test_qr_is_at_least_30_mm_wide(render, layout):
    symbol = _symbol(render(layout, "default").plan)
    assert symbol.rect.w >= mm(30)
    assert symbol.rect.w == pytest.approx(symbol.rect.h)
    assert symbol.module * symbol.size == pytest.approx(symbol.rect.w)
