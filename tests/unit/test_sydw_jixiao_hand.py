"""A scheme not among the seeds, written from the user guide alone (fixtures/sydw-jixiao): a 事业单位 年度绩效考核
with 民主测评 by weighted raters (领导班子 40%, 中层 30%, 职工代表 30%), the 职工代表's five scores averaged after
去掉一个最高分和一个最低分 (a formula with max() and min()), 民主测评 × 30% + 工作实绩 × 70%, awards where
「同一事项获多项表彰的，按最高一项计分」 (awards with events: 事项:奖项), 试用期 不确定等次, 记过 → 不合格, 警告 →
不得优秀, and 优秀 ≤ 20% with a tie at the line decided by the committee. Every number is the hand computation in
fixtures/sydw-jixiao/HAND.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import handbook_text, run
from tests.unit.three_ways import compare

FIXTURE = Path(__file__).with_name("fixtures") / "sydw-jixiao"

# id: (民主测评, total, grade or None for 不确定等次)
Y = {
    "1001": ("94.60", "97.78", "优秀"), "1002": ("92.00", "93.40", "优秀"), "1003": ("90.00", "93.40", "合格"),
    "1004": ("95.00", "95.00", None), "1005": ("90.00", "90.70", "不合格"), "1006": ("92.00", "92.00", "合格"),
    "1007": ("91.15", "90.00", "合格"), "1008": ("80.00", "80.00", "合格"), "1009": ("65.00", "65.70", "基本合格"),
    "1010": ("60.00", "56.50", "不合格"), "1011": ("85.00", "86.00", "合格"),
}


def _graded(root: Path, with_decisions: bool = True):
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    if not with_decisions:
        (root / "content/baihe-njzx/sydw-jixiao/2026/Y.decisions.csv").unlink()
    _, periods, problems = run(root)
    return periods[0], problems


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    period, problems = _graded(tmp_path_factory.mktemp("jixiao"))
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    return period


def test_every_total_and_grade_as_worked_by_hand(graded):
    got = {p.id: (str(p.item("ceping").value), str(p.total), p.grade) for p in graded.people}
    assert got == Y


def test_the_edges_are_where_the_guide_says(graded):
    people = {p.id: p for p in graded.people}
    # 职工代表 96 90 98 99 60: 99 and 60 dropped, 284 ÷ 3 = 94.666… → 94.67; 94.601 → 94.60
    assert str(people["1001"].item("zhigong").value) == "94.67"
    words = explain_text(graded, people["1001"])
    assert "「抗旱」获 2 项表彰，按最高一项「市级表彰」2 分计" in words and "其中 职工1 96、职工2 90、职工3 98、职工4 99、职工5 60" in words
    # 27.345 + 62.65 = 89.995 → 90.00: 优秀 by score, 4th of 2 places
    assert "总分 89.995 四舍五入保留 2 位小数 = 90.00" in explain_text(graded, people["1007"])
    # 黄志强 91.40 + 防汛 市级 2 (县级 1 not added) = 93.40, level with 陈小红: the committee decided
    [use] = graded.quotas
    assert (use.base, use.allowed, use.group) == (10, 2, ["1002", "1003"])
    assert people["1011"].total == people["1011"].total.__class__("86.00")  # 防汛 县级 twice: one matter, 1 point


def test_without_the_decision_the_tie_is_flagged_and_nobody_is_published(tmp_path):
    period, problems = _graded(tmp_path, with_decisions=False)
    assert [p.code for p in problems.sorted() if p.severity is Severity.WARNING] == ["tie-at-quota-line"]
    people = {p.id: p for p in period.people}
    assert people["1002"].status == people["1003"].status == "tied"


def test_compiled_and_reference_agree_on_every_person(graded):
    assert compare([graded])["compiled"] >= 9


def test_the_handbook_states_the_rules_that_graded(graded):
    text = handbook_text(graded.scheme).replace("\\.", ".")
    for words in ("同一事项获多项表彰的按最高一项计，不同事项分别计", "max（职工1，职工2，职工3，职工4，职工5）", "最多 5 分",
                  "「不确定等次」一经适用，其后各条不再适用"):
        assert words in text, words
    assert "同一奖项写几次计几次" not in text


@pytest.mark.parametrize("old, new, expected", [
    ("防汛:市级表彰、县级表彰,,", "防汛:市级表彰、区级表彰,,", "unknown-choice"),  # an award the scheme does not list
    ("1007,马超,植保站,92,91,90,90,90.5,95,85", "1007,马超,植保站,92,91,90,90,,95,85", "missing-value"),  # a rater's blank
    ("1006,郭丽,植保站,92,92,92,92,92,92,92,92,,,警告", "1006,郭丽,植保站,92,92,92,92,92,92,92,92,,,警告处分", "unknown-choice"),
])
def test_one_slip_in_the_good_sheet_fails_the_check(tmp_path, old, new, expected):
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / "content/baihe-njzx/sydw-jixiao/2026/Y.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    _, _, problems = run(tmp_path)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == [expected], errors


def test_the_raters_in_one_cell_with_trimmed_grade_the_same(tmp_path):
    """The 职工代表 written as kind: trimmed over one cell (96、90、98、99、60) instead of five columns and a formula."""
    import csv

    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / "schemes/sydw-jixiao.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("            score:\n              kind: formula"), text.index("      - code: shiji")
    lines = [line for line in (text[:start] + "            score: {kind: trimmed}\n" + text[end:]).splitlines(keepends=True)
             if not line.startswith("  - {name: 职工")]
    path.write_text("".join(lines), encoding="utf-8")
    sheet = tmp_path / "content/baihe-njzx/sydw-jixiao/2026/Y.csv"
    rows = list(csv.reader(sheet.open(encoding="utf-8")))
    with sheet.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows([r[:5] + ["职工代表评分" if r[0] == "编号" else "、".join(r[5:10])] + r[10:] for r in rows])
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    assert {p.id: (str(p.item("ceping").value), str(p.total), p.grade) for p in periods[0].people} == Y
