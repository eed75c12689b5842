"""The office's own 总分, 等次 and 名次 columns, and its subtotals of items (德 summed from its children),
compared with what Kaohe computed (sheets/own_columns.py).

Why a differing 总分 or subtotal is an error and a differing 等次 or 名次 only a warning:

- 总分 does not depend on when it was written: the items are in the same sheet, and the office's
  formula and the scheme's rules compute from the same cells. A difference (after rounding the
  office's value 四舍五入 at the scheme's places: a cell holding 89.456 and shown as 89.46 agrees with
  89.46) means the scheme's encoding or the office's formula is wrong, and either way the 公示 would
  print a total someone disputes. It stops the 公示 until one of them is corrected.
- 等次 is often filled before the quotas are applied and the committee decides, so a difference may be
  legitimate; the HR officer still needs each one named with Kaohe's grade (and the grade of the
  score bands, when a quota, a decision or a rule changed it) before the list goes out.
- 名次 follows from the totals (a wrong total is already an error); left alone it is a sorting or
  formula slip (=RANK(E3,E3:E30) without $, whose range slides down the rows). Ranks are compared
  with the ranking that explains most of the column: the whole sheet or each department, equal totals
  sharing a place (1、2、2、4 or 1、2、2、3).
"""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

from generator.core.numbers import NotANumber, fmt, fmt_at_most, parse_decimal, places_of, round_half_up
from generator.core.problems import Problem, Problems, Severity, clip
from generator.engine.grade import PersonGrader
from generator.engine.ranks import ranks
from generator.engine.results import PeriodResult, PersonResult
from generator.scheme.item_places import rule_places
from generator.scheme.model import Item
from generator.sheets.id_cells import is_error_value
from generator.sheets.own_columns import OwnCell
from generator.sheets.tables import column_letter


def check_office_columns(period: PeriodResult, shown: str, problems: Problems) -> None:
    """Every person's own 总分 and 等次 cell against Kaohe's, then each 名次 column against the totals."""
    rank_columns: dict[int, list[tuple[PersonResult, OwnCell]]] = {}
    items: dict[str, Item] = {}  # name → item of this assessment and the scheme's posts (the first of a name)
    for item in [*period.assessment.walk(), *(i for post in period.scheme.posts for top in post.items for i in top.walk())]:
        items.setdefault(item.name, item)
    # 合计 | 加分 | 扣分 | 总分: of two total columns, the one to the left may be the sum before the adjustments;
    # the rightmost is the total
    final = max((c.column for p in period.people[:1] for c in p.person.own if c.kind == "total"), default=0)
    # a row with an error already (a bonus written so that only part of it counts …): a differing total follows from it
    errors_at: dict[int, Problem] = {}
    if final or any(c.kind.startswith("item:") for p in period.people[:1] for c in p.person.own):
        for problem in problems.items:
            if problem.file == shown and problem.line is not None and problem.severity is Severity.ERROR:
                errors_at.setdefault(problem.line, problem)
    for person in period.people:
        for cell in person.person.own:
            if cell.cell_kind == "f":
                problems.follow_from(shown)  # a formula without a result (formula-without-value): nothing to compare
            elif cell.kind == "total":
                _check_total(period, person, cell, shown, problems, cell.column != final, errors_at.get(person.person.row))
            elif cell.kind.startswith("item:"):
                _check_item(period, person, cell, shown, problems, items, errors_at.get(person.person.row))
            elif cell.kind == "grade":
                _check_grade(period, person, cell, shown, problems)
            else:
                rank_columns.setdefault(cell.column, []).append((person, cell))
    for entries in rank_columns.values():
        _check_ranks(entries, shown, problems, period.assessment.places)


def _where(person: PersonResult, cell: OwnCell, shown: str) -> str:
    row_place = getattr(person.person.places, "row_place", None) or f"{shown} › 第{person.person.row}行"
    return f"{row_place} › {column_letter(cell.column)}列「{cell.header}」"


def _add(problems: Problems, shown: str, person: PersonResult, cell: OwnCell, code: str, message: str,
         severity: Severity = Severity.ERROR) -> None:
    problems.add(shown, person.person.row, column_letter(cell.column), code, message, severity,
                 where=_where(person, cell, shown), sheet=cell.sheet)


def _check_total(period: PeriodResult, person: PersonResult, cell: OwnCell, shown: str, problems: Problems, subtotal: bool,
                 cause: Problem | None) -> None:
    total, places = person.total, period.assessment.places
    if total is None or not cell.text:
        return  # Kaohe has no total (a problem of the row says why), or the office left it blank: nothing to compare
    value = _number(person, cell, "总分", fmt(total, places), shown, problems)
    if value is None or round_half_up(value, places) == total:
        return
    before = _before_adjustments(period, person)
    if subtotal and before is not None and round_half_up(value, places) == round_half_up(before, places):
        return  # the sum before 加减分 beside the total (合计 | 加分 | 总分): the total is compared in its own column
    if cause is not None:
        problems.follow_from(cause)
        return
    who = f"{person.person.name}（{person.id}）"
    _add(problems, shown, person, cell, "office-total-differs",
         f"{who}：本单位的总分列「{cell.header}」是 {fmt(value)}，Kaohe 按方案算出的总分是 {fmt(total, places)}"
         f"（方案规定四舍五入保留 {places} 位小数）。{_total_hint(person, value, places, period)}"
         "总分不一致，公示的分数和等次就可能不对：请核对此人的各项分数、本单位表格的公式（求和范围是否漏了列、加减分是否计入）"
         f"和方案的计分规则，改正错的一方后再公示；Kaohe 的计算过程见 kaohe explain {period.scheme.code} {period.year}-{period.label} {person.id}。")


def _number(person: PersonResult, cell: OwnCell, what: str, kaohe: str, shown: str, problems: Problems) -> Decimal | None:
    """The office's number in `cell`, or None with the problem reported: an error value, a percentage
    or a date, text. `what`: 总分 or an item's name; `kaohe`: Kaohe's value as shown."""
    text = cell.text
    unreadable = f"{person.person.name}（{person.id}）：本单位的「{cell.header}」列"
    against = f"无法与 Kaohe 按方案算出的{what} {kaohe} 核对"
    if is_error_value(text):
        _add(problems, shown, person, cell, "office-total-unreadable",
             f"{unreadable}是错误值 {text}：本单位表格的公式出错了，{against}。"
             "请改正这一列的公式（常见原因：引用的单元格被删除、求和范围里有文字），或删去这一列。")
        return None
    if cell.cell_kind[:1] in ("p", "d"):
        how = "百分比" if cell.cell_kind[:1] == "p" else "日期"
        _add(problems, shown, person, cell, "office-total-unreadable",
             f"{unreadable}是{how}格式（存的是 {text}），{against}。请把这一列的单元格格式改为「常规」或「数值」后保存。")
        return None
    try:
        return parse_decimal(text.removesuffix("分"))  # 92分: the office's own column, written with its unit
    except NotANumber:
        _add(problems, shown, person, cell, "office-total-unreadable",
             f"{unreadable}是「{clip(text)}」，不是分数，{against}。"
             "这一列只填分数（等次填在等次列）；若这一列另有含义，请改用别的列名，或写入 agency.yaml 的 ignore_columns。")
        return None


def _check_item(period: PeriodResult, person: PersonResult, cell: OwnCell, shown: str, problems: Problems, items: dict[str, Item],
                cause: Problem | None) -> None:
    """The office's subtotal of an item that is no column (德 summed from its children): compared at the
    item's places when it declares them, else at as many decimals as the office's number holds (its
    rounding for display is not a difference; the total, compared strictly, is what is published)."""
    item = items.get(cell.kind[5:])
    if item is None or not cell.text:
        return  # an item of another assessment of the scheme, or nothing written
    kaohe = person.item_value_map().get(item.code)
    if kaohe is None:
        return  # not this person's item (another post's), or not computed (a problem of the row says why)
    places = item.places if item.places is not None else rule_places(item)
    value = _number(person, cell, f"「{item.name}」", fmt_at_most(kaohe, places if places is not None else 4), shown, problems)
    if value is None:
        return
    same = round_half_up(value, places) == kaohe if places is not None else round_half_up(kaohe, places_of(value.normalize())) == value
    if same or cause is not None:
        if not same:
            problems.follow_from(cause)  # type: ignore[arg-type]
        return
    kept = f"（方案规定四舍五入保留 {places} 位小数）" if places is not None else ""
    _add(problems, shown, person, cell, "office-item-differs",
         f"{person.person.name}（{person.id}）：本单位的「{cell.header}」列是 {fmt(value)}，Kaohe 按方案算出的「{item.name}」是 "
         f"{fmt_at_most(kaohe, places if places is not None else 4)}{kept}。"
         "请核对此人这一项的各个分数、本单位表格里这一列的公式和方案中这一项的计分规则，改正错的一方后再公示；"
         f"Kaohe 的计算过程见 kaohe explain {period.scheme.code} {period.year}-{period.label} {person.id}。")


def _before_adjustments(period: PeriodResult, person: PersonResult) -> Decimal | None:
    """The items combined before the assessment's 加减分 (None when it has none, or an item has no value)."""
    if not period.assessment.adjustments:
        return None
    values = person.item_value_map()
    return PersonGrader._combine(period.assessment.combine, period.assessment.items, [values.get(i.code) for i in period.assessment.items])


def _total_hint(person: PersonResult, value: Decimal, places: int, period: PeriodResult) -> str:
    """What the difference looks like: the sum before 加减分, fewer decimals, decimals cut off, a total not capped."""
    raw = person.raw_total
    if raw is None:
        return ""
    before = _before_adjustments(period, person)
    if before is not None and round_half_up(value, places) == round_half_up(before, places):
        return ("本单位的数等于加减分之前的各项合计：若这一列本来就是加减分前的小计，在它右边加上最后的总分列"
                "（总分列有两列时，左边的可以是加减分前的合计），或在 agency.yaml 的 ignore_columns 中写上这一列（不再核对）；"
                "若这一列应是总分，本单位的公式漏计了加减分。")
    for fewer in range(places - 1, -1, -1):
        if round_half_up(raw, fewer) == value:
            return f"本单位的数相当于只保留 {fewer} 位小数，方案规定保留 {places} 位。"
    if raw.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN) == value:
        return "本单位的数像是截去了尾数（ROUNDDOWN、INT 或 TRUNC），方案规定四舍五入。"
    if raw != person.total and round_half_up(raw, places) == value:
        return f"本单位的数是未按总分上限 {fmt(period.assessment.total_max)} 分封顶的分数。"
    return ""


def _check_grade(period: PeriodResult, person: PersonResult, cell: OwnCell, shown: str, problems: Problems) -> None:
    grades = period.assessment.grades
    text = "".join(cell.text.split())
    if grades is None or not text or person.status in ("incomplete", "undecidable"):
        return  # no grades in this assessment, nothing written yet, or no grade Kaohe can name (a problem says why)
    who = f"{person.person.name}（{person.id}）"
    mine = person.grade or person.status_label or grades.no_grade
    if text == mine or (person.grade is None and text in (grades.no_grade, "不确定等次", "不定等次")):
        return
    why = ""
    if person.band_grade and person.band_grade != person.grade and text == person.band_grade:
        why = f"（按分数段是「{person.band_grade}」，经名额、特殊情形或领导小组决定为「{mine}」）"
    if text not in grades.order:
        words = f"本单位的等次列「{cell.header}」写的是「{clip(text)}」，不是方案的等次（{'、'.join(grades.order)}），无法核对；Kaohe 确定的等次是「{mine}」。"
    else:
        words = f"本单位的等次列「{cell.header}」是「{text}」，Kaohe 确定的等次是「{mine}」{why}。"
    _add(problems, shown, person, cell, "office-grade-differs",
         f"{who}：{words}公示按 Kaohe 的等次。若本单位的等次是在名额和领导小组决定之前填的，按 Kaohe 的结果改正即可；"
         "若本单位的等次才是对的，请核对方案的分数段、名额和本期的决定文件（.decisions.csv）。", Severity.WARNING)


_NUMERALS = {c: n for n, c in enumerate("零一二三四五六七八九", start=0)}
_TIE_MARKS = ("（并列）", "(并列)", "并列", "（并）", "(并)")
_NO_RANK = ("", "-", "—", "/", "无")  # not ranked (试用期, 不定等次): nothing to compare, nothing to say


def rank_number(text: str) -> int | None:
    """A place as an office writes it: 3, ３, 第3名, 第三, 十二, 并列2, 2（并列）; None for anything else (² , #REF!, 优)."""
    text = "".join(text.split()).removeprefix("第").removesuffix("名")
    for mark in _TIE_MARKS:
        text = text.removeprefix(mark).removesuffix(mark)
    text = text.removeprefix("第").removesuffix("名")
    if text.isdecimal() and len(text) < 7:  # ３ too; never ² (a digit int() refuses)
        return int(text)
    if not text or len(text) > 3 or any(c not in _NUMERALS and c != "十" for c in text):
        return None
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 and text != "零" else None
    if len(tens) > 1 or len(ones) > 1 or "零" in text or text.count("十") > 1:
        return None
    return (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[ones] if ones else 0)


def _check_ranks(entries: list[tuple[PersonResult, OwnCell]], shown: str, problems: Problems, places_kept: int) -> None:
    stated: dict[str, int] = {}
    unreadable: list[tuple[PersonResult, OwnCell]] = []
    for person, cell in entries:
        place = rank_number(cell.text)
        if place is None and "".join(cell.text.split()) not in _NO_RANK:
            unreadable.append((person, cell))
        elif person.total is not None and place is not None:
            stated[person.id] = place
    if unreadable:
        (first, cell), *_ = unreadable
        quoted = "、".join(f"{p.person.name}（{p.id}）的「{clip(c.text)}」" for p, c in unreadable[:3]) + ("等" if len(unreadable) > 3 else "")
        _add(problems, shown, first, cell, "office-rank-unreadable",
             f"本单位的名次列「{cell.header}」中有 {len(unreadable)} 个单元格不是名次（{quoted}），这些名次没有与 Kaohe 的总分核对。"
             "公式出错（#REF!、#N/A）的改正公式；名次只写数字（如 3、第3名、并列2）；这一列不是名次的，改用别的列名或写入 ignore_columns。",
             Severity.WARNING)
    if not stated:
        return
    candidates = []
    for graded_only in (False, True):  # an office may rank only the people it grades (not 试用期)
        scored = [(p.id, p) for p, _ in entries if p.total is not None and (not graded_only or p.status == "graded")]
        for scope in ("all", "department"):
            groups: dict[str, list] = {}
            for pid, person in scored:
                groups.setdefault("" if scope == "all" else person.person.department, []).append((pid, person))
            for ranking in ("competition", "dense"):
                places: dict[str, int] = {}
                for members in groups.values():
                    places.update(ranks(members, lambda p: p.total, ranking))
                agree = sum(1 for pid, place in stated.items() if places.get(pid) == place)
                candidates.append((agree, scope, places))
    agree, scope, places = max(candidates, key=lambda c: c[0])  # the first of equals: everyone of the sheet, 1、2、2、4
    among = "全表" if scope == "all" else "本部门"
    for person, cell in entries:
        if person.id in stated and person.id in places and places[person.id] != stated[person.id]:
            _add(problems, shown, person, cell, "office-rank-differs",
                 f"{person.person.name}（{person.id}）：本单位的名次列「{cell.header}」是 {stated[person.id]}，"
                 f"按 Kaohe 的总分 {fmt(person.total, places_kept)} 在{among}排是第 {places.get(person.id)} 名（分数相同的名次相同）。"
                 "请核对名次的公式（如 =RANK(E3,$E$3:$E$30)：范围要加 $ 固定，否则往下填充时范围跟着下移）或排序；公示的名次由 Kaohe 按总分排出。",
                 Severity.WARNING)
