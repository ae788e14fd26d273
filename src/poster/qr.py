"""QR codes as module matrices: URL in, rows of booleans out (no quiet zone)."""

from __future__ import annotations

from functools import lru_cache

from poster import cache

QUIET_ZONE = 4  # modules of light margin the standard asks for on every side

Matrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=64)
def qr_matrix(data: str) -> Matrix:
    """Error correction Q: a quarter of the symbol may be soiled and it still reads.

    Kept on disk (poster.cache): most posters carry the same link, and choosing the
    best of the eight masks takes longer than drawing the symbol."""
    key = data.encode("utf-8")
    kept = cache.get("qr", key) if cache.folder() is not None else None
    if kept is not None:
        rows = kept.decode("ascii", "replace").split("\n")
        if rows and all(len(r) == len(rows) and set(r) <= {"0", "1"} for r in rows):
            return tuple(tuple(c == "1" for c in r) for r in rows)
    matrix = _make(data)
    if cache.folder() is not None:
        text = "\n".join("".join("1" if c else "0" for c in row) for row in matrix)
        cache.put("qr", key, text.encode("ascii"))
    return matrix


def _make(data: str) -> Matrix:
    import qrcode  # its import (with Pillow's drawing modules) only when a symbol is made
    from qrcode.constants import ERROR_CORRECT_Q

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def dark_runs(matrix: tuple[tuple[bool, ...], ...]) -> list[tuple[int, int, int]]:
    """Horizontal runs of dark modules as (row, first column, length): few, large rectangles."""
    runs = []
    for r, row in enumerate(matrix):
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return runs
