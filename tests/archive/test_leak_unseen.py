"""The public edition is made of what it shows and nothing else: a person no public page names can be
renamed and every public file stays byte for byte the same.

The search index did change: the public build gave jieba every person's name as a word, and a name
whose characters stand side by side in a handbook's text (最高均不超过 → 最|高均) cut that text
otherwise — the index told that someone of that name was in the results, on no 公示.
"""

from __future__ import annotations

import pytest

from tests.archive.leak import never_public, side_by_side
from tests.archive.util import kaohe, make_project, rename_by_id, results_files, tree_hashes

AGENCY = "yunxi-czj"


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    base = tmp_path_factory.mktemp("unseen")
    before = make_project(base / "before", [AGENCY])
    proc = kaohe(before, "build", "--quiet")
    assert proc.returncode == 0, proc.stderr[-2000:]
    hidden = sorted(never_public(before))
    name = side_by_side(before / "site")
    after = make_project(base / "after", [AGENCY])
    for sheet in results_files(after):
        rename_by_id(sheet, {hidden[0]: name})
    proc = kaohe(after, "build", "--quiet")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return before, after, hidden, name


def test_a_name_no_public_page_shows_changes_no_public_file(builds):
    before, after, hidden, name = builds
    assert hidden and len(name) == 2
    old, new = tree_hashes(before / "site"), tree_hashes(after / "site")
    assert sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k)) == []


def test_the_internal_edition_does_show_the_new_name(builds, tmp_path):
    before, after, hidden, name = builds
    proc = kaohe(after, "build", "--quiet", "--audience", "internal", "--out", str(tmp_path / "internal"))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert name in (tmp_path / "internal" / "search" / "search_index.json").read_text("utf-8")


def test_names_a_public_page_shows_stay_one_word(builds):
    """The public dictionary keeps the names its 公示 lists: each is one word of its search index."""
    import json
    import re

    from generator.engine.compute import load_everything
    from tests.archive.leak import notice_people

    before, _, hidden, _ = builds
    _, periods, _ = load_everything(before)
    shown = {p.person.name for period in periods for p in notice_people(period) if p.id not in hidden}
    docs = json.loads((before / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]
    words = {w for doc in docs if doc["location"].startswith("notices/") for w in re.split(r"[\u200b\s]+", doc["text"])}
    on_pages = {name for name in shown if any(name in doc["text"].replace("\u200b", "") for doc in docs)}
    assert len(on_pages) > 5
    assert on_pages <= words
