"""kaohe serve's incremental rebuild: a one-cell edit regrades one period (and its roll-up) and
re-renders only the pages that show them, and the tree it produces is byte for byte the tree a
clean generate produces from the same files."""

from __future__ import annotations

import pytest
from archive.util import edit_csv_cell, make_project, rename_by_id  # tests/ is on sys.path (rootdir-relative packages)

from generator.core.problems import Problems
from generator.engine import compute
from generator.engine.model_cache import ModelCache
from generator.site import results_layout
from generator.site.generate import generate
from generator.site.page_memo import PageMemo


def clean(root, audience):
    problems = Problems()
    generated = generate(root, audience, problems)
    assert not problems.has_errors(), problems.sorted()
    return generated.files


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_an_edit_regrades_one_period_and_matches_a_clean_generate(tmp_path, audience, monkeypatch):
    root = make_project(tmp_path / "proj", ["shiliqu-sifaju"])
    read: list[str] = []  # the results sheets read, by name
    real_read = compute._read_rows
    monkeypatch.setattr(compute, "_read_rows", lambda project, entry, found: (read.append(entry.results.name), real_read(project, entry, found))[1])
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
    read.clear()
    edited = generate(root, audience, Problems(), cache, memo)
    assert cache.misses == 2 and cache.hits == periods - 2  # the quarter and the year that reads it
    assert read == ["Q2.csv"], read  # the year is graded again from its own sheet as read before (ModelCache.sheet)
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



def _someone(generated, key: str, grade: str, not_in: str | None = None):
    period = next(p for p in generated.periods if p.key == key)
    return next(r for r in sorted(period.people, key=lambda r: r.id) if r.grade == grade and r.person.department != not_in)


@pytest.mark.parametrize(("audience", "split"), [("public", False), ("internal", False), ("internal", True)])
def test_edits_that_reach_other_departments_match_a_clean_generate(tmp_path, monkeypatch, audience, split):
    """Department pages (and, in a period split by department, its results pages) are keyed by what
    they show (a department's own distribution, quota lines and members), not by the whole period.
    Each edit below changes what other departments' pages show, or moves a person between
    departments; after each, the tree must be the clean generate's, byte for byte."""
    if split:  # every period of more than 5 people: a results page per department
        monkeypatch.setattr(results_layout, "SPLIT_THRESHOLD", 5)
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    key = "yunxi-czj/s003-p2/2025/Q2"
    sheet = root / "content" / "yunxi-czj" / "s003-p2" / "2025" / "Q2.csv"
    cache, memo = ModelCache(), PageMemo()
    seen = generate(root, audience, Problems(), cache, memo)
    good = _someone(seen, key, "好")
    mover = _someone(seen, key, "较好", not_in=good.person.department)
    edits = [
        (good.id, "工作负荷", "0"),  # a 好 falls: the agency-wide quota line (实际 N 人) on every department's page
        (mover.id, "科室", good.person.department),  # someone moves: two departments' members change
        (good.id, "工作负荷", "14"),  # the 好 comes back: the line moves again
        # only a name (a hostile one): no count, share or statistic changes; renamed in every sheet of
        # the year, 年度.xlsx included (whose name the people index shows), as another name under the
        # same ID within a year is an error (id-name-mismatch)
        (mover.id, "姓名", '+HYPERLINK("x")'),  # (= is refused: cell-formula-text)
        (mover.id, "姓名", "<i>再</i>易名"),
    ]
    for step, (pid, column, value) in enumerate(edits, 1):
        if column == "姓名":
            for each in sorted(sheet.parent.iterdir()):
                if each.suffix in (".csv", ".xlsx"):
                    rename_by_id(each, {pid: value})
        else:
            edit_csv_cell(sheet, pid, column, value)
        edited = generate(root, audience, Problems(), cache, memo)
        assert memo.hits > 0
        assert edited.files == clean(root, audience), f"after edit {step}"
        changed = {p for p in edited.files if edited.files[p] != seen.files.get(p)}
        if audience == "internal" and step == 1:
            departments = {p for p in changed if p.startswith("departments/") and p.endswith("2025.md")}
            assert len(departments) > 2, f"the edit should reach several departments' pages: {sorted(changed)}"
            if split:
                results = {p for p in changed if p.startswith("results/yunxi-czj/s003-p2/2025-Q2/")}
                assert len(results) > 2, f"the edit should reach several departments' results pages: {sorted(changed)}"
        seen = edited
