"""Dates in the scheme language: the period's first and last day, and whole months and days between two dates.

A rule written with dates (「新录用人员试用期未满的，不定等次」「受警告处分的当年」「至 12 月 31 日仍在受处分期间」)
reads a `type: date` column of the sheet against the period being graded: 期末日期() and 期初日期() are that
period's last and first day (2026 年度: 2026-12-31 and 2026-01-01; 第二季度: 06-30 and 04-01), so the scheme
holds no literal date and is right next year too. 月数(起, 止) counts whole months from the day 起 itself, as a
处分期 or 试用期 counts 自…之日起: n months are full on the same day of the month n months later (a 12-month 记过
decided 2025-06-10 is over on 2026-06-10), or on the last day of a month without that day (as 《民法典》第二百零二条
takes a month's last day): 2025-06-10 to 2026-06-09 is 11 months, to 2026-06-10 is 12; 2025-01-31 to 2025-02-28
is 1. A scheme whose text counts otherwise (the day after 起 first) says so in its assumptions and compares with
<= instead of <.
天数(起, 止) is 止 − 起 in days (the same day: 0).

A blank date decides nothing. 月数() or 天数() of it, and a date compared with it, are UNKNOWN, and so is a
condition that needs them: 且 is false when one side is false (处分 == "记过" 且 月数(处分决定日期, …) < 12 for a
person without 处分), 或 true when one side is true, and otherwise the condition cannot be decided, which is a
problem at the blank cell (a 记过 without its date would otherwise grade as if served). A column that may be blank
for a reason says so in the condition: 录用日期 且 月数(录用日期, 期末日期()) < 12. A blank cell compared with
anything else stays false, as before dates. The compiled grading follows the same three values: UNKNOWN compared
is UNKNOWN and 且/或 (& and | there) combine it as here, so a person whom the other side of a 且 decides stays
compiled; UNKNOWN refuses to be a truth (if, not), which hands the person to the reference and its words.

The period's dates reach a formula among a person's values, under PERIOD_KEY (the engine puts them there, as it
does a group's figures), so that the reference evaluator and the compiled grading read the same.
"""

from __future__ import annotations

import ast
import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

# values[PERIOD_KEY] = (first day, last day) of the period graded; no column can be named so
PERIOD_KEY = "\x00period"
PERIOD_DATE_FUNCTIONS = {"期初日期": 0, "期末日期": 1}
SPAN_FUNCTIONS = ("月数", "天数")
DATE_FUNCTION_NAMES = {*PERIOD_DATE_FUNCTIONS, *SPAN_FUNCTIONS}


class _Unknown:
    """What a condition on a blank date comes to: neither true nor false (see the module's docstring)."""

    __slots__ = ()

    def __bool__(self) -> bool:
        raise TypeError("a condition on a blank date is undecided")

    def _compared(self, other: Any) -> _Unknown:
        return self

    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = _compared  # type: ignore[assignment]
    __hash__ = object.__hash__

    def __and__(self, other: Any) -> Any:  # False & UNKNOWN is False: the other side decides
        return False if other is False else self

    def __or__(self, other: Any) -> Any:  # True | UNKNOWN is True
        return True if other is True else self

    __rand__, __ror__ = __and__, __or__

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


def undecided(left: Any, right: Any) -> Any:
    """None when both sides of a comparison have values (compare them); else its result: UNKNOWN beside a date
    or an UNKNOWN (a blank date is neither before nor after anything), False beside anything else (a blank cell)."""
    if left is not None and right is not None and left is not UNKNOWN and right is not UNKNOWN:
        return None
    if left is UNKNOWN or right is UNKNOWN or isinstance(left, dt.date) or isinstance(right, dt.date):
        return UNKNOWN
    return False


def both_or_either(results: list[Any], every: bool, truthy: Any) -> Any:
    """且 (`every`) or 或 over operand values, each as `truthy` reads it, with UNKNOWN deciding only what the others do not."""
    known = [truthy(r) for r in results if r is not UNKNOWN]
    if every:
        return False if not all(known) else UNKNOWN if len(known) < len(results) else True
    return True if any(known) else UNKNOWN if len(known) < len(results) else False


def calls_dates(tree: ast.AST) -> bool:
    """The formula calls 月数(), 天数(), 期初日期() or 期末日期()."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in DATE_FUNCTION_NAMES for n in ast.walk(tree))


def blank_dates(tree: ast.AST, values: Any) -> list[str]:
    """The names a condition read as dates (in 月数() or 天数(), or compared with a date) whose cells are blank."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SPAN_FUNCTIONS:
            names = [a for a in node.args if isinstance(a, ast.Name)]
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            dated = any(isinstance(x, ast.Call) and isinstance(x.func, ast.Name) and x.func.id in DATE_FUNCTION_NAMES
                        or isinstance(x, ast.Name) and isinstance(values.get(x.id), dt.date) for x in sides)
            names = [x for x in sides if isinstance(x, ast.Name)] if dated else []
        else:
            continue
        found.extend(n.id for n in names if values.get(n.id) is None and n.id not in found)
    return found


def undecided_words(source: str, blanks: list[str]) -> str:
    shown = "、".join(f"「{name}」" for name in blanks) or "日期"
    example = blanks[0] if blanks else "日期列"
    return (f"{shown}为空，无法判断「{source}」：填上日期。这一列对有些人本来就空着的（如调入人员没有录用日期），"
            f"在条件中先写它填了：{example} 且 …（空着的人即不适用）")


class DateArgumentError(TypeError):
    """月数 or 天数 given what is no date (the scheme check refuses such a formula; a caller of the evaluator may not)."""


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day where it has no such day: 01-31 + 1 → 02-28."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _dates(function: str, start: Any, end: Any) -> tuple[dt.date, dt.date] | None:
    if start is None or end is None or start is UNKNOWN or end is UNKNOWN:
        return None
    for value in (start, end):
        if not isinstance(value, dt.date):
            raise DateArgumentError(f"{function}() 的两项都要是日期（日期列或 期初日期()、期末日期()），「{value}」不是日期")
    return start, end


def months_between(start: Any, end: Any) -> Any:
    """月数(起, 止): whole months from 起 to 止 (negative when 止 is earlier); UNKNOWN when either is blank."""
    pair = _dates("月数", start, end)
    if pair is None:
        return UNKNOWN
    start, end = pair
    months = (end.year - start.year) * 12 + end.month - start.month
    # the largest n with 起 + n months ≤ 止 (the count of calendar months is off by at most one)
    while add_months(start, months) > end:
        months -= 1
    while add_months(start, months + 1) <= end:
        months += 1
    return Decimal(months)


def days_between(start: Any, end: Any) -> Any:
    """天数(起, 止): 止 − 起 in days; UNKNOWN when either is blank."""
    pair = _dates("天数", start, end)
    return UNKNOWN if pair is None else Decimal((pair[1] - pair[0]).days)


def arity_words(function: str, count: int) -> str | None:
    """What is wrong with the number of items a date function is given, in words; None when right."""
    if function in PERIOD_DATE_FUNCTIONS and count:
        return f"{function}() 的括号里什么也不写（它就是本期的{'最后' if PERIOD_DATE_FUNCTIONS[function] else '第'}一天）"
    if function in SPAN_FUNCTIONS and count != 2:
        return f"{function} 要写两个日期：起和止，如 {function}(入职日期, 期末日期())（这里写了 {count} 项）"
    return None


def bare_call_hint(unknown: list[str]) -> str:
    """期末日期 written without its brackets reads as a column name nobody declared: say so."""
    bare = [name for name in unknown if name in PERIOD_DATE_FUNCTIONS]
    return f"；{'、'.join(bare)} 是函数，后面要加括号：{bare[0]}()" if bare else ""


def period_date(values: Any, function: str) -> dt.date:
    """期初日期() / 期末日期() of the period graded, from a person's values (the compiled grading reads
    values[PERIOD_KEY] itself)."""
    period = values.get(PERIOD_KEY)
    if period is None:  # a formula evaluated outside a period: no date is right, so none is guessed
        raise DateArgumentError(f"{function}() 只能在按考核期计算时使用（这里不知道考核期的起止日期）")
    return period[PERIOD_DATE_FUNCTIONS[function]]


def shown_date(value: dt.date) -> str:
    """A date as the derivation shows it: 2026-03-01."""
    return value.isoformat()
