"""Person and results pages made in worker processes (core/parallel.py) are the pages made in the build's own
process, in the same order, byte for byte; and the shares cover every person once."""

from __future__ import annotations

import pytest

from generator.core import parallel
from generator.core.problems import Problems
from generator.site.generate import generate
from tests.web.util import copy_demo_part


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_demo_part(tmp_path_factory.mktemp("p"), ("yunxi-czj", "heting-kx"))


def test_pages_from_workers_are_the_pages_made_in_process(project, monkeypatch):
    made = {}
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # whatever threads earlier tests left
    for workers in ("1", "3"):
        monkeypatch.setenv(parallel.WORKERS_ENV, workers)
        files = generate(project, "internal", Problems()).files
        made[workers] = list(files.items())  # the order in which the pages were made, too
    people = [path for path, _ in made["1"] if path.startswith("people/")]
    assert len(people) > 50
    assert made["1"] == made["3"]


def test_shares_run_in_the_workers_or_here(monkeypatch):
    calls = []

    def pages(shared, start, stop):
        calls.append(os_pid())
        return list(range(start, stop))

    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)  # whatever threads earlier tests left
    assert [n for part in parallel.ordered_map(pages, None, 50, 2) for n in part] == list(range(50))
    assert calls == []  # made in the workers: nothing ran here
    assert [n for part in parallel.ordered_map(pages, None, 50, 1) for n in part] == list(range(50))
    assert calls and set(calls) == {os_pid()}
    calls.clear()  # beside other threads (the preview's), never forked
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 3)
    assert [n for part in parallel.ordered_map(pages, None, 50, 2) for n in part] == list(range(50))
    assert calls and set(calls) == {os_pid()}


def test_workers_only_for_enough_work_unless_asked(monkeypatch):
    monkeypatch.delenv(parallel.WORKERS_ENV, raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 4)
    assert parallel.worker_count(999, 1000) == 1 and parallel.worker_count(1000, 1000) == 4
    monkeypatch.setenv(parallel.WORKERS_ENV, "3")
    assert parallel.worker_count(5, 1000) == 3
    monkeypatch.setenv(parallel.WORKERS_ENV, "99")
    assert parallel.worker_count(5, 1000) == parallel.MAX_WORKERS


def os_pid() -> int:
    import os

    return os.getpid()


@pytest.mark.parametrize("total,workers", [(0, 4), (1, 4), (7, 2), (1000, 3), (5, 8)])
def test_shares_cover_every_item_once_in_order(total, workers):
    ranges = parallel.shares(total, workers)
    covered = [i for start, stop in ranges for i in range(start, stop)]
    assert covered == list(range(total)) and all(start < stop for start, stop in ranges)
