"""No vacuous roll-up gates over zero graded periods; overrides that move an entered grade are
listed by check (issue 11, points 6 and 7)."""

from __future__ import annotations

from decimal import Decimal

from generator.core.problems import Severity
from tests.unit.helpers import assessment, by_id, grade_sheet, item, make_project, people_csv, run, scheme, simple_scheme

HALF_GRADES = {"order": ["优秀", "称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "below": 90}]}
GATE = {"kind": "gate", "grade": "优秀", "requires": '次数("优秀") * 2 >= 期数()', "reason": "半年考核一半以上为优秀的，方可评为年度优秀"}


def rollup(root, gate):
    half = assessment(
        [item("df", "得分", 100)], code="bn", name="半年考核", period="半年", grades=HALF_GRADES,
        inputs=[{"name": "试用期", "type": "yesno"}],
        overrides=[{"kind": "no_grade", "when": "试用期", "reason": "试用期内不确定等次"}],
    )
    annual = assessment([item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})],
                        code="nd", name="年度考核", period="年度", rolls_up="bn", results_optional=True, grades=HALF_GRADES, overrides=[gate])
    sheets = {  # 甲: both halves in 试用期 (scores kept, no grade); 乙: both 优秀
        "H1.csv": people_csv([["1", "甲", "办公室", "92", "是"], ["2", "乙", "办公室", "95", ""]], ["得分", "试用期"]),
        "H2.csv": people_csv([["1", "甲", "办公室", "95", "是"], ["2", "乙", "办公室", "91", ""]], ["得分", "试用期"]),
    }
    make_project(root, scheme(half, annual), sheets)
    _, periods, problems = run(root)
    return by_id(next(p for p in periods if p.label == "Y")), problems


def test_gate_over_zero_graded_periods_does_not_pass(tmp_path):
    year, problems = rollup(tmp_path, GATE)
    assert (year["1"].total, year["1"].band_grade, year["1"].grade) == (Decimal("93.50"), "优秀", "称职")  # mean of 92 and 95
    assert year["2"].grade == "优秀"
    found = [p for p in problems.sorted() if p.code == "gate-no-periods"]
    assert [(p.severity, "甲" in p.message) for p in found] == [(Severity.WARNING, True)]
    assert "没有一期已定等次" in year["1"].trace[-1].text


def test_scheme_may_declare_that_it_passes(tmp_path):
    year, problems = rollup(tmp_path, {**GATE, "no_periods": "passes"})
    assert year["1"].grade == "优秀"
    assert "gate-no-periods" not in [p.code for p in problems.sorted()]


def test_override_moving_an_entered_grade_is_listed(tmp_path):
    grades = {"order": ["优秀", "称职", "不称职"], "entered": "拟定等次"}
    overrides = [{"kind": "force", "grade": "不称职", "when": "旷工", "reason": "无故旷工的，确定为不称职"}]
    data = simple_scheme(grades=grades, overrides=overrides, inputs=[{"name": "拟定等次", "type": "text"}, {"name": "旷工", "type": "yesno"}])
    period, problems = grade_sheet(tmp_path, data, ["得分", "拟定等次", "旷工"],
                                   [["1", "张三", "办公室", "95", "优秀", "是"], ["2", "李四", "办公室", "95", "优秀", ""]])
    found = [p for p in problems.sorted() if p.code == "override-moves-grade"]
    assert [(p.line, p.severity) for p in found] == [(2, Severity.INFO)]
    assert "张三" in found[0].message and "「优秀」" in found[0].message and "「不称职」" in found[0].message and "无故旷工" in found[0].message
    assert "E列「拟定等次」" in found[0].place()
    assert not problems.has_errors() and problems.warnings == []
    assert by_id(period)["1"].grade == "不称职"


def test_an_empty_entered_grade_is_an_error_at_its_cell_unless_a_rule_takes_the_person_out(tmp_path):
    """A blank 拟定等次 once left the person 未评定等次, off the 公示 and the quotas, check passing."""
    grades = {"order": ["优秀", "称职", "不称职"], "entered": "拟定等次"}
    overrides = [{"kind": "no_grade", "when": "试用期", "reason": "试用期内不确定等次"}]
    data = simple_scheme(grades=grades, overrides=overrides, inputs=[{"name": "试用期", "type": "yesno"}])
    period, problems = grade_sheet(tmp_path, data, ["得分", "拟定等次", "试用期"],
                                   [["1", "张三", "办公室", "95", "", ""], ["2", "李四", "办公室", "95", "", "是"],
                                    ["3", "王五", "办公室", "95", "称职", ""]])
    found = [p for p in problems.sorted() if p.code == "missing-value"]
    assert [(p.line, p.column, p.severity) for p in found] == [(2, "E", Severity.ERROR)]
    assert "张三" in found[0].message and "「拟定等次」为空" in found[0].message and "E列「拟定等次」" in found[0].place()
    people = by_id(period)
    assert (people["1"].status, people["2"].status, people["3"].grade) == ("incomplete", "no_grade", "称职")


def test_explain_for_a_rollup_without_its_sheet_says_how_to_have_it(tmp_path, capsys):
    """A yearly roll-up with no 年度 sheet and no results_optional is not computed: explain said only
    that there were no results for Y."""
    from generator import cli

    half = assessment([item("df", "得分", 100)], code="bn", name="半年考核", period="半年", grades=HALF_GRADES)
    annual = assessment([item("ps", "平时", 100, score={"kind": "period_score"})], code="nd", name="年度考核", period="年度",
                        rolls_up="bn", grades=HALF_GRADES)
    root = make_project(tmp_path, scheme(half, annual), {"H1.csv": people_csv([["1", "甲", "办公室", "92"]], ["得分"])})
    assert cli.main(["-C", str(root), "explain", "t1", "2025-年度", "1"]) == 2
    said = capsys.readouterr()
    text = said.out + said.err
    assert "「年度考核」由各期汇总" in text and "results_optional: true" in text and "年度.xlsx" in text


def test_someone_in_every_period_left_out_of_the_year_sheet_is_warned_about(tmp_path):
    """A year sheet is the year's roster: a person missing from it was silently not graded for the
    year (and not counted in its quota). Warned when in every period of the year; a joiner or a
    leaver (in only some periods) is not reported."""
    half = assessment([item("df", "得分", 100)], code="bn", name="半年考核", period="半年", grades=HALF_GRADES)
    annual = assessment([item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})],
                        code="nd", name="年度考核", period="年度", rolls_up="bn", grades=HALF_GRADES, inputs=[{"name": "试用期", "type": "yesno"}])
    everyone = [["1", "甲", "办公室", "92"], ["2", "乙", "办公室", "95"], ["3", "丙", "办公室", "80"]]
    sheets = {
        "H1.csv": people_csv([*everyone, ["4", "丁", "办公室", "70"]], ["得分"]),  # 丁 leaves after H1
        "H2.csv": people_csv([*everyone, ["5", "戊", "办公室", "85"]], ["得分"]),  # 戊 joins in H2
        "Y.csv": people_csv([["1", "甲", "办公室", ""], ["2", "乙", "办公室", ""]], ["试用期"]),  # 丙 forgotten
    }
    make_project(tmp_path, scheme(half, annual), sheets)
    _, periods, problems = run(tmp_path)
    [problem] = problems.sorted()
    assert (problem.code, problem.severity, problem.file) == ("person-missing-from-year", Severity.WARNING, "content/ag/t1/2025/Y.csv")
    assert problem.message.startswith("丙（3）在本年各期（2025年上半年、2025年下半年）的成绩表中都有，但不在本表中：年度考核不计算此人")
    assert set(by_id(next(p for p in periods if p.label == "Y"))) == {"1", "2"}


def test_a_year_with_a_period_s_sheet_absent_is_warned_about_once(tmp_path):
    """H1 and Y present, H2 not yet: with missing: skip the year was graded on H1 alone, silently. A year
    without a sheet of its own (results_optional) is a year in progress: not reported."""
    half = assessment([item("df", "得分", 100)], code="bn", name="半年考核", period="半年", grades=HALF_GRADES)
    annual = assessment([item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})],
                        code="nd", name="年度考核", period="年度", rolls_up="bn", results_optional=True, grades=HALF_GRADES, inputs=[{"name": "试用期", "type": "yesno"}])
    h1 = people_csv([["1", "甲", "办公室", "92"], ["2", "乙", "办公室", "80"]], ["得分"])
    make_project(tmp_path / "progress", scheme(half, annual), {"H1.csv": h1})
    assert run(tmp_path / "progress")[2].sorted() == []
    make_project(tmp_path, scheme(half, annual), {"H1.csv": h1, "Y.csv": people_csv([["1", "甲", "办公室", ""], ["2", "乙", "办公室", ""]], ["试用期"])})
    _, periods, problems = run(tmp_path)
    [problem] = problems.sorted()
    assert (problem.code, problem.severity, problem.file) == ("rollup-period-absent", Severity.WARNING, "content/ag/t1/2025")
    assert "2025年年度考核汇总半年考核的各期，但 content/ag/t1/2025/ 中没有下半年（H2）的成绩表" in problem.message
    assert by_id(next(p for p in periods if p.label == "Y"))["1"].total == Decimal("92.00")


def test_a_year_without_its_sheet_published_with_a_period_absent_is_warned_about(tmp_path):
    """A results_optional year is a year in progress until it is to be published: with a 公示 set for it
    and H2 not there, its 公示 listed the year's 优秀 from H1 alone, and kaohe check said nothing."""
    half = assessment([item("df", "得分", 100)], code="bn", name="半年考核", period="半年", grades=HALF_GRADES)
    annual = assessment([item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})],
                        code="nd", name="年度考核", period="年度", rolls_up="bn", results_optional=True, grades=HALF_GRADES)
    h1 = people_csv([["1", "甲", "办公室", "92"], ["2", "乙", "办公室", "80"]], ["得分"])
    make_project(tmp_path, scheme(half, annual), {"H1.csv": h1, "Y.notice.yaml": "start: 2025-12-22\n"})
    _, _, problems = run(tmp_path)
    assert [(p.code, p.severity) for p in problems.sorted()] == [("rollup-period-absent", Severity.WARNING)]
