"""html_escape returns most values untouched without escaping them (a fast path: a city's build escapes
millions of names, numbers and derivation lines). The fast path must give exactly what the full
escaping gives, for any text: compared here with the escaping written out in full."""

from __future__ import annotations

from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.render import _LINE_START, _MD_ACTIVE, html_escape, pre_text


def full_escape(value: object) -> str:
    text = escape("" if value is None else str(value), quote=True).translate(_MD_ACTIVE)
    if "\n" in text or "\r" in text:
        text = " ".join(text.splitlines())
    return _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)


TRICKY = "ab 1.#+-*_{}[]()`\\|~^<>&\"'\n\r\t\x0b\x0c\x1c\x85\u2028\u2029中文：9"


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=12) | st.text(max_size=12))
def test_fast_path_equals_full_escaping(text):
    assert html_escape(text) == full_escape(text)


def test_values_that_start_a_markdown_line_are_still_escaped():
    for value in ["1. 第一", "# 标题", "- 项", "+ 项", "  #", "3."]:
        assert html_escape(value) == full_escape(value) != value
    for value in [None, 0, 88.5, "90.50", "张三", "总分 88.00 属「较好」"]:
        assert html_escape(value) == full_escape(value)


def test_pre_text_keeps_lines_and_escapes_each():
    assert pre_text("a<b\n# c\n\n1. d") == "a&lt;b&#10;&#35; c&#10;&#10;&#49;&#46; d"
