"""What every page builder shares: the computed model, the audience, the date, paths and links.

Privacy by construction: page builders ask `ctx.internal` before they put a score, an item
value, an ID or a note on a page; the public edition's builders never receive more than the
scheme's publicity settings allow (see notice_rows and summary_counts).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from generator.core.problems import Problems, Severity
from generator.engine.results import PeriodResult
from generator.project.model import Project
from generator.project.slugs import unlisted_slug
from generator.scheme.model import Scheme
from generator.site.page_memo import PageMemo
from generator.site.workdays import HolidayCalendar, UnknownDate

HOLIDAYS_FILE = "content/holidays.yaml"


@dataclass
class Page:
    path: str  # relative to docs/, always .md
    text: str


@dataclass
class Asset:
    path: str
    data: bytes


@dataclass
class NoticeState:
    start: dt.date | None
    end: dt.date | None
    days: int
    state: str  # 未开始 / 公示中 / 已结束 / 待定
    days_left: int | None
    blocked: bool  # an unresolved tie or a stale committee decision keeps the list from being published
    workdays: tuple[str, ...] = ()  # the 公示期's working days (ISO): the browser counts the days left from them
    ended: dt.date | None = None  # the day the 公示 ended before its last day (kaohe close --early), else None


@dataclass
class SiteContext:
    project: Project
    periods: list[PeriodResult]
    audience: str  # public | internal
    today: dt.date
    calendar: HolidayCalendar
    problems: Problems
    settings: dict = field(default_factory=dict)
    _notice_cache: dict = field(default_factory=dict)
    memo: PageMemo | None = None  # kaohe serve only: pages of the previous build, by their inputs
    _corrected: set | None = None  # (agency, scheme, year) of the periods reopened and corrected

    def corrected_year(self, period: PeriodResult) -> bool:
        """Whether a period of this one's agency, scheme and year was reopened and corrected (kaohe reopen):
        its grades reach the year's other periods through the roll-ups (summary_privacy rule 7)."""
        if self._corrected is None:
            self._corrected = {(p.agency, p.scheme.code, p.year) for p in self.periods if p.corrections}
        return (period.agency, period.scheme.code, period.year) in self._corrected

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    @property
    def title(self) -> str:
        return str(self.settings.get("title") or "考核办法与考核结果")

    # --- paths (docs-relative, codes not names)
    @staticmethod
    def handbook_path(scheme: Scheme) -> str:
        return f"handbooks/{scheme.code}.md"

    @staticmethod
    def notice_path(period: PeriodResult) -> str:
        return f"notices/{period.agency}/{period.scheme.code}/{period.year}-{period.label}.md"

    @staticmethod
    def results_path(period: PeriodResult) -> str:
        return f"results/{period.agency}/{period.scheme.code}/{period.year}-{period.label}.md"

    def results_department_path(self, period: PeriodResult, department: str) -> str:
        """One department's rows of a period too large for one page (results_layout.py), under the period."""
        return f"results/{period.agency}/{period.scheme.code}/{period.year}-{period.label}/{self.department_slug(period.agency, department)}.md"

    @staticmethod
    def period_anchor(period: PeriodResult) -> str:
        """The id of a period's section on a person's page; a person can be in two schemes' Q1."""
        return f"{period.scheme.code}-{period.year}-{period.label}"

    def department_slug(self, agency: str, department: str) -> str:
        """The department's readable address (project/slugs.py: declared in agency.yaml, else pinyin)."""
        found = self.project.agencies.get(agency)
        return found.slug_of(department) if found else unlisted_slug(department)

    def department_path(self, agency: str, department: str, year: int) -> str:
        return f"departments/{agency}/{self.department_slug(agency, department)}/{year}.md"

    @staticmethod
    def person_path(agency: str, pid: str) -> str:
        return f"people/{agency}/{person_code(pid)}.md"

    @staticmethod
    def link(from_page: str, to_page: str) -> str:
        """The relative URL from one page to another (directory URLs), for raw HTML and Markdown alike.

        Raw HTML blocks are not rewritten by mkdocs, so links are computed here once, the same way
        for every page: docs path a/b.md is served at a/b/, a/index.md at a/.
        """
        source, target = url_of(from_page), url_of(to_page)
        rel = relative(target, source)
        return "./" if rel == "." else rel + "/"

    # --- notices
    def has_notice(self, period: PeriodResult) -> bool:
        publicity = period.scheme.publicity_for(period.assessment)
        return publicity.publish and period.notice is not None and period.notice.start is not None and period.assessment.grades is not None

    def notice_state(self, period: PeriodResult) -> NoticeState:
        key = period.key
        if key in self._notice_cache:
            return self._notice_cache[key]
        publicity = period.scheme.publicity_for(period.assessment)
        notice = period.notice
        days = (notice.days if notice and notice.days else None) or publicity.days
        blocked = bool(period.unresolved_ties or period.held)  # an open tie, or a stale committee decision
        state = NoticeState(None, None, days, "待定", None, blocked)
        if notice and notice.start:
            try:
                start = dt.date.fromisoformat(str(notice.start))
            except ValueError:
                self.problems.add(period.files[-1] if period.files else key, None, None, "notice-invalid", f"公示开始日期「{notice.start}」不是日期。")
                self._notice_cache[key] = state
                return state
            try:
                end = self.calendar.add_workdays(start, days)
                state.start, state.end = start, end
                state.workdays = tuple(d.isoformat() for d in (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
                                       if self.calendar.is_workday(d))
                if self.today < start:
                    state.state = "未开始"
                elif self.today <= end:
                    state.state = "公示中"
                    state.days_left = self.calendar.workdays_between(self.today, end)
                else:
                    state.state = "已结束"
                if period.ended_early is not None and (ended := dt.date.fromisoformat(period.ended_early[0])) <= end:
                    state.ended = ended  # closed with --early: the committee ended it, on the pages too
                    if self.today >= ended:
                        state.state, state.days_left = "已结束", None
            except UnknownDate as exc:
                if any(p.file == HOLIDAYS_FILE and p.severity is Severity.ERROR for p in self.problems.items):
                    self.problems.follow_from(HOLIDAYS_FILE)  # the dates it meant to write are not read: that is the cause
                    self._notice_cache[key] = state
                    return state
                self.problems.add(
                    _notice_file(period),
                    None,
                    None,
                    "calendar-unknown-date",
                    f"{period.period_name}公示期需要判断 {exc.day.isoformat()} 是否为工作日，但{self.calendar.why_unknown(exc.day)}；"
                    f"请在 content/holidays.yaml 的 covers 中写明包含这些日期的范围（直到公示期结束）及其中的节假日（holidays）和调休上班日（workdays），"
                    f"国务院公布 {exc.day.year} 年全年安排后改写 years: [{exc.day.year}]。",
                )
        self._notice_cache[key] = state
        return state


def _notice_file(period: PeriodResult) -> str:
    notice = [f for f in period.files if f.endswith(".notice.yaml")]
    return notice[0] if notice else period.key


def asset_link(from_page: str, asset: str) -> str:
    """The relative URL of a file (download, image) from a page."""
    return relative(asset, url_of(from_page))


def relative(target: str, start: str) -> str:
    """posixpath.relpath for the docs tree's clean relative paths, without its abspath/getcwd per call
    (a city's internal edition makes over half a million links)."""
    to = [part for part in target.split("/") if part and part != "."]
    base = [part for part in start.split("/") if part and part != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def url_of(path: str) -> str:
    stem = path[:-3] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def person_code(pid: str) -> str:
    """A person's page name: the ID itself when it is digits, capitals, - and _ (0012, GW01,
    11010519491231002X), else a hash of it. An ID with small letters is hashed too: gw01 and GW01, two
    people, would be one file on the Windows or Mac share an office copies its site to, one person's
    page replacing the other's. A kept name has no small letter, a hashed one starts with p."""
    if re.fullmatch(r"[A-Z0-9_-]{1,40}", pid):
        return pid
    return "p" + hashlib.sha1(pid.encode("utf-8")).hexdigest()[:10]


def share_text(count: int, base: int) -> str:
    """A share of people, always with one decimal (20.0%, 16.7%): the same as the filed forms and the
    comparisons' change in points, and one number format for a whole column of a download."""
    if base == 0:
        return "—"
    from generator.core.numbers import fmt, round_half_up

    return fmt(round_half_up(Decimal(count) * 100 / Decimal(base), 1), 1) + "%"
