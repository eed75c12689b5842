"""A derivation in a <pre> keeps its line breaks through Markdown, and stays escaped text."""

from __future__ import annotations

import html
import re

import markdown

from generator.site.render import html_escape, pre_text

DERIVATION = "汪欣斌（编号 0007）\n\n一、各项得分\n# 不是标题\n1. 不是列表\n　德：<b>17.5</b> 分 | {x}\n结果：好"


def _through_markdown(block: str) -> str:
    return markdown.markdown(block, extensions=["attr_list", "md_in_html", "tables"])


def test_pre_keeps_every_line_and_escapes_them():
    out = _through_markdown(f'<details class="kaohe-derivation"><summary>s</summary><pre class="kaohe-explain">{pre_text(DERIVATION)}</pre></details>')
    body = re.search(r'<pre class="kaohe-explain">(.*?)</pre>', out, re.S)
    assert body, out
    assert html.unescape(body.group(1)) == DERIVATION
    assert "<b>" not in out and "<h1" not in out and "<ol" not in out


def test_h_alone_would_join_the_lines():  # why person pages use `pre`, not `h`
    out = _through_markdown(f'<pre class="kaohe-explain">{html_escape(DERIVATION)}</pre>')
    assert "\n" not in html.unescape(re.search(r"<pre[^>]*>(.*?)</pre>", out, re.S).group(1))
