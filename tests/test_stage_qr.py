"""QR stage: the module matrix for a URL, its dark runs, and a decode of the matrix itself.

Sizes come from ISO/IEC 18004: version v is 17 + 4v modules wide, and at error
correction Q a symbol holds 11 bytes (v1), 20 (v2), 32 (v3), 46 (v4). The decoder is
zxing-cpp, which knows nothing of poster.
"""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from poster.qr import QUIET_ZONE, dark_runs, qr_matrix

PORTAL = "https://t63.mic.gov.vn"  # 22 bytes


@pytest.mark.parametrize(
    ("url", "version"),
    [
        ("https://a.v", 1),  # 11 bytes: a v1 at Q holds 11
        ("https://ab.v", 2),  # 12
        ("https://a.vn/xyzwvut", 2),  # 20
        ("https://a.vn/xyzwvuts", 3),  # 21
        (PORTAL, 3),  # 22
        ("https://example.gov.vn/chuyen-doi-so", 4),  # 36
    ],
)
def test_matrix_size_per_version(url, version):
    assert len(url.encode()) in (11, 12, 20, 21, 22, 36)
    matrix = qr_matrix(url)
    side = 17 + 4 * version
    assert len(matrix) == side
    assert all(len(row) == side for row in matrix)
    assert all(isinstance(cell, bool) for row in matrix for cell in row)


def test_matrix_has_no_quiet_zone():
    # the finder pattern's dark 7 × 7 frame starts at the very first module
    matrix = qr_matrix(PORTAL)
    assert all(matrix[0][:7]) and all(matrix[6][:7])
    assert all(matrix[r][0] for r in range(7)) and all(matrix[r][6] for r in range(7))
    assert not any(matrix[1][1:6])


def test_quiet_zone_is_the_standard_four_modules():
    assert QUIET_ZONE == 4


def _image(matrix, scale: int = 6) -> Image.Image:
    n = len(matrix) + 2 * QUIET_ZONE
    image = Image.new("L", (n, n), 255)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                image.putpixel((c + QUIET_ZONE, r + QUIET_ZONE), 0)
    return image.resize((n * scale, n * scale), Image.NEAREST)


@pytest.mark.parametrize("url", [PORTAL, "https://example.gov.vn/chuyen-doi-so"])
def test_matrix_decodes_to_the_url_at_error_correction_q(url):
    found = zxingcpp.read_barcodes(_image(qr_matrix(url)), formats=zxingcpp.BarcodeFormat.QRCode)
    assert [b.text for b in found] == [url]
    assert found[0].ec_level == "Q"


def _from_runs(runs, n):
    grid = [[False] * n for _ in range(n)]
    for r, c0, length in runs:
        for c in range(c0, c0 + length):
            assert not grid[r][c], f"module ({r}, {c}) in two runs"
            grid[r][c] = True
    return tuple(tuple(row) for row in grid)


def test_dark_runs_of_a_small_matrix():
    T, F = True, False
    matrix = (
        (T, T, F, T),
        (F, F, F, F),
        (T, T, T, T),
        (F, T, F, F),
    )
    assert dark_runs(matrix) == [(0, 0, 2), (0, 3, 1), (2, 0, 4), (3, 1, 1)]
    assert dark_runs(((F, F), (F, F))) == []
    assert dark_runs(()) == []


@pytest.mark.parametrize("url", [PORTAL, "https://a.v"])
def test_dark_runs_rebuild_the_matrix_with_maximal_runs(url):
    matrix = qr_matrix(url)
    runs = dark_runs(matrix)
    assert _from_runs(runs, len(matrix)) == matrix
    assert runs == sorted(runs)  # row by row, left to right
    for r, c0, length in runs:
        assert length >= 1
        # maximal: a light module (or the edge) on each side
        assert c0 == 0 or not matrix[r][c0 - 1]
        end = c0 + length
        assert end == len(matrix) or not matrix[r][end]
