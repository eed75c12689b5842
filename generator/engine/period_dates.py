"""The period's first and last day put among each person's values, for 期初日期() and 期末日期() (scheme/dates.py).

Both the reference evaluator and the compiled grading read values[PERIOD_KEY], as they read a group's figures
(relative_groups.py), so the two agree by construction. Only an assessment whose formulas name one of the two
functions gets them: no other row changes, not even its fingerprint.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt

from generator.engine.prepared import prepared
from generator.scheme.dates import PERIOD_DATE_FUNCTIONS, PERIOD_KEY, blank_dates
from generator.scheme.expr import compiled
from generator.scheme.model import Assessment, Scheme
from generator.scheme.periods import period_first_day, period_last_day
from generator.sheets.rows import PersonRow


def period_span(year: int, label: str) -> tuple[dt.date, dt.date]:
    return period_first_day(year, label), period_last_day(year, label)


def attach_period(scheme: Scheme, assessment: Assessment, rows: list[PersonRow], year: int, label: str,
                  own: bool) -> list[PersonRow]:
    """The rows with the period's days among their values. `own`: the rows were read from this period's
    sheet; else (a roll-up made of its periods' rows) they are those periods' rows, copied rather than
    changed, so that a quarter's row never carries the year's dates."""
    if not prepared(scheme, assessment).reads_period_dates:
        return rows
    span = period_span(year, label)
    if not own:
        rows = [dataclasses.replace(row, values=dict(row.values)) for row in rows]
    for row in rows:
        row.values[PERIOD_KEY] = span
    return rows


def dates_read(formula: str, values: dict) -> list[str]:
    """The dates a condition read, for its derivation: each date column's value (「录用日期」2026-07-01), each blank
    one it read as a date (「处分决定日期」空), and the period's days when it calls 期初日期() or 期末日期() — what
    月数() counted from. Nothing for a condition without dates."""
    parsed = compiled(formula)
    blanks = blank_dates(parsed.tree, values)
    shown = []
    for name in sorted(parsed.names, key=formula.find):
        value = values.get(name)
        if isinstance(value, dt.date):
            shown.append(f"「{name}」{value.isoformat()}")
        elif name in blanks:
            shown.append(f"「{name}」空")
    span = values.get(PERIOD_KEY)
    if span is not None and any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in PERIOD_DATE_FUNCTIONS
                                for n in ast.walk(parsed.tree)):
        shown.append(f"考核期 {span[0].isoformat()} 至 {span[1].isoformat()}")
    return shown
