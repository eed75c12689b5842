"""kaohe serve's incremental rebuild: a one-cell edit regrades one period (and its roll-up) and
re-renders only the pages that show them, and the tree it produces is byte for byte the tree a
clean generate produces from the same files."""

from __future__ import annotations

import pytest
from archive.util import edit_csv_cell, make_project  # tests/ is on sys.path (rootdir-relative packages)

from generator.core.problems import Problems
from generator.engine.model_cache import ModelCache
from generator.site.generate import generate
from generator.site.page_memo import PageMemo


def clean(root, audience):
    problems = Problems()
    generated = generate(root, audience, problems)
    assert not problems.has_errors(), problems.sorted()
    return generated.files


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_an_edit_regrades_one_period_and_matches_a_clean_generate(tmp_path, audience):
    root = make_project(tmp_path / "proj", ["shiliqu-sifaju"])
    cache, memo = ModelCache(), PageMemo()
    first = generate(root, audience, Problems(), cache, memo)
    periods, pages = cache.misses, memo.misses
    assert periods > 4 and cache.hits == 0
    assert first.files == clean(root, audience)

    again = generate(root, audience, Problems(), cache, memo)  # nothing changed: nothing regraded or re-rendered
    assert (cache.hits, cache.misses) == (periods, 0)
    assert memo.misses == 0 and memo.hits > 0
    assert again.files == first.files

    sheet = root / "content" / "shiliqu-sifaju" / "s003-p1-sifa" / "2024" / "Q2.csv"
    old = edit_csv_cell(sheet, "SF002", "工作质量", "0")  # enough to change the grade
    assert old != "0"
    edited = generate(root, audience, Problems(), cache, memo)
    assert cache.misses == 2 and cache.hits == periods - 2  # the quarter and the year that reads it
    # 2024's pages and the pages that show 2024 beside a later year; the rest of 2025 is reused
    assert 0 < memo.misses < pages and memo.hits > 0
    assert edited.files == clean(root, audience)
    changed = {path for path in edited.files if edited.files[path] != first.files.get(path)}
    if audience == "internal":
        assert any("2024" in path for path in changed), changed
    else:  # this scheme's quarters are not published (publicity.publish: false): no public page shows the grade
        assert all("2024" in path for path in changed), changed
    assert not any(path.startswith(("handbooks/", "guide/", "assets/")) for path in changed), changed


def test_an_edit_to_a_site_wide_file_renders_every_page_again(tmp_path):
    root = make_project(tmp_path / "proj", ["shiliqu-sifaju"])
    cache, memo = ModelCache(), PageMemo()
    generate(root, "public", Problems(), cache, memo)
    # a site's own holiday file is part of the site-wide key: a notice's end date may move
    holidays = root / "content" / "holidays.yaml"
    holidays.write_text(holidays.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    generate(root, "public", Problems(), cache, memo)
    assert memo.hits == 0 and memo.misses > 0
