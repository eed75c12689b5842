"""Dates after the period's last day, in a `type: date` column of things that have happened (入职日期, 处分决定日期)."""

from __future__ import annotations

import datetime as dt

from generator.core.problems import Problems
from generator.scheme.periods import period_last_day, period_words
from generator.scheme.rules.base import ColumnSpec
from generator.sheets.cells import column_letter, where
from generator.sheets.rows import LoadedSheet


def check_dates_in_period(sheet: LoadedSheet, specs: dict[str, ColumnSpec], year: int, label: str, problems: Problems) -> None:
    """A date after the period's last day in a column of things that have happened (入职日期, 处分决定日期): a typo
    (2062 for 2026) or next year's record, graded as it stands otherwise (月数 negative, 处分 not yet in force)."""
    last = period_last_day(year, label)
    columns = [name for name, spec in specs.items() if spec.type == "date" and not spec.after_period and name in sheet.columns]
    table = sheet.table
    for person in sheet.people:
        for name in columns:
            value = person.values.get(name)
            if isinstance(value, dt.date) and value > last:
                index = sheet.columns[name]
                problems.add(table.file, person.row, column_letter(index), "date-after-period",
                             f"{person.name}（{person.id}）的「{name}」是 {value.isoformat()}，晚于{year}年{period_words(label)}的最后一天"
                             f"（{last.isoformat()}）；考核期内的事不会发生在期末之后，请核对年份。若这一列本来就可以晚于期末（如处分期满日期），"
                             f"在方案的 inputs 中给它写 after_period: true。",
                             where=where(table, person.row, index, name), sheet=table.sheet)
