"""Data validation on the 成绩 sheet: a unique-ID check, drop-downs for departments, choices and
是/否 columns (long lists on the hidden 选项 sheet), number ranges and text lengths, each with a
Chinese prompt and error message."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.scheme.columns import ColumnPlan
from generator.scheme.model import Scheme
from generator.scheme.rules.base import ColumnSpec
from generator.xlsx.template.help_sheet import type_words
from generator.xlsx.template.layout import SHEET_LISTS, fmt


def _list_formula(values: Iterable[str], lists_sheet: Callable[[], Any], column: int) -> str:
    """An inline list ("是,否") when it fits, else a range on the hidden 选项 sheet (made on first use)."""
    from openpyxl.utils import get_column_letter

    values = list(values)
    inline = ",".join(values)
    if len(inline) <= 250 and not any(ch in v for v in values for ch in ',"'):
        return f'"{inline}"'
    sheet = lists_sheet()
    letter = get_column_letter(column)
    for row, value in enumerate(values, start=1):
        sheet.cell(row=row, column=column, value=value).number_format = "@"
    return f"'{SHEET_LISTS}'!${letter}$1:${letter}${len(values)}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def add_validations(
    ws: Any,
    scheme: Scheme,
    plan: ColumnPlan,
    index: dict[str, int],
    departments: list[str],
    last_row: int,
    lists_sheet: Callable[[], Any],
) -> None:
    """Validate rows 2…last_row of every column of the 成绩 sheet that has something to check."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = scheme.people
    item_names = {s.name for s, _ in plan.items}

    def add(dv: DataValidation, col: int) -> None:
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}{last_row}")
        ws.add_data_validation(dv)

    def prompt(dv: DataValidation, spec: ColumnSpec, text: str) -> None:
        dv.showInputMessage = True
        dv.promptTitle = _cut(spec.name, 32)
        dv.prompt = _cut(text, 250)

    list_column = 0
    for spec in plan.all():
        col = index[spec.name]
        name = spec.name
        if name == cols.id:
            letter = get_column_letter(col)
            dv = DataValidation(type="custom", formula1=f"COUNTIF(${letter}$2:${letter}${last_row},{letter}2)<=1", allow_blank=True)
            dv.showErrorMessage = True
            dv.errorTitle = "编号重复"
            dv.error = f"这个{name}已在本表中出现过；每人一个唯一编号，同名的人也要用不同编号。"
            prompt(dv, spec, "每人唯一的编号，按文本填写，保留前导 0（如 0012）。")
            add(dv, col)
            continue
        choices: list[str] = []
        if name == cols.department:
            choices = departments
        elif spec.type == "choice":
            choices = list(spec.choices)
        elif spec.type == "yesno":
            choices = ["是", "否"]
        if choices:
            list_column += 1
            dv = DataValidation(type="list", formula1=_list_formula(choices, lists_sheet, list_column), allow_blank=True)
            dv.showErrorMessage = True
            dv.errorTitle = "不是可选的值"
            dv.error = _cut(f"「{name}」请从下拉列表中选择：{'、'.join(choices)}。", 220)
            if spec.type == "yesno":
                prompt(dv, spec, "选「是」或「否」；留空视为否。" + (spec.note or ""))
            add(dv, col)
            continue
        if spec.type == "number":
            kind = "whole" if spec.places == 0 else "decimal"
            low, high = spec.min, spec.max
            if low is not None and high is not None:
                dv = DataValidation(type=kind, operator="between", formula1=fmt(low), formula2=fmt(high), allow_blank=True)
                words = f"{fmt(low)} 至 {fmt(high)} 之间的数字"
            elif low is not None:
                dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=fmt(low), allow_blank=True)
                words = f"不小于 {fmt(low)} 的数字"
            elif high is not None:
                dv = DataValidation(type=kind, operator="lessThanOrEqual", formula1=fmt(high), allow_blank=True)
                words = f"不超过 {fmt(high)} 的数字"
            else:
                dv = DataValidation(type=kind, operator="between", formula1="-999999999", formula2="999999999", allow_blank=True)
                words = "数字"
            if kind == "whole":
                words = words.replace("数字", "整数")
            dv.showErrorMessage = True
            dv.errorTitle = "请填写数字"
            dv.error = _cut(f"「{name}」应填 {words}，如 {fmt(high) if high is not None else '3'}；不要填文字。", 220)
            note = "".join(spec.note.split())
            prompt(dv, spec, f"填 {words}。" + (f"（{note}）" if note and name not in item_names else ""))
            add(dv, col)
            continue
        if spec.type in ("amounts", "events", "award_events", "scores"):
            dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="200", allow_blank=True)
            prompt(dv, spec, type_words(spec, departments))
            add(dv, col)
            continue
        if spec.type == "date":  # the days sheets/date_cells.py reads: 1950-01-01 (18264) to 2099-12-31 (73050)
            dv = DataValidation(type="date", operator="between", formula1="18264", formula2="73050", allow_blank=True)
            dv.showErrorMessage = True
            dv.errorTitle = "请填写日期"
            dv.error = _cut(f"「{name}」应填日期，如 2025-03-01 或 2025/3/1；不带时间。", 220)
            prompt(dv, spec, type_words(spec, departments))
            add(dv, col)
            continue
        if spec.type == "choices":
            dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="500", allow_blank=True)
            prompt(dv, spec, type_words(spec, departments))
            add(dv, col)
