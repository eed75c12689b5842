"""What an .xlsx sheet shows otherwise than it holds, for the columns Kaohe reads: merged cells across
people, hidden columns, struck-through rows and values in white on no fill.

A merged range keeps its value in its first (top-left) cell only; every other cell it covers is empty
in the file. An office that merges 科室 down over the people of one department, or one 加分 over the
two people who share it, sees the value beside each of them, but only the first person has it: the
others would be read with an empty department, or with no bonus at all (an optional column: not a
word). So a merged range that covers a read cell of a person's row other than its first is an error
at the range, and the empty-cell problems that only follow from it are counted on it, not listed.

A hidden column is read like any other: a warning, as for a hidden row (rows.py), so that what is
counted is what the office checks.
"""

from __future__ import annotations

from generator.core.problems import Problems, Severity
from generator.sheets.cells import Table, column_letter, where

_FOLLOW_CODES = ("missing-value", "decision-invalid")  # what an empty cell under a merge gives, and only follows from it


def report_merged_cells(table: Table, read: dict[int, str], people: dict[int, str], problems: Problems) -> None:
    """`read`: sheet column → its name, for the columns read; `people`: the rows read as people → name."""
    if not table.merged or not people:
        return
    follows: dict[tuple[int, str], object] = {}  # a covered cell → the merge's problem
    for first_row, first_col, last_row, last_col in table.merged:
        covered = [(r, c) for r in range(max(first_row, min(people)), min(last_row, max(people)) + 1) if r in people
                   for c in range(first_col, last_col + 1) if c in read and (r, c) != (first_row, first_col)]
        if not covered:
            continue  # a title, a header, a 合计 row, or a remark merged across ignored columns
        span = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
        anchor = f"{column_letter(first_col)}{first_row}"
        rows = sorted({r for r, _ in covered})
        who = "、".join(people[r] or f"第 {r} 行" for r in rows[:5]) + (f"等 {len(rows)} 行" if len(rows) > 5 else "")
        names = "、".join(f"「{n}」" for n in dict.fromkeys(read[c] for _, c in covered))
        problem = problems.add(
            table.file, first_row, column_letter(first_col), "merged-cells",
            f"{span} 是合并单元格：合并后只有左上角的 {anchor} 存有内容，其余单元格在文件里是空白，"
            f"{who}的{names}会被当作空白读取（而不是 Excel 中看到的内容）。"
            "请选中这些单元格「取消合并」，再在每个人的单元格里分别填写（可用「取消合并」后按 Ctrl+D 向下填充）。",
            where=where(table, first_row, first_col, read.get(first_col)), sheet=table.sheet)
        follows.update(((r, column_letter(c)), problem) for r, c in covered)
    _fold(table, follows, problems)


def fold_formula_blanks(table: Table, problems: Problems) -> None:
    """The empty-cell problems at formulas reported without a result (workbook.py: a column of formulas an online
    sheet or a program exported without computing them reads empty for every person) follow from that report."""
    if not table.uncomputed:
        return
    cause = next((p for p in problems.items if p.code == "formula-without-value" and p.file == table.file and p.sheet == table.sheet), None)
    if cause is not None:
        _fold(table, {(r, column_letter(c)): cause for r, c in table.uncomputed}, problems)


def _fold(table: Table, follows: dict, problems: Problems) -> None:
    """Count the empty-cell problems at the cells of `follows` (row, column letter) on its problem, not list them."""
    if not follows:
        return
    kept = []
    for p in problems.items:
        cause = follows.get((p.line, p.column)) if p.file == table.file and p.code in _FOLLOW_CODES else None
        if cause is None:
            kept.append(p)
        else:
            problems.follow_from(cause)
    problems.items[:] = kept


def report_hidden_columns(table: Table, read: dict[int, str], header_row: int, problems: Problems) -> None:
    """A read column hidden in Excel: counted all the same, and warned at its header."""
    if not table.hidden_columns:
        return
    for column, name in sorted(read.items()):
        if any(low <= column <= high for low, high in table.hidden_columns):
            problems.add(table.file, header_row, column_letter(column), "column-hidden",
                         f"「{name}」列（{column_letter(column)} 列）在 Excel 中是隐藏的，但照样读取、计入考核。"
                         "若这一列不应参与考核，请删去这一列；若应参与，请取消隐藏，以免核对时漏看。",
                         Severity.WARNING, where=where(table, header_row, column, name), sheet=table.sheet)


def report_struck_rows(table: Table, read: dict[int, str], people: dict[int, str], problems: Problems) -> None:
    """A person's row with cells struck through (删除线): an office crosses out a person who left, or an
    old score, instead of deleting it; Kaohe reads what the cells hold all the same. A warning a row."""
    if not table.struck:
        return
    rows: dict[int, list[int]] = {}
    for row, column in sorted(table.struck):
        if row in people and column in read:
            rows.setdefault(row, []).append(column)
    for row, columns in rows.items():
        names = "".join(f"「{read[c]}」" for c in columns[:5]) + ("等" if len(columns) > 5 else "")
        problems.add(table.file, row, column_letter(columns[0]), "row-struck-through",
                     f"第 {row} 行（{people[row] or '无姓名'}）的{names}加了删除线，但删除线不改变内容：照样按单元格里的内容计入考核和公示。"
                     "若此人不参加本期考核，请删去这一行；若划掉的是改过的分数，请把单元格改成正确的分数并去掉删除线。",
                     Severity.WARNING, where=where(table, row, columns[0], read[columns[0]]), sheet=table.sheet)


def report_invisible_cells(table: Table, read: dict[int, str], people: dict[int, str], problems: Problems) -> None:
    """A person's read cell in white font on no fill: the printed and the checked sheet show it empty, the
    value is graded (as ;;; does by its number format: values.py). An error a cell."""
    for row, column in sorted(table.invisible):
        if row in people and column in read:
            problems.add(table.file, row, column_letter(column), "cell-shows-otherwise",
                         f"{column_letter(column)}{row} 单元格（{people[row] or '无姓名'}的「{read[column]}」）的字是白色、没有底色，"
                         "在 Excel 中和打印出来都看不见，却照样计入考核：看到的与计分用的不同，无法判断应按哪个计分。"
                         "请把这个单元格的字体颜色改为「自动」（黑色）后核对内容；不应计入的，删去内容。",
                         where=where(table, row, column, read[column]), sheet=table.sheet)


def merged_heading(table: Table, column: int, rows: range) -> str | None:
    """How to say that `column` lies under a heading merged over it from a column to its left, in the header's
    `rows` (加分项 over 事由 | 分值): a merged cell's text is the name of its first column only."""
    for first_row, first_col, last_row, last_col in table.merged:
        if first_col < column <= last_col and first_row in rows:
            text = next((c.value.strip() for cells in table.rows for c in cells if c.row == first_row and c.column == first_col), "")
            return (f"在合并的表头「{text}」（{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}）之下，没有它自己的列名："
                    f"合并的单元格只算作最左边的 {column_letter(first_col)} 列的列名")
    return None
