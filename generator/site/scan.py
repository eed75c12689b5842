"""Post-build scan: the built site must make no request outside itself.

Looks at what a browser would fetch or follow: src/href/srcset/action attributes and inline
style url() in HTML, url() and @import in CSS, href in SVG, and URLs in JSON (the search index)
and in our own JavaScript. The theme's vendored JavaScript bundles mention URLs in code paths
this configuration never runs (repository facts, analytics); they are checked for being loaded
from the site itself, not for the strings they contain. XML namespaces are not requests.
"""

from __future__ import annotations

import re
from pathlib import Path

URL_ATTR = re.compile(r"""(?:src|href|srcset|action|poster|data)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])((?:https?:)?//[^"')\s]+)""", re.I)
ANY_URL = re.compile(r"""(?:https?:)?//[a-z0-9][a-z0-9.-]*\.[a-z]{2,}[^\s"'<>)]*""", re.I)
ALLOWED = ("http://www.w3.org/", "https://www.w3.org/", "http://localhost", "http://127.0.0.1")
VENDOR = ("assets/javascripts/", "assets/stylesheets/")


def _external(url: str) -> bool:
    return not url.startswith(ALLOWED)


def scan_site(site_dir: Path) -> list[tuple[str, str]]:
    """(file, url) for every external URL found."""
    found: list[tuple[str, str]] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site_dir).as_posix()
        suffix = path.suffix.lower()
        if suffix not in (".html", ".css", ".js", ".json", ".svg", ".xml"):
            continue
        text = path.read_text("utf-8", errors="replace")
        if suffix == ".html":
            urls = URL_ATTR.findall(text) + CSS_URL.findall(text)
        elif suffix == ".css":
            urls = CSS_URL.findall(text)
        elif suffix == ".js":
            urls = [] if rel.startswith(VENDOR) else ANY_URL.findall(text)
        elif suffix == ".svg":
            urls = URL_ATTR.findall(text) + CSS_URL.findall(text)
        elif rel == "sitemap.xml":
            urls = []  # sitemap lists the site's own pages under site_url
        else:
            urls = ANY_URL.findall(text)
        found.extend((rel, url) for url in urls if _external(url))
    return found
