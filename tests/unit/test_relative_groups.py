"""Who a score against colleagues counts (relative): the newcomers a scheme keeps out of the 人均 (excluding:), a
person left out under a reweighted parent (missing: reweight), people of another post, and a rank over a group that
did nothing. Each was graded silently wrong or not at all with the check passing."""

from __future__ import annotations

from generator.core.problems import Severity
from tests.unit.helpers import by_id, dump, grade_sheet, handbook_text, item, simple_scheme
from tests.unit.test_problem_codes import check_text


def _relative(inputs=(), **rule) -> dict:
    score = {"kind": "relative", "measure": "完成量", "expr": "完成量", "uses": ["完成量"], **rule}
    data = simple_scheme(items=[item("wc", "工作完成", 50, places=2, score=score)], grades=None)
    if inputs:
        data["inputs"] = list(inputs)
    return data


def _errors(problems):
    return [(p.line, p.code) for p in problems.sorted() if p.severity is Severity.ERROR]


NEW = [{"name": "新录用", "type": "yesno"}]


def test_excluded_people_are_left_out_of_the_average_and_scored_against_it(tmp_path):
    # 本科室人均（新录用人员不计入人均）: 甲 60 + 乙 40 over 2 = 50; 丙 (新录用) 10 is scored against it: 10 × 2 × 30 ÷ 100 = 6
    data = _relative(NEW, to="average", points=30, cap=50, excluding="新录用")
    rows = [["1", "甲", "办公室", "60", "否"], ["2", "乙", "办公室", "40", "否"], ["3", "丙", "办公室", "10", "是"]]
    period, problems = grade_sheet(tmp_path, data, ["完成量", "新录用"], rows)
    assert _errors(problems) == []
    assert {pid: str(p.item("wc").value) for pid, p in by_id(period).items()} == {"1": "36.00", "2": "24.00", "3": "6.00"}
    assert "不计入人均完成量的人员：新录用" in handbook_text(data)


def test_excluding_names_only_declared_columns():
    assert [p.code for p in check_text(dump(_relative(to="average", points=30, cap=50, excluding="新录用"))).sorted()] == ["unknown-name"]
    assert [p.code for p in check_text(dump(_relative(NEW, to="average", points=30, cap=50, excluding="新录用"))).sorted()] == []


def test_everyone_excluded_is_reported_once(tmp_path):
    data = _relative(NEW, to="average", points=30, cap=50, excluding="新录用")
    rows = [["1", "甲", "办公室", "60", "是"], ["2", "乙", "办公室", "40", "是"], ["3", "丙", "财务科", "10", "否"]]
    _, problems = grade_sheet(tmp_path, data, ["完成量", "新录用"], rows)
    assert _errors(problems) == [(2, "missing-value")]


def test_a_rank_over_a_group_that_did_nothing_is_reported_not_full_points(tmp_path):
    # every 完成量 0 in 办公室: each was 1st (10 points) — a column left at 0 read as everyone best
    data = _relative(to="rank", points=10, step=1)
    rows = [["1", "甲", "办公室", "0"], ["2", "乙", "办公室", "0"], ["3", "丙", "财务科", "5"]]
    period, problems = grade_sheet(tmp_path, data, ["完成量"], rows)
    assert _errors(problems) == [(2, "missing-value")]
    assert by_id(period)["3"].item("wc").value == 10 and by_id(period)["1"].item("wc").value is None


def test_a_blank_under_a_reweighted_parent_leaves_the_person_out_of_the_group(tmp_path):
    """Two parts of 40% and 60%, missing: reweight: 丙 (joined late) has no 完成量, so the part is left out
    for him; his blank made the whole 办公室 figure unknown and nobody's part was scored, with no problem."""
    score = {"kind": "relative", "measure": "完成量", "expr": "完成量", "uses": ["完成量"], "to": "average", "points": 100, "cap": 100}
    children = [item("wc", "工作完成", 100, weight="40%", score=score), item("pj", "评价", 100, weight="60%")]
    data = simple_scheme(items=[item("zh", "综合", 100, combine="weighted", missing="reweight", children=children)], places=2)
    rows = [["1", "甲", "办公室", "60", "90"], ["2", "乙", "办公室", "40", "80"], ["3", "丙", "办公室", "", "70"]]
    period, problems = grade_sheet(tmp_path, data, ["完成量", "评价"], rows)
    assert _errors(problems) == []
    people = by_id(period)
    # 办公室 人均 (60 + 40) ÷ 2 = 50: 甲 120 → capped 100, 乙 80; 丙 评价 only
    assert {pid: str(p.total) for pid, p in people.items()} == {"1": "94.00", "2": "80.00", "3": "70.00"}
    from tests.unit.three_ways import compare

    compare([period])  # the compiled grader, where it grades, agrees to the digit


def test_a_relative_item_of_one_post_compares_that_post_only(tmp_path):
    """A 业务岗 item 办案数 ÷ 本部门人均: the 综合岗 colleagues of the department have no such column filled in."""
    score = {"kind": "relative", "measure": "办案数", "expr": "办案数", "uses": ["办案数"], "to": "best", "points": 50}
    data = simple_scheme(items=[item("gw", "岗位业绩", 50, by_post=True)], grades=None)
    data["people"] = {"post": "岗位"}
    data["posts"] = [{"name": "业务岗", "items": [item("ba", "办案", 50, score=score)]},
                     {"name": "综合岗", "items": [item("zw", "综合事务", 50)]}]
    rows = [["1", "甲", "办公室", "业务岗", "20", ""], ["2", "乙", "办公室", "业务岗", "10", ""], ["3", "丙", "办公室", "综合岗", "", "45"]]
    period, problems = grade_sheet(tmp_path, data, ["岗位", "办案数", "综合事务"], rows)
    assert _errors(problems) == []
    assert {pid: str(p.total) for pid, p in by_id(period).items()} == {"1": "50.00", "2": "25.00", "3": "45.00"}


def test_the_explanation_says_who_the_average_left_out(tmp_path):
    from generator.engine.explain import explain_text

    data = _relative(NEW, to="average", points=30, cap=50, excluding="新录用")
    rows = [["1", "甲", "办公室", "60", "否"], ["2", "乙", "办公室", "40", "否"], ["3", "丙", "办公室", "10", "是"]]
    period, _ = grade_sheet(tmp_path, data, ["完成量", "新录用"], rows)
    words = explain_text(period, by_id(period)["3"])
    assert "本人属此情形，不计入，与其余人员比较" in words and "本部门 2 人完成量之和 100" in words
    assert "本人属此情形" not in explain_text(period, by_id(period)["1"])


def test_an_empty_excluding_is_refused_in_chinese():
    found = check_text(dump(_relative(NEW, to="average", points=30, cap=50, excluding=" "))).sorted()
    assert [p.code for p in found] == ["bad-value"] and "excluding 是空的" in found[0].message


def test_against_the_best_with_people_left_out_needs_a_cap():
    """丙 (新录用, 90) is not in 办公室's best (60): 90 ÷ 60 × 40 = 60 points on an item of 50."""
    found = check_text(dump(_relative(NEW, to="best", points=40, excluding="新录用"))).sorted()
    assert [p.code for p in found] == ["bad-value"] and "请写 cap" in found[0].message
    assert check_text(dump(_relative(NEW, to="best", points=40, cap=40, excluding="新录用"))).sorted() == []


def test_a_rank_with_people_left_out(tmp_path):
    # 甲 50, 乙 40 ranked; 丙 (新录用) 40 is placed among them (2nd, beside 乙) and pushes nobody down; 丁 20 is 3rd, not 4th
    from generator.engine.explain import explain_text

    data = _relative(NEW, to="rank", points=10, step=2, excluding="新录用")
    rows = [["1", "甲", "办公室", "50", "否"], ["2", "乙", "办公室", "40", "否"], ["3", "丙", "办公室", "40", "是"], ["4", "丁", "办公室", "20", "否"]]
    period, problems = grade_sheet(tmp_path, data, ["完成量", "新录用"], rows)
    assert _errors(problems) == []
    assert {pid: str(p.item("wc").value) for pid, p in by_id(period).items()} == {"1": "10.00", "2": "8.00", "3": "8.00", "4": "6.00"}
    words = explain_text(period, by_id(period)["3"])
    assert "不计入完成量排名的人员：新录用；本人属此情形" in words and "排第 2 名（与另 1 人并列）" in words
    assert "不参加" not in handbook_text(data) and "不计入完成量排名的人员：新录用" in handbook_text(data)
