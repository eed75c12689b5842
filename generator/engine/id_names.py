"""One ID, one person: the same ID under another name in another period of a scheme, or written with
other capitals (…123x and …123X).

IDs join a person's periods (a yearly roll-up averages the quarters filed under one ID; the person's
pages list them). A mistyped ID gives someone else's quarter to the person it names, and the sheet
itself cannot show it: only the name, compared across periods, does. Within one year, whose
periods a roll-up reads together, a different name is an error; across years (a name corrected
since, a person renamed) a warning, for the office to confirm.
"""

from __future__ import annotations

from collections import defaultdict
from operator import attrgetter

from generator.core.problems import Problems, Severity
from generator.core.spelling import NAME_DOTS, name_key, spelling_key
from generator.engine.results import PeriodResult
from generator.scheme.periods import chronological_order
from generator.sheets.identity_cells import STATUS_WORDS, name_and_note
from generator.sheets.rows import place_letter

_ROLLED_UP = "（由各期汇总）"  # a roll-up without a sheet of its own: its names are its periods'
_ID_NAME = attrgetter("person.id", "person.name")


def report_id_names(periods: list[PeriodResult], problems: Problems) -> None:
    groups: dict[tuple[str, str], list[PeriodResult]] = defaultdict(list)
    for period in periods:
        if period.files and not period.files[0].endswith(_ROLLED_UP):
            groups[(period.agency, period.scheme.code)].append(period)
    for group in groups.values():
        group.sort(key=lambda p: (p.year, chronological_order(p.label)))
        suspects = _suspects(group)
        if suspects:
            _walk(group, suspects, problems)


def _suspects(group: list[PeriodResult]) -> set[str]:
    """The IDs that can be reported at all: one under two names (an empty one included) somewhere in
    the group's periods, or one sharing its capitals (…X / …x) with another. Found over the distinct
    (ID, name) pairs of the whole group, in C (sets of tuples, str.upper over each distinct ID once):
    a city's archive is 200,000 results of a few thousand people, and most groups have no suspect."""
    pairs: set[tuple[str, str]] = set()
    for period in group:
        pairs.update(map(_ID_NAME, period.people))
    ids = {pid for pid, _ in pairs}
    suspects: set[str] = set()
    if len(ids) != len(pairs):  # an ID under two names
        seen: dict[str, str] = {}
        for pid, name in pairs:
            if seen.setdefault(pid, name) != name:
                suspects.add(pid)
    if len(set(map(str.upper, ids))) != len(ids):  # two IDs alike but for capitals
        spelled: dict[str, list[str]] = defaultdict(list)
        for pid in ids:
            spelled[pid.upper()].append(pid)
        suspects.update(pid for alike in spelled.values() if len(alike) > 1 for pid in alike)
    return suspects


def _walk(group: list[PeriodResult], suspects: set[str], problems: Problems) -> None:
    """Every result of a suspect ID, periods in order, as the whole archive was walked before: the
    other IDs report nothing and share no key (ID, upper-cased ID) with a suspect, so the problems
    and their order are the same."""
    first: dict[str, tuple[str, PeriodResult]] = {}  # ID → (name, the period it was first seen in), years in order
    spelled: dict[str, tuple[str, PeriodResult]] = {}  # an ID with letters, upper-cased → (as first written, where)
    year = None
    for period in group:
        if period.year != year:  # a new year: within it, its own first name is what counts
            year, this_year = period.year, {}
        for result in period.people:
            person = result.person
            if person.id not in suspects:
                continue
            if not person.id.isdigit() and (upper := person.id.upper()) != person.id.lower():
                written = spelled.setdefault(upper, (person.id, period))
                if written[0] != person.id:
                    _report_case(period, person, *written, problems)
            if not person.name:
                continue  # an empty name is reported where it is read
            seen = this_year.get(person.id)
            if seen is None:
                this_year[person.id] = (person.name, period)
                seen = first.setdefault(person.id, (person.name, period))
            if seen[0] != person.name:
                _report(period, person, *seen, problems)


def _report(period: PeriodResult, person, name: str, where_first: PeriodResult, problems: Problems) -> None:
    id_name, name_column = period.scheme.people.id, period.scheme.people.name
    same_year = where_first.year == period.year
    written = _written_apart(person.name, name, where_first.period_name)
    if written is not None:  # one name typed two ways: one person, each period's pages print its own writing
        problems.add(period.files[0], person.row, place_letter(person.places, name_column), "id-name-mismatch",
                     f"{id_name}「{person.id}」在本期写作「{person.name}」，在{where_first.period_name}（{where_first.files[0]}）写作「{name}」，"
                     f"是同一人，只是{written}。各期的公示和页面会照各自的写法印出姓名；请在各期成绩表中统一写成同一种写法。",
                     Severity.WARNING, where=person.places.get(name_column, ""))
        return
    message = (f"{id_name}「{person.id}」在本期是「{person.name}」，在{where_first.period_name}（{where_first.files[0]}）是「{name}」。"
               + ("同一年的各期按编号合并计算（如年度平均分）：若编号填错，两个人的成绩会被算到一起。"
                  "请核对编号；确系同一人改名的，在当年各期成绩表中统一写现用名。" if same_year else
                  "若编号填错，此人的历年记录会与另一人混在一起；请核对编号。确系同一人改名的，可忽略此提示。"))
    problems.add(period.files[0], person.row, place_letter(person.places, name_column), "id-name-mismatch", message,
                 Severity.ERROR if same_year else Severity.WARNING, where=person.places.get(name_column, ""))


def _report_case(period: PeriodResult, person, written: str, where_first: PeriodResult, problems: Problems) -> None:
    """The same ID written with other capitals (身份证号 …123x in one quarter, …123X in the next): two
    people to Kaohe, whose IDs are compared as written, each with part of the year."""
    id_name = period.scheme.people.id
    problems.add(period.files[0], person.row, place_letter(person.places, id_name), "id-case-mismatch",
                 f"{id_name}「{person.id}」与{where_first.period_name}（{where_first.files[0]}）的「{written}」只差字母大小写："
                 f"编号按写法比较，这会被当作两个人，各自只有一部分考核期（年度汇总、个人页面都会分开）。"
                 f"请在各期成绩表中统一写成同一种写法（如「{written}」）。",
                 where=person.places.get(id_name, ""))


def _written_apart(name: str, other: str, other_period: str) -> str | None:
    """What two writings of one person's name differ in (widths and blanks, the separator dot of 阿不都·热合曼,
    a note after the name), or None when they are two names. Only asked of an ID reported under two names."""
    if spelling_key(name) == spelling_key(other):
        return "全角、半角或空格不同"
    if name_key(name) == name_key(other):
        dots = [("是" + "、".join(f"「{c}」（U+{ord(c):04X}）" for c in dict.fromkeys(n) if c in NAME_DOTS)).rstrip("是") or "没有间隔号"
                for n in (name, other)]
        return f"名字中间的间隔号不同：本期{dots[0]}，{other_period}{dots[1]}（标准的间隔号是「·」，中文输入法下按 ` 键输入）"
    (bare, note), (other_bare, other_note) = name_and_note(name), name_and_note(other)
    if bool(note) != bool(other_note) and name_key(bare) == name_key(other_bare):  # 张伟（大） and 张伟（小）: two people
        return f"一种写法在姓名后多了说明「{note or other_note}」（说明请写在备注列）"
    short, long = sorted((name, other), key=len)
    if len(long) > len(short) + 1 and long.startswith(short) and long[len(short):].startswith(STATUS_WORDS):  # 王五 借调 read as 王五借调
        return f"一种写法在姓名后多了说明「{long[len(short):]}」（说明请写在备注列）"
    return None
