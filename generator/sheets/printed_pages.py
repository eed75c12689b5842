"""The rows a sheet laid out for printing repeats at the top of every page: its title rows and its header
(one row or two: 考核得分 merged over 德 能 绩). Below the header they hold no person; a title in the ID
column would read as a person named nothing, a two-row header's lower row as a person without an ID
(rows.py skips them, and unread_rows.repeated_header tells a repeated header from another one)."""

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
