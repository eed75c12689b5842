"""Which sheet of a workbook holds the results.

An office workbook often has more than the results: the template's 说明 sheet, a hidden sheet of
drop-down lists, an empty Sheet2, a 填写说明 or 评分标准 tab the office added — or last quarter's tab, a
汇总 tab, a 花名册 the names are looked up in, one tab per department. Reading "the first sheet" would
grade the wrong one without a word, so: hidden sheets, instruction sheets and Kaohe's own list of
problems are never results; of the others, the one that has content is read. Of several with content,
the one whose top rows hold the header the scheme reads (its ID column, through the office's own
names: `is_header`) is read, and the others are named; two or more such are a problem naming them,
whose fix never loses a person: tabs with the same header are one period split by department (put
them together) or several periods (one file each), never sheets to delete.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.core.problems import Problems, Severity
from generator.sheets.limits import HEADER_SEARCH_ROWS
from generator.sheets.period_words import named_periods

# Sheets that never hold results: the template's instructions, and the list of problems that
# `kaohe check --xlsx-report` adds to a copy of the sheet (an office may fix that copy and save it back).
KAOHE_SHEETS = ("说明", "填表说明", "使用说明", "问题清单")

HeaderTest = Callable[[list[str]], bool]  # whether a row's texts are the results' header (holds the ID column)


def results_sheet(workbook, shown: str, problems: Problems, is_header: HeaderTest | None = None):
    """The sheet to read, or None (with a problem) when several sheets could hold the results."""
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
    if len(with_content) > 1:
        tops = {s.title: _top_rows(s) for s in with_content}
        headed = [s for s in with_content if is_header is not None and any(is_header(row) for row in tops[s.title])]
        if len(headed) == 1:
            _name_others(headed[0], [s for s in with_content if s is not headed[0]], shown, problems)
            _name_hidden_results(headed[0], hidden, shown, problems)
            return headed[0]
        many = headed or with_content
        if shown.lower().endswith(".decisions.xlsx"):  # two meetings' decisions on two tabs
            words = (f"决定文件中有 {len(many)} 个有内容的工作表（{_names(many)}），无法确定哪一个是本期的领导小组决定，一条也没有适用。"
                     "本期的决定都写在一个工作表中：把其他工作表的决定逐行并入（几次会议的决定，理由中各写明会议），再删去其他工作表。")
        else:
            words = _many_words(many, tops, is_header)
        problems.add(shown, None, None, "workbook-many-sheets", words)
        return None
    if with_content:
        _name_hidden_results(with_content[0], hidden, shown, problems)
        return with_content[0]
    return candidates[0] if candidates else workbook.worksheets[0]


def _many_words(sheets: list, tops: dict[str, list[list[str]]], is_header: HeaderTest | None) -> str:
    """What to do with several sheets that could each be the results. Deleting all but one, the fix for
    last quarter's tab, would drop the people of the others when the tabs are one period's departments:
    tabs with the same header whose names name no two periods are told to be put together."""
    names = _names(sheets)
    headers = {s.title: _header_texts(tops[s.title], is_header) for s in sheets}
    same = len({headers[s.title] for s in sheets}) == 1 and bool(headers[sheets[0].title])
    periods = sum(1 for s in sheets if named_periods(s.title)[0])
    if same and periods < 2:
        return (f"工作簿中有 {len(sheets)} 个工作表（{names}）表头相同，像是同一期的成绩按部门（或股室、片区）分在了几个工作表中；"
                "Kaohe 只读取一个工作表，无法确定读哪一个。请把各工作表的人员行复制到同一个工作表的表头下面"
                "（每人一行；表中没有部门列的，加一列部门，填上各人原来所在工作表的部门），核对人数无误后再删去其他工作表。"
                "不要直接删去其他工作表：其中的人员就不参加本期考核了。若这些工作表是不同考核期的成绩，则每期一个文件（如 Q1.xlsx、Q2.xlsx）。")
    return (f"工作簿中有 {len(sheets)} 个有内容的工作表（{names}），无法确定哪一个是本期成绩。"
            "一个文件只放一期成绩：其他期的工作表移到另一个文件（每期一个文件，如 Q1.xlsx、Q2.xlsx），花名册、汇总等不是本期成绩的工作表删去或移走；"
            "下拉选项等辅助内容可放在隐藏的工作表中。")


def _names(sheets: list) -> str:
    """The sheets' names for a message: the first ten of a workbook of hundreds."""
    return "、".join(f"「{s.title}」" for s in sheets[:10]) + (f"等 {len(sheets)} 个" if len(sheets) > 10 else "")


def _header_texts(rows: list[list[str]], is_header: HeaderTest | None) -> tuple[str, ...]:
    """The texts of a sheet's header row: the first of its top rows the test accepts (without a test,
    the first with three texts or more), without blanks; () when none."""
    for row in rows:
        if is_header(row) if is_header is not None else len(row) >= 3:
            return tuple("".join(t.split()) for t in row)
    return ()


def _name_others(read, others: list, shown: str, problems: Problems) -> None:
    names = _names(others)
    problems.add(shown, None, None, "workbook-sheet-not-read",
                 f"读取的是工作表「{read.title}」（有成绩表头）；工作表{names}没有成绩表头（多半是填写说明、评分标准等），没有读取。"
                 "若其中也有本期的成绩，请把这些人员复制到「" + read.title + "」中，保持同样的表头。",
                 Severity.INFO, sheet=read.title)


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


def _top_rows(sheet) -> list[list[str]]:
    """The texts of each of the sheet's top rows that holds any (numbers are no header)."""
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True)):
        if number >= HEADER_SEARCH_ROWS:
            break
        texts = [v.strip() for v in row if type(v) is str and v.strip()]
        if texts:
            rows.append(texts)
    return rows


def _top_texts(sheet) -> set[str]:
    return {text for row in _top_rows(sheet) for text in row}


def _has_content(sheet) -> bool:
    for row in sheet.iter_rows(values_only=True):
        if any(value not in (None, "") for value in row):
            return True
    return False
