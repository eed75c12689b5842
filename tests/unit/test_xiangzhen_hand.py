"""A scheme not among the seeds, written from the user guide alone (fixtures/xiangzhen): a 乡镇机关 with
monthly 平时考核 (M01…M12) rolled up to a year without a year sheet: five entered items, a 考勤 penalty
per occurrence read from two count columns after the items (迟到早退 0.5, 无故缺勤 2, at most 10), 好 ≤ 40%
of the unit rounded down, 受处分 一票否决 each month and for the year (合计("受处分")), 不确定等次 for leave
summed over the months above 30 days (合计("病事假天数") > 30), a month of 较差 capping the year at 称职,
and 优秀 ≤ 20% of those graded. Every number is the hand computation in fixtures/xiangzhen/HAND.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import handbook_text, run
from tests.unit.three_ways import compare

FIXTURE = Path(__file__).with_name("fixtures") / "xiangzhen"

BASE = {"01": "95.0", "02": "91.0", "03": "85.0", "04": "84.0", "05": "89.0", "06": "93.5", "07": "90.0", "08": "80.0"}
TOTALS = {(2, "M03"): "81.0", (4, "M10"): "82.5", (6, "M09"): "59.0", (7, "M05"): "90.0"}


def _month(m: int) -> dict[str, tuple[str, str]]:
    """id → (total, grade) in month m, as worked in HAND.md."""
    label = f"M{m:02d}"
    got = {}
    for pid, total in BASE.items():
        if pid == "08" and m < 7:
            continue  # 陈新 joined in July
        total = TOTALS.get((int(pid), label), total)
        got[pid] = (total, "较好")
    good = ["01", "06"] if m < 7 else ["01", "06", "02"]  # 7 × 40% = 2.8 → 2; 8 × 40% = 3.2 → 3
    if m == 9:
        good = ["01", "02", "07"]  # 周杰 59.0 较差: 吴敏 (90.0) within the 3 places
    for pid in good:
        got[pid] = (got[pid][0], "好")
    if m == 3:
        got["02"] = ("81.0", "较好")
    if m == 6:
        got["05"] = ("89.0", "较差")  # 受处分: 一票否决
    if m == 9:
        got["06"] = ("59.0", "较差")
    return got


YEAR = {"01": ("95.00", "优秀"), "02": ("90.17", "称职"), "03": ("85.00", None), "04": ("83.88", "称职"),
        "05": ("89.00", "不称职"), "06": ("90.63", "称职"), "07": ("90.00", "称职"), "08": ("80.00", "称职")}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("xiangzhen")
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    _, periods, problems = run(root)
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    return {p.label: p for p in periods}


@pytest.mark.parametrize("month", range(1, 13))
def test_every_monthly_total_and_grade_as_worked_by_hand(graded, month):
    period = graded[f"M{month:02d}"]
    assert {p.id: (str(p.total), p.grade) for p in period.people} == _month(month)


def test_every_yearly_total_and_grade_as_worked_by_hand(graded):
    assert {p.id: (str(p.total), p.grade) for p in graded["Y"].people} == YEAR
    [use] = graded["Y"].quotas
    assert (use.base, use.allowed) == (7, 1)  # 王芳 不确定等次 is outside the base; 7 × 20% = 1.4 → 1


def test_the_edges_are_where_the_guide_says(graded):
    march = {p.id: p for p in graded["M03"].people}
    words = explain_text(graded["M03"], march["02"])
    assert "「迟到早退次数」6 次 × 0.5 分 = 3 分；「无故缺勤次数」4 次 × 2 分 = 8 分；合计 11 分" in words and "超过上限，按 10 分计" in words
    may = {p.id: p for p in graded["M05"].people}
    assert may["07"].raw_total == may["07"].raw_total.__class__("89.95")  # 四舍五入 to 90.0: 好 by score, 较好 by the quota
    year = {p.id: p for p in graded["Y"].people}
    assert "各期「病事假天数」合计 31" in explain_text(graded["Y"], year["03"])
    assert year["04"].status == "graded"  # 30 days: not more than 30
    assert "「受处分」为「是」的有 1 期" in explain_text(graded["Y"], year["05"])  # 35 days of leave, but 一票否决 first
    assert year["06"].band_grade == "优秀" and year["06"].grade == "称职"  # 90.625 → 90.63, a month 较差


def test_compiled_and_reference_agree_on_every_person(graded):
    seen = compare(list(graded.values()))
    assert seen["compiled"] >= 95, seen


def test_the_handbook_states_the_rules_that_graded(graded):
    text = handbook_text(graded["Y"].scheme).replace("\\.", ".")
    for words in ("考勤扣分（减分，「迟到早退次数」、「无故缺勤次数」列填次数）", "「迟到早退次数」每次 0.5 分，「无故缺勤次数」每次 2 分，各列合计；最多 10 分",
                  "当 各期「病事假天数」之和 大于 30 并且 各期「受处分」之和 等于 0 时：不确定等次", "次数（「较差」） 大于或等于 1"):
        assert words in text, words


@pytest.mark.parametrize("sheet, old, new, expected", [
    ("M07.csv", "病事假天数", "病假天数", {"missing-column", "unknown-column"}),  # the year sums it: not left out silently
    ("M03.csv", "02,李华,党政办,18,18,18,27,10,6,4,,", "02,李华,党政办,18,18,18,27,10,6,-4,,", {"score-negative"}),
    ("M03.csv", "02,李华,党政办,18,18,18,27,10,6,4,,", "02,李华,党政办,18,18,18,27,10,6.5,4,,", {"too-many-places"}),
    ("M11.csv", "03,王芳,经济发展办,17,17,17,25,9,,,11,", "03,王芳,经济发展办,17,17,17,25,9,,,11天,", {"not-a-number"}),
])
def test_one_slip_in_a_good_month_sheet_fails_the_check(tmp_path, sheet, old, new, expected):
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / "content/qingshi-zhen/xz-yuedu/2026" / sheet
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    _, _, problems = run(tmp_path)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert {p.code for p in errors} == expected and all(p.file.endswith(sheet) for p in errors), errors
