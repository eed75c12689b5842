"""ID and name cells as an office's spreadsheet leaves them: each either reads as the person the
clean sheet names, or fails `check` with a code at the cell — never a new person, a nameless row
on the 公示, or a period silently empty."""

from __future__ import annotations

import pytest

from generator import cli
from generator.sheets.id_cells import id_flaw, id_text
from tests.unit.helpers import csv_text, make_project, places, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, results


def with_cell(row: int, column: str, value: str) -> list[list[str]]:
    """CLEAN_ROWS with one cell changed (row counts people from 0)."""
    rows = [list(r) for r in CLEAN_ROWS]
    rows[row][CLEAN_HEADER.index(column)] = value
    return rows


@pytest.mark.parametrize("written", ["０００２", '="0002"', "'0002", " 0002 ", "0002\u3000"])
def test_an_id_dressed_by_a_spreadsheet_is_the_same_person(tmp_path, written):
    expected = clean(tmp_path / "clean")
    root = tmp_path / "dressed"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, with_cell(1, "编号", written))})
    assert results(root) == expected


@pytest.mark.parametrize("written", ["#N/A", "#REF!", "#value!", "1.10101E+17", "1E+5"])
def test_an_error_value_or_scientific_notation_is_not_an_id(tmp_path, written, capsys):
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, with_cell(1, "编号", written))})
    _, (period,), problems = run(root)
    assert places(problems, "id-invalid") == [(3, "A", "id-invalid")]
    assert "0002" not in {r.id for r in period.people} and written not in {r.id for r in period.people}
    assert cli.main(["-C", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert "第3行" in out and "编号" in out and ("错误值" in out or "科学计数法" in out)


@pytest.mark.parametrize("written", ["/", "-", "—", "无", "nan", "NULL", "None"])
def test_an_id_written_as_nothing_is_a_missing_id_not_a_person_of_that_id(tmp_path, written):
    """王五 with 「/」 (or pandas' nan) for his ID was a person of ID / in every period that wrote it so: his results
    joined under a slash, no 公示 line telling him from another."""
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, with_cell(2, "编号", written))})
    _, (period,), problems = run(root)
    assert places(problems, "missing-id") == [(4, "A", "missing-id")]
    assert written not in {r.id for r in period.people}


def test_a_blank_name_is_an_error_at_its_cell(tmp_path):
    """A nameless person once went onto the 公示 as an empty row, check passing."""
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, with_cell(0, "姓名", " "))})
    _, _, problems = run(root)
    assert places(problems, "missing-value") == [(2, "B", "missing-value")]
    assert "姓名为空" in problems.sorted()[0].message


def test_a_sheet_with_a_header_and_no_people_is_an_error(tmp_path, capsys):
    """Every yearly average silently lost that quarter, check passing."""
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, [])})
    _, _, problems = run(root)
    assert places(problems, "no-people") == [(1, None, "no-people")]
    assert cli.main(["-C", str(root), "check"]) == 1
    assert "没有任何人员" in capsys.readouterr().out


def test_a_sheet_whose_rows_all_fail_is_not_also_called_empty(tmp_path):
    rows = [[r[0], *r[1:]] for r in CLEAN_ROWS[:1]] * 2  # the same ID twice: one person, one duplicate
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(root)
    assert "no-people" not in {p.code for p in problems.items}


@pytest.mark.parametrize("cell, meant", [("０００５", "0005"), ('="0005"', "0005"), ("'0005", "0005"), ("12.0", "12"),
                                         ("Ａ００１", "A001"), ("0005", "0005"), ("'", "'")])
def test_id_text(cell, meant):
    assert id_text(cell) == meant and id_flaw(meant) is None


@pytest.mark.parametrize("cell", ["#N/A", "#DIV/0!", "＃Ｎ／Ａ", "1.2E+17", "3e5"])
def test_id_flaw(cell):
    assert id_flaw(id_text(cell)) is not None


def test_an_xlsx_id_kept_as_a_number_formatted_0000_reads_as_excel_shows_it(tmp_path):
    """5 formatted 0000 shows 0005 in Excel; it was read as 5 and reported as zeros lost."""
    import io

    import openpyxl

    expected = clean(tmp_path / "clean")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(CLEAN_HEADER)
    for r in CLEAN_ROWS:
        ws.append([int(r[0]), *r[1:]])
        ws.cell(row=ws.max_row, column=1).number_format = "0000"
    out = io.BytesIO()
    wb.save(out)
    root = tmp_path / "xlsx"
    make_project(root, OFFICE_SCHEME, {"Q1.xlsx": out.getvalue()})
    assert results(root) == expected


def test_an_xlsx_id_of_more_than_15_digits_in_a_number_cell_is_refused(tmp_path):
    """An 18-digit 身份证号 typed into a number cell: Excel keeps 15 significant digits (…011000)."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(CLEAN_HEADER)
    for n, r in enumerate(CLEAN_ROWS):
        ws.append([110101199001011000 + n if n == 1 else r[0], *r[1:]])
    ws.append(["110101199001011234", *CLEAN_ROWS[0][1:2], "办公室", *CLEAN_ROWS[0][3:]])  # the same as text: an ID
    out = io.BytesIO()
    wb.save(out)
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": out.getvalue()})
    _, (period,), problems = run(root)
    assert places(problems, "id-invalid") == [(3, "A", "id-invalid")]
    assert "15 位" in next(p.message for p in problems.items if p.code == "id-invalid")
    assert "110101199001011234" in {r.id for r in period.people}


@pytest.mark.parametrize("written", ["00 02", "0002 1", "00\u300002", "00\xa002", "00\t02"])
def test_an_id_with_a_blank_inside_is_an_error_not_a_new_person(tmp_path, written):
    """IDs are compared as text: 00 02 was a second person beside 0002 of the other periods, check passing."""
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, with_cell(1, "编号", written))})
    _, (period,), problems = run(root)
    assert places(problems, "id-invalid") == [(3, "A", "id-invalid")]
    assert "空格" in next(p.message for p in problems.sorted() if p.code == "id-invalid")
    assert len(period.people) == 3


@pytest.mark.parametrize("written", ["110101199001011000", "4401061985072300", "3301021980010120000"])
def test_a_long_id_a_number_cell_cut_to_15_digits_before_saving_as_csv_is_refused(tmp_path, written):
    """身份证号 kept in a number cell: Excel holds 15 significant digits and saves 110101199001011234 to CSV as
    110101199001011000. The .xlsx was refused (test above); the CSV saved from it was read as a new person,
    with an ID no other sheet, no decision file and no year's roll-up knows."""
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, with_cell(1, "编号", written))})
    _, _, problems = run(root)
    assert places(problems, "id-invalid") == [(3, "A", "id-invalid")]
    assert "15 位" in next(p.message for p in problems.sorted() if p.code == "id-invalid")


@pytest.mark.parametrize("written", ["110101199001015000", "110101199001011234", "1101011990010112", "123456789012345"])
def test_a_long_id_whose_digits_hold_is_read(tmp_path, written):
    """An 18-digit 身份证号 that ends in 000 and whose check digit agrees is a real one; an ID of other digits is as written."""
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, with_cell(1, "编号", written))})
    _, (period,), problems = run(root)
    assert not problems.has_errors()
    assert written in {r.id for r in period.people}
