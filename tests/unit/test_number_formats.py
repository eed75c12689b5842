"""Number formats that make a cell show otherwise than it holds, beyond fewer decimals (number-shown-rounded):
;;; shows nothing, a section of literal text shows a word or another number ([>=60]0;"不及格", "95"), a
literal digit beside the number ("1"0 shows 185 for 85). What is printed and checked is not what is
graded: each fails at its cell, in the office's sheet (tests/unit/test_office_sheets.py), and the formats
that show what the cell holds (0"分", 0;-0;"—" for a zero, a text section with @) pass."""

from __future__ import annotations

import pytest

from generator.sheets.number_formats import shown_otherwise
from tests.unit.helpers import places
from tests.unit.test_office_layout import errors
from tests.unit.test_office_sheets import clean, results
from tests.unit.test_sheet_slips import edited, xlsx_problems


@pytest.mark.parametrize("number_format, value, shown", [
    (";;;", 18, ""), ('"18"', 15, "18"), ('[>=60]0;"不及格"', 55, "不及格"), ('0;-0;"—"', 0, "—"),
    ('"1"0', 8, "18"), ('0"分";;"无"', 0, "无"), ('[=1]"是";[=0]"否"', 1, "是"), ("0;;;", -3, ""),
    ("G/通用格式;;", 0, ""), ('@;;;', 5, None),
])
def test_what_a_format_shows_when_it_is_not_the_number(number_format, value, shown):
    assert shown_otherwise(number_format, value) == shown


@pytest.mark.parametrize("number_format, value", [
    ("0", 18), ("0.0", 18.5), ('0"分"', 18), ("0分", 18), ('[>=60]0;"不及格"', 85), ("0;-0;0", -3), ("0.0_);[Red]\\(0.0\\)", -3.5),
    ("General", 18), ("G/通用格式", 18), ("0%", 0.5), ("yyyy-mm-dd", 45000), ("# ?/?", 0.5), ("0.00E+00", 18), ('0;-0;"—"', 5),
    ("#,##0", 1800), ("@", 18), ("[Red]0", 18), ("[$-804]0", 18), ('0"名"', 3), ('"第"0"名"', 3),
    # Excel's and WPS's 会计专用 and 货币 formats, and Chinese numerals: the number all the same
    ('_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ', 85), ('_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ', 0),
    ("¥#,##0.00;¥-#,##0.00", -3), ("[DBNum1][$-804]G/通用格式", 85), ('"1"0', float("inf")), ('"1"0', float("nan")),
])
def test_formats_that_show_the_number(number_format, value):
    assert shown_otherwise(number_format, value) is None


@pytest.mark.parametrize("number_format, text, shown", [(";;;", "表彰:3", ""), ('0;0;0;"无"', "表彰:3", "无")])
def test_a_text_cell_hidden_by_its_format(number_format, text, shown):
    assert shown_otherwise(number_format, text) == shown


@pytest.mark.parametrize("column, value, number_format", [
    (5, 18, ";;;"),  # 德 hidden: the sheet shows an empty cell, 18 is graded
    (6, 15, '"20"'),  # 能 shows 20, holds 15
    (7, 30, '[>=60]0;"不合格"'),  # 绩 shows 不合格
    (11, 2, '[>0]"有";"无"'),  # 通报次数 shows 有, holds 2
    (8, "表彰:3", ";;;"),  # 加分事项 hidden text
])
def test_a_cell_whose_format_shows_otherwise_fails_at_the_cell(tmp_path, column, value, number_format):
    def change(ws):
        ws.cell(row=5, column=column).value = value
        ws.cell(row=5, column=column).number_format = number_format
    problems = xlsx_problems(tmp_path, edited(change))
    letter = "ABCDEFGHIJK"[column - 1]
    assert errors(problems) == [(5, letter, "cell-shows-otherwise")]
    (problem,) = [p for p in problems.sorted() if p.code == "cell-shows-otherwise"]
    assert "常规" in problem.message and "显示" in problem.message


@pytest.mark.parametrize("number_format", ['0"分"', '0;-0;"—"', '0;-0;;@', '[<0]"负数";0', "G/通用格式", '0;-0;"无"'])
def test_a_format_showing_what_the_cell_holds_grades_as_the_clean_sheet(tmp_path, number_format):
    """李四's 通报次数 0 shown as — or as nothing, his 德 15 as 15分: what is shown is what is graded."""
    expected = clean(tmp_path / "clean")

    def change(ws):
        for column in (5, 6, 7, 11):
            ws.cell(row=5, column=column).number_format = number_format
    root = tmp_path / "office"
    problems = xlsx_problems(root, edited(change))
    assert places(problems, "cell-shows-otherwise") == []
    assert results(root) == expected


# --------------------------------------------------------------------------- a value in white on white


@pytest.mark.parametrize("color", [{"rgb": "FFFFFFFF"}, {"theme": 0}])
def test_a_score_in_white_font_on_no_fill_fails_at_the_cell(tmp_path, color):
    """李四's 德 typed in white: the printed sheet shows an empty cell, 15 is graded."""
    from openpyxl.styles import Color, Font

    def change(ws):
        ws["E5"].font = Font(color=Color(**color))
    problems = xlsx_problems(tmp_path, edited(change))
    assert errors(problems) == [(5, "E", "cell-shows-otherwise")]
    assert "白色" in next(p.message for p in problems.sorted() if p.code == "cell-shows-otherwise")


def test_white_font_on_a_dark_fill_or_outside_the_people_passes(tmp_path):
    from openpyxl.styles import Font, PatternFill

    def change(ws):
        ws["E5"].font = Font(color="FFFFFFFF")
        ws["E5"].fill = PatternFill("solid", fgColor="FF1F4E79")
        ws["L6"].font = Font(color="FFFFFFFF")  # 联系电话: not read
    assert errors(xlsx_problems(tmp_path, edited(change))) == []


# --------------------------------------------------------------------------- an ID shown with a prefix


@pytest.mark.parametrize("number_format, shown", [('"GH"0000', "GH0002"), ("\\A000", "A002"), ('"2025"0000', "20250002"), ("0000", "0002")])
def test_an_id_number_shown_with_a_prefix_is_the_id_excel_shows(tmp_path, number_format, shown):
    """工号 typed as 2 and formatted "GH"0000 shows GH0002: that is the ID the office and its other files use."""
    from tests.unit.helpers import run

    def change(ws):
        ws["B5"] = 2
        ws["B5"].number_format = number_format
    xlsx_problems(tmp_path, edited(change))
    _, (period,), _ = run(tmp_path)
    assert [p.id for p in period.people] == ["0001", shown, "0003", "0004"]


@pytest.mark.parametrize("number_format, value, decimals", [
    ("[>=60]0.00;0", 55.5, 0), ("[>=60]0.00;0", 65.5, 2), ("0;-0.0", -2.55, 1), ("0.0_);[Red]\\(0.0\\)", -2.55, 1),
    ("0.0;-0.0", 2.55, 1), ("0", 2.5, None), ('0;-0;"—"', 0.5, 0), ('[>=60]0;"不及格"', 55.5, None),
])
def test_the_decimals_shown_by_the_section_a_value_falls_in(number_format, value, decimals):
    from generator.sheets.number_formats import shown_decimals

    assert shown_decimals(number_format, value) == decimals


@pytest.mark.parametrize("number_format, value", [
    ('0.0"/100"', 1e300), ('"1"0', 1e30), ('"1"0.00', 1.5e26), ('0.0;"-"0.0', -1e300), ("0.0;[红色]-0.0", float("nan")),
])
def test_a_huge_number_in_a_cell_whose_format_shows_literal_digits_raises_nothing(number_format, value):
    """A number of Excel's range (1E+300) typed in a cell formatted 0.0"/100": 四舍五入 at the shown decimals went
    over Decimal's 28 digits (InvalidOperation, a traceback); the value is left to the column's checks."""
    from generator.sheets.number_formats import shown_decimals

    shown_otherwise(number_format, value)
    shown_decimals(number_format, value)


def test_a_huge_score_formatted_with_a_literal_digit_is_over_the_maximum(tmp_path):
    def change(ws):
        ws["E5"] = 1e300
        ws["E5"].number_format = '0.0"/20"'
    problems = xlsx_problems(tmp_path, edited(change))
    assert [(row, column) for row, column, _ in errors(problems)] == [(5, "E")]  # an error at the cell, no traceback


def test_a_header_cell_of_ten_thousand_marks_is_read_at_once():
    """*** … *y in a header cell (a row of stars pasted as a divider): stripping the trailing marks tried a match
    from every one of them — seconds a cell, minutes a sheet."""
    import time

    from generator.sheets.header import _NOTE_RE

    started = time.monotonic()
    assert _NOTE_RE.sub("", "德" + "*" * 9_998 + "y") == "德" + "*" * 9_998 + "y"
    assert _NOTE_RE.sub("", "德" + "*" * 9_999) == "德" and _NOTE_RE.sub("", "姓名：") == "姓名"
    assert time.monotonic() - started < 0.2
