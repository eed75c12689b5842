"""Slips a results sheet carries that used to pass silently or drown in follow-ons (mutation style):
the clean office sheet with one thing broken gives one problem, with its code, its cell and the fix."""

from __future__ import annotations

import codecs
import copy
import csv
import io
import zipfile

import openpyxl
import pytest

from generator import cli
from generator.sheets.tables import decode_csv
from tests.unit.helpers import csv_text, make_project, places, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, office_agency, office_xlsx, results


def csv_problems(root, text: str | bytes, scheme=OFFICE_SCHEME):
    make_project(root, scheme, {"Q1.csv": text})
    _, _, problems = run(root)
    return problems


def xlsx_problems(root, data: bytes):
    make_project(root, OFFICE_SCHEME, {"Q1.xlsx": data})
    office_agency(root)
    _, _, problems = run(root)
    return problems


def patched(data: bytes, old: str, new: str, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The workbook with one piece of its sheet's XML (or another `member`'s) replaced (as a program writing the file would)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == member:
                assert old.encode() in body
                body = body.replace(old.encode(), new.encode())
            target.writestr(info, body)
    return out.getvalue()


def edited(change) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    change(workbook.active)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- 1. a header note with another maximum


def test_a_header_note_with_another_maximum_fails_at_the_header_cell(tmp_path, capsys):
    header = [h if h != "德" else "德（满分10）" for h in CLEAN_HEADER]
    problems = csv_problems(tmp_path, csv_text(header, CLEAN_ROWS))
    assert places(problems, "header-max-mismatch") == [(1, "D", "header-max-mismatch")]
    message = problems.errors[0].message
    assert "10" in message and "20" in message and "德（满分20）" in message
    assert cli.main(["-C", str(tmp_path), "check"]) == 1
    assert "另一个版本的方案" in capsys.readouterr().out


@pytest.mark.parametrize("note", ["德（满分20）", "德（满分 20）", "德(20分)", "德（分）", "德（最高20分）", "德（2025）", "德（每次扣3分）"])
def test_a_header_note_agreeing_with_the_scheme_or_stating_no_maximum_passes(tmp_path, note):
    expected = clean(tmp_path / "clean")
    root = tmp_path / "noted"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text([h if h != "德" else note for h in CLEAN_HEADER], CLEAN_ROWS)})
    assert results(root) == expected


@pytest.mark.parametrize("note", ["德（30分）", "德（最高 15 分）", "德(满分:10)"])
def test_every_way_of_stating_a_maximum_is_checked(tmp_path, note):
    problems = csv_problems(tmp_path, csv_text([h if h != "德" else note for h in CLEAN_HEADER], CLEAN_ROWS))
    assert places(problems, "header-max-mismatch") == [(1, "D", "header-max-mismatch")]


# --------------------------------------------------------------------------- 2. an unclosed quote in a CSV


def test_an_unclosed_quote_is_one_problem_where_it_opens_not_a_flood(tmp_path, capsys):
    text = csv_text(CLEAN_HEADER, CLEAN_ROWS).replace("0002,李四,", '0002,"李四,', 1)
    problems = csv_problems(tmp_path, text)
    assert places(problems) == [(3, "B", "csv-unclosed-quote")]
    message = problems.sorted()[0].message
    assert "引号未闭合" in message and "补上" in message and "0003" not in message
    assert cli.main(["-C", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "missing-value" not in out and "人事科" not in out


def test_an_unclosed_quote_in_the_last_row_is_found_too(tmp_path):
    rows = [list(r) for r in CLEAN_ROWS] + [["0005", '"钱七', "办公室", "18", "27", "45", "", "否", "否", "95", "0"]]
    text = csv_text(CLEAN_HEADER, rows).replace('"""钱七"', '"钱七')  # as typed, not as a CSV writer quotes it
    text += "0006,孙八,办公室,18,27,45,,否,否,95,0\n"
    problems = csv_problems(tmp_path, text)
    assert places(problems) == [(6, "B", "csv-unclosed-quote")]


def test_an_unclosed_quote_in_a_long_file_is_not_called_a_too_long_cell(tmp_path):
    rows = [list(CLEAN_ROWS[0])] + [[f"{n:04d}", "李四", "财务科", "15", "20", "40", "", "否", "否", "90", "0"] for n in range(2, 2000)]
    text = csv_text(CLEAN_HEADER, rows).replace("0002,李四,", '0002,"李四,', 1)
    problems = csv_problems(tmp_path, text)
    assert places(problems) == [(3, "B", "csv-unclosed-quote")]
    assert "引号未闭合" in problems.sorted()[0].message


def test_a_line_break_typed_in_a_remark_is_no_unclosed_quote(tmp_path):
    header = [*CLEAN_HEADER, "备注"]
    rows = [[*r, "借调,半年\n返回"] for r in CLEAN_ROWS]
    problems = csv_problems(tmp_path, csv_text(header, rows))
    assert "csv-unclosed-quote" not in {p.code for p in problems.sorted()}


# --------------------------------------------------------------------------- 3. XLSX cells openpyxl cannot show or read


def test_a_huge_number_is_shown_as_excel_shows_it(tmp_path):
    data = patched(office_xlsx(), '<c r="E6" t="n"><v>19</v></c>', '<c r="E6" t="n"><v>1E+308</v></c>')
    problems = xlsx_problems(tmp_path, data)
    (problem,) = [p for p in problems.errors if p.line == 6]
    assert problem.column == "E" and "1E+308" in problem.message and len(problem.message) < 200


@pytest.mark.parametrize("old, new, why", [
    ('<c r="E6" t="n"><v>19</v></c>', '<c r="E6" t="n"><v>NaN</v></c>', "NaN"),
    ('<c r="C6" t="inlineStr"><is><t>王五</t></is></c>', '<c r="C6" t="s"><v>99</v></c>', "共享文本"),
])
def test_a_cell_openpyxl_cannot_read_is_named(tmp_path, old, new, why):
    problems = xlsx_problems(tmp_path, patched(office_xlsx(), old, new))
    (problem,) = problems.errors
    assert (problem.line, problem.column, problem.code) == (6, old[6], "sheet-unreadable")
    assert f"{old[6]}6 单元格" in problem.message and why in problem.message and "重新输入" in problem.message


@pytest.mark.parametrize("value, shown", [(True, "TRUE"), (False, "FALSE")])
def test_a_truth_value_in_a_score_cell_is_quoted_as_excel_shows_it(tmp_path, value, shown):
    data = edited(lambda ws: setattr(ws.cell(row=6, column=5), "value", value))
    problems = xlsx_problems(tmp_path, data)
    assert places(problems, "not-a-number") == [(6, "E", "not-a-number")]
    message = problems.errors[0].message
    assert f"「{shown}」" in message and "「是」" not in message and "「否」" not in message


# --------------------------------------------------------------------------- 4. UTF-16 without BOM, UTF-32


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", codecs.BOM_UTF32_LE),
                                        ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_utf16_without_bom_and_utf32_read_as_the_clean_sheet(tmp_path, codec, bom, capsys):
    expected = clean(tmp_path / "clean")
    root = tmp_path / "wide"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": bom + csv_text(CLEAN_HEADER, CLEAN_ROWS).encode(codec)})
    assert results(root) == expected
    assert cli.main(["-C", str(root), "check"]) == 0
    assert f"按 {codec[:6].upper()}" in capsys.readouterr().out


def test_a_stray_nul_does_not_make_utf8_utf16():
    assert decode_csv("编号,姓名\n0001,张三\x00\n".encode())[1] == "UTF-8"


def test_encoding_unknown_names_utf16(tmp_path):
    problems = csv_problems(tmp_path, b"\x81\x30\xff\xff,\xfe\n")
    (problem,) = problems.sorted()
    assert problem.code == "encoding-unknown" and "UTF-16" in problem.message


# --------------------------------------------------------------------------- 5. a line break in an identity cell


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n"])  # a bare CR: a cell saved by an old Mac program, or "\r" in a formula's text
@pytest.mark.parametrize("column, letter", [("姓名", "B"), ("科室", "C"), ("编号", "A")])
def test_a_line_break_in_an_identity_cell_fails_at_the_cell(tmp_path, column, letter, brk):
    rows = [list(r) for r in CLEAN_ROWS]
    i = CLEAN_HEADER.index(column)
    rows[1][i] = rows[1][i][:1] + brk + rows[1][i][1:]
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows([CLEAN_HEADER, *rows])  # as Excel saves it: a cell with a CR quoted
    problems = csv_problems(tmp_path, text.getvalue())
    assert (3, letter, "identity-line-break") in places(problems)
    (problem,) = [p for p in problems.sorted() if p.code == "identity-line-break"]
    assert "换行" in problem.message and f"「{CLEAN_ROWS[1][i]}」" in problem.message


# --------------------------------------------------------------------------- 6. hidden rows


@pytest.mark.parametrize("how", ["hidden", "filtered"])
def test_a_hidden_person_row_is_counted_and_warned(tmp_path, how):
    def hide(ws):
        ws.row_dimensions[6].hidden = True
        if how == "filtered":
            ws.auto_filter.ref = "A3:M7"
    expected = clean(tmp_path / "clean")
    root = tmp_path / "hidden"
    problems = xlsx_problems(root, edited(hide))
    assert places(problems, "row-hidden") == [(6, None, "row-hidden")]
    (problem,) = problems.warnings
    assert "隐藏" in problem.message and "删去这一行" in problem.message and "0003" in problem.message
    assert results(root) == expected


# --------------------------------------------------------------------------- 7. a number shown with fewer decimals


@pytest.mark.parametrize("value, number_format, shown", [
    (18.4, "0", "18"), (18.46, "0.0", "18.5"), (18.456, "#,##0.00", "18.46"),
    # what Excel's and WPS's 数值 dialogs write: padding for a negative's bracket, colours, sections, a unit
    (18.46, "0.0_ ", "18.5"), (18.46, "0.0_);[Red]\\(0.0\\)", "18.5"), (18.46, "[Red]0.0", "18.5"), (18.46, "0.0;[Red]-0.0", "18.5"),
    (18.4, '0"分"', "18"), (18.4, "0分", "18"), (18.46, "#,##0.0_);(#,##0.0)", "18.5"), (18.46, "[蓝色]0.0", "18.5"),
])
def test_a_number_shown_with_fewer_decimals_is_warned_and_scored_as_held(tmp_path, value, number_format, shown):
    def change(ws):
        ws.cell(row=6, column=5).value = value
        ws.cell(row=6, column=5).number_format = number_format
    scheme = copy.deepcopy(OFFICE_SCHEME)
    root = tmp_path
    make_project(root, scheme, {"Q1.xlsx": edited(change)})
    office_agency(root)
    _, (period,), problems = run(root)
    assert places(problems, "number-shown-rounded") == [(6, "E", "number-shown-rounded")]
    (problem,) = problems.warnings
    assert f"单元格显示为 {shown}，实际存的是 {value}，按 {value} 计分" in problem.message


@pytest.mark.parametrize("value, number_format", [(18.0, "0"), (18.5, "0.0"), (18.5, "General"), (18.46, "0.00"), (0.745, "0.0%"),
                                                   (18.5, "0.0_ "), (18.5, '0.0"分"'), (18.5, "0.00E+00"), (18.5, "# ?/?")])
def test_a_number_shown_as_held_is_not_warned(tmp_path, value, number_format):
    def change(ws):
        ws.cell(row=6, column=5).value = value
        ws.cell(row=6, column=5).number_format = number_format
    problems = xlsx_problems(tmp_path, edited(change))
    assert "number-shown-rounded" not in {p.code for p in problems.sorted()}


@pytest.mark.parametrize("cell, hint", [
    ("工作差错×2、通报批评", "；同一项有几次就写几次，「工作差错×2」写成「工作差错、工作差错」。"),
    ("通报批评3次", "；同一项有几次就写几次，「通报批评3次」写成「通报批评、通报批评、通报批评」。"),
    ("迟到", "。"),
])
def test_a_count_written_after_an_event_name_says_to_write_the_name_each_time(tmp_path, cell, hint):
    """A penalty by event name (points: {工作差错: 1}) counts each name written; 「工作差错×2」 was
    only 「不是可选值」, with no word of how to write twice."""
    from tests.unit.helpers import simple_scheme

    data = simple_scheme(adjustments=[{"kind": "penalty", "name": "差错扣分", "column": "差错", "points": {"工作差错": 1, "通报批评": 2}, "cap": 5}])
    problems = csv_problems(tmp_path, csv_text(["编号", "姓名", "部门", "得分", "差错"], [["1", "甲", "办公室", "90", cell]]), data)
    [problem] = problems.sorted()
    assert (problem.code, problem.line, problem.column) == ("unknown-choice", 2, "E")
    assert problem.message.endswith("的可选值（工作差错、通报批评）。只填写这些名称，多项用「、」分隔" + hint)


def test_an_unknown_department_suggests_the_closest_and_says_how_to_add_one(tmp_path):
    from tests.unit.helpers import simple_scheme

    problems = csv_problems(tmp_path, csv_text(["编号", "姓名", "部门", "得分"], [["1", "甲", "财务室", "90"]]), simple_scheme())
    [problem] = problems.sorted()
    assert (problem.code, problem.column) == ("unknown-department", "C")
    assert problem.message == ("部门「财务室」不在本单位的部门名单中（人事科、办公室、财务科）。是不是「财务科」？"
                               "请改为名单中的部门；确是本单位的另一个部门的，在单位的 agency.yaml 的 departments 中加上。")


@pytest.mark.parametrize("column, cell, said", [
    ("通报次数", "2次", "「通报次数」只填数字，不写单位「次」：写成 2。"),
    ("德", "18分", "「德」只填数字，不写单位「分」：写成 18。"),
    ("德", "18.5 分", "「德」只填数字，不写单位「分」：写成 18.5。"),
    ("通报次数", "两次", "「通报次数」应填数字，如 2（只填整数）。"),
    ("德", "优", "「德」应填数字，如 85 或 85.5。"),
    ("德", "(5)", "括号里的数在会计格式里表示负数 -5：「德」应填的是负数就写 -5，不是负数就只写 5。"),
    ("德", "（5.5）", "括号里的数在会计格式里表示负数 -5.5：「德」应填的是负数就写 -5.5，不是负数就只写 5.5。"),
    # a score and a note on it: whether the note was already taken off is not guessed
    ("德", "18.5（扣0.5）", "「德」只填最后的分数，说明（扣0.5）写在备注列：是不是已经按说明加减过，Kaohe 不会猜，请核对后只写分数（如 18.5，或加减后的数）。"),
    ("德", "15分(请假)", "「德」只填最后的分数，说明(请假)写在备注列：是不是已经按说明加减过，Kaohe 不会猜，请核对后只写分数（如 15，或加减后的数）。"),
    # Excel turned a typed 1-2 into a date, and the CSV keeps it as shown
    ("通报次数", "1月2日", "这是日期：多半是在 Excel 中输入的 1-2 或 1/2 被当成了日期（另存 CSV 后成了「1月2日」）。"
                          "请把「通报次数」列的单元格格式设为「数值」后重新填写，如 2（只填整数）。"),
    ("德", "2-Jan", "这是日期：多半是在 Excel 中输入的 1-2 或 1/2 被当成了日期（另存 CSV 后成了「2-Jan」）。"
                   "请把「德」列的单元格格式设为「数值」后重新填写，如 85 或 85.5。"),
    # a decimal comma (an Excel whose region is European writes 18,5, and saves CSV with ;), a Chinese full stop typed as the point
    ("德", "18,5", "小数点写成了逗号「,」（系统的区域格式是欧洲格式时，Excel 这样写小数）：「德」的小数点用英文句点，写成 18.5。"),
    ("德", "18，5", "小数点写成了逗号「，」（系统的区域格式是欧洲格式时，Excel 这样写小数）：「德」的小数点用英文句点，写成 18.5。"),
    ("德", "18。5", "小数点写成了中文句号「。」（多半是在中文标点状态下输入的）：「德」的小数点用英文句点，写成 18.5。"),
])
def test_a_number_written_with_its_unit_says_to_write_the_number_alone(tmp_path, column, cell, said):
    """「2次」「18分」: the office wrote the unit the column's name already says; the fix is the number
    alone, and a count (whole numbers only) is given a whole number as its example, not 85.5."""
    rows = [list(row) for row in CLEAN_ROWS]
    rows[1][CLEAN_HEADER.index(column)] = cell
    problems = csv_problems(tmp_path, csv_text(CLEAN_HEADER, rows))
    [problem] = problems.sorted()
    assert (problem.code, problem.line) == ("not-a-number", 3)
    assert problem.message == f"「{cell}」不是数字；{said}"


@pytest.mark.parametrize("value, number_format, shown, held", [(0.796, "0%", "80%", "79.6"), (0.7955, "0.0%", "79.6%", "79.55")])
def test_a_percentage_shown_with_fewer_decimals_is_warned_and_scored_as_held(tmp_path, value, number_format, shown, held):
    """王五's 出勤率 shows 80% in Excel and holds 79.6%: the scheme's 出勤率 < 80 caps his grade, which the
    office, reading 80%, does not expect (was read without a word)."""
    def change(ws):
        ws.cell(row=6, column=10).value = value
        ws.cell(row=6, column=10).number_format = number_format
    problems = xlsx_problems(tmp_path, edited(change))
    assert places(problems, "number-shown-rounded") == [(6, "J", "number-shown-rounded")]
    (problem,) = problems.warnings
    assert f"单元格显示为 {shown}，实际存的是 {held}%，按 {held} 计分" in problem.message


def test_a_percentage_shown_as_held_is_not_warned(tmp_path):
    def change(ws):
        ws.cell(row=6, column=10).value = 0.745
        ws.cell(row=6, column=10).number_format = "0.0%"
    assert "number-shown-rounded" not in {p.code for p in xlsx_problems(tmp_path, edited(change)).sorted()}


def test_a_person_row_of_zero_height_or_a_column_of_zero_width_is_hidden_too(tmp_path):
    """A row dragged to no height (ht="0", as WPS and programs leave it) is as hidden as hidden="1"."""
    data = patched(office_xlsx(), '<row r="6">', '<row r="6" ht="0" customHeight="1">')
    data = patched(data, "<sheetData>", '<cols><col min="11" max="11" width="0" customWidth="1"/></cols><sheetData>')
    problems = xlsx_problems(tmp_path, data)
    assert places(problems, "row-hidden") == [(6, None, "row-hidden")]
    assert places(problems, "column-hidden") == [(3, "K", "column-hidden")]


@pytest.mark.parametrize("number_format, shown", [("[>=48]0.00;0", "46"), ("0.00;-0.00;0", None), ("0;-0.0", "46")])
def test_the_section_a_number_is_shown_by_decides_its_decimals(tmp_path, number_format, shown):
    """王五's 绩 45.5 under [>=48]0.00;0 is shown by the second section, 46: warned (the first section's two
    decimals used to say it showed as held)."""
    def change(ws):
        ws.cell(row=6, column=7).value = 45.5
        ws.cell(row=6, column=7).number_format = number_format
    problems = xlsx_problems(tmp_path, edited(change))
    found = [p for p in problems.sorted() if p.code == "number-shown-rounded"]
    assert [(p.line, p.column) for p in found] == ([(6, "G")] if shown else [])
    if shown:
        assert f"单元格显示为 {shown}，实际存的是 45.5" in found[0].message


def test_a_semicolon_csv_with_decimal_commas_says_each_comma_is_a_decimal_point(tmp_path):
    """An Excel whose region is European saves CSV with ; between cells and , as the decimal point: the file is
    read, and each 17,5 was only 「不是数字」, leaving the office to guess why a score it sees is no number."""
    rows = [list(row) for row in CLEAN_ROWS]
    rows[0][3], rows[2][3] = "17,5", "18,5"
    text = ";".join(CLEAN_HEADER) + "\n" + "".join(";".join(row) + "\n" for row in rows)
    problems = csv_problems(tmp_path, text)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "D", "not-a-number"), (4, "D", "not-a-number")]
    assert all("写成 1" in p.message and "逗号" in p.message for p in problems.sorted())


@pytest.mark.parametrize("codec, bom", [("utf-8", "\ufeff"), ("utf-16", "")])
def test_two_exports_joined_read_as_one_sheet_without_the_second_bom(tmp_path, codec, bom):
    """Two departments' CSV UTF-8 exports joined (copy /b a.csv+b.csv, or cat): the second file's BOM lands at the
    start of its header line. It was a control character in 「编号」, and the repeated header a person with
    nine errors; it is the invisible mark a file begins with, and the repeat is skipped as a printed page's."""
    first = bom + csv_text(CLEAN_HEADER, CLEAN_ROWS[:2])
    second = bom + csv_text(CLEAN_HEADER, CLEAN_ROWS[2:])
    data = first.encode(codec) + second.encode(codec)
    expected = clean(tmp_path / "clean")
    make_project(tmp_path / "joined", OFFICE_SCHEME, {"Q1.csv": data})
    assert results(tmp_path / "joined") == expected
    _, _, problems = run(tmp_path / "joined")
    assert problems.sorted() == []


def test_a_bom_inside_a_cell_is_still_a_control_character(tmp_path):
    rows = [list(row) for row in CLEAN_ROWS]
    rows[1][1] = "李\ufeff四"
    problems = csv_problems(tmp_path, csv_text(CLEAN_HEADER, rows))
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(3, "B", "control-character")]
