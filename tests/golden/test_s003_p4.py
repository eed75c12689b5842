"""Golden cases for schemes/s003-p4.yaml (003 篇四) on the demo agency content/qinghe-sjj/.

Every expected number below is worked by hand from the demo sheets (made by tools/demo/make_s003-p4.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "qinghe-sjj", "s003-p4"


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


def values(result, *codes):
    return [result.item(c).value for c in codes]


ITEMS = ("mubiao", "jindu", "zhiliang", "chuqin", "lianjie")


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, lab) for y in (2024, 2025) for lab in ("Q1", "Q2", "Q3", "Q4", "Y")]
    for period in periods.values():
        assert period.unresolved_ties == []


def test_level_scores(periods):
    # 1017, 2024 Q3: 目标任务 24 (称职 23—26) + 进度 16 (称职) + 质量 16 (称职) + 出勤 8 (正常 7—8)
    #   + 廉洁 0 (受到党纪政纪处分的 0 分) = 64 → 60—74 基本称职.
    p = periods[(2024, "Q3")].person("1017")
    assert values(p, *ITEMS) == [24, 16, 16, 8, 0]
    assert p.person.values["廉洁自律档次"] == "受到处分"
    assert (p.total, p.grade) == (Decimal("64.00"), "基本称职")
    # 1021, 2024 Q1: 25 + 15 + 16 + 6 (较少, 6 分以下) + 10 (有违反情形 11—1) = 72 → 基本称职.
    p = periods[(2024, "Q1")].person("1021")
    assert values(p, *ITEMS) == [25, 15, 16, 6, 10]
    assert (p.person.values["出勤参会档次"], p.person.values["廉洁自律档次"]) == ("较少", "有违反情形")
    assert (p.total, p.grade) == (Decimal("72.00"), "基本称职")


def test_quarter_quota_cut(periods):
    q1 = periods[(2024, "Q1")]
    # 28 × 30% = 8.4 → 8. Eleven people at 90 or more: 100, 99, 98, 97, 96, 95, 94, 93 keep 优秀;
    # 1024 (92), 1013 (91), 1016 (90) are 9th—11th and drop to 称职.
    (use,) = q1.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (28, 8, 11, 8)
    dropped = {r.id: r.total for r in q1.people if r.band_grade == "优秀" and r.grade == "称职"}
    assert dropped == {"1024": Decimal("92.00"), "1013": Decimal("91.00"), "1016": Decimal("90.00")}


def test_quarter_tie_resolved_by_decision(periods):
    q2 = periods[(2024, "Q2")]
    # 8 places; seven people at 93—100, then 1005 and 1011 both at 92 straddle the line.
    # Q2.decisions.csv: 1005 优秀, 1011 称职. 1009 at 90 is below the pair and drops.
    (use,) = q2.quotas
    assert sorted(use.group) == ["1005", "1011"]
    a, b = q2.person("1005"), q2.person("1011")
    assert a.total == b.total == Decimal("92.00")
    assert (a.grade, b.grade) == ("优秀", "称职") and a.decided and b.decided
    assert q2.person("1009").grade == "称职"
    assert sum(1 for r in q2.people if r.grade == "优秀") == 8


def test_float_trap_gives_exactly_ninety(periods):
    # 1008, 2025: four quarters of 27 + 18 + 18 + 9 + 18 = 90 → 平时考核得分 360 / 4 = 90.
    # 年终: 分管领导 90.3 × 40% + 考核委员会 90.1 × 30% + 民主测评 89.5 × 30%
    #     = 36.12 + 27.03 + 26.85 = 90.00 exactly (in float: 89.99999999999999).
    # 年度 = 90 × 60% + 90.00 × 40% = 54 + 36 = 90.00 → 90 分以上 优秀 (5 places for 28, 5 candidates).
    p = periods[(2025, "Y")].person("1008")
    assert 0.4 * 90.3 + 0.3 * 90.1 + 0.3 * 89.5 != 90.0  # the trap this case guards against
    assert values(p, "pingshi-defen", "nianzhong") == [Decimal("90"), Decimal("90.00")]
    assert p.item("nianzhong").value == Decimal("90")
    assert p.total == Decimal("90.00")
    assert (p.band_grade, p.grade) == ("优秀", "优秀")


def test_year_roll_up_and_quota(periods):
    y = periods[(2024, "Y")]
    # 1029 joined in Q3: 24+17+16+9+15 = 81 and 26+16+20+8+18 = 88 → 平时 (81 + 88) / 2 = 84.5;
    # 年终 84.2 × 40% + 83.7 × 30% + 83.7 × 30% = 33.68 + 25.11 + 25.11 = 83.90;
    # 年度 84.5 × 60% + 83.9 × 40% = 50.70 + 33.56 = 84.26 → 称职.
    p = y.person("1029")
    assert values(p, "pingshi-defen", "nianzhong") == [Decimal("84.5"), Decimal("83.90")]
    assert (p.total, p.grade) == (Decimal("84.26"), "称职")
    # 1012: 民主测评 typed 「８５.５」: 84.2 × 40% + 83.7 × 30% + 85.5 × 30% = 33.68 + 25.11 + 25.65 = 84.44.
    assert y.person("1012").item("nianzhong").value == Decimal("84.44")
    # 1011: quarters 93, 92, 92, 93 → 92.5; 年终 93.2 × 40% + 92.7 × 30% × 2 = 37.28 + 55.62 = 92.90;
    # 年度 55.50 + 37.16 = 92.66. 1026 retired after Q2 and is not in the year.
    p = y.person("1011")
    assert p.total == Decimal("92.66")
    assert y.person("1026") is None
    # 优秀: 28 × 20% = 5.6 → 5. Seven at 90 or more: 1010 95.23, 1025 95.15, 1020 95.00, 1005 94.50,
    # 1027 94.46 keep 优秀; 1001 92.77 and 1011 92.66 drop to 称职.
    (use,) = y.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (28, 5, 7, 5)
    dropped = sorted(r.id for r in y.people if r.band_grade == "优秀" and r.grade != "优秀")
    assert dropped == ["1001", "1011"]
