"""The lines an office writes under its people for signing and stamping (领导签字：, 单位（盖章）：, 日期：…,
经办人：李四, 以上共 4 人). In the ID column of a CSV (no 序号 column before it) each was read as a person named
nothing, with five errors none of which said what the row was. A label with a colon is no ID and no name:
such a row is a note. Mutation style on the clean sheet; a person row with only an ID is still reported."""

from __future__ import annotations

import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, results

BLANK = [""] * (len(CLEAN_HEADER) - 1)


@pytest.mark.parametrize("line", [["领导签字："], ["单位（盖章）：", "", "日期：2025年4月1日"], ["经办人：李四", "", "", "审批人:王五"],
                                  ["考核委员会意见：同意"], ["以上共4人"], ["打印时间：2025-04-01 10:00"]])
def test_a_sign_off_line_under_the_people_is_no_person(tmp_path, line):
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, [*CLEAN_ROWS, [], [*line, *BLANK[len(line) - 1:]]])})
    assert results(root) == clean(tmp_path / "clean")


def test_a_row_with_only_an_id_is_still_a_person_to_report(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, [*CLEAN_ROWS, ["0005", *BLANK]])})
    _, _, problems = run(tmp_path)
    assert (6, "B", "missing-value") in [(p.line, p.column, p.code) for p in problems.sorted()]


@pytest.mark.parametrize("heading", ["机关科室", "事业单位人员", "局领导", "2025年第一季度考核表（续）"])
def test_a_heading_between_the_people_is_one_warning_not_a_person_with_five_errors(tmp_path, heading):
    """机关科室 on a line of its own between the people, in the ID column (one cell, no 一、 before it): it was
    read as a person of ID 机关科室 with no name, department or scores, five errors none of which said what the
    row was. It is a heading, not read, and said so once (a warning: a person cut to one cell would be named)."""
    rows = [*CLEAN_ROWS[:2], [heading, *BLANK], *CLEAN_ROWS[2:]]
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(root)
    assert [(p.line, p.column, p.code, p.severity.value) for p in problems.sorted()] == [(4, "A", "section-heading", "warning")]
    assert f"「{heading}」" in problems.sorted()[0].message
    assert results(root) == clean(tmp_path / "clean")


def test_a_heading_merged_across_the_row_passes_without_a_word(tmp_path):
    """事业单位人员 in the ID column of an .xlsx, merged across the row: as plainly a heading as one in the 序号 column."""
    from tests.unit.test_office_sheets import office_agency
    from tests.unit.test_sheet_slips import edited

    def heading(ws):
        ws.insert_rows(6)
        ws["B6"] = "事业单位人员"
        ws.merge_cells("B6:M6")
    make_project(tmp_path / "office", OFFICE_SCHEME, {"Q1.xlsx": edited(heading)})
    office_agency(tmp_path / "office")
    _, _, problems = run(tmp_path / "office")
    assert problems.sorted() == []
    assert results(tmp_path / "office") == clean(tmp_path / "clean")


def test_a_numbered_heading_passes_without_a_word(tmp_path):
    rows = [*CLEAN_ROWS[:2], ["二、事业单位", *BLANK], *CLEAN_ROWS[2:]]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path)
    assert problems.sorted() == []


# --------------------------------------------------------------------------- a department merged in Excel, then saved as CSV


def test_departments_left_blank_under_one_are_one_problem_saying_why(tmp_path):
    """办公室 merged over four people in Excel and saved as CSV keeps it in the first row only: three bare
    「…的科室为空。」 said neither why nor how to fix it."""
    rows = [[*r] for r in CLEAN_ROWS]
    for row in rows[1:]:
        row[2] = ""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(3, "C", "missing-value")]
    message = problems.sorted()[0].message
    assert "第 3—5 行" in message and "「办公室」" in message and "Ctrl+D" in message
    assert sum(problems.follow_ons().values()) == 2


def test_a_blank_department_with_none_above_is_reported_on_its_own_row(tmp_path):
    rows = [[*r] for r in CLEAN_ROWS]
    rows[0][2] = ""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "C", "missing-value")]
    assert "请填写" in problems.sorted()[0].message


# --------------------------------------------------------------------------- Excel's sep= line


def test_rows_after_a_sep_line_are_numbered_as_excel_shows_them(tmp_path):
    """Excel reads a first line sep=, as a setting and shows the sheet from the next line: 张三 is on row 2
    there, and was reported on row 3."""
    rows = [[*r] for r in CLEAN_ROWS]
    rows[0][3] = "18分"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": "sep=,\r\n" + csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "D", "not-a-number")]


def test_a_person_whose_id_holds_a_colon_is_still_read(tmp_path):
    rows = [[*r] for r in CLEAN_ROWS]
    rows[0][0] = "GH:0001"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, periods, _ = run(tmp_path)
    assert "GH:0001" in {r.person.id for r in periods[0].people}


def test_two_labels_side_by_side_are_one_sign_off_line(tmp_path):
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, [*CLEAN_ROWS, ["经办人：李四", "领导签字：", *BLANK[1:]]])})
    assert results(root) == clean(tmp_path / "clean")
