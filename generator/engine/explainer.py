"""A roll-up's view of a person's earlier periods, and one person graded again with words.

The archive is graded without words; Explainer keeps what a period's grading read (its roll-up's
earlier periods) so that a person's derivation can be made when a page or `kaohe explain` shows it,
and gives a roll-up person's History (history.py) or, for the compiled grading and the 结果运用
conditions, the earlier periods' ID indexes and grades (glance, history_code.py).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import Any

from generator.core.problems import Problems
from generator.engine.grade import PersonGrader
from generator.engine.history import History, PeriodView, history_functions, view_of
from generator.engine.results import PeriodResult, PersonResult
from generator.sheets.rows import PersonRow


class Explainer:
    """Grades one person of a period again with explain=True, for `kaohe explain` and the internal
    pages. The archive is graded without words (fast); the same code with the words switched on gives
    the same numbers, and regrade() checks that it did."""

    def __init__(self, scheme, assessment, file: str, sources: dict[str, PeriodResult], own_sheet: bool = True):
        # own_sheet False: a roll-up graded from its periods alone, whose rows are its periods' (history.column_values)
        self.scheme, self.assessment, self.file, self.sources, self.own_sheet = scheme, assessment, file, sources, own_sheet
        self._grader: PersonGrader | None = None
        self._histories: dict[str, dict[str, PeriodView]] = {}  # person ID → history, made once
        # Per earlier period, in the sources' order: (label, its ID index, the view of someone not in
        # it), made at the first history asked for. Grading asks for few (the compiled path reads
        # glance()); the pages ask for everyone's, each made from the indexes when asked.
        self._views: list[tuple[str, dict[str, PersonResult], PeriodView]] | None = None
        self._glance: tuple[list[dict[str, PersonResult]], list[dict[str, str | None]] | None, dict[str, int]] | None = None

    def glance(self, grades: bool = True) -> tuple[list[dict[str, PersonResult]], list[dict[str, str | None]] | None, dict[str, int]]:
        """The earlier periods in label order (as sorted(history) walks them), each as ID → result
        and (with `grades`; else None) ID → the grade its view gives (None: not graded), and label →
        place: what the compiled grading and the 结果运用 conditions read instead of a History per
        person (history_code.py). Each made once."""
        if self._glance is None:
            labels = sorted(self.sources)
            self._glance = ([self.sources[label].by_id() for label in labels], None, {label: i for i, label in enumerate(labels)})
        indexes, by_grade, places = self._glance
        if grades and by_grade is None:
            by_grade = [{r.person.id: r.grade if r.status == "graded" else None for r in self.sources[label].people} for label in sorted(self.sources)]
            self._glance = (indexes, by_grade, places)
        return self._glance

    def grades_of(self, person: PersonResult) -> list[str | None] | None:
        """G_ of one person of a roll-up (history_code.py); None outside a roll-up."""
        if not self.assessment.rolls_up:
            return None
        _, grades, _ = self.glance()
        return list(map(dict.get, grades, repeat(person.person.id, len(grades))))

    def grades_of_all(self, people: list[PersonResult]) -> list[tuple[str | None, ...]] | None:
        """grades_of for each of `people`, in order (as tuples), a look-up in C per period and person."""
        if not self.assessment.rolls_up:
            return None
        _, grades, _ = self.glance()
        if not grades:
            return [()] * len(people)
        ids = [p.person.id for p in people]
        return list(zip(*(list(map(by_id.get, ids)) for by_id in grades)))

    def history_of(self, row: PersonRow) -> dict[str, PeriodView] | None:
        """In a roll-up, what the earlier periods say of this person (the same for every caller)."""
        if not self.assessment.rolls_up:
            return None
        pid = row.id
        history = self._histories.get(pid)
        if history is None:
            views = self._views
            if views is None:
                views = self._views = [(label, period.by_id(), view_of(None, label)) for label, period in self.sources.items()]
            history = self._histories[pid] = History({label: absent if (r := by_id.get(pid)) is None else
                                                      PeriodView(label, r.total, r.grade if r.status == "graded" else None, r.status, r)
                                                      for label, by_id, absent in views})  # view_of, written out
        return history

    def regrade(self, result: PersonResult) -> PersonResult:
        if self._grader is None:  # problems were reported when the period was graded
            self._grader = PersonGrader(self.scheme, self.assessment, self.file, Problems(), explain=True)
        row = result.person
        history = self.history_of(row)
        full = self._grader.grade(row, history)
        if (full.raw_total, full.band_grade) != (result.raw_total, result.band_grade):
            raise AssertionError(f"explain regrade differs for {row.id}: {full.raw_total} {full.band_grade} vs {result.raw_total} {result.band_grade}")
        return full


def functions_for(explainer: Explainer, person: PersonResult) -> dict[str, Callable[..., Any]]:
    history = explainer.history_of(person.person)
    return history_functions(history) if history is not None else {}
