"""The public site opened from a folder (file://), as an office opens index.html on a shared drive,
in Debian's chromium: a small s003-p2 project built through the real CLI.

Every link to a page is the page's folder (notices/): from a folder the browser showed a file
listing instead of the page, so nothing but the home page could be read, and the search box was
gone without a word. kaohe.js points those links at the folder's index.html and says on every page
that search needs the site's intranet address; the note never prints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT, _serve
from tests.web.util import EPOCH, build, p2_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
]

DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    names = ["于英然", "马雨", "王杰泽", "韦霞刚", "毛伟伟", "邓玉雨", "孔然浩", "龙芳兰", "石浩", "罗琳芳"]
    people = [{"id": f"{i:04d}", "name": name, "dept": "综合股" if i % 2 else "办公室", "fraction": 0.99 - i / 100}
              for i, name in enumerate(names, start=1)]
    root = p2_project(tmp_path_factory.mktemp("folder"), people, ["办公室", "综合股"])
    assert build(root) == 0
    return root / "site"


@pytest.fixture
def tab(browser, site):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.clock.set_fixed_time(DAY.replace(tzinfo=None))
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    yield page
    assert not errors, errors
    root = site.resolve().as_posix() + "/"
    outside = [url for url in requests if urlsplit(url).scheme not in ("data", "blob")
               and not (urlsplit(url).scheme == "file" and unquote(urlsplit(url).path).startswith(root))]
    assert not outside, f"requests outside the site's folder: {outside}"
    ctx.close()


def _is_page(page) -> bool:
    """A page of the site, not the browser's listing of a folder."""
    return page.locator("article.md-content__inner").count() == 1


def test_from_a_folder_every_link_leads_to_a_page_and_search_says_where_it_works(site, tab):
    tab.goto((site / "index.html").resolve().as_uri())
    note = tab.locator(".kaohe-folder-note")
    assert note.count() == 1 and "不能搜索" in note.inner_text() and "内网" in note.inner_text()
    with tab.expect_navigation():
        tab.locator(".md-tabs__link", has_text="公示").first.click()
    assert tab.url.endswith("/notices/index.html") and _is_page(tab), tab.url
    with tab.expect_navigation():
        tab.locator("article table a").first.click()
    assert _is_page(tab) and tab.locator("table.kaohe-notice-list tbody tr").count() >= 1, tab.url
    assert tab.locator(".kaohe-folder-note").count() == 1
    tab.emulate_media(media="print")  # HR prints the 公示 from wherever it opened it
    assert not tab.locator(".kaohe-folder-note").is_visible()
    tab.emulate_media(media="screen")
    with tab.expect_navigation():
        tab.locator("a.md-header__button.md-logo").click()  # href "../../../..": the site's root folder
    assert tab.url == (site / "index.html").resolve().as_uri(), tab.url
    links = tab.locator("a[href]").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    folders = [href for href in links if not href.startswith(("#", "http:", "https:")) and href.split("#")[0].endswith(("/", "."))]
    assert not folders, f"links still to a folder: {folders}"
    tab.set_viewport_size({"width": 390, "height": 844})  # a phone: no search button that never answers
    assert not tab.locator('label.md-header__button[for="__search"]').is_visible()


def test_over_http_links_keep_their_folders_and_no_note_shows(site, browser):
    """The site served as usual is left as the theme made it."""
    server, url = _serve(site)
    ctx = browser.new_context(locale="zh-CN")
    try:
        page = ctx.new_page()
        page.goto(url)
        assert page.locator("article h1").count() == 1 and page.locator(".kaohe-folder-note").count() == 0
        assert page.locator(".md-tabs__link", has_text="公示").first.get_attribute("href") == "notices/"
    finally:
        ctx.close()
        server.shutdown()
        server.server_close()
