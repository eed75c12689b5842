"""The results sheets of a clean run read and checked in worker processes while the periods are graded.

Reading and checking a city's 150 sheets (200,000 rows, three million cells) was most of
compute_project: each cell decoded, made a Cell, typed and checked against its column. The sheets do
not depend on one another, so forked workers read them (core/parallel.py), in the order the periods
are computed, while this process grades the periods whose sheets have arrived.

Nothing changes in what is found. A worker calls the same reading function the build's own process
would, with a Problems of its own, and sends back the sheet's encoding, its people and that Problems.
The period takes them in the place where it would have read the sheet, so its problems come in the
same order whatever the number of workers (tests/unit/test_sheet_prefetch.py compares the problems
and every result with one and with three workers). A period the run skips (a refused file it needs,
IDs stripped of their zeros) never takes its sheet, so nothing found in it is reported, as before.

The people travel packed (_pack): a row's fields as one tuple, the names of its values once per
sheet for all rows that have the same. Pickling each PersonRow with its dict of values took longer
to undo here than a third of the reading it saved.

Only clean runs read ahead (`kaohe build`, `kaohe check`): the preview regrades the few periods an
edit touched, from its cache, beside threads (where forking is unsafe: core/parallel.py reads them
in its own process then).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from generator.core.parallel import ordered_map, worker_count
from generator.core.problems import Problems
from generator.project.model import PeriodFiles, Project
from generator.sheets.rows import CellPlaces, PersonRow, SheetRows

WORKERS_FROM_SHEETS = 24  # a county's dozen sheets are read faster here than workers start and send them back

Read = tuple[str | None, list[Any], frozenset[str] | None]  # a sheet's encoding, its people (PersonRow), its mapped headers
Taken = tuple[str | None, list[Any], frozenset[str] | None, Problems]  # a Read and the problems reading found
Reader = Callable[[Project, PeriodFiles, Problems], Read]
Key = tuple[str, str, int, str]  # PeriodFiles.key


class ReadAhead:
    """The sheets of `entries`, in their order, read by `read` in worker processes; take() hands a
    period its sheet as it comes back. With one worker (or none wanted) it reads nothing ahead."""

    def __init__(self, project: Project, entries: list[PeriodFiles], read: Reader, workers: int | None = None):
        self._jobs = [entry for entry in entries if entry.results is not None]
        count = worker_count(len(self._jobs), WORKERS_FROM_SHEETS) if workers is None else workers
        self._ready: dict[Key, Taken] = {}
        self._next = 0  # the first job whose sheet has not come back yet
        self._shares: Iterator[list[Taken]] | None = None
        if count > 1 and len(self._jobs) > 1:
            self._shares = ordered_map(_read_share, (project, self._jobs, read), len(self._jobs), count)

    def take(self, entry: PeriodFiles) -> Taken | None:
        """The entry's sheet as a worker read it, or None: read it here (not read ahead)."""
        if entry.results is None:
            return None
        key = entry.key
        while key not in self._ready and self._shares is not None and self._next < len(self._jobs):
            for encoding, packed, mapped, found in next(self._shares):
                self._ready[self._jobs[self._next].key] = (encoding, _unpack(packed), mapped, found)
                self._next += 1
        return self._ready.pop(key, None)

    def close(self) -> None:
        """Stops the workers of a run that ends early (a worker never outlives the run)."""
        if self._shares is not None:
            self._shares.close()  # type: ignore[attr-defined]  # a generator: closing ends its pool
            self._shares = None
        self._ready.clear()


def _read_share(shared: tuple[Project, list[PeriodFiles], Reader], start: int, stop: int) -> list[Taken]:
    project, jobs, read = shared
    out = []
    for entry in jobs[start:stop]:
        local = Problems()
        encoding, people, mapped = read(project, entry, local)
        out.append((encoding, _pack(people), mapped, local))
    return out


def _pack(people: list[PersonRow]) -> tuple:
    """A sheet's people as plain tuples: per row its fields and its values in order, the names of the
    values (and a row's cell places) as an index into lists sent once."""
    layouts: dict[tuple[str, ...], int] = {}
    words: dict[int, tuple[int, dict[str, str]]] = {}  # id of a sheet's column words → (index, the words)
    rows = []
    for person in people:
        layout = layouts.setdefault(tuple(person.values), len(layouts))
        places = person.places
        if isinstance(places, CellPlaces):
            index = words.setdefault(id(places.column_words), (len(words), places.column_words))[0]
            place: Any = (places.row_place, index)
        else:
            place = places  # a plain dict (made by hand, not by the loader)
        rows.append((person.id, person.name, person.department, person.post, person.unit, person.row, layout,
                     tuple(person.values.values()), place, person.own))
    unplain = people.unplain if isinstance(people, SheetRows) else None  # what reading proved travels with them
    return list(layouts), [w for _, w in sorted(words.values(), key=lambda pair: pair[0])], rows, unplain


def _unpack(packed: tuple) -> list[PersonRow]:
    layouts, words, rows, unplain = packed
    people: list[PersonRow] = [] if unplain is None else SheetRows()
    if unplain is not None:
        people.unplain = unplain  # type: ignore[attr-defined]
    for pid, name, department, post, unit, row, layout, values, place, own in rows:
        places = CellPlaces(place[0], words[place[1]]) if type(place) is tuple else place
        people.append(PersonRow(pid, name, department, post, unit, dict(zip(layouts[layout], values)), row, places, own))
    return people
