"""Committee decisions (领导小组审定): a file beside the results that sets a person's grade.

`<period>.decisions.csv` (or .xlsx) has the columns 编号, 等次, 理由, 所决事项 (姓名 optional, checked
when given; 超出名额 optional). 所决事项 records what the committee decided on, in the words
`kaohe check` gives: the tie at a quota line (并列：全单位「优秀」名额线 总分 95.00，余 1 个名额：0003、0007) or the
grade the person had before (原为：不确定等次). Every build compares it with today's results
(decision_check.py): a decision whose situation changed is stale and is not applied. 超出名额
holds the committee's statement, with its reason, when a decision takes a grade beyond its quota.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.core.problems import Problems, Severity
from generator.engine.decision_dates import meeting_before
from generator.scheme.periods import results_month
from generator.scheme.policy import Grades
from generator.sheets.id_cells import id_text, name_text
from generator.sheets.layout import report_merged_cells
from generator.sheets.period_words import check_sheet_period
from generator.sheets.tables import HEADER_SEARCH_ROWS, column_letter, is_trailer, normalize_header, read_table, where

ID_HEADERS = ("编号", "工号", "人员编号", "身份证号")
BASIS = "所决事项"
EXCEED = "超出名额"
FOR_READERS = ("序号", "部门", "科室")  # columns an office adds for whoever checks the file: known, not read
# headers offices write for the required columns: named in the message, never read as them by a guess
SAID_OTHERWISE = {"等次": ("审定等次", "决定等次", "确定等次", "拟定等次", "考核等次", "档次", "结果"),
                  "理由": ("决定理由", "原因", "依据", "说明", "决定依据", "会议决定", "备注")}
# a reason that is only one of these (once spaces and punctuation are gone) justifies nothing on a 公示
PLACEHOLDERS = frozenset({"无", "略", "同上", "同前", "如上", "见上", "同意", "待定", "待补", "暂无", "空", "没有", "有", "是", "否",
                          "NA", "NONE", "NULL", "NIL", "X", "0"})


@dataclass(frozen=True)
class Decision:
    id: str
    name: str
    grade: str
    reason: str
    row: int
    place: str
    basis: str | None = None  # 所决事项 as written; None when the file has no such column or the cell is empty
    exceed: str = ""  # 超出名额: the committee's statement and reason, when it exceeds a quota
    basis_place: str = ""
    grade_column: str | None = None  # the 等次 cell's column letter, for a problem with the grade itself
    grade_place: str = ""
    id_column: str | None = None  # the ID cell's, for an ID that is not the person the row names
    id_place: str = ""


def load_decisions(path: Path, shown: str, id_header: str, grades: Grades | None, problems: Problems,
                   aliases: dict[str, str] | None = None, for_readers: tuple[str, ...] = (), period: tuple[int, str] | None = None,
                   elsewhere: dict[str, str] | None = None) -> list[Decision]:
    """`aliases`: the office's column names → the scheme's (agency.yaml and the scheme's sheet.columns), as
    for its sheets; `for_readers`: the scheme's people columns (部门 as it names it, 岗位…), known, not read;
    `period`: (year, label) the file is for, which its title and meetings are held to (a copied file);
    `elsewhere`: the grades of the scheme's other assessments → their words (年度考核，写在 Y.decisions.csv 中)."""
    if grades is None:  # scores only: there is no grade for a committee to set
        problems.add(shown, None, None, "decision-invalid", "这一考核只计分、不定等次（方案没有 grades），领导小组决定（定等次）不适用，这个文件没有读取。"
                     "成绩有误的，改成绩表；文件放错了考核的，移到所属方案的目录；否则删去这个文件。")
        return []
    mapped = {normalize_header(k): v for k, v in (aliases or {}).items()}
    ids = {id_header, *ID_HEADERS}  # a sheet whose top rows name the ID column holds the decisions, not a 会议纪要 beside it
    table = read_table(path, shown, problems, lambda texts: any(mapped.get(t, t) in ids for t in map(normalize_header, texts)))
    if table is None or not table.rows:
        return []
    start = _header_index(table.rows, id_header, mapped)
    if period is not None and table.rows[start]:  # a title or tab naming another period: last period's file copied
        check_sheet_period(table, table.rows[start][0].row, *period, problems, what="领导小组决定", annual=True)
    # the earliest a committee meets on a period's results: its last month (a year's: December, as its 公示 may start then)
    earliest = results_month(*period) if period is not None else None  # a 学年's: July
    for cells in table.rows[:start]:  # a title above the header takes one cell; more is content left unread
        if sum(1 for c in cells if c.value.strip()) > 1:
            problems.add(shown, cells[0].row, None, "decision-invalid",
                         f"第 {cells[0].row} 行在表头之上，有几格内容，不会作为决定读取；决定要逐行写在表头下面（表头上方只可有一行标题），请移到表头下面或删去。",
                         where=where(table, cells[0].row))
    head = table.rows[start]
    line = head[0].row if head else start + 1
    body = table.rows[start + 1:]
    titled = [(mapped.get(name, name), c.column) for c in head for name in (normalize_header(c.value),)]
    header: dict[str, int] = {}
    for title, col in titled:
        if title and title in header:  # two 理由 columns: which one the committee meant is not for Kaohe to pick
            problems.add(shown, line, column_letter(col), "decision-invalid",
                         f"表头「{title}」出现了两次（{column_letter(header[title])} 列和 {column_letter(col)} 列）；只保留一列，把另一列的内容并入后删去。",
                         where=where(table, line, col))
        header.setdefault(title, col)
    id_col = header.get(id_header) or next((header[h] for h in ID_HEADERS if h in header), None)
    grade_col, reason_col, name_col = header.get("等次"), header.get("理由"), header.get("姓名")
    basis_col, exceed_col = header.get(BASIS), header.get(EXCEED)
    if id_col is None or grade_col is None or reason_col is None:
        missing = [n for n, col in ((id_header, id_col), ("等次", grade_col), ("理由", reason_col)) if col is None]
        renames = [f"「{h}」改为「{n}」" for n in missing for h in SAID_OTHERWISE.get(n, ()) if h in header]
        problems.add(shown, line, None, "decision-invalid",
                     f"决定文件的表头缺少{''.join(f'「{n}」' for n in missing)}：须有「{id_header}」「等次」「理由」三列，并应有「{BASIS}」列（记录所决定的并列或原等次）。"
                     f"现在的表头是 {'、'.join(f'「{h}」' for h in header if h) or '（空）'}" + (f"；请把{'、'.join(renames)}。" if renames else "。"),
                     where=where(table, line))
        return []
    known = {id_col, grade_col, reason_col, name_col, basis_col, exceed_col, *(header[h] for h in (*FOR_READERS, *for_readers) if h in header)}
    for title, col in titled:
        if col not in known and header.get(title) == col and (title or any(c.column == col and c.value.strip() for cells in body for c in cells)):
            problems.add(shown, line, column_letter(col), "decision-column-unknown",
                         f"决定文件中不认识「{title or '（无表头）'}」这一列，其中的内容不会生效。决定文件读取 {id_header}、姓名、等次、理由、{BASIS}、{EXCEED}"
                         f"（{'、'.join(dict.fromkeys((*FOR_READERS, *for_readers)))} 只供核对）。写的是理由的，请并入「理由」列；不需要的，请删去这一列。", where=where(table, line, col))
    named = [*grades.order, grades.no_grade] if grades else []  # as the scheme lists them, high to low
    allowed = set(named)
    decisions: list[Decision] = []
    first_row: dict[str, int] = {}
    read = {col: name for name, col in ((id_header, id_col), ("姓名", name_col), ("等次", grade_col), ("理由", reason_col), (BASIS, basis_col),
                                        (EXCEED, exceed_col)) if col is not None}
    for cells in body:
        by = {c.column: c.value.strip() for c in cells}
        if not any(by.values()):
            continue
        row = cells[0].row
        if not by.get(grade_col) and is_trailer(cells, id_text(by.get(id_col, "")), by.get(name_col, "") if name_col else ""):
            continue  # 注：…, 经办人：…, 合计 under the decisions, as a results sheet's trailer: no grade, no decision
        named_as = "，".join(t for t in (name_text(by.get(name_col, "")) if name_col else "", f"{id_header} {by[id_col]}" if by.get(id_col) else "") if t)
        if unseen_row(table, row, read, f"第 {row} 行（{named_as or '无编号和姓名'}）", problems):
            continue
        pid, grade, reason = id_text(by.get(id_col, "")), by.get(grade_col, ""), by.get(reason_col, "")
        if not pid or not reason:
            col = id_col if not pid else reason_col
            problems.add(shown, row, column_letter(col), "decision-invalid", "每条决定都要有编号和理由（领导小组会议名称、日期）。", where=where(table, row, col))
            continue
        if pid in first_row:
            problems.add(shown, row, column_letter(id_col), "decision-duplicate",
                         f"编号「{pid}」在决定文件中出现两次：第 {first_row[pid]} 行和第 {row} 行。一个人每期只能有一条决定；请删除其中一行。",
                         where=where(table, row, id_col, id_header))
            continue
        first_row[pid] = row
        if is_placeholder(reason, named):
            problems.add(shown, row, column_letter(reason_col), "decision-reason-placeholder",
                         f"理由「{reason}」不是理由：请写明领导小组哪次会议、哪天、为什么定为「{grade}」"
                         "（同一次会议的几个人，每行都写全，可复制上一行）；否则公示上的这项决定没有依据。", where=where(table, row, reason_col, "理由"))
            continue
        met = meeting_before(reason, earliest) if earliest is not None else None
        if met is not None:
            problems.add(shown, row, column_letter(reason_col), "decision-other-period",
                         f"理由中的会议日期 {met.isoformat()} 早于本期的最后一个月（{earliest.isoformat()} 起）：决定要在本期成绩出来之后才能作出，"  # type: ignore[union-attr]
                         "多半是复制了上一期或去年的决定文件。这条决定没有生效。请核对：是本期的决定，改正理由中的会议日期；不是，删去这一行（或整个文件）。",
                         where=where(table, row, reason_col, "理由"))
            continue
        exceed = by.get(exceed_col, "") if exceed_col else ""
        if exceed and is_placeholder(exceed, named):
            problems.add(shown, row, column_letter(exceed_col), "decision-reason-placeholder",
                         f"超出名额「{exceed}」没有写明什么：这一栏要写领导小组同意超出名额的会议和理由（公示上照登），"
                         "如「经2025年4月3日领导小组会议研究，同意好等次超出名额1人：二人得分相同且均出全勤」；不超出名额的，空着。",
                         where=where(table, row, exceed_col, EXCEED))
            continue
        if grade not in allowed:
            other = (elsewhere or {}).get(grade)  # 称职 in a quarter's file: the year's decision put here
            meant = None if other else meant_grade(grade, named)
            whose = (f"，是{other}：多半是那一考核的决定放进了本期的决定文件，请移过去；是本期的决定，" if other
                     else f"（是否是「{meant}」？决定照写的等次适用，不会猜着改）；" if meant else "；")
            problems.add(shown, row, column_letter(grade_col), "decision-invalid",
                         f"等次「{grade}」不是本考核的等次{whose}请填写 {'、'.join(named)} 之一（照方案的写法，由高到低）。", where=where(table, row, grade_col, "等次"))
            continue
        basis = by.get(basis_col, "") if basis_col else ""
        decisions.append(Decision(
            pid, name_text(by.get(name_col, "")) if name_col else "", grade, reason, row, where(table, row),
            basis or None, exceed,
            where(table, row, basis_col, BASIS) if basis_col else where(table, row),
            column_letter(grade_col), where(table, row, grade_col, "等次"),
            column_letter(id_col), where(table, row, id_col, id_header),
        ))
    if table.merged:  # one 理由 merged over the people of one meeting: only the first row holds it
        report_merged_cells(table, {c: n for n, c in header.items() if n}, {cells[0].row: "" for cells in body if cells}, problems)
    return decisions


def other_grades(scheme, assessment) -> dict[str, str]:
    """The grades only the scheme's other assessments have → 年度考核的等次（其决定写在 Y.decisions.csv 中）."""
    own = set(assessment.grades.order) if assessment.grades else set()
    found: dict[str, str] = {}
    for other in scheme.assessments:
        if other is assessment or other.grades is None:
            continue
        files = "、".join(f"{label}.decisions.csv" for label in other.period_labels[:4]) + ("等" if len(other.period_labels) > 4 else "")
        for grade in other.grades.order:
            if grade not in own:
                found.setdefault(grade, f"{other.name}的等次（其决定写在 {files} 中）")
    return found


# the 公务员 and 事业单位 names of one grade: a decision written in the other's words
_SAME_GRADE = {"称职": "合格", "合格": "称职", "基本称职": "基本合格", "基本合格": "基本称职", "不称职": "不合格", "不合格": "不称职"}


def meant_grade(written: str, named: list[str]) -> str | None:
    """The one grade of `named` a grade not among them seems to mean: 优 → 优秀, 一般等次 → 一般, 合格 → 称职; None
    when none or several could be meant. Only named in the message, never applied."""
    text = unicodedata.normalize("NFKC", "".join(ch for ch in written if not unicodedata.category(ch).startswith(("P", "Z"))))
    for tail in ("等次", "档次", "等", "档"):
        if text.endswith(tail) and len(text) > len(tail):
            text = text[: -len(tail)]
            break
    if text in named:
        return text
    if _SAME_GRADE.get(text) in named:
        return _SAME_GRADE[text]
    near = [g for g in named if text and (g.startswith(text) or text.startswith(g))]
    return near[0] if len(near) == 1 else None


def is_placeholder(reason: str, grades: list[str]) -> bool:
    """Whether a reason says nothing: only punctuation and spaces (/、-、……、——、。), a placeholder word
    (无、略、同上、同意、N/A …), one written twice (无无), only a grade's name or a number. Words after one (同上，名额已满…) make it a reason."""
    kept = unicodedata.normalize("NFKC", "".join(ch for ch in reason if not unicodedata.category(ch).startswith(("P", "S", "Z", "C")))).upper()
    if not kept or kept.isdecimal():  # 1, ２: a number, not a reason
        return True
    words = PLACEHOLDERS | {g.upper() for g in grades}
    return any(kept == word * (len(kept) // len(word)) for word in words)  # 无, 无无, 同上同上


def unseen_row(table, row: int, read: dict[int, str], who: str, problems: Problems) -> bool:
    """A decision row the reader of the workbook does not see as Kaohe reads it: struck through (删除线: most likely
    withdrawn, 经复议撤回) or a read cell in white on no fill is an error and not applied (True); a row hidden or
    filtered out is applied with a warning, as a results sheet's is (False). CSV files have none of these."""
    struck = sorted(c for r, c in table.struck if r == row and c in read) if table.struck else []
    if struck:
        names = "".join(f"「{read[c]}」" for c in struck[:4]) + ("等" if len(struck) > 4 else "")
        problems.add(table.file, row, column_letter(struck[0]), "decision-struck-through",
                     f"{who}的{names}加了删除线：是撤回的决定，还是仍然有效，看不出来；这条决定没有生效。"
                     "撤回的，删去这一行；仍然有效的，去掉删除线。", where=where(table, row, struck[0], read[struck[0]]), sheet=table.sheet)
        return True
    white = sorted(c for r, c in table.invisible if r == row and c in read) if table.invisible else []
    if white:
        problems.add(table.file, row, column_letter(white[0]), "cell-shows-otherwise",
                     f"{column_letter(white[0])}{row} 单元格（{who}的「{read[white[0]]}」）的字是白色、没有底色，在 Excel 中和打印出来都看不见；"
                     "看到的决定与读取的不同，这条决定没有生效。请把字体颜色改为「自动」（黑色）后核对内容。",
                     where=where(table, row, white[0], read[white[0]]), sheet=table.sheet)
        return True
    if table.hidden_rows and row in table.hidden_rows:
        problems.add(table.file, row, None, "decision-row-hidden",
                     f"{who}在 Excel 中是隐藏的（手动隐藏或被筛选掉），但这条决定照样生效、改变此人的等次。"
                     "撤回的决定，删去这一行；有效的，取消隐藏（或清除筛选），以免核对时漏看。", Severity.WARNING, where=where(table, row), sheet=table.sheet)
    return False


def _header_index(rows: list, id_header: str, mapped: dict[str, str]) -> int:
    """The header's row: the first of the top rows naming an ID column (a title may stand above it);
    the first row when none does (its headers are then reported)."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {mapped.get(name, name) for c in cells for name in (normalize_header(c.value),)}
        if id_header in names or any(h in names for h in ID_HEADERS):
            return index
    return 0
