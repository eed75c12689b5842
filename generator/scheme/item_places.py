"""How a named intermediate (平时考核得分, 年度量化评价得分, 优秀率) is kept before it is combined, in
the handbook's words and the derivation's: generated from the item's `places` (四舍五入, and the rounded
value is what is weighted, summed and compared) or `shown_places` (the exact value is used, only the
display is rounded). One wording for both, so the handbook and `kaohe explain` never disagree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from generator.core.numbers import fmt, places_of
from generator.scheme.model import Item

# rule kinds whose result can carry a long tail (a mean of quarters, a quotient, a weighted sum):
# the handbook says how such a leaf is kept even when it is simply added up
_TAILED = {"period_score", "formula", "weighted", "relative"}


def rule_places(item: Item) -> int | None:
    """The places a rule rounds its own result at (weighted's `places`), when the item declares none."""
    return getattr(item.rule, "places", None) if item.rule is not None else None


def share_words(item: Item, combine: Literal["sum", "weighted"], into: str) -> str:
    """按 50% 计入总分 / 计入「德」."""
    if combine == "weighted":
        return f"按 {fmt((item.weight or Decimal(0)) * 100)}% 计入{into}"
    return f"计入{into}"


def places_words(item: Item, combine: Literal["sum", "weighted"], into: str) -> str:
    """The handbook's sentence on how the item's value enters its parent: 四舍五入保留 2 位小数后按 50%
    计入总分。 / 不取舍，以精确值按 40% 计入「年度考核优秀率」（页面显示 4 位小数）。 / "" when there is
    nothing to say (an entered score simply added up)."""
    share = share_words(item, combine, into)
    places = item.places if item.places is not None else rule_places(item)
    if places is not None:
        return f"四舍五入保留 {places} 位小数后{share}。"
    tailed = item.rule is not None and getattr(item.rule, "kind", "") in _TAILED
    if item.shown_places is not None:
        return f"不取舍，以精确值{share}（页面显示 {item.shown_places} 位小数）。"
    if combine == "weighted" or tailed:
        return f"不单独取舍，以精确值{share}。"
    return ""


def kept_steps(item: Item, exact: Decimal, rounded: Decimal, combine: Literal["sum", "weighted"], into: str, places: int) -> list[str]:
    """The derivation's words for how the item is kept, when there is something to say: the exact
    value, the rounded one and that the rounded one is what is combined (its `places`); or, for a
    value with more digits than it is shown with, that the exact value is (no `places`)."""
    if item.places is not None:
        if rounded == exact:
            return []
        shown = f"{fmt(exact)} " if places_of(exact.normalize()) <= item.places + 2 else ""
        return [f"{shown}四舍五入保留 {item.places} 位小数 = {fmt(rounded, item.places)}，以 {fmt(rounded, item.places)} {share_words(item, combine, into)}"]
    shown_at = item.shown_places if item.shown_places is not None else places
    if places_of(exact.normalize()) <= shown_at or rule_places(item) is not None:  # nothing to say, or the rule rounded it and said so
        return []
    return [f"本项不取舍，以精确值{share_words(item, combine, into)}"]
