"""The QR code: readable from a 150 dpi raster, pointing at the brand's URL, drawn as vectors."""

from __future__ import annotations

import pytest
import zxingcpp
from conftest import (
    BRANDS,
    LAYOUTS,
    Rect,
    box_in,
    brand_yaml,
    carries,
    find_qr,
    footer_area,
    layout_yaml,
    mm,
    write_yaml,
    yaml_areas,
)

DPI = 150
OTHER_URL = "https://example.gov.vn/chuyen-doi-so"


@pytest.fixture(scope="session")
def other_brand(tmp_path_factory):
    data = brand_yaml("default")
    data["name"] = "Thử nghiệm"
    data["qr"] = {"url": OTHER_URL, "caption": "Chuyển đổi số ở địa phương"}
    return write_yaml(tmp_path_factory.mktemp("brand") / "other.yaml", data)


def _decode(rendered):
    """QR codes zxing finds in the page rasterised at 150 dpi (a panel of metres: at most
    40 megapixels), with their boxes in points."""
    w, h = rendered.page.get_size()
    dpi = min(DPI, 72 * (40e6 / (w * h)) ** 0.5)
    bitmap = rendered.page.render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_pil()
    height_pt = rendered.page.get_height()
    found = []
    for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        p = result.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        xs = [c.x * 72 / dpi for c in corners]
        ys = [height_pt - c.y * 72 / dpi for c in corners]
        found.append((result.format, result.text, Rect(min(xs), min(ys), max(xs), max(ys))))
    bitmap.close()
    return found


def _check_decodes(rendered, layout, url):
    spec = layout_yaml(layout)
    pages = len(rendered.sides)
    # the page with the footer (every page, or the first or last of a handout)
    at = next(s for s in rendered.sides if carries(spec, "footer", s.index, pages))
    found = _decode(at)
    assert [(f, t) for f, t, _ in found] == [(zxingcpp.BarcodeFormat.QRCode, url)], found
    # and what zxing read lies in the footer band, inside the safe margin, on the side the
    # layout's qr.position names (all from the layout YAML)
    areas = yaml_areas(spec, at.index, pages)
    footer = footer_area(spec, at.index, pages)
    _, _, box = found[0]
    # zxing places the corners to within a pixel or so
    assert box_in(footer, box, 2 * 72 / DPI), f"QR {box} outside the footer's safe part {footer}"
    centre = (box.x0 + box.x1) / 2
    middle = (areas.trim.x0 + areas.trim.x1) / 2
    if spec["qr"].get("position", "footer-right") == "footer-right":
        assert centre > middle
    else:
        assert centre < middle


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_decodes_to_default_brand_url(render, layout):
    r = render(layout, "default")
    assert r.brand.qr.url.startswith("https://")
    _check_decodes(r, layout, r.brand.qr.url)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_decodes_to_another_brand_url(render, other_brand, layout):
    r = render(layout, other_brand)
    assert r.brand.qr.url == OTHER_URL
    _check_decodes(r, layout, OTHER_URL)


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


def test_image_check_sees_the_logo(render):
    # the counterpart of the test above: with a logo there is exactly one image
    assert "hiep-hoa" in BRANDS, "the shipped brand with a logo is missing"
    r = render(LAYOUTS[0], "hiep-hoa")
    assert r.brand.logo is not None
    assert len(_images(r.reader.pages[0].get("/Resources"))) == 1


@pytest.mark.parametrize("layout", ["a0-portrait", "a1-portrait"])
def test_qr_is_at_least_30_mm_wide(render, layout):
    # measured on a raster of the footer: the symbol's dark-pixel box, one pixel ≈ 0.13 mm
    footer = yaml_areas(layout_yaml(layout)).footer
    (qr,) = find_qr(render(layout, "default").page, 200, Rect(0, 0, footer.x1, footer.y1))
    px = 72 / qr.dpi
    assert qr.box.w >= mm(30)
    assert qr.box.w == pytest.approx(qr.box.h, abs=px)
    # a whole grid of equal modules: the width is (17 + 4·version) modules of the size the
    # finder pattern shows (7 modules)
    assert qr.finder_module_px == pytest.approx(qr.module_px, abs=0.5)
    # and its error correction is Q, as the README says
    assert qr.ec_level == "Q"
