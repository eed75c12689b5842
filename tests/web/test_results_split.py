"""A period with more people than results_layout.SPLIT_THRESHOLD: the internal edition shows a
per-department summary and one results page per department, names link to the derivation on
the person's page, and no results page carries a derivation inline.

The threshold is lowered for the build instead of generating hundreds of people."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.project.slugs import derive_slug as department_code  # listed departments: their derived slug
from generator.site import results_layout
from tests.web.util import build, p2_project

EVIL = "<i>A|B</i>"  # a department name that must stay text, and never appear in a URL
DEPARTMENTS = {"办公室": ["K01", "K02", "K03"], "业务股": ["K04", "K05", "K06", "K07"], EVIL: ["K08", "K09"]}
PERIOD = "results/testju/s003-p2/2025-Q1/"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parse(site: Path, url: str) -> tuple[str, Links]:
    text = (site / url / "index.html").read_text("utf-8")
    links = Links()
    links.feed(text)
    return text, links


def resolve(url: str, href: str) -> tuple[str, str]:
    """(site-relative path, fragment) of a relative link on the page at `url`."""
    parts = urlsplit(urljoin("http://site/" + url, href))
    return unquote(parts.path).lstrip("/"), parts.fragment


def row_ids(text: str) -> list[str]:
    return re.findall(r'<tr id="p-([^"]+)">', text)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    fractions = iter(Decimal(f"0.{95 - 3 * i}") for i in range(20))
    people = [{"id": pid, "name": f"人员{pid}", "dept": dept, "fraction": next(fractions)}
              for dept, ids in DEPARTMENTS.items() for pid in ids]
    root = p2_project(tmp_path_factory.mktemp("split"), people, list(DEPARTMENTS))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(results_layout, "SPLIT_THRESHOLD", 5)  # 9 people: split
        assert build(root, "--audience", "internal") == 0
    return root / "site-internal"


def department_url(department: str) -> str:
    return f"{PERIOD}{department_code(department)}/"


def test_period_page_summarises_departments_and_links_their_pages(site):
    text, links = parse(site, PERIOD)
    assert row_ids(text) == []  # no person's row on the summary page
    assert "kaohe-results-summary" in text
    targets = [resolve(PERIOD, h)[0] for h in links.hrefs]
    for department, ids in DEPARTMENTS.items():
        assert department_url(department) in targets, department
        # the name keeps a readable width on a phone (kaohe-wrap-mid): squeezed, a long one stood three characters a line
        row = re.search(rf'<tr><td class="kaohe-wrap-mid"><a href="{department_code(department)}/">(.*?)</a></td>\s*<td class="num">(\d+)</td>', text)
        assert row and html.unescape(row.group(1)) == department and int(row.group(2)) == len(ids)
    assert "共 9 人" in text
    downloads = [t for t in targets if t.startswith("downloads/")]
    assert sorted(Path(t).suffix for t in downloads) == [".csv", ".xlsx"]
    assert all((site / t).is_file() for t in downloads)


def test_each_department_page_lists_exactly_its_people(site):
    for department, ids in DEPARTMENTS.items():
        url = department_url(department)
        text, links = parse(site, url)
        assert row_ids(text) == ids, department
        targets = [resolve(url, h) for h in links.hrefs]
        assert (PERIOD, "") in targets  # back to the period's summary
        assert any(unquote(t).startswith("downloads/testju/s003-p2/") and unquote(t).endswith("-成绩.xlsx") for t, _ in targets)  # the period's downloads
        for pid in ids:  # the name links to this period's derivation on the person's page
            assert (f"people/testju/{pid}/", "s003-p2-2025-Q1") in targets, pid


def test_a_department_page_leaves_out_the_department_column_and_the_downloads_keep_it(site):
    """On one department's page the department column would repeat the title in every row."""
    import csv

    download = next((site / "downloads").rglob("*-成绩.csv"))
    columns = next(csv.reader(download.read_text("utf-8-sig").splitlines()))
    department_column = columns[2]  # ID, name, department… (pages_internal.results_table)
    assert department_column in ("科室", "部门", "处室"), columns
    for department, ids in DEPARTMENTS.items():
        text, _ = parse(site, department_url(department))
        headers = [html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", re.search(r"<thead>(.*?)</thead>", text, re.S).group(1))]
        assert headers[:4] == ["姓名", "总分", "等次", columns[0]] and department_column not in headers, headers
        assert len(headers) == len(columns) - 1
        rows = re.findall(r'<tr id="p-[^"]+">(.*)', text)
        assert len(rows) == len(ids) and all(row.count("<td") == len(headers) for row in rows)
        assert f">{html.escape(department)}<" not in "".join(rows)


def test_no_results_page_inlines_a_derivation(site):
    pages = list((site / "results").rglob("index.html"))
    assert len(pages) == 1 + 1 + len(DEPARTMENTS)  # the index, the period, its departments
    for page in pages:
        text = page.read_text("utf-8")
        assert "kaohe-derivations" not in text and "<details" not in text and "<pre" not in text, page
        assert EVIL not in text, page  # escaped, never raw HTML


def test_person_page_has_the_anchor_and_links_back_to_the_department_page(site):
    for department, ids in DEPARTMENTS.items():
        url = f"people/testju/{ids[0]}/"
        text, links = parse(site, url)
        assert "s003-p2-2025-Q1" in links.ids
        assert re.search(r'<div class="kaohe-derivations"[^>]*>\s*<details id="s003-p2-2025-Q1"><summary>[^<]*</summary><p><a href="[^"]*">[^<]*</a></p><pre>', text, re.S)
        assert (department_url(department), f"p-{ids[0]}") in [resolve(url, h) for h in links.hrefs]


def test_department_summary_links_to_its_own_results_page(site):
    for department in DEPARTMENTS:
        url = f"departments/testju/{department_code(department)}/2025/"
        text, links = parse(site, url)
        assert "本部门本期成绩明细" in text
        assert (department_url(department), "") in [resolve(url, h) for h in links.hrefs]


def test_index_still_lists_the_period(site):
    text, links = parse(site, "results/")
    assert (PERIOD, "") in [resolve("results/", h) for h in links.hrefs]
