"""A scheme not among the seeds, written from the user guide alone (fixtures/xuexiao, source text 办法.md): a school's
教职工绩效考核 by 学期 and 学年 — 第一学期 September–January, 第二学期 February–July, the 学年 2025—2026 in the folder of
the year it begins. 师德师风 10, 教学工作量 25 (标准课时 ± 课时, 超课时 bonus capped), 教学质量 35 (学生评教 60% + 同行评议
40%, × 0.35), 岗位职责 20 by post (班主任: 教学常规 10 + 班主任工作 10; 专任教师: 教学常规 20 — one column, two maxima),
出勤 10 (half days), 教研成果 by level capped at 5, total capped at 100; 优秀 ≤ 20% per 教研组 rounded half up, ties by
教学质量; 一票否决; 到岗不满一学期 不定等次. The 学年 = 第一学期 × 40% + 第二学期 × 60% (only one 学期: that one), 优秀 only
with both 学期 良好 or better, 不合格 after a 不合格 学期. Every number is the hand computation in fixtures/xuexiao/HAND.md."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from generator.scheme.periods import labels_within, period_days, period_first_day, period_label, period_last_day, period_title
from tests.unit.helpers import handbook_text, run
from tests.unit.test_problem_codes import check_text, where
from tests.unit.three_ways import compare

FIXTURE = Path(__file__).with_name("fixtures") / "xuexiao"
SCHEME = (FIXTURE / "schemes/jzg-xueqi.yaml").read_text(encoding="utf-8")
TERMS = "content/hexi-syxx/jzg-xueqi/2025"

# id: (总分, 等次) per period, as worked by hand in HAND.md (None: 不定等次)
HAND = {
    "S1": {
        "JS01": ("93.92", "优秀"), "JS02": ("89.47", "良好"), "JS03": ("98.83", "不合格"), "JS04": ("79.65", "合格"),
        "JS05": ("74.70", "合格"), "JS06": ("90.52", "良好"), "JS07": ("93.50", "良好"), "JS08": ("94.09", "优秀"),
        "JS09": ("85.82", "良好"), "JS10": ("80.00", "良好"), "JS11": ("84.33", None), "JS12": ("85.54", "良好"),
        "JS13": ("100.00", "优秀"), "JS14": ("90.00", "良好"), "JS15": ("83.42", "良好"), "JS16": ("73.60", "合格"),
    },
    "S2": {
        "JS01": ("90.21", "良好"), "JS02": ("91.92", "良好"), "JS03": ("94.62", "良好"), "JS04": ("100.00", "优秀"),
        "JS05": ("83.42", "良好"), "JS17": ("87.38", "良好"), "JS06": ("93.20", "良好"), "JS07": ("93.20", "优秀"),
        "JS08": ("90.92", "良好"), "JS09": ("88.52", "良好"), "JS10": ("82.60", "良好"), "JS11": ("89.52", "良好"),
        "JS12": ("85.40", "良好"), "JS13": ("98.97", "优秀"), "JS14": ("92.52", "良好"), "JS15": ("86.12", "良好"),
        "JS16": ("79.33", "合格"),
    },
    "SY": {
        "JS01": ("91.69", "优秀"), "JS02": ("90.94", "良好"), "JS03": ("96.30", "不合格"), "JS04": ("91.86", "良好"),
        "JS05": ("79.93", "合格"), "JS17": ("87.38", "良好"), "JS06": ("92.13", "良好"), "JS07": ("93.32", "优秀"),
        "JS08": ("92.19", "良好"), "JS09": ("87.44", "良好"), "JS10": ("81.56", "良好"), "JS11": ("87.44", "良好"),
        "JS12": ("85.46", "良好"), "JS13": ("99.38", "优秀"), "JS14": ("91.51", "良好"), "JS15": ("85.04", "良好"),
        "JS16": ("77.04", "合格"),
    },
}
QUOTAS = {"S1": {"语文组": (6, 1), "数学组": (5, 1), "综合组": (4, 1)},
          "S2": {"语文组": (6, 1), "数学组": (7, 1), "综合组": (4, 1)},
          "SY": {"语文组": (6, 1), "数学组": (7, 1), "综合组": (4, 1)}}


def _copy(root: Path) -> Path:
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    return root


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    _, periods, problems = run(_copy(tmp_path_factory.mktemp("xuexiao")))
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    assert [p.label for p in periods] == ["S1", "S2", "SY"]
    return {p.label: p for p in periods}


@pytest.mark.parametrize("label", ["S1", "S2", "SY"])
def test_every_total_and_grade_as_worked_by_hand(year, label):
    period = year[label]
    assert {p.id: (str(p.total), p.grade) for p in period.people} == HAND[label]
    assert {u.scope: (u.base, u.allowed) for u in period.quotas} == QUOTAS[label]


def test_compiled_and_reference_agree_on_every_person(year):
    seen = compare(list(year.values()))
    # every person of both 学期 and the 学年 compiled and compared; the 学年's JS17 (only the 第二学期) is re-weighted,
    # which is the reference's
    assert (seen["compiled"], seen["declined"]) == (16 + 17 + 16, 1), seen


def test_a_school_year_is_named_and_dated_as_a_school_says_it(year):
    assert [year[label].period_name for label in ("S1", "S2", "SY")] == ["2025—2026学年第一学期", "2025—2026学年第二学期", "2025—2026学年"]
    assert (period_first_day(2025, "S1"), period_last_day(2025, "S1")) == (dt.date(2025, 9, 1), dt.date(2026, 1, 31))
    assert (period_first_day(2025, "S2"), period_last_day(2025, "S2")) == (dt.date(2026, 2, 1), dt.date(2026, 7, 31))
    assert (period_days(2025, "S1"), period_days(2027, "S2"), period_days(2027, "SY")) == (153, 182, 366)  # 2028 is a leap year
    assert labels_within(["S1", "S2", "M09", "Q3", "H2"], "SY") == ["S1", "S2"]  # a calendar month is in no 学年
    assert labels_within(["S1", "S2"], "Y") == []
    assert period_title(2025, "Y") == "2025年度" and period_title(2025, "Q1") == "2025年第一季度"
    assert [period_label(w) for w in ("第一学期", "上学期", "第二学期", "下学期", "学年", "S1", "sy")] == ["S1", "S1", "S2", "S2", "SY", "S1", "SY"]


def test_the_edges_are_where_the_guide_says(year):
    def words(label, pid):
        period = year[label]
        return explain_text(period, next(p for p in period.people if p.id == pid))

    assert "总分 90.00 属「优秀」（90 分（含）以上）" in words("S1", "JS14")  # exactly on the bound, then out of the one place
    assert "总分 80.00 属「良好」" in words("S1", "JS10")
    assert "事假天数 1.5 天 × 0.5 分 = 0.75 分" in words("S1", "JS02")  # a half day, read and graded, in days (was 1.5 次)
    assert "教学质量" in words("S2", "JS06") and "由「优秀」降为「良好」" in words("S2", "JS06")  # the tie, broken by 教学质量 31.70 < 32.20
    assert "不确定等次" in words("S1", "JS11")
    js17 = words("SY", "JS17")
    assert "第一学期得分未参加该期考核，不计，按其余项目的权重之和 60% 折算" in js17 and "不在该期成绩表中（未参加该期考核），不计" in js17, js17
    assert "不满足" in words("SY", "JS04") or "降为「良好」" in words("SY", "JS04")
    assert "不合格" in words("SY", "JS03")


def test_the_handbook_states_the_rules_that_graded(year):
    text = handbook_text(year["SY"].scheme).replace("\\.", ".")
    for words in ("学期", "学年", "第一学期", "第二学期"):
        assert words in text, words


def test_one_column_two_posts_two_maxima(tmp_path):
    """教学常规 is 20 for a 专任教师 and 10 for a 班主任, in one column: every 专任教师's 18 was score-over-max (the 10 of the
    班主任's), and a 班主任's 12 must still be one."""
    root = _copy(tmp_path)
    path = root / TERMS / "S1.xlsx"
    wb = load_workbook(path)
    ws = wb.active
    ws["K3"] = 12  # JS01 李晓华, 班主任: 教学常规 of 10
    ws["K4"] = 21  # JS02 王芳, 专任教师: 教学常规 of 20
    wb.save(path)
    _, _, problems = run(root)
    errors = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity is Severity.ERROR and p.file.endswith("S1.xlsx")]
    assert errors == [(3, "K", "score-over-max"), (4, "K", "score-over-max")], errors


@pytest.mark.parametrize("name, start, code", [
    ("S1", "2025-12-20", "notice-before-period-end"),  # the 第一学期 ends on 31 January
    ("S1", "2026-02-02", None),
    ("SY", "2026-06-20", "notice-before-period-end"),  # a 学年's 公示 comes as the 第二学期 ends: July
    ("SY", "2026-07-06", None),
    ("S1", "2026-01-15", None),  # a term is assessed as it ends, before the holiday: in its last month
    ("S2", "2026-07-10", None),
    ("S2", "2026-06-20", "notice-before-period-end"),
])
def test_a_notice_is_held_to_the_school_calendar(tmp_path, name, start, code):
    root = _copy(tmp_path)
    (root / TERMS / f"{name}.notice.yaml").write_text(f"start: {start}\ndays: 5\n", encoding="utf-8")
    _, _, problems = run(root)
    found = [p.code for p in problems.sorted() if p.severity is not Severity.INFO]
    assert found == ([code] if code else []), found


@pytest.mark.parametrize("old, new, code, words", [
    # a 学年 cannot sum calendar quarters: the months of a quarter straddle it
    ("    period: 学期\n", "    period: 季度\n", "bad-value", "不能互相汇总"),
    # a term named as the period: the period is 学期, the term a label
    ("    period: 学期\n", "    period: 上学期\n", "bad-value", "labels: [S1]"),
    # labels of another kind
    ("    period: 学期\n", "    period: 学期\n    labels: [H1]\n", "bad-value", "S1、S2"),
])
def test_a_clerks_slip_in_the_periods_is_one_chinese_problem(old, new, code, words):
    assert old in SCHEME
    text = SCHEME.replace(old, new, 1)
    found = where(check_text(text))
    assert [c for _, _, c in found] == [code], found
    assert words in check_text(text).sorted()[0].message


def test_the_site_names_the_school_year(tmp_path, monkeypatch):
    """The archive's year page said 「2025 年度档案」, a department's 「2025年考核情况」 and the handbook's 使用单位 「2025年」
    for what is the 2025—2026 学年; the handbook's quota said 各部门 for 各教研组, and its 学年得分 「未填写的子项不计」 where a
    学期 is left out for not being in its sheet."""
    from generator.core.problems import Problems
    from generator.site.generate import generate

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 7, 20, tzinfo=dt.UTC).timestamp())))
    problems = Problems()
    files = {k: v.decode("utf-8") for k, v in generate(_copy(tmp_path), "public", problems).files.items() if k.endswith(".md")}
    assert not problems.has_errors(), problems.sorted()
    assert "# 2025—2026 学年档案" in files["archive/2025.md"] and "2025 年度" not in files["archive/2025.md"]
    assert "2025—2026 学年</a>：3 个考核期" in files["archive/index.md"]
    assert "# 数学组 · 2025—2026学年考核情况" in files["departments/hexi-syxx/shuxuezu/2025.md"]
    handbook = files["handbooks/jzg-xueqi.md"].replace("\\.", ".")
    assert "河西区实验学校 2025—2026学年" in handbook and "考核周期：学期（第一学期、第二学期）" in handbook
    assert "各教研组「优秀」不超过参加考核并确定等次的人数的 20%" in handbook
    assert "未参加某期考核（不在该期成绩表中）的，该子项不计，按其余子项的权重之和折算" in handbook
    assert "每天 0.5 分（按「事假天数」计" in handbook
    notice = files["notices/hexi-syxx/jzg-xueqi/2025-SY.md"]
    assert "关于河西区实验学校2025—2026学年考核拟定“优秀”等次人员的公示" in notice
    assert all(name in notice for name in ("李晓华", "赵磊", "马超")) and "刘敏" not in notice  # 刘敏: the gate
    assert "2025—2026学年</a>" in files["index.md"]
    internal = {k: v.decode("utf-8") for k, v in generate(tmp_path, "internal", problems).files.items() if k.endswith(".md")}
    assert "## 2025—2026学年计算过程" in internal["people/hexi-syxx/JS17.md"]
    assert "河西区实验学校 · 2025—2026学年各部门对比" in internal["compare/hexi-syxx/2025.md"]


@pytest.mark.parametrize("name, title, code", [
    ("S2", "河西区实验学校2025—2026学年第一学期教职工绩效考核汇总表", "sheet-period-mismatch"),  # last term's workbook copied
    ("S1", "河西区实验学校2024—2025学年第一学期教职工绩效考核汇总表", "sheet-period-mismatch"),  # last year's
    ("S1", "河西区实验学校2025-26学年上学期教职工绩效考核汇总表", None),
])
def test_a_title_naming_another_term_or_school_year(tmp_path, name, title, code):
    root = _copy(tmp_path)
    path = root / TERMS / f"{name}.xlsx"
    wb = load_workbook(path)
    wb.active["A1"] = title
    wb.save(path)
    _, _, problems = run(root)
    found = [(p.code, p.line) for p in problems.sorted() if p.severity is not Severity.INFO]
    assert found == ([(code, 1)] if code else []), found


def test_a_term_file_named_as_the_office_names_it(tmp_path):
    """第一学期.xlsx is read as S1; 「2025-2026学年第二学期考核汇总.xlsx」 is named S2 in the problem (the 学年 it
    names beside the term made it two periods, and the message could not say which)."""
    root = _copy(tmp_path)
    folder = root / TERMS
    (folder / "S1.xlsx").rename(folder / "第一学期.xlsx")
    (folder / "S2.xlsx").rename(folder / "2025-2026学年第二学期考核汇总.xlsx")
    _, _, problems = run(root)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == ["period-unknown"] and "看来是第二学期（S2）的成绩表" in errors[0].message, errors


def test_the_template_says_each_posts_full_marks_of_a_shared_column(tmp_path):
    """教学常规 read by both posts: the help sheet said 「仅「专任教师」岗位填写」 and 满分 20 for everyone. The 第二学期's
    template is filled in with the 第一学期's people (it sorted as early as the 第一学期 and was left empty)."""
    from generator import cli

    root = _copy(tmp_path)
    (root / TERMS / "S2.xlsx").unlink()
    out = tmp_path / "S2-template.xlsx"
    assert cli.main(["-C", str(root), "template", "jzg-xueqi", "2025-S2", "--agency", "hexi-syxx", "--out", str(out)]) == 0
    wb = load_workbook(out)
    rows = [" ".join(str(c) for c in row if c is not None) for row in wb["说明"].iter_rows(values_only=True)]
    line = next(r for r in rows if r.startswith("教学常规"))
    assert "（「专任教师」、「班主任」岗位填写）满分：专任教师 20 分，班主任 10 分。" in line and "仅「" not in line, line
    assert any("2025—2026学年第二学期" in r for r in rows)
    ids = [row[0] for row in wb["成绩"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert ids[:3] == ["JS01", "JS02", "JS03"] and len(ids) == 16, ids


@pytest.mark.parametrize("day, code, title", [
    ("2026年7月3日", None, ""),
    ("2026年6月3日", "decision-other-period", ""),
    ("2026年7月3日", None, "2025—2026学年度考核领导小组决定\n"),  # its own 学年度考核, not a 年度's file put here
])
def test_a_committee_decides_the_school_year_in_july(tmp_path, day, code, title):
    """The 学年 ends in August, but is assessed as the 第二学期 ends: a July meeting was decision-other-period (its
    last month, August, was the earliest), so the committee's decision for the 学年 could never take effect."""
    root = _copy(tmp_path)
    (root / TERMS / "SY.decisions.csv").write_text(
        f"{title}工号,姓名,等次,理由,所决事项\nJS05,陈静,不确定等次,{day}学校考核工作领导小组会议：本学年借调区教育局半年，不确定等次,原为：合格\n",
        encoding="utf-8-sig")
    _, periods, problems = run(root)
    found = [p.code for p in problems.sorted() if p.severity is not Severity.INFO]
    assert found == ([code] if code else []), found
    if code is None:
        assert next(p for p in periods if p.label == "SY").person("JS05").status == "no_grade"


def test_a_school_year_closes_and_is_named_once(tmp_path, capsys, monkeypatch):
    """kaohe close names the period and assessment as the pages do: 2025—2026学年考核 (was 2025—2026学年学年考核)."""
    from generator import cli

    root = _copy(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 8, 1, tzinfo=dt.UTC).timestamp())))
    for label in ("S1", "S2", "SY"):
        assert cli.main(["-C", str(root), "close", "jzg-xueqi", f"2025-{label}", "--agency", "hexi-syxx"]) == 0
    out = capsys.readouterr().out
    assert "已关闭 2025—2026学年第一学期考核：16 人" in out and "已关闭 2025—2026学年考核：17 人" in out, out
    _, _, problems = run(root)
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []


@pytest.mark.parametrize("post, cell, code", [
    ("专任教师", 9, "other-post-value"),  # a 班主任 typed as 专任教师: her 班主任工作 9 was dropped without a word
    ("专任教师", 0, None),  # a 0 in another post's column says nothing
    ("专任教师", "—", None),
    ("班主任", 9, None),
])
def test_a_score_in_another_posts_column_is_not_dropped_silently(tmp_path, post, cell, code):
    root = _copy(tmp_path)
    path = root / TERMS / "S1.xlsx"
    wb = load_workbook(path)
    ws = wb.active
    assert (ws["C3"].value, ws["E3"].value, ws["L3"].value) == ("李晓华", "班主任", 9)
    ws["E3"], ws["L3"] = post, cell
    if post == "专任教师" and code is None:
        ws["K3"] = 18  # the row as a 专任教师's, whole
    wb.save(path)
    _, _, problems = run(root)
    found = [(p.code, p.line, p.column) for p in problems.sorted() if p.severity is not Severity.INFO]
    assert found == ([(code, 3, "L")] if code else []), found
