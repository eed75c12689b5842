"""The table downloads written by xlsx/table_writer.py look in Excel exactly as the openpyxl files did.

The openpyxl path that xlsx_bytes used until the writer replaced it is kept here, only as the
oracle: for the demo's real tables and for hostile ones, both files are read back with openpyxl and
every cell's value, type, number format, font and alignment, the merges, the frozen pane, the
filter, the column widths and the row heights must be equal. Where openpyxl refused or damaged a
value (control characters, U+FFFE, a carriage return, a literal _x0041_) the new file is checked
against the data itself. If LibreOffice is installed, it opens a new file as a second reader.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from generator.site.downloads import DataTable, cell_value, xlsx_bytes
from generator.xlsx.deterministic import workbook_bytes
from generator.xlsx.table_writer import column_letter, number_text

ROOT = Path(__file__).resolve().parents[2]


def finish_sheet(sheet, n_columns: int, n_rows: int, sample: list[list[str]], headers: list[str], header_row: int = 2) -> None:
    """generator/xlsx/sheet_style.py as it was, moved here with the oracle (the site no longer uses openpyxl for tables)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    n_columns = max(n_columns, 1)
    title = sheet.cell(1, 1)
    title.font = Font(bold=True, size=13)
    title.alignment = Alignment(horizontal="left", vertical="center")
    if n_columns > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n_columns)
    sheet.row_dimensions[1].height = 24
    for c in range(1, n_columns + 1):
        cell = sheet.cell(header_row, c)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    last = get_column_letter(n_columns)
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(n_rows, 1)}"
    sheet.freeze_panes = f"A{header_row + 1}"
    for i in range(n_columns):
        header = headers[i] if i < len(headers) else ""
        width = max([len(header) * 2 + 2] + [len(r[i]) * 2 + 2 for r in sample if len(r) > i])
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(40, width)
    # printed: A4, one page wide down to half size, else on to more pages with the row labels repeated
    widths = [sheet.column_dimensions[get_column_letter(i + 1)].width for i in range(n_columns)]
    fit = sum(widths) <= 2 * 132
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait" if sum(widths) <= 92 else "landscape"
    if fit:
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    elif n_columns >= 3:
        sheet.print_title_cols = "A:B"
    sheet.print_title_rows = "1:2"
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"


def openpyxl_bytes(table: DataTable) -> bytes:
    """xlsx_bytes as it was (openpyxl + finish_sheet + workbook_bytes): the oracle, not used by the site."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append([table.title])
    sheet.append(table.headers)
    for r, row in enumerate(table.rows, start=3):
        for c, text in enumerate(row, start=1):
            value, fmt = cell_value(text, (c - 1) in table.number_columns, table.long_places)
            cell = sheet.cell(r, c)
            if (c - 1) in table.text_columns:
                cell.value = str(text)
                cell.data_type = "s"
                cell.number_format = "@"
            else:
                cell.value = value
                if fmt:
                    cell.number_format = fmt
                elif isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
    finish_sheet(sheet, len(table.headers), len(table.rows), [[str(v) for v in r] for r in table.rows[:200]], table.headers)
    return workbook_bytes(workbook)


def seen(data: bytes, n_rows: int, n_columns: int, decode: bool = False) -> dict:
    """Everything Excel shows of the sheet, as openpyxl reads it. `decode` undoes the _xHHHH_ escape,
    as Excel does on opening (openpyxl leaves it in the text)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["数据"]
    sheet = book.active
    cells = {}
    for row in sheet.iter_rows(min_row=1, max_row=max(sheet.max_row, n_rows), max_col=max(sheet.max_column, n_columns)):
        for cell in row:
            if type(cell).__name__ == "MergedCell":
                continue
            value = unescape(cell.value) if decode and isinstance(cell.value, str) else cell.value
            # an empty cell is empty: openpyxl wrote <c t="inlineStr"/>, the writer leaves it out or writes <c s=".."/>
            kind = cell.data_type if value is not None else None
            cells[cell.coordinate] = (value, type(value).__name__, kind, cell.number_format, bool(cell.font.b), cell.font.sz,
                                      cell.alignment.horizontal, cell.alignment.vertical, bool(cell.alignment.wrap_text))
    return {
        "cells": cells,
        "merged": sorted(str(r) for r in sheet.merged_cells.ranges),
        "freeze": sheet.freeze_panes,
        "filter": sheet.auto_filter.ref,
        "widths": {k: d.width for k, d in sheet.column_dimensions.items() if d.customWidth},
        "heights": {k: d.height for k, d in sheet.row_dimensions.items() if d.height is not None},
        "printed": printed(data),
    }


def assert_same_as_openpyxl(table: DataTable) -> None:
    new = xlsx_bytes(table)
    size = (2 + len(table.rows), max([len(table.headers), 1] + [len(r) for r in table.rows]))
    assert seen(new, *size, decode=True) == seen(openpyxl_bytes(table), *size)
    assert xlsx_bytes(table) == new  # byte-identical when written twice


@pytest.fixture(scope="module")
def demo_tables() -> list[DataTable]:
    from generator.core.problems import Problems
    from generator.engine.compute import compute_project
    from generator.project.discover import discover
    from generator.site.download_names import numeric_columns
    from generator.site.pages_internal import results_table
    from generator.site.pages_notice import notice_table

    problems = Problems()
    periods = compute_project(discover(ROOT, problems), problems)
    tables = []
    for period in periods:
        tables.append(results_table(period))
        headers, rows = notice_table(period)
        tables.append(DataTable(period.key, headers, rows, number_columns=numeric_columns(headers)))
    return tables


def test_the_demo_tables_look_as_openpyxl_wrote_them(demo_tables):
    assert len(demo_tables) > 20
    assert sum(len(t.rows) for t in demo_tables) > 500
    for table in demo_tables:
        assert_same_as_openpyxl(table)


HOSTILE = DataTable(
    "标题 · <script>alert(1)</script> & \"引号\" 'x'",
    ["编号", "姓名", "科室", "得分", "占比", "人数", "说明", "=SUM(A1)", ""],
    [
        ["0001", "=1+1", "办公室", "84.50", "74%", "3", "", "x", ""],
        ["0002", '=HYPERLINK("http://x","点我")', "A&B <b>", "81.1666666667", "16.7%", "-2", "😀 emoji 𠀀", "", "  前后空格  "],
        ["00000000000000000012", "+1-2", "@x", "-3.5", "0.0%", "0", "长" * 500, "—", "\t制表"],
        ["", "", "", "", "", "", "", "", ""],
        ["12345678901234567890", "-", "'", "—", "—", "1,000", "84.5分", "1e5", "换\n行"],
        ["7", "李 四", "科室", "100.000000", "100%", "-0", "-0.00", "+5", "0.1234567"],
    ],
    text_columns=frozenset({0}),
    number_columns=frozenset({3, 4, 5, 8}),
    long_places=3,
)


@pytest.mark.parametrize("table", [
    HOSTILE,
    DataTable("单列", ["姓名"], [["张三"], ["=1+1"], [""]]),
    DataTable("零行", ["编号", "姓名", "得分"], [], text_columns=frozenset({0}), number_columns=frozenset({2})),
    DataTable("", [], []),
    DataTable("宽", [f"列{i}" for i in range(30)], [[str(i * j) for i in range(30)] for j in range(3)], number_columns=frozenset(range(30))),
    DataTable("行长于表头", ["a"], [["1", "2", "3"]], number_columns=frozenset({0, 1})),
    DataTable("多行", ["编号", "分"], [[f"{i:04d}", f"{i}.5"] for i in range(250)], frozenset({0}), frozenset({1})),
], ids=["hostile", "one-column", "zero-rows", "nothing", "30-columns", "row-longer-than-headers", "250-rows"])
def test_hostile_tables_look_as_openpyxl_wrote_them(table):
    assert_same_as_openpyxl(table)


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        found = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    for text in found.values():
        ElementTree.fromstring(text.encode("utf-8"))  # every part is well-formed XML 1.0
    return found


def test_text_is_never_a_formula_and_numbers_are_exact_text():
    sheet = parts(xlsx_bytes(HOSTILE))["xl/worksheets/sheet1.xml"]
    assert "<f>" not in sheet and "<f " not in sheet
    assert '<c r="B3" t="inlineStr"><is><t>=1+1</t></is></c>' in sheet
    assert re.search(r'<c r="D4" s="\d+"><v>81.1666666667</v></c>', sheet)  # the Decimal's text, not "%.16g" of a float
    assert '<c r="A5" s="3" t="inlineStr"><is><t>00000000000000000012</t></is></c>' in sheet
    assert "&lt;script&gt;" in parts(xlsx_bytes(HOSTILE))["xl/worksheets/sheet1.xml"]
    table = DataTable("t", ["分"], [["81.16666666666666666666666667"], ["123456789012345678901234.5"]], number_columns=frozenset({0}))
    sheet = parts(xlsx_bytes(table))["xl/worksheets/sheet1.xml"]
    assert "<v>81.16666666666666666666666667</v>" in sheet and "<v>123456789012345678901234.5</v>" in sheet


def test_number_text_is_plain_decimal():
    from decimal import Decimal

    assert [number_text(Decimal(s)) for s in ("84.50", "0.167", "1E+3", "1E-7", "-0.00", "0", "100.000")] == [
        "84.5", "0.167", "1000", "0.0000001", "0", "0", "100"]
    assert [column_letter(i) for i in (1, 26, 27, 52, 53, 702, 703)] == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]


AWKWARD = ["孤代理\ud800", "响铃\x07", "\x00空\x1f", "退格\x08\x0b\x0c", "非字符\ufffe\uffff", "回车\r\n换行", "字面_x0041_与_X00e9_", "_x005F_"]


def test_text_xml_forbids_is_kept_not_dropped_and_the_file_stays_valid():
    table = DataTable("标题\x07", ["编号", "说明\x1b"], [["0001\x07", text] for text in AWKWARD], text_columns=frozenset({0}))
    with pytest.raises(openpyxl.utils.exceptions.IllegalCharacterError):
        openpyxl_bytes(table)  # openpyxl refused the table: the whole download was lost
    data = xlsx_bytes(table)
    sheet = parts(data)["xl/worksheets/sheet1.xml"]
    assert "_x0007_" in sheet and "&#13;" in sheet and "_x005F_x0041_" in sheet and "_xFFFE_" in sheet
    got = seen(data, 2 + len(AWKWARD), 2, decode=True)["cells"]
    assert got["A1"][0] == "标题\x07" and got["B2"][0] == "说明\x1b"
    assert [got[f"A{r}"][0] for r in range(3, 3 + len(AWKWARD))] == ["0001\x07"] * len(AWKWARD)
    assert [got[f"B{r}"][0] for r in range(3, 3 + len(AWKWARD))] == AWKWARD
    assert xlsx_bytes(table) == data


def test_parts_are_what_excel_expects():
    found = parts(xlsx_bytes(HOSTILE))
    assert sorted(found) == sorted(["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml", "xl/workbook.xml",
                                    "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/theme/theme1.xml", "xl/worksheets/sheet1.xml"])
    core = found["docProps/core.xml"]
    assert "<dc:creator>kaohe</dc:creator>" in core and core.count("2000-01-01T00:00:00Z") == 2
    sheet = found["xl/worksheets/sheet1.xml"]
    order = ["<sheetPr", "<dimension", "<sheetViews", "<sheetFormatPr", "<cols", "<sheetData", "<autoFilter", "<mergeCells", "<pageMargins"]
    assert [sheet.index(tag) for tag in order] == sorted(sheet.index(tag) for tag in order)
    assert "'数据'!$A$2:$I$8" in found["xl/workbook.xml"]
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(HOSTILE))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_new_file(tmp_path):
    table = DataTable("标题 · 方案", ["编号", "姓名", "得分", "占比", "人数"],
                      [["0001", "=1+1", "84.50", "16.7%", "3"], ["0002", "A&B <b> \"引号\"", "-3.5", "74%", "-2"],
                       ["0003", "响铃\x07 字面_x0041_", "—", "", "0"]],
                      text_columns=frozenset({0}), number_columns=frozenset({2, 3, 4}))
    source = tmp_path / "t.xlsx"
    source.write_bytes(xlsx_bytes(table))
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    def trimmed(row: list[str]) -> list[str]:  # a CSV row runs to the last column; the merged title row is empty after A1
        return row[: max([i + 1 for i, v in enumerate(row) if v] or [0])]

    got = [trimmed(r) for r in csv.reader(io.StringIO((tmp_path / "t.csv").read_text("utf-8"), newline=""))]
    # LibreOffice shows each number with its format: the page's text again (84.50, 16.7%); text as written, escapes undone
    assert got == [[table.title], table.headers] + [trimmed(r) for r in table.rows]


def test_a_csv_download_holds_no_formula_in_a_header_or_a_cell():
    """Headers are scheme text (an item or column name) and cells are data: neither may start a
    formula when the CSV is opened in Excel (=, +, -, @, tab, CR); numbers stay numbers."""
    from generator.site.downloads import csv_bytes

    rows = list(csv.reader(io.StringIO(csv_bytes(HOSTILE).decode("utf-8-sig"))))
    formulas = [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not re.fullmatch(r"[+-][\d.]+", cell)]
    assert formulas == [], formulas
    assert rows[0][7] == "'=SUM(A1)" and rows[1][1] == "'=1+1" and rows[3][3] == "-3.5"


def printed(data: bytes) -> dict:
    """How Excel prints the sheet, as openpyxl reads it back."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    setup = sheet.page_setup
    return {"paper": str(setup.paperSize), "orientation": setup.orientation, "fit": bool(sheet.sheet_properties.pageSetUpPr
            and sheet.sheet_properties.pageSetUpPr.fitToPage), "width": setup.fitToWidth, "height": setup.fitToHeight,
            "rows": sheet.print_title_rows, "cols": sheet.print_title_cols, "footer": sheet.oddFooter.center.text}


def test_a_download_prints_with_its_headers_on_every_page():
    """The downloads printed as Excel's defaults: portrait Letter-size paper, the table cut across pages
    with no header after the first, no page number — a leader printing a comparison of five
    periods got pages of bare numbers. Now: A4; a narrow table portrait and a wider one landscape,
    each one page wide; the title and header rows on every page; 第 N 页 共 M 页. A table too wide to
    shrink to one page (the comparisons' 30 columns) is not shrunk past reading: it runs on to more
    pages, its first two columns (what each row is) repeated on each."""
    narrow = printed(xlsx_bytes(DataTable("t", ["考核期", "考核", "等次", "人数", "占比"], [["2025年第一季度", "平时考核", "好", "1", "20.0%"]],
                                          number_columns=frozenset({3, 4}))))
    assert narrow == {"paper": "9", "orientation": "portrait", "fit": True, "width": 1, "height": 0, "rows": "$1:$2", "cols": None,
                      "footer": "第 &P 页 共 &N 页"}
    medium = printed(xlsx_bytes(HOSTILE))
    assert (medium["orientation"], medium["fit"], medium["rows"]) == ("landscape", True, "$1:$2")
    wide = printed(xlsx_bytes(DataTable("宽", ["考核期", "对象"] + [f"很长的列名{i}人数" for i in range(30)], [["2025年第一季度", "办公室"] + ["1"] * 30])))
    assert (wide["orientation"], wide["fit"], wide["rows"], wide["cols"]) == ("landscape", False, "$1:$2", "$A:$B")
