"""A period reopened and corrected (kaohe reopen): the public pages from before the correction and those
after are both in the reader's hands, and the 更正说明 on the 公示 says whom it is about (复核后更正雷杰平
的工作负荷得分). Where a scheme opts in to counting grades its 公示 does not list (summary_grades), the
figures of those grades were compared: 办公室 2024 Q2 showed 较差 0 before, and after the correction a
较差 cell no longer shown (a reader who knows the rule reads a cell not shown as not 0) and 一般 0 —
雷杰平, un-named, was now 较差. Each build's figures alone pinned no one; their difference did.

A corrected period (and every period of its agency, scheme and year, which its grades reach through the
roll-ups) shows no figure of a grade its 公示 does not list: those grades are one 其他等次 figure, which
the correction leaves as it was unless the 公示's own list changed."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from tests.archive.util import edit_csv_cell, kaohe, make_project

AGENCY = "yunxi-czj"
SHEET = f"content/{AGENCY}/s003-p2/2024/Q2.csv"
OPEN_GRADES = {"较好", "一般", "较差", "称职", "基本称职", "不称职"}  # the grades its 公示 do not list
SECTION = re.compile(r'<h2 id="([^"]+)".*?(?=<h2|\Z)', re.S)
TABLE = re.compile(r"<thead><tr><th>等次</th>(.*?)<th>合计</th></tr></thead>.*?<tr><th>人数</th>(.*?)</tr>", re.S)


def _opted_in(root: Path) -> None:
    scheme = root / "schemes" / "s003-p2.yaml"
    text = scheme.read_text("utf-8")
    quarterly, yearly = "publicity:\n  grades: [好]\n", "    publicity:\n      grades: [优秀]\n      days: 5\n"
    assert quarterly in text and yearly in text
    text = text.replace(quarterly, quarterly + "  summary_grades: [较好, 一般, 较差]\n", 1)
    scheme.write_text(text.replace(yearly, yearly + "      summary_grades: [称职, 基本称职, 不称职]\n", 1), "utf-8")


def _figures(site: Path) -> dict[tuple[str, str], dict[str, int]]:
    """(department page, period anchor) → the figures of grades no 公示 lists, as shown."""
    found = {}
    for page in sorted((site / "departments" / AGENCY).glob("*/2024/index.html")):
        for section in SECTION.finditer(page.read_text("utf-8")):
            table = TABLE.search(section.group(0))
            if table:
                labels = [unescape(x) for x in re.findall(r"<th>(.*?)</th>", table.group(1))]
                counts = [int(x) for x in re.findall(r'<td class="num">(\d+)</td>', table.group(2))]
                found[(page.parent.parent.name, section.group(1))] = {lab: c for lab, c in zip(labels, counts) if lab in OPEN_GRADES}
    return found


def _run(root: Path, *args: str) -> None:
    proc = kaohe(root, *args)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def test_a_correction_compared_with_the_pages_before_it_pins_no_grade(tmp_path):
    root = make_project(tmp_path / "p", [AGENCY])
    _opted_in(root)
    _run(root, "build", "--quiet")
    before = _figures(root / "site")
    assert before[("bangongshi", "s003-p2-Q2")] == {"较差": 0}  # the variant shows figures of un-listed grades
    _run(root, "close", "s003-p2", "2024-Q2", "--agency", AGENCY)
    _run(root, "reopen", "s003-p2", "2024-Q2", "--agency", AGENCY, "--reason", "复核后更正雷杰平的工作负荷得分")
    for column in ("工作负荷", "工作效率", "工作成效"):  # 80.50 (较好) → 51.00 (较差)
        edit_csv_cell(root / SHEET, "0001", column, "0")
    _run(root, "build", "--quiet")
    after = _figures(root / "site")
    assert set(after) == set(before)
    changed = {where: (before[where], after[where]) for where in after if after[where] and after[where] != before[where]}
    assert changed == {}
    notice = (root / "site" / "notices" / AGENCY / "s003-p2" / "2024-Q2" / "index.html").read_text("utf-8")
    assert "复核后更正雷杰平的工作负荷得分" in notice  # whom the correction is about is public
    assert after[("bangongshi", "s003-p2-Q2")] == {}
    assert before[("bangongshi", "s003-p2-Q3")] and after[("bangongshi", "s003-p2-Q3")] == {}  # the same year's periods
