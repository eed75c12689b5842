"""Office sheets, fourth pass (mutation style): a workbook whose tabs are more than the results (a 填写说明
or 评分标准 tab beside them, one tab per department), a workbook saved as Strict Open XML, and a
percentage typed as a fraction among percentages. Each grades like the clean sheet or fails with its
code and a fix that loses no one."""

from __future__ import annotations

import copy
import io
import zipfile

import openpyxl

from tests.unit.helpers import csv_text, make_project, places, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, results


def _numbers(row: list[str]) -> list:
    """A clean row as Excel holds it: the scores and counts as numbers."""
    return [*row[:3], int(row[3]), int(row[4]), int(row[5]), *row[6:9], int(row[9]), int(row[10])]


def _saved(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _results_book(title: str = "成绩"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(CLEAN_HEADER)
    for row in CLEAN_ROWS:
        sheet.append(_numbers(row))
    return workbook


def _problems(root, data: bytes, name: str = "Q1.xlsx"):
    make_project(root, OFFICE_SCHEME, {name: data})
    _, _, problems = run(root)
    return problems


# --------------------------------------------------------------------------- a tab of notes or standards beside the results


def test_a_results_tab_beside_a_tab_of_instructions_is_read_and_the_other_named(tmp_path):
    """填写说明 (sentences) and 评分标准 (项目 | 满分 | 标准, one row per item) beside the results: no tab of
    them has the header the scheme reads, so the results tab is the one; it used to be refused as two
    results sheets."""
    workbook = _results_book()
    notes = workbook.create_sheet("填写说明")
    notes.append(["1. 德、能、绩按百分制折算后填写。"])
    notes.append(["2. 加分须附证明材料。"])
    standards = workbook.create_sheet("评分标准")
    standards.append(["项目", "满分", "评分标准"])
    for item, top in (("德", 20), ("能", 30), ("绩", 50)):
        standards.append([item, top, "按考核细则"])
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.xlsx": _saved(workbook)})
    assert results(root) == clean(tmp_path / "clean")
    _, _, problems = run(root)
    said = [(p.line, p.code, p.severity.value, p.sheet) for p in problems.sorted() if p.code.startswith("workbook-")]
    assert said == [(None, "workbook-sheet-not-read", "info", "成绩")]
    message = next(p.message for p in problems.sorted() if p.code == "workbook-sheet-not-read")
    assert "「成绩」" in message and "「填写说明」、「评分标准」" in message


def test_a_results_tab_beside_a_roster_with_the_id_column_is_still_asked_about(tmp_path):
    """A 花名册 tab (编号, 姓名, 科室) has the id column too: which one holds the scores is not guessed."""
    workbook = _results_book()
    roster = workbook.create_sheet("花名册")
    roster.append(["编号", "姓名", "科室"])
    roster.append(["0001", "张三", "办公室"])
    problems = _problems(tmp_path, _saved(workbook))
    assert places(problems) == [(None, None, "workbook-many-sheets")]
    assert "「成绩」、「花名册」" in problems.sorted()[0].message


# --------------------------------------------------------------------------- one tab per department


def _tabs_by_department() -> bytes:
    workbook = openpyxl.Workbook()
    for n, department in enumerate(("办公室", "财务科", "人事科")):
        sheet = workbook.active if n == 0 else workbook.create_sheet()
        sheet.title = department
        sheet.append(CLEAN_HEADER)
        for row in CLEAN_ROWS:
            if row[2] == department:
                sheet.append(_numbers(row))
    return _saved(workbook)


def test_tabs_of_one_period_split_by_department_are_told_to_be_put_together_not_deleted(tmp_path):
    """Deleting the other tabs, as the message used to say, would leave their departments out of the
    assessment without a word: the fix is one sheet holding every tab's people."""
    problems = _problems(tmp_path, _tabs_by_department())
    assert places(problems) == [(None, None, "workbook-many-sheets")]
    message = problems.sorted()[0].message
    assert "「办公室」、「财务科」、「人事科」" in message and "表头相同" in message
    assert "复制到同一个工作表" in message and "不要直接删去" in message
    assert "把其他工作表删去" not in message


def test_tabs_of_two_periods_are_told_one_file_each(tmp_path):
    workbook = _results_book("2025一季度")
    workbook.copy_worksheet(workbook.active).title = "2025二季度"
    problems = _problems(tmp_path, _saved(workbook))
    assert places(problems) == [(None, None, "workbook-many-sheets")]
    message = problems.sorted()[0].message
    assert "每期一个文件" in message and "复制到同一个工作表" not in message


# --------------------------------------------------------------------------- Strict Open XML


_STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def _strict(data: bytes) -> bytes:
    """The workbook as Excel's 另存为「Strict Open XML 电子表格」 names its parts: the ISO namespaces."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            for old, new in _STRICT.items():
                body = body.replace(old, new)
            target.writestr(info, body)
    return out.getvalue()


def test_a_strict_open_xml_workbook_says_how_to_save_it(tmp_path, recwarn):
    """It used to be 「读取表格时出错（IndexError）；请用 Excel 打开后重新保存」: saved again as it was, it
    failed again, and openpyxl's warning reached the terminal."""
    problems = _problems(tmp_path, _strict(_saved(_results_book())))
    assert places(problems) == [(None, None, "sheet-unreadable")]
    message = problems.sorted()[0].message
    assert "Strict Open XML" in message and "Excel 工作簿（*.xlsx）" in message
    assert [str(w.message) for w in recwarn] == []


# --------------------------------------------------------------------------- one percentage typed as a fraction


def test_one_fraction_among_the_percentages_of_a_percent_column_is_an_error(tmp_path):
    """出勤率 is a percent column (95 means 95%); 张三's 95% typed as 0.95 was read as 0.95% and capped him
    from 好 to 较好 without a word, because only a column of fractions throughout was reported."""
    rows = copy.deepcopy(CLEAN_ROWS)
    rows[0][9] = "0.95"
    problems = _problems(tmp_path, csv_text(CLEAN_HEADER, rows), "Q1.csv")
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"] == [(2, "J", "number-hundredth")]


def test_one_plain_fraction_in_an_xlsx_percent_column_is_an_error_and_a_formatted_one_is_not(tmp_path):
    workbook = _results_book()
    workbook.active["J2"] = 0.95  # General: holds and shows 0.95
    workbook.active["J3"] = 0.9
    workbook.active["J3"].number_format = "0%"  # shows 90%: read as 90
    problems = _problems(tmp_path, _saved(workbook))
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"] == [(2, "J", "number-hundredth")]


# --------------------------------------------------------------------------- a decisions workbook with a tab of notes


def test_a_decisions_tab_beside_a_tab_of_notes_is_read(tmp_path):
    """The committee's decisions (编号 | 姓名 | 等次 | 理由 | 所决事项) beside a 会议纪要 tab of sentences: the tab with the
    decisions' header is the one; it used to be refused as two sheets, and the decisions not applied."""
    from tests.unit.helpers import by_id
    from tests.unit.test_decision_files import GOOD, HEADER
    from tests.unit.test_decision_files import run as run_decisions

    workbook = openpyxl.Workbook()
    workbook.active.title = "决定"
    workbook.active.append(HEADER)
    for row in GOOD:
        workbook.active.append(row)
    minutes = workbook.create_sheet("会议纪要")
    minutes.append(["2025年4月3日，局领导小组召开会议，审定第一季度平时考核结果。"])
    period, problems = run_decisions(tmp_path, {"Q1.decisions.xlsx": _saved(workbook)})
    assert not problems.has_errors(), [p.format() for p in problems.sorted()]
    assert by_id(period)["0002"].decided and by_id(period)["0003"].grade == "较好"
