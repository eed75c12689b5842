"""Home page and the yearly archive."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from generator.engine.results import PeriodResult
from generator.scheme.periods import chronological_order, reading_order, year_heading, year_label
from generator.site.model import Page, SiteContext
from generator.site.pages_department import public_summary_shown
from generator.site.pages_notice import NoticeView, public_headcount
from generator.site.render import render

# Why a public row of the archive shows no headcount (its title, and a line under the table).
NO_COUNT_NOTICE = "公示开始后才显示"
NO_COUNT_UNPUBLISHED = "本期不在网上公示，公开版不显示人数"


def build_archive(ctx: SiteContext, departments: dict[tuple[str, str, int], str]) -> list[Page]:
    by_year: dict[int, list[PeriodResult]] = defaultdict(list)
    for period in ctx.periods:
        by_year[period.year].append(period)
    pages = []
    years = sorted(by_year, reverse=True)
    for year in years:
        path = f"archive/{year}.md"
        periods = sorted(by_year[year], key=lambda p: (p.agency, p.scheme.code, reading_order(p.label), p.assessment.rolls_up is not None, p.assessment.code))
        rows = []
        for p in periods:
            rows.append({
                "p": p,
                "notice": ctx.link(path, ctx.notice_path(p)) if ctx.has_notice(p) else None,
                "state": ctx.notice_state(p) if ctx.has_notice(p) else None,  # the reader's day's, in the browser
                "results": ctx.link(path, ctx.results_path(p)) if ctx.internal else None,
                "handbook": ctx.link(path, ctx.handbook_path(p.scheme)),
                "graded": sum(1 for x in p.people if x.status == "graded"),
                # public: nothing of a period before its 公示 starts, not even how many were assessed; and where
                # the 公示 lists every grade (or all but one), only those it names (the others have no grade, or the
                # one not listed: counted, they are found)
                "headcount": len(p.people) if ctx.internal else len(public_headcount(p, p.people)) if public_summary_shown(ctx, p) else None,
            })
            # why a public row shows no headcount, said under the table: a title alone is not read on a
            # phone, and "公示开始后显示" was wrong for a period that has no 公示 at all
            rows[-1]["no_count"] = None if rows[-1]["headcount"] is not None else NO_COUNT_NOTICE if rows[-1]["notice"] else NO_COUNT_UNPUBLISHED
        depts = sorted(
            ((ctx.project.agencies[a].name, d, ctx.link(path, target)) for (a, d, y), target in departments.items() if y == year),
        )
        pages.append(Page(path, render("archive_year.md.j2", year=year, heading=year_heading(year, [p.label for p in periods]), rows=rows, departments=depts,
                                       pending=any(r["no_count"] == NO_COUNT_NOTICE for r in rows),
                                       unpublished=any(r["notice"] is None for r in rows), internal=ctx.internal)))
    pages.append(Page("archive/index.md", render("archive_index.md.j2", years=[
        (year_heading(y, [p.label for p in by_year[y]]), ctx.link("archive/index.md", f"archive/{y}.md"), len(by_year[y])) for y in years])))
    return pages


def build_home(ctx: SiteContext, notices: list[NoticeView]) -> Page:
    open_now, others = [], []
    for view in notices:
        state = ctx.notice_state(view.period)
        entry = (view, state, ctx.link("index.md", view.path))
        (open_now if state.state == "公示中" else others).append(entry)
    open_now.sort(key=lambda e: (e[1].end, e[0].title))
    # a notice whose dates the calendar cannot decide has no start (and a reported problem): its year instead
    others.sort(key=lambda e: (e[1].start or dt.date(e[0].period.year, 1, 1), e[0].title), reverse=True)
    schemes = sorted(ctx.project.schemes.values(), key=lambda s: (s.issuer, s.code))
    years = sorted({p.year for p in ctx.periods}, reverse=True)
    return Page("index.md", render(
        "home.md.j2",
        title=ctx.title,
        today=ctx.today,
        open_now=open_now,
        recent=others[:8],
        handbooks=[(s, ctx.link("index.md", ctx.handbook_path(s))) for s in schemes],
        years=[(year_label(y, [p.label for p in ctx.periods if p.year == y]), ctx.link("index.md", f"archive/{y}.md")) for y in years],
        internal=ctx.internal,
        links={k: ctx.link("index.md", v) for k, v in {
            "notices": "notices/index.md", "handbooks": "handbooks/index.md", "departments": "departments/index.md",
            "archive": "archive/index.md", "guide": "guide/reading.md", "results": "results/index.md",
        }.items()},
    ))


def build_notice_index(ctx: SiteContext, notices: list[NoticeView]) -> Page:
    rows = []
    for view in sorted(notices, key=lambda v: (v.period.year, chronological_order(v.period.label), v.title), reverse=True):
        state = ctx.notice_state(view.period)
        # how many a 公示 names is a figure of its list: out only with the list (not before it begins, nor while held)
        count = len(view.rows) if state.state != "未开始" and not state.blocked else None
        rows.append((view, state, ctx.link("notices/index.md", view.path), count))
    return Page("notices/index.md", render("notices_index.md.j2", rows=rows))
