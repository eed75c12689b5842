"""Jinja environment for page templates, with the escaping filters data must go through.

Templates write Markdown with raw HTML blocks. Jinja does not know Markdown, so:
- `h`  escapes text for HTML (tables, attributes) — used for every value from data in HTML;
- `pre` the same for the text of a <pre>, keeping its line breaks;
- `md` escapes text for inline Markdown (headings, list items): HTML-escapes it and
  backslash-escapes Markdown punctuation, so `A|B`, `*x*` and `<script>` stay literal text.
StrictUndefined: a missing value fails the build instead of rendering as nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import escape
from pathlib import Path

import jinja2

from generator.core.numbers import fmt, fmt_share

TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates" / "pages"
# Only characters Python-Markdown (with the tables extension) unescapes; escaping others
# (= : ~ ^) would leave a visible backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


# Markdown reads \r as a line break as it reads \n (its preprocessor turns both into \n), and four spaces or
# a tab at a line's start as a code block: a value must be one line of text in the block the template opened.
_MD_BREAKS = re.compile(r"[ \t]*(?:\r\n?|\n)[ \t]*")


def md_escape(value: object) -> str:
    text = escape(str(value), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_BREAKS.sub(" ", text).strip(" \t")


# Characters Markdown (and its extensions: attr_list's {…}, tables' |) would read as markup when a value
# printed with |h lands in a Markdown line rather than inside a raw HTML block. As character references
# they are plain text to Markdown and the same characters to the browser.
_MD_ACTIVE = {ord(c): f"&#{ord(c)};" for c in "{}[]()*_`\\|~^"}
_LINE_START = re.compile(r"^(\s*)(#|[+-](?=\s|$)|\d+\.(?=\s|$))")  # a heading, list or quote if the value starts a line


# Everything html_escape would change: escape()'s five characters, Markdown's active ones, line breaks.
# Most values (names, numbers, derivation lines: millions in a city's build) have none of them.
_NEEDS_ESCAPE = re.compile("[&<>\"'\n\r" + re.escape("".join(chr(c) for c in _MD_ACTIVE)) + "]")


def html_escape(value: object) -> str:
    """Text for HTML that may also be read by Markdown: escaped for HTML, Markdown's active characters
    as character references, and no line break (a blank line would end a raw HTML block and let
    Markdown read the rest)."""
    text = "" if value is None else str(value)
    if not _NEEDS_ESCAPE.search(text) and not _LINE_START.match(text):
        return text
    text = escape(text, quote=True).translate(_MD_ACTIVE)
    if "\n" in text or "\r" in text:
        text = " ".join(text.splitlines())
    return _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)


def pre_text(value: object) -> str:
    """Text for a <pre> inside a raw HTML block: escaped as html_escape does, each line break kept as
    &#10; (a character reference, so the block stays one Markdown line)."""
    return "&#10;".join(html_escape(line) for line in ("" if value is None else str(value)).splitlines())


def yaml_string(value: object) -> str:
    """A front-matter title: HTML-escaped (mkdocs-material prints page.meta.title unescaped in
    <title> and the header), then quoted as JSON, which is valid YAML."""
    return json.dumps(escape(str(value), quote=False), ensure_ascii=False)


def stroke_sort_key(name: object) -> str:
    """A sort key for a name in 姓氏笔画 order, for the tables' data-stroke: the server's key
    (ordering.stroke_key) as ASCII, so the browser's plain string comparison gives the server's
    order (its own zh-u-co-stroke collation counts some components the Taiwan way)."""
    from generator.site.ordering import stroke_key

    strokes, chars = stroke_key(str(name))
    return "".join(f"{count:02d}{first}" for count, first in strokes) + "!" + "".join(f"{ord(ch):06x}" for ch in chars)


def stroke_places(names: list[str]) -> dict[str, int]:
    """Each name's place in the table's 姓氏笔画 order (equal names share one), for its cell's
    data-stroke: kaohe.js compares numbers as numbers, so sorting by it gives the server's order as
    the full key (render.stroke_sort_key) does, in 2 to 4 digits instead of 20 to 40 characters a
    row (8 MB of a city's results pages). A place means something only within its own table, and
    kaohe.js sorts a table by its own cells."""
    keys = {name: stroke_sort_key(name) for name in set(names)}
    order = sorted(set(keys.values()))
    place = {key: n for n, key in enumerate(order)}
    return {name: place[key] for name, key in keys.items()}


def status_attrs(state: object) -> str:
    """Attributes from which kaohe.js computes a 公示's state on the reader's own day (the text
    inside, computed at build time, stays for readers without JavaScript)."""
    start, end, workdays = getattr(state, "start", None), getattr(state, "end", None), getattr(state, "workdays", ())
    if start is None or end is None or getattr(state, "blocked", False):
        return ""
    if (ended := getattr(state, "ended", None)) is not None:  # ended early (kaohe close --early): over from that day on
        end = min(end, ended - dt.timedelta(days=1))  # the script says 公示中 up to and including its end
        workdays = tuple(d for d in workdays if d <= end.isoformat())
    return (f' data-kaohe-start="{start.isoformat()}" data-kaohe-end="{end.isoformat()}"'
            f' data-kaohe-workdays="{" ".join(workdays)}"')


def cn_date(day) -> str:
    """A date as readers see it, the way a 公示 writes it: 2025年4月9日 (never 2025-04-09 on one page
    and 2025年4月9日 on the next; the ISO form stays in attributes, for the script). A date kept as
    text (a lock's correction: 2025-08-01) too; any other text is shown as it is."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day.strip())
        except ValueError:
            return day
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def cn_span(start, end) -> str:
    """2025年4月9日至4月15日; across a year's end 2025年12月29日至2026年1月5日."""
    if not start or not end:
        return cn_date(start or end)
    tail = f"{end.month}月{end.day}日" if end.year == start.year else cn_date(end)
    return f"{cn_date(start)}至{tail}"


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        # {#id} is Markdown's attr_list anchor syntax, so Jinja comments are {## … ##}.
        comment_start_string="{##",
        comment_end_string="##}",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["zip"] = zip
    env.filters.update({"h": html_escape, "pre": pre_text, "md": md_escape, "yaml": yaml_string, "num": fmt, "share": fmt_share, "stroke": stroke_sort_key, "status": status_attrs,
                        "cn_date": cn_date, "span": cn_span})
    return env


_ENV: jinja2.Environment | None = None


def render(template: str, **context) -> str:
    global _ENV
    if _ENV is None:
        _ENV = environment()
    text = _ENV.get_template(template).render(**context)
    # Blank lines inside a raw HTML block would end it in Markdown; templates avoid them, and
    # this collapses runs of blank lines so the output is tidy and stable.
    return re.sub(r"\n{3,}", "\n\n", text)
