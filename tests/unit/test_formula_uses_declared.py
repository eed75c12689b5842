"""A formula's `uses` lists the inputs it reads (the guide: 「inputs 中用到的列在这里列出」). A 选择 or 是/否 input
listed there became a number column: the declared type was dropped without a word, so 一季度等次 == "好" was
refused as 「是数字，不能与文字比较」 and every 好 in the sheet as not-a-number. The declared type wins now; a
formula that reads a column nobody declared still reads a number."""

from __future__ import annotations

from tests.unit.helpers import by_id, item, make_project, people_csv, run, simple_scheme
from tests.unit.three_ways import compare


def _graded(root, uses):
    items = [item("df", "得分", 100),
             item("hao", "好等次次数", 2, score={"kind": "formula", "expr": '(甲 == "好") + (乙 == "好")', "uses": uses})]
    data = simple_scheme(items=items)
    data["inputs"] = [{"name": "甲", "type": "choice", "choices": ["好", "差"]}, {"name": "乙", "type": "choice", "choices": ["好", "差"]}]
    make_project(root, data, {"Q1.csv": people_csv([["1", "张", "办公室", "80", "好", "好"], ["2", "李", "办公室", "80", "好", "差"]],
                                                   ["得分", "甲", "乙"])})
    _, periods, problems = run(root)
    return periods, problems


def test_a_declared_choice_listed_in_uses_keeps_its_type(tmp_path):
    periods, problems = _graded(tmp_path, ["甲", "乙"])
    assert problems.sorted() == []
    people = by_id(periods[0])
    assert (str(people["1"].total), str(people["2"].total)) == ("82.00", "81.00")
    assert compare(periods)["compiled"] == 2


def test_the_same_without_uses(tmp_path):
    periods, problems = _graded(tmp_path, [])
    assert problems.sorted() == [] and str(by_id(periods[0])["1"].total) == "82.00"
