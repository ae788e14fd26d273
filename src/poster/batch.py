"""Many brands × layouts in one run: from a spreadsheet, a folder of brand files or the
built-in list of communes; worker processes, progress, skip-unchanged, atomic files.

A bad row is reported and the others go on. A run killed at any moment leaves only
complete files (each is written to a temporary name and renamed; temporaries of an
interrupted run are removed). Outputs whose inputs did not change are skipped,
using a manifest of input hashes kept in the output folder.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import signal
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn, TextIO

from poster import __version__
from poster.errors import PosterError

if TYPE_CHECKING:
    from poster.spec import BrandData, Content

# progress(done, total, status, text): status is "ok", "skipped" or "failed"
Progress = Callable[[int, int, str, str], None]

MANIFEST = ".poster-batch.json"
COLUMNS = [
    "name",
    "authority",
    "logo",
    "primary",
    "left",
    "right",
    "text",
    "qr_url",
    "qr_caption",
    "footer",
]
# brand field path → spreadsheet column
FIELD_COLUMNS = {
    "name": "name", "authority": "authority", "logo": "logo", "colors.primary": "primary",
    "colors.left": "left", "colors.right": "right", "colors.text": "text",
    "qr.url": "qr_url", "qr.caption": "qr_caption", "footer": "footer",
}  # fmt: skip


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
    where: str
    column: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.where}: {self.column}: {self.message}"
            if self.column
            else f"{self.where}: {self.message}"
        )


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


def _column(field_path: str) -> str:
    """The spreadsheet column a brand field comes from ('colors.primary' → 'primary')."""
    for path, column in FIELD_COLUMNS.items():
        if field_path == path or field_path.startswith(path + "."):
            return column
    return field_path


def read_csv(path: Path) -> tuple[list[Source], list[Failure]]:
    """Rows of a spreadsheet saved as CSV by Excel or LibreOffice: UTF-8 with or without
    BOM, comma or semicolon. Row numbers as the spreadsheet shows them (header = 1)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise PosterError.one(str(path), "", f"cannot read: {e.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PosterError.one(
            str(path), "", "not UTF-8: save the spreadsheet as 'CSV UTF-8'"
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise PosterError.one(str(path), "", "the file is empty") from None
    while header and not header[-1]:  # spreadsheets export formatted but empty columns
        header.pop()
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        shown = unknown[0] or "(a column without a name)"
        raise PosterError.one(
            f"{path}:1", shown, f"unknown column (expected some of: {', '.join(COLUMNS)})"
        )
    if "name" not in header:
        raise PosterError.one(f"{path}:1", "name", "the header has no 'name' column")
    sources, failures = [], []
    for row_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path.name}:{row_no}"
        if any(cell.strip() for cell in row[len(header) :]):
            failures.append(Failure(where, "", f"{len(row)} cells, the header has {len(header)}"))
            continue
        cells = {h: row[i].strip() if i < len(row) else "" for i, h in enumerate(header)}
        data: BrandData = {"name": cells["name"]}
        if cells.get("authority"):
            data["authority"] = [a.strip() for a in cells["authority"].split("|") if a.strip()]
        if cells.get("logo"):
            data["logo"] = cells["logo"]
        colors = {k: cells[k] for k in ("primary", "left", "right", "text") if cells.get(k)}
        if colors:
            data["colors"] = colors
        qr = {k: cells[f"qr_{k}"] for k in ("url", "caption") if cells.get(f"qr_{k}")}
        if qr:
            data["qr"] = qr
        if cells.get("footer"):
            data["footer"] = cells["footer"]
        sources.append(Source(data, path, where, row=row_no, qualifier=f"r{row_no}"))
    return sources, failures


def read_brand_dir(folder: Path) -> list[Source]:
    from poster.spec import _read_yaml

    out = []
    for path in sorted(folder.glob("*.yaml")):
        data = _read_yaml(path)
        out.append(
            Source(data if isinstance(data, dict) else {}, path, str(path), qualifier=path.stem)
        )
    return out


def commune_sources(province: str | None) -> list[Source]:
    from poster.localities import find_province, in_province, localities
    from poster.resources import BRAND_ANCHOR
    from poster.spec import slugify

    units = in_province(find_province(province)) if province else list(localities())
    anchor = BRAND_ANCHOR / "communes.yaml"
    return [
        Source(loc.brand(), anchor, loc.label, qualifier=slugify(loc.province.short))
        for loc in units
    ]


# ---------------------------------------------------------------- naming and hashing


def assign_slugs(sources: list[Source]) -> None:
    """Output names from slugs, never colliding: a repeated slug gets its qualifier
    (the province, the row), and a number if even that repeats."""
    from poster.spec import slugify

    base = [slugify(str(s.data.get("name") or "")) for s in sources]
    counts: dict[str, int] = {}
    for b in base:
        counts[b] = counts.get(b, 0) + 1
    used: set[str] = set()
    for s, b in zip(sources, base, strict=True):
        slug = b if counts[b] == 1 else f"{b}-{s.qualifier}"
        candidate, n = slug, 2
        while candidate in used:
            candidate = f"{slug}-{n}"
            n += 1
        used.add(candidate)
        s.slug = candidate


def _file_digest(path: Path, cache: dict[Path, str]) -> str:
    got = cache.get(path)
    if got is None:
        try:
            got = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            got = "missing"
        cache[path] = got
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


_state: dict[str, Content] = {}


def _init_worker(content: str | None) -> None:
    # the parent decides when to stop: Ctrl-C goes to it, not to every worker, and
    # its terminate() ends a worker at once (not through the parent's handlers)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from poster.spec import load_content

    _state["content"] = load_content(content)


def _render_job(job: Job) -> tuple[int, int, list[tuple[str, str]]]:
    """Render one output; returns (index, bytes written, problems as (field, message))."""
    from poster.files import write_all
    from poster.outputs import Request, produce
    from poster.spec import brand_from_dict, load_layout

    try:
        brand = brand_from_dict(job.data, Path(job.path))
        layout = load_layout(job.layout)
        content = _state.get("content")
        if content is None:
            from poster.spec import load_content

            content = _state["content"] = load_content(None)
        out = Path(job.out)
        _, artifacts = produce(Request(content, layout, brand, (job.fmt,), name=out.name))
        files = [
            (out if len(artifacts) == 1 else out.with_name(out.stem + a.suffix), a.data)
            for a in artifacts
        ]
        write_all(files)
        return job.index, sum(len(data) for _, data in files), []
    except PosterError as e:
        return job.index, 0, [(p.field, p.message) for p in e.problems]


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
    fmt: str,
    out_dir: Path,
    jobs: int,
    force: bool,
    content: str | None,
    early_failures: list[Failure],
    progress: Progress,
) -> Summary:
    """Render every source × layout into `out_dir`. `progress(done, total, status, text)`."""
    import multiprocessing

    from poster.outputs import check_format
    from poster.resources import DEFAULT_CONTENT
    from poster.spec import DeckLayout, load_content, load_layout

    load_content(content)  # a bad content file fails here, once, not in every worker
    started = time.perf_counter()
    summary = Summary(failures=list(early_failures))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise PosterError.one(str(out_dir), "--output", f"cannot create: {e.strerror}") from None
    remove_partials(out_dir)
    manifest_path = out_dir / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}

    assign_slugs(sources)
    file_cache: dict[Path, str] = {}
    content_path = Path(content) if content else DEFAULT_CONTENT
    common = [__version__, _file_digest(content_path, file_cache)]
    layout_objs = {name: load_layout(name) for name in layouts}
    todo: list[Job] = []
    total = len(sources) * len(layouts)
    done = 0
    for s in sources:
        logo = s.data.get("logo")
        logo_digest = (
            _file_digest(s.path.parent / logo, file_cache) if isinstance(logo, str) else ""
        )
        brand_key = json.dumps(s.data, sort_keys=True, ensure_ascii=False)
        for name in layouts:
            layout = layout_objs[name]
            is_deck = isinstance(layout, DeckLayout)
            try:
                ext = check_format(fmt, layout).extension
            except PosterError as e:
                summary.failures.append(Failure(s.where, "layout", e.problems[0].message))
                done += 1
                continue
            out = out_dir / f"{name}-{s.slug}.{ext}"
            digest = hashlib.sha256(
                "\x00".join([*common, _file_digest(Path(layout.source_file), file_cache),
                             brand_key, logo_digest, fmt]).encode()
            ).hexdigest()  # fmt: skip
            # a deck's PNGs are one per page: -1.png, -2.png…
            first = out.with_name(f"{out.stem}-1.png") if fmt == "png" and is_deck else out
            if not force and manifest.get(out.name) == digest and first.exists():
                summary.skipped += 1
                done += 1
                progress(done, total, "skipped", out.name)
                continue
            todo.append(
                Job(len(todo), s.data, str(s.path), s.where, name, fmt, str(out), digest,
                    s.row is not None)
            )  # fmt: skip

    by_index = {j.index: j for j in todo}
    last_save = time.monotonic()

    def save_manifest() -> None:
        from poster.files import write_atomic

        write_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=0).encode())

    def on_term(signum: int, frame: FrameType | None) -> NoReturn:  # SIGTERM: stop like Ctrl-C
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    # a shell may start us with SIGINT ignored (background job): Ctrl-C must still stop us
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    ctx = multiprocessing.get_context("fork")
    pool = ctx.Pool(max(1, jobs), initializer=_init_worker, initargs=(content,))
    try:
        # one job at a time: a finished file is recorded at once, so a stopped run
        # resumes where it stopped (the IPC costs ~0.1 ms against ~10 ms a poster)
        for index, size, problems in pool.imap_unordered(_render_job, todo, chunksize=1):
            job = by_index[index]
            done += 1
            name = Path(job.out).name
            if problems:
                for f, message in problems:
                    column = _column(f) if job.spreadsheet else f
                    summary.failures.append(Failure(job.where, column, message))
                f, message = problems[0]
                column = _column(f) if job.spreadsheet else f
                progress(done, total, "failed", str(Failure(job.where, column, message)))
            else:
                summary.rendered += 1
                summary.bytes_written += size
                manifest[name] = job.digest
                progress(done, total, "ok", name)
            if time.monotonic() - last_save > 2:
                save_manifest()
                last_save = time.monotonic()
        pool.close()
        pool.join()
    except KeyboardInterrupt:
        summary.interrupted = True
        pool.terminate()
        pool.join()
    finally:
        signal.signal(signal.SIGTERM, previous)
        signal.signal(signal.SIGINT, previous_int)
        remove_partials(out_dir)
        save_manifest()
        remove_partials(out_dir)
    summary.seconds = time.perf_counter() - started
    return summary


def sources_from(
    brands: str | None, province: str | None, all_communes: bool
) -> tuple[list[Source], list[Failure]]:
    if brands is not None:
        path = Path(brands)
        if path.is_dir():
            found = read_brand_dir(path)
            if not found:
                raise PosterError.one(str(path), "--brands", "the folder holds no brand .yaml file")
            return found, []
        if not path.exists():
            raise PosterError.one(str(path), "--brands", "no such file or folder")
        if path.suffix.lower() in (".yaml", ".yml"):
            raise PosterError.one(
                str(path), "--brands", "give a spreadsheet (.csv) or a folder of brand files"
            )
        sources, failures = read_csv(path)
        if not sources and not failures:
            raise PosterError.one(
                str(path), "--brands", "the spreadsheet has no rows under its header"
            )
        return sources, failures
    if not all_communes and not (province or "").strip():
        raise PosterError.one("--province", "province", "give a province name")
    return commune_sources(None if all_communes else province), []


def plain_progress(stream: TextIO) -> Progress:
    def report(done: int, total: int, status: str, text: str) -> None:
        width = len(str(total))
        print(f"[{done:>{width}}/{total}] {status:<7} {text}", file=stream, flush=True)

    return report
