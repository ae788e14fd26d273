"""Where the shipped data lives: fonts, layouts, content and brands, inside the package.

Read through `importlib.resources`, so an installed wheel works from any folder. A
user folder named by `POSTER_HOME` (with `layouts/`, `content/`, `content/brands/`,
`fonts/` inside) is searched first, so a shipped name can be overridden or added to.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

DATA = Path(str(files("poster") / "data"))

LAYOUTS = "layouts"
CONTENT = "content"
BRANDS = "content/brands"
FONTS = "fonts"
ICONS = "icons"


def _home() -> Path | None:
    home = os.environ.get("POSTER_HOME")
    return Path(home) if home else None


def folders(kind: str) -> list[Path]:
    """The folders searched for `kind` ('layouts', 'content/brands', …), first wins."""
    home = _home()
    out = [home / kind] if home is not None and (home / kind).is_dir() else []
    return [*out, DATA / kind]


def find(kind: str, filename: str) -> Path | None:
    """The first `filename` in the folders of `kind`, or None."""
    for folder in folders(kind):
        path = folder / filename
        if path.is_file():
            return path
    return None


def shipped(kind: str, filename: str) -> Path:
    """A file the package ships (or the user folder overrides): its path, found or not."""
    return find(kind, filename) or DATA / kind / filename


def names(kind: str) -> list[str]:
    """The YAML names available for `kind`: 'a1-portrait', 'cam-pha', …"""
    return sorted({p.stem for folder in folders(kind) for p in folder.glob("*.yaml")})


def icon_names() -> list[str]:
    """The shipped icons (and the user folder's): 'cloud', 'users', …"""
    return sorted({p.stem for folder in folders(ICONS) for p in folder.glob("*.svg")})


DEFAULT_CONTENT = DATA / CONTENT / "differences.yaml"
BRAND_ANCHOR = DATA / BRANDS  # relative logo paths of generated brands resolve here
