"""A flags column (标记: 试用期、表现突出): each word it holds sets the yes/no column it names."""

from __future__ import annotations

import re

from generator.core.problems import Problems
from generator.sheets.cells import BLANK_MARKS
from generator.sheets.tables import Cell, Table, column_letter

_FLAG_SPLIT_RE = re.compile(r"[、,，;；\s]+")


def read_flags(cell: Cell | None, words: dict[str, str], values: dict, column: str, row_place: str, table: Table,
              problems: Problems) -> None:
    """A flags cell (试用期、表现突出) → the yes/no columns it names set to yes; the others it may set
    are no unless the sheet also has their own column."""
    for target in set(words.values()):
        values.setdefault(target, False)
    text = cell.value.strip() if cell else ""
    if not text or text in BLANK_MARKS:
        return
    unknown = []
    for word in (w for w in _FLAG_SPLIT_RE.split(text) if w):
        target = words.get(word)
        if target is None:
            unknown.append(word)
        else:
            values[target] = True
    if unknown:
        known = "、".join(sorted(words)) or "无"
        assert cell is not None
        problems.add(table.file, cell.row, column_letter(cell.column), "unknown-flag",
                     f"「{column}」中的「{'、'.join(unknown)}」不是方案认识的标记（认识的有：{known}）；"
                     "请改用这些写法之一，或在 agency.yaml 的 flags.map 中写明它对应哪一项。",
                     where=f"{row_place} › {column_letter(cell.column)}列「{column}」", sheet=table.sheet)
