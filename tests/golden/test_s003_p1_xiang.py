"""Golden cases for schemes/s003-p1-xiang.yaml (003 篇一 xx乡) on the demo agency content/qingfeng-xiang/.

Every expected number is worked by hand from the demo sheets (made by tools/demo/make_s003-p1-xiang.py).
The arithmetic of the scheme:
    绩 = 业务工作 × 70% + 联系村和中心工作 × 30%
    主管领导评价 = 德 + 能 + 勤 + 绩 + 廉                      (满分 100)
    总分（量化考核分值）= 主管领导评价 × 70% + 民主测评 × 30%   (四舍五入保留 2 位)
    优秀 ≥ 90；称职 70（含）～90（不含）；基本称职 60（含）～70（不含）；不称职 < 60 — no gaps, so the
    band-gap case of this suite is the 89.99 person (just under the bound, not in any gap).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "qingfeng-xiang", "s003-p1-xiang"


@pytest.fixture(scope="module")
def periods():
    problems = Problems()
    project = discover(ROOT, problems)
    results = compute_project(project, problems)
    mine = {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}
    own = [p for p in problems.items if p.severity not in (Severity.NOTE, Severity.INFO) and (f"content/{AGENCY}/" in p.file or p.file == f"schemes/{SCHEME}.yaml")]
    assert own == []
    return mine


def value(result, code):
    return result.item(code).value


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, f"Q{q}") for y in (2024, 2025) for q in range(1, 5)]
    for period in periods.values():
        assert period.unresolved_ties == []
        assert len(period.people) >= 25


def test_exactly_90_is_excellent(periods):
    # QF016 杨丽华, 2025 Q1 (Q1.xlsx): 德 13.5 能 13.5 勤 14 业务工作 36.5 联系村和中心工作 31.5 廉 14 民主测评 90 病事假 0
    #   绩 = 36.5 × 0.7 + 31.5 × 0.3 = 25.55 + 9.45 = 35.00
    #   主管领导评价 = 13.5 + 13.5 + 14 + 35 + 14 = 90
    #   总分 = 90 × 0.7 + 90 × 0.3 = 63 + 27 = 90.00 → “90 分以上”含 90 → 优秀
    # 2025 Q1 has 9 优秀 candidates for 29 × 40% = 11.6 → 11 places: no cut.
    p = periods[(2025, "Q1")].person("QF016")
    assert value(p, "ji") == Decimal("35.00")
    assert value(p, "pingjia") == 90
    assert value(p, "minzhu") == 90
    assert p.total == Decimal("90.00")
    assert (p.band_grade, p.grade, p.status) == ("优秀", "优秀", "graded")
    (use,) = periods[(2025, "Q1")].quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (29, 11, 9, 9)


def test_89_99_is_not_excellent(periods):
    # QF017 徐明辉, 2025 Q1: 德 13.5 能 13.5 勤 13.5 业务工作 36 联系村和中心工作 35 廉 14 民主测评 89.5
    #   绩 = 36 × 0.7 + 35 × 0.3 = 25.2 + 10.5 = 35.7
    #   主管领导评价 = 13.5 × 3 + 35.7 + 14 = 90.2
    #   总分 = 90.2 × 0.7 + 89.5 × 0.3 = 63.14 + 26.85 = 89.99 → “70～90 分不含 90 分” → 称职
    p = periods[(2025, "Q1")].person("QF017")
    assert value(p, "ji") == Decimal("35.7")
    assert value(p, "pingjia") == Decimal("90.2")
    assert p.total == Decimal("89.99")
    assert (p.band_grade, p.grade) == ("称职", "称职")


def test_not_full_attendance_blocks_excellent(periods):
    # QF001 陈晓东, 2025 Q1: 德 14.5 能 14 勤 13 业务工作 38 联系村和中心工作 36 廉 14.5 民主测评 93.2 病事假 2 天
    #   绩 = 38 × 0.7 + 36 × 0.3 = 26.6 + 10.8 = 37.4
    #   主管领导评价 = 14.5 + 14 + 13 + 37.4 + 14.5 = 93.4
    #   总分 = 93.4 × 0.7 + 93.2 × 0.3 = 65.38 + 27.96 = 93.34 → band 优秀
    #   “优……出全勤” (gate, 假定 A6): 病事假 2 ≠ 0 → 降为称职
    p = periods[(2025, "Q1")].person("QF001")
    assert value(p, "ji") == Decimal("37.4")
    assert p.total == Decimal("93.34")
    assert (p.band_grade, p.grade) == ("优秀", "称职")
    assert any("出全勤" in s.text for s in p.trace if s.stage == "规则")


def test_loss_through_negligence_forces_unsatisfactory(periods):
    # QF028 唐振宇, 2025 Q1: 德 12 能 12.5 勤 12 业务工作 31 联系村和中心工作 30 廉 11 民主测评 78.4; 失职造成损失及投诉 = 是
    #   绩 = 31 × 0.7 + 30 × 0.3 = 21.7 + 9 = 30.7
    #   主管领导评价 = 12 + 12.5 + 12 + 30.7 + 11 = 78.2
    #   总分 = 78.2 × 0.7 + 78.4 × 0.3 = 54.74 + 23.52 = 78.26 → band 称职 → 直接确定为不称职（第九条（四））
    p = periods[(2025, "Q1")].person("QF028")
    assert value(p, "pingjia") == Decimal("78.2")
    assert p.total == Decimal("78.26")
    assert (p.band_grade, p.grade, p.protected) == ("称职", "不称职", True)


def test_quota_cut_then_tie_decided_for_the_same_wang_fang(periods):
    # Two people named 王芳 work in 社会事务办公室: QF014 and QF015.
    # 2024 Q1 (Q1.xlsx, merged title + two-row header). QF015: 德 13.5 能 13.5 勤 14 业务工作 38 联系村和中心工作 36.5 廉 13.5 民主测评 86
    #   绩 = 38 × 0.7 + 36.5 × 0.3 = 26.6 + 10.95 = 37.55
    #   主管领导评价 = 13.5 + 13.5 + 14 + 37.55 + 13.5 = 92.05
    #   总分 = 92.05 × 0.7 + 86 × 0.3 = 64.435 + 25.8 = 90.235 → 四舍五入 90.24 → band 优秀
    #   名额 29 × 40% = 11.6 → 11; 13 full-attendance people at 90 or more; QF015 is 13th → 称职.
    q1 = periods[(2024, "Q1")]
    p = q1.person("QF015")
    assert value(p, "ji") == Decimal("37.55")
    assert p.raw_total == Decimal("90.235") and p.total == Decimal("90.24")
    assert (p.band_grade, p.grade) == ("优秀", "称职")
    (use,) = q1.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (29, 11, 13, 11)
    other = q1.person("QF014")
    assert other.person.name == p.person.name == "王芳" and other.person.department == p.person.department
    assert (other.total, other.grade) == (Decimal("99.35"), "优秀")
    # 2024 Q2 (Q2.csv). QF003 赵文博 and QF015 王芳 have the same row:
    #   德 14.5 能 13.5 勤 14 业务工作 35.5 联系村和中心工作 38 廉 14.5 民主测评 94.8
    #   绩 = 35.5 × 0.7 + 38 × 0.3 = 24.85 + 11.4 = 36.25; 主管领导评价 = 14.5 + 13.5 + 14 + 36.25 + 14.5 = 92.75
    #   总分 = 92.75 × 0.7 + 94.8 × 0.3 = 64.925 + 28.44 = 93.365 → 93.37, both at places 11 and 12 of 11 → flagged;
    #   Q2.decisions.csv: the 领导小组 gives both 优秀 within the 50% maximum (12 of 29 = 41%).
    q2 = periods[(2024, "Q2")]
    (use,) = q2.quotas
    assert sorted(use.group) == ["QF003", "QF015"]
    # 12 of 11 places: beyond the 40% line by the committee's explicit statement (超出名额), shown on the 公示
    assert (use.allowed, use.granted, [pid for pid, _ in use.exceeded]) == (11, 12, ["QF003"])
    for pid in ("QF003", "QF015"):
        r = q2.person(pid)
        assert r.total == Decimal("93.37")
        assert (r.grade, r.status, r.decided) == ("优秀", "graded", True)
        assert "50%" in r.reason
    assert sum(1 for r in q2.people if r.grade == "优秀") == 12
