"""jieba's words for a run of Chinese characters, cut once per build and remembered.

mkdocs-material's search cuts every run of Han characters of every section of every page into words
with jieba.cut (SearchIndex._segment_chinese), so that a reader's query matches words. The runs come
back page after page — the same headings, sentences and names on 800 department pages, 5,000 person
pages — and cutting them was the largest part of rendering a city's public department pages.

A cut depends only on the text and the tokenizer's dictionaries, so it is remembered per text until a
dictionary changes: every function that changes one (the search plugin loads Kaohe's user dictionary
of names in each build) forgets what was remembered first. Only the plain call the search plugin makes,
jieba.cut(text), is remembered; any other goes to jieba as it is. The words are the same words in the
same order (tests/unit/test_jieba_memo.py), so the search index is byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

# The tokenizer's functions that change what a cut gives (jieba/__init__.py, Tokenizer)
_CHANGES = ("load_userdict", "add_word", "del_word", "suggest_freq", "set_dictionary")
MAX_REMEMBERED = 300_000  # distinct runs; a city's words and names are far fewer


def remember_cuts_in_build() -> None:
    """Called by each mkdocs build (mkdocs_hooks.on_env), clean or preview, before any page is cut."""
    try:
        import jieba
    except ImportError:  # the search plugin cuts nothing without it
        return
    remember_cuts(jieba)


def remember_cuts(jieba: Any) -> None:
    """jieba's module functions (as reset_jieba binds them, to jieba.dt) with cut() remembered; once
    per tokenizer (a clean build makes a new one, a preview session keeps its own)."""
    tokenizer = jieba.dt
    if getattr(jieba.cut, "remembering", None) is tokenizer:
        return
    memo: dict[Any, tuple[str, ...]] = {}
    real_cut = tokenizer.cut

    def cut(sentence: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        if args or kwargs:
            return real_cut(sentence, *args, **kwargs)
        words = memo.get(sentence)
        if words is None:
            words = tuple(real_cut(sentence))
            if len(memo) < MAX_REMEMBERED:
                memo[sentence] = words
        return iter(words)

    def forgetting(change: Callable[..., Any]) -> Callable[..., Any]:
        def changed(*args: Any, **kwargs: Any) -> Any:
            memo.clear()
            try:
                return change(*args, **kwargs)
            finally:
                memo.clear()  # a cut made meanwhile (another thread) saw half a change

        return changed

    cut.remembering = tokenizer  # type: ignore[attr-defined]
    jieba.cut = cut
    for name in _CHANGES:
        setattr(jieba, name, forgetting(getattr(tokenizer, name)))
