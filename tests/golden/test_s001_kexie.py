"""Golden cases for schemes/s001-kexie.yaml (001 科协岗位责任制及效能考核) on content/heting-kx/.

The demo sheets (GBK CSV) are made by tools/demo/make_s001-kexie.py; the 2025 rows checked here are
written out by hand there (GOLDEN_2025). The document's 党组成员、副主席 post adds up to 120 points in
a 60-point 个人部分: the scheme acknowledges the defect, `kaohe check` shows it as a note and the
engine refuses to grade people with that post.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.cli import main as kaohe
from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROOT = Path(__file__).resolve().parents[2]
AGENCY, SCHEME = "heting-kx", "s001-kexie"
D = Decimal


@pytest.fixture(scope="module")
def project_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("kaohe")
    (root / "schemes").mkdir()
    shutil.copy(ROOT / "schemes" / f"{SCHEME}.yaml", root / "schemes")
    shutil.copytree(ROOT / "content" / AGENCY, root / "content" / AGENCY)
    return root


@pytest.fixture(scope="module")
def computed(project_root):
    problems = Problems()
    project = discover(project_root, problems)
    results = compute_project(project, problems)
    periods = {(p.year, p.label): p for p in results if p.agency == AGENCY and p.scheme.code == SCHEME}
    return periods, problems


@pytest.fixture(scope="module")
def periods(computed):
    return computed[0]


def values(person, *codes):
    return [person.item(code).value for code in codes]


def test_only_the_acknowledged_defect_is_reported(computed):
    periods, problems = computed
    assert sorted(periods) == [(2024, "Y"), (2025, "Y")]
    assert problems.errors == []
    assert {p.code for p in problems.notes} == {"defect-acknowledged"}
    assert {p.code for p in problems.warnings} == {"defect-undecidable"}
    # two 副主席 in each year, nobody else
    assert sorted((p.file.split("/")[-2], p.line) for p in problems.warnings) == [("2024", 3), ("2024", 4), ("2025", 3), ("2025", 4)]
    assert periods[(2025, "Y")].encoding == "GB18030/GBK"


def test_kaohe_check_lists_the_defect_as_a_note(project_root, capsys):
    code = kaohe(["-C", str(project_root), "check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] and report["errors"] == 0
    notes = [p for p in report["problems"] if p["severity"] == "note"]
    assert {p["code"] for p in notes} == {"defect-acknowledged"}
    assert any("党组成员、副主席" in p["message"] and "120" in p["message"] for p in notes)
    undecidable = [p for p in report["problems"] if p["code"] == "defect-undecidable"]
    assert len(undecidable) == 4 and all(p["severity"] == "warning" for p in undecidable)
    assert any("祁明远（KX02）" in p["message"] for p in undecidable)


def test_vice_chair_is_not_graded(periods):
    p = periods[(2025, "Y")].person("KX02")
    assert p.person.post == "党组成员、副主席"
    assert p.status == "undecidable" and p.total is None
    assert "120" in p.reason


def test_party_secretary_ranges_shortfalls_and_half_award(periods):
    # KX01 韩立群, 党组书记、主席, 身份 领导班子成员
    p = periods[(2025, "Y")].person("KX01")
    # 集体学习 6 − 1×2（缺席）− 2×1（迟到早退）= 2
    # 个人学习 6 − ⌈(5000 − 3500)/1000⌉ = 6 − 2 = 4（缺 1500 字，不足 1000 字的部分按 1000 字计）
    # 公共部分 2 + 4 + 纪律 18 + 中心 10 = 34
    assert values(p, "jiti", "zixue", "jilv", "zhongxin", "gonggong") == [2, 4, 18, 10, 34]
    # 主持全面工作 25 − ⌈95 − 93.5⌉=2 × 1 − 4（通报一次扣 3—5 分，定 4 分）= 19
    # 党建工作 15 − 2×1 = 13
    # 财务工作 5 − (1 + 2.5)（两次失误，各在 1—3 分内）= 1.5；学会科普 15 − 1×2 = 13；业务 14.5
    assert values(p, "sj-quanmian", "sj-dangjian", "sj-caiwu", "sj-kepu", "sj-yewu") == [19, 13, D("1.5"), 13, D("14.5")]
    # 个人部分 19 + 13 + 14.5 = 46.5
    assert p.item("geren").value == D("46.5")
    # 加分：省科协先进单位奖 5 × 0.5（领导班子成员按一半）= 2.5；单位荣誉 市委市政府及省科协奖 8（领导班子全额）
    # 34 + 46.5 + 2.5 + 8 = 91
    assert p.total == D("91.00")


def test_society_officer_floor_at_zero_and_full_awards(periods):
    # KX06 蒙思远, 主任科员（学会）, 身份 职工
    p = periods[(2025, "Y")].person("KX06")
    # 个人学习：读书笔记 5000 字（「5000字以上」含本数）不扣；心得 2 篇，差 1 篇扣 1 → 5；学习 6 + 5 = 11
    # 工作纪律 10 − 3×1 − 1×5（旷工）− 4（失误，3—5 分）= −2 → 扣完为止 0
    # 管理纪律 4 − 2（安全责任事故，2—4 分）= 2；廉政 4；纪律 0 + 2 + 4 = 6
    # 中心工作 10 − 1×3 = 7；公共部分 11 + 6 + 7 = 24
    assert values(p, "zixue", "xuexi", "gongzuo", "guanli", "jilv", "zhongxin", "gonggong") == [5, 11, 0, 2, 6, 7, 24]
    # 学会工作 60 − 3×2（欠缺项次）− (3 + 5)（两个学会不健全，各 3—5 分）= 46
    assert values(p, "xh-xuehui", "geren") == [46, 46]
    # 加分：本单位先进个人 1 + 县委政府及市科协奖 2 = 3；单项 县级先进单位奖 3（职工全额）；年度考核优秀 2；
    #       单位荣誉 8 × 0.5（职工按一半）= 4
    # 24 + 46 + 3 + 3 + 2 + 4 = 82
    assert p.total == D("82.00")


def test_museum_clerk_nested_items_and_per_point_shortfall(periods):
    # KX16 邝嘉怡, 科技馆管理员（科技节与财务）, 身份 职工
    p = periods[(2025, "Y")].person("KX16")
    # 青少年科普创新活动 20 − 2 = 18；机关财务 15 − 1×2 = 13
    # 文书档案管理与保密 10 − ⌈2.5⌉=3 × 2（按标分每差 1 分扣 2 分）= 4；收发 15 − (1 + 1.5) = 12.5；文书档案 16.5
    assert values(p, "gl1-keji", "gl1-caiwu", "gl1-dangan", "gl1-shoufa", "gl1-wenshu") == [18, 13, 4, D("12.5"), D("16.5")]
    # 个人部分 18 + 13 + 16.5 = 47.5；公共部分满分 40；单位荣誉 8 × 0.5 = 4；40 + 47.5 + 4 = 91.5
    assert values(p, "geren", "gonggong") == [D("47.5"), 40]
    assert p.total == D("91.50")


def test_same_name_in_one_department_and_year_on_year(periods):
    zhang = [p for p in periods[(2025, "Y")].people if p.person.name == "张伟"]
    assert sorted(p.id for p in zhang) == ["KX09", "KX10"] and {p.person.department for p in zhang} == {"科普部"}
    ids_2024 = {p.id for p in periods[(2024, "Y")].people}
    ids_2025 = {p.id for p in periods[(2025, "Y")].people}
    assert ids_2024 - ids_2025 == {"KX08", "KX21"} and ids_2025 - ids_2024 == {"KX27", "KX28", "KX29"}
