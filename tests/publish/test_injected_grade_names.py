"""Scheme text that is also a key of the data — a grade's name (in grades.order, the bands, the 公示's
grades, the office's 等次 cells) and an item's name (a sheet's column header) — carries markup too:
tests/publish/injected.py leaves these keys alone (changing them breaks the match with the sheets), so
here both the scheme and the sheets are changed together. The published grade reaches the 公示's
title, the department summaries' tables and SVG charts, the downloads and the search index; the item
the handbook and the internal edition's results tables and downloads. Nothing runs; CSV and XLSX
cells hold no formula."""

from __future__ import annotations

import csv
import io
import unicodedata
from html.parser import HTMLParser

import openpyxl
import pytest
import yaml

from tests.archive.util import kaohe, make_project, replace_cells

AGENCY = "yunxi-czj"
GRADE = "优秀<svg/onload=alert('grade')>{: onclick=alert(1) }|`z`[a](javascript:alert(2))"
ITEM = "=HYPERLINK(\"https://evil.example/\",\"岗位执行能力\")<img src=x onerror=alert('item')>"
SUBSTITUTE = {"优秀": GRADE, "岗位执行能力": ITEM}


def _swap(node):
    if isinstance(node, dict):
        return {_swap(k): _swap(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_swap(v) for v in node]
    if isinstance(node, str):
        for old, new in SUBSTITUTE.items():
            node = node.replace(old, new)
    return node


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("grade-names") / "p", [AGENCY])
    for scheme in (root / "schemes").glob("*.yaml"):
        data = _swap(yaml.safe_load(scheme.read_text("utf-8")))
        scheme.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10000), encoding="utf-8")
    for sheet in (root / "content").rglob("*"):
        if sheet.suffix in (".csv", ".xlsx"):  # the office's 等次 cells, the decisions' 等次, the item's header
            for old, new in SUBSTITUTE.items():
                replace_cells(sheet, old, new)
    for audience in ("public", "internal"):
        proc = kaohe(root, "build", "--quiet", "--audience", audience)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root


class _Audit(HTMLParser):
    """What would run: an on… attribute, a javascript: address, an element the payloads name. A data-…
    attribute is data for kaohe.js (data-ranks: the grades as JSON), never an address."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            if not name.startswith("data-") and "javascript:" in (value or "").lower().replace(" ", ""):
                self.bad.append(f"<{tag} {name}={value[:40]}>")
        if tag == "img" or tag == "svg" and "onload" in str(attrs):
            self.bad.append(f"<{tag}>")


@pytest.mark.parametrize("edition", ["site", "site-internal"])
def test_grade_and_item_names_run_nowhere(built, edition):
    pages = sorted((built / edition).rglob("*.html"))
    problems = {}
    for page in pages:
        audit = _Audit()
        audit.feed(page.read_text("utf-8"))
        if audit.bad:
            problems[page.relative_to(built).as_posix()] = audit.bad[:3]
    assert problems == {}


def test_the_published_grade_is_shown_as_text(built):
    site = built / "site"
    notice = (site / "notices" / AGENCY / "s003-p2" / "2024-Y" / "index.html").read_text("utf-8")
    assert "拟定“优秀&lt;svg/onload=alert&#40;&#x27;grade&#x27;&#41;&gt;" in notice
    departments = [p.read_text("utf-8") for p in (site / "departments" / AGENCY).rglob("2024/index.html")]
    assert departments and all("<desc" in page and "优秀&lt;svg/onload" in page for page in departments)  # the chart's text
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "onload" in index and "<svg" not in index
    handbook = (site / "handbooks" / "s003-p2" / "index.html").read_text("utf-8")
    assert "<td>=HYPERLINK&#40;&quot;https://evil.example/&quot;" in handbook  # the item's row of the rules


def test_downloads_hold_the_names_as_text(built):
    cells = []
    for path in sorted(built.glob("site*/downloads/**/*.csv")):
        cells += [cell for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")) for cell in row]
    assert GRADE in cells and "'" + ITEM in cells  # the item's header in the internal results download, made text
    assert [c for c in cells if unicodedata.normalize("NFKC", c.lstrip()[:1]) == "="] == []
    books = sorted(built.glob("site*/downloads/**/*.xlsx"))
    values = []
    for path in books:
        workbook = openpyxl.load_workbook(path)
        formulas = [c.coordinate for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == [], path.name
        values += [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert GRADE in values and ITEM in values
