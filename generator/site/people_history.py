"""Every person's results in order: the rows of a person's page, and what its memo key is made of.

A city's archive holds 200,000 results, and walking them all took a tenth of a preview's rebuild
after a one-cell edit. Such an edit regrades one period and its roll-up; the model cache hands back
the very objects of the other periods. So a preview keeps the last build's answer (HistoryKeeper)
and looks again only at the people of the periods that are new objects, or gone. A clean build
walks everything (people_history); test_people_history holds the two equal.
"""

from __future__ import annotations

from collections import defaultdict

from generator.engine.results import PeriodResult, PersonResult
from generator.scheme.periods import reading_order

Entry = tuple[PeriodResult, PersonResult]
Key = tuple[str, str]  # (agency, person ID)

# A keeper walks everything again when this share of the periods changed (a scheme edit regrades many).
REWALK_SHARE = 0.25


def _in_order(entry: Entry) -> tuple:
    """Year, shorter periods first and each kind in the year's order (M01 … Q1 … H1 … Y), the periods
    before their roll-ups, scheme."""
    period = entry[0]
    return (period.year, reading_order(period.label), period.assessment.rolls_up is not None, period.scheme.code)


def people_history(periods: list[PeriodResult]) -> dict[Key, list[Entry]]:
    """(agency, ID) → the person's results in order; the keys sorted."""
    found: dict[Key, list[Entry]] = defaultdict(list)
    for period in periods:
        for person in period.people:
            found[(period.agency, person.id)].append((period, person))
    for entries in found.values():
        entries.sort(key=_in_order)
    return dict(sorted(found.items()))


class HistoryKeeper:
    """people_history(periods), updated from the previous call's answer. The lists it returns are
    not to be changed: a person untouched by an edit keeps the very list of the build before."""

    def __init__(self) -> None:
        # The periods of the last answer, held so that their ids stay theirs while compared by id.
        self.periods: list[PeriodResult] = []
        self.found: dict[Key, list[Entry]] = {}

    def update(self, periods: list[PeriodResult]) -> dict[Key, list[Entry]]:
        before = {id(p) for p in self.periods}
        now = {id(p) for p in periods}
        gone = [p for p in self.periods if id(p) not in now]
        came = [p for p in periods if id(p) not in before]
        if not self.periods or len(gone) + len(came) > REWALK_SHARE * len(periods):
            found = people_history(periods)
        else:
            found = self._updated(gone, came)
        self.periods, self.found = list(periods), found
        return found

    def _updated(self, gone: list[PeriodResult], came: list[PeriodResult]) -> dict[Key, list[Entry]]:
        gone_ids = {id(p) for p in gone}
        fresh: dict[Key, list[Entry]] = defaultdict(list)
        for period in came:
            for person in period.people:
                fresh[(period.agency, person.id)].append((period, person))
        touched = set(fresh) | {(p.agency, person.id) for p in gone for person in p.people}
        found = dict(self.found)
        for key in touched:
            entries = [e for e in self.found.get(key, ()) if id(e[0]) not in gone_ids] + fresh.get(key, [])
            entries.sort(key=_in_order)
            if entries:
                found[key] = entries
            else:
                del found[key]
        if any((key in found) != (key in self.found) for key in touched):  # someone came or went
            found = dict(sorted(found.items()))
        return found
