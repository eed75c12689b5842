"""Words of a derivation that the grader writes: how items combine into a parent's score.

Display only: the arithmetic is exact in engine/grade.py; these words never show a value with more
than its places (core/numbers.fmt_at_most marks such a display rounding with ≈).
"""

from __future__ import annotations

from decimal import Decimal

from generator.core.numbers import fmt, fmt_at_most
from generator.scheme.model import Item


def combine_words(how: str, items: list[Item], values: list[Decimal | None], total: Decimal, places: int = 2) -> str:
    """Each value shown with at most its places (a mean of quarters 87.666… as ≈87.67): words only,
    the arithmetic is exact."""
    def shown(item: Item, value: Decimal | None) -> str:
        if value is None:
            return "—"
        if item.places is not None:  # kept at its places: 90.00 is what is weighted
            return fmt(value, item.places)
        return fmt_at_most(value, item.shown_places if item.shown_places is not None else places)

    if how == "weighted":
        terms = " + ".join(f"{i.name} {shown(i, v)} × {fmt((i.weight or Decimal(0)) * 100)}%" for i, v in zip(items, values))
    else:
        terms = " + ".join(f"{i.name} {shown(i, v)}" for i, v in zip(items, values))
    return f"{terms} = {fmt_at_most(total, places)} 分"
