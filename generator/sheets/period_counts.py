"""Counts of days and of times against the length of their period.

A column of days (病假天数, 缺勤天数, 事假（天）) cannot hold more days than the period has: 95 in a first
quarter of 90 days is a slip — a date typed as a number, 9.5 without its point, a year's total copied into
a quarter's sheet — and would be graded as it stands (a scheme's 病假超过 30 天 decides a grade). An error
at the cell. A count of times (迟到次数, 通报次数) more than the period's days, once a day on average, is no
count an office keeps but not impossible (信息报送次数): a warning. A column of the year so far (全年病假天数,
累计缺勤天数 in a quarter's sheet) is held to the days from 1 January to the period's end; a continuous
span (连续病假天数) to none. The scheme
declares neither bound, so this is the only place one is known.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from generator.core.numbers import fmt
from generator.core.problems import Problems, Severity
from generator.scheme.periods import SCHOOL_LABELS, period_days, period_first_day, period_last_day, period_title, period_words
from generator.scheme.rules.base import ColumnSpec
from generator.sheets.cells import column_letter, where
from generator.sheets.rows import LoadedSheet

_DAYS_RE = re.compile(r"(?:天数|日数|天)\s*(?:[（(].*[)）])?$|[（(]\s*天\s*[)）]$")
_SO_FAR_RE = re.compile(r"全年|累计|本年|年度|今年")
# 连续病假天数: a span that may have begun before the period, even the year (on leave since last November)
_UNBOUNDED_RE = re.compile(r"连续")
_TIMES_RE = re.compile(r"(?:次数|次)\s*(?:[（(].*[)）])?$|[（(]\s*次\s*[)）]$")
# 人次, 户次, 名次, 节次…: people received (接待群众人次 150), a rank (民主测评名次), classes taught (授课节次, four
# a day) — no count of the person's own times, and no bound in the period's days
_NOT_TIMES_RE = re.compile(r"[人户车件架节课名位批档层频航轮届]次(?:数)?\s*(?:[（(].*[)）])?$")


def check_period_counts(sheet: LoadedSheet, specs: dict[str, ColumnSpec], year: int, label: str, problems: Problems) -> None:
    days = period_days(year, label)
    if days is None:
        return
    # the year so far: a school's from the 学年's first day (1 September), a calendar period's from 1 January
    begins = period_first_day(year, "SY") if label in SCHOOL_LABELS else dt.date(year, 1, 1)
    to_date = (period_last_day(year, label) - begins).days + 1
    columns = []
    for name, spec in specs.items():
        if spec.type != "number" or spec.percent or name not in sheet.columns or _UNBOUNDED_RE.search(name):
            continue
        # 全年病假天数, 累计缺勤天数 in a quarter's sheet: the year so far, not the quarter
        span = ((f"{begins.year}年{begins.month}月1日至{period_words(label)}末", to_date) if _SO_FAR_RE.search(name) and label not in ("Y", "SY")
                else (period_title(year, label), days))
        if _DAYS_RE.search(name):
            columns.append((name, "天", Severity.ERROR, span))
        elif _TIMES_RE.search(name) and not _NOT_TIMES_RE.search(name):
            columns.append((name, "次", Severity.WARNING, span))
    if not columns:
        return
    table = sheet.table
    for person in sheet.people:
        for name, unit, severity, (span, bound) in columns:
            value = person.values.get(name)
            if not isinstance(value, Decimal) or value <= bound:
                continue
            index = sheet.columns[name]
            if unit == "天":
                words = (f"{person.name}（{person.id}）的「{name}」是 {fmt(value)} 天，但{span}只有 {bound} 天，不可能有这么多天；"
                         "多半是把日期、别的列的数或全年的天数填了进来，或漏了小数点。请改为本期的天数。")
            else:
                words = (f"{person.name}（{person.id}）的「{name}」是 {fmt(value)} 次，比{span}的天数（{bound} 天）还多，平均每天不止一次；"
                         "请核对是否填错了列、把分数或日期填了进来。若确是这个次数，可忽略此提示。")
            problems.add(table.file, person.row, column_letter(index), "count-over-period", words, severity,
                         where=where(table, person.row, index, name), sheet=table.sheet)
