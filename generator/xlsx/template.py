"""`kaohe template`: the Excel sheet an HR office fills in for one assessment period.

The workbook has two visible sheets:
- 「说明」: what to fill in, column by column, with each item's standard and its rule in words
  (from `rule.describe(item)`), how to write numbers and deductions, where to save the file and
  what to run next;
- 「成绩」: one header row with the scheme's columns in order (items show their full marks:
  思想政治素质（满分6）— the loader strips the trailing note), the ID column formatted as text,
  frozen header and ID/name columns, drop-downs for departments, posts, choices and 是/否 columns,
  and number validation between each column's minimum and maximum with a Chinese message.
A hidden 「选项」 sheet holds drop-down lists that are too long to write inline.

`make_template` is pure: the same scheme, period, departments and people give byte-identical
files (the document times and the ZIP entry times are fixed from the period).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from generator.core.numbers import fmt as _fmt
from generator.scheme.columns import ColumnPlan, plan_columns
from generator.scheme.model import PERIOD_NAMES, Assessment, Item, Scheme
from generator.scheme.rules.base import ColumnSpec

SHEET_HELP = "说明"
SHEET_DATA = "成绩"
SHEET_LISTS = "选项"
MIN_ROWS = 500  # rows below the header that carry validation in an empty template
SPARE_ROWS = 200  # extra validated rows below prefilled people

_HEADER_FILL = "DDEBF7"  # people columns
_ITEM_FILL = "FFF2CC"  # scored items
_OTHER_FILL = "E2EFDA"  # adjustments, flags, inputs


@dataclass(frozen=True)
class Prefill:
    """One person carried over from an earlier period."""

    id: str
    name: str
    department: str = ""
    post: str | None = None
    unit: str | None = None


# --------------------------------------------------------------------------- periods


def period_month(label: str) -> tuple[int, int]:
    """(first month, last month) of a period label: Q2 → (4, 6), H1 → (1, 6), Y → (1, 12), M03 → (3, 3)."""
    if label.startswith("M"):
        m = int(label[1:])
        return m, m
    if label.startswith("Q"):
        q = int(label[1:])
        return 3 * q - 2, 3 * q
    if label.startswith("H"):
        h = int(label[1:])
        return 6 * h - 5, 6 * h
    return 1, 12


def fixed_time(year: int, label: str) -> datetime:
    """The document time written into a template: the first day of the period, midnight."""
    return datetime(max(year, 1980), period_month(label)[0], 1)


# --------------------------------------------------------------------------- headers


def fmt(value) -> str:
    """numbers.fmt, also for the plain int 0 some rules use as a column minimum."""
    return _fmt(Decimal(value) if isinstance(value, int) else value)


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def header_note(spec: ColumnSpec, plan: ColumnPlan) -> str:
    """The short note shown in brackets after a column name: 满分6, 上限5, 是/否, 好/较好/一般/较差.

    The loader strips one trailing bracketed note, so the note must not itself contain brackets."""
    if spec.name in {s.name for s in plan.people}:
        return ""
    if spec.type == "yesno":
        return "是/否"
    if spec.type == "choice":
        note = "/".join(spec.choices)
        return note if 0 < len(note) <= 20 and not _has_bracket(note) else ""
    if spec.type == "amounts":
        return "逐次填写，用、分隔"
    if spec.type == "events":
        return "事项:分值，用；分隔"
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


# --------------------------------------------------------------------------- words for 说明


def period_words(year: int, label: str) -> str:
    """2025 年第一季度, 2025 年度."""
    return f"{year} 年度" if label == "Y" else f"{year} 年{PERIOD_NAMES.get(label, label)}"


def _item_of_column(scheme: Scheme, assessment: Assessment) -> dict[str, tuple[Item, list[str], str]]:
    """column name → (the leaf item reading it, its path of names, post name or "")."""
    found: dict[str, tuple[Item, list[str], str]] = {}

    def visit(item: Item, path: list[str], post: str) -> None:
        here = [*path, item.name]
        rule = item.rule
        if rule is not None:
            for spec in rule.columns(item):
                found.setdefault(spec.name, (item, here, post))
        for child in item.children:
            visit(child, here, post)

    for top in assessment.items:
        visit(top, [], "")
    if any(i.by_post for i in assessment.walk()):
        for post in scheme.posts:
            for top in post.items:
                visit(top, [], post.name)
    return found


def _type_words(spec: ColumnSpec, departments: list[str]) -> str:
    if spec.type == "number":
        whole = spec.places == 0
        kind = "整数" if whole else "数字（可带小数）"
        if spec.min is not None and spec.max is not None:
            return f"{kind}，{fmt(spec.min)} 至 {fmt(spec.max)}"
        if spec.min is not None:
            return f"{kind}，不小于 {fmt(spec.min)}"
        if spec.max is not None:
            return f"{kind}，不超过 {fmt(spec.max)}"
        return kind
    if spec.type == "amounts":
        rng = ""
        if spec.each_min is not None and spec.each_max is not None:
            rng = f"，每次 {fmt(spec.each_min)} 至 {fmt(spec.each_max)} 分"
        return f"逐次填写分值，用「、」分隔，如 3、4.5{rng}；没有就留空"
    if spec.type == "yesno":
        return "从下拉列表选「是」或「否」；留空视为否"
    if spec.type == "choice":
        return "从下拉列表选择：" + "、".join(spec.choices)
    if spec.type == "choices":
        return "可填多项，用「、」分隔，可选：" + "、".join(spec.choices)
    if spec.type == "events":
        return "逐项写 事项:分值，多项用「；」分隔，如 疫情防控:3；表彰:2；没有就留空"
    return "文字"


def _column_rows(scheme: Scheme, assessment: Assessment, plan: ColumnPlan, departments: list[str]) -> list[tuple[str, str, str, str]]:
    """(表头, 必填, 填写方法, 说明) for every column of the sheet."""
    people = scheme.people
    items = _item_of_column(scheme, assessment)
    adjustments = {}
    for adjustment in assessment.adjustments:
        for spec in adjustment.columns():
            adjustments.setdefault(spec.name, adjustment)
    inputs = {d.name: d for d in [*scheme.inputs, *assessment.inputs]}
    rows = []
    for spec in plan.all():
        header = header_text(spec, plan)
        required = "必填" if spec.required else "选填"
        how = _type_words(spec, departments)
        about = ""
        if spec.name == people.id:
            how = "文本（已设为文本格式，保留前导 0，如 0012）"
            about = "每人一个唯一编号，各期保持不变；同名的人用不同编号区分。"
        elif spec.name == people.name:
            about = "姓名。"
        elif spec.name == people.department:
            if departments:
                how = "从下拉列表选择：" + "、".join(departments)
                about = "须与单位 agency.yaml 中的部门名称一致。"
            else:
                about = "部门名称。"
        elif people.post and spec.name == people.post:
            about = "岗位名称，须与方案中的岗位一致；不同岗位考核的项目不同。"
        elif people.unit and spec.name == people.unit:
            about = "考核单元（按单元计算名额比例）。"
        elif spec.name in items:
            item, path, post = items[spec.name]
            parts = ["项目：" + " › ".join(path)]
            if post:
                parts.append(f"（仅「{post}」岗位填写）")
            if item.max is not None:
                parts.append(f"满分 {fmt(item.max)} 分。")
            if item.standard:
                parts.append("评分标准：" + item.standard.strip())
            rule = item.rule
            if rule is not None:
                parts.append("计分：" + rule.describe(item))
            about = "".join(p if p.endswith(("。", "）")) else p + "。" for p in parts)
        elif spec.name in adjustments:
            about = adjustments[spec.name].words().replace("。；", "；")
            if spec.type == "number":
                how = f"合计分数，{_type_words(spec, departments)}；没有就留空或填 0"
        elif assessment.grades and spec.name == assessment.grades.entered:
            about = "直接填写评定的等次。"
        elif spec.name in inputs:
            about = inputs[spec.name].description or ""
        rows.append((header, required, how, about))
    return rows


def _help_lines(scheme: Scheme, assessment: Assessment, year: int, label: str, agency: str | None) -> list[tuple[str, str]]:
    """(kind, text) lines of the 说明 sheet before the column table; kind is title/heading/text."""
    period = period_words(year, label)
    target = f"content/{agency or '<单位目录名>'}/{scheme.code}/{year}/{label}.xlsx"
    lines: list[tuple[str, str]] = [
        ("title", f"{scheme.name} · {period} · {assessment.name} 成绩表"),
        ("text", f"方案：{scheme.name}（{scheme.issuer}，{scheme.version}），方案代码 {scheme.code}；考核期 {period}（{year}-{label}）。"),
        ("heading", "一、怎么填"),
        (
            "text",
            f"1. 在「{SHEET_DATA}」工作表中每人填一行，从第 2 行开始。不要修改表头文字（括号里的满分等提示可以保留或删掉）；需要标题时可在表头上方插入一行。",
        ),
        ("text", f"2. 「{scheme.people.id}」是每人唯一的编号，按文本填写，保留前导 0（如 0012）；同名的人也要用不同编号。"),
        ("text", "3. 分数只填阿拉伯数字，可带小数，如 85 或 4.5；不要填「优」「良」等文字，也不要带「分」字。没有得分的项填 0，不要留空。"),
        (
            "text",
            "4. 扣分如需逐次填写，在同一个单元格中用顿号「、」分隔，如 3、4.5（表示两次，分别扣 3 分和 4.5 分）；加分、减分列填本期合计分数，超过上限的部分不计。",
        ),
        ("text", "5. 下拉列表中的列（部门、是/否、等次等）请从列表中选择；「是/否」列留空视为否。"),
        ("text", "6. 人员所在的行不要合并单元格；表格下方的「合计」「备注」行和空行会被忽略。总分和等次由程序按方案计算，不用填写。"),
        ("heading", "二、保存到哪里，下一步做什么"),
        ("text", f"1. 填好后保存为 .xlsx，文件放到项目目录中的 {target}（文件名即考核期，也可写 第一季度.xlsx 等）。"),
        ("text", "2. 在项目目录中运行  kaohe check  检查；有错误时会逐条指出「文件 › 工作表 › 第几行 › 哪一列」和改法。"),
        (
            "text",
            "3. 想在表格中直接看到问题，运行  kaohe check --xlsx-report 问题标注  ，打开「问题标注」文件夹中的副本：有问题的单元格标为红色，鼠标停在上面可看到说明。原文件不会被改动，请在原文件中改正。",
        ),
        ("text", f"4. 检查通过后，可用  kaohe explain {scheme.code} {year}-{label} <编号>  查看某人成绩的计算过程。"),
        ("heading", "三、各列说明"),
    ]
    return lines


def _rules_lines(assessment: Assessment) -> list[str]:
    lines: list[str] = []
    grades = assessment.grades
    if grades and grades.bands:
        bands = "；".join(f"{b.grade}：{b.words()}" for b in grades.bands)
        lines.append(f"按总分（保留 {assessment.places} 位小数，四舍五入）定等次：{bands}。")
        if grades.gap_policy == "lower":
            lines.append("分数段之间的空档（如 89.50 分）归入较低的等次。")
        elif grades.gap_policy == "upper":
            lines.append("分数段之间的空档归入较高的等次。")
    elif grades and grades.entered:
        lines.append(f"等次直接填写在「{grades.entered}」列：" + "、".join(grades.order) + "。")
    for adjustment in assessment.adjustments:
        lines.append(adjustment.words().replace("。；", "；"))
    for override in assessment.overrides:
        lines.append(override.reason.rstrip("。") + "。")
    for quota in assessment.quotas:
        lines.append(quota.text or quota.words())
    return lines


# --------------------------------------------------------------------------- the workbook


def _person_value(person: Any, key: str) -> str:
    if isinstance(person, dict):
        value = person.get(key)
    else:
        value = getattr(person, key, None)
    return "" if value is None else str(value)


def _list_formula(values: Iterable[str], lists_sheet: Callable[[], Any], column: int) -> str:
    """An inline list ("是,否") when it fits, else a range on the hidden 选项 sheet (made on first use)."""
    from openpyxl.utils import get_column_letter

    values = list(values)
    inline = ",".join(values)
    if len(inline) <= 250 and not any(ch in v for v in values for ch in ',"'):
        return f'"{inline}"'
    sheet = lists_sheet()
    letter = get_column_letter(column)
    for row, value in enumerate(values, start=1):
        sheet.cell(row=row, column=column, value=value).number_format = "@"
    return f"'{SHEET_LISTS}'!${letter}$1:${letter}${len(values)}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    departments = list(departments or [])
    people = list(people or [])
    plan = plan_columns(scheme, assessment)
    specs = plan.all()
    cols = scheme.people
    item_names = {s.name for s, _ in plan.items}
    people_names = {s.name for s in plan.people}

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

    # ---- 说明
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1
    for kind, text in _help_lines(scheme, assessment, year, label, agency):
        cell = help_ws.cell(row=row, column=1, value=text)
        if kind == "title":
            cell.font = Font(bold=True, size=14)
        elif kind == "heading":
            cell.font = Font(bold=True, size=12)
        else:
            help_ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            cell.alignment = wrap
            help_ws.row_dimensions[row].height = 18 * max(1, -(-_display_width(text) // 150))
        row += 1
    for col, title in enumerate(("列名（表头）", "是否必填", "怎么填", "说明（评分标准与计分规则）"), start=1):
        cell = help_ws.cell(row=row, column=col, value=title)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
    row += 1
    thin = Side(style="thin", color="BFBFBF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for values in _column_rows(scheme, assessment, plan, departments):
        for col, value in enumerate(values, start=1):
            cell = help_ws.cell(row=row, column=col, value=value)
            cell.alignment = wrap
            cell.border = border
        lines = max(-(-_display_width(values[3]) // 68), -(-_display_width(values[2]) // 36), 1)
        help_ws.row_dimensions[row].height = 16 * lines + 4
        row += 1
    rules = _rules_lines(assessment)
    if rules:
        row += 1
        help_ws.cell(row=row, column=1, value="四、总分、等次和其他规定（由程序计算，供核对）").font = Font(bold=True, size=12)
        row += 1
        for number, text in enumerate(rules, start=1):
            cell = help_ws.cell(row=row, column=1, value=f"{number}. {text}")
            help_ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            cell.alignment = wrap
            help_ws.row_dimensions[row].height = 18 * max(1, -(-_display_width(text) // 150))
            row += 1
    for letter, width in zip("ABCD", (24, 9, 38, 70), strict=True):
        help_ws.column_dimensions[letter].width = width
    help_ws.sheet_view.tabSelected = True

    # ---- 成绩: header
    header_font = Font(bold=True)
    header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
    index: dict[str, int] = {}
    for col, spec in enumerate(specs, start=1):
        index[spec.name] = col
        cell = ws.cell(row=1, column=col, value=header_text(spec, plan, "\n"))
        cell.font = header_font
        cell.alignment = header_align
        cell.border = border
        color = _HEADER_FILL if spec.name in people_names else _ITEM_FILL if spec.name in item_names else _OTHER_FILL
        cell.fill = PatternFill("solid", fgColor=color)
        width = max(_display_width(line) for line in header_text(spec, plan, "\n").split("\n"))
        if spec.name == cols.department and departments:
            width = max(width, max(_display_width(d) for d in departments))
        if spec.name == cols.id:
            width = max(width, 12)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(8, min(30, width + 3))
        if spec.type in ("text", "amounts", "choices", "events"):
            ws.column_dimensions[letter].number_format = "@"
    ws.row_dimensions[1].height = 36
    last_fixed = max(index.get(cols.id, 1), index.get(cols.name, 1))
    ws.freeze_panes = ws.cell(row=2, column=last_fixed + 1).coordinate
    ws.sheet_view.tabSelected = False

    # ---- 成绩: people carried over
    for r, person in enumerate(people, start=2):
        for key, column in (
            ("id", cols.id),
            ("name", cols.name),
            ("department", cols.department),
            ("post", cols.post),
            ("unit", cols.unit),
        ):
            if column and column in index:
                value = _person_value(person, key)
                if value:
                    cell = ws.cell(row=r, column=index[column], value=value)
                    cell.number_format = "@"

    # ---- 成绩: validation
    last_row = 1 + max(MIN_ROWS, len(people) + SPARE_ROWS)

    def add(dv: DataValidation, col: int) -> None:
        letter = get_column_letter(col)
        dv.add(f"{letter}2:{letter}{last_row}")
        ws.add_data_validation(dv)

    def prompt(dv: DataValidation, spec: ColumnSpec, text: str) -> None:
        dv.showInputMessage = True
        dv.promptTitle = _cut(spec.name, 32)
        dv.prompt = _cut(text, 250)

    list_column = 0
    for spec in specs:
        col = index[spec.name]
        name = spec.name
        if name == cols.id:
            letter = get_column_letter(col)
            dv = DataValidation(type="custom", formula1=f"COUNTIF(${letter}$2:${letter}${last_row},{letter}2)<=1", allow_blank=True)
            dv.showErrorMessage = True
            dv.errorTitle = "编号重复"
            dv.error = f"这个{name}已在本表中出现过；每人一个唯一编号，同名的人也要用不同编号。"
            prompt(dv, spec, "每人唯一的编号，按文本填写，保留前导 0（如 0012）。")
            add(dv, col)
            continue
        choices: list[str] = []
        if name == cols.department:
            choices = departments
        elif spec.type == "choice":
            choices = list(spec.choices)
        elif spec.type == "yesno":
            choices = ["是", "否"]
        if choices:
            list_column += 1
            dv = DataValidation(type="list", formula1=_list_formula(choices, lists_sheet, list_column), allow_blank=True)
            dv.showErrorMessage = True
            dv.errorTitle = "不是可选的值"
            dv.error = _cut(f"「{name}」请从下拉列表中选择：{'、'.join(choices)}。", 220)
            if spec.type == "yesno":
                prompt(dv, spec, "选「是」或「否」；留空视为否。" + (spec.note or ""))
            add(dv, col)
            continue
        if spec.type == "number":
            kind = "whole" if spec.places == 0 else "decimal"
            low, high = spec.min, spec.max
            if low is not None and high is not None:
                dv = DataValidation(type=kind, operator="between", formula1=fmt(low), formula2=fmt(high), allow_blank=True)
                words = f"{fmt(low)} 至 {fmt(high)} 之间的数字"
            elif low is not None:
                dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=fmt(low), allow_blank=True)
                words = f"不小于 {fmt(low)} 的数字"
            elif high is not None:
                dv = DataValidation(type=kind, operator="lessThanOrEqual", formula1=fmt(high), allow_blank=True)
                words = f"不超过 {fmt(high)} 的数字"
            else:
                dv = DataValidation(type=kind, operator="between", formula1="-999999999", formula2="999999999", allow_blank=True)
                words = "数字"
            if kind == "whole":
                words = words.replace("数字", "整数")
            dv.showErrorMessage = True
            dv.errorTitle = "请填写数字"
            dv.error = _cut(f"「{name}」应填 {words}，如 {fmt(high) if high is not None else '3'}；不要填文字。", 220)
            note = "".join(spec.note.split())
            prompt(dv, spec, f"填 {words}。" + (f"（{note}）" if note and name not in item_names else ""))
            add(dv, col)
            continue
        if spec.type in ("amounts", "events"):
            dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="200", allow_blank=True)
            prompt(dv, spec, _type_words(spec, departments))
            add(dv, col)
            continue
        if spec.type == "choices":
            dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="500", allow_blank=True)
            prompt(dv, spec, _type_words(spec, departments))
            add(dv, col)

    # ---- printing: A4 landscape, all columns on one page width, header repeated on every page
    for sheet in (help_ws, ws):
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"

    # ---- fixed times so that the same input gives the same bytes
    when = fixed_time(year, label)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "kaohe"
    wb.properties.lastModifiedBy = "kaohe"
    wb.properties.title = f"{scheme.name} {year}-{label} 成绩表"
    wb.active = 0
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalize_zip(buffer.getvalue(), when)


_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalize_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a ZIP with every entry's time set to `when` (zipfile stamps the current time), and
    the document times in docProps/core.xml set to `when` (openpyxl stamps `modified` on save)."""
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(lambda m: m.group(1) + iso + m.group(2), content)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


# --------------------------------------------------------------------------- the command


def _order(year: int, label: str) -> tuple[int, int, int]:
    first, last = period_month(label)
    return (year, last, -first)


def previous_people(project, scheme: Scheme, agency: str, year: int, label: str):
    """People of the latest results file of this agency and scheme before the period, with where from."""
    from generator.core.problems import Problems
    from generator.sheets.rows import load_sheet
    from generator.sheets.tables import read_table

    target = _order(year, label)
    earlier = [
        p
        for p in project.periods
        if p.agency == agency and p.scheme == scheme.code and p.results is not None and _order(p.year, p.label) < target
    ]
    for entry in sorted(earlier, key=lambda p: _order(p.year, p.label), reverse=True):
        assessment = scheme.assessment_for_label(entry.label)
        if assessment is None:
            continue
        scratch = Problems()
        table = read_table(entry.results, project.rel(entry.results), scratch)
        if table is None:
            continue
        office = project.agencies.get(agency)  # the office's own column names (agency.yaml columns)
        sheet = load_sheet(table, scheme, plan_columns(scheme, assessment), None, scratch, scheme.sheet.merged(office.sheet if office else None))
        if sheet is None or not sheet.people:
            continue
        people = [Prefill(p.id, p.name, p.department, p.post, p.unit) for p in sheet.people]
        return people, entry
    return [], None


__all__ = ["Prefill", "make_template", "header_text", "normalize_zip", "fixed_time", "previous_people"]
