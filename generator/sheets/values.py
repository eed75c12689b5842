"""One cell → one typed value, checked against the column the scheme declares.

What Excel stores is what the office meant, or a reported problem: a cell formatted as a
percentage (shows 74%, holds 0.74) is read as 74 in a column declared `percent: true` and reported
in any other number column; a cell whose format shows it as something else (;;; nothing, a word) is
read only where what it shows reads the same; a date-formatted number is named as a date; a count refuses decimals;
a declared minimum or maximum is enforced.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from generator.core.numbers import PLAIN_AMOUNTS, PLAIN_PLACES, NotANumber, fmt, parse_decimal, places_of, plain_number, round_half_up
from generator.core.problems import Problems, Severity
from generator.scheme.rules.base import ColumnSpec
from generator.sheets.cells import BLANK_MARKS
from generator.sheets.date_cells import read_date
from generator.sheets.event_lists import award_events, events
from generator.sheets.id_cells import error_value_words, is_error_value, is_formula_text
from generator.sheets.tables import Cell, Table, column_letter

SPLIT_RE = re.compile(r"[、,，;；/\s]+")
_YES = {"是", "有", "√", "✓", "✔", "☑", "✅", "y", "yes", "true", "1"}
_NO = {"否", "", "×", "✗", "✘", "☒", "❌", "n", "no", "false", "0"} | BLANK_MARKS
_PERCENT_TEXT = ("%", "％")
# a plain number as typed, the usual cell: what parse_decimal accepts unchanged, and its decimals
_PLAIN_NUMBER_RE = re.compile(r"[0-9]{1,15}(?:\.([0-9]{1,15}))?\Z")
# One Decimal object per text (85.5 is 85.5 wherever it is typed): a city's archive holds millions of
# cells but a few hundred distinct scores; shared objects also make the preview's cache smaller.
_DECIMALS: dict[str, Decimal] = {}
_SCORE_GAP_RE = re.compile(r"(?<=\S)\s*[、,，;；/]\s*[、,，;；/](?=\s*\S)")  # 88、、92: an empty place between two scores


def typed(cell: Cell, spec: ColumnSpec, place: str, table: Table, problems: Problems, words: str | None = None,
          unplain: set[str] | None = None) -> Any:
    """The cell's value as the column declares it, or None with the problem reported at `place`
    (the row's place; with `words`, the column's: 第12行 › D列「得分」, joined only for a problem).
    `unplain`: gets the column's name when a number read is not plain (core.numbers.plain_number)."""
    text = cell.value.strip()
    if spec.type == "number" and cell.kind in ("", "n"):
        if not text and not spec.required:
            return None  # an empty cell of an optional column, as _number reads it: a quarter of a city's cells
        found = _PLAIN_NUMBER_RE.match(text)
        if found is not None:  # the usual cell, 85 or 85.5: checked here without the general path
            value = _DECIMALS.get(text)
            if value is None:
                value = Decimal(text)
                if len(_DECIMALS) < 100_000:
                    _DECIMALS[text] = value
            decimals = len(found.group(1) or "")
            if ((spec.min is None or value >= spec.min) and (spec.max is None or value <= spec.max)
                    and (spec.places is None or decimals <= spec.places)):
                # unsigned digits without an exponent, at most 15 before the point: plain unless too many decimals
                if decimals > PLAIN_PLACES and unplain is not None:
                    unplain.add(spec.name)
                return value
    value = _typed(cell, text, spec, place, table, problems, words, unplain)
    if unplain is not None and value is not None and (
            (spec.type == "number" and not plain_number(value))
            or (spec.type == "amounts" and value and (len(value) > PLAIN_AMOUNTS or not all(map(plain_number, value))))):
        unplain.add(spec.name)
    return value


def _typed(cell: Cell, text: str, spec: ColumnSpec, place: str, table: Table, problems: Problems, words: str | None,
           unplain: set[str] | None) -> Any:
    """typed() past its usual cell."""

    def report(code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        problems.add(table.file, cell.row, column_letter(cell.column), code, message, severity,
                     where=f"{place} › {words}" if words else place, sheet=table.sheet)

    if cell.kind[:1] == "x":  # its number format shows something else: ;;; nothing, [>=60]0;"不及格" a word
        return _shown_otherwise(cell, spec, place, table, problems, words, unplain)

    if is_error_value(text):  # #N/A, #DIV/0!: a formula that failed, whatever the column's type
        report("cell-error-value", error_value_words(text, spec.name))
        return None

    if spec.type == "number":
        return _number(cell, text, spec, report)
    if spec.type == "date":
        return read_date(cell.kind, text, spec.name, spec.required, report)
    if cell.kind == "d" and spec.type in ("amounts", "events", "award_events", "scores", "yesno", "choice", "choices"):
        report("date-cell", f"这个单元格是日期格式，显示为 {text}，不是「{spec.name}」的内容（多半是输入时被表格软件当成了日期）；"
                            f"请把单元格格式改为「文本」或「常规」，再重新填写。")
        return None
    if spec.type == "amounts":
        if not text or text == "0" or text in BLANK_MARKS:
            return []
        amounts: list[Decimal] = []
        for part in SPLIT_RE.split(text):
            if not part:
                continue
            try:
                amount = parse_decimal(part)
            except NotANumber as exc:
                report("not-a-number", f"「{part}」{exc.reason}；逐次填写扣分，用「、」分隔，如 3、4.5。")
                return None
            if (spec.each_min is not None and amount < spec.each_min) or (spec.each_max is not None and amount > spec.each_max):
                report("deduction-out-of-range", f"一次扣 {fmt(amount)} 分，不在方案规定的 {fmt(spec.each_min)}—{fmt(spec.each_max)} 分之间。")
                return None
            amounts.append(amount)
        return amounts
    if spec.type == "events":
        return events(text, spec, report)
    if spec.type == "scores":
        return _scores(text, spec, report)
    if spec.type == "award_events":
        return award_events(text, spec, report)
    if spec.type == "yesno":
        lowered = text.lower()
        if lowered in _YES:
            return True
        if lowered in _NO:
            return False
        report("unknown-choice", f"「{text}」应填「是」或「否」（留空视为否）。")
        return None
    if spec.type == "choice":
        if not text:
            if spec.required:
                report("missing-value", f"「{spec.name}」为空；请从 {'/'.join(spec.choices)} 中选择。")
            return None
        if spec.choices and text not in spec.choices:
            report("unknown-choice", f"「{text}」不是「{spec.name}」的可选值（{'/'.join(spec.choices)}）。{_none_hint(text, spec.choices)}")
            return None
        return text
    if spec.type == "choices":
        names = [p for p in SPLIT_RE.split(text) if p]
        bad = [n for n in names if spec.choices and n not in spec.choices]
        if bad:
            report("unknown-choice", f"「{'、'.join(bad)}」不是「{spec.name}」的可选值（{'、'.join(spec.choices)}）。"
                                     f"只填写这些名称，多项用「、」分隔{_repeat_hint(bad, spec.choices)}。{_none_hint(text, spec.choices)}")
            return None
        return names
    return text or None


# What an office writes for "none of them" in a 选择/多选 cell; the cell is left empty instead.
_NONE_WORDS = {"无", "没有", "否", "-", "—", "/", "／", "无此情形", "不涉及", "暂无"}


def _none_hint(text: str, choices) -> str:
    return "没有的请留空，不要写「无」之类的字。" if text.strip() in _NONE_WORDS and text.strip() not in choices else ""


_NOTHING = ("", "-", "—", "–", "/", "无")  # what a format may show for a zero (0;-0;"—"), meaning the same


def _shown_otherwise(cell: Cell, spec: ColumnSpec, place: str, table: Table, problems: Problems, words: str | None,
                     unplain: set[str] | None) -> Any:
    """A cell whose number format shows it otherwise than it holds (sheets/number_formats.py): read as it
    holds when what it shows reads the same (表彰 shown for 1 in a yes/no column, — for a zero), else an
    error at the cell: the office checks and prints what is shown."""
    shown = cell.kind[1:]
    held = typed(Cell(cell.value, cell.row, cell.column), spec, place, table, problems, words, unplain)
    if held is None:
        return None
    seen = typed(Cell(shown, cell.row, cell.column), spec, place, table, Problems(), words)
    if seen == held or (shown.strip() in _NOTHING and held in (0, [], False)):
        return held
    looks = f"显示为「{shown}」" if shown.strip() else "什么也不显示（看上去是空白）"
    problems.add(table.file, cell.row, column_letter(cell.column), "cell-shows-otherwise",
                 f"单元格存的是「{cell.value}」，但它的单元格格式使它在 Excel 中{looks}：打印和核对时看到的与计分用的不同，"
                 f"无法判断应按哪个计分。请选中「{spec.name}」列，把单元格格式改为「常规」，再核对每个单元格的内容。",
                 where=f"{place} › {words}" if words else place, sheet=table.sheet)
    return None


_TIMES_RE = re.compile(r"(?P<name>.+?)\s*(?:[×xX*＊]\s*(?P<n>[0-9]{1,2})|(?P<m>[0-9]{1,2})\s*次)\Z")


def _repeat_hint(bad: list[str], choices: list[str]) -> str:
    """「工作差错×2」「县级表彰2次」: a name with a count, where the cell lists each time by name."""
    for part in bad:
        found = _TIMES_RE.match(part)
        if found and found["name"] in choices and 1 < int(found["n"] or found["m"]) <= 9:
            times = int(found["n"] or found["m"])
            return f"；同一项有几次就写几次，「{part}」写成「{'、'.join([found['name']] * times)}」"
    return ""


_WITH_UNIT_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(分|次|天|日|人|个|项|小时|h|H)\Z")


# 18,5 (a European decimal comma: 1,234 with a thousands separator reads as a number) or 18。5 (a Chinese full stop)
_OTHER_POINT_RE = re.compile(r"([+-]?[0-9]+)([,，]|。)([0-9]{1,2}|(?<=。)[0-9]+)")
_BRACKETED_RE = re.compile(r"[(（]\s*([0-9]+(?:\.[0-9]+)?)\s*[)）]")
# a number Excel took for a date, saved to CSV as shown: 1月2日, 2025/1/2, 2-Jan
# (a bare 1-2 or 1/2 is not: written so by hand, it may be a range or a fraction)
_DATE_LIKE_RE = re.compile(r"[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}[-/年][0-9]{1,2}[-/月][0-9]{1,2}日?|[0-9]{1,2}-[A-Z][a-z]{2}|[A-Z][a-z]{2}-[0-9]{1,2}")
# 18.5（扣0.5） 85分(请假) 90【优】: a score and a note on it, in one cell
_NOTED_RE = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(?:分)?\s*([（(【\[][^（()）【】\[\]]+[)）】\]])")


def _number_example(spec: ColumnSpec) -> str:
    """如 2 for a count or days (whole numbers only), 如 85 或 85.5 for a score."""
    return "如 2（只填整数）" if spec.places == 0 else "如 85 或 85.5"


def _unit_hint(text: str, spec: ColumnSpec) -> str:
    """「2次」「3.5天」「90分」: a number written with its unit; the fix is the number alone (a count with a
    decimal is then reported on its own)."""
    found = _WITH_UNIT_RE.fullmatch(text)
    if found is None and (point := _OTHER_POINT_RE.fullmatch(text)):
        mark = point.group(2)
        why = "中文句号「。」（多半是在中文标点状态下输入的）" if mark == "。" else f"逗号「{mark}」（系统的区域格式是欧洲格式时，Excel 这样写小数）"
        return f"小数点写成了{why}：「{spec.name}」的小数点用英文句点，写成 {point.group(1)}.{point.group(3)}"
    if found is None and _DATE_LIKE_RE.fullmatch(text):
        return (f"这是日期：多半是在 Excel 中输入的 1-2 或 1/2 被当成了日期（另存 CSV 后成了「{text}」）。"
                f"请把「{spec.name}」列的单元格格式设为「数值」后重新填写，{_number_example(spec)}")
    if found is None and (noted := _NOTED_RE.fullmatch(text)):
        return (f"「{spec.name}」只填最后的分数，说明{noted.group(2)}写在备注列：是不是已经按说明加减过，Kaohe 不会猜，"
                f"请核对后只写分数（如 {noted.group(1)}，或加减后的数）")
    if found is None:
        bracketed = _BRACKETED_RE.fullmatch(text)  # (5): an accountant's negative, or a note's brackets
        return (f"括号里的数在会计格式里表示负数 -{bracketed.group(1)}：「{spec.name}」应填的是负数就写 -{bracketed.group(1)}，"
                f"不是负数就只写 {bracketed.group(1)}") if bracketed else ""
    return f"「{spec.name}」只填数字，不写单位「{found.group(2)}」：写成 {found.group(1)}"


def _number(cell: Cell, text: str, spec: ColumnSpec, report) -> Decimal | None:
    if not text or text in BLANK_MARKS:
        if spec.required:
            said = f"写的是「{text}」，即没有填" if text else "为空"
            report("missing-value", f"「{spec.name}」{said}；请填写数字（没有就填 0）。")
        return None
    if cell.kind == "d":
        report("date-cell", f"这个单元格是日期格式，显示为 {text}，不是数字；请把「{spec.name}」列的单元格格式改为「常规」或「数值」，再重新填写分数。")
        return None
    kind = cell.kind[:1]
    percent = kind == "p" or text.endswith(_PERCENT_TEXT)
    number_text = text.rstrip("%％").strip() if text.endswith(_PERCENT_TEXT) else text
    try:
        value = parse_decimal(number_text)
    except NotANumber as exc:
        if cell.kind == "b":  # a truth value, shown by Excel as TRUE/FALSE (its text is 是/否)
            report("not-a-number", f"「{'TRUE' if text == '是' else 'FALSE'}」是真假值（TRUE/FALSE），不是数字；"
                                   f"「{spec.name}」应填数字，{_number_example(spec)}。")
            return None
        if is_formula_text(text):  # =SUM(D2:F2) typed into a 文本 cell: its text, never computed; say why, as for a name
            report("cell-formula-text", f"「{text}」是公式本身的文字，不是公式算出的{spec.name}：多半是该列设成了「文本」格式后输入的公式，"
                                        f"表格软件不计算它，无法计分；请把单元格格式改为「常规」后重新输入公式（再按回车），或直接填写{spec.name}。")
            return None
        code = "number-not-finite" if "有限" in exc.reason else "not-a-number"
        report(code, f"「{text}」{exc.reason}；{_unit_hint(text, spec) or f'「{spec.name}」应填数字，{_number_example(spec)}'}。")
        return None
    if percent:
        shown = fmt(value * 100) + "%" if kind == "p" else text
        if not spec.percent:
            held = f"，单元格里存的是 {fmt(value)}" if kind == "p" else ""
            report("percent-cell", f"单元格显示为百分数 {shown}{held}；「{spec.name}」不是百分比列，无法判断应记为几分。"
                                   f"请把单元格格式改为「常规」并填写分数（如方案所指的是百分比，在方案的 inputs 中为该列写 percent: true）。")
            return None
        if kind == "p":
            value = Decimal(fmt(value * 100))  # Excel holds 74% as 0.74: read as shown (74, not 74.00)
    if spec.min is not None and value < spec.min:
        report("score-negative", f"{fmt(value)} 小于允许的最小值 {fmt(spec.min)}；请核对。")
        return None
    if spec.max is not None and value > spec.max:
        bound = "的满分" if spec.note.startswith("满分") else "允许的最大值"  # not 「结案率」的允许的最大值
        report("score-over-max", f"{fmt(value)} 超过「{spec.name}」{bound} {fmt(spec.max)}；请核对。")
        return None
    if spec.places is not None and places_of(value) > spec.places and places_of(value.normalize()) <= spec.places:
        value = value.quantize(Decimal(1).scaleb(-spec.places))  # 85.50, 1.0 as Excel shows them: 85.5, 1
    if spec.places is not None and places_of(value) > spec.places:
        if spec.places == 0:
            report("too-many-places", f"{text} 不是整数；「{spec.name}」只能填整数（次数、件数，或方案规定按整天计的天数）。")
        else:
            report("too-many-places", f"{text} 的小数位数多于 {spec.places} 位。")
        return None
    if kind in ("n", "p") and len(cell.kind) > 1:  # the format shows fewer decimals than the cell holds
        decimals, sign = int(cell.kind[1:]), "%" if kind == "p" else ""
        shown = fmt(round_half_up(value, decimals), decimals) + sign
        report("number-shown-rounded", f"单元格显示为 {shown}，实际存的是 {fmt(value)}{sign}，按 {fmt(value)} 计分"
                                       f"（单元格格式只显示 {cell.kind[1:]} 位小数）。若应为 {shown}，请把单元格改为 {shown}；"
                                       f"若 {fmt(value)} 无误，请把单元格格式改为「常规」或显示足够的小数位，以免打印和核对时看到的分数与计分不同。",
               Severity.WARNING)
    return value


def _scores(text: str, spec: ColumnSpec, report) -> list[Decimal] | None:
    """88、90、92 → the raters' scores, each within 0 and the item's maximum; a blank is missing (required)."""
    if not text:
        if spec.required:
            report("missing-value", f"「{spec.name}」为空；请填写各评委的分数，用「、」分隔，如 88、90、92。")
        return None
    gap = _SCORE_GAP_RE.search(text)
    if gap:
        report("missing-value", f"「{spec.name}」的「{text}」中「{gap.group(0)}」之间没有分数：是漏填了一位评委的分数吗？"
                                "请补上这个分数，或删去多余的分隔符号（每两个分数之间只写一个「、」）。")
        return None
    scores: list[Decimal] = []
    for part in (p for p in SPLIT_RE.split(text) if p):
        try:
            score = parse_decimal(part)
        except NotANumber as exc:
            report("not-a-number", f"「{part}」{exc.reason}；「{spec.name}」逐个填写评委的分数，用「、」分隔，如 88、90、92。")
            return None
        if spec.each_min is not None and score < spec.each_min:
            report("score-negative", f"评委分数 {fmt(score)} 小于 {fmt(spec.each_min)}；请核对。")
            return None
        if spec.each_max is not None and score > spec.each_max:
            report("score-over-max", f"评委分数 {fmt(score)} 超过「{spec.name}」的满分 {fmt(spec.each_max)}；请核对（几个分数之间要用「、」分隔）。")
            return None
        scores.append(score)
    return scores
