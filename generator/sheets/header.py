"""The header of a results sheet: where it is, what each column means, and that every column is
accounted for.

A header may sit below a merged title row, may be two rows (group headings over merged cells
above the sub-columns), may carry the template's notes (德（满分 20）) and may use the office's
own names, mapped in agency.yaml or the scheme (`columns: {工号: 编号}`). Every column must be a
declared column, a mapped one, an ignored one (序号, 备注 … and `ignore_columns`) or one of the office's
own results (总分, 等次, 名次, an item's subtotal: own_columns.py, compared once graded); anything else
is an error suggesting the nearest declared name. A column that a rule, an adjustment, an override
or a quota reads and that the sheet lacks is an error naming what reads it, unless the agency or
scheme lists it in `absent_columns`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from generator.core.problems import Problems, Severity, clip
from generator.core.spelling import spelling_key
from generator.scheme.columns import ColumnPlan
from generator.scheme.model import Item, Scheme
from generator.scheme.sheet_options import SheetOptions
from generator.sheets.cells import hidden_column_words
from generator.sheets.form_rows import row_numbers
from generator.sheets.header_notes import check_note_max
from generator.sheets.layout import merged_heading
from generator.sheets.tables import HEADER_SEARCH_ROWS, UNITS_RE, Cell, Table, column_letter, normalize_header, where

# a note after a column's name: 德（满分 20） 德(20) 德【20】 德[20]; or the mark of a required column or a colon:
# *编号 编号* ★德 姓名：
# (a run of marks at the end is tried from its first mark only: from every one, a cell of 10,000 took seconds)
_NOTE_RE = re.compile(r"[（(【\[][^（()）【】\[\]]*[)）】\]]$|^[*＊★☆]+|(?<![*＊★☆:：])[*＊★☆:：]+$")


@dataclass
class Header:
    index: int  # index into table.rows of the last header row
    columns: dict[str, int]  # scheme column name (or the flags column) → 1-based column
    cells: list[tuple[Cell, str]]  # every named column of the header: (the cell, its name as matched)
    row: int  # the physical row of the last header row
    mapped: frozenset[str] = frozenset()  # the office's header texts a `columns` mapping matched (as its keys)
    groups: dict[int, str] | None = None  # in a two-row header: a sub-column → its group's heading (德 over 合计)


def match_name(text: str, expected: set[str], aliases: dict[str, str] | None = None) -> str:
    """A header's text → the column it names: itself, without its note (德（满分 20）), or through
    the office's mapping. Unknown text is returned as it is, so that it can be reported."""
    if not text:
        return ""
    return _match(text, expected, aliases or {})[0]


def _match(text: str, expected: set[str], aliases: dict[str, str]) -> tuple[str, str | None]:
    """match_name, and the key of the mapping that matched it (None: none did)."""
    candidate = text
    spaced: dict[str, str] | None = None  # made only for a text not named as it stands (the usual header cell is)
    widths: tuple[dict[str, str], dict[str, str]] | None = None
    while True:
        if candidate in expected:
            return candidate, None
        if spaced is None:  # a scheme's 迟到 早退次数: headers lose their blanks
            spaced = {normalize_header(e): e for e in expected if normalize_header(e) != e}
        if candidate in spaced:
            return spaced[candidate], None
        if candidate in aliases:
            return aliases[candidate], candidate
        # 工号(人事) for 工号（人事）, ％ for %, Ｂ for B: the header, the scheme or the mapping typed in other widths
        widths = widths or ({spelling_key(e): e for e in expected}, {spelling_key(a): a for a in aliases})
        if (key := spelling_key(candidate)) in widths[0]:
            return widths[0][key], None
        if key in widths[1]:
            return aliases[widths[1][key]], widths[1][key]
        stripped = _NOTE_RE.sub("", candidate)
        if stripped == candidate:
            return text, None
        candidate = stripped


def header_row_test(plan: ColumnPlan, id_column: str, options: SheetOptions) -> Callable[[list[str]], bool]:
    """Whether a row's texts hold the ID column, by its name or the office's own (工号: 编号), as find_header
    looks for the header: tells the results among a workbook's sheets (sheet_choice.py)."""
    aliases = {normalize_header(k): v for k, v in options.columns.items()}
    expected = {s.name for s in plan.all()}
    return lambda texts: any(match_name(normalize_header(t), expected, aliases) == id_column for t in texts)


def find_header(table: Table, plan: ColumnPlan, id_column: str, options: SheetOptions | None = None,
                name_column: str | None = None) -> Header | None:
    options = options or SheetOptions()
    aliases = {normalize_header(k): v for k, v in options.columns.items()}
    expected = {s.name for s in plan.all()} | ({options.flags.column} if options.flags else set())
    for i, cells in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        upper = [(c, match_name(normalize_header(c.value), expected, aliases)) for c in cells if c.value]
        if id_column not in {name for _, name in upper}:
            continue
        id_col = next(c.column for c, name in upper if name == id_column)
        named = {c.column: (c, name) for c, name in upper}
        last = i
        groups: dict[int, str] = {}
        if i + 1 < len(table.rows):
            below = [c for c in table.rows[i + 1] if c.value]
            id_cell = next((c for c in below if c.column == id_col), None)
            lower = {c.column: (c, match_name(normalize_header(c.value), expected, aliases)) for c in below}
            name_col = next((c.column for c, name in upper if name == name_column), None)
            # a lower row may repeat the upper row's names for the single columns (编号 under 编号)
            repeats = {c for c, (_, name) in lower.items() if c in named and name == named[c][1]}
            units = {c for c, (cell, _) in lower.items() if UNITS_RE.fullmatch(normalize_header(cell.value))}
            no_person = (id_cell is None or id_col in repeats) and not (name_col in lower and name_col not in repeats)
            if no_person and lower and len(units) == len(lower):
                last = i + 1  # a row of units or notes under the header: （分） (20分) 单位：分
            elif no_person and lower and any(name in expected for _, name in lower.values()):
                # a two-row header: the row below names sub-columns under merged group headings. A
                # merged heading starts above its first sub-column: an upper cell with a cell right
                # below it is a heading, one with nothing below is a column (as the ID's always is),
                # and so is one with only a unit below it (出勤率 over （%）). Only a row that names a
                # column is one: a 满分 row (20 30 50) or a first person without ID and name is read
                # as a row (and reported there: unread_rows.py)
                last = i + 1
                headings = {c: normalize_header(named[c][0].value) for c in named if c in lower and c not in units}
                starts = sorted(named)
                for col in headings:
                    del named[col]
                named.update((c, found) for c, found in lower.items() if c not in units)
                # a sub-column's group: the nearest upper cell at or left of it, when that is a heading
                groups = {c: headings[start] for c in lower if c not in units
                          and (start := max((s for s in starts if s <= c), default=0)) in headings}
        cells_named = [named[c] for c in sorted(named)]
        columns: dict[str, int] = {}
        for cell, name in cells_named:
            columns.setdefault(name, cell.column)
        row = table.rows[last][0].row if table.rows[last] else last + 1
        mapped = frozenset(key for cell, _ in cells_named if (key := _match(normalize_header(cell.value), expected, aliases)[1]))
        return Header(last, columns, cells_named, row, mapped, groups or None)
    return None


# Headers of values Kaohe computes itself: never suggested as another column (总分 is not 加分).
COMPUTED_HEADERS = ("总分", "得分", "总得分", "合计", "总计", "小计", "考核得分", "综合得分", "考核总分")


def suggest(name: str, known: list[str]) -> str | None:
    """The declared name an unknown header most likely means: 试用期人员 → 试用期. Not a guess that
    shares a single character (总分 → 加分), nor one of several names the header is part of (德 →
    职业道德, 社会公德 or 家庭美德)."""
    within = [k for k in known if k and k in name]
    if within:
        return max(within, key=len)
    around = [k for k in known if k and name and name in k]
    if around:
        return around[0] if len(around) == 1 else None
    for close in difflib.get_close_matches(name, known, n=3, cutoff=0.5):
        shared = sum(block.size for block in difflib.SequenceMatcher(None, name, close).get_matching_blocks())
        if shared >= 2:
            return close
    return None


def computed_names(scheme: Scheme) -> dict[str, str]:
    """Item name → why it is no column of the sheet, in words: a parent item is computed from its
    children, any other item that is no column by its rule. Only the names the plan lacks matter."""
    words: dict[str, str] = {}

    def add(item: Item) -> None:
        if item.children:
            how = "按权重合成" if item.combine == "weighted" else "合计"
            parts = "".join(f"「{c.name}」" for c in item.children[:6]) + ("等" if len(item.children) > 6 else "")
            words.setdefault(item.name, f"「{item.name}」是方案中的上级项目，由下级项目{parts}{how}得出")
        else:
            words.setdefault(item.name, f"「{item.name}」是方案中的项目，由 Kaohe 按其计分规则计算")

    for top in [*(i for a in scheme.assessments for i in a.items), *(i for p in scheme.posts for i in p.items)]:
        for item in top.walk():
            add(item)
    return words


def bare_header(text: str) -> str:
    """A header without its notes: 德（满分 20） → 德."""
    while (stripped := _NOTE_RE.sub("", text)) != text:
        text = stripped
    return text


def _unknown_words(text: str, known: list[str], computed: dict[str, str]) -> str:
    """What an unknown header is, and what to do with it."""
    bare = bare_header(text)
    keep = "请删去这一列，或写入 agency.yaml 的 ignore_columns（留作本单位核对）。"
    if bare in computed:
        return f"方案中没有「{text}」这一列：{computed[bare]}，不从成绩表读取，也不要把它对应到其他列。{keep}"
    if bare in COMPUTED_HEADERS:
        return (f"方案中没有「{text}」这一列：总分由 Kaohe 按方案计算，不从成绩表读取，也不要把它对应到其他列。"
                f"若这是本单位自己算的总分，在 agency.yaml 的 check_totals 中写上 {bare}，Kaohe 会逐人核对它与按方案算出的总分；"
                "否则请删去这一列，或写入 ignore_columns（不核对）。")
    guess = suggest(text, known)
    hint = f"「{text}」是不是「{guess}」？若是，把表头改为「{guess}」，或在 agency.yaml 的 columns 中写 {text}: {guess}；" if guess else ""
    return f"方案中没有「{text}」这一列。{hint}若这一列不参与考核，请删去，或写入 agency.yaml 的 ignore_columns。"


def check_header(table: Table, header: Header, plan: ColumnPlan, options: SheetOptions, readers: dict[str, list[str]],
                 people_columns: tuple[str | None, str | None], problems: Problems, computed: dict[str, str] | None = None,
                 own: frozenset[int] = frozenset()) -> None:
    """Every column accounted for, every column read present. `computed`: computed_names(scheme);
    `own`: the columns of the office's own results (own_columns.py), compared once graded."""
    specs = plan.by_name()
    ignored = {spelling_key(n) for n in options.ignored()}  # 联系电话（手机） ignores 联系电话(手机) too
    flags = options.flags.column if options.flags else None
    known = sorted(set(specs) | ({flags} if flags else set()))
    seen: dict[str, int] = {}
    named = [name for _, name in header.cells if name in specs or name == flags]
    # the whole header twice (编号 姓名 得分 | 编号 姓名 得分): people laid out in two halves side by side for printing
    halves = len({n for n in named if named.count(n) > 1}) >= 2
    fix = ("若是把人员分成左右两栏排的（每栏一套表头），右栏的人不会被读取：请把右栏的人员移到左栏的人员下面，再删去右栏；"
           "若只是多了一列，删去其中一列。") if halves else "删去其中一列。"
    for cell, name in header.cells:
        text = normalize_header(cell.value)
        row = cell.row
        if name in specs or name == flags:
            if name in seen:
                problems.add(table.file, row, column_letter(cell.column), "duplicate-column",
                             f"「{name}」列出现了两次（另一次在 {column_letter(seen[name])} 列）；{hidden_column_words(table, seen[name], cell.column)}{fix}",
                             where=where(table, row, cell.column, text), sheet=table.sheet)
            seen.setdefault(name, cell.column)
            if text != name and (spec := specs.get(name)) is not None and spec.type == "number":
                check_note_max(table, cell, text, name, spec.max, problems)
            continue
        if cell.column in own or {spelling_key(text), spelling_key(name), spelling_key(_NOTE_RE.sub("", text))} & ignored:
            continue
        if name != text:  # mapped by columns to a name the scheme does not have
            problems.add(table.file, row, column_letter(cell.column), "unknown-column",
                         f"columns 把「{text}」对应到「{name}」，但方案中没有「{name}」这一列（方案的列：{'、'.join(known)}）；请改正 agency.yaml 或方案中的 columns。",
                         where=where(table, row, cell.column, text), sheet=table.sheet)
            continue
        problems.add(table.file, row, column_letter(cell.column), "unknown-column",
                     _unknown_words(text, known, computed or {}) + hidden_column_words(table, cell.column),
                     where=where(table, row, cell.column, text), sheet=table.sheet)
    absent = options.absent_in(None)  # the caller gives the options of one period (SheetOptions.for_period)
    for name in sorted(absent & set(header.columns) & set(specs)):
        column = header.columns[name]
        problems.add(table.file, header.row, column_letter(column), "absent-column-present",
                     f"absent_columns 写了「{name}」（本单位不记录，按全部为空处理），但这张表有「{name}」列，按表中的值读取。"
                     f"若本单位记录这一项，请从 agency.yaml 或方案 sheet 的 absent_columns 中删去「{name}」"
                     f"（只在某几期不记录的，写成 {{{name}: [2025-Q1]}} 的形式）；若这一列不该读取，请删去这一列。",
                     Severity.WARNING, where=where(table, header.row, column, name), sheet=table.sheet)
    flagged = _flag_targets(plan, options) if flags and flags in header.columns else set()
    post, unit = people_columns
    for name, spec in specs.items():
        if name in header.columns or name in absent or name in flagged:
            continue
        who = readers.get(name, [])
        if not spec.required and not who and name not in (post, unit):
            continue  # a declared input nothing reads
        used = f"方案中读取这一列的有：{'、'.join(who)}。" if who else ""
        optional = "" if spec.required else "若本单位确实不记录这一项（所有人都按空值计），在 agency.yaml 的 absent_columns 中写明。"
        problems.add(table.file, header.row, None, "missing-column",
                     f"缺少「{name}」列。{used}请在表头加上这一列（列名与方案一致，或在 agency.yaml 的 columns 中对应）。{optional}",
                     where=where(table, header.row) + f" › 缺「{name}」列", sheet=table.sheet, subject=name)


def _flag_targets(plan: ColumnPlan, options: SheetOptions) -> set[str]:
    """The yes/no columns a flags column may set."""
    return {s.name for s in plan.all() if s.type == "yesno"}


def flag_words(plan: ColumnPlan, options: SheetOptions) -> dict[str, str]:
    """Word written in a flags cell → the yes/no column it sets."""
    words = {name: name for name in _flag_targets(plan, options)}
    if options.flags:
        words.update({k: v for k, v in options.flags.map.items() if v in words.values()})
    return words


def report_headless_cells(table: Table, header: Header, people_rows: list[list[Cell]], problems: Problems) -> None:
    """Every column of a sheet is accounted for, the ones without a header too: a value in a column
    whose header is empty is never read, so it is an error. In a CSV it is most often a row shifted
    by an unquoted comma (1,000 or 张三,李四), whose other values may all still look valid. One
    problem per column, at the first row that has a value there."""
    headed = {cell.column for cell, _ in header.cells}
    width = max(headed, default=0)
    gaps = [column for column in range(1, width + 1) if column not in headed]  # usually none
    found: dict[int, list[Cell]] = {}
    for cells in people_rows:  # a row's cells are positional: cells[i] is column i + 1
        if not gaps and len(cells) <= width:
            continue  # the usual row: every cell under a header
        for cell in [cells[c - 1] for c in gaps if c <= len(cells)] + cells[width:]:
            if cell.value.strip():
                found.setdefault(cell.column, []).append(cell)
    for column, cells in sorted(found.items()):
        numbered = row_numbers(cells, len(people_rows)) if column == 1 else None
        if numbered:
            continue  # a program's row numbers (pandas' index): a 序号 column without its header
        first = cells[0]
        shown = first.value.strip()
        shown = clip(shown)
        if len(cells) == 1:
            found_words = f"第 {first.row} 行却在这一列有内容「{shown}」"
        else:
            rows = "、".join(str(c.row) for c in cells[:5]) + (f" 等 {len(cells)} 行" if len(cells) > 5 else " 行")
            found_words = f"第 {rows}却在这一列有内容（第 {first.row} 行为「{shown}」）"
        merged = merged_heading(table, column, range(header.row - 1, header.row + 1)) if table.merged else None
        why = (f"{merged}。是一项的两部分的（如 事由 | 分值），合成一列按方案的写法填写（如 表彰:2）；是两项的，给每一列写上方案中的列名" if merged else
               "这一列像是导出程序带上的行号（如 pandas 的 index），顺序却与人员的行不符：给这一列加上表头「序号」（不读取），或删去这一列"
               if numbered is False else
               "若是 CSV，多半是该行某个单元格里有逗号（如 1,000 或 张三,李四），把后面的内容错开了一列：请检查该行，"
               "含逗号的单元格须用英文双引号括起（在 Excel 中另存为 CSV 会自动处理）；若是备注，请给这一列加上表头（如「备注」）")
        problems.add(table.file, first.row, column_letter(column), "cell-without-header",
                     f"{column_letter(column)}列没有表头，{found_words}，这些内容不会被读取。{why}。", where=where(table, first.row, column), sheet=table.sheet)
