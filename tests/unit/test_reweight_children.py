"""「新录用人员按实际参加的季度取平均」 (found writing fixtures/gwy-niandu): the quarters' grades typed in the year's
sheet as four coefficient items weighted 25% each could not leave a quarter blank (missing-value, the person
ungraded). A parent's missing: reweight leaves out the children whose cells are all blank and scales the others'
weights to the whole; every child filled in is the plain weighted sum; none filled in is reported."""

from __future__ import annotations

import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import by_id, handbook_text, item, make_project, people_csv, run, simple_scheme
from tests.unit.test_problem_codes import check_text
from tests.unit.three_ways import compare

MAP = {"好": 1, "较好": "0.9", "一般": "0.75", "较差": "0.6"}
QUARTERS = [item(f"q{i}", f"{n}季度", 100, weight="25%", score={"kind": "coefficient", "rating_column": f"{n}季度等次", "map": MAP})
            for i, n in enumerate("一二三四", 1)]


def _graded(root, rows, missing="reweight"):
    items = [item("ps", "平时考核", 100, combine="weighted", children=QUARTERS, **({"missing": missing} if missing else {}))]
    make_project(root, simple_scheme(items=items, places=2), {"Q1.csv": people_csv(rows, ["一季度等次", "二季度等次", "三季度等次", "四季度等次"])})
    _, periods, problems = run(root)
    return periods, problems


ROWS = [["1", "甲", "办公室", "好", "较好", "好", "较好"],  # (100 + 90 + 100 + 90) / 4 = 95
        ["2", "乙", "办公室", "", "", "好", "较好"],  # joined in July: (100 × 25% + 90 × 25%) ÷ 50% = 95
        ["3", "丙", "办公室", "", "一般", "", ""]]  # 75 × 25% ÷ 25% = 75


def test_blank_quarters_are_left_out_and_the_rest_scaled(tmp_path):
    periods, problems = _graded(tmp_path, ROWS)
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    people = by_id(periods[0])
    assert {pid: str(p.total) for pid, p in people.items()} == {"1": "95.00", "2": "95.00", "3": "75.00"}
    words = explain_text(periods[0], people["2"])
    assert "一季度、二季度未填写，不计，按已填项目的权重之和 50% 折算" in words and "成绩表中未填写，不计" in words
    seen = compare(periods)
    assert seen["compiled"] >= 1  # 甲, every quarter filled in: compiled and reference agree; the others the reference grades


def test_no_quarter_at_all_is_reported(tmp_path):
    periods, problems = _graded(tmp_path, [*ROWS, ["4", "丁", "办公室", "", "", "", ""]])
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [(p.line, p.code) for p in errors] == [(5, "missing-value")]
    assert "「平时考核」的下级项目（一季度、二季度、三季度、四季度）都没有填写" in errors[0].message


def test_without_reweight_a_blank_quarter_is_still_an_error(tmp_path):
    _, problems = _graded(tmp_path, ROWS, missing=None)
    assert {p.code for p in problems.sorted() if p.severity is Severity.ERROR} == {"missing-value"}


def test_the_handbook_says_so(tmp_path):
    periods, _ = _graded(tmp_path, ROWS)
    assert "未填写的子项不计，按已填子项的权重之和折算" in handbook_text(periods[0].scheme)


@pytest.mark.parametrize("where", ["combine: sum", "leaf"])
def test_reweight_where_it_means_nothing_is_refused(where):
    from tests.unit.test_problem_codes import BASE

    extra = "        missing: reweight\n" + ("        children: [{code: a, name: 甲, max: 100}]\n" if where == "combine: sum" else "")
    text = BASE + extra
    problems = check_text(text)
    assert any("missing: reweight" in p.message for p in problems.sorted()), [p.message for p in problems.sorted()]
