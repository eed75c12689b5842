"""`make_template`: the workbook put together from its parts (the 说明 sheet, the 成绩 sheet's
header, the people carried over, the validations), set up for printing and saved with fixed times."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from generator.scheme.columns import plan_columns
from generator.scheme.model import Assessment, Scheme
from generator.xlsx.deterministic import text_not_formulas
from generator.xlsx.template.help_sheet import write_help
from generator.xlsx.template.layout import MIN_ROWS, SHEET_DATA, SHEET_HELP, SHEET_LISTS, SPARE_ROWS, write_header
from generator.xlsx.template.prefill import write_people
from generator.xlsx.template.times import fixed_time, normalize_zip
from generator.xlsx.template.validation import add_validations


def make_template(
    scheme: Scheme,
    assessment: Assessment,
    year: int,
    label: str,
    departments: list[str] | None,
    people: Iterable[Any] | None = None,
    agency: str | None = None,
) -> bytes:
    """The .xlsx bytes of a template. `people`: objects or dicts with id, name, department, post, unit."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    departments = list(departments or [])
    people = list(people or [])
    plan = plan_columns(scheme, assessment)

    wb = Workbook()
    help_ws = wb.active
    help_ws.title = SHEET_HELP
    ws = wb.create_sheet(SHEET_DATA)
    made: list = []

    def lists_sheet():
        if not made:
            sheet = wb.create_sheet(SHEET_LISTS)
            sheet.sheet_state = "hidden"
            made.append(sheet)
        return made[0]

    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    write_help(help_ws, scheme, assessment, plan, departments, year, label, agency, border)
    index = write_header(ws, scheme, plan, departments, border)
    write_people(ws, scheme, index, people)
    add_validations(ws, scheme, plan, index, departments, 1 + max(MIN_ROWS, len(people) + SPARE_ROWS), lists_sheet)

    # printing: A4 landscape, all columns on one page width, header repeated on every page
    for sheet in (help_ws, ws):
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"

    # fixed times so that the same input gives the same bytes
    when = fixed_time(year, label)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "kaohe"
    wb.properties.lastModifiedBy = "kaohe"
    wb.properties.title = f"{scheme.name} {year}-{label} 成绩表"
    wb.active = 0
    text_not_formulas(wb.worksheets)  # names and departments carried over from data are text
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalize_zip(buffer.getvalue(), when)
