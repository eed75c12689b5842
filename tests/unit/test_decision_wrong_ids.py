"""A decision row whose ID is not the person its 姓名 names, as an office mistypes it: another colleague's ID
beside the right name (0003 for 人2, whose ID is 0002), an ID with a zero too many (00002). Neither is applied
by a guess; each is told at the ID cell with the ID the sheet gives that name, and what to do."""

from __future__ import annotations

from tests.unit.helpers import by_id, csv_text, grade_sheet, simple_scheme

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}
SCORES = ["95", "93", "93", "91", "80", "70", "50"]  # 好 不超过 30% of 7 = 2: 人1 in, 人2 and 人3 tie at the line
TIE = "并列：全单位「好」名额线 总分 93：0002、0003"
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
MEETING = "2025年4月3日领导小组会议"


def run(root, decisions):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    return grade_sheet(root, data, ["得分"], rows, extra={"Q1.decisions.csv": csv_text(HEADER, decisions)})


def mine(problems):
    return [(p.line, p.column, p.code) for p in problems.sorted() if p.file.endswith("decisions.csv")]


def test_another_colleagues_id_beside_the_right_name_names_the_right_id(tmp_path):
    period, problems = run(tmp_path, [["0003", "人2", "好", MEETING, TIE], ["0002", "人3", "较好", MEETING, TIE]])
    assert mine(problems) == [(2, "A", "decision-invalid"), (3, "A", "decision-invalid")]
    first = problems.sorted()[0].message if problems.sorted()[0].file.endswith("decisions.csv") else ""
    message = next(p.message for p in problems.sorted() if p.line == 2 and p.file.endswith("decisions.csv"))
    assert "「0003」在成绩表中是「人3」" in message and "「人2」的编号是「0002」" in message and "没有生效" in message, (first, message)
    people = by_id(period)
    assert (people["0002"].decided, people["0003"].decided) == (False, False)


def test_an_id_with_a_zero_too_many_is_not_called_one_that_lost_its_zeros(tmp_path):
    period, problems = run(tmp_path, [["00002", "人2", "好", MEETING, TIE], ["0003", "人3", "较好", MEETING, TIE]])
    found = [(line, code) for line, _, code in mine(problems)]
    assert found[0] == (2, "unknown-person"), found
    message = next(p.message for p in problems.sorted() if p.line == 2 and p.file.endswith("decisions.csv"))
    assert "去掉了前导 0" not in message and "「0002」（人2）" in message and "多了" in message, message
    assert not by_id(period)["0002"].decided


def test_a_note_or_signature_under_the_decisions_is_not_taken_for_one(tmp_path):
    """注：…, 经办人：…, 合计 under the decisions, as an office's table ends: each was told 每条决定都要有编号和理由 at its
    理由 cell, the note's words taken for an ID. A row so worded with a grade in it is still read (and told)."""
    notes = [["注：以上决定经2025年4月3日领导小组会议研究", "", "", "", ""], ["经办人：张三", "", "", "", ""], ["合计", "2人", "", "", ""]]
    period, problems = run(tmp_path, [["0002", "人2", "好", MEETING, TIE], ["0003", "人3", "较好", MEETING, TIE], *notes])
    assert mine(problems) == [], [p.format() for p in problems.sorted()]
    assert by_id(period)["0002"].decided and by_id(period)["0003"].decided
    _, graded = run(tmp_path / "b", [["0002", "人2", "好", MEETING, TIE], ["0003", "人3", "较好", MEETING, TIE], ["注：0004", "人4", "好", "", ""]])
    assert [code for _, _, code in mine(graded)] == ["decision-invalid"]
