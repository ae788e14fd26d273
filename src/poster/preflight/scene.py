"""What the pages draw, walked once for every check (see `walker`): colour spaces where
they paint, text runs (size as printed, colour, box, boldness), image placements,
transparency, annotations, spot colours and fonts, each with its page and position, so
a check can say where a problem is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from poster.preflight.objects import Point
from poster.preflight.report import Box
from poster.preflight.spaces import Space

if TYPE_CHECKING:
    import pikepdf


@dataclass
class Use:
    """A colour space painting something: where first, how often."""

    page: int
    space: Space
    what: str  # fill, stroke, text, image, inline-image, shading, pattern, glyph
    via: str  # page, form, pattern, annotation, glyph
    at: Point
    count: int = 1


@dataclass(frozen=True)
class TextRun:
    page: int
    size: float  # as printed, pt
    space: Space
    values: tuple[float, ...]
    overprint: bool
    bold: bool
    box: Box
    font: str
    fills: bool  # painted with the fill colour (render modes 0, 2, 4, 6)


@dataclass(frozen=True)
class Placement:
    """An image drawn: its pixels, the page area it covers and its colours."""

    page: int
    name: str  # the resource name, or "inline"
    ref: tuple[int, int]  # the object (0, 0 for inline images)
    width_px: int
    height_px: int
    box: Box
    width_pt: float  # the image's own width and height as printed
    height_pt: float
    space: Space
    smask: bool
    mask: bool  # a stencil mask, painted in the fill colour
    via: str


@dataclass(frozen=True)
class Transparency:
    page: int
    kind: str  # smask, alpha, blend, image-smask, group
    name: str
    at: Point


@dataclass
class Annotation:
    page: int
    subtype: str
    rect: Box
    prints: bool
    field: str  # a form field's name, else ""


@dataclass(frozen=True)
class FontUse:
    """A font that draws text: its dictionary, and where it first does."""

    page: int
    at: Point
    obj: Any


@dataclass
class Scene:
    uses: dict[tuple[int, str, str, str], Use] = field(default_factory=dict)
    texts: list[TextRun] = field(default_factory=list)
    images: list[Placement] = field(default_factory=list)
    transparency: list[Transparency] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    spots: set[str] = field(default_factory=set)
    fonts: dict[tuple[int, int], FontUse] = field(default_factory=dict)  # fonts that print
    operations: int = 0

    def use(self, page: int, space: Space, what: str, via: str, at: Point) -> None:
        key = (page, space.name, what, via)
        found = self.uses.get(key)
        if found is None:
            self.uses[key] = Use(page, space, what, via, at)
            self.spots.update(space.spots)
            if space.base is not None:
                self.spots.update(space.base.spots)
        else:
            found.count += 1

    def spaces(self) -> set[str]:
        return {u.space.name for u in self.uses.values()}


def walk(
    pdf: pikepdf.Pdf, pages: list[Any], progress: Callable[[int, int], None] | None = None
) -> Scene:
    """The scene of every page."""
    from poster.preflight.walker import Walker

    scene = Scene()
    walker = Walker(pdf, scene)
    for n, page in enumerate(pages, start=1):
        walker.page(n, page)
        if progress is not None:
            progress(n, len(pages))
    return scene
