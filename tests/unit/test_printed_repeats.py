"""What a sheet laid out for printing repeats between its people: the title and the header at the top of
every page. A one-row header repeated was skipped already; a two-row header (考核得分 merged over 德 能 绩)
repeated was called another header with other columns, and its lower row a person without an ID; a title
repeated in the ID column was read as a person named nothing. Mutation style: each grades like the clean
sheet; a repeat whose columns really differ still fails."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, office_agency, office_xlsx, results

TITLE = "某局2025年第一季度平时考核评分表"


def _office_with_top_repeated(sub: tuple[str, str, str] = ("德", "能", "绩")) -> bytes:
    """office_xlsx() (title row 1, header rows 2–3, people from row 4) with rows 1–3 repeated after the
    second person, as a sheet made to print two people a page; `sub`: the repeated lower header's E–G."""
    workbook = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    sheet = workbook.active
    sheet.insert_rows(6, 3)
    for column in range(1, 14):
        for source, target in ((1, 6), (2, 7), (3, 8)):
            sheet.cell(row=target, column=column).value = sheet.cell(row=source, column=column).value
    for column, text in zip((5, 6, 7), sub, strict=True):
        sheet.cell(row=8, column=column).value = text
    sheet.merge_cells(start_row=6, start_column=1, end_row=6, end_column=13)
    sheet.merge_cells(start_row=7, start_column=5, end_row=7, end_column=7)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _errors(root):
    _, _, problems = run(root)
    return [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"]


def test_a_two_row_header_repeated_for_printing_is_skipped(tmp_path):
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.xlsx": _office_with_top_repeated()})
    office_agency(root)
    assert results(root) == clean(tmp_path / "clean")


def test_a_two_row_header_repeated_with_its_columns_in_another_order_still_fails(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": _office_with_top_repeated(("能", "德", "绩"))})
    office_agency(tmp_path)
    assert _errors(tmp_path) == [(8, "E", "header-repeated")]


def test_a_title_and_header_repeated_in_a_csv_are_skipped(tmp_path):
    title = [TITLE] + [""] * (len(CLEAN_HEADER) - 1)
    rows = [CLEAN_HEADER, *CLEAN_ROWS[:2], title, CLEAN_HEADER, *CLEAN_ROWS[2:]]
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(title, rows)})
    assert results(root) == clean(tmp_path / "clean")


def test_a_row_below_the_header_that_is_not_the_title_is_still_a_person_to_report(tmp_path):
    """Only a row the same as a row above the header is a repeated title: another text in the ID column
    with no name is still reported."""
    title = [TITLE] + [""] * (len(CLEAN_HEADER) - 1)
    other = ["某局2025年第二季度平时考核评分表"] + [""] * (len(CLEAN_HEADER) - 1)
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(title, [CLEAN_HEADER, *CLEAN_ROWS[:2], other, *CLEAN_ROWS[2:]])})
    assert (5, "B", "missing-value") in _errors(tmp_path)


# --------------------------------------------------------------------------- a form's row of column numbers under the header


@pytest.mark.parametrize("numbers", [
    [str(i) for i in range(1, 12)],  # 1 2 3 … under every column
    ["甲", "乙", "丙", *(str(i) for i in range(1, 9))],  # text columns lettered 甲 乙 丙, number columns numbered
    [f"({i})" for i in range(1, 12)],
    ["栏次", *(str(i) for i in range(1, 11))],
])
def test_a_row_of_column_numbers_under_the_header_is_no_person(tmp_path, numbers):
    """Government forms number their columns in a row under the header (栏次): it was read as a person
    「1」 named 「2」 of department 「3」, with up to nine errors none of which said what the row was."""
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, [numbers, *CLEAN_ROWS])})
    assert results(root) == clean(tmp_path / "clean")


def test_numbers_that_do_not_count_up_are_still_read_as_a_person(tmp_path):
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, [["1", "2", "3", "5"], *CLEAN_ROWS])})
    assert (2, "B", "name-is-number") in _errors(tmp_path)


# --------------------------------------------------------------------------- a heading merged over sub-columns that are not the scheme's


def test_a_column_under_a_merged_heading_says_so_not_that_a_csv_comma_shifted_it(tmp_path):
    """加分项 merged over 事由 | 分值, where the scheme reads one 加分 column of 事由:分值: the 分值 column was
    「没有表头」 with the CSV comma explanation, in an .xlsx."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["编号", "姓名", "科室", "德", "能", "绩", "加分项", None, "试用期", "表现突出", "出勤率", "通报次数"])
    sheet.append([None] * 6 + ["事由", "分值"] + [None] * 4)
    sheet.merge_cells("G1:H1")
    for row in CLEAN_ROWS:
        sheet.append([*row[:3], int(row[3]), int(row[4]), int(row[5]), "表彰" if row[6] else None, 2 if row[6] else None,
                      row[7], row[8], int(row[9]), int(row[10])])
    out = io.BytesIO()
    workbook.save(out)
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": out.getvalue()})
    _, _, problems = run(tmp_path)
    (headless,) = [p for p in problems.sorted() if p.code == "cell-without-header"]
    assert (headless.line, headless.column) == (3, "H")
    assert "合并的表头「加分项」（G1:H1）" in headless.message and "逗号" not in headless.message
