"""fixtures/gwy-niandu-dates: the 县直机关 公务员年度考核 of fixtures/gwy-niandu with the dates themselves in the sheet
(录用日期, 处分决定日期: Excel date cells and text typed 2025/11/20, 2025.8.1, 2019年9月1日) instead of the 是/否 columns
the office worked out by hand from them (试用期, 处分在考核年度内, 处分期未满). The rules are written with 期初日期(),
期末日期() and 月数(); every total and grade is the hand computation of fixtures/gwy-niandu/HAND.md, unchanged."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import handbook_text, run
from tests.unit.test_gwy_niandu_hand import HAND
from tests.unit.three_ways import compare

FIXTURE = Path(__file__).with_name("fixtures") / "gwy-niandu-dates"
PERIOD = "content/qinglan-scjgj/gwy-niandu/2026"


def _copy(root: Path) -> Path:
    for part in ("schemes", "content"):
        shutil.copytree(FIXTURE / part, root / part)
    return root


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    _, periods, problems = run(_copy(tmp_path_factory.mktemp("gwy-dates")))
    assert [p for p in problems.sorted() if p.severity is not Severity.INFO] == []
    return periods[0]


def test_the_hand_computed_grades_are_unchanged_with_real_dates(graded):
    got = {p.id: (p.item("pingshi").value, str(p.item("ceping").value), str(p.total), p.grade) for p in graded.people}
    assert got == {pid: (Decimal(pingshi), *rest) for pid, (pingshi, *rest) in HAND.items()}
    statuses = {p.id: p.status for p in graded.people if p.status != "graded"}
    assert statuses == {"A04": "no_grade", "B08": "no_grade", "C03": "no_grade"}


def test_compiled_and_reference_agree_on_every_person(graded):
    seen = compare([graded])
    # as in gwy-niandu: 王丽娟's blank quarters are the reference's; the blank dates of everyone without a 处分
    # are decided by the other side of 且, compiled
    assert (seen["compiled"], seen["declined"]) == (19, 1)


def test_the_derivation_shows_the_dates_it_counted_from(graded):
    people = {p.id: p for p in graded.people}
    assert "（「录用日期」2026-07-01；考核期 2026-01-01 至 2026-12-31） → 不确定等次" in explain_text(graded, people["A04"])
    assert "「处分决定日期」2025-08-01；考核期 2026-01-01 至 2026-12-31" in explain_text(graded, people["B08"])  # 记大过 18 个月未满
    assert "「处分决定日期」2026-03-15" in explain_text(graded, people["B01"])  # 当年警告
    # 记过 2025-06-10 served out on 2026-06-10; 警告 of 2025-11-20 is last year's: neither rule applies
    assert "处分决定日期" not in explain_text(graded, people["B07"]) and "处分决定日期" not in explain_text(graded, people["B03"])


def test_the_handbook_says_the_date_rules_in_words(graded):
    text = handbook_text(graded.scheme).replace("\\.", ".")
    for words in ("录用日期距考核期末不满 12 个月", "处分决定日期距考核期末不满 18 个月",
                  "处分决定日期不早于考核期的第一天 并且 处分决定日期不晚于考核期的最后一天"):
        assert words in text, words


def test_no_public_page_shows_a_date_and_the_internal_ones_do(tmp_path):
    from generator.core.problems import Problems
    from generator.site.generate import generate

    root = _copy(tmp_path)
    dates = ("2026-07-01", "2026-03-15", "2025-08-01", "2025-06-10", "2025-11-20", "2025-12-01", "2019-09-01",
             "2026年7月", "2025/11/20", "2025.8.1")
    problems = Problems()
    public = generate(root, "public", problems).files
    assert not problems.has_errors(), problems.sorted()
    leaks = [(name, d) for name, data in public.items() for d in dates if d in data.decode("utf-8", "replace")]
    assert leaks == []
    internal = generate(root, "internal", Problems()).files
    assert any("2026-07-01" in data.decode("utf-8", "replace") for data in internal.values())


def _edit(root: Path, pid: str, column: str, value) -> int:
    path = root / PERIOD / "Y.xlsx"
    book = load_workbook(path)
    sheet = book.active
    head = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[1].value == pid)
    row[head.index(column)].value = value
    book.save(path)
    return row[0].row


@pytest.mark.parametrize("pid, column, value, code, words", [
    ("B01", "处分决定日期", "2026-02-30", "not-a-date", "2026 年 2 月没有 30 日"),  # a day that does not exist
    ("B01", "处分决定日期", "26.3.15", "not-a-date", "年份只写了两位"),
    ("A04", "录用日期", "2027-07-01", "date-after-period", "晚于2026年年度的最后一天"),  # next year's record, or 2027 for 2026
    ("B08", "处分决定日期", None, "missing-value", "「处分决定日期」为空，无法判断"),  # 记大过 without its date
])
def test_one_slip_in_a_date_cell_is_reported_at_it(tmp_path, pid, column, value, code, words):
    root = _copy(tmp_path)
    line = _edit(root, pid, column, value)
    _, _, problems = run(root)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [(p.line, p.code) for p in errors] == [(line, code)], errors
    assert words in errors[0].message
    assert errors[0].column == "N" if column == "录用日期" else errors[0].column == "R"


def test_a_literal_date_in_a_condition_is_refused_with_the_period_function(tmp_path):
    root = _copy(tmp_path)
    path = root / "schemes/gwy-niandu.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("处分决定日期 >= 期初日期()", '处分决定日期 >= "2026-01-01"'), encoding="utf-8")
    _, _, problems = run(root)
    errors = [p for p in problems.sorted() if p.severity is Severity.ERROR]
    assert [p.code for p in errors] == ["bad-formula"]
    assert "明年就不对了" in errors[0].message and "期初日期()" in errors[0].message


def test_every_date_condition_as_the_handbook_prints_it_reads_back_as_itself(graded):
    from generator.scheme.columns import plan_columns
    from generator.scheme.expr import compiled
    from generator.scheme.expr_readback import parse_described, same_formula
    from generator.site.handbook_conditions import condition_words

    names = graded.assessment.item_names()
    specs = plan_columns(graded.scheme, graded.assessment).all()
    multiple = frozenset(s.name for s in specs if s.type == "choices")
    dates = frozenset(s.name for s in specs if s.type == "date")
    conditions = [o.when or o.requires for o in graded.assessment.overrides]
    for condition in conditions:
        words = condition_words(condition, names, multiple, dates)
        assert same_formula(compiled(condition), parse_described(words, names)), (condition, words)
    assert condition_words("录用日期 且 月数(录用日期, 期末日期()) < 12", names, multiple, dates) == (
        "「录用日期」填了日期 并且 录用日期距考核期末不满 12 个月")
    for formula in ("天数(录用日期, 期末日期()) >= 30", "月数(录用日期, 处分决定日期) > 3", "录用日期 < 期初日期()",
                    "月数(录用日期, 期末日期()) * 2 > 6"):
        assert same_formula(compiled(formula), parse_described(compiled(formula).describe(names), names)), formula


def test_the_template_takes_dates_and_what_is_typed_in_it_reads_back(tmp_path):
    """`kaohe template` gives a date column a date format and a date validation; a date typed there (as Excel keeps
    it: a date cell) and one typed as text both read back as the day."""
    import datetime as dt

    from generator.cli import main

    root = _copy(tmp_path)
    (root / PERIOD / "Y.xlsx").unlink()
    for extra in ("Y.decisions.csv", "Y.notice.yaml"):
        (root / PERIOD / extra).unlink()
    out = tmp_path / "template.xlsx"
    assert main(["-C", str(root), "template", "gwy-niandu", "2026-Y", "--agency", "qinglan-scjgj", "--out", str(out)]) == 0
    book = load_workbook(out)
    sheet = book["成绩"]
    head = {str(c.value).split("\n")[0]: c.column for c in sheet[1] if c.value}
    letter = sheet.cell(row=1, column=head["录用日期"]).column_letter
    assert sheet.column_dimensions[letter].number_format == "yyyy-mm-dd"
    assert any(v.type == "date" and letter in str(v.sqref) for v in sheet.data_validations.dataValidation)
    values = {"编号": "A01", "姓名": "周建平", "科室": "办公室", "述职评议": 90, "优秀票": 11, "称职票": 9, "基本称职票": 0, "不称职票": 0,
              "一季度等次": "好", "二季度等次": "好", "三季度等次": "好", "四季度等次": "好", "病事假天数": 0}
    for row, (pid, hired) in enumerate((("A01", dt.datetime(2026, 7, 1)), ("A02", "2019年9月1日")), start=2):
        for name, value in {**values, "编号": pid, "录用日期": hired}.items():
            sheet.cell(row=row, column=head[name], value=value)
    book.save(root / PERIOD / "Y.xlsx")
    _, periods, problems = run(root)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    assert {p.id: (p.person.values["录用日期"], p.status) for p in periods[0].people} == {
        "A01": (dt.date(2026, 7, 1), "no_grade"), "A02": (dt.date(2019, 9, 1), "graded")}
