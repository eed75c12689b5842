"""Golden cases for schemes/s003-p6.yaml (003 篇六) on the demo agency content/heling-zrj/.

Every expected number below is worked by hand from the demo sheets (made by tools/demo/make_s003-p6.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "heling-zrj", "s003-p6"


@pytest.fixture(scope="module")
def periods():
    problems = Problems()
    project = discover(ROOT, problems)
    results = compute_project(project, problems)
    mine = {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}
    own = [
        p for p in problems.items if p.severity is Severity.ERROR and (f"content/{AGENCY}/" in p.file or p.file == f"schemes/{SCHEME}.yaml")
    ]
    assert own == []
    return mine


def quota(period, scope):
    return next(q for q in period.quotas if q.scope == scope)


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, lab) for y in (2024, 2025) for lab in ("Q1", "Q2", "Q3", "Q4")]
    for period in periods.values():
        assert period.unresolved_ties == []


def test_unit_quota(periods):
    q1 = periods[(2024, "Q1")]
    # 国土空间规划单元: 5 people × 40% = 2 places; 好 by score: 6006 95, 6007 93, 6009 91.5, 6010 90
    # → 6009 and 6010 drop to 较好 inside the unit.
    use = quota(q1, "国土空间规划单元")
    assert (use.base, use.allowed, use.candidates, use.granted) == (5, 2, 4, 2)
    got = {pid: (q1.person(pid).total, q1.person(pid).grade) for pid in ("6006", "6007", "6009", "6010")}
    assert got == {
        "6006": (Decimal("95.00"), "好"),
        "6007": (Decimal("93.00"), "好"),
        "6009": (Decimal("91.50"), "较好"),
        "6010": (Decimal("90.00"), "较好"),
    }


def test_forced_good_then_agency_quota(periods):
    q2 = periods[(2024, "Q2")]
    # 国土调查专项单元: 4 × 40% = 1.6 → 1 place. 6026 (86, 急难险重) and 6028 (88.5, 嘉奖) are forced 好 and
    # protected; they fill more than the one place, so 6027 (93 by score) drops to 较好.
    assert [q2.person(p).grade for p in ("6026", "6028", "6027")] == ["好", "好", "较好"]
    assert q2.person("6026").protected and q2.person("6028").protected
    unit = quota(q2, "国土调查专项单元")
    assert (unit.allowed, unit.candidates, unit.granted) == (1, 3, 2)
    # Agency: 29 × 40% = 11.6 → 11. After the unit quotas: two 好 in each of the five other units
    # (96/91, 97.5/93.5, 95/90.5, 94/92, 96.5/91.5) + the two forced = 12 → 11 − 2 protected = 9 places
    # for the ten by score: the lowest, 6014 at 90.5, drops.
    agency = quota(q2, "全单位")
    assert (agency.base, agency.allowed, agency.candidates, agency.granted) == (29, 11, 12, 11)
    assert (q2.person("6014").total, q2.person("6014").grade) == (Decimal("90.50"), "较好")
    assert sum(1 for r in q2.people if r.grade == "好") == 11


def test_tie_in_a_unit_resolved_by_decision(periods):
    q3 = periods[(2024, "Q3")]
    # 耕地保护单元: 2 places; 6011 95, then 6012 and 6013 both 92.5 → flagged;
    # Q3.decisions.csv: 6013 好 (基层一线), 6012 较好.
    use = quota(q3, "耕地保护单元")
    assert sorted(use.group) == ["6012", "6013"]
    assert q3.person("6012").total == q3.person("6013").total == Decimal("92.50")
    assert (q3.person("6013").grade, q3.person("6012").grade) == ("好", "较好")
    assert quota(q3, "全单位").allowed == 12  # 30 people after 6030 joined: 12; 11 好 in the end
    assert sum(1 for r in q3.people if r.grade == "好") == 11


def test_forced_poor(periods):
    q4 = periods[(2024, "Q4")]
    # 6016: 91 (好 by score) but 不服从组织安排 → 较差. 6021: 84 with 党内严重警告 → 较差.
    # 6022: 88 with 警告 only → stays 较好. 6009: 92 with both 急难险重 and 不服从 → 较差 (assumption A5).
    got = {pid: (q4.person(pid).total, q4.person(pid).grade) for pid in ("6016", "6021", "6022", "6009")}
    assert got == {
        "6016": (Decimal("91.00"), "较差"),
        "6021": (Decimal("84.00"), "较差"),
        "6022": (Decimal("88.00"), "较好"),
        "6009": (Decimal("92.00"), "较差"),
    }


def test_adjustment_caps_and_gap(periods):
    q1 = periods[(2025, "Q1")]
    # 6003: 9 + 9 + 8.5 + 9 + (工作目标 9 + 工作成效 43 = 工作绩效 52) + 8.5 = 87; 加分 12 → 10 → 97.00 → 好.
    p = q1.person("6003")
    assert p.item("jixiao").value == 52
    assert (p.total, p.grade) == (Decimal("97.00"), "好")
    # 6014: 8.5 + 8.5 + 8 + 8.5 + 43 + 8.5 = 85; 扣分 11 → 10 → 75.00 → 较好 (75 is its lower bound).
    p = q1.person("6014")
    assert (p.raw_total, p.total, p.grade) == (Decimal(75), Decimal("75.00"), "较好")
    # 6019: 9 × 4 + 44.5 + 9 … = 89.5, in the 89—90 gap → 较好 (assumption A1).
    p = q1.person("6019")
    assert (p.total, p.grade) == (Decimal("89.50"), "较好")


def test_smaller_unit_after_a_leaver(periods):
    # 6018 left after 2025 Q1: 执法监察单元 has 4 people in 2025 Q2 → 1.6 → 1 place.
    q2 = periods[(2025, "Q2")]
    assert q2.person("6018") is None
    use = quota(q2, "执法监察单元")
    assert (use.base, use.allowed) == (4, 1)
