"""Post-build scan: the built site must make no request outside itself.

HTML and SVG are parsed (html.parser, so character references are decoded as a browser decodes
them: `https&#58;//x` is `https://x`), and every place a browser would fetch, follow or run is
checked: URL attributes (src, href, srcset — every candidate —, action, formaction, poster, data,
background, ping, xlink:href …), inline style url(), <meta http-equiv=refresh>, and the code of
inline <script> and <style> elements. A URL is external when it names a host (`//host`, `\\\\host`,
`https://…`) or a scheme other than data:, blob:, mailto: and tel:; `javascript:` URLs are
reported as well. Text is not a request: a URL cited in prose is fine. CSS files: url() and
@import; our own JavaScript: any URL in it; JSON: the URL fields of the search index. The theme's
vendored bundles mention URLs in code paths this configuration never runs; they are only checked for
being loaded from the site itself. Every page also carries a Content-Security-Policy
(default-src 'self'), so a URL this scan missed still cannot load.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRS = {"src", "href", "action", "formaction", "poster", "data", "background", "ping", "xlink:href", "manifest",
             "lowsrc", "dynsrc", "longdesc", "codebase", "archive", "icon", "imagesrcset"}
SRCSET_ATTRS = {"srcset", "imagesrcset"}
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+(?:url\(\s*)?["']?)([^"')\s]+)""", re.I)
ANY_URL = re.compile(r"""(?:(?:https?|wss?|ftp):)?(?://|\\\\)[a-z0-9][a-z0-9.-]*(?:\.[a-z]{2,}|:\d+)[^\s"'<>)`]*|(?:https?|wss?):[\\/]{2}[^\s"'<>)`]+""", re.I)
ALLOWED = ("http://localhost", "http://127.0.0.1", "https://localhost", "https://127.0.0.1")
XML_NAMESPACES = ("http://www.w3.org/",)
LOCAL_SCHEMES = ("data:", "blob:", "mailto:", "tel:", "about:blank")
VENDOR = ("assets/javascripts/", "assets/stylesheets/")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def external(url: str) -> bool:
    """Whether a browser would go outside the site for this URL (after decoding, as it does)."""
    text = _CONTROL.sub("", url).replace("\\", "/").lower()  # browsers drop tabs/newlines, read \ as /
    if not text or text.startswith(("#", "?")):
        return False
    if text.startswith(ALLOWED) or text.startswith(LOCAL_SCHEMES):
        return False
    if text.startswith("//"):
        return True
    return bool(re.match(r"[a-z][a-z0-9+.-]*:", text))  # http:, https:, ftp:, javascript:, file: …


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._code: str | None = None  # inside <script> (executable) or <style>
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name in URL_ATTRS:
                self.urls.append(value)
            if name in SRCSET_ATTRS:
                self.urls += [part.strip().split()[0] for part in value.split(",") if part.strip()]
            if name == "style":
                self.urls += CSS_URL.findall(value)
            if name.startswith("on"):  # an event handler: code, as an inline script
                self.urls += ANY_URL.findall(value)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\";]+)", values.get("content", ""), re.I)
            self.urls.append(match.group(1) if match else "refresh:")
        if tag == "script" and "src" not in values and values.get("type", "text/javascript").lower() not in ("application/json", "application/ld+json"):
            self._code, self._buffer = "script", []
        elif tag == "style":
            self._code, self._buffer = "style", []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self._code = None

    def handle_data(self, data):
        if self._code:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if self._code and tag == self._code:
            code = "".join(self._buffer)
            self.urls += ANY_URL.findall(code) if tag == "script" else CSS_URL.findall(code)
            self._code = None


def html_urls(text: str) -> list[str]:
    parser = _Page()
    parser.feed(text)
    parser.close()
    if parser._code:  # an unclosed <script>: what it holds still counts
        parser.handle_endtag(parser._code)
    return [u for u in parser.urls if external(u) and not u.startswith(XML_NAMESPACES) or u == "refresh:"]


def _json_urls(data) -> list[str]:
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key in ("location", "url", "href", "src") and isinstance(value, str):
                    found.append(value)
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def scan_site(site_dir: Path) -> list[tuple[str, str]]:
    """(file, url) for every external URL found."""
    found: list[tuple[str, str]] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        suffix = path.suffix.lower()
        if suffix not in (".html", ".htm", ".css", ".js", ".json", ".svg"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if suffix in (".html", ".htm", ".svg"):
            urls = html_urls(text)
        elif suffix == ".css":
            urls = CSS_URL.findall(text)
        elif suffix == ".js":
            urls = [] if rel.startswith(VENDOR) else ANY_URL.findall(text)
        else:
            try:
                urls = _json_urls(json.loads(text))
            except ValueError:
                urls = ANY_URL.findall(text)
        found.extend((rel, url) for url in urls if url == "refresh:" or external(url) and not url.startswith(XML_NAMESPACES))
    return found
