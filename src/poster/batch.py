"""Many brands × layouts in one run: from a spreadsheet, a folder of brand files or the
built-in list of communes; worker processes, progress, skip-unchanged, atomic files.

A bad row is reported and the others go on. A run killed at any moment leaves only
complete files (each is written to a temporary name and renamed; temporaries of an
interrupted run are removed). Outputs whose inputs did not change are skipped,
using a manifest of input hashes kept in the output folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn, TextIO

from poster import __version__, limits
from poster.errors import PosterError, Problem, problem

# the readers' types and functions, under the names older callers use
from poster.readers.folder import read_brand_dir
from poster.readers.sheet import COLUMNS, FIELD_COLUMNS, TEXT, XLSX, column_of, read_sheet
from poster.readers.sources import Failure, Source

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkProcess

    from poster.spec import Content

# progress(done, total, status, text): status is "ok", "skipped" or "failed"
Progress = Callable[[int, int, str, str], None]

log = logging.getLogger("poster")

MANIFEST = ".poster-batch.json"
MAX_MANIFEST_BYTES = limits.MANIFEST_BYTES
__all__ = ["COLUMNS", "FIELD_COLUMNS", "Failure", "Source", "read_brand_dir", "read_sheet"]


@dataclass
class Summary:
    rendered: int = 0
    skipped: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    bytes_written: int = 0
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)


# ---------------------------------------------------------------- sources


def commune_sources(province: str | None) -> list[Source]:
    from poster.localities import file_slug, find_province, in_province, localities
    from poster.resources import BRAND_ANCHOR
    from poster.spec import slugify

    units = in_province(find_province(province)) if province else list(localities())
    anchor = BRAND_ANCHOR / "communes.yaml"
    # a unit's file name is the same in every run: with its province when another unit
    # of the country has its name, whether or not that one is in this run
    return [
        Source(
            loc.brand(), anchor, loc.label, slug=file_slug(loc),
            qualifier=slugify(loc.province.short),
        )
        for loc in units
    ]  # fmt: skip


# ---------------------------------------------------------------- naming and hashing


def assign_slugs(sources: list[Source]) -> None:
    """Output names from slugs, never colliding: a repeated slug gets its qualifier
    (the province, the row), and a number if even that repeats. A source that comes with
    its slug (a commune: see localities.file_slug) starts from it."""
    from poster.spec import slugify

    base = [s.slug or slugify(str(s.data.get("name") or "")) for s in sources]
    counts: dict[str, int] = {}
    for b in base:
        counts[b] = counts.get(b, 0) + 1
    used: set[str] = set()
    for s, b in zip(sources, base, strict=True):
        slug = b if counts[b] == 1 else f"{b}-{slugify(s.qualifier)}"
        candidate, n = slug, 2
        while candidate in used:
            candidate = f"{slug}-{n}"
            n += 1
        used.add(candidate)
        s.slug = candidate


def _file_digest(path: Path, cache: dict[Path, str]) -> str:
    """A file's SHA-256 for the skip-unchanged manifest. Only a regular file within the
    largest size any input may have is read (a logo that is a pipe or a device would
    block or never end): anything else is 'unreadable', and the job says why."""
    from poster.files import digest
    from poster.spec import MAX_LOGO_BYTES

    got = cache.get(path)
    if got is None:
        got = cache[path] = digest(path, MAX_LOGO_BYTES) or "unreadable"
    return got


# ---------------------------------------------------------------- workers


@dataclass(frozen=True)
class Job:
    index: int
    data: Mapping[str, object]
    path: str
    where: str
    layout: str
    fmt: str
    out: str
    digest: str
    spreadsheet: bool  # problems are named by column, not by field path


DEBUG = [False]  # `--debug`: a worker prints the traceback of an internal error

# a worker's content, loaded once, and the file it came from (None: the shipped one)
_state: dict[str, Content] = {}
_content_file: list[str | None] = [None]


def _init_worker(content: str | None) -> None:
    # the parent decides when to stop: Ctrl-C goes to it, not to every worker, and
    # its terminate() ends a worker at once (not through the parent's handlers)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from poster.spec import load_content

    _content_file[0] = content
    _state["content"] = load_content(content)


def _render_job(job: Job) -> tuple[int, int, list[Problem]]:
    """Render one output; returns (index, bytes written, problems). Never raises: bad
    input is the row's problems, and so is a bug met on this row (one line, its type and
    message: the problem `internal.error`), so that the other rows go on."""
    from poster.files import write_all
    from poster.outputs import Request, produce
    from poster.spec import brand_from_dict, load_content, load_layout

    try:
        brand = brand_from_dict(job.data, Path(job.path))
        layout = load_layout(job.layout)
        content = _state.get("content")
        if content is None:
            content = _state["content"] = load_content(_content_file[0])
        out = Path(job.out)
        _, artifacts = produce(Request(content, layout, brand, (job.fmt,), name=out.name))
        files = [
            (out if len(artifacts) == 1 else out.with_name(out.stem + a.suffix), a.data)
            for a in artifacts
        ]
        write_all(files)
        return job.index, sum(len(data) for _, data in files), []
    except PosterError as e:
        return job.index, 0, list(e.problems)
    except Exception as e:  # a bug: this row fails, the others go on
        if DEBUG[0]:
            traceback.print_exc()
            return job.index, 0, [internal_problem(e, job.where)]
        return job.index, 0, [internal_problem(e, job.where, hint=True)]


def internal_error(e: BaseException) -> str:
    """One line for an unexpected exception: what it is, and where to learn more."""
    text = " ".join(str(e).split())
    if len(text) > 300:
        text = text[:299] + "…"
    return (
        f"internal error: {type(e).__name__}: {text}"
        if text
        else (f"internal error: {type(e).__name__}")
    )


def internal_problem(e: BaseException, where: str, hint: bool = False) -> Problem:
    """A bug met on one row, as that row's problem (`internal.error`, or with the hint to
    run with --debug: `internal.error-debug`); its English is `internal_error(e)`."""
    return problem("internal.error-debug" if hint else "internal.error", where, "",
                   detail=internal_error(e).removeprefix("internal error: "))  # fmt: skip


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with_parent(parent: int, by_thread: bool) -> None:
    """End this worker when the batch that started it ends, however it ends: killed by
    SIGKILL (the out-of-memory killer), its pipes never close (other workers hold copies
    of them), and without this the worker would render on for nobody. On Linux the kernel
    sends SIGKILL on the parent's death (prctl PR_SET_PDEATHSIG, unless the parent is a
    thread other than its main one: that would fire when the thread ends); elsewhere, and
    as well, a thread watches the parent's pid. A parent already gone ends it at once."""
    import ctypes
    import os
    import sys
    import threading

    if sys.platform.startswith("linux") and not by_thread:
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # died before the kernel was told
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(
    conn: Connection, content: str | None, parent: int | None = None, by_thread: bool = False
) -> None:
    """A worker process: render the jobs that come down the pipe, until None or EOF."""
    if parent is not None:
        _die_with_parent(parent, by_thread)
    # should the content fail to load (it changed meanwhile), each job will say why
    with contextlib.suppress(Exception):
        _init_worker(content)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            conn.send(_render_job(job))
        except (OSError, ValueError):  # the parent has gone
            return


_Result = tuple[int, int, list[Problem]]


class _Workers:
    """`count` worker processes, one job each at a time. A worker that dies (killed by
    the kernel for its memory, by a signal, or by a crash in a library) is replaced, and
    its job is tried once more; if it dies again the job fails with the reason, and the
    run goes on. Unlike multiprocessing.Pool, which waits forever for the result of a
    job whose worker died."""

    ATTEMPTS = 2

    def __init__(self, count: int, content: str | None):
        import multiprocessing

        self._ctx = multiprocessing.get_context("fork")
        self._content = content
        self._count = count
        self._workers: list[tuple[ForkProcess, Connection]] = []

    def _start(self) -> tuple[ForkProcess, Connection]:
        import os
        import threading

        parent, child = self._ctx.Pipe()
        by_thread = threading.current_thread() is not threading.main_thread()
        process = self._ctx.Process(
            target=_serve, args=(child, self._content, os.getpid(), by_thread), daemon=True
        )
        process.start()
        child.close()
        return process, parent

    def run(self, jobs: list[Job]) -> Iterator[_Result]:
        """Every job's result, in the order they finish."""
        from multiprocessing.connection import wait

        pending = deque(jobs)
        tries: dict[int, int] = {}
        busy: dict[Connection, tuple[ForkProcess, Job]] = {}
        idle = [self._start() for _ in range(min(self._count, len(jobs)))]
        self._workers = list(idle)
        while pending or busy:
            while idle and pending:
                process, conn = idle.pop()
                job = pending.popleft()
                try:
                    conn.send(job)
                except (OSError, ValueError):  # died while idle: start another
                    pending.appendleft(job)
                    idle.append(self._replace(process, conn))
                    continue
                busy[conn] = (process, job)
            ready = wait([*busy, *(p.sentinel for p, _ in busy.values())])
            for conn in list(busy):
                process, job = busy[conn]
                if conn not in ready and process.sentinel not in ready:
                    continue
                try:
                    # a result sent just before the process ended is still in the pipe
                    result: _Result | None = conn.recv() if conn.poll() else None
                except (EOFError, OSError):
                    result = None
                if result is not None:
                    del busy[conn]
                    idle.append((process, conn))
                    yield result
                    continue
                if process.is_alive():  # woken by its pipe, but nothing came: wait more
                    process.join(0.05)
                    if process.is_alive():
                        continue
                del busy[conn]
                idle.append(self._replace(process, conn))
                tries[job.index] = tries.get(job.index, 0) + 1
                if tries[job.index] < self.ATTEMPTS:
                    pending.appendleft(job)
                else:
                    yield job.index, 0, [_death(process.exitcode, job.where)]

    def _replace(self, process: ForkProcess, conn: Connection) -> tuple[ForkProcess, Connection]:
        with contextlib.suppress(OSError):
            conn.close()
        process.join(0.1)
        fresh = self._start()
        self._workers = [w for w in self._workers if w[0] is not process] + [fresh]
        return fresh

    def close(self) -> None:
        """Let the workers finish and end."""
        for _, conn in self._workers:
            with contextlib.suppress(OSError, ValueError):
                conn.send(None)
        self._reap()

    def terminate(self) -> None:
        """Stop every worker at once (Ctrl-C, SIGTERM)."""
        for process, _ in self._workers:
            with contextlib.suppress(OSError):
                process.terminate()
        self._reap()

    def _reap(self) -> None:
        """Wait for every worker to end (5 s, then kill it) and close its pipe."""
        for process, conn in self._workers:
            process.join(5)
            if process.is_alive():
                process.kill()
                process.join()
            conn.close()
        self._workers = []


def _death(exitcode: int | None, where: str) -> Problem:
    """A row whose worker process died twice: `worker.killed` (by a signal; SIGKILL is
    most likely the kernel, out of memory) or `worker.ended` (with a status)."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        code = "worker.killed-oom" if name == "SIGKILL" else "worker.killed"
        return problem(code, where, "", signal=name)
    return problem("worker.ended", where, "", status=exitcode)


# ---------------------------------------------------------------- the run


def remove_partials(folder: Path) -> int:
    """Temporary files of an interrupted write (see export.write_atomic)."""
    n = 0
    for p in folder.glob(".*.part"):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n


def run_batch(
    sources: list[Source],
    layouts: list[str],
    fmt: str | None,
    out_dir: Path,
    jobs: int,
    force: bool,
    content: str | None,
    early_failures: list[Failure],
    progress: Progress,
    lang: str = "en",
) -> Summary:
    """Render every source × layout into `out_dir`, in `fmt` (None: each layout's
    `default_format(layout, many=True)`). `progress(done, total, status, text)`; a
    failure's text is in `lang`."""
    from poster.files import safe_stem
    from poster.outputs import check_format, default_format
    from poster.resources import DEFAULT_CONTENT
    from poster.spec import load_content, load_layout

    load_content(content)  # a bad content file fails here, once, not in every worker
    started = time.perf_counter()
    summary = Summary(failures=list(early_failures))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PosterError.of(
            "write.folder-create", str(out_dir), "--output", reason=e.strerror
        ) from None
    folder = _Folder(out_dir)  # held shared while this run writes into the folder
    manifest_path = out_dir / MANIFEST
    manifest = _read_manifest(manifest_path)
    updated: dict[str, object] = {}  # what this run rendered: merged into the record

    assign_slugs(sources)
    file_cache: dict[Path, str] = {}
    content_path = Path(content) if content else DEFAULT_CONTENT
    common = [__version__, _file_digest(content_path, file_cache)]
    layouts = list(dict.fromkeys(layouts))  # the same layout twice is once
    layout_objs = {name: load_layout(name) for name in layouts}
    stems: dict[str, str] = {}
    for name, layout in layout_objs.items():
        stem = safe_stem(layout.name)
        if stem in stems.values():
            raise PosterError.of("layout.same-name", "--layout", "layout", stem=stem)
        stems[name] = stem
    todo: list[Job] = []
    total = len(sources) * len(layouts)
    done = 0
    for s in sources:
        logo = s.data.get("logo")
        logo_digest = (
            _file_digest(s.path.parent / logo, file_cache) if isinstance(logo, str) else ""
        )
        brand_key = json.dumps(s.data, sort_keys=True, ensure_ascii=False, default=str)
        for name in layouts:
            layout = layout_objs[name]
            layout_fmt = fmt or default_format(layout, many=True)
            try:
                ext = check_format(layout_fmt, layout).extension
            except PosterError as e:
                p = e.problems[0]
                summary.failures.append(Failure(s.where, "layout", p.message, p.code, p.params))
                done += 1
                continue
            out = out_dir / f"{safe_stem(f'{stems[name]}-{s.slug}')}.{ext}"
            digest = hashlib.sha256(
                "\x00".join([*common, _file_digest(Path(layout.source_file), file_cache),
                             brand_key, logo_digest, layout_fmt]).encode()
            ).hexdigest()  # fmt: skip
            # images of a document of many pages are one per page: -01.png, -02.png…
            first = out.with_name(f"{out.stem}-01{out.suffix}")
            done_before = out.exists() or (layout_fmt in ("png", "jpeg") and first.exists())
            if not force and manifest.get(out.name) == digest and done_before:
                summary.skipped += 1
                done += 1
                progress(done, total, "skipped", out.name)
                continue
            todo.append(
                Job(len(todo), s.data, str(s.path), s.where, name, layout_fmt, str(out), digest,
                    s.row is not None)
            )  # fmt: skip

    by_index = {j.index: j for j in todo}
    last_save = time.monotonic()

    def save_manifest() -> None:
        _save_manifest(manifest_path, updated)

    def on_term(signum: int, frame: FrameType | None) -> NoReturn:  # SIGTERM: stop like Ctrl-C
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    # a shell may start us with SIGINT ignored (background job): Ctrl-C must still stop us
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    pool = _Workers(max(1, jobs), content)
    try:
        # one job at a time: a finished file is recorded at once, so a stopped run
        # resumes where it stopped (the IPC costs ~0.1 ms against ~10 ms a poster)
        for index, size, problems in pool.run(todo):
            job = by_index[index]
            done += 1
            name = Path(job.out).name
            if problems:
                failures = [
                    Failure(job.where, column_of(p.field) if job.spreadsheet else p.field,
                            p.message, p.code, p.params)
                    for p in problems
                ]  # fmt: skip
                summary.failures.extend(failures)
                progress(done, total, "failed", failures[0].text(lang))
            else:
                summary.rendered += 1
                summary.bytes_written += size
                manifest[name] = updated[name] = job.digest
                progress(done, total, "ok", name)
            if time.monotonic() - last_save > 2:
                save_manifest()
                last_save = time.monotonic()
        pool.close()
    except KeyboardInterrupt:
        summary.interrupted = True
        pool.terminate()
    except BaseException:
        pool.terminate()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
        save_manifest()
        folder.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _read_manifest(path: Path) -> dict[str, object]:
    """The resume record of the output folder: output name → digest of its inputs."""
    from poster.files import file_check, read_bounded

    if file_check(path, "a file", MAX_MANIFEST_BYTES, "a manifest") is not None:
        return {}
    try:
        read = json.loads(read_bounded(path, MAX_MANIFEST_BYTES))
    except (OSError, ValueError):
        return {}
    return read if isinstance(read, dict) else {}


def _save_manifest(path: Path, updated: Mapping[str, object]) -> None:
    """Merge what this run rendered into the record on disk, under a lock: two batches
    writing into one folder at once each keep the other's entries (each reads the
    record as the other last wrote it, adds its own and writes it whole)."""
    from poster.files import write_atomic

    with _locked(path.with_name(LOCK)):
        record = _read_manifest(path)
        record.update(updated)
        write_atomic(path, json.dumps(record, ensure_ascii=False, indent=0).encode())


LOCK = ".poster-batch.lock"  # beside the record: taken while the record is written


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive flock on `path` (created empty if need be) for the block. Without
    fcntl (Windows) or on a file system that refuses locks, the block runs unlocked."""
    import os

    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


class _Folder:
    """A run's hold on its output folder (a shared flock on the folder itself): the
    temporaries (`.NAME.XXXX.part`) an interrupted run left are removed only when no
    other run holds the folder, at the start and at the end, so that two batches into
    one folder never delete each other's files in the making. Without flock (Windows),
    they are removed as before."""

    def __init__(self, folder: Path) -> None:
        import os

        self._folder = folder
        self._fd: int | None = None
        with contextlib.suppress(OSError):
            self._fd = os.open(folder, os.O_RDONLY)
        self._tidy()  # alone: an exclusive lock, kept shared afterwards
        self._flock("LOCK_SH", wait=True)

    def _flock(self, how: str, wait: bool) -> bool:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            return True
        if self._fd is None:
            return True
        try:
            fcntl.flock(self._fd, getattr(fcntl, how) | (0 if wait else fcntl.LOCK_NB))
        except OSError:
            return False
        return True

    def _tidy(self) -> None:
        if self._flock("LOCK_EX", wait=False):
            remove_partials(self._folder)

    def close(self) -> None:
        import os

        self._tidy()
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None


def sources_from(
    brands: str | None, province: str | None, all_communes: bool
) -> tuple[list[Source], list[Failure], list[Problem]]:
    """The brands to render, the rows or files that failed already, and notes for the
    user (which sheet of a workbook was read)."""
    if brands is not None:
        path = Path(brands)
        if path.is_dir():
            found, failures = read_brand_dir(path)
            if not found and not failures:
                raise PosterError.of("brands.empty-folder", str(path), "--brands")
            return found, failures, []
        if not path.exists():
            raise PosterError.of("brands.not-found", str(path), "--brands")
        suffix = path.suffix.lower()
        if suffix not in (*XLSX, *TEXT):
            raise PosterError.of("sheet.kind", str(path), "--brands")
        from poster.files import file_error

        # looked at before it is opened: a named pipe would block
        limit = limits.XLSX_BYTES if suffix in XLSX else limits.CSV_BYTES
        refused = file_error(path, "a spreadsheet", limit, "a spreadsheet", field="--brands")
        if refused is not None:
            raise refused
        sources, failures, notes = read_sheet(path)
        if not sources and not failures:
            raise PosterError.of("sheet.no-rows", str(path), "--brands")
        return sources, failures, notes
    if not all_communes and not (province or "").strip():
        raise PosterError.of("province.empty", "--province", "province")
    return commune_sources(None if all_communes else province), [], []


def plain_progress(stream: TextIO) -> Progress:
    def report(done: int, total: int, status: str, text: str) -> None:
        width = len(str(total))
        print(f"[{done:>{width}}/{total}] {status:<7} {text}", file=stream, flush=True)

    return report
