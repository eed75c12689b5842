"""A committee's decided grade held to the scheme's own rules: caps, forced grades and gates.

The rules run on the grade the bands give; a decision comes after them and sets a grade of its own. Where a
decision settles a grade the rules never reached — a 不确定等次 settled later (立案调查结案后补定), whose no_grade
rule stopped the rest — a cap the person is under (受警告处分期间不得确定为 A) was not applied: the decided A
stood. Each decided grade is put through the rules again, in their order, as a band's grade would be;
a rule that would move it refuses the decision. In a roll-up the rules read the person's earlier periods
(次数("一般")、全部、期数、连续: 季度考核有两次一般的，年度不得评为优秀) through the same functions the grading
gave them, and a forced grade or gate over no graded period is not met, as in the grading. A condition that
still cannot be judged — on a value the row lacks — is left to the grading that reported it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any

from generator.engine.history import PeriodView, history_functions
from generator.engine.overrides import over_no_periods
from generator.engine.results import PersonResult
from generator.scheme.expr import HISTORY_FUNCTION_NAMES, FormulaError, compiled
from generator.scheme.model import Assessment
from generator.scheme.periods import chronological_order, period_words
from generator.scheme.policy import Override

Functions = dict[str, Callable[..., Any]]  # a roll-up's 次数, 全部… over this person's earlier periods ({} elsewhere)


def functions_of(history: dict[str, PeriodView] | None) -> Functions:
    return history_functions(history) if history is not None else {}


def reads_history(rule: Override) -> bool:
    """Whether the rule's condition counts the earlier periods (次数、全部、期数、连续、合计、最大)."""
    for formula in (rule.when, rule.requires):
        calls = (n for n in ast.walk(compiled(formula).tree) if isinstance(n, ast.Call)) if formula else ()
        if any(isinstance(call.func, ast.Name) and call.func.id in HISTORY_FUNCTION_NAMES for call in calls):
            return True
    return False


def history_said(history: dict[str, PeriodView] | None) -> str:
    """各期：第一季度「一般」、第二季度「较差」、第三季度「较好」 — what a rule over the earlier periods counted."""
    if not history:
        return ""
    shown = [f"{period_words(label)}「{view.grade or ('未参加' if view.status == 'absent' else '未定等次')}」" for label, view in sorted(history.items(), key=lambda kv: chronological_order(kv[0]))]
    return "各期：" + "、".join(shown)


def _holds(formula: str, values: dict[str, Any], names: dict[str, str], functions: Functions) -> bool | None:
    try:
        return bool(compiled(formula).evaluate(values, functions, names))
    except (FormulaError, KeyError, TypeError, ArithmeticError):
        return None


def _values(person: PersonResult, grade: str | None) -> dict[str, Any]:
    values: dict[str, Any] = dict(person.person.values)
    values.update(person.item_pairs())
    values["总分"], values["等次"] = person.total, grade
    return values


def withheld_too(person: PersonResult, assessment: Assessment, functions: Functions) -> Override | None:
    """A no_grade rule without decided_later that the person also falls under (试用期 as well as 立案调查): the first
    no_grade rule stopped the rest, so only its decided_later was asked; this one withholds the grade all the same."""
    values, names = _values(person, None), person.item_name_map()
    return next((rule for rule in assessment.overrides if rule.kind == "no_grade" and not rule.decided_later
                 and (not rule.when or _holds(rule.when, values, names, functions))), None)


def rule_moving(grade: str, person: PersonResult, assessment: Assessment, functions: Functions) -> tuple[str, Override] | None:
    """(the grade the rules make of `grade`, the first rule that moves it), or None when they keep it."""
    grades = assessment.grades
    if grades is None or grade not in grades.order:
        return None
    values = _values(person, grade)
    names = person.item_name_map()
    now, first = grade, None
    for rule in assessment.overrides:
        if rule.kind == "no_grade" or (rule.when and not _holds(rule.when, values, names, functions)):
            continue
        # a forced grade or gate counting graded periods, over none, is not met (overrides._vacuous)
        vacuous = rule.kind in ("force", "gate") and rule.no_periods != "passes" and over_no_periods(
            rule.requires if rule.kind == "gate" else rule.when, functions)
        moved = now
        if rule.kind == "force" and rule.grade and not vacuous:
            moved = rule.grade
        elif rule.kind == "cap" and rule.grade and grades.rank(now) < grades.rank(rule.grade):
            moved = rule.grade
        elif rule.kind == "gate" and now == rule.grade and (vacuous or _holds(rule.requires or "", values, names, functions) is False):
            moved = grades.next_below(now) or now
        if moved != now:
            now, first = moved, first or rule
    return (now, first) if first is not None and now != grade else None
