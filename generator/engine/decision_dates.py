"""The meeting a committee decision names, against the period it decides on.

A decision on a period's results is made once they exist: a meeting dated before the period's last
month (经2025年4月3日领导小组会议 in Q2.decisions.csv, 2024年7月 in 2025's) is another period's decision —
last quarter's or last year's file copied into this folder, whose IDs and 所决事项 (原为：不确定等次)
can match this period's. The last month, not the day after the period: some offices assess in its
last weeks, and a year's committee may meet in December (as its 公示 may start then). A reason naming
several meetings is judged by its last (the one that decided; an earlier one approved the method).
Only a date that names a meeting is read (followed by 领导小组、会议、党组会、研究 …):
a policy of an earlier year cited in the reason (依据2024年12月印发的《办法》) is no meeting.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = r"(20\d\d)\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?|[-./](\d{1,2})[-./](\d{1,2}))"
_MEETING = r"\s*(?:召开的|的)?\s*(?:[^\d\s，。；,;]{0,6}?)(?:领导小组|委员会|会议|党组会|党委会|办公会|常务会|例会|研究|审定|审议)"
_MEETING_DATE = re.compile(_DATE + _MEETING)
_ISSUED = re.compile(r"印发|发布|颁布|下发|修订|制定|出台")  # 2024年12月印发的领导小组文件: a document's date, not a meeting's


def meeting_dates(reason: str) -> list[dt.date]:
    """The dates of the meetings a reason names (a month without its day: the month's first day)."""
    found = []
    for match in _MEETING_DATE.finditer(reason):
        year, month, day, month2, day2 = match.groups()
        if _ISSUED.search(match.group()):
            continue
        try:
            found.append(dt.date(int(year), int(month or month2), int(day or day2 or 1)))
        except ValueError:  # 2025年13月: not a date, and not for this check to say
            continue
    return found


def meeting_before(reason: str, earliest: dt.date) -> dt.date | None:
    """The deciding meeting a reason names — its last: 依据2025年1月局党组会议审定的考核办法，经2025年7月3日领导小组会议研究
    cites the meeting that approved the method beside the one that decided — if it is before `earliest`, else None."""
    dates = meeting_dates(reason)
    return max(dates) if dates and max(dates) < earliest else None
