"""A count of days cannot exceed the days of its period: 病假天数 95 in a first quarter of 90 days is a slip
(a date typed as a number, 9.5 without its point, a year's total in a quarter's sheet) that would be graded
as it stands. A count of times more than the period's days (迟到次数 120 in a quarter) is warned: once a day
on average is no count an office keeps. Mutation style on the clean office sheet (test_office_sheets.py)."""

from __future__ import annotations

import copy

import pytest

from generator.scheme.periods import period_days
from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME

SCHEME = copy.deepcopy(OFFICE_SCHEME)
SCHEME["assessments"][0]["inputs"].append({"name": "病假天数", "type": "number", "places": 0, "min": 0, "required": False})
SCHEME["assessments"][0]["overrides"].append({"kind": "cap", "when": "病假天数 > 30", "grade": "一般", "reason": "病假超过 30 天的不得高于一般"})


def problems_of(root, days: list[str], label: str = "Q1", counts: list[str] | None = None):
    rows = [[*row[:-1], counts[n] if counts else row[-1], days[n]] for n, row in enumerate(CLEAN_ROWS)]
    make_project(root, SCHEME, {f"{label}.csv": csv_text([*CLEAN_HEADER, "病假天数"], rows)})
    return run(root)[2]


def found(problems):
    return [(p.line, p.column, p.code, p.severity.value) for p in problems.sorted() if p.code == "count-over-period"]


@pytest.mark.parametrize("year, label, days", [(2025, "Q1", 90), (2024, "Q1", 91), (2025, "Q3", 92), (2025, "H2", 184),
                                               (2024, "Y", 366), (2025, "M02", 28), (2025, "M12", 31)])
def test_the_days_of_a_period(year, label, days):
    assert period_days(year, label) == days


def test_days_within_the_period_pass(tmp_path):
    assert found(problems_of(tmp_path, ["0", "90", "3", ""])) == []


def test_more_days_than_the_quarter_has_fail_at_the_cell(tmp_path):
    problems = problems_of(tmp_path, ["0", "91", "3", ""])
    assert found(problems) == [(3, "L", "count-over-period", "error")]
    message = next(p.message for p in problems.sorted() if p.code == "count-over-period")
    assert "91" in message and "90 天" in message and "第一季度" in message


def test_more_times_than_the_quarter_has_days_are_warned(tmp_path):
    problems = problems_of(tmp_path, ["0", "0", "0", "0"], counts=["0", "0", "0", "120"])
    assert found(problems) == [(5, "K", "count-over-period", "warning")]


def test_a_column_of_the_year_so_far_is_held_to_the_days_since_january(tmp_path):
    """全年病假天数 in the third quarter's sheet counts from 1 January (273 days), not the quarter's 92."""
    scheme = copy.deepcopy(SCHEME)
    scheme["assessments"][0]["inputs"][-1]["name"] = "全年病假天数"
    scheme["assessments"][0]["overrides"][-1]["when"] = "全年病假天数 > 30"

    def check(root, days):
        rows = [[*row, days[n]] for n, row in enumerate(CLEAN_ROWS)]
        make_project(root, scheme, {"Q3.csv": csv_text([*CLEAN_HEADER, "全年病假天数"], rows)})
        return found(run(root)[2])
    assert check(tmp_path / "so-far", ["0", "150", "273", ""]) == []
    assert check(tmp_path / "over", ["0", "274", "3", ""]) == [(3, "L", "count-over-period", "error")]


@pytest.mark.parametrize("name", ["接待群众人次", "民主测评名次", "授课节次", "服务户次", "检查批次"])
def test_a_count_of_people_times_or_a_rank_is_no_count_of_the_persons_times(tmp_path, name):
    """接待群众人次 150 in a quarter (people received, not times a day), 民主测评名次 120 (a rank among 150),
    授课节次 (four classes a day): ending in 次, they were warned as 平均每天不止一次 — a warning on a legitimate
    count that a --strict build refuses."""
    scheme = copy.deepcopy(SCHEME)
    scheme["assessments"][0]["inputs"][-1]["name"] = name
    scheme["assessments"][0]["overrides"].pop()
    rows = [[*row, ["0", "150", "120", ""][n]] for n, row in enumerate(CLEAN_ROWS)]
    make_project(tmp_path, scheme, {"Q1.csv": csv_text([*CLEAN_HEADER, name], rows)})
    assert found(run(tmp_path)[2]) == []


@pytest.mark.parametrize("name", ["连续病假天数", "连续离岗天数"])
def test_a_continuous_span_may_have_begun_before_the_period(tmp_path, name):
    """连续病假天数 120 in the first quarter's sheet: on sick leave since last November, which is what a
    「连续病假超过 90 天」 condition asks. It was an error, 不可能有这么多天; no period bounds a continuous span."""
    scheme = copy.deepcopy(SCHEME)
    scheme["assessments"][0]["inputs"][-1]["name"] = name
    scheme["assessments"][0]["overrides"][-1]["when"] = f"{name} > 90"
    rows = [[*row, ["0", "120", "3", ""][n]] for n, row in enumerate(CLEAN_ROWS)]
    make_project(tmp_path, scheme, {"Q1.csv": csv_text([*CLEAN_HEADER, name], rows)})
    assert found(run(tmp_path)[2]) == []


def test_a_count_of_the_persons_own_duty_shifts_is_still_warned(tmp_path):
    """值班次数 ends in 班次数 but counts the person's own shifts: 120 in a quarter is still warned."""
    scheme = copy.deepcopy(SCHEME)
    scheme["assessments"][0]["inputs"][-1]["name"] = "值班次数"
    scheme["assessments"][0]["overrides"].pop()
    rows = [[*row, ["0", "120", "3", ""][n]] for n, row in enumerate(CLEAN_ROWS)]
    make_project(tmp_path, scheme, {"Q1.csv": csv_text([*CLEAN_HEADER, "值班次数"], rows)})
    assert found(run(tmp_path)[2]) == [(3, "L", "count-over-period", "warning")]
