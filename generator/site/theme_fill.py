"""The theme's page around an article, rendered once for pages that share it and filled in for each.

mkdocs-material renders its whole template (header, tabs, navigation, search form, table of
contents, footer) for every page: about 2 ms a page, 9,000 pages of a city's internal edition. Pages
in one directory with the same table of contents and the same front matter (a department's results
of one period, an agency's people) get the same page around their article, except for its title and
the article itself. So the template is rendered once for such a group with a stand-in page whose
title and content are sentinels (a "skeleton"), and each further page of the group is the skeleton
with its own title and article put in.

Never trusted blindly:
- the skeleton is made at a group's second page, and that page is also rendered in full: when the
  skeleton filled with it is not the very same text, the group is rendered in full from then on;
- what goes in is only what was put in as a sentinel: a title that any filter of the template would
  change (markup characters, runs of spaces) or that is not the front matter's title, a page in the
  navigation (whose items are marked active), a page whose text holds a sentinel, another template —
  each is rendered in full;
- the key of a group holds everything else of the page the template reads: its directory (relative
  links), its table of contents, its front matter, its neighbours and addresses.
tests/web/test_theme_fill.py builds the demo's editions with and without it and compares every file.
"""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

TEMPLATE = "kaohe-filled.html"  # site_templates/overrides/: {{ kaohe_fill() }}
_TITLE = "KAOHE0TITLE0SENTINEL"
_CONTENT = "KAOHE0CONTENT0SENTINEL"
_SKIP = "#KAOHE0SKIP0SENTINEL"  # the page's first heading's address: the theme's "skip to content" link
_TOKENS = re.compile(f"({_TITLE}|{_SKIP})")
_PLAIN_BAD = set("<>&\"'\\{}%#\n\r\t")


class _Stand:
    """The page as the template sees it, with its title, content and first heading's address swapped
    for sentinels."""

    def __init__(self, page: Any):
        self._page = page
        self.title = _TITLE
        self.content = stand_in_content(page)
        self.meta = {**page.meta, "title": _TITLE}
        toc = list(page.toc or ())
        self.toc = [_Heading(toc[0]), *toc[1:]] if _titled(toc) else toc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class _Heading:
    """The page's <h1> in its table of contents, at a sentinel address (the theme shows only its children)."""

    def __init__(self, item: Any):
        self._item = item
        self.url = _SKIP

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)


def _titled(toc: list) -> bool:
    """The table of contents starts with the page's <h1>: the theme lists its children, not it."""
    return bool(toc) and toc[0].level == 1


class Fill:
    """One build's skeletons (made afresh in each build: on_env)."""

    def __init__(self, env: Any):
        self.env = env
        self.seen: set[tuple] = set()  # groups whose first page was rendered in full
        self.skeletons: dict[tuple, tuple[str, ...] | None] = {}  # group → pieces between sentinels, or None: in full
        self.filled = 0

    def render(self, variables: dict[str, Any]) -> str:
        page = variables.get("page")
        full = self.env.get_template("main.html")
        key = _group(page, variables.get("nav"))
        if key is None:
            return full.render(variables)
        pieces = self.skeletons.get(key, ())
        if pieces == ():  # no skeleton yet
            if key not in self.seen:  # a group of one page costs nothing more than the page
                self.seen.add(key)
                return full.render(variables)
            pieces = self.skeletons[key] = _skeleton(full, variables, page)
            output = full.render(variables)
            if pieces is not None and _filled(pieces, page) != output:
                self.skeletons[key] = None
            return output
        if pieces is None:
            return full.render(variables)
        self.filled += 1
        return _filled(pieces, page)


def _group(page: Any, nav: Any) -> tuple | None:
    """What the template reads of the page besides its title and content; None: render it in full."""
    if page is None:
        return None
    title = page.title
    meta = page.meta or {}
    if not isinstance(title, str) or not title or meta.get("title") != title or title != " ".join(title.split()):
        return None
    if _PLAIN_BAD & set(title) or _TITLE in title or not isinstance(page.content, str) or _CONTENT in page.content or _TITLE in page.content:
        return None
    if page.parent is not None or page.is_homepage or (nav is not None and page in nav.pages):
        return None
    directory = page.url.rsplit("/", 2)[0] if page.url.endswith("/") else page.url.rsplit("/", 1)[0]
    rest = tuple((k, repr(v)) for k, v in meta.items() if k != "title")
    neighbours = tuple(getattr(getattr(page, n, None), "url", None) for n in ("previous_page", "next_page"))
    toc = list(page.toc or ())
    if _titled(toc):
        skip = toc[0].url
        if not (isinstance(skip, str) and skip.startswith("#") and len(skip) > 1 and all(c.isalnum() or c in "-_." for c in skip[1:])):
            return None
        shape = ("titled", _toc(toc[0].children), _toc(toc[1:]))
    else:
        shape = ("as is", _toc(toc))
    return (directory, "<h1" in page.content, shape, rest, neighbours, page.canonical_url, page.edit_url)


def stand_in_content(page: Any) -> str:
    """The content sentinel, with an <h1 when the page's content has one: the theme adds a heading of
    the title to an article without (partials/content.html), and the skeleton must take the same turn."""
    return _CONTENT + ("<h1" + _CONTENT if "<h1" in page.content else "")


def _toc(items: Any) -> tuple:
    return tuple((item.level, item.id, item.title, item.url, _toc(item.children)) for item in items or ())


def _skeleton(template: Any, variables: dict[str, Any], page: Any) -> tuple[str, ...] | None:
    """The page around the article with the sentinels in, as pieces: text, then a sentinel, text, …;
    None when the sentinels are not where a fill could put the page back exactly."""
    stand = _Stand(page)
    text = template.render({**variables, "page": stand})
    before, content, after = text.partition(stand.content)
    if not content or _CONTENT in before or _CONTENT in after:
        return None
    return (*_TOKENS.split(before), _CONTENT, *_TOKENS.split(after))


def _filled(pieces: tuple[str, ...], page: Any) -> str:
    """The skeleton's pieces alternate text and sentinel (re.split with one group, before and after the
    content, joined by the content's sentinel): each sentinel gives way to this page's own value."""
    toc = list(page.toc or ())
    values = {_TITLE: page.title, _CONTENT: page.content, _SKIP: toc[0].url if _titled(toc) else _SKIP}
    return "".join(values[piece] if i % 2 else piece for i, piece in enumerate(pieces))


def template_for(page: Any) -> None:
    """Route a page through the fill (its front matter names no template of its own)."""
    if page.meta is not None and "template" not in page.meta:
        page.meta["template"] = TEMPLATE


def fill_function(fill: Fill):
    from jinja2 import pass_context

    @pass_context
    def kaohe_fill(context: Any) -> Markup:
        return Markup(fill.render(context.get_all()))

    return kaohe_fill
