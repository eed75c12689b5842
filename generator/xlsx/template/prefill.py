"""People carried over into a new template from the latest earlier results file of the same agency
and scheme (ID, name, department, post and unit; scores stay empty)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.scheme.columns import plan_columns
from generator.scheme.model import Scheme
from generator.xlsx.template.times import period_month


@dataclass(frozen=True)
class Prefill:
    """One person carried over from an earlier period."""

    id: str
    name: str
    department: str = ""
    post: str | None = None
    unit: str | None = None


def _order(year: int, label: str) -> tuple[int, int, int]:
    first, last = period_month(label)
    return (year, last, -first)


def previous_people(project, scheme: Scheme, agency: str, year: int, label: str):
    """People of the latest results file of this agency and scheme before the period, with where from."""
    from generator.core.problems import Problems
    from generator.sheets.header import header_row_test
    from generator.sheets.rows import load_sheet
    from generator.sheets.tables import read_table

    target = _order(year, label)
    earlier = [
        p
        for p in project.periods
        if p.agency == agency and p.scheme == scheme.code and p.results is not None and _order(p.year, p.label) < target
    ]
    for entry in sorted(earlier, key=lambda p: _order(p.year, p.label), reverse=True):
        assessment = scheme.assessment_for_label(entry.label)
        if assessment is None:
            continue
        scratch = Problems()
        office = project.agencies.get(agency)  # the office's own column names (agency.yaml columns)
        options, plan = scheme.sheet.merged(office.sheet if office else None), plan_columns(scheme, assessment)
        table = read_table(entry.results, project.rel(entry.results), scratch, header_row_test(plan, scheme.people.id, options))
        if table is None:
            continue
        sheet = load_sheet(table, scheme, plan, None, scratch, options)
        if sheet is None or not sheet.people:
            continue
        people = [Prefill(p.id, p.name, p.department, p.post, p.unit) for p in sheet.people]
        return people, entry
    return [], None


def _person_value(person: Any, key: str) -> str:
    if isinstance(person, dict):
        value = person.get(key)
    else:
        value = getattr(person, key, None)
    return "" if value is None else str(value)


def write_people(ws: Any, scheme: Scheme, index: dict[str, int], people: Iterable[Any]) -> None:
    """One row per person below the header, as text: `people` are objects or dicts with id, name,
    department, post, unit."""
    cols = scheme.people
    for r, person in enumerate(people, start=2):
        for key, column in (
            ("id", cols.id),
            ("name", cols.name),
            ("department", cols.department),
            ("post", cols.post),
            ("unit", cols.unit),
        ):
            if column and column in index:
                value = _person_value(person, key)
                if value:
                    cell = ws.cell(row=r, column=index[column], value=value)
                    cell.number_format = "@"
