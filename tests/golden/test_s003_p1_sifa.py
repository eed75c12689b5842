"""Golden cases for schemes/s003-p1-sifa.yaml (003 篇一 司法局) on the demo agency content/shiliqu-sifaju/.

Every expected number is worked by hand from the demo sheets (made by tools/demo/make_s003-p1-sifa.py).
The arithmetic of the scheme:
    季度总分 = 履行职位职责 + 完成阶段目标任务 + 工作质量 + 出勤 (30 + 30 + 25 + 15)
    bands 91—100 优秀, 71—90 称职, 60—70 基本称职, 59 以下 不称职; a total in a gap (90.5, 59.5) goes to the lower grade
    年度考核总分 = 平时考核得分（一、二、三季度平均）× 50% + 年度量化评价得分 × 50%
    年度量化评价 = 科级领导 上级 40% + 同级 30% + 下级 30%；其他人员 上级 60% + 同级 40%
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "shiliqu-sifaju", "s003-p1-sifa"


def _compute(root: Path):
    problems = Problems()
    project = discover(root, problems)
    results = compute_project(project, problems)
    mine = {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}
    own = [p for p in problems.items if p.severity not in (Severity.NOTE, Severity.INFO) and (f"content/{AGENCY}/" in p.file or p.file == f"schemes/{SCHEME}.yaml")]
    return mine, own


@pytest.fixture(scope="module")
def periods():
    mine, own = _compute(ROOT)
    assert own == []
    return mine


def value(result, code):
    return result.item(code).value


def test_every_period_present_and_no_unresolved_tie(periods):
    assert sorted(periods) == [(y, lab) for y in (2024, 2025) for lab in ("Q1", "Q2", "Q3", "Y")]
    for period in periods.values():
        assert period.unresolved_ties == []
        assert len(period.people) >= 25


def test_91_is_excellent_and_90_5_falls_in_the_gap(periods):
    q1 = periods[(2025, "Q1")]
    # SF012 袁晓光 (2025/Q1.xlsx): 27.5 + 28 + 23 + 12.5 = 91.00 → “91 分至 100 分的为优秀”, on the lower bound
    p = q1.person("SF012")
    assert [value(p, c) for c in ("lvzhi", "renwu", "zhiliang", "chuqin")] == [Decimal("27.5"), 28, 23, Decimal("12.5")]
    assert p.total == Decimal("91.00")
    assert (p.band_grade, p.grade) == ("优秀", "优秀")
    # SF015 夏雨婷: 27 + 27.5 + 22.5 + 13.5 = 90.50 → between “71 分至 90 分” and “91 分至 100 分”;
    # gap_policy lower (假定 A2) → 称职, and the trace says it came through the gap.
    p = q1.person("SF015")
    assert p.total == Decimal("90.50")
    assert (p.band_grade, p.grade) == ("称职", "称职")
    assert any("空档" in s.text for s in p.trace if s.stage == "等次")
    # SF021 方立军, 2024 Q1 (2024/Q1.csv): 17.5 + 17 + 16.5 + 8.5 = 59.50 → between “59 分以下” and “60 分至 70 分” → 不称职
    p = periods[(2024, "Q1")].person("SF021")
    assert p.total == Decimal("59.50")
    assert p.grade == "不称职"


def test_section_leader_year_40_30_30(periods):
    # SF010 叶志明, 科级领导, 2025:
    #   Q1 28 + 27 + 22 + 14 = 91;  Q2 27.5 + 28 + 23 + 14.5 = 93;  Q3 28.5 + 27.5 + 23.5 + 15 = 94.5
    #   平时考核得分 = (91 + 93 + 94.5) / 3 = 278.5 / 3 = 92.8333…
    #   年度量化评价 = 93 × 40% + 90.5 × 30% + 88 × 30% = 37.2 + 27.15 + 26.4 = 90.75
    #   总分 = 92.8333… × 50% + 90.75 × 50% = 46.41666… + 45.375 = 91.791666… → 91.79 → 优秀
    #   年度优秀 20%: 27 × 20% = 5.4 → 5 places, 4 candidates → no cut.
    y = periods[(2025, "Y")]
    p = y.person("SF010")
    assert [periods[(2025, q)].person("SF010").total for q in ("Q1", "Q2", "Q3")] == [91, 93, Decimal("94.5")]
    assert value(p, "pingshi-defen") == Decimal("278.5") / 3
    assert value(p, "lianghua") == Decimal("90.75")
    assert p.total == Decimal("91.79")
    assert (p.band_grade, p.grade) == ("优秀", "优秀")
    (use,) = y.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (27, 5, 4, 4)


def test_other_staff_joined_in_q2_60_40(periods):
    # SF023 姚振东, 其他人员, 新录用 from 2025 Q2 (no Q1 row; missing: skip → mean of the quarters he has):
    #   Q2 25 + 26.5 + 21 + 14 = 86.5;  Q3 26 + 27 + 21.5 + 15 = 89.5;  平时考核得分 = 176 / 2 = 88
    #   年度量化评价 = 86.5 × 60% + 84 × 40% = 51.9 + 33.6 = 85.5 (no 下级评分 for 其他人员)
    #   总分 = 88 × 50% + 85.5 × 50% = 44 + 42.75 = 86.75 → 称职
    assert periods[(2025, "Q1")].person("SF023") is None
    p = periods[(2025, "Y")].person("SF023")
    assert value(p, "pingshi-defen") == 88
    assert value(p, "lianghua") == Decimal("85.5")
    assert p.total == Decimal("86.75")
    assert p.grade == "称职"


def test_year_quota_cuts_the_sixth(periods):
    # SF013 迪丽娜尔·艾山, 其他人员, 2024:
    #   Q1 28.5 + 27.5 + 23 + 14 = 93;  Q2 27.5 + 26.5 + 22.5 + 14 = 90.5 (gap → 称职);  Q3 25 + 26.5 + 22 + 14 = 87.5
    #   平时考核得分 = 271 / 3 = 90.333…;  年度量化评价 = 95 × 60% + 89.3 × 40% = 57 + 35.72 = 92.72
    #   总分 = 45.1666… + 46.36 = 91.52666… → 91.53 → band 优秀
    #   27 × 20% = 5.4 → 5 places; six totals of 91 or more (96.88, 92.97, 92.92, 92.86, 92.47, 91.53) → the sixth → 称职
    y = periods[(2024, "Y")]
    assert periods[(2024, "Q2")].person("SF013").grade == "称职"
    p = y.person("SF013")
    assert value(p, "lianghua") == Decimal("92.72")
    assert p.total == Decimal("91.53")
    assert (p.band_grade, p.grade) == ("优秀", "称职")
    (use,) = y.quotas
    assert (use.base, use.allowed, use.candidates, use.granted) == (27, 5, 6, 5)


def test_missing_rater_is_an_error_not_an_estimate(tmp_path):
    # Blank SF010's 下级评分 in a copy of 2025/Y.csv: a 科级领导 needs all three raters (missing: error).
    root = tmp_path / "project"
    (root / "schemes").mkdir(parents=True)
    shutil.copy(ROOT / "schemes" / f"{SCHEME}.yaml", root / "schemes")
    shutil.copytree(ROOT / "content" / AGENCY, root / "content" / AGENCY)
    sheet = root / "content" / AGENCY / SCHEME / "2025" / "Y.csv"
    lines = sheet.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    col = header.index("下级评分")
    for i, line in enumerate(lines):
        cells = line.split(",")
        if cells[header.index("编号")] == "SF010":
            assert cells[col] == "88"
            cells[col] = ""
            lines[i] = ",".join(cells)
    sheet.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    mine, own = _compute(root)
    assert [p.code for p in own] == ["missing-component"]
    assert "下级评分" in own[0].message
    p = mine[(2025, "Y")].person("SF010")
    assert value(p, "lianghua") is None and p.total is None
    assert p.status == "incomplete"
