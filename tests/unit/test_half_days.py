"""A half day of leave is 0.5 天. Count columns were whole numbers only, so 病假 1.5 天 failed the check
with 「不是整数，只能填整数」: the office could only round the half day up or down, and grade it wrong.
Days and hours (天数, 日数, 小时数, 课时数, or unit_name 天) take one decimal; times, articles and people
stay whole; a scheme that counts whole days only says `whole: true`, and the handbook says which."""

from __future__ import annotations

import pytest

from tests.unit.helpers import by_id, codes, handbook_text, make_project, people_csv, run, simple_scheme
from tests.unit.test_problem_codes import BASE, check_text
from tests.unit.three_ways import compare

PER_DAY = {"code": "kq", "name": "考勤", "max": 10,
           "score": {"kind": "deduct", "start": 10, "deductions": [{"kind": "per_event", "column": "病假天数", "points": "0.2", "unit_name": "天"},
                                                              {"kind": "per_event", "column": "迟到次数", "points": 1}]}}
BY_COUNTS = {"kind": "penalty", "name": "出勤扣分", "counts": {"事假天数": "0.5", "迟到早退次数": "0.5"}, "cap": 10}


def _graded(tmp_path, scheme_data, columns, rows):
    make_project(tmp_path, scheme_data, {"Q1.csv": people_csv(rows, columns)})
    _, periods, problems = run(tmp_path)
    return periods, problems


def test_half_days_are_read_and_graded_exactly_by_items(tmp_path):
    periods, problems = _graded(tmp_path, simple_scheme(items=[PER_DAY], places=2), ["病假天数", "迟到次数"],
                                [["1", "甲", "办公室", "1.5", "0"], ["2", "乙", "办公室", "0.5", "1"], ["3", "丙", "办公室", "3", "0"]])
    assert [p for p in codes(problems) if p != "encoding-used"] == []
    assert {pid: str(p.total) for pid, p in by_id(periods[0]).items()} == {"1": "9.70", "2": "8.90", "3": "9.40"}
    assert compare(periods)["compiled"] == 3


def test_half_days_are_read_and_graded_exactly_by_counts(tmp_path):
    items = [{"code": "df", "name": "得分", "max": 100}]
    periods, problems = _graded(tmp_path, simple_scheme(items=items, adjustments=[BY_COUNTS], places=2), ["得分", "事假天数", "迟到早退次数"],
                                [["1", "甲", "办公室", "90", "2.5", "1"], ["2", "乙", "办公室", "90", "0.5", ""]])
    assert [p for p in codes(problems) if p != "encoding-used"] == []
    assert {pid: str(p.total) for pid, p in by_id(periods[0]).items()} == {"1": "88.25", "2": "89.75"}
    assert compare(periods)["compiled"] == 2


@pytest.mark.parametrize("cell", ["1.25", "0.75"])
def test_more_than_one_decimal_of_a_day_is_refused(tmp_path, cell):
    _, problems = _graded(tmp_path, simple_scheme(items=[PER_DAY]), ["病假天数", "迟到次数"], [["1", "甲", "办公室", cell, "0"]])
    assert "too-many-places" in codes(problems)


@pytest.mark.parametrize("column, cell", [("迟到次数", "1.5"), ("病假天数", "1.5")])
def test_times_stay_whole_and_whole_days_are_whole_when_the_scheme_says_so(tmp_path, column, cell):
    item = {**PER_DAY, "score": {**PER_DAY["score"], "deductions": [{**PER_DAY["score"]["deductions"][0], "whole": True}, PER_DAY["score"]["deductions"][1]]}}
    values = {"病假天数": "0", "迟到次数": "0", column: cell}
    _, problems = _graded(tmp_path, simple_scheme(items=[item]), list(values), [["1", "甲", "办公室", *values.values()]])
    assert "too-many-places" in codes(problems)
    adjusted = simple_scheme(items=[{"code": "df", "name": "得分", "max": 100}], adjustments=[{**BY_COUNTS, "whole": True}])
    _, problems = _graded(tmp_path / "counts", adjusted, ["得分", "事假天数"], [["1", "甲", "办公室", "90", "1.5"]])
    assert "too-many-places" in codes(problems)


def test_the_handbook_says_whether_half_days_count():
    text = handbook_text(simple_scheme(items=[PER_DAY], adjustments=[BY_COUNTS])).replace("\\.", ".")
    assert "每天 0.2 分（按「病假天数」计，可填一位小数（如半天填 0.5））" in text
    assert "每次 1 分（按「迟到次数」计）" in text
    assert "「事假天数」、「迟到早退次数」列填天数、次数，其中「事假天数」可填一位小数（如半天填 0.5））" in text
    whole = handbook_text(simple_scheme(items=[PER_DAY], adjustments=[{**BY_COUNTS, "whole": True}])).replace("\\.", ".")
    assert "列填天数、次数，只填整数）" in whole


def test_whole_without_counts_is_refused():
    problems = check_text(BASE + "    adjustments:\n      - {kind: bonus, name: 加分, whole: true}\n")
    assert codes(problems) == ["bad-value"] and "whole（只能填整数）只与 counts 一起写" in problems.sorted()[0].message


def test_the_words_of_a_refused_decimal_no_longer_say_days_are_whole(tmp_path):
    """Half days are read now: 「是次数或天数，只能填整数」 and the guide's 「次数和天数只填整数」 told the office a 0.5 天 was wrong."""
    from generator.core.codes import CODES

    _, problems = _graded(tmp_path, simple_scheme(items=[PER_DAY]), ["病假天数", "迟到次数"], [["1", "甲", "办公室", "0", "0.5"]])
    found = [p for p in problems.sorted() if p.code == "too-many-places"]
    assert len(found) == 1 and "「迟到次数」只能填整数（次数、件数，或方案规定按整天计的天数）" in found[0].message, found
    info = CODES["too-many-places"]
    assert "天数只填整数" not in info.fix and "半天填 0.5" in info.fix and "天数、小时数最多一位小数" in info.title
