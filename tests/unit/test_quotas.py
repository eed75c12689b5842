"""Quotas: exact counts, who drops and why, ties at the line with each policy, scopes, warnings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.engine.quotas import count_places as _count
from tests.unit.helpers import by_id, grade_sheet, item, simple_scheme

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}


@pytest.mark.parametrize(
    "n, share, rounding, expected",
    [
        (7, "0.3", "floor", 2),  # 2.1
        (7, "0.3", "ceil", 3),
        (7, "0.35", "half_up", 2),  # 2.45
        (7, "0.5", "half_up", 4),  # 3.5
        (10, "0.3", "floor", 3),  # exactly 3.0: float 10*0.3 is 3.0000000000000004 but floor is still 3
        (3, "0.1", "ceil", 1),
        (2, "0.4", "floor", 0),
        (20, "0.15", "floor", 3),
    ],
)
def test_count_is_decimal(n, share, rounding, expected):
    count, words = _count(n, Decimal(share), rounding)
    assert count == expected
    assert f"{n} 人" in words


def quota_scheme(**quota):
    quota.setdefault("grade", "好")
    return simple_scheme(grades=GRADES, quotas=[quota], places=2)


def seven(scores):
    return [[str(i + 1), f"人{i + 1}", "办公室", s] for i, s in enumerate(scores)]


def grades_of(period):
    return {k: (v.grade, v.status) for k, v in by_id(period).items()}


def test_floor_drops_to_next_grade_with_reason(tmp_path):
    period, problems = grade_sheet(tmp_path, quota_scheme(at_most="30%"), ["得分"], seven(["95", "94", "93", "92", "80", "70", "50"]))
    assert problems.sorted() == []
    people = by_id(period)
    assert [k for k, v in people.items() if v.grade == "好"] == ["1", "2"]
    assert people["3"].grade == "较好" and people["4"].grade == "较好"
    assert people["3"].band_grade == "好"
    last = people["3"].trace[-1]
    assert last.stage == "名额"
    assert "7 人 × 30% = 2.1，向下取整为 2 人" in last.text
    assert "排第 3 名，在名额之外，由「好」降为「较好」" in last.text
    assert "在名额内" in people["1"].trace[-1].text
    (use,) = period.quotas
    assert (use.scope, use.base, use.allowed, use.candidates, use.granted) == ("全单位", 7, 2, 4, 2)


def test_ceil_rounding(tmp_path):
    period, _ = grade_sheet(
        tmp_path, quota_scheme(at_most="30%", rounding="ceil"), ["得分"], seven(["95", "94", "93", "92", "80", "70", "50"])
    )
    assert [k for k, v in by_id(period).items() if v.grade == "好"] == ["1", "2", "3"]


ROWS_TIED = seven(["95", "93", "93", "91", "80", "70", "50"])  # 2 places; 93 and 93 tie at the line


@pytest.mark.parametrize(
    "ties, expected, tied_ids",
    [
        ("flag", {"1": ("好", "graded"), "2": ("好", "tied"), "3": ("好", "tied"), "4": ("较好", "graded")}, ["2", "3"]),
        ("include_all", {"1": ("好", "graded"), "2": ("好", "graded"), "3": ("好", "graded"), "4": ("较好", "graded")}, []),
        ("exclude_all", {"1": ("好", "graded"), "2": ("较好", "graded"), "3": ("较好", "graded"), "4": ("较好", "graded")}, []),
    ],
)
def test_ties_at_the_line(tmp_path, ties, expected, tied_ids):
    period, problems = grade_sheet(tmp_path, quota_scheme(at_most="30%", ties=ties), ["得分"], ROWS_TIED)
    # an open tie is reported by check (a warning naming the people), and nothing else is wrong
    expected_problems = [(None, None, "tie-at-quota-line")] if ties == "flag" else []
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == expected_problems
    if ties == "flag":
        (warning,) = problems.sorted()
        assert warning.severity.value == "warning"
        assert "人2（2）" in warning.message and "人3（3）" in warning.message
    got = grades_of(period)
    assert {k: got[k] for k in expected} == expected
    (use,) = period.quotas
    assert use.tied == tied_ids
    assert [p.id for p in period.unresolved_ties] == tied_ids
    if ties == "flag":
        person = by_id(period)["2"]
        assert person.shown_grade == "好（并列待定）"
        assert "并列" in person.trace[-1].text and "领导小组" in person.trace[-1].text
    if ties == "include_all":
        assert use.granted == 3 > use.allowed


def test_ties_break_by(tmp_path):
    items = [item("de", "德", 50), item("ji", "绩", 50)]
    data = simple_scheme(
        items=items, grades=GRADES, places=2, quotas=[{"grade": "好", "at_most": "30%", "ties": "break_by", "break_by": ["ji"]}]
    )
    rows = [
        ["1", "甲", "办公室", "47", "48"],
        ["2", "乙", "办公室", "48", "45"],
        ["3", "丙", "办公室", "45", "48"],
        ["4", "丁", "办公室", "45", "46"],
        ["5", "戊", "办公室", "40", "40"],
        ["6", "己", "办公室", "30", "40"],
        ["7", "庚", "办公室", "20", "30"],
    ]
    period, problems = grade_sheet(tmp_path, data, ["德", "绩"], rows)
    assert problems.sorted() == []
    # 95, 93 (绩 45), 93 (绩 48), 91: 丙 wins on 绩
    assert grades_of(period) == {
        **{k: ("好", "graded") for k in ("1", "3")},
        "2": ("较好", "graded"),
        "4": ("较好", "graded"),
        "5": ("较好", "graded"),
        "6": ("较好", "graded"),
        "7": ("一般", "graded"),
    }
    assert period.unresolved_ties == []


def test_break_by_that_still_ties_is_flagged(tmp_path):
    items = [item("de", "德", 50), item("ji", "绩", 50)]
    data = simple_scheme(
        items=items, grades=GRADES, places=2, quotas=[{"grade": "好", "at_most": "30%", "ties": "break_by", "break_by": ["ji"]}]
    )
    rows = [
        ["1", "甲", "办公室", "47", "48"],
        ["2", "乙", "办公室", "45", "48"],
        ["3", "丙", "办公室", "45", "48"],
        ["4", "丁", "办公室", "45", "46"],
        ["5", "戊", "办公室", "40", "40"],
        ["6", "己", "办公室", "30", "40"],
        ["7", "庚", "办公室", "20", "30"],
    ]
    period, _ = grade_sheet(tmp_path, data, ["德", "绩"], rows)
    assert [p.id for p in period.unresolved_ties] == ["2", "3"]


def test_forced_grade_is_protected_and_uses_a_slot(tmp_path):
    data = simple_scheme(
        grades=GRADES,
        places=2,
        quotas=[{"grade": "好", "at_most": "30%"}],
        inputs=[{"name": "急难险重", "type": "yesno"}],
        overrides=[{"kind": "force", "grade": "好", "when": "急难险重", "reason": "急难险重表现突出"}],
    )
    rows = [
        [str(i + 1), f"人{i + 1}", "办公室", s, flag]
        for i, (s, flag) in enumerate([("95", ""), ("94", ""), ("93", ""), ("70", "是"), ("80", ""), ("60", ""), ("50", "")])
    ]
    period, problems = grade_sheet(tmp_path, data, ["得分", "急难险重"], rows)
    assert problems.sorted() == []
    people = by_id(period)
    assert [k for k, v in people.items() if v.grade == "好"] == ["1", "4"]
    assert people["4"].protected
    assert "不因名额降等" in people["4"].trace[-1].text
    assert people["2"].grade == "较好"


def test_per_department_scope(tmp_path):
    rows = [["1", "甲", "办公室", "95"], ["2", "乙", "办公室", "94"], ["3", "丙", "财务科", "93"], ["4", "丁", "财务科", "92"]]
    period, problems = grade_sheet(tmp_path, quota_scheme(at_most="50%", scope="department"), ["得分"], rows)
    assert problems.sorted() == []
    assert {k for k, v in by_id(period).items() if v.grade == "好"} == {"1", "3"}
    assert [(u.scope, u.allowed, u.granted) for u in period.quotas] == [("办公室", 1, 1), ("财务科", 1, 1)]


def test_per_unit_column_scope(tmp_path):
    data = quota_scheme(at_most="50%", scope="考核单元")
    data["people"] = {"unit": "考核单元"}
    rows = [
        ["1", "甲", "办公室", "A", "95"],
        ["2", "乙", "财务科", "A", "94"],
        ["3", "丙", "办公室", "B", "93"],
        ["4", "丁", "财务科", "B", "92"],
    ]
    period, problems = grade_sheet(tmp_path, data, ["考核单元", "得分"], rows)
    assert problems.sorted() == []
    assert {k for k, v in by_id(period).items() if v.grade == "好"} == {"1", "3"}
    assert [u.scope for u in period.quotas] == ["A", "B"]


@pytest.mark.parametrize("where", ["scheme", "assessment"])
def test_scope_by_declared_input_column_even_with_a_unit(tmp_path, where):
    """A quota scoped by an input column must group by that column, not by people.unit."""
    inputs = [{"name": "类别", "type": "choice", "choices": ["甲", "乙"]}]
    data = quota_scheme(at_most="50%", scope="类别")
    data["people"] = {"unit": "考核单元"}
    if where == "scheme":
        data["inputs"] = inputs
    else:
        data["assessments"][0]["inputs"] = inputs
    rows = [
        ["1", "a", "办公室", "U", "95", "甲"],
        ["2", "b", "办公室", "U", "94", "甲"],
        ["3", "c", "办公室", "U", "93", "乙"],
        ["4", "d", "办公室", "U", "92", "乙"],
    ]
    period, problems = grade_sheet(tmp_path, data, ["考核单元", "得分", "类别"], rows)
    assert problems.sorted() == []
    assert {k for k, v in by_id(period).items() if v.grade == "好"} == {"1", "3"}
    assert sorted((u.scope, u.allowed, u.granted) for u in period.quotas) == sorted([("甲", 1, 1), ("乙", 1, 1)])


def test_at_least_minimum_warning(tmp_path):
    period, problems = grade_sheet(tmp_path, quota_scheme(at_least="20%"), ["得分"], seven(["85", "84", "83", "82", "80", "70", "50"]))
    (problem,) = problems.sorted()
    assert (problem.code, problem.severity.value) == ("quota-minimum-not-met", "warning")
    assert "7 人 × 20% = 1.4，向上取整为 2 人" in problem.message
    assert "实际 0 人" in problem.message
    assert period.quotas[0].minimum == 2


def test_quota_impossible_for_two_people_at_40_percent(tmp_path):
    rows = [["1", "甲", "办公室", "95"], ["2", "乙", "办公室", "91"]]
    period, problems = grade_sheet(tmp_path, quota_scheme(at_most="40%"), ["得分"], rows)
    (problem,) = problems.sorted()
    assert (problem.code, problem.severity.value) == ("quota-impossible", "warning")
    assert "2 人 × 40% = 0.8，向下取整为 0 人" in problem.message
    assert grades_of(period) == {"1": ("较好", "graded"), "2": ("较好", "graded")}


def test_base_graded_excludes_people_without_a_grade(tmp_path):
    data = quota_scheme(at_most="50%")
    data["inputs"] = [{"name": "试用期", "type": "yesno"}]
    data["assessments"][0]["overrides"] = [{"kind": "no_grade", "when": "试用期", "reason": "试用期不确定等次"}]
    rows = [
        ["1", "甲", "办公室", "95", ""],
        ["2", "乙", "办公室", "94", ""],
        ["3", "丙", "办公室", "93", "是"],
        ["4", "丁", "办公室", "92", "是"],
    ]
    period, _ = grade_sheet(tmp_path, data, ["得分", "试用期"], rows)
    (use,) = period.quotas
    assert (use.base, use.allowed) == (2, 1)
    data["assessments"][0]["quotas"][0]["base"] = "all"
    period, _ = grade_sheet(tmp_path / "all", data, ["得分", "试用期"], rows)
    (use,) = period.quotas
    assert (use.base, use.allowed) == (4, 2)


@pytest.mark.parametrize("written, share", [("40%", "0.4"), ("0.4", "0.4"), ("1", "1"), ("100%", "1"), ("0", "0")])
def test_a_share_is_read_as_written(written, share):
    from generator.scheme.policy import Quota

    assert Quota(grade="优秀", at_most=written).at_most == Decimal(share)


@pytest.mark.parametrize("written, words", [("140%", "应在 0% 到 100% 之间"), ("101%", "应在 0% 到 100% 之间"),
                                            ("40", "没有写百分号：请写成 40%"), ("2", "没有写百分号：请写成 2%"),
                                            ("-40%", "应在 0% 到 100% 之间")])
def test_a_share_over_one_or_without_its_percent_sign_is_refused_not_divided_by_100(written, words):
    """140% once became 1.4% and 2 became 2% while 1 meant 100%: the 公示 emptied under a warning."""
    from pydantic import ValidationError

    from generator.scheme.policy import Quota

    with pytest.raises(ValidationError) as caught:
        Quota(grade="优秀", at_most=written)
    assert words in str(caught.value)
