"""公示 pages: the list of people proposed for a grade, as the scheme's publicity settings say.

Only the columns the scheme allows (by default 姓名, 部门, 等次; never an ID); ordered by 姓氏笔画
unless the scheme says otherwise; the 公示期 counted in working days on the holiday calendar;
an unresolved tie at a quota line keeps the list from being published.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.numbers import fmt
from generator.engine.ranks import ranks
from generator.engine.results import PeriodResult, PersonResult
from generator.scheme.periods import chronological_order
from generator.site.download_names import numeric_columns, period_base, period_title
from generator.site.downloads import DataTable, csv_bytes, xlsx_bytes
from generator.site.model import Asset, Page, SiteContext, asset_link
from generator.site.ordering import stroke_key
from generator.site.page_memo import memoized

WEEKDAYS = "一二三四五六日"


@dataclass
class NoticeView:
    period: PeriodResult
    path: str
    title: str
    grades: list[str]
    headers: list[str]
    rows: list[list[str]]


def published_grades(period: PeriodResult) -> list[str]:
    publicity = period.scheme.publicity_for(period.assessment)
    grades = period.assessment.grades
    return publicity.grades or (grades.order[:1] if grades else [])


def pins_grades(period: PeriodResult) -> bool:
    """Whether the 公示 tells each person it lists their grade: it shows the 等次 column, or lists one
    grade only. A list of several grades without the column names people, not their grades."""
    publicity = period.scheme.publicity_for(period.assessment)
    return "等次" in publicity.columns or len(published_grades(period)) <= 1


def lists_every_grade(period: PeriodResult) -> bool:
    """Whether the 公示 lists every grade of the scale, or every one but one: then whoever it leaves out has
    no grade (不确定等次, 不进行考核…) or that one grade (不称职, 不合格), and a public headcount that counted
    them would say that the one a reader who knows the department finds missing was assessed — and so is
    不称职 or of no grade. Several grades left open leave a reader more than one."""
    grades = period.assessment.grades
    return grades is not None and len(set(grades.order) - set(published_grades(period))) <= 1


def public_headcount(period: PeriodResult, people: list[PersonResult], listed: set[str] | None = None) -> list[PersonResult]:
    """The people a public figure counts: all of them, or where the 公示 lists every grade, those it names."""
    if not lists_every_grade(period):
        return people
    listed = notice_ids(period) if listed is None else listed
    return [p for p in people if p.id in listed]


def notice_ids(period: PeriodResult) -> set[str]:
    """Who the 公示 names (notice_people without putting them in order: for counting)."""
    grades = set(published_grades(period))
    return {p.id for p in period.people if p.status == "graded" and p.grade in grades}


def listed_people(period: PeriodResult) -> list[PersonResult]:
    """Who the 公示 names, in the period's order (notice_people puts them in the list's)."""
    grades = published_grades(period)
    return [p for p in period.people if p.status == "graded" and p.grade in grades]


def notice_people(period: PeriodResult) -> list[PersonResult]:
    publicity = period.scheme.publicity_for(period.assessment)
    people = listed_people(period)
    if publicity.order == "score":
        people.sort(key=lambda p: p.id)
        people.sort(key=lambda p: (p.total is None, -(p.total or 0)))
    elif publicity.order == "department":
        people.sort(key=lambda p: (p.person.department, stroke_key(p.person.name), p.id))
    else:
        people.sort(key=lambda p: (stroke_key(p.person.name), p.id))
    return people


def notice_table(period: PeriodResult) -> tuple[list[str], list[list[str]]]:
    """Exactly the columns the scheme publishes. Nothing else leaves this function."""
    publicity = period.scheme.publicity_for(period.assessment)
    labels = {"姓名": period.scheme.people.name, "部门": period.scheme.people.department, "岗位": period.scheme.people.post or "岗位",
              "等次": "拟定等次", "总分": "总分", "名次": "名次"}
    # 名次 as an official list writes them: equal totals, equal places (1, 2, 2, 4), unless the scheme declares
    # otherwise; among the people the list names: a place counted among everyone (1, 2, 4) would tell that
    # someone not listed scored between them (kept from the grade by a rule: a 处分, a gate)
    listed = notice_people(period)
    rank = ranks(((p.id, p.total) for p in listed if p.total is not None), lambda t: t, publicity.ranking)
    headers = ["序号"] + [labels[c] for c in publicity.columns]
    rows = []
    for i, person in enumerate(listed, start=1):
        row = [str(i)]
        for column in publicity.columns:
            row.append({
                "姓名": person.person.name,
                "部门": person.person.department,
                "岗位": person.person.post or "",
                "等次": person.grade or "",
                "总分": fmt(person.total, period.assessment.places) if person.total is not None else "",
                "名次": str(rank.get(person.id, "")),
            }[column])
        rows.append(row)
    return headers, rows


def notice_title(period: PeriodResult) -> str:
    publicity = period.scheme.publicity_for(period.assessment)
    grades = "、".join(f"“{g}”" for g in published_grades(period))
    if publicity.title:
        return publicity.title.replace("{期间}", period.period_name).replace("{等次}", grades)
    return f"关于{period.agency_name}{period.period_assessment}拟定{grades}等次人员的公示"


def notice_page_title(period: PeriodResult, title: str) -> str:
    """The page's <title> (the browser's tab, its bookmarks and history): a scheme's own title, 季度考评
    优秀等次公示, is the same for every agency and quarter (8 tabs alike in the demo), so the agency and
    the period are added where the title names neither."""
    missing = [words for words in (period.agency_name, period.period_name) if words not in title]
    return " · ".join([title, *missing])


def build_notices(ctx: SiteContext) -> tuple[list[Page], list[Asset], list[NoticeView]]:
    pages, assets, views = [], [], []
    latest = _latest_notices(ctx)
    for period in ctx.periods:
        if not ctx.has_notice(period):
            continue
        state = ctx.notice_state(period)  # outside the memo: its problems (an undecidable date) are reported every build
        boost = 4 if state.state == "公示中" else 2 if period.key in latest else None
        page, page_assets, view = memoized(ctx.memo, ("notice", period.key, boost, tuple(period.corrections), period.ended_early), [period], _notice_page, ctx, period, boost)
        pages.append(page)
        assets.extend(page_assets)
        views.append(view)
    return pages, assets, views


def _latest_notices(ctx: SiteContext) -> set:
    """The newest 公示 of each agency and scheme: search lists it before the older ones."""
    newest: dict[tuple, PeriodResult] = {}
    for period in ctx.periods:
        if ctx.has_notice(period):
            key = (period.agency, period.scheme.code)
            if key not in newest or (period.year, chronological_order(period.label)) > (newest[key].year, chronological_order(newest[key].label)):
                newest[key] = period
    return {p.key for p in newest.values()}


def _notice_page(ctx: SiteContext, period: PeriodResult, boost: int | None = None) -> tuple[Page, list[Asset], NoticeView]:
    assets: list[Asset] = []
    path = ctx.notice_path(period)
    state = ctx.notice_state(period)
    headers, rows = notice_table(period)
    title = notice_title(period)
    view = NoticeView(period, path, title, published_grades(period), headers, rows)
    agency = ctx.project.agencies[period.agency]
    notice = period.notice
    downloads = []
    if not state.blocked and rows and state.state != "未开始":  # no names before the 公示 begins
        base = period_base(period, "公示名单")
        table = DataTable(period_title(period, "公示名单"), headers, rows, number_columns=numeric_columns(headers))
        assets.append(Asset(base + ".xlsx", xlsx_bytes(table)))
        assets.append(Asset(base + ".csv", csv_bytes(table)))
        downloads = [("Excel", asset_link(path, base + ".xlsx")), ("CSV", asset_link(path, base + ".csv"))]
    return Page(path, _render(ctx, view, state, agency, notice, downloads, boost)), assets, view


def _render(ctx, view, state, agency, notice, downloads, boost=None) -> str:
    from generator.site.render import cn_date, render

    period = view.period
    publicity = period.scheme.publicity_for(period.assessment)
    issuer = (notice.issuer if notice and notice.issuer else None) or agency.issuer or agency.name
    contact = (notice.contact if notice and notice.contact else None) or agency.contact
    order_words = {"stroke": "按姓氏笔画排序", "department": "按部门排序", "score": "按总分从高到低排序"}[publicity.order]
    return render(
        "notice.md.j2",
        v=view,
        p=period,
        page_title=notice_page_title(period, view.title),
        state=state,
        start=cn_date(state.start),
        end=cn_date(state.end),
        issued=cn_date(state.start),
        issuer=issuer,
        contact=contact,
        number=notice.number if notice else None,
        correction=notice.correction if notice else None,
        objection=publicity.objection,
        approver=publicity.approver,
        order_words=order_words,
        downloads=downloads,
        handbook=ctx.link(view.path, ctx.handbook_path(period.scheme)),
        ties=len(period.unresolved_ties),
        boost=boost,
        exceeded=[use for use in period.quotas if use.exceeded and use.grade in view.grades],
    )
