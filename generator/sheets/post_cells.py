"""A value in a column only other posts' items read: a 专任教师's row with a 班主任工作 score.

The row's post decides which items score it, so the cell is not read. When the 岗位 is the slip (a 班主任 typed
as 专任教师), her 班主任工作 was dropped without a word and she lost its points; when the cell is the slip, it
is a score nobody gave. Either way the office must look: an error at the cell. A 0 or a blank mark (—, /, 无)
is what offices write in the columns of a post that is not the row's, and says nothing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from generator.core.problems import Problems
from generator.sheets.cells import BLANK_MARKS
from generator.sheets.tables import Cell, Table, column_letter, where


def _says_nothing(text: str) -> bool:
    if not text or text in BLANK_MARKS:
        return True
    try:
        return Decimal(text) == 0
    except InvalidOperation:
        return False


def report_other_post(table: Table, cell: Cell | None, column: str, posts: set[str], post: str, name: str,
                      problems: Problems) -> None:
    """`cell` of `column` (read by `posts` only) in the row of `name`, whose post is `post`."""
    text = cell.value.strip() if cell is not None else ""
    if cell is None or _says_nothing(text):
        return
    whose = "、".join(f"「{p}」" for p in sorted(posts))
    problems.add(table.file, cell.row, column_letter(cell.column), "other-post-value",
                 f"{name}的岗位是「{post}」，但填了只属于{whose}岗位的「{column}」（{text}），这一格不计分。"
                 f"岗位填错的，改正岗位（多半是{whose}）；不该填的，删去这一格的内容。",
                 where=where(table, cell.row, cell.column, column), sheet=table.sheet)
