"""The days off the law fixes every year, for the years the built-in calendar does not know yet.

国务院《全国年节及纪念日放假办法》(revised 2024, in force from 2025) gives every year 13 statutory days
off: 元旦 1 (January 1), 春节 4 (除夕 to 正月初三), 清明节 1 (the day of the 清明 solar term), 劳动节 2
(May 1–2), 端午节 1 (五月初五), 中秋节 1 (八月十五), 国庆节 3 (October 1–3). A content/holidays.yaml that
describes a later year must list every one of them: a whole year (years:) leaving one out, or listing fewer
than 13 days off, is incomplete, and a covers range leaving one out is an error; both name the days.
Such a day is a day off all the same, so no 公示 is ever given an end date on it. The lunar festivals'
dates are read from generator/data/lunar_festivals.txt (converted from the lunar calendar by two
independent implementations that agree, and tested against every arrangement the built-in calendar
holds): a count alone let a file with last year's 春节 copied in, or without 国庆, pass.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from importlib import resources

STATUTORY_DAYS_A_YEAR = 13
FIRST_YEAR = 2025  # the revised 办法: 劳动节 2 days, 13 in all
_FIXED = ((1, 1, "元旦"), (5, 1, "劳动节"), (5, 2, "劳动节"), (10, 1, "国庆节"), (10, 2, "国庆节"), (10, 3, "国庆节"))


@functools.lru_cache(maxsize=1)
def _lunar_table() -> dict[int, tuple[dt.date, dt.date, dt.date]]:
    table = {}
    for line in resources.files("generator").joinpath("data/lunar_festivals.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            year, *days = line.split()
            eve, dragon, moon = (dt.date.fromisoformat(f"{year}-{day}") for day in days)
            table[int(year)] = (eve, dragon, moon)
    return table


def lunar_festivals(year: int) -> tuple[dt.date, dt.date, dt.date] | None:
    """(除夕, 端午, 中秋) of `year` in the Gregorian calendar; None beyond the table (2004–2099)."""
    return _lunar_table().get(year)


def statutory_days_off(year: int) -> list[tuple[dt.date, str]]:
    """The statutory days off of `year` (from the revised 办法 on): the fixed ones, 清明 (a solar
    term's day) and the lunar festivals."""
    if year < FIRST_YEAR:
        return []
    days = [(dt.date(year, month, day), name) for month, day, name in _FIXED]
    lunar = lunar_festivals(year)
    if lunar is not None:
        eve, dragon, moon = lunar
        days += [(eve + dt.timedelta(days=n), "春节") for n in range(4)] + [(dragon, "端午节"), (moon, "中秋节")]
    try:
        from chinese_calendar import get_solar_terms

        days += [(day, "清明节") for day, term in get_solar_terms(dt.date(year, 4, 1), dt.date(year, 4, 10)) if term == "清明"]
    except (ImportError, NotImplementedError, KeyError, IndexError, ValueError):  # the package's own span: 清明 not checked
        pass
    return sorted(set(days))


def check_statutory_days(holidays: set[dt.date], years: dict[int, int | None], covers: list[tuple[dt.date, dt.date, int | None]],
                         builtin_knows: Callable[[dt.date], bool], report: Callable[[int | None, str, str], None]) -> None:
    """Report the years and ranges of holidays.yaml that leave out statutory days off, and add those days."""
    for year, line in sorted(years.items()):
        if builtin_knows(dt.date(year, 1, 1)) or year < FIRST_YEAR:
            continue
        listed = sum(1 for day in holidays if day.year == year)
        missing = [(day, name) for day, name in statutory_days_off(year) if day not in holidays]
        if listed < STATUTORY_DAYS_A_YEAR or missing:
            left = f"，其中没有 {_named(missing)}" if missing else ""
            report(line, "calendar-year-incomplete",
                   f"years 写明了 {year} 年全年，但 holidays 列了 {year} 年的 {listed} 天{left}：法定节假日每年至少 {STATUTORY_DAYS_A_YEAR} 天"
                   f"（元旦 1、春节 4（除夕至初三）、清明节 1、劳动节 2、端午节 1、中秋节 1、国庆节 3），没列的日子都会被当作工作日，公示期会算错"
                   f"{'（多半是照抄了别的年份的日期：春节、端午、中秋每年的公历日期不同）' if missing and listed >= STATUTORY_DAYS_A_YEAR else ''}。"
                   f"请照国务院办公厅公布的 {year} 年放假安排把放假的日子全部写进 holidays、调休上班的周末写进 workdays；"
                   f"还没有公布全年安排的，不写 years，改用 covers 写明已知安排的日期范围。")
    whole = set(years)
    for start, end, line in covers:
        missing = [(day, name) for year in range(start.year, end.year + 1) if year not in whole for day, name in statutory_days_off(year)
                   if start <= day <= end and day not in holidays and not builtin_knows(day)]
        if missing:
            report(line, "calendar-holiday-missing",
                   f"covers 中 {start.isoformat()} 至 {end.isoformat()} 包含法定节假日 {_named(missing)}，holidays 中却没有列出；"
                   f"请照国务院办公厅公布的放假安排把它们（以及连休的其他日子）写进 holidays，调休上班的周末写进 workdays。"
                   "在改正之前，这些日子照法定节假日计算。")
        holidays.update(day for day, _ in missing)
    for year in whole:  # a whole year that left them out: reported above, and still days off
        if not builtin_knows(dt.date(year, 1, 1)):
            holidays.update(day for day, _ in statutory_days_off(year))


def _named(days: list[tuple[dt.date, str]]) -> str:
    return "、".join(f"{day.isoformat()}（{name}）" for day, name in days)
