"""From a read sheet to people with typed, checked values.

Finds the header (possibly below a merged title row, possibly two rows), matches it to the
columns the scheme expects (a header may carry the template's note: 德（满分 20）), and checks
every cell: numbers (优 in a number column, 1e999, scores over the max), choices, IDs, departments
and posts. Every problem names the cell as the user sees it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.core.numbers import NotANumber, fmt, parse_decimal, places_of
from generator.core.problems import Problems, Severity
from generator.scheme.columns import ColumnPlan
from generator.scheme.model import Scheme
from generator.scheme.rules.base import ColumnSpec
from generator.sheets.tables import HEADER_SEARCH_ROWS, Cell, Table, column_letter, is_trailer, normalize_header, where

_NOTE_RE = re.compile(r"[（(][^（()）]*[)）]$")
_SPLIT_RE = re.compile(r"[、,，;；/\s]+")
_YES = {"是", "有", "√", "✓", "y", "yes", "true", "1"}
_NO = {"否", "无", "", "×", "n", "no", "false", "0"}


@dataclass
class PersonRow:
    """One person's line in one results file."""

    id: str
    name: str
    department: str
    post: str | None
    unit: str | None
    values: dict[str, Any]
    row: int
    places: CellPlaces | dict[str, str] = field(default_factory=dict)  # column → where (for runtime problems)


class CellPlaces:
    """Where each of a person's cells is, as text for a problem found while grading: made only when
    asked. One string per cell for every person of a city's archive was over a gigabyte of memory."""

    __slots__ = ("row_place", "column_words")

    def __init__(self, row_place: str, column_words: dict[str, str]):
        self.row_place = row_place  # 成绩表.xlsx › Sheet1 › 第12行
        self.column_words = column_words  # column → D列「得分」, shared by the sheet's rows

    def get(self, column: str, default: str = "") -> str:
        words = self.column_words.get(column)
        return f"{self.row_place} › {words}" if words else default


@dataclass
class LoadedSheet:
    table: Table
    people: list[PersonRow]
    header_row: int
    columns: dict[str, int]  # column name → index


def find_header(table: Table, plan: ColumnPlan, id_column: str) -> tuple[int, dict[str, int]] | None:
    """(index into table.rows of the last header row, column name → 1-based column)."""
    expected = {s.name for s in plan.all()}
    rows = table.rows[:HEADER_SEARCH_ROWS]
    for i, cells in enumerate(rows):
        names = [_match(normalize_header(c.value), expected) for c in cells]
        if id_column not in names:
            continue
        columns = {name: cells[j].column for j, name in enumerate(names) if name}
        last = i
        if i + 1 < len(table.rows):
            below = table.rows[i + 1]
            id_cell = next((c for c in below if c.column == columns[id_column]), None)
            if id_cell is None or not id_cell.value:
                # a two-row header: the row below names sub-columns under merged headings
                lower = {c.column: _match(normalize_header(c.value), expected) for c in below}
                if any(lower.values()):
                    for col, name in lower.items():
                        if name:
                            columns = {k: v for k, v in columns.items() if v != col}
                            columns[name] = col
                    last = i + 1
        return last, columns
    return None


def _match(text: str, expected: set[str]) -> str:
    if not text:
        return ""
    if text in expected:
        return text
    stripped = _NOTE_RE.sub("", text)
    while stripped != text:
        if stripped in expected:
            return stripped
        text, stripped = stripped, _NOTE_RE.sub("", stripped)
    return text  # unknown; kept so that it can be reported


def load_sheet(
    table: Table,
    scheme: Scheme,
    plan: ColumnPlan,
    departments: set[str] | None,
    problems: Problems,
) -> LoadedSheet | None:
    cols = scheme.people
    header = find_header(table, plan, cols.id)
    if header is None:
        problems.add(
            table.file, 1, None, "header-not-found",
            f"在前 {HEADER_SEARCH_ROWS} 行找不到表头：表头须含「{cols.id}」「{cols.name}」「{cols.department}」等列。",
            where=where(table, 1), sheet=table.sheet,
        )
        return None
    header_index, columns = header
    header_row = table.rows[header_index][0].row if table.rows[header_index] else header_index + 1
    specs = plan.by_name()
    post_of = plan.post_of()
    _check_header(table, header_index, header_row, columns, specs, post_of, cols, problems)
    people: list[PersonRow] = []
    seen_ids: dict[str, int] = {}
    # where(table, row, column, name), assembled from parts made once per column and once per row
    column_words = {name: f"{column_letter(index)}列「{name}」" for name, index in columns.items()}
    for cells in table.rows[header_index + 1 :]:
        if not any(c.value for c in cells):
            continue
        if is_trailer(cells):
            continue
        by_col = {c.column: c for c in cells}
        row = cells[0].row

        def text(name: str | None, by_col: dict = by_col) -> str:
            if not name or name not in columns:
                return ""
            cell = by_col.get(columns[name])
            return cell.value.strip() if cell else ""

        pid = _id_text(text(cols.id))
        name = text(cols.name)
        if not pid:
            if not name:
                continue  # a row with neither id nor name is a note or a spacer
            problems.add(table.file, row, column_letter(columns[cols.id]), "missing-id", f"「{name}」没有{cols.id}；每人须有唯一编号。",
                         where=where(table, row, columns[cols.id], cols.id), sheet=table.sheet)
            continue
        if pid in seen_ids:
            problems.add(table.file, row, column_letter(columns[cols.id]), "duplicate-id",
                         f"{cols.id}「{pid}」与第 {seen_ids[pid]} 行重复；同名的人也要用不同编号。",
                         where=where(table, row, columns[cols.id], cols.id), sheet=table.sheet)
            continue
        seen_ids[pid] = row
        department = text(cols.department)
        if departments is not None and department and department not in departments:
            problems.add(table.file, row, column_letter(columns[cols.department]), "unknown-department",
                         f"部门「{department}」不在本单位的部门名单中（{'、'.join(sorted(departments))}）。",
                         where=where(table, row, columns[cols.department], cols.department), sheet=table.sheet)
        if not department and cols.department in columns:
            problems.add(table.file, row, column_letter(columns[cols.department]), "missing-value", f"「{name}」的{cols.department}为空。",
                         where=where(table, row, columns[cols.department], cols.department), sheet=table.sheet)
        post = text(cols.post) or None
        if cols.post and scheme.posts and post not in {p.name for p in scheme.posts}:
            col = columns.get(cols.post)
            problems.add(table.file, row, column_letter(col) if col else None, "unknown-post",
                         f"岗位「{post or '空'}」不在方案的岗位名单中（{'、'.join(p.name for p in scheme.posts)}）。",
                         where=where(table, row, col, cols.post), sheet=table.sheet)
        row_place = where(table, row)
        person = PersonRow(pid, name, department, post, text(cols.unit) or None, {}, row, CellPlaces(row_place, column_words))
        for column_name, spec in specs.items():
            if column_name in (cols.id, cols.name, cols.department, cols.post, cols.unit):
                continue  # identity columns were checked above, once each
            belongs = post_of.get(column_name)
            applies = belongs is None or "*" in belongs or (post is not None and post in belongs)
            index = columns.get(column_name)
            if index is None:
                if applies and spec.required:
                    person.values[column_name] = None
                continue
            cell = by_col.get(index) or Cell("", row, index)
            if not applies:
                continue
            person.values[column_name] = _typed(cell, spec, f"{row_place} › {column_words[column_name]}", table, problems)
        people.append(person)
    return LoadedSheet(table, people, header_row, columns)


def _check_header(table, header_index, header_row, columns, specs, post_of, cols, problems) -> None:
    seen: dict[str, int] = {}
    for cell in table.rows[header_index]:
        name = normalize_header(cell.value)
        if not name:
            continue
        matched = _match(name, set(specs))
        if matched in seen and matched in specs:
            problems.add(table.file, header_row, column_letter(cell.column), "duplicate-column",
                         f"列名「{matched}」出现了两次（另一次在 {column_letter(seen[matched])} 列）。",
                         where=where(table, header_row, cell.column, matched), sheet=table.sheet)
        seen[matched] = cell.column
        if matched not in specs and matched not in ("序号", "备注", "说明"):
            problems.add(table.file, header_row, column_letter(cell.column), "unknown-column",
                         f"方案中没有「{matched}」这一列，它不参与计算；如需使用请在方案中声明。",
                         Severity.WARNING, where=where(table, header_row, cell.column, matched), sheet=table.sheet)
    for name, spec in specs.items():
        if name not in columns and spec.required and name != cols.post and name != cols.unit:
            problems.add(table.file, header_row, None, "missing-column", f"缺少「{name}」列；请在表头加上这一列（列名与方案一致）。",
                         where=where(table, header_row) + f" › 缺「{name}」列", sheet=table.sheet)
    for name in (cols.post, cols.unit):
        if name and name not in columns:
            problems.add(table.file, header_row, None, "missing-column", f"缺少「{name}」列。",
                         where=where(table, header_row) + f" › 缺「{name}」列", sheet=table.sheet)


def _id_text(value: str) -> str:
    """IDs are text: an Excel number 12.0 was meant as 12; leading zeros stay as typed."""
    value = value.strip().replace("\u3000", "")
    if re.fullmatch(r"\d+\.0", value):
        value = value[:-2]
    return value


def _typed(cell: Cell, spec: ColumnSpec, place: str, table: Table, problems: Problems) -> Any:
    text = cell.value.strip()

    def report(code: str, message: str) -> None:
        problems.add(table.file, cell.row, column_letter(cell.column), code, message, where=place, sheet=table.sheet)

    if spec.type == "number":
        if text in ("", "-", "—", "/"):
            if spec.required:
                report("missing-value", f"「{spec.name}」为空；请填写数字（没有就填 0）。")
            return None
        try:
            value = parse_decimal(text)
        except NotANumber as exc:
            code = "number-not-finite" if "有限" in exc.reason else "not-a-number"
            report(code, f"「{text}」{exc.reason}；「{spec.name}」应填数字，如 85 或 85.5。")
            return None
        if spec.min is not None and value < spec.min:
            report("score-negative", f"{fmt(value)} 小于允许的最小值 {fmt(spec.min)}；请核对。")
            return None
        if spec.max is not None and value > spec.max:
            report("score-over-max", f"{fmt(value)} 超过「{spec.name}」的满分 {fmt(spec.max)}；请核对。")
            return None
        if spec.places is not None and places_of(value) > spec.places:
            report("too-many-places", f"{text} 的小数位数多于 {spec.places} 位。")
            return None
        return value
    if spec.type == "amounts":
        if not text or text in ("0", "无", "-", "—"):
            return []
        amounts: list[Decimal] = []
        for part in _SPLIT_RE.split(text):
            if not part:
                continue
            try:
                amount = parse_decimal(part)
            except NotANumber as exc:
                report("not-a-number", f"「{part}」{exc.reason}；逐次填写扣分，用「、」分隔，如 3、4.5。")
                return None
            if (spec.each_min is not None and amount < spec.each_min) or (spec.each_max is not None and amount > spec.each_max):
                report("deduction-out-of-range", f"一次扣 {fmt(amount)} 分，不在方案规定的 {fmt(spec.each_min)}—{fmt(spec.each_max)} 分之间。")
                return None
            amounts.append(amount)
        return amounts
    if spec.type == "yesno":
        lowered = text.lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        report("unknown-choice", f"「{text}」应填「是」或「否」（留空视为否）。")
        return None
    if spec.type == "choice":
        if not text:
            if spec.required:
                report("missing-value", f"「{spec.name}」为空；请从 {'/'.join(spec.choices)} 中选择。")
            return None
        if spec.choices and text not in spec.choices:
            report("unknown-choice", f"「{text}」不是「{spec.name}」的可选值（{'/'.join(spec.choices)}）。")
            return None
        return text
    if spec.type == "choices":
        names = [p for p in _SPLIT_RE.split(text) if p]
        bad = [n for n in names if spec.choices and n not in spec.choices]
        if bad:
            report("unknown-choice", f"「{'、'.join(bad)}」不是「{spec.name}」的可选值（{'、'.join(spec.choices)}）。")
            return None
        return names
    return text or None
