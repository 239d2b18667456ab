"""Batch plumbing for the command line: an ordered, bounded process pool and a progress bar."""

from __future__ import annotations

import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Generic, TextIO, TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_JOB = 2  # chunks queued per worker: keeps workers busy while memory stays bounded
PROGRESS_INTERVAL = 0.1  # seconds between progress bar redraws
PROGRESS_WIDTH = 28  # characters of the bar itself

_state: Any = None  # per-process shared arguments, set once by the pool initializer


def _init_worker(state: Any) -> None:
    global _state
    _state = state
    # Ctrl-C reaches the whole process group; only the parent should react to it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(func: Callable[[Any, T], R], chunk: list[T]) -> list[R]:
    return [func(_state, item) for item in chunk]


class Workers(Generic[T, R]):
    """Apply ``func(state, item)`` to items, in input order, in *jobs* processes.

    Use as a context manager: leaving the block (normally, or by an error or
    Ctrl-C) stops the worker processes. At most ``jobs * IN_FLIGHT_PER_JOB``
    chunks are queued at once, so a long input stream is never read ahead in
    full. With ``jobs == 1`` everything runs in this process.
    """

    def __init__(self, func: Callable[[Any, T], R], state: Any, jobs: int = 1, chunksize: int = 1) -> None:
        self.func = func
        self.state = state
        self.jobs = max(1, jobs)
        self.chunksize = max(1, chunksize)
        self._pool: Any = None

    def __enter__(self) -> Workers[T, R]:
        if self.jobs > 1:
            import multiprocessing

            self._pool = multiprocessing.Pool(self.jobs, initializer=_init_worker, initargs=(self.state,))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            if exc[0] is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def map(self, items: Iterable[T]) -> Iterator[R]:
        if self._pool is None:
            for item in items:
                yield self.func(self.state, item)
            return
        pending: deque[Any] = deque()
        iterator = iter(items)
        while chunk := list(islice(iterator, self.chunksize)):
            pending.append(self._pool.apply_async(_run_chunk, (self.func, chunk)))
            if len(pending) >= self.jobs * IN_FLIGHT_PER_JOB:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int | None, unit: str, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _isatty(self.stream) if enabled is None else enabled
        self.total = total
        self.unit = unit
        self.done = 0
        self._last = 0.0
        self._drawn = False

    def update(self, count: int = 1) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL or self.done == self.total:
            self._last = now
            self._draw()

    def _draw(self) -> None:
        if self.total:
            filled = PROGRESS_WIDTH * min(self.done, self.total) // self.total
            bar = "#" * filled + "." * (PROGRESS_WIDTH - filled)
            line = f"newsclean [{bar}] {self.done}/{self.total} {self.unit}"
        else:
            line = f"newsclean {self.done} {self.unit}"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def clear(self) -> None:
        """Erase the bar (call before writing a message to stderr, and at the end)."""
        if self.enabled and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
