"""Orders for lists of people: 姓氏笔画 (by strokes, the usual order of a 公示), department, score.

姓氏笔画 order compares names character by character: fewer strokes first; with equal counts, by
the first stroke in the order 横、竖、撇、点、折; then the next character. Stroke counts come from
the `strokes` package (Unihan kTotalStrokes, mainland forms); first strokes from
generator/data/first_strokes.txt, made by tools/strokes/make_first_strokes.py from the stroke-order
table of cnchar-order (MIT; the national 笔顺 standard for the 通用规范汉字表). A character missing
from either comes after those with data (99); code point order decides only between characters
alike in strokes over the whole name, so the order is total and stable; within equal names the ID decides.

The browser sorts by the same key: tables carry it in data-stroke (render.stroke_sort_key).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from strokes import strokes as _strokes

FIRST_STROKES = Path(__file__).resolve().parents[1] / "data" / "first_strokes.txt"


# Han characters: Extension A and the basic block, the compatibility ideographs, then Extensions B to F
# with the compatibility supplement, and G to H. A rare character in a name (𠮷, U+20BB7) is one of
# these; taken for no Han character (0), it put its name first in 姓氏笔画 order.
HAN_RANGES = (("\u3400", "\u9fff"), ("\uf900", "\ufaff"), ("\U00020000", "\U0002fa1f"), ("\U00030000", "\U000323af"))


@lru_cache(maxsize=8192)
def stroke_count(ch: str) -> int:
    if not any(low <= ch <= high for low, high in HAN_RANGES):
        return 0
    try:
        value = _strokes(ch)
    except Exception:  # unknown character: the data has no count for it
        return 99
    return int(value) if isinstance(value, int) and value > 0 else 99


@lru_cache(maxsize=1)
def _first_strokes() -> dict[str, int]:
    table: dict[str, int] = {}
    for line in FIRST_STROKES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, _name, chars = line.split(" ", 2)
            table.update(dict.fromkeys(chars, int(number)))
    return table


def first_stroke(ch: str) -> int:
    """1 横 (with 提), 2 竖, 3 撇, 4 点 (with 捺), 5 折; 0 for a non-Han character, 9 when unknown."""
    if stroke_count(ch) == 0:
        return 0
    return _first_strokes().get(ch, 9)


@lru_cache(maxsize=65536)  # a city's 150 公示 sort the same 5,000 names again and again; the key is immutable
def stroke_key(name: str) -> tuple:
    """(strokes and first stroke of each character, then the characters): 万俊 and 于洋 (both 3 strokes,
    起笔横) are ordered by 俊 and 洋, and code points decide only between names alike in both."""
    chars = [c for c in name if c not in "·• "]
    return tuple((stroke_count(c), first_stroke(c)) for c in chars), tuple(chars)
