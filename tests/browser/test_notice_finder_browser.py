"""Finding one's name on a long 公示, in Debian's chromium: a small s003-p2 project built through the real
CLI, 60 people of whom 24 are on the 公示, its 公示 open on the build's day.

A 公示 of a large agency lists a hundred names or more in 姓氏笔画 order, and on a phone a reader
scrolled the whole list to find one. A list of 20 or more gets a box that shows only the rows holding
what is typed; the list's order stays the notice's own (no sorting), the box never prints, and the
printed notice holds every row whatever the screen shows."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin

import pytest

from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT, _serve
from tests.web.util import EPOCH, build, p2_project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
]

DAY = dt.datetime.fromtimestamp(int(EPOCH), dt.UTC)
SURNAMES = "于马王韦毛邓孔龙石罗叶田"
GIVEN = "英雨杰霞伟然浩芳兰明静强白雪磊"


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    # 60 people, 24 at 好 under the quota of 40 %; the totals a half point apart, so no tie at its line
    names = [s + g for s in SURNAMES for g in GIVEN][:60]
    people = [{"id": f"{i:04d}", "name": name, "dept": ("办公室", "综合股", "预算股")[i % 3], "fraction": 0.99 - i / 400}
              for i, name in enumerate(names, start=1)]
    root = p2_project(tmp_path_factory.mktemp("finder"), people, ["办公室", "综合股", "预算股"])
    assert build(root) == 0
    server, url = _serve(root / "site")
    yield urljoin(url, "notices/testju/s003-p2/2025-Q1/")
    server.shutdown()
    server.server_close()


def test_a_long_notice_finds_a_name_and_prints_whole(notice, browser):
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    ctx.clock.set_fixed_time(DAY.replace(tzinfo=None))
    tab = ctx.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(notice)
    table = tab.locator("table.kaohe-notice-list")
    rows = table.locator("tbody tr")
    total = rows.count()
    assert total >= 20, f"only {total} on the 公示: the fixture no longer makes a long one"
    names = table.locator("tbody td:nth-child(2)").all_inner_texts()
    box = tab.locator(".kaohe-table-tools input")
    assert box.get_attribute("placeholder") == "查找姓名…"  # a 公示 lists no IDs
    assert table.locator("thead button, thead .kaohe-sort").count() == 0  # the notice's order is its own
    target = names[total // 2]
    box.fill(target)
    assert table.locator("tbody tr:visible").count() == 1
    assert table.locator("tbody tr:visible td:nth-child(2)").inner_text().strip() == target
    assert tab.locator(".kaohe-count").inner_text() == f"显示 1 人，共 {total} 人"
    tab.emulate_media(media="print")  # HR prints from the page it has open
    assert table.locator("tbody tr:visible").count() == total
    assert not tab.locator(".kaohe-table-tools").is_visible()
    assert not errors, errors
    ctx.close()
