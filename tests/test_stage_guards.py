"""Stage tests of the web page's guards (poster.web.app), in process and without a server:
the ASGI layers are called directly with a scope, a receive and a send written here (the
Host and Origin check, the body limit, the security headers, the last-resort 500), and
the helpers with their inputs (the form reader, the answer as a page, the logo store,
the temporary folders). Every expected status, header, body and name is written here."""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from starlette.requests import Request

from poster.web import app, jobs
from poster.web.app import (
    BodyLimit,
    Folders,
    Guard,
    LogoStore,
    SecurityHeaders,
    Strangers,
    TooLarge,
    _address,
    _bug_body,
    _drain,
    _error,
    _hostname,
    _html_answer,
    _incident,
    _is_ip,
    _origin,
    _read_form,
    _send_json,
    _too_large,
    _wants_html,
    logo_token,
    sweep_stale,
)

Message = dict[str, Any]
STRANGER = {"message": "Yêu cầu từ trang khác hoặc tên máy không được phép.", "errors": {}}
TOO_LARGE = {
    "message": "Tệp quá lớn: tối đa 5 MB.",
    "errors": {"logo": ["Tệp quá lớn: tối đa 5 MB."]},
}
JSON_HEADERS = [(b"content-type", b"application/json"), (b"cache-control", b"no-store"),
                (b"connection", b"close")]  # fmt: skip


class Inner:
    """The application behind a guard: reads the whole body, answers 200 with its length."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        self.calls.append(scope)
        size = 0
        while True:
            message = await receive()
            size += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x-a", b"1")]})
        await send({"type": "http.response.body", "body": str(size).encode()})


def run(layer: Any, scope: dict[str, Any], *bodies: bytes) -> tuple[list[Message], list[bytes]]:
    """The messages `layer` sends, and what it left unread of the body sent in `bodies`."""
    queue = [
        {"type": "http.request", "body": b, "more_body": i < len(bodies) - 1}
        for i, b in enumerate(bodies or (b"",))
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(layer(scope, receive, send))
    return sent, [m["body"] for m in queue]


def http(method: str = "POST", host: str = "127.0.0.1:8000", **headers: str) -> dict[str, Any]:
    raw = [(b"host", host.encode())] if host else []
    raw += [(k.replace("_", "-").encode(), v.encode()) for k, v in headers.items()]
    return {"type": "http", "method": method, "scheme": "http", "path": "/api/x", "headers": raw}


def answer(sent: list[Message]) -> tuple[int, dict[bytes, bytes], Any]:
    start, body = sent
    assert (start["type"], body["type"]) == ("http.response.start", "http.response.body")
    headers = dict(start["headers"])
    assert len(headers) == len(start["headers"])
    data = body["body"]
    if headers.get(b"content-type") == b"application/json":
        assert headers[b"content-length"] == str(len(data)).encode()
        return start["status"], headers, json.loads(data)
    return start["status"], headers, data


# ---------------------------------------------------------------- names and origins


@pytest.mark.parametrize(
    "value, name",
    [
        ("Example.org:8000", "example.org"),
        (" LOCALHOST ", "localhost"),
        ("localhost.", "localhost"),
        ("localhost.:80", "localhost"),  # the final dot before the port goes too
        ("[::1]:80", "::1"),
        ("[::1]", "::1"),
        ("[::1", "[::1"),
        ("::1", "::1"),
        ("a:b:c", "a:b:c"),
        ("192.168.1.2:80", "192.168.1.2"),
        ("", ""),
    ],
)
def test_a_host_headers_name(value, name) -> None:
    assert _hostname(value) == name


def test_an_address_typed_as_a_number() -> None:
    assert [_is_ip(v) for v in ("192.168.1.2", "::1", "localhost", "", "1.2.3")] == [
        True, True, False, False, False,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "url, origin",
    [
        ("http://Localhost:8000", ("http", "localhost", 8000)),
        ("https://a.vn", ("https", "a.vn", 443)),
        ("http://a.vn", ("http", "a.vn", 80)),
        (" http://A.VN./ ", ("http", "a.vn", 80)),
        ("http://[::1]:8000", ("http", "::1", 8000)),
        ("null", None),
        ("ftp://a.vn", None),
        ("http://", None),
        ("http://a.vn:99999", None),
        ("http://a.vn:x", None),
    ],
)
def test_an_origin(url, origin) -> None:
    assert _origin(url) == origin


def test_the_names_a_server_answers_to() -> None:
    plain = Strangers(Inner())
    assert [plain.allowed(n) for n in ("127.0.0.1", "localhost", "::1", "10.0.0.2", "a.vn")] == [
        True, True, True, False, False,
    ]  # fmt: skip
    named = Strangers(Inner(), ["Poster.Example.gov.vn:443"])
    assert named.allowed("poster.example.gov.vn") and not named.allowed("10.0.0.2")
    assert (named.any, named.any_ip) == (False, False)
    anyip = Strangers(Inner(), any_ip=True)
    assert anyip.allowed("10.0.0.2") and anyip.allowed("fe80::1") and not anyip.allowed("a.vn")
    star = Strangers(Inner(), ["*"])
    assert star.any and star.allowed("evil.example")


def test_a_request_naming_this_server_goes_through() -> None:
    inner = Inner()
    guard = Strangers(inner)
    for scope in (
        http(),
        http(host="localhost:8000", origin="http://localhost:8000"),
        http(host="[::1]:8000", origin="http://[::1]:8000"),
        http(host="127.0.0.1", origin="http://127.0.0.1:80"),
        http(method="GET", host="localhost"),
        http(host="localhost.:8000", origin="http://localhost.:8000"),  # a name's final dot
    ):
        sent, _ = run(guard, scope, b"abc")
        assert answer(sent)[0] == 200
    assert len(inner.calls) == 6
    https = {**http(host="localhost", origin="https://localhost"), "scheme": "https"}
    assert answer(run(guard, https)[0])[0] == 200
    noscheme = {**http(host="localhost", origin="http://localhost")}
    del noscheme["scheme"]
    assert answer(run(guard, noscheme)[0])[0] == 200


@pytest.mark.parametrize(
    "scope",
    [
        http(host="evil.example"),
        http(host="evil.example", origin="http://127.0.0.1:8000"),
        http(host=""),
        http(origin="http://evil.example"),
        http(origin="http://127.0.0.1:8001"),  # another program of this machine
        http(origin="https://127.0.0.1:8000"),
        http(origin="null"),
        http(host="localhost:8000", origin="http://127.0.0.1:8000"),
    ],
)
def test_a_stranger_gets_403_and_its_body_is_read(scope) -> None:
    inner = Inner()
    sent, left = run(Strangers(inner), scope, b"a", b"b", b"c")
    assert inner.calls == [] and left == []
    status, headers, body = answer(sent)
    assert (status, body) == (403, STRANGER)
    assert [(k, v) for k, v in headers.items() if k != b"content-length"] == JSON_HEADERS


@pytest.mark.parametrize("layer", [Strangers, SecurityHeaders, Guard, lambda a: BodyLimit(a, 1)])
def test_not_http_is_passed_on_untouched(layer) -> None:
    seen: list[Any] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen.extend([scope, await receive()])
        await send({"type": "lifespan.startup.complete"})

    scope = {"type": "lifespan", "headers": [(b"host", b"evil")]}
    sent, _ = run(layer(inner), scope, b"x")
    assert seen == [scope, {"type": "http.request", "body": b"x", "more_body": False}]
    assert sent == [{"type": "lifespan.startup.complete"}]


@pytest.mark.parametrize("layer", [Strangers, SecurityHeaders, Guard, lambda a: BodyLimit(a, 9)])
def test_each_layer_hands_the_request_on_as_it_came(layer) -> None:
    inner = Inner()
    scope = http(content_length="3")
    sent, _ = run(layer(inner), scope, b"abc")
    assert inner.calls == [scope] and answer(sent)[2] == b"3"


def test_a_scope_without_headers() -> None:
    scope = {"type": "http", "method": "POST", "scheme": "http", "path": "/"}
    assert answer(run(Strangers(Inner()), scope)[0])[0] == 403  # no Host: no name of ours
    assert answer(run(BodyLimit(Inner(), 9), scope)[0])[0] == 200


# ---------------------------------------------------------------- the body limit


def test_a_declared_length_over_the_limit_is_refused_before_reading() -> None:
    inner = Inner()
    sent, left = run(BodyLimit(inner, 10), http(content_length="11"), b"x" * 11)
    assert inner.calls == [] and left == []  # the rest read and discarded
    status, headers, body = answer(sent)
    assert (status, body) == (413, TOO_LARGE)
    assert [(k, v) for k, v in headers.items() if k != b"content-length"] == JSON_HEADERS


def test_a_length_that_is_not_a_number_is_refused() -> None:
    for length in ("-1", "abc", "1e3", ""):
        inner = Inner()
        sent, left = run(BodyLimit(inner, 10), http(content_length=length), b"x", b"y")
        assert inner.calls == [] and answer(sent)[0] == 413 and left == []


def test_a_body_at_the_limit_goes_through() -> None:
    sent, _ = run(BodyLimit(Inner(), 10), http(content_length="10"), b"x" * 4, b"x" * 6)
    assert answer(sent)[2] == b"10"
    sent, _ = run(BodyLimit(Inner(), 10), http(), b"x" * 4, b"x" * 6)
    assert answer(sent)[2] == b"10"


def test_a_body_without_a_length_is_counted_as_it_arrives() -> None:
    with pytest.raises(TooLarge):
        run(BodyLimit(Inner(), 10), http(), b"x" * 6, b"x" * 5)


def test_a_read_is_not_limited() -> None:
    for method in ("GET", "HEAD", "OPTIONS"):
        sent, _ = run(BodyLimit(Inner(), 1), http(method, content_length="5"), b"x" * 5)
        assert answer(sent)[2] == b"5"


def test_what_is_left_of_a_refused_body_is_read_up_to_a_bound(monkeypatch) -> None:
    monkeypatch.setattr(app, "DRAIN_LIMIT", 5)
    sent, left = run(BodyLimit(Inner(), 1), http(content_length="5"), b"xx", b"xxx")
    assert left == [] and answer(sent)[0] == 413
    # declared over the bound: nothing is read (the client sees the connection close)
    sent, left = run(BodyLimit(Inner(), 1), http(content_length="6"), b"xxx", b"xxx")
    assert left == [b"xxx", b"xxx"] and answer(sent)[0] == 413


def test_draining_stops_past_its_bound_or_at_the_end() -> None:
    async def drained(declared: int, *messages: Message) -> list[Message]:
        queue = list(messages)

        async def receive() -> Message:
            return queue.pop(0)

        await _drain(receive, declared)
        return queue

    def chunk(n: int, more: bool = True) -> Message:
        return {"type": "http.request", "body": b"x" * n, "more_body": more}

    old = app.DRAIN_LIMIT
    try:
        app.DRAIN_LIMIT = 5
        assert asyncio.run(drained(5, chunk(5), chunk(1), chunk(1))) == [chunk(1)]
        # read while at most the bound has been read: one chunk past it, then no more
        assert asyncio.run(drained(0, chunk(4), chunk(1), chunk(1), chunk(1))) == [chunk(1)]
        assert asyncio.run(drained(0, chunk(2, False), chunk(1))) == [chunk(1)]
        assert asyncio.run(drained(0, {"type": "http.disconnect"}, chunk(1))) == [chunk(1)]
        assert asyncio.run(drained(0, {"type": "http.request"}, chunk(1))) == [chunk(1)]
        assert asyncio.run(drained(6, chunk(1))) == [chunk(1)]
    finally:
        app.DRAIN_LIMIT = old


def test_a_json_answer_closes_the_connection() -> None:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(_send_json(send, 418, jobs.reject(message="Ấm trà.")))
    status, headers, body = answer(sent)
    assert (status, body) == (418, {"message": "Ấm trà.", "errors": {}})
    assert sent[1]["body"] == '{"message": "Ấm trà.", "errors": {}}'.encode()
    length = str(len('{"message": "Ấm trà.", "errors": {}}'.encode())).encode()
    assert list(headers.items()) == [(b"content-type", b"application/json"),
                                     (b"content-length", length), *JSON_HEADERS[1:]]  # fmt: skip


def test_the_too_large_answer() -> None:
    assert _too_large() == TOO_LARGE


# ---------------------------------------------------------------- the security headers


def test_the_outer_layer_keeps_the_apps_state() -> None:
    state = SimpleNamespace(workers="pool")
    assert SecurityHeaders(Inner(), state).state is state  # type: ignore[arg-type]


def test_every_answer_carries_the_security_headers() -> None:
    sent, _ = run(SecurityHeaders(Inner()), http())
    start, body = sent
    assert start["headers"] == [
        (b"x-a", b"1"),
        (b"content-security-policy", app.CSP.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    assert body == {"type": "http.response.body", "body": b"0"}
    assert app.CSP.startswith("default-src 'self'; ") and "frame-ancestors 'none'" in app.CSP


def test_a_header_the_answer_sets_itself_is_kept_once() -> None:
    async def own(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"X-Frame-Options", b"SAMEORIGIN")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b""})

    sent, _ = run(SecurityHeaders(own), http())
    names = [k.lower() for k, _ in sent[0]["headers"]]
    assert names.count(b"x-frame-options") == 1 and len(names) == 5
    assert (b"X-Frame-Options", b"SAMEORIGIN") in sent[0]["headers"]

    async def bare(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 204})

    sent, _ = run(SecurityHeaders(bare), http())
    assert len(sent[0]["headers"]) == 5 and sent[0]["status"] == 204


# ---------------------------------------------------------------- the last resort


@pytest.fixture
def logged() -> Iterator[list[logging.LogRecord]]:
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    log = logging.getLogger("poster.web")
    handler, level = Keep(), log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    try:
        yield records
    finally:
        log.removeHandler(handler)
        log.setLevel(level)


def test_a_bug_is_logged_under_an_id(monkeypatch, logged) -> None:
    monkeypatch.setattr(app.secrets, "token_hex", lambda n: "ab" * n)
    error = ValueError("boom")
    assert _incident(error, "/api/preview") == "abababab"
    (record,) = logged
    assert (record.levelno, record.getMessage(), record.exc_info) == (
        logging.ERROR, "error abababab on /api/preview: ValueError: boom", None,
    )  # fmt: skip
    assert _bug_body("abababab") == {
        "message": "Lỗi không mong đợi trong máy chủ (mã abababab): hãy thử lại, hoặc báo mã "
        "này cho kỹ thuật.",
        "errors": {},
        "id": "abababab",
    }


def test_under_debug_the_traceback_and_the_workers_too(monkeypatch, logged) -> None:
    monkeypatch.setattr(app.secrets, "token_hex", lambda n: "cd" * n)
    logging.getLogger("poster.web").setLevel(logging.DEBUG)
    try:
        raise KeyError("k")
    except KeyError as e:
        error = e
    error.poster_traceback = "Traceback: in the worker\n\n"  # type: ignore[attr-defined]
    _incident(error, "/api/download")
    first, second = logged
    assert first.exc_info is not None and first.exc_info[1] is error
    assert (second.levelno, second.getMessage()) == (
        logging.DEBUG, "error cdcdcdcd: the worker's traceback:\nTraceback: in the worker",
    )  # fmt: skip
    logged.clear()
    _incident(KeyError("k"), "/x")  # no worker's traceback: one line only
    assert len(logged) == 1


def test_an_exception_left_over_becomes_a_500_with_its_id(monkeypatch, logged) -> None:
    monkeypatch.setattr(app.secrets, "token_hex", lambda n: "ef" * n)

    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("bug")

    sent, _ = run(Guard(broken), http())
    status, headers, body = answer(sent)
    assert (status, body) == (500, _bug_body("efefefef"))
    assert list(headers.items()) == [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(sent[1]["body"])).encode()),
        (b"cache-control", b"no-store"),
    ]
    assert sent[1]["body"] == json.dumps(_bug_body("efefefef"), ensure_ascii=False).encode()
    assert logged[0].getMessage() == "error efefefef on /api/x: RuntimeError: bug"


def test_an_exception_the_handler_logged_keeps_its_id(logged) -> None:
    async def handled(scope: Any, receive: Any, send: Any) -> None:
        error = RuntimeError("bug")
        error.poster_incident = "12345678"  # type: ignore[attr-defined]
        raise error

    sent, _ = run(Guard(handled), http())
    assert answer(sent)[2]["id"] == "12345678" and logged == []


def test_an_exception_after_the_answer_began_sends_nothing_more(logged) -> None:
    async def late(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise RuntimeError("late")

    sent, _ = run(Guard(late), http())
    assert sent == [{"type": "http.response.start", "status": 200, "headers": []}]
    assert len(logged) == 1
    sent, _ = run(Guard(Inner()), http())
    assert answer(sent)[0] == 200


# ---------------------------------------------------------------- answers


def test_an_error_answer_in_json() -> None:
    response = _error(422, "Sai.", {"view": ["Chọn preview."]}, retry_after="2")
    assert response.status_code == 422
    assert json.loads(response.body) == {"message": "Sai.", "errors": {"view": ["Chọn preview."]}}
    assert (response.headers["cache-control"], response.headers["retry_after"]) == ("no-store", "2")
    plain = _error(404, "Không có.")
    assert json.loads(plain.body) == {"message": "Không có.", "errors": {}}
    assert json.loads(_error(400, None, {}).body) == {
        "message": "Yêu cầu không hợp lệ.",
        "errors": {},
    }


def request(headers: dict[str, str], body: bytes = b"") -> Request:
    queue = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive() -> Message:
        return queue.pop(0) if queue else {"type": "http.disconnect"}

    raw = [(k.encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": raw}, receive)


@pytest.mark.parametrize(
    "headers, page",
    [
        ({"accept": "text/html,application/xhtml+xml"}, True),
        ({"accept": "text/html", "sec-fetch-mode": "navigate"}, True),
        ({"accept": "text/html", "sec-fetch-mode": "nested-navigate"}, True),
        ({"accept": "text/html", "sec-fetch-mode": "cors"}, False),
        ({"accept": "application/json"}, False),
        ({}, False),
    ],
)
def test_a_plain_form_wants_a_page(headers, page) -> None:
    assert _wants_html(request(headers)) is page


def test_an_error_as_a_page_lists_what_to_fix_by_field() -> None:
    body = jobs.reject(
        {"name": ["Không được để trống.", "Quá dài."], "": ["Chung."], "other": ["<b>x</b>"],
         "colors.text": []},
        "Có 3 chỗ cần sửa & hơn.",
    )  # fmt: skip
    page = _html_answer(422, body)
    assert page.status_code == 422 and page.headers["cache-control"] == "no-store"
    assert page.body.decode() == (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Chưa tạo được tệp</title>"
        '<link rel="stylesheet" href="/static/app.css"></head><body>'
        '<main class="wrap answer"><div class="card">'
        "<h1>Chưa tạo được tệp</h1>"
        '<p class="error">Có 3 chỗ cần sửa &amp; hơn. Chung.</p>'
        '<ul class="answer-list">'
        "<li><strong>Tên đơn vị:</strong> Không được để trống. Quá dài.</li>"
        "<li><strong>Biểu mẫu:</strong> &lt;b&gt;x&lt;/b&gt;</li>"
        "<li><strong>Màu chữ:</strong> </li>"
        "</ul>"
        '<p><a href="/">Quay lại trang tạo áp phích</a> (nút “Quay lại” của trình duyệt '
        "giữ nguyên những gì đã nhập), sửa rồi gửi lại.</p></div></main></body></html>"
    )
    bare = _html_answer(413, jobs.reject({"": ["x"]}, "Lớn.")).body.decode()
    assert "<ul" not in bare and '<p class="error">Lớn. x</p><p><a href="/">' in bare


# ---------------------------------------------------------------- the form


def multipart(*parts: tuple[str, bytes, str | None]) -> tuple[dict[str, str], bytes]:
    body = b""
    for name, value, filename in parts:
        body += b"--B\r\n"
        if filename is None:
            body += f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        else:
            body += (f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     "Content-Type: image/png\r\n\r\n").encode()  # fmt: skip
        body += value + b"\r\n"
    body += b"--B--\r\n"
    return {"content-type": "multipart/form-data; boundary=B"}, body


def form(*parts: tuple[str, bytes, str | None]) -> tuple[dict[str, str], bytes | None]:
    headers, body = multipart(*parts)
    return asyncio.run(_read_form(request(headers, body)))


def test_the_forms_text_fields_and_its_logo() -> None:
    got = form(("name", "Xã A".encode(), None), ("logo", b"PNG", "a.png"), ("footer", b"", None))
    assert got == ({"name": "Xã A", "footer": ""}, b"PNG")
    # a text field named 'logo' is not the logo; an empty file is no logo
    assert form(("logo", b"text", None), ("logo", b"", "a.png")) == ({}, None)
    assert form(("other", b"PNG", "a.png"), ("name", b"A", None)) == ({"name": "A"}, None)


def test_a_logo_over_the_limit_is_too_large(monkeypatch) -> None:
    monkeypatch.setattr(jobs, "MAX_LOGO_BYTES", 4)
    assert form(("logo", b"1234", "a.png")) == ({}, b"1234")
    with pytest.raises(TooLarge):
        form(("logo", b"12345", "a.png"))


class Counted(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.asked: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.asked.append(-1 if size is None else size)
        return super().read(size)


class Sent:
    """A request whose form holds `items`; `asked`: the bounds the form was read with."""

    def __init__(self, items: list[tuple[str, Any]]) -> None:
        self.items = items
        self.asked: dict[str, int] = {}

    def form(self, **bounds: int) -> Any:
        self.asked = bounds
        items = self.items

        class Open:
            async def __aenter__(self) -> Any:
                return SimpleNamespace(multi_items=lambda: items)

            async def __aexit__(self, *exc: object) -> None:
                return None

        return Open()


def test_the_form_is_read_within_bounds_and_a_logo_of_unknown_size_is_counted(
    monkeypatch,
) -> None:
    from starlette.datastructures import UploadFile

    monkeypatch.setattr(jobs, "MAX_LOGO_BYTES", 4)
    exact = Counted(b"1234")
    sent = Sent([("name", "A"), ("logo", UploadFile(exact, size=None, filename="a.png"))])
    assert asyncio.run(_read_form(sent)) == ({"name": "A"}, b"1234")  # type: ignore[arg-type]
    assert sent.asked == {"max_files": 1, "max_fields": 40, "max_part_size": 64 * 1024}
    assert exact.asked == [5]  # one byte past the limit tells a file too large
    over = Counted(b"12345")
    sent = Sent([("logo", UploadFile(over, size=None, filename="a.png"))])
    with pytest.raises(TooLarge):
        asyncio.run(_read_form(sent))  # type: ignore[arg-type]
    declared = Counted(b"12")
    sent = Sent([("logo", UploadFile(declared, size=5, filename="a.png"))])
    with pytest.raises(TooLarge):
        asyncio.run(_read_form(sent))  # type: ignore[arg-type]
    assert declared.asked == []  # refused by its declared size, unread
    sent = Sent([("logo", UploadFile(Counted(b"1234"), size=4, filename="a.png"))])
    assert asyncio.run(_read_form(sent)) == ({}, b"1234")  # type: ignore[arg-type]


# ---------------------------------------------------------------- logos kept between requests


def prepared(size: int, name: str = "logo.png") -> jobs.Prepared:
    return jobs.Prepared(b"F" * size, name, b"P" * size, (size, size + 1))


def test_a_logos_token_is_its_hash() -> None:
    assert logo_token(b"logo") == hashlib.sha256(b"logo").hexdigest()[:32]
    assert len(logo_token(b"")) == 32 and app.TOKEN.fullmatch(logo_token(b"x"))


def test_the_store_keeps_a_logo_in_files_and_gives_it_back(tmp_path) -> None:
    store = LogoStore()
    assert (store.count, store.size, store.ttl) == (128, 64 * 1024 * 1024, 1800.0)
    store.put("t1", prepared(3))  # not started: nowhere to keep it
    assert len(store) == 0 and store.get("t1", full=True) is None
    store.start(tmp_path)
    assert store.folder == tmp_path / "logos" and not store.folder.exists()
    store.put("t1", prepared(3, "logo.jpg"))
    assert sorted(p.name for p in store.folder.iterdir()) == ["t1.full", "t1.preview"]
    assert store.get("t1", full=True) == jobs.Prepared(b"FFF", "logo.jpg", b"PPP", (3, 4))
    assert store.get("t1", full=False) == jobs.Prepared(b"", "logo.jpg", b"PPP", (3, 4))
    assert "t1" in store and "t2" not in store and store.nbytes == 6
    assert store.get("t2", full=True) is None
    (store.folder / "t1.preview").unlink()  # gone from the disk: forgotten
    assert store.get("t1", full=False) is None and len(store) == 0
    assert not (store.folder / "t1.full").exists()
    store.put("t3", prepared(1))
    store.stop()
    assert store.folder is None and not (tmp_path / "logos").exists() and len(store) == 0
    store.stop()  # twice: nothing to do


def test_the_store_is_bounded_by_count_and_bytes_least_recently_used_first(tmp_path) -> None:
    store = LogoStore(count=2, size=10)
    store.start(tmp_path)
    store.put("a", prepared(2))
    store.put("b", prepared(2))
    assert store.get("a", full=False) is not None  # a is used: b is the oldest now
    store.put("c", prepared(1))
    assert ("a" in store, "b" in store, "c" in store) == (True, False, True)
    assert not (tmp_path / "logos" / "b.full").exists()
    store.put("d", prepared(4))  # a third: the least recently used (a) goes; 2 + 8 bytes
    assert [t for t in "acd" if t in store] == ["c", "d"]
    store.put("e", prepared(3))  # c goes (count), then d: 8 + 6 bytes are over 10
    assert [t for t in "cde" if t in store] == ["e"]
    store.put("f", prepared(6))  # alone and over the size: kept, the only one
    assert [t for t in "ef" if t in store] == ["f"] and store.nbytes == 12
    assert sorted(p.name for p in (tmp_path / "logos").iterdir()) == ["f.full", "f.preview"]
    store.put("g", prepared(2))
    store.put("h", prepared(2))
    assert [t for t in "fgh" if t in store] == ["g", "h"] and store.nbytes == 8


def test_a_logo_is_forgotten_ttl_seconds_after_its_last_use(tmp_path, monkeypatch) -> None:
    now = [100.0]
    monkeypatch.setattr(app, "time", SimpleNamespace(monotonic=lambda: now[0]))
    store = LogoStore(ttl=10)
    store.start(tmp_path)
    store.put("a", prepared(1))
    now[0] = 110.0
    assert store.get("a", full=True) is not None  # 10 s: still kept, and used again now
    now[0] = 120.0
    assert "a" in store
    now[0] = 120.5
    assert "a" not in store and not (tmp_path / "logos" / "a.full").exists()


# ---------------------------------------------------------------- temporary folders


def test_a_folder_already_gone_is_no_error(tmp_path) -> None:
    folders = Folders(str(tmp_path))
    folders.start()
    assert folders.root is not None
    store = LogoStore()
    store.start(folders.root)
    store.put("a", prepared(1))
    shutil.rmtree(folders.root)  # the system's cleaner, or another server's sweep
    store.stop()
    folders.stop()
    assert (store.folder, folders.root) == (None, None)


def test_a_server_starting_sweeps_its_own_base(tmp_path) -> None:
    stale = tmp_path / f"poster-web-{GONE}-x"
    stale.mkdir()
    folders = Folders(str(tmp_path))
    folders.start()
    assert not stale.exists()
    folders.stop()


def test_a_servers_folders(tmp_path) -> None:
    folders = Folders(str(tmp_path))
    folders.start()
    assert folders.root is not None and folders.root.parent == tmp_path
    assert folders.root.name.startswith(f"poster-web-{os.getpid()}-")
    with folders.request() as one:
        assert Path(one).parent == folders.root and Path(one).is_dir()
        (Path(one) / "x").write_bytes(b"x")
    assert not Path(one).exists()
    folders.stop()
    assert folders.root is None and list(tmp_path.iterdir()) == []
    folders.stop()


GONE = 4_194_305  # past Linux's largest process id


def test_a_process_of_another_user_is_alive(monkeypatch) -> None:
    def refused(pid: int, signal: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(app.os, "kill", refused)
    assert app._alive(1) is True


def test_folders_left_by_servers_that_are_gone_are_removed(tmp_path) -> None:
    gone = GONE
    with pytest.raises(ProcessLookupError):
        os.kill(gone, 0)
    names = {
        "dead": f"poster-web-{gone}-abc",
        "alive": f"poster-web-{os.getpid()}-abc",
        "old": "poster-web-abc",
        "recent": "poster-web-def",
        "other": "other-123-abc",
    }
    for name in names.values():
        (tmp_path / name).mkdir()
    past = time.time() - 3601
    os.utime(tmp_path / names["old"], (past, past))
    (tmp_path / f"poster-web-{gone}-file").write_bytes(b"")  # a file, not a folder
    (tmp_path / f"poster-web-{gone}-link").symlink_to(tmp_path / names["alive"])
    stranger = tmp_path / f"poster-web-{gone}-theirs"
    stranger.mkdir()
    os.chown(stranger, os.getuid() + 1, -1)  # another user's
    removed = sweep_stale(str(tmp_path))
    assert sorted(p.name for p in removed) == [names["dead"], names["old"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [names["alive"], names["recent"], names["other"], f"poster-web-{gone}-file",
         f"poster-web-{gone}-link", stranger.name]
    )  # fmt: skip
    assert sweep_stale(str(tmp_path), age=0.0)[0].name == names["recent"]


def test_an_unnamed_folder_goes_an_hour_after_its_last_change(tmp_path, monkeypatch) -> None:
    now = 2_000_000_000
    monkeypatch.setattr(app, "time", SimpleNamespace(time=lambda: float(now)))
    for name, age in (("poster-web-hour", 3600), ("poster-web-more", 3600.5),
                      ("poster-web-less", 3599.5)):  # fmt: skip
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, ns=(int((now - age) * 1e9),) * 2)
    assert sorted(p.name for p in sweep_stale(str(tmp_path))) == ["poster-web-hour",
                                                                  "poster-web-more"]  # fmt: skip


def test_a_folder_that_goes_while_the_sweep_runs(tmp_path, monkeypatch) -> None:
    for name in ("poster-web-a", "poster-web-b", "poster-web-c"):
        (tmp_path / name).mkdir()
        os.utime(tmp_path / name, (0, 0))
    real_lstat, real_rmtree = Path.lstat, shutil.rmtree

    def lstat(self: Path) -> os.stat_result:
        if self.name == "poster-web-a":
            raise FileNotFoundError(2, "No such file or directory")
        return real_lstat(self)

    def rmtree(path: Any, **kw: Any) -> None:
        real_rmtree(path)  # another server's sweep got there first
        real_rmtree(path, **kw)

    monkeypatch.setattr(Path, "lstat", lstat)
    monkeypatch.setattr(app.shutil, "rmtree", rmtree)
    assert sorted(p.name for p in sweep_stale(str(tmp_path))) == ["poster-web-b", "poster-web-c"]


def test_the_address_the_server_prints() -> None:
    assert [_address(h, 8000) for h in ("0.0.0.0", "", "::", "127.0.0.1", "fe80::1", "[::1]",
                                         "example.org")] == [
        "http://127.0.0.1:8000", "http://127.0.0.1:8000", "http://[::1]:8000",
        "http://127.0.0.1:8000", "http://[fe80::1]:8000", "http://[::1]:8000",
        "http://example.org:8000",
    ]  # fmt: skip
