"""A department's year page (internal) lists its members once for the whole year: one row a person,
a total and a grade for each period they were in the department, as the engine graded them; the page
grows with the department's people, not people × periods. The public edition lists no members.
Expectations come from the engine, not from the page builder."""

from __future__ import annotations

import html
import re
from collections import defaultdict

from generator.core.numbers import fmt
from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.project.discover import discover

ROW = re.compile(r"<tr><td data-stroke=\"\d+\"><a [^>]*>(.*?)</a></td>\s*<td>(.*?)</td>(.*?)</tr>")
CELL = re.compile(r"<td>(.*?)</td>")


def _members_table(text: str) -> str | None:
    found = re.search(r'<table class="kaohe-members[^"]*"[^>]*>(.*?)</table>', text, re.S)
    return found.group(1) if found else None


def test_each_member_once_with_every_period_as_graded(demo_build):
    root, results = demo_build
    assert results["internal"][0] == 0, results["internal"][1][-2000:]
    graded: dict[tuple[str, str, int], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    places_of: dict[str, int] = {}
    for period in compute_project(discover(root, Problems()), Problems()):
        places_of[f"{period.scheme.code}-{period.label}"] = period.assessment.places
        for person in period.people:
            graded[(period.agency, person.person.department, period.year)][f"{period.scheme.code}-{period.label}"].append(person)
    site = root / "site-internal"
    checked = 0
    for page in sorted((site / "departments").glob("*/*/*/index.html")):
        text = page.read_text("utf-8")
        title = re.search(r"<h1[^>]*>(.*?) · (\d{4})年考核情况", text)
        agency, year = page.parent.parent.parent.name, int(title.group(2))
        department = html.unescape(title.group(1))
        periods = graded[(agency, department, year)]
        sections = [s for s in re.findall(r'<h2 id="([^"]+)"', text) if s in periods]
        assert sections and set(sections) == set(periods), page
        table = _members_table(text)
        assert table, f"{page}: no members table"
        rows = ROW.findall(table)
        ids = [pid for _, pid, _ in rows]
        assert len(ids) == len(set(ids)), f"{page}: a person listed twice"
        assert set(ids) == {p.id for people in periods.values() for p in people}, page
        for name, pid, cells in rows:
            assert html.unescape(name) in {p.person.name for people in periods.values() for p in people if p.id == pid}, page
            values = [html.unescape(c) for c in CELL.findall(cells)]
            assert len(values) == 2 * len(sections), page
            for i, section in enumerate(sections):
                person = next((p for p in periods[section] if p.id == pid), None)
                total, grade = values[2 * i], values[2 * i + 1]
                if person is None:
                    assert (total, grade) == ("", ""), f"{page}: {pid} shown in {section}, where the department did not have them"
                    continue
                places = places_of[section]
                assert total == (fmt(person.total, places) if person.total is not None else "—"), f"{page}: {pid} {section}"
                assert grade == person.shown_grade, f"{page}: {pid} {section}"
                checked += 1
    assert checked > 500


def test_public_department_pages_list_no_members(demo_build):
    root, _ = demo_build
    pages = sorted((root / "site" / "departments").glob("*/*/*/index.html"))
    assert pages and not [p for p in pages if _members_table(p.read_text("utf-8")) is not None]
