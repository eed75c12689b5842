"""Orders for lists of people: 姓氏笔画 (by strokes, the usual order of a 公示), department, score.

Stroke counts come from the `strokes` package (Unihan kTotalStrokes). Names are compared
character by character on stroke count, then by the character itself so the order is total
and stable; within equal names the ID decides. Full 笔顺 (横竖撇点折) ordering for characters
with equal stroke counts is not available offline; codepoint order stands in for it.
"""

from __future__ import annotations

from functools import lru_cache

from strokes import strokes as _strokes


@lru_cache(maxsize=8192)
def stroke_count(ch: str) -> int:
    if not ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"):
        return 0
    try:
        value = _strokes(ch)
    except Exception:  # unknown character: the data has no count for it
        return 99
    return int(value) if isinstance(value, int) and value > 0 else 99


def stroke_key(name: str) -> tuple:
    chars = [c for c in name if c not in "·• "]
    return tuple((stroke_count(c), c) for c in chars)
