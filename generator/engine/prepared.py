"""What is the same for every period of an assessment, worked out once per scheme object.

A city's archive grades the same assessment in hundreds of period files; the column plan, the
names a formula may use and the compiled grading (fast.py) depend only on the scheme, whose
models are frozen. They are kept here, keyed by the scheme and assessment objects themselves
(each entry holds both, so an id is never reused while its entry lives); a reloaded scheme is a
new object and gets its own entry.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from functools import cached_property
from typing import TYPE_CHECKING

from generator.scheme.columns import ColumnPlan, column_readers, formula_names, plan_columns
from generator.scheme.dates import PERIOD_DATE_FUNCTIONS
from generator.scheme.model import Assessment, Scheme

if TYPE_CHECKING:
    from generator.engine.fast import FastGrader


class Prepared:
    def __init__(self, scheme: Scheme, assessment: Assessment):
        self.scheme, self.assessment = scheme, assessment

    @cached_property
    def plan(self) -> ColumnPlan:
        return plan_columns(self.scheme, self.assessment)

    @cached_property
    def readers(self) -> dict[str, list[str]]:
        return column_readers(self.scheme, self.assessment)

    @cached_property
    def names(self) -> set[str]:
        """Every name a formula or condition of the assessment may use."""
        return formula_names(self.scheme, self.assessment)

    @cached_property
    def items(self) -> list:
        """Every item of the assessment, the posts' items included."""
        return [*self.assessment.walk(), *(i for p in self.scheme.posts for top in p.items for i in top.walk())]

    @cached_property
    def item_names(self) -> dict[str, str]:
        """Item code → name, the posts' items included."""
        return {i.code: i.name for i in self.items}

    @cached_property
    def shown_places(self) -> dict[str, int]:
        """Item code → the places its value is shown with: its shown_places (an exact intermediate
        rate shown to 4 places), else its own places, else the assessment's. Read only."""
        return {i.code: next(p for p in (i.shown_places, i.places, self.assessment.places) if p is not None) for i in self.items}

    @cached_property
    def kept_places(self) -> dict[str, int | None]:
        """Item code → the places it is kept at (90.00, what is weighted), None if not rounded. Read only."""
        return {i.code: i.places for i in self.items}

    @cached_property
    def reads_period_dates(self) -> bool:
        """A formula of the assessment (or of its posts' items) calls 期初日期() or 期末日期(): its rows get the
        period's days (period_dates.py). The formulas are text anywhere in the models (conditions, rules, consequences)."""
        text = json.dumps([self.assessment.model_dump(mode="json"), [p.model_dump(mode="json") for p in self.scheme.posts]], ensure_ascii=False)
        return any(f"{name}(" in text or f"{name}（" in text for name in PERIOD_DATE_FUNCTIONS)

    @cached_property
    def fast(self) -> FastGrader:
        from generator.engine.fast import FastGrader

        return FastGrader(self.scheme, self.assessment, self.names)


_ENTRIES: OrderedDict[tuple[int, int], tuple[Scheme, Assessment, Prepared]] = OrderedDict()


def prepared(scheme: Scheme, assessment: Assessment) -> Prepared:
    key = (id(scheme), id(assessment))
    entry = _ENTRIES.get(key)
    if entry is None or entry[0] is not scheme or entry[1] is not assessment:
        entry = (scheme, assessment, Prepared(scheme, assessment))
        _ENTRIES[key] = entry
        while len(_ENTRIES) > 256:
            _ENTRIES.popitem(last=False)
    return entry[2]
