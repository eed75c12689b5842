"""A committee decision on a person the scheme's own rule leaves without a grade (新录用试用期, 病事假过半,
受记过处分期间): the law withholds the grade, so no meeting can give one — the decision is refused at its
row and the person stays 不确定等次. Only a rule the scheme marks `decided_later` (立案调查 尚未结案:
结案后补定等次) may be graded by a decision."""

from __future__ import annotations

from tests.unit.helpers import by_id, csv_text, grade_sheet, simple_scheme

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}
INPUTS = [{"name": "试用期", "type": "yesno"}, {"name": "立案调查", "type": "yesno"}]
PROBATION = {"kind": "no_grade", "when": "试用期", "reason": "新录用人员试用期内不确定等次"}
INQUIRY = {"kind": "no_grade", "when": "立案调查", "label": "暂不定等次", "reason": "立案调查尚未结案的，暂不定等次，结案后补定", "decided_later": True}
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
MEETING = "2025年4月3日领导小组会议研究"


def run(root, decisions, overrides=(PROBATION, INQUIRY)):
    data = simple_scheme(grades=GRADES, inputs=INPUTS, overrides=list(overrides), places=2)
    rows = [["1", "张三", "办公室", "95", "是", ""], ["2", "李四", "办公室", "80", "", "是"], ["3", "王五", "办公室", "70", "", ""]]
    extra = {"Q1.decisions.csv": csv_text(HEADER, decisions)}
    return grade_sheet(root, data, ["得分", *(i["name"] for i in INPUTS)], rows, extra=extra)


def test_a_decision_grading_a_probationer_is_refused_at_its_row(tmp_path):
    period, problems = run(tmp_path, [["1", "张三", "好", MEETING, "原为：不确定等次"]])
    found = [(p.file, p.line, p.column, p.code) for p in problems.sorted()]
    assert found == [("content/ag/t1/2025/Q1.decisions.csv", 2, "C", "decision-against-rule")]
    message = problems.sorted()[0].message
    assert all(w in message for w in ("张三（1）", "新录用人员试用期内不确定等次", "试用期", "好", "删除这一行")), message
    person = by_id(period)["1"]
    assert (person.status, person.grade, person.decided) == ("no_grade", None, False)


def test_a_decision_settling_a_grade_the_rule_allows_later_is_applied(tmp_path):
    # 立案调查 结案后补定: the scheme says so (decided_later), as the demo's s003-p3 does for 暂不定档次
    period, problems = run(tmp_path, [["2", "李四", "较好", "2025年4月3日结案，经领导小组会议研究补定", "原为：暂不定等次"]])
    assert problems.sorted() == []
    person = by_id(period)["2"]
    assert (person.status, person.grade, person.decided) == ("graded", "较好", True)


def test_without_decided_later_the_same_settling_is_refused_and_says_how(tmp_path):
    inquiry = {k: v for k, v in INQUIRY.items() if k != "decided_later"}
    period, problems = run(tmp_path, [["2", "李四", "较好", MEETING, "原为：暂不定等次"]], overrides=(PROBATION, inquiry))
    assert [(p.line, p.code) for p in problems.sorted()] == [(2, "decision-against-rule")]
    assert "decided_later: true" in problems.sorted()[0].message
    assert by_id(period)["2"].status == "no_grade"


def test_a_decision_confirming_no_grade_is_no_error(tmp_path):
    # writing down what the rule already gives changes nothing and withholds nothing
    period, problems = run(tmp_path, [["1", "张三", "不确定等次", MEETING, "原为：不确定等次"]])
    assert [p.code for p in problems.sorted() if p.severity.name == "ERROR"] == []
    assert by_id(period)["1"].status == "no_grade"


# --- a decided grade is still held to the scheme's caps, forced grades and gates (s003-p3's A5: 补定为 A 的
# 须符合「受警告处分期间不得确定为 A 档次」): the no_grade rule stopped the rest, and the decision was applied as written

WARNED = {"kind": "cap", "grade": "较好", "when": "警告处分", "reason": "受警告处分期间不得评为好"}


def run_capped(root, decisions):
    inputs = [*INPUTS, {"name": "警告处分", "type": "yesno"}]
    data = simple_scheme(grades=GRADES, inputs=inputs, overrides=[PROBATION, INQUIRY, WARNED], places=2)
    rows = [["1", "张三", "办公室", "95", "", "", ""], ["2", "李四", "办公室", "95", "", "是", "是"], ["3", "王五", "办公室", "70", "", "", ""]]
    extra = {"Q1.decisions.csv": csv_text(HEADER, decisions)}
    return grade_sheet(root, data, ["得分", *(i["name"] for i in inputs)], rows, extra=extra)


def test_a_settled_grade_above_a_cap_the_person_is_under_is_refused(tmp_path):
    period, problems = run_capped(tmp_path, [["2", "李四", "好", "2025年4月3日结案，给予警告处分，经领导小组会议研究补定", "原为：暂不定等次"]])
    found = [(p.line, p.column, p.code) for p in problems.sorted()]
    assert found == [(2, "C", "decision-against-rule")], [p.format() for p in problems.sorted()]
    message = problems.sorted()[0].message
    assert all(w in message for w in ("李四（2）", "受警告处分期间不得评为好", "「较好」")), message
    assert by_id(period)["2"].status == "no_grade"


def test_a_settled_grade_within_the_cap_is_applied(tmp_path):
    period, problems = run_capped(tmp_path, [["2", "李四", "较好", "2025年4月3日结案，给予警告处分，经领导小组会议研究补定", "原为：暂不定等次"]])
    assert problems.sorted() == []
    assert (by_id(period)["2"].status, by_id(period)["2"].grade) == ("graded", "较好")


def test_settling_later_is_refused_when_another_rule_withholds_the_grade_too(tmp_path):
    """李四 立案调查 (decided_later) and 试用期: the first no_grade rule stopped the rest, and the decision grading
    李四 was applied though the probation rule withholds the grade whatever the committee decides."""
    rows = [["1", "张三", "办公室", "95", "", ""], ["2", "李四", "办公室", "80", "是", "是"]]
    data = simple_scheme(grades=GRADES, inputs=INPUTS, overrides=[INQUIRY, PROBATION], places=2)
    extra = {"Q1.decisions.csv": csv_text(HEADER, [["2", "李四", "较好", "2025年4月3日结案，经领导小组会议研究补定", "原为：暂不定等次"]])}
    period, problems = grade_sheet(tmp_path, data, ["得分", *(i["name"] for i in INPUTS)], rows, extra=extra)
    found = [(p.line, p.column, p.code) for p in problems.sorted()]
    assert found == [(2, "C", "decision-against-rule")], [p.format() for p in problems.sorted()]
    assert "新录用人员试用期内不确定等次（条件：试用期）" in problems.sorted()[0].message
    person = by_id(period)["2"]
    assert (person.status, person.status_label, person.grade, person.decided) == ("no_grade", "暂不定等次", None, False)


def test_an_empty_or_broken_approver_is_refused():
    """publicity.approver is printed inside 经……审定 and 须由……决定后再行公示: "" read 经审定 and 须由决定后."""
    from tests.unit.helpers import dump
    from tests.unit.test_problem_codes import check_text

    for approver, codes in (("", ["bad-value"]), ("  ", ["bad-value"]), ("局考核\n委员会", ["bad-value"]), ("局考核委员会", [])):
        data = simple_scheme(grades=GRADES)
        data["publicity"] = {"approver": approver}
        found = check_text(dump(data)).sorted()
        assert [p.code for p in found] == codes, (approver, found)
        assert not codes or "approver（审定机构）要写机构名称" in found[0].message
