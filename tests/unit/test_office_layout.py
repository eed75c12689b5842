"""Sheets as an office's Excel/WPS really leaves them, each with one slip that used to pass `check`
silently (or with a misleading word): merged cells across people, hidden columns, a spreadsheet's error
values (#N/A of a VLOOKUP that found nothing), a department first whose name begins like a 合计/审核 row,
a formula whose result is empty text, digits split by a blank, semicolon CSV. Mutation style: the clean
office sheet (tests/unit/test_office_sheets.py) with one thing broken gives its code at its cell, or
grades exactly like the clean sheet."""

from __future__ import annotations

import copy
import csv
import io
import zipfile

import openpyxl
import pytest

from generator.core.numbers import NotANumber, parse_decimal
from tests.unit.helpers import DEPARTMENTS, csv_text, make_project, people_csv, places, run, simple_scheme, xlsx_bytes
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, office_agency, office_xlsx, results
from tests.unit.test_sheet_slips import edited, patched, xlsx_problems

# office_xlsx(): title row 1, header rows 2–3, people in rows 4–7 (0001 … 0004), 合计 in row 8; columns
# A 序号 B 工号 C 姓名 D 部门 E 德 F 能 G 绩 H 加分事项 I 标记 J 出勤率 K 通报次数 L 联系电话 M 备注


def book(change) -> bytes:
    """The office workbook changed by change(its sheet, the workbook)."""
    workbook = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    change(workbook.active, workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def errors(problems):
    return [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"]


# --------------------------------------------------------------------------- merged cells across people


def test_a_bonus_merged_over_two_people_fails_at_the_range(tmp_path):
    """李四 sees 表彰:3 beside him in Excel; the file holds it in H4 only: he was read with no bonus."""
    def merge(ws):
        ws["H4"] = "表彰:3"
        ws.merge_cells("H4:H5")
    problems = xlsx_problems(tmp_path, edited(merge))
    assert errors(problems) == [(4, "H", "merged-cells")]
    message = next(p.message for p in problems.sorted() if p.code == "merged-cells")
    assert "H4:H5" in message and "李四" in message and "取消合并" in message


def test_a_department_merged_down_is_one_problem_not_an_empty_department(tmp_path):
    def merge(ws):
        ws["D7"] = "办公室"
        ws.merge_cells("D6:D7")
    problems = xlsx_problems(tmp_path, edited(merge))
    assert errors(problems) == [(6, "D", "merged-cells")]
    assert sum(problems.follow_ons().values()) == 1  # 赵六's empty department only follows from it


def test_merged_cells_outside_people_and_read_columns_pass(tmp_path):
    """The title row, the two-row header, the 合计 row and a remark merged across columns are no slip."""
    def merge(ws):
        ws["M4"] = "备注一"
        ws.merge_cells("L4:M5")  # 联系电话 and 备注: columns Kaohe does not read
        ws.merge_cells("A8:D8")
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": edited(merge)})
    office_agency(tmp_path)
    assert results(tmp_path) == clean(tmp_path / "clean")


# --------------------------------------------------------------------------- hidden columns


def test_a_hidden_read_column_is_warned_and_read(tmp_path):
    def hide(ws):
        ws.column_dimensions["K"].hidden = True  # 通报次数
        ws.column_dimensions["L"].hidden = True  # 联系电话: not read, not warned
    problems = xlsx_problems(tmp_path, edited(hide))
    assert places(problems) == [(3, "K", "column-hidden")]
    assert problems.sorted()[0].severity.value == "warning"


def test_a_hidden_column_no_scheme_reads_says_it_is_hidden(tmp_path):
    """Last quarter's scores kept in a hidden column N: unknown-column told the office of a 「上季度得分」 column it
    cannot see in Excel, and how to add it to the scheme; the column is hidden, which is what it must hear."""
    def hide(ws):
        ws["N2"] = "上季度得分"
        for row in range(4, 8):
            ws[f"N{row}"] = 88
        ws.column_dimensions["N"].hidden = True
    problems = xlsx_problems(tmp_path, edited(hide))
    assert errors(problems) == [(2, "N", "unknown-column")]
    assert "隐藏" in problems.sorted()[0].message and "取消隐藏" in problems.sorted()[0].message


def test_a_read_column_twice_one_of_them_hidden_names_the_hidden_one(tmp_path):
    """德 of last quarter kept in a hidden column beside this quarter's: 「删去其中一列」 left the office to guess
    which of two 德 columns, one of them out of sight, Kaohe meant."""
    def hide(ws):
        ws["N3"] = "德"
        for row in range(4, 8):
            ws[f"N{row}"] = 20
        ws.column_dimensions["N"].hidden = True
    problems = xlsx_problems(tmp_path, edited(hide))
    assert errors(problems) == [(3, "N", "duplicate-column")]
    assert "N 列在 Excel 中是隐藏的" in problems.sorted()[0].message


# --------------------------------------------------------------------------- a spreadsheet's error values


@pytest.mark.parametrize("cell, value", [("C5", "#N/A"), ("D5", "#REF!"), ("H5", "#DIV/0!"), ("E5", "#VALUE!"), ("K5", "#N/A")])
def test_an_error_value_in_a_read_cell_fails_at_the_cell(tmp_path, cell, value):
    """A person named #N/A (the VLOOKUP from the roster found nothing) used to reach the 公示."""
    def spoil(ws):
        ws[cell] = value  # openpyxl writes it as Excel does: an error cell (t="e")
    problems = xlsx_problems(tmp_path, edited(spoil))
    assert errors(problems) == [(int(cell[1:]), cell[0], "cell-error-value")]
    assert "公式" in problems.sorted()[0].message


def test_an_error_value_in_a_csv_name_fails_too(tmp_path):
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[2][1] = "#N/A"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert errors(run(tmp_path)[2]) == [(4, "B", "cell-error-value")]


@pytest.mark.parametrize("cell, value", [("C5", "=VLOOKUP(B5,花名册!A:B,2,0)"), ("D5", "=D4"), ("B5", "=B4+1")])
def test_a_formula_kept_as_text_in_an_identity_cell_fails_at_the_cell(tmp_path, cell, value):
    """=VLOOKUP(…) typed into a column formatted as 文本 stays text, never computed: the formula was read as
    李四's name (or department) and printed on the 公示; as an ID it made a new person."""
    def spoil(ws):
        ws[cell] = value
        ws[cell].data_type = "s"  # a text cell, as Excel keeps what is typed into a 文本 column
    problems = xlsx_problems(tmp_path, edited(spoil))
    code = "id-invalid" if cell[0] == "B" else "cell-formula-text"
    assert errors(problems) == [(5, cell[0], code)]
    assert "「文本」格式" in problems.sorted()[0].message


def test_a_formula_kept_as_text_in_a_csv_name_fails_too(tmp_path):
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[2][1] = "＝C3"  # full-width, as an input method types it
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert errors(run(tmp_path)[2]) == [(4, "B", "cell-formula-text")]


# --------------------------------------------------------------------------- rows that begin like a trailer


def test_a_person_whose_department_begins_like_a_trailer_word_is_read(tmp_path):
    """Department first, and a department named 审核科 (or 说明…): the row began with 审核 and was
    dropped as a signature row without a word."""
    header = ["科室", "编号", "姓名", *CLEAN_HEADER[3:]]
    rows = [[r[2], r[0], r[1], *r[3:]] for r in CLEAN_ROWS]
    rows[1][0] = "审核科"
    rows.append(["制表人：王五", "审核人：赵六"])  # the signatures below, spread over the ID column: no person
    rows.append(["合计", "", "", "70", "101", "168"])
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(header, rows)}, departments=[*DEPARTMENTS, "审核科"])
    got = results(tmp_path)
    assert sorted(pid for _, pid in got) == ["0001", "0002", "0003", "0004"]
    assert got == clean(tmp_path / "clean")


def test_an_average_row_and_a_filled_in_by_line_are_no_people(tmp_path):
    def add(ws):
        ws.append(["平均分", None, None, None, 17.5, 25.25, 42])
        ws.append([None, "填报单位（盖章）：某局", None, None, "负责人：张局长"])
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": edited(add)})
    office_agency(tmp_path)
    assert results(tmp_path) == clean(tmp_path / "clean")


# --------------------------------------------------------------------------- a formula whose result is empty text


def test_a_formula_whose_result_is_empty_text_is_read_as_blank(tmp_path):
    """Excel saves =IF(…,"",…) that gives "" as t="str" with an empty <v>: a computed value, not a
    formula a program left without one (which openpyxl writes as <v />, no type)."""
    def formula(ws):
        ws["H5"] = '=IF(1,"","")'
    data = edited(formula)
    excel = patched(data, '<c r="H5"><f>IF(1,"","")</f><v /></c>', '<c r="H5" t="str"><f>IF(1,"","")</f><v></v></c>')
    excel = patched(excel, 'fullCalcOnLoad="1"', "", member="xl/workbook.xml")  # Excel computed it: no calculation asked on load
    assert errors(xlsx_problems(tmp_path / "excel", excel)) == []
    assert errors(xlsx_problems(tmp_path / "program", data)) == [(5, "H", "formula-without-value")]


# --------------------------------------------------------------------------- numbers typed with a blank inside


@pytest.mark.parametrize("text", ["8 5", "1 8", "8 .5", "8. 5", "1\u30008", "１ ８"])
def test_digits_split_by_a_blank_are_not_a_number(text):
    with pytest.raises(NotANumber, match="空格"):
        parse_decimal(text)


@pytest.mark.parametrize("text", [" 85 ", "\u00a085", "85\u3000", "+ 3", "1,000"])
def test_blanks_around_a_number_are_not_a_slip(text):
    parse_decimal(text)


def test_a_score_typed_with_a_blank_inside_fails_at_its_cell(tmp_path):
    def spoil(ws):
        ws["E4"] = "1 8"
    assert errors(xlsx_problems(tmp_path, edited(spoil))) == [(4, "E", "not-a-number")]


# --------------------------------------------------------------------------- CSV with another delimiter


@pytest.mark.parametrize("how", ["semicolons", "sep-line", "sep-line-semicolons", "tabs"])
def test_a_csv_excel_saved_with_another_delimiter_grades_as_the_clean_sheet(tmp_path, how):
    text = csv_text(CLEAN_HEADER, CLEAN_ROWS)
    semicolons, tabs = (_written(delimiter) for delimiter in ";\t")
    text = {"semicolons": semicolons, "sep-line": "sep=,\n" + text, "sep-line-semicolons": "sep=;\n" + semicolons, "tabs": tabs}[how]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": text})
    assert results(tmp_path) == clean(tmp_path / "clean")


@pytest.mark.parametrize("title", ["2025年第一季度考核表, 某局", "某局,2025年第一季度"])
def test_a_semicolon_csv_under_a_title_with_a_comma_is_read(tmp_path, title):
    """The delimiter was decided by the first line holding any: a title with one comma made a semicolon CSV a
    comma one, each row one cell, and the file header-not-found with nothing about semicolons."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": title + "\r\n" + _written(";")})
    assert results(tmp_path) == clean(tmp_path / "clean")


def _written(delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([CLEAN_HEADER, *CLEAN_ROWS])
    return out.getvalue()


def test_semicolons_in_a_comma_csv_stay_in_their_cells(tmp_path):
    """Event lists written with ; in every row do not make a comma CSV a semicolon one."""
    rows = copy.deepcopy(CLEAN_ROWS)
    for r in rows:
        r[6] = r[6].replace("；", ";").replace(",", ";")
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(tmp_path) == clean(tmp_path / "clean")


# --------------------------------------------------------------------------- event lists written as an office writes them


@pytest.mark.parametrize("text, why", [
    ("疫情防控:3 表彰:2", "写在了一起"),  # a blank between two events: read as one 「疫情防控:3 表彰」 worth 2
    ("疫情防控3分表彰2分", "写在了一起"),
    ("抢险 4 表彰 3", "写在了一起"),
    ("表彰:-3", "负号"),  # read as 「表彰:-」 worth +3
    ("表彰－3", "负号"),
])
def test_an_event_list_that_would_be_misread_fails_at_its_cell(tmp_path, text, why):
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[0][6] = text
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    problems = run(tmp_path)[2]
    assert errors(problems) == [(2, "G", "event-list-invalid")]
    assert why in problems.sorted()[0].message


@pytest.mark.parametrize("text", ["疫情防控:3；表彰:2", "疫情防控：＋3，表彰：2分", "2024年度表彰:3；获市级表彰1次:2", "3；2"])
def test_event_lists_written_as_meant_pass(tmp_path, text):
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[0][6] = text
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert errors(run(tmp_path)[2]) == []


# --------------------------------------------------------------------------- rows under the header that hold no person


@pytest.mark.parametrize("below", [["满分", "", "", "", "20", "30", "50"], ["", "", "", "", "（20分）", "(30分)", "（分）"],
                                   ["", "", "", "", "分", "分", "分"]])
def test_a_max_or_units_row_under_a_one_row_header_is_no_sub_header(tmp_path, below):
    """A 满分 row (20 30 50) or a units row under the header used to be taken for a two-row header's
    sub-columns: 缺少「德」列 and 方案中没有「20」这一列 while 德 was there."""
    header = ["序号", *CLEAN_HEADER]
    rows = [below + [""] * (len(header) - len(below))] + [[str(n), *r] for n, r in enumerate(CLEAN_ROWS, start=1)]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(header, rows)})
    assert results(tmp_path) == clean(tmp_path / "clean")


@pytest.mark.parametrize("person", [0, 2])
def test_a_person_without_id_and_name_is_one_problem_at_the_row_never_dropped(tmp_path, person):
    """Scores and a department but no ID and no name: dropped without a word (in the middle), or taken
    for a second header row (first under the header) with a flood of wrong column problems."""
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[person][0] = rows[person][1] = ""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    problems = run(tmp_path)[2]
    assert errors(problems) == [(person + 2, "A", "missing-id")]
    assert "「科室」「德」" in problems.sorted()[0].message


def test_subtotal_and_spacer_rows_between_departments_are_no_people(tmp_path):
    rows = copy.deepcopy(CLEAN_ROWS)
    rows.insert(2, ["办公室小计", "", "", "33", "47", "85"])
    rows.insert(2, [""] * len(CLEAN_HEADER))
    rows.insert(1, ["", "", "", "", "", "", "", "", "", "", ""])
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(tmp_path) == clean(tmp_path / "clean")


# --------------------------------------------------------------------------- a second header, a percent column in fractions


def test_the_header_repeated_for_printing_is_skipped(tmp_path):
    rows = [*CLEAN_ROWS[:2], CLEAN_HEADER, ["二、事业单位"], *CLEAN_ROWS[2:]]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(tmp_path) == clean(tmp_path / "clean")


def test_a_second_header_with_other_columns_fails_at_its_first_difference(tmp_path):
    """A second section whose columns are 能, 德: its people were read under the first header's 德, 能."""
    other = ["编号", "姓名", "科室", "能", "德", *CLEAN_HEADER[5:]]
    rows = [*CLEAN_ROWS[:2], ["（二）事业单位"], other, *([r[0], r[1], r[2], r[4], r[3], *r[5:]] for r in CLEAN_ROWS[2:])]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    problems = run(tmp_path)[2]
    assert places(problems)[0] == (5, "D", "header-repeated")


def test_a_percent_column_typed_as_fractions_fails(tmp_path):
    """出勤率 0.95 for 95% in cells not formatted as percentages: every one under 80, every grade capped."""
    rows = copy.deepcopy(CLEAN_ROWS)
    for r, fraction in zip(rows, ["0.95", "0.9", "0.74", "1"]):
        r[9] = fraction
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert errors(run(tmp_path)[2]) == [(2, "J", "percent-as-fraction")]


@pytest.mark.parametrize("declared, found", [({}, ["percent-as-fraction"]), ({"max": 1}, [])])
def test_a_rate_under_one_percent_is_told_how_to_say_so(tmp_path, declared, found):
    """差错率 0.2% … 0.8%: every value of the column is under 1, as a column of fractions typed for
    percentages is. The message says how a scheme says its rates are that low (max: 1), and then
    the column is not held to it."""
    data = simple_scheme(inputs=[{"name": "差错率", "type": "number", "percent": True, **declared}])
    rows = [[str(i), f"人{i}", "办公室", "90", rate] for i, rate in enumerate(["0.2", "0.8", "0.5", "0"], start=1)]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["得分", "差错率"])})
    problems = run(tmp_path)[2]
    assert [code for _, _, code in errors(problems)] == found
    if found:
        assert "max: 1" in next(p.message for p in problems.sorted() if p.code == "percent-as-fraction")


def test_an_excel_table_total_row_is_no_person(tmp_path):
    def total(ws):
        ws.append(["汇总", None, None, None, 70, 101, 168])
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": edited(total)})
    office_agency(tmp_path)
    assert results(tmp_path) == clean(tmp_path / "clean")


# --------------------------------------------------------------------------- last quarter's workbook copied


def test_a_workbook_copied_from_last_quarter_fails_at_its_title_and_tab(tmp_path):
    """Q2.xlsx whose tab is 2025一季度 and title 「2025 年第一季度…」: Q1's scores graded as Q2's."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q2.xlsx": office_xlsx()})
    office_agency(tmp_path)
    problems = run(tmp_path)[2]
    assert places(problems) == [(None, None, "sheet-period-mismatch")]  # the tab: one problem a sheet

    def retab(ws):
        ws.title = "二季度"
    make_project(tmp_path / "titled", OFFICE_SCHEME, {"Q2.xlsx": edited(retab)})
    office_agency(tmp_path / "titled")
    assert places(run(tmp_path / "titled")[2]) == [(1, "A", "sheet-period-mismatch")]


@pytest.mark.parametrize("title", ["某局2025年第一季度平时考核评分表", "2025年一季度（填报日期：2025年4月3日）", "某局2025年第一、二季度考核",
                                   "2025年度第一至四季度汇总", "考核评分表"])
def test_a_title_naming_this_period_or_none_passes(tmp_path, title):
    def retitle(ws):
        ws["A1"] = title
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": edited(retitle)})
    office_agency(tmp_path)
    assert places(run(tmp_path)[2], "sheet-period-mismatch") == []


def test_a_q4_sheet_filled_in_next_january_passes(tmp_path):
    def dated(ws):
        ws.title = "四季度"
        ws["A1"] = "2025年第四季度平时考核评分表（填报日期：2026年1月5日）"
    make_project(tmp_path, OFFICE_SCHEME, {"Q4.xlsx": edited(dated)})
    office_agency(tmp_path)
    assert places(run(tmp_path)[2], "sheet-period-mismatch") == []


# --------------------------------------------------------------------------- what Excel turned into a date, a truth value, a number


def test_an_id_excel_turned_into_a_date_or_a_truth_value_fails_at_the_cell(tmp_path):
    """编号 1-5 typed into a General cell becomes 5 January: the person was read as 「2025-01-05」."""
    import datetime

    def spoil(ws):
        ws["B5"] = datetime.datetime(2025, 1, 5)
        ws["B5"].number_format = "m-d"
        ws["B6"] = True
    problems = xlsx_problems(tmp_path, edited(spoil))
    assert errors(problems) == [(5, "B", "id-invalid"), (6, "B", "id-invalid")]
    assert "日期" in problems.sorted()[0].message


def test_a_date_in_an_event_list_is_a_date_cell_not_a_negative_score(tmp_path):
    import datetime

    def spoil(ws):
        ws["H5"] = datetime.datetime(2025, 3, 1)
    assert errors(xlsx_problems(tmp_path, edited(spoil))) == [(5, "H", "date-cell")]


def test_a_name_that_is_a_number_fails_at_the_cell(tmp_path):
    def spoil(ws):
        ws["C5"] = 12345
    assert errors(xlsx_problems(tmp_path, edited(spoil))) == [(5, "C", "name-is-number")]


def test_the_results_in_a_hidden_sheet_behind_an_empty_one_are_named(tmp_path):
    """Only an empty Sheet2 visible: 「找不到表头」 said nothing of the hidden sheet that holds the results."""
    def hide(ws, workbook):
        ws.sheet_state = "hidden"
        workbook.create_sheet("Sheet2")
    problems = xlsx_problems(tmp_path, book(hide))
    assert places(problems) == [(None, None, "workbook-many-sheets")]
    assert "2025一季度" in problems.sorted()[0].message and "取消隐藏" in problems.sorted()[0].message


def test_a_hidden_sheet_of_lists_beside_the_results_changes_nothing(tmp_path):
    def lists(ws, workbook):
        extra = workbook.create_sheet("下拉选项")
        extra["A1"] = "是"
        extra.sheet_state = "hidden"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": book(lists)})
    office_agency(tmp_path)
    assert results(tmp_path) == clean(tmp_path / "clean")


# --------------------------------------------------------------------------- a person crossed out instead of deleted


def _struck(*cells: str) -> bytes:
    from openpyxl.styles import Font

    def strike(ws):
        for ref in cells:
            ws[ref].font = Font(strike=True)
    return edited(strike)


def test_a_person_struck_through_is_warned_and_counted(tmp_path):
    problems = xlsx_problems(tmp_path, _struck("B5", "C5", "D5", "E5"))
    assert places(problems) == [(5, "B", "row-struck-through")]
    assert problems.sorted()[0].severity.value == "warning"


def test_strike_as_excel_writes_it_and_struck_cells_outside_people_or_read_columns(tmp_path):
    """Excel writes <strike/> with no value; a struck title, 合计 row or 联系电话 is nothing to say."""
    data = _struck("A1", "A8", "L6", "G6")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "xl/styles.xml":
                assert b'<strike val="1" />' in body
                body = body.replace(b'<strike val="1" />', b"<strike/>")
            target.writestr(info, body)
    assert places(xlsx_problems(tmp_path, out.getvalue())) == [(6, "G", "row-struck-through")]


# --------------------------------------------------------------------------- two-row headers as offices type them


_UPPER = ["编号", "姓名", "科室", "考核得分", None, None, "加分", "试用期", "表现突出", "出勤率", "通报次数"]


@pytest.mark.parametrize("lower", [
    ["编号", "姓名", "科室", "德", "能", "绩", "加分", "试用期", "表现突出", "出勤率", "通报次数"],  # the single columns typed again
    [None, None, None, "德（20分）", "能（30分）", "绩（50分）", None, None, None, "（%）", None],  # a unit under 出勤率
])
def test_a_two_row_header_as_typed_grades_as_the_clean_sheet(tmp_path, lower):
    """Both used to fail with 缺少「德」列 (the repeated 编号 made the lower row a second header, or a
    data row) or 缺少「出勤率」列 (its unit （%） taken for a sub-column)."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": xlsx_bytes([_UPPER, lower, *CLEAN_ROWS], merge=["D1:F1"])})
    assert results(tmp_path) == clean(tmp_path / "clean")


# --------------------------------------------------------------------------- what Excel's formatting shows


def test_a_name_padded_to_line_up_is_the_same_person_in_every_quarter(tmp_path):
    """张　三 (two characters padded to the width of three) in Q2, 张三 in Q1: id-name-mismatch, and a
    padded name on the 公示."""
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[0][1], rows[2][1] = "张　三", "王  五"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, CLEAN_ROWS), "Q2.csv": csv_text(CLEAN_HEADER, rows)})
    _, periods, problems = run(tmp_path)
    assert errors(problems) == []
    assert {p.person.name for period in periods for p in period.people} == {"张三", "李四", "王五", "赵六"}


def test_trailing_zeros_as_excel_shows_them_are_no_extra_places(tmp_path):
    """1.0 in a count (places 0) and 18.00 from a cell formatted 0.00, saved as CSV: the same numbers."""
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[3][10], rows[0][3] = "1.0", "18.00"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(tmp_path) == clean(tmp_path / "clean")


def test_the_rows_of_excel_subtotals_are_no_people(tmp_path):
    """数据 → 分类汇总 by 科室 writes 「办公室 汇总」「办公室 计数」… in the 科室 column and 「总计」 below."""
    rows = [CLEAN_ROWS[0], CLEAN_ROWS[3], ["", "", "办公室 汇总", "36", "53", "86"], ["", "", "办公室 计数", "2", "2", "2"],
            CLEAN_ROWS[1], ["", "", "财务科 平均值", "15", "20", "40"], CLEAN_ROWS[2], ["", "", "总计", "70", "101", "168"]]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(tmp_path) == clean(tmp_path / "clean")


@pytest.mark.parametrize("header", [
    ["编号*", "姓名*", "科室*", "★德", "能＊", "绩（必填）"],  # a template's marks of required columns
    ["编号：", "姓名:", "科室", "德【20】", "能[30]", "绩(50)"],
])
def test_headers_with_required_marks_colons_and_other_brackets_are_the_columns(tmp_path, header):
    """编号* made the whole sheet 「找不到表头」; 能[30] and 绩【50】 were unknown columns beside a missing one."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text([*header, *CLEAN_HEADER[6:]], CLEAN_ROWS)})
    assert results(tmp_path) == clean(tmp_path / "clean")


def test_a_maximum_in_square_brackets_is_checked_too(tmp_path):
    header = ["编号", "姓名", "科室", "德【满分10分】", *CLEAN_HEADER[4:]]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(header, CLEAN_ROWS)})
    assert places(run(tmp_path)[2], "header-max-mismatch") == [(1, "D", "header-max-mismatch")]


def test_an_id_written_with_other_capitals_in_another_quarter_fails(tmp_path):
    """身份证号 …x in Q1 and …X in Q2: two people, each with half the year, without a word."""
    q1, q2 = copy.deepcopy(CLEAN_ROWS), copy.deepcopy(CLEAN_ROWS)
    q1[1][0], q2[1][0] = "11010519491231002x", "11010519491231002X"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, q1), "Q2.csv": csv_text(CLEAN_HEADER, q2)})
    problems = run(tmp_path)[2]
    assert [(p.file, p.line, p.column, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/Q2.csv", 3, "A", "id-case-mismatch")]


def test_a_reason_merged_over_the_decisions_of_one_meeting_is_one_problem(tmp_path):
    """理由 merged over two decisions: 「每条决定都要有编号和理由」 at a row whose reason the office sees."""
    from tests.unit.test_decisions_checked import HEADER, MEETING, TIE
    from tests.unit.test_decisions_checked import run as run_decisions
    decisions = xlsx_bytes([HEADER, ["2", "人2", "好", MEETING, TIE, ""], ["3", "人3", "较好", None, TIE, ""]], merge=["D2:D3"])
    _, problems = run_decisions(tmp_path, extra={"Q1.decisions.xlsx": decisions})
    found = [(p.line, p.column, p.code) for p in problems.sorted() if p.file.endswith("decisions.xlsx")]
    assert found == [(2, "D", "merged-cells")]


def test_an_id_saved_with_thousands_separators_is_the_same_person(tmp_path):
    """A number column formatted #,##0 shows 1,001; the CSV Excel saves holds 「1,001」: another person than Q1's 1001."""
    q1, q2 = copy.deepcopy(CLEAN_ROWS), copy.deepcopy(CLEAN_ROWS)
    q1[1][0], q2[1][0] = "1001", "1,001"
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, q1), "Q2.csv": csv_text(CLEAN_HEADER, q2)})
    _, periods, problems = run(tmp_path)
    assert errors(problems) == []
    assert {r.person.id for p in periods for r in p.people} == {"0001", "1001", "0003", "0004"}


# --------------------------------------------------------------------------- events joined without separators or colons


@pytest.mark.parametrize(("cell", "warned"), [("抢险4表彰3", True), ("第3季度表彰2", True), ("第3季度表彰:2", False), ("抢险:4；表彰:3", False),
                                              ("2025年度表彰:3", False), ("表彰3", False)])
def test_an_event_name_holding_a_number_between_its_characters_is_warned(tmp_path, cell, warned):
    """抢险4表彰3 was read as one event 抢险4表彰 of 3 points without a word (赵六 lost the 抢险 4)."""
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[3][6] = cell
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code, p.severity.value) for p in problems.sorted()] == ([(5, "G", "event-list-invalid", "warning")] if warned else [])


# --------------------------------------------------------------------------- a fraction typed for a hundred times it


@pytest.mark.parametrize(("cell", "flagged"), [("0.45", True), ("0.405", True), ("0.9", False), ("45", False), ("0.05", False)])
def test_a_value_a_hundredth_of_its_column_is_an_error(tmp_path, cell, flagged):
    """绩 0.45 where the others are 40 … 45 (45% typed as a fraction): 王五 scored 0.45 without a word."""
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[2][5] = cell
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.code == "number-hundredth"] == ([(4, "F", "number-hundredth")] if flagged else [])


# --------------------------------------------------------------------------- people above the header


def test_people_sorted_above_the_header_fail_not_dropped(tmp_path):
    """The office sorted the whole sheet, the header with it: 张三 and 李四 ended above the header row and
    were read as title rows (dropped from the 公示 without a word)."""
    rows = [list(r) for r in CLEAN_ROWS]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(rows[0], [rows[1], CLEAN_HEADER, rows[2], rows[3]])})
    problems = run(tmp_path)[2]
    assert errors(problems) == [(1, "A", "person-above-header")]
    message = problems.errors[0].message
    assert "张三" in message and "李四" in message and "2 行" in message and "第 3 行" in message


def test_a_title_and_a_filled_in_by_row_above_the_header_pass(tmp_path):
    text = csv_text(["某局2025年第一季度考核评分表"], [["填报单位：办公室", "", "", "填报日期：2025年4月1日"], ["0", "1", "2", "3"], CLEAN_HEADER,
                                                     *CLEAN_ROWS])
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": text})
    assert errors(run(tmp_path)[2]) == []


@pytest.mark.parametrize("above", [["项目", "满分", "", "20", "30", "50"], ["序号", "分值（分）", "", "20", "30", "50"],
                                   ["说明", "各项得分", "不得超过", "20", "30", "50"]])
def test_a_row_of_full_marks_above_the_header_passes(tmp_path, above):
    """项目 | 满分 | | 20 | 30 | 50 above the header: a label in the ID column, a word in the name column and numbers in
    the score columns, read as a person sorted above the header (person-above-header, an error). An ID holds
    a digit (0001, GH0002); a label does not."""
    text = csv_text(["某局2025年第一季度考核评分表"], [above, CLEAN_HEADER, *CLEAN_ROWS])
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": text})
    assert errors(run(tmp_path)[2]) == []


@pytest.mark.parametrize("yes, no", [("√", "×"), ("✓", "✗"), ("✔", "✘"), ("☑", "☒"), ("TRUE", "FALSE"), ("Y", "N")])
def test_check_marks_and_crosses_in_a_yes_no_column_grade_as_the_clean_sheet(tmp_path, yes, no):
    expected = clean(tmp_path / "clean")
    rows = [[*r[:7], yes if r[7] == "是" else no, yes if r[8] == "是" else no, *r[9:]] for r in CLEAN_ROWS]
    root = tmp_path / "marks"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(root) == expected


def test_people_laid_out_in_two_halves_side_by_side_are_told_to_be_moved_not_deleted(tmp_path):
    """编号 姓名 … | 编号 姓名 …: deleting the duplicate columns, as the message used to say, loses the right half."""
    left, right = CLEAN_ROWS[:2], CLEAN_ROWS[2:]
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text([*CLEAN_HEADER, *CLEAN_HEADER], [[*a, *b] for a, b in zip(left, right)])})
    problems = run(tmp_path)[2]
    duplicates = [p for p in problems.sorted() if p.code == "duplicate-column"]
    assert len(duplicates) == len(CLEAN_HEADER) and all("两栏" in p.message and "右栏的人员移到左栏" in p.message for p in duplicates)


def test_a_hidden_sheet_that_looks_like_results_beside_the_read_one_is_named(tmp_path):
    """Last quarter's tab copied and hidden, this quarter's read: said (info), so that the office knows which
    one was graded; a hidden sheet of drop-down lists is not."""
    def copy_hidden(ws, workbook):
        old = workbook.copy_worksheet(ws)
        old.title = "2024四季度"
        old.sheet_state = "hidden"
    problems = xlsx_problems(tmp_path, book(copy_hidden))
    found = [(p.line, p.code, p.severity.value) for p in problems.sorted() if p.code == "workbook-hidden-sheet"]
    assert found == [(None, "workbook-hidden-sheet", "info")]
    message = next(p.message for p in problems.sorted() if p.code == "workbook-hidden-sheet")
    assert "「2025一季度」" in message and "「2024四季度」" in message
    assert errors(problems) == []
