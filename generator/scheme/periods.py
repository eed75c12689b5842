"""What a period label (Q1, H1, M03, Y: in file names and URLs) is called in words, and when it ends."""

from __future__ import annotations

import calendar
import datetime as dt

PERIOD_NAMES: dict[str, str] = {
    **{f"M{m:02d}": f"{m}月" for m in range(1, 13)},
    "Q1": "第一季度",
    "Q2": "第二季度",
    "Q3": "第三季度",
    "Q4": "第四季度",
    "H1": "上半年",
    "H2": "下半年",
    "Y": "年度",
    # a school's: 第一学期 September–January, 第二学期 February–July, the 学年 September–August, all in the
    # folder of the year the 学年 begins (2025—2026 学年 → 2025/)
    "S1": "第一学期",
    "S2": "第二学期",
    "SY": "学年",
}
# A school's terms as offices also name them (file names, labels).
SCHOOL_ALIASES = {"上学期": "S1", "下学期": "S2", "第1学期": "S1", "第2学期": "S2", "秋季学期": "S1", "春季学期": "S2", "学年度": "SY"}
# Labels of a 学年, whose months run on into the next calendar year: a month over 12 is one of the next year's.
SCHOOL_LABELS = frozenset({"S1", "S2", "SY"})

# The last month of each period label: M05 → 5, Q2 → 6, H1 → 6, Y → 12.
_LAST_MONTH: dict[str, int] = {
    **{f"M{m:02d}": m for m in range(1, 13)},
    **{f"Q{q}": 3 * q for q in range(1, 5)},
    "H1": 6,
    "H2": 12,
    "Y": 12,
    "S1": 13,
    "S2": 19,
    "SY": 20,
}


# The first month of each period label: M05 → 5, Q2 → 4, H2 → 7, Y → 1.
_FIRST_MONTH: dict[str, int] = {
    **{f"M{m:02d}": m for m in range(1, 13)},
    **{f"Q{q}": 3 * q - 2 for q in range(1, 5)},
    "H1": 1,
    "H2": 7,
    "Y": 1,
    "S1": 9,
    "S2": 14,
    "SY": 9,
}

# How long a period is, shortest first: a roll-up reads periods shorter than its own.
PERIOD_RANK: dict[str, int] = {"月": 0, "季度": 1, "半年": 2, "年度": 3, "学期": 2, "学年": 3}


def month_span(label: str) -> tuple[int, int]:
    """(first month, last month) counted from the January of the period's year: Q2 → (4, 6), Y → (1, 12),
    S1 → (9, 13): a 第一学期 ends in the next January."""
    return _FIRST_MONTH[label], _LAST_MONTH[label]


def period_months(label: str) -> int:
    """How many months a label spans: M05 → 1, Q2 → 3, H1 → 6, Y → 12."""
    return _LAST_MONTH[label] - _FIRST_MONTH[label] + 1


def reading_order(label: str) -> tuple[int, int]:
    """Where a period stands in a list of one scheme's periods: shorter periods first, each kind in
    the order of the year (M01 … M12, Q1 … Q4, H1, H2, Y). Sorting by the label's letters put a
    half-year (H1) before the quarters it adds up, and a month's label after a quarter's."""
    return (period_months(label), _LAST_MONTH[label])


def chronological_order(label: str) -> tuple[int, int]:
    """When a period ends, then the shorter first: M03, Q1 and Y ending in March, March and December.
    The newest of a year's periods is the largest."""
    return (_LAST_MONTH[label], period_months(label))


def labels_within(labels: list[str], outer: str) -> list[str]:
    """The labels whose months lie inside the period `outer`: a quarter's roll-up reads its own three
    months (Q2 → M04, M05, M06), a half-year its quarters or months, a year all of them."""
    first, last = _FIRST_MONTH[outer], _LAST_MONTH[outer]
    # a 学年's months are counted from the January of the year it begins, a calendar year's are not: M09 is
    # in no 学年 (the check refuses a school period rolling up a calendar one, and the other way round)
    school = outer in SCHOOL_LABELS
    return [label for label in labels if (label in SCHOOL_LABELS) == school
            and first <= _FIRST_MONTH[label] and _LAST_MONTH[label] <= last]


def period_words(label: str) -> str:
    """A period label as people say it: Q1 → 第一季度, H1 → 上半年."""
    return PERIOD_NAMES.get(label, label)


def _month(year: int, month: int) -> tuple[int, int]:
    """A month counted from the January of `year` (13 is the next January) as a calendar year and month."""
    return year + (month - 1) // 12, (month - 1) % 12 + 1


def period_first_day(year: int, label: str) -> dt.date:
    """The period's first day: 2025 Q2 → 2025-04-01, 2025 S2 (第二学期 of 2025—2026) → 2026-02-01."""
    return dt.date(*_month(year, _FIRST_MONTH[label]), 1)


def period_last_month(year: int, label: str) -> dt.date:
    """The first day of the period's last month: 2025 Q2 → 2025-06-01, 2025 Y → 2025-12-01, 2025 SY → 2026-08-01."""
    return dt.date(*_month(year, _LAST_MONTH[label]), 1)


def results_month(year: int, label: str) -> dt.date:
    """The first day of the month from which a period's results may be decided and published: its last month,
    and a 学年's the 第二学期's (July: a school assesses the year as the term ends, before the summer holiday)."""
    return period_last_month(year, "S2" if label == "SY" else label)


def period_last_day(year: int, label: str) -> dt.date:
    """The period's last day: 2025 Q2 → 2025-06-30, 2024 M02 → 2024-02-29, 2025 S1 → 2026-01-31."""
    y, month = _month(year, _LAST_MONTH[label])
    return dt.date(y, month, calendar.monthrange(y, month)[1])


def period_days(year: int, label: str) -> int | None:
    """How many calendar days the period has: 2025 Q1 → 90, 2024 Q1 → 91, 2024 Y → 366; None for a label of no known length."""
    if label not in _LAST_MONTH:
        return None
    return (period_last_day(year, label) - period_first_day(year, label)).days + 1


def year_words(year: int, label: str) -> str:
    """The year a period belongs to as people say it: 2025 for a calendar period, 2025—2026学年 for a school's."""
    return f"{year}—{year + 1}学年" if label in SCHOOL_LABELS else f"{year}年"


def year_heading(year: int, labels) -> str:
    """What a year's folder holds, for a page heading it: 2025 年度, 2025—2026 学年 (a school's periods only),
    2025 年度、2025—2026 学年 (both): the 2025 folder of a school holds the 学年 that begins in it."""
    school = {label in SCHOOL_LABELS for label in labels}
    words = ([f"{year} 年度"] if False in school or not school else []) + ([f"{year}—{year + 1} 学年"] if True in school else [])
    return "、".join(words)


def year_label(year: int, labels) -> str:
    """year_heading as a heading's words run on: 2025年, 2025—2026学年, 2025年、2025—2026学年."""
    return year_heading(year, labels).replace(" 年度", "年").replace(" 学年", "学年")


def period_title(year: int, label: str) -> str:
    """A period with its year: 2025年第一季度, 2025年度, 2025—2026学年第一学期, 2025—2026学年."""
    if label == "Y":
        return f"{year}年度"
    if label == "SY":
        return year_words(year, label)
    return f"{year_words(year, label)}{PERIOD_NAMES.get(label, label)}"


def periods_hint(scheme) -> str:
    """The periods a scheme has, with the file names each takes, for a file whose name is none of them:
    本方案的考核期：平时考核 Q1.xlsx（或 第一季度.xlsx）、…；年度考核 Y.xlsx（或 年度.xlsx）（也可用 .csv）."""
    parts = []
    for assessment in scheme.assessments:
        names = "、".join(f"{label}.xlsx（或 {period_words(label)}.xlsx）" for label in assessment.period_labels)
        parts.append(f"{assessment.name} {names}")
    return f"本方案的考核期：{'；'.join(parts)}（也可用 .csv）"


# The labels of each kind of period, and every way an office names one in a file name or a scheme.
PERIOD_LABELS: dict[str, list[str]] = {
    "月": [f"M{m:02d}" for m in range(1, 13)],
    "季度": ["Q1", "Q2", "Q3", "Q4"],
    "半年": ["H1", "H2"],
    "年度": ["Y"],
    "学期": ["S1", "S2"], "学年": ["SY"],
}
_CN_DIGITS = "一二三四"
PERIOD_ALIASES: dict[str, str] = {
    **{v: k for k, v in PERIOD_NAMES.items()},
    **{f"{_CN_DIGITS[i]}季度": f"Q{i + 1}" for i in range(4)},
    **{f"{m:02d}月": f"M{m:02d}" for m in range(1, 13)},
    "年终": "Y",
    "全年": "Y",
    **SCHOOL_ALIASES,
    **{k: k for k in PERIOD_NAMES},
    # as offices also name them: M1, 一月 … 十二月, 1季度, 第1季度
    **{f"M{m}": f"M{m:02d}" for m in range(1, 10)},
    **{f"{month}月": f"M{m:02d}" for m, month in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), start=1)},
    **{f"{prefix}{i}季度": f"Q{i}" for i in range(1, 5) for prefix in ("", "第")},
}


def period_label(stem: str) -> str | None:
    """A results file name (without extension) → canonical label: 第一季度 → Q1, 年度 → Y."""
    return PERIOD_ALIASES.get(stem.strip().upper() if stem.isascii() else stem.strip())
