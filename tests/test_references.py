"""Reference images: the first page of every shipped layout, rasterised at a low
resolution, compared with a PNG kept in tests/references/. A change in the look
shows in review as a changed PNG, made on purpose with `pytest --update-references`.
On a difference the actual image and a diff are written to tests/_artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import ALL_LAYOUTS
from PIL import Image, ImageChops, ImageStat

REFERENCES = Path(__file__).parent / "references"
ARTIFACTS = Path(__file__).parent / "_artifacts"
WIDTH = 240  # pixels: enough to see the layout, too few for text rendering noise
MEAN_LIMIT = 1.5  # mean absolute difference per channel, of 255
CHANGED_LIMIT = 0.005  # share of pixels that differ by more than 48 in any channel


def first_page(pdf: bytes) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
        page.close()
        return image
    finally:
        doc.close()


@pytest.mark.parametrize("layout", ALL_LAYOUTS)
def test_first_page_looks_like_its_reference(render, layout, update_references):
    actual = first_page(render(layout, "default").pdf)
    reference = REFERENCES / f"{layout}.png"
    if update_references:
        REFERENCES.mkdir(exist_ok=True)
        actual.save(reference, optimize=True)
        return
    assert reference.exists(), f"no reference for {layout}: run pytest --update-references"
    expected = Image.open(reference).convert("RGB")
    problems = []
    if expected.size != actual.size:
        problems.append(f"size {actual.size}, reference {expected.size}")
    else:
        diff = ImageChops.difference(actual, expected)
        mean = sum(ImageStat.Stat(diff).mean) / 3
        r, g, b = diff.split()
        largest = ImageChops.lighter(r, ImageChops.lighter(g, b)).histogram()
        changed = sum(largest[49:]) / (diff.width * diff.height)
        if mean > MEAN_LIMIT or changed > CHANGED_LIMIT:
            problems.append(f"mean difference {mean:.2f}, {changed:.2%} of pixels changed")
            ARTIFACTS.mkdir(exist_ok=True)
            actual.save(ARTIFACTS / f"{layout}-actual.png")
            diff.point(lambda v: min(255, v * 4)).save(ARTIFACTS / f"{layout}-diff.png")
    assert not problems, (
        f"{layout}: {'; '.join(problems)} (see tests/_artifacts/; if the change is "
        "intended, run pytest --update-references and review the PNGs)"
    )
