"""A long 公示 printed for the notice board, in Debian's chromium: the demo's 青枫乡 list grown to 130
people (s003-p1-xiang lists everyone with a score), then printed at every length from 130 rows down
by one page's worth, so that the list ends at every height of its last page.

A list that filled its page left the issuer and the date alone on the next sheet — a signature under
no text, apart from the 公示时间 and the objection it closes. The closing now moves whole."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from urllib.parse import urljoin

import pytest

from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT, _serve
from tests.web.util import build, copy_demo_part

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="reading the printed pages needs poppler's pdftotext"),
]

DAY = dt.datetime(2025, 7, 10, 12, tzinfo=dt.UTC)  # the 2025 第二季度 公示 (from 7月9日) is open
PEOPLE = 130
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = copy_demo_part(tmp_path_factory.mktemp("print"), ("qingfeng-xiang",))
    site_yaml = root / "content" / "site.yaml"  # the demo's build_date is in April, before this 公示
    site_yaml.write_text("".join(line for line in site_yaml.read_text("utf-8").splitlines(True) if "build_date" not in line), "utf-8")
    sheet = root / "content" / "qingfeng-xiang" / "s003-p1-xiang" / "2025" / "Q2.csv"
    header, *rows = list(csv.reader(sheet.open(encoding="utf-8-sig")))
    grown = list(rows)  # the quarter's own people keep their IDs and names (the year's other periods know them)
    for i in range(PEOPLE - len(rows)):
        row = list(rows[i % len(rows)])
        row[:3] = [str(len(grown) + 1), f"QF{i + 201:03d}", SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + GIVEN[(i // len(GIVEN)) % len(GIVEN)]]
        grown.append(row)
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *grown])
    assert build(root, epoch=str(int(DAY.timestamp()))) == 0
    server, url = _serve(root / "site")
    yield urljoin(url, "notices/qingfeng-xiang/s003-p1-xiang/2025-Q2/")
    server.shutdown()
    server.server_close()


def _pages(pdf) -> list[str]:
    count = int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0])
    return [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True).stdout
            for n in range(1, count + 1)]


def test_the_closing_of_a_long_notice_prints_whole_whatever_the_lists_length(served, browser, tmp_path):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    ctx.clock.set_fixed_time(DAY.replace(tzinfo=None))
    tab = ctx.new_page()
    tab.goto(served)
    issuer = tab.locator(".kaohe-signature p").first.inner_text().strip()
    assert tab.locator("table.kaohe-notice-list tbody tr").count() == PEOPLE
    heights = set()
    for length in range(PEOPLE, PEOPLE - 30, -1):
        tab.evaluate("n => document.querySelectorAll('table.kaohe-notice-list tbody tr').forEach((r, i) => { if (i >= n) r.remove() })", length)
        pdf = tmp_path / f"notice-{length}.pdf"
        tab.pdf(path=str(pdf), prefer_css_page_size=True)
        pages = _pages(pdf)
        heights.add(len(pages))
        last = pages[-1]
        assert issuer in last.replace(" ", ""), f"{length} rows: the issuer is not on the last page"
        assert "公示时间" in last and "联系方式" in last, f"{length} rows: the issuer and date printed apart from the 公示时间 and objection:\n{last}"
        assert all("序号" in page for page in pages[:-1]), f"{length} rows: a page of the list without its header"
    assert len(heights) > 1  # the lengths tried ended the list at different heights (and pages)
    ctx.close()
