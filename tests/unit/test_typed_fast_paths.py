"""sheets/values.typed reads the usual cells without its general path (a plain number; since the
seventeenth session, an empty cell of an optional number column): each fast path gives what the
general path gives, to the value and the problems, for the cells an office really leaves."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.problems import Problems
from generator.scheme.rules.base import ColumnSpec
from generator.sheets import values
from generator.sheets.tables import Cell, Table

TABLE = Table("content/a/s/2025/Q1.csv", None, "UTF-8")
SPECS = [
    ColumnSpec("加分", required=False),
    ColumnSpec("得分", required=True, max=Decimal(100)),
    ColumnSpec("病假天数", required=False, places=0),
]
CELLS = ["", " ", "\u3000", "85", "85.5", "-", "无", "#N/A", "101", "2.5", "x"]
KINDS = ["", "n", "p", "d", "x"]  # x: a number format showing nothing (;;;)


def _general(cell: Cell, spec: ColumnSpec, problems: Problems):
    """What typed() gives without any fast path: its general path, then its plainness note."""
    return values._typed(cell, cell.value.strip(), spec, "第3行", TABLE, problems, "B列", set())


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text", CELLS)
def test_each_fast_path_reads_as_the_general_path(spec, kind, text):
    cell = Cell(text, 3, 2, kind)
    fast, general = Problems(), Problems()
    got = values.typed(cell, spec, "第3行", TABLE, fast, "B列", set())
    assert got == _general(cell, spec, general)
    assert type(got) is type(_general(cell, spec, Problems()))
    assert [(p.code, p.line, p.column, p.message, p.where) for p in fast] == [(p.code, p.line, p.column, p.message, p.where) for p in general]


def test_an_empty_cell_of_a_required_column_is_still_reported():
    problems = Problems()
    assert values.typed(Cell("", 3, 2), SPECS[1], "第3行", TABLE, problems, "B列", set()) is None
    assert [(p.code, p.line, p.column) for p in problems] == [("missing-value", 3, "B")]
