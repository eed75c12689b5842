"""A committee that decided a tie at a quota line decided it for the places left at that line: three
tied for one place, one 好. When the quota grows (people added to the base, a share corrected) and two
places are left for the same three, the decision was made on a premise that no longer holds; it was
applied unchanged, one place left unused without anyone deciding so. 所决事项 now records the places
left (…，余 1 个名额：…), so that decision is stale; a 所决事项 written without them (older files) is
still compared as before."""

from __future__ import annotations

from tests.unit.helpers import by_id, csv_text, grade_sheet, simple_scheme

GRADES = {"order": ["好", "较好", "一般"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}]}
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
MEETING = "经2025年4月3日领导小组会议研究"
SEVEN = ["95", "93", "93", "93", "80", "70", "50"]  # 好 ≤ 30 % of 7 = 2: 0001 in, 0002–0004 tied for the 1 left
TEN = SEVEN + ["65", "64", "63"]  # of 10 = 3: the same three tied for 2


def run(root, scores, basis):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(scores)]
    decisions = [["0002", "人2", "好", MEETING, basis], ["0003", "人3", "较好", MEETING, basis], ["0004", "人4", "较好", MEETING, basis]]
    return grade_sheet(root, data, ["得分"], rows, extra={"Q1.decisions.csv": csv_text(HEADER, decisions)})


def test_the_tie_warning_says_how_many_places_are_left(tmp_path):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SEVEN)]
    _, problems = grade_sheet(tmp_path, data, ["得分"], rows)
    tie = next(p for p in problems.sorted() if p.code == "tie-at-quota-line")
    assert "并列：全单位「好」名额线 总分 93.00，余 1 个名额：0002、0003、0004" in tie.message  # at the total's places


def test_a_decision_made_for_one_place_is_stale_when_two_are_left(tmp_path):
    basis = "并列：全单位「好」名额线 总分 93，余 1 个名额：0002、0003、0004"
    period, problems = run(tmp_path / "a", SEVEN, basis)
    assert [p.format() for p in problems.sorted()] == []
    assert [by_id(period)[i].grade for i in ("0002", "0003", "0004")] == ["好", "较好", "较好"]
    period, problems = run(tmp_path / "b", TEN, basis)
    stale = [p for p in problems.sorted() if p.code == "decision-stale"]
    assert [p.line for p in stale] == [2, 3, 4]
    assert "余 2 个名额" in stale[0].message
    assert by_id(period)["0003"].decided is False and period.held


def test_a_basis_written_without_the_places_is_compared_as_before(tmp_path):
    period, problems = run(tmp_path, TEN, "并列：全单位「好」名额线 总分 93.00：0002、0003、0004")
    assert [p.code for p in problems.sorted()] == []
    assert by_id(period)["0002"].grade == "好"


def test_places_and_scores_typed_in_full_width_are_the_same(tmp_path):
    period, problems = run(tmp_path, SEVEN, "并列：全单位「好」名额线 总分 ９３，余 １ 个名额：０００２、0003、0004")
    assert [p.code for p in problems.sorted()] == []
    assert by_id(period)["0002"].grade == "好"
