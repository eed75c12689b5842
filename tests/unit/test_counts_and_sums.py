"""Rules HR offices write that the language lacked (found writing fixtures/xiangzhen from the guide):

- a penalty per occurrence read from count columns after the items (迟到早退一次扣0.5分，无故缺勤一次扣2分，
  合计最多扣10分): `adjustments: [{kind: penalty, counts: {迟到早退次数: 0.5, 无故缺勤次数: 2}, cap: 10}]`;
- a year's condition over a column of the months' sheets summed (年度内病事假累计超过 30 天的不确定等次):
  合计("病事假天数") > 30, 最大("…"); and a roll-up that may have no sheet of its own naming a column bare
  (it read December's value alone) is a scheme problem.
Each graded by the reference, with words, and compiled (three_ways)."""

from __future__ import annotations

from decimal import Decimal

from generator.core.problems import Severity
from tests.unit.helpers import GRADES_4, assessment, by_id, codes, handbook_text, item, make_project, people_csv, run, scheme, simple_scheme
from tests.unit.three_ways import compare

PENALTY = {"kind": "penalty", "name": "考勤扣分", "counts": {"迟到早退次数": "0.5", "无故缺勤次数": 2}, "cap": 10,
           "text": "迟到早退一次扣0.5分，无故缺勤一次扣2分，合计最多扣10分"}


def _counts_project(root, rows):
    data = simple_scheme(adjustments=[PENALTY], places=1)
    make_project(root, data, {"Q1.csv": people_csv(rows, ["得分", "迟到早退次数", "无故缺勤次数"])})
    return run(root)


def test_a_penalty_per_occurrence_from_count_columns_with_a_cap(tmp_path):
    _, periods, problems = _counts_project(tmp_path, [
        ["1", "甲", "办公室", "95", "3", "1", ],  # 1.5 + 2 = 3.5 → 91.5
        ["2", "乙", "办公室", "95", "", ""],  # blank: 0 times
        ["3", "丙", "办公室", "95", "4", "5"],  # 2 + 10 = 12 → cap 10 → 85
        ["4", "丁", "办公室", "95", "0", "5"],  # 10 exactly: no cap step
    ])
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    people = by_id(periods[0])
    assert {pid: str(p.total) for pid, p in people.items()} == {"1": "91.5", "2": "95.0", "3": "85.0", "4": "85.0"}
    seen = compare(periods)
    assert seen["compiled"] == 4, seen
    steps = [s.text for s in people["3"].explained().trace]
    assert any("「迟到早退次数」4 次 × 0.5 分 = 2 分；「无故缺勤次数」5 次 × 2 分 = 10 分；合计 12 分" in s for s in steps), steps
    assert any("超过上限，按 10 分计" in s for s in steps), steps


def test_a_column_name_with_a_blank_in_the_scheme_matches_its_header(tmp_path):
    """counts: {迟到 早退次数: 0.5} could never be matched: a sheet's headers are read without blanks, so the
    header 迟到 早退次数 was unknown and the column missing, and the fix offered (改为「迟到 早退次数」) the same."""
    spaced = {**PENALTY, "counts": {"迟到 早退次数": "0.5", "无故缺勤次数": 2}}
    make_project(tmp_path, simple_scheme(adjustments=[spaced], places=1),
                 {"Q1.csv": people_csv([["1", "甲", "办公室", "95", "3", "1"]], ["得分", "迟到 早退次数", "无故缺勤次数"])})
    _, periods, problems = run(tmp_path)
    assert [p.code for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert str(by_id(periods[0])["1"].total) == "91.5" and compare(periods)["compiled"] == 1


def test_count_slips_are_reported_at_their_cells(tmp_path):
    _, _, problems = _counts_project(tmp_path, [
        ["1", "甲", "办公室", "95", "-1", "0"],  # a negative count
        ["2", "乙", "办公室", "95", "1.5", "0"],  # half an occurrence
        ["3", "丙", "办公室", "95", "两次", "0"],  # not a number
    ])
    found = {(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR}
    assert found == {(2, "E", "score-negative"), (3, "E", "too-many-places"), (4, "E", "not-a-number")}


def test_a_typo_d_count_column_is_a_missing_column_naming_the_penalty(tmp_path):
    data = simple_scheme(adjustments=[PENALTY])
    make_project(tmp_path, data, {"Q1.csv": people_csv([["1", "甲", "办公室", "95", "1", "0"]], ["得分", "迟到早退", "无故缺勤次数"])})
    _, _, problems = run(tmp_path)
    missing = [p for p in problems.sorted() if p.code == "missing-column"]
    assert len(missing) == 1 and "迟到早退次数" in missing[0].message and "考勤扣分" in missing[0].message
    assert "unknown-column" in codes(problems)


def test_counts_shape_slips_are_scheme_problems(tmp_path):
    for bad in ({**PENALTY, "column": "考勤"}, {**PENALTY, "kind": "awards"}, {**PENALTY, "counts": {"迟到早退次数": "-0.5"}}):
        make_project(tmp_path, simple_scheme(adjustments=[bad]), {})
        _, _, problems = run(tmp_path)
        assert [p.file for p in problems.sorted() if p.severity is Severity.ERROR] == ["schemes/t1.yaml"], bad


def test_the_handbook_states_the_counts_rule():
    text = handbook_text(simple_scheme(adjustments=[PENALTY])).replace("\\.", ".")  # Markdown escapes 0\.5
    assert "考勤扣分（减分，「迟到早退次数」、「无故缺勤次数」列填次数）" in text
    assert "「迟到早退次数」每次 0.5 分，「无故缺勤次数」每次 2 分，各列合计；最多 10 分" in text


# --- a year over the months' columns ------------------------------------------------------------

MONTH_INPUTS = [{"name": "病事假天数", "type": "number", "min": 0, "places": 0}, {"name": "受处分", "type": "yesno"}]


def _year(overrides, shared=False):
    """Months with 病事假天数 and 受处分 (the month's own inputs, or `shared`: the scheme's, which the year has too)."""
    month = assessment([item("df", "得分", 100)], code="yue", name="月度考核", period="月", grades=GRADES_4, inputs=[] if shared else MONTH_INPUTS)
    year = assessment([item("pj", "月均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="yue", results_optional=True, grades=GRADES_4, overrides=overrides)
    return scheme(month, year, inputs=MONTH_INPUTS) if shared else scheme(month, year)


SUMS = [
    {"kind": "force", "grade": "较差", "when": '合计("受处分") >= 1', "reason": "年度内受处分的，年度考核为较差"},
    {"kind": "no_grade", "when": '合计("病事假天数") > 30', "reason": "年度内病事假累计超过30天的，不确定等次"},
    {"kind": "cap", "grade": "较好", "when": '最大("病事假天数") >= 10', "reason": "单月病事假10天以上的，不得为好"},
]


def _months(rows_by_month):
    return {f"M{m:02d}.csv": people_csv(rows, ["得分", "病事假天数", "受处分"]) for m, rows in rows_by_month.items()}


def test_a_year_sums_and_maxes_a_column_of_the_months(tmp_path):
    months = {
        1: [["1", "甲", "办公室", "95", "10", ""], ["2", "乙", "办公室", "95", "9", ""], ["3", "丙", "办公室", "95", "", ""]],
        2: [["1", "甲", "办公室", "95", "10", ""], ["2", "乙", "办公室", "95", "9", ""], ["3", "丙", "办公室", "95", "", "是"]],
        3: [["1", "甲", "办公室", "95", "11", ""], ["2", "乙", "办公室", "95", "9", ""]],  # 丙 left: M03 adds nothing
    }
    make_project(tmp_path, _year(SUMS), _months(months))
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    year = by_id(next(p for p in periods if p.label == "Y"))
    assert (year["1"].status, year["1"].reason) == ("no_grade", "年度内病事假累计超过30天的，不确定等次")  # 31 days
    assert (year["2"].status, year["2"].grade) == ("graded", "好")  # 27 days, none a month ≥ 10
    assert year["3"].grade == "较差"  # 是 in February
    assert compare(periods)["compiled"] >= 9


def test_a_typo_d_or_unsummable_column_in_a_sum_is_reported(tmp_path):
    for when, code, shared in (('合计("病假天数") > 30', "unknown-name", False), ("合计(病事假天数) > 30", "bad-formula", True),
                               ('合计("编号") > 3', "unknown-name", False), ('合计("病事假天数", 2) > 3', "bad-formula", False)):
        make_project(tmp_path, _year([{"kind": "no_grade", "when": when, "reason": "病事假"}], shared), {})
        _, _, problems = run(tmp_path)
        assert [(p.file, p.code) for p in problems.sorted() if p.severity is Severity.ERROR] == [("schemes/t1.yaml", code)], when


def test_a_sum_in_an_assessment_of_one_period_says_it_is_for_roll_ups(tmp_path):
    """合计("受处分") in a month's rule said 不支持的函数「合计」, as if the language had none."""
    make_project(tmp_path, simple_scheme(inputs=MONTH_INPUTS, overrides=[{"kind": "force", "grade": "较差", "when": '合计("受处分") >= 1',
                                                                          "reason": "受处分"}]), {})
    [problem] = [p for p in run(tmp_path)[2].sorted() if p.severity is Severity.ERROR]
    assert problem.code == "unknown-name" and "rolls_up" in problem.message and "不支持的函数" not in problem.message


def test_a_bare_column_in_a_year_without_its_own_sheet_is_reported(tmp_path):
    """Its rows are the people's latest month's: 病事假天数 > 30 compared December's days alone."""
    make_project(tmp_path, _year([{"kind": "no_grade", "when": "病事假天数 > 30", "reason": "病事假"}], shared=True), {})
    _, _, problems = run(tmp_path)
    [problem] = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert problem.code == "rollup-column-bare" and '合计("病事假天数")' in problem.message


def test_a_month_sheet_without_the_summed_column_is_missing_it(tmp_path):
    """A column no monthly rule reads may be left out of a month's sheet; one the year sums may not (it
    would add nothing for that month, silently)."""
    month = {1: [["1", "甲", "办公室", "95", "3", ""]]}
    files = _months(month)
    files["M02.csv"] = people_csv([["1", "甲", "办公室", "95", ""]], ["得分", "受处分"])
    make_project(tmp_path, _year(SUMS), files)
    _, _, problems = run(tmp_path)
    missing = [p for p in problems.sorted() if p.code == "missing-column"]
    assert [(p.file, "合计(\"病事假天数\")" in p.message) for p in missing] == [("content/ag/t1/2025/M02.csv", True)]


def test_the_guide_documents_the_functions():
    from generator.scheme.formula_docs import FUNCTIONS

    assert "各月病事假天数之和" in FUNCTIONS["合计"].words and Decimal  # noqa: B018


# --- awards: 同一事项获多项表彰的，按最高一项计分 -----------------------------------------------------

AWARDS = {"kind": "awards", "name": "表彰加分", "column": "表彰", "events": True, "cap": 5,
          "points": {"省级表彰": 3, "市级表彰": 2, "县级表彰": 1, "单位嘉奖": "0.5"}}


def _awards_project(root, cells, same_event="largest"):
    data = simple_scheme(adjustments=[{**AWARDS, "same_event": same_event}], places=1)
    rows = [[str(i + 1), f"人{i + 1}", "办公室", "80", cell] for i, cell in enumerate(cells)]
    make_project(root, data, {"Q1.csv": people_csv(rows, ["得分", "表彰"])})
    return run(root)


CELLS = ["抗洪抢险:市级表彰、县级表彰；信息工作:县级表彰",  # 2 (highest of the matter) + 1 = 3
         "县级表彰、县级表彰",  # no matter named: each its own, 2
         "抗洪抢险:省级表彰、市级表彰；招商:省级表彰；信息:省级表彰",  # 3 + 3 + 3 = 9 → cap 5
         "", "单位嘉奖"]


def test_awards_of_one_matter_count_the_highest_only(tmp_path):
    _, periods, problems = _awards_project(tmp_path, CELLS)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    people = by_id(periods[0])
    assert [str(people[str(i)].total) for i in range(1, 6)] == ["83.0", "82.0", "85.0", "80.0", "80.5"]
    assert compare(periods)["compiled"] == 5
    steps = [s.text for s in people["1"].explained().trace]
    assert any("「抗洪抢险」获 2 项表彰，按最高一项「市级表彰」2 分计" in s for s in steps), steps


def test_one_matter_written_with_a_stray_space_or_full_width_letters_is_one_matter(tmp_path):
    """抗 洪抢险:市级表彰；抗洪抢险:省级表彰 was two matters (2 + 3) instead of one (3): a blank typed inside
    the matter's name, or its letters full-width, evaded 同一事项按最高一项计."""
    _, periods, problems = _awards_project(tmp_path, ["抗 洪抢险:市级表彰；抗洪抢险:省级表彰", "ＱＣ小组:市级表彰；QC小组:县级表彰",
                                                      "抗洪抢险　:县级表彰；抗洪抢险:县级表彰"])
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert [str(p.total) for p in periods[0].people] == ["83.0", "82.0", "81.0"]
    assert compare(periods)["compiled"] == 3


def test_awards_by_matter_summed_when_the_scheme_says_so(tmp_path):
    _, periods, _ = _awards_project(tmp_path, CELLS[:1], same_event="sum")
    assert str(by_id(periods[0])["1"].total) == "84.0"  # 2 + 1 + 1


def test_an_unknown_award_is_reported_not_skipped(tmp_path):
    _, _, problems = _awards_project(tmp_path, ["抗洪抢险:市级表彰、县级奖励", "抗洪抢险：市级表彰"])
    found = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR]
    assert found == [(2, "E", "unknown-choice")]  # the full-width colon of row 3 is read as a colon
    assert "县级奖励" in problems.sorted()[0].message


def test_the_handbook_states_the_highest_award_rule():
    text = handbook_text(simple_scheme(adjustments=[AWARDS]))
    assert "同一事项获多项表彰的按最高一项计，不同事项分别计" in text
    # as graded (CELLS[1]: 县级表彰、县级表彰 is 2) and as compared (抗 洪抢险 is 抗洪抢险)
    assert "没写事项的奖项各自计分；事项名称中的空格不计" in text
    assert "同一奖项写几次计几次" not in text


def test_sums_print_as_words_that_read_back_as_the_formula():
    from generator.scheme.expr import parse_formula
    from generator.scheme.expr_readback import parse_described, same_formula

    formula = parse_formula('合计("病事假天数") > 30 且 最大("受处分") == 0', None)
    words = formula.describe()
    assert words == "各期「病事假天数」之和 大于 30 并且 各期「受处分」的最大值 等于 0"
    assert same_formula(formula, parse_described(words))


def test_a_matter_without_an_award_and_same_event_without_events_are_reported(tmp_path):
    _, _, problems = _awards_project(tmp_path, ["抗洪抢险:；信息工作:县级表彰"])
    assert [(p.line, p.code) for p in problems.sorted() if p.severity is Severity.ERROR] == [(2, "unknown-choice")]
    plain = {k: v for k, v in AWARDS.items() if k != "events"}
    make_project(tmp_path, simple_scheme(adjustments=[{**plain, "same_event": "largest"}]), {})
    _, _, problems = run(tmp_path)
    [problem] = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert problem.file == "schemes/t1.yaml" and "events: true" in problem.message  # the highest-only rule would not apply


def test_the_template_says_count_columns_take_times_and_awards_take_matters():
    from generator.scheme.columns import plan_columns
    from generator.scheme.model import Scheme
    from generator.xlsx.template.help_sheet import _column_rows

    data = Scheme.model_validate(simple_scheme(adjustments=[PENALTY, AWARDS]))
    assessment = data.assessments[0]
    rows = {row[0].split("（")[0]: row for row in _column_rows(data, assessment, plan_columns(data, assessment), ["办公室"])}
    assert rows["迟到早退次数"][2].startswith("次数（每次 0.5 分），整数，不小于 0")
    assert "同一事项的几项奖项用「、」分隔，不同事项用「；」分隔" in rows["表彰"][2]



def test_a_factor_column_also_declared_as_an_input_accepts_every_declared_value(tmp_path):
    """身份 declared with 领导、职员 and read by a factor that names 领导 only: 职员 (the factor's default, 1) was
    reported as not one of 身份's values — the factor's list replaced the declared one."""
    awards = {"kind": "awards", "name": "获奖", "points": {"县级": 2}, "factor": {"by": "身份", "values": {"领导": "0.5"}}}
    data = simple_scheme(adjustments=[awards], inputs=[{"name": "身份", "type": "choice", "choices": ["领导", "职员"]}])
    make_project(tmp_path, data, {"Q1.csv": people_csv([["1", "甲", "办公室", "80", "县级", "领导"], ["2", "乙", "办公室", "80", "县级", "职员"],
                                                        ["3", "丙", "办公室", "80", "县级", "其他"]], ["得分", "获奖", "身份"])})
    _, periods, problems = run(tmp_path)
    assert [(p.line, p.code) for p in problems.sorted() if p.severity is Severity.ERROR] == [(4, "unknown-choice")]


# --- 去掉一个最高分和一个最低分后取平均 (kind: trimmed), however many raters -------------------------------

CEPING = item("cp", "民主测评", 100, combine="weighted", places=2, children=[
    item("ld", "领导评分", 100, weight="40%"),
    item("zg", "职工代表评分", 100, weight="60%", places=2, score={"kind": "trimmed", "drop": 1, "at_least": 2}),
])


def _trimmed_project(root, cells):
    rows = [[str(i + 1), f"人{i + 1}", "办公室", "90", cell] for i, cell in enumerate(cells)]
    make_project(root, simple_scheme(items=[CEPING]), {"Q1.csv": people_csv(rows, ["领导评分", "职工代表评分"])})
    return run(root)


def test_raters_scores_in_one_cell_trimmed_and_averaged(tmp_path):
    _, periods, problems = _trimmed_project(tmp_path, ["88、90、92、85、95", "80、100、90、70", "96、90、98、99、60、91"])
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    people = by_id(periods[0])
    # (88 + 90 + 92) ÷ 3 = 90; (80 + 90) ÷ 2 = 85; (90 + 91 + 96 + 98) ÷ 4 = 93.75
    assert [str(people[i].item("zg").value) for i in "123"] == ["90.00", "85.00", "93.75"]
    assert str(people["1"].total) == "90.00"  # 90 × 40% + 90 × 60%
    assert compare(periods)["compiled"] == 3
    words = explain_text_of(periods[0], people["3"])
    assert "6 个分数 96、90、98、99、60、91，去掉最高和最低的 99、60" in words and "（90 + 91 + 96 + 98） ÷ 4 = 93.75" in words


def test_too_few_scores_a_score_over_the_maximum_and_a_blank_are_reported(tmp_path):
    _, periods, problems = _trimmed_project(tmp_path, ["88、90、92", "88、190、92、91", "", "88，90；92 91"])
    found = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR]
    assert found == [(2, "E", "too-few-scores"), (3, "E", "score-over-max"), (4, "E", "missing-value")], found
    assert str(by_id(periods[0])["4"].item("zg").value) == "90.50"  # separators as offices type them: 88 and 92 dropped, (90 + 91) ÷ 2


def test_an_empty_place_between_two_scores_is_a_raters_blank(tmp_path):
    """88、、92、85、95 (a rater's score left out, the separator kept) was read as four scores, trimmed
    and averaged without a word; a space beside one separator is still one separator."""
    _, _, problems = _trimmed_project(tmp_path, ["88、、92、85、95", "88，；90、92", "88 、 90 、92、93、", "88、 90、92、93"])
    found = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR]
    assert found == [(2, "E", "missing-value"), (3, "E", "missing-value")], found
    assert "漏填" in next(p.message for p in problems.sorted() if p.code == "missing-value")


def test_the_handbook_and_template_state_the_trimmed_rule():
    text = handbook_text(simple_scheme(items=[CEPING]))
    assert "去掉 1 个最高分和 1 个最低分后取平均（去掉之后至少要剩 2 个分数）" in text


def explain_text_of(period, person):
    from generator.engine.explain import explain_text

    return explain_text(period, person)
