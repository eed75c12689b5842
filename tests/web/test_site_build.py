"""Facts from the built site: pages, people on the right 公示, escaping, no external URL, reproducibility."""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from generator.site.scan import scan_site
from tests.web.util import build, copy_demo, p2_project


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("site"))
    assert build(root) == 0
    return root


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_kind_exists(demo):
    site = demo / "site"
    assert (site / "index.html").exists()
    schemes = [p.stem for p in (demo / "schemes").glob("*.yaml")]
    for code in schemes:
        assert (site / "handbooks" / code / "index.html").exists(), code
    assert list((site / "notices").rglob("index.html"))
    assert list((site / "departments").rglob("index.html"))
    assert (site / "archive" / "2025" / "index.html").exists()
    # the reader's guide; the operator's manual (commands, files, keys) is in the internal edition only
    assert (site / "guide" / "reading" / "index.html").exists()
    assert not (site / "guide" / "index.html").exists() and not (site / "guide" / "scheme").exists()
    # public edition: no internal pages
    assert not (site / "results").exists()
    assert not (site / "people").exists()


def test_public_site_makes_no_external_request(demo):
    assert scan_site(demo / "site") == []
    for page in html_files(demo / "site"):
        text = page.read_text("utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
        for url in re.findall(r'(?:src|href)="((?:https?:)?//[^"]+)"', text):
            pytest.fail(f"{page}: external {url}")


def test_search_is_chinese_segmented(demo):
    index = json.loads((demo / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["zh"]
    # jieba is on: Chinese text is cut into words with zero-width spaces
    assert any("\u200b" in doc["text"] for doc in index["docs"])


def test_footer_shows_data_version(demo):
    manifest = json.loads((demo / "site" / "manifest.json").read_text("utf-8"))
    version = manifest["data_version"]
    for page in html_files(demo / "site")[:20]:
        assert version in page.read_text("utf-8")


def test_notice_lists_exactly_the_graded_people(tmp_path):
    # 10 people, fractions give totals 95, 94, … 86; 好 ≥ 90 → 6 candidates; quota 40% of 10 = 4.
    people = [{"id": f"T{i:02d}", "name": f"测试{'甲乙丙丁戊己庚辛壬癸'[i]}", "dept": "办公室", "fraction": Decimal(95 - i) / 100} for i in range(10)]
    root = p2_project(tmp_path, people, ["办公室"])
    assert build(root) == 0
    page = (root / "site" / "notices" / "testju" / "s003-p2" / "2025-Q1" / "index.html").read_text("utf-8")
    listed = re.findall(r"<td>(测试.)</td>", page)
    assert sorted(listed) == sorted(["测试甲", "测试乙", "测试丙", "测试丁"])
    assert "T00" not in page  # never an ID on a 公示
    assert "95.00" not in page  # scores are not published by this scheme


def test_data_is_escaped_everywhere(tmp_path):
    evil = "<script>alert(1)</script>"
    people = [
        {"id": "E01", "name": evil, "dept": "A|B", "fraction": Decimal("0.97")},
        {"id": "E02", "name": "欧阳明辉", "dept": "A|B", "fraction": Decimal("0.96")},
        {"id": "E03", "name": "普通人", "dept": "A|B", "fraction": Decimal("0.5")},
    ]
    root = p2_project(tmp_path, people, ["A|B"])
    for audience in ("public", "internal"):
        assert build(root, "--audience", audience) == 0
    for site in (root / "site", root / "site-internal"):
        for path in site.rglob("*"):
            if path.suffix in (".html", ".json", ".svg", ".xml"):  # CSV downloads hold the data as data
                text = path.read_text("utf-8", errors="replace")
                assert "<script>alert(1)</script>" not in text, path
                assert "<script>alert(1)<\\/script>" not in text, path
    notice = (root / "site" / "notices" / "testju" / "s003-p2" / "2025-Q1" / "index.html").read_text("utf-8")
    # 3 people × 40% = 1 place: the evil name (97) is the one 好 on the 公示
    shown = html.unescape(re.sub(r"<[^>]+>", " ", notice))  # what the reader sees
    assert "<script>alert(1)</script>" in shown and "<script>" not in re.sub(r"<script[^>]*src=[^>]*></script>", "", notice)
    assert "A|B" in shown
    # jieba got the names from the data: 欧阳明辉 is one word (not 欧阳明/辉) in the search index
    docs = json.loads((root / "site-internal" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    words = {w for doc in docs for w in re.split(r"[\u200b\s]+", doc["title"] + "\u200b" + doc["text"])}
    assert "欧阳明辉" in words
    assert "欧阳明" not in words


def test_unresolved_tie_blocks_the_notice(tmp_path):
    # 10 people; 5 at 95 → 好 candidates tie across the line (quota 4)
    people = [{"id": f"T{i:02d}", "name": f"并列{i}", "dept": "办公室", "fraction": Decimal("0.95") if i < 5 else Decimal("0.7")} for i in range(10)]
    root = p2_project(tmp_path, people, ["办公室"])
    assert build(root, "--strict") == 1
    assert not (root / "site").exists()  # nothing published by the failed strict build
    assert build(root) == 0
    page = (root / "site" / "notices" / "testju" / "s003-p2" / "2025-Q1" / "index.html").read_text("utf-8")
    assert "暂不公示" in page
    assert "并列0" not in page


def test_date_the_calendar_cannot_decide_is_an_error(tmp_path, capsys):
    people = [{"id": "T01", "name": "某人", "dept": "办公室", "fraction": Decimal("0.95")}]
    root = p2_project(tmp_path, people, ["办公室"], notice="2031-01-05")
    assert build(root) == 1
    out = capsys.readouterr().out
    assert "calendar-unknown-date" in out
    assert "content/holidays.yaml 没有写明任何日期" in out and "从 2031-01-05 起的日期都不在日历中" in out, out
    # the known part of 2031 written as a range (a whole year needs all of its 13 days off: calendar-year-incomplete)
    # a holidays.yaml written wrong (from after to) is the cause: not also 「没有写明任何日期」
    (root / "content" / "holidays.yaml").write_text("covers:\n  - {from: 2031-01-31, to: 2031-01-01}\nholidays: [2031-01-01]\n", encoding="utf-8")
    assert build(root) == 1
    out = capsys.readouterr().out
    assert "bad-value" in out and "calendar-unknown-date" not in out and "个问题由此引起" in out, out
    # January 2031 holds 春节 (除夕 Jan 22 to 初三 Jan 25): a range over it lists them (calendar-holiday-missing otherwise)
    (root / "content" / "holidays.yaml").write_text("covers:\n  - {from: 2031-01-01, to: 2031-01-31}\nholidays: [2031-01-01]\n", encoding="utf-8")
    assert build(root) == 1
    assert "2031-01-22（春节）" in capsys.readouterr().out
    (root / "content" / "holidays.yaml").write_text("covers:\n  - {from: 2031-01-01, to: 2031-01-31}\n"
                                                    "holidays: [2031-01-01, 2031-01-22, 2031-01-23, 2031-01-24, 2031-01-25]\n", encoding="utf-8")
    assert build(root) == 0


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    people = [{"id": "T01", "name": "某人", "dept": "办公室", "fraction": Decimal("0.95")}]
    root = p2_project(tmp_path, people, ["办公室"])
    assert build(root) == 0
    before = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    sheet = root / "content" / "testju" / "s003-p2" / "2025" / "Q1.csv"
    sheet.write_text(sheet.read_text("utf-8-sig").replace("某人,办公室,", "某人,办公室,优,", 1), encoding="utf-8-sig")
    assert build(root) == 1
    after = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert before == after


def test_two_builds_are_byte_identical(tmp_path):
    root = copy_demo(tmp_path)
    assert build(root, "--out", str(tmp_path / "one")) == 0
    assert build(root, "--out", str(tmp_path / "two")) == 0
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(tmp_path / "two"): p.read_bytes() for p in (tmp_path / "two").rglob("*") if p.is_file()}
    assert one.keys() == two.keys()
    different = [str(k) for k in one if one[k] != two[k]]
    assert different == []


def test_small_departments_show_no_distribution_in_public(tmp_path):
    people = [
        {"id": "S01", "name": "甲", "dept": "大科", "fraction": Decimal("0.95")},
        {"id": "S02", "name": "乙", "dept": "大科", "fraction": Decimal("0.8")},
        {"id": "S03", "name": "丙", "dept": "大科", "fraction": Decimal("0.7")},
        {"id": "S04", "name": "丁", "dept": "小科", "fraction": Decimal("0.5")},
        {"id": "S05", "name": "戊", "dept": "小科", "fraction": Decimal("0.9")},
    ]
    root = p2_project(tmp_path, people, ["大科", "小科"])
    assert build(root) == 0 and build(root, "--audience", "internal") == 0
    from generator.project.slugs import derive_slug as department_code  # listed departments: their derived slug

    small = f"departments/testju/{department_code('小科')}/2025/index.html"
    big = f"departments/testju/{department_code('大科')}/2025/index.html"
    assert "kaohe-dist" not in (root / "site" / small).read_text("utf-8")  # 2 people: "较差 1 人" would name someone
    assert "人数较少" in (root / "site" / small).read_text("utf-8")
    assert "kaohe-dist" in (root / "site" / big).read_text("utf-8")
    assert "kaohe-dist" in (root / "site-internal" / small).read_text("utf-8")


def test_readers_see_every_date_one_way(demo):
    """A reader's page writes a date as the 公示 itself does (2025年4月9日), never 2025-04-09: the home
    page's cards and the list of 公示 gave 2025-04-09 至 2025-04-15 beside 公示时间：2025年4月9日至…
    The guide (it teaches the YAML, where dates are 2025-04-08) and the handbooks (the scheme's own
    words) are not the site's own dates."""
    iso = re.compile(r"(?<!\d)20\d\d-\d\d-\d\d(?!\d)")
    found = {}
    for page in html_files(demo / "site"):
        rel = page.relative_to(demo / "site").as_posix()
        if rel.startswith(("guide/", "handbooks/", "assets/")):
            continue
        text = re.sub(r"<(pre|code|script|style)\b.*?</\1>", " ", page.read_text("utf-8"), flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)  # attributes (data-kaohe-start="2025-04-09") are for the script
        if hits := iso.findall(text):
            found[rel] = hits[:3]
    assert found == {}
    home = re.sub(r"<[^>]+>", " ", (demo / "site" / "index.html").read_text("utf-8"))
    assert re.search(r"20\d\d年\d{1,2}月\d{1,2}日至", home)
