"""结果运用: the consequences a scheme attaches to results (诫勉 after two 较差 in a row, no awards that
year after a D, 取消当年评先评优资格 after a 作风 通报), computed per person on the final results.

Evaluated after the committee's decisions, so that 等次 is the grade the person ends with. Each
consequence that applies is a step of the person's derivation (stage 结果运用): the internal
edition's person pages and `kaohe explain` show it, and the internal results page lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import Any

from generator.engine.history_code import condition
from generator.engine.results import PeriodResult, PersonResult, Step
from generator.scheme.expr import FormulaError, compiled

STAGE = "结果运用"


def apply_consequences(period: PeriodResult, functions_of: Callable[[PersonResult], dict[str, Callable[..., Any]]],
                       grades_of_all: Callable[[list[PersonResult]], list | None] = lambda people: None) -> None:
    """`grades_of_all`: each roll-up person's grades of the earlier periods (Explainer.grades_of_all),
    over which a condition's 次数/全部/期数/连续 of a grade are written out (history_code.py)
    instead of a History and a dict of its functions made per person; None outside a roll-up."""
    consequences = period.assessment.consequences
    if not consequences:
        return
    conditions = [(consequence, *condition(consequence.when)) for consequence in consequences]
    everyone = period.people
    grades_all = grades_of_all(everyone) if any(c[2] for c in conditions) else None
    reads_rest = any(c[3] for c in conditions)  # a name or a function not written out: V and F as before
    for person, grades in zip(everyone, grades_all if grades_all is not None else repeat(None)):
        values, functions = (_Read(person), _Made(functions_of, person)) if reads_rest else (None, None)
        for consequence, met_by, _, _ in conditions:
            try:
                met = met_by(values, functions, grades)  # compiled; where it cannot say, the evaluator does
            except Exception:
                try:
                    met = compiled(consequence.when).evaluate(_values(person), functions_of(person), person.item_name_map())
                except FormulaError as exc:
                    person.note(Step(STAGE, f"「{consequence.then}」的条件「{consequence.when}」无法判断：{exc}"))
                    continue
            if met:
                person.note(Step(STAGE, f"{consequence.then}（{consequence.reason}）"))


class _Read:
    """_values(person) as a compiled condition reads it (V[name]), each name looked up when read: a
    condition reads one or two names of a person's forty (2 of the engine's 30 µs a person, as a copy)."""

    __slots__ = ("person", "items")

    def __init__(self, person: PersonResult):
        self.person, self.items = person, None

    def __getitem__(self, name: str) -> Any:
        person = self.person
        if name == "总分":
            return person.total
        if name == "等次":
            return person.grade if person.status == "graded" else person.shown_grade
        if self.items is None:
            self.items = person.item_value_map()
        if name in self.items:
            return self.items[name]
        return person.person.values[name]  # KeyError as the dict's: the evaluator then says why


class _Made:
    """The formula functions of a person, made when a condition first calls one (F[name])."""

    __slots__ = ("make", "person", "made")

    def __init__(self, make: Callable[[PersonResult], dict[str, Callable[..., Any]]], person: PersonResult):
        self.make, self.person, self.made = make, person, None

    def __getitem__(self, name: str) -> Callable[..., Any]:
        if self.made is None:
            self.made = self.make(self.person)
        return self.made[name]


def _values(person: PersonResult) -> dict[str, Any]:
    values: dict[str, Any] = dict(person.person.values)
    values.update(person.item_pairs())
    values["总分"] = person.total
    values["等次"] = person.grade if person.status == "graded" else person.shown_grade
    return values


def consequences_of(period: PeriodResult) -> list[tuple[PersonResult, str]]:
    """(person, consequence) for everyone a consequence applies to, in ID order."""
    return [(p, s.text) for p in sorted(period.people, key=lambda p: p.id) for s in p.late_steps or () if s.stage == STAGE and "无法判断" not in s.text]
