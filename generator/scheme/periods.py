"""What a period label (Q1, H1, M03, Y: in file names and URLs) is called in words."""

from __future__ import annotations

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


def period_words(label: str) -> str:
    """A period label as people say it: Q1 → 第一季度, H1 → 上半年."""
    return PERIOD_NAMES.get(label, label)
