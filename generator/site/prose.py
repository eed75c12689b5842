"""Prose written by users — scheme section bodies, hand-written pages — as safe HTML.

Rendered by our own Markdown instance (tables and lists only: no attr_list, no md_in_html, so a
`{: onmouseover=… }` stays text), then cleaned by nh3 (the Rust ammonia sanitiser) with an
allowlist of tags and attributes: no script, style, iframe, image, form, event handler or class;
a link may only point inside the page (#…) or to a relative path, never to a host or a scheme (and a
scheme's section body may not link to a page at all: relative_links() finds those for a check problem,
pages_handbook.render_sections). The result is one line of HTML (a blank line would end a raw HTML block in the page's Markdown, and the
rest would be read as Markdown again), wrapped in <div class="kaohe-prose">.

Markdown rendering is time-bounded: it runs in a worker process, and a text that takes longer than
PER_TEXT_SECONDS (20,000 `[` take most of a minute in Python-Markdown) is reported as
text-too-complex instead of hanging the build.
"""

from __future__ import annotations

import hashlib
import html as html_text
import multiprocessing
import re
import threading

import nh3

from generator.core.parallel import quiet_worker

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "s", "del", "sup", "sub", "code", "pre", "blockquote", "ul", "ol", "li",
        "table", "thead", "tbody", "tr", "th", "td", "h4", "h5", "h6", "hr", "a", "abbr"}
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align", "colspan", "rowspan"}, "td": {"align", "colspan", "rowspan"}, "ol": {"start"}}
_SAFE_HREF = re.compile(r"#[\w\-.:%]*|(?![A-Za-z][\w+.-]*:)(?![/\\]{2})[^\s\"'<>\\]*")
PER_TEXT_SECONDS = 3.0
_CACHE: dict[str, str] = {}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not _SAFE_HREF.fullmatch(value.strip()):
        return None
    return value


_HREF = re.compile(r'<a\s[^>]*?\bhref="([^"]*)"')


def relative_links(html: str | None) -> list[str]:
    """The links of sanitised prose that lead to another page: every href but an anchor within the page
    (#…) — external ones are gone already. Scheme prose reaches the page as finished HTML, which
    mkdocs' link validation never reads, so a dead one would be published silently."""
    found = (html_text.unescape(href).strip() for href in _HREF.findall(html or ""))
    return [href for href in found if href and not href.startswith("#")]


def _one_line(html: str) -> str:
    """Newlines inside <pre> become &#10; (the same text), elsewhere a space (the same rendering)."""
    parts = re.split(r"(<pre>.*?</pre>)", html, flags=re.S)
    return "".join(p.replace("\n", "&#10;") if p.startswith("<pre>") else p.replace("\n", " ") for p in parts).strip()


_ENGINE = None


def _markdown_one(text: str) -> str:
    global _ENGINE
    if _ENGINE is None:
        import markdown

        _ENGINE = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    return _ENGINE.reset().convert(text)


def sanitise(html: str) -> str:
    clean = nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_attribute_filter, url_schemes=set(),
                      clean_content_tags={"script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math"},
                      link_rel="noopener noreferrer", strip_comments=True)
    return f'<div class="kaohe-prose">{_one_line(clean)}</div>'


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _context():
    # fork is fast; with other threads running (kaohe serve) a fresh interpreter is the safe choice
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")


def _render_in_worker(texts: list[str]) -> list[str | None]:
    """Each text in a worker process, in order; one that takes longer than PER_TEXT_SECONDS is None
    (the worker is killed and a new one goes on with the next text)."""
    import markdown  # noqa: F401 - loaded once here, inherited by the forked worker

    out: list[str | None] = []
    while len(out) < len(texts):
        pool = _context().Pool(1, initializer=quiet_worker)
        try:
            results = pool.imap(_markdown_one, texts[len(out):])
            while len(out) < len(texts):
                try:
                    out.append(results.next(timeout=PER_TEXT_SECONDS))
                except multiprocessing.TimeoutError:
                    out.append(None)
                    break
        finally:
            pool.terminate()
            pool.join()
    return out


def render_prose(texts: list[str]) -> list[str | None]:
    """Safe one-line HTML for each Markdown text; None for a text that could not be rendered in time."""
    results: list[str | None] = ["" if not t.strip() else _CACHE.get(_key(t)) for t in texts]
    todo = [i for i, r in enumerate(results) if r is None]
    if not todo:
        return results
    for i, html in zip(todo, _render_in_worker([texts[i] for i in todo])):
        if html is not None:
            results[i] = _CACHE.setdefault(_key(texts[i]), sanitise(html))
    return results
