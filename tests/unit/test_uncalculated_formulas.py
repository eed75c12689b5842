"""Workbooks written by programs that never calculated their formulas: xlsxwriter and many OA/HR
exports store 0 (or empty text) as every formula's result and set <calcPr fullCalcOnLoad="1"/> so that
Excel computes them when it opens the file. Read as they are, those zeros were taken for real scores.
Built here by editing the XML of an openpyxl-written workbook as such a program writes it."""

from __future__ import annotations

from tests.unit.test_office_layout import errors
from tests.unit.test_sheet_slips import edited, patched, xlsx_problems


def with_formula(cell: str, formula: str):
    def change(ws):
        ws[cell] = f"={formula}"
    return edited(change)


def test_a_formula_cached_as_zero_in_a_workbook_to_be_calculated_on_load_fails_at_its_cell(tmp_path):
    """通报次数 (K5) =0+1 shows 1 in Excel; the program stored 0: read so, 李四 was never 通报."""
    data = patched(with_formula("K5", "0+1"), "<c r=\"K5\"><f>0+1</f><v /></c>", "<c r=\"K5\"><f>0+1</f><v>0</v></c>")
    problems = xlsx_problems(tmp_path, data)
    assert errors(problems) == [(5, "K", "formula-without-value")]
    message = next(p.message for p in problems.sorted() if p.code == "formula-without-value")
    assert "K5" in message and "0" in message and "另存" not in message and "打开" in message and "保存" in message


def test_a_formula_cached_as_empty_text_in_such_a_workbook_fails_too(tmp_path):
    data = patched(with_formula("H5", 'IF(1,"表彰:3","")'), '<c r="H5"><f>IF(1,"表彰:3","")</f><v /></c>',
                   '<c r="H5" t="str"><f>IF(1,"表彰:3","")</f><v></v></c>')
    assert errors(xlsx_problems(tmp_path, data)) == [(5, "H", "formula-without-value")]


def test_a_stored_non_zero_result_in_such_a_workbook_fails_too(tmp_path):
    """A program that fills a template in (Apache POI's setForceFormulaRecalculation, a script editing the
    XML) keeps the results the template was saved with and asks Excel to recalculate: 李四's 德 (E5)
    =10+8 shows 18 in Excel, the file still holds the 15 of before. Read so, his total was 3 points short."""
    data = patched(with_formula("E5", "10+8"), "<c r=\"E5\"><f>10+8</f><v /></c>", "<c r=\"E5\"><f>10+8</f><v>15</v></c>")
    problems = xlsx_problems(tmp_path, data)
    assert errors(problems) == [(5, "E", "formula-without-value")]
    message = next(p.message for p in problems.sorted() if p.code == "formula-without-value")
    assert "E5" in message and "旧" in message and "fullCalcOnLoad" in message


def test_a_non_zero_formula_of_a_workbook_excel_saved_is_read(tmp_path):
    """Excel computed and saved the result (and dropped the flag): read as any value (the clean grade follows)."""
    data = patched(with_formula("K7", "0+1"), "<c r=\"K7\"><f>0+1</f><v /></c>", "<c r=\"K7\"><f>0+1</f><v>1</v></c>")
    data = patched(data, 'fullCalcOnLoad="1"', "", member="xl/workbook.xml")
    assert errors(xlsx_problems(tmp_path, data)) == []


def test_a_zero_formula_of_a_workbook_excel_saved_is_read(tmp_path):
    """Excel saves the results it computed and no fullCalcOnLoad: a formula giving 0 is a real 0."""
    data = patched(with_formula("K5", "1-1"), "<c r=\"K5\"><f>1-1</f><v /></c>", "<c r=\"K5\"><f>1-1</f><v>0</v></c>")
    data = patched(data, 'fullCalcOnLoad="1"', "", member="xl/workbook.xml")
    assert errors(xlsx_problems(tmp_path, data)) == []


def test_the_offices_own_total_left_uncalculated_only_follows_from_the_formula_problem(tmp_path):
    """合计 =SUM(D2:F2) stored as 0 by the program: one formula-without-value, not a 0 that differs from 95."""
    def total(ws):
        ws["N3"], ws["N4"] = "合计", "=E4+F4+G4"
    data = patched(edited(total), '<c r="N4"><f>E4+F4+G4</f><v /></c>', '<c r="N4"><f>E4+F4+G4</f><v>0</v></c>')
    problems = xlsx_problems(tmp_path, data)
    assert errors(problems) == [(4, "N", "formula-without-value")]
    assert sum(problems.follow_ons().values()) == 1


def test_a_workbook_xlsxwriter_wrote_is_not_read_as_zeros(tmp_path):
    """The real thing: xlsxwriter stores 0 for every formula and asks for a calculation on load. 赵六's
    通报次数 =0+1 and the office's 合计 =SUM(…) were read as 0 (a 通报 lost, a 合计 said to differ)."""
    import xlsxwriter

    from tests.unit.helpers import make_project, run
    from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME

    root = make_project(tmp_path, OFFICE_SCHEME, {})
    path = root / "content/ag/t1/2025/Q1.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("成绩")
    sheet.write_row(0, 0, [*CLEAN_HEADER, "合计"])
    for r, row in enumerate(CLEAN_ROWS, start=1):
        for c, value in enumerate(row):
            sheet.write_number(r, c, int(value)) if c in (3, 4, 5, 9, 10) else sheet.write_string(r, c, value)
        sheet.write_formula(r, 11, f"=SUM(D{r + 1}:F{r + 1})")
    sheet.write_formula(4, 10, "=0+1")
    workbook.close()
    _, _, problems = run(root)
    assert [(p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"] == [(2, "L", "formula-without-value")]
    assert "K5" in problems.errors[0].message and "L5" in problems.errors[0].message
    assert sum(problems.follow_ons().values()) == 4  # the four 合计 stand-ins, not compared as totals


def test_a_formula_of_a_workbook_saved_in_manual_calculation_without_recalculating_fails(tmp_path):
    """工具 → 计算 → 手动, and 保存前重新计算 unticked: Excel saves the results as they were before the last
    edits. 李四's 德 =10+8 saved as 15 (from before 8 was typed) would be read as his score."""
    data = patched(with_formula("E5", "10+8"), "<c r=\"E5\"><f>10+8</f><v /></c>", "<c r=\"E5\"><f>10+8</f><v>15</v></c>")
    manual = patched(data, 'fullCalcOnLoad="1"', 'calcMode="manual" calcOnSave="0"', member="xl/workbook.xml")
    problems = xlsx_problems(tmp_path, manual)
    assert errors(problems) == [(5, "E", "formula-without-value")]
    assert "手动" in next(p.message for p in problems.sorted() if p.code == "formula-without-value")
    saved = patched(data, 'fullCalcOnLoad="1"', 'calcMode="manual"', member="xl/workbook.xml")  # recalculated when saved
    fixed = patched(saved, "<v>15</v>", "<v>18</v>")
    assert errors(xlsx_problems(tmp_path / "saved", fixed)) == []


def test_a_column_of_formulas_without_results_is_one_problem_not_one_per_person(tmp_path):
    """An online sheet (金山文档, 腾讯文档) or a program exports 德 as formulas with no results: every 德 reads empty.
    The one formula-without-value was followed by a 「德」为空 for every person, the cause lost among them."""
    def formulas(ws):
        for row in range(4, 8):
            ws[f"E{row}"] = f"=10+{ws[f'E{row}'].value - 10}"
    problems = xlsx_problems(tmp_path, edited(formulas))  # openpyxl writes each formula with an empty <v />
    assert errors(problems) == [(4, "E", "formula-without-value")]
    assert sum(problems.follow_ons().values()) == 4  # each person's empty 德 counted on it
