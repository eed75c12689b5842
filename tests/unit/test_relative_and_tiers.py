"""relative (a score against colleagues: ÷ 人均 or ÷ 最高, within a department or everyone) and tiers (a figure's band → fixed
points), beyond the court fixture (test_fayuan_hand.py): the other shapes, the average never rounded first, a gap."""

from __future__ import annotations

from generator.core.problems import Severity
from tests.unit.helpers import by_id, grade_sheet, handbook_text, item, simple_scheme


def _relative(**rule) -> dict:
    score = {"kind": "relative", "measure": "完成量", "expr": "完成量", "uses": ["完成量"], **rule}
    return simple_scheme(items=[item("wc", "工作完成", 50, places=2, score=score)], grades=None)


def _totals(tmp_path, data, rows):
    period, problems = grade_sheet(tmp_path, data, ["完成量"], rows)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    return {pid: str(p.item("wc").value) for pid, p in by_id(period).items()}


ROWS = [["1", "甲", "办公室", "50"], ["2", "乙", "办公室", "40"], ["3", "丙", "办公室", "20"], ["4", "丁", "财务科", "30"]]


def test_against_the_best_of_the_department(tmp_path):
    # 本人完成量 ÷ 本科室最高完成量 × 40: 50/50, 40/50, 20/50 of 办公室; 丁 alone in 财务科 is its own best
    assert _totals(tmp_path, _relative(to="best", points=40), ROWS) == {"1": "40.00", "2": "32.00", "3": "16.00", "4": "40.00"}


def test_against_everyone_s_average(tmp_path):
    # sum 140 of 4 people: 50 × 4 × 30 ÷ 140 = 42.857… → 42.86; 30 × 120 ÷ 140 = 25.714… → 25.71
    assert _totals(tmp_path, _relative(to="average", within="all", points=30, cap=50), ROWS) == {"1": "42.86", "2": "34.29", "3": "17.14", "4": "25.71"}


def test_the_average_is_not_rounded_before_dividing(tmp_path):
    # 办公室 7 + 2 + 1 = 10, 人均 3.333…: 7 ÷ 3.333… × 30 = 63.00 exactly; with the average rounded to 3.33 first it would be 63.06
    data = _relative(to="average", points=30, cap=100)
    data["assessments"][0]["items"][0]["max"] = 100
    rows = [["1", "甲", "办公室", "7"], ["2", "乙", "办公室", "2"], ["3", "丙", "办公室", "1"]]
    assert _totals(tmp_path, data, rows) == {"1": "63.00", "2": "18.00", "3": "9.00"}


def test_the_best_may_not_score_above_the_items_max():
    from tests.unit.helpers import dump
    from tests.unit.test_problem_codes import check_text

    assert [p.code for p in check_text(dump(_relative(to="best", points=40))).sorted()] == []
    assert [p.code for p in check_text(dump(_relative(to="best", points=60))).sorted()] == ["bad-value"]


def test_a_gap_between_tiers_is_found_by_the_scheme_check_before_any_sheet():
    """85%（含）至 90%（不含） left out: a 结案率 of 87 had no tier (graded as a problem on the day a sheet held one)."""
    from tests.unit.helpers import dump
    from tests.unit.test_problem_codes import check_text

    tiers = {"kind": "tiers", "column": "完成率", "unit": "%", "percent": True,
             "tiers": [{"at_least": 90, "points": 10}, {"below": 85, "points": 5}]}
    found = check_text(dump(simple_scheme(items=[item("wcl", "完成率得分", 10, score=tiers)], grades=None))).sorted()
    assert [p.code for p in found] == ["bad-value"] and "没有包括 85%：" in found[0].message, found
    tiers["tiers"] = [{"at_least": 90, "points": 10}, {"at_least": 85, "below": 90, "points": 8}, {"below": 85, "points": 5}]
    assert check_text(dump(simple_scheme(items=[item("wcl", "完成率得分", 10, score=tiers)], grades=None))).sorted() == []


def test_rank_points_with_ties_sharing_the_better_place(tmp_path):
    # 排名第 1 得 10 分，每降一名减 3 分，最低 0 分: 50 → 1st 10; 40, 40 → both 2nd 7; 20 → 4th (not 3rd) 1; 10 → 5th −2 → 0
    data = _relative(to="rank", points=10, step=3)
    rows = [["1", "甲", "办公室", "50"], ["2", "乙", "办公室", "40"], ["3", "丙", "办公室", "40"], ["4", "丁", "办公室", "20"],
            ["5", "戊", "办公室", "10"], ["6", "己", "财务科", "5"]]
    assert _totals(tmp_path, data, rows) == {"1": "10.00", "2": "7.00", "3": "7.00", "4": "1.00", "5": "0.00", "6": "10.00"}
    text = handbook_text(data)
    assert "得分 = 按完成量在本部门内从高到低排名，第 1 名得 10 分，每降一名减 3 分，最低 0 分；完成量相同的名次并列，下一名次顺延" in text
    assert "完成量 = 完成量" not in text


def test_rank_needs_its_step_and_only_rank_takes_one():
    from tests.unit.helpers import dump
    from tests.unit.test_problem_codes import check_text

    assert [p.code for p in check_text(dump(_relative(to="rank", points=10))).sorted()] == ["bad-value"]
    assert [p.code for p in check_text(dump(_relative(to="best", points=10, step=1))).sorted()] == ["bad-value"]


def test_a_roll_up_without_a_sheet_of_its_own_cannot_compare_within_it():
    from tests.unit.helpers import assessment, dump, scheme
    from tests.unit.test_problem_codes import check_text

    month = assessment([item("gz", "工作", 100)], code="yd", name="月度考核", period="月")
    score = {"kind": "relative", "measure": "完成量", "expr": "完成量", "uses": ["完成量"], "to": "best", "points": 40}
    year = assessment([item("wc", "工作完成", 40, score=score)], code="nd", name="年度考核", period="年度", rolls_up="yd", results_optional=True)
    found = check_text(dump(scheme(month, year))).sorted()
    assert [p.code for p in found] == ["bad-value"] and "results_optional" in found[0].message, found


def test_quarters_each_compared_within_their_own_sheet_roll_up_into_the_year(tmp_path):
    """A court's quarterly sheets: each quarter's 人均 is that quarter's own; the year is the mean of the quarters."""
    from tests.unit.helpers import assessment, make_project, people_csv, run, scheme

    score = {"kind": "relative", "measure": "结案数", "expr": "结案数", "uses": ["结案数"], "to": "average", "points": 30, "cap": 36}
    quarter = assessment([item("ba", "办案数量", 36, places=2, score=score)], code="jd", name="季度考核", period="季度")
    year = assessment([item("pj", "季度平均", 36, places=2, score={"kind": "period_score", "combine": "mean"})],
                      code="nd", name="年度考核", period="年度", rolls_up="jd", results_optional=True)
    files = {"Q1.csv": people_csv([["1", "甲", "办公室", "30"], ["2", "乙", "办公室", "10"]], ["结案数"]),   # 人均 20: 45 → 36, 15
             "Q2.csv": people_csv([["1", "甲", "办公室", "20"], ["2", "乙", "办公室", "20"]], ["结案数"])}   # 人均 20: 30, 30
    _, periods, problems = run(make_project(tmp_path, scheme(quarter, year), files))
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    got = {(period.label, p.id): str(p.total) for period in periods for p in period.people}
    assert got == {("Q1", "1"): "36.00", ("Q1", "2"): "15.00", ("Q2", "1"): "30.00", ("Q2", "2"): "30.00",
                   ("Y", "1"): "33.00", ("Y", "2"): "22.50"}


def test_within_a_column_of_the_sheet(tmp_path):
    # 审判团队 一 (50, 10: sum 60, n 2) and 二 (30: alone), across departments: 50 × 2 × 30 ÷ 60 = 50 → cap 40
    data = _relative(to="average", within="审判团队", points=30, cap=40)
    period, problems = grade_sheet(tmp_path, data, ["完成量", "审判团队"],
                                   [["1", "甲", "办公室", "50", "一"], ["2", "乙", "财务科", "10", "一"], ["3", "丙", "办公室", "30", "二"]])
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert {pid: str(p.item("wc").value) for pid, p in by_id(period).items()} == {"1": "40.00", "2": "10.00", "3": "30.00"}
    assert "本人完成量 ÷ 同一审判团队人均完成量 × 30 分" in handbook_text(data)


def test_within_a_typo_of_department_is_named():
    from tests.unit.helpers import dump
    from tests.unit.test_problem_codes import check_text

    found = check_text(dump(_relative(to="best", points=40, within="departmnet"))).sorted()
    assert [p.code for p in found] == ["bad-value"] and "department" in found[0].message, found


def test_a_blank_group_cell_is_reported_not_compared_alone(tmp_path):
    data = _relative(to="average", within="审判团队", points=30, cap=40)
    period, problems = grade_sheet(tmp_path, data, ["完成量", "审判团队"],
                                   [["1", "甲", "办公室", "50", "一"], ["2", "乙", "财务科", "10", ""], ["3", "丙", "办公室", "30", "一"]])
    errors = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR]
    assert errors == [(3, "E", "missing-value")], problems.sorted()
    assert by_id(period)["2"].total is None and str(by_id(period)["1"].item("wc").value) == "37.50"  # 50 × 2 × 30 ÷ 80


def test_rank_takes_no_cap_and_no_floor_above_its_points_and_only_rank_a_floor():
    """A rank's cap was never applied (10 given under 满分 8, the check passing on the cap); a floor above points
    gave everyone the floor; a floor under average or best was ignored."""
    from tests.unit.helpers import dump
    from tests.unit.test_problem_codes import check_text

    capped = _relative(to="rank", points=10, step=3, cap=8)
    capped["assessments"][0]["items"][0]["max"] = 8
    found = check_text(dump(capped)).sorted()
    assert [p.code for p in found] == ["bad-value"] and "cap（8 分）不起作用" in found[0].message, found
    assert check_text(dump(_relative(to="rank", points=10, step=3, cap=10))).sorted() == []  # never binds: no alarm
    found = check_text(dump(_relative(to="rank", points=10, step=3, floor=15))).sorted()
    assert [p.code for p in found] == ["bad-value"] and "floor（最低 15 分）高于 points" in found[0].message, found
    found = check_text(dump(_relative(to="best", points=40, floor=5))).sorted()
    assert [p.code for p in found] == ["bad-value"] and "只与 to: rank" in found[0].message, found
    assert check_text(dump(_relative(to="rank", points=10, step=3, floor=10))).sorted() == []
    assert check_text(dump(_relative(to="best", points=40, floor=0))).sorted() == []  # says nothing: no alarm


def test_a_negative_measure_is_reported_at_its_row_and_its_group_left_ungraded(tmp_path):
    """完成量 - 退回量 below 0: ÷ a sum holding it gave -60 and 50 (capped from 120); ÷ a negative best gave 50."""
    for to in ("average", "best"):
        data = _relative(to=to, points=30, cap=50, expr="完成量 - 退回量", uses=["完成量", "退回量"])
        rows = [["1", "甲", "办公室", "0", "2"], ["2", "乙", "办公室", "3", "2"], ["3", "丙", "财务科", "4", "1"]]
        period, problems = grade_sheet(tmp_path / to, data, ["完成量", "退回量"], rows)
        errors = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR]
        assert errors == [(2, "D", "score-negative")], problems.sorted()
        assert "本人完成量为 -2，小于 0" in problems.sorted()[0].message
        graded = {pid: str(p.item("wc").value) for pid, p in by_id(period).items()}
        assert graded == {"1": "None", "2": "None", "3": "30.00"}, graded  # 财务科 alone: its own measure is its average and best
    # a rank orders a net change below 0 as any other (增长量 -2 behind 1): no problem
    data = _relative(to="rank", points=10, step=3, expr="完成量 - 退回量", uses=["完成量", "退回量"])
    period, problems = grade_sheet(tmp_path / "rank", data, ["完成量", "退回量"], [["1", "甲", "办公室", "0", "2"], ["2", "乙", "办公室", "3", "2"]])
    assert problems.sorted() == [] and {pid: str(p.item("wc").value) for pid, p in by_id(period).items()} == {"1": "7.00", "2": "10.00"}


def test_a_team_written_two_ways_is_reported_not_compared_apart(tmp_path):
    """审判团队 A组 beside Ａ组, a组 and A 组: four teams, three people each compared alone (each given the full 30), silently."""
    data = _relative(to="average", within="审判团队", points=30, cap=60)
    data["assessments"][0]["items"][0]["max"] = 60
    rows = [["1", "甲", "办公室", "50", "A组"], ["2", "乙", "财务科", "10", "Ａ组"], ["3", "丙", "办公室", "30", "a组"],
            ["4", "丁", "办公室", "30", " A组 "], ["5", "戊", "办公室", "30", "A 组"], ["6", "己", "办公室", "20", "B组"]]
    _, problems = grade_sheet(tmp_path, data, ["完成量", "审判团队"], rows)
    found = [(p.line, p.column, p.code) for p in problems.sorted()]
    assert found == [(3, "E", "group-spelled-two-ways"), (4, "E", "group-spelled-two-ways"), (6, "E", "group-spelled-two-ways")], found
    assert "「Ａ组」（1 人）与「A组」（2 人）只差空格、全角半角或大小写" in problems.sorted()[0].message


def test_a_rate_whose_tiers_lie_under_one_percent_is_no_fraction_slip(tmp_path):
    """差错率 0.5% 以下得 10 分: every value under 1 is what the scheme expects (0.2, 0.8 and even 0.5% typed with its sign),
    yet percent-as-fraction stopped the check, telling the office to write 20 for 0.2% — a false alarm with no way past it."""
    tiers = {"kind": "tiers", "column": "差错率", "unit": "%", "percent": True,
             "tiers": [{"at_most": 0.5, "points": 10}, {"above": 0.5, "at_most": 1, "points": 8}, {"above": 1, "points": 5}]}
    rows = [["1", "甲", "办公室", "0.2"], ["2", "乙", "办公室", "0.8"], ["3", "丙", "办公室", "0"], ["4", "丁", "办公室", "0.5%"]]
    period, problems = grade_sheet(tmp_path / "rate", simple_scheme(items=[item("cc", "差错率得分", 10, score=tiers)], grades=None), ["差错率"], rows)
    assert problems.sorted() == [], problems.sorted()
    assert {pid: str(p.item("cc").value) for pid, p in by_id(period).items()} == {"1": "10", "2": "8", "3": "10", "4": "10"}
    # tiers at 90 and 95: a column of fractions is still 95% typed as 0.95
    tiers = {**tiers, "column": "结案率", "tiers": [{"at_least": 95, "points": 10}, {"at_least": 90, "below": 95, "points": 8}, {"below": 90, "points": 5}]}
    rows = [["1", "甲", "办公室", "0.96"], ["2", "乙", "办公室", "0.92"]]
    _, problems = grade_sheet(tmp_path / "share", simple_scheme(items=[item("ja", "结案率得分", 10, score=tiers)], grades=None), ["结案率"], rows)
    assert [(p.line, p.code) for p in problems.sorted()] == [(2, "percent-as-fraction")], problems.sorted()
