"""A row below the header that holds no person but has content where people's values are read: never
dropped without a word. And the header repeated below (a printed sheet's, or a second section's). And
people above the header: a sheet sorted with its header row among the people leaves some above it, where
only titles are looked for.

A row with neither an ID nor a name is skipped (a spacer, a 合计 or 满分 row, a note). When such a row
has a department or a score, it is most often a person whose ID and name were deleted or never typed
(or a 小计 row without its word): skipping it would drop a person from the 公示 silently. It is an error
at the row, naming the columns that have content, unless it begins with a word that says what it is
(合计, 满分, 说明 …: tables.is_trailer).
"""

from __future__ import annotations

import re

from generator.core.numbers import NotANumber, parse_decimal
from generator.core.problems import Problems, Severity
from generator.sheets.tables import UNITS_RE, Cell, Table, column_letter, normalize_header, where


def report_row_without_person(table: Table, cells: list[Cell], read: list[tuple[int, str]], id_column: tuple[int, str],
                              name_column: str | None, problems: Problems) -> None:
    """`read`: (sheet column, name) of the columns read for a person other than the ID and the name."""
    filled = [name for index, name in read if index <= len(cells) and cells[index - 1].value.strip()]
    if not filled or all(UNITS_RE.fullmatch(normalize_header(c.value)) for c in cells if c.value.strip()):
        return  # a spacer, a note in a column Kaohe does not read, a row of units （分）
    row = cells[0].row
    names = "".join(f"「{n}」" for n in filled[:5]) + ("等列" if len(filled) > 5 else "")
    who = f"{id_column[1]}和{name_column}" if name_column else id_column[1]
    problems.add(table.file, row, column_letter(id_column[0]), "missing-id",
                 f"第 {row} 行的{names}有内容，却没有{who}，这一行不会被读取。若是某人的成绩，请补上{who}；"
                 "若是合计、满分、说明等，请在这一行的第一个单元格写明「合计」「满分」「说明」等字样，或删去这一行。",
                 where=where(table, row, id_column[0], id_column[1]), sheet=table.sheet)


_ID_CHARACTERS = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._-")
# what a sheet's title says and a group's heading does not: a title below the header that is not the one above it
# is another sheet's (two periods pasted into one), never a heading to step over — unless it says it goes on (（续）, 续表)
_TITLE_WORDS = re.compile(r"(?:19|20)\d\d|年度|季度|学期|学年|月份|考核|考评|评分|得分|汇总|统计|一览|名单|[表册]$")


def section_heading(table: Table, cells: list[Cell], id_column: tuple[int, str], problems: Problems) -> bool:
    """Whether a row without a name is a heading between the people (机关科室, 事业单位人员 on a line of its own,
    in the ID column, with no 一、 before it to say so: tables.is_trailer): its one cell with content is the
    ID's, and holds something no ID does (a Chinese character), and no sheet title's words unless it says 续
    (_TITLE_WORDS: a title there is another sheet pasted below, reported as a row). Not read, and warned once, naming it: a
    person's row cut down to one cell would be named too. A row of an ID alone (0005) stays a person."""
    filled = [c for c in cells if c.value]
    if len(filled) != 1 or filled[0].column != id_column[0] or _ID_CHARACTERS.issuperset(filled[0].value):
        return False
    if _TITLE_WORDS.search(filled[0].value) and "续" not in filled[0].value:
        return False
    text, row = filled[0].value, filled[0].row
    if any(r1 == row and c1 == id_column[0] and c2 > c1 for r1, c1, _, c2 in table.merged):
        return True  # merged across the row in Excel: a heading as plainly as 一、机关科室
    problems.add(table.file, row, column_letter(id_column[0]), "section-heading",
                 f"第 {row} 行只有「{text}」一格，没有姓名和分数，当作分组的小标题，不读取。若是某人的成绩，请补全这一行的{id_column[1]}、"
                 f"姓名和各项分数；若是小标题，可在前面加上序号写成「一、{text}」（不再提示），或删去这一行（各人的部门写在部门列）。",
                 Severity.WARNING, where=where(table, row, id_column[0], id_column[1]), sheet=table.sheet)
    return True


def repeated_header(table: Table, cells: list[Cell], header_texts: dict[int, str], header_row: int, problems: Problems,
                    upper: dict[int, str] | None = None) -> bool:
    """Whether the row repeats the header (its ID cell reads as the header's ID cell does, or it holds only
    header words): skipped when it is the same header (a sheet made for printing repeats it; `upper`: the
    upper row's texts of a two-row header, 考核得分 over 德 能 绩), an error at the first column that
    differs when it is another (a second section whose columns are in another order would be read
    under the first one's names)."""
    upper = upper or {}
    for cell in cells:
        text = normalize_header(cell.value)
        if text and text != header_texts.get(cell.column, "") and text != upper.get(cell.column):
            problems.add(table.file, cell.row, column_letter(cell.column), "header-repeated",
                         f"第 {cell.row} 行像是又一个表头，但 {column_letter(cell.column)} 列是「{text}」，第 {header_row} 行的表头是"
                         f"「{header_texts.get(cell.column, '') or '空'}」：下面的行仍按第 {header_row} 行的表头读取，列会对错。"
                         "一张成绩表只用一个表头：把下面这部分的列调成与上面的表头相同的顺序后删去这一行，或分成两个文件。",
                         where=where(table, cell.row, cell.column), sheet=table.sheet, first=True)
            return True
    return True


def report_people_above_header(table: Table, header_index: int, header_row: int, id_column: tuple[int, str], name_index: int | None,
                               numbers: list[int], problems: Problems) -> None:
    """Rows above the header (`header_index` into table.rows) that hold a person: an ID (with a digit), a name that is
    no number, and a number in one of the read number columns (`numbers`). A title, a 填报单位 line or a
    row of column numbers has no such three. One error at the first, naming how many and who."""
    if not header_index or name_index is None or not numbers:
        return
    found = []
    for cells in table.rows[:header_index]:
        texts = {c.column: c.value.strip() for c in cells if c.value.strip()}
        pid, name = texts.get(id_column[0], ""), texts.get(name_index, "")
        # an ID holds a digit (0001, GH0002); 项目 | 满分 | 20 | 30, 序号 | 分值 is a row of full marks, a label
        # (unless people are known by their names: the ID column is the name's)
        if (id_column[0] != name_index and not any(ch.isdigit() for ch in pid)) or not name or name.isdigit() or not any(_is_number(texts.get(i, "")) for i in numbers):
            continue
        found.append((cells[0].row, pid, name))
    if not found:
        return
    row = found[0][0]
    who = "、".join(f"第 {r} 行{name}（{pid}）" for r, pid, name in found[:5]) + ("等" if len(found) > 5 else "")
    problems.add(table.file, row, column_letter(id_column[0]), "person-above-header",
                 f"表头在第 {header_row} 行，表头之上却有 {len(found)} 行像是人员的成绩（{who}）：表头之上的行只当作标题，不会被读取，"
                 "这些人会从公示中漏掉。多半是排序时把表头也排了进去：请把表头行移回所有人员之上"
                 "（排序时先选中人员的行，或在「排序」对话框中勾选「数据包含标题」），再核对人员是否齐全。",
                 where=where(table, row, id_column[0], id_column[1]), sheet=table.sheet)


def _is_number(text: str) -> bool:
    if not text:
        return False
    try:
        parse_decimal(text)
    except NotANumber:
        return False
    return True
