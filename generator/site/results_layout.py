"""Which internal results page shows a person's row: the period's page, or one page per department.

A results row carries one cell per item, up to 800 bytes of HTML; a city's period of 4,000 people
on one page (then with every derivation inline) was 7.1 MB and took mkdocs a second. Above
SPLIT_THRESHOLD people the period page shows a per-department summary and each department's rows
get their own page. Person pages, department summaries and the results pages all ask here, so
their links agree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace

from generator.engine.results import PeriodResult, PersonResult
from generator.project.model import Agency
from generator.site.model import SiteContext

# The page budget is 100 KB of HTML. The widest seed scheme (s003-p2, 25 item columns) makes about
# 760 bytes per row and the theme about 14 KB per page, so 80 rows stay near 75 KB with room for
# long 说明. Every demo period (30 people at most) stays one page. A department page is not split
# further: the city fixture's largest department has 74 people in a period (a 72 KB page).
SPLIT_THRESHOLD = 80


def is_split(period: PeriodResult) -> bool:
    return len(period.people) > SPLIT_THRESHOLD


def results_page_of(ctx: SiteContext, period: PeriodResult, department: str) -> str:
    """The docs path of the page that holds the rows of `department` in `period`."""
    if is_split(period):
        return ctx.results_department_path(period, department)
    return ctx.results_path(period)


def counted_grade(person: PersonResult) -> str:
    """The column a person is counted in: the grade, or the status (免考核, 并列待定…) instead."""
    return person.grade if person.status == "graded" and person.grade else person.shown_grade


def grade_columns(period: PeriodResult, people: list[PersonResult]) -> list[str]:
    """The scheme's grades in order, then the statuses that occur, so summary columns line up."""
    order = list(period.assessment.grades.order) if period.assessment.grades else []
    return order + sorted({counted_grade(p) for p in people} - set(order))


def by_department(period: PeriodResult, agency: Agency | None) -> list[tuple[str, list[PersonResult]]]:
    """The period's people grouped by department, in the agency's order, then any others by name;
    each group sorted by ID like the period's table."""
    groups: dict[str, list[PersonResult]] = defaultdict(list)
    for person in sorted(period.people, key=lambda p: p.id):
        groups[person.person.department].append(person)
    listed = list(agency.departments) if agency else []
    order = [d for d in listed if d in groups] + sorted(d for d in groups if d not in listed)
    return [(department, groups[department]) for department in order]


# kaohe.css left-aligns a results table's text columns by the table's data-text, for places 1 to this
# on screen; a text cell further right carries class="t" (results_rows.py).
TEXT_COLUMNS_IN_CSS = 40
# A header longer than this (艰苦奋斗勤俭节约情况 is 10) wraps in a wider column: at the narrowest width an
# item's column has, it stood two characters a line, a 26-character item name twelve lines over the rows.
LONG_HEADER = 8
DEPARTMENT = 2  # the department's column in a results table (pages_internal.results_table): ID, name, department…


@dataclass(frozen=True)
class ShownColumns:
    """How a results table shows its columns on screen (downloads keep the table's own order): the
    name, 总分 and 等次 first, then ID, department (and post), the items and 说明; the grade column
    sorts by the scheme's grade order, department and grade get exact-value filters."""

    order: tuple[int, ...]
    grade: int
    facets: frozenset[int]
    grades: tuple[str, ...]  # the scheme's grades, best first

    def is_text(self, i: int, number_columns: frozenset[int]) -> bool:
        """Whether column i's cells are text (left-aligned): the grade's and every column that is not a
        number column; not the name's, which kaohe.css knows as the first."""
        return (i not in number_columns or i == self.grade) and i != 1

    def text_places(self, number_columns: frozenset[int]) -> tuple[int, ...]:
        """The places on screen (1 for the first column) of the text columns up to TEXT_COLUMNS_IN_CSS,
        for the table's data-text; a text cell further right is marked itself (results_rows.py)."""
        return tuple(n for n, i in enumerate(self.order, start=1) if self.is_text(i, number_columns) and n <= TEXT_COLUMNS_IN_CSS)

    def long_header(self, text: str) -> bool:
        """Whether a header is long enough to head a wider column on screen (th.kaohe-long, kaohe.css)."""
        return len(text) > LONG_HEADER

    def grade_order(self) -> str:
        """The scheme's grades, best first, as JSON: the grade column's header carries it (data-ranks)
        and kaohe.js ranks each grade cell from it: 1 for the best, statuses (免考核, 并列待定…) after
        every grade. A rank on every cell was 3 MB of a city's results pages."""
        return json.dumps(list(self.grades), ensure_ascii=False)

    def without_department(self) -> ShownColumns:
        """For one department's page: its department column would say the page's title in every row
        (and filter nothing). 35 bytes a row, 7 MB of a city's internal edition."""
        return replace(self, order=tuple(i for i in self.order if i != DEPARTMENT), facets=self.facets - {DEPARTMENT})


def shown_columns(period: PeriodResult, n_headers: int, has_post: bool) -> ShownColumns:
    total, grade, note = n_headers - 3, n_headers - 2, n_headers - 1
    people = [0, DEPARTMENT] + ([3] if has_post else [])
    items = list(range(len(people) + 1, total))
    order = tuple([1, total, grade] + people + items + [note])
    grades = list(period.assessment.grades.order) if period.assessment.grades else []
    return ShownColumns(order, grade, frozenset({DEPARTMENT, grade}), tuple(grades))
