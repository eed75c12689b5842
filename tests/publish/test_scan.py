"""Issue 12 finding 5: the post-build scan parses HTML as a browser does and finds every form of an
outside request; a URL cited in prose is not a request. And every page carries the CSP."""

from __future__ import annotations

import pytest

from generator.site.scan import scan_site

REQUESTS = [
    '<img src="\\\\host/x.png">',
    '<img src="https&#58;//evil.example/x.png">',
    '<img src="x.png" srcset="a.png 1x, https://evil.example/b.png 2x">',
    '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    "<script>fetch('https://evil.example/collect')</script>",
    '<img src="//evil.example/x.png">',
    '<div style="background:url(https://evil.example/bg.png)"></div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    '<a href="javascript:alert(1)">x</a>',
    '<form action="http://evil.example/post"></form>',
    '<img src=" https://evil.example/x.png">',
    '<svg><image xlink:href="https://evil.example/x.png"/></svg>',
    '<img src="x" onerror="fetch(\'//evil.example:8080/x\')">',
    '<IMG SRC="https://evil.example/upper.png">',
    '<META HTTP-EQUIV="Refresh" CONTENT="0;URL=//evil.example/">',
    "<template><img src='https://evil.example/in-template.png'></template>",
    "<template><template><script>fetch('//evil.example/deep')</script></template></template>",
    "<noscript><img src='https://evil.example/noscript.png'></noscript>",
    "<script>fetch('https://evil.example/unclosed')",
    '<svg><script>fetch("https://evil.example/svg")</script></svg>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<iframe srcdoc="&lt;img src=&quot;https://evil.example/in-frame.png&quot;&gt;"></iframe>',
    # CSS as a browser reads it: escapes decoded, comments dropped, image-set()'s strings are URLs too
    '<div style="background:url(h\\74tps://evil.example/escaped.png)"></div>',
    '<style>@import url("\\2f\\2f evil.example/escaped.css");</style>',
    "<style>@import/**/'https://evil.example/comment.css';</style>",
    '<style>@import"https://evil.example/tight.css";</style>',
    "<div style=\"background-image:image-set('a.png' 1x, 'https://evil.example/set.png' 2x)\"></div>",
    # SVG: a paint server or filter in another document; an animation that sets a link
    '<svg><rect fill="url(https://evil.example/p.svg#g)"/></svg>',
    # the same in capitals, and in an attribute the scan reads only for url() (seventeenth session's fast path)
    '<svg><rect FILL="URL(//evil.example/p.svg#g)"/></svg>',
    '<svg><rect clip-path="Url( \'https://evil.example/c.svg#c\' )"/></svg>',
    '<div data-kaohe="x" onmouseover="fetch(\'https://evil.example/on\')">x</div>',
    '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>',
    '<svg><a><animate attributeName="href" values="#a;https://evil.example/anim"/></a></svg>',
    # a document in a data: URL loads what it names
    '<iframe src="data:text/html,&lt;img src=https://evil.example/in-data.png&gt;"></iframe>',
    '<object data="data:image/svg+xml;base64,PHN2Zz48aW1hZ2UgaHJlZj0iaHR0cHM6Ly9ldmlsLmV4YW1wbGUveC5wbmciLz48L3N2Zz4="></object>',
    # an address by number, in code
    "<script>fetch('//10.0.0.5/collect')</script>",
]


@pytest.mark.parametrize("html", REQUESTS)
def test_each_form_of_request_is_found(tmp_path, html):
    (tmp_path / "index.html").write_text(f"<html><head></head><body>{html}</body></html>", encoding="utf-8")
    found = scan_site(tmp_path)
    assert [rel for rel, _ in found] == ["index.html"], found


def test_workers_find_the_same_requests_in_the_same_order(tmp_path, monkeypatch):
    """A large site is scanned in worker processes (parallel.py): same findings, same order."""
    from generator.site import scan

    for i, html in enumerate(REQUESTS * 3):
        folder = tmp_path / f"p{i:03d}"
        folder.mkdir()
        (folder / "index.html").write_text(f"<html><body><a href='../'>x</a>{html}</body></html>", encoding="utf-8")
        (folder / "ok.css").write_text("a { color: red }", encoding="utf-8")
    monkeypatch.setenv("KAOHE_WORKERS", "1")
    alone = scan_site(tmp_path)
    monkeypatch.setenv("KAOHE_WORKERS", "3")
    monkeypatch.setattr(scan, "WORKERS_FROM_FILES", 1)
    monkeypatch.setattr(scan.ordered_map.__globals__["threading"], "active_count", lambda: 1)  # as in a clean build
    assert scan_site(tmp_path) == alone
    assert sorted({rel for rel, _ in alone}) == sorted(f"p{i:03d}/index.html" for i in range(len(REQUESTS) * 3))


def test_prose_and_local_urls_are_not_requests(tmp_path):
    (tmp_path / "index.html").write_text(
        "<p>来源：https://www.gov.cn/zhengce/2020-01/01/content_1.htm 与 http://example.org/a</p>"
        '<a href="../handbooks/">x</a><img src="assets/x.png" srcset="a.png 1x, b.png 2x"><img src="data:image/png;base64,AA==">'
        '<svg xmlns="http://www.w3.org/2000/svg"></svg><a href="#top">t</a><a href="mailto:hr@example.org">m</a>'
        '<script id="__config" type="application/json">{"base": "https://not-run.example"}</script>',
        encoding="utf-8")
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(
        '{"docs": [{"location": "handbooks/s1/", "text": "来源 https://www.gov.cn/x"}]}', encoding="utf-8")
    assert scan_site(tmp_path) == []


def test_text_a_browser_reads_as_text_is_not_a_request(tmp_path):
    """Parsed as a browser parses: what <textarea> and <title> hold is text, and so is an attribute's
    look-alike in a text node."""
    (tmp_path / "index.html").write_text(
        "<html><head><title><img src='https://evil.example/t.png'></title></head><body>"
        "<textarea><img src='https://evil.example/x.png'></textarea><p>src=&quot;https://evil.example/&quot;</p></body></html>",
        encoding="utf-8")
    assert scan_site(tmp_path) == []


def test_search_index_locations_are_checked(tmp_path):
    (tmp_path / "search_index.json").write_text('{"docs": [{"location": "https://evil.example/", "text": ""}]}', encoding="utf-8")
    assert scan_site(tmp_path) == [("search_index.json", "https://evil.example/")]
