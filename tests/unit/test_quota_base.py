"""Quota bases in the seed's words (issue 11, point 8): 参加考核的总人数 counts people who take part
without a grade (篇二: 试用期, 立案调查 …); people who 不进行考核 (篇三) do not count."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.problems import Problems
from generator.project.discover import discover
from tests.unit.helpers import grade_sheet, simple_scheme

REPO = Path(__file__).resolve().parents[2]
GRADES = {"order": ["好", "较好"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "below": 90}]}
INPUTS = [{"name": "试用期", "type": "yesno"}, {"name": "长期请假", "type": "yesno"}]
OVERRIDES = [
    {"kind": "no_grade", "when": "试用期", "reason": "试用期内参加平时考核，不确定等次"},
    {"kind": "no_grade", "when": "长期请假", "label": "不进行考核", "in_base": False, "reason": "请假超过一半的，不进行考核"},
]


def period_with(root, base):
    data = simple_scheme(grades=GRADES, inputs=INPUTS, overrides=OVERRIDES, quotas=[{"grade": "好", "at_most": "40%", "base": base}])
    # 5 graded, 2 in 试用期 (take part without a grade), 1 on long leave (does not take part)
    rows = [[str(i), f"人{i}", "办公室", s, t, leave] for i, (s, t, leave) in enumerate(
        [("99", "", ""), ("97", "", ""), ("95", "", ""), ("93", "", ""), ("80", "", ""), ("91", "是", ""), ("92", "是", ""), ("96", "", "是")], start=1)]
    period, problems = grade_sheet(root, data, ["得分", "试用期", "长期请假"], rows)
    assert problems.sorted() == []
    return period.quotas[0]


@pytest.mark.parametrize("base, expected", [("graded", (5, 2)), ("all", (7, 2))], ids=["graded", "all"])
def test_base_counts_participants_without_a_grade(tmp_path, base, expected):
    use = period_with(tmp_path, base)
    assert (use.base, use.allowed) == expected  # 7 × 40% = 2.8 → 2; the one who 不进行考核 is never counted
    assert use.granted == 2


def test_bigger_base_gives_a_place(tmp_path):
    data = simple_scheme(grades=GRADES, inputs=INPUTS, overrides=OVERRIDES, quotas=[{"grade": "好", "at_most": "40%", "base": "all"}])
    rows = [[str(i), f"人{i}", "办公室", s, t, ""] for i, (s, t) in enumerate([("99", ""), ("97", ""), ("95", ""), ("80", ""), ("91", "是")], start=1)]
    period, _ = grade_sheet(tmp_path, data, ["得分", "试用期", "长期请假"], rows)
    use = period.quotas[0]
    assert (use.base, use.allowed, use.granted) == (5, 2, 2)  # graded only: 4 × 40% = 1.6 → 1


def test_seed_schemes_read_the_base_as_their_text_says():
    problems = Problems()
    project = discover(REPO, problems)
    p2 = project.schemes["s003-p2"].assessment("pingshi")
    assert [q.base for q in p2.quotas] == ["all"]  # 本机关参加平时考核的公务员总人数
    p3 = project.schemes["s003-p3"]
    quarterly = next(a for a in p3.assessments if a.period == "季度")
    assert [q.base for q in quarterly.quotas] == ["all"]  # 实际参加考核总人数
    assert {o.label: o.in_base for o in quarterly.overrides if o.kind == "no_grade"} == {"不进行考核": False, "暂不定档次": True, "不确定档次": True}
    for code in ("s003-p4", "s003-p6", "s003-p1-xiang"):
        first = project.schemes[code].assessments[0]
        assert {q.base for q in first.quotas} == {"all"}, code


def test_the_pages_name_what_the_quota_base_counts(tmp_path):
    """「实际 2 人（参加考核 8 人）」 for a department of 9 where one had 不确定等次: the 8 were those
    参加考核并确定等次 (base: graded), and the same page's chart said 共 9 人."""
    from generator.site.pages_department import _quota_words
    from tests.unit.helpers import grade_sheet, simple_scheme

    overrides = [{"kind": "no_grade", "when": "试用期", "reason": "试用期内不确定等次"}]
    rows = [[str(i), f"人{i}", "办公室", s, "是" if i == 9 else ""] for i, s in enumerate(["95", "93", "91", "85", "80", "80", "70", "60", "99"], start=1)]
    for base, words in (("graded", "（参加考核并确定等次 8 人）"), ("all", "（参加考核 9 人）")):
        data = simple_scheme(quotas=[{"grade": "好", "scope": "department", "at_most": "20%", "base": base}], overrides=overrides,
                             inputs=[{"name": "试用期", "type": "yesno"}])
        period, _ = grade_sheet(tmp_path / base, data, ["得分", "试用期"], rows)
        assert words in _quota_words(period.quotas[0], "办公室")
