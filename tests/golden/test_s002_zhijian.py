"""Golden cases for schemes/s002-zhijian.yaml (002 机关目标管理方案，个人考核) on content/nanming-zj/.

The demo sheets are made by tools/demo/make_s002-zhijian.py (2025 年度 rows written by hand there).
Grades are entered, 优秀 at most 30% of everyone assessed, ranked by 民主测评得分; the listed
conditions force 不称职; the committee's decisions file settles the tie and a 试用期 recruit.
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
AGENCY, SCHEME = "nanming-zj", "s002-zhijian"
D = Decimal


@pytest.fixture(scope="module")
def periods(tmp_path_factory):
    root = tmp_path_factory.mktemp("kaohe")
    (root / "schemes").mkdir()
    shutil.copy(ROOT / "schemes" / f"{SCHEME}.yaml", root / "schemes")
    (root / "content" / AGENCY).mkdir(parents=True)
    shutil.copy(ROOT / "content" / AGENCY / "agency.yaml", root / "content" / AGENCY)
    shutil.copytree(ROOT / "content" / AGENCY / SCHEME, root / "content" / AGENCY / SCHEME)
    problems = Problems()
    project = discover(root, problems)
    results = compute_project(project, problems)
    assert [p for p in problems.items if p.severity not in (Severity.NOTE, Severity.INFO)] == []
    return {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}


def test_periods_files_and_notices(periods):
    assert sorted(periods) == [(2024, "H1"), (2024, "Y"), (2025, "H1"), (2025, "Y")]
    assert periods[(2024, "Y")].encoding == "UTF-8（带 BOM）"
    assert periods[(2025, "Y")].files[0].endswith("2025/年度.xlsx")
    assert periods[(2025, "Y")].notice.number == "南溟质监考评〔2026〕2号" and periods[(2025, "Y")].notice.days == 5
    assert periods[(2024, "H1")].notice is None  # 半年初评 is not published
    for period in periods.values():
        assert period.unresolved_ties == []


def test_quota_2024_one_beyond_the_line(periods):
    period = periods[(2024, "Y")]
    # 28 人 × 30% = 8.4 → 8 个名额；9 人拟定优秀，按民主测评得分排第 9 的 ZJ024（90.5）降为称职
    assert len(period.people) == 28
    assert period.quotas[0].allowed == 8
    assert (period.person("ZJ024").band_grade, period.person("ZJ024").grade) == ("优秀", "称职")
    assert sum(1 for p in period.people if p.grade == "优秀") == 8


def test_quota_2025_tie_at_the_line_decided(periods):
    period = periods[(2025, "Y")]
    # 30 人 × 30% = 9 个名额（参加考核总人数，含不确定等次的人员）
    assert len(period.people) == 30 and period.quotas[0].allowed == 9
    # 民主测评得分 98、97.5、96、95.5、95、94、93.5、93 的 8 人在名额内；
    # 第 9、10 名 ZJ005 与 ZJ011 同为 92 分 → 并列，提交领导小组：ZJ005 优秀，ZJ011 称职
    assert sorted(period.quotas[0].group) == ["ZJ005", "ZJ011"]
    a, b = period.person("ZJ005"), period.person("ZJ011")
    assert a.person.name == "阿依古丽·买买提" and a.total == D("92.0")
    assert (a.grade, a.decided) == ("优秀", True)
    assert (b.grade, b.decided) == ("称职", True)
    # 第 11 名 ZJ024（91.5）在名额之外 → 由优秀降为称职
    c = period.person("ZJ024")
    assert (c.band_grade, c.grade, c.status) == ("优秀", "称职", "graded")
    # 最终优秀 8 + 1 = 9 人，正好是名额
    assert sum(1 for p in period.people if p.grade == "优秀") == 9


def test_conditions_force_bu_chengzhi(periods):
    period = periods[(2025, "Y")]
    # ZJ012：拟定优秀（96.5 分，本可在名额内），会议迟到早退累计 3 次（「3次以上」含本数）→ 不称职
    p = period.person("ZJ012")
    assert (p.band_grade, p.grade, p.protected) == ("优秀", "不称职", True)
    # ZJ013：旷工累计 5 个工作日 > 4（「超过」不含本数）→ 不称职
    assert (period.person("ZJ013").band_grade, period.person("ZJ013").grade) == ("称职", "不称职")
    # ZJ019：值班无故漏岗 2 次（「2次以上」含本数）→ 不称职
    assert period.person("ZJ019").grade == "不称职"
    # ZJ020：事假 31 天 > 30 天（1个月）→ 不称职
    assert period.person("ZJ020").grade == "不称职"
    # ZJ015：病假 40 天，不超过 40 天 → 仍为称职
    p = period.person("ZJ015")
    assert (p.grade, p.protected) == ("称职", False)


def test_probation_recruit_left_without_grade(periods):
    p = periods[(2025, "Y")].person("ZJ030")
    # 拟定称职；领导小组决定：试用期内，不确定等次
    assert p.band_grade == "称职"
    assert (p.status, p.grade, p.shown_grade) == ("no_grade", None, "不确定等次")
    assert "试用期" in p.reason


def test_half_year_and_people_changes(periods):
    h1, y = periods[(2025, "H1")], periods[(2025, "Y")]
    # the September recruit is not in the half-year review
    assert h1.person("ZJ030") is None and y.person("ZJ030") is not None
    assert {p.id for p in periods[(2024, "Y")].people} - {p.id for p in y.people} == {"ZJ022", "ZJ027"}
    zhang = [p for p in y.people if p.person.name == "张伟"]
    assert sorted(p.id for p in zhang) == ["ZJ003", "ZJ004"] and {p.person.department for p in zhang} == {"计量科"}
    # H1 has no quota: grades stand as entered
    assert h1.quotas == [] and all(p.grade == p.band_grade for p in h1.people)
