"""Dates in the scheme language: the period's first and last day, and whole months and days between two dates.

A rule written with dates (「新录用人员试用期未满的，不定等次」「受警告处分的当年」「至 12 月 31 日仍在受处分期间」)
reads a `type: date` column of the sheet against the period being graded: 期末日期() and 期初日期() are that
period's last and first day (2026 年度: 2026-12-31 and 2026-01-01; 第二季度: 06-30 and 04-01), so the scheme
holds no literal date and is right next year too. 月数(起, 止) counts whole months the way the law counts a
period of months (《民法典》第二百零二条: it ends on the same day of the last month; where that month has no such
day, on its last day): 2025-06-10 to 2026-06-09 is 11 months, to 2026-06-10 is 12; 2025-01-31 to 2025-02-28 is 1.
天数(起, 止) is 止 − 起 in days (the same day: 0). A blank date gives no number: a comparison with it is false,
as with any blank cell.

The period's dates reach a formula among a person's values, under PERIOD_KEY (the engine puts them there, as it
does a group's figures), so that the reference evaluator and the compiled grading read the same.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

# values[PERIOD_KEY] = (first day, last day) of the period graded; no column can be named so
PERIOD_KEY = "\x00period"
PERIOD_DATE_FUNCTIONS = {"期初日期": 0, "期末日期": 1}
SPAN_FUNCTIONS = ("月数", "天数")
DATE_FUNCTION_NAMES = {*PERIOD_DATE_FUNCTIONS, *SPAN_FUNCTIONS}


class DateArgumentError(TypeError):
    """月数 or 天数 given what is no date (the scheme check refuses such a formula; a caller of the evaluator may not)."""


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day where it has no such day: 01-31 + 1 → 02-28."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _dates(function: str, start: Any, end: Any) -> tuple[dt.date, dt.date] | None:
    if start is None or end is None:
        return None
    for value in (start, end):
        if not isinstance(value, dt.date):
            raise DateArgumentError(f"{function}() 的两项都要是日期（日期列或 期初日期()、期末日期()），「{value}」不是日期")
    return start, end


def months_between(start: Any, end: Any) -> Decimal | None:
    """月数(起, 止): whole months from 起 to 止 (negative when 止 is earlier); None when either is blank."""
    pair = _dates("月数", start, end)
    if pair is None:
        return None
    start, end = pair
    months = (end.year - start.year) * 12 + end.month - start.month
    # the largest n with 起 + n months ≤ 止 (the count of calendar months is off by at most one)
    while add_months(start, months) > end:
        months -= 1
    while add_months(start, months + 1) <= end:
        months += 1
    return Decimal(months)


def days_between(start: Any, end: Any) -> Decimal | None:
    """天数(起, 止): 止 − 起 in days; None when either is blank."""
    pair = _dates("天数", start, end)
    return None if pair is None else Decimal((pair[1] - pair[0]).days)


def arity_words(function: str, count: int) -> str | None:
    """What is wrong with the number of items a date function is given, in words; None when right."""
    if function in PERIOD_DATE_FUNCTIONS and count:
        return f"{function}() 的括号里什么也不写（它就是本期的{'最后' if PERIOD_DATE_FUNCTIONS[function] else '第'}一天）"
    if function in SPAN_FUNCTIONS and count != 2:
        return f"{function} 要写两个日期：起和止，如 {function}(入职日期, 期末日期())（这里写了 {count} 项）"
    return None


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
