"""Person pages that stay light as years accumulate (issue 15), crawled in the built internal demo.

Every derivation of every person is reachable from that person's page by its links: the latest
year's inline, earlier years' on pages of their own; the results tables' links land on the period's
address on the person's page; the people index is split by department above a threshold (lowered
here, the demo is small) and still leads to everyone. Expectations come from the engine's results,
not from the page builders."""

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
from generator.project.discover import discover
from generator.site import pages_people
from generator.site.pages_people import pack_years
from tests.web.util import build, copy_demo


class Parsed(HTMLParser):
    """Links, ids, and the text of each derivation (<details class="kaohe-derivation">) by its id."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: dict[str, str] = {}  # id -> tag
        self.derivations: dict[str, list[str]] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids[attrs["id"]] = tag
        if tag == "details" and "kaohe-derivation" in (attrs.get("class") or ""):
            self._open = attrs["id"]
            self.derivations[self._open] = []

    def handle_endtag(self, tag):
        if tag == "details":
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.derivations[self._open].append(data)


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

    expected: dict[tuple[str, str], set[str]] = defaultdict(set)  # (agency, id) -> period anchors, from the engine
    for period in compute_project(discover(root, Problems()), Problems()):
        for person in period.people:
            expected[(period.agency, person.id)].add(f"{period.scheme.code}-{period.year}-{period.label}")
    return {"root": root, "site": site, "page": page, "expected": expected}


def test_pack_years_keeps_whole_years_within_the_budget_oldest_first():
    assert pack_years([(2016, 30), (2017, 30), (2018, 30), (2019, 50)], 60) == [[2016, 2017], [2018], [2019]]
    assert pack_years([(2016, 90), (2017, 10)], 60) == [[2016], [2017]]  # a year over the budget stands alone
    assert pack_years([], 60) == []
    # a year added later never moves an earlier year to another page
    before = pack_years([(2016, 30), (2017, 30), (2018, 20)], 60)
    after = pack_years([(2016, 30), (2017, 30), (2018, 20), (2019, 30)], 60)
    assert after[: len(before) - 1] == before[:-1] and after[len(before) - 1][0] == before[-1][0]


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


def test_every_derivation_is_reachable_from_the_persons_page(demo):
    page, expected = demo["page"], demo["expected"]
    with_earlier = 0
    for (agency, pid), anchors in expected.items():
        url = f"people/{agency}/{pid}/"
        own = page(url)
        found: dict[str, tuple[str, str]] = {anchor: (url, "".join(text)) for anchor, text in own.derivations.items()}
        for href in own.hrefs:
            target, fragment = resolve(url, href)
            if target.startswith(url) and target != url:  # a page of earlier years, under the person's own address
                other = page(target)
                assert not fragment or fragment in other.derivations, f"{url} links to {target}#{fragment}, which has no such derivation"
                for anchor, text in other.derivations.items():
                    assert anchor not in found or found[anchor][0] == target, f"{pid} {anchor} is shown twice"
                    found[anchor] = (target, "".join(text))
        assert set(found) == anchors, f"{agency}/{pid}: derivations reachable {sorted(found)}, graded {sorted(anchors)}"
        for anchor, (where, text) in found.items():
            assert pid in text and "结果" in text, f"{where}#{anchor} is not {pid}'s derivation"
            assert anchor in own.ids, f"{url} has no address #{anchor}"  # the period's address on the person's page
            if where != url:
                assert own.ids[anchor] == "tr"
        with_earlier += any(where != url for where, _ in found.values())
        latest = max(year_of(a) for a in anchors)  # inline: the latest year's, exactly
        assert set(own.derivations) == {a for a in anchors if year_of(a) == latest}, url
    assert with_earlier > len(expected) // 2, "the demo's two years should give most people a page of earlier years"


def test_results_rows_land_on_the_periods_address(demo):
    site, page = demo["site"], demo["page"]
    checked = 0
    for path in sorted((site / "results").rglob("index.html"))[:40]:
        url = url_of(site, path)
        for href in page(url).hrefs:
            target, fragment = resolve(url, href)
            if re.fullmatch(r"people/[a-z0-9-]+/[^/_][^/]*/", target):  # a person's page (not the index in the nav)
                assert fragment and fragment in page(target).ids, f"{url}: {href}"
                checked += 1
    assert checked > 100


def test_derivations_are_not_searched_and_a_person_is_found_by_name_and_id(demo):
    docs = json.loads((demo["site"] / "search" / "search_index.json").read_text("utf-8"))["docs"]
    people = [d for d in docs if d["location"].startswith("people/") and d["location"] != "people/"]
    assert people and not [d for d in people if re.match(r"people/[^/]+/[^/]+/\d{4}/", d["location"])], "a page of earlier years is in the index"
    assert not [d for d in people if "kaohe-explain" in d["text"] or "结果：" in d["text"] or re.search(r"\d+\.\d\d", d["text"])]
    (agency, pid), _ = next(iter(demo["expected"].items()))
    own = [d for d in people if d["location"].startswith(f"people/{agency}/{pid}/")]
    assert len(own) == 1 and pid in own[0]["title"]
