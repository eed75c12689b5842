"""Property tests: order independence, quotas never exceeded, totals in range, hostile input never raises."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.problems import Problems
from generator.scheme.check import check_scheme
from generator.scheme.load import scheme_from_data
from generator.scheme.yaml_source import load_yaml_text
from generator.sheets.tables import decode_csv, read_table
from tests.unit.helpers import DEPARTMENTS, csv_text, item, make_project, run, simple_scheme, xlsx_bytes

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}

score = st.decimals(min_value=0, max_value=100, places=1).map(lambda d: format(d, "f"))
person = st.tuples(st.sampled_from(DEPARTMENTS), score)
people = st.lists(person, min_size=1, max_size=12)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """One project directory per test, rewritten for every example (creating one each time is slow)."""
    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            made[name] = tmp_path_factory.mktemp(name)
        return made[name]

    return get


def compute(root: Path, data: dict, header: list[str], rows: list[list[str]]):
    make_project(root, data, {"Q1.csv": csv_text(header, rows)})
    _, periods, problems = run(root)
    return periods, problems


def rows_of(people_list):
    return [[f"{i:03d}", f"人{i}", dep, s] for i, (dep, s) in enumerate(people_list)]


def outcome(period):
    return {p.id: (p.total, p.grade, p.status) for p in period.people}


@FAST
@given(
    people=people,
    order=st.randoms(use_true_random=False),
    ties=st.sampled_from(["flag", "include_all", "exclude_all"]),
    scope=st.sampled_from(["unit", "department"]),
)
def test_results_do_not_depend_on_row_order(workdir, people, order, ties, scope):
    root = workdir("order")
    data = simple_scheme(grades=GRADES, places=0, quotas=[{"grade": "好", "at_most": "30%", "ties": ties, "scope": scope}])
    rows = rows_of(people)
    shuffled = list(rows)
    order.shuffle(shuffled)
    (a,), pa = compute(root, data, ["编号", "姓名", "部门", "得分"], rows)
    (b,), pb = compute(root, data, ["编号", "姓名", "部门", "得分"], shuffled)
    assert outcome(a) == outcome(b)
    assert [(u.scope, u.allowed, u.granted, u.tied) for u in a.quotas] == [(u.scope, u.allowed, u.granted, u.tied) for u in b.quotas]
    assert [p.message for p in pa.sorted()] == [p.message for p in pb.sorted()]


@FAST
@given(
    people=people,
    share=st.integers(min_value=0, max_value=100),
    rounding=st.sampled_from(["floor", "ceil", "half_up"]),
    ties=st.sampled_from(["flag", "include_all", "exclude_all"]),
    scope=st.sampled_from(["unit", "department"]),
)
def test_no_quota_is_exceeded(workdir, people, share, rounding, ties, scope):
    quota = {"grade": "好", "at_most": f"{share}%", "rounding": rounding, "ties": ties, "scope": scope}
    data = simple_scheme(grades=GRADES, places=0, quotas=[quota])
    (period,), _ = compute(workdir("quota"), data, ["编号", "姓名", "部门", "得分"], rows_of(people))
    for use in period.quotas:
        members = [p for p in period.people if scope == "unit" or p.person.department == use.scope]
        holding = [p for p in members if p.grade == "好" and p.status == "graded"]
        exact = Fraction(use.base * share, 100)  # an independent oracle: exact rationals
        assert (
            use.allowed == {"floor": math.floor(exact), "ceil": math.ceil(exact), "half_up": math.floor(exact + Fraction(1, 2))}[rounding]
        )
        assert use.granted == len(holding)
        if ties == "include_all":
            tied_at_line = len(holding) - use.allowed
            assert tied_at_line <= 0 or len({p.total for p in holding if p.total == min(h.total for h in holding)}) == 1
        else:
            assert use.granted <= use.allowed
        # nobody below the line keeps the grade while someone above it lost it
        kept = [p.total for p in holding]
        lost = [p.total for p in members if p.band_grade == "好" and p.grade != "好" and p.status == "graded"]
        if kept and lost:
            assert min(kept) >= max(lost)


@st.composite
def entered_sheet(draw):
    maxes = draw(st.lists(st.integers(min_value=1, max_value=60), min_size=1, max_size=4))
    n = draw(st.integers(min_value=1, max_value=6))
    rows = []
    for i in range(n):
        values = [format(draw(st.decimals(min_value=0, max_value=m, places=2)), "f") for m in maxes]
        rows.append([str(i + 1), f"人{i}", "办公室", *values])
    return maxes, rows


@FAST
@given(entered_sheet())
def test_totals_of_entered_items_stay_within_zero_and_max(workdir, sheet):
    maxes, rows = sheet
    items = [item(f"i{k}", f"项目{k}", m) for k, m in enumerate(maxes)]
    data = simple_scheme(items=items, grades=None, places=2)
    (period,), problems = compute(workdir("totals"), data, ["编号", "姓名", "部门", *[f"项目{k}" for k in range(len(maxes))]], rows)
    assert problems.sorted() == []
    for p, row in zip(period.people, rows, strict=True):
        assert Decimal(0) <= p.total <= sum(maxes)
        assert p.raw_total == sum(Decimal(v) for v in row[3:])


@FAST
@given(st.lists(st.one_of(st.integers(-1000, 1000).map(str), st.text(max_size=6)), min_size=1, max_size=4))
def test_out_of_range_cells_are_reported_never_counted(workdir, values):
    data = simple_scheme(items=[item("df", "得分", 50)], grades=None, places=2)
    rows = [[str(i + 1), "某", "办公室", v] for i, v in enumerate(values)]
    (period,), problems = compute(workdir("range"), data, ["编号", "姓名", "部门", "得分"], rows)
    for p in period.people:
        assert p.total is None or Decimal(0) <= p.total <= 50
        if p.total is None:
            assert any(q.line == p.person.row for q in problems.sorted())


# --- hostile input never raises; it only reports problems

YAML_TOKENS = list("abc:- \n\t[]{}&*!|>'\"#%@`,?~01.9eE+_<=\\") + [
    "得分",
    "：",
    "\x00",
    "\ufeff",
    "!!int ",
    "!!float ",
    "&a ",
    "*a",
    "<<: ",
    "---\n",
    "  - ",
]
YAMLISH = st.lists(st.sampled_from(YAML_TOKENS), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), YAMLISH))
def test_load_yaml_text_never_raises(text):
    problems = Problems()
    data, marks = load_yaml_text(text, "x.yaml", problems)
    assert data is None or isinstance(data, (dict, list, str, bool, Decimal))
    for p in problems.items:
        assert p.file == "x.yaml"


SCHEME_TEXT = """\
format: kaohe/1
code: t1
name: 测试
issuer: 测试局
version: "1"
effective_year: 2025
assessed: 全体
inputs: [{name: 试用期, type: yesno}]
assessments:
  - code: ps
    name: 平时
    period: 季度
    total_max: 100
    items:
      - {code: de, name: 德, max: 20, children: [{code: de1, name: 思想, max: 20}]}
      - {code: ji, name: 绩, max: 80, score: {kind: deduct, deductions: [{kind: per_event, column: 次数, points: 2}]}}
    adjustments: [{kind: bonus, name: 加分, cap: 5}]
    grades:
      order: [好, 较好]
      bands: [{grade: 好, at_least: 90}, {grade: 较好, below: 90}]
    overrides: [{kind: no_grade, when: 试用期 且 德 > 1, reason: 试用期}]
    quotas: [{grade: 好, at_most: 40%}]
"""


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(SCHEME_TEXT) - 1),
            st.integers(0, 3),
            st.sampled_from(list(":- \n[]{}0.9%e_得好*&!") + ["1e999", "1.0e+999999", "×", "__import__('os')", "''"]),
        ),
        max_size=4,
    )
)
def test_mutated_scheme_never_raises(edits):
    text = SCHEME_TEXT
    for pos, cut, insert in edits:
        text = text[:pos] + insert + text[pos + cut :]
    problems = Problems()
    data, marks = load_yaml_text(text, "s.yaml", problems)
    if data is not None:
        scheme = scheme_from_data(data, marks, problems)
        if scheme is not None:
            check_scheme(scheme, marks, problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_decode_csv_never_raises(raw):
    text, encoding = decode_csv(raw)
    assert (text is None) == (encoding is None)
    if raw.startswith(b"\xef\xbb\xbf") or not raw:
        assert text is None or text == raw.decode("utf-8-sig")


CELL = st.one_of(
    st.sampled_from(["编号", "姓名", "部门", "得分", "合计", "", "优", "1e999", "-1", "85.5", "８５", "12.0", "办公室", '"', "\t", "备注"]),
    st.text(max_size=8),
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.lists(st.lists(CELL, max_size=6), max_size=8).map(lambda rows: csv_text(rows[0] if rows else [], rows[1:]).encode("utf-8")),
    )
)
def test_csv_loader_never_raises(workdir, raw):
    data = simple_scheme(grades=GRADES, places=2, quotas=[{"grade": "好", "at_most": "30%"}])
    root = make_project(workdir("csv"), data, {"Q1.csv": raw})
    problems = Problems()
    table = read_table(root / "content/ag/t1/2025/Q1.csv", "Q1.csv", problems)
    if table is None:
        assert problems.has_errors()
    _, periods, _ = run(root)
    for period in periods:
        for p in period.people:
            assert p.total is None or Decimal(0) <= p.total <= 100


@FAST
@given(st.lists(st.lists(CELL, max_size=6), max_size=8))
def test_xlsx_loader_never_raises(workdir, rows):
    # openpyxl refuses to write control characters, so those cannot reach a real .xlsx
    cleaned = [[c for c in r if not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in c)] for r in rows]
    data = simple_scheme(grades=GRADES, places=2)
    root = make_project(workdir("xlsx"), data, {"Q1.xlsx": xlsx_bytes(cleaned)})
    _, periods, _ = run(root)
    for period in periods:
        for p in period.people:
            assert p.total is None or Decimal(0) <= p.total <= 100


@st.composite
def rule_and_cells(draw):
    from generator.scheme.columns import plan_columns
    from generator.scheme.load import scheme_from_data as from_data
    from generator.scheme.yaml_source import Marks
    from tests.unit.test_rules import ADJ_CASES, CASES

    it = draw(st.sampled_from([c[1] for c in CASES]))
    adjustment = draw(st.sampled_from([None] + [c[1] for c in ADJ_CASES]))
    data = simple_scheme(
        items=[it], grades=GRADES, places=2, adjustments=[adjustment] if adjustment else [], quotas=[{"grade": "好", "at_most": "50%"}]
    )
    problems = Problems()
    model = from_data(data, Marks("s.yaml"), problems)
    assert model is not None, problems.sorted()
    columns = [spec.name for spec in plan_columns(model, model.assessments[0]).all()][3:]
    n = draw(st.integers(min_value=1, max_value=4))
    rows = [[str(i), f"人{i}", "办公室", *[draw(CELL) for _ in columns]] for i in range(n)]
    return data, columns, rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_and_cells())
def test_every_rule_kind_with_arbitrary_cells_never_raises(workdir, case):
    data, columns, rows = case
    (period,), problems = compute(workdir("rules"), data, ["编号", "姓名", "部门", *columns], rows)
    for p in period.people:
        if p.total is None:
            assert p.status in ("incomplete", "undecidable")
