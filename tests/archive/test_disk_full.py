"""A full disk (ENOSPC) at any stage of a build is a reported problem, never a traceback, and the
published site stays as it was. Exit 1, not 3: nothing is wrong with the program, the user can fix
it (free some space), and the message says so (磁盘空间不足)."""

from __future__ import annotations

import errno
import pathlib

import pytest

from generator.cli import main
from generator.site import build as build_module
from generator.site.build import Progress, build_site
from tests.archive.util import EPOCH, make_project, previous_site, tree_hashes


def _full(path) -> OSError:
    return OSError(errno.ENOSPC, "No space left on device", str(path))


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project(tmp_path / "proj", ["heting-kx"])
    # a previously published site (with the manifest a build writes: a site/ without one is the user's, out-unsafe)
    previous_site(root / "site", {"index.html": "<p>上一次发布的网站</p>", "assets/x.css": "p{}"})
    return root


def _fail_writes_under(monkeypatch, where: str, method: str = "write_bytes"):
    real = getattr(pathlib.Path, method)

    def write(self, *args, **kwargs):
        if where in self.as_posix():
            raise _full(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, method, write)


def _assert_clean_failure(root, before, code, out, err):
    assert code == 1
    assert "磁盘空间不足" in out and "[write-failed]" in out and "网站未更新" in out
    assert "Traceback" not in out + err and "内部错误" not in err
    assert tree_hashes(root / "site") == before
    assert not list(root.glob(".site.building-*"))


def test_disk_full_while_writing_the_docs_tree(project, monkeypatch, capsys):
    before = tree_hashes(project / "site")
    _fail_writes_under(monkeypatch, "/.build/public/docs/")
    code = main(["-C", str(project), "build", "--quiet"])
    captured = capsys.readouterr()
    _assert_clean_failure(project, before, code, captured.out, captured.err)


def test_disk_full_while_mkdocs_writes_pages(project, monkeypatch, capsys):
    import mkdocs.utils

    before = tree_hashes(project / "site")
    real = mkdocs.utils.write_file
    calls = []

    def write_file(content, output_path):
        calls.append(output_path)
        if len(calls) > 3:  # a few pages written into the staging dir, then the disk is full
            raise _full(output_path)
        return real(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", write_file)
    code = main(["-C", str(project), "build", "--quiet"])
    captured = capsys.readouterr()
    assert len(calls) > 3
    _assert_clean_failure(project, before, code, captured.out, captured.err)


def _quick_mkdocs(monkeypatch):
    """mkdocs itself is not under test here (see above): a stand-in writes a small site into the staging dir."""
    import json as _json

    def run_mkdocs(config_path, strict=True):
        staging = pathlib.Path(_json.loads(pathlib.Path(config_path).read_text("utf-8"))["site_dir"])
        (staging / "assets").mkdir(parents=True)
        (staging / "index.html").write_text("<p>新网站</p>", encoding="utf-8")
        (staging / "assets" / "x.css").write_text("p{color:red}", encoding="utf-8")
        return []

    monkeypatch.setattr(build_module, "run_mkdocs", run_mkdocs)


def test_disk_full_while_writing_the_manifest(project, monkeypatch):
    """In-process through build_site: the problem is returned, nothing raised."""
    _quick_mkdocs(monkeypatch)
    before = tree_hashes(project / "site")
    _fail_writes_under(monkeypatch, "/manifest.json", "write_text")
    code, problems, _ = build_site(project.resolve(), "public", False, None, Progress(True))
    assert code == 1
    assert [p.code for p in problems.errors] == ["write-failed"]
    assert "磁盘空间不足" in problems.errors[0].message
    assert tree_hashes(project / "site") == before
    assert not list(project.glob(".site.building-*"))


def test_disk_full_during_the_swap(project, monkeypatch):
    _quick_mkdocs(monkeypatch)
    before = tree_hashes(project / "site")

    def swap_in(new, target):
        raise _full(target)

    monkeypatch.setattr(build_module, "swap_in", swap_in)
    code, problems, _ = build_site(project.resolve(), "public", False, None, Progress(True))
    assert code == 1 and [p.code for p in problems.errors] == ["write-failed"]
    assert tree_hashes(project / "site") == before
    assert not list(project.glob(".site.building-*"))


def test_no_write_permission_is_a_problem_too(project, monkeypatch, capsys):
    before = tree_hashes(project / "site")

    def mkdir(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)
    code = main(["-C", str(project), "build", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 1 and "没有写入权限" in out and "Traceback" not in out + err
    assert tree_hashes(project / "site") == before


def test_the_stand_in_site_would_have_been_published(project, monkeypatch):
    """The same build without a full disk swaps the new site in: the failures above are the disk's."""
    _quick_mkdocs(monkeypatch)
    code, problems, _ = build_site(project.resolve(), "public", False, None, Progress(True))
    assert code == 0, problems.sorted()
    assert (project / "site" / "index.html").read_text("utf-8") == "<p>新网站</p>"
    assert (project / "site" / "manifest.json").is_file()
    assert not list(project.glob(".site.building-*"))
