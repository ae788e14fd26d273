"""A fixed number of worker processes behind a bounded queue, with a deadline per job.

Rendering is CPU work in Python: threads would share one core, so each worker is a
process (started with 'spawn': the server has threads, and fork would copy their
locks). Jobs wait in a queue of bounded length; a full queue is refused at once
(`Busy`), so a crowd of requests costs memory for the queue, not for the machine. A
job past its deadline is refused (`TimedOut`) and the worker running it is killed
and replaced, so a stuck render never takes a worker away for good.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import SpawnContext, SpawnProcess

log = logging.getLogger("poster.web")

R = TypeVar("R")
_Call = tuple[Callable[..., object], tuple[object, ...]]  # a job for a worker: fn, args
_Reply = tuple[bool, Any]  # (True, what fn returned) or (False, the exception it raised)
# a queued job: fn, args, the future its caller awaits (of fn's result type), the deadline
_Job = tuple[Callable[..., object], tuple[object, ...], asyncio.Future[Any], float]


class Busy(Exception):
    """Every worker is busy and the queue is full."""


class TimedOut(Exception):
    """The job passed its deadline (waiting and running together)."""


class Crashed(Exception):
    """The worker process died during the job (it has been replaced)."""


class Failed(Exception):
    """The job raised an exception that could not be sent back as it is (a bug)."""


class Cancelled(BaseException):
    """The job was stopped in its worker: the client it was for went away. Not an
    Exception, so that no `except Exception` in the render swallows it."""

    expected = True


CANCEL = signal.SIGUSR1  # sent to a worker to stop the job it runs
READY = "ready"  # a worker's first message: started, warmed up, its handlers set
_running = [False]  # in a worker: a job is running (a late cancel finds none)


def _cancel(signum: int, frame: object) -> None:
    if _running[0]:
        _running[0] = False
        raise Cancelled


def _serve_jobs(
    conn: Connection[_Reply, _Call | None], initializer: Callable[[], None] | None
) -> None:
    """A worker process: run jobs from the pipe until told to stop or the pipe closes.

    A bug's exception goes back with its traceback as text (`poster_traceback`): the
    server logs it under the error's id. CANCEL stops the running job between two Python
    instructions (a render is Python most of its time), and the worker takes the next."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(CANCEL, _cancel)
    if initializer is not None:
        initializer()
    try:
        conn.send((True, READY))  # from now on CANCEL finds its handler
    except (OSError, ValueError):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        fn, args = job
        try:
            _running[0] = True
            try:
                value = fn(*args)
            finally:
                _running[0] = False
            reply: _Reply = (True, value)
        except (Exception, Cancelled) as e:
            if not getattr(e, "expected", False):  # bad input is expected, a bug is not
                with contextlib.suppress(AttributeError):
                    e.poster_traceback = traceback.format_exc()  # type: ignore[union-attr]
            reply = (False, e)
        try:
            conn.send(reply)
        except Exception:  # the exception does not pickle
            failed = Failed(f"{type(reply[1]).__name__}: {reply[1]}")
            failed.poster_traceback = getattr(reply[1], "poster_traceback", "")  # type: ignore[attr-defined]
            conn.send((False, failed))


class _Worker:
    def __init__(self, context: SpawnContext, initializer: Callable[[], None] | None):
        self._context = context
        self._initializer = initializer
        self._process: SpawnProcess | None = None
        self._conn: Connection[_Call | None, _Reply] | None = None
        self._ready = False  # the worker said READY: a signal finds its handler

    def start(self) -> None:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve_jobs, args=(child, self._initializer), daemon=True
        )
        process.start()
        child.close()
        self._process, self._conn, self._ready = process, parent, False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def stop(self, wait: float = 2.0) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if process is None:
            return
        assert conn is not None  # started together with the process
        with contextlib.suppress(OSError, ValueError):
            conn.send(None)
        process.join(wait)
        if process.is_alive():
            process.kill()
            process.join(max(wait, 5.0))  # reaped: a killed worker leaves no zombie
        with contextlib.suppress(OSError):
            conn.close()

    def interrupt(self) -> None:
        """Stop the job this worker runs (it replies Cancelled and takes the next). A
        worker still starting has no job yet (and would die of the signal): `call` then
        sees that the job is no longer wanted before sending it."""
        pid = self.pid
        if pid is not None and self._ready:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, CANCEL)

    def _replace(self) -> None:
        self.stop(wait=0.0)
        self.start()

    def call(
        self, fn: Callable[..., object], args: tuple[object, ...], timeout: float,
        wanted: Callable[[], bool] = lambda: True,
    ) -> object:  # fmt: skip
        """Run fn(*args) in the worker process; blocks (run it in a thread). A worker that
        is starting is waited for (within `timeout`); a job no longer `wanted` by then is
        not sent."""
        if self._process is None or not self._process.is_alive():
            self._replace()
        assert self._conn is not None  # started
        until = time.monotonic() + timeout
        try:
            if not self._ready:
                if not self._conn.poll(timeout):  # as for a job past its deadline
                    log.warning("a worker did not start within the deadline: it is replaced")
                    self._replace()
                    raise TimedOut
                self._conn.recv()  # READY
                self._ready = True
            if not wanted():
                raise Cancelled
            self._conn.send((fn, args))
            if not self._conn.poll(max(0.0, until - time.monotonic())):
                log.warning("a job passed its deadline: its worker is replaced")
                self._replace()
                raise TimedOut
            ok, value = self._conn.recv()
        except (EOFError, OSError):
            log.warning("a worker died during a job: it is replaced")
            self._replace()
            raise Crashed from None
        if ok:
            return value
        raise value


class Workers:
    """`count` worker processes taking jobs from a queue of at most `queue` waiting jobs;
    each job must finish within `timeout` seconds of being queued."""

    def __init__(
        self,
        count: int,
        queue: int,
        timeout: float,
        initializer: Callable[[], None] | None = None,
    ):
        if count < 1:
            raise ValueError("at least one worker")
        self.count, self.queue_limit, self.timeout = count, max(0, queue), timeout
        self._initializer = initializer
        self._workers: list[_Worker] = []
        self._tasks: list[asyncio.Task[None]] = []
        self._queue: asyncio.Queue[_Job] | None = None
        self._threads: ThreadPoolExecutor | None = None
        self.mean_s = 0.5  # a moving average of how long a job takes
        self.cancelled = 0  # jobs stopped because their request went away

    def expected_wait(self) -> float:
        """Seconds until a job queued now would be done, from the recent jobs' times."""
        return (self.waiting + self.count) * self.mean_s / self.count

    @property
    def pids(self) -> list[int]:
        return [w.pid for w in self._workers if w.pid is not None]

    @property
    def waiting(self) -> int:
        return self._queue.qsize() if self._queue else 0

    async def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        # one slot more than the limit: a lane takes a job out only when it is free
        self._queue = asyncio.Queue(maxsize=self.queue_limit + 1)
        self._threads = ThreadPoolExecutor(self.count, thread_name_prefix="poster-web-lane")
        for _ in range(self.count):
            worker = _Worker(context, self._initializer)
            worker.start()
            self._workers.append(worker)
            self._tasks.append(asyncio.create_task(self._lane(worker)))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        loop = asyncio.get_running_loop()
        await asyncio.gather(
            *(loop.run_in_executor(None, w.stop) for w in self._workers), return_exceptions=True
        )
        self._workers.clear()
        self._tasks.clear()
        if self._threads is not None:
            self._threads.shutdown(wait=False, cancel_futures=True)

    async def run(self, fn: Callable[..., R], *args: object) -> R:
        """fn(*args) in a worker process. Raises Busy, TimedOut, Crashed or fn's exception."""
        if self._queue is None:
            raise RuntimeError("Workers.start() was not awaited")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        try:
            self._queue.put_nowait((fn, args, future, loop.time() + self.timeout))
        except asyncio.QueueFull:
            raise Busy from None
        try:
            return await future
        except asyncio.CancelledError:
            future.cancel()  # the request went away: a lane skips it
            raise

    async def _lane(self, worker: _Worker) -> None:
        assert self._queue is not None
        loop = asyncio.get_running_loop()
        while True:
            fn, args, future, deadline = await self._queue.get()
            if future.done():
                continue
            remaining = deadline - loop.time()
            if remaining <= 0:
                future.set_exception(TimedOut())
                continue
            started = loop.time()

            def left(done: asyncio.Future[Any], worker: _Worker = worker) -> None:
                if done.cancelled():  # its request went away: stop the render
                    worker.interrupt()

            future.add_done_callback(left)
            wanted = functools.partial(lambda f: not f.done(), future)
            try:
                result = await loop.run_in_executor(
                    self._threads, worker.call, fn, args, remaining, wanted
                )
            except asyncio.CancelledError:
                raise
            except BaseException as e:
                if isinstance(e, Cancelled):
                    self.cancelled += 1
                if not future.done():
                    future.set_exception(e)
            else:
                self.mean_s = 0.8 * self.mean_s + 0.2 * (loop.time() - started)
                if not future.done():
                    future.set_result(result)
            finally:
                future.remove_done_callback(left)
