"""The build's day is the day in China (UTC+8), where the 公示 hangs, whatever the machine's clock zone:
a build at 00:30 on 2027-01-02 Beijing time on a server kept in UTC (still 2027-01-01 there) is a build
of 2027-01-02, with SOURCE_DATE_EPOCH or without."""

from __future__ import annotations

import datetime as dt

from generator.core import clock

HALF_PAST_MIDNIGHT_IN_BEIJING = dt.datetime(2027, 1, 1, 16, 30, tzinfo=dt.UTC)  # 2027-01-02 00:30 UTC+8


def test_without_source_date_epoch_today_is_the_day_in_china(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(clock, "_now", lambda: HALF_PAST_MIDNIGHT_IN_BEIJING)
    assert clock.build_date({}) == dt.date(2027, 1, 2)
    assert clock.today() == dt.date(2027, 1, 2)


def test_source_date_epoch_is_read_as_a_moment_in_china(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(HALF_PAST_MIDNIGHT_IN_BEIJING.timestamp())))
    assert clock.build_date({}) == dt.date(2027, 1, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744243200")  # 2025-04-10 00:00 UTC, the site tests' day
    assert clock.build_date({}) == dt.date(2025, 4, 10)


def test_site_yaml_build_date_comes_after_the_environment(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert clock.build_date({"build_date": "2027-01-02"}) == dt.date(2027, 1, 2)


def test_a_source_date_epoch_past_the_calendar_is_a_usage_error_not_a_crash(monkeypatch, capsys):
    from generator.cli import main
    from tests.web.util import REPO

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    assert main(["-C", str(REPO), "check"]) == 2
    out = capsys.readouterr()
    assert "SOURCE_DATE_EPOCH=99999999999999" in out.out + out.err and "Traceback" not in out.out + out.err
