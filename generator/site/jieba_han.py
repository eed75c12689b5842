"""jieba's runs of Chinese characters widened to every Han character, so a name keeps its place in the search.

jieba cuts only what its pattern re_han_default calls Chinese: U+4E00–U+9FD5. Every other Han
character — Extension A (䶮 of 王䶮), the supplementary planes (𠮷 of 𠮷田平), U+9FD6–U+9FFF, the
compatibility ideographs — ends a run and stands alone as a "word", so Kaohe's user dictionary of
names could never keep such a name whole: the index held 王 + 䶮 and 李 + 𠀾 + 明, and a reader who
typed the whole name found every 王 of the agency and every page with 明 (明细) before or beside them.
mkdocs-material's search runs every Han character through jieba (its \\p{script=Han}), and the
browser cuts a query by the index's own words (search_worker.py), so with the wider pattern a name
in the dictionary is one word in the index and one word in a query.

The pattern is jieba's own with those ranges added; for text of U+4E00–U+9FD5 alone (the demo's)
nothing changes, and the index stays byte-identical.
"""

from __future__ import annotations

import re
from typing import Any

# jieba/__init__.py: re_han_default = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)", re.U)
_OWN = "\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-"
# Extension A; the rest of the unified block; the compatibility ideographs; planes 2 and 3 (Extensions B–H
# and the compatibility supplement: nothing but Han characters)
_MORE = "\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
WIDE_HAN = re.compile(f"([{_OWN}{_MORE}]+)", re.U)


def widen_han(jieba: Any) -> bool:
    """Make jieba.cut treat every Han character as Chinese; False when jieba no longer has the pattern
    (a new version: the build then says a rare character may split a name in the search)."""
    if getattr(jieba, "re_han_default", None) is WIDE_HAN:
        return True
    own = getattr(jieba, "re_han_default", None)
    if not isinstance(own, re.Pattern) or own.pattern != f"([{_OWN}]+)":
        return False
    jieba.re_han_default = WIDE_HAN
    return True


def widen_han_in_build() -> bool:
    """Called by each mkdocs build (mkdocs_hooks.on_env) before any page is cut; True without jieba
    (the search plugin then cuts nothing)."""
    try:
        import jieba
    except ImportError:
        return True
    return widen_han(jieba)
