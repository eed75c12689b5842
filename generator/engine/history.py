"""What a roll-up sees of a person's earlier periods, and the functions its formulas call over them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.engine.results import PersonResult


@dataclass(frozen=True)
class PeriodView:
    """What a roll-up sees of one earlier period for one person."""

    label: str
    total: Decimal | None
    grade: str | None
    status: str
    items: dict[str, Decimal | None]


def history_functions(history: dict[str, PeriodView]) -> dict[str, Callable[..., Any]]:
    def count(grade: str) -> Decimal:
        return Decimal(sum(1 for v in history.values() if v.grade == grade))

    def every(grade: str) -> bool:
        graded = [v for v in history.values() if v.grade]
        return bool(graded) and all(v.grade == grade for v in graded)

    def periods() -> Decimal:
        return Decimal(sum(1 for v in history.values() if v.grade))

    def run(grade: str) -> Decimal:
        """The most consecutive periods (in order, a period without that grade breaks the run) with `grade`."""
        best = current = 0
        for label in sorted(history):
            current = current + 1 if history[label].grade == grade else 0
            best = max(best, current)
        return Decimal(best)

    return {"次数": count, "全部": every, "期数": periods, "连续": run}


def view_of(result: PersonResult | None, label: str) -> PeriodView:
    if result is None:  # not in that period's sheet: period_score reports it unless missing: skip
        return PeriodView(label, None, None, "absent", {})
    grade = result.grade if result.status == "graded" else None
    return PeriodView(label, result.total, grade, result.status, result.item_value_map())
