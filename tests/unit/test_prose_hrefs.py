"""A link in scheme prose or a hand-written page, as a hostile or sloppy author writes it: what the
sanitiser keeps is a link within the site, as a browser reads it (tabs and line breaks dropped, \\ read
as /, character references decoded) — and stays one when kaohe.js, on a site opened from a folder
(file://), appends index.html to a link ending in / (fromFolder: it leaves alone an href with a
scheme, and adds to what is left, so a kept href must not be one a suffix makes live)."""

from __future__ import annotations

import re

import pytest

from generator.site.prose import sanitise
from generator.site.scan import external

HOSTILE = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "ja\nvascript:alert(1)",
    "java&#9;script:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)", "\x01javascript:alert(1)",
    "vbscript:x", "data:text/html,<script>alert(1)</script>", "http:evil.example", "https://evil.example/",
    "//evil.example/x", "\\\\evil.example\\x", "/\\evil.example", "\\/evil.example", "/\t/evil.example", "\u00a0//evil.example",
    "javascript:alert(1)//", "//evil.example/",
]
KEPT = ["#第三条", "../x/", "附件1.md", "./javascript:alert(1)/", "%6Aavascript:alert(1)", "?x=javascript:alert(1)"]


def _hrefs(html: str) -> list[str]:
    from html import unescape

    return [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]


@pytest.mark.parametrize("href", HOSTILE)
def test_a_link_out_of_the_site_is_dropped(href):
    assert _hrefs(sanitise(f'<a href="{href}">x</a>')) == []


@pytest.mark.parametrize("href", KEPT)
def test_a_kept_link_stays_in_the_site_also_as_the_folder_rewrite_makes_it(href):
    (kept,) = _hrefs(sanitise(f'<a href="{href}">x</a>'))
    at = re.search(r"[?#]", kept)
    path = kept if at is None else kept[: at.start()]
    rewritten = path + "index.html" + ("" if at is None else kept[at.start():]) if path.endswith("/") else kept
    for url in (kept, rewritten):
        assert not external(url), url
