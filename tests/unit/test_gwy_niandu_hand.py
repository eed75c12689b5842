"""A scheme not among the seeds, written from the user guide alone (fixtures/gwy-niandu): a 县直机关 公务员
年度考核 with 民主测评 by votes (优秀/称职/基本称职/不称职 票, a score from the counts), 平时考核 from four quarter
grades typed in the year's own sheet (coefficient items), 优秀 only with 优秀票 超过半数 (strictly) and 平时 好 ≥ 2
(a count of conditions), 不称职票 超过三分之一 → 不高于基本称职, 一票否决 over every 不确定等次, 处分 by kind and
by date (the dates judged by the office into 是/否 columns: Kaohe computes no dates), 优秀 ≤ 20% per 科室 四舍五入
with the 科室 short of one place merged (merge_short), a tie at the line broken by 民主测评, a full tie decided by
the committee, and 连续三年优秀 记三等功 from two earlier years' columns. Every number is the hand computation in
fixtures/gwy-niandu/HAND.md; the sheet is the office's XLSX with a title row, 序号 and 备注 (make_sheet.py)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Severity
from generator.engine.consequences import consequences_of
from generator.engine.explain import explain_text
from tests.unit.helpers import handbook_text, run
from tests.unit.three_ways import compare

FIXTURE = Path(__file__).with_name("fixtures") / "gwy-niandu"
PERIOD = "content/qinglan-scjgj/gwy-niandu/2026"

# id: (平时考核 (exact), 民主测评, total, final grade or None for 不确定等次)
HAND = {
    "A01": ("97.5", "91.00", "90.00", "优秀"), "A02": ("97.5", "91.00", "89.99", "称职"),
    "A03": ("90", "86.00", "86.90", "称职"), "A04": ("100", "91.00", "93.70", None),
    "B01": ("100", "94.00", "95.50", "称职"), "B02": ("95", "90.00", "92.10", "称职"),
    "B03": ("97.5", "93.00", "93.45", "优秀"), "B04": ("97.5", "93.00", "93.45", "称职"),
    "B05": ("95", "91.00", "91.90", "不称职"), "B06": ("90", "56.67", "75.47", "称职"),
    "B07": ("100", "95.00", "95.60", "优秀"), "B08": ("100", "95.00", "95.60", None),
    "B09": ("92.5", "92.00", "90.95", "称职"), "C01": ("100", "95.00", "96.50", "优秀"),
    "C02": ("100", "63.00", "82.20", "基本称职"), "C03": ("82.5", "85.00", "82.75", None),
    "D01": ("97.5", "94.00", "95.05", "称职"), "D02": ("90", "84.00", "84.00", "称职"),
    "E01": ("100", "97.00", "95.05", "优秀"), "E02": ("75", "75.00", "75.00", "称职"),
}


def _graded(root: Path, with_decisions: bool = True):
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    if not with_decisions:
        (root / PERIOD / "Y.decisions.csv").unlink()
    _, periods, problems = run(root)
    return periods[0], problems


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    period, problems = _graded(tmp_path_factory.mktemp("gwy"))
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    return period


def test_every_total_and_grade_as_worked_by_hand(graded):
    got = {p.id: (p.item("pingshi").value, str(p.item("ceping").value), str(p.total), p.grade) for p in graded.people}
    assert got == {pid: (Decimal(pingshi), *rest) for pid, (pingshi, *rest) in HAND.items()}


def test_compiled_and_reference_agree_on_every_person(graded):
    seen = compare([graded])
    # 王丽娟's blank quarters (missing: reweight) are the reference's to grade; everyone else both ways
    assert (seen["compiled"], seen["declined"]) == (19, 1)


def test_the_edges_are_where_the_hand_says(graded):
    people = {p.id: p for p in graded.people}
    # 29.25 + 24.345 + 36.4 = 89.995 → 90.00: 优秀 by the shown total; 81.13 gives 89.989 → 89.99 称职
    assert "89.995" in explain_text(graded, people["A01"]) and people["A02"].band_grade == "称职"
    # 优秀票 10 of 20 is half, not 超过半数: the gate holds 林海 back
    assert "优秀票 大于 （优秀票 + 称职票 + 基本称职票 + 不称职票） ÷ 2" in explain_text(graded, people["B02"])
    assert people["B02"].band_grade == "优秀" and people["B02"].grade == "称职"
    # 平时 好 once only (唐明): the count of conditions is 1
    assert people["B09"].band_grade == "优秀" and people["B09"].grade == "称职"
    # 不称职票 6 of 18 is one third, not 超过: 赵磊 stays 称职; 7 of 20 caps 马超 at 基本称职
    assert people["B06"].grade == "称职" and people["C02"].grade == "基本称职"
    # 一票否决 beats 病事假 200 天 (no_grade written 且 非 否决情形)
    assert people["B05"].status == "graded" and people["B05"].grade == "不称职"
    # 病事假 183 is 半年 (含), 182 is not
    assert people["C03"].status == "no_grade" and people["D02"].status == "graded"
    # a 警告 of the previous year changes nothing; of this year caps at 称职; 记过 served out by 12-31 grades
    assert people["B03"].grade == "优秀" and people["B01"].grade == "称职" and people["B07"].grade == "优秀"


def test_the_short_departments_are_merged_and_their_tie_broken_by_the_vote(graded):
    uses = {u.scope: (u.base, u.allowed, u.granted) for u in graded.quotas}
    assert uses == {"办公室": (4, 1, 1), "综合执法队": (9, 2, 2), "食品安全科": (3, 1, 1), "人事科、法规科（合并计算）": (4, 1, 1)}
    words = explain_text(graded, next(p for p in graded.people if p.id == "D01"))
    assert "人事科 2 人、法规科 2 人按比例算出的名额都不足 1 人，合并计算；4 人 × 20% = 0.8，四舍五入为 1 人" in words
    assert "排第 2 名，在名额之外，由「优秀」降为「称职」" in words


def test_without_the_decision_the_full_tie_is_flagged(tmp_path):
    period, problems = _graded(tmp_path, with_decisions=False)
    [warning] = [p for p in problems.sorted() if p.severity is Severity.WARNING]
    assert warning.code == "tie-at-quota-line"
    # the line at the places the values are shown (民主测评 has places: 2): it read 「民主测评 93」
    assert "名额线 总分 93.45、民主测评 93.00，余 1 个名额：B03、B04" in warning.message
    assert {p.id for p in period.people if p.status == "tied"} == {"B03", "B04"}


def test_consequences_after_the_committee(graded):
    got = sorted((p.id, then) for p, then in consequences_of(graded))
    assert [(pid, "记三等功" in then or "调整职务职级" in then) for pid, then in got] == [("B05", True), ("C01", True)]


def test_the_handbook_states_the_rules_that_graded(graded):
    text = handbook_text(graded.scheme).replace("\\.", ".")
    for words in ("按比例算出的名额不足 1 人的部门，合并计算名额", "优秀票 大于", "不称职票 × 3 大于", "否决情形",
                  "Kaohe 不能计算日期"):
        assert words in text, words


@pytest.mark.parametrize("old, new, expected", [
    ("merge_short: true", "merge_short: yes please", "wrong-type"),
    ('处分 == "警告" 且 处分在考核年度内', '处分 == "警告" 且 处分决定日期 >= "2026-01-01"', "bad-formula"),
    ('等次 == "优秀" 且 上年等次', '等次 == "优" 且 上年等次', "bad-formula"),
])
def test_one_slip_in_the_scheme_fails_the_check(tmp_path, old, new, expected):
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / "schemes/gwy-niandu.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted() if p.severity is Severity.ERROR] == [expected]


def test_every_condition_as_the_handbook_prints_it_reads_back_as_itself(graded):
    """处分 != "" was printed 「处分 不等于 「」」; it reads 「处分」填了 now, and the words still state the rule that grades."""
    from generator.scheme.columns import plan_columns
    from generator.scheme.expr import compiled
    from generator.scheme.expr_readback import parse_described, same_formula
    from generator.site.handbook_conditions import condition_words

    names = graded.assessment.item_names()
    multiple = frozenset(s.name for s in plan_columns(graded.scheme, graded.assessment).all() if s.type == "choices")
    conditions = [o.when or o.requires for o in graded.assessment.overrides] + [c.when for c in graded.assessment.consequences]
    for condition in conditions:
        words = condition_words(condition, names, multiple)
        assert same_formula(compiled(condition), parse_described(words, names)), (condition, words)
    assert condition_words('处分 != "" 且 处分 != "警告" 且 处分期未满', names, multiple) == "「处分」填了 并且 处分 不等于 「警告」 并且 处分期未满"
    assert condition_words('"" == 处分', names, multiple) == "「处分」没填"
    assert "不等于 「」" not in handbook_text(graded.scheme)


def test_a_date_column_is_read_as_dates(tmp_path):
    """type: date was refused (Kaohe had no dates); the office's 处分决定日期 cells (Excel dates) are read as dates now."""
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / "schemes/gwy-niandu.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{name: 处分决定日期, type: text,", "{name: 处分决定日期, type: date,"), encoding="utf-8")
    periods, problems = run(tmp_path)[1:]
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    assert {p.id: p.person.values["处分决定日期"].isoformat() for p in periods[0].people if p.person.values["处分决定日期"]} == {
        "B01": "2026-03-15", "B03": "2025-11-20", "B07": "2025-06-10", "B08": "2025-08-01"}


@pytest.mark.parametrize("written", ["日期", "datetime"])
def test_a_date_type_written_otherwise_says_what_to_write(tmp_path, written):
    """A type the model has not (日期, datetime) names the one it has, type: date, and how a date rule is written."""
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / "schemes/gwy-niandu.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{name: 处分决定日期, type: text,", f"{{name: 处分决定日期, type: {written},"), encoding="utf-8")
    _, _, problems = run(tmp_path)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == ["bad-value"]
    assert "type: date" in errors[0].message and "期末日期()" in errors[0].message


def test_no_vote_at_all_names_the_divisor_and_its_columns(tmp_path):
    """A person nobody voted for (the vote sheet missed him): the message was 「公式中出现了除以 0」, with no column
    and no way to fix it."""
    from openpyxl import load_workbook

    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    path = tmp_path / PERIOD / "Y.xlsx"
    book = load_workbook(path)
    sheet = book.active
    head = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[1].value == "A03")
    row[head.index("优秀票")].value = row[head.index("称职票")].value = 0
    book.save(path)
    _, _, problems = run(tmp_path)
    [error] = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert (error.line, error.code) == (5, "missing-value")
    assert "除数「优秀票 + 称职票 + 基本称职票 + 不称职票」为 0（优秀票 0、称职票 0、基本称职票 0、不称职票 0）" in error.message
    assert error.column is not None  # at the 优秀票 cell
    assert "核对" in error.message


def test_the_pooled_departments_pages_show_the_pool_quota(tmp_path):
    """法规科's and 人事科's internal pages showed no quota line (their scope matched neither 全单位 nor the department)."""
    from generator.core.problems import Problems
    from generator.site.generate import generate

    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    problems = Problems()
    files = generate(tmp_path, "internal", problems).files
    assert not problems.has_errors(), problems.sorted()
    for department in ("faguike", "renshike"):
        text = files[f"departments/qinglan-scjgj/{department}/2026.md"].decode("utf-8")
        assert "人事科、法规科合并计算「优秀」名额 1 人，实际 1 人（参加考核 4 人）" in text
    assert "本部门「优秀」名额 1 人" in files["departments/qinglan-scjgj/bangongshi/2026.md"].decode("utf-8")


def test_the_internal_table_says_whose_grade_a_rule_or_the_quota_moved(graded):
    """陈志强 95.50 称职 (警告 cap), 林海 (gate), 谢涛 (beyond the merged quota): the 说明 column was empty, a
    95.50 beside 称职 with nothing said; now it names what moved the grade (the derivation says how)."""
    from generator.site.pages_internal import results_table

    table = results_table(graded)
    notes = {row[0]: row[-1] for row in table.rows}
    assert notes["B01"] == "按规定由「优秀」调整为「称职」，见计算过程"
    assert notes["B02"] == "按规定由「优秀」调整为「称职」，见计算过程"
    assert notes["D01"] == "超出名额，由「优秀」降为「称职」，见计算过程"
    assert notes["A01"] == notes["A02"] == ""  # graded as the bands say
    assert notes["A04"].startswith("第八条（一）") and notes["B04"].startswith("2027年1月12日")  # the reason, the decision as before


def test_the_notice_names_the_body_that_approved_it(tmp_path, monkeypatch):
    """The 公示 said 「经考核领导小组审定」 for every agency; the 细则 has the list approved by 局考核委员会
    (publicity.approver). Without it the words stay as they were (locks of closed periods unchanged)."""
    from generator.core.problems import Problems
    from generator.site.generate import generate

    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, tmp_path / part)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1801526400")  # 2027-02-02: the 公示 (from 2027-01-18) has begun
    problems = Problems()
    text = generate(tmp_path, "internal", problems).files["notices/qinglan-scjgj/gwy-niandu/2026-Y.md"].decode("utf-8")
    assert "经局考核委员会审定，现将" in text and "考核领导小组" not in text
