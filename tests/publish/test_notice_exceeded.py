"""A 公示 whose list a committee took beyond the quota says so, with the committee's statement and the
list's own count — not the places the quota gave. Those places are a share of the quota's base, and
the base leaves out the people of no grade (base: graded, the default: 试用期, 立案调查, 病事假超过一半):
set against the headcount the archive and the department pages show, 「名额 N 人」 told how many of
the agency had no grade that period — the figure the department pages already keep back
(summary_privacy.py, rule 4). Found on 青枫乡 2024 Q2 made a 公示 of 优秀 alone: 40% of 29 people,
one of them of no grade, gave 「名额 11 人」; with two of no grade it read 「名额 10 人」 over the same
headcount of 29."""

from __future__ import annotations

import re

import pytest

from generator.engine.compute import load_everything
from tests.archive.util import edit_csv_cell, kaohe, make_project

AGENCY, SCHEME = "qingfeng-xiang", "s003-p1-xiang"


def _top_grade_only(root):
    """The 公示 lists 优秀 alone; the quota's base is the default (参加考核并确定等次); 曹国栋 (QF030,
    称职, on no list) has no grade in 2024 Q2 by a rule of 病事假."""
    path = root / "schemes" / f"{SCHEME}.yaml"
    text = path.read_text("utf-8")
    edits = [("  grades: [优秀, 称职, 基本称职, 不称职]\n  columns: [姓名, 部门, 总分, 等次]\n", "  grades: [优秀]\n  columns: [姓名, 部门, 等次]\n"),
             ("        rounding: floor\n        base: all\n", "        rounding: floor\n"),
             ("    overrides:\n", "    overrides:\n      - kind: no_grade\n        when: 病事假天数 > 40\n        label: 不确定等次\n"
                                 "        reason: 病事假超过 40 天的，不确定等次（测试）\n")]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    edit_csv_cell(root / "content" / AGENCY / SCHEME / "2024" / "Q2.csv", "QF030", "病事假天数", "45")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("exceeded") / "p", [AGENCY])
    _top_grade_only(root)
    proc = kaohe(root, "build", "--quiet")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root


def test_an_exceeded_quota_shows_the_list_not_the_places(built):
    _, periods, _ = load_everything(built)
    period = next(p for p in periods if p.agency == AGENCY and p.year == 2024 and p.label == "Q2")
    use = next(u for u in period.quotas if u.exceeded)
    assert any(p.status != "graded" for p in period.people)  # someone has no grade: the base is not the headcount
    listed = [p for p in period.people if p.status == "graded" and p.grade == "优秀"]
    page = (built / "site" / "notices" / AGENCY / SCHEME / "2024-Q2" / "index.html").read_text("utf-8")
    line = re.search(r'<p class="kaohe-notice-body kaohe-exceeded">(.*?)</p>', page).group(1)
    ours = line.split("：")[0]  # the words the program writes, before the committee's statement
    assert f"名额 {use.allowed} 人" not in line and str(use.allowed) not in ours
    assert "经考核领导小组决定超出名额" in line and f"公示 {len(listed)} 人" in line
    assert "同意优秀超出40%名额1人" in line  # the committee's own statement, as written


def test_a_held_notice_gives_no_figure_of_the_tie(tmp_path):
    """A 公示 held for a tie at the quota line said 「名额线上有 2 人分数并列」: a figure of people no list
    names yet (and of those it will leave out), where the department pages show nothing of a held
    period (summary_privacy.py, rule 1). It says that the list waits for the committee, and why."""
    root = make_project(tmp_path / "p", ["yunxi-czj"])
    (root / "content" / "yunxi-czj" / "s003-p2" / "2024" / "Q2.decisions.csv").unlink()  # the tie of 0005 and 0009 undecided
    proc = kaohe(root, "build", "--quiet")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    page = (root / "site" / "notices" / "yunxi-czj" / "s003-p2" / "2024-Q2" / "index.html").read_text("utf-8")
    held = re.search(r'<div class="kaohe-blocked">(.*?)</div>', page).group(1)
    assert "名额线上有分数并列的人员，须由考核领导小组决定后再行公示" in held
    assert not re.search(r"\d", held)
