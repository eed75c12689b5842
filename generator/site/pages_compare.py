"""Comparison pages for leaders (internal edition only): a unit's departments side by side for a
year, and one department across the years, each with the change against the year before.

    compare/index.md                      every agency: its years and its departments
    compare/<agency>/<year>.md            departments × grades per period: 人数, 占比, 较上年 (百分点)
    compare/<agency>/<dept slug>.md       one department: the same period (Q1, 年度…) year by year

A page that would pass COMPARE_PAGE_BYTES (a unit of forty departments: five periods of a chart and
a table each, near 200 KB) lists its periods instead, each on a page of its own below it
(compare/<agency>/<year>/<n>.md); the download stays one table for the whole page.

The counts come from pages_department.grade_counts, the count the department summaries show.
The public edition has no comparison pages: its department summaries (and the privacy rules
applied there) are all it shows of a department. Each chart has its numbers in a table beside it,
and each table is a download (XLSX numbers, shares as %).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from generator.core.numbers import fmt, round_half_up
from generator.engine.results import PeriodResult
from generator.project.model import Agency
from generator.scheme.periods import period_words, reading_order, year_label, year_words
from generator.site.charts_compare import stacked_chart
from generator.site.compare_years import PeriodTally, Tally, lineage, none_before, not_in_yet, unmatched
from generator.site.downloads import DataTable, csv_bytes, download_name, table_title, xlsx_bytes
from generator.site.model import Asset, Page, SiteContext, asset_link, share_text
from generator.site.page_memo import memoized_bytes, memoized_on, per_period
from generator.site.pages_department import grade_counts, people_by_department
from generator.site.render import render

# Rows of fewer people are marked (1 of 2 is 50.0%: a change of 50 points beside the large departments' 1 or 2)
SMALL_GROUP = 5

# The Markdown of a comparison page, most of it finished HTML; with the theme a page stays under 100 KB.
COMPARE_PAGE_BYTES = 70_000


@dataclass
class Row:
    label: str  # a department, a year, or 全单位
    link: str | None  # the docs path of the department's page, linked relative to the page the row is shown on
    total: int
    counts: list[int]
    shares: list[str]
    change: list[str | None]  # percentage points against the compared row, None when there is none

    @property
    def small(self) -> bool:
        """Fewer than SMALL_GROUP people: one person's grade moves a share by more than 20 points."""
        return 0 < self.total < SMALL_GROUP


@dataclass
class Block:
    """One period's table (and chart) on a comparison page."""
    title: str
    grades: list[str]
    rows: list[Row]
    compared_with: str  # what 较上年 compares with
    svg: str = ""
    why_not: str = ""  # why there is nothing to compare with (a year with none before it says nothing)
    unmatched: str = ""  # departments in only one of the two years: a rename or a reorganisation the reader must know of
    base_note: str = ""  # the 公示's quota base where it is not the list's total: the share a leader checks against the quota


def build_compare(ctx: SiteContext) -> tuple[list[Page], list[Asset]]:
    if not ctx.internal:
        return [], []
    by_agency: dict[str, list[PeriodResult]] = defaultdict(list)
    for period in ctx.periods:
        by_agency[period.agency].append(period)
    pages, assets, index = [], [], []
    for code, agency in sorted(ctx.project.agencies.items()):
        periods = sorted(by_agency.get(code, []), key=lambda p: (p.year, p.scheme.code, reading_order(p.label), p.assessment.rolls_up is not None, p.assessment.code))
        if not periods:
            continue
        # An agency's pages show only its periods' grade counts by department: the preview rebuilds
        # them when a count changed, not on every edit of a score (most change no grade).
        tallies = [per_period(ctx.memo, "compare-tally", period, period_tally) for period in periods]
        # and the series each continues (a scheme's previous: can change with no count changing)
        shown = tuple((period.key, tally.key, lineage(ctx.project.schemes, period)) for period, tally in zip(periods, tallies))
        own_pages, own_assets, years, dept_links = memoized_on(ctx.memo, ("compare", code, shown), _agency_pages, ctx, agency, periods,
                                                               Tally(periods, tallies))
        pages += own_pages
        assets += own_assets
        index.append((agency, years, dept_links))
    pages.append(Page("compare/index.md", render("compare_index.md.j2", rows=index)))
    return pages, assets


def period_tally(period: PeriodResult) -> PeriodTally:
    members = people_by_department(period)
    departments = sorted(members)
    if period.people:
        members["全单位"] = period.people
    counts = {department: grade_counts(period, people) for department, people in members.items()}
    return PeriodTally(counts, departments, hashlib.sha256(repr((period.key, departments, sorted(counts.items()))).encode()).hexdigest())


def _agency_pages(ctx: SiteContext, agency: Agency, periods: list[PeriodResult], tally: Tally) -> tuple[list[Page], list[Asset], list, list]:
    """One agency's year pages and department pages, and the index's links to them."""
    code = agency.code
    pages: list[Page] = []
    assets: list[Asset] = []
    departments = _departments(agency, periods, tally)
    lines = {p.key: lineage(ctx.project.schemes, p) for p in periods}
    same = {(lines[p.key], p.label, p.year): p for p in periods}
    years = sorted({p.year for p in periods})
    for year in years:
        path = f"compare/{code}/{year}.md"
        blocks = [_year_block(ctx, agency, p, same.get((lines[p.key], p.label, year - 1)), departments, tally)
                  for p in periods if p.year == year]
        if year > years[0]:  # an earlier year exists: say why a block compares with nothing
            for p, block in zip([p for p in periods if p.year == year], blocks):
                if not block.compared_with:
                    block.why_not = none_before(p, periods)
        words = year_label(year, [p.label for p in periods if p.year == year])  # 2025年, 2025—2026学年
        pages += _pages(ctx, assets, path, agency, f"{agency.name} · {words}各部门对比", words, "各部门对比", blocks,
                        [(y, f"compare/{code}/{y}.md") for y in years], not_in_yet(periods, year, ctx.project.schemes))
    dept_links = []
    for department in departments:
        if agency.formerly.get(department) in departments:  # a former name: its years are on the page of the name it has now
            continue
        path = f"compare/{code}/{ctx.department_slug(code, department)}.md"
        blocks = _department_blocks(ctx, agency, department, periods, tally, lines)
        if blocks:
            pages += _pages(ctx, assets, path, agency, f"{agency.name} · {department} · 历年对比", "历年", f"{department}历年对比", blocks, [])
            dept_links.append((department, ctx.link("compare/index.md", path)))
    return pages, assets, [(y, ctx.link("compare/index.md", f"compare/{code}/{y}.md")) for y in years], dept_links


def _departments(agency: Agency, periods: list[PeriodResult], tally: Tally) -> list[str]:
    seen = {department for period in periods for department in tally.departments[period.key]}
    return [d for d in agency.departments if d in seen] + sorted(seen - set(agency.departments))


def _year_block(ctx, agency, period, previous, departments, tally: Tally) -> Block:
    grades = _grades(tally, period, previous)
    rows = []
    for department in departments:
        now = tally(period, department)
        if now is None:
            continue
        link = ctx.department_path(agency.code, department, period.year)
        rows.append(_row(department, link, grades, now, tally.under(previous, agency.names_of(department))[1]))
    rows.append(_row("全单位", None, grades, tally(period, "全单位") or {}, tally(previous, "全单位")))  # {}: a period nobody was read in
    # the year before under the scheme this one replaced: say so
    before = f"{previous.period_name}" + (f"（{previous.scheme.title}）" if previous.scheme.code != period.scheme.code else "") if previous else ""
    block = Block(f"{period.period_name} · {period.assessment.name} · {period.scheme.title}", grades, rows, before)
    block.svg = _chart(_pad(block), f"cmp-{period.scheme.code}-{period.year}-{period.label}")
    block.base_note = _base_note(period, block.grades, rows[-1])
    if previous is not None:
        block.unmatched = unmatched(departments, lambda d: tally.under(previous, agency.names_of(d))[1],
                                    lambda d: tally(period, d) or tally(period, agency.formerly.get(d, d)))
    return block


def _base_note(period: PeriodResult, grades: list[str], unit: Row) -> str:
    """The table's shares are over everyone listed (as on the department pages, summing to 100%); a
    unit-wide quota whose 公示 counts a smaller base (参加考核并确定等次, or without those a rule keeps
    out) gives that grade another share there. Say both, so that the two are not read as one."""
    notes = []
    for use in period.quotas:
        if use.scope != "全单位" or use.base == unit.total or use.grade not in grades:
            continue
        count = unit.counts[grades.index(use.grade)]
        outside = "、".join(g for g, c in zip(grades, unit.counts) if c and g not in (period.assessment.grades.order if period.assessment.grades else []))
        notes.append(f"全单位「{use.grade}」名额的基数是{use.base_words}的 {use.base} 人（名额按此算出），"
                     f"「{use.grade}」{count} 人占其 {share_text(count, use.base)}；本表占比按名单上的全部 {unit.total} 人计算"
                     + (f"（含{outside}）" if outside else ""))
    return "；".join(notes)


def _department_blocks(ctx, agency, department, periods, tally: Tally, lines: dict[str, str]) -> list[Block]:
    series: dict[tuple[str, str], list[PeriodResult]] = defaultdict(list)
    for period in periods:
        series[(lines[period.key], period.label)].append(period)
    blocks = []
    for (scheme, label), runs in sorted(series.items(), key=lambda kv: (kv[0][0], reading_order(kv[0][1]), kv[1][0].assessment.rolls_up is not None)):
        grades = _grades(tally, *runs)
        rows, before, before_year = [], None, None
        for period in sorted(runs, key=lambda p: p.year):
            named, counts = tally.under(period, agency.names_of(department))
            if named is None or counts is None:
                before = None
                continue
            link = ctx.department_path(agency.code, named[0], period.year)
            # 较上年 is the year before: against an older year (one between not assessed) a change over two years reads as one
            row_label = year_words(period.year, period.label) + (f"（{'、'.join(named)}）" if named != [department] else "")
            rows.append(_row(row_label, link, grades, counts, before if before_year == period.year - 1 else None))
            before, before_year = counts, period.year
        if rows:
            first = runs[0]
            name = period_words(label)  # 第一季度, 年度: the period without its year
            titles = " → ".join(dict.fromkeys(p.scheme.title for p in sorted(runs, key=lambda p: p.year)))
            block = Block(f"{name} · {first.assessment.name} · {titles}", grades, rows, "")
            block.svg = _chart(_pad(block), f"cmp-{scheme}-{label}-{ctx.department_slug(agency.code, department)}")
            blocks.append(block)
    return blocks


def _grades(tally: Tally, *periods: PeriodResult | None) -> list[str]:
    """The columns: the grades in the scheme's order, then the statuses anyone of these periods has
    (the labels its 全单位 count has beyond the grades)."""
    grades: list[str] = []
    statuses: set[str] = set()
    for period in periods:
        if period is None:
            continue
        order = list(period.assessment.grades.order) if period.assessment.grades else []
        grades += [g for g in order if g not in grades]
        statuses.update(tally(period, "全单位") or ())
    return grades + sorted(statuses - set(grades))


def _row(label: str, link: str | None, grades: list[str], now: dict[str, int], before: dict[str, int] | None) -> Row:
    extra = [k for k in now if k not in grades]  # statuses (免考核, 未定等次…) after the grades
    for k in extra:
        grades.append(k)
    total = sum(now.values())
    counts = [now.get(g, 0) for g in grades]
    change: list[str | None] = []
    for g, c in zip(grades, counts):
        if not before or not sum(before.values()) or not total:
            change.append(None)
            continue
        points = (Decimal(c) / total - Decimal(before.get(g, 0)) / sum(before.values())) * 100
        shown = fmt(round_half_up(points, 1), 1)
        change.append(("+" if points > 0 else "") + shown if shown not in ("0.0", "-0.0") else "0.0")
    return Row(label, link, total, counts, [share_text(c, total) for c in counts], change)


def _pad(block: Block) -> Block:
    """Rows made before a status column appeared get a 0 there."""
    for r in block.rows:
        missing = len(block.grades) - len(r.counts)
        r.counts += [0] * missing
        r.shares += [share_text(0, r.total)] * missing
        r.change += [None] * missing
    return block


def _chart(block: Block, chart_id: str) -> str:
    bars = [(r.label, r.counts) for r in block.rows]
    words = "；".join(f"{r.label}：" + "，".join(f"{g} {c} 人" for g, c in zip(block.grades, r.counts)) for r in block.rows)
    return stacked_chart(block.title + " 等次构成", words, block.grades, bars, chart_id)


def _table(agency: Agency, span: str, content: str, blocks: list[Block]) -> DataTable:
    grades = list(dict.fromkeys(g for b in blocks for g in b.grades))
    headers = ["考核期", "对象", "人数"] + [f"{g}人数" for g in grades] + [f"{g}占比" for g in grades] + [f"{g}较上年（百分点）" for g in grades]
    rows = []
    for block in blocks:
        for r in block.rows:
            have = dict(zip(block.grades, zip(r.counts, r.shares, r.change)))
            rows.append([block.title, r.label, str(r.total)]
                        + [str(have[g][0]) if g in have else "" for g in grades]
                        + [have[g][1] if g in have else "" for g in grades]
                        + [(have[g][2] or "") if g in have else "" for g in grades])
    return DataTable(table_title(agency.name, span, content), headers, rows, number_columns=frozenset(range(2, len(headers))))


def _pages(ctx, assets, path, agency, title, span, content, blocks, years, absent: str = "") -> list[Page]:
    """The page, or (above COMPARE_PAGE_BYTES) the page listing its periods and a page per period."""
    base = f"downloads/{agency.code}/compare/" + download_name(agency.name, span, content)
    table = _table(agency, span, content, blocks)
    assets += [Asset(base + ".xlsx", memoized_bytes(ctx.memo, "xlsx", table, xlsx_bytes)), Asset(base + ".csv", csv_bytes(table))]

    def page(here: str, shown: list[Block], heading: str, parts=None, up=None) -> Page:
        return Page(here, render("compare.md.j2", title=heading, agency=agency, blocks=shown, current=here, small_group=SMALL_GROUP,
                                 link=lambda target: ctx.link(here, target),
                                 years=[(y, ctx.link(here, target)) for y, target in years], parts=parts, up=up, absent=absent,
                                 downloads=[("Excel", asset_link(here, base + ".xlsx")), ("CSV", asset_link(here, base + ".csv"))],
                                 index=ctx.link(here, "compare/index.md")))

    whole = page(path, blocks, title)
    if len(blocks) < 2 or len(whole.text.encode("utf-8")) <= COMPARE_PAGE_BYTES:
        return [whole]
    own = [path[: -len(".md")] + f"/{n}.md" for n in range(1, len(blocks) + 1)]
    up = (title, ctx.link(own[0], path))
    parts = [(b.title, ctx.link(path, here)) for b, here in zip(blocks, own)]
    # the period is the page's one section heading; the title says which of the parts this is
    return [page(path, [], title, parts=parts)] + [page(here, [b], f"{title}（{n}/{len(own)}）", up=up)
                                                   for n, (b, here) in enumerate(zip(blocks, own), start=1)]
