"""The built site in a real browser (Debian's chromium driven by Playwright), as a person uses it.

One session builds both editions from a copy of the repository's schemes/ and content/, with
SOURCE_DATE_EPOCH set to a day on which demo 公示 are open, serves each on 127.0.0.1 and then:
follows real links from the home page to a handbook, a 公示 and a department summary; searches
in Chinese; sorts and filters tables; prints a 公示; follows a name from a results table to the
derivation on the person's page in the internal edition. Every request the browser makes is
recorded, and none may leave 127.0.0.1.

Screenshots of each kind of page are written to tests/artifacts/ (gitignored) for people to look at.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from generator.project.slugs import derive_slug as department_code  # listed departments: their derived slug
from generator.site.ordering import stroke_count

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")

try:
    import playwright.sync_api  # noqa: F401

    HAVE_PLAYWRIGHT = True
except ImportError:  # pragma: no cover - depends on the machine
    HAVE_PLAYWRIGHT = False

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package (pip install -e '.[test]')"),
]

REQUESTS: list[str] = []  # every URL the browser asked for, across all tests
PAGE_ERRORS: list[str] = []  # uncaught JavaScript errors, across all tests


# --------------------------------------------------------------------------- build and serve


def open_day(content: Path) -> dt.date:
    """A day on which as many demo 公示 as possible are open, from the *.notice.yaml files.

    A notice of N working days is certainly still open on each of its first N calendar days,
    so counting those is a safe lower bound without a holiday calendar.
    """
    notices: list[tuple[dt.date, int]] = []
    for path in sorted(content.rglob("*.notice.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        start = data.get("start")
        if isinstance(start, str):
            start = dt.date.fromisoformat(start)
        if isinstance(start, dt.date):
            notices.append((start, int(data.get("days") or 5)))
    assert notices, "the demo content has no *.notice.yaml, so no 公示 can be open"

    def open_on(day: dt.date) -> int:
        return sum(1 for start, days in notices if start <= day < start + dt.timedelta(days=days))

    return max(sorted({start for start, _ in notices}), key=lambda day: (open_on(day), day))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the standard library's signature
        pass


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def serve_editions(root: Path):
    """For a fixture (`yield from`): the project's two built editions served, {"site": url, "site-internal": url},
    the servers stopped afterwards."""
    servers = {edition: _serve(root / edition) for edition in ("site", "site-internal")}
    yield {edition: url for edition, (_, url) in servers.items()}
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """Both editions built from a copy of the demo, served on 127.0.0.1: {"public": url, "internal": url, "day": date}."""
    project = tmp_path_factory.mktemp("kaohe-browser")
    for name in ("schemes", "content"):
        shutil.copytree(ROOT / name, project / name)
    day = open_day(project / "content")
    epoch = int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC).timestamp())
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONWARNINGS="ignore")
    run = "import sys; from generator.cli import main; sys.exit(main())"
    procs = {}
    for audience in ("public", "internal"):  # in parallel: the two builds are independent
        out = project / f"site-{audience}"
        procs[audience] = (out, subprocess.Popen(
            [sys.executable, "-c", run, "-C", str(project), "build", "--audience", audience, "--out", str(out), "--quiet"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        ))
    dirs = {}
    for audience, (out, proc) in procs.items():
        output, _ = proc.communicate(timeout=300)
        if proc.returncode != 0 or not (out / "index.html").exists():
            pytest.fail(f"kaohe build --audience {audience} failed (exit {proc.returncode}):\n{output[-4000:]}")
        dirs[audience] = out
    servers = []
    urls: dict = {"day": day}
    for audience, directory in dirs.items():
        server, url = _serve(directory)
        servers.append(server)
        urls[audience] = url
        urls[f"{audience}_dir"] = directory
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def context(browser, sites):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    day = sites["day"]  # kaohe.js computes each 公示's state on the reader's day: the build's day here
    ctx.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12))
    ctx.on("request", lambda request: REQUESTS.append(request.url))
    ctx.set_default_timeout(15_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    tab = context.new_page()
    tab.on("pageerror", lambda error: PAGE_ERRORS.append(f"{tab.url}: {error}"))
    yield tab
    tab.close()


# --------------------------------------------------------------------------- helpers


def shoot(page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page, animations="disabled")


def follow(page, link) -> str:
    """Click a real link and wait for the page it leads to; returns the new URL."""
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("load")
    return page.url


def tab(page, name: str):
    return page.locator(".md-tabs__link", has_text=name).first


def heading(page) -> str:
    return page.locator("article h1").first.inner_text().replace("¶", "").strip()


def column(table, index: int) -> list[str]:
    """The text of one column in the rows the table currently shows, in their current order."""
    return table.locator("tbody tr").evaluate_all(
        "(rows, i) => rows.filter(r => r.style.display !== 'none').map(r => (r.cells[i] ? r.cells[i].textContent : '').trim())",
        index,
    )


def header_index(table, text: str) -> int:
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    for i, header in enumerate(headers):
        if header.replace("⇅", "").replace("▲", "").replace("▼", "").strip() == text:
            return i
    raise AssertionError(f"no column 「{text}」 in {headers}")


def stroke_before(a: str, b: str, slack: int = 0) -> bool:
    """May `a` come before `b` in 姓氏笔画 order? The first differing character decides by stroke count;
    with equal counts either order is right (the browser orders those by 笔顺, which we do not model).
    `slack` tolerates a character counted up to that many strokes differently (see STROKE_SLACK)."""
    for x, y in zip(a, b, strict=False):
        if x != y:
            return stroke_count(x) <= stroke_count(y) + slack
    return len(a) <= len(b)


# Chromium's `zh-u-co-stroke` collation counts strokes as Taiwan does: 艹 and 辶 are 4 strokes, 黄 is 12,
# so 节 (5 in mainland counting) sorts after 机 (6). Clicking a header therefore gives an order that is
# by strokes, but not exactly the mainland 姓氏笔画 order the server uses for a 公示. These tests accept a
# difference of up to two strokes per character; test_browser_sort_is_mainland_stroke_order records
# the exact expectation and fails (as expected) until kaohe.js sorts by a server-computed stroke key.
STROKE_SLACK = 2


def assert_stroke_order(values: list[str], slack: int = 0) -> None:
    assert len(values) > 1
    for a, b in zip(values, values[1:], strict=False):
        assert stroke_before(a, b, slack), (
            f"「{a}」({[stroke_count(c) for c in a]}) 排在 「{b}」({[stroke_count(c) for c in b]}) 前面，不符合笔画顺序"
        )


def sort_by(table, index: int) -> list[str]:
    table.locator("thead th").nth(index).click()
    return column(table, index)


def path_of(url: str) -> str:
    return urlsplit(url).path


def search(page, query: str) -> list[str]:
    """Type into the material search box and return the paths of every result (loading them all)."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    box.fill(query)
    box.press("End")  # a real IME commits with key events; material listens for keyup
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    seen = -1
    links: list[str] = []
    for _ in range(20):  # material renders ten results at a time, more as the list scrolls
        links = page.locator(".md-search-result__list a").evaluate_all("(as) => as.map(a => a.href)")
        if len(links) == seen:
            break
        seen = len(links)
        page.locator(".md-search__scrollwrap").evaluate("(el) => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(150)
    return [path_of(link) for link in links]


@pytest.fixture(scope="session")
def open_notice(sites, context):
    """The first open 公示 on the public home page, and the first person on it."""
    tab_ = context.new_page()
    tab_.goto(sites["public"])
    cards = tab_.locator("a.kaohe-card.open")
    assert cards.count() >= 1, f"no 公示 is open on {sites['day']} although the build date was chosen for that"
    url = urljoin(sites["public"], cards.first.get_attribute("href"))
    tab_.goto(url)
    table = tab_.locator("table.kaohe-notice-list")
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert headers[0] == "序号", headers
    first = [c.strip() for c in table.locator("tbody tr").first.locator("td").all_inner_texts()]
    match = re.search(r"/notices/([^/]+)/([^/]+)/(\d{4})-([^/]+)/$", path_of(url))
    assert match, url
    info = {
        "url": url,
        "path": path_of(url),
        "title": tab_.locator("h1.kaohe-notice-title").inner_text().strip(),
        "name": first[1],
        "department": first[2],
        "grade": first[-1],
        "agency": match.group(1),
        "year": match.group(3),
    }
    tab_.close()
    return info


# --------------------------------------------------------------------------- public edition


def test_home_handbook_notice_department_by_links(sites, page):
    """Home → a handbook → a 公示 → a department summary, clicking the links a reader would click."""
    page.goto(sites["public"])
    assert page.locator("a.kaohe-card.open").count() >= 1
    assert "公示中" in page.locator("a.kaohe-card.open").first.inner_text()
    shoot(page, "home")

    link = page.locator("article table.kaohe-list a").first
    name = link.inner_text().strip()
    url = follow(page, link)
    assert "/handbooks/" in url
    assert heading(page) == name
    assert page.locator("#rules").is_visible(), "the handbook has no 计分与评定规则 section"
    assert page.locator("table.kaohe-items tbody tr").count() >= 1
    shoot(page, "handbook-top", full_page=False)

    follow(page, tab(page, "公示"))
    assert heading(page) == "公示"
    state = header_index(page.locator("table.kaohe-list"), "状态") + 1
    row = page.locator(f"table.kaohe-list tbody tr:has(td:nth-child({state}):text-is('公示中'))").first
    notice_url = follow(page, row.locator("a").first)
    assert "/notices/" in notice_url
    assert "公示中" in page.locator(".kaohe-notice-state").inner_text()
    table = page.locator("table.kaohe-notice-list")
    assert table.locator("tbody tr").count() >= 1
    first = [c.strip() for c in table.locator("tbody tr").first.locator("td").all_inner_texts()]
    department = first[2]
    agency, year = re.search(r"/notices/([^/]+)/[^/]+/(\d{4})-", notice_url).groups()
    # the 公示 names the handbook it was made under, and the link works
    handbook = page.locator(".kaohe-noprint a[href*='handbooks/']")
    assert handbook.count() == 1

    follow(page, tab(page, "部门"))
    assert heading(page) == "部门考核情况"
    target = page.locator(f"table.kaohe-list a[href$='{agency}/{department_code(department)}/{year}/']")
    assert target.count() == 1, f"the department index has no {year} link for {department} of {agency}"
    follow(page, target)
    assert department in heading(page) and year in heading(page)
    assert page.locator("figure.kaohe-figure svg").first.is_visible()
    assert page.locator("table.kaohe-dist").count() >= 1
    shoot(page, "department")
    back = page.locator("a", has_text="查看本期公示")
    hrefs = [urljoin(page.url, h) for h in back.evaluate_all("(as) => as.map(a => a.getAttribute('href'))")]
    assert notice_url in hrefs, "the department summary does not link back to the 公示 of that period"
    follow(page, back.nth(hrefs.index(notice_url)))
    assert page.url == notice_url


def test_search_finds_notice_by_grade_and_name(sites, page, open_notice):
    page.goto(sites["public"])
    paths = search(page, f"{open_notice['grade']} {open_notice['name']}")
    assert open_notice["path"] in paths, f"searching 「{open_notice['grade']} {open_notice['name']}」 did not find {open_notice['path']}: {paths[:12]}"
    paths = search(page, open_notice["name"])
    assert open_notice["path"] in paths, f"searching the full name 「{open_notice['name']}」 did not find {open_notice['path']}"
    private = [p for p in paths if p.startswith(("/people/", "/results/"))]
    assert not private, f"the public edition's search found internal pages: {private}"
    shoot(page, "search", full_page=False)


def test_search_finds_department(sites, page, open_notice):
    page.goto(sites["public"])
    paths = search(page, open_notice["department"])
    prefix = f"/departments/{open_notice['agency']}/{department_code(open_notice['department'])}/"
    assert any(p.startswith(prefix) for p in paths), f"searching 「{open_notice['department']}」 did not find {prefix}…: {paths[:12]}"


def test_sort_numbers_numerically(sites, page):
    page.goto(urljoin(sites["public"], "notices/"))
    table = page.locator("table.kaohe-list").first
    index = header_index(table, "人数")

    def counts() -> list[int]:  # a list not yet published is not counted (—): it sorts after every number
        shown = column(table, index)
        assert all(v.isdigit() or v == "—" for v in shown), shown
        return [int(v) for v in shown if v != "—"]

    before = counts()
    assert len(set(before)) > 1, "every 公示 has the same number of people; nothing to sort"
    table.locator("thead th").nth(index).click()
    after = counts()
    assert after == sorted(before), "人数 did not sort ascending as numbers"
    assert after != before or before == sorted(before)
    assert table.locator("thead th").nth(index).get_attribute("aria-sort") == "ascending"
    table.locator("thead th").nth(index).click()
    assert counts() == sorted(before, reverse=True)
    assert table.locator("thead th").nth(index).get_attribute("aria-sort") == "descending"


def test_sort_chinese_by_strokes(sites, page):
    page.goto(urljoin(sites["public"], "departments/"))
    table = page.locator("table.kaohe-list").first
    index = header_index(table, "部门")
    before = column(table, index)
    after = sort_by(table, index)
    assert sorted(after) == sorted(before)
    assert after != before, "sorting by 部门 did not change the order"
    assert_stroke_order(after, STROKE_SLACK)
    assert stroke_count(after[0][0]) == min(stroke_count(d[0]) for d in after), "the fewest strokes do not come first"


def test_filter_table(sites, page):
    page.goto(sites["public"])
    follow(page, page.locator("article a", has_text=re.compile(r"^\d{4}(?: ?年|—\d{4}学年)$")).first)
    assert "/archive/" in page.url
    shoot(page, "archive-year")
    table = page.locator("table.kaohe-list").first
    total = table.locator("tbody tr").count()
    agencies = column(table, header_index(table, "单位"))
    agency = agencies[-1]
    expected = agencies.count(agency)
    assert 0 < expected < total, "the archive year lists only one agency; nothing to filter"
    box = page.locator(".kaohe-table-tools input[type=search]").first
    box.fill(agency)
    shown = column(table, header_index(table, "单位"))
    assert shown == [agency] * expected
    box.fill("")
    assert len(column(table, 0)) == total


def test_notice_prints_as_a_plain_notice(sites, page, open_notice):
    page.goto(open_notice["url"])
    shoot(page, "notice")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".kaohe-noprint"):
        for i in range(page.locator(selector).count()):
            assert not page.locator(selector).nth(i).is_visible(), f"{selector} is visible when printing"
    for selector in ("h1.kaohe-notice-title", "table.kaohe-notice-list", ".kaohe-signature"):
        assert page.locator(selector).is_visible(), f"{selector} is not visible when printing"
    assert page.locator("table.kaohe-notice-list tbody tr").first.is_visible()
    shoot(page, "notice-print")
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (ARTIFACTS / "notice.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    rows = page.locator("table.kaohe-notice-list tbody tr").count()
    if rows <= 15:
        assert pages == 1, f"a 公示 of {rows} people prints on {pages} A4 pages"


def test_guide(sites, page):
    page.goto(sites["public"])
    follow(page, page.locator("article a", has_text="阅读指南").first)
    assert heading(page) == "阅读指南"
    text = page.locator("article").inner_text()
    assert "异议" in text and "复核" in text and "等次" in text
    assert "kaohe " not in text and ".yaml" not in text, "the public guide is the reader's, not the operator's"
    shoot(page, "guide")
    follow(page, page.locator("article a", has_text="考核办法").first)
    assert "/handbooks/" in page.url
    page.goto(urljoin(sites["internal"], "guide/"))  # the operator's manual: internal edition only
    assert heading(page) == "使用说明"
    follow(page, page.locator("article a", has_text="问题代码一览").first)
    assert page.locator("article h2").count() >= 5


# --------------------------------------------------------------------------- internal edition


def test_internal_results_derivation_and_person(sites, page):
    page.goto(sites["internal"])
    assert page.locator(".admonition", has_text="内部版").count() == 1
    follow(page, page.locator("article a", has_text="成绩明细").first)
    assert "/results/" in page.url
    follow(page, page.locator("table.kaohe-list tbody a").first)
    results_url = page.url
    row = page.locator("table.kaohe-results tbody tr").first
    pid = row.get_attribute("id").removeprefix("p-")
    name = row.locator("td:first-child").inner_text().strip()
    assert row.locator("details, pre").count() == 0, "derivations belong on the person pages"
    shoot(page, "internal-results")

    # the name leads to the period's address on the person's page: its derivation, opened by kaohe.js
    follow(page, row.locator("td:first-child").locator("a"))
    assert "/people/" in page.url
    person_url = page.url.split("#")[0]
    assert heading(page).startswith(name)
    anchor = urlsplit(page.url).fragment
    assert anchor, "the name does not link to one period's derivation"
    history = page.locator("table.kaohe-history tbody tr")
    assert history.count() >= 1
    shown = history.locator("td:first-child a").evaluate_all("(as) => as.map(a => a.href)")
    assert len(shown) == history.count() == page.locator(".kaohe-derivations > details").count()
    assert {u.split("#")[0] for u in shown} == {person_url}, "a period's derivation is not on the person's page"
    opened = page.locator(f'.kaohe-derivations > details[id="{anchor}"]')
    assert opened.count() == 1
    assert opened.evaluate("d => d.open"), "kaohe.js did not open the linked derivation"
    back = urljoin(page.url, opened.locator("p > a").get_attribute("href"))
    assert back == f"{results_url}#p-{pid}", "the derivation does not link back to the results row"
    text = opened.locator("pre").inner_text()
    assert name in text and pid in text
    assert len(text.splitlines()) > 3, "the derivation lost its line breaks"
    # every earlier year's derivation was unpacked (packed_text.py) into its <pre>: the person's own text
    texts = page.locator(".kaohe-derivations pre").evaluate_all("(ps) => ps.map(p => p.textContent)")
    assert all(pid in t and "结果" in t for t in texts), "a derivation was not unpacked"
    assert page.locator(".kaohe-derivations[data-count], .kaohe-unpack-failed").count() == 0, "a box of derivations was left unmade"

    page.goto(person_url)
    shoot(page, "person")


def open_people_list(sites, page, numeric: bool = False) -> None:
    """The people index (split by department: the demo has more people than one page holds), then
    the largest department's list (with numeric=True: the largest whose IDs are all digits)."""
    page.goto(urljoin(sites["internal"], "people/"))
    summary = page.locator("table.kaohe-list").first
    counts = [int(c) for c in column(summary, header_index(summary, "人数"))]
    links = summary.locator("tbody a").evaluate_all("(as) => as.map(a => a.href)")
    for _, url in sorted(zip(counts, links), reverse=True):
        page.goto(url)
        table = page.locator("table.kaohe-list").first
        if not numeric or all(i.isdigit() for i in column(table, header_index(table, "编号"))):
            return
    pytest.fail("no department list of people with numeric IDs")


def test_without_javascript_the_newest_derivation_reads_and_the_others_say_why(sites, browser):
    person = next(p for p in sorted((sites["internal_dir"] / "people").glob("*/*/index.html")) if "kaohe-packed" in p.read_text("utf-8"))
    ctx = browser.new_context(locale="zh-CN", java_script_enabled=False)
    tab_ = ctx.new_page()
    tab_.goto(sites["internal"] + person.parent.relative_to(sites["internal_dir"]).as_posix() + "/")
    pres = tab_.locator(".kaohe-derivations pre")
    assert pres.count() == 1, "without JavaScript: the newest derivation is the one as text"
    assert person.parent.name in pres.first.text_content() and "结果" in pres.first.text_content()
    # every other one is packed; each box that holds some says why it is empty, once, with how many
    says = tab_.locator(".kaohe-derivations[data-count]").evaluate_all("(bs) => bs.map(b => [b.dataset.count, getComputedStyle(b, '::before').content])")
    assert says and all("浏览器运行脚本" in said and f"这里的 {count} 期" in said for count, said in says), says
    assert tab_.locator(".kaohe-derivations details").count() == 1
    ctx.close()


def test_internal_sorting(sites, page):
    open_people_list(sites, page)
    table = page.locator("table.kaohe-list").first
    names = sort_by(table, header_index(table, "姓名"))
    assert_stroke_order(names, STROKE_SLACK)

    page.goto(sites["internal"])
    follow(page, page.locator("article a", has_text="成绩明细").first)
    follow(page, page.locator("table.kaohe-list tbody a").first)
    table = page.locator("table.kaohe-results").first
    index = header_index(table, "总分")
    table.locator("thead th").nth(index).click()
    values = column(table, index)
    numbers = [v for v in values if re.fullmatch(r"-?\d+(\.\d+)?", v)]
    assert values[: len(numbers)] == numbers, "blank totals sorted among the numbers"
    assert [Decimal(v) for v in numbers] == sorted(Decimal(v) for v in numbers), "总分 did not sort as numbers"
    # a results table's names carry their place in the table's stroke order, not the whole key
    names = sort_by(table, header_index(table, "姓名"))
    assert_stroke_order(names, STROKE_SLACK)
    table.locator("thead th").nth(header_index(table, "姓名")).click()
    assert column(table, header_index(table, "姓名")) == names[::-1]
    # the text columns (named by the table's data-text) sit left, numbers right, the name stays in view
    aligned = table.locator("tbody tr").first.evaluate("r => Array.from(r.cells).map(c => getComputedStyle(c).textAlign)")
    heads = [h.replace("⇅", "").replace("▲", "").replace("▼", "").strip() for h in table.locator("thead th").all_inner_texts()]
    shown = dict(zip(heads, aligned, strict=True))
    assert shown["姓名"] == shown["编号"] == shown["等次"] == shown["说明"] == "left" and shown["总分"] == "right", shown
    assert table.locator("tbody tr").first.evaluate("r => getComputedStyle(r.cells[0]).position") == "sticky"


# chromium's zh-u-co-stroke counts 艹/辶 as 4 strokes and 黄 as 12 (Taiwan counting), so name cells carry
# data-stroke, the server's mainland key, which kaohe.js uses in stroke mode.
def test_browser_sort_is_mainland_stroke_order(sites, page):
    open_people_list(sites, page)
    table = page.locator("table.kaohe-list").first
    assert_stroke_order(sort_by(table, header_index(table, "姓名")))


# --------------------------------------------------------------------------- reading on any screen (issue 13)


def result_texts(page) -> list[str]:
    return page.locator(".md-search-result__item").all_inner_texts()


@pytest.mark.parametrize("query", ["病事假", "较差", "急难险重", "不确定等次"])
def test_search_finds_rule_words_whole(sites, page, query):
    """The query is cut as the index was: no result lacks part of it, a rule passage comes first,
    and what is highlighted is the word itself (较差, not 较)."""
    page.goto(sites["public"])
    paths = search(page, query)
    assert paths, f"searching 「{query}」 found nothing"
    assert paths[0].startswith(("/handbooks/", "/guide/")), f"searching 「{query}」 lists {paths[0]} before the rules: {paths[:6]}"
    first = page.locator(".md-search-result__item").first.inner_text()
    assert "缺少" not in first, f"the top result for 「{query}」 lacks part of the query: {first[:200]}"
    marks = set(page.locator(".md-search-result__item").first.locator("mark").all_inner_texts())
    assert marks and all(len(m) >= 2 for m in marks), f"「{query}」 highlighted as single characters: {marks}"


def test_search_lists_the_open_notice_of_a_name_first(sites, page, open_notice):
    page.goto(sites["public"])
    notices = [p for p in search(page, open_notice["name"]) if p.startswith("/notices/")]
    assert notices and notices[0] == open_notice["path"], f"the open 公示 is not the first of {notices[:5]}"


def test_internal_search_finds_an_id_a_name_and_a_department(sites, page):
    open_people_list(sites, page, numeric=True)
    table = page.locator("table.kaohe-list").first
    ids = column(table, header_index(table, "编号"))
    names = column(table, header_index(table, "姓名"))
    pid = next(i for i in ids if i.isdigit())  # a numeric ID: shown as （0007） in titles
    paths = search(page, pid)
    assert any(p.endswith(f"/{pid}/") for p in paths), f"searching the ID 「{pid}」 found {paths[:6]}"
    name = names[ids.index(pid)]
    assert any(p.endswith(f"/{pid}/") for p in search(page, name)), f"searching 「{name}」 did not find the person"
    department = column(table, header_index(table, "部门"))[ids.index(pid)]
    found = search(page, department)
    assert any(p.startswith("/departments/") for p in found), f"searching 「{department}」 found no department page: {len(found)} {found[:40]}"


def _all_pages(site_url: str, directory: Path) -> list[str]:
    return [urljoin(site_url, p.parent.relative_to(directory).as_posix() + "/") if p.parent != directory else site_url
            for p in sorted(directory.rglob("index.html"))]


def test_no_page_is_wider_than_a_phone(sites, browser):
    """Every page of both editions at 390 px: the page never scrolls sideways (wide tables scroll in their box)."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    ctx.route(re.compile(r".*search_index\.json$"), lambda route: route.abort())  # the index is not layout
    tab_ = ctx.new_page()
    wide, count = [], 0
    for edition in ("public", "internal"):
        for url in _all_pages(sites[edition], sites[f"{edition}_dir"]):
            tab_.goto(url, wait_until="domcontentloaded")
            width = tab_.evaluate("() => document.documentElement.scrollWidth")
            count += 1
            if width > 390:
                wide.append((path_of(url), width))
            if count in (1, 2) or "/results/" in url and count % 50 == 0:
                tab_.screenshot(path=str(ARTIFACTS / f"phone-{edition}-{count}.png"))
    ctx.close()
    assert count > 300
    assert not wide, f"{len(wide)} of {count} pages scroll sideways at 390 px: {wide[:10]}"


def test_a_lean_page_on_a_phone_shows_the_tabs_instead_of_a_drawer(sites, browser):
    """A person's page is built without sidebars (main.html, kaohe_lean): on a phone its tabs show as a
    strip that scrolls sideways and leads to every section; no button opens an empty drawer. A page in
    the navigation keeps its drawer. On a wide screen the tabs show as ever."""
    person = next(p for p in sorted((sites["internal_dir"] / "people").glob("*/*/index.html")) if not p.parent.parent.name.startswith("_"))
    url = sites["internal"] + person.parent.relative_to(sites["internal_dir"]).as_posix() + "/"
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab_ = ctx.new_page()
    tab_.goto(url)
    assert tab_.locator(".md-sidebar").count() == 0
    assert tab_.locator(".md-tabs").is_visible()
    assert not tab_.locator('.md-header__button[for="__drawer"]').is_visible()
    strip = tab_.locator(".md-tabs__list")
    assert strip.evaluate("l => l.scrollWidth > l.clientWidth"), "the tabs fit a phone: nothing to scroll, nothing to test"
    follow(tab_, tab_.locator(".md-tabs__link", has_text="使用说明"))  # the last tab: scrolled to, then followed
    assert "/guide/" in tab_.url
    assert tab_.locator('.md-header__button[for="__drawer"]').is_visible() and not tab_.locator(".md-tabs").is_visible()
    tab_.locator('.md-header__button[for="__drawer"]').click()
    assert tab_.locator(".md-sidebar--primary .md-nav__link", has_text="公示").first.is_visible()
    tab_.set_viewport_size({"width": 1366, "height": 900})
    tab_.goto(url)
    assert tab_.locator(".md-tabs").is_visible()
    ctx.close()


def _widest_results(sites, page) -> str:
    page.goto(urljoin(sites["internal"], "results/"))
    links = [urljoin(page.url, h) for h in page.locator("table.kaohe-list tbody a").evaluate_all("(as) => as.map(a => a.getAttribute('href'))")]
    best, columns = links[0], 0
    for link in links[:40]:
        page.goto(link, wait_until="domcontentloaded")
        n = page.locator("table.kaohe-results thead th").count()
        if n > columns:
            best, columns = link, n
    return best


def test_wide_results_print_on_a4_landscape_without_clipping(sites, page, tmp_path):
    url = _widest_results(sites, page)
    page.goto(url)
    table = page.locator("table.kaohe-results").first
    assert [header_index(table, h) for h in ("姓名", "总分", "等次")] == [0, 1, 2], "name, 总分 and 等次 are not first"
    pdf = tmp_path / "results.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    boxes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes()))
    assert boxes and all(float(w) > float(h) for w, h in boxes), f"not every printed page is landscape: {boxes}"
    page.set_viewport_size({"width": 1047, "height": 718})  # A4 landscape less the page margins, at 96 dpi
    page.emulate_media(media="print")
    right = table.evaluate("t => t.getBoundingClientRect().right")
    assert right <= 1047 + 1, f"the printed table is {right:.0f} px wide: clipped on A4 landscape"
    arrows = table.locator("button.kaohe-sort").first.evaluate("b => getComputedStyle(b, '::after').content")
    assert arrows in ("none", "normal"), f"sort arrows print: {arrows}"
    assert_internal_on_every_printed_page(page, pdf)
    page.screenshot(path=str(ARTIFACTS / "internal-results-print.png"))
    page.emulate_media(media="screen")


# The page margin box that carries 内部资料 on every printed page of the internal edition (kaohe.css).
_MARGIN_MARK = """() => {
  const name = getComputedStyle(document.body).page;
  const found = [];
  const walk = (rules) => { for (const r of rules) {
    if (r instanceof CSSPageRule) {
      if (r.selectorText === name) for (const m of r.cssRules) if (m instanceof CSSMarginRule) found.push(m.name + " " + m.style.content);
    } else if (r.cssRules) walk(r.cssRules);
  } };
  for (const sheet of document.styleSheets) { try { walk(sheet.cssRules); } catch (e) {} }
  return [name, found];
}"""


def assert_internal_on_every_printed_page(page, pdf: Path) -> None:
    """In print, the page's named @page has a margin box reading 内部资料 (so it is on every sheet, above
    the text, never over it); where poppler's pdftotext is installed, every page of the PDF is read too."""
    name, boxes = page.evaluate(_MARGIN_MARK)
    assert name.startswith("kaohe-internal") and any("内部资料" in b for b in boxes), f"no 内部资料 margin box on @page {name!r}: {boxes}"
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        count = int(re.search(r"Pages:\s+(\d+)", pages).group(1))
        for n in range(1, count + 1):
            text = subprocess.run([pdftotext, "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True).stdout
            assert "内部资料" in text, f"printed page {n} of {count} carries no 内部资料"


def test_person_page_prints_compactly_with_every_derivation(sites, page, tmp_path):
    """A person's derivations print open, two columns of plain text, without the site around them,
    fewer pages than periods, 内部资料 on each page; the history table is not clipped."""
    page.goto(sites["internal"])
    follow(page, page.locator("article a", has_text="成绩明细").first)
    follow(page, page.locator("table.kaohe-list tbody a").first)
    follow(page, page.locator("table.kaohe-results tbody td:first-child a").first)
    derivations = page.locator(".kaohe-derivations > details")
    count = derivations.count()
    assert count >= 4, f"the person's page has {count} derivations: pick a page with more to test compact printing"
    pdf = tmp_path / "person.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    pages = pdf.read_bytes().count(b"/Type /Page") - pdf.read_bytes().count(b"/Type /Pages")
    assert 1 <= pages <= (3 * count + 3) // 4, f"{count} derivations print on {pages} A4 pages"
    page.set_viewport_size({"width": 657, "height": 1000})  # A4 portrait less the page margins, at 96 dpi
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search', '.md-footer']
        .filter(s => document.querySelector(s)).map(s => [s, getComputedStyle(document.querySelector(s)).display])""")
    assert hidden and all(display == "none" for _, display in hidden), f"site furniture prints: {hidden}"
    shown = derivations.evaluate_all("ds => ds.map(d => d.querySelector('pre').getBoundingClientRect().height)")
    assert all(height > 0 for height in shown), f"closed derivations do not print: {shown}"
    assert derivations.first.locator("summary").evaluate("s => getComputedStyle(s, '::after').display") == "none"
    lines = derivations.first.locator("pre").evaluate("p => p.textContent.split('\\n').length")
    assert lines > 5, "the derivation lost its line breaks"
    right = page.locator("table.kaohe-history").evaluate("t => t.getBoundingClientRect().right")
    assert right <= 657 + 1, f"the history table is {right:.0f} px wide: clipped on A4"
    assert_internal_on_every_printed_page(page, pdf)
    page.screenshot(path=str(ARTIFACTS / "person-print.png"), full_page=True)
    page.emulate_media(media="screen")


def test_grade_facet_is_exact_and_grades_sort_in_scheme_order(sites, page):
    page.goto(_widest_results(sites, page))
    table = page.locator("table.kaohe-results").first
    grade = header_index(table, "等次")
    values = column(table, grade)
    label = page.locator(".kaohe-table-tools label", has_text="等次").first
    select = label.locator("select")
    options = [o for o in select.locator("option").all_inner_texts() if not o.startswith("全部")]
    assert options, "no 等次 choices"
    for option in options:
        value = re.sub(r"（\d+）$", "", option)
        count = int(re.search(r"（(\d+)）$", option).group(1))
        select.select_option(label=option)
        shown = column(table, grade)
        assert shown == [value] * values.count(value) and len(shown) == count, f"choosing 「{option}」 shows {shown}"
        assert f"显示 {count} 行" in page.locator(".kaohe-count").first.inner_text()
    select.select_option(index=0)
    table.locator("thead th").nth(grade).click()
    ranks = table.locator("tbody tr").evaluate_all("(rows, i) => rows.map(r => Number(r.cells[i].getAttribute('data-sort')))", grade)
    assert ranks == sorted(ranks), "等次 did not sort in the scheme's grade order"
    # kaohe.js ranked each grade from the header's list: 1 for the best, statuses after every grade
    order = json.loads(table.locator("thead th").nth(grade).get_attribute("data-ranks"))
    assert [order.index(g) + 1 if g in order else len(order) + 1 for g in column(table, grade)] == ranks  # [] where the scheme has no grades
    assert table.locator("thead th").nth(grade).get_attribute("aria-sort") == "ascending"
    assert table.locator("thead th button.kaohe-sort").count() == table.locator("thead th").count()
    page.screenshot(path=str(ARTIFACTS / "internal-results-facet.png"))


def test_notice_state_is_computed_on_the_readers_day(sites, browser, open_notice):
    ctx = browser.new_context(locale="zh-CN")
    ctx.clock.set_fixed_time(dt.datetime(sites["day"].year + 1, 1, 15, 12))
    tab_ = ctx.new_page()
    tab_.goto(open_notice["url"])
    assert tab_.locator(".kaohe-notice-state").inner_text().strip() == "已结束"
    tab_.goto(sites["public"])  # the home page built as 正在公示 no longer says so when every card has ended
    assert tab_.locator("a.kaohe-card.ended").count() == tab_.locator("a.kaohe-card").count() >= 1
    # not 最近结束: a 公示 that had not begun on the build day may have ended since
    assert tab_.locator("h2#open").inner_text().replace("¶", "").strip() == "已结束的公示"
    ctx.close()
    ctx = browser.new_context(locale="zh-CN", java_script_enabled=False)
    tab_ = ctx.new_page()
    tab_.goto(open_notice["url"])
    assert "公示中" in tab_.locator(".kaohe-notice-state").inner_text(), "without JavaScript the build-time state is gone"
    ctx.close()


def test_a_notice_built_before_it_began_says_on_the_readers_day_whether_refreshing_can_help(sites, browser):
    """A page built before its 公示 began holds no names. While the 公示 runs a rebuilt site may bring
    them (请稍后刷新); once it has ended the page said the same, though no refresh ever would."""
    pending = sorted(path for path in (sites["public_dir"] / "notices").rglob("index.html")
                     if "data-kaohe-pending" in path.read_text(encoding="utf-8"))
    assert pending, "no demo 公示 was still to begin on the build day"
    url = urljoin(sites["public"], pending[0].parent.relative_to(sites["public_dir"]).as_posix() + "/")
    for offset, words, not_words in ((0, "公示期已开始", "已结束"), (1, "公示期已结束", "刷新")):
        ctx = browser.new_context(locale="zh-CN")
        tab_ = ctx.new_page()
        tab_.goto(url)
        state = tab_.locator(".kaohe-notice-state")
        day = dt.date.fromisoformat(state.get_attribute("data-kaohe-start" if offset == 0 else "data-kaohe-end")) + dt.timedelta(days=offset)
        ctx.clock.set_fixed_time(dt.datetime(day.year, day.month, day.day, 12))
        tab_.reload()
        note = tab_.locator("[data-kaohe-pending]").inner_text()
        assert words in note and not_words not in note, (day, note)
        ctx.close()


def test_internal_edition_cannot_be_taken_for_the_public_one(sites, page):
    colours = {}
    for edition in ("public", "internal"):
        page.goto(sites[edition])
        colours[edition] = page.locator(".md-header").evaluate("h => getComputedStyle(h).backgroundColor")
    assert colours["public"] != colours["internal"]
    assert "内部版" in page.locator(".md-banner").inner_text()
    page.goto(sites["public"])
    assert page.locator(".kaohe-internal-mark, .md-banner").count() == 0


def test_screenshots_of_every_page_kind(sites, browser):
    """Each kind of page at 1366 and 390 px in tests/artifacts/, for people to look at."""
    kinds = {"public": ["", "notices/", "handbooks/s003-p2/", "departments/", "archive/", "guide/reading/"],
             "internal": ["", "results/", "people/", "guide/"]}
    for width in (1366, 390):
        ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        ctx.clock.set_fixed_time(dt.datetime(sites["day"].year, sites["day"].month, sites["day"].day, 12))
        tab_ = ctx.new_page()
        for edition, paths in kinds.items():
            for path in paths:
                tab_.goto(urljoin(sites[edition], path))
                links = tab_.locator("article table tbody a").evaluate_all("(as) => as.slice(0, 1).map(a => a.href)")
                name = f"kind-{edition}-{path.strip('/').replace('/', '-') or 'home'}-{width}"
                tab_.screenshot(path=str(ARTIFACTS / f"{name}.png"))
                if links and path in ("notices/", "departments/", "results/", "people/"):
                    tab_.goto(links[0])
                    tab_.screenshot(path=str(ARTIFACTS / f"{name}-page.png"))
        ctx.close()


def test_internal_comparisons_and_filed_forms(sites, page):
    """A leader compares a unit's departments for a year, then one department across years; the HR
    office opens a filed form and it prints on A4 landscape."""
    page.goto(sites["internal"])
    follow(page, tab(page, "对比"))
    assert heading(page) == "对比分析"
    follow(page, page.locator("table.kaohe-list tbody a", has_text="2025").first)
    assert "2025年各部门对比" in heading(page)
    block = page.locator(".kaohe-compare").first
    assert block.locator("svg.kaohe-chart").is_visible()
    rows = block.locator("table.kaohe-compare-table tbody tr")
    assert rows.count() >= 3 and rows.last.locator("th").inner_text().strip() == "全单位"
    total = int(rows.last.locator("td").first.inner_text())
    assert total == sum(int(rows.nth(i).locator("td").first.inner_text()) for i in range(rows.count() - 1))
    shoot(page, "compare-year")
    page.go_back()
    follow(page, page.locator("table.kaohe-list tbody td:nth-child(3) a").first)
    assert "历年对比" in heading(page)
    assert page.locator(".kaohe-compare svg.kaohe-chart").first.is_visible()
    shoot(page, "compare-department")
    page.goto(sites["internal"])
    follow(page, tab(page, "汇总表"))
    follow(page, page.locator("table.kaohe-list tbody a", has_text="平时考核结果汇总表").first)
    assert page.locator("h1.kaohe-form-title").inner_text().strip() == "公务员平时考核结果汇总表"
    shoot(page, "form-quarterly")
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1, "the quarterly form does not print on one A4 page"
    boxes = [tuple(float(v) for v in m.split()) for m in re.findall(rb"/MediaBox \[0 0 ([0-9.]+ [0-9.]+)\]", pdf)]
    assert boxes and all(round(w) == 842 and round(h) == 595 for w, h in boxes), f"not A4 landscape: {boxes}"


def test_on_a_phone_a_handbooks_items_and_a_departments_history_show_every_column(sites, browser):
    """At 390 px the items table had four columns that scrolled sideways, 计分办法 off the screen; a
    department's 历年对比 took the person history's 总分 rule (one line, right-aligned) for its 等次分布,
    cut off. Now each item is a block with its 评分标准 and 计分办法 named, and the history wraps."""
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab_ = ctx.new_page()
    tab_.goto(urljoin(sites["public"], "handbooks/s003-p2/"))
    items = tab_.locator("table.kaohe-items").first
    right = items.evaluate("t => t.getBoundingClientRect().right")
    cells = items.locator("tbody td").evaluate_all("cs => cs.filter(c => c.offsetParent).map(c => [c.getBoundingClientRect().right, c.textContent])")
    assert cells and all(edge <= right + 1 and edge <= 390 for edge, _ in cells), [c for c in cells if c[0] > right + 1][:3]
    how = items.locator("tbody tr").nth(1).locator("td").nth(3)
    assert how.evaluate("c => getComputedStyle(c, '::before').content") == '"计分办法："'
    tab_.screenshot(path=str(ARTIFACTS / "phone-handbook-items.png"))
    tab_.goto(urljoin(sites["public"], "departments/"))
    follow(tab_, tab_.locator("table.kaohe-list tbody a", has_text=re.compile(r"^\d{4}$")).last)
    history = tab_.locator("table.kaohe-trend")
    if history.count():  # a department with earlier years
        assert history.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), "the 历年对比 scrolls sideways on a phone"
        assert history.locator("tbody td").nth(3).evaluate("c => getComputedStyle(c).whiteSpace") != "nowrap"
    # the charts are drawn no wider than they need, so on a phone their labels stay readable
    chart = tab_.locator("svg.kaohe-chart").first
    scale = chart.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
    assert 14 * scale >= 10.5, f"chart labels are {14 * scale:.1f} px on a phone"
    ctx.close()


def test_the_sort_order_choice_names_the_column_it_orders(sites, page):
    """The list of departments offered 姓名排序 although it lists no names."""
    page.goto(urljoin(sites["public"], "departments/"))
    assert page.locator(".kaohe-table-tools label", has_text="排序").first.inner_text().startswith("部门排序")
    page.goto(urljoin(sites["internal"], "results/yunxi-czj/s003-p2/2025-Q1/"))
    labels = [t.split("：")[0] for t in page.locator(".kaohe-table-tools label", has_text="排序").all_inner_texts()]
    assert labels == ["姓名排序"], labels


def test_a_year_later_every_list_says_the_readers_state_and_offers_it(sites, browser):
    """States are the reader's day's: the year's archive kept the build's words (未开始 for a 公示 long
    over), and the list of 公示 offered its 状态 choices from the build's words (公示中（5） matched no row)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    later = sites["day"] + dt.timedelta(days=400)
    ctx.clock.set_fixed_time(dt.datetime(later.year, later.month, later.day, 12))
    tab_ = ctx.new_page()
    tab_.goto(urljoin(sites["public"], "notices/"))
    words = tab_.locator("table.kaohe-list tbody td:nth-child(4)").all_inner_texts()
    choice = tab_.locator(".kaohe-table-tools label", has_text="状态：")
    offered = [o for o in choice.locator("option").all_inner_texts() if o != "全部"] if choice.count() else []
    # one word in every row (all over, a year later) is no choice: none is offered
    assert sorted(offered) == sorted(f"{w}（{words.count(w)}）" for w in set(words) if len(set(words)) > 1), (offered, set(words))
    year = sites["day"].year
    tab_.goto(urljoin(sites["public"], f"archive/{year}/"))
    links = tab_.locator("table.kaohe-list tbody td:nth-child(5) a").evaluate_all(
        "as => as.map(a => [a.getAttribute('data-kaohe-end'), a.textContent])")
    ended = [text for end, text in links if end and end < later.isoformat()]
    assert ended and set(ended) == {"已结束"}, set(ended)
    ctx.close()


# --------------------------------------------------------------------------- everything above


def test_every_request_stayed_on_127_0_0_1(sites):
    """Runs last: nothing the browser asked for in any test above left the local server."""
    assert REQUESTS, "no requests were recorded"
    outside = sorted({url for url in REQUESTS if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).hostname != "127.0.0.1"})
    assert not outside, "requests left 127.0.0.1:\n" + "\n".join(outside)
    assert not PAGE_ERRORS, "JavaScript errors:\n" + "\n".join(PAGE_ERRORS)
