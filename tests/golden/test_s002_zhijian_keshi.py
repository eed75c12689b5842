"""Golden cases for schemes/s002-zhijian-keshi.yaml (002 机关目标管理方案，科室考评) on content/nanming-zj/.

The sheets are written by hand in tools/demo/make_s002-zhijian-keshi.py. The 科室 are the ones
assessed: 优秀/达标/未达标 entered by the committee, the listed conditions force 未达标.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.problems import Problems, Severity
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "nanming-zj", "s002-zhijian-keshi"


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


def test_periods(periods):
    assert sorted(periods) == [(2024, "H1"), (2024, "Y"), (2025, "H1"), (2025, "Y")]
    assert all(len(p.people) == 6 and p.quotas == [] for p in periods.values())


def test_late_reports_three_times_is_not_up_to_standard(periods):
    y = periods[(2025, "Y")]
    # 计量科：领导小组评议为优秀，但书面报告 3 次未按时上报（「3次按未达标处理」）→ 未达标
    p = y.person("KS02")
    assert (p.person.name, p.band_grade, p.grade) == ("计量科", "优秀", "未达标")
    # 标准化科：2 次未按时上报只给予批评 → 仍为达标
    assert (y.person("KS03").band_grade, y.person("KS03").grade) == ("达标", "达标")


def test_two_targets_missed_counts_the_number_itself(periods):
    y = periods[(2025, "Y")]
    # 质量监督科：主观原因未完成 2 项，「两项以上」含本数 → 未达标
    assert y.person("KS04").grade == "未达标"
    # 稽查科：未完成 1 项 → 不触发，仍为达标
    assert y.person("KS06").grade == "达标"
    # 2024 稽查科：领导小组认定较大失误或未按时完成交办任务 → 未达标
    assert periods[(2024, "Y")].person("KS06").grade == "未达标"
