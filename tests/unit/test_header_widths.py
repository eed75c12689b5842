"""A header and the name it is matched with written in other widths: 工号（人事） in agency.yaml's columns and
工号(人事) in the sheet (one period's template typed with a Chinese input method, the next one's without), ％
and %, Ｂ and B. The mapping was not found: header-not-found for the ID's own column, unknown-column and
missing-column for any other, and an unused-mapping warning saying the sheet had no such column. Mutation style
on the clean sheet (test_office_sheets.py): each grades as the clean sheet, with no problem."""

from __future__ import annotations

import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, agency_with, clean, results


@pytest.mark.parametrize("mapping, column, header", [
    ("{工号（人事）: 编号}", "编号", "工号(人事)"),
    ("{工号(人事): 编号}", "编号", "工号（人事）"),
    ("{加分（含表彰）: 加分}", "加分", "加分(含表彰)"),
    ("{ＢＯＮＵＳ: 加分}", "加分", "BONUS"),
    ("{出勤率(%): 出勤率}", "出勤率", "出勤率（％）"),
])
def test_a_mapping_and_a_header_in_other_widths_match(tmp_path, mapping, column, header):
    expected = clean(tmp_path / "clean")
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text([header if h == column else h for h in CLEAN_HEADER], CLEAN_ROWS)})
    agency_with(root, f"columns: {mapping}")
    _, _, problems = run(root)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == []
    assert results(root) == expected


def test_a_scheme_column_written_in_full_width_matches_its_half_width_header(tmp_path):
    """A scheme's input named 表现突出（Ａ类） and a sheet whose header says 表现突出(A类): unknown-column and missing-column."""
    import copy

    scheme = copy.deepcopy(OFFICE_SCHEME)
    for entry in scheme["assessments"][0]["inputs"]:
        if entry["name"] == "表现突出":
            entry["name"] = "表现突出（Ａ类）"
    make_project(tmp_path, scheme, {"Q1.csv": csv_text(["表现突出(A类)" if h == "表现突出" else h for h in CLEAN_HEADER], CLEAN_ROWS)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == []


def test_an_ignored_column_written_in_other_widths_is_ignored(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text([*CLEAN_HEADER, "岗位津贴(元)"], [[*r, "300"] for r in CLEAN_ROWS])})
    agency_with(tmp_path, "ignore_columns: [岗位津贴（元）]")
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == []
