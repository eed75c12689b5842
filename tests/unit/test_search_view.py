"""A searched block's words handed to the search parser as one run of text (site/search_view.py):
mkdocs-material's own parser gives the same sections for the page either way, whatever the text
around the block, the spacing and the character references; a block the parser treats specially
is left to the parser."""

from __future__ import annotations

import itertools

import pytest
from material.plugins.search.plugin import Parser

from generator.site.search_view import search_view

TABLES = [
    '<table class="kaohe-notice-list">\n<thead><tr><th>序号</th><th>姓名</th></tr></thead>\n<tbody>\n'
    '<tr><td>1</td><td>汪欣斌</td></tr>\n<tr><td>2</td><td>欧阳 明辉</td></tr>\n</tbody>\n</table>',
    "<table><tr><td></td><td> </td><td>&amp;&lt;script&gt;alert(1)&lt;/script&gt;</td></tr></table>",
    "<table>\n\n<tr><td>a&#10;b</td><td>\n</td><td>c\nd</td></tr>\n</table>\n",
    '<table title="a>b"><tr><td data-x=\'<\'>x</td></tr></table>',
    "<table><tr><td>=HYPERLINK(\"x\")</td><td>&#x20;</td><td>&nbsp;</td></tr></table>",
    "<table></table>",
    "<table>\n</table>",
    "<table><tr><td>x</td></tr>  \n  <tr><td>y</td></tr></table>  ",
]
BEFORE = ["<p>公示</p>", "<p>公示 </p>\n", "<p>公示</p>\n\n", "", "<div>前</div> "]
AFTER = ["", "\n<p>后</p>", " <p>后</p>", "<div>\n</div><p>后</p>"]


def _sections(html: str) -> list[tuple[str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [("".join(s.title), "".join(s.text)) for s in parser.data]


@pytest.mark.parametrize("table", TABLES)
def test_the_parser_reads_the_same_words_either_way(table):
    view = search_view(table, "KAOHEHTML3S")
    assert view is not None
    for before, after in itertools.product(BEFORE, AFTER):
        page = f"<h1>标题</h1>{before}{{}}{after}"
        assert _sections(page.format(view)) == _sections(page.format(table)), (before, after)


@pytest.mark.parametrize("block", [
    "<table><tr><td><p>段落</p></td></tr></table>", "<div><h2>标题</h2></div>", '<table data-search-exclude><tr><td>x</td></tr></table>',
    "<table><tr><td><script>x</script></td></tr></table>", "<table><!-- c --></table>", "文本<table></table>",
    "<table><tr><td>a < b</td></tr></table>", "<ul><li>x</li></ul>",
])
def test_blocks_the_parser_treats_specially_are_left_to_it(block):
    assert search_view(block, "KAOHEHTML0S") is None


@pytest.mark.parametrize(("html", "words"), [
    ("<table><thead><tr><th>项目</th><th>分值</th></tr></thead><tbody><tr><td>德</td><td>20</td></tr><tr><td>能</td><td>20</td></tr></tbody></table>",
     "项目 分值 德 20 能 20"),
    ('<table><tr><th scope="row">好</th><td class="num">90</td></tr>\n<tr><TD>较好</TD><td\n>75</td></tr></table>', "好 90 较好 75"),
    ("<table><tr><td>a</td> <td>b</td>\n</tr></table>", "a b"),  # spaced already: kept as it is
])
def test_cells_apart_gives_the_parser_each_cell_as_words_of_its_own(html, words):
    from generator.site.search_view import cells_apart

    spaced = cells_apart(html)
    assert " ".join("".join(text for _, text in _sections(spaced)).split()) == words
    assert cells_apart(spaced) == spaced  # once is enough: a page built again is the same
    assert spaced.replace("</td> <", "</td><").replace("</th> <", "</th><").replace("</TD> <", "</TD><") == html.replace("</td> <td>b", "</td><td>b")
