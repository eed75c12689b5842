"""公示期 in working days on the Chinese statutory holiday calendar.

The chinesecalendar package knows the State Council's holidays and 调休 working days up to its
last published year; content/holidays.yaml extends or overrides it:

    holidays: [2027-01-01, 2027-02-06, …]     # days off (法定节假日)
    workdays: [2027-02-14, …]                 # weekend days that are worked (调休上班)
    years: [2027]                             # years this file fully describes, or:
    covers: [{from: 2027-01-01, to: 2027-01-31}]   # date ranges it fully describes

A date that neither source can decide is an error, not a guess.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from generator.core.problems import Problems
from generator.project.discover import safe_path
from generator.project.model import Project
from generator.scheme.yaml_source import load_yaml


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

    def _described(self, day: dt.date) -> bool:
        return day.year in self.years or any(start <= day <= end for start, end in self.covers)

    def is_workday(self, day: dt.date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        if self._described(day):
            return day.weekday() < 5
        try:
            return _library_workday(day)
        except (NotImplementedError, ImportError):
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


@functools.lru_cache(maxsize=4096)
def _library_workday(day: dt.date) -> bool:
    """chinesecalendar's answer, which is fixed for a day: asked once a process. Every build of a
    preview works out each 公示's days again, and the package checks its date range on every call.
    A day it cannot decide raises, and is asked again (lru_cache keeps no exceptions)."""
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


def calendar_from_data(data: dict | None) -> tuple[HolidayCalendar, list[str]]:
    """Build the calendar from holidays.yaml data; return it with a list of error messages."""
    calendar = HolidayCalendar()
    errors: list[str] = []
    if not data:
        return calendar, errors
    for key, target in (("holidays", calendar.holidays), ("workdays", calendar.workdays)):
        for value in data.get(key) or []:
            try:
                target.add(dt.date.fromisoformat(str(value)))
            except ValueError:
                errors.append(f"{key} 中的「{value}」不是日期（写成 2027-01-01）")
    for value in data.get("covers") or []:
        try:
            calendar.covers.append((dt.date.fromisoformat(str(value["from"])), dt.date.fromisoformat(str(value["to"]))))
        except (KeyError, TypeError, ValueError):
            errors.append(f"covers 中的「{value}」应写成 {{from: 2027-01-01, to: 2027-01-31}}")
    for value in data.get("years") or []:
        try:
            calendar.years.add(int(value))
        except (TypeError, ValueError):
            errors.append(f"years 中的「{value}」不是年份")
    return calendar, errors


def load_calendar(project: Project, problems: Problems):
    path = project.root / "content" / "holidays.yaml"
    data = None
    if path.exists() and safe_path(project.root, path, project, problems):
        data, _ = load_yaml(path, problems, project.rel(path))
    calendar, errors = calendar_from_data(data if isinstance(data, dict) else None)
    for message in errors:
        problems.add(project.rel(path), None, None, "bad-value", message)
    return calendar
