"""A day as an office writes it in holidays.yaml and a notice's start: 2027-01-01 as the guide shows, but also
2027/1/1, 2027.1.1 and 2027年1月1日 (how a paper notice and Excel write it). Each names one day without doubt
(the year first, four digits) and was refused as 不是日期; a month-first or two-digit year, a time of day and a
spreadsheet's serial number (46388) stay refused: those are doubt, not a way of writing."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.core.problems import Problems
from generator.core.written_dates import written_date
from generator.scheme.yaml_source import load_yaml_text
from generator.site.workdays import read_calendar

D = dt.date


@pytest.mark.parametrize(("text", "day"), [
    ("2027-01-01", D(2027, 1, 1)), ("2027/1/1", D(2027, 1, 1)), ("2027.1.4", D(2027, 1, 4)), ("2027年1月4日", D(2027, 1, 4)),
    ("2027 年 1 月 4 日", D(2027, 1, 4)), ("２０２７年１月４日", D(2027, 1, 4)), ("2027-2-5", D(2027, 2, 5)), ("2027年2月5号", D(2027, 2, 5)),
])
def test_a_day_written_year_first_is_that_day(text, day):
    assert written_date(text) == day


@pytest.mark.parametrize("text", ["1/4/2027", "27-1-4", "2027-02-30", "2027-01-04 08:00", "46388", "2027年1月", "正月初一", "", "2027-1-4-5"])
def test_anything_else_is_no_day(text):
    assert written_date(text) is None


def _read(text):
    problems = Problems()
    data, marks = load_yaml_text(text, "content/holidays.yaml", problems)
    return read_calendar(data, marks, "content/holidays.yaml", problems), problems


def test_holidays_yaml_in_the_ways_an_office_writes_dates_is_clean():
    calendar, problems = _read("covers:\n  - {from: 2027/1/1, to: 2027年1月31日}\nholidays: ['2027/1/1']\n"
                               "workdays: [2027年1月9日]\n")
    assert [p.format() for p in problems] == []
    assert calendar.add_workdays(D(2026, 12, 31), 2) == D(2027, 1, 4)
    assert calendar.is_workday(D(2027, 1, 9))


def test_a_range_of_days_written_the_chinese_way_is_read():
    calendar, problems = _read("covers:\n  - {from: 2027-02-01, to: 2027-02-28}\n"
                               "holidays: [2027年2月5日至2027年2月11日, 2027年2月13日]\n")
    assert [p.format() for p in problems] == []
    assert not calendar.is_workday(D(2027, 2, 11)) and calendar.is_workday(D(2027, 2, 12))


def test_a_serial_number_says_what_it_is():
    _, problems = _read("covers:\n  - {from: 2027-01-01, to: 2027-01-31}\nholidays: [46388]\n")
    assert [(p.line, p.code) for p in problems] == [(3, "bad-value")]
    assert "2027-01-01" in problems.items[0].message and "序号" in problems.items[0].message
