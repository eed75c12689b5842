"""What a user most likely wrote wrong in a formula Python cannot parse, in words (Python's own message is English)."""

from __future__ import annotations

import re

_SYNTAX_HINTS = (
    (re.compile(r"[0-9０-９](?:天|分|次|人|个|篇|日|元|岁|年|%|％)"), "数字后面不要带单位（天、分、次、%……），如 病假天数 > 60、出勤率 >= 0.9"),
    (re.compile(r"(?<![=!<>＝≠≤≥])[=＝](?![=＝])"), "「等于」写两个等号 ==，如 处分 == \"警告\""),
    (re.compile(r"\S[且或]|[且或非](?=\S)"), "「且」「或」「非」前后各留一个空格，如 试用期 且 非 受处分"),
)


def syntax_hint(source: str) -> str:
    """What a user most likely wrote wrong, in words (Python's own message is English)."""
    hints = [words for pattern, words in _SYNTAX_HINTS if pattern.search(source)]
    if not hints:
        return "：检查括号是否成对、运算符（> >= == 且 或）两边是否都有内容，文字是否加了引号（见《公式写法》）"
    return "：" + "；".join(hints)
