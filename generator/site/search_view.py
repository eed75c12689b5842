"""What the search plugin reads of a long finished block, given to it as one run of text.

A 公示's list is a block the search must read (staff look their names up), and mkdocs-material's
search parser (Python's html.parser, tag by tag) took 50 ms for a city's list of 700 people: 90
such pages were 5 s of each edition's build. The parser keeps only the text of a table — the tags
it drops — so the same words, in the order and with the spacing the parser would give them, make
the same index entry: `search_view` computes that text and hands it over as a single text node.
A test builds the demo both ways and compares the search index byte for byte
(tests/web/test_search_deferred.py), another compares the parser's sections on hostile tables.

How the parser spaces text (material/plugins/search/plugin.py, Parser.handle_data): character
references are decoded; a text node of whitespace only becomes one space, dropped after another
space; any other node has its line breaks turned into spaces and is kept whole. Whether the block's
first whitespace counts depends on the text before the block, so it stays a node of its own, as does
the last. A block with anything else the parser treats specially — a tag it keeps (p, li, code…),
a heading, an excluded element, script or style, a comment — is read by the parser itself (None).
"""

from __future__ import annotations

import html
import re

_SPECIAL = re.compile(r"<(?:/?(?:p|code|pre|li|ol|ul|sub|sup|h[1-6]|script|style|object|textarea|title|svg|math|template|noscript)\b|!)"
                      r"|data-search-exclude|linenodiv", re.I)
# a tag (as html.parser reads one: < then a letter, or </ then a letter; a quoted attribute may hold >);
# any other < is text, and a block with one is left to the parser
_TAG = re.compile(r"""<(?=/?[A-Za-z])[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")


def search_view(block: str, token: str) -> str | None:
    """An element holding the block's text as the search parser would take it, or None."""
    if not block.startswith("<") or _SPECIAL.search(block) or "<" in _TAG.sub("", block):
        return None
    nodes = [html.unescape(text) for text in _TAG.split(block) if text]
    lead = bool(nodes) and nodes[0].isspace()
    trail = len(nodes) > 1 and nodes[-1].isspace()
    inner = nodes[1 if lead else 0: len(nodes) - 1 if trail else len(nodes)]
    pieces: list[str] = []
    for text in inner:
        if not text.isspace():
            pieces.append(text)  # its line breaks: the parser turns them into spaces in the one node too
        elif pieces and not pieces[-1].isspace():
            pieces.append(" ")
    while pieces and pieces[-1].isspace():  # a space before the last whitespace node would not be kept twice
        pieces.pop()
        trail = True
    words = html.escape("".join(pieces), quote=False)
    return f'<div id="{token}">{" <b></b>" if lead else ""}{words}{"<b></b> " if trail else ""}</div>'


# a cell's end tag right before another tag (the next cell's, or the row's end and the next row's)
_CELLS_TOUCHING = re.compile(r"(</t[dh]>)(?=<)", re.I)


def cells_apart(html_text: str) -> str:
    """A page's HTML with a space between table cells that touch. The parser reads a table as its text
    without the tags, so <td>分值</td><td>评分标准</td> was one word 分值评分标准 to the search: a found
    handbook showed 项目分值评分标准计分办法 德20各子项得分之和, and jieba cut words across the cells'
    edges (a word at a cell's end was not found). Between cells, a space is no part of the layout."""
    return _CELLS_TOUCHING.sub(r"\1 ", html_text)
