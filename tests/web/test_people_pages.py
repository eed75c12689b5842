"""Person pages that stay light as years accumulate (issue 15), crawled in the built internal demo.

Every derivation of every person is on that person's one page, at the period's address: the newest
as text, every other one packed (packed_text.py) — each unpacks to exactly the engine's derivation; the results tables' links land on the period's address; the people index is split by
department above a threshold (lowered here, the demo is small) and still leads to everyone.
Expectations come from the engine's results, not from the page builders. That the browser unpacks
them the same way is tests/browser/test_packed_browser.py."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.engine.explain import explain_text
from generator.project.discover import discover
from generator.site import pages_people
from generator.site.packed_text import unpack_texts
from tests.web.util import build, copy_demo


class Parsed(HTMLParser):
    """Links, ids, and the derivations: each box (div.kaohe-derivations) with the packed records it
    says it holds (data-first, data-count) and the <details> written in it (the newest: its summary,
    text and link to the results row)."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: dict[str, str] = {}  # id -> tag
        self.boxes: list[tuple[int, int, list[str]]] = []  # (data-first, data-count, ids of its <details>)
        self.packed: tuple[str, int] | None = None
        self.summaries: dict[str, str] = {}  # derivation id -> its <summary>
        self.texts: dict[str, str] = {}  # derivation id -> the text of its <pre>
        self.row_links: dict[str, str] = {}  # derivation id -> its link to the results row
        self._open: str | None = None
        self._in: str | None = None  # "summary" or "pre" of the open <details>
        self._box = False  # inside div.kaohe-derivations

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
            if self._open:
                assert self._open not in self.row_links, f"two links in derivation {self._open}"
                self.row_links[self._open] = attrs["href"]
        if attrs.get("id"):
            self.ids[attrs["id"]] = tag
        if tag == "div" and "kaohe-derivations" in (attrs.get("class") or "").split():
            self._box = True
            self.boxes.append((int(attrs.get("data-first", 0)), int(attrs.get("data-count", 0)), []))
        elif self._box and not self._open:
            assert tag == "details", f"<{tag}> in a derivations box"
            self._open = attrs["id"]
            self.boxes[-1][2].append(self._open)
            self.summaries[self._open] = self.texts[self._open] = ""
        elif self._open and tag in ("summary", "pre"):
            self._in = tag
        elif self._open:
            assert tag in ("p", "a"), f"<{tag}> in derivation {self._open}"
        if tag == "div" and "kaohe-packed" in (attrs.get("class") or ""):
            assert self.packed is None, "two packed boxes on one page"
            self.packed = (attrs["data-texts"], int(attrs["data-size"]))

    def handle_endtag(self, tag):
        if tag == "div" and not self._open:  # the box holds only its <details>
            self._box = False
        if tag == "details":
            self._open = None
        if tag in ("summary", "pre"):
            self._in = None

    def handle_data(self, data):
        if self._open and self._in == "summary":
            self.summaries[self._open] += data
        elif self._open and self._in == "pre":
            self.texts[self._open] += data
        elif self._box and not self._open:
            assert not data.strip(), f"text in a derivations box outside a derivation: {data!r}"

    def records(self) -> list[list[str]]:
        return unpack_texts(*self.packed) if self.packed else []

    def addresses(self) -> set[str]:
        """Every id of the page once kaohe.js made the packed derivations."""
        return set(self.ids) | {record[0] for record in self.records()}


def url_of(site: Path, path: Path) -> str:
    return path.parent.relative_to(site).as_posix() + "/"


def resolve(url: str, href: str) -> tuple[str, str]:
    parts = urlsplit(urljoin("http://site/" + url, href))
    return unquote(parts.path).lstrip("/"), parts.fragment


def year_of(anchor: str) -> int:
    return int(re.search(r"-(\d{4})-[^-]+$", anchor).group(1))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("people"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages_people, "PEOPLE_INDEX_SPLIT", 20)  # the demo's ~300 people: split by department
        assert build(root, "--audience", "internal") == 0
    site = root / "site-internal"
    pages: dict[str, Parsed] = {}

    def page(url: str) -> Parsed:
        if url not in pages:
            parsed = Parsed()
            parsed.feed((site / url / "index.html").read_text("utf-8"))
            pages[url] = parsed
        return pages[url]

    expected: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)  # (agency, id) -> {period anchor: derivation}, from the engine
    summaries: dict[str, str] = {}  # "agency/id#anchor" -> what its closed <details> says: period, assessment, grade
    for period in compute_project(discover(root, Problems()), Problems()):
        for person in period.people:
            anchor = f"{period.scheme.code}-{period.year}-{period.label}"
            expected[(period.agency, person.id)][anchor] = explain_text(period, person)
            summaries[f"{period.agency}/{person.id}#{anchor}"] = f"{period.period_name} · {period.assessment.name}：{person.shown_grade}"
    return {"root": root, "site": site, "page": page, "expected": expected, "summaries": summaries}


def test_the_index_is_split_by_department_and_leads_to_everyone(demo):
    site, page, expected = demo["site"], demo["page"], demo["expected"]
    index = page("people/")
    assert not [h for h in index.hrefs if re.fullmatch(r"[a-z0-9-]+/[^/_][^/]*/", h)], "the split index lists people itself"
    lists = sorted({resolve("people/", h)[0] for h in index.hrefs if resolve("people/", h)[0].startswith("people/_")})
    assert len(lists) > 1
    listed: list[str] = []
    for url in lists:
        own = page(url)
        assert ("people/", "") in [resolve(url, h) for h in own.hrefs], f"{url} does not link back to the index"
        listed += [resolve(url, h)[0] for h in own.hrefs if re.fullmatch(r"people/[a-z0-9-]+/[^/_][^/]*/", resolve(url, h)[0])]
    assert sorted(listed) == sorted({u for u in listed}), "a person is listed on two department pages"
    people = {u for u in (site / "people").glob("*/*/index.html") if not u.parent.parent.name.startswith("_")}
    assert {url_of(site, p) for p in people} == set(listed)
    assert len(listed) == len(expected)


def test_every_derivation_is_on_the_persons_page_as_the_engine_wrote_it(demo):
    page, expected = demo["page"], demo["expected"]
    with_earlier = 0
    for (agency, pid), derivations in expected.items():
        url = f"people/{agency}/{pid}/"
        own = page(url)
        assert not [h for h in own.hrefs if resolve(url, h)[0].startswith(url) and resolve(url, h)[0] != url], "a page under the person's page"
        records = own.records()
        packed = {record[0]: record[1:] for record in records}
        written = [anchor for _, _, ids in own.boxes for anchor in ids]
        assert sorted([*packed, *written]) == sorted(derivations), f"{url}: shown {sorted([*packed, *written])}, graded {sorted(derivations)}"
        history = [h[1:] for h in own.hrefs if h.startswith("#") and h[1:] in derivations]  # the table's rows, in order
        assert sorted(history) == sorted(derivations), f"{url}: the history's rows"
        latest, newest = year_of(history[-1]), history[-1]
        assert latest == max(year_of(a) for a in derivations)
        assert written == [newest], f"{url}: one derivation as text, the newest ({newest}); found {written}"
        # the boxes hold every packed record once, in order: earlier years' box, then the latest year's before the newest
        held = sorted((first, count, bool(ids)) for first, count, ids in own.boxes)
        assert [first for first, _, _ in held] == [sum(c for _, c, _ in held[:i]) for i in range(len(held))], f"{url}: {held}"
        assert sum(count for _, count, _ in held) == len(records)
        for first, count, ids in own.boxes:
            years = {year_of(record[0]) for record in records[first:first + count]}
            assert years <= ({latest} if ids else set(range(latest))), f"{url}: box {first}+{count} holds {years}"
        assert [r[0] for r in records] == history[:-1], f"{url}: packed out of the history's order"
        for anchor, text in derivations.items():
            if anchor == newest:  # as text, readable without JavaScript
                assert own.ids[anchor] == "details"
                assert own.texts[anchor] == text, f"{url}#{anchor}"
                summary, row_link = own.summaries[anchor], own.row_links[anchor]
            else:  # kaohe.js makes its <details> in its box; without JavaScript kaohe.css says why the box is empty
                assert anchor not in own.ids
                summary, unpacked, row_link = packed[anchor]
                assert unpacked == text, f"{url}#{anchor} does not unpack to the engine's derivation"
            assert summary == demo["summaries"][f"{agency}/{pid}#{anchor}"], f"{url}#{anchor}"
            # the derivation links to the person's row in its period's results table
            target, fragment = resolve(url, row_link)
            assert target.startswith(f"results/{agency}/{anchor.rsplit('-', 2)[0]}/") and fragment == f"p-{pid}", f"{url}#{anchor}: {row_link}"
            assert page(target.removesuffix("index.html")).ids.get(fragment) == "tr", f"{url}#{anchor}: {row_link} leads nowhere"
        with_earlier += bool(records)
    assert with_earlier > len(expected) // 2, "the demo's two years should give most people earlier years"


def test_a_persons_history_links_each_period_to_its_derivation_on_the_page(demo):
    page, expected = demo["page"], demo["expected"]
    for (agency, pid), derivations in list(expected.items())[:60]:
        url = f"people/{agency}/{pid}/"
        own = page(url)
        assert {fragment for target, fragment in (resolve(url, h) for h in own.hrefs) if target == url and fragment in derivations} == set(derivations)


def test_results_rows_land_on_the_periods_address(demo):
    site, page = demo["site"], demo["page"]
    checked = 0
    for path in sorted((site / "results").rglob("index.html"))[:40]:
        url = url_of(site, path)
        for href in page(url).hrefs:
            target, fragment = resolve(url, href)
            if re.fullmatch(r"people/[a-z0-9-]+/[^/_][^/]*/", target):  # a person's page (not the index in the nav)
                assert fragment and fragment in page(target).addresses(), f"{url}: {href}"
                checked += 1
    assert checked > 100


def test_derivations_are_not_searched_and_a_person_is_found_by_name_and_id(demo):
    docs = json.loads((demo["site"] / "search" / "search_index.json").read_text("utf-8"))["docs"]
    people = [d for d in docs if d["location"].startswith("people/") and d["location"] != "people/"]
    assert people
    assert not [d for d in people if "kaohe-derivations" in d["text"] or "结果：" in d["text"] or re.search(r"\d+\.\d\d", d["text"])]
    (agency, pid), _ = next(iter(demo["expected"].items()))
    own = [d for d in people if d["location"].startswith(f"people/{agency}/{pid}/")]
    assert len(own) == 1 and pid in own[0]["title"]


def test_the_history_names_each_scheme_once_and_a_row_its_scheme_only_where_two_share_a_name():
    """A person who moved from one agency's scheme to another's: both call their yearly assessment
    年度考核. The schemes are named once above the table (with their handbooks); the rows of 年度考核
    say which scheme, the others do not."""
    from decimal import Decimal
    from types import SimpleNamespace as NS

    from generator.site.render import render

    p2, p1 = NS(code="s003-p2", title="平时考核实施方案（篇二）"), NS(code="s003-p1", title="<b>司法局</b>方案")

    def derivation(scheme, name, label, anchor):
        period = NS(scheme=scheme, assessment=NS(name=name, places=2), period_name=label, year=2024)
        return pages_people.Derivation(period, NS(person=NS(department="办公室"), total=Decimal("90"), shown_grade="称职"), anchor, "文")

    history = [derivation(p2, "平时考核", "2023年第一季度", "a"), derivation(p2, "年度考核", "2023年度", "b"),
               derivation(p1, "年度考核", "2024年度", "c")]
    schemes, ambiguous = pages_people._schemes_of(history)
    assert [(s.code, names) for s, names in schemes] == [("s003-p2", ["平时考核", "年度考核"]), ("s003-p1", ["年度考核"])]
    assert ambiguous == {"年度考核"}
    page = render("person.md.j2", pid="1", person=NS(person=NS(name="甲", department="办公室", post=None)), agency_name="局",
                  schemes=[(s, f"../{s.code}/", names) for s, names in schemes],
                  rows=[(d, d.period.assessment.name in ambiguous) for d in history], ROW_LINK=pages_people.ROW_LINK,
                  latest_year=2024, latest_words="2024年", newest=history[-1], latest_packed=0, earlier_packed=2, packed="x", packed_size=1)
    assert "考核办法：《<a href=\"../s003-p2/\">平时考核实施方案（篇二）</a>》（平时考核、年度考核）；《<a href=\"../s003-p1/\">&lt;b&gt;司法局&lt;/b&gt;方案</a>》（年度考核）。" in page
    rows = re.findall(r"<tr><td>.*", page)
    assert len(rows) == 3
    assert "kaohe-scheme-title" not in rows[0]
    assert '<span class="kaohe-scheme-title">平时考核实施方案（篇二） · </span>年度考核' in rows[1]
    assert '<span class="kaohe-scheme-title">&lt;b&gt;司法局&lt;/b&gt;方案 · </span>年度考核' in rows[2]
