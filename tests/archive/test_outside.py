"""No file outside the project is ever read or written.

The real CLI runs with an audit hook (sys.addaudithook) that records every file opened, every
directory listed and every file written, renamed or removed. A build may read the project and
the program itself (its package, templates and libraries); it may write only site/, .build/ and
its staging dir beside site/. Links that point outside are refused, not followed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.archive.util import REPO, audited_kaohe, make_project

AGENCY = "yunxi-czj"
SCHEME_DIR = "content/yunxi-czj/s003-p2"


def under(path: str, *dirs: Path) -> bool:
    p = Path(path)
    return any(p == d or d in p.parents for d in dirs)


def forbidden_reads(seen, root: Path, tmp_path: Path) -> list:
    """Anything read or listed in tmp_path outside the project, or in the repository's own demo data."""
    demo = [REPO / "content", REPO / "schemes", REPO / "site", REPO / "site-internal", REPO / ".build"]
    return [
        (kind, path) for kind, path in seen
        if kind in ("read", "list") and ((under(path, tmp_path) and not under(path, root)) or under(path, *demo))
    ]


def allowed_write(path: str, root: Path) -> bool:
    p = Path(path)
    if under(path, root / "site", root / "site-internal", root / ".build"):
        return True
    # the staging dir beside site/ (swapped in, or removed)
    return p.parent == root and p.name.startswith((".site.building-", ".site-internal.building-")) or any(
        q.parent == root and q.name.startswith((".site.building-", ".site-internal.building-")) for q in p.parents
    )


@pytest.fixture
def places(tmp_path):
    cwd = tmp_path / "cwd"
    tmpdir = tmp_path / "tmpdir"
    cwd.mkdir()
    tmpdir.mkdir()
    return cwd, tmpdir, tmp_path / "audit.json"


def test_a_build_reads_and_writes_only_inside_the_project(small_build):
    root, proc, seen = small_build.root, small_build.proc, small_build.seen
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (root / "site" / "index.html").is_file()
    assert small_build.after == small_build.before  # nothing beside the project changed
    assert list(small_build.tmpdir.iterdir()) == []  # no temp files (jieba's cache, openpyxl's) outside the project
    assert any(kind == "read" and under(p, root / "content") for kind, p in seen)  # the hook did see the build
    writes = sorted({p for kind, p in seen if kind == "write" and not p.startswith("/dev/") and p != str(small_build.log)})
    assert writes and [p for p in writes if not allowed_write(p, root)] == []
    assert forbidden_reads(seen, root, small_build.base.parent) == []


def test_links_to_outside_are_refused_and_never_followed(tmp_path, places):
    cwd, tmpdir, log = places
    root = make_project(tmp_path / "proj", [AGENCY])
    outside = tmp_path / "outside"
    outside.mkdir()
    scheme_dir = root / SCHEME_DIR
    # a results sheet, a decisions file and a notice that are links to files outside
    for rel in ("2025/Q2.csv", "2024/Q2.decisions.csv", "2025/Q3.notice.yaml"):
        target = outside / rel.replace("/", "-")
        shutil.copy2(scheme_dir / rel, target)
        (scheme_dir / rel).unlink()
        (scheme_dir / rel).symlink_to(target)
    # a year directory, an agency directory and the hand-written pages that are links to directories outside
    (outside / "2023").mkdir()
    shutil.copy2(scheme_dir / "2025" / "Q3.csv", outside / "2023" / "Q3.csv")
    (scheme_dir / "2023").symlink_to(outside / "2023")
    shutil.copytree(root / "content" / AGENCY, outside / "agency")
    (root / "content" / "other-agency").symlink_to(outside / "agency")
    (outside / "pages").mkdir()
    (outside / "pages" / "secret.md").write_text("# 机密\n", encoding="utf-8")
    (root / "content" / "pages").symlink_to(outside / "pages")

    proc, seen = audited_kaohe(root, log, "build", "--quiet", cwd=cwd, tmpdir=tmpdir)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    for rel in ("2025/Q2.csv", "2024/Q2.decisions.csv", "2025/Q3.notice.yaml", "2023"):
        assert f"{SCHEME_DIR}/{rel}: [file-is-symlink]" in proc.stdout, rel
    assert "content/other-agency: [file-is-symlink]" in proc.stdout
    assert "content/pages: [file-is-symlink]" in proc.stdout
    assert not (root / "site").exists()
    assert forbidden_reads(seen, root, tmp_path) == []
    assert [p for kind, p in seen if under(p, outside)] == []


def test_schemes_or_content_directory_that_is_a_link(tmp_path, places):
    cwd, tmpdir, log = places
    root = make_project(tmp_path / "proj", [AGENCY])
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.move(root / "content", outside / "content")
    (root / "content").symlink_to(outside / "content")
    proc, seen = audited_kaohe(root, log, "check", cwd=cwd, tmpdir=tmpdir)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "content: [file-outside-project]" in proc.stdout
    assert [p for kind, p in seen if under(p, outside)] == []
