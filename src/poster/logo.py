"""Logos: the one reader the command line, batch and the web page use.

A logo is checked on disk (a regular file, at most `limits.LOGO_BYTES`), its pixel count
read from the header and refused over `limits.LOGO_PIXELS` before anything is decoded,
then decoded, turned upright by its EXIF orientation (every phone photo carries one) and
converted to sRGB through its ICC profile (a CMYK JPEG without a profile through the
shipped FOGRA39 press profile). Everything after the reader (the header's size, the
sharpness warning, the PDF) sees the upright sRGB image.

Read once per version of a file: cached by path, modification time and size, so a batch
of many communes sharing one emblem decodes it once per process.
"""

from __future__ import annotations

import hashlib
import io
import threading
import warnings
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from poster import limits
from poster.errors import PosterError

if TYPE_CHECKING:
    from PIL import Image, ImageCms

SIDE = limits.LOGO_SIDE
PIXELS = limits.LOGO_PIXELS  # read from the header, before decoding
FORMATS = ("PNG", "JPEG")
ORIENTATION = 0x0112  # the EXIF tag
CACHE_BYTES = 96 * limits.MB  # decoded logos kept in one process, newest first

# files.file_check's codes, for a logo (the message ends in its path)
_FILE_CODES = {
    "file.not-found": "image.missing",
    "file.unreadable": "image.cannot-read",
    "file.nul-name": "image.nul-name",
    "file.not-regular": "image.not-regular",
    "file.too-large": "image.file-too-large",
}


class Logo:
    """A decoded logo: `image` upright and in sRGB (RGB, RGBA, L, LA or P), `size` its
    upright size in pixels, `stored` the size as the file stores it, `format` PNG or JPEG,
    `changed`: its pixels are not the file's own (turned, or converted from its profile)."""

    __slots__ = ("_pdf", "changed", "format", "image", "orientation", "path", "size", "stored")

    def __init__(
        self, image: Image.Image, fmt: str, stored: tuple[int, int], changed: bool,
        orientation: int = 1, path: str = "",
    ):  # fmt: skip
        self.image = image
        self.format = fmt
        self.size: tuple[int, int] = image.size
        self.stored = stored
        self.changed = changed
        self.orientation = orientation
        self.path = path
        self._pdf: bytes | None = None

    @property
    def full_size(self) -> tuple[int, int]:
        """The upright size of the file's pixels, before any draft scaling."""
        w, h = self.stored
        return (h, w) if self.orientation in (5, 6, 7, 8) else (w, h)

    @property
    def nbytes(self) -> int:
        return self.image.width * self.image.height * len(self.image.getbands())

    def pdf_source(self) -> str | io.BytesIO | Image.Image:
        """What ReportLab draws: the file itself when its pixels are the logo's (a JPEG is
        then embedded as it is), else the upright sRGB image (a JPEG's as a new JPEG,
        quality 95, so it stays compressed as one)."""
        if not self.changed and self.path:
            return self.path
        if self.format == "JPEG" and self.image.mode in ("RGB", "L"):
            if self._pdf is None:
                self._pdf = encode(self.image, "JPEG")
            return io.BytesIO(self._pdf)
        return self.image

    def file_source(self) -> str | io.BytesIO:
        """What a deck embeds: the file itself when its pixels are the logo's, else the
        upright sRGB image as a new PNG (or JPEG, for a JPEG)."""
        if not self.changed and self.path:
            return self.path
        if self.format == "JPEG" and self.image.mode in ("RGB", "L"):
            if self._pdf is None:
                self._pdf = encode(self.image, "JPEG")
            return io.BytesIO(self._pdf)
        return io.BytesIO(encode(self.image, "PNG"))


def encode(image: Image.Image, fmt: str, quality: int = 95) -> bytes:
    """An image as PNG or JPEG bytes (without EXIF: its pixels are upright already)."""
    buf = io.BytesIO()
    if fmt == "JPEG":
        image.save(buf, "JPEG", quality=quality, optimize=False)
    else:
        image.save(buf, "PNG", compress_level=3)
    return buf.getvalue()


# ---------------------------------------------------------------- reading


def read(path: str | Path, file: str = "", field: str = "logo") -> Logo:
    """The logo at `path`, checked, upright and in sRGB, or PosterError (bad input, named
    `file`: `field`, in the catalogue's words). Cached per version of the file."""
    from poster.files import file_check

    path = Path(path)
    file = file or str(path)
    found = file_check(path, "an image", limits.LOGO_BYTES, "a logo")
    if found is not None:
        code, params = found
        raise PosterError.of(_FILE_CODES[code], file, field, path=str(path), **params)
    st = path.stat()
    key = (str(path), st.st_mtime_ns, st.st_size)
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    logo = _decode(str(path), path.name, file, field)  # Pillow's messages name the path
    logo.path = str(path)
    _keep(key, logo)
    return logo


def from_bytes(data: bytes, name: str = "logo", file: str = "logo", field: str = "logo",
               draft: int | None = None) -> Logo:  # fmt: skip
    """An uploaded logo, as `read` reads a file (not cached). `draft`: a JPEG is decoded
    at the smallest scale that keeps this many pixels a side (far less memory and time
    for a preview); `stored` keeps the size uploaded."""
    return _decode(io.BytesIO(data), name, file, field, draft)


def size(path: str | Path, file: str = "", field: str = "logo") -> tuple[int, int]:
    """The upright size in pixels of the logo at `path` (what the page shows)."""
    return read(path, file, field).size


def forget() -> None:
    """Drop the decoded logos kept (a server whose logos live in per-request folders
    calls this after each request)."""
    with _lock:
        _cache.clear()


_lock = threading.Lock()
_cache: OrderedDict[tuple[str, int, int], Logo] = OrderedDict()


def _keep(key: tuple[str, int, int], logo: Logo) -> None:
    with _lock:
        _cache[key] = logo
        total = sum(x.nbytes for x in _cache.values())
        while total > CACHE_BYTES and len(_cache) > 1:
            _, old = _cache.popitem(last=False)
            total -= old.nbytes


def _decode(
    source: str | IO[bytes], name: str, file: str, field: str,
    draft: int | None = None,
) -> Logo:  # fmt: skip
    from PIL import Image, UnidentifiedImageError

    def refuse(code: str, **params: Any) -> PosterError:
        return PosterError.of(code, file, field, name=name, **params)

    try:
        with warnings.catch_warnings():
            # Pillow's own guard (about 90 megapixels) is an error here, not a warning
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refuse("image.bomb", side=SIDE) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as e:
        raise refuse("image.unreadable", reason=str(e) or type(e).__name__) from None
    try:
        if image.format not in FORMATS:
            raise refuse("image.format", format=image.format)
        w, h = image.size
        if w * h > PIXELS:  # from the header: nothing is decoded yet
            raise refuse("image.too-many-pixels", width=w, height=h, side=SIDE)
        if draft and image.format == "JPEG":
            image.draft(image.mode if image.mode == "CMYK" else "RGB", (draft, draft))
        image.load()
        orientation = _orientation(image)
        upright, changed = _upright_srgb(image, orientation)
    except PosterError:
        image.close()
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as e:
        image.close()
        raise refuse("image.unreadable", reason=str(e) or type(e).__name__) from None
    fmt = image.format or "PNG"
    if upright is not image:
        image.close()  # the file's own decoded pixels: the upright copy replaces them
    return Logo(upright, fmt, (w, h), changed, orientation)


def _upright_srgb(image: Image.Image, orientation: int) -> tuple[Image.Image, bool]:
    """The decoded image turned upright and in sRGB; True when its pixels changed."""
    from PIL import ImageChops, ImageOps

    changed = False
    out: Image.Image = image
    if orientation in range(2, 9):
        out = ImageOps.exif_transpose(image)  # keeps the profile and the Adobe marker
        changed = True
    icc = out.info.get("icc_profile") or None
    if out.mode == "CMYK":
        if image.format == "JPEG" and "adobe" not in out.info:
            # Pillow reads every CMYK JPEG with Adobe's inverted polarity; without
            # Adobe's APP14 marker the file holds plain inks
            out = ImageChops.invert(out)
        out = _convert(out, icc, cmyk=True)
        changed = True
    elif icc and not _is_srgb(icc):
        converted = _convert(out, icc)
        changed = changed or converted is not out
        out = converted
    return out, changed


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(ORIENTATION, 1)
    except Exception:  # a broken EXIF block: the image as stored
        return 1
    return value if isinstance(value, int) else 1


def _convert(image: Image.Image, icc: bytes | None, cmyk: bool = False) -> Image.Image:
    """`image` through its profile to sRGB (relative colorimetric, black point
    compensated: paper white becomes white). A profile that cannot be used is ignored,
    except for CMYK, which then goes through the press profile."""
    from PIL import ImageCms

    if image.mode in ("P", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
    alpha = image.getchannel("A") if image.mode in ("RGBA", "LA") else None
    base = image.convert(image.mode[:-1]) if alpha is not None else image
    if base.mode not in ("RGB", "L", "CMYK"):
        base = base.convert("RGB")
    try:
        transform = _transform(icc, base.mode) if icc else None
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        transform = None
    if transform is None and cmyk:
        transform = _transform(None, "CMYK")
    if transform is None:
        return image
    out = ImageCms.applyTransform(base, transform)
    assert out is not None
    if alpha is not None:
        out.putalpha(alpha)
    return out


@lru_cache(maxsize=16)
def _transform_by_digest(digest: str, icc: bytes | None, mode: str) -> ImageCms.ImageCmsTransform:
    from PIL import ImageCms

    if icc is None:  # a CMYK JPEG without a profile: the press profile, FOGRA39
        from poster.colors import profile_path

        source = ImageCms.getOpenProfile(profile_path())
    else:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    srgb = ImageCms.createProfile("sRGB")
    return ImageCms.buildTransform(
        source, srgb, mode, "RGB", ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )  # fmt: skip


def _transform(icc: bytes | None, mode: str) -> ImageCms.ImageCmsTransform:
    digest = hashlib.sha1(icc).hexdigest() if icc else ""
    return _transform_by_digest(digest, icc, mode)


@lru_cache(maxsize=16)
def _srgb_by_digest(digest: str, icc: bytes) -> bool:
    from PIL import ImageCms

    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        description = ImageCms.getProfileDescription(profile) or ""
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return True  # unusable: treated as none (sRGB)
    if getattr(profile.profile, "xcolor_space", "").strip() != "RGB":
        return False
    return "srgb" in description.lower().replace(" ", "").replace("-", "")


def _is_srgb(icc: bytes) -> bool:
    """An RGB profile that is sRGB (or one that cannot be read): nothing to convert."""
    return _srgb_by_digest(hashlib.sha1(icc).hexdigest(), icc)
