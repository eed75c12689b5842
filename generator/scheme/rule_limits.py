"""What a relative or tiers item can score, against the item's own 满分: points the item can never reach are a
scheme slip (结案率 95% 以上得 25 分 under 满分 20; 最高 40 分 under 满分 36), and grading would count them silently."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.core.numbers import fmt
from generator.scheme.model import Item
from generator.scheme.rules.relative import Relative
from generator.scheme.rules.tiers import Tiers


def over_the_max(item: Item) -> Iterator[tuple[tuple, str]]:
    """(path under the item, message) for each score the item's rule can give above its max, and a value tiers leave out."""
    rule, top = item.rule, item.max
    if isinstance(rule, Tiers) and top is None:
        top = max(tier.points for tier in rule.tiers)  # only the gap is to be found: no tier is above itself
    if isinstance(rule, Tiers):
        gap = tier_gap(rule)
        if gap is not None:
            yield (("score", "tiers"), f"「{item.name}」的分段没有包括 {gap}：这样的值无段可落、无法计分；"
                                       "请补上这一段，或改正相邻两段的上下限（一段写 below，下一段写 at_least）。")
        for ti, tier in enumerate(rule.tiers):
            if tier.points > top:
                yield (("score", "tiers", ti, "points"),
                       f"「{item.name}」满分 {fmt(top)} 分，这一段却得 {fmt(tier.points)} 分；请核对分值或本项满分（max）。")
    elif isinstance(rule, Relative):
        if rule.to == "best" and rule.excluding is not None and rule.cap is None:
            # one left out of the best (a newcomer) may do more than it: own ÷ best × points goes past points
            yield (("score",), f"「{item.name}」满分 {fmt(top)} 分，不计入最高{rule.measure}的人（{rule.excluding}）可能超过最高量，得分会超过 "
                               f"{fmt(rule.points)} 分；请写 cap（如 cap: {fmt(min(top, rule.points))}）。")
        elif rule.to in ("best", "rank"):  # no one is above the best, or before first place: points is the most it gives
            if min(rule.points, rule.cap or rule.points) > top:
                yield (("score", "points"), f"「{item.name}」满分 {fmt(top)} 分，完成量最高的人却得 {fmt(rule.points)} 分；请核对 points 或本项满分（max）。")
        elif rule.cap is None:
            yield (("score",), f"「{item.name}」满分 {fmt(top)} 分，与同事比较的得分却不封顶；请写 cap（如「最高不超过 {fmt(top)} 分」写 cap: {fmt(top)}），"
                               "或原文不封顶时去掉本项的 max。")
        elif rule.cap > top:
            yield (("score", "cap"), f"「{item.name}」满分 {fmt(top)} 分，cap 却是 {fmt(rule.cap)} 分；请核对 cap 或本项满分（max）。")


def tier_gap(rule: Tiers) -> str | None:
    """The first value from 0 up (to 100 for a percentage) that no tier holds, in words (85, 或 85 至 90 之间), or None.
    Between two neighbouring bounds every tier holds all values or none, so the bounds and one value between
    each two of them (and one beyond the last) are enough to look at."""
    bounds = sorted({b for t in rule.tiers for b in (t.low()[0], t.high()[0]) if b is not None} | {Decimal(0)})
    top = Decimal(100) if rule.percent else None
    probes: list[tuple[Decimal, str]] = []
    for i, bound in enumerate(bounds):
        unit = rule.unit
        probes.append((bound, f"{fmt(bound)}{unit}"))
        upper = bounds[i + 1] if i + 1 < len(bounds) else (bound + 1)
        probes.append(((bound + upper) / 2, f"{fmt(bound)}{unit} 至 {fmt(upper)}{unit} 之间的值" if i + 1 < len(bounds) else f"大于 {fmt(bound)}{unit} 的值"))
    for value, words in probes:
        if value < 0 or (top is not None and value > top):
            continue
        if not any(t.contains(value) for t in rule.tiers):
            return words
    return None
