"""A value printed with `md` (a department, an agency, a period's or scheme's name in a heading, a list
item or at the start of a paragraph) is one piece of text in the one block the template opened, whatever
it holds. Markdown reads a carriage return as a line break as it reads a line feed: a YAML "\\r" or a
CSV cell saved by an old Mac program ended the heading, and the rest of the value became blocks of
its own (an indented code block, a setext heading). Four leading spaces made a paragraph a code block.
The extensions are the ones a built site's pages are read with (mkdocs.yml)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.render import md_escape

MKDOCS = Path(__file__).resolve().parents[2] / "mkdocs.yml"


def _extensions() -> list[str]:
    text = re.sub(r"!!python/\S+", "", MKDOCS.read_text("utf-8"))  # the slugify tag: not needed to list the names
    return [next(iter(e)) if isinstance(e, dict) else e for e in yaml.safe_load(text)["markdown_extensions"]]


ENGINE = markdown.Markdown(extensions=_extensions())
CONTEXTS = {"# {}": ["h1"], "## {} {{#anchor}}": ["h2"], "- {}": ["ul", "li"], "{}。下载": ["p"]}  # the lines' first tags
TRICKY = "ab 中#=-*_>!|{}:[]()`\\<&\n\r\t　1."


def _blocks(markdown_text: str) -> list[str]:
    out = ENGINE.reset().convert(markdown_text)
    return re.findall(r"^<(\w+)", out, re.M)


def _text(markdown_text: str) -> str:
    out = ENGINE.reset().convert(markdown_text)
    return html.unescape(re.sub(r"<[^>]+>", "", out))


def test_a_carriage_return_does_not_end_the_heading():
    value = "云溪县财政局\r\r    indented code\r===\r\r!!! note"
    for context, tag in CONTEXTS.items():
        assert _blocks(context.format(md_escape(value))) == tag, context
        assert "indented code" in _text(context.format(md_escape(value)))


def test_leading_spaces_do_not_make_a_code_block():
    for context, tag in CONTEXTS.items():
        assert _blocks(context.format(md_escape("    云溪县财政局"))) == tag


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=TRICKY, min_size=1, max_size=14).filter(lambda t: t.strip(" \t\r\n")))
def test_any_value_stays_one_block_and_its_own_text(value):
    for context, tag in CONTEXTS.items():
        text = context.format(md_escape(value))
        assert _blocks(text) == tag, (context, value)
        words = value.split()  # a heading trims any blank at its ends, 　 too: not a loss
        shown = _text(text)
        assert all(w in shown for w in words), (context, value, shown)
