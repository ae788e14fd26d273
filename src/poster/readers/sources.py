"""What the readers hand on: rows of a sheet, brands to render and rows that failed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Row:
    """One row of a sheet as text, numbered as the spreadsheet shows it (the first row
    is 1). A row the reader could not read has no cells and a catalogue `problem`."""

    number: int
    cells: list[str]
    problem: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Source:
    """One brand to render: its data (a brand mapping), where it came from, and how
    to name problems (a spreadsheet row, a YAML file or a commune)."""

    data: Mapping[str, object]  # a brand mapping, not yet checked
    path: Path  # anchors relative logo paths; names the brand in errors
    where: str  # "examples.csv:5", "brands/x.yaml", "Phường Cẩm Phả, Quảng Ninh"
    slug: str = ""
    qualifier: str = ""  # added to the slug when two outputs would collide
    row: int | None = None


@dataclass
class Failure:
    """A row, brand file or output that failed; the others go on."""

    where: str
    column: str
    message: str  # English
    code: str = ""  # see poster.catalogue; empty: the message is shown as it is
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        message = self.message
        if self.code and lang != "en":
            from poster.catalogue import say

            message = say(self.code, lang, self.params, fallback=self.message)
        return (
            f"{self.where}: {self.column}: {message}" if self.column else f"{self.where}: {message}"
        )

    def __str__(self) -> str:
        return self.text("en")

    @classmethod
    def of(cls, code: str, where: str, column: str = "", **params: Any) -> Failure:
        from poster.catalogue import say

        return cls(where, column, say(code, "en", params), code, params)
