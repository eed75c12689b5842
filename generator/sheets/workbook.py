"""Which sheet of a workbook holds the results, and cells whose value Excel never computed.

An office workbook often has more than the results: the template's 说明 sheet, a hidden sheet of
drop-down lists, an empty Sheet2 — or last quarter's tab, a 汇总 tab. Reading "the first sheet" would
grade the wrong one without a word, so: hidden sheets, instruction sheets and Kaohe's own list of problems are never results; of
the others, the one that has content is read; two or more with content is a problem naming them.

A formula cell carries the value Excel computed when it saved the file. A file written by a program
(a script, some HR systems' exports) may carry the formula without any value: read as empty, an
optional column (加分) would silently count as 0. Such cells are reported at their place. So are the
formulas of a workbook that asks to be calculated when opened (<calcPr fullCalcOnLoad="1"/>): Excel,
WPS and LibreOffice save the results they computed and no such flag, so the file was last written by a
program. xlsxwriter and many OA exports store 0 or empty text in place of every result they never
computed; a program that fills a template in (Apache POI's setForceFormulaRecalculation, a script
editing the XML) keeps the results the template was saved with, computed from the cells as they were
before it wrote them. Neither is known to be the formula's result: a stored 0 and a stored 85 are
reported alike, each saying which it is. So are the results of a workbook saved in manual calculation
without recalculating (calcMode="manual" calcOnSave="0"): Excel kept them from before the last edits.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.core.problems import Problems, Severity, clip

# Sheets that never hold results: the template's instructions, and the list of problems that
# `kaohe check --xlsx-report` adds to a copy of the sheet (an office may fix that copy and save it back).
KAOHE_SHEETS = ("说明", "填表说明", "使用说明", "问题清单")

_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_REF_RE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_FORMULA_RE = re.compile(rb"<(?:\w+:)?f\b")
# hidden by hand, by a filter or a collapsed group (hidden="1"), or dragged to no height or width (ht="0", width="0")
_HIDDEN_ROW_RE = re.compile(rb'<(?:\w+:)?row\b(?=[^>]*\b(?:hidden="(?:1|true)"|ht="0(?:\.0*)?"))[^>]*?\br="([0-9]{1,7})"')
_HIDDEN_COL_RE = re.compile(rb'<(?:\w+:)?col\b(?=[^>]*\b(?:hidden="(?:1|true)"|width="0(?:\.0*)?"))(?=[^>]*\bmin="([0-9]{1,5})")(?=[^>]*\bmax="([0-9]{1,5})")')
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]{1,7}):([A-Z]{1,3})([0-9]{1,7})"')
_V_RE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_EMPTY_TEXT_RE = re.compile(rb'\bt="str"')
_TYPE_RE = re.compile(rb'\bt="(\w+)"')
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is>")
_CALC_ON_LOAD_RE = re.compile(rb'<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad="(?:1|true)"')
# 手动计算 with 保存前重新计算 unticked: Excel saves the results as they were before the last edits
_MANUAL_RE = re.compile(rb'<(?:\w+:)?calcPr\b(?=[^>]*\bcalcMode="manual")(?=[^>]*\bcalcOnSave="(?:0|false)")')
_NO_RESULT_RE = re.compile(rb"<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*(?:0(?:\.0*)?)?\s*</(?:\w+:)?v>")  # <v/>, <v></v>, <v>0</v>


def results_sheet(workbook, shown: str, problems: Problems):
    """The sheet to read, or None (with a problem) when several sheets hold content."""
    candidates = [s for s in workbook.worksheets if s.sheet_state == "visible" and s.title not in KAOHE_SHEETS]
    hidden = [s for s in workbook.worksheets if s.sheet_state != "visible" and s.title not in KAOHE_SHEETS]
    if len(candidates) == 1 and not hidden:  # the usual workbook: nothing to choose, and its rows are read once, not twice
        return candidates[0]
    if hidden and not any(_has_content(s) for s in candidates) and (found := [s for s in hidden if _has_content(s)]):
        names = "、".join(f"「{s.title}」" for s in found)
        problems.add(shown, None, None, "workbook-many-sheets",
                     f"工作簿中看得见的工作表都是空的，有内容的工作表{names}是隐藏的：隐藏的工作表不当作成绩读取"
                     "（那里通常放下拉选项等辅助内容）。若成绩就在其中，请在 Excel 中右击工作表标签 →「取消隐藏」，并删去空的工作表后保存。")
        return None
    with_content = [s for s in candidates if _has_content(s)]
    if len(with_content) > 1 and shown.lower().endswith(".decisions.xlsx"):  # two meetings' decisions on two tabs
        names = "、".join(f"「{s.title}」" for s in with_content)
        problems.add(shown, None, None, "workbook-many-sheets",
                     f"决定文件中有 {len(with_content)} 个有内容的工作表（{names}），无法确定哪一个是本期的领导小组决定，一条也没有适用。"
                     "本期的决定都写在一个工作表中：把其他工作表的决定逐行并入（几次会议的决定，理由中各写明会议），再删去其他工作表。")
        return None
    if len(with_content) > 1:
        names = "、".join(f"「{s.title}」" for s in with_content)
        problems.add(shown, None, None, "workbook-many-sheets",
                     f"工作簿中有 {len(with_content)} 个有内容的工作表（{names}），无法确定哪一个是本期成绩。"
                     "一个文件只放一期成绩：把其他工作表删去，或移到另一个文件（每期一个文件，如 Q1.xlsx、Q2.xlsx）；"
                     "下拉选项等辅助内容可放在隐藏的工作表中。")
        return None
    if with_content:
        _name_hidden_results(with_content[0], hidden, shown, problems)
        return with_content[0]
    return candidates[0] if candidates else workbook.worksheets[0]


def _name_hidden_results(read, hidden: list, shown: str, problems: Problems) -> None:
    """A hidden sheet whose top rows share three texts or more with the read sheet's (its header: 编号,
    姓名, 德 …) is another results sheet — most often last quarter's tab, copied and hidden. Not read, and
    said, so that the office knows which of the two was graded. Drop-down lists share none."""
    if not hidden:
        return
    mine = _top_texts(read)
    for sheet in hidden:
        if len(mine & _top_texts(sheet)) >= 3:
            problems.add(shown, None, None, "workbook-hidden-sheet",
                         f"读取的是工作表「{read.title}」；隐藏的工作表「{sheet.title}」也像是一张成绩表（表头相同），没有读取。"
                         "若本期成绩在隐藏的工作表中，请取消隐藏并删去另一个工作表；若隐藏的是以前的成绩，可以不管，或把它移到另一个文件。",
                         Severity.INFO, sheet=read.title)


def _top_texts(sheet, rows: int = 15) -> set[str]:
    texts: set[str] = set()
    for number, row in enumerate(sheet.iter_rows(values_only=True)):
        if number >= rows:
            break
        texts.update(v.strip() for v in row if type(v) is str and v.strip())
    return texts


def _has_content(sheet) -> bool:
    for row in sheet.iter_rows(values_only=True):
        if any(value not in (None, "") for value in row):
            return True
    return False


@dataclass(frozen=True)
class Layout:
    """What a sheet's XML says beyond its values (openpyxl's read-only mode keeps none of it): the rows
    and columns hidden in Excel (by hand or by an autofilter: hidden="1"), and the merged ranges as
    (first row, first column, last row, last column)."""

    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: tuple[tuple[int, int], ...] = ()  # (min, max) of each hidden <col> range
    merged: tuple[tuple[int, int, int, int], ...] = ()
    struck: frozenset[tuple[int, int]] = frozenset()  # (row, column) of the cells whose font is struck through
    uncomputed: frozenset[tuple[int, int]] = frozenset()  # (row, column) of the formulas reported without a result
    invisible: frozenset[tuple[int, int]] = frozenset()  # (row, column) of the cells in white on no fill


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


_FONTS_RE = re.compile(rb"<(?:\w+:)?fonts\b[^>]*>(.*?)</(?:\w+:)?fonts>", re.DOTALL)
_FONT_RE = re.compile(rb"<(?:\w+:)?font\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?font>)", re.DOTALL)
_STRIKE_RE = re.compile(rb'<(?:\w+:)?strike\b(?![^>]*\bval="(?:0|false)")')
_XFS_RE = re.compile(rb"<(?:\w+:)?cellXfs\b[^>]*>(.*?)</(?:\w+:)?cellXfs>", re.DOTALL)
_XF_RE = re.compile(rb"<(?:\w+:)?xf\b([^>]*)")
_FONT_ID_RE = re.compile(rb'\bfontId="([0-9]+)"')
_STYLE_RE = re.compile(rb'\bs="([0-9]+)"')


_FILLS_RE = re.compile(rb"<(?:\w+:)?fills\b[^>]*>(.*?)</(?:\w+:)?fills>", re.DOTALL)
_FILL_RE = re.compile(rb"<(?:\w+:)?fill\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?fill>)", re.DOTALL)
_SOLID_RE = re.compile(rb'patternType="(?!none|gray125)')
_FILL_ID_RE = re.compile(rb'\bfillId="([0-9]+)"')
# white: as an RGB (FFFFFF, with or without its alpha), the theme's first colour (背景 1) untinted, or the old palette's white
_WHITE_RE = re.compile(rb'<(?:\w+:)?color\b(?=[^>]*(?:\brgb="(?:FF)?FFFFFF"|\btheme="0"(?![^>]*\btint="-)|\bindexed="(?:1|9)"))', re.IGNORECASE)
_WHITE_FILL_RE = re.compile(rb'<(?:\w+:)?fgColor\b[^>]*(?:\brgb="(?:FF)?FFFFFF"|\btheme="0")', re.IGNORECASE)


def _styled_cells(path: Path, xml: bytes) -> tuple[frozenset[tuple[int, int]], frozenset[tuple[int, int]]]:
    """The cells of the sheet whose font is struck through (删除线: how an office crosses out a person
    or an old score instead of deleting it), and those in white on no fill (a value the printed sheet
    does not show), from the workbook's styles. Empty when no font strikes or is white."""
    try:
        with zipfile.ZipFile(path) as archive:
            styles = archive.read("xl/styles.xml")
    except (KeyError, OSError, zipfile.BadZipFile):
        return frozenset(), frozenset()
    fonts = _FONTS_RE.search(styles)
    if fonts is None:
        return frozenset(), frozenset()
    fonts_of = [font.group(1) or b"" for font in _FONT_RE.finditer(fonts.group(1))]
    striking = {i for i, font in enumerate(fonts_of) if _STRIKE_RE.search(font)}
    white = {i for i, font in enumerate(fonts_of) if _WHITE_RE.search(font)}
    if not striking and not white:
        return frozenset(), frozenset()
    fills = _FILLS_RE.search(styles)
    filled = {i for i, fill in enumerate(_FILL_RE.finditer(fills.group(1) if fills else b""))
              if _SOLID_RE.search(fill.group(1) or b"") and not _WHITE_FILL_RE.search(fill.group(1) or b"")}
    xfs = _XFS_RE.search(styles)
    styles_struck, styles_white = set(), set()
    for i, xf in enumerate(_XF_RE.finditer(xfs.group(1) if xfs else b"")):
        font, fill = _FONT_ID_RE.search(xf.group(1)), _FILL_ID_RE.search(xf.group(1))
        if font and int(font.group(1)) in striking:
            styles_struck.add(i)
        if font and int(font.group(1)) in white and not (fill and int(fill.group(1)) in filled):
            styles_white.add(i)
    if not styles_struck and not styles_white:
        return frozenset(), frozenset()
    struck, invisible = set(), set()
    for match in _CELL_RE.finditer(xml):
        style, ref = _STYLE_RE.search(match.group(1)), _REF_RE.search(match.group(1))
        if style and ref and match.group(2):
            number = int(style.group(1))
            if number in styles_struck:
                struck.add((int(ref.group(2)), _column_number(ref.group(1))))
            if number in styles_white:
                invisible.add((int(ref.group(2)), _column_number(ref.group(1))))
    return frozenset(struck), frozenset(invisible)


def formulas_without_values(path: Path, sheet, shown: str, problems: Problems) -> Layout:
    """Report every formula cell of the sheet that carries no computed value. Gives the sheet's
    Layout, read from the same XML."""
    member = getattr(sheet, "_worksheet_path", None)
    if not member:
        return Layout()
    with zipfile.ZipFile(path) as archive:
        try:
            xml = archive.read(member)
        except KeyError:
            return Layout()
        try:
            book = archive.read("xl/workbook.xml")
        except KeyError:
            book = b""
    on_load = _CALC_ON_LOAD_RE.search(book) is not None
    manual = not on_load and _MANUAL_RE.search(book) is not None
    squashed = b"hidden=" in xml or b'ht="0' in xml or b'width="0' in xml
    hidden = frozenset(int(r) for r in _HIDDEN_ROW_RE.findall(xml)) if squashed else frozenset()
    columns = tuple((int(a), int(b)) for a, b in _HIDDEN_COL_RE.findall(xml)) if squashed else ()
    merged = tuple((int(r1), _column_number(c1), int(r2), _column_number(c2))
                   for c1, r1, c2, r2 in _MERGE_RE.findall(xml)) if b"mergeCell" in xml else ()
    struck, invisible = _styled_cells(path, xml) if b' s="' in xml else (frozenset(), frozenset())
    layout = Layout(hidden, columns, merged, struck, invisible=invisible)
    if not _FORMULA_RE.search(xml):
        return layout
    empty, uncalculated, stale = [], [], []
    for match in _CELL_RE.finditer(xml):
        body = match.group(2) or b""
        if not _FORMULA_RE.search(body):
            continue
        # a formula whose result is empty text (=IF(A5="","",…)) is saved by Excel as t="str" with an empty <v>
        missing = not _VALUE_RE.search(body) and not _EMPTY_TEXT_RE.search(match.group(1))
        stored = (on_load or manual) and not missing and b"<is>" not in body
        if (missing or stored) and (ref := _REF_RE.search(match.group(1))):
            place = (int(ref.group(2)), ref.group(1).decode("ascii"))
            (empty if missing else stale if manual or _NO_RESULT_RE.search(body) is None else uncalculated).append(place)
    for found, words in ((empty, "但文件里没有公式的计算结果（多半是由程序生成、未在 Excel 中打开保存过），读取时只能当作空白"),
                         (uncalculated, "文件里存的结果是 0 或空白，而文件要求打开时重新计算（fullCalcOnLoad）：这是由程序生成、"
                                        "从未计算过的公式（如 xlsxwriter、OA 系统导出），存的 0 并不是公式的结果，不能当作分数读取"),
                         (stale, ("而工作簿设为「手动计算」、保存前不重新计算（calcMode=manual，calcOnSave=0）："
                                  "文件里存的结果可能是改动单元格之前算的旧结果（保存前请在「公式 → 计算选项」中改为「自动」，或按 F9 重新计算）" if manual else
                                  "而文件要求打开时重新计算（fullCalcOnLoad），即最后是由程序写入、不是在 Excel 或 WPS 中保存的"
                                  "（如 OA 系统按模板导出）：文件里存的结果可能是程序改动单元格之前算的旧结果")
                                 + "，不一定等于 Excel 打开后显示的数，不能当作分数读取")):
        if found:
            row, column = found[0]
            more = f"等 {len(found)} 个单元格" if len(found) > 1 else ""
            places = "、".join(f"{c}{r}" for r, c in found[:5])
            problems.add(shown, row, column, "formula-without-value",
                         f"{places}{more}是公式，{words}。"
                         "请用 Excel 或 WPS 打开这个文件，确认数值显示正常后保存一次；或把公式复制后「选择性粘贴 → 数值」。",
                         where=f"{shown} › {sheet.title} › 第{row}行 › {column}列", sheet=sheet.title)
    return replace(layout, uncomputed=frozenset((r, _column_number(c.encode())) for r, c in empty + uncalculated + stale))


def unreadable_cell(path: Path, sheet, strings: int | None) -> tuple[int, str, str] | None:
    """The first cell of the sheet that openpyxl cannot read, as (row, column letter, why): a number
    cell whose value is no number (NaN), a truth value that is not 0/1, a shared-string index past
    the file's `strings`. Only called when reading failed."""
    member = getattr(sheet, "_worksheet_path", None)
    if not member:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read(member)
    except (KeyError, OSError, zipfile.BadZipFile):
        return None
    for match in _CELL_RE.finditer(xml):
        ref = _REF_RE.search(match.group(1))
        value = _V_RE.search(match.group(2) or b"")
        if ref is None or value is None:
            continue
        kind = _TYPE_RE.search(match.group(1))
        kind_text = kind.group(1).decode("ascii", "replace") if kind else "n"
        raw = value.group(1).decode("utf-8", "replace").strip()
        shown = clip(raw)
        why = _why_unreadable(kind_text, raw, strings)
        if why:
            return int(ref.group(2)), ref.group(1).decode("ascii"), why.format(shown=shown)
    return None


def _why_unreadable(kind: str, raw: str, strings: int | None) -> str | None:
    try:
        if kind == "n":
            float(raw) if ("." in raw or "E" in raw or "e" in raw) else int(raw)  # as openpyxl reads it
            if raw.lower().lstrip("+-") in ("nan", "inf", "infinity"):
                return "数字单元格里存的是「{shown}」，不是数字"
        elif kind == "b":
            int(raw)
        elif kind == "s":
            if strings is not None and not 0 <= int(raw) < strings:
                return f"引用了第 {{shown}} 个共享文本，但文件里只有 {strings} 个"
    except ValueError:
        return "数字单元格里存的是「{shown}」，不是数字" if kind != "s" else "共享文本的编号「{shown}」无效"
    return None
