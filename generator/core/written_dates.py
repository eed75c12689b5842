"""A day as an office writes it in its YAML files (holidays.yaml, a notice's start).

The guide shows 2027-01-01; a paper notice and a spreadsheet write 2027年1月4日, 2027/1/4 or 2027.1.4. Each
names one day without doubt — the year first, in four digits — and is read as it. A month-first or two-digit
year (1/4/2027, 27-1-4), a time of day, a month without its day and a spreadsheet's serial number (46388) are
no day: they are refused where they are found, with the way to write them, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# 2027-01-04, 2027/1/4, 2027.1.4, 2027年1月4日(号); no backreference, as the pattern is put inside others (a range)
_DAY = r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)"
DAY_RE = re.compile(_DAY)
_WHOLE = re.compile(rf"\s*{_DAY}\s*")
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # a spreadsheet's day 1 is 1900-01-01, counted with its 1900-02-29


def plain(text: str) -> str:
    """Full-width digits and signs as ASCII (２０２７年１月４日)."""
    return unicodedata.normalize("NFKC", text)


def day_of(found: re.Match) -> dt.date | None:
    """The day a DAY_RE match names; None for one that does not exist (2027-02-30)."""
    year, month, day, month2, day2 = found.groups()
    try:
        return dt.date(int(year), int(month or month2), int(day or day2))
    except ValueError:
        return None


def written_date(value) -> dt.date | None:
    """The day `value` names (a date YAML read, or text as above); None for anything else."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    found = _WHOLE.fullmatch(plain(str(value))) if value is not None else None
    return day_of(found) if found else None


def serial_day(value) -> dt.date | None:
    """The day a spreadsheet's serial number would be (46388 → 2027-01-01), to name in a message; None if it is none."""
    text = plain(str(value)).strip()
    if not text.isdigit() or not 20000 <= int(text) <= 80000:  # 1954–2119: a year of a 公示
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=int(text))
