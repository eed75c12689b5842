"""What a roll-up sees of a person's earlier periods, and the functions its formulas call over them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from generator.engine.results import PersonResult


class PeriodView:
    """What a roll-up sees of one earlier period for one person. Read-only; its items are read from
    the period's result when asked (most roll-ups read only totals and grades)."""

    __slots__ = ("label", "total", "grade", "status", "_result")

    def __init__(self, label: str, total: Decimal | None, grade: str | None, status: str, result: PersonResult | None = None):
        self.label, self.total, self.grade, self.status, self._result = label, total, grade, status, result

    @property
    def items(self) -> dict[str, Decimal | None]:
        return self._result.item_value_map() if self._result is not None else {}

    @property
    def result(self) -> PersonResult | None:
        """The earlier period's result itself (None: not in that period)."""
        return self._result

    def _key(self) -> tuple:
        return (self.label, self.total, self.grade, self.status, self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PeriodView) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:  # the content, never an address
        return f"PeriodView(label={self.label!r}, total={self.total!r}, grade={self.grade!r}, status={self.status!r}, items={self.items!r})"


def view_of(result: PersonResult | None, label: str) -> PeriodView:
    if result is None:  # not in that period's sheet: period_score reports it unless missing: skip
        return PeriodView(label, None, None, "absent")
    grade = result.grade if result.status == "graded" else None
    return PeriodView(label, result.total, grade, result.status, result)


def views_of(results: list[PersonResult], label: str) -> dict[str, PeriodView]:
    """Person ID → view_of(their result, label) for a whole period, written out: a roll-up makes one
    per person of every period it reads, and a call each was a tenth of its history's cost."""
    return {r.person.id: PeriodView(label, r.total, r.grade if r.status == "graded" else None, r.status, r) for r in results}


class History(dict):
    """label → PeriodView for one person of a roll-up, with its grades counted once, when a formula
    first asks: every formula of the roll-up (items, overrides, consequences) asks the same counts of
    the same periods, and many roll-ups ask none (an average of totals). Never changed once made.
    The methods are the formula functions 次数, 全部, 期数, 连续, 合计, 最大 (compiled grading calls them directly)."""

    __slots__ = ("_counts", "_graded", "_periods")

    def __init__(self, views: dict[str, PeriodView] | None = None):
        super().__init__(views or {})
        self._counts: dict[str | None, Decimal] | None = None

    def _count(self) -> dict[str | None, Decimal]:
        # Plain loops and shared Decimals, no comprehensions: made for most people of every roll-up.
        counts: dict[str | None, Any] = {}
        for view in self.values():
            grade = view.grade
            counts[grade] = counts.get(grade, 0) + 1
        graded: list[str] = []  # the distinct grades periods ended with
        periods = 0
        for grade, n in counts.items():
            counts[grade] = _decimal(n)
            if grade:
                graded.append(grade)
                periods += n
        self._counts, self._graded, self._periods = counts, graded, _decimal(periods)
        return counts

    def count(self, grade: str) -> Decimal:
        """次数: how many periods ended with `grade`."""
        counts = self._counts if self._counts is not None else self._count()
        return counts.get(grade, _NONE)

    def every(self, grade: str) -> bool:
        """全部: every graded period ended with `grade` (and there was one)."""
        if self._counts is None:
            self._count()
        return bool(self._graded) and all(g == grade for g in self._graded)

    def periods(self) -> Decimal:
        """期数: how many periods ended with a grade."""
        if self._counts is None:
            self._count()
        return self._periods

    def run(self, grade: str) -> Decimal:
        """连续: the most consecutive periods (in order, a period without that grade breaks the run) with `grade`."""
        return run(self, grade)

    def total(self, column: str) -> Decimal:
        """合计: `column` summed over the periods' sheets (是 counts 1; an empty cell and a period
        the person is not in add nothing)."""
        return sum(column_values(self, column), _NONE)

    def largest(self, column: str) -> Decimal:
        """最大: the largest value of `column` in the periods' sheets (0 when none has one)."""
        return max(column_values(self, column), default=_NONE)


_NONE = Decimal(0)
_SMALL = tuple(Decimal(n) for n in range(64))  # counts of periods: Decimals are immutable, shared


def _decimal(n: int) -> Decimal:
    return _SMALL[n] if n < 64 else Decimal(n)


def _as_history(history: dict[str, PeriodView]) -> History:
    return history if isinstance(history, History) else History(history)


# The functions a roll-up's formulas call, over the person's earlier periods (label → PeriodView).
def count(history: dict[str, PeriodView], grade: str) -> Decimal:
    return _as_history(history).count(grade)


def every(history: dict[str, PeriodView], grade: str) -> bool:
    return _as_history(history).every(grade)


def periods(history: dict[str, PeriodView]) -> Decimal:
    return _as_history(history).periods()


def run(history: dict[str, PeriodView], grade: str) -> Decimal:
    """连续: the most consecutive periods (in order, a period without that grade breaks the run) with `grade`."""
    return longest_run([history[label].grade for label in sorted(history)], grade)


def longest_run(grades: list, grade: str) -> Decimal:
    """连续 over a person's grades in period order (a History's, or the compiled grading's G_: history_code.py)."""
    best = current = 0
    for one in grades:
        current = current + 1 if one == grade else 0
        best = max(best, current)
    return Decimal(best)


def column_values(history: dict[str, PeriodView], column: str) -> list[Decimal]:
    """`column`'s values in the person's rows of the earlier periods, in period order: numbers as
    they are, 是 as 1 and 否 as 0; an empty cell, and a period the person is not in, give none."""
    found: list[Decimal] = []
    for label in sorted(history):
        result = history[label].result
        explainer = getattr(result, "explainer", None)
        if explainer is not None and not getattr(explainer, "own_sheet", True) and explainer.assessment.rolls_up:
            # a quarter graded from its months without a sheet of its own: its row is its last month's, so
            # the months' values are read instead (a year of quarters sums every month, not each quarter's last)
            below = explainer.history_of(result.person)
            found.extend(column_values(below, column) if below is not None else ())
            continue
        value = result.person.values.get(column) if result is not None else None
        if isinstance(value, bool):
            found.append(_SMALL[int(value)])
        elif isinstance(value, Decimal):
            found.append(value)
    return found


def total(history: dict[str, PeriodView], column: str) -> Decimal:
    return _as_history(history).total(column)


def largest(history: dict[str, PeriodView], column: str) -> Decimal:
    return _as_history(history).largest(column)


FUNCTIONS: dict[str, Callable[..., Any]] = {"次数": count, "全部": every, "期数": periods, "连续": run, "合计": total, "最大": largest}
METHODS = {"次数": "count", "全部": "every", "期数": "periods", "连续": "run", "合计": "total", "最大": "largest"}  # History's, by formula name


def history_functions(history: dict[str, PeriodView]) -> dict[str, Callable[..., Any]]:
    """The functions as a formula calls them: 次数("优秀") over this person's history."""
    full = _as_history(history)
    return {name: getattr(full, method) for name, method in METHODS.items()}
