"""A preview's HistoryKeeper answers what people_history answers for the same periods, after any
sequence of periods regraded (new objects), dropped or added, people moving in and out of them."""

from __future__ import annotations

import random
from types import SimpleNamespace

from generator.site.people_history import HistoryKeeper, people_history


def _period(agency: str, scheme: str, year: int, label: str, ids: list[str]):
    assessment = SimpleNamespace(rolls_up="pingshi" if label == "Y" else None)
    period = SimpleNamespace(agency=agency, scheme=SimpleNamespace(code=scheme), year=year, label=label, assessment=assessment)
    period.people = [SimpleNamespace(id=i) for i in ids]
    return period


def _shape(found):
    """The answer by identity: (key, [(period object, person object)…]) in order."""
    return [(key, [(id(p), id(r)) for p, r in entries]) for key, entries in found.items()]


def test_the_keeper_equals_a_fresh_walk_after_random_edits():
    rng = random.Random(7)
    everyone = [f"{n:03d}" for n in range(40)]
    periods = [_period(agency, scheme, year, label, rng.sample(everyone, 25))
               for agency in ("a", "b") for scheme in ("s1", "s2") for year in (2024, 2025) for label in ("Q1", "Q2", "Y")]
    keeper = HistoryKeeper()
    assert _shape(keeper.update(periods)) == _shape(people_history(periods))
    incremental = added = 0
    for _ in range(300):
        before = keeper.found
        periods = list(periods)
        change = rng.choice(["regrade", "regrade", "move", "drop", "add", "many"])
        if change in ("regrade", "move"):  # a new object for the same period; "move": its people change
            i = rng.randrange(len(periods))
            old = periods[i]
            ids = [r.id for r in old.people] if change == "regrade" else rng.sample(everyone, rng.randint(0, 30))
            periods[i] = _period(old.agency, old.scheme.code, old.year, old.label, ids)
        elif change == "drop" and len(periods) > 1:
            periods.pop(rng.randrange(len(periods)))
        elif change == "add":  # a new period (one period of a key: agency, scheme, year, label)
            added += 1
            periods.insert(rng.randrange(len(periods) + 1), _period("c", "s3", 2025 + added, rng.choice(["Q3", "Y"]), rng.sample(everyone + ["new"], 5)))
        elif change == "many":  # a scheme edit: most periods regraded at once
            periods = [_period(p.agency, p.scheme.code, p.year, p.label, [r.id for r in p.people]) for p in periods]
        found = keeper.update(periods)
        assert _shape(found) == _shape(people_history(periods)), change
        untouched = [k for k in found if k in before and found[k] is before[k]]
        incremental += bool(untouched)
    assert incremental > 150, "the keeper walked everything again nearly every time"
