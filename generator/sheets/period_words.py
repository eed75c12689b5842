"""The period a sheet names in its title row or its tab, against the period its file is for.

An office starts a quarter by copying last quarter's workbook: Q2.xlsx whose title row still says
「2025年第一季度平时考核评分表」, or whose tab is 「一季度」. When the scores were not replaced either,
Q2 is graded with Q1's scores without a word. The title or tab naming another quarter (or half year,
or a year that is not the file's) is an error at that cell: the fix is cheap either way (change the
title, or put in this period's scores).
"""

from __future__ import annotations

import re

from generator.core.problems import Problems
from generator.scheme.periods import SCHOOL_LABELS, period_title, year_words
from generator.sheets.cells import Table, column_letter, where

_QUARTER_RE = re.compile(r"(?<![至到~～\-－—、，,])(?:第)?([一二三四1-4１-４])季度|(?<![A-Za-z])[Qq]([1-4])(?![0-9])")
_HALF_RE = re.compile(r"([上下])半年")
# a year named as the period's (2025年度, 2025年第一季度, 2025年上半年), never a date (填报日期：2026年1月5日)
_YEAR_RE = re.compile(r"(?<![0-9])(20[0-9]{2})\s*年\s*(?=度|第|[一二三四1-4１-４]\s*季|[上下]半|[Qq][1-4])")
_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "１": 1, "２": 2, "３": 3, "４": 4}
_ANNUAL_RE = re.compile(r"年度考核|年终考核|年度.{0,4}(?:优秀|等次|考评|评定)")  # not 2025年度第一季度 nor 年度平时考核
_NAMES = {"Q1": "第一季度", "Q2": "第二季度", "Q3": "第三季度", "Q4": "第四季度", "H1": "上半年", "H2": "下半年",
          "S1": "第一学期", "S2": "第二学期"}
# a school's term (第一学期, 上学期) and the 学年 a title names by the year it begins: 2024—2025学年 → 2024
_TERM_RE = re.compile(r"(?:第([一二12１２])|([上下]))学期")
_SCHOOL_YEAR_RE = re.compile(r"(?<![0-9])(20[0-9]{2})\s*(?:年\s*)?[—–\-－~～至到]+\s*(?:20)?[0-9]{2}\s*(?:年\s*)?学年")


def named_periods(text: str) -> tuple[set[str], set[int]]:
    """The quarters and half years (as labels) and the years a text names: 2025年第一季度 → {Q1}, {2025}.
    A span (第一至四季度, 一~四季度) names no single quarter."""
    labels = set()
    for found in _QUARTER_RE.finditer(text):
        digit = found.group(1) or found.group(2)
        labels.add(f"Q{_DIGIT.get(digit, digit)}")
    labels.update("H1" if h == "上" else "H2" for h in _HALF_RE.findall(text))
    labels.update("S1" if (n or h) in "一1１上" else "S2" for n, h in _TERM_RE.findall(text))
    return labels, {int(y) for y in _YEAR_RE.findall(text)}


def _annual_or_not(text: str, labels: set[str], label: str) -> list[str]:
    """A committee's decisions titled for the 年度考核 in a quarter's (half year's, month's) file, or for a
    quarter in the year's: the other meeting's file put in this folder. A title naming both (第四季度及年度考核) is both's."""
    annual = _ANNUAL_RE.search(text) is not None
    if label in ("Y", "SY"):  # a 学年's 学年度考核 is its own
        return sorted(labels) if labels and not annual else []
    return ["年度考核"] if annual and not labels else []


def check_sheet_period(table: Table, header_row: int, year: int, label: str, problems: Problems, what: str = "成绩",
                       annual: bool = False) -> None:
    """The title rows above the header (`header_row`, physical) and the tab, for a sheet of `year`'s
    `label` (Q1…Q4, H1, H2, Y, M01…). Only a quarter's or half year's sheet is held to its quarter.
    `what` the file holds, in the message: 成绩, or 领导小组决定 for a decisions file; `annual`: a 年度考核
    title is held to the 年度 (a decisions file: a sheet's 「2025年度平时考核」 may be any period's)."""
    places: list[tuple[str, int | None, int | None]] = [(table.sheet, None, None)] if table.sheet else []
    for cells in table.rows:
        if not cells or cells[0].row >= header_row:
            break
        places.extend((c.value, c.row, c.column) for c in cells if c.value and len(c.value) <= 200)
    for text, row, column in places:
        labels, years = named_periods(text)
        if label in SCHOOL_LABELS:  # a 学年 by the year it begins; 2025年 alone may be either of its years
            years = {int(y) for y in _SCHOOL_YEAR_RE.findall(text)}
        # a title naming this period among others (第一季度、第二季度 in one meeting's decisions for both) is this period's
        other = sorted(labels - {label}) if label[:1] in "QHS" and label[:1] in "".join(labels) and label not in labels and label != "SY" else []
        other = [o for o in other if o[:1] == label[:1]] or (_annual_or_not(text, labels, label) if annual else [])
        wrong_year = bool(years) and year not in years
        if not other and not wrong_year:
            continue
        said = "、".join(_NAMES.get(o, o) for o in other) if other else "、".join(year_words(y, label) for y in sorted(years))
        mine = period_title(year, label) if label in SCHOOL_LABELS else f"{year} 年{_NAMES.get(label, label)}" if label in _NAMES else f"{year} 年"
        place = f"工作表名「{text}」" if row is None else f"标题「{text if len(text) <= 40 else text[:40] + '…'}」"
        problems.add(table.file, row, column_letter(column) if column else None, "sheet-period-mismatch",
                     f"{place}写的是{said}，但这个文件是 {mine}（{label}）的{what}：多半是复制了另一期的文件。"
                     f"请核对：{what}是本期的，把{'工作表名' if row is None else '标题'}改为{mine}；不是本期的，换成本期的{what}。",
                     where=where(table, row, column) if row else f"{table.file} › {text}", sheet=table.sheet)
        return
