"""Names, departments and item names as long as a real agency's, on a phone (390 px) and a desktop,
in Debian's chromium: a small s003-p2 project built through the real CLI, its 公示 open on the build's day.

A Uyghur name of 22 characters took the width its length asked for: on the 公示 every department below
it stood two characters a line (综合/股); in a results table, names and departments on one line took
270 px of a phone and most of a desktop, a post stood two characters a line, and a 26-character item
name headed a column twelve lines tall. On a person's page the history's head on one line pushed 等次
off the phone's screen."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

import pytest

from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT, serve_editions
from tests.web.util import EPOCH, build, p2_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
]

LONG_NAME = "热依拉·阿卜杜热合曼·买买提艾力克木·吐尔逊江"
LONG_DEPARTMENT = "经济建设与政府和社会资本合作项目管理股（政府采购监督管理办公室）"
LONG_ITEM = "艰苦奋斗勤俭节约及公务接待和办公用房管理规定执行情况"  # 26 characters, for 艰苦奋斗勤俭节约情况
DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    people = [{"id": "0001", "name": LONG_NAME, "dept": "办公室", "fraction": 0.97},
              {"id": "0002", "name": "罗琳芳", "dept": "经济建设股", "fraction": 0.95},
              {"id": "0003", "name": "王伟", "dept": LONG_DEPARTMENT, "fraction": 0.8}]
    fractions = [0.92, 0.91] + [0.8] * 7  # four at 好 (the quota of twelve), no tie at its line
    people += [{"id": f"{i:04d}", "name": name, "dept": "综合股", "fraction": fraction}
               for i, (name, fraction) in enumerate(zip(["于英然", "马雨", "王杰泽", "韦霞刚", "毛伟伟", "邓玉雨", "孔然浩", "龙芳兰", "石浩"], fractions, strict=True), start=4)]
    root = p2_project(tmp_path_factory.mktemp("long"), people, ["办公室", "经济建设股", "综合股", LONG_DEPARTMENT])
    for path in (root / "schemes" / "s003-p2.yaml", root / "content" / "testju" / "s003-p2" / "2025" / "Q1.csv"):
        encoding = "utf-8-sig" if path.suffix == ".csv" else "utf-8"
        path.write_text(path.read_text(encoding=encoding).replace("艰苦奋斗勤俭节约情况", LONG_ITEM), encoding=encoding)
    assert build(root) == 0 and build(root, "--audience", "internal") == 0
    yield from serve_editions(root)


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    ctx.clock.set_fixed_time(DAY.replace(tzinfo=None))
    tab = ctx.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert not errors, errors
    ctx.close()


LINES = """(cells) => cells.map(c => {
    const range = document.createRange(); range.selectNodeContents(c);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return [c.textContent.trim(), tops.size, Math.round(c.getBoundingClientRect().width)];
})"""


def test_on_the_notice_a_long_name_wraps_and_every_short_department_keeps_its_line(served, phone):
    phone.goto(urljoin(served["site"], "notices/testju/s003-p2/2025-Q1/"))
    table = phone.locator("table.kaohe-notice-list")
    assert table.evaluate("t => t.getBoundingClientRect().right") <= 390 - 16 + 1
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
    cells = table.locator("tbody td").evaluate_all(LINES)
    assert LONG_NAME in [text for text, _, _ in cells]
    broken = [(text, lines) for text, lines, _ in cells if len(text) <= 5 and lines > 1]
    assert not broken, f"short cells broken over lines beside a long name: {broken}"
    assert next(lines for text, lines, _ in cells if text == LONG_NAME) > 1  # the long one wraps instead


def test_in_a_results_table_long_names_departments_and_items_wrap_in_a_readable_width(served, browser):
    for width in (390, 1280):
        ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        tab = ctx.new_page()
        tab.goto(urljoin(served["site-internal"], "results/testju/s003-p2/2025-Q1/"))
        table = tab.locator("table.kaohe-results")
        heads = [h.replace("⇅", "").strip() for h in table.locator("thead th").all_inner_texts()]
        assert heads[:5] == ["姓名", "总分", "等次", "编号", "科室"], heads
        cells = table.locator("tbody tr").first.locator("td").evaluate_all(LINES)
        by_text = {text: (lines, px) for text, lines, px in cells}
        rows = table.locator("tbody td:nth-child(5)").evaluate_all(LINES)
        name_px = table.locator("tbody td:first-child").evaluate_all("cs => Math.max(...cs.map(c => c.getBoundingClientRect().width))")
        assert name_px <= 130, f"the name column is {name_px} px wide at {width} px"
        department_px = max(px for _, _, px in rows)
        assert department_px <= 170, f"the department column is {department_px} px wide at {width} px"
        assert all(lines == 1 for text, lines, _ in rows if len(text) <= 5), rows  # 经济建设股 on its line
        assert all(lines == 1 for text, (lines, _) in by_text.items() if text in ("办公室", "综合股"))
        head = table.locator("thead").evaluate("h => h.getBoundingClientRect().height")
        assert head <= 160, f"the table's head is {head} px tall at {width} px"
        ctx.close()


def test_a_persons_history_shows_every_column_on_a_phone(served, phone):
    phone.goto(urljoin(served["site-internal"], "people/testju/0002/"))
    history = phone.locator("table.kaohe-history")
    assert history.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), "the history scrolls sideways: 等次 is off the screen"
    grade = history.locator("tbody td:nth-child(5)").evaluate_all(LINES)
    assert grade and all(lines == 1 and text for text, lines, _ in grade), grade
    assert history.locator("tbody td:nth-child(5)").first.evaluate("c => c.getBoundingClientRect().right") <= 390


def test_every_control_over_a_table_shows_it_has_the_keyboards_focus(served, browser):
    """The theme sets `input { outline: none }`: tabbing into a table's 查找 box showed nothing."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = ctx.new_page()
    tab.goto(urljoin(served["site-internal"], "results/testju/s003-p2/2025-Q1/"))
    controls = tab.locator(".kaohe-table-tools input, .kaohe-table-tools select")
    assert controls.count() >= 2
    tab.locator("table.kaohe-results").scroll_into_view_if_needed()
    for _ in range(60):  # Tab through the page until each control has had the focus
        tab.keyboard.press("Tab")
        if tab.evaluate("() => !!document.activeElement.closest('.kaohe-table-tools')"):
            style = tab.evaluate("() => { const s = getComputedStyle(document.activeElement); return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth] }")
            assert style[1] != "none" and style[2] != "0px", style
        if tab.evaluate("() => !!document.activeElement.closest('table')"):
            break
    else:
        pytest.fail("the table was never reached with Tab")
    ctx.close()


def test_a_comparisons_departments_keep_a_readable_width_on_a_phone(served, phone):
    """The table scrolls sideways anyway, yet its row heads stood two characters a line (办公/室, 全单/位)."""
    phone.goto(urljoin(served["site-internal"], "compare/testju/2025/"))
    # a group under the small-group size is marked "办公室 *": the name is what must not break
    heads = [(text.removesuffix("*").strip(), lines, px)
             for text, lines, px in phone.locator("table.kaohe-compare-table tbody th").evaluate_all(LINES)]
    assert {"办公室", "经济建设股", "综合股", "全单位"} <= {text for text, _, _ in heads}, heads
    broken = [(text, lines) for text, lines, _ in heads if len(text) <= 5 and lines > 1]
    assert not broken, f"department names broken over lines: {broken}"
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390  # the table scrolls, not the page
