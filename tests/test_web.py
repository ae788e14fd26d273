"""The web page through FastAPI's TestClient: every field's validation in Vietnamese,
upload limits, images that are not images, path-like values, previews, downloads read
back with pypdfium2, security headers on every response, the worker pool's limits."""

from __future__ import annotations

import asyncio
import io
import os
import re
import sys
import time
import zipfile

import pypdfium2 as pdfium
import pytest
from conftest import pdf_text
from PIL import Image

pytest.importorskip("fastapi", reason="the web page needs fastapi")
pytest.importorskip("python_multipart", reason="the web page needs python-multipart")

from fastapi.testclient import TestClient

from poster.colors import SIDE_TINT, contrast_ratio, parse_color
from poster.errors import Problem
from poster.web import jobs, messages
from poster.web.app import CSP, create_app
from poster.web.pool import Busy, Crashed, TimedOut, Workers

CAM_PHA = {
    "name": "Phường Cẩm Phả",
    "authority": "UBND PHƯỜNG CẨM PHẢ\nTỈNH QUẢNG NINH",
    "footer": "Ủy ban nhân dân phường Cẩm Phả",
    "layout": "a1-portrait",
}
# A second brand shape: one authority line, with a logo.
WITH_LOGO = {**CAM_PHA, "authority": "UBND PHƯỜNG CẨM PHẢ"}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(workers=2)) as c:
        yield c


def png_bytes(size=(600, 600), mode="RGB", color="#C8102E", fmt="PNG") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, fmt)
    return buf.getvalue()


def post(client, path: str, fields: dict, logo: bytes | None = None, name="logo.png"):
    files = {"logo": (name, logo, "image/png")} if logo is not None else None
    if files is None:  # still multipart, as the browser sends it
        files = {"logo": ("", b"", "application/octet-stream")}
    return client.post(path, data=fields, files=files)


def errors_of(response) -> dict[str, list[str]]:
    assert response.status_code == 422, (response.status_code, response.headers["content-type"])
    body = response.json()
    assert body["message"]
    return body["errors"]


# ---------------------------------------------------------------- the page and its assets


def test_page_is_vietnamese_and_references_no_external_url(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="vi">' in html
    assert "Tải xuống" in html
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handlers break the CSP"
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert "style=" not in html, "inline styles break the CSP"
    # the QR's default address is a form value, not a reference
    references = re.findall(r'\b(?:src|href|action)\s*=\s*"([^"]*)"', html)
    assert references and all(
        ref.startswith("/") and not ref.startswith("//") for ref in references
    )
    for ref in references:
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        if ref.endswith((".css", ".js")):
            body = asset.text
            assert "http://" not in body and "https://" not in body, ref
            for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", body):
                assert url.startswith("/") and not url.startswith("//"), url
                assert client.get(url).status_code == 200, url
            assert "@import" not in body
            assert "eval(" not in body and "new Function" not in body


def test_fonts_are_served_from_the_project():
    from poster.resources import FONTS, shipped

    with TestClient(create_app(workers=1)) as c:
        r = c.get("/fonts/BeVietnamPro-Bold.ttf")
        assert r.status_code == 200
        assert r.content == shipped(FONTS, "BeVietnamPro-Bold.ttf").read_bytes()
        assert c.get("/fonts/OFL.txt").status_code == 404
        assert c.get("/fonts/..%2F..%2Fpyproject.toml").status_code == 404
        assert c.get("/static/..%2Fapp.py").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/static/app.js", 200),
        ("GET", "/static/app.css", 200),
        ("GET", "/api/localities?q=cam", 200),
        ("GET", "/api/status", 200),
        ("GET", "/nowhere", 404),
        ("GET", "/docs", 404),
        ("GET", "/api/download", 405),
        ("POST", "/api/preview", 422),
    ],
)
def test_security_headers_on_every_response(client, method, path, status):
    r = client.request(method, path, files={"x": ("", b"")} if method == "POST" else None)
    assert r.status_code == status
    assert r.headers["content-security-policy"] == CSP
    assert "default-src 'self'" in CSP and "img-src 'self' data: blob:" in CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    if status >= 400:
        body = r.json()
        assert body["message"] and "Traceback" not in r.text


def test_security_headers_on_refused_and_failed_requests(client):
    r = client.post("/api/preview", content=b"x" * 10, headers={"content-length": str(8 << 20)})
    assert r.status_code == 413
    assert r.headers["content-security-policy"] == CSP


# ---------------------------------------------------------------- commune search


def test_localities_search_is_accent_insensitive(client):
    r = client.get("/api/localities", params={"q": "cam pha"})
    first = r.json()["results"][0]
    assert first["label"] == "Phường Cẩm Phả, Quảng Ninh"
    assert first["authority"] == ["UBND PHƯỜNG CẨM PHẢ", "TỈNH QUẢNG NINH"]
    assert first["slug"] == "phuong-cam-pha"
    assert first["footer"] == "Ủy ban nhân dân phường Cẩm Phả"
    assert client.get("/api/localities", params={"q": "  "}).json() == {"results": []}
    many = client.get("/api/localities", params={"q": "xa", "limit": 500}).json()["results"]
    assert len(many) == 20
    r = client.get("/api/localities", params={"q": "xa", "limit": "nhiều"})
    assert r.status_code == 422
    assert r.json() == {"message": "Tham số trên địa chỉ không hợp lệ.", "errors": {}}


# ---------------------------------------------------------------- validation, field by field


def _low_contrast_message() -> str:
    ratio = contrast_ratio(parse_color("#AAAAAA"), parse_color("#F3F1EC"))
    return f"{ratio:.2f}".replace(".", ",") + ":1"


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        ({"name": ""}, "name", "Không được để trống."),
        ({"name": "   "}, "name", "Không được để trống."),
        ({"name": "x" * 101}, "name", "Quá dài: 101 ký tự, tối đa 100."),
        ({"colors.primary": "#12345G"}, "colors.primary", "Không phải mã màu: '#12345G'"),
        ({"colors.left": "blue"}, "colors.left", "Không phải mã màu: 'blue'"),
        ({"colors.text": "#AAAAAA"}, "colors.text", _low_contrast_message()),
        ({"colors.text": "#AAAAAA"}, "colors.text", "cần ít nhất 4,5:1 (WCAG AA)"),
        (
            {"qr.url": "javascript:alert(1)"},
            "qr.url",
            "Không phải địa chỉ web: 'javascript:alert(1)'",
        ),
        ({"qr.url": ""}, "qr.url", "Không phải địa chỉ web"),
        ({"qr.caption": ""}, "qr.caption", "Không được để trống."),
        ({"authority": "\n".join(["UBND"] * 5)}, "authority", "Nhiều nhất 4 dòng"),
        ({"layout": "b0-portrait"}, "layout", "Khổ không có trong danh sách"),
        ({"layout": ""}, "layout", "Khổ không có trong danh sách"),
        ({"format": "docx"}, "format", "Định dạng không có"),
        ({"format": "pptx"}, "format", "PowerPoint (PPTX) chỉ dành cho bản trình chiếu"),
        ({"sheet": "A5"}, "sheet", "chọn A4 hoặc A3"),
        ({"sheet": "A4", "format": "png"}, "format", "chỉ có dạng PDF"),
        ({"layout": "slides-16x9", "sheet": "A4"}, "sheet", "chỉ dành cho áp phích"),
        ({"layout": "slides-16x9", "marks": "on"}, "marks", "chỉ dành cho áp phích"),
        ({"layout": "slides-16x9", "cmyk": "on"}, "cmyk", "chỉ dành cho áp phích"),
        ({"subtitle": "Hội nghị"}, "subtitle", "chỉ dành cho bản trình chiếu"),
    ],
)
def test_each_field_is_validated_in_vietnamese(client, change, field, says):
    errors = errors_of(post(client, "/api/preview", {**CAM_PHA, **change}))
    assert field in errors, errors
    assert any(says in m for m in errors[field]), errors[field]


def test_low_contrast_names_every_pair_that_fails(client):
    errors = errors_of(post(client, "/api/preview", {**CAM_PHA, "colors.right": "#7FD17F"}))
    tint = parse_color("#7FD17F").tint(SIDE_TINT)
    ratio = f"{contrast_ratio(parse_color('#7FD17F'), tint):.2f}".replace(".", ",")
    ground = parse_color("#F3F1EC")  # the default background: the form sends none
    on_key = f"{contrast_ratio(parse_color('#7FD17F'), ground):.2f}".replace(".", ",")
    assert errors == {
        "colors.right": [
            f"Màu #7FD17F trên nền nhạt của chính nó (nhãn cột) {tint.hex()} có độ tương phản "
            f"{ratio}:1, cần ít nhất 4,5:1 (WCAG AA): hãy chọn màu đậm hơn.",
            f"Màu #7FD17F trên nền áp phích (chú giải hai cột ở trên) {ground.hex()} có độ "
            f"tương phản {on_key}:1, cần ít nhất 4,5:1 (WCAG AA): hãy chọn màu đậm hơn.",
        ]
    }


def test_every_problem_is_reported_at_once(client):
    fields = {
        **CAM_PHA,
        "name": "",
        "colors.primary": "#XYZ",
        "qr.url": "ftp://x",
        "layout": "../../etc/passwd",
        "format": "exe",
    }
    errors = errors_of(post(client, "/api/download", fields))
    assert set(errors) == {"name", "colors.primary", "qr.url", "layout", "format"}
    assert post(client, "/api/download", fields).json()["message"] == "Có 5 chỗ cần sửa."


def test_text_that_does_not_fit_is_placed_on_its_field(client):
    long_line = ("UBND PHƯỜNG ĐÔNG " * 5)[:80]  # too wide for a 4:3 slide's header
    fields = {**CAM_PHA, "authority": long_line, "layout": "slides-4x3"}
    errors = errors_of(post(client, "/api/preview", fields))
    assert "quá dài cho phần đầu của khổ này: hãy rút gọn." in errors["authority"][0]
    errors = errors_of(post(client, "/api/preview", {**CAM_PHA, "qr.caption": "Quét mã ☃"}))
    assert errors["qr.caption"] == [
        "Ký tự '☃' (U+2603) không có trong phông chữ Be Vietnam Pro: hãy bỏ hoặc thay ký tự này."
    ]


@pytest.mark.parametrize(
    ("problem", "field", "message"),
    [
        (Problem("b", "name", "missing (required)"), "name", "Bắt buộc: hãy nhập."),
        (Problem("b", "authority.1", "expected `str` of length >= 1"), "authority",
         "Không được để trống."),
        (Problem("l", "header.height_mm", "the title does not fit the header of layout 'a1' "
                 "at 40 pt"), "authority",
         "Các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: hãy bớt dòng hoặc rút gọn."),
        (Problem("l", "footer.height_mm", "the attribution and QR caption do not fit the footer"),
         "footer", "Dòng chân trang và chú thích mã QR quá dài cho phần chân: hãy rút gọn."),
        (Problem("l", "fonts.body.min", "item 3 does not fit a slide"), "",
         messages.TOO_SHORT),
        (Problem("b", "logo", "x.png is GIF, expected PNG or JPEG"), "logo",
         "Tệp là ảnh GIF: cần ảnh PNG hoặc JPEG."),
        (Problem("b", "logo", "x.png is too large an image (…)"), "logo",
         "Ảnh quá lớn (quá nhiều điểm ảnh)."),
        (Problem("b", "colors", "something new"), "colors.primary",
         "Giá trị không hợp lệ (something new)."),
    ],
)  # fmt: skip
def test_problem_translation_table(problem, field, message):
    assert messages.form_errors([problem]) == {field: [message]}


# ---------------------------------------------------------------- uploads


def test_upload_over_5_mb_is_refused_before_reading(client):
    big = os.urandom(8 * 1024 * 1024)
    r = post(client, "/api/preview", CAM_PHA, big)
    assert r.status_code == 413
    body = r.json()
    assert body["message"] == "Tệp quá lớn: tối đa 5 MB."
    assert body["errors"] == {"logo": ["Tệp quá lớn: tối đa 5 MB."]}


def test_upload_without_length_is_counted_as_it_arrives(client):
    boundary = "x-poster-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nX\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="logo"; filename="a.png"\r\n'
        "Content-Type: image/png\r\n\r\n"
    ).encode()
    sent = []

    def body():  # a stream: sent chunked, without Content-Length
        yield head
        for _ in range(64):  # 8 MB in 128 KB chunks
            sent.append(1)
            yield b"\0" * (128 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    r = client.post(
        "/api/preview",
        content=body(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert r.status_code == 413
    assert r.json()["message"] == "Tệp quá lớn: tối đa 5 MB."


def test_logo_just_over_5_mb_is_refused(client):
    logo = png_bytes((64, 64)) + b"\0" * (jobs.MAX_LOGO_BYTES + 1000)  # under the body limit
    r = post(client, "/api/preview", CAM_PHA, logo)
    assert r.status_code == 413
    assert r.json()["errors"]["logo"] == ["Tệp quá lớn: tối đa 5 MB."]


def test_text_renamed_png_is_not_an_image(client):
    errors = errors_of(post(client, "/api/preview", CAM_PHA, "không phải ảnh\n".encode() * 50))
    assert errors == {"logo": ["Tệp không phải ảnh PNG hoặc JPEG đọc được."]}


def test_truncated_png_is_not_an_image(client):
    errors = errors_of(post(client, "/api/preview", CAM_PHA, png_bytes()[:300]))
    assert errors == {"logo": ["Tệp không phải ảnh PNG hoặc JPEG đọc được."]}


def test_gif_is_refused(client):
    errors = errors_of(
        post(client, "/api/preview", CAM_PHA, png_bytes(fmt="GIF", mode="P", color=1))
    )
    assert errors == {"logo": ["Tệp là ảnh GIF: cần ảnh PNG hoặc JPEG."]}


def test_decompression_bomb_is_refused_cleanly(client):
    buf = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(buf, "PNG")  # 100 megapixels in ~12 KB
    assert len(buf.getvalue()) < 100_000
    start = time.monotonic()
    errors = errors_of(post(client, "/api/preview", CAM_PHA, buf.getvalue()))
    assert time.monotonic() - start < 5
    (message,) = errors["logo"]
    assert message.startswith("Ảnh quá lớn")
    assert "25 triệu điểm ảnh (logo chỉ cần khoảng 1000 × 1000)." in message
    assert client.get("/api/status").status_code == 200  # and the server goes on


def test_a_logo_over_the_pixel_limit_is_refused_from_its_header():
    buf = io.BytesIO()
    Image.new("1", (6000, 5000)).save(buf, "PNG")  # 30 megapixels: over ours, under Pillow's
    with pytest.raises(jobs.Invalid) as e:
        jobs.open_logo(buf.getvalue())
    assert e.value.errors == {
        "logo": [
            "Ảnh quá lớn: 6000 × 5000 điểm ảnh, tối đa 25 triệu điểm ảnh "
            "(logo chỉ cần khoảng 1000 × 1000)."
        ]
    }


def test_open_logo_turns_pillows_bomb_warning_into_a_refusal(monkeypatch):
    monkeypatch.setattr(jobs, "MAX_LOGO_PIXELS", 10**12)  # only Pillow's own guard is left
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(jobs.Invalid) as e:
        jobs.open_logo(png_bytes((40, 40)))
    (message,) = e.value.errors["logo"]
    assert message.startswith("Ảnh quá lớn: hơn ")


# ---------------------------------------------------------------- no request value is a path


def test_path_like_values_get_a_clean_error(client):
    errors = errors_of(post(client, "/api/preview", {**CAM_PHA, "layout": "../../etc/passwd"}))
    assert errors == {"layout": ["Khổ không có trong danh sách: hãy chọn lại."]}
    errors = errors_of(post(client, "/api/preview", {**CAM_PHA, "layout": "/etc/passwd.yaml"}))
    assert list(errors) == ["layout"]
    r = post(client, "/api/preview", {**WITH_LOGO, "name": "../x"}, png_bytes(), name="../../x.png")
    assert r.status_code == 200
    assert r.headers["x-poster-filename"] == "a1-portrait-x.pdf"


_WATCHED = {"open", "os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.symlink",
            "shutil.rmtree", "os.truncate", "os.chmod"}  # fmt: skip
_events: list[tuple[str, str, str]] | None = None  # recording while a list
_hooked = False


def _audit(event: str, args: tuple) -> None:
    if _events is None or event not in _WATCHED:
        return
    path = args[0] if args else None
    if isinstance(path, (str, bytes, os.PathLike)):
        mode = args[1] if event == "open" and len(args) > 1 and isinstance(args[1], str) else ""
        flags = args[2] if event == "open" and len(args) > 2 and isinstance(args[2], int) else 0
        writes = (
            event != "open"
            or any(c in mode for c in "wax+")
            or flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        )
        path = os.fsdecode(path)
        dir_fd = args[-1] if event in ("os.remove", "os.rmdir", "os.mkdir") else None
        if isinstance(dir_fd, int) and dir_fd >= 0 and not os.path.isabs(path):
            path = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), path)  # rmtree's way
        _events.append((event, path, "write" if writes else "read"))


def test_a_render_writes_only_inside_its_temporary_folder(tmp_path, monkeypatch):
    """Audit every file-system event of a whole render with hostile values: writes stay in
    the temporary folder, which is gone afterwards, and /etc/passwd is never opened."""
    global _events, _hooked
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    fields = {**WITH_LOGO, "name": "../../x", "footer": "../../etc/passwd", "sheet": "A4"}
    order = jobs.parse_order(fields, png_bytes())
    jobs.make(order, "preview")  # warm every cache first: fonts, specs
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    _events = []
    try:
        for view in ("preview", "pages", "download"):
            jobs.make(order, view)
        with pytest.raises(jobs.Invalid):
            jobs.parse_order({**fields, "layout": "../../etc/passwd"})
        seen = list(_events)
    finally:
        _events = None
    writes = [(e, p) for e, p, kind in seen if kind == "write"]
    assert writes, "the audit hook saw nothing"
    root = os.path.realpath(tmp_path)
    for event, path in writes:
        assert os.path.realpath(path).startswith(root + os.sep), (event, path)
    assert not any("passwd" in p for _, p, _ in seen)
    assert not any(p.endswith(os.sep + "x") for _, p in writes)
    assert list(tmp_path.iterdir()) == []  # the temporary folders are removed


# ---------------------------------------------------------------- previews and downloads


def test_preview_is_a_png_of_the_first_page(client):
    r = post(client, "/api/preview", CAM_PHA)
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.content.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(r.content))
    assert abs(image.width - jobs.PREVIEW_WIDTH) <= 1
    assert 1.38 < image.height / image.width < 1.44  # A1 portrait, trimmed
    assert r.headers["x-poster-pages"] == "1"
    assert r.headers["x-poster-filename"] == "a1-portrait-phuong-cam-pha.pdf"
    assert r.headers["cache-control"] == "no-store"


def test_preview_of_a_deck_and_its_page_thumbnails(client):
    fields = {**CAM_PHA, "layout": "slides-16x9", "subtitle": "Hội nghị, tháng 9/2025"}
    r = post(client, "/api/preview", fields)
    assert r.status_code == 200
    first = Image.open(io.BytesIO(r.content))
    assert abs(first.width / first.height - 16 / 9) < 0.01
    pages = int(r.headers["x-poster-pages"])
    # title, overview (1–2 slides), one or more per item (a long one continues), closing
    assert pages >= 3 + 17
    sheet = post(client, "/api/preview?view=pages", fields)
    assert sheet.status_code == 200 and sheet.headers["content-type"] == "image/png"
    grid = Image.open(io.BytesIO(sheet.content))
    assert grid.width > 4 * jobs.THUMB_WIDTH and grid.height > 4 * jobs.THUMB_WIDTH * 9 / 16
    assert post(client, "/api/preview?view=../x", fields).status_code == 422


def test_preview_takes_about_a_second_at_most(client):
    post(client, "/api/preview", CAM_PHA)
    start = time.monotonic()
    r = post(client, "/api/preview", {**WITH_LOGO, "colors.primary": "#0B4F8A"}, png_bytes())
    assert r.status_code == 200
    assert time.monotonic() - start < 1.5


def test_download_pdf_holds_the_communes_lines(client):
    r = post(client, "/api/download", CAM_PHA)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == (
        'attachment; filename="a1-portrait-phuong-cam-pha.pdf"; '
        "filename*=UTF-8''a1-portrait-phuong-cam-pha.pdf"
    )
    text = pdf_text(r.content)
    assert "UBND PHƯỜNG CẨM PHẢ" in text
    assert "TỈNH QUẢNG NINH" in text
    assert "Ủy ban nhân dân phường Cẩm Phả" in text


def test_download_with_print_options(client):
    plain = post(client, "/api/download", CAM_PHA).content
    r = post(client, "/api/download", {**CAM_PHA, "marks": "on", "cmyk": "on"})
    assert r.status_code == 200
    with pdfium.PdfDocument(r.content) as doc, pdfium.PdfDocument(plain) as ref:
        assert doc[0].get_mediabox() != ref[0].get_mediabox()  # marks sit outside the bleed
    from pypdf import PdfReader

    ops = PdfReader(io.BytesIO(r.content)).pages[0].get_contents().get_data()
    assert re.search(rb"[\d.]+ [\d.]+ [\d.]+ [\d.]+ k\b", ops)  # CMYK fills
    assert not re.search(rb"[\d.]+ [\d.]+ [\d.]+ rg\b", ops)  # no RGB fills


@pytest.mark.parametrize("layout", ["a0-portrait", "a1-portrait", "a2-portrait", "a3-portrait"])
def test_a_commune_with_its_logo_fits_every_poster(client, layout):
    r = post(client, "/api/preview", {**CAM_PHA, "layout": layout}, png_bytes())
    assert r.status_code == 200, r.json()


def test_download_tiled_sheets(client):
    r = post(client, "/api/download", {**CAM_PHA, "sheet": "A4"})
    assert r.status_code == 200
    assert "a1-portrait-phuong-cam-pha-tiled-A4.pdf" in r.headers["content-disposition"]
    with pdfium.PdfDocument(r.content) as doc:
        assert len(doc) > 2
        w, h = doc[1].get_size()
        assert {round(w / 72 * 25.4), round(h / 72 * 25.4)} == {210, 297}
    assert "UBND PHƯỜNG CẨM PHẢ" in pdf_text(r.content)


def test_download_pptx_for_slides(client):
    r = post(client, "/api/download", {**CAM_PHA, "layout": "slides-4x3", "format": "pptx"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "slides-4x3-phuong-cam-pha.pptx" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert len(slides) >= 20  # long items continue on a second slide
        assert "UBND PHƯỜNG CẨM PHẢ" in z.read("ppt/slides/slide1.xml").decode()


def test_download_png_of_a_poster(client):
    r = post(client, "/api/download", {**CAM_PHA, "layout": "a3-portrait", "format": "png"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert "a3-portrait-phuong-cam-pha.png" in r.headers["content-disposition"]
    assert abs(Image.open(io.BytesIO(r.content)).width - jobs.PNG_WIDTH["poster"]) <= 1


def test_logo_too_small_for_print_is_a_warning_not_an_error(client):
    r = post(client, "/api/preview", WITH_LOGO, png_bytes((120, 120)))
    assert r.status_code == 200
    import json

    (warning,) = json.loads(r.headers["x-poster-warnings"])
    assert warning.startswith("Logo 120 × 120 điểm ảnh chỉ đạt 59 dpi khi in (52 mm)")


# ---------------------------------------------------------------- the worker pool


def test_a_request_past_its_deadline_fails_cleanly_and_the_server_goes_on():
    with TestClient(create_app(workers=1, timeout=0.05)) as c:
        r = post(c, "/api/preview", CAM_PHA)
        assert r.status_code == 504
        assert r.json()["message"].startswith("Quá 0,05 giây mà chưa tạo xong tệp")
        assert r.headers["content-security-policy"] == CSP
        c.app.state.workers.timeout = 30.0
        r = post(c, "/api/preview", CAM_PHA)
        assert r.status_code == 200 and r.content.startswith(b"\x89PNG")


def _run(coro):
    return asyncio.run(coro)


def test_pool_refuses_when_its_queue_is_full():
    async def go():
        pool = Workers(1, queue=0, timeout=10)
        await pool.start()
        try:
            first = asyncio.create_task(pool.run(time.sleep, 0.8))
            await asyncio.sleep(0.2)  # the worker has taken it
            second = asyncio.create_task(pool.run(time.sleep, 0.1))  # waits in the queue
            await asyncio.sleep(0.05)
            with pytest.raises(Busy):
                await pool.run(time.sleep, 0.1)
            await first
            await second
            assert await pool.run(pow, 2, 10) == 1024
        finally:
            await pool.stop()

    _run(go())


def test_pool_replaces_a_stuck_worker_and_a_dead_one():
    async def go():
        pool = Workers(1, queue=4, timeout=0.5)
        await pool.start()
        try:
            before = pool.pids
            with pytest.raises(TimedOut):
                await pool.run(time.sleep, 10)
            assert pool.pids != before
            pool.timeout = 10
            assert await pool.run(pow, 3, 3) == 27
            with pytest.raises(Crashed):
                await pool.run(os._exit, 3)
            assert await pool.run(pow, 2, 5) == 32
            with pytest.raises(ValueError):
                await pool.run(int, "not a number")
        finally:
            await pool.stop()

    _run(go())
