"""A scheme not among the seeds, written from the user guide alone (fixtures/fayuan, source text 办法.md): a court's
审判执行人员 业绩考核 in which part of the score is relative to colleagues — 办案数量得分 = 本人折算办案数 (刑事 × 1.2、
民事 × 1、执行 × 0.8) ÷ 本庭（局）人均折算办案数 × 30 分，最高 36 分 (kind: relative); 结案率 in tiers with 含/不含
bounds (kind: tiers); 发回改判 每件扣 1 分; 优秀 ≤ 15% of 参加考核人数 per 庭, 四舍五入, ties broken by 办案数量 then
审判质效; 一票否决; 新入职不满半年 不定等次. The sheet is the office's own XLSX (title row, own headers, a 合计 row).
Every number is the hand computation in fixtures/fayuan/HAND.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import handbook_text, run
from tests.unit.test_problem_codes import check_text, where
from tests.unit.three_ways import compare

FIXTURE = Path(__file__).with_name("fixtures") / "fayuan"
SCHEME = (FIXTURE / "schemes/fy-yeji.yaml").read_text(encoding="utf-8")
SHEET = "content/qingchuan-fy/fy-yeji/2026/Y.xlsx"

# HAND.md, 三: (办案数量, 总分, 分数段, 最终等次)
HAND = {
    "X01": ("36.00", "92.00", "优秀", "优秀"), "X02": ("36.00", "92.00", "优秀", "称职"), "X03": ("27.48", "82.98", "称职", "称职"),
    "X04": ("17.18", "58.18", "不称职", "不称职"), "X05": ("24.05", "73.05", "基本称职", "基本称职"),
    "M01": ("36.00", "95.00", "优秀", "优秀"), "M02": ("34.80", "95.80", "优秀", "优秀"), "M03": ("33.00", "90.00", "优秀", "称职"),
    "M04": ("30.00", "83.00", "称职", "称职"), "M05": ("30.24", "77.24", "称职", "称职"), "M06": ("27.00", "75.00", "称职", "称职"),
    "M07": ("28.20", "74.20", "基本称职", "基本称职"), "M08": ("24.00", "59.00", "不称职", "不称职"),
    "M09": ("12.00", "72.00", "基本称职", None), "M10": ("36.00", "93.00", "优秀", "称职"),
    "Z01": ("36.00", "100.00", "优秀", "优秀"), "Z02": ("36.00", "100.00", "优秀", "不称职"),
    "Z03": ("24.00", "75.00", "称职", "称职"), "Z04": ("12.00", "60.00", "基本称职", "基本称职"),
}
TIERS = {"X01": "16", "X02": "20", "X03": "16", "X04": "8", "X05": "12", "M01": "20", "M02": "20", "M03": "16", "M04": "16", "M05": "12",
         "M06": "12", "M07": "8", "M08": "8", "M09": "20", "M10": "16", "Z01": "20", "Z02": "20", "Z03": "12", "Z04": "8"}


def _copy(root: Path) -> Path:
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    return root


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    _, periods, problems = run(_copy(tmp_path_factory.mktemp("fayuan")))
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    (period,) = periods
    return period


def test_every_total_and_grade_as_worked_by_hand(year):
    people = {p.id: p for p in year.people}
    assert {pid: (str(p.item("banan").value), str(p.total), p.band_grade, p.grade) for pid, p in people.items()} == HAND
    assert {pid: str(p.item("jieanlv").value) for pid, p in people.items()} == TIERS
    assert people["M09"].status == "no_grade"
    assert {u.scope: (u.base, u.allowed) for u in year.quotas} == {"刑事审判庭": (5, 1), "民事审判庭": (10, 2), "执行局": (4, 1)}


def test_compiled_and_reference_agree_on_every_person(year):
    seen = compare([year])
    assert seen["compiled"] == len(HAND) == 19  # the compiled function grades every one (it calls the rule), none declined


def test_the_derivation_shows_the_colleagues_figure_and_the_cap(year):
    def words(pid):
        return explain_text(year, next(p for p in year.people if p.id == pid))

    x01 = words("X01")
    assert "本庭（局） 5 人折算办案数之和 262，人均 52.4" in x01 and "本人折算办案数 72 × 5 × 30 分 ÷ 262 = ≈41.22" in x01
    assert "超过上限 36 分，按 36 分计" in x01
    assert "「超过上限" not in words("Z02") and "本人折算办案数 60 × 4 × 30 分 ÷ 200 = 36" in words("Z02")  # exactly the cap: not over it
    assert "结案率 95%，属「95%（含）以上得 20 分」" in words("X02")
    assert "结案率 84.9%，属「85%（不含）以下得 8 分」" in words("M07")


def test_the_handbook_states_the_rules_that_graded(year):
    text = handbook_text(year.scheme).replace("\\.", ".")
    for words in ("得分 = 本人折算办案数 ÷ 本庭（局）人均折算办案数 × 30 分；本庭（局）人均折算办案数 = 本庭（局）本期成绩表所列全部人员的折算办案数之和 ÷ 人数，"
                  "不先取整（先乘后除），最高 36 分",
                  "95%（含）以上得 20 分；90%（含）至 95%（不含）得 16 分；85%（含）至 90%（不含）得 12 分；85%（不含）以下得 8 分"):
        assert words in text, words
    # an item's note is said to show under the item in the handbook: it was dropped (审判质效 由庭（局）长评分)
    assert "说明：由庭（局）长评分" in text and "说明：由院考核委员会评分" in text


def _edit(root: Path, pid: str, column: str, value) -> None:
    path = root / SHEET
    book = openpyxl.load_workbook(path)
    sheet = book.active
    col = next(c.column for c in sheet[2] if c.value == column)
    row = next(r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value == pid)
    sheet.cell(row, col).value = value
    book.save(path)


@pytest.mark.parametrize("pid, column, value, code", [
    ("X03", "刑事结案数", "四十", "not-a-number"),           # a count typed in words
    ("Z02", "违纪情形", "违纪", "unknown-choice"),            # not a listed condition: no silent 一票否决 dropped
    ("M04", "结案率", 1.2, "score-over-max"),                 # 120%: over 100
    ("M05", "执行结案数", -3, "score-negative"),               # a negative count
    ("M06", "民事结案数", 45.5, "too-many-places"),             # half a case: a count is whole
])
def test_one_slip_in_a_good_sheet_fails_the_check(tmp_path, pid, column, value, code):
    root = _copy(tmp_path)
    _edit(root, pid, column, value)
    _, _, problems = run(root)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert errors and errors[0].code == code and errors[0].file.endswith("Y.xlsx"), errors
    assert {p.code for p in errors} == {code}, errors


def test_a_rate_typed_as_a_fraction_in_one_general_cell_is_reported_not_scored_as_under_one_percent(tmp_path):
    """结案率 0.935 in a 常规 cell among cells formatted as 93.5%: read as 0.935%, X01 fell from 16 to 8 points, without a word."""
    root = _copy(tmp_path)
    path = root / SHEET
    book = openpyxl.load_workbook(path)
    cell = book.active.cell(3, 7)  # X01's 结案率
    cell.value, cell.number_format = 0.935, "General"
    book.save(path)
    _, _, problems = run(root)
    found = [(p.code, p.line, p.column) for p in problems.sorted() if p.severity is not Severity.INFO]
    assert found == [("number-hundredth", 3, "G")], problems.sorted()


def test_a_blank_count_leaves_the_whole_court_ungraded_rather_than_averaged_without_them(tmp_path):
    """One member's 折算办案数 missing would change everyone's 人均: no one of that 庭 is graded on a guess."""
    root = _copy(tmp_path)
    _edit(root, "X03", "刑事结案数", None)
    _, periods, problems = run(root)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    # one problem, at X03's own cell (row 5: title, header, X01, X02), not one at each colleague's right cells
    assert [(p.code, p.line, p.column) for p in errors] == [("missing-value", 5, "D")] and errors[0].file.endswith("Y.xlsx"), errors
    graded = {p.id: p.total for p in periods[0].people if p.person.department == "刑事审判庭"}
    assert all(total is None for total in graded.values()), graded
    assert all(p.total is not None for p in periods[0].people if p.person.department != "刑事审判庭")


def test_a_court_with_no_cases_at_all_is_reported_not_divided_by_zero(tmp_path):
    root = _copy(tmp_path)
    for pid in ("Z01", "Z02", "Z03", "Z04"):
        _edit(root, pid, "执行结案数", 0)
    _, _, problems = run(root)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [(p.code, p.line) for p in errors] == [("missing-value", 18)], errors  # once, at the 局's first row (Z01)
    assert "本庭（局）（4 人）的折算办案数之和为 0，无法相除" in errors[0].message, errors


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("old, new, code, at", [
    # the measure naming a column not listed in uses: the template would not have it, the figure would be empty for everyone
    ("          expr: 刑事结案数 * 1.2 + 民事结案数 + 执行结案数 * 0.8\n", "          expr: 刑事结案数 * 1.2 + 民事结案数 + 执行案件数 * 0.8\n",
     "unknown-name", "          expr: 刑事结案数"),
    # 90%（含）至 95%（含）: 95 would be in two tiers
    ("            - {at_least: 90, below: 95, points: 16}\n", "            - {at_least: 90, at_most: 95, points: 16}\n", "bad-value", "            - {at_least: 95"),
    # a tier worth more than the item's 满分, and a cap above it: graded silently as 25 of 20 and 40 of 36 before
    ("            - {at_least: 95, points: 20}\n", "            - {at_least: 95, points: 25}\n", "bad-value", "            - {at_least: 95, points: 25}"),
    ("          cap: 36\n", "          cap: 40\n", "bad-value", "          cap: 40"),
    ("          cap: 36\n", "", "bad-value", "          kind: relative"),  # 满分 36 with no cap at all
    # a long name for the group: pydantic's English "String should have at most 12 characters" before
    ("          within_name: 本庭（局）\n", "          within_name: 本院各审判业务庭和执行局的全体干警\n", "bad-value", "          within_name: 本院"),
    # 85%（含）至 90%（不含） dropped: 结案率 87 would fall in no tier
    ("            - {at_least: 85, below: 90, points: 12}\n", "", "bad-value", "            - {at_least: 95"),
    # a typo in what to compare with
    ("          to: average\n", "          to: averge\n", "bad-value", "          to: averge"),
])
def test_a_clerks_slip_in_the_scheme_is_one_chinese_problem_at_its_line(old, new, code, at):
    assert old in SCHEME
    text = SCHEME.replace(old, new, 1)
    found = where(check_text(text))
    assert [c for _, _, c in found] == [code], found
    assert found[0][0] == _line_of(text, at), (found, _line_of(text, at))
    message = check_text(text).sorted()[0].message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message) and "should" not in message, message
