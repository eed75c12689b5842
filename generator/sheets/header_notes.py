"""A header's note that states a column's maximum (德（满分10）, 加分（上限5分）), held to the scheme's: a sheet made
for another version of the scheme says so in its header."""

from __future__ import annotations

import re
from decimal import Decimal

from generator.core.numbers import fmt
from generator.core.problems import Problems
from generator.sheets.cells import Cell, Table, column_letter, where

# A header note that states a maximum: （满分10）（10分）（满分：10 分）（最高10分）（总分 100）. Not a
# note without a number (（分）), nor one whose number is something else (（每次扣3分）).
_NOTE_MAX_RE = re.compile(r"[（(【\[](?:满分|最高|最多|最高分|总分|分值|上限)?\s*[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*分?[)）】\]]")
_ALL_NOTES_RE = re.compile(r"[（(【\[][^（()）【】\[\]]*[)）】\]]")
_NOTE_MAX_WORDS = ("满", "最", "总", "值", "限", "分")


def check_note_max(table: Table, cell: Cell, text: str, name: str, maximum, problems: Problems) -> None:
    """A header whose note states another maximum than the scheme's (德（满分10） where the scheme
    says 6) belongs to a sheet made for another version of the scheme: an error at the header cell."""
    for note in _ALL_NOTES_RE.findall(text):
        found = _NOTE_MAX_RE.fullmatch(note)
        if found is None or not any(word in note for word in _NOTE_MAX_WORDS):
            continue  # （2025）: no maximum stated
        stated = Decimal(found.group(1))
        if maximum is None or stated == maximum:
            return
        problems.add(table.file, cell.row, column_letter(cell.column), "header-max-mismatch",
                     f"表头「{text}」写明满分 {fmt(stated)}，但方案中「{name}」的满分是 {fmt(maximum)}：这张表多半是按另一个版本的方案制作的。"
                     f"请核对方案版本；按现行方案填写的，把表头改为「{name}（满分{fmt(maximum)}）」或「{name}」，并按满分 {fmt(maximum)} 核对这一列的分数。",
                     where=where(table, cell.row, cell.column, text), sheet=table.sheet)
        return
