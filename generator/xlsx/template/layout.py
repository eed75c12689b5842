"""The 成绩 sheet's layout: sheet names, the header row (each column's name with its short note),
fills by kind of column, widths, text-formatted columns and the frozen panes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.core.numbers import fmt as _fmt
from generator.scheme.columns import ColumnPlan
from generator.scheme.model import Scheme
from generator.scheme.rules.base import ColumnSpec

SHEET_HELP = "说明"
SHEET_DATA = "成绩"
SHEET_LISTS = "选项"
MIN_ROWS = 500  # rows below the header that carry validation in an empty template
SPARE_ROWS = 200  # extra validated rows below prefilled people

HEADER_FILL = "DDEBF7"  # people columns
ITEM_FILL = "FFF2CC"  # scored items
OTHER_FILL = "E2EFDA"  # adjustments, flags, inputs


def fmt(value) -> str:
    """numbers.fmt, also for the plain int 0 some rules use as a column minimum."""
    return _fmt(Decimal(value) if isinstance(value, int) else value)


def display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def header_note(spec: ColumnSpec, plan: ColumnPlan) -> str:
    """The short note shown in brackets after a column name: 满分6, 上限5, 是/否, 好/较好/一般/较差.

    The loader strips one trailing bracketed note, so the note must not itself contain brackets."""
    if spec.name in {s.name for s in plan.people}:
        return ""
    if spec.type == "yesno":
        return "是/否"
    if spec.type == "date":
        return "日期"
    if spec.type == "choice":
        note = "/".join(spec.choices)
        return note if 0 < len(note) <= 20 and not _has_bracket(note) else ""
    if spec.type == "amounts":
        return "逐次填写，用、分隔"
    if spec.type == "events":
        return "事项:分值，用；分隔"
    if spec.type == "scores":
        return "各评委分数，用、分隔"
    if spec.type == "award_events":
        return "事项:奖项，用；分隔"
    note = "".join(spec.note.split())
    if note and len(note) <= 12 and not _has_bracket(note) and note not in spec.name:  # not 迟到次数（次数）
        return note
    if spec.type == "number":
        if spec.min is not None and spec.max is not None:
            return f"{fmt(spec.min)}—{fmt(spec.max)}"
        if spec.max is not None:
            return f"不超过{fmt(spec.max)}"
    return ""


def _has_bracket(text: str) -> bool:
    return any(ch in text for ch in "()（）[]【】")


def header_text(spec: ColumnSpec, plan: ColumnPlan, sep: str = "") -> str:
    """思想政治素质（满分6）; with sep="\n" the note goes on a second line in the cell (the loader
    ignores whitespace in headers)."""
    note = header_note(spec, plan)
    return f"{spec.name}{sep}（{note}）" if note else spec.name


def write_header(ws: Any, scheme: Scheme, plan: ColumnPlan, departments: list[str], border: Any) -> dict[str, int]:
    """Write the header row of the 成绩 sheet, set widths and freeze the header and ID/name columns;
    return column name → column number."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    cols = scheme.people
    item_names = {s.name for s, _ in plan.items}
    people_names = {s.name for s in plan.people}
    header_font = Font(bold=True)
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    index: dict[str, int] = {}
    for col, spec in enumerate(plan.all(), start=1):
        index[spec.name] = col
        cell = ws.cell(row=1, column=col, value=header_text(spec, plan, "\n"))
        cell.font = header_font
        cell.alignment = header_align
        cell.border = border
        color = HEADER_FILL if spec.name in people_names else ITEM_FILL if spec.name in item_names else OTHER_FILL
        cell.fill = PatternFill("solid", fgColor=color)
        width = max(display_width(line) for line in header_text(spec, plan, "\n").split("\n"))
        if spec.name == cols.department and departments:
            width = max(width, max(display_width(d) for d in departments))
        if spec.name == cols.id:
            width = max(width, 12)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(8, min(30, width + 3))
        if spec.type in ("text", "amounts", "choices", "events", "award_events", "scores"):
            ws.column_dimensions[letter].number_format = "@"
        elif spec.type == "date":  # typed 2025-3-1, Excel keeps a date and shows it so
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
    ws.row_dimensions[1].height = 36
    last_fixed = max(index.get(cols.id, 1), index.get(cols.name, 1))
    ws.freeze_panes = ws.cell(row=2, column=last_fixed + 1).coordinate
    ws.sheet_view.tabSelected = False
    return index
