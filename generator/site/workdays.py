"""公示期 in working days on the Chinese statutory holiday calendar.

The chinesecalendar package knows the State Council's holidays and 调休 working days up to its
last published year (built in); content/holidays.yaml adds to it:

    years: [2027]                                  # years this file describes, and/or
    covers: [{from: 2027-01-01, to: 2027-01-31}]   # date ranges it describes
    holidays: [2027-01-01, 2027-02-06, …]          # days off in those years/ranges
    # (a run of days as the State Council's notice lists it: "2027-02-05 至 2027-02-11", at most a month)
    workdays: [2027-02-14, …]                      # weekend days worked (调休上班) in them

Every listed date must lie in `years` or `covers`. For a date the built-in calendar knows, it
decides and the file only adds (a local extra day off, a worked weekend); a listed date contradicting
the State Council's arrangement (a 法定节假日 as a workday, a 调休上班日 as a holiday) is an error.
For a date it does not know, a date the file describes is a working day Monday–Friday unless listed.
A date that neither source can decide is an error, not a guess; so is every slip in the file.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from generator.core.problems import Problem, Problems, Severity
from generator.core.written_dates import DAY_RE, plain, serial_day, written_date
from generator.project.model import Project
from generator.project.safe_paths import safe_path
from generator.scheme.yaml_source import Marks, load_yaml
from generator.site.statutory_days import FIRST_YEAR, check_statutory_days

KEYS = ("years", "covers", "holidays", "workdays")
EXAMPLES = {"holidays": "[2027-01-01]", "workdays": "[2027-02-14]", "years": "[2027]", "covers": "[{from: 2027-01-01, to: 2027-01-31}]"}
FESTIVALS = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利 70 周年纪念日",
}


class UnknownDate(ValueError):
    def __init__(self, day: dt.date):
        super().__init__(f"节假日日历不包含 {day.isoformat()}")
        self.day = day


@dataclass
class HolidayCalendar:
    holidays: set[dt.date] = field(default_factory=set)
    workdays: set[dt.date] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    covers: list[tuple[dt.date, dt.date]] = field(default_factory=list)

    def described(self, day: dt.date) -> bool:
        return day.year in self.years or any(start <= day <= end for start, end in self.covers)

    def is_workday(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        try:
            return _library_workday(day)
        except (NotImplementedError, ImportError):
            if self.described(day):
                return day.weekday() < 5
            raise UnknownDate(day) from None

    def add_workdays(self, start: dt.date, count: int) -> dt.date:
        """The last day of a period of `count` working days beginning on `start` (inclusive)."""
        day = start
        while not self.is_workday(day):
            day += dt.timedelta(days=1)
        remaining = count - 1
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days from start to end inclusive (0 if end < start)."""
        count, day = 0, start
        while day <= end:
            if self.is_workday(day):
                count += 1
            day += dt.timedelta(days=1)
        return count

    def coverage(self) -> str:
        """What content/holidays.yaml describes, in words."""
        parts = [f"{y} 年全年" for y in sorted(self.years)]
        parts += [f"{a.isoformat()} 至 {b.isoformat()}" for a, b in sorted(self.covers) if a.year not in self.years or b.year not in self.years]
        return "、".join(parts)

    def why_unknown(self, day: dt.date) -> str:
        """Why `day` cannot be decided: how far each source goes and which dates neither covers."""
        starts = [a for a, _ in self.covers if a > day] + [dt.date(y, 1, 1) for y in self.years if y > day.year]
        gap = f"{day.isoformat()} 至 {(min(starts) - dt.timedelta(days=1)).isoformat()} 的日期" if starts else f"从 {day.isoformat()} 起的日期"
        covered = self.coverage()
        own = f"content/holidays.yaml 只写明了 {covered}" if covered else "content/holidays.yaml 没有写明任何日期（years 或 covers）"
        return f"内置节假日日历只有 {builtin_span()}，{own}，{gap}都不在日历中"


@functools.lru_cache(maxsize=4096)
def _library_workday(day: dt.date) -> bool:
    """chinesecalendar's answer, which is fixed for a day: asked once a process. Every build of a
    preview works out each 公示's days again, and the package checks its date range on every call.
    A day it cannot decide raises, and is asked again (lru_cache keeps no exceptions)."""
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


def builtin_span() -> str:
    try:
        from chinese_calendar import constants
    except ImportError:  # pragma: no cover - a dependency
        return "（未安装）"
    years = [d.year for d in constants.holidays]
    return f"{min(years)}—{max(years)} 年"


def _builtin_arrangement(day: dt.date) -> tuple[str, str] | None:
    """('holiday' | 'workday', festival) if the State Council's arrangement names `day`."""
    try:
        from chinese_calendar import constants
    except ImportError:  # pragma: no cover - a dependency
        return None
    if day in constants.holidays:
        return "holiday", FESTIVALS.get(constants.holidays[day], constants.holidays[day])
    if day in constants.workdays:
        return "workday", FESTIVALS.get(constants.workdays[day], constants.workdays[day])
    return None


def _as_list(data: dict, key: str, at, report) -> list:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, list):
        return value
    scalar = not isinstance(value, dict) and key != "covers"
    example = f"[{value}]" if scalar else f"[{_shown(value)}]" if key == "covers" and isinstance(value, dict) else EXAMPLES[key]
    report(at((key,)), "wrong-type", f"{key} 应是列表，即使只有一项也要加方括号：写成 {key}: {example}" + ("，多项用英文逗号分隔" if scalar else "") + "。")
    return []


def _shown(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return str(value)


def _line(line: int | None) -> str:
    return f"（第 {line} 行）" if line else ""


def _date(value) -> dt.date | None:
    return written_date(value)  # 2027-01-01, and 2027/1/1 or 2027年1月1日 as offices write it


# 2027-02-05 至 2027-02-11 as the State Council's notice lists a festival (春节：2月5日至11日放假调休): its days
_RANGE_RE = re.compile(rf"\s*({DAY_RE.pattern})\s*(?:至|到|~|～|—|–|－|-(?=\s*\d{{4}}\s*[-/.年]))\s*({DAY_RE.pattern})\s*")


def _dates(value) -> list[dt.date] | None:
    """The day a holidays/workdays entry names, or the days of a range of at most a month; None for neither."""
    day = _date(value)
    if day is not None:
        return [day]
    found = _RANGE_RE.fullmatch(plain(value)) if isinstance(value, str) else None
    ends = (_date(found.group(1)), _date(found.group(7))) if found else (None, None)
    if ends[0] is None or ends[1] is None or not 0 <= (ends[1] - ends[0]).days <= 31:
        return None
    return [ends[0] + dt.timedelta(days=n) for n in range((ends[1] - ends[0]).days + 1)]


def read_calendar(data, marks: Marks | None, shown: str, problems: Problems) -> HolidayCalendar:
    """The calendar from holidays.yaml data; every slip reported (with its line) and left out."""
    calendar = HolidayCalendar()
    marks = marks or Marks(shown)

    def at(path) -> int | None:
        return marks.find(path)[0] if marks.at else None

    causes: list = []  # a broken years/covers entry: the dates outside the coverage only follow from it

    slips: list = []  # any slip in the file: a statutory day it seems to leave out may only follow from it

    def report(line, code, message, first=False):
        problem = problems.add(shown, line, None, code, message, first=first)
        slips.append(problem)
        if first:
            causes.append(problem)

    def report_missing(line, code, message):
        if slips:
            problems.follow_from(slips[0])
        else:
            problems.add(shown, line, None, code, message)

    if data is None:
        return calendar
    if not isinstance(data, dict):
        report(at(()), "wrong-type", "holidays.yaml 应写成 years:、covers:、holidays:、workdays: 这几个键，例如 covers: [{from: 2027-01-01, to: 2027-01-31}] 和 holidays: [2027-01-01]。")
        return calendar
    for key in data:
        if key not in KEYS:
            report(marks.key((key,))[0] if marks.at else None, "unknown-key", f"holidays.yaml 中不认识「{key}」；可用的键是 {'、'.join(KEYS)}（如 holidays: [2027-01-01]）。")
    cover = lambda line, code, message: report(line, code, message, first=True)  # noqa: E731
    year_lines: dict[int, int | None] = {}
    cover_lines: list[tuple[dt.date, dt.date, int | None]] = []
    for i, value in enumerate(_as_list(data, "years", at, cover)):
        text = str(value).strip()
        if isinstance(value, bool) or not text.isdigit() or not 1950 <= int(text) <= 2199:
            cover(at(("years", i)), "bad-value", f"years 中的「{value}」不是年份；写四位数的年份，如 years: [2027]。")
        else:
            calendar.years.add(int(text))
            year_lines.setdefault(int(text), at(("years", i)))
    for i, value in enumerate(_as_list(data, "covers", at, cover)):
        ends = (_date(value.get("from")), _date(value.get("to"))) if isinstance(value, dict) and set(value) == {"from", "to"} else (None, None)
        if None in ends:
            cover(at(("covers", i)), "bad-value", f"covers 中的「{_shown(value)}」应写成 {{from: 2027-01-01, to: 2027-01-31}}（开始和结束日期，含两端）。")
        elif ends[0] > ends[1]:
            cover(at(("covers", i)), "bad-value", f"covers 中 from {ends[0].isoformat()} 晚于 to {ends[1].isoformat()}；from 写开始日期，to 写结束日期，对调两者。")
        else:
            calendar.covers.append(ends)
            cover_lines.append((*ends, at(("covers", i))))
    listed: dict[str, dict[dt.date, int | None]] = {"holidays": {}, "workdays": {}}
    for key, dates in listed.items():
        for i, value in enumerate(_as_list(data, key, at, report)):
            days = _dates(value)
            if days is None:
                serial = serial_day(value)
                said = f"是表格软件的日期序号（相当于 {serial.isoformat()}），不是日期" if serial else "不是日期"
                report(at((key, i)), "bad-value", f"{key} 中的「{value}」{said}；写成 2027-01-01 这样的年-月-日"
                                                  "（连续几天可写成 2027-02-05 至 2027-02-11，最长一个月，开始日期在前）。")
                continue
            for day in days:
                if not calendar.described(day) and causes:
                    problems.follow_from(causes[0])
                elif not calendar.described(day):
                    covered = calendar.coverage()
                    report(at((key, i)), "calendar-outside-covers",
                           f"{key} 中的 {day.isoformat()} 不在本文件 years 或 covers 写明的范围（{covered or '没有写明任何范围'}）内，没有计入日历。"
                           f"如确是本单位放假或调休上班，在 covers 中加上 {{from: {day.isoformat()}, to: {day.isoformat()}}}；否则删去或改正这个日期。")
                    break
                else:
                    dates.setdefault(day, at((key, i)))
    for day in sorted(set(listed["holidays"]) & set(listed["workdays"])):
        report(listed["workdays"][day], "calendar-holiday-and-workday",
               f"{day.isoformat()} 同时写在 holidays{_line(listed['holidays'][day])}和 workdays 中；这一天只能是其中之一，删去错的一处。")
        del listed["holidays"][day], listed["workdays"][day]
    for key, opposite, word in (("holidays", "workday", "调休上班日"), ("workdays", "holiday", "法定节假日")):
        for day, line in listed[key].items():
            arrangement = _builtin_arrangement(day)
            if arrangement and arrangement[0] == opposite:
                report(line, "calendar-contradicts-builtin",
                       f"{key} 中的 {day.isoformat()} 在国务院的安排（内置日历）中是{arrangement[1]}的{word}，与本文件矛盾，没有计入日历；"
                       f"请核对日期，删去这一项（内置日历已经包含该年的节假日和调休安排）。")
            else:
                getattr(calendar, key).add(day)
            if key == "workdays" and day.weekday() < 5 and arrangement is None:  # a 调休上班日 is a weekend day
                problems.add(shown, line, None, "calendar-workday-weekday",
                             f"workdays 中的 {day.isoformat()} 是星期{'一二三四五'[day.weekday()]}，本来就是工作日，写在这里不起作用；"
                             "workdays 只写调休上班的周六、周日。多半是日期写错了（真正调休上班的周末就没有计入，跨过它的公示会晚一天结束），"
                             "或者是放假的日子写错了地方（应写进 holidays）。请照放假安排核对。", Severity.WARNING)
    check_statutory_days(calendar.holidays, year_lines, cover_lines, _builtin_knows, report_missing)
    for year, line in sorted(year_lines.items()):  # every arrangement so far has 5–12 worked weekend days
        if not slips and year >= FIRST_YEAR and not _builtin_knows(dt.date(year, 1, 1)) and not any(d.year == year for d in calendar.workdays):
            problems.add(shown, line, None, "calendar-workdays-missing",
                         f"years 写明了 {year} 年全年，workdays 中却没有 {year} 年的调休上班日：国务院每年的放假安排都有几个调休上班的周末"
                         f"（2004—2026 年每年 5 到 12 天），没写的都会被当作休息日，跨过它的公示会晚一天结束。"
                         f"请照 {year} 年的放假安排把调休上班的日子写进 workdays（如 workdays: [{year}-02-13]）；当年确实没有调休的，可以不管这条提示。",
                         Severity.WARNING)
    return calendar


def _builtin_knows(day: dt.date) -> bool:
    try:
        _library_workday(day)
        return True
    except (NotImplementedError, ImportError):
        return False


def calendar_from_data(data: dict | None) -> tuple[HolidayCalendar, list[Problem]]:
    """The calendar from holidays.yaml data (no line numbers); with the problems found in it."""
    problems = Problems()
    calendar = read_calendar(data, None, "content/holidays.yaml", problems)
    return calendar, list(problems)


def load_calendar(project: Project, problems: Problems):
    path = project.root / "content" / "holidays.yaml"
    if path.exists() and safe_path(project.root, path, project, problems):
        data, marks = load_yaml(path, problems, project.rel(path))
        return read_calendar(data, marks, project.rel(path), problems)
    return HolidayCalendar()
