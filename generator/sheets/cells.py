"""A results sheet's cells: text that knows where it is, and the checks every cell gets.

`Cell` and `Table` are what both readers (CSV in tables.py, XLSX in xlsx_reader.py) produce; `where()`
names a cell as the user sees it. `make_cells()` turns one physical row's raw values into cells: a
number from a workbook into the text Excel shows, a cell over the length limit cut and reported, a
control character (a BEL or ESC pasted from another system) reported with its position and shown
as U+FFFD, so that it never reaches a terminal, a workbook or a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count, repeat

# C0 and C1 controls except tab, line feed and carriage return, DEL, and the bidi and invisible format
# characters: the one list YAML text is checked with too (tables.py imports it from here)
from generator.core.controls import CONTROL_RE
from generator.core.problems import Problems

# "Nothing here" as an office marks it in a cell: a number, a 是/否, a flags, an amounts or an event-list
# cell reads it alike (a 是/否 column once refused the / that the 加分 column beside it read as empty)
# A program's word for nothing is one too: pandas' nan (a column made text) and <NA>, a database's NULL, Python's None.
BLANK_MARKS = frozenset({"-", "—", "–", "/", "／", "无", "nan", "NaN", "NAN", "<NA>", "<na>", "None", "NONE", "none", "NULL", "null", "Null"})

MAX_CELL_CHARS = 10_000



@dataclass(slots=True)
class Cell:
    value: str
    row: int  # 1-based physical row
    column: int  # 1-based
    # what Excel held: "" text (every CSV cell), "n" a number, "p" a number formatted as a percentage
    # (shows 74%, holds 0.74), "d" a date or time (a number formatted as a date), "b" a truth value
    # (TRUE/FALSE; its text is 是/否), "n0" "n1" "n2" … a number whose format (0, 0.0, #,##0.00) shows
    # that many decimals and fewer than it holds (5.4 formatted 0 shows 5; "p0" … the same for a percentage:
    # 0.796 formatted 0% shows 80%), "x…" a value its format shows
    # as the text after the x (;;; nothing, [>=60]0;"不及格" a word: sheets/number_formats.py)
    kind: str = ""


@dataclass
class Table:
    file: str  # as shown to the user (relative path)
    sheet: str | None
    encoding: str | None  # for CSV: which encoding was detected
    rows: list[list[Cell]] = field(default_factory=list)  # physical rows, each a list of cells
    row_count: int = 0
    hidden_rows: frozenset[int] = frozenset()  # for XLSX: rows hidden in Excel (by hand or by a filter)
    hidden_columns: tuple[tuple[int, int], ...] = ()  # for XLSX: (first, last) column of each hidden range
    merged: tuple[tuple[int, int, int, int], ...] = ()  # for XLSX: merged ranges (row, column, last row, last column)
    struck: frozenset[tuple[int, int]] = frozenset()  # for XLSX: (row, column) of cells struck through (删除线)
    uncomputed: frozenset[tuple[int, int]] = frozenset()  # for XLSX: (row, column) of formulas reported without a result
    invisible: frozenset[tuple[int, int]] = frozenset()  # for XLSX: (row, column) of cells in white font on no fill


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def where(table: Table, row: int, column: int | None = None, header: str | None = None) -> str:
    """成绩表.xlsx › Sheet1 › 第12行 › D列「得分」"""
    parts = [table.file]
    if table.sheet:
        parts.append(table.sheet)
    parts.append(f"第{row}行")
    if column is not None:
        parts.append(f"{column_letter(column)}列" + (f"「{header}」" if header else ""))
    return " › ".join(parts)


def hidden_column_words(table: Table, *columns: int) -> str:
    """「N 列在 Excel 中是隐藏的…。」 for those of `columns` hidden in Excel, for a problem about a column the office
    cannot see (last quarter's scores kept out of sight); empty for a CSV or a visible column."""
    hidden = [column_letter(c) for c in columns if any(low <= c <= high for low, high in table.hidden_columns)]
    if not hidden:
        return ""
    return (f"{'、'.join(hidden)} 列在 Excel 中是隐藏的：选中它两边的列，右键「取消隐藏」才看得到；"
            "多半是留着的旧数据，不参与考核的请删去这一列。")


def make_cells(values: list, row_number: int, table: Table, problems: Problems, kinds: list[str] | None = None,
               controls: bool | None = None, text: bool = False) -> list[Cell]:
    """One physical row's cells. `controls`: whether the row may hold a control character, when the
    reader already searched the whole file for one (None: search this row); `text`: every value is a
    str, as the csv module gives them (no test of each value's type: a CSV's millions of cells)."""
    texts = list(map(str.strip, values)) if text else [value.strip() if type(value) is str else _text(value) for value in values]
    if controls is None:
        controls = CONTROL_RE.search("\t".join(texts)) is not None  # one search per row: the usual row has none
    if not controls and max(map(len, texts), default=0) <= MAX_CELL_CHARS:  # the usual row: nothing to report
        if kinds:
            return [Cell(text, row_number, i, kind) for i, (text, kind) in enumerate(zip(texts, kinds), start=1)]
        return list(map(Cell, texts, repeat(row_number), count(1)))
    cells = []
    for i, text in enumerate(texts, start=1):
        if len(text) > MAX_CELL_CHARS:
            problems.add(table.file, row_number, column_letter(i), "file-too-large",
                         f"单元格有 {len(text)} 个字符，超过 {MAX_CELL_CHARS} 的上限。", where=where(table, row_number, i), sheet=table.sheet)
            text = text[:MAX_CELL_CHARS]
        if controls and CONTROL_RE.search(text):
            text = _report_controls(text, row_number, i, table, problems)
        cells.append(Cell(text, row_number, i, kinds[i - 1] if kinds else ""))
    return cells


def _report_controls(text: str, row: int, column: int, table: Table, problems: Problems) -> str:
    """Report the control characters of a cell (which, where) and give the cell with them shown as
    U+FFFD: nothing downstream (a terminal, openpyxl, a page) ever receives one."""
    found = [(m.start() + 1, m.group()) for m in CONTROL_RE.finditer(text)]
    listed = "、".join(f"第 {pos} 个字符 U+{ord(ch):04X}" for pos, ch in found[:5]) + ("等" if len(found) > 5 else "")
    cleaned = CONTROL_RE.sub("\ufffd", text)
    problems.add(table.file, row, column_letter(column), "control-character",
                 f"单元格「{cleaned[:40]}」含有看不见的控制字符（{listed}，显示为 \ufffd），多半是从其他系统复制带来的；"
                 "请在 Excel 中删去这些字符（可用 =CLEAN() 清除）后重新保存。",
                 where=where(table, row, column), sheet=table.sheet)
    return cleaned


def _text(value: object) -> str:
    """A cell as the text a person sees. XLSX numbers arrive from openpyxl as int or float; a float is
    turned back into its shortest decimal text and cut to Excel's 15 significant digits, so that
    90.3 stored as 90.299999999999997 reads as 90.3, exactly as Excel shows it. No arithmetic
    is ever done on the float."""
    if type(value) is str:  # every CSV cell, most XLSX text
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value) if -10**21 < value < 10**21 else format(Decimal(value).normalize(), "E")
    if type(value).__name__ == "float":
        number = Decimal(repr(value))
        if number.is_finite() and number.adjusted() < 15 and len(number.as_tuple().digits) > 15:
            number = round(number, 14 - number.adjusted()) if number.adjusted() <= 14 else number
        if not number.is_finite():
            return repr(value)
        number = number.normalize()
        if not -20 <= number.adjusted() <= 20:  # 1E+308 as Excel shows it, never as its 309 digits
            return format(number, "E")
        return format(number, "f")
    if hasattr(value, "isoformat"):
        if hasattr(value, "hour") and hasattr(value, "date") and not (value.hour or value.minute or value.second):
            return value.date().isoformat()  # type: ignore[no-any-return,attr-defined]
        return value.isoformat()  # type: ignore[no-any-return,attr-defined]
    return str(value).strip()


