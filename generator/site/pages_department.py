"""Department summaries: one page per department per year (not per period, so pages scale).

Public: only what the 公示 already shows (summary_privacy.py): nothing of a period before its 公示
starts, the published grades counted from the 公示 list, other grades merged unless the scheme opts
in and no figure can pin a person's grade; an SVG chart with the numbers also as a table, quota use
for published grades and the department's earlier years side by side. Internal: every grade and
status, quota use, mean, median, min, max and members.
"""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from generator.core.numbers import fmt
from generator.engine.results import PeriodResult, PersonResult
from generator.project.model import Agency
from generator.scheme.periods import reading_order, year_label
from generator.site.charts import bar_chart
from generator.site.downloads import DataTable, csv_bytes, download_name, table_title, xlsx_bytes
from generator.site.model import Asset, Page, SiteContext, asset_link, share_text
from generator.site.page_memo import memoized_on, per_period
from generator.site.pages_notice import notice_ids, pins_grades, public_headcount, published_grades
from generator.site.render import render, stroke_places
from generator.site.results_layout import counted_grade, is_split, results_page_of
from generator.site.summary_privacy import public_cells

# who a period's 公示 names (IDs), and how many of them of each grade
Listed = tuple[set[str], Counter]


@dataclass
class Distribution:
    period: PeriodResult
    labels: list[str]  # grades in order, then statuses
    counts: list[int]
    total: int
    quota_words: list[str] = field(default_factory=list)
    stats: dict | None = None
    members: list[PersonResult] = field(default_factory=list)
    hidden: bool = False  # public edition, group too small to show without pointing at a person
    # content_key(), once made: a Distribution is not changed after it is made
    key: str | None = field(default=None, repr=False, compare=False)

    def content_key(self) -> str:
        """Everything a department page shows of this distribution, as one hash: the period's
        identity, the counts, quota lines and statistics, and each member's result
        (PersonResult.fingerprint: everything a page can show of it)."""
        if self.key is None:
            seen = repr((self.period.key, self.labels, self.counts, self.total, self.quota_words, self.stats, self.hidden,
                         [m.fingerprint() for m in self.members]))
            self.key = hashlib.sha256(seen.encode()).hexdigest()
        return self.key

    @property
    def shares(self) -> list[str]:
        return [share_text(c, self.total) for c in self.counts]


def grade_counts(period: PeriodResult, members: list[PersonResult]) -> dict[str, int]:
    """How many are counted in each grade: the scheme's grades in order (0 where none), then the
    statuses that occur (免考核, 不确定等次…). The one count the summaries and comparisons show."""
    order = list(period.assessment.grades.order) if period.assessment.grades else []
    counts: dict[str, int] = defaultdict(int)
    for person in members:
        counts[counted_grade(person)] += 1
    return {label: counts.get(label, 0) for label in order + sorted(k for k in counts if k not in order)}


def distribution(period: PeriodResult, department: str, members: list[PersonResult], internal: bool, ctx: SiteContext | None = None,
                 on_notice: dict[str, Listed] | None = None) -> Distribution | None:
    """`on_notice`: who each period's 公示 names and how many of each grade, by period key, filled as
    needed (every department of a period counts the same list: a city's 80 departments × 150 periods
    once made it 12,000 times, and an agency-wide quota's count as many)."""
    if not members:
        return None
    if not internal:
        return _public_distribution(period, department, members, ctx, {} if on_notice is None else on_notice)
    counts = grade_counts(period, members)
    dist = Distribution(period, list(counts), list(counts.values()), len(members))
    for use in period.quotas:
        if use.covers(department) and use.allowed is not None:
            dist.quota_words.append(_quota_words(use, department))
    totals = sorted(p.total for p in members if p.total is not None)
    if totals:
        places = period.assessment.places
        dist.stats = {  # over the people with a total, who may be fewer than the 合计 above: say how many
            "计入人数": str(len(totals)),
            "平均分": fmt(sum(totals) / len(totals), places),
            "中位数": fmt(statistics.median(totals), places),
            "最高分": fmt(totals[-1], places),
            "最低分": fmt(totals[0], places),
        }
    dist.members = sorted(members, key=lambda p: (p.total is None, -(p.total or 0), p.id))
    return dist


def _where(use) -> str:
    return "全单位" if use.scope == "全单位" else f"{'、'.join(use.parts)}合并计算" if use.parts else "本部门"


def _quota_words(use, department: str) -> str:
    where = _where(use)
    # counted once, after quotas and committee decisions (engine/quota_count.py)
    exceeded = f"，经领导小组决定超出名额 {use.granted - use.allowed} 人" if use.exceeded else ""
    return f"{where}「{use.grade}」名额 {use.allowed} 人，实际 {use.granted} 人（{use.base_words} {use.base} 人）{exceeded}"


def public_summary_shown(ctx: SiteContext | None, period: PeriodResult) -> bool:
    """A period appears in the public summaries only once its 公示 has started (summary_privacy.py, rule 1)."""
    if ctx is None or not ctx.has_notice(period):
        return False
    state = ctx.notice_state(period)
    return not state.blocked and state.state in ("公示中", "已结束")


def _public_distribution(period: PeriodResult, department: str, members: list[PersonResult], ctx: SiteContext | None,
                         on_notice: dict[str, Listed]) -> Distribution | None:
    if not public_summary_shown(ctx, period):
        return None
    publicity = period.scheme.publicity_for(period.assessment)
    order = list(period.assessment.grades.order) if period.assessment.grades else []
    # a corrected period's figures are compared with those from before the correction, whose 更正说明 says
    # whom it is about: a figure of a grade the 公示 does not list would tell that person's (rule 7)
    opt_in = [] if ctx is not None and ctx.corrected_year(period) else publicity.summary_grades
    if period.key not in on_notice:
        ids = notice_ids(period)
        on_notice[period.key] = (ids, Counter(p.grade for p in period.people if p.id in ids))
    listed, listed_grades = on_notice[period.key]
    members = public_headcount(period, members, listed)  # a 公示 of every grade (or all but one): its list is everyone the page counts
    if not members:
        return None
    if pins_grades(period):
        published = [g for g in order if g in published_grades(period)]
    else:  # a list of several grades without its 等次 column: no grade of anyone is public, so none is counted
        published, listed, opt_in = [], set(), []
    named = Counter(p.grade for p in members if p.id in listed)
    unnamed = Counter(counted_grade(p) for p in members if p.id not in listed)
    k = publicity.public_min_group
    if len(members) < k:
        return Distribution(period, [], [], len(members), hidden=True)
    cells = public_cells(order, published, opt_in, named, unnamed, k)
    dist = Distribution(period, cells.labels, cells.counts, len(members))
    for use in period.quotas:
        if use.covers(department) and use.allowed is not None and use.grade in published:
            # only the 公示's own count: the quota's base (参加考核, without those of no grade), the places it
            # gives and any excess would tell, subtracted from the headcount, how many got no grade. And only
            # the department's own: which departments a merge_short pool joins is decided by their bases
            # too (a department of 3 at 20% pooled has someone outside its base), so a pooled department
            # reads as one that is not, and no page names another department's part in its quota
            unit = use.scope == "全单位"
            shown = listed_grades[use.grade] if unit else sum(1 for p in members if p.id in listed and p.grade == use.grade)
            dist.quota_words.append(f"{'全单位' if unit else '本部门'}「{use.grade}」公示 {shown} 人（名额按考核办法计算）")
    return dist


def distribution_table(agency: Agency, department: str, year: int, dists: list[Distribution]) -> DataTable:
    rows = [
        [d.period.period_name, d.period.assessment.name, label, str(count), share]
        for d in dists
        if not d.hidden
        for label, count, share in zip(d.labels, d.counts, d.shares)
    ]
    schemes = "、".join(dict.fromkeys(d.period.scheme.title for d in dists))
    return DataTable(table_title(agency.name, schemes, f"{year}年", f"{department}等次分布"),
                     ["考核期", "考核", "等次", "人数", "占比"], rows, number_columns=frozenset({3, 4}))


def build_departments(ctx: SiteContext) -> tuple[list[Page], list[Asset], dict[tuple[str, str, int], str]]:
    """Pages, their downloads, and an index (agency, department, year) → page path for the archive."""
    pages: list[Page] = []
    assets: list[Asset] = []
    index: dict[tuple[str, str, int], str] = {}
    by_agency_year: dict[tuple[str, int], list[PeriodResult]] = defaultdict(list)
    in_department: dict[str, dict[str, list[PersonResult]]] = {}  # period key → department → people
    on_notice: dict[str, Listed] = {}  # distribution()'s memo of what each period's 公示 names
    internal: dict[str, dict[str, Distribution]] = {}  # period key → department → its distribution
    for period in ctx.periods:
        by_agency_year[(period.agency, period.year)].append(period)
        in_department[period.key] = per_period(ctx.memo, "by-department", period, people_by_department)
        if ctx.internal:  # a function of the period alone: made once a preview session while the result is the same
            grouped = in_department[period.key]
            internal[period.key] = per_period(ctx.memo, "distributions", period, lambda p, grouped=grouped: _internal_distributions(p, grouped))

    def distribution_of(period: PeriodResult, department: str) -> Distribution | None:
        if ctx.internal:
            return internal[period.key].get(department)
        return distribution(period, department, in_department[period.key].get(department, []), False, ctx, on_notice)

    for agency_code, agency in sorted(ctx.project.agencies.items()):
        years = sorted({year for (a, year) in by_agency_year if a == agency_code})
        departments = (list(agency.departments) + [d for d in agency.formerly if d not in agency.departments]  # a former name's years keep their pages
                       or sorted({d for per in ctx.periods if per.agency == agency_code for d in in_department[per.key]}))
        for department in departments:
            history: list[tuple[int, Distribution]] = []
            by_year = {year: [d for per in _ordered(by_agency_year[(agency_code, year)]) if (d := distribution_of(per, department))]
                       for year in years}
            # only years with something to show have a page (public: a 公示 has started), so only they are linked
            page_years = [year for year in years if by_year[year]]
            for year in page_years:
                dists = by_year[year]
                path = ctx.department_path(agency_code, department, year)
                index[(agency_code, department, year)] = path
                history.extend((year, d) for d in dists)
                earlier = [(y, d) for (y, d) in history if y < year and y >= year - 4]
                args = (ctx, agency, department, year, page_years, dists, earlier, path)
                if ctx.memo is None:  # a clean build: no key to make (a city's 200,000 fingerprints)
                    page, page_assets = _department_page(*args)
                else:
                    # Keyed by what the page shows of its periods, not by the periods' whole contents:
                    # an edit regrades a period of the whole agency, and changes one or two departments' pages.
                    shown = tuple((y, d.content_key(), is_split(d.period), ctx.has_notice(d.period)) for y, d in [*((year, d) for d in dists), *earlier])
                    page, page_assets = memoized_on(ctx.memo, ("department", agency_code, department, year, tuple(page_years), shown),
                                                    _department_page, *args)
                pages.append(page)
                assets += page_assets
    pages.append(Page("departments/index.md", _index(ctx, index)))
    return pages, assets, index


def _internal_distributions(period: PeriodResult, grouped: dict[str, list[PersonResult]]) -> dict[str, Distribution]:
    """Each department's distribution in `period` (its people by department: `grouped`), as the internal edition shows it."""
    found = {department: distribution(period, department, members, True) for department, members in grouped.items()}
    return {department: dist for department, dist in found.items() if dist is not None}


def people_by_department(period: PeriodResult) -> dict[str, list[PersonResult]]:
    grouped: dict[str, list[PersonResult]] = defaultdict(list)
    for person in period.people:
        grouped[person.person.department].append(person)
    return dict(grouped)


def _department_page(ctx: SiteContext, agency: Agency, department: str, year: int, years: list[int],
                     dists: list[Distribution], earlier: list[tuple[int, Distribution]], path: str) -> tuple[Page, list[Asset]]:
    charts = [
        "" if d.hidden else bar_chart(
            f"{department}{d.period.period_assessment}等次分布",
            "，".join(f"{label} {count} 人" for label, count in zip(d.labels, d.counts)) + f"，共 {d.total} 人",
            list(zip(d.labels, d.counts)),
            f"c-{ctx.department_slug(agency.code, department)}-{d.period.scheme.code}-{year}-{d.period.label}",
            base=d.total,
        )
        for d in dists
    ]
    base = f"downloads/{agency.code}/departments/" + download_name(agency.name, department, f"{year}年", "等次分布")
    table = distribution_table(agency, department, year, dists)
    assets = [Asset(base + ".xlsx", xlsx_bytes(table)), Asset(base + ".csv", csv_bytes(table))]
    member_periods = [d for d in dists if d.members]
    members = year_members(member_periods)
    text = render(
        "department.md.j2",
        agency=agency,
        department=department,
        year=year,
        # 2025年, or 2025—2026学年 for a school's periods: its 2025 folder holds the 学年 beginning then
        heading=year_label(year, [d.period.label for d in dists]),
        dists=list(zip(dists, charts)),
        member_periods=member_periods,
        # a period's name heads its columns; the assessment's too where two periods share a name (年度)
        member_heads=[[x.period.period_name for x in member_periods].count(d.period.period_name) > 1 for d in member_periods],
        members=members,
        # each name's place in the table's stroke order (render.stroke_places), not the whole key
        stroke_places=stroke_places([m.person.name for m, _ in members]),
        earlier=earlier,
        internal=ctx.internal,
        downloads=[("Excel", asset_link(path, base + ".xlsx")), ("CSV", asset_link(path, base + ".csv"))],
        links={
            # a period split by department (results_layout.py): this department's own results page
            "results": {d.period.key: ctx.link(path, results_page_of(ctx, d.period, department)) for d in dists},
            "results_split": {d.period.key for d in dists if is_split(d.period)},
            "people": {p.id: ctx.link(path, ctx.person_path(agency.code, p.id)) for d in dists for p in d.members},
            "notice": {d.period.key: ctx.link(path, ctx.notice_path(d.period)) for d in dists if ctx.has_notice(d.period)},
            "years": {y: ctx.link(path, ctx.department_path(agency.code, department, y)) for y in years},
        },
    )
    return Page(path, text), assets


def year_members(dists: list[Distribution]) -> list[tuple[PersonResult, list[PersonResult | None]]]:
    """One row a person for the year: their result in each period (None: not in this department
    then), in the order they first appear (each period lists its members by total, highest first)."""
    rows: dict[str, list[PersonResult | None]] = {}
    first: dict[str, PersonResult] = {}
    for i, d in enumerate(dists):
        for member in d.members:
            if member.id not in rows:
                rows[member.id] = [None] * len(dists)
                first[member.id] = member
            rows[member.id][i] = member
    return [(first[pid], cells) for pid, cells in rows.items()]


def _ordered(periods: list[PeriodResult]) -> list[PeriodResult]:
    return sorted(periods, key=lambda p: (p.scheme.code, reading_order(p.label), p.assessment.rolls_up is not None, p.assessment.code))


def _index(ctx: SiteContext, index: dict[tuple[str, str, int], str]) -> str:
    rows = []
    for agency_code, agency in sorted(ctx.project.agencies.items()):
        departments = sorted({d for (a, d, _) in index if a == agency_code}, key=lambda d: (agency.departments.index(d) if d in agency.departments else 999, d))
        for department in departments:
            years = sorted(y for (a, d, y) in index if a == agency_code and d == department)
            rows.append((agency.name, department, [(y, ctx.link("departments/index.md", index[(agency_code, department, y)])) for y in years]))
    return render("departments_index.md.j2", rows=rows)
