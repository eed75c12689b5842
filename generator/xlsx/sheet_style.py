"""The look every generated sheet shares: a title row over the table, a bold header frozen under
it, an autofilter over the data, column widths from the content. Pure layout, no values."""

from __future__ import annotations

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter


def finish_sheet(sheet, n_columns: int, n_rows: int, sample: list[list[str]], headers: list[str], header_row: int = 2) -> None:
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
