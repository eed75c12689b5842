"""The office's own results kept in its sheet: its 总分 (合计, 考核得分 …), 等次 and 名次 columns,
computed by its Excel formulas or typed by hand.

Kaohe never reads them as inputs, but they are not ignored either: each person's value is kept
(OwnCell) and compared with what Kaohe computes once the period is graded (engine/office_columns.py).
A difference means the scheme's encoding or the office's formula is wrong, the silent wrongness a
passing check must exclude. Which headers are such columns: SheetOptions.office_columns().
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.scheme.model import Assessment, Scheme
from generator.scheme.sheet_options import SheetOptions
from generator.sheets.cells import Cell, Table
from generator.sheets.header import bare_header


@dataclass(frozen=True, slots=True)
class OwnCell:
    """One person's cell in one of the office's own result columns."""

    kind: str  # total (总分), grade (等次), rank (名次), or item:<an item's name> (its subtotal)
    header: str  # the header as the sheet writes it
    column: int  # 1-based
    text: str  # the cell as read (a number as the text it holds, all its decimals: 89.456 shown as 89.46)
    cell_kind: str  # Cell.kind: "p" a percentage, "d" a date …; "f" a formula reported without a result
    sheet: str | None


def own_columns(header_cells: list[tuple[Cell, str]], read: set[str], options: SheetOptions, scheme: Scheme,
                assessment: Assessment | None, groups: dict[int, str] | None = None) -> list[tuple[str, int, str]]:
    """(kind, column, header text) of each of the office's own result columns of a header: a column
    no declared, mapped or ignored name claims (`read`: the names the sheet reads) whose header,
    without its notes, is one of the office_columns(), or the name of one of the assessment's items
    that is no column (a parent item 德 summed from its children: kind "item:德"). Without an
    assessment (a template's prefill) none. An assessment without grades has no 等次 to compare a
    grade column with: such a column stays unknown (the scheme may lack the grades the office gives).
    A 合计 under a group heading of a two-row header (`groups`: 德 over 政治素质 | 家庭美德 | 合计) is
    that group's subtotal: the item's when the heading names an item, an unknown column when it names
    nothing Kaohe computes, the total only under a heading that is itself a total's (考核得分)."""
    if assessment is None:
        return []
    kinds = {header: kind for header, kind in options.office_columns().items() if kind != "grade" or assessment.grades is not None}
    items = {i.name for i in [*assessment.walk(), *(i for post in scheme.posts for top in post.items for i in top.walk())]}
    ignored = {"".join(n.split()) for n in options.ignore_columns}
    found = []
    for cell, name in header_cells:
        if name in read:
            continue
        text = "".join(cell.value.split())
        bare = bare_header(text)
        kind = kinds.get(text) or kinds.get(bare)
        if kind is None and bare in items and text not in ignored and bare not in ignored:
            kind = f"item:{bare}"
        group = bare_header((groups or {}).get(cell.column, ""))
        if kind == "total" and group and kinds.get(group) != "total":  # under 考核得分 it is the total still
            kind = f"item:{group}" if group in items else None  # 加分 over 表彰 | 信息 | 合计: nothing Kaohe has
        if kind is not None:
            found.append((kind, cell.column, text))
    return found


def own_cells(cells: list[Cell], columns: list[tuple[str, int, str]], table: Table) -> tuple[OwnCell, ...]:
    """A person's cells in the office's own result columns."""
    out = []
    for kind, column, header in columns:
        cell = cells[column - 1] if column <= len(cells) and cells[column - 1].column == column else next((c for c in cells if c.column == column), None)
        uncomputed = cell is not None and (cell.row, column) in table.uncomputed  # its stand-in 0 is no value to compare
        out.append(OwnCell(kind, header, column, cell.value.strip() if cell else "", "f" if uncomputed else cell.kind if cell else "", table.sheet))
    return tuple(out)
