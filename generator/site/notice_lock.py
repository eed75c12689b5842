"""A closed period's 公示 is frozen too: the list, its columns, title, issuer, number, dates and the
holidays that set them. `kaohe close` records them in the lock (frozen.notice); a build or a check
whose 公示 would differ — the scheme's publicity, agency.yaml or holidays.yaml edited after closing —
fails with `notice-frozen-changed`, naming what changed, as a changed result does, and why: the
lock records the SHA-256 of every file that shapes the 公示 (frozen.notice.sources), so the message
names the files edited since, or, none being edited, says the difference comes from the Kaohe
program itself (a newer version ranking or counting the list otherwise) and how to accept it. A lock
written before the sources were recorded is judged by the files it did record, and says which it did not.

`check_notices` is also what lets `kaohe check` find every notice problem a build would: it works
out every 公示's dates on the holiday calendar (an impossible or undecidable date is reported).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from generator.archive.locks import context_files, files_words, lock_path, other_period, read_lock
from generator.archive.program import program_changes, unchanged_program_words
from generator.core.problems import Problems
from generator.engine.results import PeriodResult
from generator.project.model import Project
from generator.scheme.policy import APPROVER
from generator.site.model import SiteContext
from generator.site.pages_notice import notice_table, notice_title

LABELS = {
    "published": "是否公示", "title": "标题", "columns": "列", "rows": "名单", "issuer": "落款", "number": "文号",
    "contact": "受理复核", "objection": "复核说明", "start": "开始日期", "end": "结束日期", "days": "工作日数",
    "holidays": "公示期内的节假日", "approver": "审定机构",
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
    # the approving body only where a scheme names its own: the locks of periods closed before it are unchanged
    approver = {"approver": publicity.approver} if publicity.approver != APPROVER else {}
    return {
        **approver,
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


HOLIDAYS = "content/holidays.yaml"


def notice_sources(project: Project, period: PeriodResult) -> dict[str, str]:
    """SHA-256 of every file the 公示 is made from ("" for one absent, as holidays.yaml may be)."""
    agency = project.agencies.get(period.agency)
    rels = {*period.files, *context_files(project, period), HOLIDAYS, *([agency.file] if agency and agency.file else [])}
    found = {}
    for rel in sorted(rels):
        path = project.root / rel
        try:
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() and not path.is_symlink() else ""
        except OSError:
            found[rel] = ""
    return found


def _cause(ctx: SiteContext, period: PeriodResult, lock: dict) -> str:
    """Why a closed 公示 differs, as far as the lock can tell: the files edited since, or the program."""
    now = notice_sources(ctx.project, period)
    recorded = lock["frozen"]["notice"].get("sources")
    if isinstance(recorded, dict):
        known, unrecorded = recorded, []
    else:  # closed by a Kaohe that recorded only the period's own files and its scheme
        known = {**lock["frozen"].get("inputs", {}), **lock["frozen"].get("context", {})}
        unrecorded = sorted(k for k in now if k not in known and (k == HOLIDAYS or k.endswith("/agency.yaml")))
    edited = sorted(k for k in set(known) | set(now) if k not in unrecorded and known.get(k, "") != now.get(k, ""))
    reopen = f"kaohe reopen {period.scheme.code} {period.year}-{period.label} --agency {period.agency}"
    if edited:
        return (f"关闭后{files_words(known, now, edited)}。请恢复其中与公示有关的改动；如属更正，运行 {reopen} --reason 理由，"
                "改好后运行 kaohe close 重新关闭。")
    program = unchanged_program_words(lock)
    if program_changes(lock) != []:  # the program changed (or the lock cannot tell): say what to do about it
        program += (f"：新版本可能改变了公示的做法（如名次只在公示名单中排列、公开的人数只数名单上的人）或日期。"
                    f"请核对上面的变化：新的公示无误的，运行 {reopen} --reason \"升级 Kaohe 后按新版规则重新生成公示\"，"
                    "再运行 kaohe close 重新关闭（更正说明会显示在该期页面上）；要保持已公示的内容，请用关闭时的 Kaohe 版本生成网站。")
    else:
        program += "。"
    if unrecorded:
        return (f"方案和本期的文件在关闭后都没有修改；这个锁定文件是较早版本的 Kaohe 写的，没有记录 {'、'.join(unrecorded)}——"
                f"如果它们在关闭后修改过，请恢复；如果没有，{program}")
    return f"方案、agency.yaml、holidays.yaml 和本期的文件在关闭后都没有修改，{program}"


def _words(key: str, old, new) -> str:
    if key == "approver":  # recorded only when not the default
        old, new = old or APPROVER, new or APPROVER
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
        if lock is None or lock.get("state") != "closed" or not isinstance(lock["frozen"].get("notice"), dict) or other_period(lock, period):
            continue  # open, broken or another period's (reported by check_locks), or closed before notices were frozen
        frozen, now = lock["frozen"]["notice"], notice_record(ctx, period)
        changed = [_words(k, frozen.get(k), now.get(k)) for k in LABELS if frozen.get(k) != now.get(k) and (k in frozen or k in now)]
        if changed:
            ctx.problems.add(
                shown, None, None, "notice-frozen-changed",
                f"{period.period_assessment}已关闭，但公示内容会改变：{'；'.join(changed)}。{_cause(ctx, period, lock)}",
            )


def notice_context(project: Project, periods: list[PeriodResult], problems: Problems) -> SiteContext:
    from generator.core.clock import build_date
    from generator.site.workdays import load_calendar

    return SiteContext(project, periods, "public", build_date(project.settings), load_calendar(project, problems), problems, project.settings)


def check_notices(project: Project, periods: list[PeriodResult], problems: Problems) -> None:
    """For `kaohe check`: the notice problems a build would report."""
    check_notice_locks(notice_context(project, periods, problems))
