"""The YAML slips HR staff make are named with the fix, and the hinted problem is the first printed;
problems that only follow from it are counted, not listed."""

from __future__ import annotations

import io

import pytest

from generator.core.report import print_problems
from tests.unit.helpers import make_project, people_csv, run
from tests.unit.test_problem_codes import BASE, check_text

FORMULA_ITEM = """\
      - code: df
        name: 得分
        max: 10
        score: {kind: formula, expr: 10 * min(怀胎率, 80) / 80, uses: [怀胎率]}
"""
WITH_FORMULA = BASE.replace("      - code: df\n        name: 得分\n        max: 100\n", FORMULA_ITEM)


def printed(problems) -> list[str]:
    out = io.StringIO()
    print_problems(problems, out)
    return out.getvalue().splitlines()


def first(problems):
    listed = problems.sorted()
    assert listed, "no problem reported"
    return listed[0]


@pytest.mark.parametrize(
    "text, line, col, code, hint",
    [
        # the comma in min(怀胎率, 80) splits the flow mapping: the value is rebuilt, one problem
        (WITH_FORMULA, 16, 38, "yaml-flow-comma", 'expr: "10 * min(怀胎率, 80) / 80"'),
        # a flow list split the same way
        (WITH_FORMULA.replace("uses: [怀胎率]", "uses: [怀胎率, min(a, b)]"), 16, 38, "yaml-flow-comma", "加英文双引号"),
        # a full-width colon after a key: a syntax error one line further down without the hint
        (BASE.replace("name: 测试方案", "name：测试方案"), 3, 1, "yaml-fullwidth-colon", "name: 测试方案"),
        (BASE.replace("        max: 100", "        max：100"), 15, 9, "yaml-fullwidth-colon", "max: 100"),
        (BASE.replace("        max: 100", "        max: 100\n        by_post: false").replace("max: 100\n", "max: 100\n", 1)
         .replace("    period: 季度", "    period: 季度\n    publicity: days：7"), 12, 16, "yaml-fullwidth-colon", "days: 7"),
        (BASE.replace("      - code: df\n        name: 得分\n        max: 100", "      - {code: df, name：得分, max: 100}"), 13, 20,
         "yaml-fullwidth-colon", "name: 得分"),
        # a full-width comma in a flow list: [好，较好] is one item to YAML
        (BASE.replace("    period: 季度", "    period: 季度\n    labels: [Q1，Q2]"), 12, 14, "yaml-fullwidth-comma", "[Q1, Q2]"),
        # a tab in the indentation
        (BASE.replace("        max: 100", "\tmax: 100"), 15, 1, "yaml-tab", "改成空格"),
        # 1,000: in a flow mapping the comma splits it; in a block, a whole number refuses it
        (BASE.replace("        max: 100", "        max: 100\n    total_max: 100").replace("    total_max: 100", "    places: 1,000"),
         16, 13, "number-with-comma", "places: 1000"),
        (BASE.replace("      - code: df\n        name: 得分\n        max: 100", "      - {code: df, name: 得分, max: 1,000}"), 13, 35,
         "number-with-comma", "max: 1000"),
        # 是/否 where true/false is wanted
        (BASE.replace("        max: 100", "        max: 100\n    results_optional: 是"), 16, 23, "yesno-not-boolean",
         "results_optional: true"),
        # a quote opened and not closed: the text runs to the next quote (version: "1"), the error is two lines down
        (BASE.replace("name: 测试方案", 'name: "测试方案'), 3, 7, "yaml-unclosed-quote", "一直延续到第 5 行"),
        # ... or to the end of the file
        (BASE.replace("assessed: 全体人员", "assessed: '全体人员"), 7, 11, "yaml-unclosed-quote", "一直延续到文件末尾"),
    ],
    ids=["flow-comma", "flow-list-comma", "fullwidth-top", "fullwidth-nested", "fullwidth-in-value", "fullwidth-flow",
         "fullwidth-comma", "tab", "thousands-block", "thousands-flow", "yesno", "unclosed-quote", "unclosed-quote-to-end"],
)
def test_slip_is_named_with_the_fix_and_printed_first(text, line, col, code, hint):
    problems = check_text(text)
    root = first(problems)
    assert (root.line, root.column, root.code) == (line, col, code)
    assert hint in root.message
    assert printed(problems)[0].startswith(f"s.yaml:{line}:{col}: [{code}]")
    # nothing else is listed about the slip itself: no unknown-key 「80) / 80」, no missing key
    assert not [p for p in problems.sorted()[1:] if p.code in ("unknown-key", "missing-key", "yaml-syntax", "wrong-type")]


def test_the_flow_comma_value_is_rebuilt_as_meant():
    from generator.core.problems import Problems
    from generator.scheme.yaml_source import load_yaml_text

    problems = Problems()
    data, _ = load_yaml_text("a: {expr: min(x, y, 3), b: 1}\nc: [min(p, q), r]\n", "f.yaml", problems)
    assert data == {"a": {"expr": "min(x, y, 3)", "b": 1}, "c": ["min(p, q)", "r"]}
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(1, 11, "yaml-flow-comma"), (2, 5, "yaml-flow-comma")]


def test_a_full_width_colon_inside_a_value_or_text_block_is_not_a_slip():
    text = BASE.replace("name: 测试方案", "name: 测试方案：2025 年\nsections:\n  - title: 说明\n    body: |\n      name：这是正文\n      原因：无")
    assert [p.code for p in check_text(text).sorted()] == []


def test_a_bad_scheme_value_is_reported_first_and_its_results_directory_is_not_also_reported(tmp_path):
    text = BASE.replace("period: 季度", "period: 每周")
    make_project(tmp_path, text, {"Q1.csv": people_csv([["1", "张三", "办公室", "90"]], ["得分"])})
    _, _, problems = run(tmp_path)
    lines = printed(problems)
    assert lines[0].startswith("schemes/t1.yaml:11:13: [bad-value]") and "月、季度、半年、年度" in lines[0]
    assert lines[1].strip() == "另有 1 个问题由此引起，改正上面这一处后重新运行即可。"
    assert not [p for p in problems.sorted() if p.code == "scheme-unknown"]
    assert len(problems.errors) == 1


def test_a_column_missing_from_the_sheet_is_one_problem_not_one_per_person(tmp_path):
    text = FORMULA_ITEM.replace("expr: 10 * min(怀胎率, 80) / 80", 'expr: "10 * min(怀胎率, 80) / 80"')
    scheme = BASE.replace("      - code: df\n        name: 得分\n        max: 100\n", text)
    rows = [[str(i), f"人{i}", "办公室"] for i in range(1, 6)]
    make_project(tmp_path, scheme, {"Q1.csv": people_csv(rows, [])})
    _, _, problems = run(tmp_path)
    codes = [p.code for p in problems.errors]
    assert codes == ["missing-column"]
    assert problems.follow_ons() == {problems.errors[0]: 5}
    assert "另有 5 个问题由此引起" in "\n".join(printed(problems))


def test_an_empty_cell_a_formula_reads_is_one_problem_the_formula_failure_follows_from_it(tmp_path):
    text = FORMULA_ITEM.replace("expr: 10 * min(怀胎率, 80) / 80", 'expr: "10 * min(怀胎率, 80) / 80"')
    scheme = BASE.replace("      - code: df\n        name: 得分\n        max: 100\n", text)
    make_project(tmp_path, scheme, {"Q1.csv": people_csv([["1", "张三", "办公室", ""]], ["怀胎率"])})
    _, _, problems = run(tmp_path)
    assert [(p.code, p.where.split(" › ")[-1]) for p in problems.errors] == [("missing-value", "D列「怀胎率」")]
    assert problems.follow_ons() == {problems.errors[0]: 1}


def test_a_formula_problem_names_the_formula_the_input_and_the_value(tmp_path):
    text = FORMULA_ITEM.replace("expr: 10 * min(怀胎率, 80) / 80, uses: [怀胎率]", 'expr: "min(系数, 10)"')
    scheme = BASE.replace("      - code: df\n        name: 得分\n        max: 100\n", text)
    scheme = scheme.replace("    period: 季度\n", "    period: 季度\n    inputs:\n      - {name: 系数, type: text}\n")
    make_project(tmp_path, scheme, {"Q1.csv": people_csv([["1", "张三", "办公室", "八"]], ["系数"])})
    _, _, problems = run(tmp_path)
    errors = [p for p in problems.errors if p.code == "missing-value"]
    assert len(errors) == 1, problems.sorted()
    message = errors[0].message
    assert "张三" in message and "「得分」" in message and "min(系数, 10)" in message and "「系数」的值「八」不是数字" in message
    assert errors[0].where.endswith("D列「系数」")  # pointed at the cell, not only the row


def test_check_json_counts_follow_ons_on_the_root_problem(tmp_path, capsys):
    import json

    from generator.cli import main

    make_project(tmp_path, BASE.replace("period: 季度", "period: 每周"), {"Q1.csv": people_csv([["1", "张三", "办公室", "90"]], ["得分"])})
    assert main(["-C", str(tmp_path), "check", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert [(p["code"], p["line"], p["follow_ons"]) for p in payload["problems"]] == [("bad-value", 11, 1)]


def test_a_condition_that_cannot_be_judged_is_reported_naming_the_rule_the_input_and_the_value(tmp_path):
    scheme = BASE.replace("    period: 季度\n", """\
    period: 季度
    inputs:
      - {name: 病事假天数, type: number}
      - {name: 应出勤天数, type: number}
    grades:
      order: [好, 一般]
      bands: [{grade: 好, at_least: 90}, {grade: 一般, below: 90}]
    overrides:
      - {kind: no_grade, when: 病事假天数 > 应出勤天数 / 2, reason: 病事假超过应出勤天数一半的不确定等次}
""")
    rows = [["1", "张三", "办公室", "95", "40", ""], ["2", "李四", "办公室", "95", "0", "60"]]
    make_project(tmp_path, scheme, {"Q1.csv": people_csv(rows, ["得分", "病事假天数", "应出勤天数"])})
    _, _, problems = run(tmp_path)
    errors = problems.errors
    assert len(errors) == 1, problems.sorted()
    assert errors[0].line == 2 and errors[0].where.endswith("F列「应出勤天数」")
    message = errors[0].message
    assert "张三" in message and "病事假超过应出勤天数一半的不确定等次" in message
    assert "病事假天数 > 应出勤天数 / 2" in message and "「应出勤天数」为空" in message


def test_a_formula_over_an_item_without_a_score_follows_from_that_item_s_problem(tmp_path):
    items = """\
      - code: df
        name: 得分
        max: 10
        score: {kind: level, levels: [{name: 好, points: 10}, {name: 差, points: 0}]}
      - code: zf
        name: 折算分
        max: 10
        score: {kind: formula, expr: df / 2}
"""
    scheme = BASE.replace("      - code: df\n        name: 得分\n        max: 100\n", items)
    make_project(tmp_path, scheme, {"Q1.csv": people_csv([["1", "张三", "办公室", "中"]], ["得分"])})
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted()] == ["unknown-choice"]
    assert problems.follow_ons() == {problems.sorted()[0]: 1}


def test_a_formula_failure_names_an_item_by_its_name():
    from generator.scheme.expr import FormulaError, parse_formula

    formula = parse_formula("df / 2 + 系数", {"df", "系数"})
    with pytest.raises(FormulaError) as caught:
        formula.evaluate({"df": None, "系数": "高"}, labels={"df": "得分"})
    assert str(caught.value) == "公式「df / 2 + 系数」无法计算：项目「得分」为空；「系数」的值「高」不是数字"
    assert caught.value.names == ("df", "系数")


@pytest.mark.parametrize("formula, hint", [
    ("病假天数>60天", "数字后面不要带单位（天、分、次、%……），如 病假天数 > 60"),
    ('处分 = "警告"', "「等于」写两个等号 =="),
    ("试用期且非 受处分", "「且」「或」「非」前后各留一个空格"),
    ("(病假天数 > 60", "检查括号是否成对"),
])
def test_a_formula_slip_is_told_in_chinese_with_the_fix(formula, hint):
    """「公式写法不对：invalid syntax（病假天数>60天）」: Python's English message, and no fix."""
    from generator.scheme.expr import FormulaError, parse_formula

    with pytest.raises(FormulaError) as caught:
        parse_formula(formula, None)
    assert str(caught.value).startswith(f"公式「{formula}」写法不对：") and hint in str(caught.value)
    assert "syntax" not in str(caught.value)


@pytest.mark.parametrize("extra, message", [
    ("    quotas: [{grade: 好, at_most: 20%, rounding: 四舍五入}]",
     "rounding 的值「四舍五入」不允许；应为 floor、ceil、half_up 之一。「四舍五入」写作 half_up。"),
    ("    grades: {order: [好, 较好], bands: [{grade: 好, at_least: 90}, {grade: 较好, below: 90}]}\n    quotas: [{grade: 好, at_most: 20%, scope: 各部门}]",
     "scope「各部门」应为 unit（全单位）、department（各部门），或 people.unit 声明的列。「各部门」写作 department。"),
    ("    grades: {order: [好, 较好], bands: [{grade: 好, at_least: 90分}, {grade: 较好, below: 90}]}", "「90分」不是数字：只写数字，写成 90"),
])
def test_an_option_or_number_written_in_chinese_gets_what_to_write(extra, message):
    """An HR officer writes rounding: 四舍五入 and at_least: 90分 from the 办法's words; the messages
    listed the options or said 不是数字, without the value to write."""
    problems = check_text(BASE.replace("    period: 季度\n", "    period: 季度\n" + extra + "\n"))
    assert message in first(problems).message
