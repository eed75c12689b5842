"""Both editions of the demo, crawled: every internal link and source resolves (to a file, and a
#fragment to an element of that page — the anchors a person's page unpacks in the browser included),
and what a reader sees next to them is in Chinese and agrees from page to page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from generator.site.mkdocs_hooks import PERMALINK_TITLE
from generator.site.packed_text import unpack_texts
from tests.web.util import build, copy_demo

EDITIONS = ("site", "site-internal")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("links"))
    assert build(root) == 0 and build(root, "--audience", "internal") == 0
    return root


def _pages(site: Path) -> dict[Path, LexborHTMLParser]:
    return {page: LexborHTMLParser(page.read_text("utf-8")) for page in sorted(site.rglob("*.html"))}


def _ids(tree: LexborHTMLParser) -> set[str]:
    """The ids a reader's browser has on the page: its elements', and those kaohe.js gives the derivations
    it unpacks (each packed record: anchor, summary, text, link to the results row)."""
    ids = {node.attributes.get("id") for node in tree.css("[id]")}
    for packed in tree.css("div.kaohe-packed[data-texts]"):
        ids |= {record[0] for record in unpack_texts(packed.attributes["data-texts"], int(packed.attributes["data-size"]))}
    return ids


def _links(tree: LexborHTMLParser) -> list[str]:
    urls = [value for node in tree.css("[href], [src]") for value in (node.attributes.get("href"), node.attributes.get("src")) if value]
    for packed in tree.css("div.kaohe-packed[data-texts]"):
        urls += [record[3] for record in unpack_texts(packed.attributes["data-texts"], int(packed.attributes["data-size"])) if record[3]]
    return urls


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_internal_link_and_source_resolves(demo, edition):
    site = (demo / edition).resolve()
    pages = _pages(site)
    ids = {page: _ids(tree) for page, tree in pages.items()}
    missing, no_anchor, checked = [], [], 0
    for page, tree in pages.items():
        for url in _links(tree):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:  # test_public_site_makes_no_external_request
                continue
            target = page if not parts.path else ((site if parts.path.startswith("/") else page.parent) / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file() or not target.is_relative_to(site):
                missing.append((page.relative_to(site).as_posix(), url))
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                no_anchor.append((page.relative_to(site).as_posix(), url))
    assert checked > 1000
    assert not missing, f"{len(missing)} links lead nowhere: {missing[:10]}"
    assert not no_anchor, f"{len(no_anchor)} links name an anchor their page does not have: {no_anchor[:10]}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_heading_links_are_titled_in_chinese(demo, edition):
    """Each heading's ¶ link was titled "Permanent link" (the tooltip, and what a screen reader says)."""
    titles = set()
    for tree in _pages(demo / edition).values():
        titles |= {a.attributes.get("title") for a in tree.css("a.headerlink")}
    assert titles == {PERMALINK_TITLE}


def test_notices_index_counts_only_the_lists_it_publishes(demo):
    """A 公示 not yet started (or held back for a decision) shows no names on its page: the list of
    公示 showed how many there were all the same."""
    site = demo / "site"
    rows = LexborHTMLParser((site / "notices" / "index.html").read_text("utf-8")).css("table.kaohe-list tbody tr")
    withheld = shown = 0
    for row in rows:
        link = row.css_first("a").attributes["href"]
        notice = LexborHTMLParser((site / "notices" / link / "index.html").read_text("utf-8"))
        listed = notice.css("table.kaohe-notice-list tbody tr")
        count = row.css("td")[-1].text().strip()
        if notice.css_first("table.kaohe-notice-list") is None:
            withheld += 1
            assert count == "—", (link, count)
        else:
            shown += 1
            assert count == str(len(listed)), (link, count)
    assert withheld and shown


def test_handbooks_sharing_a_name_have_titles_of_their_own(demo):
    """s003-p2 and its 2026 revision are both 公务员平时考核实施方案: a search result or a browser tab
    could not tell them apart."""
    titles = {}
    for page in (demo / "site" / "handbooks").glob("*/index.html"):
        titles[page.parent.name] = LexborHTMLParser(page.read_text("utf-8")).css_first("title").text()
    assert len(set(titles.values())) == len(titles), titles
    assert titles["s003-p2"].startswith("公务员平时考核实施方案（2021 版）")
    assert titles["s003-p2-2026"].startswith("公务员平时考核实施方案（2026 版）")
    assert titles["s000-gangwei"].startswith("2018年岗位目标责任制考核办法 ")  # a name of its own keeps it
    # a search result is titled by the page's heading, not its <title>: both results read 公务员平时考核实施方案
    docs = json.loads((demo / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    found = {d["location"]: d["title"].replace("\u200b", "") for d in docs}
    assert found["handbooks/s003-p2/"] == "公务员平时考核实施方案（2021 版）"
    assert found["handbooks/s003-p2-2026/"] == "公务员平时考核实施方案（2026 版）"
    assert found["handbooks/s000-gangwei/"] == "2018年岗位目标责任制考核办法"


def test_a_share_of_people_has_one_decimal_on_every_page(demo):
    """The same 7 of 28 read 25% on the comparison and 25.0% on the filed form; a department's 占比 mixed
    20% and 16.7% in one column (and so in one column of its download)."""
    pattern = re.compile(r"(?<![\d.])(?<!占 )(\d+(?:\.\d+)?)%")  # not a rule in a name: 平时考核得分占 60%
    pages = [*(demo / "site" / "departments").rglob("index.html"), *(demo / "site-internal" / "compare").rglob("index.html"),
             *(demo / "site-internal" / "forms").glob("*/*/*-pingshi-huizongbiao/index.html")]  # the yearly form's 优秀率 are its own
    shares = []
    for page in pages:
        for cell in LexborHTMLParser(page.read_text("utf-8")).css("article td"):
            shares += pattern.findall(cell.text())
    assert len(shares) > 500
    assert {s for s in shares if not re.fullmatch(r"\d+\.\d", s)} == set()
    csv = next((demo / "site" / "downloads" / "yunxi-czj" / "departments").glob("*办公室-2025年*.csv")).read_text("utf-8-sig")
    assert "20.0%" in csv and not re.search(r",\d+%", csv)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_not_found_page_speaks_chinese_and_names_no_file_of_the_site(demo, edition):
    """A mistyped address showed the theme's "404 - Not found"; then a page in Chinese that extended the
    theme and named its files from the server's root (/assets/…), wrong under a sub-path (http://内网/kaohe/).
    It is served for an address of any depth, so it stands alone: no script, stylesheet, image or link."""
    tree = LexborHTMLParser((demo / edition / "404.html").read_text("utf-8"))
    article = tree.css_first("article")
    assert article.css_first("h1").text().strip() == "找不到这个页面"
    assert "Not found" not in article.text() and "后退" in article.text() and "首页" in article.text()
    assert tree.css_first("title").text().startswith("找不到这个页面 - ")
    named = [(node.tag, node.attributes) for node in tree.css("[src], [href], script, link[rel=stylesheet]")
             if not (node.attributes.get("href") or "").startswith("data:")]
    assert named == [], named
    assert "default-src 'none'" in tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_a_title_of_its_own(demo, edition):
    """The <title> is what the browser's tab, its bookmarks and history show: 8 公示 of a scheme's own
    title (季度考评优秀等次公示) and 10 agencies' 办公室 · 2025年考核情况 read alike; each now names its agency and period."""
    titles: dict[str, list[str]] = {}
    for page in sorted((demo / edition).rglob("*.html")):
        title = LexborHTMLParser(page.read_text("utf-8")).css_first("title")
        titles.setdefault(title.text() if title else "", []).append(page.relative_to(demo / edition).as_posix())
    assert "" not in titles
    shared = {title: pages[:3] for title, pages in titles.items() if len(pages) > 1}
    assert not shared, shared
