"""The theme's indentation taken out of every page, around the article.

mkdocs-material's templates indent deeply and leave blank lines between blocks: on a person's page
4 KB of the 12 KB around the article is whitespace, repeated on every page (tens of megabytes on a
city's internal edition, and as much for the post-build scan to read). A run of whitespace that
holds a line break becomes one line break.

Only outside <article>…</article>: the article holds our own <pre> blocks (derivations), whose
spaces are the text. Around it the theme writes no preformatted element (a test checks every page
of both demo editions), so in the browser's eyes a run of whitespace there is one space either
way: the page looks and reads the same.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[ \t\r]*\n\s*")


def trim_around_article(html: str) -> str:
    start = html.find("<article")
    end = html.rfind("</article>")
    if start < 0 or end < start:
        return html
    return _RUN.sub("\n", html[:start]) + html[start:end] + _RUN.sub("\n", html[end:])
