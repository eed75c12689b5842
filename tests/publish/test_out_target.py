"""Issue 12 finding 1: `kaohe build --out` can never replace the project's own data. The target is
absent, empty, or a site kaohe built for the same audience (its manifest.json says so)."""

from __future__ import annotations

import pytest

from generator.cli import main
from tests.archive.util import EPOCH, make_project, tree_hashes


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("out") / "proj", ["heting-kx"])
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return root


def _build(root, *args):
    return main(["-C", str(root), "build", "--quiet", *args])


@pytest.mark.parametrize("out", [".", "..", "content", "schemes", "content/heting-kx", "schemes/sub", ".git", ".build"])
def test_out_never_replaces_the_project(project, out, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(project)
    before = tree_hashes(project / "content"), tree_hashes(project / "schemes"), tree_hashes(project / ".git")
    assert _build(project, "--out", out) == 1
    printed = capsys.readouterr().out
    assert "[out-unsafe]" in printed and "Traceback" not in printed
    assert printed.splitlines()[0].startswith(f"{out}: [out-unsafe]")
    assert (tree_hashes(project / "content"), tree_hashes(project / "schemes"), tree_hashes(project / ".git")) == before


def test_out_must_be_a_kaohe_site_of_the_same_audience(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    other = tmp_path / "papers"
    other.mkdir()
    (other / "note.txt").write_text("not a site", encoding="utf-8")
    assert _build(project, "--out", str(other)) == 1
    assert "没有 manifest.json" in capsys.readouterr().out
    assert (other / "note.txt").read_text(encoding="utf-8") == "not a site"

    public = tmp_path / "pub"
    assert _build(project, "--out", str(public)) == 0  # absent: created
    assert _build(project, "--out", str(public)) == 0  # its own earlier build: replaced
    before = tree_hashes(public)
    assert _build(project, "--audience", "internal", "--out", str(public)) == 1
    assert "公开版" in capsys.readouterr().out
    assert tree_hashes(public) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _build(project, "--out", str(empty)) == 0
