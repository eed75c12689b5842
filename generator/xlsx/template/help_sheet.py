"""The 说明 sheet: what to fill in and how, where to save the file and what to run next, then one
row per column of the 成绩 sheet (each item's path, full marks, standard and its rule in words), then
the rules the program applies (bands, adjustments, overrides, quotas) for the office to check."""

from __future__ import annotations

from typing import Any

from generator.scheme.columns import ColumnPlan
from generator.scheme.model import Assessment, Item, Scheme
from generator.scheme.periods import PERIOD_NAMES, SCHOOL_LABELS, period_title
from generator.scheme.rules.base import ColumnSpec
from generator.scheme.rules.events import count_unit
from generator.scheme.rules.weighted import Weighted
from generator.xlsx.template.layout import HEADER_FILL, SHEET_DATA, display_width, fmt, header_text


def period_words(year: int, label: str) -> str:
    """2025 年第一季度, 2025 年度, 2025—2026学年第一学期."""
    if label in SCHOOL_LABELS:
        return period_title(year, label)
    return f"{year} 年度" if label == "Y" else f"{year} 年{PERIOD_NAMES.get(label, label)}"


def _item_of_column(scheme: Scheme, assessment: Assessment, posts_of: dict[str, dict[str, Item]] | None = None) -> dict[str, tuple[Item, list[str], str]]:
    """column name → (the leaf item reading it, its path of names, post name or ""); `posts_of` gets column →
    post → its item, for a column several posts read (教学常规 of 20 for one, of 10 for another)."""
    found: dict[str, tuple[Item, list[str], str]] = {}

    def visit(item: Item, path: list[str], post: str) -> None:
        here = [*path, item.name]
        rule = item.rule
        if rule is not None:
            for spec in rule.columns(item):
                found.setdefault(spec.name, (item, here, post))
                if post and posts_of is not None:
                    posts_of.setdefault(spec.name, {}).setdefault(post, item)
        for child in item.children:
            visit(child, here, post)

    for top in assessment.items:
        visit(top, [], "")
    if any(i.by_post for i in assessment.walk()):
        for post in scheme.posts:
            for top in post.items:
                visit(top, [], post.name)
    return found


def type_words(spec: ColumnSpec, departments: list[str]) -> str:
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
    if spec.type == "date":
        return ("日期，如 2025-03-01、2025/3/1 或 2025年3月1日（年份写四位，不带时间）"
                + ("；每人都要填" if spec.required else "；没有就留空")
                + ("" if spec.after_period else "；不能晚于本期的最后一天"))
    if spec.type == "choice":
        return "从下拉列表选择：" + "、".join(spec.choices)
    if spec.type == "choices":
        return "可填多项，用「、」分隔，可选：" + "、".join(spec.choices)
    if spec.type == "scores":
        return f"各评委的分数写在一格中，用「、」分隔，如 88、90、92、85、95；每个分数 0 至 {fmt(spec.each_max)}" if spec.each_max is not None else "各评委的分数写在一格中，用「、」分隔，如 88、90、92、85、95"
    if spec.type == "award_events":
        return "逐项写 事项:奖项，同一事项的几项奖项用「、」分隔，不同事项用「；」分隔，如 抗洪抢险:市级表彰、县级表彰；信息工作:县级表彰；奖项可选：" + "、".join(spec.choices) + "；没有就留空"
    if spec.type == "events":
        return "逐项写 事项:分值，多项用「；」分隔，如 疫情防控:3；表彰:2；没有就留空"
    return "文字"


def _column_rows(scheme: Scheme, assessment: Assessment, plan: ColumnPlan, departments: list[str]) -> list[tuple[str, str, str, str]]:
    """(表头, 必填, 填写方法, 说明) for every column of the sheet."""
    people = scheme.people
    posts_of: dict[str, dict[str, Item]] = {}
    items = _item_of_column(scheme, assessment, posts_of)
    adjustments = {}
    for adjustment in assessment.adjustments:
        for spec in adjustment.columns():
            adjustments.setdefault(spec.name, adjustment)
    inputs = {d.name: d for d in [*scheme.inputs, *assessment.inputs]}
    rows = []
    for spec in plan.all():
        header = header_text(spec, plan)
        required = "必填" if spec.required else "选填"
        how = type_words(spec, departments)
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
            readers = posts_of.get(spec.name, {})
            shared = len(readers) > 1 and len({i.max for i in readers.values()}) > 1
            if len(readers) > 1:  # one column, several posts: each fills it, each to its own item's full marks
                parts.append(f"（{'、'.join(f'「{p}」' for p in readers)}岗位填写）")
            elif post:
                parts.append(f"（仅「{post}」岗位填写）")
            if shared:
                parts.append("满分：" + "，".join(f"{p} {fmt(i.max)} 分" for p, i in readers.items() if i.max is not None) + "。")
            elif item.max is not None:
                parts.append(f"满分 {fmt(item.max)} 分。")
            if item.standard:
                parts.append("评分标准：" + item.standard.strip())
            rule = item.rule
            if shared:  # each post's own words: 0 至 20 分 for one, 0 至 10 分 for the other
                parts.append("计分：" + "；".join(f"{p}：{i.rule.describe(i).rstrip('。')}" for p, i in readers.items() if i.rule is not None) + "。")
            elif rule is not None:
                parts.append("计分：" + rule.describe(item))
            if isinstance(rule, Weighted) and rule.missing == "error":  # a blank part is an error (missing-component)
                required = "必填" if rule.by is None else f"必填（「{rule.by}」所填类别用到的）"
            about = "".join(p if p.endswith(("。", "）")) else p + "。" for p in parts)
        elif spec.name in adjustments:
            about = adjustments[spec.name].words().replace("。；", "；")
            counts = adjustments[spec.name].counts or {}
            if spec.name in counts:  # a count column (迟到早退次数): times, not points
                how = f"{(unit := count_unit(spec.name))}数（每{unit} {fmt(counts[spec.name])} 分），{type_words(spec, departments)}；没有就留空或填 0"
            elif spec.type == "number":
                how = f"合计分数，{type_words(spec, departments)}；没有就留空或填 0"
            elif spec.type == "choices":
                how += f"；同一项有几次就写几次，如 {spec.choices[0]}、{spec.choices[0]}"
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
            "4. 扣分如需逐次填写，在同一个单元格中用顿号「、」分隔，如 3、4.5（表示两次，分别扣 3 分和 4.5 分）；加分、减分列填本期合计分数（填次数或名称的列按下表「怎么填」写），超过上限的部分不计。",
        ),
        ("text", "5. 下拉列表中的列（部门、是/否、等次等）请从列表中选择；「是/否」列留空视为否。"),
        ("text", "6. 人员所在的行不要合并单元格；表格下方的「合计」「备注」行和空行会被忽略。总分和等次由程序按方案计算，不用填写；本单位自己算的总分、等次、名次（如「合计」「考核等次」「排名」列）可以留在表中，程序会逐人核对，不一致的报告出来。"),
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
    lines += [cap.words({a.name: a.kind for a in assessment.adjustments}) for cap in assessment.adjustment_caps]  # the rules the office checks include a cap two share
    for override in assessment.overrides:
        lines.append(override.reason.rstrip("。") + "。")
    for quota in assessment.quotas:
        lines.append(quota.text or quota.words({i.code: i.name for i in assessment.walk()}))
    return lines


def write_help(
    help_ws: Any,
    scheme: Scheme,
    assessment: Assessment,
    plan: ColumnPlan,
    departments: list[str],
    year: int,
    label: str,
    agency: str | None,
    border: Any,
) -> None:
    """Write the 说明 sheet."""
    from openpyxl.styles import Alignment, Font, PatternFill

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
            help_ws.row_dimensions[row].height = 18 * max(1, -(-display_width(text) // 150))
        row += 1
    for col, title in enumerate(("列名（表头）", "是否必填", "怎么填", "说明（评分标准与计分规则）"), start=1):
        cell = help_ws.cell(row=row, column=col, value=title)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    row += 1
    for values in _column_rows(scheme, assessment, plan, departments):
        for col, value in enumerate(values, start=1):
            cell = help_ws.cell(row=row, column=col, value=value)
            cell.alignment = wrap
            cell.border = border
        lines = max(-(-display_width(values[3]) // 68), -(-display_width(values[2]) // 36), 1)
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
            help_ws.row_dimensions[row].height = 18 * max(1, -(-display_width(text) // 150))
            row += 1
    for letter, width in zip("ABCD", (24, 9, 38, 70), strict=True):
        help_ws.column_dimensions[letter].width = width
    help_ws.sheet_view.tabSelected = True
