"""The one thin place where mkdocs calls us (mkdocs `hooks:`): progress while mkdocs renders, finished
HTML passed around Markdown, a page's HTML let go once it is written (the theme's indentation taken
out, theme_whitespace.py), and the search index in UTF-8.

Finished HTML: a template wraps a block it wrote whole — a results table, a person's derivations,
every value already escaped — in <!--kaohe:html--> … <!--/kaohe:html--> lines. Markdown would pass
such a block through unchanged, after reading it character by character (most of mkdocs' time on
an archive's pages); the block is set aside before Markdown and put back in its place after.

Such blocks are never searched (every element in them is marked data-search-exclude; a test builds
the demo and compares the search index with and without this), so they are put back only after the
search plugin has read the page (on_page_context, which mkdocs calls for hooks after plugins): until
then an empty excluded <div> holds their place. The search plugin's HTML parser no longer reads them,
a third of mkdocs' time on a city's internal edition. A block the search must read (a 公示's names:
staff look themselves up) is marked <!--kaohe:html searched--> and put back before the plugin reads
the page: it only passes around Markdown — or, when it is only text in tags the parser drops (a
公示's list), its words go to the parser as one run of text and the block replaces them after
(search_view.py).

Every page the theme would render with main.html goes through kaohe-filled.html (theme_fill.py): the
theme's page around the article is rendered once for a group of like pages and filled in for each.

Everything else mkdocs needs is written before it runs (the docs tree and a per-audience config,
see build.py); `kaohe serve` drives mkdocs' build itself (serve.py).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator

from generator.site.jieba_han import widen_han_in_build
from generator.site.jieba_memo import remember_cuts_in_build
from generator.site.search_view import cells_apart, search_view
from generator.site.template_cache import keep_compiled
from generator.site.theme_fill import Fill, fill_function, template_for
from generator.site.theme_whitespace import trim_around_article

_PROGRESS = "KAOHE_PROGRESS"
PERMALINK_TITLE = "本节链接"
_state = {"total": 0, "done": 0, "shown": -1}


def on_config(config, **kwargs):
    """No sitemap.xml: it lists every page for web search engines, which an intranet archive has none
    of, and it is not read by the theme's features we use (navigation.instant would). On a city's
    internal edition it was 1.5 MB, and a rendering over every page at each preview rebuild. Taken out
    of the templates mkdocs renders here, and out of the theme's files in on_files (a template no longer
    rendered is otherwise copied as it is: the raw Jinja text was published as sitemap.xml)."""
    config.theme.static_templates.discard("sitemap.xml")
    # Each heading's ¶ link: Python-Markdown titles it "Permanent link" (a tooltip, and what a screen
    # reader says), English to every reader; a project's own mkdocs.yml may still name it otherwise.
    toc = config.mdx_configs.setdefault("toc", {})
    if toc.get("permalink") and "permalink_title" not in toc:
        toc["permalink_title"] = PERMALINK_TITLE
    return config


def on_files(files, config, **kwargs):
    for file in [f for f in files if f.src_uri == "sitemap.xml" and not f.is_documentation_page()]:
        files.remove(file)
    _state.update(total=sum(1 for f in files if f.src_uri.endswith(".md")), done=0, shown=-1)
    return files


# A finished block: a line <!--kaohe:html--> (or <!--kaohe:html searched-->), the block, and the first
# later line <!--/kaohe:html-->. This pattern is what finished_blocks() finds; the tests hold it to it.
_HTML = re.compile(r"^<!--kaohe:html( searched)?-->\n(.*?)\n<!--/kaohe:html-->$", re.S | re.M)
_OPEN = "<!--kaohe:html"
_OPENINGS = ((f"{_OPEN}-->\n", False), (f"{_OPEN} searched-->\n", True))
_CLOSE = "\n<!--/kaohe:html-->"
_MARK = "KAOHEHTML"


class Searched(str):
    """A finished block the search index reads: put back before the search plugin reads the page, or
    in its place `view`, the same words as one run of text (search_view.py), swapped for the block after."""

    view: str | None = None


def finished_blocks(text: str) -> Iterator[tuple[int, int, bool, str]]:
    """(start, end, searched, block) of each finished block, as _HTML.finditer() finds them, with
    str.find: the pattern's lazy .*? tried the closing line at every character of a page (0.6 ms of
    each of a city's 9,000 person and results pages)."""
    pos = 0
    while (start := text.find(_OPEN, pos)) >= 0:
        pos = start + 1
        if start and text[start - 1] != "\n":
            continue  # not at the start of a line
        opening = next(((o, searched) for o, searched in _OPENINGS if text.startswith(o, start)), None)
        if opening is None:
            continue
        body = start + len(opening[0])
        close = text.find(_CLOSE, body)
        while close >= 0 and not (close + len(_CLOSE) == len(text) or text[close + len(_CLOSE)] == "\n"):
            close = text.find(_CLOSE, close + 1)  # the closing line must end there
        if close < 0:
            continue  # no closing line: not a block (the next opening may be one)
        end = close + len(_CLOSE)
        yield start, end, opening[1], text[body:close]
        pos = end


def stash_html(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each finished block replaced by a paragraph of its own (a placeholder), and
    the blocks. A page whose text has the placeholder's word is left whole (never mistaken)."""
    if _MARK in markdown:
        return markdown, []
    blocks: list[str] = []
    parts: list[str] = []
    done = 0
    for start, end, searched, block in finished_blocks(markdown):
        if searched:
            block = Searched(block)
            block.view = search_view(block, f"{_MARK}{len(blocks)}S")
        blocks.append(block)
        parts += (markdown[done:start], f"\n\n{_MARK}{len(blocks) - 1}END\n\n")
        done = end
    parts.append(markdown[done:])
    return "".join(parts), blocks


def unstash_html(html: str, blocks: list[str]) -> tuple[str, bool]:
    """The blocks put back; False when a placeholder was not found as its own paragraph."""
    whole = True
    for i, block in enumerate(blocks):
        token = f"<p>{_MARK}{i}END</p>"
        whole = whole and html.count(token) == 1
        html = html.replace(token, block, 1)
    return html, whole


def _holder(i: int) -> str:
    return f'<div data-search-exclude id="{_MARK}{i}"></div>'


def hold_places(html: str, blocks: list[str]) -> tuple[str, bool]:
    """Each block's paragraph replaced by an empty element the search index skips (its place held),
    or by the block itself when the search reads it."""
    return unstash_html(html, [(block.view or block) if isinstance(block, Searched) else _holder(i) for i, block in enumerate(blocks)])


def fill_places(html: str, blocks: list[str]) -> str:
    for i, block in enumerate(blocks):
        if not isinstance(block, Searched):
            html = html.replace(_holder(i), block, 1)
        elif block.view:
            html = html.replace(block.view, block, 1)
    return html


def on_page_markdown(markdown, page, **kwargs):
    markdown, page.kaohe_html = stash_html(markdown)
    _progress()
    return markdown


def on_page_content(html, page, **kwargs):
    if os.environ.get("KAOHE_THEME_FILL") != "0":  # 0: every page with the whole template (tests compare the two)
        template_for(page)  # rendered through theme_fill.py
    html = cells_apart(html)  # before the blocks are back: theirs are never searched, or spaced by their template
    blocks = getattr(page, "kaohe_html", None)
    if not blocks:
        return html
    html, whole = hold_places(html, blocks)
    if not whole:  # a block inside another: a template error, and a warning fails the build
        logging.getLogger("mkdocs.plugins.kaohe").warning(f"{page.file.src_uri}：<!--kaohe:html--> 块不在顶层，未能原样放回。")
    return html


def on_env(env, config, **kwargs):
    """A fresh set of theme skeletons for this build (theme_fill.py); the search plugin's jieba cuts
    remembered (jieba_memo.py), every Han character cut as Chinese (jieba_han.py); the theme's templates
    compiled once a process (template_cache.py). All before the first page is rendered and cut."""
    env.globals["kaohe_fill"] = fill_function(Fill(env))
    if not widen_han_in_build():
        logging.getLogger("mkdocs.plugins.kaohe").warning("搜索：未能让分词程序 jieba 把扩展区汉字（䶮、𠮷 等）当作中文（jieba 版本已变？），含这些字的姓名在搜索中会被拆开；请检查 generator/site/jieba_han.py。")
    remember_cuts_in_build()
    keep_compiled(env)  # before the first template is loaded
    return env


def on_page_context(context, page, **kwargs):
    """After the search plugin indexed the page: the blocks in their places, before the theme shows it."""
    blocks = getattr(page, "kaohe_html", None)
    if blocks:
        page.content = fill_places(page.content, blocks)
        page.kaohe_html = None
    return context


def _progress() -> None:
    """Progress while mkdocs renders: a bar on a terminal, a line per quarter in CI logs."""
    if not os.environ.get(_PROGRESS) or not _state["total"]:
        return
    _state["done"] += 1
    done, total = _state["done"], _state["total"]
    if sys.stderr.isatty():
        filled = done * 30 // total
        sys.stderr.write(f"\r  网页 [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    else:
        quarter = done * 4 // total
        if quarter != _state["shown"] and quarter > 0:
            _state["shown"] = quarter
            sys.stderr.write(f"  网页 {done}/{total}\n")


def on_post_page(output, page, config, **kwargs):
    """The page is written after this: mkdocs would keep every page's HTML and Markdown until the end of
    the build (a city's internal edition: gigabytes); nothing reads them after the page is written
    (the search entry is taken before, the anchors checked at the end are kept apart)."""
    page.title = page.title  # kept: every later page's navigation shows it, and mkdocs reads it from the Markdown
    page.content = None
    page.markdown = None
    return trim_around_article(output)


def on_post_template(output_content, template_name, config, **kwargs):
    """The theme's own pages (404.html) lose their indentation as every page does."""
    return trim_around_article(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config, **kwargs):
    """Search: the index in UTF-8, and a Chinese query cut the way the index was cut (see search_worker.py)."""
    from pathlib import Path

    from generator.site.search_worker import patch_worker

    compact_search_index(Path(config["site_dir"]) / "search" / "search_index.json")

    if not patch_worker(Path(config["site_dir"])):
        logging.getLogger("mkdocs.plugins.kaohe").warning("搜索：未能替换主题搜索程序中的分词函数（mkdocs-material 版本已变？），中文搜索会漏掉词语；请检查 generator/site/search_worker.py。")


def compact_search_index(path) -> None:
    """The theme writes its index with every non-ASCII character as a \\uXXXX escape: 6 bytes for a
    Chinese character (3 in UTF-8) and for each zero-width space between the words jieba cut. The
    same JSON in UTF-8 is half the size; the browser reads it as UTF-8 (fetch().json())."""
    import json

    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
