"""A committee's decided grade held to the scheme's own rules: caps, forced grades and gates.

The rules run on the grade the bands give; a decision comes after them and sets a grade of its own. Where a
decision settles a grade the rules never reached — a 不确定等次 settled later (立案调查结案后补定), whose no_grade
rule stopped the rest — a cap the person is under (受警告处分期间不得确定为 A) was not applied: the decided A
stood. Each decided grade is put through the rules again, in their order, as a band's grade would be;
a rule that would move it refuses the decision. A condition that cannot be judged here — one over a roll-up's
earlier periods (次数、全部), or on a value the row lacks — is left to the grading that reported it.
"""

from __future__ import annotations

from typing import Any

from generator.engine.results import PersonResult
from generator.scheme.expr import FormulaError, compiled
from generator.scheme.model import Assessment
from generator.scheme.policy import Override


def _holds(formula: str, values: dict[str, Any], names: dict[str, str]) -> bool | None:
    try:
        return bool(compiled(formula).evaluate(values, {}, names))
    except (FormulaError, KeyError, TypeError, ArithmeticError):
        return None


def _values(person: PersonResult, grade: str | None) -> dict[str, Any]:
    values: dict[str, Any] = dict(person.person.values)
    values.update(person.item_pairs())
    values["总分"], values["等次"] = person.total, grade
    return values


def withheld_too(person: PersonResult, assessment: Assessment) -> Override | None:
    """A no_grade rule without decided_later that the person also falls under (试用期 as well as 立案调查): the first
    no_grade rule stopped the rest, so only its decided_later was asked; this one withholds the grade all the same."""
    values, names = _values(person, None), person.item_name_map()
    return next((rule for rule in assessment.overrides if rule.kind == "no_grade" and not rule.decided_later
                 and (not rule.when or _holds(rule.when, values, names))), None)


def rule_moving(grade: str, person: PersonResult, assessment: Assessment) -> tuple[str, Override] | None:
    """(the grade the rules make of `grade`, the first rule that moves it), or None when they keep it."""
    grades = assessment.grades
    if grades is None or grade not in grades.order:
        return None
    values = _values(person, grade)
    names = person.item_name_map()
    now, first = grade, None
    for rule in assessment.overrides:
        if rule.kind == "no_grade" or (rule.when and not _holds(rule.when, values, names)):
            continue
        moved = now
        if rule.kind == "force" and rule.grade:
            moved = rule.grade
        elif rule.kind == "cap" and rule.grade and grades.rank(now) < grades.rank(rule.grade):
            moved = rule.grade
        elif rule.kind == "gate" and now == rule.grade and _holds(rule.requires or "", values, names) is False:
            moved = grades.next_below(now) or now
        if moved != now:
            now, first = moved, first or rule
    return (now, first) if first is not None and now != grade else None
