"""What a relative or tiers item can score, against the item's own 满分: points the item can never reach are a
scheme slip (结案率 95% 以上得 25 分 under 满分 20; 最高 40 分 under 满分 36), and grading would count them silently."""

from __future__ import annotations

from collections.abc import Iterator

from generator.core.numbers import fmt
from generator.scheme.model import Item
from generator.scheme.rules.relative import Relative
from generator.scheme.rules.tiers import Tiers


def over_the_max(item: Item) -> Iterator[tuple[tuple, str]]:
    """(path under the item, message) for each score the item's rule can give above its max."""
    rule, top = item.rule, item.max
    if top is None:
        return
    if isinstance(rule, Tiers):
        for ti, tier in enumerate(rule.tiers):
            if tier.points > top:
                yield (("score", "tiers", ti, "points"),
                       f"「{item.name}」满分 {fmt(top)} 分，这一段却得 {fmt(tier.points)} 分；请核对分值或本项满分（max）。")
    elif isinstance(rule, Relative):
        if rule.to in ("best", "rank"):  # no one is above the best, or before first place: points is the most it gives
            if min(rule.points, rule.cap or rule.points) > top:
                yield (("score", "points"), f"「{item.name}」满分 {fmt(top)} 分，完成量最高的人却得 {fmt(rule.points)} 分；请核对 points 或本项满分（max）。")
        elif rule.cap is None:
            yield (("score",), f"「{item.name}」满分 {fmt(top)} 分，与同事比较的得分却不封顶；请写 cap（如「最高不超过 {fmt(top)} 分」写 cap: {fmt(top)}），"
                               "或原文不封顶时去掉本项的 max。")
        elif rule.cap > top:
            yield (("score", "cap"), f"「{item.name}」满分 {fmt(top)} 分，cap 却是 {fmt(rule.cap)} 分；请核对 cap 或本项满分（max）。")
