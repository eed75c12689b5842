"""Formats offices really send: Excel's 「Unicode 文本」 (UTF-16 LE with BOM, tab-separated), CSV with a
BOM and semicolons, .xls/.et/.txt, and files whose name says another format than their bytes (an OA
system's HTML table named .xlsx, a workbook renamed .csv, an empty file). Each is read exactly like
the clean sheet, or reported in Chinese with how to save it properly: never a traceback, never a
misleading word (编码无法识别 for a workbook; 找不到表头 for a web page)."""

from __future__ import annotations

import csv
import io

import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, office_xlsx, results


def delimited(delimiter: str, rows=None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in [CLEAN_HEADER, *(rows or CLEAN_ROWS)]:
        writer.writerow(row)
    return out.getvalue()


UNICODE_TEXT = b"\xff\xfe" + delimited("\t").encode("utf-16-le")  # Excel: 另存为 →「Unicode 文本」
HTML = ("<html><head><meta charset='utf-8'></head><body><table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in [CLEAN_HEADER, *CLEAN_ROWS])
        + "</table></body></html>").encode()


@pytest.mark.parametrize("data", [UNICODE_TEXT, b"\xef\xbb\xbf" + delimited(";").encode(), b"\xef\xbb\xbfsep=;\r\n" + delimited(";").encode(),
                                  delimited("\t").encode("gb18030")], ids=["unicode-text", "bom-semicolons", "sep-line", "gbk-tabs"])
def test_text_exports_renamed_csv_grade_as_the_clean_sheet(tmp_path, data):
    expected = clean(tmp_path / "clean")
    make_project(tmp_path / "t", OFFICE_SCHEME, {"Q1.csv": data})
    assert results(tmp_path / "t") == expected


@pytest.mark.parametrize("end", [b"\x1a", b"\r\n\x1a", b"\0" * 100], ids=["ctrl-z", "line-then-ctrl-z", "nul-padding"])
def test_an_end_of_file_mark_or_padding_after_the_rows_is_no_row(tmp_path, end):
    """A DOS-era export's Ctrl+Z, a download's NUL padding: three problems of a row of garbage, before."""
    expected = clean(tmp_path / "clean")
    make_project(tmp_path / "t", OFFICE_SCHEME, {"Q1.csv": delimited(",").encode() + end})
    assert results(tmp_path / "t") == expected
    assert run(tmp_path / "t")[2].sorted() == []


def only_problem(root, name: str, data: bytes):
    make_project(root, OFFICE_SCHEME, {name: data})
    _, _, problems = run(root)
    (problem,) = problems.sorted()
    return problem


def test_excels_unicode_text_saved_as_txt_says_how_to_save_it(tmp_path):
    problem = only_problem(tmp_path, "Q1.txt", UNICODE_TEXT)
    assert problem.code == "sheet-format-unsupported"
    assert "Unicode 文本" in problem.message and "Q1.xlsx" in problem.message and "改为 .csv" in problem.message


@pytest.mark.parametrize(("name", "data", "words"), [
    ("Q1.xlsx", HTML, "网页（HTML）"),
    ("Q1.xlsx", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n\r\n--x\r\n", "单个文件网页（.mht）"),
    ("Q1.xlsx", b'<?xml version="1.0"?>\r\n<?mso-application progid="Excel.Sheet"?>\r\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
     "XML 电子表格 2003"),
    ("Q1.xlsx", csv_text(CLEAN_HEADER, CLEAN_ROWS).encode(), "文本（CSV）"),
    ("Q1.xlsx", b"", "空的"),
    ("Q1.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 600, "打开密码"),
    ("Q1.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003（.xls）"),
    ("Q1.csv", office_xlsx(), "Excel 工作簿（.xlsx）"),
    ("Q1.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Excel 97-2003（.xls）"),
    ("Q1.csv", HTML, "网页（HTML）"),
    ("Q1.csv", b"", "空的"),
], ids=["xlsx-html", "xlsx-mht", "xlsx-xml2003", "xlsx-csv", "xlsx-empty", "xlsx-encrypted", "xlsx-xls", "csv-xlsx", "csv-xls", "csv-html", "csv-empty"])
def test_a_file_whose_bytes_are_another_format_is_named_as_such(tmp_path, name, data, words):
    problem = only_problem(tmp_path, name, data)
    assert problem.code == "sheet-unreadable", problem
    assert words in problem.message and any(w in problem.message for w in ("另存为", "改回", "空的", "删去密码")), problem.message


# --------------------------------------------------------------------------- a program's row numbers without a header


def _with_index(numbers) -> str:
    """The clean sheet as pandas' to_csv writes it by default: its index first, under an empty header cell."""
    return "," + ",".join(CLEAN_HEADER) + "\n" + "".join(f"{n}," + ",".join(f'"{c}"' if "," in c else c for c in row) + "\n"
                                                        for n, row in zip(numbers, CLEAN_ROWS, strict=True))


@pytest.mark.parametrize("start", [0, 1])
def test_the_row_numbers_a_program_writes_first_without_a_header_are_a_serial_column(tmp_path, start):
    """pandas writes its index (0, 1, 2 …) in a first column whose header is empty: cell-without-header said a comma
    had shifted the row (CSV), for a column that only numbers the rows, as 序号 does."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": _with_index(range(start, start + 4))})
    assert results(tmp_path) == clean(tmp_path / "clean")


def test_row_numbers_out_of_order_without_a_header_are_still_refused_saying_what_they_look_like(tmp_path):
    """Sorted after numbering (2, 0, 3, 1): no counter of these rows; reported, its words naming row numbers."""
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": _with_index([2, 0, 3, 1])})
    _, _, problems = run(tmp_path)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "A", "cell-without-header")]
    assert "序号" in problems.sorted()[0].message and "行号" in problems.sorted()[0].message


@pytest.mark.parametrize("nothing", ["nan", "NaN", "None", "NULL", "null", "<NA>"])
def test_a_programs_word_for_nothing_reads_as_an_empty_cell(tmp_path, nothing):
    """pandas writes a missing value as nan once a column is made text (astype(str)), a database export as NULL or
    None: 王五's 加分 「nan」 was event-list-invalid (看不出分值) and 李四's 试用期 unknown-choice, where an empty cell is
    none and 否; a person named nan went onto the 公示 as such."""
    rows = [list(row) for row in CLEAN_ROWS]
    rows[1][6] = nothing  # 李四's 加分 is empty in the clean sheet
    rows[2][8] = nothing  # 王五's 表现突出 否
    make_project(tmp_path, OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    assert results(tmp_path) == clean(tmp_path / "clean")
    rows[2][1], rows[3][3] = nothing, nothing  # 王五's name, 赵六's 德
    make_project(tmp_path / "gaps", OFFICE_SCHEME, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    _, _, problems = run(tmp_path / "gaps")
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(4, "B", "missing-value"), (5, "D", "missing-value")]
