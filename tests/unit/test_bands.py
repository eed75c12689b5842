"""Grade bands: bounds 含/不含, gaps judged on the totals a scheme can produce, overlaps, gap_policy."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.scheme.bands import Band, analyze, find_band
from tests.unit.helpers import by_id, grade_sheet, make_project, run, simple_scheme

DOC_BANDS = [  # 好 90 分及以上，较好 75-89 分，一般 60-74 分，较差 60 分以下
    Band(grade="好", at_least=Decimal(90)),
    Band(grade="较好", at_least=Decimal(75), at_most=Decimal(89)),
    Band(grade="一般", at_least=Decimal(60), at_most=Decimal(74)),
    Band(grade="较差", below=Decimal(60)),
]


@pytest.mark.parametrize(
    "band, value, inside",
    [
        (Band(grade="x", at_least=Decimal(90)), "90", True),
        (Band(grade="x", at_least=Decimal(90)), "89.99", False),
        (Band(grade="x", above=Decimal(90)), "90", False),
        (Band(grade="x", above=Decimal(90)), "90.01", True),
        (Band(grade="x", at_most=Decimal(89)), "89", True),
        (Band(grade="x", at_most=Decimal(89)), "89.01", False),
        (Band(grade="x", below=Decimal(60)), "60", False),
        (Band(grade="x", below=Decimal(60)), "59.99", True),
        (Band(grade="x"), "-5", True),
    ],
)
def test_band_bounds(band, value, inside):
    assert band.contains(Decimal(value)) is inside


def test_band_rejects_both_inclusive_and_exclusive_bound():
    with pytest.raises(ValueError):
        Band(grade="x", at_least=Decimal(1), above=Decimal(1))
    with pytest.raises(ValueError):
        Band(grade="x", at_most=Decimal(1), below=Decimal(1))


def gap_words(bands, places, floor=Decimal(0), ceiling=Decimal(100)):
    overlaps, gaps = analyze(bands, places, floor, ceiling)
    assert overlaps == []
    return [g.words() for g in gaps]


def test_no_gap_with_whole_number_totals():
    assert gap_words(DOC_BANDS, 0) == []


def test_gaps_with_two_decimal_places():
    assert gap_words(DOC_BANDS, 2) == ["74.01—74.99 分", "89.01—89.99 分"]


def test_one_decimal_place():
    assert gap_words(DOC_BANDS, 1) == ["74.1—74.9 分", "89.1—89.9 分"]


def test_exclusive_bounds_leave_no_gap():
    bands = [
        Band(grade="好", at_least=Decimal(90)),
        Band(grade="较好", at_least=Decimal(75), below=Decimal(90)),
        Band(grade="较差", below=Decimal(75)),
    ]
    assert gap_words(bands, 2) == []


def test_gap_below_lowest_band_and_above_highest():
    bands = [Band(grade="好", at_least=Decimal(90), at_most=Decimal(95)), Band(grade="较好", at_least=Decimal(60), below=Decimal(90))]
    assert gap_words(bands, 0) == ["0—59 分", "96—100 分"]
    # unbounded total (倒扣分 allowed, no ceiling)
    assert gap_words(bands, 0, floor=None, ceiling=None) == ["59 分及以下", "96 分及以上"]


@pytest.mark.parametrize(
    "bands",
    [
        [Band(grade="好", at_least=Decimal(85)), Band(grade="较好", at_most=Decimal(90))],
        [Band(grade="好", at_least=Decimal(90)), Band(grade="较好", at_least=Decimal(75), at_most=Decimal(90))],  # 90 in both
        [Band(grade="好", above=Decimal(89)), Band(grade="较好", at_most=Decimal(89.5))],
    ],
)
def test_overlaps(bands):
    overlaps, _ = analyze(bands, 2, Decimal(0), Decimal(100))
    assert [(a.grade, b.grade) for a, b in overlaps] == [("较好", "好")]


def test_touching_exclusive_bounds_do_not_overlap():
    bands = [Band(grade="好", above=Decimal(90)), Band(grade="较好", at_most=Decimal(90))]
    assert analyze(bands, 2, Decimal(0), Decimal(100)) == ([], [])


@pytest.mark.parametrize(
    "value, policy, expected",
    [
        ("90", "none", ("好", False)),
        ("89.99", "none", (None, False)),
        ("89.5", "lower", ("较好", True)),
        ("89.5", "upper", ("好", True)),
        ("74.5", "lower", ("一般", True)),
        ("74.5", "upper", ("较好", True)),
        ("89", "upper", ("较好", False)),
        ("59.99", "none", ("较差", False)),
    ],
)
def test_find_band_and_gap_policy(value, policy, expected):
    band, by_gap = find_band(DOC_BANDS, Decimal(value), policy)
    assert ((band.grade if band else None), by_gap) == expected


def doc_grades(gap_policy):
    return {
        "order": ["好", "较好", "一般", "较差"],
        "bands": [
            {"grade": "好", "at_least": 90},
            {"grade": "较好", "at_least": 75, "at_most": 89},
            {"grade": "一般", "at_least": 60, "at_most": 74},
            {"grade": "较差", "below": 60},
        ],
        "gap_policy": gap_policy,
    }


ROWS = [
    ["1", "甲", "办公室", "90"],
    ["2", "乙", "办公室", "89.99"],
    ["3", "丙", "办公室", "89.5"],
    ["4", "丁", "办公室", "89"],
    ["5", "戊", "办公室", "59.99"],
]


@pytest.mark.parametrize(
    "policy, expected",
    [
        ("lower", {"1": "好", "2": "较好", "3": "较好", "4": "较好", "5": "较差"}),
        ("upper", {"1": "好", "2": "好", "3": "好", "4": "较好", "5": "较差"}),
    ],
)
def test_gap_policy_end_to_end(tmp_path, policy, expected):
    period, problems = grade_sheet(tmp_path, simple_scheme(places=2, grades=doc_grades(policy)), ["得分"], ROWS)
    assert problems.sorted() == []
    assert {k: v.grade for k, v in by_id(period).items()} == expected
    assert "空档" in by_id(period)["3"].trace[-1].text


def test_gap_is_reported_for_two_places_and_not_for_whole_numbers(tmp_path):
    period, problems = grade_sheet(
        tmp_path / "a", simple_scheme(places=0, grades=doc_grades("none")), ["得分"], [["1", "甲", "办公室", "89.5"]]
    )
    assert problems.sorted() == []
    assert by_id(period)["1"].total == Decimal("90")  # rounded first, then graded
    assert by_id(period)["1"].grade == "好"
    _, problems = grade_sheet(tmp_path / "b", simple_scheme(places=2, grades=doc_grades("none")), ["得分"], [["1", "甲", "办公室", "89.5"]])
    gaps = [p for p in problems.sorted() if p.code == "bands-gap"]
    assert [p.file for p in gaps] == ["schemes/t1.yaml", "schemes/t1.yaml"]
    assert ["74.01—74.99" in gaps[0].message, "89.01—89.99" in gaps[1].message] == [True, True]


def test_a_scheme_with_a_gap_and_no_policy_grades_nobody(tmp_path):
    """bands-gap is an error of the scheme: a scheme the check refuses is not used (discover), so no
    total in the gap is ever given a grade a rule did not state; the sheet's results follow from it."""
    data = simple_scheme(places=2, grades=doc_grades("none"))
    period, problems = grade_sheet(tmp_path, data, ["得分"], [["1", "甲", "办公室", "89.5"]])
    assert period is None
    assert {p.code for p in problems.errors} == {"bands-gap"}


def test_exactly_on_a_bound_and_one_cent_under(tmp_path):
    rows = [["1", "甲", "办公室", "90"], ["2", "乙", "办公室", "89.99"], ["3", "丙", "办公室", "89.995"]]
    period, problems = grade_sheet(tmp_path, simple_scheme(places=2), ["得分"], rows)
    assert problems.sorted() == []
    assert {k: (str(v.total), v.grade) for k, v in by_id(period).items()} == {
        "1": ("90.00", "好"),
        "2": ("89.99", "较好"),
        "3": ("90.00", "好"),
    }


def test_overlap_reported_at_bands_line(tmp_path):
    text = """\
format: kaohe/1
code: t1
name: 测试
issuer: 测试局
version: "1"
effective_year: 2025
assessed: 全体
assessments:
  - code: ps
    name: 平时
    period: 季度
    items:
      - {code: df, name: 得分, max: 100}
    grades:
      order: [好, 较好]
      bands:
        - {grade: 好, at_least: 85}
        - {grade: 较好, at_most: 90}
"""
    make_project(tmp_path, text)
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(17, 9, "bands-overlap")]
