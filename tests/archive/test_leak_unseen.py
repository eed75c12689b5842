"""The public edition is made of what it shows and nothing else: what no public page may tell of a
person — their name where no 公示 names them, their scores, a grade the 公示 does not publish, a
status such as 试用期 (不确定等次) — can change, and every public file stays byte for byte the same.

Found so:
- the search index changed with a name on no 公示 out: the public build gave jieba every person's name
  (later: every name on a 公示, begun or not) as a word, and a name whose characters stand side by side
  in a handbook's text (最高均不超过 → 最|高均) cut that text otherwise;
- the department pages changed with a status of no grade: their quota line gave the quota's base
  (参加考核 27 人 beside a headcount of 28).
"""

from __future__ import annotations

import json
import re

import pytest

from generator.engine.compute import load_everything
from tests.archive.leak import never_public, notice_people, side_by_side
from tests.archive.util import edit_csv_cell, kaohe, make_project, rename_by_id, results_files, tree_hashes

AGENCY = "yunxi-czj"
SHEET = f"content/{AGENCY}/s003-p2/2024/Q2.csv"
# (column, value) in SHEET for the first person no 公示 names: 较好 80.50 → 79.00 (the same grade), → 一般 67.50, → 试用期
EDITS = {"score": ("工作成效", "7"), "unpublished-grade": ("工作负荷", "0"), "no-grade": ("试用期", "是")}


def _build(root):
    proc = kaohe(root, "build", "--quiet")
    assert proc.returncode == 0, proc.stderr[-2000:]


def _results(root) -> dict:
    _, periods, _ = load_everything(root)
    return {(period.key, p.id): (p.grade, p.status, p.total) for period in periods for p in period.people}


def _notices(root) -> dict:
    _, periods, _ = load_everything(root)
    return {period.key: [(p.id, p.grade) for p in notice_people(period)] for period in periods}


@pytest.fixture(scope="module")
def before(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("unseen") / "before", [AGENCY])
    _build(root)
    return root, sorted(never_public(root))


def _differing(a, b) -> list[str]:
    old, new = tree_hashes(a / "site"), tree_hashes(b / "site")
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def _on_a_notice(root) -> set[str]:
    """IDs on some 公示, begun or not."""
    _, periods, _ = load_everything(root)
    return {p.id for period in periods if period.notice and period.notice.start for p in notice_people(period)}


@pytest.mark.parametrize("who", ["on-no-notice", "on-a-notice-not-yet-out"])
def test_a_name_no_public_page_shows_changes_no_public_file(before, tmp_path, who):
    root, hidden = before
    pending = sorted(set(hidden) & _on_a_notice(root))  # named by a 公示 that has not begun, by none that has
    person = pending[0] if who == "on-a-notice-not-yet-out" else sorted(set(hidden) - set(pending))[0]
    name = side_by_side(root / "site")
    after = make_project(tmp_path / "after", [AGENCY])
    for sheet in results_files(after):
        rename_by_id(sheet, {person: name})
    _build(after)
    assert _differing(root, after) == []
    # the internal edition does show the new name
    proc = kaohe(after, "build", "--quiet", "--audience", "internal")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert name in (after / "site-internal" / "search" / "search_index.json").read_text("utf-8")


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_what_no_public_page_shows_changes_no_public_file(before, tmp_path, edit):
    root, hidden = before
    after = make_project(tmp_path / "after", [AGENCY])
    column, value = EDITS[edit]
    edit_csv_cell(after / SHEET, hidden[0], column, value)
    _build(after)
    changed = {k for k, v in _results(after).items() if _results(root).get(k) != v}
    assert changed and {pid for _, pid in changed} == {hidden[0]}  # the edit took, on that person alone
    assert _notices(after) == _notices(root)
    assert _differing(root, after) == []


def test_names_a_public_page_shows_stay_one_word(before):
    """The public dictionary keeps the names its 公示 lists: each is one word of its search index."""
    root, hidden = before
    _, periods, _ = load_everything(root)
    shown = {p.person.name for period in periods for p in notice_people(period) if p.id not in hidden}
    docs = json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    words = {w for doc in docs if doc["location"].startswith("notices/") for w in re.split(r"[\u200b\s]+", doc["text"])}
    on_pages = {name for name in shown if any(name in doc["text"].replace("\u200b", "") for doc in docs)}
    assert len(on_pages) > 5
    assert on_pages <= words
