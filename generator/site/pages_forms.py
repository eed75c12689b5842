"""The filed forms (internal edition): each declared form (scheme `forms:`) per agency and year, as a
printable A4 page with the form's own headings and as XLSX, filled by site/forms_fill.py.

    forms/index.md
    forms/<agency>/<scheme>/<year>-<form slug>.md
"""

from __future__ import annotations

from collections import defaultdict

from generator.engine.results import PeriodResult
from generator.site.downloads import download_name
from generator.site.forms_fill import quarterly_summary, yearly_register
from generator.site.model import Asset, Page, SiteContext, asset_link
from generator.site.page_memo import memoized
from generator.site.render import render
from generator.xlsx.form_sheet import FilledForm, form_xlsx

SLUGS = {"平时考核结果汇总表": "pingshi-huizongbiao", "年度考核情况登记汇总表": "niandu-dengji-huizongbiao"}


def build_forms(ctx: SiteContext) -> tuple[list[Page], list[Asset]]:
    if not ctx.internal:
        return [], []
    grouped: dict[tuple[str, str, int], dict[str, dict[str, PeriodResult]]] = defaultdict(lambda: defaultdict(dict))
    for period in ctx.periods:  # (agency, scheme, year) → assessment code → label → period
        grouped[(period.agency, period.scheme.code, period.year)][period.assessment.code][period.label] = period
    pages, assets, index = [], [], []
    for (agency_code, scheme_code, year), by_assessment in sorted(grouped.items()):
        scheme = ctx.project.schemes[scheme_code]
        agency = ctx.project.agencies[agency_code]
        for form in scheme.forms:
            periods = by_assessment.get(form.assessment, {})
            if not periods:
                continue
            path = f"forms/{agency_code}/{scheme_code}/{year}-{SLUGS[form.form]}.md"
            base = f"downloads/{agency_code}/{scheme_code}/" + download_name(agency.name, scheme.title, f"{year}年度", form.form)
            # a form is filled from its year's periods of the scheme (their results and, after a
            # reopening, their corrections): the preview fills it again only when one of them changed
            shown = [p for assessment in sorted(by_assessment) for _, p in sorted(by_assessment[assessment].items())]
            # the periods whose 公示 has not ended on the build date: grades an objection may still change
            open_notices = tuple(line for p in _covered(form, scheme, by_assessment) if (line := _notice_open(ctx, p)))
            elsewhere = _elsewhere(ctx, agency_code, scheme, year)
            text, workbook = memoized(ctx.memo, ("form", agency_code, scheme_code, year, form.form, tuple(tuple(p.corrections) for p in shown),
                                                 open_notices, tuple(sorted(elsewhere.items()))),
                                      shown, _filled, form, agency, scheme, year, by_assessment, path, base, open_notices, elsewhere)
            assets.append(Asset(base + ".xlsx", workbook))
            pages.append(Page(path, text))
            draft = 'class="kaohe-form-draft"' in text  # the page marks an unfinished form: the index says so beside it
            index.append((agency.name, scheme.title, year, form.form, ctx.link("forms/index.md", path), draft))
    pages.append(Page("forms/index.md", render("forms_index.md.j2", rows=index)))
    return pages, assets


def _elsewhere(ctx: SiteContext, agency: str, scheme, year: int) -> dict[str, str]:
    """Quarters of the year the agency assessed under a scheme this one revises or is revised by
    (previous:): a scheme replaced mid-year leaves its form without them, which are not missing."""
    schemes, family = ctx.project.schemes, {scheme.code}
    while True:  # linked by previous: either way, however many revisions
        linked = {s.code for s in schemes.values() if s.previous in family}
        linked |= {schemes[c].previous for c in family if c in schemes and schemes[c].previous}
        if linked <= family:
            break
        family |= linked
    return {p.label: f"《{p.scheme.title}》" for p in ctx.periods
            if p.agency == agency and p.year == year and p.scheme.code in family - {scheme.code}
            and p.label in ("Q1", "Q2", "Q3", "Q4") and p.assessment.rolls_up is None}


def _covered(form, scheme, by_assessment: dict[str, dict[str, PeriodResult]]) -> list[PeriodResult]:
    """The periods a form is filled from: the quarters, and for the register its year too."""
    periods = by_assessment.get(form.assessment, {})
    if form.form == "平时考核结果汇总表" or not periods:
        return [p for _, p in sorted(periods.items())]
    yearly = periods.get("Y") or next(iter(periods.values()))
    source = scheme.assessment(yearly.assessment.rolls_up or "")
    return [p for _, p in sorted(by_assessment.get(source.code, {}).items())] + [yearly] if source else [yearly]


def _notice_open(ctx: SiteContext, period: PeriodResult) -> str:
    """A sentence for a period whose 公示 has not ended on the build date, else ""."""
    if not ctx.has_notice(period):
        return ""
    state = ctx.notice_state(period)
    if state.state not in ("未开始", "公示中") or state.end is None:
        return ""
    doing = "公示尚未开始" if state.state == "未开始" else "正在公示"
    return (f"{period.period_name}：{doing}，{state.end.year}年{state.end.month}月{state.end.day}日结束（按生成本站的日期 "
            f"{ctx.today.isoformat()}）；公示期内的异议可能改变结果，公示结束后重新生成再报送")


def _filled(form, agency, scheme, year: int, by_assessment: dict[str, dict[str, PeriodResult]], path: str, base: str,
            open_notices: tuple[str, ...] = (), elsewhere: dict[str, str] | None = None) -> tuple[str, bytes]:
    """The form's page and its workbook."""
    periods = by_assessment.get(form.assessment, {})
    if form.form == "平时考核结果汇总表":
        filled = quarterly_summary(form, agency, year, periods, elsewhere)
    else:
        yearly = periods.get("Y") or next(iter(periods.values()))
        source = scheme.assessment(yearly.assessment.rolls_up or "")
        filled = yearly_register(form, agency, yearly, by_assessment.get(source.code, {}) if source else {}, elsewhere)
    filled.pending += open_notices
    return _page(filled, path, base, agency.name, scheme.title, year, form.form), form_xlsx(filled)


def _page(filled: FilledForm, path: str, base: str, agency: str, scheme: str, year: int, kind: str) -> str:
    return render("form.md.j2", f=filled, page_title=f"{agency} · {year}年度 · {kind}", agency=agency, scheme=scheme,
                  download=asset_link(path, base + ".xlsx"))
