"""`kaohe template`: the Excel sheet an HR office fills in for one assessment period.

The workbook has two visible sheets:
- 「说明」: what to fill in, column by column, with each item's standard and its rule in words
  (from `rule.describe(item)`), how to write numbers and deductions, where to save the file and
  what to run next;
- 「成绩」: one header row with the scheme's columns in order (items show their full marks:
  思想政治素质（满分6）— the loader strips the trailing note), the ID column formatted as text,
  frozen header and ID/name columns, drop-downs for departments, posts, choices and 是/否 columns,
  and number validation between each column's minimum and maximum with a Chinese message.
A hidden 「选项」 sheet holds drop-down lists that are too long to write inline.

`make_template` is pure: the same scheme, period, departments and people give byte-identical
files (the document times and the ZIP entry times are fixed from the period).

The parts, by what each owns:
- `layout`: the 成绩 sheet's header row (names with their notes, fills, widths, frozen panes);
- `validation`: drop-downs and number checks on the 成绩 columns, with their Chinese messages;
- `help_sheet`: the 说明 sheet (how to fill in, each column's standard and rule, the grading rules);
- `prefill`: people carried over from an earlier period of the same agency and scheme;
- `times`: the period's months and the fixed times that make the bytes repeatable;
- `workbook`: `make_template`, which puts the parts together.
"""

from __future__ import annotations

from generator.xlsx.template.help_sheet import period_words
from generator.xlsx.template.layout import MIN_ROWS, SHEET_DATA, SHEET_HELP, SHEET_LISTS, SPARE_ROWS, header_note, header_text
from generator.xlsx.template.prefill import Prefill, previous_people
from generator.xlsx.template.times import fixed_time, normalize_zip, period_month
from generator.xlsx.template.workbook import make_template

__all__ = [
    "MIN_ROWS",
    "SHEET_DATA",
    "SHEET_HELP",
    "SHEET_LISTS",
    "SPARE_ROWS",
    "Prefill",
    "fixed_time",
    "header_note",
    "header_text",
    "make_template",
    "normalize_zip",
    "period_month",
    "period_words",
    "previous_people",
]
