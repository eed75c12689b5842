"""A closed period's 公示 is frozen too: the list, its columns, title, issuer, number, dates and the
holidays that set them. `kaohe close` records them in the lock (frozen.notice); a build or a check
whose 公示 would differ — the scheme's publicity, agency.yaml or holidays.yaml edited after closing —
fails with `notice-frozen-changed`, naming what changed, as a changed result does.

`check_notices` is also what lets `kaohe check` find every notice problem a build would: it works
out every 公示's dates on the holiday calendar (an impossible or undecidable date is reported).
"""

from __future__ import annotations

import datetime as dt

from generator.archive.locks import lock_path, read_lock
from generator.core.problems import Problems
from generator.engine.results import PeriodResult
from generator.project.model import Project
from generator.site.model import SiteContext
from generator.site.pages_notice import notice_table, notice_title

LABELS = {
    "published": "是否公示", "title": "标题", "columns": "列", "rows": "名单", "issuer": "落款", "number": "文号",
    "contact": "受理复核", "objection": "复核说明", "start": "开始日期", "end": "结束日期", "days": "工作日数",
    "holidays": "公示期内的节假日",
}


def notice_record(ctx: SiteContext, period: PeriodResult) -> dict:
    """What the period's 公示 shows, as plain JSON values."""
    if not ctx.has_notice(period):
        return {"published": False}
    state = ctx.notice_state(period)
    headers, rows = notice_table(period)
    agency = ctx.project.agencies.get(period.agency)
    notice = period.notice
    publicity = period.scheme.publicity_for(period.assessment)
    off: list[str] = []
    if state.start and state.end:
        day = state.start
        while day <= state.end:
            if not ctx.calendar.is_workday(day):
                off.append(day.isoformat())
            day += dt.timedelta(days=1)
    return {
        "published": True,
        "title": notice_title(period),
        "columns": headers,
        "rows": rows,
        "issuer": (notice.issuer if notice and notice.issuer else None) or (agency.issuer or agency.name if agency else None),
        "number": notice.number if notice else None,
        "contact": (notice.contact if notice and notice.contact else None) or (agency.contact if agency else None),
        "objection": publicity.objection,
        "start": state.start.isoformat() if state.start else None,
        "end": state.end.isoformat() if state.end else None,
        "days": state.days,
        "holidays": off,
    }


def _words(key: str, old, new) -> str:
    if key == "rows":
        if len(old or []) != len(new or []):
            return f"名单 {len(old or [])} 人 → {len(new or [])} 人"
        return "名单内容变化"
    show = lambda v: "、".join(map(str, v)) if isinstance(v, list) else ("—" if v in (None, "") else str(v))  # noqa: E731
    return f"{LABELS.get(key, key)} {show(old)} → {show(new)}"


def check_notice_locks(ctx: SiteContext) -> None:
    """Work out every 公示's dates (problems reported), then compare closed periods with their lock."""
    for period in ctx.periods:
        if ctx.has_notice(period):
            ctx.notice_state(period)
    for period in ctx.periods:
        path = lock_path(ctx.project, period)
        if not path.is_file():
            continue
        shown = ctx.project.rel(path)
        lock = read_lock(path, ctx.problems, shown)
        if lock is None or lock.get("state") != "closed" or not isinstance(lock["frozen"].get("notice"), dict):
            continue  # open, broken (reported by check_locks) or closed before notices were frozen
        frozen, now = lock["frozen"]["notice"], notice_record(ctx, period)
        changed = [_words(k, frozen.get(k), now.get(k)) for k in LABELS if frozen.get(k) != now.get(k) and (k in frozen or k in now)]
        if changed:
            ctx.problems.add(
                shown, None, None, "notice-frozen-changed",
                f"{period.period_name}{period.assessment.name}已关闭，但公示内容会改变（方案的 publicity、agency.yaml 或 holidays.yaml 被修改）："
                f"{'；'.join(changed)}。请恢复这些设置；如属更正，运行 kaohe reopen {period.scheme.code} {period.year}-{period.label} --agency {period.agency} --reason 理由。",
            )


def notice_context(project: Project, periods: list[PeriodResult], problems: Problems) -> SiteContext:
    from generator.core.clock import build_date
    from generator.site.workdays import load_calendar

    return SiteContext(project, periods, "public", build_date(project.settings), load_calendar(project, problems), problems, project.settings)


def check_notices(project: Project, periods: list[PeriodResult], problems: Problems) -> None:
    """For `kaohe check`: the notice problems a build would report."""
    check_notice_locks(notice_context(project, periods, problems))
