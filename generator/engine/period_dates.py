"""The period's first and last day put among each person's values, for 期初日期() and 期末日期() (scheme/dates.py).

Both the reference evaluator and the compiled grading read values[PERIOD_KEY], as they read a group's figures
(relative_groups.py), so the two agree by construction. Only an assessment whose formulas name one of the two
functions gets them: no other row changes, not even its fingerprint.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json

from generator.scheme.dates import DATE_FUNCTION_NAMES, PERIOD_DATE_FUNCTIONS, PERIOD_KEY
from generator.scheme.expr import compiled
from generator.scheme.model import Assessment, Scheme
from generator.scheme.periods import period_first_day, period_last_day
from generator.sheets.rows import PersonRow

# id(assessment) → (the assessment, whether its formulas read the period's dates); the assessment is
# kept so that its id is not reused by another while the answer stands
_READS: dict[int, tuple[Assessment, bool]] = {}


def reads_period_dates(scheme: Scheme, assessment: Assessment) -> bool:
    known = _READS.get(id(assessment))
    if known is None or known[0] is not assessment:
        # the formulas are text anywhere in the assessment and its posts' items (conditions, rules, consequences)
        text = json.dumps([assessment.model_dump(mode="json"), [p.model_dump(mode="json") for p in scheme.posts]], ensure_ascii=False)
        known = (assessment, any(f"{name}(" in text or f"{name}（" in text for name in PERIOD_DATE_FUNCTIONS))
        _READS[id(assessment)] = known
    return known[1]


def period_span(year: int, label: str) -> tuple[dt.date, dt.date]:
    return period_first_day(year, label), period_last_day(year, label)


def attach_period(scheme: Scheme, assessment: Assessment, rows: list[PersonRow], year: int, label: str,
                  own: bool) -> list[PersonRow]:
    """The rows with the period's days among their values. `own`: the rows were read from this period's
    sheet; else (a roll-up made of its periods' rows) they are those periods' rows, copied rather than
    changed, so that a quarter's row never carries the year's dates."""
    if not reads_period_dates(scheme, assessment):
        return rows
    span = period_span(year, label)
    if not own:
        rows = [dataclasses.replace(row, values=dict(row.values)) for row in rows]
    for row in rows:
        row.values[PERIOD_KEY] = span
    return rows


def dates_read(formula: str, values: dict) -> list[str]:
    """The dates a condition read, for its derivation: each date column's value (「录用日期」2026-07-01, 「处分决定日期」
    空) and the period's days when it calls 期初日期() or 期末日期() — the numbers 月数() counted from. Nothing for
    a condition without dates."""
    parsed = compiled(formula)
    calls = {node.func.id for node in ast.walk(parsed.tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    shown = []
    for name in sorted(parsed.names, key=formula.find):
        value = values.get(name)
        if isinstance(value, dt.date):
            shown.append(f"「{name}」{value.isoformat()}")
        elif value is None and calls & DATE_FUNCTION_NAMES and _read_as_date(parsed.tree, name):
            shown.append(f"「{name}」空")
    span = values.get(PERIOD_KEY)
    if span is not None and calls & set(PERIOD_DATE_FUNCTIONS):
        shown.append(f"考核期 {span[0].isoformat()} 至 {span[1].isoformat()}")
    return shown


def _read_as_date(tree: ast.AST, name: str) -> bool:
    """The name is an argument of 月数() or 天数(), or compared with 期初日期()/期末日期()."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in DATE_FUNCTION_NAMES:
            if any(isinstance(a, ast.Name) and a.id == name for a in node.args):
                return True
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            named = any(isinstance(x, ast.Name) and x.id == name for x in sides)
            if named and any(isinstance(x, ast.Call) and isinstance(x.func, ast.Name) and x.func.id in PERIOD_DATE_FUNCTIONS for x in sides):
                return True
    return False
