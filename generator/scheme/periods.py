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
}

# The last month of each period label: M05 → 5, Q2 → 6, H1 → 6, Y → 12.
_LAST_MONTH: dict[str, int] = {
    **{f"M{m:02d}": m for m in range(1, 13)},
    **{f"Q{q}": 3 * q for q in range(1, 5)},
    "H1": 6,
    "H2": 12,
    "Y": 12,
}


def period_words(label: str) -> str:
    """A period label as people say it: Q1 → 第一季度, H1 → 上半年."""
    return PERIOD_NAMES.get(label, label)


def period_last_month(year: int, label: str) -> dt.date:
    """The first day of the period's last month: 2025 Q2 → 2025-06-01, 2025 Y → 2025-12-01."""
    return dt.date(year, _LAST_MONTH[label], 1)


def period_last_day(year: int, label: str) -> dt.date:
    """The period's last day: 2025 Q2 → 2025-06-30, 2024 M02 → 2024-02-29, 2025 Y → 2025-12-31."""
    month = _LAST_MONTH[label]
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def periods_hint(scheme) -> str:
    """The periods a scheme has, with the file names each takes, for a file whose name is none of them:
    本方案的考核期：平时考核 Q1.xlsx（或 第一季度.xlsx）、…；年度考核 Y.xlsx（或 年度.xlsx）（也可用 .csv）."""
    parts = []
    for assessment in scheme.assessments:
        names = "、".join(f"{label}.xlsx（或 {period_words(label)}.xlsx）" for label in assessment.period_labels)
        parts.append(f"{assessment.name} {names}")
    return f"本方案的考核期：{'；'.join(parts)}（也可用 .csv）"
