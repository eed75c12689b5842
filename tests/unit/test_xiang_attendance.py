"""The 乡 细则's attendance conditions (issue 11, point 9): 优 出全勤, 良 病、事假按月不超过 3 天; a month
with 4 or 5 days (between 良's 3 and 中's "超过 5 天") cannot be 良 (schemes/s003-p1-xiang.yaml, 假定 A6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.unit.helpers import by_id, csv_text, run, write

REPO = Path(__file__).resolve().parents[2]
HEADER = ["编号", "姓名", "部门", "德", "能", "勤", "业务工作", "联系村和中心工作", "廉", "民主测评", "病事假天数", "病事假单月最多天数", "失职造成损失及投诉"]
HIGH = ["15", "15", "15", "40", "40", "15", "98"]  # 主管领导评价 100 × 0.7 + 98 × 0.3 = 99.4 → 优秀 band
MID = ["12", "12", "12", "32", "32", "12", "80"]  # 80 × 0.7 + 80 × 0.3 = 80 → 称职 band


@pytest.mark.parametrize(
    "scores, days, month, expected",
    [
        (HIGH, "0", "0", "优秀"),
        (HIGH, "2", "2", "称职"),  # not 出全勤
        (HIGH, "6", "3", "称职"),  # 3 days in the worst month: still 良
        (MID, "3", "3", "称职"),
        (MID, "4", "4", "基本称职"),  # the 4–5-day gap: not 良
        (MID, "5", "5", "基本称职"),
        (MID, "6", "2", "称职"),  # 6 days spread over the quarter, at most 2 a month
        (HIGH, "4", "4", "基本称职"),  # both gates in declared order: 优 → 良 → 中
    ],
)
def test_attendance_caps(tmp_path, scores, days, month, expected):
    (tmp_path / "schemes").mkdir()
    shutil.copy(REPO / "schemes" / "s003-p1-xiang.yaml", tmp_path / "schemes" / "s003-p1-xiang.yaml")
    write(tmp_path / "content" / "xiang" / "agency.yaml", "name: 测试乡\ndepartments: [党政办]\n")
    fillers = [[str(i), f"人{i}", "党政办", *MID, "0", "0", ""] for i in (2, 3)]  # 3 people: one 优秀 place (3 × 40% = 1.2)
    sheet = csv_text(HEADER, [["1", "张三", "党政办", *scores, days, month, ""], *fillers])
    write(tmp_path / "content" / "xiang" / "s003-p1-xiang" / "2025" / "Q1.csv", sheet)
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.severity.value == "error"] == []
    person = by_id(periods[0])["1"]
    assert person.grade == expected
