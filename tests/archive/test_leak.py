"""Private by default: the public edition of the whole demo contains no person's ID, no total score
(as the site shows it, and no 总分 column at all) and no committee decision's reason — in any page,
the search index, the downloads (every XLSX cell and XML part, every CSV), the sitemap, the manifest
or a file name. The one exception is the scheme's own: a 公示 whose publicity.columns include 总分
shows the totals of the people it lists.

The scanner is checked too: on the internal edition it finds every ID, and it finds secrets planted
in a page."""

from __future__ import annotations

import pytest

from tests.archive.leak import find_leaks, secrets, seen_anywhere, tokens


@pytest.fixture(scope="module")
def demo(demo_build):
    root, results = demo_build
    for audience, (code, output) in results.items():
        assert code == 0, f"{audience}: {output[-3000:]}"
        assert "Traceback" not in output
    return root, secrets(root)


def test_public_edition_has_no_id_total_or_reason(demo):
    root, found = demo
    assert len(found.ids) > 100 and len(found.totals) > 100 and len(found.reasons) > 5
    leaks = find_leaks(root / "site", found, root)
    assert leaks == {"id": [], "total": [], "reason": []}


def test_totals_a_scheme_publishes_do_show_on_its_notices(demo):
    """The allowance is not vacuous: such notices exist and show their people's totals."""
    root, found = demo
    assert found.allowed_totals
    shown = set()
    for prefix, totals in found.allowed_totals.items():
        page = root / "site" / prefix / "index.html"
        if page.is_file():
            shown |= tokens(page.read_text("utf-8"), found)[1] & totals
    assert len(shown) > 10


def test_the_internal_edition_does_show_them(demo):
    root, found = demo
    assert seen_anywhere(root / "site-internal", found.ids) == found.ids
    leaks = find_leaks(root / "site-internal", found, root)
    assert leaks["total"] and leaks["reason"] and leaks["id"]


def test_the_scanner_finds_planted_secrets(demo, tmp_path):
    root, found = demo
    site = tmp_path / "site"
    (site / "departments").mkdir(parents=True)
    person = sorted(found.ids)[0]
    total = sorted(found.totals)[0]
    reason = sorted(found.reasons)[0]
    (site / "departments" / "index.html").write_text(
        f"<table><tr><td>编号</td><td>{person}</td></tr><tr><td>合计</td><td>{total}</td></tr></table><p>{reason}</p>", encoding="utf-8")
    (site / "downloads").mkdir()
    (site / "downloads" / "名单.csv").write_text("姓名,部门,总分\n张三,办公室,85\n", encoding="utf-8")  # a whole-number total
    leaks = find_leaks(site, found, root)
    assert person in [w for _, w in leaks["id"]]  # (a reason may name people by ID too)
    assert total in [w for _, w in leaks["total"]]
    assert ("downloads/名单.csv", "表头「总分」") in leaks["total"]
    assert len(leaks["reason"]) == 1


def test_no_public_figure_pins_a_grade_on_a_person(demo):
    """Issue 12: before the fix, 195 of 430 public distributions let a colleague read off an un-named
    person's grade, and periods whose 公示 had not started were shown."""
    from tests.archive.leak import summary_inferences

    root, _ = demo
    violations, checked = summary_inferences(root, root / "site")
    assert checked > 50
    assert violations == []


def test_notice_places_count_only_the_listed(demo):
    """名次 on a 公示 is the place among the people it lists (tests/archive/test_leak_publicity.py)."""
    from tests.archive.leak import notice_place_gaps

    root, _ = demo
    violations, checked = notice_place_gaps(root, root / "site")
    assert checked >= 1
    assert violations == []


def test_notices_not_yet_out_show_no_count(demo):
    """The list of 公示 gave the number a 公示 would name before it began (示例市体育局 2025 Q2: 8)."""
    from tests.archive.leak import notice_index_counts

    root, _ = demo
    violations, checked = notice_index_counts(root, root / "site")
    assert checked > 50
    assert violations == []


def test_archive_counts_no_one_a_list_of_every_grade_leaves_out(demo):
    from tests.archive.leak import archive_headcounts

    root, _ = demo
    violations, checked = archive_headcounts(root, root / "site")
    assert checked >= 5  # s003-p1-xiang and s004-lvzhi publish every grade
    assert violations == []
