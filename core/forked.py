"""Work done in a forked copy of this process while this process does the rest.

Python runs one thread at a time (and igraph keeps the interpreter lock while it
computes), so on a machine with two cores the only way to use both for Python work is
a second process. A forked copy sees this process's memory as it was at the fork:
nothing is pickled on the way in, only the result on the way back, so the work
should return little (a few thousand records, not a network).

Used by the analysis (the network measures, :mod:`graph.analyse`) and the diff (the
memberships, :func:`loader.write.diff_with_database`).
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")

__all__ = ["Forked", "can_fork"]

#: The work of each copy, by a token of its own (set just before the fork, so the copy
#: finds its work there even if two threads fork at once).
_WORK: dict[int, Callable[[], object]] = {}
_TOKENS = itertools.count()


def can_fork() -> bool:
    """Whether this system starts processes by forking (Linux, macOS; not Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _run(token: int) -> object:
    return _WORK[token]()


def _die_with(parent: int) -> None:
    """In the copy: end when ``parent`` ends (killed by ``timeout``, a cancelled job or
    the out-of-memory killer), rather than live on holding a copy of its memory. Linux
    ends it at once (``PR_SET_PDEATHSIG``); elsewhere a watcher looks twice a second."""
    if sys.platform.startswith("linux"):
        # PR_SET_PDEATHSIG (1): the signal comes when the thread that forked ends, and
        # that thread waits for the result (see Forked.result).
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before this was set
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="smp-watch-parent", daemon=True).start()


class Forked(Generic[T]):
    """``work()`` in a forked copy of this process from the start of the block, when
    ``parallel`` and the system can fork; otherwise, or if the copy cannot be started
    or fails in any way (out of memory, a lost connection), ``here()`` is done in this
    process when the result is asked for, so its errors are this process's own.

    ``here`` defaults to ``work``; they differ when the copy must not use what this
    process holds open (a driver's connections: the copy opens its own).

    >>> with Forked(lambda: 6 * 7) as answer:
    ...     answer.result()
    42
    """

    def __init__(
        self, work: Callable[[], T], here: Callable[[], T] | None = None, parallel: bool = True
    ) -> None:
        self.work, self.here = work, here or work
        self.parallel = parallel and can_fork()
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future | None = None
        self.token = next(_TOKENS)

    def __enter__(self) -> Forked[T]:
        if self.parallel:
            _WORK[self.token] = self.work
            try:
                # With fork, submit() starts the process before it returns (CPython
                # 3.11+ launches fork workers at once, never lazily).
                self.pool = ProcessPoolExecutor(
                    1, mp_context=multiprocessing.get_context("fork"),
                    initializer=_die_with, initargs=(os.getpid(),),
                )  # fmt: skip
                self.future = self.pool.submit(_run, self.token)
            except Exception:  # no process to be had: done here
                self._stop()
                self.future = None
        return self

    def result(self) -> T:
        if self.future is not None:
            try:
                return self.future.result()
            except Exception:  # the copy failed: done here, so the errors are ours
                pass
        return self.here()

    def __exit__(self, error_type, *_exc) -> None:
        _WORK.pop(self.token, None)
        if self.pool is None:
            return
        if error_type is not None:  # this process failed: stop the copy rather than wait
            self._stop()
        else:
            self.pool.shutdown(cancel_futures=True)

    def _stop(self) -> None:
        if self.pool is not None:
            for process in list((self.pool._processes or {}).values()):
                process.terminate()
            self.pool.shutdown(cancel_futures=True)
