"""Golden cases for schemes/s004-lvzhi.yaml (004 干部履职尽责管理及考核) on content/qingya-jggw/.

The demo sheets are made by tools/demo/make_s004-lvzhi.py (2025 rows written by hand there).
年度得分 = 半年度 30 × 上半年评价系数 + 年度 50 × 年度评价系数 + 内部评价 20（系数 1/0.8/0.6/0.4）.
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
AGENCY, SCHEME = "qingya-jggw", "s004-lvzhi"
D = Decimal


@pytest.fixture(scope="module")
def periods(tmp_path_factory):
    root = tmp_path_factory.mktemp("kaohe")
    (root / "schemes").mkdir()
    shutil.copy(ROOT / "schemes" / f"{SCHEME}.yaml", root / "schemes")
    shutil.copytree(ROOT / "content" / AGENCY, root / "content" / AGENCY)
    problems = Problems()
    project = discover(root, problems)
    results = compute_project(project, problems)
    assert [p for p in problems.items if p.severity not in (Severity.NOTE, Severity.INFO)] == []
    return {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}


def values(person, *codes):
    return [person.item(code).value for code in codes]


def test_periods_and_notices(periods):
    assert sorted(periods) == [(2024, "H1"), (2024, "Y"), (2025, "H1"), (2025, "Y")]
    for period in periods.values():
        assert period.notice is not None and period.notice.days == 5
        assert period.unresolved_ties == []
    assert periods[(2025, "H1")].notice.start == "2025-07-07"


def test_half_year_tie_for_every_excellent_is_decided(periods):
    h1 = periods[(2025, "H1")]
    # 26 人 × 20% = 5.2 → 5 个名额；6 人评为优秀，半年评价只有等次，总分都是 30 × 1 = 30 → 6 人全部并列
    assert h1.quotas[0].allowed == 5
    assert sorted(h1.quotas[0].group) == ["GW01", "GW02", "GW03", "GW04", "GW05", "GW06"]
    # 委领导班子决定：GW01—GW05 优秀，GW06 良好
    assert [h1.person(f"GW0{i}").grade for i in range(1, 7)] == ["优秀"] * 5 + ["良好"]
    assert h1.person("GW06").decided
    # 2024: 25 人 → 5 个名额，正好 5 人优秀，不并列
    assert periods[(2024, "H1")].quotas[0].allowed == 5 and periods[(2024, "H1")].quotas[0].tied == []


def test_top_of_the_year(periods):
    p = periods[(2025, "Y")].person("GW01")
    # 30 × 1（上半年优秀）+ 50 × 1（年度优秀）+ 19 = 99 → 拟定优秀，按总分排第 1
    assert values(p, "bannian", "niandu-xiangmu", "neibu") == [30, 50, 19]
    assert (p.total, p.grade) == (D("99.00"), "优秀")


def test_annual_uses_the_decided_half_year_rating(periods):
    p = periods[(2025, "Y")].person("GW06")
    # 上半年分管领导评为优秀，领导班子决定为良好 → 年度计分按良好：30 × 0.8 = 24
    # 24 + 50 × 0.8（年度评价良好）+ 17.5 = 81.5 → 称职（按所填等次）
    assert periods[(2025, "H1")].person("GW06").total == D("30.00")  # the H1 sheet's own score, before the decision
    assert values(p, "bannian", "niandu-xiangmu", "neibu") == [24, 40, D("17.5")]
    assert (p.total, p.grade) == (D("81.50"), "称职")


def test_beyond_twenty_percent_drops(periods):
    period = periods[(2025, "Y")]
    # 26 人 × 20% = 5 个名额。拟定优秀 6 人：GW01 99、GW02 98.5、GW03 98、GW04 97、GW07 92（24 + 50 + 18）、
    # GW08 80（24 + 40 + 16：年度评价优秀不超过 20%，GW08 评为良好）→ GW08 排第 6，降为称职
    assert period.quotas[0].allowed == 5
    p = period.person("GW08")
    assert values(p, "bannian", "niandu-xiangmu", "neibu") == [24, 40, 16]
    assert (p.total, p.band_grade, p.grade) == (D("80.00"), "优秀", "称职")
    assert sorted(q.id for q in period.people if q.grade == "优秀") == ["GW01", "GW02", "GW03", "GW04", "GW07"]


def test_veto_and_lowest_coefficient(periods):
    period = periods[(2025, "Y")]
    # GW09：30 × 0.6（一般）+ 50 × 0.8（良好）+ 12.5 = 18 + 40 + 12.5 = 70.5；一票否决 → 不称职
    p = period.person("GW09")
    assert values(p, "bannian", "niandu-xiangmu", "neibu") == [18, 40, D("12.5")]
    assert (p.total, p.band_grade, p.grade, p.protected) == (D("70.50"), "称职", "不称职", True)
    # GW10：30 × 0.4（较差）+ 50 × 0.6（一般）+ 10 = 12 + 30 + 10 = 52 → 基本称职
    p = period.person("GW10")
    assert values(p, "bannian", "niandu-xiangmu", "neibu") == [12, 30, 10]
    assert (p.total, p.grade) == (D("52.00"), "基本称职")


def test_people_and_names(periods):
    y24, y25 = periods[(2024, "Y")], periods[(2025, "Y")]
    assert len(y24.people) == 25 and len(y25.people) == 26
    assert {p.id for p in y24.people} - {p.id for p in y25.people} == {"GW20", "GW24"}
    zhang = [p for p in y25.people if p.person.name == "张伟"]
    assert sorted(p.id for p in zhang) == ["GW11", "GW12"] and {p.person.department for p in zhang} == {"组织部"}
    assert y25.person("GW13").person.name == "热依拉·艾买提"
