"""What the user asks of a render beyond the specs: print options and the slide subtitle."""

from __future__ import annotations

import msgspec


class Options(msgspec.Struct, frozen=True):
    bleed_mm: float | None = None  # posters: overrides the layout's bleed
    marks: bool = False  # posters: crop marks and a slug line outside the bleed
    cmyk: bool = False  # posters: every colour in DeviceCMYK
    pdfx: str = ""  # posters: "1a" PDF/X-1a:2001, "4" PDF/X-4 (implies cmyk); "" not PDF/X
    subtitle: str | None = None  # decks: date and place on the title slide
    filename: str = ""  # named in the slug line
    date: str = ""  # for the slug line; today when empty
