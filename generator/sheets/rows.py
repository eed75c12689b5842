"""From a read sheet to people with typed, checked values.

Finds the header and checks that every column is accounted for (header.py), then reads every
person's row: IDs (zero-padded IDs that a spreadsheet turned into numbers are reported), the
department and post, one typed value per declared column (values.py) and, where the scheme or
agency declares one, the flags column (标记: 试用期、表现突出) setting yes/no columns. Every
problem names the cell as the user sees it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from generator.core.problems import Problems, Severity
from generator.scheme.columns import ColumnPlan
from generator.scheme.model import Assessment, Scheme
from generator.scheme.sheet_options import SheetOptions
from generator.sheets import identity_cells, layout
from generator.sheets.column_scale import report_percent_fractions
from generator.sheets.flag_cells import read_flags
from generator.sheets.form_rows import column_numbers, only_header_words, printed_top, row_texts
from generator.sheets.header import check_header, computed_names, find_header, flag_words, match_name, report_headless_cells
from generator.sheets.id_cells import id_flaw, id_text, is_error_value, is_formula_text, name_text
from generator.sheets.identity_cells import broken, may_hold_note, report_error_values, report_line_breaks, report_name_note
from generator.sheets.layout import report_hidden_columns, report_invisible_cells, report_merged_cells, report_struck_rows
from generator.sheets.own_columns import OwnCell, own_cells, own_columns
from generator.sheets.post_cells import report_other_post
from generator.sheets.tables import HEADER_SEARCH_ROWS, Cell, Table, column_letter, is_trailer, normalize_header, where
from generator.sheets.unread_rows import repeated_header, report_people_above_header, report_row_without_person, section_heading
from generator.sheets.values import typed


def _match(text: str, expected: set[str]) -> str:
    """A header's text → the column it names (kept for the template's tests)."""
    return match_name(text, expected)


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
    own: tuple[OwnCell, ...] = ()  # the office's own 总分, 等次, 名次 in this row (own_columns.py)


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


def place_letter(places: CellPlaces | dict[str, str], column: str) -> str | None:
    """The sheet's column letter (D) of a person's `column`, from where it is; None when not in the sheet."""
    place = places.get(column)
    return place.rsplit(" › ", 1)[-1].split("列", 1)[0] if place else None


class SheetRows(list):
    """A sheet's people, in order, with what reading them proved: `unplain` holds the number columns
    where some value read is not plain (core.numbers.plain_number) or may be set otherwise than by
    its own cell (a flags cell); None: nothing proved (rows not read by load_sheet). The compiled
    grading leaves out additions of Decimal(0) only over columns outside it (engine/plain_proof.py)."""

    unplain: frozenset[str] | None = None


@dataclass
class LoadedSheet:
    table: Table
    people: list[PersonRow]
    header_row: int
    columns: dict[str, int]  # column name → index
    mapped: frozenset[str] = frozenset()  # the header texts a `columns` mapping matched (Header.mapped)


def load_sheet(
    table: Table,
    scheme: Scheme,
    plan: ColumnPlan,
    departments: set[str] | None,
    problems: Problems,
    options: SheetOptions | None = None,
    readers: dict[str, list[str]] | None = None,
    assessment: Assessment | None = None,
) -> LoadedSheet | None:
    """People of a read sheet. `options`: the scheme's sheet options with the agency's on top;
    `readers`: column → what reads it (scheme.columns.column_readers), for missing columns; `assessment`:
    the one graded, whose results the office may keep in its own columns (own_columns.py)."""
    cols = scheme.people
    options = options or scheme.sheet
    header = find_header(table, plan, cols.id, options, cols.name)
    if header is None:
        problems.add(
            table.file, 1, None, "header-not-found",
            f"在前 {HEADER_SEARCH_ROWS} 行找不到表头：表头须含「{cols.id}」「{cols.name}」「{cols.department}」等列"
            "（本单位自己的列名可在 agency.yaml 的 columns 中对应，如 工号: 编号）。"
            + (f"文件按 {table.encoding} 读取；若表头在 Excel 中正常而这里对不上，文件可能是 Big5 等其他编码，"
               "请另存为「CSV UTF-8（逗号分隔）」或 .xlsx。" if table.encoding and not table.encoding.startswith("UTF") else ""),
            where=where(table, 1), sheet=table.sheet,
        )
        return None
    header_index, columns, header_row = header.index, header.columns, header.row
    specs = plan.by_name()
    post_of = plan.post_of()
    office_results = own_columns(header.cells, set(specs) | ({options.flags.column} if options.flags else set()), options, scheme, assessment, header.groups)
    check_header(table, header, plan, options, readers or {}, (cols.post, cols.unit), problems, computed_names(scheme),
                 frozenset(column for _, column, _ in office_results))
    flags_col = columns.get(options.flags.column) if options.flags else None
    words_of_flags = flag_words(plan, options) if flags_col else {}
    people = SheetRows()
    unplain: set[str] = set(words_of_flags.values())  # a flag sets its column to yes: not the cell's own value
    people_cells: list[list[Cell]] = []  # for the cells no header names (report_headless_cells)
    seen_ids: dict[str, int] = {}
    # where(table, row, column, name), assembled from parts made once per column and once per row
    # named as the sheet names them: B列「工号」 where the office's 工号 is the scheme's 编号
    own = {name: normalize_header(cell.value) for cell, name in reversed(header.cells)}
    column_words = {name: f"{column_letter(index)}列「{own.get(name) or name}」" for name, index in columns.items()}
    identity = (cols.id, cols.name, cols.department, cols.post, cols.unit)
    value_columns = _value_columns(specs, post_of, columns, column_words, identity)
    post_specs = plan.post_specs()  # 教学常规 of 20 for one post, of 10 for another: each row held to its own post's
    id_index, name_index = columns[cols.id], columns.get(cols.name)
    department_index, post_index, unit_index = (columns.get(c) if c else None for c in (cols.department, cols.post, cols.unit))
    post_names = {p.name for p in scheme.posts} if cols.post and scheme.posts else None
    hidden_rows = table.hidden_rows
    identity_columns = [(columns[c], c) for c in (cols.id, cols.name, cols.department) if c and c in columns]
    header_texts = {cell.column: normalize_header(cell.value) for cell, _ in header.cells}
    header_id = header_texts[id_index]  # a row whose ID cell reads so repeats the header (unread_rows.repeated_header)
    upper = {c.column: normalize_header(c.value) for c in table.rows[header_index - 1] if c.value} if header.groups and header_index else {}
    top, header_words = printed_top(table, header_index), {*header_texts.values(), *upper.values()}
    read_columns = [(i, c) for c, i in columns.items() if (c in specs or i == flags_col) and c not in (cols.id, cols.name)]
    notes = {**{n: n for n, spec in specs.items() if spec.type == "yesno"}, **flag_words(plan, options)}  # a name's note → the column it sets
    report_people_above_header(table, header_index, header_row, (id_index, cols.id), name_index,
                               [i for _, spec, i, _, _ in value_columns if i is not None and spec.type == "number"], problems)
    blank_departments: list[tuple[int, str, tuple[str, int]]] = []
    above = ("", 0)  # the department of the last person above who has one, and their row
    for cells in table.rows[header_index + 1 :]:
        if not any(c.value for c in cells):
            continue
        id_cell = _at(cells, id_index)
        pid = id_text(id_cell.value if id_cell else "")
        name = name_text(_text_at(cells, name_index))
        if (not name and row_texts(cells) in top) or (not people and column_numbers(cells)) or is_trailer(cells, pid, name) or (
                pid[:1] == header_id[:1] and normalize_header(pid) == header_id and repeated_header(table, cells, header_texts, header_row, problems, upper)):
            continue  # the title or header again on a printed page, a 栏次 row, a 合计 row, the header of a second section
        row = cells[0].row
        if not name and pid and section_heading(table, cells, (id_index, cols.id), problems):
            continue  # 机关科室 on a line of its own between the people
        if pid and (flaw := id_flaw(pid, id_cell.kind if id_cell else "")) is not None:
            problems.add(table.file, row, column_letter(id_index), "id-invalid", f"{cols.id}{flaw}。",
                         where=where(table, row, id_index, cols.id), sheet=table.sheet)
            continue
        if pid and options.id_width and pid.isdigit() and len(pid) < options.id_width:
            _report_short_id(table, id_cell, pid, options.id_width, cols.id, problems)
            pid = pid.zfill(options.id_width)  # the same person, not a new one: no follow-on problems
        if not pid:
            if not name:  # a spacer or a note, a person without ID and name, a two-row header's lower row (unread_rows.py)
                if not (only_header_words(cells, header_words) and repeated_header(table, cells, header_texts, header_row, problems, upper)):
                    report_row_without_person(table, cells, read_columns, (id_index, cols.id), cols.name if name_index else None, problems)
                continue
            problems.add(table.file, row, column_letter(id_index), "missing-id", f"「{name}」没有{cols.id}；每人须有唯一编号。",
                         where=where(table, row, id_index, cols.id), sheet=table.sheet)
            continue
        if pid in seen_ids:
            problems.add(table.file, row, column_letter(id_index), "duplicate-id",
                         f"{cols.id}「{pid}」与第 {seen_ids[pid]} 行重复；同名的人也要用不同编号。",
                         where=where(table, row, id_index, cols.id), sheet=table.sheet)
            continue
        seen_ids[pid] = row
        if hidden_rows and row in hidden_rows:
            problems.add(table.file, row, None, "row-hidden",
                         f"第 {row} 行（{cols.id}「{pid}」{name}）在 Excel 中是隐藏的（手动隐藏或被筛选掉），但照样计入考核。"
                         "若此人不应参加本期考核，请删去这一行；若应参加，请取消隐藏（或清除筛选），以免核对时漏看。",
                         Severity.WARNING, where=where(table, row), sheet=table.sheet)
        if broken(pid) or broken(name) or (department_index is not None and broken(_text_at(cells, department_index))):
            report_line_breaks(table, cells, identity_columns, problems)
        if not name and name_index is not None:  # a nameless row would print on the 公示 as such
            problems.add(table.file, row, column_letter(name_index), "missing-value", f"{cols.id}「{pid}」的{cols.name}为空。",
                         where=where(table, row, name_index, cols.name), sheet=table.sheet)
        department = _text_at(cells, department_index)
        post, unit = _text_at(cells, post_index) or None, _text_at(cells, unit_index) or None
        firsts = (name[:1], department[:1], (post or "")[:1], (unit or "")[:1])
        if "#" in firsts or "=" in firsts or "＝" in firsts or name.isdigit():  # #N/A of a failed VLOOKUP, =B3 kept as text
            report_error_values(table, row, ((name_index, cols.name, name), (department_index, cols.department, department),
                                              (post_index, cols.post, post), (unit_index, cols.unit, unit)), problems)
        if name_index is not None:  # 王? for 王䶮 (a department or post is held to its list)
            identity_cells.report_lost_character(table, row, (name_index, cols.name), name, problems)
        if departments is not None and department and department not in departments and not is_error_value(department) and not is_formula_text(department):
            problems.add(table.file, row, column_letter(columns[cols.department]), "unknown-department",
                         f"部门「{department}」不在本单位的部门名单中（{'、'.join(sorted(departments))}）。"
                         + "".join(f"是不是「{close}」？" for close in difflib.get_close_matches(department, sorted(departments), n=1, cutoff=0.5))
                         + "请改为名单中的部门；确是本单位的另一个部门的，在单位的 agency.yaml 的 departments 中加上。",
                         where=where(table, row, columns[cols.department], cols.department), sheet=table.sheet)
        if not department and department_index is not None:
            blank_departments.append((row, name, above))  # reported after the rows, as runs (identity_cells.py)
        above = (department, row) if department else above
        if post_names is not None and post not in post_names and not is_error_value(post or "") and not is_formula_text(post or ""):
            col = columns.get(cols.post)
            problems.add(table.file, row, column_letter(col) if col else None, "unknown-post",
                         f"岗位「{post or '空'}」不在方案的岗位名单中（{'、'.join(p.name for p in scheme.posts)}）。",
                         where=where(table, row, col, cols.post), sheet=table.sheet)
        row_place = where(table, row)
        values: dict[str, Any] = {}
        person = PersonRow(pid, name, department, post, unit, values, row, CellPlaces(row_place, column_words),
                           own_cells(cells, office_results, table) if office_results else ())
        for column_name, spec, index, belongs, words in value_columns:
            if belongs is not None and post not in belongs:  # an item of another post: a score there is a slip
                if post_names is not None and post in post_names and index is not None:
                    report_other_post(table, _at(cells, index), column_name, belongs, post, name, problems)
                continue
            if index is None:
                if spec.required:
                    values[column_name] = None
                continue
            if post_specs and column_name in post_specs:
                spec = post_specs[column_name].get(post, spec)
            # _at written out: three million cells of a city's archive, a call each
            cell = cells[index - 1] if index <= len(cells) and cells[index - 1].column == index else _at(cells, index)
            values[column_name] = typed(cell or Cell("", row, index), spec, row_place, table, problems, words, unplain)
        if flags_col is not None:
            read_flags(_at(cells, flags_col), words_of_flags, person.values, options.flags.column, row_place, table, problems)
        if name and name_index is not None and may_hold_note(name):  # 李四（试用期）, 李四 借调, *李四: a note printed as the name
            report_name_note(table, row, (name_index, cols.name), name, notes, values, problems, _text_at(cells, name_index))
        people.append(person)
        people_cells.append(cells)
    if not people and not any(any(c.value for c in cells) for cells in table.rows[header_index + 1 :]):
        problems.add(table.file, header_row, None, "no-people",
                     f"表头（第 {header_row} 行）下面没有任何人员：每个人的平均分、名额和公示都会少了这一期。"
                     "请检查是否选错了文件或工作表、人员行是否被删除；这一期确实没有人参加考核的，不要放这个文件。",
                     where=where(table, header_row), sheet=table.sheet)
    if blank_departments:
        identity_cells.report_blank_departments(table, blank_departments, (department_index, cols.department), problems)
    report_headless_cells(table, header, people_cells, problems)
    report_percent_fractions(table, people, specs, columns, problems)
    if table.merged or table.hidden_columns or table.struck or table.invisible:  # an .xlsx sheet's merged, hidden, struck, white cells (layout.py)
        read = {index: own.get(name) or name for name, index in columns.items() if name in specs or (flags_col and index == flags_col)}
        report_merged_cells(table, read, {p.row: p.name for p in people}, problems)
        report_hidden_columns(table, read, header_row, problems)
        report_struck_rows(table, read, {p.row: p.name for p in people}, problems)
        report_invisible_cells(table, read, {p.row: p.name for p in people}, problems)
    layout.fold_formula_blanks(table, problems)  # 德 exported as formulas without results: one problem, not one a person
    people.unplain = frozenset(unplain)
    return LoadedSheet(table, people, header_row, columns, header.mapped)


def _value_columns(specs: dict, post_of: dict, columns: dict[str, int], column_words: dict[str, str], identity: tuple) -> list[tuple]:
    """The columns read into a person's values, worked out once per sheet: (name, spec, its index in
    the sheet or None, the posts it belongs to or None for every post, its words for a problem).
    Identity columns are checked by the loader itself, once each."""
    found = []
    for column_name, spec in specs.items():
        if column_name in identity:
            continue
        belongs = post_of.get(column_name)
        found.append((column_name, spec, columns.get(column_name), None if belongs is None or "*" in belongs else set(belongs),
                      column_words.get(column_name, column_name)))
    return found


def _at(cells: list[Cell], index: int | None) -> Cell | None:
    """The cell of a row in sheet column `index` (1-based): the readers make one cell per column, in order."""
    if index is None:
        return None
    if index <= len(cells) and cells[index - 1].column == index:
        return cells[index - 1]
    return next((c for c in cells if c.column == index), None)


def _text_at(cells: list[Cell], index: int | None) -> str:
    if index is None:  # a column the sheet has not (单位, 岗位): asked of every row
        return ""
    if index <= len(cells) and (cell := cells[index - 1]).column == index:
        return cell.value.strip()  # the usual row, without _at's call (a million of them on a city)
    return found.value.strip() if (found := _at(cells, index)) else ""


def _report_short_id(table: Table, cell: Cell | None, pid: str, width: int, id_name: str, problems: Problems) -> None:
    column = cell.column if cell else None
    how = "单元格是数字格式" if cell is not None and cell.kind == "n" else "编号少了前导 0"
    problems.add(table.file, cell.row if cell else None, column_letter(column) if column else None, "id-lost-zeros",
                 f"{id_name}「{pid}」不足本单位规定的 {width} 位（{how}），应是「{pid.zfill(width)}」：表格软件把编号当成数字，去掉了前导 0。"
                 f"请把「{id_name}」列设为「文本」格式后改回 {pid.zfill(width)}（或在 WPS/Excel 中输入 '{pid.zfill(width)}）；否则此人会被当成另一个人。",
                 where=where(table, cell.row, column, id_name) if cell and column else "", sheet=table.sheet)
