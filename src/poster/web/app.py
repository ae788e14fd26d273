"""The web server: the page, its assets, the commune search, previews and downloads.

Everything is served from the package (HTML, CSS, JS) and from the project's fonts:
no CDN, no request leaves the machine. Every response carries a strict
Content-Security-Policy. Rendering runs in a few worker processes behind a bounded
queue (`poster.web.pool`); a request that waits or runs too long gets a Vietnamese
message and the server goes on serving.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import html
import io
import ipaddress
import json
import logging
import math
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from poster.web import jobs
from poster.web.connections import PER_ADDRESS, READ_DEADLINE, READ_IDLE
from poster.web.messages import FIELD_LABELS, decimal
from poster.web.pool import Busy, Crashed, TimedOut, Workers

if TYPE_CHECKING:
    import socket

    import uvicorn
    from starlette.datastructures import State
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

    from poster.localities import Locality

log = logging.getLogger("poster.web")
R = TypeVar("R")

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_BODY = jobs.MAX_LOGO_BYTES + 256 * 1024  # the logo and the form's text fields
DRAIN_LIMIT = 4 * MAX_BODY  # read and discard at most this much of a refused body
TIMEOUT = 30.0  # seconds a request may wait and render
QUEUE_PER_WORKER = 8  # requests waiting for a worker; more are refused with 503
PER_CLIENT = 4  # renders one client address may have waiting or running; more get 429
TMP_PREFIX = "poster-web-"  # the server's temporary folders: poster-web-<pid>-<random>
LOOPBACK = ("127.0.0.1", "localhost", "::1")
BUG_MESSAGE = (
    "Lỗi không mong đợi trong máy chủ (mã {id}): hãy thử lại, hoặc báo mã này cho kỹ thuật."
)

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    # not no-referrer: under it a browser sends "Origin: null" with the page's own plain
    # form (without JavaScript), which the stranger check must refuse
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".ttf": "font/ttf",
}
_FONTS = ("BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf", "BeVietnamPro-ExtraBold.ttf")


class TooLarge(Exception):
    """The request body passed MAX_BODY while being read."""


# ---------------------------------------------------------------- ASGI wrappers


class SecurityHeaders:
    """Outermost layer: the security headers on every response, errors included."""

    def __init__(self, app: ASGIApp, state: State | None = None):
        self.app = app
        self.state = state  # the FastAPI app's state: .workers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _hostname(value: str) -> str:
    """'Example.org:8000' → 'example.org'; 'localhost.:8000' → 'localhost' (the name's
    final dot goes after its port); '[::1]:80' → '::1'; '' stays ''."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return (value.rsplit(":", 1)[0] if value.count(":") == 1 else value).rstrip(".")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class Strangers:
    """403 for a request whose Host is not one of this server's names, or whose Origin
    is another site's: a web page the officer visits cannot make this machine render
    (cross-site POST), nor read from it through a name of its own (DNS rebinding).

    `hosts`: the names accepted besides the loopback ones (`--allow-host`; '*' accepts
    any); `any_ip`: an address typed as a number is accepted too (bound to 0.0.0.0,
    for the other machines of the local network: a rebinding attack needs a name).
    """

    def __init__(self, app: ASGIApp, hosts: Iterable[str] = (), any_ip: bool = False):
        self.app = app
        self.hosts = frozenset(_hostname(h) for h in (*LOOPBACK, *hosts))
        self.any = "*" in self.hosts
        self.any_ip = any_ip

    def allowed(self, name: str) -> bool:
        return self.any or name in self.hosts or (self.any_ip and _is_ip(name))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        raw_host = headers.get(b"host", b"").decode("latin-1")
        host = _hostname(raw_host)
        origin = headers.get(b"origin")
        foreign = not self.allowed(host)
        if origin is not None and not foreign:
            # the page's own origin only: scheme, host and port (a page another program
            # serves on another port of this machine is another site)
            scheme = str(scope.get("scheme") or "http")
            theirs = _origin(origin.decode("latin-1"))
            foreign = theirs is None or theirs != _origin(f"{scheme}://{raw_host}")
        if foreign:
            await _drain(receive, 0)
            await _send_json(
                send,
                403,
                jobs.reject(message="Yêu cầu từ trang khác hoặc tên máy không được phép."),
            )
            return
        await self.app(scope, receive, send)


def _origin(url: str) -> tuple[str, str, int] | None:
    """'http://Localhost:8000' → ('http', 'localhost', 8000); the scheme's default port
    when none is given; None for anything that is not an http(s) origin ('null')."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, parts.hostname.rstrip(".").lower(), port or default


def _incident(exc: BaseException, where: str) -> str:
    """Log an unexpected failure under a short id, which the answer gives to the user:
    the id, where, the exception's type and message; its traceback under --debug (a
    worker's, sent back as text, included)."""
    ident = secrets.token_hex(4)
    debug = log.isEnabledFor(logging.DEBUG)
    log.error(
        "error %s on %s: %s: %s", ident, where, type(exc).__name__, exc,
        exc_info=exc if debug else None,
    )  # fmt: skip
    remote = getattr(exc, "poster_traceback", "")
    if debug and remote:
        log.debug("error %s: the worker's traceback:\n%s", ident, remote.rstrip())
    return ident


def _bug_body(ident: str) -> dict[str, object]:
    return {"message": BUG_MESSAGE.format(id=ident), "errors": {}, "id": ident}


class Guard:
    """Any exception left over becomes a 500 with a logged id; the connection stays open
    (an exception reaching the server would make it close the connection)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            logged = getattr(exc, "poster_incident", None)
            ident = logged if isinstance(logged, str) else _incident(exc, str(scope.get("path")))
            if started:
                return  # the handler below answered already
            data = json.dumps(_bug_body(ident), ensure_ascii=False).encode()
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(data)).encode()),
                (b"cache-control", b"no-store"),
            ]
            await send({"type": "http.response.start", "status": 500, "headers": headers})
            await send({"type": "http.response.body", "body": data})


class Folders:
    """The server's temporary folders: a root named after this process's id, one folder
    per request inside it, removed when the request ends whatever its outcome (success,
    error, a worker killed at the deadline); the root goes when the server stops, and
    roots left by a server that no longer runs are removed when the next one starts."""

    def __init__(self, base: str | None = None):
        self.base = base
        self.root: Path | None = None

    def start(self) -> None:
        sweep_stale(self.base)
        self.root = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=self.base))

    def stop(self) -> None:
        if self.root is not None:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None

    @contextlib.contextmanager
    def request(self) -> Iterator[str]:
        assert self.root is not None  # started
        path = tempfile.mkdtemp(dir=self.root)
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)


class LogoStore:
    """Prepared logos by token (a hash of the bytes uploaded), in files inside the server's
    own temporary folder and gone with it when the server stops. Bounded: at most `count`
    logos and `size` bytes, each forgotten `ttl` seconds after its last use, the least
    recently used first when full. One per server process: a process (or another host
    behind the same proxy) that lacks a token answers 409 and the page sends the logo
    again, so several of them need no shared store."""

    def __init__(self, count: int = 128, size: int = 64 * 1024 * 1024, ttl: float = 1800.0):
        self.count, self.size, self.ttl = count, size, ttl
        self.folder: Path | None = None
        # token → (file name, uploaded size in px, bytes on disk, last used)
        self._index: OrderedDict[str, tuple[str, tuple[int, int], int, float]] = OrderedDict()

    def start(self, root: Path) -> None:
        self.folder = root / "logos"  # made with the first logo

    def stop(self) -> None:
        self._index.clear()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __len__(self) -> int:
        return len(self._index)

    @property
    def nbytes(self) -> int:
        return sum(entry[2] for entry in self._index.values())

    def __contains__(self, token: str) -> bool:
        self._expire()
        return token in self._index

    def get(self, token: str, full: bool) -> jobs.Prepared | None:
        """The prepared logo (its full copy only when `full`: a preview needs the small
        one), or None when this process does not have it (any more)."""
        self._expire()
        entry = self._index.get(token)
        if entry is None or self.folder is None:
            return None
        name, uploaded, nbytes, _ = entry
        try:
            preview = (self.folder / f"{token}.preview").read_bytes()
            data = (self.folder / f"{token}.full").read_bytes() if full else b""
        except OSError:
            self._drop(token)
            return None
        self._index[token] = (name, uploaded, nbytes, time.monotonic())
        self._index.move_to_end(token)
        return jobs.Prepared(data, name, preview, uploaded)

    def put(self, token: str, prepared: jobs.Prepared) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(exist_ok=True)
        (self.folder / f"{token}.full").write_bytes(prepared.full)
        (self.folder / f"{token}.preview").write_bytes(prepared.preview)
        self._index[token] = (prepared.name, prepared.uploaded, prepared.nbytes, time.monotonic())
        self._index.move_to_end(token)
        while len(self._index) > self.count or (len(self._index) > 1 and self.nbytes > self.size):
            self._drop(next(iter(self._index)))

    def _expire(self) -> None:
        now = time.monotonic()
        for token in [t for t, e in self._index.items() if now - e[3] > self.ttl]:
            self._drop(token)

    def _drop(self, token: str) -> None:
        self._index.pop(token, None)
        if self.folder is not None:
            for part in ("full", "preview"):
                with contextlib.suppress(OSError):
                    (self.folder / f"{token}.{part}").unlink()


TOKEN = re.compile(r"[0-9a-f]{32}")


def logo_token(data: bytes) -> str:
    """The token of an upload: its content's hash (the same bytes, the same token)."""
    return hashlib.sha256(data).hexdigest()[:32]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(base: str | None = None, age: float = 3600.0) -> list[Path]:
    """Remove this user's poster-web-* folders that no running server owns: those named
    after a process that is gone, and unnamed ones (older versions) untouched for `age` s."""
    removed: list[Path] = []
    for path in Path(base or tempfile.gettempdir()).glob(f"{TMP_PREFIX}*"):
        try:
            st = path.lstat()
        except OSError:
            continue
        if not path.is_dir() or path.is_symlink() or st.st_uid != os.getuid():
            continue
        m = re.match(rf"{TMP_PREFIX}(\d+)-", path.name)
        if m and _alive(int(m[1])):
            continue
        if not m and time.time() - st.st_mtime < age:
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


class BodyLimit:
    """Refuse a body over `limit` bytes with 413, never holding more than one chunk of it.

    A declared Content-Length over the limit is refused before reading; a body sent
    without one is counted as it arrives and the count past the limit raises TooLarge
    inside the handler (which answers 413). What is left of a refused body is read and
    discarded, up to DRAIN_LIMIT, so that the client sees the answer.
    """

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _drain(receive, int(declared) if declared.isdigit() else 0)
            await _send_json(send, 413, _too_large())
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge
            return message

        await self.app(scope, counted, send)


async def _drain(receive: Receive, declared: int) -> None:
    if declared > DRAIN_LIMIT:
        return  # the client will see the connection close instead
    read = 0
    while read <= DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        read += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _send_json(send: Send, status: int, body: jobs.Rejection) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(data)).encode()),
        (b"cache-control", b"no-store"),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def _too_large() -> jobs.Rejection:
    message = jobs.too_large_message()
    return jobs.reject({"logo": [message]}, message)


# ---------------------------------------------------------------- the app


FONT_README = """Phông chữ Be Vietnam Pro (giấy phép SIL Open Font License 1.1, xem OFL.txt)

Tệp PowerPoint dùng phông Be Vietnam Pro. Máy chưa có phông này sẽ hiện chữ bằng
phông khác (chữ vẫn nằm trong khung, nhưng trông khác bản PDF).

Cài trên Windows: giải nén tệp ZIP, chọn cả ba tệp .ttf, bấm chuột phải, chọn
"Install" (Cài đặt) hoặc "Install for all users". Mở lại PowerPoint.
Trên macOS: bấm đúp từng tệp .ttf, chọn "Install Font" (Cài đặt phông).
"""


@functools.cache
def font_bundle() -> bytes:
    """The fonts a deck names, with their licence and how to install them, as a ZIP."""
    import zipfile

    from poster.resources import FONTS, shipped

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in (*_FONTS, "OFL.txt"):
            info = zipfile.ZipInfo(name, date_time=(2025, 7, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, shipped(FONTS, name).read_bytes())
        info = zipfile.ZipInfo("HUONG-DAN-CAI-DAT.txt", date_time=(2025, 7, 1, 0, 0, 0))
        z.writestr(info, FONT_README.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _asset(path: Path, cache: str = "no-cache") -> Response:
    return Response(
        path.read_bytes(),
        media_type=_TYPES.get(path.suffix, "application/octet-stream"),
        headers={"cache-control": cache},
    )


def _error(
    status: int, message: str | None, errors: dict[str, list[str]] | None = None, /, **headers: str
) -> JSONResponse:
    return JSONResponse(
        jobs.reject(errors, message) if errors is not None else jobs.reject(message=message),
        status_code=status,
        headers={"cache-control": "no-store", **headers},
    )


async def _read_form(request: Request) -> tuple[dict[str, str], bytes | None]:
    """The form's text fields and the logo's bytes (None when no file was chosen)."""
    fields: dict[str, str] = {}
    logo: bytes | None = None
    async with request.form(
        max_files=1, max_fields=40, max_part_size=64 * 1024
    ) as form:  # a file part is spooled to disk past 1 MB, and bounded by BodyLimit
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                if key != "logo":
                    continue
                if value.size is not None and value.size > jobs.MAX_LOGO_BYTES:
                    raise TooLarge
                data = await value.read(jobs.MAX_LOGO_BYTES + 1)
                if len(data) > jobs.MAX_LOGO_BYTES:
                    raise TooLarge
                logo = data or None
            elif key != "logo":
                fields[key] = value
    return fields, logo


def _wants_html(request: Request) -> bool:
    """A plain form sent by a browser without JavaScript (it navigates: it asks for a
    page), not the page's own fetch() (which takes JSON)."""
    accept = request.headers.get("accept", "")
    return "text/html" in accept and request.headers.get("sec-fetch-mode", "navigate") in (
        "navigate",
        "nested-navigate",
    )


def _html_answer(status: int, body: jobs.Rejection) -> HTMLResponse:
    """An error as a page, for a form sent without JavaScript: what to fix, by field."""
    rows = "".join(
        f"<li><strong>{html.escape(FIELD_LABELS.get(field, 'Biểu mẫu'))}:</strong> "
        f"{html.escape(' '.join(messages))}</li>"
        for field, messages in body["errors"].items()
        if field
    )
    page = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Chưa tạo được tệp</title>"
        '<link rel="stylesheet" href="/static/app.css"></head><body>'
        '<main class="wrap answer"><div class="card">'
        "<h1>Chưa tạo được tệp</h1>"
        f'<p class="error">{html.escape(body["message"])}</p>'
        + (f'<ul class="answer-list">{rows}</ul>' if rows else "")
        + '<p><a href="/">Quay lại trang tạo áp phích</a> (nút “Quay lại” của trình duyệt '
        "giữ nguyên những gì đã nhập), sửa rồi gửi lại.</p></div></main></body></html>"
    )
    return HTMLResponse(page, status_code=status, headers={"cache-control": "no-store"})


def create_app(
    workers: int | None = None,
    queue: int | None = None,
    timeout: float = TIMEOUT,
    *,
    allow_hosts: Iterable[str] = (),
    any_ip: bool = False,
    per_client: int = PER_CLIENT,
    tmp: str | None = None,
    store: LogoStore | None = None,
) -> SecurityHeaders:
    """The ASGI application. `workers` processes render (default: one per CPU), with
    `queue` requests waiting at most (default: QUEUE_PER_WORKER per worker).

    `allow_hosts`: Host names accepted besides the loopback ones (a reverse proxy's);
    `any_ip`: Host given as an IP address accepted (bound to every interface);
    `per_client`: renders one client address may have at once (0: no limit);
    `tmp`: where the temporary folders go (default: the system's);
    `store`: where uploaded logos are kept between requests (default: a LogoStore)."""
    count = workers or max(1, min(os.cpu_count() or 1, 8))
    waiting = QUEUE_PER_WORKER * count if queue is None else queue
    pool = Workers(count, waiting, timeout, initializer=jobs.init_worker)
    folders = Folders(tmp)
    logos = store or LogoStore()
    busy: dict[str, int] = {}  # client address → renders waiting or running

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        folders.start()
        assert folders.root is not None
        logos.start(folders.root)
        await pool.start()
        try:
            yield
        finally:
            await pool.stop()
            logos.stop()
            folders.stop()

    api = FastAPI(
        title="poster",
        docs_url=None,  # the docs pages load scripts from a CDN
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    api.state.workers = pool
    api.state.folders = folders
    api.state.logos = logos
    static = {p.name: p for p in STATIC_DIR.iterdir() if p.is_file()}
    static.pop("index.html")

    @api.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        message = {
            404: "Không có trang này.",
            405: "Phương thức không được hỗ trợ ở địa chỉ này.",
        }.get(exc.status_code, "Yêu cầu không hợp lệ.")
        return _error(exc.status_code, message)

    @api.exception_handler(RequestValidationError)
    async def bad_query(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, "Tham số trên địa chỉ không hợp lệ.")

    @api.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        ident = _incident(exc, request.url.path)
        with contextlib.suppress(AttributeError):
            exc.poster_incident = ident  # type: ignore[attr-defined]  # for Guard
        return JSONResponse(_bug_body(ident), 500, headers={"cache-control": "no-store"})

    @api.get("/", include_in_schema=False)
    async def page() -> Response:
        return Response(index_html(), media_type=_TYPES[".html"],
                        headers={"cache-control": "no-cache"})  # fmt: skip

    @api.get("/static/{name}", include_in_schema=False)
    async def asset(name: str) -> Response:
        path = static.get(name)  # a name from the package's folder, never a path from the URL
        if path is None:
            raise HTTPException(404)
        return _asset(path)

    @api.get("/fonts/{name}", include_in_schema=False)
    async def font(name: str) -> Response:
        from poster.resources import FONTS, shipped

        if name not in _FONTS:
            raise HTTPException(404)
        return _asset(shipped(FONTS, _FONTS[_FONTS.index(name)]), "public, max-age=86400")

    @api.get("/fonts.zip", include_in_schema=False)
    async def fonts_zip() -> Response:
        # beside the PPTX: a PC without Be Vietnam Pro shows the deck in another font
        return Response(
            font_bundle(),
            media_type="application/zip",
            headers={
                "cache-control": "public, max-age=86400",
                "content-disposition": 'attachment; filename="phong-chu-be-vietnam-pro.zip"',
            },
        )

    @api.get("/api/localities")
    async def localities(q: str = "", limit: int = 8) -> JSONResponse:
        found = _search(q[:80], max(1, min(limit, 20))) if q.strip() else []
        return JSONResponse(
            {
                "results": [
                    {
                        "label": loc.label,
                        "name": loc.name,
                        "authority": loc.authority,
                        "footer": f"Ủy ban nhân dân {loc.name[:1].lower()}{loc.name[1:]}",
                        "slug": loc.slug,
                        "code": loc.code,
                        "province": loc.province.name,
                    }
                    for loc in found
                ]
            }
        )

    @api.get("/api/layouts")
    async def layouts() -> JSONResponse:
        from poster.web.jobs import layout_choices

        return JSONResponse({"layouts": layout_choices(), "limits": jobs.MAX_CHARS})

    @api.get("/api/status")
    async def status() -> JSONResponse:
        return JSONResponse(
            {
                "workers": pool.count,
                "waiting": pool.waiting,
                "timeout": pool.timeout,
                "logos": len(logos),
                "busy": sum(busy.values()),
                "cancelled": pool.cancelled,
            },
            headers={"cache-control": "no-store"},
        )

    def _refuse(request: Request, status: int, body: jobs.Rejection, **headers: str) -> Response:
        """An error answer: JSON for the page's script, a page for a plain form. Headers
        given as retry_after="2" are sent as retry-after: 2."""
        if _wants_html(request):
            return _html_answer(status, body)
        named = {k.replace("_", "-"): v for k, v in headers.items()}
        return JSONResponse(body, status, headers={"cache-control": "no-store", **named})

    async def _form(request: Request) -> tuple[dict[str, str], bytes | None] | Response:
        """The request's form, or the answer when it cannot be read (None: the client
        left while sending it, which is logged as such and answered to nobody)."""
        try:
            return await _read_form(request)
        except TooLarge:
            return _refuse(request, 413, _too_large(), connection="close")
        except ClientDisconnect:
            log.info("client %s left while sending %s", _client(request), request.url.path)
            return Response(status_code=400)
        except HTTPException:  # a malformed body, too many fields, a field too long
            message = "Dữ liệu gửi lên không hợp lệ (quá nhiều trường hoặc quá dài)."
            return _refuse(request, 400, jobs.reject(message=message))

    async def _in_worker(request: Request, fn: Callable[..., R], *args: object) -> R | Response:
        """fn(*args) in a worker for this request's client: 429 past its share of renders,
        503 when the queue is full, 504 past the deadline; stopped in its worker when the
        client leaves (logged as a client's leaving, not as an error)."""
        client = _client(request)
        if per_client and busy.get(client, 0) >= per_client:
            message = (
                f"Trình duyệt này đang chờ {per_client} tệp cùng lúc: hãy đợi xong rồi thử lại."
            )
            return _refuse(request, 429, jobs.reject(message=message), retry_after="2")
        busy[client] = busy.get(client, 0) + 1
        job = asyncio.ensure_future(pool.run(fn, *args))
        gone = asyncio.ensure_future(_left(request))
        try:
            await asyncio.wait((job, gone), return_when=asyncio.FIRST_COMPLETED)
            if not job.done():  # the client went away: stop its render
                job.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await job
                log.info("client %s left during %s: its render was stopped", client,
                         request.url.path)  # fmt: skip
                return Response(status_code=400)
            return job.result()
        except Busy:
            wait = max(1, min(30, math.ceil(pool.expected_wait())))
            message = "Máy chủ đang bận vì nhiều người dùng cùng lúc: hãy thử lại sau ít giây."
            return _refuse(request, 503, jobs.reject(message=message), retry_after=str(wait))
        except TimedOut:
            message = (
                f"Quá {decimal(pool.timeout)} giây mà chưa tạo xong tệp: máy chủ đang quá tải, "
                "hãy thử lại sau ít phút."
            )
            return _refuse(request, 504, jobs.reject(message=message))
        except Crashed:
            message = "Bộ tạo tệp vừa gặp sự cố và đã được khởi động lại: hãy thử lại."
            return _refuse(request, 503, jobs.reject(message=message))
        finally:
            gone.cancel()
            if not job.done():
                job.cancel()
            busy[client] -= 1
            if not busy[client]:
                del busy[client]

    async def _prepared(request: Request, data: bytes) -> tuple[str, jobs.Prepared] | Response:
        """An upload's token and prepared copies: from the store, or made in a worker."""
        token = logo_token(data)
        have = logos.get(token, full=True)
        if have is not None:
            return token, have
        made = await _in_worker(request, jobs.prepare_logo, data)
        if isinstance(made, Response):
            return made
        logos.put(token, made)
        return token, made

    async def _answer(request: Request, work: Callable[[], Awaitable[Response]]) -> Response:
        try:
            return await work()
        except jobs.Invalid as e:
            return _refuse(request, 422, jobs.reject(e.errors, None, e.fixes))
        except Exception as e:  # Failed, or a bug's exception sent back by the worker
            ident = _incident(e, request.url.path)
            if _wants_html(request):
                return _html_answer(500, _bug_body(ident))  # type: ignore[arg-type]
            return JSONResponse(_bug_body(ident), 500, headers={"cache-control": "no-store"})

    @api.post("/api/logo")
    async def upload_logo(request: Request) -> Response:
        """A logo sent once: prepared (upright, sRGB, capped) and kept under its token,
        which previews and downloads then send instead of the file."""

        async def work() -> Response:
            form = await _form(request)
            if isinstance(form, Response):
                return form
            _, data = form
            if data is None:
                raise jobs.Invalid({"logo": ["Chưa có tệp ảnh: hãy chọn ảnh PNG hoặc JPEG."]})
            got = await _prepared(request, data)
            if isinstance(got, Response):
                return got
            token, prepared = got
            return JSONResponse(
                {"token": token, "width": prepared.uploaded[0], "height": prepared.uploaded[1]},
                headers={"cache-control": "no-store"},
            )

        return await _answer(request, work)

    async def _render(request: Request, view: str) -> Response:
        async def work() -> Response:
            form = await _form(request)
            if isinstance(form, Response):
                return form
            fields, upload = form
            token = fields.pop("logo_token", "").strip()
            logo: bytes | jobs.Prepared | None = None
            if upload is not None:  # sent with the form (a page without JavaScript)
                logo = upload
            elif token:
                if not TOKEN.fullmatch(token):
                    raise jobs.Invalid({"logo": ["Mã logo không hợp lệ: hãy chọn lại ảnh."]})
                logo = logos.get(token, full=view == "download")
                if logo is None:  # another process, or forgotten: the page sends it again
                    again = jobs.reject(message="Máy chủ chưa có logo này: trang sẽ gửi lại ảnh.")
                    return _refuse(request, 409, again, x_poster_resend="logo")
            order = jobs.parse_order(fields, logo)
            with folders.request() as workdir:
                product = await _in_worker(request, jobs.make, order, view, workdir)
            if isinstance(product, Response):
                return product
            headers = {
                "cache-control": "no-store",
                "x-poster-pages": str(product.pages),
                "x-poster-filename": product.filename,
                "x-poster-warnings": json.dumps(list(product.warnings)),  # ASCII, \u escapes
            }
            if view == "download":
                name = product.filename
                headers["content-disposition"] = (
                    f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
                )
            return Response(product.data, media_type=product.media_type, headers=headers)

        return await _answer(request, work)

    @api.post("/api/preview")
    async def preview(request: Request, view: str = "preview") -> Response:
        if view not in ("preview", "pages"):
            return _error(422, "Kiểu xem trước không có.", {"view": ["Chọn preview hoặc pages."]})
        return await _render(request, view)

    @api.post("/api/download")
    async def download(request: Request) -> Response:
        return await _render(request, "download")

    guarded = Guard(Strangers(BodyLimit(api, MAX_BODY), allow_hosts, any_ip))
    return SecurityHeaders(guarded, api.state)


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


async def _left(request: Request) -> None:
    """Returns when the client has gone (its request's body is read by then)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


@functools.cache
def index_html() -> bytes:
    """The page, its list of sizes filled in: the form works without JavaScript too."""
    from poster.web.jobs import layout_choices

    text = (STATIC_DIR / "index.html").read_text("utf-8")
    options = "\n".join(
        f'          <option value="{html.escape(str(c["name"]))}"'
        f"{' selected' if c['name'] == 'a1-portrait' else ''}>"
        f"{html.escape(str(c['label']))}</option>"
        for c in layout_choices()
        if c["kind"] == "poster"
    )
    start, end = "<!-- layouts -->", "<!-- /layouts -->"
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    return (head + start + "\n" + options + "\n          " + end + tail).encode("utf-8")


def _search(query: str, limit: int) -> list[Locality]:
    """The commune search, and for a query typed without its spaces ('campha') the names
    that hold it once spaces are ignored."""
    from poster.localities import fold, localities, search

    found = search(query, limit)
    squeezed = "".join(fold(query).split())
    if found or len(squeezed) < 3:
        return found
    hits = [
        loc
        for loc in localities()
        if squeezed in "".join(fold(loc.name).split()) or squeezed in "".join(loc.key.split())
    ]
    hits.sort(key=lambda loc: (not "".join(fold(loc.name).split()).endswith(squeezed),
                               len(loc.name), loc.name))  # fmt: skip
    return hits[:limit]


# ---------------------------------------------------------------- serving


def _address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def server_config(
    app: SecurityHeaders,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    per_address: int = PER_ADDRESS,
    idle: float = READ_IDLE,
    deadline: float = READ_DEADLINE,
) -> uvicorn.Config:
    """uvicorn's settings for the page: slow clients cut off (`idle` seconds without a
    byte, `deadline` for a whole request), `per_address` connections of one client
    address at most (0: none, e.g. behind a reverse proxy that limits them itself)."""
    import uvicorn

    from poster.web.connections import protocol

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol(idle, deadline, per_address),
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="on",
        timeout_keep_alive=5,
        timeout_graceful_shutdown=5,
    )


def log_to_terminal(debug: bool = False) -> None:
    """The server's log on standard error: errors with their id and type, clients that
    left or were cut off; under `debug`, tracebacks (the workers' too)."""
    logger = logging.getLogger("poster.web")
    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    logger.propagate = False
    for handler in list(logger.handlers):
        if getattr(handler, "poster_terminal", False):
            logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    handler.poster_terminal = True  # type: ignore[attr-defined]
    logger.addHandler(handler)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    allow_hosts: Iterable[str] = (),
    *,
    debug: bool = False,
    per_address: int = PER_ADDRESS,
) -> int:
    """Run the web page until Ctrl-C. Bound to this machine unless `host` says otherwise.

    Requests must name this server: a loopback name, the address it is bound to, any IP
    address when bound to all of them, or one of `allow_hosts` (a reverse proxy's name)."""
    import uvicorn

    if not 0 <= port <= 65535:
        print(f"poster serve: cổng {port} không hợp lệ (0–65535)", file=sys.stderr)
        return 2
    if per_address < 0:
        print(f"poster serve: số kết nối {per_address} không hợp lệ (0: không giới hạn)",
              file=sys.stderr)  # fmt: skip
        return 2

    class _Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            if not self.started:
                return
            bound = port
            with contextlib.suppress(Exception):  # port 0: the one the system chose
                bound = self.servers[0].sockets[0].getsockname()[1]
            print(f"Mở trình duyệt: {_address(host, bound)}", flush=True)
            if host in ("0.0.0.0", "::", ""):
                print(
                    f"Máy khác trong mạng nội bộ mở: http://<địa chỉ IP của máy này>:{bound}\n"
                    "Chú ý: ai trong cùng mạng cũng mở được trang này.",
                    flush=True,
                )
            print("Nhấn Ctrl+C để dừng.", flush=True)

    if workers is not None and not 1 <= workers <= 64:
        print(f"poster serve: số tiến trình {workers} không hợp lệ (1–64)", file=sys.stderr)
        return 2
    log_to_terminal(debug)
    wildcard = host in ("0.0.0.0", "::", "")
    names = [*allow_hosts, *([] if wildcard else [host])]
    app = create_app(workers, allow_hosts=names, any_ip=wildcard)
    config = server_config(app, host, port, per_address=per_address)
    try:
        _Server(config).run()
    except SystemExit as e:  # uvicorn exits when it cannot bind the port
        if e.code:
            print(
                f"poster serve: không mở được {host}:{port} (cổng đang được dùng?)",
                file=sys.stderr,
            )
            return 1
        return 0
    except KeyboardInterrupt:
        pass
    return 0
