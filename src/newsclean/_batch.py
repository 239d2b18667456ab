"""Batch plumbing for the command line: an ordered, bounded process pool and a progress bar."""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Generic, TextIO, TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_JOB = 2  # chunks queued per worker: keeps workers busy while memory stays bounded

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
    """A progress bar on stderr (tqdm: count, rate, ETA), drawn only when *enabled*.

    Anything else written to stderr while the bar is up goes through :meth:`write`,
    which lifts the bar, writes, and draws it again at once.
    """

    def __init__(self, total: int | None, unit: str, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm  # only a terminal needs it

            # A terminal that reports no width (0 columns) would get an empty bar: assume 80 there.
            width = _columns(self.stream)
            self._bar = tqdm(
                total=total,
                unit=unit,
                desc="newsclean",
                file=self.stream,
                leave=False,
                dynamic_ncols=width is not None,
                ncols=None if width is not None else 80,
            )

    def update(self, count: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def write(self, text: str) -> None:
        if self._bar is None:
            self.stream.write(text)
            self.stream.flush()
            return
        self._bar.clear()
        self.stream.write(text)
        self.stream.flush()
        self._bar.refresh()

    def close(self) -> None:
        """Erase the bar (at the end of the run)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _columns(stream: TextIO) -> int | None:
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, OSError, ValueError):
        return None
