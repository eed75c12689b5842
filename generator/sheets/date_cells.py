"""A date cell of a `type: date` column read exactly, or reported at its cell.

What an office types or Excel holds: a date-formatted cell (openpyxl gives a datetime), a bare Excel date
serial (a cell whose date format was lost: 45717 is 2025-03-01), 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日,
each with full-width digits too. Refused, each in words at its cell: a day the month has not (2025-02-30),
a time of day (08:30, 2025-03-01 08:30), a two-digit year (25-3-1: 1925 or 2025?), a bare number that is no
date serial (2025 is a year, 20250301 a date typed without separators), and the days before 1900-03-01,
which Excel counts one off (it takes 1900 for a leap year: its 1900-02-29 does not exist).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from generator.core import written_dates as written
from generator.core.problems import clip
from generator.sheets.cells import BLANK_MARKS

_EXCEL_ZERO = dt.date(1899, 12, 30)  # serial 0 for every day from 1900-03-01 on
_FIRST = dt.date(1900, 3, 1)
# a bare number is read as a serial only in this window: 2025 (a year) would otherwise be 1905-07-17
_SERIAL_FIRST, _SERIAL_LAST = dt.date(1950, 1, 1), dt.date(2099, 12, 31)
_LAST = dt.date(2099, 12, 31)
_MIDNIGHT_RE = re.compile(r"(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)\Z")  # 2025-03-01 00:00:00: an export's date, no time
_TIME_RE = re.compile(r"\d{1,2}[:：]\d{2}|[上下]午|\d时")
_SHORT_YEAR_RE = re.compile(r"(\d{2})([-/.])(\d{1,2})\2(\d{1,2})\Z|(\d{2})年(\d{1,2})月(\d{1,2})日?\Z")
_MONTH_ONLY_RE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})|年(\d{1,2})月)\Z")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?\Z")
_WRITE = "请写成 2025-03-01 或 2025年3月1日（或把单元格设为日期格式重新输入）"


def read_date(kind: str, text: str, name: str, required: bool, report: Callable[[str, str], None]) -> dt.date | None:
    """The cell's date, or None (a blank, or a problem reported through `report(code, message)`)."""
    plain = written.plain(text).strip()  # full-width digits and ／．－ as typed with a Chinese IME
    if not plain or plain in BLANK_MARKS:
        if required:
            report("missing-value", f"「{name}」为空；这一列每个人都要填日期，{_WRITE}。")
        return None
    plain = re.sub(r"\s+", "", _MIDNIGHT_RE.sub("", plain))  # 2025 年 3 月 1 日, typed with spaces
    text = clip(text, 40)  # as the messages quote it: a pasted paragraph is not repeated whole
    if _TIME_RE.search(plain):
        report("not-a-date", f"「{text}」带有时间；「{name}」只填日期，不填几点几分，{_WRITE}。")
        return None
    if _NUMBER_RE.match(plain):
        return _serial(plain, text, name, report)
    found = written.DAY_RE.fullmatch(plain)  # the forms a notice's or holidays.yaml's day is written in
    if found is None:
        report("not-a-date", _not_a_date(plain, text, name))
        return None
    year, month, day, month2, day2 = found.groups()
    return _checked(int(year), int(month or month2), int(day or day2), text, name, report)


def _checked(year: int, month: int, day: int, text: str, name: str, report: Callable[[str, str], None]) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        if (year, month, day) == (1900, 2, 29):
            report("not-a-date", f"「{text}」不存在：1900 年不是闰年，没有 2 月 29 日（Excel 把 1900 年当作闰年，这一天是它的错）；请核对原始记录的日期。")
        elif 1 <= month <= 12:
            report("not-a-date", f"「{text}」不存在：{year} 年 {month} 月没有 {day} 日；请核对原始记录的日期。")
        else:
            report("not-a-date", f"「{text}」不存在：没有 {month} 月；请核对原始记录的日期，{_WRITE}。")
        return None
    if value < _FIRST or value > _LAST:
        report("not-a-date", f"「{text}」不像是「{name}」的日期（应在 1900 年 3 月 1 日到 2099 年之间；Excel 把 1900 年 3 月 1 日前的日期算错一天）；请核对。")
        return None
    return value


def _serial(plain: str, text: str, name: str, report: Callable[[str, str], None]) -> dt.date | None:
    """A bare number: an Excel date serial whose format was lost, when it is a whole number of a plausible day."""
    if "." not in plain and len(plain) == 8 and plain[:2] in ("19", "20"):
        shown = f"{plain[:4]}-{plain[4:6]}-{plain[6:]}"
        report("not-a-date", f"「{text}」是连写的数字，不是日期；是 {shown} 的，请写成 {shown}（年、月、日之间用 - 隔开）。")
        return None
    whole, _, fraction = plain.partition(".")
    if fraction.strip("0"):
        report("not-a-date", f"「{text}」是带小数的数字：作为 Excel 日期，小数部分是一天中的时间；「{name}」只填日期，{_WRITE}。")
        return None
    serial = int(whole)
    day = _EXCEL_ZERO + dt.timedelta(days=serial) if serial < 3_000_000 else None
    if day is None or not _SERIAL_FIRST <= day <= _SERIAL_LAST:
        report("not-a-date", f"「{text}」是一个数，不是日期（作为 Excel 日期序号它不在 1950—2099 年之间）；{_WRITE}。")
        return None
    return day


def _not_a_date(plain: str, text: str, name: str) -> str:
    short = _SHORT_YEAR_RE.match(plain)
    if short is not None:
        return f"「{text}」的年份只写了两位，分不清是 19{short.group(1) or short.group(5)} 年还是 20{short.group(1) or short.group(5)} 年；年份写四位，{_WRITE}。"
    if _MONTH_ONLY_RE.match(plain):
        return f"「{text}」只写了年和月，没有日；「{name}」按日计算，请写出哪一天，如 2025-03-01。"
    return f"「{text}」不是日期；「{name}」{_WRITE}。"
