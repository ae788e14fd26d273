"""A cache on disk for work that depends only on inputs and code: solved layouts.

A poster's size search takes longer than drawing it, and its answer depends only on the
content, the layout, the fonts and this program's code; the next `poster render` of the
same content and layout reads it back instead of searching again. Entries are keyed by a
hash of their inputs and of a fingerprint of the package's code and data files, so an
upgrade or an edited checkout never reads an older answer. The folder is
`$POSTER_CACHE_DIR`, else `$XDG_CACHE_HOME/poster`, else `~/.cache/poster`;
`POSTER_CACHE_DIR=off` turns the cache off. A missing, unwritable or damaged cache is
never an error: the work is done again.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

MAX_ENTRY_BYTES = 16 * 1024 * 1024  # an A0 solution is about 100 KB
KEPT_PER_KIND = 256  # the oldest are removed past this many (a server sees many layouts)
_PACKAGE = Path(__file__).resolve().parent


def folder() -> Path | None:
    """The cache folder, or None when the cache is turned off."""
    chosen = os.environ.get("POSTER_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "poster"


# What a kept answer can depend on besides its key: the code, the fonts, the word lists.
_FINGERPRINTED = ("", "plan", "outputs", "data/fonts", "data/words")


@cache
def fingerprint() -> bytes:
    """What the code and its data are: every module's, font's and word list's name, size
    and modification time (a wheel's are fixed; an edited checkout's change)."""
    h = hashlib.sha256()
    for sub in _FINGERPRINTED:
        try:
            entries = sorted(os.scandir(_PACKAGE / sub), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".pyc") or not entry.is_file():
                continue
            st = entry.stat()
            h.update(f"{sub}/{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.digest()


def _entry(kind: str, key: bytes) -> Path | None:
    root = folder()
    if root is None:
        return None
    name = hashlib.sha256(fingerprint() + kind.encode() + b"\0" + key).hexdigest()[:40]
    return root / kind / f"{name}.bin"


def get(kind: str, key: bytes) -> bytes | None:
    """The bytes stored under `key`, or None."""
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    return data if len(data) <= MAX_ENTRY_BYTES else None


def put(kind: str, key: bytes, value: bytes) -> None:
    """Store `value` under `key` (written whole or not at all); errors are ignored."""
    path = _entry(kind, key)
    if path is None or len(value) > MAX_ENTRY_BYTES:
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(value)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(path.parent)
    except OSError:
        return


def _prune(kind_folder: Path) -> None:
    entries = list(kind_folder.glob("*.bin"))
    if len(entries) <= KEPT_PER_KIND:
        return
    by_age = sorted(entries, key=lambda p: p.stat().st_mtime)
    for old in by_age[: len(entries) - KEPT_PER_KIND]:
        old.unlink(missing_ok=True)
