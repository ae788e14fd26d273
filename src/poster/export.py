"""Writing outputs: atomically, so a failed or interrupted run leaves no partial file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from poster.errors import PosterError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()  # what open() would give a new file


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PosterError.one(str(path), "", f"cannot create folder: {e.strerror}") from None
    if path.is_dir():
        raise PosterError.one(str(path), "", "is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise PosterError.one(str(path), "", f"cannot write here: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except OSError as e:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise PosterError.one(str(path), "", f"cannot write: {e.strerror}") from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def rasterise(
    pdf: bytes, dpi: float | None = 150, width_px: int | None = None, trim: bool = True
) -> list:
    """PIL images of every page, rendered from the PDF itself (what prints is what shows).

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
            scale = (width_px / width_pt) if width_px else (dpi or 150) / 72
            bitmap = page.render(scale=scale, crop=crop, draw_annots=False)
            images.append(bitmap.to_pil())
            page.close()
    finally:
        doc.close()
    return images


def write_previews(
    pdf: bytes, out: Path, fmt: str = "png", dpi: float | None = 150, width_px: int | None = None
) -> list[Path]:
    """One image per page beside `out` (out.png, or out-1.png, out-2.png… for several)."""
    import io

    images = rasterise(pdf, dpi, width_px)
    ext = "jpg" if fmt == "jpeg" else "png"
    paths = []
    if width_px:  # the resolution the fixed width gives across the trim
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(pdf)
        try:
            box = doc[0].get_trimbox()
        finally:
            doc.close()
        dpi = width_px / ((box[2] - box[0]) / 72)
    for i, image in enumerate(images, start=1):
        name = f"{out.stem}.{ext}" if len(images) == 1 else f"{out.stem}-{i}.{ext}"
        path = out.with_name(name)
        buf = io.BytesIO()
        if fmt == "jpeg":
            image.convert("RGB").save(buf, "JPEG", quality=88, optimize=True, dpi=(dpi or 150,) * 2)
        else:
            image.save(buf, "PNG", optimize=False, dpi=(dpi or 150,) * 2)
        write_atomic(path, buf.getvalue())
        paths.append(path)
    return paths
