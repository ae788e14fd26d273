"""Export stage: atomic writes (content, mode, no temporaries, failures keep the old file)
and previews rasterised from a PDF whose page and trim sizes are set here."""

from __future__ import annotations

import errno
import io
import os

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Rectangle
from pypdf.generic import RectangleObject
from reportlab.pdfgen import canvas

from poster import files as export
from poster.errors import PosterError
from poster.files import write_atomic
from poster.outputs.images import rasterise

# ---------------------------------------------------------------- write_atomic


def _mode(path) -> int:
    return path.stat().st_mode & 0o777


def test_writes_the_bytes_with_the_mode_open_would_give(tmp_path):
    reference = tmp_path / "reference"
    with open(reference, "wb"):
        pass
    path = tmp_path / "poster.pdf"
    write_atomic(path, b"%PDF-1.4 data")
    assert path.read_bytes() == b"%PDF-1.4 data"
    assert _mode(path) == _mode(reference)
    mask = os.umask(0)
    os.umask(mask)
    assert _mode(path) == 0o666 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster.pdf", "reference"]


def test_replaces_a_file_and_resets_its_mode(tmp_path):
    reference = tmp_path / "reference"
    reference.write_bytes(b"")
    path = tmp_path / "poster.pdf"
    path.write_bytes(b"old, longer than the new content")
    path.chmod(0o600)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert _mode(path) == _mode(reference)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster.pdf", "reference"]


def test_creates_missing_folders_and_takes_a_string_path(tmp_path):
    path = tmp_path / "a" / "b" / "poster.pdf"
    write_atomic(str(path), b"x")
    assert path.read_bytes() == b"x"
    assert os.listdir(path.parent) == ["poster.pdf"]


def test_writes_an_empty_file(tmp_path):
    write_atomic(tmp_path / "empty", b"")
    assert (tmp_path / "empty").read_bytes() == b""


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "out").mkdir()
    with pytest.raises(PosterError) as caught:
        write_atomic(tmp_path / "out", b"x")
    assert str(caught.value) == f"{tmp_path / 'out'}: is a folder; give a file name"
    assert caught.value.problems[0].field == ""  # about the file, not a field
    assert os.listdir(tmp_path / "out") == []


def test_a_folder_that_cannot_be_made_is_one_line(tmp_path):
    (tmp_path / "file").write_bytes(b"not a folder")
    path = tmp_path / "file" / "poster.pdf"
    with pytest.raises(PosterError) as caught:
        write_atomic(path, b"x")
    assert str(caught.value) == f"{path}: cannot create folder: File exists"
    assert caught.value.problems[0].field == ""  # about the file, not a field
    assert (tmp_path / "file").read_bytes() == b"not a folder"


def test_a_folder_without_write_access_is_one_line(tmp_path, monkeypatch):
    # (the tests may run as root, which chmod cannot stop: the refusal is simulated)
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(export.tempfile, "mkstemp", refuse)
    path = tmp_path / "poster.pdf"
    with pytest.raises(PosterError) as caught:
        write_atomic(path, b"x")
    assert str(caught.value) == f"{path}: cannot write here: Permission denied"
    assert caught.value.problems[0].field == ""  # about the file, not a field
    assert os.listdir(tmp_path) == []


def _old_file(tmp_path):
    path = tmp_path / "poster.pdf"
    path.write_bytes(b"old")
    return path


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = _old_file(tmp_path)

    def full(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "replace", full)
    with pytest.raises(PosterError) as caught:
        write_atomic(path, b"new")
    assert str(caught.value) == f"{path}: cannot write: No space left on device"
    assert caught.value.problems[0].field == ""  # about the file, not a field
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["poster.pdf"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    path = _old_file(tmp_path)
    with pytest.raises(TypeError):
        write_atomic(path, "text, not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["poster.pdf"]


def test_an_interrupt_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = _old_file(tmp_path)
    seen = []

    def interrupted(src, dst):
        seen.append(src)
        with open(src, "rb") as f:
            assert f.read() == b"new"  # the temporary was complete
        raise KeyboardInterrupt

    monkeypatch.setattr(export.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["poster.pdf"]
    # the temporary sat beside the target (same file system: the rename is atomic),
    # hidden, named after it
    assert os.path.dirname(seen[0]) == str(tmp_path)
    name = os.path.basename(seen[0])
    assert name.startswith(".poster.pdf.") and name.endswith(".part")


def test_a_temporary_already_gone_is_not_an_error(tmp_path, monkeypatch):
    path = _old_file(tmp_path)

    def vanish(src, dst):
        os.unlink(src)
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(export.os, "replace", vanish)
    with pytest.raises(PosterError, match="cannot write: Input/output error"):
        write_atomic(path, b"new")

    def vanish_hard(src, dst):
        os.unlink(src)
        raise KeyboardInterrupt

    monkeypatch.setattr(export.os, "replace", vanish_hard)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old"


# ---------------------------------------------------------------- previews

# A page whose media box does not start at the origin, (20, 10)–(220, 110): 200 × 100 pt,
# with a trim box (30, 20)–(190, 90), 160 × 70 pt, not centred. Red outside the trim,
# blue inside; optionally a green square annotation inside the trim.
MEDIA, TRIM = (20, 10, 220, 110), (30, 20, 190, 90)


def _pdf(pages: int = 1, trim: bool = True, annotation: bool = False) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=MEDIA[2:])
    for _ in range(pages):
        c.setFillColorRGB(1, 0, 0)
        c.rect(0, 0, *MEDIA[2:], stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 1)
        x0, y0, x1, y1 = TRIM
        c.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    for i, page in enumerate(writer.pages):
        page.mediabox = RectangleObject(MEDIA)
        if trim:
            page.trimbox = RectangleObject(TRIM)
        if annotation:
            writer.add_annotation(i, Rectangle(rect=(60, 40, 160, 80), interior_color="00ff00"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _colours(image: Image.Image) -> set[tuple[int, int, int]]:
    return {rgb for _, rgb in image.convert("RGB").getcolors(1 << 16)}


def test_rasterise_crops_to_the_trim_at_the_asked_resolution():
    [image] = rasterise(_pdf(), dpi=72)
    assert image.size == (160, 70)  # the trim, 160 × 70 pt, at 1 px per point
    assert _colours(image) == {(0, 0, 255)}  # no red: nothing outside the trim
    [image] = rasterise(_pdf(), dpi=144)
    assert image.size == (320, 140)


def test_rasterise_default_is_150_dpi():
    # 160 × 70 pt at 150 / 72 px per point: 333.3 × 145.8 (pdfium rounds each edge)
    [image] = rasterise(_pdf())
    assert image.size == pytest.approx((333.3, 145.8), abs=1)
    [image] = rasterise(_pdf(), dpi=None)
    assert image.size == pytest.approx((333.3, 145.8), abs=1)


def test_rasterise_to_a_pixel_width():
    [image] = rasterise(_pdf(), width_px=80)
    assert image.size == (80, 35)  # 80 px across 160 pt: 0.5 px per point


def test_rasterise_whole_page_without_trim():
    [image] = rasterise(_pdf(), dpi=72, trim=False)
    assert image.size == (200, 100)
    assert _colours(image) == {(255, 0, 0), (0, 0, 255)}
    # a page without a TrimBox: pdfium reports the media box as its trim
    [image] = rasterise(_pdf(trim=False), dpi=72)
    assert image.size == (200, 100)


def test_rasterise_leaves_annotations_out():
    [image] = rasterise(_pdf(annotation=True), dpi=72)
    assert _colours(image) == {(0, 0, 255)}  # the green square is not printed


def test_rasterise_every_page():
    images = rasterise(_pdf(pages=3), dpi=36)
    assert [im.size for im in images] == [(80, 35)] * 3
