"""PNG and JPEG previews, rasterised from the PDF itself (what prints is what shows).

Cropped to the trim; one image per page, numbered from -01 so that the files sort in
order; the resolution is stored in the file. Social cards are rasterised at 72 dpi
(their layout's pixels, see units.PX_DPI) and come with their captions.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from poster.outputs import Artifact, Job, writer

if TYPE_CHECKING:
    from PIL.Image import Image

    from poster.spec import Layout

DEFAULT_DPI = 150.0


def preview_dpi(layout: Layout) -> float:
    """A preview's resolution when none is asked for: 150 dpi, or the layout's preview
    width across its trim (`preview_px`: a 2.4 m panel at 150 dpi would be 100 Mpx)."""
    from poster.spec import PosterLayout

    if not isinstance(layout, PosterLayout) or not layout.preview_px:
        return DEFAULT_DPI
    return layout.preview_px / (layout.page.trim_mm()[0] / 25.4)


def rasterise(
    pdf: bytes, dpi: float | None = DEFAULT_DPI, width_px: int | None = None, trim: bool = True
) -> list[Image]:
    """PIL images of every page, rendered from the PDF.

    Cropped to the TrimBox when the page has one; `width_px` fixes the pixel width.
    """
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for page in doc:
            media = page.get_mediabox()
            box = page.get_trimbox() if trim else media
            # crop margins from the media box edges: left, bottom, right, top
            crop = (box[0] - media[0], box[1] - media[1], media[2] - box[2], media[3] - box[3])
            width_pt = box[2] - box[0]
            scale = (width_px / width_pt) if width_px else (dpi or DEFAULT_DPI) / 72
            # the whole page, cropped here: pdfium rounds each crop margin up, which made
            # a 2400 px request 2399 px wide
            image = page.render(scale=scale, draw_annots=False).to_pil()
            if any(crop):
                left, top = round(crop[0] * scale), round(crop[3] * scale)
                w = round(width_pt * scale)
                h = round((box[3] - box[1]) * scale)
                image = image.crop((left, top, left + w, top + h))
            images.append(image)
            page.close()
    finally:
        doc.close()
    return images


def page_suffix(index: int, count: int, ext: str) -> str:
    """'.png' for a single page, else '-01.png', '-02.png' … (as many digits as the
    count needs, at least two): names that sort in page order."""
    if count == 1:
        return f".{ext}"
    return f"-{index:0{max(2, len(str(count)))}d}.{ext}"


def default_dpi(job: Job) -> float:
    """Social cards at their layout's pixels; anything else at preview_dpi (150 dpi, or a
    large panel's preview width)."""
    from poster.units import PX_DPI

    return PX_DPI if job.document.kind == "cards" else preview_dpi(job.request.layout)


def encode(job: Job, fmt: str) -> list[Artifact]:
    request = job.request
    dpi = request.dpi or default_dpi(job)
    images = rasterise(job.pdf(), dpi, request.width_px)
    first = job.document.pages[0]
    if request.width_px:  # the resolution the fixed width gives across the trim
        trim_w = first.trim.w if first.trim is not None else first.width
        dpi = request.width_px / (trim_w / 72)
    ext, media = ("jpg", "image/jpeg") if fmt == "jpeg" else ("png", "image/png")
    out = []
    for i, image in enumerate(images, start=1):
        buf = io.BytesIO()
        if fmt == "jpeg":
            image.convert("RGB").save(buf, "JPEG", quality=88, optimize=True, dpi=(dpi, dpi))
        else:
            image.save(buf, "PNG", optimize=False, dpi=(dpi, dpi))
        out.append(Artifact(page_suffix(i, len(images), ext), buf.getvalue(), media))
    if job.document.kind == "cards":  # what to post with them, beside them
        from poster.outputs.archive import CAPTIONS_SUFFIX, captions

        names = [f"{stem(job)}{a.suffix}" for a in out]
        out.append(Artifact(CAPTIONS_SUFFIX, captions(job.document, names), TEXT))
    return out


TEXT = "text/plain; charset=utf-8"


def stem(job: Job) -> str:
    """The output's name without extension: the request's, else the default."""
    from pathlib import Path

    from poster.outputs import default_stem

    name = job.request.name
    return Path(name).stem if name else default_stem(job.request.layout, job.request.brand)


@writer("png", "png", "image/png", "PNG output")
def _png(job: Job) -> list[Artifact]:
    return encode(job, "png")


@writer("jpeg", "jpg", "image/jpeg", "JPEG output")
def _jpeg(job: Job) -> list[Artifact]:
    return encode(job, "jpeg")
