"""Internal edition only: every person's scores and derivations, and one page per person.

These builders are called only when ctx.internal is true (see build.py); a test asserts that the
public edition contains no ID, score or item value.
"""

from __future__ import annotations

from collections import defaultdict

from ..explain import explain_text
from ..numbers import fmt
from ..results import PeriodResult
from .downloads import DataTable, csv_bytes, xlsx_bytes
from .model import Asset, Page, SiteContext, asset_link
from .render import render


def results_table(period: PeriodResult) -> DataTable:
    cols = period.scheme.people
    items = [(i.code, i.name) for i in period.assessment.walk() if not i.by_post]
    headers = [cols.id, cols.name, cols.department] + ([cols.post] if cols.post else []) + [n for _, n in items] + ["总分", "等次", "说明"]
    rows = []
    for person in sorted(period.people, key=lambda p: p.id):
        values = {i.code: i.value for i in person.items}
        row = [person.id, person.person.name, person.person.department] + ([person.person.post or ""] if cols.post else [])
        row += [fmt(values.get(code)) if values.get(code) is not None else "" for code, _ in items]
        row += [fmt(person.total, period.assessment.places) if person.total is not None else "", person.shown_grade, person.reason or ""]
        rows.append(row)
    n_people = 4 if cols.post else 3
    numbers = frozenset(range(n_people, n_people + len(items) + 1))
    return DataTable(f"{period.agency_name}{period.period_name}{period.assessment.name}成绩", headers, rows, frozenset({0}), numbers)


def build_results(ctx: SiteContext) -> tuple[list[Page], list[Asset]]:
    pages, assets = [], []
    index_rows = []
    for period in ctx.periods:
        path = ctx.results_path(period)
        table = results_table(period)
        base = f"downloads/{period.agency}/{period.scheme.code}/{period.year}-{period.label}-成绩"
        assets.append(Asset(base + ".xlsx", xlsx_bytes(table)))
        assets.append(Asset(base + ".csv", csv_bytes(table)))
        explains = {p.id: explain_text(period, p) for p in period.people}
        links = {p.id: ctx.link(path, ctx.person_path(period.agency, p.id)) for p in period.people}
        pages.append(Page(path, render(
            "results.md.j2", p=period, table=table, explains=explains, links=links,
            people=sorted(period.people, key=lambda p: p.id),
            downloads=[("Excel", asset_link(path, base + ".xlsx")), ("CSV", asset_link(path, base + ".csv"))],
            handbook=ctx.link(path, ctx.handbook_path(period.scheme)),
            problems=period.problems,
        )))
        index_rows.append((period, ctx.link("results/index.md", path)))
    pages.append(Page("results/index.md", render("results_index.md.j2", rows=index_rows)))
    return pages, assets


def build_people(ctx: SiteContext) -> list[Page]:
    history: dict[tuple[str, str], list[tuple[PeriodResult, object]]] = defaultdict(list)
    for period in ctx.periods:
        for person in period.people:
            history[(period.agency, person.id)].append((period, person))
    pages = []
    index = []
    for (agency, pid), entries in sorted(history.items()):
        entries.sort(key=lambda e: (e[0].year, e[0].assessment.rolls_up is not None, e[0].label, e[0].scheme.code))
        latest = entries[-1][1]
        path = ctx.person_path(agency, pid)
        pages.append(Page(path, render(
            "person.md.j2", pid=pid, person=latest, agency=ctx.project.agencies[agency], entries=entries,
            explains=[explain_text(per, res) for per, res in entries],
            results_links=[ctx.link(path, ctx.results_path(per)) for per, _ in entries],
        )))
        index.append((latest, ctx.project.agencies[agency].name, ctx.link("people/index.md", path), len(entries)))
    pages.append(Page("people/index.md", render("people_index.md.j2", rows=index)))
    return pages
