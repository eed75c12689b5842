"""Finished HTML blocks pass around Markdown (mkdocs_hooks.stash_html/unstash_html) and come back unchanged."""

from __future__ import annotations

import markdown

from generator.site.mkdocs_hooks import stash_html, unstash_html

BLOCK = '<details class="kaohe-derivation" id="a"><summary>2025 · 平时考核</summary><pre class="kaohe-explain">一、各项&#10;　德：18.5 分 *不是强调* [不是链接](x)</pre></details>'
OTHER = BLOCK.replace('id="a"', 'id="b"')
PAGE = f"# 某人\n\n前文 *强调*\n\n<!--kaohe:html-->\n{BLOCK}\n{OTHER}\n<!--/kaohe:html-->\n\n## 后文\n"


def convert(text: str) -> str:
    return markdown.markdown(text, extensions=["md_in_html", "attr_list"])


def test_a_block_comes_back_in_its_place_and_the_rest_is_markdown():
    text, blocks = stash_html(PAGE)
    assert len(blocks) == 1 and "kaohe-derivation" not in text
    html, whole = unstash_html(convert(text), blocks)
    assert whole
    assert html.index("<em>强调</em>") < html.index(BLOCK) < html.index("后文")
    assert BLOCK + "\n" + OTHER in html  # verbatim, not read as Markdown
    assert "<p><!--kaohe" not in html and "KAOHEHTML" not in html


def test_markdown_reads_the_same_block_the_same_way():
    """The pass-around is only faster: Markdown itself leaves such a block as it is."""
    text, blocks = stash_html(PAGE)
    assert unstash_html(convert(text), blocks)[0].split() == convert(PAGE.replace("<!--kaohe:html-->\n", "").replace("<!--/kaohe:html-->\n", "")).split()


def test_a_page_with_the_placeholder_word_is_left_whole():
    page = PAGE.replace("前文", "KAOHEHTML0END")
    assert stash_html(page) == (page, [])


def test_a_block_that_is_not_its_own_paragraph_is_reported():
    text, blocks = stash_html(PAGE)
    html, whole = unstash_html(convert(text.replace("KAOHEHTML0END", "- KAOHEHTML0END")), blocks)  # in a list item
    assert not whole
