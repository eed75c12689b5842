"""The theme's indentation taken out around the article (site/theme_whitespace.py): the article is
untouched, a run of whitespace with a line break becomes one line break, nothing else changes."""

from __future__ import annotations

import re

from generator.site.theme_whitespace import trim_around_article

PAGE = ('<html>\n  <head>\n    <title>甲 乙</title>\n\n\n    <script id="__config" type="application/json">{"a": [1,\n      2]}</script>\n'
        '  </head>\n  <body>\n    <a href="x">首页</a>   <span>  公示 </span>\n'
        '<article class="md-content__inner">\n\n    <pre class="kaohe-explain">一、\n　　德：17.5 分\n\n结果</pre>\n  </article>\n'
        '      <footer>\n\n        内部版 ·   请勿外传\n      </footer>\n</body>\n</html>\n')


def test_indentation_goes_the_article_stays():
    out = trim_around_article(PAGE)
    article = PAGE[PAGE.index("<article"):PAGE.rindex("</article>")]
    assert article in out
    assert "\n " not in out.replace(article, "") and "\n\n" not in out.replace(article, "")
    assert len(out) < len(PAGE)
    # as the browser collapses whitespace (outside <pre>), the page reads the same
    assert re.sub(r"\s+", " ", out.replace(article, "")) == re.sub(r"\s+", " ", PAGE.replace(article, ""))
    assert "<a href=\"x\">首页</a>   <span>  公示 </span>" in out  # runs within a line are left alone


def test_a_page_without_an_article_is_left_whole():
    assert trim_around_article("<p>\n    x\n</p>") == "<p>\n    x\n</p>"


def test_the_themes_settings_keep_their_meaning_in_fewer_bytes():
    import json

    settings = {"translations": {"search.result.none": "没有找到符合条件的结果", "x": "a\\u4e00 <b>&'\"\u2028\U0001F600"},
                "features": ["navigation.tabs"], "base": "../../.."}
    written = json.dumps(settings)  # as the theme writes it: every non-ASCII character escaped
    written = written.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    page = f'<article>x</article>\n<script id="__config" type="application/json">{written}</script>\n'
    out = trim_around_article(page)
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', out, re.S).group(1)
    assert json.loads(config) == settings
    assert "没有找到符合条件的结果" in config and len(out.encode()) < len(page.encode())
    # what stays escaped: a backslash's own escape (so "\\u4e00" stays text), markup, surrogates, line separators
    assert "\\\\u4e00" in config and "\\u003c" in config and "\\u2028" in config and "\\ud83d" in config
    assert "<b>" not in config
