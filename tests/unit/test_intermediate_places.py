"""A named intermediate (平时考核得分 = the mean of three quarters) kept at declared places: with
`places` the rounded value is what is weighted, with `shown_places` (or nothing) the exact one is; the
handbook says which, and so does the derivation (issue 10, point 9).

The numbers are chosen so that the choice changes the grade: quarters 90, 90 and 89.99 average
89.99666…; 测评得分 is 89.99; 好 from 90.
- places: 2 →  90.00 × 50% + 89.99 × 50% = 89.995 → 90.00 → 好
- exact     →  89.99666… × 50% + 89.99 × 50% = 89.99333… → 89.99 → 较好
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from generator.engine.explain import explain_text
from generator.site.pages_handbook import assessment_view
from generator.site.pages_internal import results_table
from tests.unit.helpers import GRADES_4, assessment, by_id, dump, item, make_project, people_csv, run, scheme, write

QUARTERS = {"Q1.csv": "90", "Q2.csv": "90", "Q3.csv": "89.99"}


def year_scheme(**kept) -> dict:
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", labels=["Q1", "Q2", "Q3"], places=2, grades=copy.deepcopy(GRADES_4))
    year = assessment(
        [
            item("pingshi", "平时考核得分", 100, weight="50%", score={"kind": "period_score", "combine": "mean"}, **kept),
            item("ceping", "测评得分", 100, weight="50%"),
        ],
        code="nd", name="年度考核", period="年度", rolls_up="ps", combine="weighted", places=2, grades=copy.deepcopy(GRADES_4),
    )
    return scheme(quarter, year)


def graded_year(root, **kept):
    files = {name: people_csv([["1", "甲", "办公室", score]], ["得分"]) for name, score in QUARTERS.items()}
    files["Y.csv"] = people_csv([["1", "甲", "办公室", "89.99"]], ["测评得分"])
    data = year_scheme(**kept)
    make_project(root, data, files)
    _, periods, problems = run(root)
    assert problems.errors == []
    year = next(p for p in periods if p.label == "Y")
    return year, by_id(year)["1"]


@pytest.mark.parametrize("kept, value, total, grade", [
    ({"places": 2}, Decimal("90.00"), Decimal("90.00"), "好"),  # the rounded mean is weighted
    ({"shown_places": 2}, Decimal("269.99") / 3, Decimal("89.99"), "较好"),  # rounded for display only
    ({}, Decimal("269.99") / 3, Decimal("89.99"), "较好"),  # nothing declared: exact
])
def test_the_declared_choice_is_what_is_weighted_and_it_changes_the_grade(tmp_path, kept, value, total, grade):
    _, person = graded_year(tmp_path, **kept)
    assert person.item("pingshi").value == value
    assert (person.total, person.grade) == (total, grade)


def test_a_condition_and_a_ranking_see_the_rounded_intermediate_too(tmp_path):
    data = year_scheme(places=2)
    data["assessments"][1]["overrides"] = [{"kind": "cap", "grade": "较好", "when": "pingshi < 90", "reason": "平时考核得分不足 90 分的不得评为好"}]
    files = {name: people_csv([["1", "甲", "办公室", score]], ["得分"]) for name, score in QUARTERS.items()}
    files["Y.csv"] = people_csv([["1", "甲", "办公室", "89.99"]], ["测评得分"])
    make_project(tmp_path, data, files)
    _, periods, _ = run(tmp_path)
    assert by_id(next(p for p in periods if p.label == "Y"))["1"].grade == "好"  # 90.00 is not < 90
    data["assessments"][1]["items"][0].pop("places")
    write(tmp_path / "schemes/t1.yaml", dump(data))
    _, periods, _ = run(tmp_path)
    assert by_id(next(p for p in periods if p.label == "Y"))["1"].grade == "较好"


@pytest.mark.parametrize("kept, words", [
    ({"places": 2}, "四舍五入保留 2 位小数后按 50% 计入总分。"),
    ({"shown_places": 2}, "不取舍，以精确值按 50% 计入总分（页面显示 2 位小数）。"),
    ({}, "不单独取舍，以精确值按 50% 计入总分。"),
])
def test_the_handbook_states_how_the_intermediate_is_kept(kept, words):
    from generator.scheme.model import Scheme

    data = Scheme.model_validate(year_scheme(**kept))
    view = assessment_view(data, data.assessments[1])
    pingshi = next(r for r in view["items"] if r.code == "pingshi")
    assert pingshi.how == f"取平时考核各期的总分，取平均；缺少某期成绩时报错；不确定等次的期有成绩的照常计入。{words}"
    assert view["total_words"] == "总分 = 平时考核得分 × 50% + 测评得分 × 50%"


def test_the_derivation_shows_the_rounded_intermediate_and_that_it_is_weighted(tmp_path):
    year, person = graded_year(tmp_path, places=2)
    text = explain_text(year, person)
    assert "平时考核得分：90.00 分" in text
    assert "合计 269.99 ÷ 3 期 = ≈90.00 分" in text
    assert "四舍五入保留 2 位小数 = 90.00，以 90.00 按 50% 计入总分" in text
    assert "平时考核得分 90.00 × 50% + 测评得分 89.99 × 50% = ≈90.00 分" in text and "总分 89.995 四舍五入保留 2 位小数 = 90.00" in text
    assert "结果：总分 90.00，好" in text
    assert results_table(year).rows[0][3] == "90.00"


def test_the_derivation_says_when_the_exact_value_is_weighted(tmp_path):
    year, person = graded_year(tmp_path / "shown", shown_places=2)
    text = explain_text(year, person)
    assert "平时考核得分：≈90.00 分" in text
    assert "本项不取舍，以精确值按 50% 计入总分" in text and "四舍五入保留 2 位小数 = 90.00" not in text
    assert "平时考核得分 ≈90.00 × 50% + 测评得分 89.99 × 50% = ≈89.99 分" in text
    assert "结果：总分 89.99，较好" in text
    assert "89.9966" not in text


def test_places_and_shown_places_together_are_refused_at_their_line(tmp_path):
    make_project(tmp_path, year_scheme(places=2, shown_places=4), {})
    _, _, problems = run(tmp_path)
    (problem,) = problems.errors
    assert problem.file == "schemes/t1.yaml" and problem.line is not None
    assert "只写一个" in problem.message
    text = (tmp_path / "schemes/t1.yaml").read_text("utf-8").splitlines()
    assert "平时考核得分" in "\n".join(text[max(0, problem.line - 3): problem.line + 3])


def test_a_quotient_in_a_formula_step_is_shown_at_its_places(tmp_path):
    quarter = assessment([item("lv", "优秀率", 1, shown_places=4, score={"kind": "formula", "expr": "优秀票 / 测评人数", "uses": ["优秀票", "测评人数"]})],
                         places=4, grades=None)
    make_project(tmp_path, scheme(quarter), {"Q1.csv": people_csv([["1", "甲", "办公室", "2", "3"]], ["优秀票", "测评人数"])})
    _, (period,), problems = run(tmp_path)
    text = explain_text(period, period.people[0])
    assert "优秀票 ÷ 测评人数 = ≈0.6667" in text and "0.66666" not in text


def test_a_weighted_rule_that_rounds_its_result_is_stated_so_and_a_reweighted_step_stays_short(tmp_path):
    from generator.scheme.model import Scheme
    from tests.unit.helpers import grade_one

    score = {"kind": "weighted", "missing": "reweight", "places": 2,
             "components": [{"name": "上级评分", "weight": "40%"}, {"name": "同级评分", "weight": "30%"}, {"name": "下级评分", "weight": "30%"}]}
    lianghua = item("lh", "年度量化评价得分", 100, weight="50%", score=score)
    other = item("cp", "测评得分", 100, weight="50%")
    data = Scheme.model_validate(scheme(assessment([lianghua, other], combine="weighted")))
    how = next(r.how for r in assessment_view(data, data.assessments[0])["items"] if r.code == "lh")
    assert how.endswith("四舍五入保留 2 位小数后按 50% 计入总分。")  # the rule's own places, not 「以精确值」
    person, problems = grade_one(tmp_path, [lianghua, other], {"上级评分": "90", "同级评分": "83.1", "下级评分": "", "测评得分": "90"},
                                 combine="weighted")
    assert problems.sorted() == []
    # (90×40% + 83.1×30%) ÷ 70% = 87.0428571…
    assert person.item("lh").value == Decimal("87.04")
    steps = " / ".join(person.explained().item("lh").steps)
    assert "上级评分 90 × 40% ÷ 70% + 同级评分 83.1 × 30% ÷ 70% = ≈87.04 分" in steps
    assert "0.5714" not in steps and "87.0428" not in steps and "以精确值" not in steps
