"""Work a clean build spreads over forked worker processes, each on a share, taken back in order:
the results sheets read and checked (engine/sheet_prefetch.py), a person's derivations (some 200,000
of them, each graded again with words) and the results tables of 150 periods with their downloads
(site/), and the post-build scan of the written site (site/scan.py), file by file.

Only clean runs (`kaohe build`, `kaohe check`) do this; the preview builds few pages and runs threads
(a process forked beside threads may hang on a lock one of them held: with another thread alive,
ordered_map works in its own process). The workers see the model as it is at the fork: nothing is
sent to them but the bounds of their share, and each sends back plain values (pages as path and
text, a sheet's people packed). The results come back in the order of the shares, so the site is the
same, byte for byte, whatever the number of workers (tests build it and compute the demo both ways). A worker
dies with its build (quiet_worker).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

WORKERS_ENV = "KAOHE_WORKERS"  # how many worker processes; 1 makes the pages in the build's own process
MAX_WORKERS = 8
R = TypeVar("R")

_job: tuple[Callable[[Any, int, int], Any], Any] | None = None  # what the forked workers inherit


def worker_count(work: int = 0, enough: int = 0) -> int:
    """KAOHE_WORKERS if set; else one per core for `work` of at least `enough` (a county's pages are
    made faster in the build's own process than the workers would start and send them back)."""
    chosen = os.environ.get(WORKERS_ENV, "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return min(int(chosen), MAX_WORKERS)
    return min(os.cpu_count() or 1, MAX_WORKERS) if work >= enough else 1


def shares(total: int, workers: int, per_worker: int = 8) -> list[tuple[int, int]]:
    """[start, stop) ranges over `total` items: several per worker, so that one slow share does not
    leave the others idle at the end."""
    count = max(1, min(total, workers * per_worker))
    bounds = [total * i // count for i in range(count + 1)]
    return [(start, stop) for start, stop in zip(bounds, bounds[1:]) if start < stop]


def _run(share: tuple[int, int]) -> Any:
    assert _job is not None
    function, shared = _job
    return function(shared, *share)


def ordered_map(function: Callable[[Any, int, int], R], shared: Any, total: int, workers: int) -> Iterator[R]:
    """function(shared, start, stop) for each share of range(total), in order. Neither `function` nor
    `shared` is ever sent to a worker (both are inherited at the fork); only the share's bounds go
    out and the function's result comes back, so the result must be plain (pages: path and text)."""
    global _job
    ranges = shares(total, workers)
    if workers < 2 or len(ranges) < 2 or not hasattr(os, "fork") or threading.active_count() > 1:
        for start, stop in ranges:
            yield function(shared, start, stop)
        return
    _job = (function, shared)
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer=quiet_worker) as pool:
            yield from pool.imap(_run, ranges)
    finally:
        _job = None


def quiet_worker() -> None:
    """A worker must not outlive or talk over a killed build: it dies with its parent (Linux
    PR_SET_PDEATHSIG), and its own stderr goes nowhere, because a parent killed mid-task leaves the
    worker's result pipe broken and multiprocessing would print that traceback to the terminal. A
    Markdown error still reaches the parent as the task's result."""
    import ctypes
    import os
    import signal
    import sys

    # terminate() must end a worker stuck in a long regex (C code, where no Python handler runs),
    # whatever handler a forked worker inherited (kaohe serve turns SIGTERM into Ctrl-C)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the quiet stderr below still holds
        pass
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - for the worker's whole life
