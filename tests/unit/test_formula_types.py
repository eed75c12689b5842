"""A comparison in a condition that can never come out as the sheet says is a scheme problem at the condition:
a 是/否 column compared with "是" (it holds a truth: 试用期 == "是" never held, silently), a number column or an
item with a text, a 选择 column with a number or with a name not among its choices. What can hold stays clean."""

from __future__ import annotations

import pytest

from tests.unit.helpers import make_project, people_csv, run
from tests.unit.test_nested_rollups import CHOICES
from tests.unit.test_problem_codes import check_text, where

INPUTS = """\
inputs:
  - {name: 试用期, type: yesno}
  - {name: 病假天数, type: number}
  - {name: 处分, type: choice, choices: [警告, 记过]}
  - {name: 备注, type: text}
"""
SCHEME = CHOICES.replace("inputs:\n  - {name: 否决情形, type: choices, choices: [受处分, 酒驾]}\n", INPUTS)


@pytest.mark.parametrize("when, words", [
    ('\'试用期 == "是"\'', "「试用期」是「是/否」列，不能与文字或数字比较"),
    ("'试用期 != \"否\" 且 得分 > 0'", "为「否」时成立的写 非 试用期"),
    ('\'病假天数 > "30"\'', "「病假天数」是数字，不能与文字「30」比较"),
    ('\'df == "优秀"\'', "「df」是数字，不能与文字「优秀」比较"),
    ("处分 == 1", "「处分」填的是文字，不能与数字比较"),
    ('\'处分 == "记过处分"\'', "「记过处分」不是「处分」的可选值（警告、记过）"),
])
def test_a_comparison_that_never_holds_is_refused_at_the_condition(when, words):
    problems = check_text(SCHEME.replace("WHEN", when))
    assert where(problems) == [(28, 15, "bad-formula")], [p.message for p in problems.sorted()]
    assert words in problems.sorted()[0].message


@pytest.mark.parametrize("when", ["试用期", "非 试用期", "病假天数 > 30", "'处分 == \"记过\"'", "'处分 != \"\"'", "'备注 == \"借调\"'",
                                  "'\"警告\" == 处分 或 df < 60'"])
def test_comparisons_that_can_hold_are_clean(when):
    assert where(check_text(SCHEME.replace("WHEN", when))) == []


def test_a_yes_no_column_read_as_written_grades_as_the_sheet_says(tmp_path):
    import yaml

    make_project(tmp_path, yaml.safe_load(SCHEME.replace("WHEN", "试用期")),
                 {"Y.csv": people_csv([["01", "张三", "办公室", 95, "是", "", "", ""], ["02", "李四", "办公室", 95, "否", "", "", ""]],
                                      ["得分", "试用期", "病假天数", "处分", "备注"])})
    _, periods, problems = run(tmp_path)
    assert {p.id: p.grade for p in periods[0].people} == {"01": "不称职", "02": "优秀"}


@pytest.mark.parametrize("old, new, words", [
    ('次数("较差") >= 1', '次数("差") >= 1', '次数("差") 数的是「季度考核」各期的等次，而「季度考核」的等次是 好、较好、一般、较差，没有「差」'),
    ('次数("较差") >= 1', '连续("不合格") >= 2', "没有「不合格」"),
])
def test_a_roll_up_counting_a_grade_its_periods_never_get_is_refused(old, new, words):
    """次数("差") where the quarters are graded 好/较好/一般/较差 counted nothing, ever: the cap never bit."""
    from tests.unit.test_paichusuo_hand import SCHEME, _line_of

    text = SCHEME.replace(old, new)
    problems = check_text(text)
    assert [(line, code) for line, _, code in where(problems)] == [(_line_of(text, new), "bad-formula")]
    assert words in problems.sorted()[0].message


def test_counting_grades_of_periods_without_grades_is_refused():
    from tests.unit.helpers import dump
    from tests.unit.test_nested_rollups import _three_levels

    data = _three_levels()
    data["assessments"][1].update(rolls_up="yd", overrides=[{"kind": "cap", "grade": "较好", "when": '次数("较差") >= 1', "reason": "有一个月较差"}])
    problems = check_text(dump(data))
    assert [p.code for p in problems.sorted()] == ["bad-formula"]
    assert "「月度考核」不定等次，没有可数的等次" in problems.sorted()[0].message


@pytest.mark.parametrize("when, words", [
    # a date typed in a text column: "2025.2.1" > "2025-12-31" held (text order: "." after "-"), a misgrade
    ('\'备注 > "2025-12-31"\'', "「备注」填的是文字，不能比较大小"),
    ('\'处分 >= "记过"\'', "「处分」填的是文字，不能比较大小"),
    ('\'"警告" < 处分\'', "「处分」填的是文字，不能比较大小"),
])
def test_a_text_column_compared_by_size_is_refused(when, words):
    """A text compared by size is compared letter by letter, never as a date or a rank: 处分决定日期 > "2025-12-31"
    in a text column held for "2025.2.1" (a 2025 warning taken for a 2026 one) and for "2025年3月5日"."""
    problems = check_text(SCHEME.replace("WHEN", when))
    assert where(problems) == [(28, 15, "bad-formula")], [p.message for p in problems.sorted()]
    assert words in problems.sorted()[0].message


CONSEQUENCE = """\
    consequences:
      - when: WHEN
        then: 记三等功
        reason: 连续三年优秀
"""


@pytest.mark.parametrize("when, expected", [('\'等次 == "优"\'', [(31, 15, "bad-formula")]), ('\'等次 == "优秀"\'', []),
                                            ('\'等次 != "不称职"\'', [])])
def test_a_consequence_naming_a_grade_the_assessment_has_not_is_refused(when, expected):
    """等次 == "优" where the grades are 优秀/称职/不称职 never held: the 记三等功 was silently never written."""
    text = SCHEME.replace("WHEN", "试用期") + CONSEQUENCE.replace("WHEN", when)
    problems = check_text(text)
    assert where(problems) == expected, [p.message for p in problems.sorted()]
    if expected:
        assert "「优」不是「等次」的可选值（优秀、称职、不称职、不确定等次）" in problems.sorted()[0].message
