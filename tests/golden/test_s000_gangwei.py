"""Golden cases for schemes/s000-gangwei.yaml (000 岗位目标责任制考核办法) on content/yunxiu-jgsw/.

The demo sheets are made by tools/demo/make_s000-gangwei.py; the 2025 rows checked here are written
out by hand there (GOLDEN_2025). Every expected number is worked by hand in the comments. The scheme
and its agency are copied to a temporary project so that other schemes in the tree cannot interfere.
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
AGENCY, SCHEME = "yunxiu-jgsw", "s000-gangwei"
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


COMMON = ("lianjie", "zuofeng", "lilun", "dangjian", "wenming", "zongzhi", "xinxi", "cailiao", "dianzi", "fupin", "qita")


def test_two_years_one_period_each_people_come_and_go(periods):
    assert sorted(periods) == [(2024, "Y"), (2025, "Y")]
    ids_2024 = {p.id for p in periods[(2024, "Y")].people}
    ids_2025 = {p.id for p in periods[(2025, "Y")].people}
    assert len(ids_2024) == 28 and len(ids_2025) == 29
    assert ids_2024 - ids_2025 == {"022", "027"}
    assert ids_2025 - ids_2024 == {"029", "030", "031"}
    # no grade bands in the document (it is cut off): everyone has a total, nobody a grade
    for person in periods[(2025, "Y")].people:
        assert person.status == "graded" and person.grade is None and person.total is not None


def test_negative_score_words_per_unit_and_bonus_at_its_cap(periods):
    # 001 阿依古丽·买买提, 办公室 (部门信息员)
    p = periods[(2025, "Y")].person("001")
    assert p.person.name == "阿依古丽·买买提"
    # 理论学习 4 − 1（读书笔记缺 3500 字，缺 1 字以上扣 1 分）− 0.5（在线学堂未达优秀）
    #          − 0.5 × (3 − 1)（党校远程 1 次，每差一次扣 0.5）= 4 − 1 − 0.5 − 1 = 1.5
    # 文明创建 2 − 1×1（未达要求）− 3×1（无故不参加 3 次），实行倒扣分 = −2
    # 材料上报 2 − 2×0.2 = 1.6
    # 电子政务 2 − 3×0.1（超期未阅处）− ⌈25/10⌉=3 × 0.2（信息员差 25 个百分点）= 2 − 0.3 − 0.6 = 1.1
    assert values(p, *COMMON) == [4, 4, D("1.5"), 4, -2, 2, 2, D("1.6"), D("1.1"), 2, 2]
    # 共性目标 4+4+1.5+4−2+2+2+1.6+1.1+2+2 = 22.2
    assert p.item("gongxing").value == D("22.2")
    # 民主测评 8.6 + 8.4 = 17；信息超额 35 篇 → 「30篇以上」一档 1 分 = 上限 1 分
    assert values(p, "gangwei", "minzhu", "xinxi-jiafen") == [D("42.5"), 17, 1]
    # 22.2 + 42.5 + 17 + 1 − 0.5（专班扣分）= 82.2
    assert p.total == D("82.20")


def test_two_zhang_wei_in_one_department(periods):
    period = periods[(2025, "Y")]
    zhang = [p for p in period.people if p.person.name == "张伟"]
    assert sorted(p.id for p in zhang) == ["003", "017"]
    assert {p.person.department for p in zhang} == {"办公室"}
    # 003: 廉洁自律 4 − 5×1 = −1 → 扣完为止 0；作风建设 4 − 2（责任人通报 1 次）− 1（分管领导 1 次）= 1；
    #      电子政务 2 − 4×0.1（分管领导连带 4 次）= 1.6；其余各项满分
    a = period.person("003")
    assert values(a, *COMMON) == [0, 1, 4, 4, 2, 2, 2, 2, D("1.6"), 2, 2]
    # 共性 0+1+4+4+2+2+2+2+1.6+2+2 = 22.6；民主测评 8 + 7.5 = 15.5；超额 12 篇 → 0.1
    # 22.6 + 40 + 15.5 + 0.1 + 1.5（专班加分）= 79.7
    assert a.item("gongxing").value == D("22.6") and a.item("xinxi-jiafen").value == D("0.1")
    assert a.total == D("79.70")
    # 017: 共性 30；民主测评 9.2 + 9 = 18.2；超额 20 篇 → 0.2；30 + 45 + 18.2 + 0.2 = 93.4
    b = period.person("017")
    assert b.item("gongxing").value == 30 and b.item("minzhu").value == D("18.2")
    assert b.total == D("93.40")


def test_at_least_counts_the_number_itself_and_items_stop_at_zero(periods):
    # 010 欧阳明轩, 节能管理股
    p = periods[(2025, "Y")].person("010")
    # 理论学习：党校远程 3 次，「三次以上」含本数，不扣 → 4
    # 综治信访 2 − 2（出租房屋 1 起）− 1（信访 1 起）= −1 → 扣完为止 0
    # 信息调研：缺 4 篇 → 该项 2 分不得 → 0
    # 电子政务 2 − 2×0.1（公文收发）− ⌈10/10⌉=1 × 0.2（网站更新差 10 个百分点）− 1×0.2（会议通知）= 1.4
    assert values(p, *COMMON) == [4, 4, 4, 4, 2, 0, 0, 2, D("1.4"), 2, 2]
    # 共性 4+4+4+4+2+0+0+2+1.4+2+2 = 25.4；民主测评 7.7 + 7.9 = 15.6；无超额加分
    # 25.4 + 38 + 15.6 + 0 = 79.0
    assert p.item("gongxing").value == D("25.4") and p.item("xinxi-jiafen").value == 0
    assert p.total == D("79.00")
