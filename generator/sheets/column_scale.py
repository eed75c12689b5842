"""Whole-column checks of a sheet's scale: a value typed as a fraction where the column means a
percentage or a score a hundred times larger (0.95 for 95%, 0.966 for 96.6). One cell alone looks
right; only the column beside it shows the slip, so these run once the sheet's rows are typed."""

from __future__ import annotations

from decimal import Decimal

from generator.core.numbers import fmt
from generator.core.problems import Problems
from generator.scheme.rules.base import ColumnSpec
from generator.sheets.tables import Table, column_letter
from generator.sheets.tables import where as where_row


def report_percent_fractions(table: Table, people: list, specs: dict[str, ColumnSpec], columns: dict[str, int], problems: Problems) -> None:
    """A percent column (percent: true, 95 means 95%) where every value is a fraction of 1 and some lie
    between 0 and 1: the office typed 0.95 for 95% in cells not formatted as a percentage (a cell
    formatted so holds 0.95 and is read as 95). Read as they are, 95% would count as 0.95%."""
    for name, spec in specs.items():
        index = columns.get(name)
        # a column whose maximum is under 10 can hold no value of the larger scale the slip needs (see below);
        # a percent column too: one 95% typed 0.95 among the others' 90 … 100 counts as 0.95%
        if index is not None and spec.type == "number" and (spec.max is None or spec.max >= 10):
            _report_hundredth(table, people, name, index, problems, "%" if spec.percent else "")
        if not spec.percent or index is None or (spec.max is not None and spec.max <= 1) or spec.under_one:
            continue
        values = [(p, v) for p in people if isinstance(v := p.values.get(name), Decimal)]
        if not values:
            continue
        if any(v > 1 for _, v in values):  # one 常规 cell of 0.935 among cells showing 93.5%: reported above
            continue
        first = next((p for p, v in values if 0 < v < 1), None)
        if first is None:
            continue
        shown = fmt(first.values[name])
        problems.add(table.file, first.row, column_letter(index), "percent-as-fraction",
                     f"「{name}」是百分比列（填 95 表示 95%），但这一列的值都不大于 1，如第 {first.row} 行的 {shown}："
                     f"多半是把 {fmt(first.values[name] * 100)}% 写成了小数 {shown}，照此会按 {shown}% 计。"
                     f"请改填百分数（如 {fmt(first.values[name] * 100)} 或 {fmt(first.values[name] * 100)}%），"
                     "或把这一列的单元格格式设为「百分比」。若这一列的比率本来就都不超过 1%（如差错率 0.2%），"
                     f"在方案中声明「{name}」的上限 max: 1（inputs 中的这一列），就不再这样检查。",
                     where=f"{first.places.get(name) or where_row(table, first.row)}", sheet=table.sheet)


def _report_hundredth(table: Table, people: list, name: str, index: int, problems: Problems, unit: str) -> None:
    """A value below 1 in a column whose other values lie between a and b, a hundred times it among them:
    民主测评 0.966 where the others are 60 … 99, the office's 96.6% typed (or pasted from a percentage
    cell) as a fraction. Read as it is, it scored 0.966 and changed the grade without a word. At least
    three others, every nonzero one at least 10, so that a column of small values (加分 0.5, 2, 3; a
    score out of 1) is never one. `unit`: % for a percent column (95 means 95%), where it counts as 0.95%."""
    values = [v for p in people if type(v := p.values.get(name)) is Decimal]
    if not values or min(values) >= 1 or not any(0 < v < 1 for v in values):
        return  # the usual column (zeros allowed): one pass over the people, the rest over their values
    small = [(p, v) for p in people if type(v := p.values.get(name)) is Decimal and 0 < v < 1]
    large = [v for p in people if type(v := p.values.get(name)) is Decimal and v >= 1]
    if len(large) < 3 or len(small) * 3 > len(small) + len(large):  # a few slips, not a column of fractions
        return
    low, high = min(large), max(large)
    if low < 10:
        return  # values of another scale (0 … 1, 加分 1 … 3): a small one is no slip of a hundredfold
    for person, value in small:
        if low <= value * 100 <= high:
            problems.add(table.file, person.row, column_letter(index), "number-hundredth",
                         f"「{name}」是 {fmt(value)}，而这一列其他人都在 {fmt(low)}—{fmt(high)} 之间：多半是把 {fmt(value * 100)}"
                         f"（或百分比 {fmt(value * 100)}%）写成了小数 {fmt(value)}，照此按 {fmt(value)}{unit} 计。请改为 {fmt(value * 100)}"
                         "（确实是这个数的，这一列其他人的数多半用了另一种单位，请一并核对）。",
                         where=person.places.get(name) or where_row(table, person.row), sheet=table.sheet)
