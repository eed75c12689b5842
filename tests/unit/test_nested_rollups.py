"""A roll-up of roll-ups (月 → 季度 → 年度): a quarter averages its own three months, not the year's; the
year reads the quarters. And a 多选 column (type: choices) in a condition: compared with a text it was
never (==) or always (!=) true whatever the sheet said; now refused, read by its bare name or 包含()."""

from __future__ import annotations

import pytest

from tests.unit.helpers import GRADES_4, assessment, by_id, codes, item, make_project, people_csv, run, scheme
from tests.unit.test_problem_codes import check_text, where
from tests.unit.three_ways import compare

MONTHS = {"M01": 90, "M02": 80, "M03": 70, "M04": 60, "M05": 100, "M06": 95}


def _three_levels(**year_kw) -> dict:
    months = assessment([item("df", "得分", 100)], code="yd", name="月度考核", period="月")
    quarters = assessment([item("yj", "月均", 100, score={"kind": "period_score", "missing": "skip"})], code="jd", name="季度考核",
                          period="季度", rolls_up="yd", results_optional=True, grades=GRADES_4)
    year = assessment([item("pj", "季度平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="jd", results_optional=True, **year_kw)
    return scheme(months, quarters, year)


def _graded(tmp_path, scheme_data, months=MONTHS):
    files = {f"{label}.csv": people_csv([["01", "张三", "办公室", score]], ["得分"]) for label, score in months.items()}
    make_project(tmp_path, scheme_data, files)
    _, periods, problems = run(tmp_path)
    return {p.label: p for p in periods}, problems


def test_a_quarter_averages_its_own_months_and_the_year_its_quarters(tmp_path):
    periods, problems = _graded(tmp_path, _three_levels(overrides=[{"kind": "force", "grade": "较差", "when": '次数("较差") >= 1', "reason": "有一个季度较差"}],
                                                        grades=GRADES_4))
    assert codes(problems) == [c for c in codes(problems) if c == "encoding-used"]
    assert sorted(periods) == ["M01", "M02", "M03", "M04", "M05", "M06", "Q1", "Q2", "Y"]  # no Q3/Q4: they have no month
    q1, q2 = by_id(periods["Q1"])["01"], by_id(periods["Q2"])["01"]
    assert (str(q1.total), q1.grade) == ("80.00", "较好")  # (90 + 80 + 70) / 3, not the six months' 82.5
    assert (str(q2.total), q2.grade) == ("85.00", "较好")  # (60 + 100 + 95) / 3
    year = by_id(periods["Y"])["01"]
    assert str(year.total) == "82.50" and year.grade == "较好"  # the quarters' 80 and 85, none 较差
    assert compare(periods.values())["compiled"] >= 9


def test_a_quarter_without_months_is_not_made_and_a_year_still_is(tmp_path):
    periods, _ = _graded(tmp_path, _three_levels(), {"M04": 70})
    assert sorted(periods) == ["M04", "Q2", "Y"]
    assert str(by_id(periods["Y"])["01"].total) == "70.00"


ROLLUP_BASE = """\
format: kaohe/1
code: t1
name: 测试方案
issuer: 测试局
version: "1"
effective_year: 2025
assessed: 全体人员
assessments:
  - code: nd
    name: 年度考核
    period: 年度
    items:
      - {code: df, name: 得分, max: 100}
  - code: jd
    name: 季度考核
    period: 季度
    rolls_up: nd
    results_optional: true
    items:
      - code: yj
        name: 汇总
        max: 100
        score: {kind: period_score}
"""


def test_a_roll_up_of_a_period_as_long_or_longer_is_refused_at_rolls_up():
    problems = check_text(ROLLUP_BASE)
    assert where(problems) == [(17, 15, "bad-value")]
    assert "只能汇总更短的考核期" in problems.sorted()[0].message


def test_periods_of_a_quarterly_roll_up_outside_some_quarter_are_refused():
    text = (ROLLUP_BASE.replace("period: 年度", "period: 月").replace("code: nd\n    name: 年度考核", "code: yd\n    name: 月度考核")
            .replace("rolls_up: nd", "rolls_up: yd").replace("{kind: period_score}", "{kind: period_score, periods: [M01, M02]}"))
    problems = check_text(text)
    assert where(problems) == [(23, 46, "bad-value")]
    assert "M01、M02 不在「季度考核」的每一期之内" in problems.sorted()[0].message


CHOICES = """\
format: kaohe/1
code: t1
name: 测试方案
issuer: 测试局
version: "1"
effective_year: 2025
assessed: 全体人员
inputs:
  - {name: 否决情形, type: choices, choices: [受处分, 酒驾]}
assessments:
  - code: nd
    name: 年度考核
    period: 年度
    items:
      - {code: df, name: 得分, max: 100}
    grades:
      order: [优秀, 称职, 不称职]
      bands:
        - {grade: 优秀, at_least: 90}
        - {grade: 称职, at_least: 60, below: 90}
        - {grade: 不称职, below: 60}
    overrides:
      - kind: force
        grade: 不称职
        when: WHEN
        reason: 一票否决
"""


@pytest.mark.parametrize("when", ['否决情形 != ""', '否决情形 == "酒驾"', '\'"受处分" == 否决情形 或 得分 < 0\''])
def test_a_choices_column_compared_with_a_text_is_refused_at_the_condition(when):
    problems = check_text(CHOICES.replace("WHEN", when))
    assert where(problems) == [(25, 15, "bad-formula")]
    message = problems.sorted()[0].message
    assert "「否决情形」是可填多项的列" in message and "when: 否决情形" in message and '包含(否决情形, "受处分")' in message


@pytest.mark.parametrize("when, vetoed", [("否决情形", {"02", "03"}), ('包含(否决情形, "酒驾")', {"03"}), ("非 否决情形", {"01"})])
def test_a_choices_column_read_by_its_name_or_by_contains(tmp_path, when, vetoed):
    import yaml

    data = yaml.safe_load(CHOICES.replace("WHEN", f"'{when}'"))
    rows = [["01", "张三", "办公室", 95, ""], ["02", "李四", "办公室", 95, "受处分"], ["03", "王五", "财务科", 95, "受处分、酒驾"]]
    make_project(tmp_path, data, {"Y.csv": people_csv(rows, ["得分", "否决情形"])})
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.code != "encoding-used"] == []
    assert {p.id for p in periods[0].people if p.grade == "不称职"} == vetoed
    assert compare(periods)["compiled"] == 3


def test_a_closed_year_of_quarters_names_the_month_sheet_that_changed_it(tmp_path, capsys):
    """The year reads the months through the quarters: a month edited after the year was closed is named as
    the cause (it was 「成绩文件未变…原因不明」, the year's context holding only the quarters, which have no files)."""
    from generator.cli import main

    _graded(tmp_path, _three_levels(grades=GRADES_4))
    for label in ("M01", "M02", "M03", "M04", "M05", "M06", "Q1", "Q2", "Y"):  # each level after those it reads (close refuses otherwise)
        assert main(["-C", str(tmp_path), "close", "t1", f"2025-{label}", "--agency", "ag"]) == 0, label
    month = tmp_path / "content/ag/t1/2025/M05.csv"
    month.write_text(month.read_text(encoding="utf-8").replace(",100", ",40"), encoding="utf-8")
    capsys.readouterr()
    assert main(["-C", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "[period-frozen-changed]" in out and "汇总来源文件有改动（修改了 content/ag/t1/2025/M05.csv）" in out, out


@pytest.mark.parametrize("when, words", [
    ('\'包含(得分, "酒驾")\'', "包含 的第一项「得分」要是可填多项（choices）、选择（choice）或文字（text）列的列名"),
    ("包含(否决情形, 1)", "包含 的第二项要是加英文双引号的文字"),
    ('\'包含(否决情形, "醉驾")\'', "「醉驾」不是「否决情形」的可选值（受处分、酒驾），包含 永远不成立"),
    ("包含(否决情形)", "包含 要写两项"),
])
def test_contains_that_could_never_hold_is_refused_at_the_condition(when, words):
    problems = check_text(CHOICES.replace("WHEN", when))
    assert where(problems) == [(25, 15, "bad-formula")]
    assert words in problems.sorted()[0].message


def test_a_year_sheet_id_unlike_the_months_is_found_through_the_quarters(tmp_path):
    """person-two-ids compared a year sheet with the periods it rolls up directly: through quarters without
    sheets of their own, the months were never looked at."""
    data = _three_levels()
    data["assessments"][2].pop("results_optional")
    make_project(tmp_path, data, {**{f"{label}.csv": people_csv([["01", "张三", "办公室", score]], ["得分"]) for label, score in MONTHS.items()},
                                  "Y.csv": people_csv([["10", "张三", "办公室"]], [])})
    _, _, problems = run(tmp_path)
    twins = [p for p in problems.sorted() if p.code == "person-two-ids"]
    assert len(twins) == 1 and twins[0].file.endswith("Y.csv") and "在2025年度是「10」" in twins[0].message, problems.sorted()


def test_a_quarter_without_its_own_sheet_is_asked_for_by_its_own_file_name(tmp_path, capsys):
    from generator.cli import main

    data = _three_levels()
    data["assessments"][1].pop("results_optional")
    _graded(tmp_path, data)
    assert main(["-C", str(tmp_path), "explain", "t1", "2025-Q1", "01"]) == 2
    err = capsys.readouterr().err
    assert "放一个 2025 年 Q1 的成绩表（如 Q1.xlsx 或 第一季度.xlsx" in err, err


def test_a_middle_level_never_graded_is_one_problem_saying_why(tmp_path):
    """季度考核 rolls up the months but has neither sheets nor results_optional: the year listed one
    period-missing per person and quarter, none saying why; now one problem with the fix, the rest counted on it."""
    data = _three_levels()
    data["assessments"][1].pop("results_optional")
    data["assessments"][2].pop("results_optional")
    files = {f"{label}.csv": people_csv([["01", "张三", "办公室", score], ["02", "李四", "办公室", score]], ["得分"]) for label, score in MONTHS.items()}
    make_project(tmp_path, data, {**files, "Y.csv": people_csv([["01", "张三", "办公室"], ["02", "李四", "办公室"]], [])})
    _, _, problems = run(tmp_path)
    errors = [p for p in problems.sorted() if p.severity.name == "ERROR"]
    assert [(p.file, p.code) for p in errors] == [("content/ag/t1/2025", "period-missing")], errors
    assert "季度考核一期也没有计算：它汇总月度考核，却没有自己的成绩表，也没有写 results_optional: true" in errors[0].message
    assert problems.follow_ons() == {errors[0]: 2}


DAYS = {"M01": 10, "M02": 10, "M03": 5, "M04": 0, "M05": 0, "M06": 8}  # 33 in all; the quarters' last months hold 5 and 8


def _leave_project(root, where: str, without: str | None = None):
    data = _three_levels(grades=GRADES_4, overrides=[{"kind": "no_grade", "when": '合计("病事假天数") > 30', "reason": "病事假累计超过30天"}])
    leave = [{"name": "病事假天数", "type": "number", "min": 0, "places": 0}]
    if where == "scheme":
        data["inputs"] = leave
    else:
        data["assessments"][0]["inputs"] = leave
    files = {f"{label}.csv": people_csv([["01", "张三", "办公室", 90, days]], ["得分", "病事假天数"]) for label, days in DAYS.items()}
    if without:
        files[without] = people_csv([["01", "张三", "办公室", 90]], ["得分"])
    make_project(root, data, files)
    return run(root)


@pytest.mark.parametrize("where", ["scheme", "months"])
def test_a_year_of_quarters_sums_every_month_of_a_column(tmp_path, where):
    """合计("病事假天数") in a year of quarters made of months summed each quarter's row, which is its last
    month's (5 + 8 = 13: graded, silently); the months' own column was refused as not the quarters'."""
    _, periods, problems = _leave_project(tmp_path, where)
    assert [p for p in problems.sorted() if p.severity.name != "INFO"] == []
    year = next(p for p in periods if p.label == "Y")
    assert [(r.status, r.reason) for r in year.people] == [("no_grade", "病事假累计超过30天")]
    from generator.engine.explain import explain_text

    assert "各期「病事假天数」合计 33" in explain_text(year, year.people[0])
    assert compare(periods)["compiled"] == 9


def test_a_month_sheet_without_the_column_the_year_sums_through_the_quarters_is_missing_column(tmp_path):
    _, _, problems = _leave_project(tmp_path, "scheme", without="M02.csv")
    errors = [p for p in problems.sorted() if p.severity.name == "ERROR"]
    assert [(p.file, p.code) for p in errors] == [("content/ag/t1/2025/M02.csv", "missing-column")], errors
    assert '「年度考核」等次规则「病事假累计超过30天」的 合计("病事假天数")' in errors[0].message


def test_the_preview_cache_keeps_that_a_quarter_had_no_sheet(tmp_path):
    """kaohe serve's cache rebuilt each explainer from four fields: a year read back from it summed the
    quarters' last months again in its derivations (合计 13, not 33)."""
    import io

    from generator.engine.explain import explain_text
    from generator.site import serve_cache

    project, periods, _ = _leave_project(tmp_path, "scheme")
    buffer = io.BytesIO()
    serve_cache._Pickler(buffer, {p.label: p for p in periods}).dump(periods)
    again = serve_cache._Unpickler(buffer.getvalue(), project).load()
    year = next(p for p in again if p.label == "Y")
    assert "各期「病事假天数」合计 33" in explain_text(year, year.people[0])


def test_a_year_sheet_with_a_quarter_of_no_month_asks_for_that_quarter_s_month_sheets(tmp_path):
    data = _three_levels()
    data["assessments"][2].pop("results_optional")
    files = {f"{label}.csv": people_csv([["01", "张三", "办公室", score]], ["得分"]) for label, score in MONTHS.items() if label <= "M03"}
    make_project(tmp_path, data, {**files, "Y.csv": people_csv([["01", "张三", "办公室"]], [])})
    _, _, problems = run(tmp_path)
    [absent] = [p for p in problems.sorted() if p.code == "rollup-period-absent"]
    assert "中没有第二季度（Q2）、第三季度（Q3）、第四季度（Q4）各期月度考核的成绩表" in absent.message, absent.message
