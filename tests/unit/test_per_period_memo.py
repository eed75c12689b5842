"""PageMemo.per_period: a value derived from one period's results is made once while that very result
object is in use (the preview's model cache hands back the same object for an unchanged period), made
again for a new object (a regraded period), dropped when a build no longer uses it, and never part of
the snapshot written to disk."""

from __future__ import annotations

from types import SimpleNamespace

from generator.site.page_memo import PageMemo, per_period


def test_once_per_object_again_for_a_new_one_and_never_on_disk():
    memo, calls = PageMemo(), []

    def build(period):
        calls.append(period.name)
        return f"grouped {period.name}"

    old, other = SimpleNamespace(name="Q1"), SimpleNamespace(name="Q2")
    memo.start("site")
    assert memo.per_period("groups", old, build) == "grouped Q1"
    assert memo.per_period("groups", other, build) == "grouped Q2"
    memo.finish()
    memo.start("site")
    assert memo.per_period("groups", old, build) == "grouped Q1"  # the same object: not made again
    regraded = SimpleNamespace(name="Q1")
    assert memo.per_period("groups", regraded, build) == "grouped Q1"  # a new object: made again
    memo.finish()  # Q2 was not used by this build: dropped
    assert calls == ["Q1", "Q2", "Q1"]
    memo.start("site")
    memo.per_period("groups", other, build)
    assert calls[-1] == "Q2"
    assert not any("groups" in str(key) for key in memo.snapshot()[1])


def test_without_a_memo_it_is_made_each_time():
    calls = []
    period = SimpleNamespace(name="Y")
    for _ in range(2):
        per_period(None, "groups", period, lambda p: calls.append(p.name))
    assert calls == ["Y", "Y"]
