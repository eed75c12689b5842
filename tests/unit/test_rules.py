"""Every item rule kind and every adjustment kind, end to end through a CSV sheet, exact Decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.unit.helpers import assessment, by_id, grade_one, item, make_project, people_csv, run, scheme

PER_EVENT = [
    {"kind": "per_event", "column": "无故缺席次数", "points": 2},
    {"kind": "per_event", "column": "迟到早退次数", "points": 1},
]

# (id, item, row values, expected item value)
CASES = [
    ("entered", item("df", "得分", 100), {"得分": "85.5"}, "85.5"),
    ("entered-column", item("df", "得分", 100, score={"kind": "entered", "column": "自评"}), {"自评": "７０"}, "70"),
    ("entered-negative", item("df", "得分", 10, score={"kind": "entered", "allow_negative": True}), {"得分": "-3"}, "-3"),
    (
        "per_event",
        item("jt", "集体学习", 6, score={"kind": "deduct", "deductions": PER_EVENT}),
        {"无故缺席次数": "2", "迟到早退次数": "1"},
        "1",
    ),
    (
        "per_event-none",
        item("jt", "集体学习", 6, score={"kind": "deduct", "deductions": PER_EVENT}),
        {"无故缺席次数": "0", "迟到早退次数": "0"},
        "6",
    ),
    (
        "per_unit-required-floor",
        item(
            "bj",
            "读书笔记",
            5,
            score={"kind": "deduct", "deductions": [{"kind": "per_unit", "column": "字数", "required": 5000, "unit": 1000, "points": 1}]},
        ),
        {"字数": "3500"},
        "4",  # short by 1500: one whole 1000
    ),
    (
        "per_unit-required-ceil",
        item(
            "bj",
            "读书笔记",
            5,
            score={
                "kind": "deduct",
                "deductions": [{"kind": "per_unit", "column": "字数", "required": 5000, "unit": 1000, "points": 1, "rounding": "ceil"}],
            },
        ),
        {"字数": "3500"},
        "3",
    ),
    (
        "per_unit-over-required",
        item(
            "bj",
            "读书笔记",
            5,
            score={"kind": "deduct", "deductions": [{"kind": "per_unit", "column": "字数", "required": 5000, "unit": 1000, "points": 1}]},
        ),
        {"字数": "8000"},
        "5",
    ),
    (
        "per_unit-plain",
        item(
            "xx", "信息", 5, score={"kind": "bonus", "additions": [{"kind": "per_unit", "column": "字数", "unit": 1000, "points": "0.5"}]}
        ),
        {"字数": "2999"},
        "1.0",
    ),
    (
        "range",
        item("wg", "违规", 10, score={"kind": "deduct", "deductions": [{"kind": "range", "column": "违规扣分", "min": 3, "max": 5}]}),
        {"违规扣分": "3、4.5"},
        "2.5",
    ),
    (
        "range-empty",
        item("wg", "违规", 10, score={"kind": "deduct", "deductions": [{"kind": "range", "column": "违规扣分", "min": 3, "max": 5}]}),
        {"违规扣分": ""},
        "10",
    ),
    (
        "tiered-deduct",
        item(
            "cc",
            "差错",
            10,
            score={
                "kind": "deduct",
                "deductions": [
                    {"kind": "tiered", "column": "差错数", "tiers": [{"at_least": 1, "points": 1}, {"at_least": 3, "points": 3}]}
                ],
            },
        ),
        {"差错数": "4"},
        "7",
    ),
    (
        "deduct-floor-at-zero",
        item("jt", "集体学习", 5, score={"kind": "deduct", "deductions": [PER_EVENT[0]]}),
        {"无故缺席次数": "4"},
        "0",
    ),
    (
        "deduct-allow-negative",  # 倒扣分
        item("jt", "集体学习", 5, score={"kind": "deduct", "allow_negative": True, "deductions": [PER_EVENT[0]]}),
        {"无故缺席次数": "4"},
        "-3",
    ),
    (
        "deduct-start-add_cap",
        item(
            "gz",
            "工作",
            10,
            score={"kind": "deduct", "start": 8, "additions": [{"kind": "per_event", "column": "表扬次数", "points": 1}], "add_cap": "1.5"},
        ),
        {"表扬次数": "3"},
        "9.5",
    ),
    (
        "deduct-not-above-max",
        item("gz", "工作", 10, score={"kind": "deduct", "additions": [{"kind": "per_event", "column": "表扬次数", "points": 1}]}),
        {"表扬次数": "2"},
        "10",
    ),
    (
        "deduct-above_max",
        item(
            "gz",
            "工作",
            10,
            score={"kind": "deduct", "above_max": True, "additions": [{"kind": "per_event", "column": "表扬次数", "points": 1}]},
        ),
        {"表扬次数": "2"},
        "12",
    ),
    (
        "bonus-tiered",
        item(
            "xx",
            "信息调研",
            1,
            score={
                "kind": "bonus",
                "additions": [
                    {
                        "kind": "tiered",
                        "column": "超额篇数",
                        "tiers": [{"at_least": 10, "points": "0.1"}, {"at_least": 20, "points": "0.2"}, {"at_least": 30, "points": 1}],
                    }
                ],
            },
        ),
        {"超额篇数": "25"},
        "0.2",
    ),
    (
        "bonus-tiered-none",
        item(
            "xx",
            "信息调研",
            1,
            score={"kind": "bonus", "additions": [{"kind": "tiered", "column": "超额篇数", "tiers": [{"at_least": 10, "points": "0.1"}]}]},
        ),
        {"超额篇数": "9"},
        "0",
    ),
    (
        "bonus-capped-by-max",
        item("by", "表扬", 2, score={"kind": "bonus", "additions": [{"kind": "per_event", "column": "表扬次数", "points": "0.5"}]}),
        {"表扬次数": "5"},
        "2",
    ),
    (
        "bonus-cap",
        item(
            "by",
            "表扬",
            2,
            score={"kind": "bonus", "cap": "1.5", "additions": [{"kind": "per_event", "column": "表扬次数", "points": "0.5"}]},
        ),
        {"表扬次数": "5"},
        "1.5",
    ),
    (
        "bonus-under-cap",
        item(
            "by",
            "表扬",
            2,
            score={"kind": "bonus", "cap": "1.5", "additions": [{"kind": "per_event", "column": "表扬次数", "points": "0.5"}]},
        ),
        {"表扬次数": "1"},
        "0.5",
    ),
    (
        "level-band-table",
        item(
            "mb",
            "目标任务",
            30,
            score={
                "kind": "level",
                "levels": [
                    {"name": "优秀", "at_least": 27, "at_most": 30},
                    {"name": "称职", "at_least": 23, "at_most": 26},
                    {"name": "不称职", "at_least": 0, "at_most": 22},
                ],
            },
        ),
        {"目标任务": "28.5"},
        "28.5",
    ),
    (
        "level-fixed-points",
        item(
            "pd",
            "评定",
            90,
            score={
                "kind": "level",
                "levels": [
                    {"name": "A", "points": 90},
                    {"name": "B", "points": 80},
                    {"name": "C", "points": 70},
                ],
            },
        ),
        {"评定": "B"},
        "80",
    ),
    (
        "coefficient-max",
        item("wc", "工作完成", 30, score={"kind": "coefficient", "map": {"优秀": 1, "良好": "0.8", "一般": "0.6", "较差": "0.4"}}),
        {"工作完成等次": "良好"},
        "24.0",
    ),
    (
        "coefficient-base-column",
        item(
            "wc",
            "工作完成",
            30,
            score={"kind": "coefficient", "rating_column": "评定", "base": "基础分", "map": {"优秀": 1, "良好": "0.8"}},
        ),
        {"评定": "良好", "基础分": "25"},
        "20.0",
    ),
    (
        "formula",
        item("yx", "优秀率", 1, places=4, score={"kind": "formula", "expr": "优秀票 / 测评人数", "uses": ["优秀票", "测评人数"]}),
        {"优秀票": "2", "测评人数": "3"},
        "0.6667",
    ),
    (
        "formula-functions",
        item("yx", "折算", 10, score={"kind": "formula", "expr": "min(取整(次数 × 1.5), 10)", "uses": ["次数"]}),
        {"次数": "9"},
        "10",
    ),
]


@pytest.mark.parametrize("it, values, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_item_rule(tmp_path, it, values, expected):
    person, problems = grade_one(tmp_path, [it], values)
    assert problems.sorted() == []
    score = person.item(it["code"])
    assert score.value == Decimal(expected)
    assert str(score.value) == expected  # exact, no float noise in the digits either
    assert person.total == Decimal(expected).quantize(Decimal("0.01"))


def test_formula_uses_earlier_item_codes(tmp_path):
    items = [
        item("a", "甲", 50),
        item("b", "乙", 50),
        item("c", "合成", 100, score={"kind": "formula", "expr": "a * 0.6 + b × 0.4"}),
    ]
    person, problems = grade_one(tmp_path, items, {"甲": "40", "乙": "45"}, combine="sum")
    assert problems.sorted() == []
    assert person.item("c").value == Decimal("42.0")


def test_nested_items_sum_and_weighted_parent(tmp_path):
    items = [
        item("de", "德", 20, children=[item("de1", "思想", 10), item("de2", "道德", 10)]),
        item(
            "neng", "能", 100, combine="weighted", children=[item("n1", "自评", 100, weight="30%"), item("n2", "他评", 100, weight="70%")]
        ),
    ]
    person, problems = grade_one(tmp_path, items, {"思想": "9.5", "道德": "8", "自评": "90", "他评": "80"})
    assert problems.sorted() == []
    assert person.item("de").value == Decimal("17.5")
    assert person.item("neng").value == Decimal("83.0")
    assert person.total == Decimal("100.50")


@pytest.mark.parametrize(
    "values, expected, codes",
    [
        ({"目标任务": "24", "目标档次": "称职"}, "24", []),
        ({"目标任务": "24", "目标档次": "优秀"}, "24", ["score-over-max"]),  # the stated level does not match the score
    ],
)
def test_level_with_level_column(tmp_path, values, expected, codes):
    it = item(
        "mb",
        "目标任务",
        30,
        score={
            "kind": "level",
            "level_column": "目标档次",
            "levels": [
                {"name": "优秀", "at_least": 27, "at_most": 30},
                {"name": "称职", "at_least": 0, "at_most": 26},
            ],
        },
    )
    person, problems = grade_one(tmp_path, [it], values)
    assert person.item("mb").value == Decimal(expected)
    assert [p.code for p in problems.sorted()] == codes


def test_level_score_in_no_band_is_reported(tmp_path):
    it = item(
        "mb",
        "目标任务",
        30,
        score={
            "kind": "level",
            "levels": [
                {"name": "优秀", "at_least": 27, "at_most": 30},
                {"name": "称职", "at_least": 0, "at_most": 26},
            ],
        },
    )
    _, problems = grade_one(tmp_path, [it], {"目标任务": "26.5"})
    (problem,) = problems.sorted()
    assert problem.code == "score-over-max"
    assert "D列" in problem.where


WEIGHTED_SETS = {
    "kind": "weighted",
    "by": "职务类别",
    "sets": {
        "科级领导": [{"name": "上级评分", "weight": "40%"}, {"name": "同级评分", "weight": "30%"}, {"name": "下级评分", "weight": "30%"}],
        "其他人员": [{"name": "上级评分", "weight": "60%"}, {"name": "同级评分", "weight": "40%"}],
    },
}


@pytest.mark.parametrize(
    "group, scores, expected",
    [
        ("科级领导", ["90", "80", "70"], "81.0"),
        ("其他人员", ["90", "80", ""], "86.0"),  # 下级 is not part of this set
    ],
)
def test_weighted_sets_by(tmp_path, group, scores, expected):
    it = item("lh", "量化", 100, score=WEIGHTED_SETS)
    person, problems = grade_one(tmp_path, [it], {"职务类别": group, "上级评分": scores[0], "同级评分": scores[1], "下级评分": scores[2]})
    assert problems.sorted() == []
    assert person.item("lh").value == Decimal(expected)


def test_weighted_missing_component_is_an_error_by_default(tmp_path):
    it = item("lh", "量化", 100, score=WEIGHTED_SETS)
    person, problems = grade_one(tmp_path, [it], {"职务类别": "科级领导", "上级评分": "90", "同级评分": "80", "下级评分": ""})
    assert [(p.code, p.line, p.where.endswith("G列「下级评分」")) for p in problems.sorted()] == [("missing-component", 2, True)]
    assert person.item("lh").value is None
    assert person.status == "incomplete"
    assert person.total is None


def test_weighted_missing_component_reweighted(tmp_path):
    score = {**WEIGHTED_SETS, "missing": "reweight", "places": 2}
    it = item("lh", "量化", 100, score=score)
    person, problems = grade_one(tmp_path, [it], {"职务类别": "科级领导", "上级评分": "90", "同级评分": "83", "下级评分": ""})
    assert problems.sorted() == []
    # (90×40 + 83×30) / 70 = 87
    assert person.item("lh").value == Decimal("87.00")


def test_weighted_places_rounds_the_item(tmp_path):
    """Weighted.places used to be accepted and silently ignored."""
    score = {"kind": "weighted", "places": 1, "components": [{"name": "甲", "weight": "50%"}, {"name": "乙", "weight": "50%"}]}
    person, problems = grade_one(tmp_path, [item("w", "合成", 100, score=score)], {"甲": "90.1", "乙": "90"})
    assert problems.sorted() == []
    assert person.item("w").value == Decimal("90.1")  # 90.05 → 90.1 (四舍五入)


def test_weighted_all_missing_with_reweight_is_reported(tmp_path):
    score = {"kind": "weighted", "missing": "reweight", "components": [{"name": "甲", "weight": "50%"}, {"name": "乙", "weight": "50%"}]}
    person, problems = grade_one(tmp_path, [item("w", "合成", 100, score=score)], {"甲": "", "乙": ""})
    assert [p.code for p in problems.sorted()] == ["missing-component", "missing-component"]
    assert person.total is None


def test_weighted_unknown_group(tmp_path):
    it = item("lh", "量化", 100, score=WEIGHTED_SETS)
    person, problems = grade_one(tmp_path, [it], {"职务类别": "", "上级评分": "90", "同级评分": "80", "下级评分": "70"})
    # reported by the loader (empty cell) and by the rule (no weight set): both point at the cell
    assert {(p.code, p.line, p.where.endswith("D列「职务类别」")) for p in problems.sorted()} == {("missing-value", 2, True)}
    assert person.total is None


# --- adjustments


ADJ_CASES = [
    ("bonus", {"kind": "bonus", "name": "加分", "cap": 5}, {"加分": "3"}, "83"),
    ("bonus-capped", {"kind": "bonus", "name": "加分", "cap": 5}, {"加分": "7"}, "85"),
    ("bonus-blank", {"kind": "bonus", "name": "加分", "cap": 5}, {"加分": ""}, "80"),
    ("penalty", {"kind": "penalty", "name": "减分", "cap": 5}, {"减分": "2.5"}, "77.5"),
    ("penalty-capped", {"kind": "penalty", "name": "减分", "cap": 5}, {"减分": "9"}, "75"),
    ("awards", {"kind": "awards", "name": "获奖", "points": {"县级": 2, "省级": 3}}, {"获奖": "县级、省级"}, "85"),
    ("awards-cap", {"kind": "awards", "name": "获奖", "cap": 4, "points": {"县级": 2, "省级": 3}}, {"获奖": "县级，省级"}, "84"),
    (
        "awards-factor",
        {"kind": "awards", "name": "获奖", "points": {"县级": 2, "省级": 3}, "factor": {"by": "身份", "values": {"领导班子成员": "0.5"}}},
        {"获奖": "省级", "身份": "领导班子成员"},
        "81.5",
    ),
    (
        "awards-factor-default",
        {"kind": "awards", "name": "获奖", "points": {"县级": 2, "省级": 3}, "factor": {"by": "身份", "values": {"领导班子成员": "0.5"}}},
        {"获奖": "省级", "身份": ""},
        "83",
    ),
    (
        "factor-before-cap",
        {"kind": "bonus", "name": "加分", "cap": 2, "factor": {"by": "身份", "values": {"领导班子成员": "0.5"}}},
        {"加分": "3", "身份": "领导班子成员"},
        "81.5",
    ),
]


@pytest.mark.parametrize("adjustment, values, expected", [c[1:] for c in ADJ_CASES], ids=[c[0] for c in ADJ_CASES])
def test_adjustment(tmp_path, adjustment, values, expected):
    person, problems = grade_one(tmp_path, [item("df", "得分", 100)], {"得分": "80", **values}, adjustments=[adjustment])
    assert problems.sorted() == []
    assert person.total == Decimal(expected)
    assert person.raw_total == Decimal(expected)


def test_adjustments_apply_before_the_single_rounding(tmp_path):
    person, _ = grade_one(
        tmp_path, [item("df", "得分", 100)], {"得分": "89.994", "加分": "0.001"}, adjustments=[{"kind": "bonus", "name": "加分"}], places=2
    )
    assert person.raw_total == Decimal("89.995")
    assert person.total == Decimal("90.00")


def test_unknown_award_is_reported(tmp_path):
    _, problems = grade_one(
        tmp_path,
        [item("df", "得分", 100)],
        {"得分": "80", "获奖": "国家级"},
        adjustments=[{"kind": "awards", "name": "获奖", "points": {"县级": 2}}],
    )
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "E", "unknown-choice")]


# --- roll-ups: coefficient from an earlier period's grade, period_score


def rollup_project(root, annual_items, sheets, **annual_kw):
    half = assessment(
        [item("df", "得分", 100)],
        code="bn",
        name="半年考核",
        period="半年",
        grades={
            "order": ["优秀", "良好", "一般"],
            "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "良好", "at_least": 75, "below": 90}, {"grade": "一般", "below": 75}],
        },
    )
    annual_kw.setdefault("results_optional", True)
    annual = assessment(annual_items, code="nd", name="年度考核", period="年度", rolls_up="bn", **annual_kw)
    data = scheme(half, annual)
    files = {label: people_csv(rows, ["得分"]) for label, rows in sheets.items()}
    make_project(root, data, files)
    _, periods, problems = run(root)
    return {p.label: p for p in periods}, problems


def test_coefficient_from_h1_grade_in_rollup(tmp_path):
    items = [item("bn", "半年度工作", 30, score={"kind": "coefficient", "period": "H1", "map": {"优秀": 1, "良好": "0.8", "一般": "0.6"}})]
    sheets = {"H1.csv": [["1", "甲", "办公室", "92"], ["2", "乙", "办公室", "80"], ["3", "丙", "办公室", "60"]]}
    periods, problems = rollup_project(tmp_path, items, sheets)
    assert problems.sorted() == []
    year = by_id(periods["Y"])
    assert {k: v.item("bn").value for k, v in year.items()} == {"1": Decimal("30"), "2": Decimal("24.0"), "3": Decimal("18.0")}


H_SHEETS = {
    "H1.csv": [["1", "甲", "办公室", "92"], ["2", "乙", "办公室", "80"]],
    "H2.csv": [["1", "甲", "办公室", "85"]],
}


@pytest.mark.parametrize(
    "rule, expected",
    [
        ({"kind": "period_score", "missing": "skip"}, {"1": "88.5", "2": "80"}),
        ({"kind": "period_score", "combine": "sum", "missing": "skip"}, {"1": "177", "2": "80"}),
        ({"kind": "period_score", "divide_by": 2, "missing": "skip"}, {"1": "88.5", "2": "40"}),
        ({"kind": "period_score", "of": "df", "missing": "skip"}, {"1": "88.5", "2": "80"}),
        ({"kind": "period_score", "points": {"优秀": 90, "良好": 80, "一般": 70}, "missing": "skip"}, {"1": "85", "2": "80"}),
        ({"kind": "period_score", "periods": ["H1"]}, {"1": "92", "2": "80"}),
    ],
    ids=["mean", "sum", "divide_by", "of-item", "points", "periods"],
)
def test_period_score(tmp_path, rule, expected):
    periods, problems = rollup_project(tmp_path, [item("ps", "平时", 200, score=rule)], H_SHEETS)
    assert problems.sorted() == []
    year = by_id(periods["Y"])
    assert {k: v.item("ps").value for k, v in year.items()} == {k: Decimal(v) for k, v in expected.items()}


def test_period_score_missing_error_reports_a_person_absent_from_a_period(tmp_path):
    """乙 has no H2 result; with the default missing: error that must be reported, not averaged away."""
    periods, problems = rollup_project(tmp_path, [item("ps", "平时", 100, score={"kind": "period_score"})], H_SHEETS)
    assert [(p.code, "乙" in p.message, "下半年" in p.message) for p in problems.sorted()] == [("period-missing", True, True)]
    year = by_id(periods["Y"])
    assert year["1"].item("ps").value == Decimal("88.5")
    assert year["2"].item("ps").value is None
    assert year["2"].status == "incomplete"


def test_rollup_history_functions(tmp_path):
    items = [item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})]
    overrides = [{"kind": "no_grade", "when": '次数("优秀") == 期数() 且 全部("优秀")', "label": "全优", "reason": "两期都优秀"}]
    sheets = {
        "H1.csv": [["1", "甲", "办公室", "92"], ["2", "乙", "办公室", "92"]],
        "H2.csv": [["1", "甲", "办公室", "95"], ["2", "乙", "办公室", "80"]],
    }
    periods, problems = rollup_project(
        tmp_path,
        items,
        sheets,
        grades={"order": ["优秀", "称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "below": 90}]},
        overrides=overrides,
    )
    assert problems.sorted() == []
    year = by_id(periods["Y"])
    assert (year["1"].status, year["1"].shown_grade) == ("no_grade", "全优")
    assert (year["2"].status, year["2"].grade) == ("graded", "称职")  # mean 86
