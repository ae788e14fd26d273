"""Writing files atomically, so a failed or interrupted run leaves no partial file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from poster.errors import PosterError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()  # what open() would give a new file


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    write_all([(Path(path), data)])


def _temporary(path: Path, data: bytes) -> str:
    """`data` in a temporary file beside `path`, with the mode a new file would get."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PosterError.of("write.folder", str(path), reason=e.strerror) from None
    if path.is_dir():
        raise PosterError.of("write.is-folder", str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as e:
        raise PosterError.of("write.here", str(path), reason=e.strerror) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, _MODE)
    except BaseException:
        _remove([tmp])
        raise
    return tmp


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Several files, all or none: each is written to a temporary name first, and only
    when every one is written are they renamed into place."""
    temps: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            temps.append((_temporary(Path(path), data), Path(path)))
        for tmp, path in temps:
            os.replace(tmp, path)
    except OSError as e:
        _remove([t for t, _ in temps])
        raise PosterError.of("write.failed", str(path), reason=e.strerror) from None
    except BaseException:
        _remove([t for t, _ in temps])
        raise


def _remove(paths: list[str]) -> None:
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(p)
