"""What a child of a parent with missing: reweight counts as not assessed, and so left out of the weights: a
new recruit's quarters before joining (the cells blank), a teacher's 第一学期 before joining (not in that sheet)."""

from __future__ import annotations

from typing import Any

from generator.scheme.model import Item


def blank(item: Item, values: dict[str, Any], history: dict | None = None) -> bool:
    """Whether every cell the item's leaves read is blank (or its column absent): under missing: reweight, an item
    not assessed; one reading no cell (a grade of another period) never is. A period_score item is not assessed when
    the person is in none of its periods' sheets (joined in the 第二学期: no 第一学期 to weigh)."""
    leaves = [leaf for leaf in item.walk() if leaf.rule is not None]
    if history is not None and of_periods(item):
        labels = [leaf.rule.periods or sorted(history) for leaf in leaves]  # type: ignore[union-attr]
        return all(ls and all(history.get(lb) is None or history[lb].status == "absent" for lb in ls) for ls in labels)
    names = [spec.name for leaf in leaves for spec in leaf.rule.columns(leaf)]
    return bool(names) and all(values.get(name) in (None, "") for name in names)


def of_periods(item: Item) -> bool:
    """Whether every leaf of the item sums the roll-up's periods (period_score)."""
    leaves = [leaf for leaf in item.walk() if leaf.rule is not None]
    return bool(leaves) and all(getattr(leaf.rule, "kind", "") == "period_score" for leaf in leaves)
