"""One department written two ways in one sheet — 办公室 and 办 公 室 (padded to line up), 办公室（党办） and
办公室(党办) — in an agency.yaml without a departments list: read as two departments, so the department's
summary, its share of a quota by department and its people's comparisons split in two without a word.
Mutation style: the clean office sheet (test_office_sheets.py) with one person's department respelled."""

from __future__ import annotations

import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME


def problems_of(root, departments: dict[str, str]):
    rows = [[*row[:2], departments.get(row[0], row[2]), *row[3:]] for row in CLEAN_ROWS]
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)}, departments=[])
    return run(root)[2]


@pytest.mark.parametrize("first, other", [("办公室", "办 公 室"), ("办公室（党办）", "办公室(党办)"), ("办公室", "办公室　")])
def test_a_department_written_two_ways_fails_at_the_rarer_spelling(tmp_path, first, other):
    problems = problems_of(tmp_path, {"0001": first, "0004": other})
    found = [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"]
    if other.strip() == first:  # a blank at the end is no other spelling: stripped as every cell is
        assert found == []
        return
    assert found == [(5, "C", "department-spelled-two-ways")]
    message = problems.errors[0].message
    assert f"「{first}」" in message and f"「{other}」" in message and "两个部门" in message


def test_departments_that_differ_by_more_than_blanks_and_widths_pass(tmp_path):
    problems = problems_of(tmp_path, {"0001": "办公室", "0004": "综合办公室"})
    assert [p.code for p in problems.sorted() if p.severity.value == "error"] == []


def test_with_a_departments_list_the_spelling_not_in_it_is_named_once(tmp_path):
    rows = [[*row[:2], "办 公 室" if row[0] == "0004" else row[2], *row[3:]] for row in CLEAN_ROWS]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    problems = run(tmp_path)[2]
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"] == [(5, "C", "unknown-department")]


def test_a_department_spelled_apart_in_two_periods_is_warned_once(tmp_path):
    rows = [list(r) for r in CLEAN_ROWS]
    q2 = [[*r[:2], "办 公 室" if r[2] == "办公室" else r[2], *r[3:]] for r in rows]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows), "Q2.csv": csv_text(CLEAN_HEADER, q2),
                                           "Q3.csv": csv_text(CLEAN_HEADER, q2)}, departments=[])
    problems = run(tmp_path)[2]
    found = [(p.file, p.line, p.column, p.code, p.severity.value) for p in problems.sorted() if p.code == "department-spelled-two-ways"]
    assert found == [("content/ag/t1/2025/Q2.csv", 2, "C", "department-spelled-two-ways", "warning")]
    assert "「办公室」" in problems.warnings[0].message and "第一季度" in problems.warnings[0].message
