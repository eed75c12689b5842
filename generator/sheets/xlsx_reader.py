"""Read the results sheet of an .xlsx workbook into rows of cells (openpyxl, read-only, values only).

What a workbook holds beyond text is kept: a number's kind (a number, a percentage, a date: Cell.kind,
from the cell's number format), control characters written as _x001B_ escapes, and the rows as they
are numbered in Excel, so every problem names the cell the office sees.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.core.problems import Problems
from generator.sheets.cells import Table, make_cells, where
from generator.sheets.limits import MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS
from generator.sheets.workbook import formulas_without_values, results_sheet


def read_xlsx(path: Path, shown: str, problems: Problems) -> Table | None:
    import openpyxl  # imported here: CSV-only runs do not pay for it

    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())  # as declared: checked before unpacking a byte
            if total > MAX_FILE_BYTES * 10:
                problems.add(shown, None, None, "file-too-large", "解压后超过 500 MB，疑似异常文件。")
                return None
            bad = archive.testzip()
            if bad is not None:
                raise zipfile.BadZipFile(bad)
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        really = _renamed_format(path)
        why = f"这是 {really} 文件，只是名字改成了 .xlsx" if really else f"无法作为 .xlsx 打开（{type(exc).__name__}）"
        problems.add(shown, None, None, "sheet-unreadable", f"{why}；请用 Excel 或 WPS 打开后「另存为」→「Excel 工作簿（*.xlsx）」。")
        return None
    try:
        sheet = results_sheet(workbook, shown, problems)
        if sheet is None:
            return None
        table = Table(shown, sheet.title, None)
        # The <dimension> a sheet declares (Excel writes A1:XFD1048576 when whole columns are formatted)
        # would make openpyxl pad every row to 16,384 cells and add empty rows up to row 1,048,576: read
        # only the cells the sheet really has.
        sheet.reset_dimensions()
        row_number = cells = 0
        for row_number, row_cells in enumerate(sheet.iter_rows(), start=1):
            if row_number > MAX_ROWS:
                problems.add(shown, row_number, None, "file-too-large", f"超过 {MAX_ROWS} 行。", where=where(table, row_number), sheet=table.sheet)
                return None
            if cells + len(row_cells) > MAX_CELLS:
                problems.add(shown, row_number, None, "file-too-large", f"到这一行已超过 {MAX_CELLS} 个单元格的上限；请删去多余的空行空列。",
                             where=where(table, row_number), sheet=table.sheet)
                return None
            cells += len(row_cells)
            values = [_ooxml_text(c.value) for c in row_cells]
            while values and values[-1] is None:
                values.pop()
            if len(values) > MAX_COLUMNS:
                problems.add(shown, row_number, None, "file-too-large", f"这一行有 {len(values)} 列，超过 {MAX_COLUMNS} 列的上限。", where=where(table, row_number), sheet=table.sheet)
                return None
            kinds = [_kind(value, row_cells[i], values, i) for i, value in enumerate(values)]
            table.rows.append(make_cells(values, row_number, table, problems, kinds))
        table.row_count = row_number
        formulas_without_values(path, sheet, shown, problems)
        return table
    except Exception as exc:
        problems.add(shown, None, None, "sheet-unreadable", f"读取表格时出错（{type(exc).__name__}）；请用 Excel 打开后重新保存。")
        return None
    finally:
        workbook.close()


def _renamed_format(path: Path) -> str | None:
    """What a file named .xlsx that is not one really is: an Excel 97 (.xls) or OpenDocument (.ods) file."""
    with path.open("rb") as handle:
        head = handle.read(80)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "Excel 97-2003（.xls）"
    return "OpenDocument（.ods，WPS/LibreOffice）" if head.startswith(b"PK") and b"opendocument" in head else None


_OOXML_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml_text(value: object) -> object:
    """Excel writes a control character in a cell as _x001B_ (and a literal _x as _x005F_x); openpyxl
    leaves the escape as it is. Undo it, so that the cell is what Excel shows and its control
    characters are found."""
    if type(value) is str and "_x" in value:
        return _OOXML_ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _kind(value: object, cell: object, values: list, i: int) -> str:
    """What an XLSX cell held: a number (n), a number shown as a percentage (p), a date (d), text ("").
    A whole number formatted 0000 becomes the text Excel shows (values[i] = "0005"): how an office
    keeps an ID's leading zeros in a number cell."""
    if value is None or isinstance(value, (str, bool)):
        return ""
    if isinstance(value, (int, float)):
        number_format = str(getattr(cell, "number_format", "") or "")
        if number_format[:2] == "00" and not number_format.strip("0") and value >= 0 and (type(value) is int or value.is_integer()):
            values[i] = str(int(value)).zfill(len(number_format))
        return "p" if "%" in number_format.replace('"%"', "").replace("\\%", "") else "n"
    return "d" if hasattr(value, "isoformat") else ""


