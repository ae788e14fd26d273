"""The pages as the press would ink them: ghostscript separates each page to CMYK (no
anti-aliasing, so a pixel of a glyph carries its full inks). Started in the background
while the content is walked; read by the checks that look (total ink, the bleed strip,
the colour under small reversed text, the edge of an image).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from poster.preflight.report import Box

if TYPE_CHECKING:
    from PIL import Image

DPI = 50.0  # 0.5 mm a pixel: a 3 mm bleed is six pixels, 6 pt text four
MAX_PIXELS = 40e6  # a page's raster at most (a 200-inch page is drawn coarser)
TIMEOUT = 120  # seconds


@dataclass
class PageRaster:
    """One page's CMYK pixels and how page points map onto them."""

    image: Image.Image
    scale: float  # pixels per point
    media: Box

    def index(self, x: float, y: float) -> tuple[int, int]:
        return int((x - self.media[0]) * self.scale), int((self.media[3] - y) * self.scale)

    def pixel(self, x: float, y: float) -> tuple[int, ...] | None:
        """The inks (0–255 each) at a point of the page, None off the raster."""
        col, row = self.index(x, y)
        if not (0 <= col < self.image.width and 0 <= row < self.image.height):
            return None
        value = self.image.getpixel((col, row))
        assert isinstance(value, tuple)
        return value

    def region(self, box: Box) -> list[tuple[int, ...]]:
        """The pixels whose centres lie in `box` (page points)."""
        x0, y0, x1, y1 = box
        c0, r0 = self.index(x0, y1)
        c1, r1 = self.index(x1, y0)
        c0, r0 = max(c0, 0), max(r0, 0)
        c1, r1 = min(c1 + 1, self.image.width), min(r1 + 1, self.image.height)
        if c1 <= c0 or r1 <= r0:
            return []
        part = self.image.crop((c0, r0, c1, r1))
        # Pillow 12.1 renamed getdata (deprecated since) to get_flattened_data
        return list(getattr(part, "get_flattened_data", part.getdata)())


class Raster:
    """ghostscript rendering the file's pages in the background."""

    def __init__(self, path: Path, medias: list[Box], rotated: set[int]):
        self.medias = medias
        self.rotated = rotated
        self.failed = ""  # why there are no pixels: "no-gs", "gs-failed"
        self.proc: subprocess.Popen[bytes] | None = None
        self.folder = tempfile.TemporaryDirectory(prefix="poster-check-")
        largest = max(((b[2] - b[0]) * (b[3] - b[1]) for b in medias), default=1.0)
        self.dpi = min(DPI, (MAX_PIXELS / max(largest / 72 / 72, 1e-6)) ** 0.5)
        gs = shutil.which("gs")
        if gs is None:
            self.failed = "no-gs"
            return
        out = Path(self.folder.name) / "p%d.tif"
        self.proc = subprocess.Popen(
            [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-dNOINTERPOLATE",
             "-sDEVICE=tiff32nc", f"-r{self.dpi:.4f}", f"-sOutputFile={out}", str(path)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.done = False

    def wait(self) -> bool:
        if self.proc is None:
            return False
        if not self.done:
            try:
                code = self.proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                code = -1
            self.done = True
            if code != 0:
                self.failed = "gs-failed"
        return not self.failed

    def page(self, number: int) -> PageRaster | None:
        """Page `number` (1-based), None if ghostscript could not draw it."""
        from PIL import Image

        if not self.wait() or number in self.rotated:
            return None
        tif = Path(self.folder.name) / f"p{number}.tif"
        if not tif.exists():
            return None
        with Image.open(tif) as im:
            im.load()
            return PageRaster(im.copy(), self.dpi / 72, self.medias[number - 1])

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.folder.cleanup()
