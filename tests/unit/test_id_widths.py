"""One ID padded to two widths in two periods (工号 0001 in the first quarter, 001 in the second): the same
person, who would be graded as two — the year's roll-up splitting their quarters — without a word, since
neither spelling is an ID a spreadsheet stripped of all its zeros. Mutation style on the clean sheet."""

from __future__ import annotations

import copy

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME


def _two_quarters(tmp_path, first: list[str], second: list[str]):
    """Q1 and Q2 of the clean sheet with the IDs given, in order of its people."""
    files = {}
    for label, ids in (("Q1", first), ("Q2", second)):
        rows = copy.deepcopy(CLEAN_ROWS)
        for row, pid in zip(rows, ids, strict=True):
            row[0] = pid
        files[f"{label}.csv"] = csv_text(CLEAN_HEADER, rows)
    make_project(tmp_path, OFFICE_SCHEME, files)
    _, _, problems = run(tmp_path)
    return problems


def test_an_id_with_fewer_leading_zeros_than_in_another_quarter_is_reported(tmp_path):
    problems = _two_quarters(tmp_path, ["0001", "0002", "0003", "0004"], ["001", "0002", "0003", "0004"])
    found = [(p.file, p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"]
    assert found == [("content/ag/t1/2025/Q2.csv", 2, "A", "id-lost-zeros")]
    message = next(p.message for p in problems.sorted() if p.code == "id-lost-zeros")
    assert "「001」" in message and "「0001」" in message and "前导 0 的个数不同" in message


def test_the_width_most_ids_share_is_the_one_meant_whichever_quarter_comes_first(tmp_path):
    problems = _two_quarters(tmp_path, ["00001", "0002", "0003", "0004"], ["0001", "0002", "0003", "0004"])
    found = [(p.file, p.line, p.code) for p in problems.sorted() if p.severity.value == "error"]
    assert found == [("content/ag/t1/2025/Q1.csv", 2, "id-lost-zeros")]
    assert "「0001」" in next(p.message for p in problems.sorted() if p.code == "id-lost-zeros")


def test_two_widths_in_one_quarter_are_two_people_and_one_width_throughout_is_no_slip(tmp_path):
    """001 and 0001 side by side in one sheet are two people (as 1 and 0001 are); 001 … 004 every quarter is
    the office's own width."""
    assert [p.code for p in _two_quarters(tmp_path / "side", ["0001", "001", "0003", "0004"], ["0001", "001", "0003", "0004"]).sorted()
            if p.severity.value == "error"] == []
    assert [p.code for p in _two_quarters(tmp_path / "three", ["001", "002", "003", "004"], ["001", "002", "003", "004"]).sorted()
            if p.severity.value == "error"] == []
