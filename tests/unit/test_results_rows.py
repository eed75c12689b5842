"""The results tables' rows written in Python (site/results_rows.py) are the rows the Jinja loop wrote,
character for character: every period of the demo, and rows whose names and cells hold what an office
may type (markup, quotes, a formula, Markdown's own characters, line breaks)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from generator.engine.compute import load_everything
from generator.site.pages_internal import results_table
from generator.site.render import environment, stroke_sort_key
from generator.site.results_layout import shown_columns
from generator.site.results_rows import rows_html

REPO = Path(__file__).resolve().parents[2]

# the loop as _results_table.md.j2 had it (since without the end tags, the name's title and its class,
# with the name's place in the table's stroke order for its key, and class t only on a text cell
# whose column the table's data-text cannot name; the grade's rank is given by kaohe.js from the header)
JINJA_ROWS = """{% for person, row, link in rows %}
<tr id="p-{{ person.id | h }}">{% for i in shown.order %}{% set cell = row[i] %}{% if i == 1 %}<td data-stroke="{{ places[cell] }}"><a href="{{ link | h }}">{{ cell | h }}</a>{% else %}<td{% if (i not in table.number_columns or i == shown.grade) and loop.index not in shown.text_places(table.number_columns) %} class="t"{% endif %}>{{ cell | h }}{% endif %}{% endfor %}{{ "\n" }}{% endfor %}
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
        places = {name: n for n, name in enumerate(sorted({row[1] for _, row, _ in rows}, key=stroke_sort_key))}
        assert rows_html(rows, table.number_columns, shown) == loop.render(rows=rows, table=table, shown=shown, places=places), period.key
        compared += len(rows)
    assert compared > 1000


def test_a_table_names_its_text_columns_and_kaohe_css_aligns_each_place_it_can_name():
    """data-text names the text columns' places up to TEXT_COLUMNS_IN_CSS; a text cell further right
    carries class t; kaohe.css has a rule for every place it can name, and wraps those from the sixth."""
    import re

    from generator.site.results_layout import TEXT_COLUMNS_IN_CSS, ShownColumns

    width = TEXT_COLUMNS_IN_CSS + 5
    shown = ShownColumns(order=tuple(range(1, width + 1)), grade=3, facets=frozenset(), grades=())
    numbers = frozenset({2, 5})
    places = shown.text_places(numbers)
    assert places == tuple(n for n in range(1, TEXT_COLUMNS_IN_CSS + 1) if n not in (1, 2, 5))  # the grade (3) is text
    row = rows_html([(SimpleNamespace(id="1"), ["x"] * (width + 1), "#a")], numbers, shown)
    cells = re.findall(r"<td([^>]*)>", row)
    assert [n for n, attrs in enumerate(cells, start=1) if attrs == ' class="t"'] == list(range(TEXT_COLUMNS_IN_CSS + 1, width + 1))
    css = (REPO / "site_templates" / "assets" / "kaohe.css").read_text("utf-8")
    rule = re.search(r'((?:\.md-typeset table\.kaohe-results\[data-text~="\d+"\] td:nth-child\(\d+\),?\s*)+)\{([^}]*)\}', css)
    aligned = {int(a) for a, b in re.findall(r'\[data-text~="(\d+)"\] td:nth-child\((\d+)\)', rule.group(1)) if a == b}
    assert aligned == set(range(1, TEXT_COLUMNS_IN_CSS + 1))
    assert "text-align: left" in rule.group(2) and "white-space: normal" in rule.group(2)
    # as with class t, the first five places (ID, department) stay on one line on screen
    assert re.search(r"@media screen \{ \.md-typeset table\.kaohe-results\[data-text\] td:nth-child\(-n\+5\) \{ white-space: nowrap; \} \}", css)
