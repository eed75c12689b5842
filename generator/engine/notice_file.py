"""<period>.notice.yaml: a 公示's start, length, number and issuer, validated where it is read so
that `kaohe check` reports every mistake a build would meet (an impossible date, a length that is
not a whole number of working days) at its line and column."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

from generator.core.problems import Problems, Severity
from generator.core.written_dates import serial_day, written_date
from generator.engine.results import Notice
from generator.project.model import PeriodFiles, Project
from generator.scheme.periods import SCHOOL_LABELS, period_last_day, period_last_month, period_title, results_month
from generator.scheme.settings import NoticeFile, keys_of
from generator.scheme.yaml_source import load_yaml

_NOTICE_KEYS = set(keys_of(NoticeFile))  # the one list of keys: scheme/settings.py (schema, guide, this check)
MIN_YEAR, MAX_YEAR = 1950, 2199  # a 公示 date outside this is a typo (and 9999-12-30 + 5 days does not exist)
MAX_DAYS = 30  # as publicity.days and NoticeFile.days
LONG_AFTER, LONG_AFTER_YEAR = 183, 300  # days after a period's end beyond which a 公示's start is asked about
# the end an office types from its paper notice: worked out, never read (a typed one could disagree with the calendar)
_END_KEYS = frozenset({"end", "to", "until", "end_date", "结束", "结束日期", "截止", "截止日期", "公示结束", "公示结束日期", "止"})


def _start(value, shown: str, where: tuple, problems: Problems) -> str | None:
    if value is None:
        return None
    day = written_date(value) if isinstance(value, (dt.date, str)) else None  # 2025-01-06, 2025年1月6日, 2025/1/6
    if day is None:
        serial = serial_day(value)
        said = f"是表格软件的日期序号（相当于 {serial.isoformat()}），不是日期" if serial else "不是日期"
        problems.add(shown, *where, "notice-invalid", f"start「{value}」{said}；写成 2025-01-06 这样的日期（年-月-日，且这一天存在）。")
        return None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        problems.add(shown, *where, "notice-invalid", f"公示开始日期 {day.isoformat()} 不在 {MIN_YEAR}—{MAX_YEAR} 年之间，应是写错了年份。")
        return None
    return day.isoformat()


def _after_period(day: dt.date, entry: PeriodFiles, shown: str, where: tuple, problems: Problems) -> bool:
    """A 公示 of a period's results starts once the period is over: the day after a quarter's (half-year's,
    month's) last day. A 年度考核 is commonly held at the end of the year (公务员考核规定: 年末或翌年年初),
    so its 公示 may start in the year's last month; never earlier."""
    last = period_last_day(entry.year, entry.label)
    if entry.label == "Y":
        earliest = period_last_month(entry.year, entry.label)
        rule = f"年度考核的公示最早在当年最后一个月（{earliest.isoformat()} 起），一般在次年年初"
    elif entry.label in SCHOOL_LABELS:  # a school assesses a term as it ends, before the holiday (mid-January, early July)
        earliest = results_month(entry.year, entry.label)
        rule = (f"{'学年' if entry.label == 'SY' else '学期'}考核的公示最早在{'第二' if entry.label != 'S1' else '第一'}学期的最后一个月（{earliest.isoformat()} 起）；"
                f"{entry.year}—{entry.year + 1} 学年的成绩表放在学年开始那一年的 {entry.year}/ 目录中")
    else:
        earliest = last + dt.timedelta(days=1)
        rule = f"成绩公示要在考核期结束（{last.isoformat()}）之后才能开始"
    # a 公示 comes within weeks: half a year on is the year typed one on; a 年度 may be a 学年 entered as the year it
    # begins (2025—2026 学年 → 2025), published the next summer
    if day > last + dt.timedelta(days=LONG_AFTER_YEAR if entry.label == "Y" else LONG_AFTER):
        same = day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else None
        guess = f"（是否应为 {same.isoformat()}？）" if same and same >= earliest else ""
        problems.add(shown, *where, "notice-long-after-period",
                     f"公示开始日期 {day.isoformat()} 在 {period_title(entry.year, entry.label)}结束（{last.isoformat()}）{'大半年' if entry.label == 'Y' else '半年多'}以后，"
                     f"多半是年份写错了{guess}；公示页会照这个日期显示。请核对 start；确是这一天公示的，可以不管这条提示。", Severity.WARNING)
    if day >= earliest:
        return True
    problems.add(shown, *where, "notice-before-period-end",
                 f"公示开始日期 {day.isoformat()} 早于 {period_title(entry.year, entry.label)}结束：{rule}；"
                 f"请把 start 改为 {earliest.isoformat()} 或以后的实际公示日期（是否写错了年份或月份？）。")
    return False


def _days(value, shown: str, where: tuple, problems: Problems) -> int | None:
    if value is None:
        return None
    if isinstance(value, str):  # days: "5" or ５ (typed with the Chinese keyboard on): the number they say
        digits = unicodedata.normalize("NFKC", value).strip()
        value = Decimal(digits) if digits.isascii() and digits.isdigit() and len(digits) < 6 else value
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value() and 1 <= value <= MAX_DAYS:
        return int(value)
    text = "只写数字，不加「天」「个工作日」等字，如 days: 5；" if isinstance(value, str) else ""
    problems.add(shown, *where, "notice-invalid", f"days「{value}」应是 1 到 {MAX_DAYS} 之间的整数（公示几个工作日）；{text}不写则按方案规定。")
    return None


def load_notice(project: Project, entry: PeriodFiles, problems: Problems) -> Notice | None:
    assert entry.notice is not None
    shown = project.rel(entry.notice)
    data, marks = load_yaml(entry.notice, problems, shown)
    if not isinstance(data, dict):
        problems.add(shown, 1, 1, "notice-invalid", "公示设置应是映射：start: 2025-01-06  days: 5 …")
        return None
    for key in data:
        if str(key).strip().lower() in _END_KEYS:
            problems.add(shown, *marks.key((key,)), "notice-end-typed",
                         f"「{key}」不用写：公示的结束日期由 start 和 days（公示几个工作日）在节假日日历上算出，节假日顺延，写在公示页上。"
                         "请删去这一行；纸面公示写的结束日期与网站上的不同时，核对 start、days 和 content/holidays.yaml（调休上班日、放假日），不要另写结束日期。")
        elif key not in _NOTICE_KEYS:
            problems.add(shown, *marks.key((key,)), "unknown-key", f"公示设置中不认识的键「{key}」（可用：{'、'.join(sorted(_NOTICE_KEYS))}）。")
    text = {}
    for key in ("number", "issuer", "contact", "correction"):
        value = data.get(key)
        if isinstance(value, Decimal) and value.is_finite():
            value = marks.plain.get((key,), str(value))  # number: 012 is the 文号 as typed, not 12
        if value is not None and not isinstance(value, str):
            problems.add(shown, *marks.find((key,)), "notice-invalid", f"{key} 应是文字。")
            value = None
        text[key] = value
    start = _start(data.get("start"), shown, marks.find(("start",)), problems)
    if start is not None and not _after_period(dt.date.fromisoformat(start), entry, shown, marks.find(("start",)), problems):
        start = None
    return Notice(
        start=start,
        days=_days(data.get("days"), shown, marks.find(("days",)), problems),
        **text,
    )
