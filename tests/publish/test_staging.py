"""Issue 12 finding 8 (staging): whatever a failed build leaves beside the site is gone after it or,
if the disk did not let even that happen, after the next build; a swap that fails half-way never
leaves the site missing."""

from __future__ import annotations

import errno
import os

from generator.site import build as build_module
from generator.site import staging as staging_module
from generator.site.build import Progress, build_site
from tests.archive.test_disk_full import _full, _quick_mkdocs, project  # noqa: F401 - fixture
from tests.archive.util import tree_hashes


def _leftovers(root):
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".site.", "site.old")))


def test_a_half_done_two_rename_swap_is_undone(project, monkeypatch):  # noqa: F811
    _quick_mkdocs(monkeypatch)
    before = tree_hashes(project / "site")
    monkeypatch.setattr(staging_module.ctypes, "CDLL", lambda *a, **k: (_ for _ in ()).throw(OSError("no renameat2")))
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append((str(src), str(dst)))
        if len(calls) == 2:  # the new site cannot be moved in: disk full
            raise _full(dst)
        return real_replace(src, dst)

    monkeypatch.setattr(staging_module.os, "replace", replace)
    code, problems, _ = build_site(project.resolve(), "public", False, None, Progress(True))
    assert code == 1 and [p.code for p in problems.errors] == ["write-failed"]
    assert tree_hashes(project / "site") == before  # put back
    assert _leftovers(project) == []


def test_leftovers_of_a_failed_cleanup_go_with_the_next_build(project, monkeypatch):  # noqa: F811
    _quick_mkdocs(monkeypatch)
    monkeypatch.setattr(build_module, "discard", lambda path: False)  # the disk refused even the cleanup

    def full_manifest(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build_module, "write_manifest", full_manifest)
    code, _, _ = build_site(project.resolve(), "public", False, None, Progress(True))
    assert code == 1 and [n for n in _leftovers(project) if n.startswith(".site.building-")]
    (project / ".site.old-12345678").mkdir()  # and a previous site set aside by an interrupted swap
    (project / ".site.old-12345678" / "index.html").write_text("old", encoding="utf-8")
    old = os.stat(project / ".site.old-12345678").st_mtime - 10
    for name in _leftovers(project):
        os.utime(project / name, (old, old))
    monkeypatch.undo()
    _quick_mkdocs(monkeypatch)
    code, problems, _ = build_site(project.resolve(), "public", False, None, Progress(True))
    assert code == 0, [p.format() for p in problems]
    assert _leftovers(project) == []


def test_a_users_folders_named_like_leftovers_are_not_removed(project, monkeypatch):  # noqa: F811
    """Only what a build itself leaves is removed: `.site.building-` or `.site.old-` and the eight hex digits
    a build names it with. A folder of the user's beside the site (`--out ~/网站` puts the site among their
    files), a backup they called .site.old-2024 or .site.old-备份, is theirs, however old."""
    _quick_mkdocs(monkeypatch)
    mine = [".site.old-2024", ".site.old-备份", ".site.building-notes", ".site.old-1234567890"]
    for name in mine:
        (project / name).mkdir()
        (project / name / "keep.txt").write_text("mine", encoding="utf-8")
        old = os.stat(project / name).st_mtime - 3600
        os.utime(project / name, (old, old))
    code, problems, _ = build_site(project.resolve(), "public", False, None, Progress(True))
    assert code == 0, [p.format() for p in problems]
    assert [(project / name / "keep.txt").read_text("utf-8") for name in mine] == ["mine"] * len(mine)
