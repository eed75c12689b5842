"""Golden cases for schemes/s003-p2.yaml (003 篇二) on the demo agency content/yunxi-czj/.

Every expected number below is worked by hand from the demo sheets (made by tools/demo/make_s003-p2.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "yunxi-czj", "s003-p2"


@pytest.fixture(scope="module")
def periods():
    problems = Problems()
    project = discover(ROOT, problems)
    results = compute_project(project, problems)
    mine = {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}
    own_errors = [
        p for p in problems.items if p.severity is Severity.ERROR and (f"content/{AGENCY}/" in p.file or p.file == f"schemes/{SCHEME}.yaml")
    ]
    assert own_errors == []
    return mine


def item(result, code):
    return result.item(code).value


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, lab) for y in (2024, 2025) for lab in ("Q1", "Q2", "Q3", "Y")]
    for period in periods.values():
        assert period.unresolved_ties == []


def test_bonus_capped_at_five(periods):
    # 0007, 2024 Q1 (第一季度.xlsx):
    #   德 5.5+3.5+5+3.5 = 17.5; 能 4.5+5+4+3.5 = 17; 勤 4.5+4.5+4.5 = 13.5; 绩 13+8.5+8.5 = 30; 廉 3.5+2.5+3 = 9
    #   items 17.5+17+13.5+30+9 = 87; 加分 6 → capped at 5 (弹性指标最高不超过 5 分) → 92.00 → 好
    p = periods[(2024, "Q1")].person("0007")
    assert [item(p, c) for c in ("de", "neng", "qin", "ji", "lian")] == [Decimal("17.5"), 17, Decimal("13.5"), 30, 9]
    assert p.total == Decimal("92.00")
    assert (p.band_grade, p.grade) == ("好", "好")


def test_forced_good_and_gap_and_quota_cut(periods):
    q1 = periods[(2024, "Q1")]
    # 0003: 5+3.5+5+3.5 + 4+5+4+3.5 + 4.5+4.5+4.5 + 13+8.5+8.5 + 3.5+3+2.5 = 86.00 → band 较好;
    # 急难险重表现突出 → 直接确定为好, and the quota never drops a forced grade.
    p = q1.person("0003")
    assert p.total == Decimal("86.00") and p.band_grade == "较好"
    assert p.grade == "好" and p.protected
    # 0012: 89.50 is in the 89—90 gap; gap_policy lower → 较好.
    p = q1.person("0012")
    assert p.total == Decimal("89.50") and p.grade == "较好"
    # 好 quota: 28 graded × 40% = 11.2 → 11. Candidates: 11 people at 90 or more
    # (96, 95.5, 95, 94.5, 94, 93.5, 93, 92, 91.5, 91, 90.5) plus 0003 (forced, protected).
    # 11 − 1 protected = 10 slots for the 11 by score: the 11th, 0026 陆娟 at 90.50, drops to 较好.
    (use,) = q1.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (28, 11, 12, 11)
    dropped = sorted(r.id for r in q1.people if r.band_grade == "好" and r.grade != "好")
    assert dropped == ["0026"]
    assert q1.person("0026").total == Decimal("90.50")


def test_tie_at_the_line_resolved_by_decision(periods):
    q2 = periods[(2024, "Q2")]
    # 篇二 counts 本机关参加平时考核的公务员总人数: 28 taking part (0029 in 试用期 参加平时考核, 不确定等次, and counts)
    # × 40% = 11.2 → 11 slots; ten people above 91, then 0005 and 0009 both at 91.00 straddle the line → flagged,
    # and Q2.decisions.csv gives 0005 好 (基层一线) and 0009 较好.
    (use,) = q2.quotas
    assert (use.base, use.allowed) == (28, 11)
    assert sum(1 for p in q2.people if p.total is not None and p.total > 91) == 10
    assert sorted(use.group) == ["0005", "0009"]
    a, b = q2.person("0005"), q2.person("0009")
    assert a.total == b.total == Decimal("91.00")
    assert (a.grade, a.decided, b.grade, b.decided) == ("好", True, "较好", True)
    trainee = q2.person("0029")
    assert (trainee.status, trainee.grade) == ("no_grade", None)


def test_injury_leave_is_kept_graded(periods):
    # 0013, 2025 Q2: 4+3+4+3 + 3.5+4+3+3 + 3.5+3.5+2 + 10.5+7+7 + 3.5+2.5+3 = 70.00 → band 一般;
    # 工伤, 病假 40 days > 59 / 2 → 一般确定为较好 (and the 病事假 no-grade rule does not apply to 工伤).
    p = periods[(2025, "Q2")].person("0013")
    assert p.total == Decimal("70.00") and p.band_grade == "一般"
    assert (p.status, p.grade) == ("graded", "较好")
    # 0010, 2025 Q1: 病事假 31 days > 57 / 2 = 28.5 → 不确定等次.
    p = periods[(2025, "Q1")].person("0010")
    assert (p.status, p.grade) == ("no_grade", None)
    # 0006, 2025 Q1: 工作负荷 typed as 「１３.５」 (full-width digits, text cell) reads as 13.5.
    assert item(periods[(2025, "Q1")].person("0006"), "ji1") == Decimal("13.5")


def test_year_gate_caps_and_quota(periods):
    y = periods[(2024, "Y")]
    # 0004: Q1 93 (好), Q2 72.5 (一般), Q3 94 (好): 平均 259.5 / 3 = 86.50.
    # 年度拟定等次 优秀, but an 一般 quarter fails the 优秀 gate → 称职.
    p = y.person("0004")
    assert item(p, "pingjun") == Decimal("86.5") and p.total == Decimal("86.50")
    assert (p.band_grade, p.grade) == ("优秀", "称职")
    # 0018: 70 (一般), 58.5 (较差), 78 (较好): 206.5 / 3 = 68.83; 一般+较差 = 2, 2 × 2 > 3 → at most 基本称职.
    p = y.person("0018")
    assert p.total == Decimal("68.83") and (p.band_grade, p.grade) == ("称职", "基本称职")
    # 0019: 57, 55.5, 59.5 all 较差: 172 / 3 = 57.33 → 不称职.
    p = y.person("0019")
    assert p.total == Decimal("57.33") and (p.band_grade, p.grade) == ("基本称职", "不称职")
    # 0029 still in 试用期 → 不确定等次 (assumption A5).
    assert y.person("0029").status == "no_grade"
    # 优秀: 27 graded × 20% = 5.4 → 5. Six proposals pass the gate; ranked by 平时考核平均分:
    # 0013 96.00, 0023 95.33, 0020 93.67, 0009 93.33, 0024 92.00, 0005 91.50 → 0005 (94.5+91+89 = 274.5 / 3) drops.
    (use,) = y.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (27, 5, 6, 5)
    assert y.person("0005").total == Decimal("91.50")
    assert sorted(r.id for r in y.people if r.grade == "优秀") == ["0009", "0013", "0020", "0023", "0024"]
    assert y.person("0005").grade == "称职"
