"""A period that names one department by both its names: rows under a former name (agency.yaml
formerly:) in a sheet that also has the name it has now. Most likely some rows were not updated after
the rename. The grades are not affected, but the comparisons follow a department under one name a
period, so the other rows' people silently left its history. A warning at the first such row.
"""

from __future__ import annotations

from generator.core.problems import Problems, Severity
from generator.engine.results import PeriodResult
from generator.project.model import Project
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
