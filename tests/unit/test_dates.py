"""Dates in the scheme language (scheme/dates.py, sheets/date_cells.py): a `type: date` column read exactly from
CSV and XLSX or refused at its cell, 期初日期()/期末日期() of the period graded, 月数() and 天数(), the scheme check's
refusals, the handbook's words, and the compiled grading agreeing with the reference to the value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.core.problems import Severity
from generator.scheme.dates import UNKNOWN, add_months, days_between, months_between
from tests.unit.helpers import (
    GRADES_4,
    assessment,
    by_id,
    grade_sheet,
    handbook_text,
    item,
    make_project,
    people_csv,
    run,
    scheme,
    xlsx_bytes,
)
from tests.unit.three_ways import compare

D = dt.date


@pytest.mark.parametrize("start, end, months", [
    (D(2025, 6, 10), D(2026, 6, 9), 11), (D(2025, 6, 10), D(2026, 6, 10), 12),  # 满 on the same day of the month
    (D(2025, 1, 31), D(2025, 2, 28), 1), (D(2025, 1, 31), D(2025, 2, 27), 0),  # a month without the day: its last day
    (D(2024, 2, 29), D(2025, 2, 28), 12), (D(2025, 3, 1), D(2025, 3, 1), 0),
    (D(2026, 6, 10), D(2025, 6, 10), -12), (D(2025, 3, 2), D(2025, 3, 1), -1),  # 止 before 起: negative, whole months
])
def test_whole_months_as_the_law_counts_them(start, end, months):
    assert months_between(start, end) == Decimal(months)
    assert months_between(None, end) is UNKNOWN and months_between(start, None) is UNKNOWN


def test_days_and_month_arithmetic():
    assert days_between(D(2025, 3, 1), D(2025, 3, 31)) == 30 and days_between(D(2024, 1, 1), D(2024, 12, 31)) == 365
    assert add_months(D(2025, 8, 31), 6) == D(2026, 2, 28)


def _scheme(when: str, inputs: list[dict] | None = None, period: str = "季度", **kw) -> dict:
    overrides = [{"kind": "no_grade", "when": when, "reason": "新录用人员试用期未满的，不确定等次"}]
    return scheme(assessment([item("df", "得分", 100)], period=period, grades=GRADES_4, overrides=overrides, **kw),
                  inputs=inputs if inputs is not None else [{"name": "入职日期", "type": "date"}])


PROBATION = "月数(入职日期, 期末日期()) < 6"
# 入职日期 blank for some on purpose (调入人员): the condition says so first
PROBATION_IF_FILLED = "入职日期 且 月数(入职日期, 期末日期()) < 6"


def test_a_quarter_ends_on_its_last_day_and_six_months_are_counted_to_it(tmp_path):
    # 2025 Q1 ends 2025-03-31: from 2024-09-30 six months are full on 2025-03-30, from 2024-10-01 only five
    rows = [["1", "甲", "办公室", 95, "2024-09-30"], ["2", "乙", "办公室", 95, "2024/10/1"],
            ["3", "丙", "办公室", 95, ""], ["4", "丁", "办公室", 95, "２０２５年１月５日"]]
    period, problems = grade_sheet(tmp_path, _scheme(PROBATION_IF_FILLED), ["得分", "入职日期"], rows)
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    people = by_id(period)
    assert {pid: p.status for pid, p in people.items()} == {"1": "graded", "2": "no_grade", "3": "graded", "4": "no_grade"}
    assert people["4"].person.values["入职日期"] == D(2025, 1, 5)
    seen = compare([period])
    assert seen["compiled"] + seen["declined"] == 4 and seen["compiled"] >= 3


@pytest.mark.parametrize("when", [PROBATION, "入职日期 >= 期初日期()", '非 (入职日期 < 期初日期()) 且 得分 > 0'])
def test_a_blank_date_a_condition_needs_is_reported_at_its_cell_not_read_as_false(tmp_path, when):
    """A blank date compared was false: a 记过 without its date graded as if served. Now it decides nothing, and
    the condition that needs it is a problem at the blank cell, both ways (the compiled grading hands it over)."""
    rows = [["1", "甲", "办公室", 95, "2024-01-01"], ["2", "乙", "办公室", 95, ""]]
    period, problems = grade_sheet(tmp_path, _scheme(when), ["得分", "入职日期"], rows)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [(p.line, p.column, p.code) for p in errors] == [(3, "E", "missing-value")]
    assert "「入职日期」为空，无法判断" in errors[0].message and "入职日期 且" in errors[0].message


def test_a_blank_date_decided_by_the_other_side_of_and_is_no_problem(tmp_path):
    # 处分 empty: 处分 == "记过" is false, and 且 is false whatever the blank date would say (compiled, too)
    inputs = [{"name": "处分", "type": "choice", "choices": ["警告", "记过"]}, {"name": "入职日期", "type": "date"}]
    when = '处分 == "记过" 且 月数(入职日期, 期末日期()) < 12'
    rows = [["1", "甲", "办公室", 95, "", ""], ["2", "乙", "办公室", 95, "记过", "2024-06-01"]]
    period, problems = grade_sheet(tmp_path, _scheme(when, inputs=inputs), ["得分", "处分", "入职日期"], rows)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert {pid: p.status for pid, p in by_id(period).items()} == {"1": "graded", "2": "no_grade"}
    assert compare([period])["compiled"] == 2


def test_the_derivation_shows_the_dates_it_counted_from(tmp_path):
    from generator.engine.explain import explain_text

    period, _ = grade_sheet(tmp_path, _scheme(PROBATION), ["得分", "入职日期"], [["1", "甲", "办公室", 95, "2024/10/1"]])
    words = explain_text(period, period.people[0])
    assert "「入职日期」2024-10-01；考核期 2025-01-01 至 2025-03-31" in words


@pytest.mark.parametrize("label, period, first, last", [
    ("M02", "月", D(2025, 2, 1), D(2025, 2, 28)), ("Q2", "季度", D(2025, 4, 1), D(2025, 6, 30)),
    ("H2", "半年", D(2025, 7, 1), D(2025, 12, 31)), ("Y", "年度", D(2025, 1, 1), D(2025, 12, 31)),
    # a school's, in the folder of the year its 学年 begins: 第二学期 of 2025—2026 is February–July 2026
    ("S1", "学期", D(2025, 9, 1), D(2026, 1, 31)), ("S2", "学期", D(2026, 2, 1), D(2026, 7, 31)),
    ("SY", "学年", D(2025, 9, 1), D(2026, 8, 31)),
])
def test_the_period_functions_are_the_period_graded(tmp_path, label, period, first, last):
    # 入职日期 on the period's first day is 在本期内录用; the day before is not
    when = "入职日期 >= 期初日期() 且 入职日期 <= 期末日期()"
    rows = [["1", "甲", "办公室", 95, first.isoformat()], ["2", "乙", "办公室", 95, (first - dt.timedelta(days=1)).isoformat()],
            ["3", "丙", "办公室", 95, last.isoformat()]]
    graded, problems = grade_sheet(tmp_path, _scheme(when, period=period), ["得分", "入职日期"], rows, label=label)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert {pid: p.status for pid, p in by_id(graded).items()} == {"1": "no_grade", "2": "graded", "3": "no_grade"}
    compare([graded])


@pytest.mark.parametrize("cell, words", [
    ("2025-02-30", "2025 年 2 月没有 30 日"), ("1900-02-29", "1900 年不是闰年"), ("2025-03-01 08:30", "带有时间"),
    ("25-3-1", "年份只写了两位"), ("20250301", "连写的数字"), ("2025", "不是日期"), ("45717.5", "小数部分是一天中的时间"),
    ("2025-03", "只写了年和月"), ("明年三月", "不是日期"), ("2025-13-01", "没有 13 月"),
])
def test_a_bad_date_is_reported_at_its_cell(tmp_path, cell, words):
    rows = [["1", "甲", "办公室", 95, "2024-01-01"], ["2", "乙", "办公室", 95, cell]]
    _, problems = grade_sheet(tmp_path, _scheme(PROBATION), ["得分", "入职日期"], rows)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [(p.line, p.column, p.code) for p in errors] == [(3, "E", "not-a-date")]
    assert words in errors[0].message and cell in errors[0].message


def test_xlsx_date_cells_serials_and_times(tmp_path):
    head = ["编号", "姓名", "部门", "得分", "入职日期"]
    rows = [head, ["1", "甲", "办公室", 95, dt.datetime(2024, 10, 1)], ["2", "乙", "办公室", 95, 45566],  # 45566 = 2024-10-01
            ["3", "丙", "办公室", 95, dt.datetime(2024, 10, 1, 8, 30)], ["4", "丁", "办公室", 95, dt.datetime(1900, 2, 28)],
            ["5", "戊", "办公室", 95, 2024]]
    make_project(tmp_path, _scheme(PROBATION), {"Q1.xlsx": xlsx_bytes(rows)})
    _, periods, problems = run(tmp_path)
    assert {p.id: p.person.values["入职日期"] for p in periods[0].people if p.id in "12"} == {"1": D(2024, 10, 1), "2": D(2024, 10, 1)}
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [(p.line, p.column, p.code) for p in errors] == [(4, "E", "not-a-date"), (5, "E", "not-a-date"), (6, "E", "not-a-date")]
    assert "带有时间" in errors[0].message and "1900" in errors[1].message and "1950—2099" in errors[2].message


def test_a_date_after_the_period_is_an_error_unless_the_column_allows_it(tmp_path):
    rows = [["1", "甲", "办公室", 95, "2025-04-01"]]  # 2025 Q1 ends 03-31
    _, problems = grade_sheet(tmp_path, _scheme(PROBATION), ["得分", "入职日期"], rows)
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR] == [(2, "E", "date-after-period")]
    allowed = _scheme(PROBATION, inputs=[{"name": "入职日期", "type": "date", "after_period": True}])
    _, problems = grade_sheet(tmp_path / "allowed", allowed, ["得分", "入职日期"], rows)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []


def test_a_required_date_left_blank_is_reported(tmp_path):
    required = _scheme(PROBATION, inputs=[{"name": "入职日期", "type": "date", "required": True}])
    rows = [["1", "甲", "办公室", 95, "2024-01-01"], ["2", "乙", "办公室", 95, ""]]
    _, problems = grade_sheet(tmp_path, required, ["得分", "入职日期"], rows)
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR] == [(3, "E", "missing-value")]


@pytest.mark.parametrize("when, words", [
    ('入职日期 >= "2025-01-01"', "写死的日期"), ("入职日期 + 180 > 期末日期()", "不能加减乘除"),
    ("月数(得分, 期末日期()) < 6", "「得分」不是日期列"), ("入职日期 > 6", "只能与日期"),
    ("期末日期(1) > 入职日期", "括号里什么也不写"), ("月数(入职日期) < 6", "要写两个日期"),
])
def test_the_check_refuses_a_date_used_otherwise(tmp_path, when, words):
    inputs = [{"name": "入职日期", "type": "date"}, {"name": "得分2", "type": "number"}]
    _, problems = grade_sheet(tmp_path, _scheme(when, inputs=inputs), ["得分", "入职日期", "得分2"], [])
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert errors and all(p.file.startswith("schemes/") for p in errors), errors
    assert any(words in p.message for p in errors), [p.message for p in errors]


def test_the_handbook_says_the_rule_in_an_hr_officers_words():
    text = handbook_text(_scheme(PROBATION))
    assert "入职日期距考核期末不满 6 个月" in text
    text = handbook_text(_scheme('入职日期 >= 期初日期() 且 入职日期 <= 期末日期()'))
    assert "入职日期不早于考核期的第一天 并且 入职日期不晚于考核期的最后一天" in text


def test_a_year_made_of_its_quarters_counts_to_its_own_end_and_leaves_the_quarters_theirs(tmp_path):
    """The year without a sheet grades the quarters' rows: it must see 2025-12-31, and the quarters, graded from the
    same rows (and explained again later), their own quarter's end — the rows are copied, never changed."""
    when = "入职日期 且 月数(入职日期, 期末日期()) < 6"
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=GRADES_4,
                         overrides=[{"kind": "no_grade", "when": when, "reason": "试用期未满"}])
    year = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="ps", results_optional=True, grades=GRADES_4,
                      overrides=[{"kind": "no_grade", "when": when, "reason": "试用期未满"}])
    data = scheme(quarter, year, inputs=[{"name": "入职日期", "type": "date"}])
    # 2025-05-15: at 03-31 not yet employed (date-after-period is not declared here: after_period allows it), at
    # 06-30 1 month, at 09-30 4, at 12-31 7; 2024-12-01: 3 months at Q1's end, 6 at Q2's
    data["inputs"][0]["after_period"] = True
    files = {f"{q}.csv": people_csv([["1", "甲", "办公室", 95, "2025-05-15"], ["2", "乙", "办公室", 95, "2024-12-01"]], ["得分", "入职日期"])
             for q in ("Q1", "Q2", "Q3", "Q4")}
    make_project(tmp_path, data, files)
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    status = {(p.label, person.id): person.status for p in periods for person in p.people}
    assert [status[(q, "1")] for q in ("Q1", "Q2", "Q3", "Q4")] == ["no_grade", "no_grade", "no_grade", "graded"]  # 4 months at 09-30
    assert status[("Q1", "2")] == "no_grade" and status[("Q2", "2")] == "graded"
    assert status[("Y", "1")] == "graded" and status[("Y", "2")] == "graded"
    from generator.scheme.dates import PERIOD_KEY

    spans = {p.label: {person.person.values[PERIOD_KEY] for person in p.people} for p in periods}
    # the year graded Q4's rows (the latest of each person) without changing them
    assert spans == {"Q1": {(D(2025, 1, 1), D(2025, 3, 31))}, "Q2": {(D(2025, 4, 1), D(2025, 6, 30))},
                     "Q3": {(D(2025, 7, 1), D(2025, 9, 30))}, "Q4": {(D(2025, 10, 1), D(2025, 12, 31))},
                     "Y": {(D(2025, 1, 1), D(2025, 12, 31))}}
    compare(periods)


def test_a_score_counted_in_whole_years_of_service(tmp_path):
    """An item's formula over a date: 工龄 in whole years (取整(月数 / 12)), capped, both ways to the digit."""
    score = {"kind": "formula", "expr": "min(取整(月数(参加工作日期, 期末日期()) / 12), 10)", "uses": ["参加工作日期"]}
    data = scheme(assessment([item("df", "得分", 90), item("gl", "工龄", 10, score=score)], period="季度", grades=GRADES_4),
                  inputs=[{"name": "参加工作日期", "type": "date", "required": True}])
    rows = [["1", "甲", "办公室", 85, "2015-03-31"], ["2", "乙", "办公室", 85, "2015-04-01"], ["3", "丙", "办公室", 85, "2001-01-01"]]
    period, problems = grade_sheet(tmp_path, data, ["得分", "参加工作日期"], rows)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert {pid: str(p.item("gl").value) for pid, p in by_id(period).items()} == {"1": "10", "2": "9", "3": "10"}
    assert compare([period])["compiled"] == 3
    from generator.engine.explain import explain_text

    assert "其中 参加工作日期 2015-04-01、考核期 2025-01-01 至 2025-03-31" in explain_text(period, by_id(period)["2"])


@pytest.mark.parametrize("kind, text", [
    ("", "2025-03-01"), ("", "2025/3/1"), ("", "2025.3.1"), ("", "2025年3月1日"), ("", "2025年3月1号"), ("", "２０２５年３月１日"),
    ("", "２０２５－０３－０１"), ("", "2025 年 3 月 1 日"), ("", "2025-03-01 00:00:00"), ("d", "2025-03-01"), ("n", "45717"), ("n", "45717.0"),
])
def test_every_way_an_office_writes_a_date_reads_the_same_day(kind, text):
    from generator.sheets.date_cells import read_date

    reported: list[str] = []
    assert read_date(kind, text, "入职日期", False, lambda code, message: reported.append(code)) == D(2025, 3, 1)
    assert reported == []


def test_a_pasted_paragraph_in_a_date_cell_is_quoted_short():
    from generator.sheets.date_cells import read_date

    reported: list[str] = []
    assert read_date("", "情况说明" * 200, "入职日期", False, lambda code, message: reported.append(message)) is None
    assert len(reported) == 1 and len(reported[0]) < 150


FORMULAS = [
    '处分 == "记过" 且 月数(处分决定日期, 期末日期()) < 12', '月数(处分决定日期, 期末日期()) < 12 且 处分 == "记过"',
    '处分 == "警告" 或 处分决定日期 >= 期初日期()', '非 (处分决定日期 > 期末日期()) 且 处分 != ""',
    '期初日期() <= 处分决定日期 <= 期末日期()', '处分决定日期 且 天数(处分决定日期, 期末日期()) >= 30 或 录用日期 == 期初日期()',
    '(月数(录用日期, 期末日期()) < 12) + (处分 == "记过") >= 1', '录用日期 < 处分决定日期 或 处分 == "警告"',
]
DAYS = [None, D(2025, 12, 31), D(2026, 1, 1), D(2026, 6, 10), D(2026, 12, 31)]


@pytest.mark.parametrize("formula", FORMULAS)
def test_compiled_formulas_over_dates_agree_with_the_reference_or_hand_it_the_person(formula):
    """Every combination of blank and edge dates and 处分: where the compiled expression gives a value, it is the
    reference's; where the reference cannot decide, the compiled one never gives a value (it raises or gives UNKNOWN,
    and the engine then grades by the reference, which reports)."""
    import itertools

    from generator.scheme.dates import PERIOD_KEY
    from generator.scheme.expr import FormulaError, parse_formula
    from generator.scheme.expr_code import as_function

    parsed, function = parse_formula(formula, None), as_function(formula)
    compiled_values = 0
    for kind, decided, hired in itertools.product([None, "警告", "记过"], DAYS, DAYS):
        values = {"处分": kind, "处分决定日期": decided, "录用日期": hired, PERIOD_KEY: (D(2026, 1, 1), D(2026, 12, 31))}
        try:
            reference = parsed.evaluate(values)
        except FormulaError as exc:
            reference = exc
        try:
            fast = function(values, {})
        except Exception:
            continue
        if fast is UNKNOWN:
            assert isinstance(reference, FormulaError), (values, reference)
            continue
        assert not isinstance(reference, FormulaError), (values, reference)
        assert fast == reference and type(fast) is type(reference), (values, fast, reference)
        compiled_values += 1
    assert compiled_values > 0


@pytest.mark.parametrize("declared, key", [
    ({"name": "入职日期", "type": "date", "min": 2020}, "min"), ({"name": "入职日期", "type": "date", "percent": True}, "percent"),
    ({"name": "入职日期", "type": "text", "after_period": True}, "after_period"),
])
def test_a_key_that_does_not_fit_the_columns_type_is_refused_at_it(tmp_path, declared, key):
    _, problems = grade_sheet(tmp_path, _scheme("入职日期 == 期末日期()" if declared["type"] == "date" else '入职日期 == "x"', inputs=[declared]),
                              ["得分", "入职日期"], [["1", "甲", "办公室", 95, ""]])
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == ["bad-value"] and key in errors[0].message


def test_a_period_function_written_without_brackets_says_to_add_them(tmp_path):
    _, problems = grade_sheet(tmp_path, _scheme("月数(入职日期, 期末日期) < 6"), ["得分", "入职日期"], [])
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == ["unknown-name"] and "期末日期 是函数，后面要加括号：期末日期()" in errors[0].message
