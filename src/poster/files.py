"""Reading files within bounds, and writing them atomically, so a failed or interrupted
run leaves no partial file.

Every file a user names is looked at with `os.stat` before it is opened: opening a
named pipe blocks until someone writes to it, and a device such as /dev/zero never
ends. Only a regular file under a size limit is read, and never more than the limit.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Any

from poster.errors import PosterError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()  # what open() would give a new file


# ---------------------------------------------------------------- reading


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def size_text(n: float) -> str:
    """1048576 → '1 MB', 52428800 → '50 MB', 262144 → '256 KB', 1536000 → '1.5 MB'."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= factor:
            return f"{n / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n:g} bytes"


def file_check(path: Path, what: str, limit: int, kind: str) -> tuple[str, dict[str, Any]] | None:
    """Why `path` cannot be read as `what` ('an image'), or None: it must exist, be a
    regular file (a symbolic link to one is fine) and hold at most `limit` bytes. `kind`
    names the file in the size message ('a logo'). Nothing is opened. The answer is a
    catalogue code and its parameters (`PosterError.of(code, file, field, **params)`)."""
    try:
        st = os.stat(path)  # follows a symbolic link: a link to /dev/zero is a device
    except FileNotFoundError:
        return "file.not-found", {}
    except OSError as e:
        return "file.unreadable", {"reason": e.strerror}
    except ValueError:  # a NUL character, which no file name may hold
        return "file.nul-name", {}
    other = _kind(st.st_mode)
    if other is not None:
        return "file.not-regular", {"other_word": other, "what_word": what}
    if st.st_size > limit:
        return "file.too-large", {
            "size": size_text(st.st_size), "kind_word": kind, "limit": size_text(limit)
        }  # fmt: skip
    return None


def file_problem(path: Path, what: str, limit: int, kind: str) -> str | None:
    """`file_check`'s answer as its English message ('is a device, not an image')."""
    found = file_check(path, what, limit, kind)
    if found is None:
        return None
    from poster.catalogue import say

    return say(found[0], "en", found[1])


def file_error(
    path: Path, what: str, limit: int, kind: str, file: str | None = None, field: str = ""
) -> PosterError | None:
    """`file_problem` as an error about `file` (the path itself if not given)."""
    found = file_check(path, what, limit, kind)
    if found is None:
        return None
    code, params = found
    return PosterError.of(code, str(path) if file is None else file, field, **params)


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most `limit` of them (OSError otherwise). Call
    `file_problem` first for a message; this checks again on the open file, so a file
    swapped for a pipe in between cannot block it, nor a growing file exhaust memory."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(0, f"is {_kind(mode)}", str(path))
        data = f.read(limit + 1)
    if len(data) > limit:
        raise OSError(0, f"is more than {size_text(limit)}", str(path))
    return data


def digest(path: Path, limit: int) -> str | None:
    """SHA-256 of a regular file of at most `limit` bytes, None for anything else."""
    if file_check(path, "a file", limit, "a file") is not None:
        return None
    try:
        return hashlib.sha256(read_bounded(path, limit)).hexdigest()
    except OSError:
        return None


# ---------------------------------------------------------------- names

MAX_STEM = 120  # bytes; with an extension, a "-12" page suffix and a temporary's
# ".NAME.XXXXXXXX.part" it stays far below the 255 bytes every file system allows


def safe_stem(stem: str, limit: int = MAX_STEM) -> str:
    """A file name stem any system accepts: letters, digits, '.', '_' and '-' only (other
    runs become '-'), no leading dot, at most `limit` bytes. A longer one is cut and ends
    in a short hash of the whole, so two long names that differ only at the end stay
    apart."""
    clean = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip(".-") or "poster"
    if len(clean) > limit:  # ASCII: characters are bytes
        tail = hashlib.sha256(clean.encode()).hexdigest()[:8]
        clean = clean[: limit - len(tail) - 1].rstrip(".-") + "-" + tail
    return clean


# ---------------------------------------------------------------- writing


def output_error(path: Path, field: str = "") -> PosterError | None:
    """Why `path` cannot be written, or None: only a regular file (or a symbolic link to
    one) is replaced, or a new name made. A folder, a named pipe, a device or a socket is
    left as it is (renaming a file over a FIFO would replace it with a regular file)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):  # no such file (a new name), or what the write will say
        return None
    other = _kind(st.st_mode)
    if other is None:
        return None
    if other == "a folder":
        return PosterError.of("write.is-folder", str(path), field)
    return PosterError.of("write.not-regular", str(path), field, other_word=other)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it into place."""
    write_all([(Path(path), data)])


def _temporary(path: Path, data: bytes) -> str:
    """`data` in a temporary file beside `path`, with the mode a new file would get."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PosterError.of("write.folder", str(path), reason=e.strerror) from None
    refused = output_error(path)
    if refused is not None:
        raise refused
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
    when every one is written are they renamed into place. Should a rename fail, the
    files already renamed are removed again: a failed command leaves none of its outputs."""
    temps: list[tuple[str, Path]] = []
    placed: list[str] = []
    path = Path()
    try:
        for path, data in files:
            temps.append((_temporary(Path(path), data), Path(path)))
        for tmp, path in temps:
            os.replace(tmp, path)
            placed.append(str(path))
    except OSError as e:
        _remove([t for t, _ in temps] + placed)
        raise PosterError.of("write.failed", str(path), reason=e.strerror) from None
    except BaseException:
        _remove([t for t, _ in temps] + placed)
        raise


def _remove(paths: list[str]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            os.unlink(p)
