"""Internal edition only: every person's scores, one results page per period (the person pages: pages_people.py).

These builders are called only when ctx.internal is true (see build.py); a test asserts that the
public edition contains no ID, score or item value. A person's derivation is shown once, on their
own pages; results tables link each name to the period's address on the person's page. A period with more people
than results_layout.SPLIT_THRESHOLD gets a per-department summary and one page per department.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from generator.core.numbers import fmt, fmt_at_most
from generator.core.parallel import ordered_map, worker_count
from generator.engine.consequences import consequences_of
from generator.engine.explain import item_places
from generator.engine.results import PeriodResult, PersonResult
from generator.site.download_names import period_base, period_title
from generator.site.downloads import DataTable, csv_bytes, xlsx_bytes
from generator.site.model import Asset, Page, SiteContext, asset_link
from generator.site.page_memo import memoized, memoized_on
from generator.site.render import render
from generator.site.results_layout import by_department, counted_grade, grade_columns, is_split, shown_columns
from generator.site.results_rows import rows_html


def _cell(value, shown: int | None, places: int) -> str:
    if value is None:
        return ""
    return fmt(value, shown) if shown is not None else fmt_at_most(value, places).lstrip("≈")


def results_table(period: PeriodResult) -> DataTable:
    cols = period.scheme.people
    # an item's shown places: its own shown_places (an intermediate rate shown to 4 places), else its places
    items = [(i.code, i.name, i.shown_places if i.shown_places is not None else i.places) for i in period.assessment.walk() if not i.by_post]
    headers = [cols.id, cols.name, cols.department] + ([cols.post] if cols.post else []) + [n for _, n, _ in items] + ["总分", "等次", "说明"]
    rows = []
    places = item_places(period)  # no computed value exported with more than its places (a mean of quarters)
    cut = {pid for use in period.quotas if use.cut for pid in use.contenders}
    for person in sorted(period.people, key=lambda p: p.id):
        values = person.item_value_map()
        row = [person.id, person.person.name, person.person.department] + ([person.person.post or ""] if cols.post else [])
        # a number cell in the download: declared shown_places or places pad to their places (0.7312, 90.00); any other
        # value is rounded at its places, without the ≈ of the pages
        row += [_cell(values.get(code), shown, places[code]) for code, _, shown in items]
        row += [fmt(person.total, period.assessment.places) if person.total is not None else "", person.shown_grade, _note(person, cut)]
        rows.append(row)
    n_people = 4 if cols.post else 3
    numbers = frozenset(range(n_people, n_people + len(items) + 1))
    return DataTable(period_title(period, "成绩"), headers, rows, frozenset({0}), numbers, period.assessment.places)


def _note(person, cut: set[str]) -> str:
    """The 说明 of a row: a no-grade's or a decision's reason; else, for a grade other than its band's, what
    moved it (a 95.50 beside 称职 with nothing said reads as a mistake), the derivation saying how."""
    if person.reason or person.status != "graded" or not person.band_grade or person.grade == person.band_grade:
        return person.reason or ""
    if person.id in cut and person.grade != person.band_grade and not person.protected:
        return f"超出名额，由「{person.band_grade}」降为「{person.grade}」，见计算过程"
    return f"按规定由「{person.band_grade}」调整为「{person.grade}」，见计算过程"


# From this many results (people × periods) on, a clean build makes the results pages in worker processes.
WORKERS_FROM_RESULTS = 20_000


def build_results(ctx: SiteContext) -> tuple[list[Page], list[Asset]]:
    pages, assets = [], []
    index_rows = []
    if ctx.memo is None:  # a clean build: in worker processes (parallel.py), a share of the periods each
        workers = worker_count(sum(len(p.people) for p in ctx.periods), WORKERS_FROM_RESULTS)
        made = [part for share in ordered_map(_share_results, ctx, len(ctx.periods), workers) for part in share]
    else:  # corrections come from the period's lock, not its inputs: part of what the pages are built from
        made = [memoized(ctx.memo, ("results", period.key, tuple(period.corrections)), [period], _period_results, ctx, period)
                for period in ctx.periods]
    for period, (period_pages, period_assets) in zip(ctx.periods, made):
        pages += period_pages
        assets += period_assets
        index_rows.append((period, ctx.link("results/index.md", ctx.results_path(period))))
    pages.append(Page("results/index.md", render("results_index.md.j2", rows=index_rows)))
    return pages, assets


def _share_results(ctx: SiteContext, start: int, stop: int) -> list[tuple[list[Page], list[Asset]]]:
    return [_period_results(ctx, period) for period in ctx.periods[start:stop]]


def _period_results(ctx: SiteContext, period: PeriodResult) -> tuple[list[Page], list[Asset]]:
    table = results_table(period)
    base = period_base(period, "成绩")
    assets = [Asset(base + ".xlsx", xlsx_bytes(table)), Asset(base + ".csv", csv_bytes(table))]
    cells = dict(zip((p.id for p in sorted(period.people, key=lambda p: p.id)), table.rows))  # the table's order
    if is_split(period):
        return _split_pages(ctx, period, table, cells, base), assets
    path = ctx.results_path(period)
    people = sorted(period.people, key=lambda p: p.id)
    common = _common(ctx, period, path, table, base)
    rows = _rows(ctx, period, path, people, cells)
    page = Page(path, render("results.md.j2", **common, rows=rows, rows_html=rows_html(rows, table.number_columns, common["shown"]),
                             departments=None, consequences=consequences_of(period)))
    return [page], assets


def _split_pages(ctx: SiteContext, period: PeriodResult, table: DataTable, cells: dict[str, list[str]], base: str) -> list[Page]:
    """The period page with a per-department summary, and one page per department with its rows."""
    path = ctx.results_path(period)
    columns = grade_columns(period, period.people)
    summary, pages = [], []
    for department, members in by_department(period, ctx.project.agencies.get(period.agency)):
        own = ctx.results_department_path(period, department)
        counts = defaultdict(int)
        for person in members:
            counts[counted_grade(person)] += 1
        summary.append((department, ctx.link(path, own), len(members), [counts[c] for c in columns]))
        common = _common(ctx, period, own, table, base)
        common["shown"] = common["shown"].without_department()
        rows = _rows(ctx, period, own, members, cells)
        quotas = [use for use in period.quotas if use.covers(department)]
        if ctx.memo is None:
            pages.append(_department_page(ctx, period, own, path, department, common, rows, quotas))
            continue
        # Keyed by what the page shows, so that a preview re-renders the departments an edit changed,
        # not every department of the period (results_department.md.j2 reads no more than this).
        shown = hashlib.sha256(repr((
            period.key, period.agency_name, period.period_assessment, period.scheme.name, tuple(period.corrections),
            len(period.people), len(period.problems), department, own, table.headers, sorted(table.number_columns),
            common["shown"].order, common["shown"].grade, sorted(common["shown"].facets), common["shown"].grades,
            common["downloads"], common["handbook"], [(person.id, row, link) for person, row, link in rows], quotas,
        )).encode()).hexdigest()
        pages.append(memoized_on(ctx.memo, ("results-department", shown), _department_page, ctx, period, own, path, department, common, rows, quotas))
    totals = [sum(row[3][i] for row in summary) for i in range(len(columns))]
    pages.insert(0, Page(path, render("results.md.j2", **_common(ctx, period, path, table, base), rows=None,
                                      departments={"columns": columns, "rows": summary, "totals": totals},
                                      consequences=consequences_of(period))))
    return pages


def _department_page(ctx: SiteContext, period: PeriodResult, own: str, path: str, department: str, common: dict,
                     rows: list[tuple], quotas: list) -> Page:
    return Page(own, render("results_department.md.j2", **common, department=department, rows=rows,
                            rows_html=rows_html(rows, common["table"].number_columns, common["shown"]),
                            period_link=ctx.link(own, path), quotas=quotas))


def _common(ctx: SiteContext, period: PeriodResult, path: str, table: DataTable, base: str) -> dict:
    """What every results page of a period shows, with links relative to `path`. Not the 结果运用
    list (consequences_of: a sort of the period's people): only the period's own page shows it, and
    making it for each of a split period's 40 department pages was 40 sorts of 4,000 people."""
    return {
        "p": period,
        "table": table,
        "downloads": [("Excel", asset_link(path, base + ".xlsx")), ("CSV", asset_link(path, base + ".csv"))],
        "handbook": ctx.link(path, ctx.handbook_path(period.scheme)),
        "shown": shown_columns(period, len(table.headers), bool(period.scheme.people.post)),
    }


def _rows(ctx: SiteContext, period: PeriodResult, path: str, people: list[PersonResult], cells: dict[str, list[str]]) -> list[tuple]:
    """(person, the table's cells, link to the person's derivation for this period) for each person."""
    anchor = "#" + ctx.period_anchor(period)
    return [(person, cells[person.id], ctx.link(path, ctx.person_path(period.agency, person.id)) + anchor) for person in people]
