"""Every link and every file a built page refers to within the site exists.

mkdocs checks the links of Markdown it renders, but most of Kaohe's pages are raw HTML blocks (tables,
lists of years, person links), whose links it never looks at; this walks the built HTML instead."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTRS = {"href", "src"}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in _ATTRS and value:
                self.urls.append(value)


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, url) for every in-site link or resource whose target is not a file of the site."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    broken = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        parser = _Links()
        parser.feed(page.read_text("utf-8", errors="replace"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:  # external (the scan's job), mailto:, data:, #anchor
                continue
            path = unquote(parts.path)
            # an absolute path (mkdocs' 404.html, served for any address) is read from the site's root
            base = "" if path.startswith("/") else posixpath.dirname(rel)
            target = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
            if target.startswith("../"):
                broken.append((rel, url))  # above the site's root: broken wherever the site is served
                continue
            candidates = [target, f"{target}/index.html"] if not parts.path.endswith("/") else [f"{target}/index.html"]
            if target == ".":
                candidates = ["index.html"]
            if not any(c in files for c in candidates):
                broken.append((rel, url))
    return broken
