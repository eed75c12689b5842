"""Post-build scan: the built site must make no request outside itself.

HTML and SVG are parsed as a browser parses them (Lexbor, through selectolax: the HTML5 parsing
algorithm in C, so character references are decoded as a browser decodes them — `https&#58;//x` is
`https://x` — and text that a browser reads as text, inside <textarea> or <title>, is not taken for
tags), and every place a browser would fetch, follow or run is checked: URL attributes (src, href, srcset — every candidate —, action, formaction, poster, data,
background, ping, xlink:href …), CSS in a style attribute or any attribute with url() (SVG's fill="url(…)"),
<meta http-equiv=refresh>, a frame's srcdoc document and a document in a data: URL, the values an SVG
<set>/<animate> gives an attribute, and the code of inline <script> and <style> elements. CSS is read as
a browser reads it: comments dropped, escapes decoded (`h\\74tps:`), url(), @import and image-set(). A URL is external when it names a host (`//host`, `\\\\host`,
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

import base64
import binascii
import json
import re
from pathlib import Path
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser

from generator.core.parallel import ordered_map, worker_count

URL_ATTRS = {"src", "href", "action", "formaction", "poster", "data", "background", "ping", "xlink:href", "manifest",
             "lowsrc", "dynsrc", "longdesc", "codebase", "archive", "icon", "imagesrcset"}
SRCSET_ATTRS = {"srcset", "imagesrcset"}
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s*(?:url\(\s*)?["']?)([^"')\s]+)""", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-f]{1,6})[ \t\n\r\f]?|\\(.)", re.I | re.S)
_IMAGE_SET = re.compile(r"image-set\(([^)]*)\)", re.I)  # and -webkit-image-set(): its strings are URLs
_CSS_STRING = re.compile(r"""["']([^"']*)["']""")
# URLs in code: with a host name (a dot and a top-level name, or a port), an address by number, or a scheme
ANY_URL = re.compile(r"""(?:(?:https?|wss?|ftp):)?(?://|\\\\)(?:[a-z0-9][a-z0-9.-]*(?:\.[a-z]{2,}|:\d+)|(?:\d{1,3}\.){3}\d{1,3})[^\s"'<>)`]*|(?:https?|wss?):[\\/]{2}[^\s"'<>)`]+""", re.I)
# An SVG animation that sets an attribute (a link's href) to what its to/from/values/by say.
ANIMATION_VALUES = {"to", "from", "values", "by"}
_DATA_DOCUMENT = re.compile(r"data:(?:text/html|image/svg\+xml|application/xhtml\+xml|text/xml|application/xml)([^,]*),(.*)", re.I | re.S)
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


def css_urls(text: str) -> list[str]:
    """What CSS would fetch, read as a browser reads it: comments dropped, escapes decoded (h\\74tps: is
    https:), every url() and @import, and the strings of image-set()."""
    def unescape(match: re.Match) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return match.group(2) if match.group(2) != "\n" else ""

    text = _CSS_ESCAPE.sub(unescape, _CSS_COMMENT.sub(" ", text))
    return CSS_URL.findall(text) + [s for body in _IMAGE_SET.findall(text) for s in _CSS_STRING.findall(body)]


def _data_document(url: str) -> list[str]:
    """What a document in a data: URL (HTML, SVG, XML in a frame or an object) would fetch."""
    match = _DATA_DOCUMENT.match(re.sub(r"[\t\n\r]", "", url.strip()))  # as a browser reads a URL: tabs and line breaks dropped
    if not match:
        return []
    body = match.group(2)
    try:
        text = base64.b64decode(body + "=" * (-len(body) % 4)).decode("utf-8", "replace") if ";base64" in match.group(1).lower() else unquote(body)
    except (ValueError, binascii.Error):
        return [url]  # a document that cannot be read: reported, not guessed safe
    return _parsed_urls(text)


# The attributes that are read for more than a url() in their value; every other one (class, id, title,
# data-…: most of a city's five million) is only searched for "url(", and only when it holds a "(".
_READ_ATTRS = URL_ATTRS | SRCSET_ATTRS | ANIMATION_VALUES | {"style", "srcdoc"}
_READ_TAGS = {"meta", "script", "style", "template"}


def _element_urls(node, urls: list[str]) -> None:
    """What one element would fetch, follow or run."""
    tag = node.tag
    attrs = node.attributes
    for name, value in attrs.items():
        name, value = name.lower(), value or ""
        if name not in _READ_ATTRS and not name.startswith("on"):
            if "(" in value and "url(" in value.lower():  # SVG's fill="url(…)"
                urls += css_urls(value)
            continue
        if name in URL_ATTRS:
            urls.append(value)
            urls += _data_document(value)
        if name in SRCSET_ATTRS:
            urls += [part.strip().split()[0] for part in value.split(",") if part.strip()]
        if name == "style" or "url(" in value.lower():  # SVG's fill="url(…)" too
            urls += css_urls(value)
        if name in ANIMATION_VALUES and tag in ("set", "animate"):
            urls += [part.strip() for part in value.split(";") if part.strip()]
        if name.startswith("on"):  # an event handler: code, as an inline script
            urls += ANY_URL.findall(value)
        if name == "srcdoc":  # a frame's whole document, written in the attribute
            urls += _parsed_urls(value)
    if tag not in _READ_TAGS:
        return
    if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
        match = re.search(r"url\s*=\s*['\"]?([^'\";]+)", attrs.get("content") or "", re.I)
        urls.append(match.group(1) if match else "refresh:")
    if tag == "script" and "src" not in attrs and (attrs.get("type") or "text/javascript").lower() not in ("application/json", "application/ld+json"):
        urls += ANY_URL.findall(node.text(deep=True))
    elif tag == "style":
        urls += css_urls(node.text(deep=True))
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
        urls = css_urls(text)
    elif suffix == ".js":
        urls = [] if rel.startswith(VENDOR) else ANY_URL.findall(text)
    else:
        try:
            urls = _json_urls(json.loads(text))
        except ValueError:
            urls = ANY_URL.findall(text)
    return [(rel, url) for url in urls if url == "refresh:" or external(url) and not url.startswith(XML_NAMESPACES)]
