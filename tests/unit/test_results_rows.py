"""The results tables' rows written in Python (site/results_rows.py) are the rows the Jinja loop wrote,
character for character: every period of the demo, and rows whose names and cells hold what an office
may type (markup, quotes, a formula, Markdown's own characters, line breaks)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from generator.engine.compute import load_everything
from generator.site.pages_internal import results_table
from generator.site.render import environment
from generator.site.results_layout import shown_columns
from generator.site.results_rows import rows_html

REPO = Path(__file__).resolve().parents[2]

# the loop as _results_table.md.j2 had it (since without the end tags and the name's title)
JINJA_ROWS = """{% for person, row, link in rows %}
<tr id="p-{{ person.id | h }}">{% for i in shown.order %}{% set cell = row[i] %}{% if i == 1 %}<td class="kaohe-sticky" data-stroke="{{ cell | stroke | h }}"><a href="{{ link | h }}">{{ cell | h }}</a>{% elif i == shown.grade %}<td data-sort="{{ shown.rank(cell) }}">{{ cell | h }}{% else %}<td{% if i not in table.number_columns %} class="t"{% endif %}>{{ cell | h }}{% endif %}{% endfor %}{{ "\n" }}{% endfor %}
"""
HOSTILE = ["<script>alert(1)</script>", '"引号"\'', "=HYPERLINK(\"http://x\")", "*强调* _x_ [链接](y)", "# 标题", "甲\n乙", "&amp;", "", "优秀"]


def test_every_demo_table_is_written_as_the_template_wrote_it():
    _, periods, _ = load_everything(REPO)
    loop = environment().from_string(JINJA_ROWS)
    compared = 0
    for period in periods:
        table = results_table(period)
        shown = shown_columns(period, len(table.headers), bool(period.scheme.people.post))
        people = sorted(period.people, key=lambda p: p.id)
        rows = [(person, cells, f"../../people/x/{person.id}/#a") for person, cells in zip(people, table.rows)]
        width = len(table.headers)
        for n, text in enumerate(HOSTILE):  # made-up people whose every cell is the hostile text
            rows.append((SimpleNamespace(id=f"{text}{n}"), [text] * width, f'../"{text}"/#<{n}>'))
        assert rows_html(rows, table.number_columns, shown) == loop.render(rows=rows, table=table, shown=shown), period.key
        compared += len(rows)
    assert compared > 1000
