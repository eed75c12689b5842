"""The theme's indentation taken out of every page, around the article.

mkdocs-material's templates indent deeply and leave blank lines between blocks: on a person's page
4 KB of the 12 KB around the article is whitespace, repeated on every page (tens of megabytes on a
city's internal edition, and as much for the post-build scan to read). A run of whitespace that
holds a line break becomes one line break.

Only outside <article>…</article>: the article holds our own <pre> blocks (derivations), whose
spaces are the text. Around it the theme writes no preformatted element (a test checks every page
of both demo editions), so in the browser's eyes a run of whitespace there is one space either
way: the page looks and reads the same.

The theme's settings for its scripts (<script id="__config" type="application/json">) are written
with every Chinese character as a \\uXXXX escape: 6 bytes where UTF-8 takes 3, 0.6 KB of each page
(6 MB of a city's internal edition). They are written as the characters; the JSON reads the same.
Escapes of ASCII (the theme's \\u003c for <), of surrogates and of the two JavaScript line
separators stay as they are.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[ \t\r]*\n\s*")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)  # one JSON escape: \uXXXX, or \ and one character


def trim_around_article(html: str) -> str:
    start = html.find("<article")
    end = html.rfind("</article>")
    if start < 0 or end < start:
        return html
    return _RUN.sub("\n", html[:start]) + html[start:end] + readable_config(_RUN.sub("\n", html[end:]))


def readable_config(html: str) -> str:
    return _CONFIG.sub(lambda m: m.group(1) + _ESCAPE.sub(_character, m.group(2)) + m.group(3), html, count=1)


def _character(escape: re.Match) -> str:
    code = escape.group(1)
    if len(code) == 5:
        point = int(code[1:], 16)
        if point >= 0x80 and not 0xD800 <= point <= 0xDFFF and point not in (0x2028, 0x2029):
            return chr(point)
    return escape.group(0)
