"""A scheme not among the seeds, written from the user guide alone (fixtures/paichusuo, source text 办法.md): a
派出所's 民警 考核 in three levels — 月度 scores (four entered items; 加分 每项最多 3 分、合计最多 5 分; 最高 100),
季度 = the mean of the quarter's own months (好/较好/一般/较差), 年度 = 平时 (Q1–Q3 20%, Q4 40%) × 60% + 年终测评 × 40%
(所领导 40%、同事 40%、服务对象 20%, re-weighted without 服务对象), 优秀 ≤ 15% per 警务队 floored but at least 1, an
一票否决 of four listed conditions in one 多选 column, 不确定等次 for 试用期 and 病事假 over half a year, 新录用未满一年
and a 较差 quarter capping the year at 称职. Every number is the hand computation in fixtures/paichusuo/HAND.md."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import handbook_text, run
from tests.unit.test_problem_codes import check_text, where
from tests.unit.three_ways import compare

FIXTURE = Path(__file__).with_name("fixtures") / "paichusuo"
SCHEME = (FIXTURE / "schemes/pcs-minjing.yaml").read_text(encoding="utf-8")

BASE = {"P01": "93", "P02": "90", "P03": "86", "P04": "83", "P05": "78", "P06": "94", "P07": "97", "P08": "89", "P09": "93",
        "P10": "92", "P11": "85", "P12": "88", "P13": "80"}
MONTHS = {("P03", 2): "90.0", ("P06", 5): "100.0", ("P08", 11): "91.5", ("P02", 10): "90.0",
          ("P05", 7): "55.0", ("P05", 8): "56.0", ("P05", 9): "60.0", ("P07", 1): "58.0", ("P07", 2): "57.0", ("P07", 3): "59.0"}
QUARTERS = {("P03", "Q1"): ("87.33", "较好"), ("P07", "Q1"): ("58.00", "较差"), ("P09", "Q1"): ("93.00", "好"), ("P06", "Q2"): ("96.00", "好"),
            ("P05", "Q3"): ("57.00", "较差"), ("P02", "Q4"): ("90.00", "好"), ("P08", "Q4"): ("89.83", "较好")}
YEAR = {"P01": ("93.56", "优秀"), "P02": ("90.64", "称职"), "P03": ("87.60", "称职"), "P04": ("84.84", None), "P05": ("75.16", "称职"),
        "P06": ("94.64", "优秀"), "P07": ("91.72", "称职"), "P08": ("90.00", "称职"), "P09": ("93.00", "称职"), "P10": ("92.00", "不称职"),
        "P11": ("85.80", None), "P12": ("88.60", "称职"), "P13": ("81.20", "称职")}


def _base_grade(total: str) -> str:
    value = float(total)  # only to pick a band for these whole-number totals; the engine's grades are compared, not these
    return "好" if value >= 90 else "较好" if value >= 80 else "一般" if value >= 60 else "较差"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("paichusuo")
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    _, periods, problems = run(root)
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    return {p.label: p for p in periods}


@pytest.mark.parametrize("month", range(1, 13))
def test_every_monthly_total_as_worked_by_hand(graded, month):
    expected = {pid: MONTHS.get((pid, month), f"{total}.0") for pid, total in BASE.items() if not (pid == "P09" and month < 3)}
    assert {p.id: str(p.total) for p in graded[f"M{month:02d}"].people} == expected


@pytest.mark.parametrize("quarter", ["Q1", "Q2", "Q3", "Q4"])
def test_every_quarter_averages_its_own_months_as_worked_by_hand(graded, quarter):
    expected = {pid: QUARTERS.get((pid, quarter), (f"{total}.00", _base_grade(total))) for pid, total in BASE.items()}
    assert {p.id: (str(p.total), p.grade) for p in graded[quarter].people} == expected


def test_every_yearly_total_and_grade_as_worked_by_hand(graded):
    year = graded["Y"]
    assert {p.id: (str(p.total), p.grade) for p in year.people} == YEAR
    assert {u.scope: (u.base, u.allowed) for u in year.quotas} == {"社区警务队": (4, 1), "案件办理队": (7, 1)}
    people = {p.id: p for p in year.people}
    assert (str(people["P03"].item("pingshi").value), str(people["P08"].item("pingshi").value)) == ("86.27", "89.33")
    assert (str(people["P06"].item("ceping").value), str(people["P07"].item("ceping").value)) == ("95.00", "95.50")


def test_the_edges_are_where_the_guide_says(graded):
    def words(label, pid):
        period = graded[label]
        return explain_text(period, next(p for p in period.people if p.id == pid))

    assert "「信息采用篇数」8 篇 × 0.5 分 = 4 分，超过该列上限，按 3 分计；「抓获在逃人数」1 人 × 1 分 = 1 分；合计 4 分" in words("M02", "P03")
    may = words("M05", "P06")
    assert "「抓获在逃人数」5 人 × 1 分 = 5 分，超过该列上限，按 3 分计" in may and "超过总分上限 100 分，按 100.0 分计" in may
    assert next(p for p in graded["M10"].people if p.id == "P02").raw_total == graded["M10"].people[0].total.__class__("89.95")
    assert "1月、2月没有成绩，不计入" in words("Q1", "P09")  # 新录用 in March: the quarter's own missing months only
    assert "缺少 服务对象评价，按其余部分权重之和 80% 重新折算" in words("Y", "P08") and "总分 89.998 四舍五入保留 2 位小数 = 90.00" in words("Y", "P08")
    assert "4 人 × 15% = 0.6，向下取整为 0 人，不足 1 人按 1 人计，为 1 人" in words("Y", "P01")
    assert "（「否决情形」：酒后驾驶机动车） → 直接确定为「不称职」（原为「优秀」）" in words("Y", "P10")
    assert "季度考核有一次为较差等次的，年度考核不得确定为优秀等次 → 不得高于「称职」（原为「优秀」）" in words("Y", "P07")


def test_compiled_and_reference_agree_on_every_person(graded):
    assert compare(list(graded.values()))["compiled"] >= 200


def test_the_handbook_states_the_rules_that_graded(graded):
    text = handbook_text(graded["Y"].scheme).replace("\\.", ".")
    for words in ("「信息采用篇数」每篇 0.5 分、最多 3 分，「抓获在逃人数」每人 1 分、最多 3 分，各列合计；最多 5 分",
                  "取本季度之内的月度考核各期的总分，取平均；某期没有成绩的不计入",
                  "当 试用期 并且 「否决情形」一项都没填 时：不确定等次", "当 「否决情形」填了任何一项 时：直接确定为「不称职」",
                  "名额不足 1 人的部分不计（向下取整）；算出的名额不足 1 人的，按 1 人计"):
        assert words in text, words
    assert "「否决情形」为“是”" not in text


@pytest.mark.parametrize("sheet, old, new, expected", [
    ("Y.csv", "P10,冯刚,案件办理队,93,91,,,,,酒后驾驶机动车", "P10,冯刚,案件办理队,93,91,,,,,酒驾", "unknown-choice"),  # not a listed condition
    ("Y.csv", "P11,彭宇,案件办理队,86,88,,,,200,", "P11,彭宇,案件办理队,86,88,,,,200天,", "not-a-number"),
    ("Y.csv", "P12,谢敏,案件办理队,90,89,,,,,", "P12,谢敏,案件办理队,90,89,,,,,无", "unknown-choice"),  # 无 for none: leave it empty
    ("M02.csv", "P03,郭涛,社区警务队,34,26,18,8,8,1", "P03,郭涛,社区警务队,34,26,18,8,8.5,1", "too-many-places"),  # half an article
])
def test_one_slip_in_a_good_sheet_fails_the_check(tmp_path, sheet, old, new, expected):
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / "content/chengnan-pcs/pcs-minjing/2026" / sheet
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    _, _, problems = run(tmp_path)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == [expected] and errors[0].file.endswith(sheet), errors
    if new.endswith(",无"):
        assert "没有的请留空" in errors[0].message


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("old, new, code, at", [
    # a clerk's typo in a key: min_place for min_places
    ("        min_places: 1\n", "        min_place: 1\n", "unknown-key", "        min_place: 1"),
    # the quarters' weights summing to 99%
    ("{code: q4, name: 第四季度, max: 100, weight: 40%", "{code: q4, name: 第四季度, max: 100, weight: 39%", "items-do-not-sum", "      - code: pingshi"),
    # a gap between the bands: 称职 written 70—89 (含), so 89.5 falls in neither
    ("- {grade: 称职, at_least: 70, below: 90}", "- {grade: 称职, at_least: 70, at_most: 89}", "bands-gap", "        - {grade: 优秀, at_least: 90}"),  # the band above the gap
    # 一票否决 written as the guide's 处分 != "" example, on the 多选 column
    ("        when: 否决情形\n", "        when: 否决情形 != \"\"\n", "bad-formula", "        when: 否决情形 != \"\""),
    # the quarter told to roll up the year
    ("    rolls_up: yuedu\n", "    rolls_up: niandu\n", "bad-value", "    rolls_up: niandu"),
])
def test_a_clerks_slip_in_the_scheme_is_one_chinese_problem_at_its_line(old, new, code, at):
    assert old in SCHEME
    text = SCHEME.replace(old, new, 1)
    found = where(check_text(text))
    assert [c for _, _, c in found] == [code], found
    assert found[0][0] == _line_of(text, at), (found, _line_of(text, at))
    assert any("\u4e00" <= ch <= "\u9fff" for ch in check_text(text).sorted()[0].message)
    if code == "items-do-not-sum":  # which weights, so the clerk finds the one mistyped
        assert "99%（第一季度 20% + 第二季度 20% + 第三季度 20% + 第四季度 39%）" in check_text(text).sorted()[0].message


def test_every_condition_as_the_handbook_prints_it_reads_back_as_itself(graded):
    """The handbook's 特殊情形 words (a 多选 column as 「否决情形」填了任何一项 / 一项都没填) state the rule that grades."""
    from generator.scheme.columns import plan_columns
    from generator.scheme.expr import compiled
    from generator.scheme.expr_readback import parse_described, same_formula
    from generator.site.handbook_conditions import condition_words

    year = graded["Y"]
    names = year.assessment.item_names()
    multiple = frozenset(s.name for s in plan_columns(year.scheme, year.assessment).all() if s.type == "choices")
    read = 0
    for override in year.assessment.overrides:
        words = condition_words(override.when, names, multiple)
        assert same_formula(compiled(override.when), parse_described(words, names)), (override.when, words)
        read += 1
    assert read == 5
