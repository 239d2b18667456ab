"""Batch plumbing for the command line: an ordered, bounded process pool and a progress bar."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, Generic, TextIO, TypeVar

from newsclean import _io

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_JOB = 2  # chunks out per worker (being cleaned, or done and waiting for their turn)
CHUNK_BYTES = 1 << 20  # a chunk closes at this many bytes of input, whatever its item count

STOP_GRACE = 5.0  # seconds a worker gets to end after SIGTERM before it is killed


class WorkerDied(Exception):
    """A worker process ended without finishing its chunk (killed, out of memory)."""


def _worker_main(
    tasks: Connection,
    results: Connection,
    func: Callable[[Any, T], R],
    state: Any,
    warm: Callable[[Any], object] | None,
) -> None:
    _io.reset_signals_in_worker()
    if warm is not None:
        warm(state)  # build the cleaning state (compiled rules, stoplists) once, before the first chunk
    # None, or the end of the pipe, means no more work. (EOF alone is not enough: workers forked later
    # hold copies of the parent's sending ends.)
    while True:
        try:
            chunk = tasks.recv()
        except EOFError:
            return
        if chunk is None:
            return
        results.send([func(state, item) for item in chunk])


class _Worker:
    """One worker process with its own pipes: nothing is shared between workers, so killing one (or all)
    can never leave a lock held that the others or the parent then wait for."""

    def __init__(self, context: Any, func: Callable[[Any, Any], Any], state: Any, warm: Any) -> None:
        # Pipe(duplex=False) gives (receiving end, sending end).
        task_end, self.tasks = context.Pipe(duplex=False)
        self.results, result_end = context.Pipe(duplex=False)
        self.process = context.Process(target=_worker_main, args=(task_end, result_end, func, state, warm), daemon=True)
        self.process.start()
        task_end.close()
        result_end.close()
        self.busy = False  # a chunk sent and its result not yet received
        self.done: deque[list[Any]] = deque()  # results received, waiting for their turn


class Workers(Generic[T, R]):
    """Apply ``func(state, item)`` to items, in input order, in *jobs* processes.

    Use as a context manager: leaving the block normally ends the workers, and
    leaving it by an error (or Ctrl-C, SIGTERM) stops them at once. The workers
    start once, with *state*, and run ``warm(state)`` before their first chunk.
    Items go to them in chunks of up to *chunksize* items and
    :data:`CHUNK_BYTES` bytes (as *weigh* tells an item's size). What is read
    ahead of the output is bounded by count and by bytes: at most
    ``jobs * IN_FLIGHT_PER_JOB`` chunks, and no new chunk once
    ``jobs * IN_FLIGHT_PER_JOB * CHUNK_BYTES`` bytes are out unless a worker
    would otherwise wait; so a stream of big records is never read far ahead.
    A worker that dies raises :class:`WorkerDied` instead of leaving the run
    waiting. With ``jobs == 1`` everything runs in this process.
    """

    def __init__(
        self,
        func: Callable[[Any, T], R],
        state: Any,
        jobs: int = 1,
        chunksize: int = 1,
        weigh: Callable[[T], int] | None = None,
        warm: Callable[[Any], object] | None = None,
    ) -> None:
        self.func = func
        self.state = state
        self.jobs = max(1, jobs)
        self.chunksize = max(1, chunksize)
        self.weigh = weigh
        self.warm = warm
        self._workers: list[_Worker] = []

    def __enter__(self) -> Workers[T, R]:
        if self.jobs > 1:
            import multiprocessing

            context = multiprocessing.get_context()
            warm = self.warm
            if warm is not None and context.get_start_method() == "fork":
                warm(self.state)  # forked workers inherit it: built once for all of them
            for _ in range(self.jobs):
                self._workers.append(_Worker(context, self.func, self.state, warm))
        return self

    def __exit__(self, *exc: object) -> None:
        workers, self._workers = self._workers, []
        # A worker still busy (the caller stopped reading results) may be blocked sending one: stop it.
        stop = exc[0] is not None or any(worker.busy for worker in workers)
        for worker in workers:
            if not stop:
                with contextlib.suppress(OSError):
                    worker.tasks.send(None)
            else:
                worker.process.terminate()
            worker.tasks.close()
        for worker in workers:
            worker.process.join(STOP_GRACE if stop else None)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.results.close()

    def map(self, items: Iterable[T]) -> Iterator[R]:
        if not self._workers:
            for item in items:
                yield self.func(self.state, item)
            return
        from multiprocessing.connection import wait

        max_chunks = self.jobs * IN_FLIGHT_PER_JOB
        max_bytes = max_chunks * CHUNK_BYTES
        order: deque[tuple[_Worker, int]] = deque()  # chunks out, in input order: (worker, bytes)
        out_bytes = 0
        chunks = self._chunks(iter(items))
        exhausted = False
        while True:
            # Give every idle worker a chunk while the read-ahead stays within its bounds.
            for worker in self._workers:
                if exhausted or worker.busy:
                    continue
                if len(order) >= max_chunks or (out_bytes >= max_bytes and len(order) >= self.jobs):
                    break
                try:
                    chunk, size = next(chunks)
                except StopIteration:
                    exhausted = True
                    break
                try:
                    worker.tasks.send(chunk)
                except OSError:  # its end of the pipe is gone: the worker died while idle
                    raise WorkerDied(_died(worker)) from None
                worker.busy = True
                order.append((worker, size))
                out_bytes += size
            if not order:
                return
            # Yield every result whose turn has come; otherwise wait for any worker to finish.
            while order and order[0][0].done:
                worker, size = order.popleft()
                out_bytes -= size
                yield from worker.done.popleft()
            if order and not order[0][0].done:
                busy = [worker for worker in self._workers if worker.busy]
                ready = wait([worker.results for worker in busy] + [worker.process.sentinel for worker in busy])
                for worker in busy:
                    if worker.results in ready:
                        try:
                            worker.done.append(worker.results.recv())
                        except EOFError:
                            raise WorkerDied(_died(worker)) from None
                        worker.busy = False
                    elif worker.process.sentinel in ready and not worker.results.poll():
                        raise WorkerDied(_died(worker))

    def _chunks(self, iterator: Iterator[T]) -> Iterator[tuple[list[T], int]]:
        weigh = self.weigh
        chunk: list[T] = []
        size = 0
        for item in iterator:
            chunk.append(item)
            if weigh is not None:
                size += weigh(item)
            if len(chunk) >= self.chunksize or size >= CHUNK_BYTES:
                yield chunk, size
                chunk, size = [], 0
        if chunk:
            yield chunk, size


def _died(worker: _Worker) -> str:
    worker.process.join(STOP_GRACE)
    code = worker.process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    return f"a worker process ended before finishing its work ({how})"


class Progress:
    """A progress bar on stderr (tqdm: count, rate, ETA), drawn only when *enabled*.

    Use as a context manager, which erases the bar on leaving. Anything else
    written to stderr while the bar is up goes through :meth:`write`,
    which lifts the bar, writes, and draws it again at once. A closed or broken
    stderr swallows what is written: a message must not stop the run.
    """

    def __init__(self, total: int | None, unit: str, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream: TextIO | None = stream if stream is not None else sys.stderr
        self._bar: Any = None
        if enabled and self.stream is not None:
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
        if self.stream is None:  # started with 2>&-: the exit status alone tells
            return
        try:
            if self._bar is not None:
                self._bar.clear()
            self.stream.write(text)
            self.stream.flush()
            if self._bar is not None:
                self._bar.refresh()
        except (OSError, ValueError):  # stderr gone (a hung-up terminal): a message must not end the run
            pass

    def close(self) -> None:
        """Erase the bar (at the end of the run)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        # Also when the run is stopped (Ctrl-C, SIGTERM, an error): its last message goes on a line of its own.
        self.close()


def _columns(stream: TextIO) -> int | None:
    try:
        return os.get_terminal_size(stream.fileno()).columns or None
    except (AttributeError, OSError, ValueError):
        return None
