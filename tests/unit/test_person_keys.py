"""A preview's person page keys (pages_people.PersonKeys): made again exactly when what the page
shows of a result can differ — the person's results changed, or a period's corrections did."""

from __future__ import annotations

from types import SimpleNamespace

from generator.site.pages_people import PersonKeys


class Result:
    def __init__(self, fingerprint: str):
        self.seen = fingerprint

    def fingerprint(self) -> str:
        return self.seen


def _period(key: str, people: int = 3):
    return SimpleNamespace(key=key, corrections=[], people=[object()] * people)


def test_a_key_changes_with_the_results_and_with_a_correction_and_only_then():
    q1, q2 = _period("a/2025/Q1"), _period("a/2025/Q2")
    entries = [(q1, Result("f1")), (q2, Result("f2"))]
    keys = PersonKeys()
    keys.start([q1, q2])
    first = keys.key(("a", "P1"), entries)
    keys.start([q1, q2])
    assert keys.key(("a", "P1"), entries) == first  # the same list, nothing else changed

    changed = [(q1, Result("f1")), (q2, Result("f2-regraded"))]  # a new list: an edit touched the person
    keys.start([q1, q2])
    assert keys.key(("a", "P1"), changed) != first
    same_again = [(q1, Result("f1")), (q2, Result("f2"))]
    assert keys.key(("a", "P1"), same_again) == first  # the key is the content's, not the list's

    q2.corrections.append(("2026-01-05", "更正"))  # kaohe reopen: the same period object, corrected
    keys.start([q1, q2])
    assert keys.key(("a", "P1"), same_again) != first


def test_someone_gone_is_forgotten():
    q1 = _period("a/2025/Q1")
    keys = PersonKeys()
    keys.start([q1])
    keys.key(("a", "P1"), [(q1, Result("f1"))])
    keys.key(("a", "P2"), [(q1, Result("f2"))])
    keys.keep_only([("a", "P1")])
    assert list(keys.made) == [("a", "P1")]
