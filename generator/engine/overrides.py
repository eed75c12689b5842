"""Step 4 of grading one person: the overrides, in declared order (grade.py calls them).

no_grade statuses, forced grades, caps and eligibility gates, each a formula over the person's
values (PersonGrader.condition_values: the declared names, the row, the items, 总分). This is the
reference the compiled grading (fast.py) reproduces.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Any, Protocol

from generator.core.numbers import fmt
from generator.core.problems import Severity
from generator.engine.period_dates import dates_read
from generator.engine.results import PersonResult, Step
from generator.scheme.expr import HISTORY_GRADE_FUNCTIONS, FormulaError, compiled
from generator.scheme.model import Assessment
from generator.scheme.rollup_columns import column_calls
from generator.scheme.rules.base import ItemContext


class PersonGrader(Protocol):
    """What the overrides read of grade.PersonGrader (a protocol: grade.py imports this module)."""

    assessment: Assessment
    names: set[str]
    problems: Any
    file: str
    causes: Any
    item_names: dict[str, str]


def condition_values(grader: PersonGrader, result: PersonResult, ctx_values: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {name: None for name in grader.names}
    values.update(ctx_values)
    for score in result.items:
        values[score.code] = score.value
    values["总分"] = result.total
    return values


def _vacuous(grader: PersonGrader, override, result: PersonResult, ctx: ItemContext, trace) -> bool:
    """No vacuous grants: a force or gate whose condition counts the earlier periods' grades,
    over zero graded periods, is not met (unless the rule declares no_periods: passes)."""
    formula = override.requires if override.kind == "gate" else override.when
    if override.no_periods == "passes" or not over_no_periods(formula, ctx.functions):
        return False
    if override.kind == "gate" and result.grade == override.grade:
        lower = grader.assessment.grades.next_below(result.grade)  # type: ignore[union-attr]
        trace.append(Step("规则", f"{override.reason}；没有一期已定等次的考核结果，不能认定满足「{compiled(formula or '').describe(grader.assessment.item_names())}」→ 由「{result.grade}」降为「{lower}」"))
        person = result.person
        grader.problems.add(grader.file, person.row, None, "gate-no-periods",
                            f"{person.name}（{person.id}）没有一期已定等次的考核结果，「{override.grade}」的条件「{formula}」不能认定为满足，定为「{lower}」。"
                            "如方案原文另有规定，在该条规则中写 no_periods: passes。", Severity.WARNING)
        result.grade = lower
    return True


def apply_overrides(grader: PersonGrader, result: PersonResult, ctx: ItemContext) -> None:
    """Step 4: the overrides in declared order (no-grade statuses, forced grades, caps, eligibility gates)."""
    grades = grader.assessment.grades
    if grades is None or not grader.assessment.overrides:
        return
    trace = result.trace_steps if result.trace_steps is not None else _Discard()
    values = condition_values(grader, result, ctx.values)
    moved: list[str] = []  # the rules that changed the grade
    for override in grader.assessment.overrides:
        if result.status in ("undecidable",):
            return
        before = (result.status, result.grade)
        stop = _override(grader, override, result, values, ctx, trace, grades)
        if (result.status, result.grade) != before:
            moved.append(override.reason)
        if stop:
            break
    if grades.entered and moved and result.band_grade and result.shown_grade != result.band_grade:
        person = result.person
        grader.problems.add(grader.file, person.row, None, "override-moves-grade",
                            f"{person.name}（{person.id}）「{grades.entered}」填写的是「{result.band_grade}」，按规则改为「{result.shown_grade}」："
                            f"{'；'.join(moved)}。请在公示前提请领导小组知悉。", Severity.INFO, where=person.places.get(grades.entered, ""))


def _override(grader: PersonGrader, override, result: PersonResult, values: dict, ctx: ItemContext, trace, grades) -> bool:
    """One override; True when no later override applies (a no-grade status)."""
    try:
        when = compiled(override.when).evaluate(values, ctx.functions, grader.item_names) if override.when else True
    except FormulaError as exc:
        trace.append(Step("规则", f"条件「{override.when}」无法判断：{exc}"))
        grader.causes.condition_failed(result.person, override.reason, override.when, values, exc)
        return False
    if not when:
        return False
    if override.kind == "no_grade":
        result.status, result.status_label = "no_grade", override.label or grades.no_grade
        result.grade = None
        result.reason = override.reason
        result.outside_base = not override.in_base
        trace.append(Step("规则", f"{override.reason}{_sums(override.when, ctx, trace, values)} → {result.status_label}"))
        return True
    if result.status != "graded" or result.grade is None:
        return False
    if override.kind in ("force", "gate") and _vacuous(grader, override, result, ctx, trace):
        return False
    if override.kind == "force" and result.grade != override.grade:
        trace.append(Step("规则", f"{override.reason}{_sums(override.when, ctx, trace, values)} → 直接确定为「{override.grade}」（原为「{result.grade}」）"))
        result.grade, result.protected = override.grade, True
    elif override.kind == "force":
        result.protected = True
        trace.append(Step("规则", f"{override.reason} → 确定为「{override.grade}」"))
    elif override.kind == "cap" and grades.rank(result.grade) < grades.rank(override.grade or ""):
        trace.append(Step("规则", f"{override.reason}{_sums(override.when, ctx, trace, values)} → 不得高于「{override.grade}」（原为「{result.grade}」）"))
        result.grade = override.grade
    elif override.kind == "gate" and grades.rank(result.grade) <= grades.rank(override.grade or ""):
        try:
            ok = compiled(override.requires or "").evaluate(values, ctx.functions, grader.item_names)
        except FormulaError as exc:
            grader.causes.condition_failed(result.person, override.reason, override.requires or "", values, exc)
            ok = False
        if not ok and result.grade == override.grade:
            lower = grades.next_below(result.grade)
            trace.append(Step("规则", f"{override.reason}；不满足「{compiled(override.requires or '').describe(grader.assessment.item_names())}」"
                                      f"{_dates(override.requires, values)}→ 由「{result.grade}」降为「{lower}」"))
            result.grade = lower
        elif ok and result.grade == override.grade:
            trace.append(Step("规则", f"{override.reason}；满足「{compiled(override.requires or '').describe(grader.assessment.item_names())}」"
                                      f"{_dates(override.requires, values)}"))
    return False


def _sums(formula: str | None, ctx: ItemContext, trace, values: dict | None = None) -> str:
    """（各期「病事假天数」合计 31）: the values a roll-up's condition summed over its periods' sheets, and
    （否决情形：酒后驾驶机动车）the items of a 多选 column it read, in the derivation (only when explaining:
    trace is a list)."""
    if not formula or not isinstance(trace, list):
        return ""
    shown = [f"「{name}」：{'、'.join(values[name])}" for name in sorted(compiled(formula).names)
             if values and isinstance(values.get(name), list) and values[name]]
    shown.extend(dates_read(formula, values or {}))
    for function, args in column_calls(formula) if ctx.functions else ():
        if function not in ctx.functions or len(args) != 1 or not isinstance(args[0], ast.Constant) or not isinstance(args[0].value, str):
            continue
        column, value = args[0].value, ctx.functions[function](args[0].value)
        yes_no = any(isinstance(v.result.person.values.get(column), bool) for v in ctx.history.values() if v.result is not None)
        if yes_no:  # 合计("受处分"): the periods marked 是
            shown.append(f"「{column}」为「是」的有 {fmt(value)} 期" if function == "合计" else f"「{column}」{'有' if value else '没有'}一期为「是」")
        else:
            shown.append(f"各期「{column}」{'合计' if function == '合计' else '最大为'} {fmt(value)}")
    return f"（{'；'.join(dict.fromkeys(shown))}）" if shown else ""


def _dates(formula: str | None, values: dict) -> str:
    """（「录用日期」2026-07-01；考核期 2026-01-01 至 2026-12-31）: the dates a gate's condition read."""
    shown = dates_read(formula, values) if formula else []
    return f"（{'；'.join(shown)}）" if shown else ""


def over_no_periods(formula: str | None, functions: dict[str, Callable]) -> bool:
    """A roll-up condition on the earlier periods' grades when none of them has a grade."""
    if not formula or "期数" not in functions or functions["期数"]() != 0:
        return False
    calls = (n for n in ast.walk(compiled(formula).tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name))
    return any(call.func.id in HISTORY_GRADE_FUNCTIONS for call in calls)  # type: ignore[attr-defined]


class _Discard:
    """Where the override steps go when grading without words: the overrides are rare enough
    (a handful per period) that building their strings costs nothing, and one code path keeps the
    grade from ever depending on whether it is being explained."""

    def append(self, step: Step) -> None:
        pass
