"""The handbook's words for the rules, checked against what grades (the sections' numbering, the
roll-up items, the total's maximum)."""

from __future__ import annotations

import copy
import re
from decimal import Decimal

import pytest

from generator.engine.explain import explain_text
from tests.unit.helpers import GRADES_4, assessment, by_id, handbook_text, item, make_project, people_csv, run, scheme, simple_scheme


@pytest.mark.parametrize(
    "titles, shown",
    [
        (["总体要求", "考核对象"], ["一、总体要求", "二、考核对象"]),
        (["一、考核内容", "二、等次"], ["一、考核内容", "二、等次"]),  # the guide's own example title: not 「一、一、」
        (["前言", "一、指导思想", "二、组织领导"], ["前言", "一、指导思想", "二、组织领导"]),  # s003-p4: not 「二、一、」
        (["第一条 目的", "第二条 范围"], ["第一条 目的", "第二条 范围"]),
    ],
)
def test_section_titles_are_numbered_once(titles, shown):
    sections = [{"title": t, "body": "正文", "sections": [{"title": "（一）小节"}]} for t in titles]
    text = handbook_text({**simple_scheme(), "sections": sections})
    headings = re.findall(r'<h3 id="s-\d+" class="kaohe-doc-h">([^<]*)</h3>', text)
    assert headings == shown
    assert "（一）（一）小节" not in text and "（一）小节" in text


def half_year_scheme(**rule) -> dict:
    """半年考核 H1/H2 rolled up into 年度考核 (the shape of a 事业单位 scheme, not of the seeds)."""
    half = assessment([item("shiji", "工作实绩", 100)], code="bannian", name="半年考核", period="半年", places=2, grades=copy.deepcopy(GRADES_4),
                      inputs=[{"name": "试用期", "type": "yesno"}],
                      overrides=[{"kind": "no_grade", "when": "试用期", "reason": "试用期内不确定等次"}])
    year = assessment([item("pingjun", "半年考核平均分", 100, places=2, score={"kind": "period_score", **rule})],
                      code="niandu", name="年度考核", period="年度", rolls_up="bannian", results_optional=True, places=2, grades=copy.deepcopy(GRADES_4))
    return scheme(half, year)


@pytest.mark.parametrize(
    "rule, words",
    [
        ({"missing": "skip"}, "取半年考核各期的总分，取平均；某期没有成绩的不计入，按实际期数计算；不确定等次的期有成绩的照常计入。"),
        ({"of": "shiji"}, "取半年考核各期的「工作实绩」项得分，取平均；缺少某期成绩时报错；不确定等次的期有成绩的照常计入。"),
        ({"points": {"好": 90, "较好": 80, "一般": 70, "较差": 60}, "missing": "skip"},
         "取半年考核各期的等次折分（好 90 / 较好 80 / 一般 70 / 较差 60），取平均；某期没有等次（含不确定等次）的不计入，按实际期数计算。"),
    ],
)
def test_a_roll_up_item_names_what_it_rolls_up_and_what_it_skips(tmp_path, rule, words):
    """The handbook said 「取平时考核各期的总分……某期没有成绩或未定等次的，按实际期数计算」 for a
    roll-up of 半年考核 whose 试用期 half (不确定等次, with a total) was averaged in all the same."""
    data = half_year_scheme(**rule)
    assert words in handbook_text(data)
    files = {"H1.csv": people_csv([["1", "甲", "办公室", "80", "是"], ["2", "乙", "办公室", "90", ""]], ["工作实绩", "试用期"]),
             "H2.csv": people_csv([["1", "甲", "办公室", "91", ""]], ["工作实绩", "试用期"])}
    make_project(tmp_path, data, files)
    _, periods, problems = run(tmp_path)
    year = next(p for p in periods if p.label == "Y")
    people = by_id(year)
    text = explain_text(year, people["2"])
    if "points" in rule:
        assert people["1"].total == Decimal("90.00")  # H1 without a grade is left out
        assert "下半年没有等次，不计入" in text
    else:
        assert people["1"].total == Decimal("85.50")  # H1 不确定等次 with a score is averaged in
        if rule.get("missing") == "skip":
            assert "下半年没有成绩，不计入" in text
    assert "未定等次，不计入" not in explain_text(year, people["1"])


def capped_scheme(**total) -> dict:
    items = [item("df", "得分", 100)]
    adjustments = [{"kind": "awards", "name": "表彰加分", "column": "表彰", "points": {"市级表彰": 2, "县级表彰": 1}, "cap": 3}]
    return simple_scheme(items=items, adjustments=adjustments, places=2, **total)


def test_a_total_over_its_maximum_counts_as_the_maximum_when_the_scheme_says_so(tmp_path):
    """「加分后总分超过100分的，按100分计」: total_max's description said 「加分后也不超过」 while a total
    over it was only ever an error (and, without total_max, 「不写则为各项满分之和」 while nothing was checked)."""
    from tests.unit.three_ways import compare

    data = capped_scheme(total_max=100, total_capped=True)
    assert "总分最高 100 分，加分后超过 100 分的按 100 分计。" in handbook_text(data)
    rows = [["1", "甲", "办公室", "99", "市级表彰"], ["2", "乙", "办公室", "97.5", "县级表彰"], ["3", "丙", "办公室", "99.995", ""]]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["得分", "表彰"])})
    _, periods, problems = run(tmp_path)
    assert problems.sorted() == []
    people = by_id(periods[0])
    assert [people[i].total for i in "123"] == [Decimal("100.00"), Decimal("98.50"), Decimal("100.00")]
    assert people["1"].grade == "好"
    text = explain_text(periods[0], people["1"])
    assert "总分 101" in text and "超过总分上限 100 分，按 100.00 分计" in text and "结果：总分 100.00，好" in text
    assert compare(periods)["compiled"] == 3  # the compiled grading caps the same way


def test_without_total_capped_a_total_over_the_maximum_is_an_error(tmp_path):
    make_project(tmp_path, capped_scheme(total_max=100), {"Q1.csv": people_csv([["1", "甲", "办公室", "99", "市级表彰"]], ["得分", "表彰"])})
    _, _, problems = run(tmp_path)
    [problem] = problems.sorted()
    assert problem.code == "total-over-max" and "total_capped: true" in problem.message


@pytest.mark.parametrize("total, code", [({"total_capped": True}, "missing-key"), ({"total_max": 100, "total_capped": True, "total_may_exceed": True}, "bad-value")])
def test_total_capped_needs_a_maximum_and_excludes_total_may_exceed(tmp_path, total, code):
    make_project(tmp_path, capped_scheme(**total), {"Q1.csv": people_csv([["1", "甲", "办公室", "90", ""]], ["得分", "表彰"])})
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted()] == [code]


def test_the_handbook_says_a_repeated_award_counts_each_time(tmp_path):
    """Two 县级表彰 in one cell count twice; the handbook and the guide only said so of a penalty."""
    data = capped_scheme()
    assert "分值：市级表彰 2 分，县级表彰 1 分，同一奖项写几次计几次；最多 3 分。" in handbook_text(data)
    make_project(tmp_path, data, {"Q1.csv": people_csv([["1", "甲", "办公室", "90", "县级表彰、县级表彰"]], ["得分", "表彰"])})
    _, periods, _ = run(tmp_path)
    assert by_id(periods[0])["1"].total == Decimal("92.00")


def test_an_assessment_s_publicity_keeps_the_scheme_s_keys_it_does_not_write():
    """The scheme's objection (向中心人事科反映) was lost from every notice of an assessment that wrote
    its own publicity with other keys (days, grades): s003-p2's year notice showed the default text."""
    from generator.scheme.model import Scheme

    data = simple_scheme(publicity={"grades": ["好"], "days": 7})
    data["publicity"] = {"objection": "对公示对象有异议的，请于公示期内向中心人事科反映。", "order": "department", "days": 5}
    s = Scheme.model_validate(data)
    merged = s.publicity_for(s.assessments[0])
    assert (merged.objection, merged.order, merged.days, merged.grades) == ("对公示对象有异议的，请于公示期内向中心人事科反映。", "department", 7, ["好"])
    assert "请于公示期内向中心人事科反映。" in handbook_text(data)


def test_a_grade_inherited_from_the_scheme_s_publicity_is_reported_as_such(tmp_path):
    data = simple_scheme(publicity={"days": 7})
    data["publicity"] = {"grades": ["优秀"]}
    make_project(tmp_path, data, {"Q1.csv": people_csv([["1", "甲", "办公室", "90"]], ["得分"])})
    _, _, problems = run(tmp_path)
    [problem] = problems.sorted()
    assert problem.code == "unknown-name"
    assert "公示的等次「优秀」不在「平时考核」的 grades.order（好、较好、一般、较差）中（取自方案的 publicity" in problem.message


def test_an_items_note_is_in_the_handbook_as_its_description_promises():
    """note 「补充说明，显示在手册中该项目下面」 was shown nowhere: 分值为本方案的假定（A1） (s003-p1-xiang) was lost."""
    data = simple_scheme()
    data["assessments"][0]["items"][0]["note"] = "此项由分管领导评分<b>"
    text = handbook_text(data)
    assert "说明：此项由分管领导评分&lt;b&gt;" in text and "<b>" not in text
