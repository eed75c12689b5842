"""名次: places in a ranking as an official list writes them.

Equal values share a place. The default is competition ranking (1, 2, 2, 4: the next place
after a tie skips as many places as were shared); a scheme may declare dense ranking (1, 2, 2, 3)
or plain positions (1, 2, 3, 4: ties broken by ID, never by row order).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Literal, TypeVar

Ranking = Literal["competition", "dense", "ordinal"]

RANKING_WORDS = {
    "competition": "分数相同的名次相同，其后的名次顺延（如 1、2、2、4）",
    "dense": "分数相同的名次相同，其后的名次连续（如 1、2、2、3）",
    "ordinal": "按顺序编号，分数相同的按编号先后（如 1、2、3、4）",
}

T = TypeVar("T")


def ranks(entries: Iterable[tuple[str, T]], key: Callable[[T], Hashable], ranking: Ranking = "competition") -> dict[str, int]:
    """id → 名次 for (id, value) entries, higher key first. Entries are ordered by key, then by id."""
    ordered = sorted(entries, key=lambda e: e[0])
    ordered.sort(key=lambda e: key(e[1]), reverse=True)  # type: ignore[arg-type,return-value]
    places: dict[str, int] = {}
    previous: object = object()
    place = dense = 0
    for position, (pid, value) in enumerate(ordered, start=1):
        k = key(value)
        if ranking == "ordinal" or k != previous:
            place = position
            dense += 1
            previous = k
        places[pid] = dense if ranking == "dense" else place
    return places
