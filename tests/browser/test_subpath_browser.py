"""Both editions served under a sub-path (http://host/kaohe/, as an office puts the site beside others on
its intranet server), by a server that answers a missing address with the site's 404.html as nginx's
error_page or Apache's ErrorDocument do, in Debian's chromium: a small s003-p2 project built through
the real CLI.

The 404 page extended the theme and named its files from the server's root (/assets/…): under a
sub-path it came unstyled, or with the scripts and styles of whatever site the server's root holds.
Every kind of page is opened under the sub-path; no request may leave /kaohe/ or fail."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT
from tests.web.util import EPOCH, build, p2_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
]

DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC)
PREFIX = "/kaohe/"
# One page of each kind (the internal ones only in the internal edition)
PAGES = ["", "notices/", "notices/testju/s003-p2/2025-Q1/", "handbooks/", "handbooks/s003-p2/", "departments/",
         "departments/testju/bangongshi/2025/", "archive/", "archive/2025/", "guide/reading/"]
INTERNAL = ["results/", "results/testju/s003-p2/2025-Q1/", "people/", "people/testju/0001/", "compare/", "compare/testju/2025/",
            "forms/", "forms/testju/s003-p2/2025-pingshi-huizongbiao/", "guide/", "guide/problems/"]


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """The site under PREFIX; anything else, and any missing file, is the site's 404.html with status 404."""

    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass

    def translate_path(self, path):
        path = unquote(urlsplit(path).path)
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__nothing__")
        return super().translate_path("/" + path[len(PREFIX):])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    names = ["于英然", "马雨", "王杰泽", "韦霞刚", "毛伟伟", "邓玉雨", "孔然浩", "龙芳兰", "石浩", "罗琳芳"]
    people = [{"id": f"{i:04d}", "name": name, "dept": "综合股" if i % 2 else "办公室", "fraction": 0.99 - i / 100}
              for i, name in enumerate(names, start=1)]
    root = p2_project(tmp_path_factory.mktemp("subpath"), people, ["办公室", "综合股"])
    assert build(root) == 0 and build(root, "--audience", "internal") == 0
    servers, urls = [], {}
    for edition in ("site", "site-internal"):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPath, directory=str(root / edition)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[edition] = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def tab(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.clock.set_fixed_time(DAY.replace(tzinfo=None))
    page = ctx.new_page()
    page.kaohe_errors = []
    page.kaohe_failed = []
    page.kaohe_requests = []
    page.on("pageerror", lambda error: page.kaohe_errors.append(str(error)))
    page.on("request", lambda request: page.kaohe_requests.append(request.url))
    page.on("response", lambda response: response.status >= 400 and page.kaohe_failed.append((response.status, response.url)))
    yield page
    ctx.close()


def _outside(tab) -> list[str]:
    return [url for url in tab.kaohe_requests if urlsplit(url).scheme not in ("data", "blob") and not urlsplit(url).path.startswith(PREFIX)]


@pytest.mark.parametrize("edition", ["site", "site-internal"])
def test_every_kind_of_page_loads_whole_under_a_sub_path(served, tab, edition):
    for path in PAGES + (INTERNAL if edition == "site-internal" else []):
        tab.kaohe_requests.clear()
        response = tab.goto(served[edition] + path)
        tab.wait_for_load_state("load")
        assert response is not None and response.status == 200, (path, response and response.status)
        assert tab.locator("article.md-content__inner h1").count() == 1, path
        # styled: the theme's header is a bar, not a list of links
        assert tab.locator(".md-header").evaluate("h => getComputedStyle(h).position") in ("sticky", "fixed", "relative"), path
        assert not _outside(tab), (path, _outside(tab))
    assert not tab.kaohe_failed, tab.kaohe_failed
    assert not tab.kaohe_errors, tab.kaohe_errors


@pytest.mark.parametrize("edition", ["site", "site-internal"])
def test_the_first_tab_on_every_kind_of_page_is_a_visible_skip_link_to_its_heading(served, tab, edition):
    """A 公示 and a filed form write their heading as HTML: the theme gave them no skip link, and a
    keyboard went through the logo and ten tabs before the notice."""
    for path in PAGES + (INTERNAL if edition == "site-internal" else []):
        tab.goto(served[edition] + path)
        tab.keyboard.press("Tab")
        focused = tab.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
            return [a.classList.contains('md-skip') ? 'md-skip' : a.className, a.textContent.trim(), a.getAttribute('href') || '', r.width > 0 && r.height > 0 && r.top >= 0] }""")
        assert focused[:2] == ["md-skip", "跳转至"] and focused[3], (path, focused)
        target = tab.evaluate("id => { const e = document.getElementById(id); return e ? e.tagName : null }", focused[2][1:])
        assert target in ("H1", "H2"), (path, focused[2], target)
        tab.keyboard.press("Enter")
        assert tab.evaluate("() => decodeURIComponent(location.hash)") == focused[2], path


@pytest.mark.parametrize("edition", ["site", "site-internal"])
@pytest.mark.parametrize("missing", ["notices/testju/s003-p2/2025-Q9/", "nosuchpage", "people/testju/9999/index.html"])
def test_a_missing_address_under_a_sub_path_shows_the_sites_own_not_found_page(served, tab, edition, missing):
    response = tab.goto(served[edition] + missing)
    assert response is not None and response.status == 404
    assert tab.locator("h1").inner_text().strip() == "找不到这个页面"
    assert "找不到这个页面" in tab.title()
    assert tab.locator("header").evaluate("h => getComputedStyle(h).backgroundColor") != "rgba(0, 0, 0, 0)"  # its own style
    # nothing but the page itself: no file of the site can be named from an address of unknown depth
    assert [urlsplit(url).path for url in tab.kaohe_requests] == [PREFIX + missing], tab.kaohe_requests
    assert not tab.kaohe_errors, tab.kaohe_errors
    assert ("内部版" in tab.locator("main").inner_text()) == (edition == "site-internal")


def test_a_printed_persons_history_does_not_ask_to_click(served, tab):
    """On paper the history's head said 考核期（点击看计算过程）: there is nothing to click."""
    tab.goto(served["site-internal"] + "people/testju/0001/")
    head = tab.locator("table.kaohe-history thead th").first
    assert "点击" in head.inner_text()
    tab.emulate_media(media="print")
    assert head.inner_text().strip() == "考核期"


@pytest.mark.parametrize("width", [375, 800, 1280])
def test_a_handbooks_table_of_contents_is_reachable_at_every_width(served, browser, width):
    """A handbook is outside the navigation: below 60em the theme's drawer listed the tabs only, and its
    21 sections had no table of contents on a phone or an upright tablet."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    page.goto(served["site"] + "handbooks/s003-p2/")
    sidebar = page.evaluate("() => [...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')].filter(a => a.getClientRects().length).length")
    own = page.locator("details.kaohe-toc-small")
    if width >= 960:
        assert sidebar > 5 and not own.is_visible()
    else:
        assert sidebar == 0 and own.is_visible()
        own.locator("summary").click()
        targets = own.locator("a").evaluate_all("as => as.map(a => decodeURIComponent(a.hash.slice(1)))")
        assert len(targets) > 5 and all(page.evaluate("id => !!document.getElementById(id)", t) for t in targets), targets
        own.locator("a", has_text="等次").first.click()
        assert page.evaluate("() => decodeURIComponent(location.hash)").endswith("-grades")
    ctx.close()
