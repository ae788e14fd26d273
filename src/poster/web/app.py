"""The web server: the page, its assets, the commune search, previews and downloads.

Everything is served from the package (HTML, CSS, JS) and from the project's fonts:
no CDN, no request leaves the machine. Every response carries a strict
Content-Security-Policy. Rendering runs in a few worker processes behind a bounded
queue (`poster.web.pool`); a request that waits or runs too long gets a Vietnamese
message and the server goes on serving.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from poster.web import jobs
from poster.web.messages import decimal
from poster.web.pool import Busy, Crashed, Failed, TimedOut, Workers

if TYPE_CHECKING:
    import socket

    from starlette.datastructures import State
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("poster.web")

STATIC_DIR = Path(__file__).resolve().parent / "static"
MAX_BODY = jobs.MAX_LOGO_BYTES + 256 * 1024  # the logo and the form's text fields
DRAIN_LIMIT = 4 * MAX_BODY  # read and discard at most this much of a refused body
TIMEOUT = 30.0  # seconds a request may wait and render
QUEUE = 64  # requests waiting for a worker; more are refused with 503

CSP = (
    "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
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
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def _too_large() -> jobs.Rejection:
    message = jobs.too_large_message()
    return jobs.reject({"logo": [message]}, message)


# ---------------------------------------------------------------- the app


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


def create_app(
    workers: int | None = None, queue: int = QUEUE, timeout: float = TIMEOUT
) -> SecurityHeaders:
    """The ASGI application. `workers` processes render (default: one per CPU)."""
    count = workers or max(1, min(os.cpu_count() or 1, 8))
    pool = Workers(count, queue, timeout, initializer=jobs.init_worker)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.stop()

    api = FastAPI(
        title="poster",
        docs_url=None,  # the docs pages load scripts from a CDN
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    api.state.workers = pool
    static = {p.name: p for p in STATIC_DIR.iterdir() if p.is_file()}
    index = static.pop("index.html")

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
        log.error("unexpected error on %s", request.url.path, exc_info=exc)
        return _error(500, "Lỗi không mong đợi trong máy chủ: hãy thử lại, hoặc báo cho kỹ thuật.")

    @api.get("/", include_in_schema=False)
    async def page() -> Response:
        return _asset(index)

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

    @api.get("/api/localities")
    async def localities(q: str = "", limit: int = 8) -> JSONResponse:
        from poster.localities import search

        found = search(q[:80], max(1, min(limit, 20))) if q.strip() else []
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

        return JSONResponse({"layouts": layout_choices()})

    @api.get("/api/status")
    async def status() -> JSONResponse:
        return JSONResponse(
            {"workers": pool.count, "waiting": pool.waiting, "timeout": pool.timeout},
            headers={"cache-control": "no-store"},
        )

    async def _run(request: Request, view: str) -> Response:
        try:
            fields, logo = await _read_form(request)
        except TooLarge:
            return JSONResponse(_too_large(), status_code=413, headers={"connection": "close"})
        except HTTPException:  # a malformed body, too many fields, a field too long
            return _error(400, "Dữ liệu gửi lên không hợp lệ (quá nhiều trường hoặc quá dài).")
        try:
            order = jobs.parse_order(fields, logo)
            product = await pool.run(jobs.make, order, view)
        except jobs.Invalid as e:
            return JSONResponse(
                jobs.reject(e.errors, None, e.fixes),
                status_code=422,
                headers={"cache-control": "no-store"},
            )
        except Busy:
            return _error(
                503,
                "Máy chủ đang bận vì nhiều người dùng cùng lúc: hãy thử lại sau ít giây.",
                **{"retry-after": "5"},
            )
        except TimedOut:
            return _error(
                504,
                f"Quá {decimal(pool.timeout)} giây mà chưa tạo xong tệp: máy chủ đang quá tải, "
                "hãy thử lại sau ít phút.",
            )
        except Crashed:
            return _error(503, "Bộ tạo tệp vừa gặp sự cố và đã được khởi động lại: hãy thử lại.")
        except Failed as e:
            log.error("a render failed: %s", e)
            return _error(
                500, "Lỗi không mong đợi khi tạo tệp: hãy thử lại, hoặc báo cho kỹ thuật."
            )
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

    @api.post("/api/preview")
    async def preview(request: Request, view: str = "preview") -> Response:
        if view not in ("preview", "pages"):
            return _error(422, "Kiểu xem trước không có.", {"view": ["Chọn preview hoặc pages."]})
        return await _run(request, view)

    @api.post("/api/download")
    async def download(request: Request) -> Response:
        return await _run(request, "download")

    return SecurityHeaders(BodyLimit(api, MAX_BODY), api.state)


# ---------------------------------------------------------------- serving


def _address(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def serve(host: str = "127.0.0.1", port: int = 8000) -> int:
    """Run the web page until Ctrl-C. Bound to this machine unless `host` says otherwise."""
    import uvicorn

    if not 0 <= port <= 65535:
        print(f"poster serve: cổng {port} không hợp lệ (0–65535)", file=sys.stderr)
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

    config = uvicorn.Config(
        create_app(),
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        lifespan="on",
        timeout_graceful_shutdown=5,
    )
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
