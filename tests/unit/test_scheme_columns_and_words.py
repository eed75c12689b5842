"""One sheet column a scheme names twice in ways that cannot both hold. Two score items of one name
(or `column:`) read the same cell and counted it twice, and an item named after a declared 是/否 input
turned that column into a number column: the scheme passed its check and every person of every sheet
was reported instead (「试用期」为空；请填写数字). Both are now one problem at the scheme's item.

And values written as people say them — labels: [第一季度] or [q1], period: 每季度, gap_policy: 归入下一等次 —
get the value to write, as rounding: 四舍五入 already did."""

from __future__ import annotations

from tests.unit.test_problem_codes import BASE, check_text, where

TWO_ITEMS = BASE.replace("""      - code: df
        name: 得分
        max: 100
""", """      - code: a
        name: 工作实绩
        max: 50
      - code: b
        name: 工作实绩
        max: 50
""")


def test_two_score_items_reading_one_column_are_one_problem_at_the_second():
    assert where(check_text(TWO_ITEMS)) == [(17, 15, "column-name-clash")]


def test_an_item_reading_another_item_s_column_by_column_is_a_problem_too():
    text = TWO_ITEMS.replace("      - code: b\n        name: 工作实绩\n", "      - code: b\n        name: 工作作风\n        score: {kind: entered, column: 工作实绩}\n")
    assert [code for _, _, code in where(check_text(text))] == ["column-name-clash"]


WITH_INPUT = BASE.replace("        name: 得分\n        max: 100\n", "        name: 得分\n        max: 100\n    inputs:\n      - {name: 试用期, type: yesno}\n")


def test_an_item_named_after_a_declared_yes_no_input_is_a_problem_at_the_item():
    text = WITH_INPUT.replace("        name: 得分\n", "        name: 试用期\n")
    problems = check_text(text)
    assert where(problems) == [(14, 15, "column-name-clash")]
    assert "是/否" in problems.items[0].message



# --- a period label written as a file name may say it


def test_a_period_label_in_words_or_small_letters_gets_the_label_to_write():
    for written, meant in (("[第一季度, 第二季度]", "Q1"), ("[q1, q2]", "Q1")):
        text = BASE.replace("    period: 季度\n", f"    period: 季度\n    labels: {written}\n")
        problems = check_text(text)
        assert {p.code for p in problems.items} == {"bad-value"}
        assert any(f"写作 {meant}。" in p.message for p in problems.items)


def test_a_period_or_gap_policy_in_words_gets_the_value_to_write():
    problems = check_text(BASE.replace("    period: 季度\n", "    period: 每季度\n"))
    assert any("「每季度」写作 季度。" in p.message for p in problems.items)
    text = BASE + "    grades: {order: [好, 较好], bands: [{grade: 好, at_least: 90}, {grade: 较好, below: 89}], gap_policy: 归入下一等次}\n"
    assert any("「归入下一等次」写作 lower。" in p.message for p in check_text(text).items)
