"""The build's date: reproducible when SOURCE_DATE_EPOCH or content/site.yaml says which day it is.

A day is the day in China (UTC+8, no daylight saving), where the 公示 hangs and its dates are counted:
a build just after midnight in Beijing on a server whose clock zone is UTC is already the next day's
build (a 公示 starting that morning is 公示中, not 未开始), and a SOURCE_DATE_EPOCH moment is read so too.
"""

from __future__ import annotations

import datetime as dt
import os

from generator.core.errors import UsageError

CHINA = dt.timezone(dt.timedelta(hours=8), "UTC+8")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    """Today in China."""
    return _now().astimezone(CHINA).date()


def build_date(settings: dict) -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds), else content/site.yaml build_date, else today (in China).
    A build_date that is not a date is reported and dropped by project/site_file.py, never guessed here."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        try:
            return dt.datetime.fromtimestamp(int(epoch), CHINA).date()
        except (OverflowError, OSError, ValueError):  # a moment past the year 9999: no day to build for
            raise UsageError(f"环境变量 SOURCE_DATE_EPOCH={epoch.strip()} 不是可用的时间（应是 1970 年以来的秒数，如 1744243200 表示 2025-04-10）；"
                             "请改正或删除这个环境变量后重新运行。") from None
    value = settings.get("build_date")
    if value:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            pass
    return today()
