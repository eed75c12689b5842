"""A decision on a tie at a quota line (or on the candidates a quota ranked) decides who gets the quota's
grade: each of them gets it or the grade just below, the one the quota gives those it leaves out. A
decision giving such a person a grade two below (人3 at the 好 line made 一般) or above the quota's (a tie
at the 较好 line made 好) decides what the tie was never about; it was applied, and the 公示 showed it."""

from __future__ import annotations

import pytest

from tests.unit.helpers import by_id, csv_text, grade_sheet, simple_scheme

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}
SCORES = ["95", "93", "93", "91", "80", "70", "50"]  # 好 不超过 30% of 7 = 2: 人1 in, 人2 and 人3 tie at the line
TIE = "并列：全单位「好」名额线 总分 93.00，余 1 个名额：2、3"
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
MEETING = "2025年4月3日领导小组会议研究"


def run(root, decisions):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[str(i + 1), f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    return grade_sheet(root, data, ["得分"], rows, extra={"Q1.decisions.csv": csv_text(HEADER, decisions)})


@pytest.mark.parametrize("grade", ["好", "较好"])
def test_a_tie_decided_within_its_two_grades_applies(tmp_path, grade):
    other = "较好" if grade == "好" else "好"
    period, problems = run(tmp_path, [["2", "人2", other, MEETING, TIE], ["3", "人3", grade, MEETING, TIE]])
    assert problems.sorted() == []
    assert by_id(period)["3"].grade == grade


def test_a_tie_decided_two_grades_down_is_refused_at_its_grade_cell(tmp_path):
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE], ["3", "人3", "一般", MEETING, TIE]])
    found = [(p.line, p.column, p.code) for p in problems.sorted() if p.file.endswith("decisions.csv")]
    assert found == [(3, "C", "decision-beyond-cause")]
    message = next(p.message for p in problems.sorted() if p.code == "decision-beyond-cause")
    assert all(w in message for w in ("人3（3）", "「好」", "「较好」", "「一般」")), message
    person = by_id(period)["3"]
    assert person.grade != "一般" and not person.decided


def test_a_tied_person_set_to_no_grade_is_its_own_cause(tmp_path):
    # 立案调查 known only after the tie: 不确定等次 is no grade the tie decides, and the committee may set it
    period, problems = run(tmp_path, [["2", "人2", "好", MEETING, TIE], ["3", "人3", "不确定等次", MEETING, TIE]])
    assert [p.code for p in problems.sorted() if p.file.endswith("decisions.csv")] == []
    assert by_id(period)["3"].status == "no_grade"
