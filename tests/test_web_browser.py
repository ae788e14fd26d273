"""End to end in a real browser: the server in a subprocess, Debian's Chromium driven by
Playwright, an officer's whole errand (find the commune, add a logo, see the preview,
download the PDF), and the PDF read back.

Skipped, with the reason, where /usr/bin/chromium or the playwright package is missing
(`apt-get install chromium`; `pip install playwright`, without `playwright install`).
Set POSTER_WEB_SCREENSHOT=docs/web.png to also write the page's screenshot (1200 px wide).
"""

from __future__ import annotations

import io
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import fold, pdf_text
from PIL import Image, ImageDraw

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content" / "differences.yaml"
ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is missing (pip install playwright)"
)
pytest.importorskip("fastapi", reason="the web page needs fastapi")


def emblem_png() -> bytes:
    """A round emblem on a transparent ground, 800 px: sharp enough for A1."""
    image = Image.new("RGBA", (800, 800), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 780, 780), fill="#C8102E", outline="#FFCD00", width=36)
    draw.regular_polygon((400, 410, 250), 5, rotation=0, fill="#FFCD00")
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def server():
    """`python -m poster.web --port 0`: the system picks a free port, the server prints it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "poster.web", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    )
    reader.start()
    url, seen, deadline = None, [], time.monotonic() + 30
    while url is None and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        m = re.match(r"Mở trình duyệt: (http://127\.0\.0\.1:\d+)", line)
        if m:
            url = m[1]
    if url is None:
        process.kill()
        process.wait()
        reader.join(5)
        process.stdout.close()
        pytest.fail("the server did not start:\n" + "".join(seen))
    yield url
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    reader.join(5)
    process.stdout.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def headings() -> list[str]:
    items = yaml.safe_load(CONTENT.read_text("utf-8"))["items"]
    return [fold(item["heading"]) for item in items]


def test_an_officer_makes_the_poster_of_cam_pha(server, browser, tmp_path):
    expect = sync_api.expect
    context = browser.new_context(
        viewport={"width": 1200, "height": 900}, accept_downloads=True, locale="vi-VN"
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "console",
        lambda m: (
            problems.append(f"console: {m.text}")
            if m.type == "error" and "status of 422" not in m.text
            else None
        ),
    )
    outside: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith((server, "blob:", "data:")) else outside.append(r.url),
    )
    page.goto(server + "/")
    expect(page.locator("h1")).to_have_text("Tạo áp phích và bản trình chiếu cho địa phương")

    # 1. the commune, found as one types, without accents
    page.locator("#search").press_sequentially("cam pha", delay=40)
    option = page.get_by_role("option", name=re.compile("^Phường Cẩm Phả, Quảng Ninh"))
    expect(option).to_be_visible(timeout=5000)
    option.click()
    expect(page.locator("#name")).to_have_value("Phường Cẩm Phả")
    expect(page.locator("#authority")).to_have_value("UBND PHƯỜNG CẨM PHẢ\nTỈNH QUẢNG NINH")
    expect(page.locator("#footer")).to_have_value("Ủy ban nhân dân phường Cẩm Phả")
    expect(page.locator("#preview")).to_be_visible(timeout=10000)
    expect(page.locator("#status")).to_have_text("Đã cập nhật", timeout=10000)
    expect(page.locator("#filename")).to_have_text("a1-portrait-phuong-cam-pha.pdf")

    # 2. the logo
    page.set_input_files(
        "#logo", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": emblem_png()}]
    )
    expect(page.locator("#logo-text")).to_have_text("logo.png")
    expect(page.locator("#status")).to_have_text(re.compile("Đã cập nhật|Cần sửa"), timeout=10000)
    authority_error = page.locator('[data-error-for="authority"]')
    # two authority lines and a logo fit every poster size
    expect(page.locator("#status")).to_have_text("Đã cập nhật", timeout=10000)
    expect(authority_error).to_be_empty()
    loaded = page.locator("#preview").evaluate("img => img.complete && img.naturalWidth")
    assert loaded and loaded > 500

    # the colour pickers' contrast check, live
    ratios = page.locator("#contrast .ratio")
    expect(ratios).to_have_count(7)
    expect(ratios.first).to_have_text(re.compile(r"^\d+,\d\d:1$"))

    screenshot = os.environ.get("POSTER_WEB_SCREENSHOT")
    if screenshot:
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        page.mouse.move(0, 0)
        page.wait_for_timeout(300)
        shot = Image.open(io.BytesIO(page.screenshot(full_page=True))).convert("RGB")
        flat = shot.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        flat.save(screenshot, optimize=True)  # a UI has few colours: a palette PNG is small

    # a text colour too light to read: refused, with the nearest colour that passes one
    # click away
    page.locator('input[name="colors.text"]').fill("#9A9A9A")
    text_error = page.locator('[data-error-for="colors.text"]')
    expect(text_error).to_contain_text("#9A9A9A", timeout=10000)
    fix = text_error.locator("button.fix")
    expect(fix).to_have_text(re.compile(r"^Dùng màu #[0-9A-F]{6}$"))
    colour = fix.inner_text().rsplit(" ", 1)[1]
    fix.click()
    expect(page.locator('input[name="colors.text"]')).to_have_value(colour)
    expect(page.locator("#status")).to_have_text("Đã cập nhật", timeout=10000)
    expect(text_error).to_be_empty()

    # 3. the download, named after the commune
    with page.expect_download(timeout=20000) as info:
        page.locator("#download").click()
    download = info.value
    assert download.suggested_filename == "a1-portrait-phuong-cam-pha.pdf"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "UBND PHƯỜNG CẨM PHẢ" in text
    assert "TỈNH QUẢNG NINH" in text
    missing = [h for h in headings() if h not in text]
    assert len(headings()) == 17 and not missing, missing

    assert not problems, problems
    assert not outside, f"requests left the server: {outside}"
    context.close()


def test_the_page_fits_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    page = context.new_page()
    page.goto(server + "/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone: {width} px"
    box = page.locator("#name").bounding_box()
    assert box and box["width"] > 300
    page.locator("#search").press_sequentially("hiep hoa", delay=20)
    sync_api.expect(page.get_by_role("option").first).to_be_visible(timeout=5000)
    page.get_by_role("option").first.tap()
    sync_api.expect(page.locator("#preview")).to_be_visible(timeout=10000)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone: {width} px"
    context.close()
