"""「按此计算不足 1 人的科室，合并计算名额」 (found writing fixtures/gwy-niandu from the guide): a quota's
merge_short pools the scopes whose own places come to 0 and computes the places of the pool at the same
share. Before, the scheme could only say scope: department (two 2-person 科室 got 0 places each: their
优秀 silently dropped, one warning) or ask the office to type a 考核单元 column by hand."""

from __future__ import annotations

import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import by_id, handbook_text, make_project, people_csv, run, simple_scheme
from tests.unit.test_problem_codes import BASE, check_text
from tests.unit.three_ways import compare

QUOTA = {"grade": "好", "scope": "department", "at_most": "20%", "rounding": "half_up", "merge_short": True}
# 办公室 4 → 0.8 → 1; 法规科 2 → 0.4 → 0 and 人事科 2 → 0; 财务科 1 → 0.2 → 0: the three pooled, 5 → 1
ROWS = [["A1", "甲", "办公室", "95"], ["A2", "乙", "办公室", "94"], ["A3", "丙", "办公室", "80"], ["A4", "丁", "办公室", "80"],
        ["D1", "戊", "法规科", "93"], ["D2", "己", "法规科", "80"], ["E1", "庚", "人事科", "96"], ["E2", "辛", "人事科", "91"],
        ["F1", "壬", "财务科", "92"]]


def _graded(root, quota, rows=ROWS):
    make_project(root, simple_scheme(quotas=[quota]), {"Q1.csv": people_csv(rows, ["得分"])}, departments=["办公室", "法规科", "人事科", "财务科"])
    _, periods, problems = run(root)
    return periods[0], problems


def test_the_scopes_short_of_one_place_share_the_places_of_their_sum(tmp_path):
    period, problems = _graded(tmp_path, QUOTA)
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    assert {p.id for p in period.people if p.grade == "好"} == {"A1", "E1"}
    uses = {u.scope: (u.base, u.allowed) for u in period.quotas}
    assert uses == {"办公室": (4, 1), "人事科、法规科、财务科（合并计算）": (5, 1)}
    people = by_id(period)
    assert "人事科、法规科、财务科（合并计算）「好」名额：人事科 2 人、法规科 2 人、财务科 1 人按比例算出的名额都不足 1 人，合并计算；5 人 × 20% = 1，四舍五入为 1 人；按总分排第 2 名" in explain_text(period, people["D1"])
    assert "人事科 2 人、法规科 2 人、财务科 1 人按比例算出的名额都不足 1 人，合并计算" in explain_text(period, people["E2"])
    assert "人事科、法规科、财务科（合并计算）「好」名额：人事科 2 人、法规科 2 人、财务科 1 人按比例算出的名额都不足 1 人，合并计算；5 人 × 20% = 1，四舍五入为 1 人" in explain_text(period, people["D2"])
    assert compare([period])["compiled"] == 9


def test_without_merge_short_the_short_scopes_have_no_place(tmp_path):
    period, problems = _graded(tmp_path, {k: v for k, v in QUOTA.items() if k != "merge_short"})
    assert {p.id for p in period.people if p.grade == "好"} == {"A1"}
    assert [p.code for p in problems.sorted() if p.severity is Severity.WARNING] == ["quota-impossible"] * 3


def test_one_short_scope_alone_is_not_merged_and_still_warned(tmp_path):
    rows = [r for r in ROWS if r[2] in ("办公室", "财务科")]
    period, problems = _graded(tmp_path, QUOTA, rows)
    assert {u.scope: u.allowed for u in period.quotas} == {"办公室": 1, "财务科": 0}
    assert [p.code for p in problems.sorted() if p.severity is Severity.WARNING] == ["quota-impossible"]


def test_merge_short_in_the_handbook(tmp_path):
    period, _ = _graded(tmp_path, QUOTA)
    assert "按比例算出的名额不足 1 人的部门，合并计算名额（人数相加，按同一比例）" in handbook_text(period.scheme)


@pytest.mark.parametrize("quota, words", [
    ("{grade: 好, at_most: 20%, merge_short: true}", "merge_short（不足 1 人的合并计算）只用于按部门或按列计算的名额"),
    ("{grade: 好, scope: department, at_least: 20%, merge_short: true}", "merge_short（不足 1 人的合并计算）只用于 at_most"),
    ("{grade: 好, scope: department, at_most: 20%, min_places: 1, merge_short: true}", "min_places 与 merge_short 只写一个"),
])
def test_merge_short_where_it_means_nothing_is_refused(quota, words):
    text = BASE + "    grades:\n      order: [好, 较差]\n      bands: [{grade: 好, at_least: 90}, {grade: 较差, below: 90}]\n" \
                  f"    quotas:\n      - {quota}\n"
    problems = check_text(text)
    assert len(problems.sorted()) == 1 and words in problems.sorted()[0].message, [p.message for p in problems.sorted()]


def test_people_with_the_unit_blank_are_not_merged_into_a_pool(tmp_path):
    """scope: a column (考核单元) left blank for some: they are no 单元 the rule speaks of, and stay apart."""
    quota = {**QUOTA, "scope": "考核单元"}
    data = simple_scheme(quotas=[quota])
    data["inputs"] = [{"name": "考核单元", "type": "text"}]
    rows = [[*r, {"办公室": "综合", "法规科": "法规", "人事科": "人事"}.get(r[2], "")] for r in ROWS]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["得分", "考核单元"])}, departments=["办公室", "法规科", "人事科", "财务科"])
    _, periods, problems = run(tmp_path)
    assert {u.scope: (u.base, u.allowed) for u in periods[0].quotas} == {"综合": (4, 1), "人事、法规（合并计算）": (4, 1), "（未填）": (1, 0)}


def test_a_unit_written_two_ways_is_reported_not_given_places_apart(tmp_path):
    """考核单元 综合 and 综 合: two units, each with a quota of its own, and nothing said."""
    quota = {**QUOTA, "scope": "考核单元"}
    data = simple_scheme(quotas=[quota])
    data["inputs"] = [{"name": "考核单元", "type": "text"}]
    rows = [[*r, {"办公室": "综合", "法规科": "法规", "人事科": "人事"}.get(r[2], "综 合")] for r in ROWS]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["得分", "考核单元"])}, departments=["办公室", "法规科", "人事科", "财务科"])
    _, _, problems = run(tmp_path)
    errors = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR]
    assert errors == [(10, "E", "group-spelled-two-ways")], problems.sorted()
    assert "名额按每个考核单元计算" in problems.sorted()[0].message
