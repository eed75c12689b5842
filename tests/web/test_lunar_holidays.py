"""The lunar festivals in content/holidays.yaml: 春节 (除夕 to 初三), 端午 and 中秋 move with the
lunar calendar, so a file describing a year the built-in calendar does not know could leave them
out, or copy last year's dates, and still list 13 days off. Their days come from Kaohe's own table
of the lunar dates (generator/data/lunar_festivals.txt), checked here against the State Council's
arrangements the built-in calendar holds, and a file that leaves one out is an error naming it."""

from __future__ import annotations

import datetime as dt

import pytest
from chinese_calendar import constants

from generator.site.statutory_days import lunar_festivals, statutory_days_off
from tests.web.test_workdays import read

D = dt.date
# 2027 as the State Council might arrange it, but with 2026's 春节 (Feb 16–19) copied by mistake
FIXED_2027 = ["2027-01-01", "2027-04-05", "2027-05-01", "2027-05-02", "2027-10-01", "2027-10-02", "2027-10-03"]
LUNAR_2027 = ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-06-09", "2027-09-15"]


def _year(holidays: list[str]) -> str:
    return f"years: [2027]\nholidays: [{', '.join(holidays)}]\n"


def test_the_table_agrees_with_every_arrangement_the_builtin_calendar_knows():
    for year in (2025, 2026):  # the revised 办法: 除夕 to 初三, 端午, 中秋 are days off
        days = [day for day, _ in statutory_days_off(year)]
        assert len(days) == 13 and all(day in constants.holidays for day in days), year
    for year in range(2004, 2025):  # before: 春节 初一 to 初三, and from 2008 端午 and 中秋 (on a weekday, listed)
        eve, dragon, moon = lunar_festivals(year)
        assert constants.holidays.get(eve + dt.timedelta(days=1)) == "Spring Festival", year
        for day, name in ((dragon, "端午"), (moon, "中秋")):
            assert year < 2008 or day.weekday() >= 5 or day in constants.holidays, (year, day, name)  # 2020: 中秋 on 国庆


def test_a_whole_year_with_its_spring_festival_copied_from_last_year_is_an_error():
    copied = ["2027-02-16", "2027-02-17", "2027-02-18", "2027-02-19", "2027-06-09", "2027-09-15"]
    calendar, problems = read(_year(FIXED_2027 + copied))  # 13 days off: the count alone passes
    found = [p for p in problems if p.code == "calendar-year-incomplete"]
    assert [p.line for p in found] == [1], [p.format() for p in problems]
    assert "2027-02-05（春节）" in found[0].message and "2027-02-08（春节）" in found[0].message
    assert not calendar.is_workday(D(2027, 2, 5))  # the law's day off, even before the file is fixed


@pytest.mark.parametrize("left_out, festival", [("2027-10-01", "国庆节"), ("2027-06-09", "端午节"), ("2027-09-15", "中秋节")])
def test_a_whole_year_leaving_out_one_statutory_day_names_it(left_out, festival):
    holidays = [d for d in FIXED_2027 + LUNAR_2027 if d != left_out] + ["2027-10-04", "2027-10-05"]  # still ≥ 13 listed
    _, problems = read(_year(holidays))
    found = [p for p in problems if p.code == "calendar-year-incomplete"]
    assert len(found) == 1 and f"{left_out}（{festival}）" in found[0].message


def test_a_covers_range_over_spring_festival_without_it_is_an_error():
    calendar, problems = read("covers:\n  - {from: 2028-01-01, to: 2028-01-31}\nholidays: [2028-01-01]\n")  # 春节 2028 is in January
    missing = [p for p in problems if p.code == "calendar-holiday-missing"]
    assert [p.line for p in missing] == [2]
    assert "2028-01-25（春节）" in missing[0].message and "2028-01-28（春节）" in missing[0].message
    assert calendar.add_workdays(D(2028, 1, 24), 2) == D(2028, 1, 31)  # Mon, then the next working day after 除夕–初三


def test_the_complete_year_is_clean():
    _, problems = read(_year(FIXED_2027 + LUNAR_2027) + "workdays: [2027-02-13]\n")
    assert [p.format() for p in problems] == []


@pytest.mark.parametrize("dash", [" 至 ", "至", "~", " ~ ", "—", " - ", "到"])
def test_a_year_written_as_the_notice_lists_it_with_ranges_is_clean(dash):
    """国务院的通知 lists a festival as a range: 「春节：2月5日至11日放假调休，共7天」. holidays: [2027-02-05 至 2027-02-11]
    was bad-value (不是日期), the office made to write seven dates by hand; a range of up to a month is read as its days."""
    holidays = ["2027-01-01", f"2027-02-05{dash}2027-02-11", "2027-04-05", f"2027-05-01{dash}2027-05-05", "2027-06-09",
                "2027-09-15", f"2027-10-01{dash}2027-10-07"]
    calendar, problems = read(_year([f'"{h}"' for h in holidays]) + 'workdays: ["2027-02-13"]\n')
    assert [p.format() for p in problems] == []
    assert all(not calendar.is_workday(D(2027, 2, day)) for day in range(5, 12))
    assert calendar.is_workday(D(2027, 2, 12)) and calendar.is_workday(D(2027, 2, 13))


def test_a_range_backwards_or_over_a_month_is_a_bad_value():
    _, problems = read(_year(["2027-01-01", '"2027-02-11 至 2027-02-05"', '"2027-05-01 至 2027-08-01"']))
    assert [(p.code, p.line) for p in problems if p.code == "bad-value"] == [("bad-value", 2), ("bad-value", 2)]


def test_a_whole_year_without_a_single_worked_weekend_is_a_warning():
    """Every arrangement the State Council made (2004–2026) has 5 to 12 调休上班 weekend days. A file whose
    years: [2027] lists the days off but no workdays counts each of them as a day off: a 公示 spanning one
    ended a day late, silently. It is a warning naming the year (a year without 调休 may yet come)."""
    from generator.core.problems import Severity

    calendar, problems = read(_year(FIXED_2027 + LUNAR_2027))
    assert [(p.line, p.code, p.severity) for p in problems] == [(1, "calendar-workdays-missing", Severity.WARNING)]
    assert "2027" in problems.items[0].message and "workdays" in problems.items[0].message
    _, problems = read(_year(FIXED_2027 + LUNAR_2027) + "workdays: [2027-02-13]\n")
    assert [p.format() for p in problems] == []
