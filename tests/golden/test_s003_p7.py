"""Golden cases for schemes/s003-p7.yaml (003 篇七) on the demo agency content/baiyang-fgw/.

年度考核优秀率 = 得优秀次数 ÷ 3 × 40% + 优秀票 ÷ 参加测评总人数 × 60%, kept to 4 decimals (四舍五入).
Every expected number below is worked by hand from the demo sheets (made by tools/demo/make_s003-p7.py).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "baiyang-fgw", "s003-p7"


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


def rate(result):
    return result.item("youxiulv").value


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, lab) for y in (2024, 2025) for lab in ("Q1", "Q2", "Q3", "Y")]
    for period in periods.values():
        assert period.unresolved_ties == []
    # a quarter's grade is the one entered; 优秀 counts 1 toward 得优秀次数
    p = periods[(2024, "Q2")].person("7005")
    assert (p.grade, p.total) == ("基本称职", 0)
    assert periods[(2024, "Q1")].person("7005").total == 1


def test_rate_formula(periods):
    y = periods[(2024, "Y")]
    # 7001: 优秀 ×3, 27 of 31 votes: 3/3 × 0.4 + 27/31 × 0.6 = 0.4 + 0.522580… = 0.922580… → 0.9226.
    assert rate(y.person("7001")) == Decimal("0.9226")
    # 7012: 优秀 ×1, 20 of 31: 0.133333… + 0.387096… = 0.520430… → 0.5204.
    assert rate(y.person("7012")) == Decimal("0.5204")
    y25 = periods[(2025, "Y")]
    # 7002, 2025: 优秀 ×3, 「２４」 (full-width) of 30: 0.4 + 0.48 = 0.8800.
    assert rate(y25.person("7002")) == Decimal("0.88")
    # 7029 joined in 2025 Q2: 优秀 in Q2 and Q3 → 2 ÷ 3 (the text's fixed divisor) × 0.4 = 0.266667;
    # 23 of 30 × 0.6 = 0.46 → 0.726667 → 0.7267 → 优秀 (4th of 8).
    p = y25.person("7029")
    assert periods[(2025, "Q1")].person("7029") is None
    assert (rate(p), p.grade) == (Decimal("0.7267"), "优秀")
    # 7016: no 优秀 quarter, 25 of 30: 0 + 0.5 = 0.5000 exactly → in the 优秀 band (0.5 and above) …
    p = y25.person("7016")
    assert (p.total, p.band_grade) == (Decimal("0.5000"), "优秀")
    # … but last of the eight candidates: 28 × 20% = 5.6 → 5 places; 7006 0.6867, 7011 0.6667 and 7016 drop.
    (use,) = y25.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (28, 5, 8, 5)
    dropped = sorted(
        r.id for r in y25.people if r.band_grade == "优秀" and r.grade == "称职" and not any(s.stage == "规则" for s in r.trace)
    )
    assert dropped == ["7006", "7011", "7016"]


def test_caps_from_quarter_grades(periods):
    y = periods[(2024, "Y")]
    # 7005: 优秀, 基本称职, 优秀; 28 of 31: 0.266667 + 0.541935 = 0.808602 → 0.8086, band 优秀;
    # one 基本称职 → 年度考核不能确定为优秀 → 称职.
    p = y.person("7005")
    assert (p.total, p.band_grade, p.grade) == (Decimal("0.8086"), "优秀", "称职")
    # 7010: 基本称职, 称职, 基本称职; 3 of 31 → 0.058065 → 0.0581; two 基本称职 → not 称职 or better → 基本称职.
    p = y.person("7010")
    assert (p.total, p.band_grade, p.grade) == (Decimal("0.0581"), "称职", "基本称职")
    # 7014: 称职, 不称职, 称职 → one 不称职 → 基本称职.
    assert y.person("7014").grade == "基本称职"
    # 2025: 7004 优秀, 基本称职, 称职; 27 of 30: 0.133333 + 0.54 = 0.6733 → 称职; 7020 two 基本称职 → 基本称职.
    y25 = periods[(2025, "Y")]
    assert (y25.person("7004").total, y25.person("7004").grade) == (Decimal("0.6733"), "称职")
    assert y25.person("7020").grade == "基本称职"


def test_year_tie_resolved_by_decision(periods):
    y = periods[(2024, "Y")]
    # 27 people (7027 left after Q2) × 20% = 5.4 → 5. Candidates after the caps: 7001 0.9226, 7002 0.8258,
    # 7004 0.7699, 7006 0.7505, then 7003 (优秀, 优秀, 称职) and 7008 (称职, 优秀, 优秀), both 24 of 31:
    # 0.266667 + 0.464516 = 0.731183 → 0.7312, tied on the line; 7012 (0.5204) drops.
    # Y.decisions.csv: 7003 优秀, 7008 称职.
    assert y.person("7027") is None
    (use,) = y.quotas
    assert (use.base, use.allowed, use.candidates) == (27, 5, 7)
    assert sorted(use.group) == ["7003", "7008"]
    assert rate(y.person("7003")) == rate(y.person("7008")) == Decimal("0.7312")
    assert (y.person("7003").grade, y.person("7008").grade, y.person("7012").grade) == ("优秀", "称职", "称职")
    assert sorted(r.id for r in y.people if r.grade == "优秀") == ["7001", "7002", "7003", "7004", "7006"]
