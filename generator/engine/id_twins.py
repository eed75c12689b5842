"""One person under two IDs within a year, or from one year to the next: the same name in the same department under one ID in some
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
from operator import attrgetter

from generator.core.problems import Problems, Severity
from generator.engine.results import PeriodResult
from generator.sheets.rows import place_letter

_ROLLED_UP = "（由各期汇总）"  # a roll-up without a sheet of its own: its people are its periods'
_ID = attrgetter("person.id")


def report_id_twins(periods: list[PeriodResult], problems: Problems) -> None:
    years: dict[tuple[str, str, int], list[PeriodResult]] = defaultdict(list)
    for period in periods:
        if period.files and not period.files[0].endswith(_ROLLED_UP):
            years[(period.agency, period.scheme.code, period.year)].append(period)
    of_years: dict[tuple[str, str, int, str], _Names] = {}  # each year's names, merged across years after
    for (agency, scheme, year), group in years.items():
        by_assessment: dict[str, list[PeriodResult]] = defaultdict(list)
        for period in group:
            by_assessment[period.assessment.code].append(period)
        for code, same in by_assessment.items():
            same.sort(key=_in_year)
            names = of_years[(agency, scheme, year, code)] = _Names(same)
            _across_periods(same, names, problems)
            rolled_up = [p for p in group if code in _rolled_up_codes(p)]  # a year of quarters made of months too
            for year_period in rolled_up:
                _year_sheet(year_period, names, problems)
    _across_years(years, of_years, problems)


def _in_year(period: PeriodResult) -> int:
    order = period.assessment.period_labels
    return order.index(period.label) if period.label in order else len(order)


def _across_years(years: dict[tuple[str, str, int], list[PeriodResult]], of_years: dict[tuple[str, str, int, str], _Names],
                  problems: Problems) -> None:
    """An ID that stops at a year's end where another of the same name and department starts the next
    year: within a year each is reported by _across_periods; across years the person's page shows two
    people's histories, and a condition over years (连续三年优秀) counts each apart."""
    runs: dict[tuple[str, str, str], list[PeriodResult]] = defaultdict(list)
    for (agency, scheme, _), group in years.items():
        for period in group:
            runs[(agency, scheme, period.assessment.code)].append(period)
    for (agency, scheme, code), periods in runs.items():
        if len({p.year for p in periods}) < 2:
            continue
        periods.sort(key=lambda p: (p.year, _in_year(p)))
        names = _Names.merged(periods, [of_years[(agency, scheme, year, code)] for year in sorted({p.year for p in periods})])
        for (name, department), ids in names.several.items():
            spans = sorted(ids.items(), key=lambda item: periods.index(item[1][0]))
            for (first_id, first_in), (later_id, later_in) in zip(spans, spans[1:]):
                if (first_in[-1].year == later_in[0].year or {id(p) for p in first_in} & {id(p) for p in later_in}
                        or _spelled_alike(first_id, later_id)):
                    continue  # within a year (reported there), side by side (two people), or one ID written two ways
                where = later_in[0]
                _report(where, _person(where, (name, department), later_id), name, department, first_id, _span_words(first_in),
                        later_id, _span_words(later_in), problems,
                        f"一个编号到 {first_in[-1].year} 年为止，另一个从 {later_in[0].year} 年开始，两个编号从未在同一期出现；"
                        "个人页面上的历年结果会分成两个人，跨年的条件（如连续三年优秀）也按两个人计算")


def _span_words(periods: list[PeriodResult]) -> str:
    """2024年第三季度至2024年第四季度: where an ID is, across years."""
    first, last = periods[0], periods[-1]
    return first.period_name if first is last else f"{first.period_name}至{last.period_name}"


class _Names:
    """The names of a year's periods of one assessment: each (name, department) with the first ID it
    has, the IDs seen at all, and — only for a name under two IDs or more, rare — the periods (in
    order) each of its IDs is in. One pass over a city's 4,000 people a period; the rare names then
    cost what they cost."""

    def __init__(self, periods: list[PeriodResult], parts: list[_Names] | None = None):
        self.periods = periods
        if parts is not None:
            self._merge(parts)
            return
        first: dict[tuple[str, str], str] = {}
        self.ids: set[str] = set().union(*(period.by_id() for period in periods))  # the periods' own ID indexes, in C
        multi: set[tuple[str, str]] = set()
        for period in periods:
            for result in period.people:
                person = result.person
                if person.name and first.setdefault(key := (person.name, person.department), person.id) != person.id:
                    multi.add(key)
        self.first, self.multi = first, multi
        self.several = self._periods_of(multi)

    @classmethod
    def merged(cls, periods: list[PeriodResult], parts: list[_Names]) -> _Names:
        """The names of `periods` from those of its parts (each year's, in order, together its periods):
        the same as walking every person again, for the cost of the years' distinct names."""
        return cls(periods, parts)

    def _merge(self, parts: list[_Names]) -> None:
        first: dict[tuple[str, str], str] = {}
        multi: set[tuple[str, str]] = set().union(*(part.multi for part in parts))  # two IDs within a year
        for part in parts:  # or a name's first ID in one year other than in an earlier one
            for key, pid in part.first.items():
                if first.setdefault(key, pid) != pid:
                    multi.add(key)
        self.ids = set().union(*(part.ids for part in parts))
        self.first, self.multi = first, multi
        self.several = self._periods_of(multi)

    def _periods_of(self, keys: set[tuple[str, str]]) -> dict[tuple[str, str], dict[str, list[PeriodResult]]]:
        """(name, department) → ID → the periods (in order) where that name has that ID, for `keys`."""
        found: dict[tuple[str, str], dict[str, list[PeriodResult]]] = defaultdict(lambda: defaultdict(list))
        if keys:
            for period in self.periods:
                for result in period.people:
                    person = result.person
                    if person.name and (key := (person.name, person.department)) in keys:
                        where = found[key][person.id]
                        if not where or where[-1] is not period:
                            where.append(period)
        return found

    def of(self, key: tuple[str, str]) -> dict[str, list[PeriodResult]]:
        """ID → periods of one name (empty: no period has that name)."""
        if key in self.several:
            return self.several[key]
        return self._periods_of({key}).get(key, {}) if key in self.first else {}


def _person(period: PeriodResult, key: tuple[str, str], pid: str):
    return next(r.person for r in period.people if r.person.id == pid and (r.person.name, r.person.department) == key)


def _across_periods(periods: list[PeriodResult], names: _Names, problems: Problems) -> None:
    """Two IDs of one name and department in periods that never overlap: one stops where the other starts."""
    for (name, department), ids in names.several.items():
        spans = sorted(ids.items(), key=lambda item: periods.index(item[1][0]))
        for (first_id, first_in), (later_id, later_in) in zip(spans, spans[1:]):
            if {id(p) for p in first_in} & {id(p) for p in later_in} or _spelled_alike(first_id, later_id):
                continue  # side by side in one period: two people; or one ID written two ways (reported as such)
            where = later_in[0]
            person = _person(where, (name, department), later_id)
            _report(where, person, name, department, first_id, _periods_words(first_in), later_id, _periods_words(later_in), problems,
                    "一个编号停在某一期，另一个编号在其后开始，两个编号从未在同一期出现")


def _rolled_up_codes(period: PeriodResult) -> set[str]:
    """The assessments a period rolls up, through every level (年度 → 季度 → 月度)."""
    codes: set[str] = set()
    assessment = period.assessment
    while assessment is not None and assessment.rolls_up and assessment.rolls_up not in codes:
        codes.add(assessment.rolls_up)
        assessment = period.scheme.assessment(assessment.rolls_up)
    return codes


def _year_sheet(year: PeriodResult, names: _Names, problems: Problems) -> None:
    """The year sheet's ID of a name that no period has, while that name's period ID is missing from it."""
    if names.ids.issuperset(map(_ID, year.people)):
        return  # every ID of the year sheet is in a period (the plain case, tested in C)
    year_ids = {r.id for r in year.people}
    for result in year.people:
        person = result.person
        pid, key = person.id, (person.name, person.department)
        if not person.name or pid in names.ids:
            continue
        missing = [(other, where) for other, where in names.of(key).items() if other not in year_ids and not _spelled_alike(other, pid)]
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
                 f"是同一人的，请在各期成绩表中统一写同一个{id_name}；确是同名的两个人，可忽略此提示。",
                 Severity.WARNING, where=person.places.get(id_name, ""))
