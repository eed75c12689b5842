"""What a reader finds on the pages of a small project built through the real CLI, where the demo has
no such case: a 公示 of nobody, the archive's dashes, long names and rare characters."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.web.util import build, p2_project


def _page(site: Path, path: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / path / "index.html").read_text("utf-8"))


@pytest.fixture(scope="module")
def nobody_good(tmp_path_factory) -> Path:
    """s003-p2, 2025 Q1, its 公示 open on the build's day, and nobody at 90 or more: no 好 at all."""
    people = [{"id": f"{i:04d}", "name": name, "dept": dept, "fraction": fraction}
              for i, (name, dept, fraction) in enumerate([("张三", "办公室", 0.85), ("李四", "办公室", 0.8), ("王五", "综合股", 0.7)], start=1)]
    root = p2_project(tmp_path_factory.mktemp("nobody"), people, ["办公室", "综合股"])
    assert build(root) == 0
    return root


def test_a_notice_of_nobody_says_so_in_its_words_without_an_empty_list(nobody_good):
    """A period with no 好 at all published "名单予以公示（共 0 人，按姓氏笔画排序）：", an empty table's
    header, then "本期没有拟定该等次的人员" — on the notice board, a list announced and not there."""
    notice = _page(nobody_good / "site", "notices/testju/s003-p2/2025-Q1").css_first("div.kaohe-notice")
    text = notice.text()
    assert notice.css("table") == []
    assert "共 0 人" not in text and "名单予以公示" not in text
    body = notice.css_first("p.kaohe-notice-none").text()
    assert body == "根据《公务员平时考核实施方案》，经考核领导小组审定，2025年第一季度平时考核没有拟定为“好”等次的人员。"
    assert "公示时间" in text and "测试局考核领导小组" in text  # the rest of the notice as ever
    assert "{" not in text and "nobody" not in text, text  # no template text on the notice


@pytest.mark.parametrize(("notice", "note", "title"), [
    (None, "公示为「—」的，本期不在网上公示，公开版也不显示其人数。", "本期不在网上公示，公开版不显示人数"),
    ("2025-05-20", "人数为「—」的，公示开始后才显示。", "公示开始后才显示"),
])
def test_the_archives_dashes_say_what_they_mean_on_the_page(tmp_path, notice, note, title):
    """The year's archive showed 人数 「—」 with only a hover title (no phone shows it) that said 公示开始后显示
    also for a period with no 公示 at all, whose number never shows; its 公示 「—」 said nothing."""
    people = [{"id": "0001", "name": "张三", "dept": "办公室", "fraction": 0.95}, {"id": "0002", "name": "李四", "dept": "办公室", "fraction": 0.8}]
    root = p2_project(tmp_path, people, ["办公室"], notice=notice)
    assert build(root) == 0 and build(root, "--audience", "internal") == 0
    page = _page(root / "site", "archive/2025")
    cells = page.css("table.kaohe-list")[0].css("tbody td")
    assert cells[3].text() == "—" and cells[3].css_first("span").attributes["title"] == title
    assert page.css_first("p.kaohe-table-note").text() == note
    internal = _page(root / "site-internal", "archive/2025")
    assert internal.css("table.kaohe-list")[0].css("tbody td")[3].text() == "2"  # the internal edition counts
    if notice:  # the list of 公示 says it too
        notices = _page(root / "site", "notices")
        assert notices.css("table.kaohe-list tbody td")[5].text() == "—"
        assert notices.css_first("p.kaohe-table-note").text() == "人数为「—」的，名单公布后才显示。"
    expected = "公示为「—」的，本期不在网上公示。" if notice is None else None
    assert (internal.css_first("p.kaohe-table-note").text() if internal.css_first("p.kaohe-table-note") else None) == expected


def test_the_guide_states_every_step_from_init_to_reopen_in_order(tmp_path):
    """The overview's step 公示 said: put a notice.yaml, run kaohe build. An HR office did not learn to check
    the 公示 before it is out, that the site must then be copied to the intranet server, or to print it."""
    from generator.core.problems import Problems
    from generator.site.generate import generate
    from tests.web.util import copy_demo_part

    files = generate(copy_demo_part(tmp_path, ("yunxi-czj",)), "internal", Problems()).files
    page = files["guide/index.md"]
    flow = (page.decode() if isinstance(page, bytes) else page).split("{#flow}", 1)[1].split("\n## ", 1)[0]
    # from the very start (the flow began at 写方案: where the folder it runs in comes from was nowhere)
    steps = ["kaohe init", "cd 新站点", "kaohe check", "notice.yaml", "kaohe build --strict", "kaohe serve", "复制到内网服务器", "打印",
             "有异议", "kaohe close", "kaohe reopen"]
    places = [flow.find(step) for step in steps]
    assert -1 not in places and places == sorted(places), dict(zip(steps, places, strict=True))
    editions = (page.decode() if isinstance(page, bytes) else page).split("{#editions}", 1)[1].split("\n## ", 1)[0]
    assert "双击" in editions and "不允许从文件夹运行搜索" in editions  # a site opened from a shared folder


def test_a_departments_score_statistics_say_over_how_many_people(tmp_path):
    """The internal department page gave 平均分, 中位数, 最高分, 最低分 without the number of people they are
    over: only those with a total count, and a leader could not tell whether that was the 合计 above."""
    people = [{"id": "0001", "name": "张三", "dept": "办公室", "fraction": 0.95}, {"id": "0002", "name": "李四", "dept": "办公室", "fraction": 0.8},
              {"id": "0003", "name": "王五", "dept": "综合股", "fraction": 0.7}]
    root = p2_project(tmp_path, people, ["办公室", "综合股"])
    assert build(root, "--audience", "internal") == 0
    counted = {}
    for page in sorted((root / "site-internal" / "departments" / "testju").glob("*/2025/index.html")):
        tree = LexborHTMLParser(page.read_text("utf-8"))
        table = tree.css_first("table.kaohe-stats")
        assert [th.text() for th in table.css("thead th")] == ["计入人数", "平均分", "中位数", "最高分", "最低分"]
        counted[tree.css_first("h1").text().split(" · ")[0]] = table.css("tbody td")[0].text()
    assert counted == {"办公室": "2", "综合股": "1"}  # everyone here has a total


def test_a_found_notice_shows_its_list_with_the_cells_apart(tmp_path):
    """Search shows a found page's text: a 公示's list read 序号姓名科室拟定等次 1龙超刚综合股好 2张勇…,
    the cells run together (the search reads a table without its tags)."""
    import json

    people = [{"id": "0001", "name": "龙超刚", "dept": "综合股", "fraction": 0.95}, {"id": "0002", "name": "张勇", "dept": "预算股", "fraction": 0.8},
              {"id": "0003", "name": "王五", "dept": "预算股", "fraction": 0.7}]  # a quota of one 好
    root = p2_project(tmp_path, people, ["综合股", "预算股"])
    assert build(root) == 0
    docs = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    text = next(d["text"] for d in docs if d["location"].startswith("notices/testju/s003-p2/2025-Q1/")).replace("\u200b", "")
    assert "1 龙超刚 综合股 好" in text and "序号 姓名 科室 拟定等次" in text, text

    # every other table too (a handbook's items, bands, the archive's lists): found 病事假 showed its
    # scheme's items as 项目分值评分标准计分办法 德20各子项得分之和, and jieba cut words across the cells
    found = {d["location"]: " ".join(d["text"].replace("\u200b", "").split()) for d in docs}
    assert "项目 分值 评分标准 计分办法 德 20 各子项得分之和 思想政治素质 6" in found["handbooks/s003-p2/#pingshi-items"]
    assert "等次 总分 好 90 分（含）以上 较好 75 分（含）" in found["handbooks/s003-p2/#pingshi-grades"]
    assert "编号 涉及 处理 A1 等次分数段 原文" in found["handbooks/s003-p2/#assumptions"]
