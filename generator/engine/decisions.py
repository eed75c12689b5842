"""Committee decisions (领导小组审定): a file beside the results that sets a person's grade.

`<period>.decisions.csv` (or .xlsx) has the columns 编号, 等次, 理由, 所决事项 (姓名 optional, checked
when given; 超出名额 optional). 所决事项 records what the committee decided on, in the words
`kaohe check` gives: the tie at a quota line (并列：全单位「优秀」名额线 总分 95.00：0003、0007) or the
grade the person had before (原为：不确定等次). Every build compares it with today's results
(decision_check.py): a decision whose situation changed is stale and is not applied. 超出名额
holds the committee's statement, with its reason, when a decision takes a grade beyond its quota.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import Problems
from generator.scheme.policy import Grades
from generator.sheets.id_cells import id_text, name_text
from generator.sheets.layout import report_merged_cells
from generator.sheets.tables import column_letter, normalize_header, read_table, where

ID_HEADERS = ("编号", "工号", "人员编号", "身份证号")
BASIS = "所决事项"
EXCEED = "超出名额"


@dataclass(frozen=True)
class Decision:
    id: str
    name: str
    grade: str
    reason: str
    row: int
    place: str
    basis: str | None = None  # 所决事项 as written; None when the file has no such column or the cell is empty
    exceed: str = ""  # 超出名额: the committee's statement and reason, when it exceeds a quota
    basis_place: str = ""


def load_decisions(path: Path, shown: str, id_header: str, grades: Grades | None, problems: Problems) -> list[Decision]:
    table = read_table(path, shown, problems)
    if table is None or not table.rows:
        return []
    header = {normalize_header(c.value): c.column for c in table.rows[0]}
    id_col = header.get(id_header) or next((header[h] for h in ID_HEADERS if h in header), None)
    grade_col, reason_col, name_col = header.get("等次"), header.get("理由"), header.get("姓名")
    basis_col, exceed_col = header.get(BASIS), header.get(EXCEED)
    if id_col is None or grade_col is None or reason_col is None:
        problems.add(shown, 1, None, "decision-invalid", f"决定文件的表头须有「{id_header}」「等次」「理由」三列，并应有「{BASIS}」列（记录所决定的并列或原等次）。", where=where(table, 1))
        return []
    named = [*grades.order, grades.no_grade] if grades else []  # as the scheme lists them, high to low
    allowed = set(named)
    decisions: list[Decision] = []
    first_row: dict[str, int] = {}
    for cells in table.rows[1:]:
        by = {c.column: c.value.strip() for c in cells}
        if not any(by.values()):
            continue
        row = cells[0].row
        pid, grade, reason = id_text(by.get(id_col, "")), by.get(grade_col, ""), by.get(reason_col, "")
        if not pid or not reason:
            col = id_col if not pid else reason_col
            problems.add(shown, row, column_letter(col), "decision-invalid", "每条决定都要有编号和理由（领导小组会议名称、日期）。", where=where(table, row, col))
            continue
        if pid in first_row:
            problems.add(shown, row, column_letter(id_col), "decision-duplicate",
                         f"编号「{pid}」在决定文件中出现两次：第 {first_row[pid]} 行和第 {row} 行。一个人每期只能有一条决定；请删除其中一行。",
                         where=where(table, row, id_col, id_header))
            continue
        first_row[pid] = row
        if grade not in allowed:
            problems.add(shown, row, column_letter(grade_col), "decision-invalid",
                         f"等次「{grade}」不是本考核的等次；请填写 {'、'.join(named)} 之一（照方案的写法，由高到低）。", where=where(table, row, grade_col, "等次"))
            continue
        basis = by.get(basis_col, "") if basis_col else ""
        decisions.append(Decision(
            pid, name_text(by.get(name_col, "")) if name_col else "", grade, reason, row, where(table, row),
            basis or None, by.get(exceed_col, "") if exceed_col else "",
            where(table, row, basis_col, BASIS) if basis_col else where(table, row),
        ))
    if table.merged:  # one 理由 merged over the people of one meeting: only the first row holds it
        report_merged_cells(table, {c: n for n, c in header.items() if n}, {cells[0].row: "" for cells in table.rows[1:] if cells}, problems)
    return decisions
