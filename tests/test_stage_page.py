"""Stage tests of the page's renders per client address (poster.web.app.create_app), in
process: the application is called as ASGI with a pool that stands in for the worker
processes (it answers when the test lets it), so that requests overlap exactly as the
test arranges, with no server, no process and no sleep. What is checked: a client's
share of renders (429 past it, counted per address, given back however the render
ends), and the answers to a full queue, a render past its deadline and a crashed worker.
Expected statuses, headers and messages are written here."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest

from poster.web import app, jobs
from poster.web.pool import Busy, Crashed, TimedOut

SHARE = "Trình duyệt này đang chờ {} tệp cùng lúc: hãy đợi xong rồi thử lại."


class Pool:
    """Stands in for poster.web.pool.Workers: a job waits until `gate` is set, then
    returns a prepared logo, or raises `failure`."""

    def __init__(self, count: int, waiting: int, timeout: float, initializer: Any = None):
        self.count, self.timeout = count, timeout
        self.waiting = self.cancelled = 0
        self.running = 0
        self.gate = asyncio.Event()
        self.failure: BaseException | None = None
        self.wait_s = 1.0

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    def expected_wait(self) -> float:
        return self.wait_s

    async def run(self, fn: Callable[..., Any], *args: object) -> Any:
        assert fn is jobs.prepare_logo
        self.running += 1
        try:
            await self.gate.wait()
            if self.failure is not None:
                raise self.failure
            return jobs.Prepared(b"F", "logo.png", b"P", (3, 4))
        finally:
            self.running -= 1


def logo_body() -> tuple[bytes, bytes]:
    body = (
        b"--B\r\n"
        b'Content-Disposition: form-data; name="logo"; filename="a.png"\r\n'
        b"Content-Type: image/png\r\n\r\nPNGDATA\r\n--B--\r\n"
    )
    return b"multipart/form-data; boundary=B", body


async def call(asgi: Any, method: str, path: str, client: str) -> tuple[int, dict[str, str], Any]:
    kind, body = logo_body() if method == "POST" else (b"", b"")
    queue = [{"type": "http.request", "body": body, "more_body": False}]
    stays = asyncio.Event()  # the client never leaves

    async def receive() -> dict[str, Any]:
        if queue:
            return queue.pop(0)
        await stays.wait()
        return {"type": "http.disconnect"}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"host", b"127.0.0.1:8000"), (b"content-length", str(len(body)).encode())]
    if kind:
        headers.append((b"content-type", kind))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": headers, "client": (client, 5000),
        "server": ("127.0.0.1", 8000),
    }  # fmt: skip
    await asgi(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    data = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    head = {k.decode(): v.decode() for k, v in start["headers"]}
    return start["status"], head, json.loads(data)


@pytest.fixture
def page(monkeypatch) -> Callable[..., tuple[Any, Pool]]:
    pools: list[Pool] = []

    def made(*args: Any, **kw: Any) -> Pool:
        pools.append(Pool(*args, **kw))
        return pools[-1]

    monkeypatch.setattr(app, "Workers", made)

    def build(**options: Any) -> tuple[Any, Pool]:
        return app.create_app(workers=1, **options), pools[-1]

    return build


async def until(condition: Callable[[], bool]) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("the requests never got there")


def within(scenario: Any) -> None:
    """Run a scenario; one that waits for what never comes fails in 20 s, not never."""
    asyncio.run(asyncio.wait_for(scenario, 20))


def post(asgi: Any, client: str) -> Any:
    return asyncio.ensure_future(call(asgi, "POST", "/api/logo", client))


async def busy(asgi: Any) -> int:
    return (await call(asgi, "GET", "/api/status", "10.0.0.9"))[2]["busy"]


def test_a_client_gets_its_share_of_renders_and_another_is_not_affected(page) -> None:
    asgi, pool = page(per_client=2)

    async def scenario() -> None:
        first, second = post(asgi, "10.0.0.1"), post(asgi, "10.0.0.1")
        await until(lambda: pool.running == 2)
        assert await busy(asgi) == 2
        status, head, body = await call(asgi, "POST", "/api/logo", "10.0.0.1")
        assert (status, head["retry-after"], head["cache-control"]) == (429, "2", "no-store")
        assert body == {"message": SHARE.format(2), "errors": {}}
        other = post(asgi, "10.0.0.2")  # another address has its own share
        await until(lambda: pool.running == 3)
        assert await busy(asgi) == 3
        pool.gate.set()
        for done in (first, second, other):
            status, _, body = await done
            assert (status, body["width"], body["height"]) == (200, 3, 4)
        assert await busy(asgi) == 0  # every share given back
        pool.gate.clear()
        again = [post(asgi, "10.0.0.1"), post(asgi, "10.0.0.1")]
        await until(lambda: pool.running == 2)
        pool.gate.set()
        assert [(await r)[0] for r in again] == [200, 200]

    within(scenario())


def test_a_share_of_one(page) -> None:
    asgi, pool = page(per_client=1)

    async def scenario() -> None:
        first = post(asgi, "10.0.0.1")
        await until(lambda: pool.running == 1)
        status, _, body = await call(asgi, "POST", "/api/logo", "10.0.0.1")
        assert (status, body["message"]) == (429, SHARE.format(1))
        pool.gate.set()
        assert (await first)[0] == 200

    within(scenario())


def test_no_share_when_the_limit_is_off(page) -> None:
    asgi, pool = page(per_client=0)

    async def scenario() -> None:
        many = [post(asgi, "10.0.0.1") for _ in range(6)]
        await until(lambda: pool.running == 6)
        pool.gate.set()
        assert [(await r)[0] for r in many] == [200] * 6

    within(scenario())


@pytest.mark.parametrize(
    "failure, wait, status, message, retry",
    [
        (Busy(), 0.0, 503,
         "Máy chủ đang bận vì nhiều người dùng cùng lúc: hãy thử lại sau ít giây.", "1"),
        (Busy(), 2.1, 503,
         "Máy chủ đang bận vì nhiều người dùng cùng lúc: hãy thử lại sau ít giây.", "3"),
        (Busy(), 45.0, 503,
         "Máy chủ đang bận vì nhiều người dùng cùng lúc: hãy thử lại sau ít giây.", "30"),
        (TimedOut(), 1.0, 504,
         "Quá 2,5 giây mà chưa tạo xong tệp: máy chủ đang quá tải, hãy thử lại sau ít phút.",
         None),
        (Crashed(), 1.0, 503,
         "Bộ tạo tệp vừa gặp sự cố và đã được khởi động lại: hãy thử lại.", None),
    ],
)  # fmt: skip
def test_a_render_that_fails_gives_its_share_back(page, failure, wait, status, message, retry):
    asgi, pool = page(per_client=1, timeout=2.5)
    pool.failure, pool.wait_s = failure, wait
    pool.gate.set()

    async def scenario() -> None:
        got, head, body = await call(asgi, "POST", "/api/logo", "10.0.0.1")
        assert (got, body) == (status, {"message": message, "errors": {}})
        assert head.get("retry-after") == retry
        assert await busy(asgi) == 0
        pool.failure = None
        assert (await call(asgi, "POST", "/api/logo", "10.0.0.1"))[0] == 200

    within(scenario())
