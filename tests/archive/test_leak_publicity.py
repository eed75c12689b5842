"""The public edition reveals no more than the 公示, also where a scheme's publicity settings show less
than the demo's: the leak scanner and the inference rule (tests/archive/leak.py) on small projects
built through the real CLI, one a setting.

- A quota line showed the quota's base (「参加考核 28 人」) beside a headcount of 29 (the department
  pages and the archive): one person of the agency had no grade that quarter (不进行考核, 试用期…), the
  figure no 公示 gives; the places and any excess are made from the same base.
- A 公示 of several grades without its 等次 column names people but not their grades; the department
  pages still counted each grade from its list (办公室: 优秀 3, 称职 3 …).
- A 公示 of every grade names everyone who has one; the department page and the archive still counted
  the person it left out (综合行政执法队 5 people, 4 on the list): a colleague knows who has no grade.
- A 公示's 名次 was the place among everyone: the A list of 2024 Q4 read 2, 3, 4, 5, 6, 6, 8 — the
  best total of the quarter was kept from A (a 警告处分), and someone else too.
"""

from __future__ import annotations

import re

import pytest

from tests.archive.leak import archive_headcounts, find_leaks, notice_index_counts, notice_place_gaps, secrets, summary_inferences
from tests.archive.util import edit_csv_cell, kaohe, make_project


def _columns_without_grade(root):
    """Every 公示 of several grades lists names and departments only (总分 and 名次 gone too)."""
    for path in (root / "schemes").glob("*.yaml"):
        text = path.read_text("utf-8")
        edited = re.sub(r"(?m)^(\s*)columns: \[[^\]]*\]", r"\1columns: [姓名, 部门]", text)
        path.write_text(edited, encoding="utf-8")


def _places_shown(root):
    """Every 公示 of s003-p3 (one grade: A, 优秀) shows each person's 名次."""
    path = root / "schemes" / "s003-p3.yaml"
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"(?m)^(\s*)columns: \[姓名, 部门, 等次\]", r"\1columns: [姓名, 部门, 名次, 等次]", text), encoding="utf-8")


def _one_without_grade(root):
    """s003-p1-xiang (a 公示 of every grade) gets a rule of no grade, and 曹国栋 (QF030, 称职) of 2024 Q2 meets it."""
    path = root / "schemes" / "s003-p1-xiang.yaml"
    text = path.read_text("utf-8")
    rule = ("    overrides:\n      - kind: no_grade\n        when: 病事假天数 > 40\n        label: 不确定等次\n"
            "        reason: 病事假超过 40 天的，不确定等次（测试）\n")
    assert text.count("    overrides:\n") == 1
    path.write_text(text.replace("    overrides:\n", rule, 1), encoding="utf-8")
    edit_csv_cell(root / "content" / "qingfeng-xiang" / "s003-p1-xiang" / "2024" / "Q2.csv", "QF030", "病事假天数", "45")


def _all_but_one(root):
    """s003-p1-xiang's 公示 lists every grade but 不称职: whoever it leaves out is 不称职 (or has no grade),
    as 综合行政执法队's 唐振宇 (QF028) of 2025 Q1 — its 公示 has begun on the build day."""
    path = root / "schemes" / "s003-p1-xiang.yaml"
    text = path.read_text("utf-8")
    assert text.count("  grades: [优秀, 称职, 基本称职, 不称职]\n") == 1
    path.write_text(text.replace("  grades: [优秀, 称职, 基本称职, 不称职]\n", "  grades: [优秀, 称职, 基本称职]\n"), encoding="utf-8")


VARIANTS = {
    # as the demo has it: 2024 Q3 and 2025 Q2 have people of no 档次, the annual 2024 a 试用期 one
    "no-grade-people": (["shilishi-tiyuju", "yunxi-czj"], None),
    # s003-p1-xiang and s004-lvzhi publish every grade
    "grades-not-shown": (["qingfeng-xiang", "qingya-jggw"], _columns_without_grade),
    # people kept from A by a rule though their totals were among the best
    "places-shown": (["shilishi-tiyuju"], _places_shown),
    "every-grade-one-without": (["qingfeng-xiang"], _one_without_grade),
    "all-grades-but-one": (["qingfeng-xiang"], _all_but_one),
}


@pytest.fixture(scope="module", params=sorted(VARIANTS))
def built(request, tmp_path_factory):
    agencies, edit = VARIANTS[request.param]
    root = make_project(tmp_path_factory.mktemp(request.param) / "p", agencies)
    if edit:
        edit(root)
    proc = kaohe(root, "build", "--quiet")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return request.param, root


def test_public_figures_pin_no_grade(built):
    name, root = built
    violations, checked = summary_inferences(root, root / "site")
    assert checked > 10
    assert violations == []


def test_notice_places_count_only_the_listed(built):
    name, root = built
    violations, checked = notice_place_gaps(root, root / "site")
    assert checked >= (5 if name == "places-shown" else 0)
    assert violations == []


def test_archive_counts_no_one_a_list_of_every_grade_leaves_out(built):
    name, root = built
    violations, checked = archive_headcounts(root, root / "site")
    assert checked >= (4 if name in ("every-grade-one-without", "grades-not-shown", "all-grades-but-one") else 0)
    assert violations == []


def test_notices_not_yet_out_show_no_count(built):
    name, root = built
    violations, checked = notice_index_counts(root, root / "site")
    assert checked > 5
    assert violations == []


def test_public_edition_has_no_id_total_or_reason(built):
    name, root = built
    leaks = find_leaks(root / "site", secrets(root), root)
    assert leaks == {"id": [], "total": [], "reason": []}


def test_the_variant_is_what_it_says(built):
    """The settings took: the 公示 of several grades lists no grade (and no total); the other project
    has periods whose quota base is smaller than their headcount."""
    from generator.engine.compute import load_everything
    from generator.site.pages_notice import published_grades

    name, root = built
    _, periods, _ = load_everything(root)
    if name == "grades-not-shown":
        several = [p for p in periods if len(published_grades(p)) > 1]
        assert several and all(p.scheme.publicity_for(p.assessment).columns == ["姓名", "部门"] for p in several)
        page = (root / "site" / "notices" / "qingfeng-xiang" / "s003-p1-xiang" / "2024-Q2" / "index.html").read_text("utf-8")
        assert re.search(r"<th>姓名</th>\s*<th>部门</th>\s*</tr>", page)  # cells apart, as the search reads them
    elif name == "every-grade-one-without":
        q2 = next(p for p in periods if p.key == "qingfeng-xiang/s003-p1-xiang/2024/Q2")
        assert [p.status for p in q2.people if p.id == "QF030"] == ["no_grade"]
    elif name == "all-grades-but-one":
        q1 = next(p for p in periods if p.key == "qingfeng-xiang/s003-p1-xiang/2025/Q1")
        assert published_grades(q1) == ["优秀", "称职", "基本称职"]
        assert [(p.person.department, p.grade) for p in q1.people if p.id == "QF028"] == [("综合行政执法队", "不称职")]
    elif name == "places-shown":
        page = (root / "site" / "notices" / "shilishi-tiyuju" / "s003-p3" / "2024-Q4" / "index.html").read_text("utf-8")
        assert "<th>名次</th>" in page
    else:
        assert any(use.base < len(p.people) for p in periods for use in p.quotas if use.scope == "全单位")
