"""The body of a results table — a row per person, a cell per column — written in Python.

The rows were a Jinja loop over every cell (_results_table.md.j2): on a city's 4,000 results pages,
five million cells, each through the template's attribute lookups and filters, about a third of
making the results pages. The same HTML, character for character, is written here once per row:
each column's way of showing its cell is decided once per table (the name linking to the person's
derivation and its place in 姓氏笔画 order, a text cell (the grade's too) plain where
the table's data-text names its column and marked class="t" where it cannot), and every value goes
through html_escape as the template's `h` filter did. tests/unit/test_results_rows.py renders every
demo table both ways and compares them.

A cell's and a row's end tags are left out, as HTML allows (a <td> ends at the next <td> or at its
row's end, a <tr> at the next <tr> or at the table body's end): on a city's internal edition they
were 29 MB of its 142 MB of results pages. Browsers, Python's html.parser and the theme's scripts
read such rows as they read the full ones; the search index never reads them (they are a finished
block: mkdocs_hooks.py). Nor does a name carry a title: the page says above the table that a name
opens the derivation (6 MB).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.site.render import html_escape, stroke_places


def rows_html(rows: list[tuple[Any, list[str], str]], number_columns: frozenset[int], shown: Any) -> str:
    """<tr>… lines for rows [(PersonResult, cells, link)], in the order `shown` (results_layout.ShownColumns) puts the columns."""
    places = stroke_places([row[1] for _, row, _ in rows])
    named = shown.text_places(number_columns)
    makers = [_maker(i, shown.is_text(i, number_columns) and n not in named, places) for n, i in enumerate(shown.order, start=1)]
    lines = []
    for person, row, link in rows:
        cells = "".join(make(row[i], link) for i, make in zip(shown.order, makers))
        lines.append(f'<tr id="p-{html_escape(person.id)}">{cells}\n')
    return "".join(lines)


def _maker(i: int, marked: bool, places: dict[str, int]) -> Callable[[str, str], str]:
    if i == 1:  # the name: sorted by strokes, a link to the derivation; kept in view by kaohe.css (the first column)
        return lambda cell, link: f'<td data-stroke="{places[cell]}"><a href="{html_escape(link)}">{html_escape(cell)}</a>'
    if marked:  # a text column the table's data-text cannot name (past TEXT_COLUMNS_IN_CSS): its cells say so
        return lambda cell, link: f'<td class="t">{html_escape(cell)}'
    return lambda cell, link: f"<td>{html_escape(cell)}"
