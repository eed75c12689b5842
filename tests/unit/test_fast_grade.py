"""The compiled grading (engine/fast.py) against the reference (engine/grade.py), person by person.

Every demo person of every scheme, every person of the bench fixture's schemes, and hostile cases
built to make the compiled function decline: empty values, by_post items (unknown post, a 原文缺陷),
overrides whose formulas fail, a total over its maximum, roll-ups with history functions over zero
graded periods. tests/unit/three_ways.py says what is compared.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.engine.prepared import prepared
from generator.engine.results import PersonResult
from generator.project.discover import discover
from tests.unit.helpers import GRADES_4, assessment, by_id, csv_text, item, make_project, people_csv, run, scheme, simple_scheme
from tests.unit.three_ways import compare

REPO = Path(__file__).resolve().parents[2]


def _periods(root: Path):
    problems = Problems()
    return compute_project(discover(root, problems), problems)


def test_every_demo_person_of_every_scheme_graded_three_ways():
    periods = _periods(REPO)
    seen = compare(periods)
    schemes = {p.scheme.code for p in periods}
    assert len(schemes) >= 13
    # the compiled function grades nearly everyone; the rest are the demo's deliberate slips and defects
    assert seen["compiled"] > 0.95 * (seen["compiled"] + seen["declined"]), seen
    assert seen["looped"] > 0.8 * (seen["compiled"] + seen["declined"]), seen  # most results as grade_all left them
    for period in periods:  # and every assessment of the demo compiles
        assert prepared(period.scheme, period.assessment).fast.failed == {}, period.key


@pytest.fixture(scope="module")
def bench_county(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("kaohe_bench_make_fixture", REPO / "bench" / "make_fixture.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("county")
    module.make("county", out)
    return out


def test_every_person_of_the_bench_fixture_graded_three_ways(bench_county):
    periods = _periods(bench_county)
    seen = compare(periods)
    assert seen["compiled"] > 7000 and seen["compiled"] > 0.98 * (seen["compiled"] + seen["declined"]), seen
    assert seen["looped"] > 0.9 * (seen["compiled"] + seen["declined"]), seen
    computed = [p for period in periods for p in period.people]
    assert sum(1 for p in computed if p.item_layout is not None) == seen["compiled"]  # compute_project took the compiled path


# --- hostile cases -----------------------------------------------------------------------------

OVERRIDES = [
    {"kind": "no_grade", "when": "试用期", "reason": "试用期不定等次"},
    {"kind": "force", "grade": "较差", "when": "扣分 / 天数 > 1", "reason": "除以天数，天数可为 0"},
    {"kind": "gate", "grade": "好", "requires": "df >= 95 或 jf * 1000000000000000 > 1", "reason": "超过 10 的 15 次方"},
]
COLUMNS = ["得分", "加分", "扣分", "天数", "备注", "试用期"]
INPUTS = [{"name": "扣分", "type": "number"}, {"name": "天数", "type": "number"}, {"name": "备注", "type": "text"},
          {"name": "试用期", "type": "yesno"}]


def _hostile_scheme() -> dict:
    items = [item("df", "得分", 100), item("jf", "加分", 10, score={"kind": "bonus", "additions": [{"kind": "per_event", "column": "加分", "points": "0.5"}]})]
    data = simple_scheme(items=items, overrides=OVERRIDES, inputs=INPUTS, total_max=100, places=1)
    # 100 + 10 points under a total of 100 (so that a total can pass it): a defect the scheme declares,
    # or the check refuses the scheme and nothing is graded
    data["acknowledged_defects"] = [{"code": "items-do-not-sum", "at": "ps", "reason": "得分 100 分加 加分 10 分，总分 100 分"}]
    return data


HOSTILE_ROWS = [
    ["1", "甲", "办公室", "96", "0", "0", "5", "", ""],  # plain: compiled
    ["8", "辛", "办公室", "96", "2", "0", "5", "", ""],  # 好: the gate's requires evaluates 1 × 10^15: too large
    ["2", "乙", "办公室", "", "1", "0", "5", "", ""],  # empty score: incomplete
    ["3", "丙", "办公室", "80", "1", "4", "0", "", ""],  # 4 / 0 in a condition
    ["4", "丁", "办公室", "80", "1", "0", "5", "有", ""],  # a text (a condition 备注 > 3 is refused by the scheme check: test_formula_types.py)
    ["5", "戊", "办公室", "99.95", "30", "0", "5", "", ""],  # total over 100
    ["6", "己", "办公室", "70", "0", "0", "5", "", "是"],  # no_grade
    ["7", "庚", "办公室", "89.96", "0", "0", "5", "", ""],  # 四舍五入 to 90.0 at one place, then the gate
]


def test_hostile_overrides_and_values(tmp_path):
    make_project(tmp_path, _hostile_scheme(), {"Q1.csv": people_csv(HOSTILE_ROWS, COLUMNS)})
    _, periods, problems = run(tmp_path)
    seen = compare(periods)
    people = by_id(periods[0])
    assert {pid for pid, p in people.items() if p.item_layout is not None} == {"1", "4", "6", "7"}, seen
    assert (people["7"].total, people["7"].band_grade, people["7"].grade) == (Decimal("90.0"), "好", "较好")  # the gate: 得分 < 95
    assert people["2"].status == "incomplete"
    assert {p.code for p in problems.sorted()} >= {"total-over-max"}
    # made in the loop without PersonResult's __init__: every slot set, those it leaves at their defaults as __init__ would
    for pid in ("1", "4", "6", "7"):
        made, expected = people[pid], PersonResult(people[pid].person)
        assert made.explainer is not None and made.seen_as is None  # neither compared by ==
        assert (made.trace_steps, made.late_steps, made.decided, made.scores) == (expected.trace_steps, expected.late_steps, expected.decided, expected.scores)
        assert made == dataclasses.replace(expected, **{f: getattr(made, f) for f in ("item_layout", "item_values", "raw_total", "total", "band_grade", "grade",
                                                                                      "status", "status_label", "reason", "protected", "outside_base")})


def _posts_scheme() -> dict:
    posts = [
        {"name": "科员", "items": [item("yw", "业务", 60), item("zl", "质量", 40, score={"kind": "deduct", "deductions": [{"kind": "per_event", "column": "差错", "points": 2}]})]},
        {"name": "主任", "items": [item("gl", "管理", 100, score={"kind": "weighted", "components": [{"name": "上级评分", "weight": "60%"}, {"name": "同级评分", "weight": "40%"}], "missing": "reweight"})]},
        {"name": "司机", "items": [item("aq", "安全", 100), item("jl", "纪律", 20)]},
    ]
    items = [item("gw", "岗位职责", 100, by_post=True)]
    data = simple_scheme(items=items)
    data.update(posts=posts, people={"id": "编号", "name": "姓名", "department": "部门", "post": "岗位"},
                acknowledged_defects=[{"code": "items-do-not-sum", "at": "posts/司机", "reason": "原文分值合计不是 100 分"}])
    return data


def test_hostile_posts_defects_and_missing_components(tmp_path):
    header = ["编号", "姓名", "部门", "岗位", "业务", "差错", "上级评分", "同级评分", "安全", "纪律"]
    rows = [
        ["1", "甲", "办公室", "科员", "55", "1", "", "", "", ""],
        ["2", "乙", "办公室", "主任", "", "", "90", "80", "", ""],
        ["3", "丙", "办公室", "主任", "", "", "90", "", "", ""],  # a component missing: reweighted by the reference
        ["4", "丁", "办公室", "司机", "", "", "", "", "95", "20"],  # a defect: undecidable
        ["5", "戊", "办公室", "科员", "", "0", "", "", "", ""],  # empty score
        ["6", "己", "办公室", "主任", "", "", "", "", "", ""],  # nothing to weight
    ]
    make_project(tmp_path, _posts_scheme(), {"Q1.csv": csv_text(header, rows)})
    _, periods, problems = run(tmp_path)
    seen = compare(periods)
    people = by_id(periods[0])
    assert people["4"].status == "undecidable" and people["4"].item_layout is None
    assert {pid for pid, p in people.items() if p.item_layout is not None} == {"1", "2"}, seen
    assert people["2"].item("gl").value == Decimal("86.0")  # 90 × 60% + 80 × 40%, compiled
    assert people["3"].item("gl").value == Decimal("90")  # reweighted over what is there: the reference


def test_hostile_rollups_with_history_functions(tmp_path):
    half = assessment([item("df", "得分", 100)], code="bn", name="半年考核", period="半年",
                      grades={"order": ["优秀", "称职", "基本称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "at_least": 60, "below": 90}, {"grade": "基本称职", "below": 60}]},
                      overrides=[{"kind": "no_grade", "when": "试用期", "reason": "试用期"}], inputs=[{"name": "试用期", "type": "yesno"}])
    year = assessment(
        [item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"}),
         item("bl", "比例", 1, places=4, score={"kind": "formula", "expr": '次数("优秀") / max(期数(), 1)'})],
        code="nd", name="年度考核", period="年度", rolls_up="bn", results_optional=True, combine="weighted",
        grades={"order": ["优秀", "称职", "基本称职"], "bands": [{"grade": "优秀", "at_least": 80}, {"grade": "称职", "at_least": 50, "below": 80}, {"grade": "基本称职", "below": 50}]},
        overrides=[
            {"kind": "gate", "grade": "优秀", "requires": '次数("优秀") >= 1', "reason": "须有一期优秀"},
            {"kind": "cap", "grade": "称职", "when": '全部("基本称职")', "reason": "各期均为基本称职"},
        ],
        consequences=[{"when": '连续("基本称职") >= 2', "then": "诫勉", "reason": "连续两期"}],
    )
    year["items"][0]["weight"] = "99%"
    year["items"][1]["weight"] = "1%"
    sheets = {
        "H1.csv": people_csv([["1", "甲", "办公室", "95", ""], ["2", "乙", "办公室", "50", ""], ["3", "丙", "办公室", "85", "是"]], ["得分", "试用期"]),
        "H2.csv": people_csv([["1", "甲", "办公室", "93", ""], ["2", "乙", "办公室", "40", ""], ["3", "丙", "办公室", "88", "是"]], ["得分", "试用期"]),
    }
    make_project(tmp_path, scheme(half, year), sheets)
    _, periods, problems = run(tmp_path)
    seen = compare(periods)
    annual = by_id(next(p for p in periods if p.label == "Y"))
    assert annual["1"].grade == "优秀" and annual["1"].item_layout is not None
    assert annual["3"].item_layout is None  # no graded period: the gate's count is over nothing
    assert seen["compiled"] >= 6, seen


SHARED_OVERRIDES = [
    {"kind": "no_grade", "when": "试用期", "reason": "试用期"},
    {"kind": "force", "grade": "较好", "when": "工伤 且 扣分 / 天数 > 0.5", "reason": "工伤"},
    {"kind": "no_grade", "when": "扣分 / 天数 > 0.5 且 非 工伤", "reason": "超过一半"},
    {"kind": "cap", "grade": "一般", "when": "0 < 扣分 < 天数 * 3", "reason": "天数 * 3 only once 0 < 扣分 held"},
    {"kind": "cap", "grade": "较好", "when": "天数 * 3 > 200", "reason": "天数 * 3 again, evaluated here in full"},
    {"kind": "gate", "grade": "好", "requires": "扣分 / 天数 <= 0.5 或 天数 * 3 > 100", "reason": "for some only"},
]


def test_conditions_sharing_a_value_compute_it_once_and_grade_as_the_reference(tmp_path):
    """A value two override conditions compute alike (扣分 / 天数 > 0.5, 工伤) is computed once, where
    the first is evaluated, and read by the later ones — never where it is evaluated only on some paths
    (the later links of a chain: 天数 * 3 in 0 < 扣分 < 天数 * 3), and never from another person's row
    (the loop's locals live on from row to row). A shared value that raises (÷ 0, an empty cell)
    declines the person there, as the reference reports it."""
    data = simple_scheme(overrides=SHARED_OVERRIDES, inputs=[{"name": n, "type": "number"} for n in ("扣分", "天数")]
                         + [{"name": n, "type": "yesno"} for n in ("试用期", "工伤")])
    rows = [
        ["1", "甲", "办公室", "95", "40", "60", "", "是"],  # forced to 较好 (工伤), then capped by 0 < 40 < 180
        ["2", "乙", "办公室", "95", "40", "60", "", ""],  # the shared 40 / 60 > 0.5 without 工伤: no grade
        ["3", "丙", "办公室", "95", "", "70", "", ""],  # 扣分 empty: the shared division raises
        ["4", "丁", "办公室", "95", "5", "10", "", ""],  # 0 < 5 < 30: 一般; 30 > 200 computed again in full
        ["5", "戊", "办公室", "95", "5", "0", "", ""],  # 5 / 0
        ["6", "己", "办公室", "95", "0", "70", "", ""],  # 0 < 0 fails before 天数 * 3: the cap after computes its 210
        ["7", "庚", "办公室", "95", "1", "40", "", ""],
        ["8", "辛", "办公室", "95", "0", "40", "", ""],  # 好, its gate reading the shared 0 / 40
    ]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["得分", "扣分", "天数", "试用期", "工伤"])})
    _, periods, problems = run(tmp_path)
    assert periods, problems.sorted()
    seen = compare(periods)
    people = by_id(periods[0])
    assert {pid for pid, p in people.items() if p.item_layout is None} == {"3", "5"}, seen
    assert [people[i].shown_grade for i in "124678"] == ["一般", "不确定等次", "一般", "较好", "一般", "好"]
    source = prepared(periods[0].scheme, periods[0].assessment).fast.sources[None]
    assert source.count(" / ") == 1 and source.count(" * ") == 2, source  # once, and 天数 * 3 in the chain's link and once more


def test_a_formula_item_reads_earlier_items_and_returns_a_truth_value(tmp_path):
    items = [item("a", "甲项", 50), item("b", "乙项", 50),
             item("c", "合格", 1, score={"kind": "formula", "expr": "a + b >= 60", "uses": []})]
    data = scheme(assessment(items, grades=GRADES_4, adjustments=[
        {"kind": "awards", "name": "获奖", "column": "获奖", "points": {"县级": 2, "省级": 3}, "factor": {"by": "身份", "values": {"领导": "0.5"}}},
        {"kind": "bonus", "name": "加分", "cap": 5, "events": True},
    ], inputs=[{"name": "身份", "type": "text"}]))
    rows = [["1", "甲", "办公室", "40", "30", "县级、省级", "领导", "疫情防控:3；表彰:2；表彰:1"], ["2", "乙", "办公室", "20", "30", "", "", ""]]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["甲项", "乙项", "获奖", "身份", "加分"])})
    _, periods, problems = run(tmp_path)
    assert compare(periods)["compiled"] == 2
    people = by_id(periods[0])
    assert people["1"].item("c").value == Decimal(1) and people["2"].item("c").value == Decimal(0)
    assert people["1"].total == Decimal("78.50")  # 70 + 1 + (2 + 3) × 0.5 + (3 + 2: 表彰 counted once, at its largest)



def test_counts_awards_by_matter_and_sums_over_months_compiled_and_by_the_reference(tmp_path):
    """Count columns with a factor and a cap, awards by matter, and a year's formula item and conditions over
    a column of the months summed (合计) and maxed (最大), with a person absent from a month and blank cells."""
    month = assessment([item("df", "得分", 100)], code="yue", name="月度考核", period="月", grades=GRADES_4, adjustments=[
        {"kind": "penalty", "name": "考勤", "counts": {"迟到次数": "0.5", "旷工次数": 2}, "cap": 3, "factor": {"by": "身份", "values": {"领导": 2}}},
        {"kind": "awards", "name": "表彰", "events": True, "points": {"县级": 1, "市级": 2}, "cap": 5},
    ])
    year = assessment([item("pj", "月均", 100, score={"kind": "period_score", "missing": "skip"}),
                       item("jt", "假期", 400, score={"kind": "formula", "expr": '合计("病假天数") + 最大("病假天数")', "uses": []})],
                      code="nd", name="年度考核", period="年度", rolls_up="yue", results_optional=True, grades=GRADES_4,
                      overrides=[{"kind": "no_grade", "when": '合计("病假天数") > 10', "reason": "病假超过10天"},
                                                          {"kind": "cap", "grade": "较好", "when": '最大("受处分") == 1', "reason": "受处分"}])
    data = scheme(month, year, inputs=[{"name": "病假天数", "type": "number", "places": 0}, {"name": "受处分", "type": "yesno"}])
    columns = ["得分", "迟到次数", "旷工次数", "身份", "表彰", "病假天数", "受处分"]
    sheets = {
        "M01.csv": people_csv([["1", "甲", "办公室", "96", "3", "", "领导", "抗洪:县级、市级；招商:县级", "4", ""],
                               ["2", "乙", "办公室", "95", "", "1", "", "县级、县级", "", "是"],
                               ["3", "丙", "办公室", "92", "", "", "", "", "11", ""]], columns),
        "M02.csv": people_csv([["1", "甲", "办公室", "94", "", "", "领导", "", "7", ""],
                               ["2", "乙", "办公室", "97", "2", "", "", "", "", ""]], columns),  # 丙 not in February
    }
    make_project(tmp_path, data, sheets)
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.severity.name == "ERROR"] == []
    seen = compare(periods)
    assert seen["compiled"] == 8 and seen["declined"] == 0, seen
    jan, year_ = by_id(next(p for p in periods if p.label == "M01")), by_id(next(p for p in periods if p.label == "Y"))
    assert jan["1"].total == Decimal("96.00")  # 96 − min(1.5 × 2, 3) + (2 + 1)
    assert jan["2"].total == Decimal("95.00")  # 95 − 2 + 2 (县级 twice, no matter named: two)
    assert year_["1"].status == "no_grade" and year_["1"].item("jt").value == Decimal(18)  # 4 + 7, and 7
    assert year_["2"].grade == "较好" and year_["3"].status == "no_grade"  # 11 days in January alone


def _raises(function, *args) -> bool:
    """Whether `function(*args)` raises (any exception: the compiled code need not say why)."""
    try:
        function(*args)
    except Exception:
        return True
    return False


def _consequences_agree(periods) -> int:
    """Every consequence condition, compiled (expr_code.as_function, and history_code.condition over
    the person's grades of the earlier periods, as consequences.py calls it) and walked
    (expr.evaluate), on every person: where a compiled one answers, the answer is the evaluator's,
    to its type; where the evaluator refuses, the compiled ones raise too (consequences.py then takes
    the evaluator's words)."""
    from generator.engine.consequences import _values
    from generator.engine.explainer import functions_for
    from generator.engine.history_code import condition
    from generator.scheme.expr import FormulaError, compiled
    from generator.scheme.expr_code import as_function

    compared = 0
    for period in periods:
        for consequence in period.assessment.consequences:
            fast, slow = as_function(consequence.when), compiled(consequence.when)
            glance, _, _ = condition(consequence.when)
            for person in period.people:
                values, functions = _values(person), functions_for(person.explainer, person)
                grades = person.explainer.grades_of(person) if person.explainer is not None else None
                try:
                    expected = slow.evaluate(values, functions)
                except FormulaError:
                    assert _raises(fast, values, functions), (period.key, person.id, consequence.when)
                    assert _raises(glance, values, functions, grades), (period.key, person.id, consequence.when)
                    continue
                for compiled_one, args in ((fast, (values, functions)), (glance, (values, functions, grades))):
                    try:
                        got = compiled_one(*args)
                    except Exception:
                        continue
                    assert (type(got), got) == (type(expected), expected), (period.key, person.id, consequence.when)
                    compared += 1
    return compared


def test_consequence_conditions_compiled_agree_with_the_evaluator(bench_county):
    assert _consequences_agree(_periods(REPO)) > 100
    assert _consequences_agree(_periods(bench_county)) > 1000


def test_formulas_compiled_agree_with_the_evaluator_on_awkward_values():
    """Empty values, text, division by zero, the 10^15 limit, chained comparisons, 且/或 evaluating
    every operand, a roll-up function outside a roll-up."""
    from generator.scheme.expr import FormulaError, parse_formula
    from generator.scheme.expr_code import as_function

    formulas = ["a + b > 3", "a / b", "a * 1000000000000000", "1 < a <= b < 10", "a > 1 或 b / 0 > 1", "非 c 且 a >= 0",
                '次数("优秀") > 1', "min(a, b) + max(a, 2) - 取整(a / 3) + 向上取整(b / 3)", "c == \"是\"", "-a + +b", "a + c"]
    cases = [{"a": Decimal("2"), "b": Decimal("5"), "c": "是"}, {"a": None, "b": Decimal("0"), "c": ""}, {"a": Decimal("7.5"), "b": Decimal("7.50"), "c": "否"},
             {"a": Decimal("-0"), "b": Decimal("1E+2"), "c": None}, {"a": Decimal("999999999999999"), "b": Decimal("1"), "c": "x"}, {"b": Decimal("1")}]
    agreed = refused = 0
    for text in formulas:
        parse_formula(text, {"a", "b", "c"})
        fast, slow = as_function(text), parse_formula(text, None)
        for values in cases:
            try:
                expected = slow.evaluate(values, {})
            except FormulaError:
                assert _raises(fast, values, {}), (text, values)
                refused += 1
                continue
            got = fast(values, {})
            assert (type(got), str(got)) == (type(expected), str(expected)), (text, values)
            agreed += 1
    assert agreed > 20 and refused > 15


def test_a_build_s_model_is_freed_when_dropped():
    """The compiled loop declined by raising one shared exception, whose last traceback kept the
    frames of the last compute_project and with them its whole model: the engine bench's repeated
    runs grew by 243 MB each and slowed by half, and a preview held a stale model."""
    import gc
    import weakref

    periods = _periods(REPO)
    assert any(p.item_layout is None for period in periods for p in period.people)  # someone was declined
    first = weakref.ref(periods[0])
    del periods
    gc.collect()
    assert first() is None
