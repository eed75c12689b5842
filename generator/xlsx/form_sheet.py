"""An official summary form as an XLSX sheet laid out like the printed form: title, the form's own
header lines (填报单位, 填报时间…), a multi-row header with merged cells, the body, the note under
it, the lines the office signs (填表人, 审核人, 联系电话: blanks), and A4 print settings with 第 &P 页 共 &N 页 in the footer. Deterministic bytes.

The same `FilledForm` is rendered as the printable page (site/pages_forms.py), so both show the
same cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.xlsx.deterministic import sheet_title, workbook_bytes


@dataclass(frozen=True)
class HeadCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class FormCell:
    text: str  # as printed
    value: Decimal | int | None = None  # the number behind it, when it is one
    number_format: str | None = None  # Excel format of value: "0", "0.0%", "0.00%"


@dataclass
class FilledForm:
    title: str
    subtitle: str
    meta: list[tuple[str, str]]  # (label, value) lines over the table: 填报单位 …
    head: list[list[HeadCell]]
    rows: list[list[FormCell]]
    note: str = ""
    widths: list[int] = field(default_factory=list)
    explain: str = ""  # how the numbers were made: on the page, not on the printed form
    missing: list[str] = field(default_factory=list)  # quarters the form covers whose results are not in yet
    pending: list[str] = field(default_factory=list)  # grades still to be decided, one sentence per period
    # The lines an office signs under the form before it is stamped and sent: blanks to fill by hand.
    signed: tuple[str, ...] = ("填表人", "审核人", "联系电话")

    @property
    def columns(self) -> int:
        return sum(c.colspan for c in self.head[0])


def signature_line(form: FilledForm) -> str:
    """填表人：＿＿＿　审核人：＿＿＿ …: the same line on the page and in the workbook."""
    return "　　".join(f"{label}：" + "　" * 8 for label in form.signed)


def form_xlsx(form: FilledForm) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(form.title, "汇总表")
    n = form.columns
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.cell(1, 1, form.title).font = Font(bold=True, size=16)
    sheet.cell(1, 1).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    sheet.cell(2, 1, form.subtitle).alignment = Alignment(horizontal="center")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    sheet.cell(3, 1, "　　".join(f"{label}：{value}" for label, value in form.meta))
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=n)
    top = 4
    taken: set[tuple[int, int]] = set()
    for r, line in enumerate(form.head):
        c = 1
        for head in line:
            while (top + r, c) in taken:
                c += 1
            cell = sheet.cell(top + r, c, head.text)
            cell.font, cell.alignment = Font(bold=True), wrap
            for rr in range(head.rowspan):
                for cc in range(head.colspan):
                    taken.add((top + r + rr, c + cc))
                    sheet.cell(top + r + rr, c + cc).border = box
            if head.colspan > 1 or head.rowspan > 1:
                sheet.merge_cells(start_row=top + r, start_column=c, end_row=top + r + head.rowspan - 1, end_column=c + head.colspan - 1)
            c += head.colspan
    first = top + len(form.head)
    for r, row in enumerate(form.rows):
        for c, item in enumerate(row, start=1):
            cell = sheet.cell(first + r, c)
            if item.value is not None:
                cell.value = item.value
                cell.number_format = item.number_format or "General"
            else:
                cell.value = item.text
                cell.data_type = "s"
            cell.alignment, cell.border = wrap, box
    last = first + len(form.rows)
    if form.note:
        sheet.cell(last + 1, 1, form.note).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=last + 1, start_column=1, end_row=last + 1, end_column=n)
        sheet.row_dimensions[last + 1].height = 32
    if form.signed:
        below = last + (2 if form.note else 1)
        sheet.cell(below, 1, signature_line(form)).alignment = Alignment(vertical="center")
        sheet.merge_cells(start_row=below, start_column=1, end_row=below, end_column=n)
        sheet.row_dimensions[below].height = 28
    for i, width in enumerate(form.widths or [14] * n, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = f"A{first}"
    sheet.print_title_rows = f"{top}:{first - 1}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    if form.missing or form.pending:  # a workbook downloaded before the year is settled prints as a draft, not a form to stamp
        sheet.oddHeader.center.text = "草稿：本表还不完整，请勿报送（原因见内部版网站该表页面顶部的说明）"
        sheet.oddHeader.center.color = "C00000"
    return workbook_bytes(workbook)
