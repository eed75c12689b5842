"""A decisions workbook's row the office crossed out, hid or wrote in white: what the reader sees is not what the
file decides. A results sheet's struck or hidden row is a warning (the person is read all the same); a decision
changes a grade on the 公示, and one struck through is most likely withdrawn (经复议撤回) — it was applied
silently. Now: struck through → decision-struck-through, an error at its row, not applied (delete the row, or
take the strike away); hidden or filtered out → decision-row-hidden, a warning, applied; a cell in white on no
fill → cell-shows-otherwise, an error, not applied."""

from __future__ import annotations

import io

from generator.core.problems import Severity
from tests.unit.helpers import by_id, grade_sheet, simple_scheme

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}
SCORES = ["95", "93", "93", "91", "80", "70", "50"]  # 好 不超过 30% of 7 = 2: 人1 in, 人2 and 人3 tie at the line
TIE = "并列：全单位「好」名额线 总分 93：2、3"
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
MEETING = "2025年4月3日领导小组会议研究"
ROWS = [["2", "人2", "好", MEETING, TIE], ["3", "人3", "较好", MEETING, TIE]]


def workbook(struck=(), hidden=(), white=()) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "决定"
    for row in [HEADER, *ROWS]:
        ws.append(row)
    for ref in struck:
        ws[ref].font = Font(strike=True)
    for ref in white:
        ws[ref].font = Font(color="FFFFFFFF")
    for row in hidden:
        ws.row_dimensions[row].hidden = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(root, content: bytes):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[str(i + 1), f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    period, problems = grade_sheet(root, data, ["得分"], rows, extra={"Q1.decisions.xlsx": content})
    return period, [p for p in problems.sorted() if p.file.endswith("Q1.decisions.xlsx")]


def test_a_struck_through_decision_is_not_applied(tmp_path):
    period, found = run(tmp_path, workbook(struck=("A2", "B2", "C2", "D2", "E2")))
    assert [(p.line, p.column, p.code, p.severity) for p in found] == [(2, "A", "decision-struck-through", Severity.ERROR)]
    assert "人2" in found[0].message and "删除线" in found[0].message and "没有生效" in found[0].message
    people = by_id(period)
    assert (people["2"].decided, people["2"].status) == (False, "tied")
    assert people["3"].decided  # the other row stands


def test_only_the_grade_struck_is_as_much(tmp_path):
    _, found = run(tmp_path, workbook(struck=("C3",)))
    assert [(p.line, p.column, p.code) for p in found] == [(3, "C", "decision-struck-through")]


def test_a_hidden_decision_is_applied_with_a_warning(tmp_path):
    period, found = run(tmp_path, workbook(hidden=(3,)))
    assert [(p.line, p.code, p.severity) for p in found] == [(3, "decision-row-hidden", Severity.WARNING)]
    assert by_id(period)["3"].decided


def test_a_grade_in_white_is_not_applied(tmp_path):
    period, found = run(tmp_path, workbook(white=("C2",)))
    assert [(p.line, p.column, p.code) for p in found] == [(2, "C", "cell-shows-otherwise")]
    assert not by_id(period)["2"].decided


def test_a_plain_workbook_is_applied(tmp_path):
    period, found = run(tmp_path, workbook())
    assert found == []
    assert by_id(period)["2"].decided and by_id(period)["3"].decided
