"""The web page through FastAPI's TestClient: every field's validation in Vietnamese,
upload limits, images that are not images, path-like values, previews, downloads read
back with pypdfium2, security headers on every response, the worker pool's limits."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import python_multipart  # noqa: F401  (required: the page's uploads; missing, the test fails)
from conftest import pdf_text
from fastapi.testclient import TestClient
from metrics import wcag
from PIL import Image

from poster.colors import SIDE_TINT, contrast_ratio, parse_color
from poster.errors import Problem, problem
from poster.web import jobs, messages
from poster.web.app import CSP, create_app
from poster.web.pool import Busy, Crashed, TimedOut, Workers

BASE = "http://127.0.0.1:8000"  # the Host a browser on this machine sends

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
    with TestClient(create_app(workers=2), base_url=BASE) as c:
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
    # the form posts to the page's own download (it works without JavaScript)
    assert re.findall(r'\baction\s*=\s*"([^"]*)"', html) == ["/api/download"]
    for ref in references:
        if ref == "/api/download":
            continue
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

    with TestClient(create_app(workers=1), base_url=BASE) as c:
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
    response = post(client, "/api/preview", {**CAM_PHA, "colors.right": "#7FD17F"})
    errors = errors_of(response)
    tint = parse_color("#7FD17F").tint(SIDE_TINT)
    ratio = f"{contrast_ratio(parse_color('#7FD17F'), tint):.2f}".replace(".", ",")
    # the way out: the colour of the same hue that passes every check of the field (on
    # its tint and, in the key, on the background), in the messages and as a fix
    ground = parse_color("#F3F1EC")  # the default background: the form sends none
    on_key = f"{contrast_ratio(parse_color('#7FD17F'), ground):.2f}".replace(".", ",")
    fix = response.json()["fixes"]["colors.right"]
    fixed = parse_color(fix)
    fixed_ratio = contrast_ratio(fixed, fixed.tint(SIDE_TINT))
    fixed_on_key = contrast_ratio(fixed, ground)
    assert fixed_ratio >= 4.5 and fixed_on_key >= 4.5
    assert errors == {
        "colors.right": [
            f"Màu #7FD17F trên nền nhạt của chính nó (nhãn cột) {tint.hex()} có độ tương phản "
            f"{ratio}:1, cần ít nhất 4,5:1 (WCAG AA): màu {fix} cùng tông màu đạt "
            + f"{fixed_ratio:.2f}".replace(".", ",")
            + ":1.",
            f"Màu #7FD17F trên nền áp phích (chú giải hai cột ở trên) {ground.hex()} có độ "
            f"tương phản {on_key}:1, cần ít nhất 4,5:1 (WCAG AA): màu {fix} cùng tông màu đạt "
            + f"{fixed_on_key:.2f}".replace(".", ",")
            + ":1.",
        ]
    }
    assert response.json()["fixes"] == {"colors.right": fix}
    # with the fix, the same form is accepted
    assert post(client, "/api/preview", {**CAM_PHA, "colors.right": fix}).status_code == 200


def test_sides_too_alike_are_refused_with_a_colour_one_click_away(client):
    """The review's navy beside the national blue: the boxes' fills are ΔE00 7 apart
    (issue 19.2 asks 12). The message names both colours, in Vietnamese; the colour
    offered is accepted. (The fills' distances are measured independently in
    test_sides_apart.py.)"""
    fields = {**CAM_PHA, "colors.left": "#1F5FA8", "colors.right": "#1B2A4A"}
    response = post(client, "/api/preview", fields)
    errors = errors_of(response)
    fix = response.json()["fixes"]["colors.right"]
    assert re.fullmatch(r"#[0-9A-F]{6}", fix) and fix != "#1B2A4A"
    assert list(errors) == ["colors.right"]
    (message,) = errors["colors.right"]
    assert re.fullmatch(
        r"Màu #1B2A4A quá giống màu cột trái #1F5FA8: nền của hai cột \(#[0-9A-F]{6} và "
        r"#[0-9A-F]{6}\) chỉ cách nhau ΔE00 \d+,\d, cần ít nhất 12 để nhìn là phân biệt được: "
        rf"màu {fix} đạt ΔE00 1\d,\d và đủ độ tương phản\.",
        message,
    ), message
    assert post(client, "/api/preview", {**fields, "colors.right": fix}).status_code == 200


def test_a_pale_primary_is_a_light_band_not_a_refusal(client):
    """Review 17: a pale yellow primary was refused and an olive offered; it is accepted
    (black text on the band). A mid gold, which neither white nor black reads on well,
    is refused with a lighter gold for a light band, one click away."""
    assert post(client, "/api/preview", {**CAM_PHA, "colors.primary": "#F2C94C"}).status_code == 200
    response = post(client, "/api/preview", {**CAM_PHA, "colors.primary": "#B8860B"})
    (message,) = errors_of(response)["colors.primary"]
    fix = response.json()["fixes"]["colors.primary"]
    assert message.endswith(
        f"màu {fix} cùng tông màu đủ sáng để làm dải đầu trang sáng với chữ đen "
        + f"({wcag((0, 0, 0), parse_color(fix).rgb):.2f}:1).".replace(".", ",", 1)
    ), message
    assert post(client, "/api/preview", {**CAM_PHA, "colors.primary": fix}).status_code == 200


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
        (problem("field.missing", "b", "name"), "name", "Bắt buộc: hãy nhập."),
        (problem("field.empty", "b", "authority.1"), "authority", "Không được để trống."),
        (problem("fit.title", "l", "header.height_mm", layout="a1", size=40.0), "authority",
         "Các dòng cơ quan chiếm hết chỗ của tiêu đề ở khổ này: hãy bớt dòng hoặc rút gọn."),
        (problem("fit.footer", "l", "footer.height_mm", layout="a1"),
         "footer", "Dòng chân trang và chú thích mã QR quá dài cho phần chân: hãy rút gọn."),
        (problem("fit.slide", "l", "fonts.body.min", n=3, layout="s", size=18.0, why="…"), "",
         messages.TOO_SHORT),
        (problem("image.format", "b", "logo", name="x.png", format="GIF"), "logo",
         "Tệp là ảnh GIF: cần ảnh PNG hoặc JPEG."),
        (problem("image.too-large", "b", "logo", name="x.png", reason="…"), "logo",
         "Ảnh quá lớn (quá nhiều điểm ảnh)."),
        # a problem without a code (made elsewhere): shown as it is, after a lead-in
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
    assert "hơn 4096 × 4096 điểm ảnh (logo chỉ cần khoảng 1000 × 1000)." in message
    assert client.get("/api/status").status_code == 200  # and the server goes on


def test_a_logo_over_the_pixel_limit_is_refused_from_its_header():
    buf = io.BytesIO()
    Image.new("1", (4100, 4100)).save(buf, "PNG")  # 16.8 megapixels: over ours, under Pillow's
    with pytest.raises(jobs.Invalid) as e:
        jobs.open_logo(buf.getvalue())
    assert e.value.errors == {
        "logo": [
            "Ảnh quá lớn: 4100 × 4100 điểm ảnh, tối đa 4096 × 4096 "
            "(logo chỉ cần khoảng 1000 × 1000)."
        ]
    }


def test_open_logo_turns_pillows_bomb_warning_into_a_refusal(monkeypatch):
    from poster import logo

    monkeypatch.setattr(logo, "PIXELS", 10**12)  # only Pillow's own guard is left
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
    assert r.headers["x-poster-filename"] == "ap-phich-a1-x.pdf"


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
    assert r.headers["x-poster-filename"] == "ap-phich-a1-phuong-cam-pha.pdf"
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
        'attachment; filename="ap-phich-a1-phuong-cam-pha.pdf"; '
        "filename*=UTF-8''ap-phich-a1-phuong-cam-pha.pdf"
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
    # the page's CMYK option gives PDF/X-1a, for the print shop
    pdf = PdfReader(io.BytesIO(r.content))
    assert pdf.metadata["/GTS_PDFXVersion"] == "PDF/X-1a:2001"
    (intent,) = pdf.trailer["/Root"]["/OutputIntents"]
    assert intent.get_object()["/S"] == "/GTS_PDFX"


@pytest.mark.parametrize("layout", ["a0-portrait", "a1-portrait", "a2-portrait", "a3-portrait"])
def test_a_commune_with_its_logo_fits_every_poster(client, layout):
    r = post(client, "/api/preview", {**CAM_PHA, "layout": layout}, png_bytes())
    assert r.status_code == 200, r.json()


def test_download_tiled_sheets(client):
    r = post(client, "/api/download", {**CAM_PHA, "sheet": "A4"})
    assert r.status_code == 200
    assert "ap-phich-a1-phuong-cam-pha-to-A4.pdf" in r.headers["content-disposition"]
    with pdfium.PdfDocument(r.content) as doc:
        assert len(doc) > 2
        w, h = doc[1].get_size()
        assert {round(w / 72 * 25.4), round(h / 72 * 25.4)} == {210, 297}
    assert "UBND PHƯỜNG CẨM PHẢ" in pdf_text(r.content)


def test_download_pptx_for_slides(client):
    r = post(client, "/api/download", {**CAM_PHA, "layout": "slides-4x3", "format": "pptx"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "trinh-chieu-4x3-phuong-cam-pha.pptx" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        assert len(slides) >= 20  # long items continue on a second slide
        first = z.read("ppt/slides/slide1.xml").decode()
        # a compound word's syllables are joined by no-break spaces (PowerPoint wraps
        # between words only); no other character differs from the letterhead typed
        assert "UBND PHƯỜNG CẨM PHẢ" in first.replace("\xa0", " ")
        assert "UBND PHƯỜNG CẨM\xa0PHẢ" in first


def test_download_png_of_a_poster(client):
    # a one-page poster (A2 is two pages since issue 19: see the zip below)
    r = post(client, "/api/download", {**CAM_PHA, "layout": "a0-portrait", "format": "png"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert "ap-phich-a0-phuong-cam-pha.png" in r.headers["content-disposition"]
    assert abs(Image.open(io.BytesIO(r.content)).width - jobs.PNG_WIDTH["poster"]) <= 1


def test_download_png_of_a_two_page_poster_is_a_zip_of_both(client):
    import zipfile

    r = post(client, "/api/download", {**CAM_PHA, "layout": "a3-portrait", "format": "png"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        names = sorted(z.namelist())
        assert len(names) == 2 and all(n.endswith(".png") for n in names), names
        for name in names:  # A3, 297 × 420 mm
            image = Image.open(io.BytesIO(z.read(name)))
            assert abs(image.width - jobs.PNG_WIDTH["poster"]) <= 1
            assert abs(image.height - image.width * 420 / 297) <= 1


def test_a_two_page_poster_previews_both_pages(client):
    r = post(client, "/api/preview", {**CAM_PHA, "layout": "a3-portrait"})
    assert r.status_code == 200 and r.headers["x-poster-pages"] == "2"


def test_fonts_offered_as_one_download():
    import zipfile

    from poster.resources import FONTS, shipped

    with TestClient(create_app(workers=1), base_url=BASE) as c:
        r = c.get("/fonts.zip")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    assert "phong-chu" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        bold = "BeVietnamPro-Bold.ttf"
        assert z.read(bold) == shipped(FONTS, bold).read_bytes()
    # the page links to it where the PowerPoint format is chosen
    with TestClient(create_app(workers=1), base_url=BASE) as c:
        html = c.get("/").text
    assert 'href="/fonts.zip"' in html


def test_logo_too_small_for_print_is_a_warning_not_an_error(client):
    r = post(client, "/api/preview", WITH_LOGO, png_bytes((120, 120)))
    assert r.status_code == 200
    import json

    (warning,) = json.loads(r.headers["x-poster-warnings"])
    assert warning.startswith("Logo 120 × 120 điểm ảnh chỉ đạt 59 dpi khi in (52 mm)")


# ---------------------------------------------------------------- the worker pool


def test_a_request_past_its_deadline_fails_cleanly_and_the_server_goes_on():
    with TestClient(create_app(workers=1, timeout=0.05), base_url=BASE) as c:
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


# ---------------------------------------------------------------- no input gives a 500

# QR addresses an officer may paste: long links break no line of the QR caption area
LONG_URLS = [
    "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html?x=1",  # 56 characters
    "https://www.bacninh.gov.vn/web/ubnd-xa-hiep-hoa/chuyen-doi-so/tin-tuc-su-kien",
    "https://example.gov.vn/" + "a" * 270,  # near the 300-character limit
]


@pytest.mark.parametrize("layout", ["a1-portrait", "a0-portrait", "slides-4x3"])
@pytest.mark.parametrize("url", LONG_URLS, ids=["56", "80", "293"])
def test_a_long_qr_address_is_a_field_error_or_a_poster_never_a_500(client, layout, url):
    r = post(client, "/api/preview", {**CAM_PHA, "layout": layout, "qr.url": url})
    assert r.status_code in (200, 422), (r.status_code, r.text[:300])
    if r.status_code == 422:
        errors = r.json()["errors"]
        assert list(errors) == ["qr.url"], errors
        assert "ngắn hơn" in errors["qr.url"][0]
    else:
        assert r.content.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("name", "Xã Hiệp Hòa 😀", "Ký tự '😀' (U+1F600) không có trong phông chữ"),
        ("authority", "UBND XÃ 🇻🇳", "không có trong phông chữ"),
        ("footer", "Ủy ban nhân dân ✈", "Ký tự '✈' (U+2708)"),
        ("name", "Xã\x00Hiệp Hòa", "Có ký tự điều khiển U+0000"),
        ("footer", "Ủy ban\x1b[31m", "Có ký tự điều khiển U+001B"),
        ("authority", "UBND XÃ \u202eAOH", "Có ký tự điều khiển U+202E"),
        ("qr.url", "https://a.vn/\x7f", "Có ký tự điều khiển U+007F"),
        ("layout", "a1-portrait\x00", "Có ký tự điều khiển U+0000"),
        ("name", "", "Không được để trống."),
    ],
)
def test_emoji_and_control_characters_are_refused_at_their_field(client, field, value, says):
    errors = errors_of(post(client, "/api/download", {**CAM_PHA, field: value}))
    assert field in errors, errors
    assert any(says in m for m in errors[field]), errors[field]


def test_a_nul_never_reaches_the_pdf(client):
    r = post(client, "/api/download", {**CAM_PHA, "name": "Phường Cẩm Phả\x00"})
    assert r.status_code == 422 and b"%PDF" not in r.content


@pytest.mark.parametrize(
    "change",
    [
        {"name": "\ud800"},  # a lone surrogate, as a browser may send it after bad paste
        {"colors.primary": "#" + "F" * 5000},
        {"authority": "\n" * 10_000},
        {"qr.caption": "ừ" * 5000},
        {"layout": "slides-16x9", "subtitle": "x" * 121},
        {"sheet": "A4", "format": "pptx", "marks": "on", "cmyk": "on"},
        {"kind": "../../", "view": "download", "logo": "x"},
    ],
)
def test_no_input_gives_a_server_error(client, change):
    fields = {**CAM_PHA, **change}
    body = {k: v.encode("utf-8", "surrogatepass") for k, v in fields.items()}
    for path in ("/api/preview", "/api/download"):
        r = client.post(path, data=body, files={"logo": ("", b"", "application/octet-stream")})
        assert r.status_code < 500, (path, r.status_code, r.text[:200])


def test_an_unexpected_failure_answers_with_an_id_and_the_server_goes_on(
    client, monkeypatch, caplog
):
    def broken(fields, logo=None):
        raise RuntimeError("a bug")

    monkeypatch.setattr(jobs, "parse_order", broken)
    with caplog.at_level("ERROR", logger="poster.web"):
        r = post(client, "/api/preview", CAM_PHA)  # TestClient raises what escapes the app
    assert r.status_code == 500
    body = r.json()
    assert re.fullmatch(r"[0-9a-f]{8}", body["id"])
    assert f"(mã {body['id']})" in body["message"]
    assert any(body["id"] in rec.getMessage() for rec in caplog.records)
    monkeypatch.undo()
    assert post(client, "/api/preview", CAM_PHA).status_code == 200


# ---------------------------------------------------------------- strangers


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1.evil.example:8000"},
        {"host": "evil.example"},  # DNS rebinding: a name of the attacker's for this machine
        {"host": "evil.example:8000", "origin": "http://evil.example:8000"},
    ],
)
def test_a_foreign_origin_or_host_gets_403(client, headers):
    r = client.post("/api/download", data=CAM_PHA, files={"logo": ("", b"", "x")}, headers=headers)
    assert r.status_code == 403
    assert "không được phép" in r.json()["message"]
    assert "content-disposition" not in r.headers
    assert client.get("/api/localities?q=cam", headers=headers).status_code == 403


def test_the_pages_own_origin_and_loopback_names_pass(client):
    for headers in (
        {"origin": "http://127.0.0.1:8000"},
        {"host": "localhost:8000", "origin": "http://localhost:8000"},
        {"host": "[::1]:8000"},
    ):
        assert client.get("/api/layouts", headers=headers).status_code == 200, headers


def test_allow_host_admits_a_reverse_proxys_name():
    app = create_app(workers=1, allow_hosts=["poster.example.gov.vn"])
    with TestClient(app, base_url="https://poster.example.gov.vn") as c:
        ok = {"origin": "https://poster.example.gov.vn"}
        assert c.get("/api/layouts", headers=ok).status_code == 200
        assert c.get("/api/layouts", headers={"origin": "https://evil.example"}).status_code == 403
        assert c.get("/api/layouts", headers={"host": "10.0.0.5"}).status_code == 403
    with TestClient(create_app(workers=1, any_ip=True), base_url="http://192.168.1.20") as c:
        assert c.get("/api/layouts").status_code == 200  # bound to 0.0.0.0: LAN by address
        assert c.get("/api/layouts", headers={"host": "evil.example"}).status_code == 403


# ---------------------------------------------------------------- cost caps and cleanup


def _zombies() -> list[str]:
    me = str(os.getpid())
    found = []
    for stat in os.listdir("/proc"):
        if not stat.isdigit():
            continue
        try:
            with open(f"/proc/{stat}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] == "Z" and fields[1] == me:
            found.append(stat)
    return found


def test_a_job_killed_at_the_deadline_leaves_no_folder_and_no_zombie(tmp_path):
    with TestClient(create_app(workers=1, timeout=0.3, tmp=str(tmp_path)), base_url=BASE) as c:
        (root,) = tmp_path.iterdir()  # the server's own folder, named after its process
        assert root.name.startswith(f"poster-web-{os.getpid()}-")
        fields = {**WITH_LOGO, "layout": "slides-16x9", "format": "png"}
        r = post(c, "/api/download", fields, png_bytes((2000, 2000)))
        assert r.status_code == 504
        assert list(root.iterdir()) == []  # the request's folder and its logo are gone
        assert not _zombies()
        c.app.state.workers.timeout = 30.0
        assert post(c, "/api/preview", CAM_PHA).status_code == 200
        assert list(root.iterdir()) == []
    assert list(tmp_path.iterdir()) == []  # the server's folder goes when it stops


def test_stale_folders_of_a_previous_run_are_removed_at_start(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"poster-web-{dead.pid}-abc"
    (stale / "x").mkdir(parents=True)
    (stale / "x" / "logo.png").write_bytes(b"officer's logo")
    old = tmp_path / "poster-web-k2j4h5"  # an older version's, untouched for two hours
    old.mkdir()
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    fresh = tmp_path / "poster-web-q9w8e7"  # an older version's, maybe in use now
    fresh.mkdir()
    alive = tmp_path / f"poster-web-{os.getppid()}-xyz"  # a running server's
    alive.mkdir()
    with TestClient(create_app(workers=1, tmp=str(tmp_path)), base_url=BASE):
        names = {p.name for p in tmp_path.iterdir()}
        assert stale.name not in names and old.name not in names
        assert {fresh.name, alive.name} <= names


def _concurrently(c, count: int, fields: dict) -> list:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: post(c, "/api/preview", fields), range(count)))


def test_one_client_cannot_take_every_worker():
    with TestClient(create_app(workers=1, per_client=2), base_url=BASE) as c:
        answers = _concurrently(c, 6, {**CAM_PHA, "layout": "a0-portrait"})
        codes = sorted(r.status_code for r in answers)
        assert codes.count(200) >= 2 and 429 in codes, codes
        assert set(codes) <= {200, 429}, codes
        refused = next(r for r in answers if r.status_code == 429)
        assert refused.headers["retry-after"].isdigit()
        assert post(c, "/api/preview", CAM_PHA).status_code == 200


def test_a_full_queue_answers_503_with_retry_after():
    with TestClient(create_app(workers=1, queue=0, per_client=0), base_url=BASE) as c:
        answers = _concurrently(c, 5, {**CAM_PHA, "layout": "a0-portrait"})
        codes = sorted(r.status_code for r in answers)
        assert 200 in codes and 503 in codes and set(codes) <= {200, 503}, codes
        busy = next(r for r in answers if r.status_code == 503)
        assert 1 <= int(busy.headers["retry-after"]) <= 30


def test_a_png_over_the_pixel_budget_is_refused_before_rendering(monkeypatch):
    monkeypatch.setattr(jobs, "PIXEL_BUDGET", 5_000_000)  # an A1 PNG: 2400 × 3394 px
    order = jobs.parse_order({**CAM_PHA, "format": "png"})
    start = time.monotonic()
    with pytest.raises(jobs.Invalid) as e:
        jobs.make(order, "download")
    assert time.monotonic() - start < 1.0
    assert e.value.errors["format"][0].startswith("Ảnh PNG quá lớn cho máy chủ (8 triệu")


# ---------------------------------------------------------------- details


def test_search_matches_a_name_typed_without_spaces(client):
    labels = [x["label"] for x in client.get("/api/localities?q=campha").json()["results"]]
    assert labels and labels[0].startswith("Phường Cẩm Phả, Quảng Ninh"), labels


def test_namesakes_download_under_distinct_names(client):
    names = set()
    for province in ("Bắc Ninh", "Tây Ninh"):
        fields = {**CAM_PHA, "name": "Xã Hiệp Hòa", "province": province}
        r = post(client, "/api/download", fields)
        assert r.status_code == 200
        names.add(r.headers["x-poster-filename"])
    assert names == {"ap-phich-a1-xa-hiep-hoa-bac-ninh.pdf", "ap-phich-a1-xa-hiep-hoa-tay-ninh.pdf"}


def test_logo_advice_and_warning_give_the_same_number(client):
    layouts = {x["name"]: x for x in client.get("/api/layouts").json()["layouts"]}
    need = layouts["a1-portrait"]["logo_px"]
    assert need == 308  # 52 mm at 150 dpi: 307.1 px
    r = post(client, "/api/preview", WITH_LOGO, png_bytes((need, need)))
    assert json.loads(r.headers["x-poster-warnings"]) == []
    r = post(client, "/api/preview", WITH_LOGO, png_bytes((need - 1, need - 1)))
    (warning,) = json.loads(r.headers["x-poster-warnings"])
    assert f"cạnh dài từ {need} điểm ảnh" in warning


def test_a_png_download_has_the_exact_width_and_its_dpi(client):
    r = post(client, "/api/download", {**CAM_PHA, "format": "png"})
    image = Image.open(io.BytesIO(r.content))
    assert image.width == 2400
    assert abs(image.height - 2400 * 841 / 594) <= 1  # A1's 594 × 841 mm
    dpi = 2400 / (594 / 25.4)
    assert image.info["dpi"][0] == pytest.approx(dpi, abs=0.05)


@pytest.mark.parametrize(
    "change", [{}, {"sheet": "A4"}, {"layout": "slides-16x9"}], ids=["poster", "sheets", "deck"]
)
def test_every_downloaded_pdf_names_the_locality_in_its_metadata(client, change):
    r = post(client, "/api/download", {**CAM_PHA, **change})
    assert r.status_code == 200
    doc = pdfium.PdfDocument(r.content)
    try:
        assert doc.get_metadata_dict()["Author"] == "Phường Cẩm Phả"
    finally:
        doc.close()


def test_after_a_500_the_same_connection_goes_on_serving(monkeypatch, tmp_path):
    """A real server (uvicorn, keep-alive): a failure outside the render path, in the
    layouts list, is answered with its id, and the next request on the same connection
    is served; nothing reaches the server to make it close the connection."""
    import http.client
    import threading

    import uvicorn

    calls = {"n": 0}
    real = jobs.layout_choices

    def flaky():
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("a bug")
        return real()

    monkeypatch.setattr(jobs, "layout_choices", flaky)
    config = uvicorn.Config(create_app(workers=1, tmp=str(tmp_path)), host="127.0.0.1", port=0,
                            log_level="critical", lifespan="on")  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        port = server.servers[0].sockets[0].getsockname()[1]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/api/layouts")
        first = conn.getresponse()
        body = json.loads(first.read())
        assert first.status == 500 and re.fullmatch(r"[0-9a-f]{8}", body["id"])
        assert first.getheader("connection") != "close"
        conn.request("GET", "/api/layouts")  # the same socket
        second = conn.getresponse()
        assert second.status == 200 and json.loads(second.read())["layouts"]
        conn.close()
    finally:
        server.should_exit = True
        thread.join(15)


@pytest.mark.parametrize("change", [{"sheet": "A4"}, {"layout": "slides-16x9"}])
def test_thumbnails_are_labelled_by_what_their_page_shows(change):
    """Each label of the pages view against the text its page prints: 'Tờ 5/16' on the
    fifth sheet, 'Điểm 1' on the slide of item 1 (its number and heading, from the YAML)."""
    import yaml

    items = yaml.safe_load(
        (Path(__file__).resolve().parents[1] / "content" / "differences.yaml").read_text("utf-8")
    )["items"]
    order = jobs.parse_order({**CAM_PHA, **change})
    pdf = jobs.make(order, "download").data
    doc = pdfium.PdfDocument(pdf)
    try:
        texts = [" ".join(page.get_textpage().get_text_range().split()) for page in doc]
    finally:
        doc.close()
    labels = jobs._page_labels(order, pdf, len(texts))
    assert len(labels) == len(texts)
    for label, text in zip(labels, texts, strict=True):
        if label.startswith("Tờ "):
            assert f"{label} —" in text, (label, text[:80])
        elif label == "Sơ đồ ghép":
            assert "Sơ đồ ghép tờ" in text
        elif label.startswith("Điểm "):
            item = items[int(label.split()[1]) - 1]
            assert text.startswith(f"{item.get('n', int(label.split()[1]))} "), text[:40]
            assert " ".join(item["heading"].split())[:30] in text
        elif label == "Bìa":
            assert "UBND PHƯỜNG CẨM PHẢ" in text
        elif label == "Trang kết":
            assert "https://t63.mic.gov.vn" in text
        else:
            assert label.startswith("Tổng quan"), label
    if "sheet" in change:
        assert labels[:2] == ["Sơ đồ ghép", "Tờ 1/16"]
    else:
        assert labels[0] == "Bìa" and labels[1].startswith("Tổng quan")
        assert "Điểm 1" in labels and labels[-1] == "Trang kết"


def test_a_large_jpeg_logo_is_judged_by_its_uploaded_size(client):
    """A preview decodes a big JPEG at a fraction of its size; its sharpness is still
    judged on the pixels uploaded (3000 px: sharp at A0), not on the decoded copy."""
    logo = png_bytes((3000, 3000), fmt="JPEG")
    r = post(client, "/api/preview", {**WITH_LOGO, "layout": "a0-portrait"}, logo, "logo.jpg")
    assert r.status_code == 200
    assert json.loads(r.headers["x-poster-warnings"]) == []
    r = post(client, "/api/preview", {**WITH_LOGO, "layout": "a0-portrait"},
             png_bytes((300, 300), fmt="JPEG"), "logo.jpg")  # fmt: skip
    (warning,) = json.loads(r.headers["x-poster-warnings"])
    assert warning.startswith("Logo 300 × 300 điểm ảnh")


# ---------------------------------------------------------------- the logo sent once (issue 22)


def test_a_logo_is_sent_once_and_previews_send_its_token(client):
    import hashlib

    logo = png_bytes((500, 500), color="#1F5FA8")
    r = post(client, "/api/logo", {}, logo)
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    assert token == hashlib.sha256(logo).hexdigest()[:32]  # a content hash: any host agrees
    assert (r.json()["width"], r.json()["height"]) == (500, 500)
    assert post(client, "/api/logo", {}, logo).json()["token"] == token  # the same bytes
    # a preview with the token alone draws the logo (its warning says so: 500 px is sharp
    # at A1, 120 px is not)
    r = post(client, "/api/preview", {**WITH_LOGO, "logo_token": token})
    assert r.status_code == 200 and json.loads(r.headers["x-poster-warnings"]) == []
    small = post(client, "/api/logo", {}, png_bytes((120, 120))).json()["token"]
    r = post(client, "/api/preview", {**WITH_LOGO, "logo_token": small})
    (warning,) = json.loads(r.headers["x-poster-warnings"])
    assert warning.startswith("Logo 120 × 120 điểm ảnh")
    # and the download embeds it: the header's image is the logo's blue
    r = post(client, "/api/download", {**WITH_LOGO, "logo_token": token})
    doc = pdfium.PdfDocument(r.content)
    try:
        (image,) = [o for o in doc[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        pixel = image.get_bitmap().to_pil().convert("RGB").getpixel((250, 250))
    finally:
        doc.close()
    assert pixel == (0x1F, 0x5F, 0xA8)


def test_a_token_the_server_lacks_asks_for_the_logo_again(client):
    r = post(client, "/api/preview", {**WITH_LOGO, "logo_token": "0" * 32})
    assert r.status_code == 409
    assert r.headers["x-poster-resend"] == "logo"
    assert "gửi lại" in r.json()["message"]
    errors = errors_of(post(client, "/api/preview", {**WITH_LOGO, "logo_token": "../../x"}))
    assert list(errors) == ["logo"]


def test_the_store_is_bounded_by_count_size_and_age(tmp_path):
    from poster.web.app import LogoStore

    def prepared(n: int, size: int = 1000) -> jobs.Prepared:
        return jobs.Prepared(bytes([n % 256]) * size, "logo.png", b"p", (10, 10))

    store = LogoStore(count=3, size=2500, ttl=60)
    store.start(tmp_path)
    for n in range(3):
        store.put(f"{n:032x}", prepared(n))
    assert len(store) == 2 and store.nbytes <= 2500  # the size bound dropped the oldest
    assert store.get(f"{0:032x}", full=True) is None
    assert store.get(f"{2:032x}", full=True).full == bytes([2]) * 1000
    for n in range(3, 8):
        store.put(f"{n:032x}", prepared(n, 10))
    assert len(store) == 3  # the count bound
    assert sorted(p.name for p in (tmp_path / "logos").iterdir()) == sorted(
        f"{n:032x}.{part}" for n in (5, 6, 7) for part in ("full", "preview")
    )
    store.ttl = 0.0  # all of them older than their time now
    assert store.get(f"{7:032x}", full=False) is None and len(store) == 0
    store.stop()
    assert not (tmp_path / "logos").exists()


def test_the_logo_store_goes_when_the_server_stops(tmp_path):
    with TestClient(create_app(workers=1, tmp=str(tmp_path)), base_url=BASE) as c:
        token = post(c, "/api/logo", {}, png_bytes()).json()["token"]
        (root,) = tmp_path.iterdir()
        assert (root / "logos" / f"{token}.full").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_phone_photo_is_upright_in_the_downloaded_pdf(client, tmp_path):
    """Orientation 6, sent as the page sends it (upload, then the token) and as a form
    without JavaScript sends it (the file with the form): portrait, marker at the top."""
    from test_logo import assert_upright, phone_jpeg

    photo = phone_jpeg(tmp_path / "phone.jpg").read_bytes()
    token = post(client, "/api/logo", {}, photo, name="phone.jpg").json()["token"]
    for label, r in (
        ("token", post(client, "/api/download", {**WITH_LOGO, "logo_token": token})),
        ("form", post(client, "/api/download", WITH_LOGO, photo, name="phone.jpg")),
    ):
        assert r.status_code == 200, (label, r.text[:300])
        (tmp_path / f"{label}.pdf").write_bytes(r.content)
        assert_upright(tmp_path / f"{label}.pdf", tmp_path)


def test_a_refused_logo_keeps_the_previous_one(client):
    good = png_bytes((400, 400), color="#1E7B4A")
    token = post(client, "/api/logo", {}, good).json()["token"]
    bad = post(client, "/api/logo", {}, b"GIF89a" + b"\0" * 100, name="x.gif")
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["logo"]
    r = post(client, "/api/download", {**WITH_LOGO, "logo_token": token})
    doc = pdfium.PdfDocument(r.content)
    try:
        (image,) = [o for o in doc[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
        assert image.get_bitmap().to_pil().convert("RGB").getpixel((5, 5)) == (0x1E, 0x7B, 0x4A)
    finally:
        doc.close()


# ---------------------------------------------------------------- nothing silently lost


def test_a_301_character_link_gets_a_field_error_and_nothing_is_cut(client):
    url = "https://example.gov.vn/" + "a" * (301 - len("https://example.gov.vn/"))
    assert len(url) == 301
    errors = errors_of(post(client, "/api/preview", {**CAM_PHA, "qr.url": url}))
    assert errors == {"qr.url": ["Quá dài: 301 ký tự, tối đa 300."]}
    html = client.get("/").text
    assert "maxlength" not in html  # a field never cuts what is pasted into it
    # every text field says its limit before it is reached, with the server's number
    for field, limit in (("name", 100), ("qr.url", 300), ("qr.caption", 200),
                         ("footer", 200), ("subtitle", 120)):  # fmt: skip
        assert jobs.MAX_CHARS[field] == limit
        m = re.search(rf'<input[^>]*name="{re.escape(field)}"[^>]*>', html)
        assert m and f'data-max="{limit}"' in m[0], field
        hint = re.search(rf'data-count-for="{re.escape(field)}">([^<]*)<', html)
        assert hint and f"Tối đa {limit} ký tự" in hint[1], field


def test_layout_labels_use_decimal_commas(client):
    labels = {x["name"]: x["label"] for x in client.get("/api/layouts").json()["layouts"]}
    assert labels["slides-16x9"] == "16:9 (338,7 × 190,5 mm)"
    assert labels["slides-4x3"] == "4:3 (254 × 190,5 mm)"
    assert labels["a1-portrait"] == "A1 (594 × 841 mm)"
    assert not any(re.search(r"\d\.\d", label) for label in labels.values())


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({}, "ap-phich-a1-phuong-cam-pha-quang-ninh.pdf"),
        ({"layout": "a3-portrait", "sheet": "A3"},
         "ap-phich-a3-phuong-cam-pha-quang-ninh-to-A3.pdf"),
        ({"layout": "slides-16x9", "format": "pptx"},
         "trinh-chieu-16x9-phuong-cam-pha-quang-ninh.pptx"),
    ],
)  # fmt: skip
def test_download_names_are_vietnamese_words_without_accents(client, change, name):
    fields = {**CAM_PHA, "province": "Quảng Ninh", **change}
    r = post(client, "/api/preview", fields)
    assert r.headers["x-poster-filename"] == name
    assert name.isascii()


# ---------------------------------------------------------------- strangers by port


@pytest.mark.parametrize(
    "origin",
    [
        "http://127.0.0.1:9000",
        "https://127.0.0.1:8000",
        "http://127.0.0.1",
        "http://localhost:8000",
    ],
)
def test_an_origin_on_another_port_or_scheme_is_refused(client, origin):
    r = client.post("/api/download", data=CAM_PHA, files={"logo": ("", b"", "x")},
                    headers={"origin": origin})  # fmt: skip
    assert r.status_code == 403
    assert client.get("/api/layouts", headers={"origin": origin}).status_code == 403


# ---------------------------------------------------------------- without JavaScript


def test_a_plain_form_downloads_a_pdf_or_shows_a_page_of_what_to_fix(client):
    navigate = {"accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
                "sec-fetch-mode": "navigate", "origin": BASE}  # fmt: skip
    r = client.post("/api/download", data={**CAM_PHA, "kind": "poster", "format": "pdf",
                    "logo_token": ""}, files={"logo": ("", b"", "application/octet-stream")},
                    headers=navigate)  # fmt: skip
    assert r.status_code == 200 and r.content.startswith(b"%PDF-")
    assert "attachment" in r.headers["content-disposition"]
    bad = {**CAM_PHA, "name": "", "colors.text": "#12"}
    r = client.post("/api/download", data=bad, headers=navigate,
                    files={"logo": ("", b"", "application/octet-stream")})  # fmt: skip
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    page = r.text
    assert '<html lang="vi">' in page and "Chưa tạo được tệp" in page
    assert "Tên đơn vị:" in page and "Màu chữ:" in page and 'href="/"' in page
    assert "style=" not in page and "<script" not in page  # the CSP holds
    html = client.get("/").text
    assert re.search(r'<form[^>]*action="/api/download"[^>]*method="post"', html)
    assert 'enctype="multipart/form-data"' in html
    notice = re.search(r"<noscript>(.*?)</noscript>", html, re.S)
    assert notice and "JavaScript" in notice[1] and "Tải áp phích (PDF)" in notice[1]
    options = re.findall(r'<option value="([^"]+)"', html)
    assert {"a0-portrait", "a1-portrait", "a2-portrait", "a3-portrait"} <= set(options)


# ---------------------------------------------------------------- a real server: slow and
# half-open clients, clients that leave, the log


@contextlib.contextmanager
def real_server(tmp_path, *, idle=10.0, deadline=60.0, per_address=16, **app):
    """create_app on uvicorn with the page's own settings (server_config), in a thread, on
    a free loopback port; short timers where a test needs them."""
    import threading

    import uvicorn

    from poster.web.app import server_config

    config = server_config(create_app(workers=app.pop("workers", 1), tmp=str(tmp_path), **app),
                           "127.0.0.1", 0, idle=idle, deadline=deadline,
                           per_address=per_address)  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        until = time.monotonic() + 60
        while not server.started:
            assert time.monotonic() < until and thread.is_alive(), "the server did not start"
            time.sleep(0.05)
        yield server.servers[0].sockets[0].getsockname()[1], server
    finally:
        server.should_exit = True
        thread.join(30)


def _multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = "poster-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
        for k, v in fields.items()
    ]
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), boundary


def _request(fields: dict[str, str], path: str = "/api/preview", port: int = 8000) -> bytes:
    body, boundary = _multipart(fields)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def _preview_from(source: str, port: int, timeout: float = 30.0) -> tuple[int, float]:
    """A fast, whole preview request from the loopback address `source`: status, seconds."""
    import http.client

    body, boundary = _multipart(CAM_PHA)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout,
                                      source_address=(source, 0))  # fmt: skip
    started = time.monotonic()
    try:
        conn.request("POST", "/api/preview", body,
                     {"Content-Type": f"multipart/form-data; boundary={boundary}"})  # fmt: skip
        response = conn.getresponse()
        response.read()
        return response.status, time.monotonic() - started
    finally:
        conn.close()


def _closed(sock, wait: float = 0.0) -> bool:
    """The server closed this connection (EOF or reset) within `wait` seconds."""
    import select

    ready, _, _ = select.select([sock], [], [], wait)
    if not ready:
        return False
    try:
        return sock.recv(65536) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True


def test_the_default_timers_cut_a_slow_client_within_a_minute(monkeypatch):
    import uvicorn

    from poster.web import app as web_app
    from poster.web import connections

    assert connections.READ_IDLE <= 10 and connections.READ_DEADLINE <= 60
    seen = {}
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: seen.setdefault("config", self.config))
    monkeypatch.setattr(web_app, "log_to_terminal", lambda debug=False: None)  # pytest's log
    assert web_app.serve("127.0.0.1", 0, workers=1) == 0
    limits = seen["config"].http.limits  # what `poster serve` runs with
    assert limits["idle"] <= 10 and limits["deadline"] <= 60
    assert limits["per_address"] == connections.PER_ADDRESS > 0


def test_a_client_sending_a_byte_a_second_is_cut_off(tmp_path, caplog):
    import socket

    with (
        caplog.at_level("INFO", logger="poster.web"),
        real_server(tmp_path, idle=2.0, deadline=4.0) as (port, _),
    ):
        request = _request(CAM_PHA, port=port)
        sock = socket.create_connection(("127.0.0.1", port))
        started = time.monotonic()
        cut = None
        try:
            for byte in request:  # one byte a second: never 2 s apart, never complete
                if _closed(sock, 1.0):
                    cut = time.monotonic() - started
                    break
                sock.sendall(bytes([byte]))
        finally:
            sock.close()
        assert cut is not None and 3.5 <= cut <= 8, cut
        # a client that sends nothing at all goes after the idle time
        silent = socket.create_connection(("127.0.0.1", port))
        started = time.monotonic()
        assert _closed(silent, 6.0) and 1.5 <= time.monotonic() - started <= 5
        silent.close()
        assert _preview_from("127.0.0.1", port)[0] == 200  # the server goes on
    said = [r.getMessage() for r in caplog.records if r.name == "poster.web"]
    assert any("request not complete after 4 s: connection closed" in m for m in said), said
    assert not any(r.levelname == "ERROR" for r in caplog.records)


def test_half_open_connections_do_not_stop_fast_previews(tmp_path):
    """50 half-sent requests from 127.0.0.2 (past its cap of 8): a preview from another
    address is served at once, and so is one from 127.0.0.2 itself."""
    import socket

    with real_server(tmp_path, idle=30.0, deadline=60.0, per_address=8) as (port, server):
        whole = _request(CAM_PHA, port=port)
        head = whole[:120]  # headers not finished
        upload = whole[: whole.index(b"\r\n\r\n") + 60]  # headers, then part of the body
        slow = []
        for n in range(50):
            sock = socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.2", 0))
            sock.sendall(upload if n % 2 else head)  # slow uploads hold no render share
            slow.append(sock)
        try:
            status, took = _preview_from("127.0.0.3", port)
            assert status == 200 and took < 10, (status, took)
            status, took = _preview_from("127.0.0.2", port)
            assert status == 200 and took < 10, (status, took)
            until = time.monotonic() + 5
            while True:
                open_ = [s for s in slow if not _closed(s)]
                if len(open_) <= 8 or time.monotonic() > until:
                    break
                time.sleep(0.05)
            assert len(open_) <= 8, f"{len(open_)} half-open connections of one address kept"
            kept = server.config.http.connections_by_address.get("127.0.0.2", {})
            assert len(kept) <= 8
        finally:
            for sock in slow:
                sock.close()


def test_a_render_stops_when_its_client_leaves(tmp_path, caplog):
    """A deck's PNG download (seconds of work) whose client goes away: its worker is
    free for the next client long before the render would have ended, and the log says
    a client left, not that something failed."""
    import http.client
    import socket

    with (
        caplog.at_level("INFO", logger="poster.web"),
        real_server(tmp_path, workers=1) as (
            port,
            _,
        ),
    ):

        def status() -> dict:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", "/api/status")
            try:
                return json.loads(conn.getresponse().read())
            finally:
                conn.close()

        heavy = {**CAM_PHA, "layout": "slides-16x9", "format": "png"}
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(_request(heavy, "/api/download", port))
        until = time.monotonic() + 20
        while status()["busy"] < 1:  # the render has begun
            assert time.monotonic() < until
            time.sleep(0.05)
        sock.close()  # the officer closed the tab
        started = time.monotonic()
        code, _ = _preview_from("127.0.0.2", port)
        took = time.monotonic() - started
        assert code == 200
        assert took < 4, f"the next preview waited {took:.1f} s for a render nobody wanted"
        assert status()["cancelled"] == 1
    said = [r.getMessage() for r in caplog.records if r.name == "poster.web"]
    assert any("left during /api/download: its render was stopped" in m for m in said), said
    assert not any(r.levelname == "ERROR" for r in caplog.records)


def test_a_client_leaving_mid_upload_is_logged_as_such(tmp_path, caplog):
    import socket

    with caplog.at_level("INFO", logger="poster.web"), real_server(tmp_path) as (port, _):
        request = _request(CAM_PHA, port=port)
        sock = socket.create_connection(("127.0.0.1", port))
        sock.sendall(request[: len(request) - 40])  # headers and most of the body
        until = time.monotonic() + 10
        while not any("left while sending" in r.getMessage() for r in caplog.records):
            if sock is not None and time.monotonic() > until - 9:
                sock.close()
                sock = None
            assert time.monotonic() < until, [r.getMessage() for r in caplog.records]
            time.sleep(0.05)
    assert not any(r.levelname == "ERROR" for r in caplog.records)


def test_an_error_is_logged_with_its_id_and_type_and_the_traceback_under_debug(
    client, monkeypatch, caplog
):
    def broken(order, view, workdir=None):
        raise KeyError("a bug in the worker")

    monkeypatch.setattr(jobs, "make", broken)  # the worker's own copy is the module's
    for level, traceback_shown in (("INFO", False), ("DEBUG", True)):
        caplog.clear()
        with caplog.at_level(level, logger="poster.web"):
            monkeypatch.setattr(jobs, "parse_order", _raise_type_error)
            r = post(client, "/api/preview", CAM_PHA)
        ident = r.json()["id"]
        (record,) = [x for x in caplog.records if x.levelname == "ERROR"]
        assert record.getMessage() == (
            f"error {ident} on /api/preview: TypeError: unsupported operand"
        )
        assert (record.exc_info is not None) is traceback_shown
        monkeypatch.undo()


def _raise_type_error(fields, logo=None):
    raise TypeError("unsupported operand")


def test_a_workers_bug_sends_its_traceback_to_the_log_under_debug(caplog):
    from poster.web.app import _incident
    from poster.web.pool import Workers

    async def go():
        pool = Workers(1, queue=1, timeout=20)
        await pool.start()
        try:
            with pytest.raises(ZeroDivisionError) as e:
                await pool.run(divmod, 1, 0)
            return e.value
        finally:
            await pool.stop()

    failure = _run(go())
    with caplog.at_level("DEBUG", logger="poster.web"):
        ident = _incident(failure, "/api/preview")
    messages = [r.getMessage() for r in caplog.records if r.name == "poster.web"]
    assert messages[0] == (
        f"error {ident} on /api/preview: ZeroDivisionError: integer division or modulo by zero"
    )
    assert messages[1].startswith(f"error {ident}: the worker's traceback:")
    assert "Traceback (most recent call last)" in messages[1] and "fn(*args)" in messages[1]
    caplog.clear()
    with caplog.at_level("INFO", logger="poster.web"):
        _incident(failure, "/api/preview")
    (record,) = caplog.records  # without --debug: the id and the type, no traceback
    assert record.exc_info is None and "Traceback" not in record.getMessage()
