"""The file under check, as every check sees it: the document, its page boxes, what its
pages draw (the scene), what it declares and what it is for (offset print or not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from poster.preflight.objects import Point, get, inherited, number, numbers
from poster.preflight.report import Box, Finding, Level
from poster.preflight.scene import Scene
from poster.units import to_mm

if TYPE_CHECKING:
    import pikepdf

# Effective resolution of images: (warning under, error under) in pixels per inch
RESOLUTION = {"offset": (250, 150), "office": (150, 100)}
# A panel read from metres (a pano, a standee: a page over LARGE_MM on its longer side) is
# printed wide-format: 150 ppi at full size is sharp from two metres, under 75 blurs.
LARGE_MM = 1500
RESOLUTION_LARGE = (150, 75)


@dataclass(frozen=True)
class Boxes:
    media: Box
    trim: Box | None
    bleed: Box | None
    rotate: int

    @property
    def frame(self) -> Box:
        """What positions are measured from: the trim box, else the media box."""
        return self.trim or self.media

    @property
    def print_area(self) -> Box:
        """What prints: the bleed box, else the trim box, else the media box."""
        return self.bleed or self.trim or self.media


def page_boxes(page: Any) -> Boxes:
    def box(name: str) -> Box | None:
        value = numbers(get(page, f"/{name}") or [])
        if value is None or len(value) != 4:
            return None
        x0, y0, x1, y1 = value
        return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    value = numbers(inherited(page, "/MediaBox") or [])
    if value is None or len(value) != 4:
        value = (0.0, 0.0, 612.0, 792.0)  # no box anywhere: US Letter, as viewers assume
    x0, y0, x1, y1 = value
    media = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    rotate = int(number(inherited(page, "/Rotate"))) % 360
    return Boxes(media, box("TrimBox"), box("BleedBox"), rotate)


@dataclass
class Subject:
    path: Path
    pdf: pikepdf.Pdf
    pages: list[Any]
    boxes: list[Boxes]
    scene: Scene
    declared: str  # the PDF/X version the file declares, or ""
    asked: bool  # `--pdfx`: the file must be PDF/X
    version: str  # of the PDF header, "1.4"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pdfx(self) -> bool:
        return self.asked or bool(self.declared)

    @property
    def version_number(self) -> tuple[int, ...]:
        """The header's version as numbers, (1, 4); (0, 0) when it is not one."""
        try:
            return tuple(int(p) for p in self.version.split(".")[:2])
        except ValueError:
            return (0, 0)

    @property
    def x1a(self) -> bool:
        return self.declared.startswith("PDF/X-1") or (self.asked and not self.declared)

    @property
    def cmyk(self) -> bool:
        """Made for CMYK print: declared PDF/X, asked to be, or painting in process inks."""
        return self.pdfx or any(
            u.space.family == "cmyk" and u.space.name == "DeviceCMYK"
            for u in self.scene.uses.values()
        )

    @property
    def sheets(self) -> bool:
        """Several pages and none with a trim box, not PDF/X: a deck or office sheets."""
        return len(self.pages) > 1 and all(b.trim is None for b in self.boxes) and not self.pdfx

    @property
    def use(self) -> str:
        """offset (a CMYK file to print on a press) or office (screen, office and digital
        printers; a deck or tiled sheets, even in CMYK). The press's rules (inks of small
        and black text, reversed text, total ink, resolution) are for offset."""
        return "offset" if self.cmyk and not self.sheets else "office"

    @property
    def press(self) -> bool:
        return self.use == "offset"

    def at(self, page: int, point: Point) -> tuple[float, float]:
        """A page point in mm from the top left corner of the page's trim (or media) box."""
        x0, _, _, y1 = self.boxes[page - 1].frame
        return (to_mm(point[0] - x0), to_mm(y1 - point[1]))

    def finding(
        self,
        level: Level,
        topic: str,
        code: str,
        *,
        page: int | None = None,
        point: Point | None = None,
        fix: str = "",
        fix_params: dict[str, Any] | None = None,
        **params: Any,
    ) -> Finding:
        where = self.at(page, point) if page is not None and point is not None else None
        return Finding(level, topic, code, params, page, where, fix, fix_params or {})
