"""Post-build scan: the built site must make no request outside itself.

HTML and SVG are parsed as a browser parses them (Lexbor, through selectolax: the HTML5 parsing
algorithm in C, so character references are decoded as a browser decodes them — `https&#58;//x` is
`https://x` — and text that a browser reads as text, inside <textarea> or <title>, is not taken for
tags), and every place a browser would fetch, follow or run is checked: URL attributes (src, href, srcset — every candidate —, action, formaction, poster, data,
background, ping, xlink:href …), inline style url(), <meta http-equiv=refresh>, a frame's srcdoc document, and the code of
inline <script> and <style> elements. A URL is external when it names a host (`//host`, `\\\\host`,
`https://…`) or a scheme other than data:, blob:, mailto: and tel:; `javascript:` URLs are
reported as well. Text is not a request: a URL cited in prose is fine. CSS files: url() and
@import; our own JavaScript: any URL in it; JSON: the URL fields of the search index. The theme's
vendored bundles mention URLs in code paths this configuration never runs; they are only checked for
being loaded from the site itself. Every page also carries a Content-Security-Policy
(default-src 'self'), so a URL this scan missed still cannot load.

Why Lexbor and not Python's html.parser (used until the fifth session): a city's internal edition
has 18,000 pages; on a quarter of it (3,500 pages of people, 600,000 tags) html.parser took 30 s,
Lexbor takes 6 s for the whole site, and it follows the browser's rules where html.parser only
approximates them. The contents of a <template> (a fragment the browser keeps apart) are
parsed and checked too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from generator.core.parallel import ordered_map, worker_count

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


def _element_urls(node, urls: list[str]) -> None:
    """What one element would fetch, follow or run."""
    tag = node.tag
    attrs = node.attributes
    for name, value in attrs.items():
        name, value = name.lower(), value or ""
        if name in URL_ATTRS:
            urls.append(value)
        if name in SRCSET_ATTRS:
            urls += [part.strip().split()[0] for part in value.split(",") if part.strip()]
        if name == "style":
            urls += CSS_URL.findall(value)
        if name.startswith("on"):  # an event handler: code, as an inline script
            urls += ANY_URL.findall(value)
        if name == "srcdoc":  # a frame's whole document, written in the attribute
            urls += _parsed_urls(value)
    if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
        match = re.search(r"url\s*=\s*['\"]?([^'\";]+)", attrs.get("content") or "", re.I)
        urls.append(match.group(1) if match else "refresh:")
    if tag == "script" and "src" not in attrs and (attrs.get("type") or "text/javascript").lower() not in ("application/json", "application/ld+json"):
        urls += ANY_URL.findall(node.text(deep=True))
    elif tag == "style":
        urls += CSS_URL.findall(node.text(deep=True))
    elif tag == "template":  # its contents are a fragment of their own, not among the element's children
        for fragment in node.template_fragments():
            _tree_urls(fragment, urls)


def _tree_urls(root, urls: list[str]) -> None:
    for node in root.traverse(include_text=False):
        if node.is_element_node:
            _element_urls(node, urls)


def _parsed_urls(text: str) -> list[str]:
    urls: list[str] = []
    _tree_urls(LexborHTMLParser(text).root, urls)
    return urls


def html_urls(text: str) -> list[str]:
    return [u for u in _parsed_urls(text) if external(u) and not u.startswith(XML_NAMESPACES) or u == "refresh:"]


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


SCANNED = (".html", ".htm", ".css", ".js", ".json", ".svg")
# From this many files on, the scan runs in worker processes (parallel.py): a city's internal edition
# has 10,000 pages, 25 s of parsing on one core; the demo's 800 are scanned faster in the build's own.
WORKERS_FROM_FILES = 2000


def scan_site(site_dir: Path) -> list[tuple[str, str]]:
    """(file, url) for every external URL found, in the order of the files' paths."""
    paths = [path for path in sorted(site_dir.rglob("*")) if path.suffix.lower() in SCANNED and path.is_file()]
    found: list[tuple[str, str]] = []
    for part in ordered_map(_scan_share, (site_dir, paths), len(paths), worker_count(len(paths), WORKERS_FROM_FILES)):
        found.extend(part)
    return found


def _scan_share(shared: tuple[Path, list[Path]], start: int, stop: int) -> list[tuple[str, str]]:
    site_dir, paths = shared
    return [found for path in paths[start:stop] for found in _scan_file(site_dir, path)]


def _scan_file(site_dir: Path, path: Path) -> list[tuple[str, str]]:
    rel = path.relative_to(site_dir).as_posix()
    suffix = path.suffix.lower()
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
    return [(rel, url) for url in urls if url == "refresh:" or external(url) and not url.startswith(XML_NAMESPACES)]
