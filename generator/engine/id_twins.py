"""One person under two IDs within a year: the same name in the same department under one ID in some
periods and under another in the others (an ID changed or mistyped from a quarter on), or the year's
own sheet naming them by an ID no period has while their periods' ID is missing from it.

IDs join a person's periods: under two IDs, the year's roll-up grades two people, each with part of
the year (or, from the year sheet, one without any period), and each one's quota base counts twice.
Two different people may share a name and a department; they then appear in the same period side by
side, and are not reported. Warnings (warnings because two such people may also have joined and left
in turn): each names both IDs and where each is.
"""

from __future__ import annotations

from collections import defaultdict

from generator.core.problems import Problems, Severity
from generator.engine.results import PeriodResult
from generator.sheets.rows import place_letter

_ROLLED_UP = "（由各期汇总）"  # a roll-up without a sheet of its own: its people are its periods'


def report_id_twins(periods: list[PeriodResult], problems: Problems) -> None:
    years: dict[tuple[str, str, int], list[PeriodResult]] = defaultdict(list)
    for period in periods:
        if period.files and not period.files[0].endswith(_ROLLED_UP):
            years[(period.agency, period.scheme.code, period.year)].append(period)
    for group in years.values():
        by_assessment: dict[str, list[PeriodResult]] = defaultdict(list)
        for period in group:
            by_assessment[period.assessment.code].append(period)
        for code, same in by_assessment.items():
            order = same[0].assessment.period_labels
            same.sort(key=lambda p: order.index(p.label) if p.label in order else len(order))
            who = [_who(period) for period in same]  # each period's people by name once: a city has 4,000 a period
            seen = _ids_of(same, who)
            _across_periods(same, who, seen, problems)
            rolled_up = [p for p in group if p.assessment.rolls_up == code]
            for year_period in rolled_up:
                _year_sheet(year_period, seen, problems)


def _who(period: PeriodResult) -> dict[tuple[str, str], dict[str, object]]:
    """(name, department) → ID → that person's row, for the people of a period with a name."""
    found: dict[tuple[str, str], dict[str, object]] = defaultdict(dict)
    for result in period.people:
        person = result.person
        if person.name:
            found[(person.name, person.department)][person.id] = person
    return found


def _ids_of(periods: list[PeriodResult], who: list[dict[tuple[str, str], dict[str, object]]]) -> dict[tuple[str, str], dict[str, list[PeriodResult]]]:
    """(name, department) → ID → the periods (in order) where that name has that ID."""
    seen: dict[tuple[str, str], dict[str, list[PeriodResult]]] = defaultdict(lambda: defaultdict(list))
    for period, people in zip(periods, who):
        for key, ids in people.items():
            for pid in ids:
                seen[key][pid].append(period)
    return seen


def _across_periods(periods: list[PeriodResult], who: list, seen: dict[tuple[str, str], dict[str, list[PeriodResult]]],
                    problems: Problems) -> None:
    """Two IDs of one name and department in periods that never overlap: one stops where the other starts."""
    for (name, department), ids in seen.items():
        if len(ids) < 2:
            continue
        spans = sorted(ids.items(), key=lambda item: periods.index(item[1][0]))
        for (first_id, first_in), (later_id, later_in) in zip(spans, spans[1:]):
            if {id(p) for p in first_in} & {id(p) for p in later_in} or _spelled_alike(first_id, later_id):
                continue  # side by side in one period: two people; or one ID written two ways (reported as such)
            where = later_in[0]
            person = who[periods.index(where)][(name, department)][later_id]
            _report(where, person, name, department, first_id, _periods_words(first_in), later_id, _periods_words(later_in), problems,
                    "一个编号停在某一期，另一个编号在其后开始，两个编号从未在同一期出现")


def _year_sheet(year: PeriodResult, in_periods: dict[tuple[str, str], dict[str, list[PeriodResult]]], problems: Problems) -> None:
    """The year sheet's ID of a name that no period has, while that name's period ID is missing from it."""
    known_ids = {pid for ids in in_periods.values() for pid in ids}
    year_ids = {r.id for r in year.people}
    for key, ids in _who(year).items():
        for pid, person in ids.items():
            if pid in known_ids:
                continue
            missing = [(other, where) for other, where in in_periods.get(key, {}).items() if other not in year_ids and not _spelled_alike(other, pid)]
            for other, where in missing:
                _report(year, person, key[0], key[1], other, _periods_words(where), pid, year.period_name, problems,
                        "年度表中的编号在各期都没有，而各期的编号不在年度表中")


def _spelled_alike(one: str, other: str) -> bool:
    """One ID written two ways, each reported on its own: stripped of its zeros (id-lost-zeros: 1 and
    0001) or with other capitals (id-case-mismatch)."""
    return one.lstrip("0").upper() == other.lstrip("0").upper()


def _periods_words(periods: list[PeriodResult]) -> str:
    return "、".join(f"{p.period_name}（{p.files[0]}）" for p in periods)


def _report(period: PeriodResult, person, name: str, department: str, first_id: str, first_where: str, later_id: str, later_where: str,
            problems: Problems, how: str) -> None:
    id_name = period.scheme.people.id
    in_department = f"（{department}）" if department else ""
    problems.add(period.files[0], person.row, place_letter(person.places, id_name), "person-two-ids",
                 f"「{name}」{in_department}在{first_where}的{id_name}是「{first_id}」，在{later_where}是「{later_id}」：{how}，"
                 f"多半是同一人的{id_name}改了或填错了。{id_name}不同就按两个人计算：年度汇总各得一部分考核期，名额的基数也多算一人。"
                 f"是同一人的，请在当年各期成绩表中统一写同一个{id_name}；确是同名的两个人，可忽略此提示。",
                 Severity.WARNING, where=person.places.get(id_name, ""))
