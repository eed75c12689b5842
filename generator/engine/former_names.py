"""A period that names one department by both its names: rows under a former name (agency.yaml
formerly:) in a sheet that also has the name it has now. Most likely some rows were not updated after
the rename. The grades are not affected, but the comparisons follow a department under one name a
period, so the other rows' people silently left its history. A warning at the first such row.

And a department written two ways in one sheet that differ only in blanks and full/half widths (办公室 and
办 公 室, 办公室（党办） and 办公室(党办)): with no departments list in agency.yaml (with one, unknown-department
names the spelling not in it) nothing else catches them,
and they are two departments — the department's summary, a quota by department, its comparisons split.
An error at the first row of the rarer spelling; a warning when each period is consistent but two
periods spell it apart (the department's page and comparisons split; a period's quotas do not).
"""

from __future__ import annotations

from generator.core.problems import Problems, Severity
from generator.core.spelling import spelling_key
from generator.engine.results import PeriodResult
from generator.project.model import Project
from generator.scheme.periods import chronological_order
from generator.sheets.rows import place_letter


def report_former_names_mixed(project: Project, periods: list[PeriodResult], problems: Problems) -> None:
    for period in periods:
        agency = project.agencies.get(period.agency)
        if agency is None or not agency.formerly or not period.files or period.files[0].endswith("（由各期汇总）"):
            continue  # a roll-up without a sheet of its own: its periods' sheets are warned
        present = {person.person.department for person in period.people}
        column = period.scheme.people.department
        for old, now in agency.formerly.items():
            if old not in present or now not in present:
                continue
            first = next(p.person for p in period.people if p.person.department == old)
            count = sum(1 for p in period.people if p.person.department == old)
            problems.add(period.files[0], first.row, place_letter(first.places, column), "department-former-name-mixed",
                         f"本期有 {count} 人的{column}写的是「{old}」，这是「{now}」的旧名称（agency.yaml 的 formerly），"
                         f"而本期的其他人已写「{now}」：多半是改名后这几行没有更新。请改为「{now}」；"
                         f"否则历年对比中「{now}」本期只按其中一个名称计数，另一部分人不计入。",
                         Severity.WARNING, where=first.places.get(column, ""))


def report_departments_spelled_apart(project: Project, periods: list[PeriodResult], problems: Problems) -> None:
    earlier: dict[tuple[str, str], tuple[str, PeriodResult]] = {}  # (agency, key) → its first spelling, and where
    warned: set[tuple[str, str]] = set()
    for period in sorted(periods, key=lambda p: (p.year, chronological_order(p.label))):
        agency = project.agencies.get(period.agency)
        if agency is None or agency.departments or not period.files or period.files[0].endswith("（由各期汇总）"):
            continue  # with a departments list, a spelling not in it is unknown-department already
        spellings: dict[str, dict[str, list]] = {}
        for result in period.people:
            department = result.person.department
            if department:
                key = spelling_key(department)
                spellings.setdefault(key, {}).setdefault(department, []).append(result.person)
        column = period.scheme.people.department
        for key, ways in spellings.items():
            first_way, first_people = max(ways.items(), key=lambda way: len(way[1]))
            before = earlier.setdefault((period.agency, key), (first_way, period))
            if before[0] != first_way and (period.agency, first_way) not in warned:
                warned.add((period.agency, first_way))
                person = first_people[0]
                problems.add(period.files[0], person.row, place_letter(person.places, column), "department-spelled-two-ways",
                             f"{column}「{first_way}」在{before[1].period_name}（{before[1].files[0]}）写作「{before[0]}」，只差空格或全角、半角，"
                             f"却会被当作两个部门：部门页面和历年对比会分成两个。请统一写成同一种写法"
                             "（或在 agency.yaml 的 departments 中列出本单位的部门名单，表中写法不同的会逐个指出）。",
                             Severity.WARNING, where=person.places.get(column, ""))
            if len(ways) < 2:
                continue
            ordered = sorted(ways.items(), key=lambda way: (-len(way[1]), way[1][0].row))  # the commonest first, then by row
            (usual, _), *others = ordered
            for other, people in others:
                first = people[0]
                problems.add(period.files[0], first.row, place_letter(first.places, column), "department-spelled-two-ways",
                             f"本期{column}「{other}」（{len(people)} 人）与「{usual}」（{len(ways[usual])} 人）只差空格或全角、半角，"
                             f"却会被当作两个部门：部门汇总、按部门分配的名额和历年对比都会分成两半。请统一写成「{usual}」"
                             "（或在 agency.yaml 的 departments 中列出本单位的部门名单，表中写法不同的会逐个指出）。",
                             where=first.places.get(column, ""))
