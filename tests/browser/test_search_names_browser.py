"""A name typed whole into the search box finds that person, whatever its characters, in Debian's chromium.

jieba took only U+4E00–U+9FD5 for Chinese, so a name with a rarer Han character (䶮 of Extension A,
𠮷 beyond the Basic Multilingual Plane, 鿍 after U+9FD5) was cut into pieces in the index: 王䶮 was
found with every 王 of the agency, 李𠀾明 as 明 with every page of 明细 first. And material's worker
marked every word of a query but the last as 缺少 (missing), on the very page searched for."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import pytest

from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT, search, serve_editions
from tests.web.util import EPOCH, build, p2_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
]

RARE = {"0001": "𠮷田平", "0002": "王䶮", "0003": "刘鿍", "0004": "李𠀾明"}  # Ext B; Ext A; U+9FCD; Ext B in the middle
OTHERS = {"0005": "张田平", "0006": "王艳", "0007": "王杰泽", "0008": "陈明"}  # what a piece of a rare name would find
DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    names = {**RARE, **OTHERS}
    fractions = [0.97, 0.96, 0.95, 0.94] + [0.8] * 4  # the rare names on the 公示 (好), the others not
    people = [{"id": pid, "name": name, "dept": "综合股" if int(pid) % 2 else "办公室", "fraction": fraction}
              for (pid, name), fraction in zip(names.items(), fractions, strict=True)]
    people += [{"id": f"{i:04d}", "name": name, "dept": "综合股", "fraction": 0.8}
               for i, name in enumerate(["于英然", "马雨", "韦霞刚", "毛伟伟", "邓玉雨", "孔然浩", "龙芳兰", "石浩"], start=9)]
    root = p2_project(tmp_path_factory.mktemp("rare"), people, ["办公室", "综合股"])
    assert build(root) == 0 and build(root, "--audience", "internal") == 0
    yield from serve_editions(root)


@pytest.fixture
def tab(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.clock.set_fixed_time(DAY.replace(tzinfo=None))
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, errors
    ctx.close()


def _first_result(tab) -> str:
    return tab.locator(".md-search-result__item").first.inner_text()


@pytest.mark.parametrize("pid", sorted(RARE))
def test_the_whole_name_finds_the_persons_page_first_and_no_one_else(served, tab, pid):
    name = RARE[pid]
    tab.goto(served["site-internal"])
    paths = search(tab, name)
    people = [p for p in paths if p.startswith("/people/")]
    assert people == [f"/people/testju/{pid}/"], f"searching 「{name}」 lists {paths}"
    assert paths[0] == people[0], f"searching 「{name}」 lists {paths[0]} first"
    assert "缺少" not in _first_result(tab), _first_result(tab)
    assert not any(p.startswith(("/results/", "/guide/reading")) for p in paths), f"a piece of 「{name}」 found {paths}"


@pytest.mark.parametrize("pid", sorted(RARE))
def test_the_whole_name_finds_the_notice_in_the_public_edition(served, tab, pid):
    tab.goto(served["site"])
    paths = search(tab, RARE[pid])
    assert paths and paths[0] == "/notices/testju/s003-p2/2025-Q1/", f"searching 「{RARE[pid]}」 lists {paths}"
    assert "缺少" not in _first_result(tab)


def test_a_query_of_two_words_says_nothing_is_missing_where_both_are_found(served, tab):
    """测试局办公室 is cut 测试局 + 办公室; the worker searched 测试局** and said 缺少: 测试局* on every result."""
    tab.goto(served["site"])
    search(tab, "测试局办公室")
    items = tab.locator(".md-search-result__item").evaluate_all(
        "(items) => items.map(i => [i.innerText, [...i.querySelectorAll('mark')].map(m => m.textContent.replace(/\\u200b/g, ''))])")
    both = [text for text, marks in items if {"测试局", "办公室"} <= set(marks)]
    assert both, items[:5]
    assert not [text for text in both if "缺少" in text], both[:3]


def test_a_rare_character_not_in_the_index_is_searched_whole(served, tab):
    """A character of two UTF-16 units that begins no index word was cut in half (a lone surrogate)."""
    tab.goto(served["site-internal"])
    box = tab.locator(".md-search__input")
    box.click()
    box.fill("王𠮸")
    box.press("End")
    tab.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    first = _first_result(tab)
    assert "𠮸" in first and "\ufffd" not in first, first  # 缺少: 𠮸, the character whole
    assert urlsplit(tab.locator(".md-search-result__list a").first.get_attribute("href") or "").path
