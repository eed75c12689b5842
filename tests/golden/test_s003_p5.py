"""Golden cases for schemes/s003-p5.yaml (003 篇五) on the demo town content/liuxi-zhen/.

Every expected number below is worked by hand from the demo sheets (made by tools/demo/make_s003-p5.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "liuxi-zhen", "s003-p5"


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


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, lab) for y in (2024, 2025) for lab in ("Q1", "Q2", "Q3", "Q4", "Y")]
    for period in periods.values():
        assert period.unresolved_ties == []
    # quarters are scored, not graded
    assert all(r.grade is None for r in periods[(2024, "Q1")].people)


def test_deductions_for_qin(periods):
    # 0507, 2024 Q2: 勤 = 20 − 迟到早退 3 × 1 − 旷工 1 天 × 5 − 日志缺记 2 天 × 0.5 − 月度纪实 1 次 × 2
    #              = 20 − 3 − 5 − 1 − 2 = 9; total 13.5 + 13 + 9 + 34 + 9 = 78.5.
    p = periods[(2024, "Q2")].person("0507")
    assert values(p, "de", "neng", "qin", "ji", "lian") == [Decimal("13.5"), 13, 9, 34, 9]
    assert p.total == Decimal("78.50")
    # 0511, 2025 Q3: 旷工 5 天 × 5 = 25 > 20 → 扣完为止, 勤 0 (not −5); 11 + 12 + 0 + 30 + 8 = 61.
    p = periods[(2025, "Q3")].person("0511")
    assert p.item("qin").value == 0
    assert p.total == Decimal("61.00")


def test_sum_of_four_quarters_divided_by_four(periods):
    # 0503, 2025: (90 + 89.5 + 90.5 + 89.5) / 4 = 359.5 / 4 = 89.875 → 四舍五入 89.88 → 75—90 称职.
    y = periods[(2025, "Y")]
    p = y.person("0503")
    assert [periods[(2025, lab)].person("0503").total for lab in ("Q1", "Q2", "Q3", "Q4")] == [
        Decimal("90"),
        Decimal("89.5"),
        Decimal("90.5"),
        Decimal("89.5"),
    ]
    assert p.item("niandu-defen").value == Decimal("89.875")
    assert (p.total, p.grade) == (Decimal("89.88"), "称职")
    # 0529 joined in 2024 Q3: not in the 2024 year (fewer than four quarters), in the 2025 year.
    assert periods[(2024, "Y")].person("0529") is None and y.person("0529") is not None
    # 0530 left after 2025 Q2: not in the 2025 year.
    assert y.person("0530") is None
    # 优秀: 29 × 20% = 5.8 → 5; seven at 90 or more: 0525 (91.13) and 0505 (90.25) are 6th and 7th.
    (use,) = y.quotas
    assert (use.base, use.allowed, use.candidates) == (29, 5, 7)
    assert sorted(r.id for r in y.people if r.band_grade == "优秀" and r.grade == "称职") == ["0505", "0525"]


def test_year_tie_resolved_by_decision(periods):
    y = periods[(2024, "Y")]
    # 0504: (92 + 90.5 + 91.5 + 92) / 4 = 366 / 4 = 91.50; 0509: (90 + 93 + 91 + 92) / 4 = 366 / 4 = 91.50.
    # 5 places; four above 91.50, then 0504 and 0509 tie on the line → Y.decisions.csv: 0504 优秀, 0509 称职.
    # 0511 (91.13) and 0510 (90.25) are below the pair and drop to 称职.
    (use,) = y.quotas
    assert (use.base, use.allowed) == (29, 5)
    assert sorted(use.group) == ["0504", "0509"]
    a, b = y.person("0504"), y.person("0509")
    assert a.total == b.total == Decimal("91.50")
    assert (a.grade, b.grade) == ("优秀", "称职")
    assert sorted(r.id for r in y.people if r.band_grade == "优秀" and r.grade == "称职") == ["0509", "0510", "0511"]
    assert sum(1 for r in y.people if r.grade == "优秀") == 5
