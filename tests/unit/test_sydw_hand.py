"""A scheme not among the seeds, written from the user guide alone by an HR officer (fixtures/sydw):
a 事业单位 with half-year periods (H1, H2) rolled up to a year, 民主测评 by weighted raters (领导 40%,
同事 30%, 服务对象 30%, kept at 2 places), a per-event penalty and an award bonus with caps, a 一票否决,
不确定等次 for 试用期 and for sick leave over 60 days, 优秀 ≤ 20% per department rounded half up, and a
tie at the quota line decided by the committee. Every number is the hand computation in
fixtures/sydw/HAND.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import handbook_text, run

FIXTURE = Path(__file__).with_name("fixtures") / "sydw"

# id: (total, grade or None for 不确定等次)
H1 = {
    "0101": ("91.46", "优秀"), "0102": ("90.20", "合格"), "0103": ("75.00", "合格"), "0104": ("87.20", None),
    "0201": ("97.60", "优秀"), "0202": ("90.00", "优秀"), "0203": ("90.00", "合格"), "0204": ("89.99", "合格"),
    "0205": ("60.00", "基本合格"), "0206": ("92.30", "不合格"), "0207": ("83.00", None), "0208": ("79.74", "合格"),
    "0209": ("58.34", "不合格"),
}
H2 = {
    "0101": ("88.51", "合格"), "0102": ("89.79", "合格"), "0103": ("74.99", "基本合格"), "0104": ("85.00", "合格"),
    "0105": ("80.00", "不合格"), "0201": ("95.00", "优秀"), "0202": ("91.00", "合格"), "0203": ("90.50", "合格"),
    "0204": ("88.00", "合格"), "0205": ("70.00", "基本合格"), "0206": ("93.00", "优秀"), "0207": ("86.00", "合格"),
    "0208": ("80.26", "合格"), "0209": ("70.00", "基本合格"),
}
Y = {
    "0101": ("89.99", "合格"), "0102": ("90.00", "优秀"), "0103": ("75.00", "合格"), "0104": ("86.10", "合格"),
    "0105": ("80.00", "不合格"), "0201": ("96.30", "优秀"), "0202": ("90.50", "优秀"), "0203": ("90.25", "合格"),
    "0204": ("89.00", "合格"), "0205": ("65.00", "基本合格"), "0206": ("92.65", "不合格"), "0207": ("84.50", "合格"),
    "0208": ("80.00", "合格"), "0209": ("64.17", "基本合格"),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("sydw")
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    _, periods, problems = run(root)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR or p.code.startswith(("tie", "decision"))] == []
    return {p.label: p for p in periods}


@pytest.mark.parametrize("label, expected", [("H1", H1), ("H2", H2), ("Y", Y)])
def test_every_total_and_grade_as_worked_by_hand(graded, label, expected):
    people = {p.id: p for p in graded[label].people}
    got = {pid: (str(p.total), p.grade) for pid, p in people.items()}
    assert got == expected


def test_the_edges_are_where_the_guide_says(graded):
    h1 = {p.id: p for p in graded["H1"].people}
    # 民主测评 89.455 → 89.46 (places: 2) is what is weighted: 53.676 + 36.32 = 89.996 → 90.00 (exact: 89.993 → 89.99)
    assert "89.455 四舍五入保留 2 位小数 = 89.46，以 89.46 按 60% 计入总分" in explain_text(graded["H1"], h1["0202"])
    # 检验科: 8 确定等次 × 20% = 1.6 → 2; the vetoed 92.30 takes no place; 杨帆 and 赵磊 tie at the line
    [use] = [u for u in graded["H1"].quotas if u.scope == "检验科"]
    assert (use.base, use.allowed, use.group) == (8, 2, ["0202", "0203"])
    year = {p.id: p for p in graded["Y"].people}
    assert "89.995 四舍五入保留 2 位小数 = 90.00" in explain_text(graded["Y"], year["0102"])


def test_the_handbook_states_the_rules_that_graded(graded):
    text = handbook_text(graded["H1"].scheme)
    for words in ("四舍五入保留 2 位小数后按 60% 计入总分", "75 分（含）至 90 分（不含）", "各部门「优秀」不超过参加考核并确定等次的人数的 20%，名额四舍五入",
                  "「不确定等次」一经适用，其后各条不再适用", "取半年考核各期的总分", "不确定等次的期有成绩的照常计入", "同一奖项写几次计几次"):
        assert words in text, words
    assert "一、一、" not in text
