"""Connections: slow clients cut off, and a cap on the connections of one address.

uvicorn waits for a request's headers and body as long as the client likes: one byte a
second keeps a connection open for good, and a few hundred half-sent requests hold as
many sockets. `protocol()` is uvicorn's h11 protocol with timers: a connection that owes
the server bytes (a request not yet all there, or a new connection that has sent
nothing) is closed when no byte came for `idle` seconds, or when its request is still
incomplete `deadline` seconds after it began. A request whose body has arrived is the
application's (its renders have their own deadline). When one address holds more than
`per_address` connections (or the server more than `total`), the connection that has
owed bytes the longest is closed: the address's next fast request is served while its
slow ones go, and another address is never affected.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

if TYPE_CHECKING:
    from uvicorn.config import Config
    from uvicorn.server import ServerState

log = logging.getLogger("poster.web")

READ_IDLE = 10.0  # seconds without a byte while a request is owed
READ_DEADLINE = 60.0  # seconds for a whole request (headers and body) to arrive
PER_ADDRESS = 16  # connections of one client address (0: no cap)
TOTAL = 512  # connections of the whole server


def protocol(
    idle: float = READ_IDLE,
    deadline: float = READ_DEADLINE,
    per_address: int = PER_ADDRESS,
    total: int = TOTAL,
) -> type[H11Protocol]:
    """A protocol class for `uvicorn.Config(http=…)`, with its own count of connections."""
    by_address: dict[str, dict[Guarded, None]] = {}  # in the order they came
    every: dict[Guarded, None] = {}

    class Guarded(H11Protocol):
        limits: ClassVar[dict[str, float]] = {
            "idle": idle, "deadline": deadline, "per_address": per_address, "total": total
        }  # fmt: skip
        connections_by_address: ClassVar[dict[str, dict[Guarded, None]]] = by_address

        def __init__(
            self, config: Config, server_state: ServerState, app_state: dict[str, Any],
            _loop: asyncio.AbstractEventLoop | None = None,
        ) -> None:  # fmt: skip
            super().__init__(config, server_state, app_state, _loop)
            self._address = ""
            self._owed_since: float | None = None  # a request began (or the connection)
            self._received = 0  # bytes of the request owed
            self._idle_timer: asyncio.TimerHandle | None = None
            self._deadline_timer: asyncio.TimerHandle | None = None

        # ---- uvicorn's events

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._address = self.client[0] if self.client else ""
            mine = by_address.setdefault(self._address, {})
            mine[self] = None
            every[self] = None
            if per_address and len(mine) > per_address:
                _make_room(mine, self, "more than %d connections from this address", per_address)
            if total and len(every) > total:
                _make_room(every, self, "more than %d connections in all", total)
            self._watch()

        def data_received(self, data: bytes) -> None:
            self._received += len(data)
            super().data_received(data)
            self._watch(fresh_byte=True)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._watch()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_timers()
            mine = by_address.get(self._address)
            if mine is not None:
                mine.pop(self, None)
                if not mine:
                    del by_address[self._address]
            every.pop(self, None)
            super().connection_lost(exc)

        # ---- the timers

        def owing(self) -> bool:
            """The client owes bytes: a request not all there, or none begun yet."""
            if self.transport is None or self.transport.is_closing():
                return False
            return self.conn.their_state in (h11.IDLE, h11.SEND_BODY)

        def _watch(self, fresh_byte: bool = False) -> None:
            if not self.owing():
                self._stop_timers()
                self._owed_since = None
                self._received = 0
                return
            if self._owed_since is None:  # a new request is owed: its whole deadline
                self._owed_since = self.loop.time()
                if deadline:
                    self._deadline_timer = self.loop.call_later(deadline, self._too_slow)
            if idle and (fresh_byte or self._idle_timer is None):
                if self._idle_timer is not None:
                    self._idle_timer.cancel()
                self._idle_timer = self.loop.call_later(idle, self._silent)

        def _stop_timers(self) -> None:
            for timer in (self._idle_timer, self._deadline_timer):
                if timer is not None:
                    timer.cancel()
            self._idle_timer = self._deadline_timer = None

        def _silent(self) -> None:
            self._idle_timer = None
            if not self.owing():
                return
            if self.flow.read_paused:  # the server is not reading: not the client's fault
                self._idle_timer = self.loop.call_later(idle, self._silent)
                return
            self.cut("no byte for %g s", idle)

        def _too_slow(self) -> None:
            self._deadline_timer = None
            if self.owing():
                self.cut("request not complete after %g s", deadline)

        def cut(self, why: str, *args: object) -> None:
            """Close this connection, saying why in the log (not an error: a client's)."""
            if self._received:
                log.info("client %s: " + why + ": connection closed", self._address, *args)
            else:
                log.debug("client %s: " + why + ": idle connection closed", self._address, *args)
            self._stop_timers()
            self.transport.close()

    def _make_room(among: dict[Guarded, None], newcomer: Guarded, why: str, cap: int) -> None:
        owing = [c for c in among if c is not newcomer and c.owing()]
        if owing:  # the one that has owed the longest: the slowest of them
            oldest = min(owing, key=lambda c: c._owed_since or 0.0)
            oldest.cut(why, cap)

    return Guarded
