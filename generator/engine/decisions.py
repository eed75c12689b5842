"""Committee decisions (领导小组审定): a file beside the results that sets a person's grade.

`<period>.decisions.csv` (or .xlsx) has the columns 编号, 等次, 理由 (姓名 optional, checked when
given). A decision is applied after every rule and quota, resolves a tie at a quota line, and is
shown in the person's trace with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import Problems
from generator.engine.results import PersonResult, Step
from generator.scheme.policy import Grades
from generator.sheets.tables import column_letter, normalize_header, read_table, where

ID_HEADERS = ("编号", "工号", "人员编号", "身份证号")


@dataclass(frozen=True)
class Decision:
    id: str
    name: str
    grade: str
    reason: str
    row: int
    place: str


def load_decisions(path: Path, shown: str, id_header: str, grades: Grades | None, problems: Problems) -> list[Decision]:
    table = read_table(path, shown, problems)
    if table is None or not table.rows:
        return []
    header = {normalize_header(c.value): c.column for c in table.rows[0]}
    id_col = header.get(id_header) or next((header[h] for h in ID_HEADERS if h in header), None)
    grade_col, reason_col, name_col = header.get("等次"), header.get("理由"), header.get("姓名")
    if id_col is None or grade_col is None or reason_col is None:
        problems.add(shown, 1, None, "decision-invalid", f"决定文件的表头须有「{id_header}」「等次」「理由」三列。", where=where(table, 1))
        return []
    allowed = set(grades.order) | {grades.no_grade} if grades else set()
    decisions = []
    for cells in table.rows[1:]:
        by = {c.column: c.value.strip() for c in cells}
        if not any(by.values()):
            continue
        row = cells[0].row
        pid, grade, reason = by.get(id_col, ""), by.get(grade_col, ""), by.get(reason_col, "")
        if not pid or not reason:
            col = id_col if not pid else reason_col
            problems.add(shown, row, column_letter(col), "decision-invalid", "每条决定都要有编号和理由（领导小组会议名称、日期）。", where=where(table, row, col))
            continue
        if grade not in allowed:
            problems.add(shown, row, column_letter(grade_col), "decision-invalid",
                         f"等次「{grade}」不是本考核的等次（{'/'.join(sorted(allowed))}）。", where=where(table, row, grade_col, "等次"))
            continue
        decisions.append(Decision(pid, by.get(name_col, "") if name_col else "", grade, reason, row, where(table, row)))
    return decisions


def apply_decisions(decisions: list[Decision], people: list[PersonResult], grades: Grades | None, shown: str, problems: Problems) -> None:
    by_id = {p.id: p for p in people}
    for decision in decisions:
        person = by_id.get(decision.id)
        if person is None:
            problems.add(shown, decision.row, None, "unknown-person", f"编号「{decision.id}」不在本期成绩表中。", where=decision.place)
            continue
        if decision.name and decision.name != person.person.name:
            problems.add(shown, decision.row, None, "decision-invalid",
                         f"编号「{decision.id}」在成绩表中是「{person.person.name}」，决定文件写的是「{decision.name}」；请核对。", where=decision.place)
            continue
        before = person.shown_grade
        if grades is not None and decision.grade == grades.no_grade:
            person.status, person.status_label, person.grade = "no_grade", grades.no_grade, None
        else:
            person.status, person.status_label, person.grade = "graded", None, decision.grade
        person.protected = person.decided = True
        person.reason = decision.reason
        person.note(Step("决定", f"领导小组决定：由「{before}」定为「{decision.grade}」。理由：{decision.reason}"))
