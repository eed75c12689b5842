"""One cap shared by several adjustments: 「两项加分合计不超过5分」, 「加分和扣分合计不超过10分」. A scheme could
give each adjustment its own cap only: two bonuses of 3 and 4 added 7 where the rule says 5, and nothing in
the language could say otherwise. Now `adjustment_caps` holds the listed ones within −cap … +cap together,
in both graders, the handbook and the explanation."""

from __future__ import annotations

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import by_id, dump, grade_sheet, handbook_text, item, simple_scheme
from tests.unit.test_problem_codes import check_text
from tests.unit.three_ways import compare

ADJUSTMENTS = [{"kind": "bonus", "name": "表彰加分", "cap": 3}, {"kind": "bonus", "name": "信息加分"},
               {"kind": "penalty", "name": "违纪扣分"}]


def _scheme(caps) -> dict:
    data = simple_scheme(items=[item("df", "得分", 100)], places=1)
    data["assessments"][0]["adjustments"] = ADJUSTMENTS
    data["assessments"][0]["adjustment_caps"] = caps
    return data


ROWS = [["1", "甲", "办公室", "80", "3", "4", ""],    # 3 + 4 = 7 → 5: 85.0
        ["2", "乙", "办公室", "80", "5", "1", ""],    # 表彰 capped at 3 alone first, 3 + 1 = 4: 84.0
        ["3", "丙", "办公室", "80", "2", "2", "3"],   # 4 within 5, −3 not shared: 81.0
        ["4", "丁", "办公室", "80.5", "", "", "2"]]


def test_two_bonuses_share_one_cap(tmp_path):
    data = _scheme([{"names": ["表彰加分", "信息加分"], "cap": 5, "text": "两项加分合计不超过5分"}])
    period, problems = grade_sheet(tmp_path, data, ["得分", "表彰加分", "信息加分", "违纪扣分"], ROWS)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert {pid: str(p.total) for pid, p in by_id(period).items()} == {"1": "85.0", "2": "84.0", "3": "81.0", "4": "78.5"}
    assert "「表彰加分」、「信息加分」合计 +7 分，超过共同上限 5 分，按 +5 分计" in explain_text(period, by_id(period)["1"])
    assert "两项加分合计不超过5分：「表彰加分」、「信息加分」合计最多加 5 分，超过的按 5 分计。" in handbook_text(data)
    assert compare([period])["compiled"] >= 3  # the compiled grader adds them as the reference does


def test_a_bonus_and_a_penalty_share_one_cap_both_ways(tmp_path):
    # 加分和扣分合计不超过 2 分: 甲 +3 +4 → +2; 丁 −2 stays; a net −5 would be held at −2
    data = _scheme([{"names": ["表彰加分", "信息加分", "违纪扣分"], "cap": 2}])
    rows = [*ROWS, ["5", "戊", "办公室", "80", "", "", "5"]]
    period, _ = grade_sheet(tmp_path, data, ["得分", "表彰加分", "信息加分", "违纪扣分"], rows)
    assert {pid: str(p.total) for pid, p in by_id(period).items()} == {"1": "82.0", "2": "82.0", "3": "81.0", "4": "78.5", "5": "78.0"}
    assert compare([period])["compiled"] >= 3
    assert "「表彰加分」、「信息加分」、「违纪扣分」相抵后的合计（加分为正、减分为负）最多加 2 分、最多减 2 分" in handbook_text(data)


def test_a_shared_cap_naming_no_adjustment_or_twice_is_reported():
    codes = [p.code for p in check_text(dump(_scheme([{"names": ["表彰加分", "信息加分x"], "cap": 5}]))).sorted()]
    assert codes == ["unknown-name"]
    twice = [{"names": ["表彰加分", "信息加分"], "cap": 5}, {"names": ["信息加分", "违纪扣分"], "cap": 5}]
    assert [p.code for p in check_text(dump(_scheme(twice))).sorted()] == ["bad-value"]
    assert [p.code for p in check_text(dump(_scheme([{"names": ["表彰加分"], "cap": 5}]))).sorted()] == ["bad-value"]
    assert [p.code for p in check_text(dump(_scheme([{"names": ["表彰加分", "信息加分"], "cap": 0}]))).sorted()] == ["bad-value"]
    assert check_text(dump(_scheme([{"names": ["表彰加分", "信息加分"], "cap": 5}]))).sorted() == []


def test_the_template_s_help_sheet_says_the_shared_cap(tmp_path):
    import openpyxl

    from generator.cli import main
    from tests.unit.helpers import make_project

    root = make_project(tmp_path, _scheme([{"names": ["表彰加分", "信息加分"], "cap": 5, "text": "两项加分合计不超过5分"}]), {})
    assert main(["-C", str(root), "template", "t1", "2025-Q1", "--out", str(tmp_path / "t.xlsx")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["说明"]
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "两项加分合计不超过5分：「表彰加分」、「信息加分」合计最多加 5 分" in text
