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


def test_blocks_are_found_where_the_pattern_finds_them():
    """finished_blocks() (str.find) finds what the block pattern _HTML finds, on pages made of every
    piece that could mislead it: openings and closings not on lines of their own, nested, missing,
    doubled, at the very start and end, with text around and between."""
    import random

    from generator.site.mkdocs_hooks import _HTML, finished_blocks

    pieces = ["<!--kaohe:html-->", "<!--kaohe:html searched-->", "<!--/kaohe:html-->", "<!--kaohe:html", "<!--/kaohe:html-->x",
              "\n", "\n", "\n", "文字", "x", " ", "<td>1</td>", "<!--kaohe:html -->", "<!--kaohe:html searched -->",
              "\n<!--kaohe:html-->\n", "\n<!--kaohe:html searched-->\n", "\n<!--/kaohe:html-->\n", "\n<!--/kaohe:html-->"]
    random.seed(15)
    pages = [PAGE, "", "<!--kaohe:html-->\n\n<!--/kaohe:html-->", "<!--kaohe:html-->\n<!--/kaohe:html-->"]
    pages += ["".join(random.choice(pieces) for _ in range(random.randint(1, 30))) for _ in range(20_000)]
    found_any = 0
    for page in pages:
        expected = [(m.start(), m.end(), bool(m.group(1)), m.group(2)) for m in _HTML.finditer(page)]
        assert list(finished_blocks(page)) == expected, repr(page)
        found_any += bool(expected)
    assert found_any > 5000  # the pages had blocks to find, not only text
