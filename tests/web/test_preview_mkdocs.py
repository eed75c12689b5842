"""A preview rebuild that knows what it changed (site/preview_mkdocs.py) leaves the site a full mkdocs
build of the same docs makes: every page and file byte for byte, the search index entry for entry.

Edits: a score (a person's page, a results page and the downloads change), a rename (markup, shown on
other pages too), a new person (a docs file mkdocs' last walk did not see), the sheet as it was
(removed files: a full build), and the score again (after the full build's walk)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

from archive.util import edit_csv_cell, make_project  # tests/ is on sys.path (rootdir-relative packages)

from generator.site.build import temp_dir_inside
from generator.site.serve import PreviewSession

SHEET = Path("content") / "shiliqu-sifaju" / "s003-p1-sifa" / "2024" / "Q2.csv"


def _add_person(path: Path, copy_of: str, pid: str, name: str) -> bytes:
    """A row copied from another person's, with its own ID and name; the sheet's old bytes."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = next(i for i, row in enumerate(rows) if "编号" in row)
    at_id, at_name = rows[header].index("编号"), rows[header].index("姓名")
    row = list(next(r for r in rows[header + 1:] if len(r) > at_id and r[at_id] == copy_of))
    row[at_id], row[at_name] = pid, name
    rows.append(row)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n" if "\r\n" in text else "\n").writerows(rows)
    path.write_bytes(("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "").encode() + out.getvalue().encode("utf-8"))
    return raw


def _full_build(session: PreviewSession, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(session.config_file), site_dir=str(site), strict=False)
    with temp_dir_inside(session.root):
        build(config)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _same_site(preview: Path, fresh: Path) -> None:
    ours, theirs = _files(preview), _files(fresh)
    index = "search/search_index.json"
    assert sorted(ours) == sorted(theirs)
    differ = [rel for rel in ours if rel != index and ours[rel] != theirs[rel]]
    assert not differ, differ[:10]
    # the entries' words, not where jieba cut them: its cuts can differ between the first build of a
    # process and later ones (its dictionary's state), whichever pages a build redid
    entries = lambda raw: sorted(json.dumps(d, ensure_ascii=False, sort_keys=True).replace("\u200b", "") for d in json.loads(raw)["docs"])  # noqa: E731
    assert entries(ours[index]) == entries(theirs[index])


def _rebuild(session: PreviewSession) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert session.rebuild(), out.getvalue()
    return out.getvalue()


def test_rebuilds_that_know_their_changes_leave_the_site_a_full_build_makes(tmp_path):
    root = make_project(tmp_path / "proj", ["shiliqu-sifaju"])
    sheet = root / SHEET
    session = PreviewSession(root, "internal")
    assert "全部页面" in _rebuild(session)
    assert session.built_here
    original = sheet.read_bytes()

    edits = [
        ("score", lambda: edit_csv_cell(sheet, "SF002", "工作质量", "0")),
        ("a new person", lambda: _add_person(sheet, "SF002", "SF999", "新来者")),
        # renamed where the year has no other period of theirs: another name under an ID the year's
        # other sheets hold is an error (id-name-mismatch), and the preview would not update
        ("rename", lambda: edit_csv_cell(sheet, "SF999", "姓名", "<i>再</i>易名")),
        ("the new person gone", lambda: sheet.write_bytes(original)),
        ("the score again, after a full build", lambda: edit_csv_cell(sheet, "SF002", "工作质量", "0")),
    ]
    new_page = session.site / "people" / "shiliqu-sifaju" / "SF999" / "index.html"
    for n, (what, edit) in enumerate(edits):
        edit()
        said = _rebuild(session)
        assert "已重新计算" in said, what
        if what == "the new person gone":
            assert "全部页面" in said, what  # a removed page: everything is built again
            assert not new_page.exists()
        else:
            assert "只重建改动的页面" in said, what
        # every build keeps its walk of the docs tree for the next: the full one walked afresh
        assert {f.src_uri for f in session.known._walk[1]} == {p.relative_to(session.docs).as_posix() for p in session.docs.rglob("*") if p.is_file()}
        if what == "a new person":
            assert "新来者" in new_page.read_text(encoding="utf-8")
        if what == "rename":
            assert "&lt;i&gt;再&lt;/i&gt;易名" in new_page.read_text(encoding="utf-8") and "<i>再</i>" not in new_page.read_text(encoding="utf-8")
        _full_build(session, tmp_path / f"fresh-{n}")
        _same_site(session.site, tmp_path / f"fresh-{n}")


def test_a_rebuild_with_an_error_says_the_preview_waits_for_a_save_not_to_run_check(tmp_path):
    root = make_project(tmp_path / "proj", ["shiliqu-sifaju"])
    session = PreviewSession(root, "internal")
    assert "全部页面" in _rebuild(session)
    edit_csv_cell(root / SHEET, "SF002", "工作质量", "优")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert not session.rebuild()
    said = out.getvalue()
    assert "[not-a-number]" in said and "发现 1 个错误" in said and "有错误：预览未更新，改正后保存即可自动重新生成。" in said
    assert "重新运行 kaohe check" not in said
