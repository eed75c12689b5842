"""Rows of a form's layout that hold no person: the title and header a sheet laid out for printing repeats
at the top of every page (one header row or two: 考核得分 merged over 德 能 绩), and a form's row of column
numbers under the header (栏次: 甲 乙 1 2 3 …). A title in the ID column would read as a person named
nothing, a two-row header's lower row as a person without an ID, column numbers as a person 「1」 named
「2」 (rows.py skips them, and unread_rows.repeated_header tells a repeated header from another one)."""

from __future__ import annotations

from generator.sheets.cells import Cell, Table
from generator.sheets.tables import normalize_header


def printed_top(table: Table, header_index: int) -> frozenset[tuple[tuple[int, str], ...]]:
    """The sheet's top rows (its title and header rows, `header_index` into table.rows the last), each as
    its (column, text) pairs: a sheet laid out for printing repeats them on every page, a title in the ID
    column too, where it would read as a person named nothing."""
    return frozenset(row_texts(cells) for cells in table.rows[: header_index + 1])


def row_texts(cells: list[Cell]) -> tuple[tuple[int, str], ...]:
    return tuple((c.column, normalize_header(c.value)) for c in cells if c.value.strip())


def only_header_words(cells: list[Cell], words: set[str]) -> bool:
    """Whether every text of the row is a header's (the lower row of a two-row header, repeated)."""
    return all(text in words for _, text in row_texts(cells))


_STEMS = frozenset("甲乙丙丁戊己庚辛壬癸")  # how a form letters its text columns in the row of column numbers
_NUMBER_LABELS = frozenset(("栏次", "栏号", "列号", "序号"))


def column_numbers(cells: list[Cell]) -> bool:
    """Whether the row numbers the columns: three or more numbers counting up by one from column to column
    (bracketed or not), beside nothing but 甲 乙 丙 and a first cell saying 栏次."""
    numbers = []
    for i, cell in enumerate(c for c in cells if c.value.strip()):
        text = cell.value.strip().strip("()（）[]【】 ")
        if text.isdigit() and len(text) < 4:
            numbers.append(int(text))
        elif text not in _STEMS and not (i == 0 and text in _NUMBER_LABELS):
            return False
    return len(numbers) >= 3 and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def row_numbers(cells: list[Cell], people: int) -> bool | None:
    """What a first column without a header holds, from its `cells` with a value (`people`: the rows read as
    people): True when it numbers them 0, 1, 2 … or 1, 2, 3 … as a program writes its rows' index (pandas'
    to_csv and to_excel do by default) — a 序号 column without its header; False when it holds whole numbers
    in another order (the rows sorted after numbering); None when it holds anything else."""
    texts = [c.value.strip() for c in cells]
    if not all(t.isdigit() and len(t) < 7 for t in texts):
        return None
    numbers = [int(t) for t in texts]
    return len(numbers) == people and numbers[0] in (0, 1) and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
