"""Issue 12: a site built from hostile inputs (tests/publish/injected.py — script tags, event handlers,
javascript: links, attr_list attributes, srcset/UNC/entity-encoded URLs, meta refresh and fetch() in
scheme prose; markup in people's names, the site title and the agency name), opened in a real browser
(Debian's chromium, as in test_site_browser.py), both editions, every page: zero requests outside
127.0.0.1, zero script dialogs (alert/confirm/prompt), and the theme's own scripts still work under
the Content-Security-Policy (no JavaScript errors; search opens)."""

from __future__ import annotations

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest

from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT, _serve
from tests.publish.injected import EPOCH, make_injected_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = make_injected_project(tmp_path_factory.mktemp("injected-browser") / "proj")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONWARNINGS="ignore")
    run = "import sys; from generator.cli import main; sys.exit(main())"
    sites = {}
    for audience in ("public", "internal"):
        out = root / f"out-{audience}"
        proc = subprocess.run([sys.executable, "-c", run, "-C", str(root), "build", "--quiet", "--audience", audience, "--out", str(out)],
                              env=env, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        sites[audience] = out
    servers, urls = [], {}
    for audience, directory in sites.items():
        server, url = _serve(directory)
        servers.append(server)
        urls[audience] = (url, sorted(p.relative_to(directory).as_posix() for p in directory.rglob("index.html")))
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


def test_no_request_outside_and_no_dialog(served, browser):
    requests: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    csp_blocked: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.on("request", lambda request: requests.append(request.url))
    context.set_default_timeout(15_000)
    page = context.new_page()

    def on_dialog(dialog):
        dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on("console", lambda msg: csp_blocked.append(msg.text) if "Content Security Policy" in msg.text else None)
    visited = 0
    for base, pages in served.values():
        for rel in pages:
            page.goto(base + rel[: -len("index.html")], wait_until="load")
            page.mouse.move(200, 300)
            page.mouse.move(640, 500)  # hover handlers, if any had survived
            visited += 1
        page.goto(base, wait_until="load")
        box = page.locator(".md-search__input")
        box.click()
        box.fill("考核")
        box.press("End")  # material listens for keyup
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
        for query in ("alert", "onerror", "HYPERLINK", "script"):  # results quote the injected text itself
            box.fill(query)
            box.press("End")
            page.wait_for_timeout(700)
    context.close()
    assert visited > 50
    outside = sorted({u for u in requests if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != "127.0.0.1"})
    assert outside == []
    assert dialogs == []
    assert errors == []
    # nothing of ours or the theme's had to be blocked: the injected script is gone before the browser sees it
    assert csp_blocked == []
