"""Golden cases for schemes/s003-p3.yaml (003 篇三) on the demo agency content/shilishi-tiyuju/.

Every expected number is worked by hand from the demo sheets (made by tools/demo/make_s003-p3.py).
The arithmetic of the scheme:
    季度: 档次 entered (A/B/C/D); A 不超过 30%（向下取整）, ranked by 量化评分; 不少于 20% is only a warning
    年度: 平时考核成绩 = mean of the year's graded quarters, A/B/C/D → 90/80/70/60 (quarters without a 档次 skipped)
          年度考核总分 = 平时考核成绩 × 60% + 年终考核得分 × 40%   (四舍五入保留 2 位)
          优秀 requires 平时考核成绩 ≥ 85 (gate); a C or D → not 优秀 (cap 称职); two D → at most 基本称职
The grades are entered, so there are no score bands and no band gap here; the boundary case is the
85-point gate (“85 分以上” includes 85).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "shilishi-tiyuju", "s003-p3"


@pytest.fixture(scope="module")
def periods():
    problems = Problems()
    project = discover(ROOT, problems)
    results = compute_project(project, problems)
    mine = {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}
    own = [p for p in problems.items if p.severity not in (Severity.NOTE, Severity.INFO) and (f"content/{AGENCY}/" in p.file or p.file == f"schemes/{SCHEME}.yaml")]
    assert own == []
    return mine


def grades(periods, year, pid):
    return [periods[(year, q)].person(pid).shown_grade for q in ("Q1", "Q2", "Q3", "Q4")]


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, lab) for y in (2024, 2025) for lab in ("Q1", "Q2", "Q3", "Q4", "Y")]
    for period in periods.values():
        assert period.unresolved_ties == []
        assert len(period.people) >= 25


def test_exactly_85_may_be_excellent(periods):
    # TY012 崔晓雪, 2025: A, A, B, B → (90 + 90 + 80 + 80) / 4 = 85 → “85 分以上” includes 85: the gate passes
    #   总分 = 85 × 60% + 96 × 40% = 51 + 38.4 = 89.40; 年度拟定等次 优秀 → 优秀
    #   年度优秀 20%: 29 × 20% = 5.8 → 5 places, 4 candidates → no cut
    assert grades(periods, 2025, "TY012") == ["A", "A", "B", "B"]
    y = periods[(2025, "Y")]
    p = y.person("TY012")
    assert p.item("pingshi").value == 85
    assert p.item("nianzhong").value == 96
    assert p.total == Decimal("89.40")
    assert p.grade == "优秀"
    (use,) = y.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (29, 5, 4, 4)


def test_below_85_cannot_be_excellent(periods):
    # TY017 顾振华, 2025: A, B, B, B → (90 + 80 × 3) / 4 = 82.5 < 85 → 优秀 gated down to 称职
    #   总分 = 82.5 × 60% + 95 × 40% = 49.5 + 38 = 87.50
    assert grades(periods, 2025, "TY017") == ["A", "B", "B", "B"]
    p = periods[(2025, "Y")].person("TY017")
    assert p.item("pingshi").value == Decimal("82.5")
    assert p.total == Decimal("87.50")
    assert (p.band_grade, p.grade) == ("优秀", "称职")


def test_one_c_blocks_excellent_even_at_85(periods):
    # TY026 段文杰, 2025: A, A, A, C → (90 × 3 + 70) / 4 = 85 → the gate passes, but one C → 不得优秀 (cap 称职)
    #   总分 = 85 × 60% + 94.5 × 40% = 51 + 37.8 = 88.80
    assert grades(periods, 2025, "TY026") == ["A", "A", "A", "C"]
    p = periods[(2025, "Y")].person("TY026")
    assert p.item("pingshi").value == 85
    assert p.total == Decimal("88.80")
    assert (p.band_grade, p.grade) == ("优秀", "称职")
    assert any("C 或 D" in s.text for s in p.trace if s.stage == "规则")


def test_two_d_and_a_quarter_not_assessed(periods):
    # TY013 万俊, 2025: Q1 D; Q2 病事假 34 天 > 考核天数 60 / 2 → 不进行考核 (its proposed C does not count);
    #   Q3 D; Q4 B → 平时考核成绩 = (60 + 60 + 80) / 3 = 66.666…
    #   总分 = 66.666… × 60% + 72 × 40% = 40 + 28.8 = 68.80; two D → 年度拟定 称职 capped to 基本称职
    assert grades(periods, 2025, "TY013") == ["D", "不进行考核", "D", "B"]
    q2 = periods[(2025, "Q2")].person("TY013")
    assert q2.status == "no_grade" and q2.grade is None
    p = periods[(2025, "Y")].person("TY013")
    assert p.item("pingshi").value == Decimal(200) / 3
    assert p.total == Decimal("68.80")
    assert (p.band_grade, p.grade) == ("称职", "基本称职")


def test_warning_caps_a_and_tie_at_the_30_percent_line(periods):
    q2 = periods[(2025, "Q2")]
    # TY002 萧雅婷, 2025 Q2: 量化评分 97.5, proposed A, 处分 警告 → “受警告处分期间，不得确定为 A 档次” → B
    p = q2.person("TY002")
    assert p.total == Decimal("97.5")
    assert (p.band_grade, p.grade) == ("A", "B")
    # 篇三 counts 实际参加考核总人数: 29 − TY013 (不进行考核: not taking part, in_base: false) = 28; TY018 (记过处分期间,
    # 不确定档次) takes part and counts. 28 × 30% = 8.4 → 8 A; 28 × 20% = 5.6 → at least 6.
    # Ten A proposals remain after the cap; the 8th and 9th by 量化评分, TY007 王芳 and TY027 史丽娜, both have 88.8
    # → flagged; Q2.decisions.csv gives TY007 A and TY027 B. The 10th, TY009 (87.8), drops to B.
    (use,) = q2.quotas
    assert (use.base, use.allowed, use.minimum, use.candidates) == (28, 8, 6, 10)
    assert sorted(use.group) == ["TY007", "TY027"]
    assert (q2.person("TY007").grade, q2.person("TY027").grade) == ("A", "B")
    assert q2.person("TY007").total == q2.person("TY027").total == Decimal("88.8")
    assert (q2.person("TY009").band_grade, q2.person("TY009").grade) == ("A", "B")
    assert q2.person("TY018").shown_grade == "不确定档次"
    assert sum(1 for r in q2.people if r.grade == "A") == 8


def test_investigation_then_grade_set_after_the_case_closed(periods):
    # TY023 邵华强: 立案调查 in 2024 Q2 and Q3 → 暂不定档次; 结案 with a 警告 → the committee sets B for both
    # quarters (Q2/Q3.decisions.csv); in 2024 Q4 (警告 period) his proposed A is capped to B.
    for q in ("Q2", "Q3"):
        p = periods[(2024, q)].person("TY023")
        assert (p.grade, p.decided) == ("B", True)
        assert "结案" in p.reason
    assert periods[(2024, "Q4")].person("TY023").grade == "B"
