"""Logos as officers have them: phone photos (EXIF orientation), CMYK JPEGs from a print
shop, and images far too large, through the command line and batch as a user runs them.
The PDFs are read back with pypdfium2 (where the image is placed) and rasterised by
poppler's pdftoppm (what it looks like), never through the code under test."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import measure
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from conftest import cli_env
from PIL import Image, ImageChops, ImageCms, ImageDraw
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
PRESS_PROFILE = REPO / "src" / "poster" / "data" / "profiles" / "poster-fogra39-300.icc"
CAM_PHA = "Phường Cẩm Phả, Quảng Ninh"
RED, BLUE = (200, 16, 46), (31, 95, 168)


def phone_jpeg(path: Path, upright=(400, 800)) -> Path:
    """A photo as a phone stores it: the sensor's landscape pixels and EXIF orientation 6
    ("turn 90° clockwise to show"). Shown upright it is portrait, blue, with a red
    marker in its top-left corner (half its width, a quarter of its height)."""
    w, h = upright
    shown = Image.new("RGB", (w, h), BLUE)
    ImageDraw.Draw(shown).rectangle((0, 0, w // 2 - 1, h // 4 - 1), fill=RED)
    stored = shown.transpose(Image.Transpose.ROTATE_90)  # counter-clockwise: as the sensor saw it
    assert stored.size == (h, w)
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(path, "JPEG", quality=92, exif=exif.tobytes())
    return path


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m poster ARGS` in `cwd`, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "poster", *map(str, args)],
        cwd=cwd, env=cli_env(), capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip


def run_measured(*args: str | Path, cwd: Path) -> tuple[int, str, float, float]:
    """Exit status, stderr, CPU seconds and peak resident memory (MB) of `python -m poster`
    alone (tests/measure.py: the test process's own size is not counted)."""
    got = measure.run_measured(*args, cwd=cwd)
    return got.returncode, got.stderr, got.cpu, got.peak_mb


def logo_placement(pdf: Path) -> tuple[float, float, float, float]:
    """The one image on the first page: its placed bounds in points (x0, y0, x1, y1)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[0]
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        assert len(images) == 1, f"{len(images)} images"
        bounds = images[0].get_bounds()
        height = page.get_height()
    finally:
        doc.close()
    return (bounds[0], bounds[1], bounds[2], bounds[3], height)  # type: ignore[return-value]


def logo_pixels(pdf: Path, tmp: Path, dpi: int = 150) -> Image.Image:
    """The logo's area of the first page as poppler draws it (that area alone: -x -y -W
    -H crop the raster, so an A1 page is not drawn whole at 150 dpi)."""
    x0, y0, x1, y1, height = logo_placement(pdf)
    k = dpi / 72
    box = (round(x0 * k), round((height - y1) * k), round(x1 * k), round((height - y0) * k))
    w, h = box[2] - box[0], box[3] - box[1]
    crop = ["-x", str(box[0]), "-y", str(box[1]), "-W", str(w), "-H", str(h)]
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", *crop, "-png", str(pdf),
         str(tmp / "page")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    (png,) = tmp.glob("page*.png")
    logo = Image.open(png).convert("RGB")
    png.unlink()
    assert logo.size == (w, h)
    return logo


def assert_upright(pdf: Path, tmp: Path) -> None:
    x0, y0, x1, y1, _ = logo_placement(pdf)
    w, h = x1 - x0, y1 - y0
    assert h == pytest.approx(2 * w, rel=0.02), f"placed {w:.1f} × {h:.1f} pt: not portrait 1:2"
    logo = logo_pixels(pdf, tmp)

    def near(xy: tuple[float, float], colour: tuple[int, int, int]) -> bool:
        px = logo.getpixel((int(xy[0] * logo.width), int(xy[1] * logo.height)))
        return all(abs(a - b) < 40 for a, b in zip(px, colour, strict=False))

    assert near((0.25, 0.12), RED), "the marker is not at the top left"
    assert near((0.75, 0.12), BLUE) and near((0.25, 0.88), BLUE) and near((0.75, 0.88), BLUE)


def test_a_phone_photo_is_drawn_upright_from_the_command_line(tmp_path):
    phone_jpeg(tmp_path / "phone.jpg")
    done = run(
        "render", "--locality", CAM_PHA, "--logo", "phone.jpg", "-o", "out.pdf", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert_upright(tmp_path / "out.pdf", tmp_path)


def test_a_phone_photo_is_drawn_upright_from_a_batch(tmp_path):
    phone_jpeg(tmp_path / "phone.jpg")
    (tmp_path / "xa.csv").write_text(
        "name,authority,logo\nXã Thử Nghiệm,UBND XÃ THỬ NGHIỆM,phone.jpg\n"
        "Xã Thử Hai,UBND XÃ THỬ HAI,phone.jpg\n",
        encoding="utf-8",
    )
    done = run("batch", "--brands", "xa.csv", "-o", "out", "-j", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.name for p in pdfs] == ["a1-portrait-xa-thu-hai.pdf", "a1-portrait-xa-thu-nghiem.pdf"]
    for pdf in pdfs:
        assert_upright(pdf, tmp_path)


def test_the_sharpness_warning_names_the_upright_size(tmp_path):
    phone_jpeg(tmp_path / "small.jpg", upright=(100, 300))  # stored 300 × 100
    done = run(
        "render", "--locality", CAM_PHA, "--logo", "small.jpg", "-o", "out.pdf", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "small.jpg is 100×300 px" in done.stderr, done.stderr


# ---------------------------------------------------------------- CMYK JPEGs

STRIPES = ["#C8102E", "#1F5FA8", "#1E7B4A", "#E0A800"]  # in the press's gamut


def _stripes() -> Image.Image:
    image = Image.new("RGB", (400, 400))
    draw = ImageDraw.Draw(image)
    for i, colour in enumerate(STRIPES):
        draw.rectangle((i * 100, 0, i * 100 + 99, 399), fill=colour)
    return image


def _to_press(image: Image.Image) -> Image.Image:
    """The stripes separated for FOGRA39, as a print shop's software would."""
    transform = ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"), ImageCms.getOpenProfile(str(PRESS_PROFILE)),
        "RGB", "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )  # fmt: skip
    return ImageCms.applyTransform(image, transform)


def cmyk_jpeg(path: Path, kind: str) -> Path:
    """'profile': the press profile embedded; 'plain': no profile (Pillow writes Adobe's
    APP14 marker and inverted inks, as Photoshop does); 'no-adobe': no profile, no APP14
    marker, plain inks (as some other encoders write)."""
    cmyk = _to_press(_stripes())
    if kind == "profile":
        cmyk.save(path, "JPEG", quality=95, icc_profile=PRESS_PROFILE.read_bytes())
    elif kind == "plain":
        cmyk.save(path, "JPEG", quality=95)
    else:
        buf = io.BytesIO()
        ImageChops.invert(cmyk).save(buf, "JPEG", quality=95)  # Pillow inverts as it writes
        data = buf.getvalue()
        at = data.find(b"\xff\xee")  # APP14, "Adobe"
        assert at > 0 and data[at + 4 : at + 9] == b"Adobe"
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        path.write_bytes(data[:at] + data[at + 2 + length :])
    return path


def _lab(rgb: tuple[int, int, int]) -> tuple[float, float, float]:
    """sRGB (D65) → CIE L*a*b*, the textbook formulas."""

    def linear(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _stripe_colours(pdf: Path, tmp: Path) -> list[tuple[int, int, int]]:
    logo = logo_pixels(pdf, tmp)
    return [logo.getpixel((int((i + 0.5) * logo.width / 4), logo.height // 2)) for i in range(4)]


@pytest.fixture(scope="module")
def rgb_stripes(tmp_path_factory) -> list[tuple[int, int, int]]:
    tmp = tmp_path_factory.mktemp("rgb")
    _stripes().save(tmp / "rgb.jpg", quality=95)
    done = run("render", "--locality", CAM_PHA, "--logo", "rgb.jpg", "-o", "o.pdf", cwd=tmp)
    assert done.returncode == 0, done.stderr
    return _stripe_colours(tmp / "o.pdf", tmp)


@pytest.mark.parametrize("kind", ["profile", "plain", "no-adobe"])
def test_a_cmyk_jpeg_logo_prints_the_colours_of_its_rgb_original(tmp_path, kind, rgb_stripes):
    cmyk_jpeg(tmp_path / "cmyk.jpg", kind)
    done = run("render", "--locality", CAM_PHA, "--logo", "cmyk.jpg", "-o", "out.pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    got = _stripe_colours(tmp_path / "out.pdf", tmp_path)
    # an RGB poster holds the logo in RGB: a viewer never guesses at the inks
    (image,) = PdfReader(tmp_path / "out.pdf").pages[0].images
    assert image.image.mode == "RGB"
    xobject = image.indirect_reference.get_object()
    assert xobject["/ColorSpace"] == "/DeviceRGB"
    for colour, want, have in zip(STRIPES, rgb_stripes, got, strict=True):
        lw, aw, bw = _lab(want)
        lh, ah, bh = _lab(have)
        delta = ((lw - lh) ** 2 + (aw - ah) ** 2 + (bw - bh) ** 2) ** 0.5
        assert delta < 4, f"{colour}: {have} printed for {want} (ΔE {delta:.1f})"
        assert lh < lw + 3, f"{colour}: paler ({have} for {want})"
        chroma_w, chroma_h = (aw**2 + bw**2) ** 0.5, (ah**2 + bh**2) ** 0.5
        assert chroma_h > chroma_w - 6, f"{colour}: washed out ({have} for {want})"


# ---------------------------------------------------------------- over the pixel cap


@pytest.fixture(scope="module")
def huge_png(tmp_path_factory) -> Path:
    """9400 × 9400 pixels (88 megapixels, just under Pillow's own warning) in a few
    hundred KB: what an officer's scanner can write."""
    path = tmp_path_factory.mktemp("huge") / "scan.png"
    Image.new("1", (9400, 9400)).save(path)
    assert path.stat().st_size < 2 * 1024 * 1024
    return path


def test_a_logo_over_the_pixel_cap_is_refused_quickly_on_the_command_line(tmp_path, huge_png):
    status, stderr, took, mb = run_measured(
        "render", "--locality", CAM_PHA, "--logo", huge_png, "-o", "out.pdf", cwd=tmp_path
    )
    assert status == 2, stderr
    assert stderr.strip() == (
        "--logo: logo: scan.png is too large an image: 9400 × 9400 pixels, "
        "at most 4096 × 4096 (a logo needs about 1000 × 1000)"
    )
    assert took < 5, f"{took:.1f} s"
    assert mb < 500, f"{mb:.0f} MB"
    assert not (tmp_path / "out.pdf").exists()


def test_a_logo_over_the_pixel_cap_is_refused_quickly_in_a_batch(tmp_path, huge_png):
    os.symlink(huge_png, tmp_path / "scan.png")
    phone_jpeg(tmp_path / "ok.jpg")
    (tmp_path / "xa.csv").write_text(
        "name,authority,logo\nXã Lớn,UBND XÃ LỚN,scan.png\nXã Tốt,UBND XÃ TỐT,ok.jpg\n",
        encoding="utf-8",
    )
    status, stderr, took, mb = run_measured(
        "batch", "--brands", "xa.csv", "-o", "out", "-j", "1", cwd=tmp_path
    )
    assert status != 0 and "Traceback" not in stderr, stderr
    assert (
        "xa.csv:2: logo: scan.png is too large an image: 9400 × 9400 pixels, at most 4096 × 4096"
        in stderr
    ), stderr
    assert took < 5, f"{took:.1f} s"
    assert mb < 500, f"{mb:.0f} MB"
    assert [p.name for p in (tmp_path / "out").glob("*.pdf")] == ["a1-portrait-xa-tot.pdf"]


def test_the_refusal_is_vietnamese_under_a_vietnamese_locale(tmp_path, huge_png):
    done = subprocess.run(
        [sys.executable, "-m", "poster", "render", "--locality", CAM_PHA, "--logo",
         str(huge_png), "-o", "out.pdf"],
        cwd=tmp_path, env=cli_env("vi_VN.UTF-8"), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "scan.png là ảnh quá lớn: 9400 × 9400 điểm ảnh, tối đa 4096 × 4096" in done.stderr


def test_a_deck_embeds_the_phone_photo_upright(tmp_path):
    """PowerPoint and LibreOffice do not all turn a picture by its EXIF tag: the PPTX
    holds the upright pixels (portrait, the marker at the top left)."""
    import zipfile

    phone_jpeg(tmp_path / "phone.jpg")
    done = run("render", "--locality", CAM_PHA, "--logo", "phone.jpg", "--layout", "slides-16x9",
               "--format", "pptx", "-o", "deck.pptx", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "deck.pptx") as z:
        media = [n for n in z.namelist() if n.startswith("ppt/media/") and not n.endswith(".svg")]
        photos = [Image.open(io.BytesIO(z.read(n))) for n in media]
    (logo,) = [im for im in photos if im.format == "JPEG"]
    assert logo.size == (400, 800)
    assert logo.getexif().get(0x0112, 1) == 1
    rgb = logo.convert("RGB")
    assert all(abs(a - b) < 40 for a, b in zip(rgb.getpixel((100, 100)), RED, strict=True))
    assert all(abs(a - b) < 40 for a, b in zip(rgb.getpixel((300, 700)), BLUE, strict=True))


def test_a_logo_is_decoded_once_per_version_of_its_file(tmp_path, monkeypatch):
    """A batch of 3,321 communes sharing one emblem decodes it once per process; a new
    version of the file (another modification time or size) is read again."""
    from poster import logo

    path = phone_jpeg(tmp_path / "phone.jpg")
    logo.forget()
    decoded = []
    real = logo._decode
    monkeypatch.setattr(logo, "_decode", lambda *a, **k: decoded.append(a[0]) or real(*a, **k))
    first = logo.read(path)
    assert logo.read(path) is first and logo.size(path) == (400, 800)
    assert len(decoded) == 1
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert logo.read(path) is not first and len(decoded) == 2
    logo.forget()
