"""The checks of a person's identity cells (ID, name, department) that are not about reading them: a line
break typed inside one, a spreadsheet's error value or a number where the name goes, a character lost in
saving (王? for 王䶮), and a note written into the name (李四（试用期）) — printed on the 公示 as the name, and
not read as the flag it may be.
"""

from __future__ import annotations

import re

from generator.core.problems import Problems, Severity
from generator.core.spelling import spelling_key
from generator.sheets.cells import Cell, Table, column_letter, where
from generator.sheets.id_cells import error_value_words, formula_text_words, is_error_value, is_formula_text

NOTE_ENDS = frozenset("）)】]*＊※△▲★☆#＃")  # how a name with a note or a marker ends
# the name ends in neither a blank nor a mark, so a note is tried only where the name could end (from every
# blank or mark of a long cell, 10,000 characters took seconds)
_NOTE_RE = re.compile(r"(?P<name>.*?[^\s*＊※△▲★☆#＃])\s*(?:[（(【\[](?P<note>[^（()）【】\[\]]+)[）)】\]]|(?P<mark>[*＊※△▲★☆#＃]+))")


def _at(cells: list[Cell], index: int) -> Cell | None:
    return next((c for c in cells if c.column == index), None)


# A line break as Markdown and a browser's <pre> read one: CR LF, LF, and a CR alone (a cell saved by an
# old Mac program, or CHAR(13) in a formula), which a page would otherwise break the name at.
_LINE_BREAK = re.compile(r"\r\n?|\n")
broken = _LINE_BREAK.search


def report_line_breaks(table: Table, cells: list[Cell], identity_columns: list[tuple[int, str]], problems: Problems) -> None:
    """A line break inside an ID, a name or a department (雷杰⏎平, typed with Alt+Enter or pasted):
    a typing slip that would print broken on every page."""
    for index, column in identity_columns:
        cell = _at(cells, index)
        if cell is None or not broken(cell.value):
            continue
        shown = _LINE_BREAK.sub("⏎", cell.value)
        joined = "".join(cell.value.split())
        problems.add(table.file, cell.row, column_letter(index), "identity-line-break",
                     f"「{column}」单元格「{shown}」中有换行（⏎ 处，多半是误按了 Alt+Enter 或从别处复制带来的），"
                     f"会在公示和各页面上断成两行；请删去换行，如改为「{joined}」。",
                     where=where(table, cell.row, index, column), sheet=table.sheet)


def report_error_values(table: Table, row: int, texts: tuple, problems: Problems) -> None:
    """An identity cell (姓名, 部门, 岗位, 单位) holding a spreadsheet's error value (a person named #N/A) or a
    formula's text instead of its result (=VLOOKUP(…) typed into a cell formatted as text), or a
    name that is a number. `texts`: (index, column, text) of each, the name's first."""
    for index, column, text in texts:
        if index is not None and column and is_error_value(text or ""):
            problems.add(table.file, row, column_letter(index), "cell-error-value", error_value_words(text, column),
                         where=where(table, row, index, column), sheet=table.sheet)
        elif index is not None and column and is_formula_text(text or ""):
            problems.add(table.file, row, column_letter(index), "cell-formula-text", formula_text_words(text, column),
                         where=where(table, row, index, column), sheet=table.sheet)
    index, column, name = texts[0]
    if index is not None and name.isdigit():  # a name that is a number: an ID or a score in the wrong column
        problems.add(table.file, row, column_letter(index), "name-is-number",
                     f"{column}「{name}」是数字，不是姓名：多半是编号或分数填进了「{column}」列（或这一行的内容错开了一列）；请核对这一行。",
                     where=where(table, row, index, column), sheet=table.sheet)




def report_lost_character(table: Table, row: int, column: tuple[int, str], name: str, problems: Problems) -> None:
    """A name holding what stands for a character lost in saving: ? where Excel's GBK 「CSV（逗号分隔）」 had no
    䶮 or 𠮷, � (U+FFFD) where a program could not decode one, 锟斤拷 where that was converted twice."""
    if not ("?" in name or "？" in name or "\ufffd" in name or "锟斤拷" in name):  # four substring tests: every row's name
        return
    index, header = column
    if "\ufffd" in name and any(p.code == "control-character" and p.line == row and p.column == column_letter(index) for p in problems):
        return  # a control character, reported and shown as �
    problems.add(table.file, row, column_letter(index), "name-character-lost",
                 f"{header}「{name}」中有「?」「？」或「\ufffd」，多半是保存时丢了字：Excel 的「CSV（逗号分隔）」按 GBK 保存，"
                 "存不下 䶮、𠮷 等字，存成了 ?；其他程序转换时读不出的字成了 \ufffd（再转一次成了 锟斤拷）。照此会印在公示上。"
                 "请用 Excel 打开原来的文件，「另存为」→「CSV UTF-8（逗号分隔）」或「Excel 工作簿（*.xlsx）」；已经丢了的字，照原来的写法改回。",
                 where=where(table, row, index, header), sheet=table.sheet)


# A note after a blank or a dash (李四 借调, 李四—试用期): only a word of a person's standing or one of the scheme's
# yes/no columns and flags, for a name of two parts is written with a blank too (欧阳 小明, 阿依古丽 买买提); after a
# comma, a colon or a slash, which no name holds, any note.
STATUS_WORDS = ("借调", "挂职", "退休", "调离", "调出", "调入", "离职", "辞职", "病休", "病假", "产假", "休假", "新进", "新录用", "新入职",
                 "试用", "见习", "援疆", "援藏", "交流", "跟班", "待岗", "已", "兼", "代理", "临时", "聘用", "外派", "驻村", "离岗", "停职", "免职")
_SEPARATED_RE = re.compile(r"(?P<name>[^\s,，:：/／;；\-—–]+)\s*(?P<sep>[,，:：/／;；\-—–]|\s)\s*(?P<note>\S.*)")
_STRONG = frozenset(",，:：/／;；")


def separated_note(written: str, flags) -> tuple[str, str]:
    """(the name, the note) of a name cell as written, whose note follows a blank, a dash or a comma (李四 试用期,
    李四，借调); (written, "") without one. `flags`: the scheme's yes/no columns and flag words."""
    found = _SEPARATED_RE.fullmatch(written)
    if found is None:
        return written, ""
    note, bare = found.group("note").strip(), found.group("name")
    if found.group("sep") in _STRONG:
        return bare, note
    plain = spelling_key(note)  # after a blank, two characters at least on each side: 李  兼 is 李兼 padded
    if len(bare) > 1 and len(plain) > 1 and (plain.startswith(STATUS_WORDS) or any(f and plain.startswith(f) for f in flags)):
        return bare, note
    return written, ""


# the same before the name: （借调）李四, *李四 (a form's legend: 带*号的为试用期人员)
_LEADING_NOTE_RE = re.compile(r"(?:[（(【\[](?P<note>[^（()）【】\[\]]+)[）)】\]]|(?P<mark>[*＊※△▲★☆#＃]+))\s*(?P<name>[^\s*＊※△▲★☆#＃（(【\[].*)")
NOTE_MARKS = NOTE_ENDS | frozenset("（(【[")


def may_hold_note(name: str) -> bool:
    """Whether a name is worth looking at for a note: it begins or ends with a bracket or a mark, or is
    longer than most names (李四 借调 read as 李四借调). One test of a row's name."""
    return name[-1:] in NOTE_ENDS or name[:1] in NOTE_MARKS or len(name) > 3


def name_and_note(name: str) -> tuple[str, str]:
    """(the name, the note in brackets or the marker it ends or begins with): (李四, 试用期) for 李四（试用期） and
    （试用期）李四, (name, "") without one."""
    found = _NOTE_RE.fullmatch(name) or (_LEADING_NOTE_RE.fullmatch(name) if name[:1] in NOTE_MARKS else None)
    if found is None:
        return name, ""
    return found.group("name").strip(), (found.group("note") or found.group("mark")).strip()


def report_name_note(table: Table, row: int, column: tuple[int, str], name: str, flags: dict[str, str], values: dict, problems: Problems,
                     written: str = "") -> None:
    """A name ending in a note in brackets or a marker. `flags`: the scheme's yes/no columns and flag words,
    each → the yes/no column it sets; `values`: the row's values as read. A note that is one of them (试用期,
    试用期人员) is an error — the office marked the person where Kaohe does not read it — unless the row's
    column says so too (then only the name prints with its note); any other a warning (张伟（大） tells two
    people of one name apart)."""
    bare, note = name_and_note(name)
    if not note and written:  # 李四 试用期: the cell as written, before its blanks were taken for padding (王  五)
        bare, note = separated_note(written, flags)
    if not note:
        return
    plain = spelling_key(note)
    flag = next((f for f in sorted(flags, key=len, reverse=True) if f and (plain == f or plain.startswith(f) or (len(plain) > 1 and f.startswith(plain)))), None)
    index, header = column
    if flag is not None and values.get(flags[flag]) is True:  # 试用期 also 是 in its column: graded as meant
        words = (f"{header}「{name}」里写着「{note}」，「{flags[flag]}」列也已写明，计分无误；但公示和各页面上的姓名会印成「{name}」，"
                 f"各期写法不同时还会被当作改了名。请把{header}改为「{bare}」。")
        severity = Severity.WARNING
    elif flag is not None:
        words = (f"{header}「{name}」里写着「{note}」：Kaohe 不从姓名中读取「{flag}」，此人会按没有「{flag}」计算，"
                 f"公示上的姓名也会印成「{name}」。请把{header}改为「{bare}」，并在「{flag}」列（或标记列）中写明。")
        severity = Severity.ERROR
    else:
        words = (f"{header}「{name}」带有说明「{note}」，会照此印在公示和各页面上，各期写法不同时还会被当作改了名。"
                 f"说明请写在备注列，{header}只写「{bare}」；若是为了区分同名的两个人，可忽略此提示。")
        severity = Severity.WARNING
    problems.add(table.file, row, column_letter(index), "name-with-note", words, severity, where=where(table, row, index, header), sheet=table.sheet)


def report_blank_departments(table: Table, blanks: list[tuple[int, str, tuple[str, int]]], column: tuple[int, str], problems: Problems) -> None:
    """People without a department: (row, name, the department of the last person above who has one and
    that person's row). A run of them under one person's department is one problem at its first row: the
    department merged over them in Excel and saved as CSV (or a merge in an .xlsx, reported at the range by
    layout.py, which takes the per-row problems as its follow-ons), or left out as 同上. Any other, at its row."""
    index, header = column
    runs: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for row, name, above in blanks:
        runs.setdefault(above if above[0] and not table.merged else ("", row), []).append((row, name))
    for (department, _), people in runs.items():
        row = people[0][0]
        if not department:
            problems.add(table.file, row, column_letter(index), "missing-value", f"「{people[0][1]}」的{header}为空；请填写{header}。",
                         where=where(table, row, index, header), sheet=table.sheet)
            continue
        rows = f"第 {row} 行" if len(people) == 1 else f"第 {row}—{people[-1][0]} 行"
        who = "、".join(name or "（无姓名）" for _, name in people[:5]) + (f"等 {len(people)} 人" if len(people) > 5 else "")
        problem = problems.add(
            table.file, row, column_letter(index), "missing-value",
            f"{rows}（{who}）的{header}为空，而上面一行是「{department}」：多半是在 Excel 中把同一{header}的几行合并成了一格"
            f"（另存为 CSV 后只有第一行有{header}），或省略了与上一行相同的{header}。Kaohe 不会替你沿用上一行的{header}："
            f"请逐行填写{header}（在 Excel 中取消合并，选中这一列按 Ctrl+D 向下填充）。",
            where=where(table, row, index, header), sheet=table.sheet)
        problems.follow_from(problem, len(people) - 1)
