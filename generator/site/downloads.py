"""Table downloads next to each data table: XLSX (IDs typed as text) and CSV (UTF-8 with BOM).

Deterministic bytes, so a rebuild is byte-identical. Every value is written as the text the
page shows; ID-like columns are text cells so Excel keeps leading zeros and long numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from generator.xlsx.deterministic import workbook_bytes


@dataclass(frozen=True)
class DataTable:
    title: str
    headers: list[str]
    rows: list[list[str]]
    text_columns: frozenset[int] = frozenset()  # indexes of ID/code columns (stay text)
    number_columns: frozenset[int] = frozenset()


def csv_bytes(table: DataTable) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_safe(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by Excel (CSV injection).
    if value and value[0] in "=+-@\t\r" and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        from decimal import Decimal

        Decimal(value)
        return True
    except Exception:
        return False


def xlsx_bytes(table: DataTable) -> bytes:
    from decimal import Decimal, InvalidOperation

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数据"
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in table.rows:
        values = []
        for i, value in enumerate(row):
            if i in table.number_columns and value not in ("", "—"):
                try:
                    values.append(Decimal(value))
                    continue
                except InvalidOperation:
                    pass
            values.append(value)
        sheet.append(values)
    for index in table.text_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index + 1, max_col=index + 1):
            cell.number_format = "@"
            cell.data_type = "s"
            cell.value = str(cell.value) if cell.value is not None else ""
    for i, header in enumerate(table.headers, start=1):
        width = max([len(header) * 2 + 2] + [len(str(r[i - 1])) * 2 + 2 for r in table.rows[:200] if len(r) >= i])
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(40, width)
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook)
