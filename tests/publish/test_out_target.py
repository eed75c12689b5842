"""Issue 12 finding 1: `kaohe build --out` can never replace the project's own data. The target is
absent, empty, or a site kaohe built for the same audience (its manifest.json says so) that holds no file
the manifest does not list. A refusal is a usage error (exit 2) and names the command to run again."""

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
    assert _build(project, "--out", out) == 2  # a usage error: the command names a folder Kaohe may not replace
    printed = capsys.readouterr().out
    _refused(printed)
    assert printed.splitlines()[0].startswith(f"{out}: [out-unsafe]")
    assert (tree_hashes(project / "content"), tree_hashes(project / "schemes"), tree_hashes(project / ".git")) == before


def test_out_must_be_a_kaohe_site_of_the_same_audience(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    other = tmp_path / "papers"
    other.mkdir()
    (other / "note.txt").write_text("not a site", encoding="utf-8")
    assert _build(project, "--out", str(other)) == 2
    assert "没有 manifest.json" in capsys.readouterr().out
    assert (other / "note.txt").read_text(encoding="utf-8") == "not a site"

    public = tmp_path / "pub"
    assert _build(project, "--out", str(public)) == 0  # absent: created
    assert _build(project, "--out", str(public)) == 0  # its own earlier build: replaced
    before = tree_hashes(public)
    assert _build(project, "--audience", "internal", "--out", str(public)) == 2
    assert "公开版" in capsys.readouterr().out
    assert tree_hashes(public) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _build(project, "--out", str(empty)) == 0


def _refused(printed: str, command: str = "kaohe build") -> None:
    assert "[out-unsafe]" in printed and "Traceback" not in printed
    assert f"重新运行 {command}" in printed and "重新运行 kaohe check" not in printed


def test_the_default_site_folder_made_by_hand_is_not_replaced(tmp_path, capsys, monkeypatch):
    """`kaohe build` without --out: a site/ the user made (no Kaohe manifest) is refused like any other folder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project(tmp_path / "proj", ["heting-kx"])
    (root / "site").mkdir()
    (root / "site" / "notes.md").write_bytes(b"notes\n")
    (root / "site-internal").mkdir()
    (root / "site-internal" / "a.txt").write_bytes(b"mine")
    assert _build(root) == 2
    printed = capsys.readouterr().out
    _refused(printed)
    assert printed.splitlines()[0].startswith("site: [out-unsafe]") and "notes.md" in printed
    assert (root / "site" / "notes.md").read_bytes() == b"notes\n"
    assert _build(root, "--audience", "internal") == 2
    _refused(capsys.readouterr().out)
    assert (root / "site-internal" / "a.txt").read_bytes() == b"mine"
    assert not list(root.glob(".site*.building-*"))


def test_a_manifest_that_is_not_kaohes_is_not_trusted(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    pwa = tmp_path / "pwa"
    pwa.mkdir()
    (pwa / "app.js").write_bytes(b"precious\n")
    (pwa / "manifest.json").write_text('{"name":"My PWA","audience":"public"}\n', encoding="utf-8")
    assert _build(project, "--out", str(pwa)) == 2
    printed = capsys.readouterr().out
    _refused(printed)
    assert "manifest.json 不是 kaohe build 写的" in printed
    assert (pwa / "app.js").read_bytes() == b"precious\n"


def test_files_added_to_a_kaohe_site_are_not_deleted(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "pub"
    assert _build(project, "--out", str(site)) == 0
    manifest = (site / "manifest.json").read_text("utf-8")
    assert '"path": "manifest.json"' not in manifest  # the manifest lists the other files (tests/archive/util.py)
    (site / "README-运维.txt").write_bytes("运维说明\n".encode())
    (site / ".well-known").mkdir()
    (site / ".well-known" / "security.txt").write_bytes(b"Contact: x\n")
    before = tree_hashes(site)
    assert _build(project, "--out", str(site)) == 2
    printed = capsys.readouterr().out
    _refused(printed)
    assert "README-运维.txt" in printed and ".well-known/security.txt" in printed and "移到" in printed
    assert tree_hashes(site) == before
    (site / "README-运维.txt").unlink()
    (site / ".well-known" / "security.txt").unlink()
    (site / ".well-known").rmdir()
    assert _build(project, "--out", str(site)) == 0  # an ordinary rebuild over its own earlier build
    capsys.readouterr()


def test_files_the_system_writes_into_a_folder_it_shows_do_not_stop_the_rebuild(project, tmp_path, capsys, monkeypatch):
    """Opening the built site's folder in Windows Explorer writes Thumbs.db (desktop.ini, and .DS_Store on a
    Mac): the next build refused the whole site as holding added files, for a file nobody made."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "pub"
    assert _build(project, "--out", str(site)) == 0
    for name in ("Thumbs.db", "desktop.ini", "assets/.DS_Store"):
        (site / name).write_bytes(b"\x00")
    assert _build(project, "--out", str(site)) == 0, capsys.readouterr().out
    assert not (site / "Thumbs.db").exists()  # replaced with the site, as nobody's work
    (site / "Thumbs.db.txt").write_bytes(b"mine\n")  # a name like it is still the user's
    assert _build(project, "--out", str(site)) == 2
    assert "Thumbs.db.txt" in capsys.readouterr().out


def test_an_output_folder_inside_a_kaohe_site_or_report_is_refused(project, tmp_path, capsys, monkeypatch):
    """The internal edition built into the public site's folder (--out site/internal) was published with it:
    every score on the public web server. No output goes inside a site or a report Kaohe wrote, either way."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    public, internal = tmp_path / "pub", tmp_path / "int"
    assert _build(project, "--out", str(public)) == 0
    assert _build(project, "--audience", "internal", "--out", str(internal)) == 0
    before = tree_hashes(public), tree_hashes(internal)
    capsys.readouterr()
    for audience, out in (("internal", public / "internal"), ("public", internal / "pub"), ("internal", public / "a" / "b")):
        assert _build(project, "--audience", audience, "--out", str(out)) == 2
        printed = capsys.readouterr().out
        _refused(printed)
        assert "生成的网站" in printed and "泄露" in printed
    assert main(["-C", str(project), "check", "--xlsx-report", str(public / "问题标注")]) == 2
    assert "[xlsx-report-unsafe]" in capsys.readouterr().out
    assert (tree_hashes(public), tree_hashes(internal)) == before


def test_an_out_path_with_spaces_and_chinese_is_built_and_replaced(project, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path / "共享 文件夹" / "考核 网站（公开版）"
    assert _build(project, "--out", str(out)) == 0
    assert (out / "index.html").is_file() and (out / "manifest.json").is_file()
    assert _build(project, "--out", str(out)) == 0  # its own earlier build: replaced
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no staging folder left beside it


def test_another_projects_site_is_not_replaced(project, tmp_path, capsys, monkeypatch):
    """--out pointing at the site another project built (another agency's, on a shared drive) would
    replace it with this project's: its manifest records the agencies it was built for, and a site that
    shares none with this project is refused. The same project copied elsewhere, or grown by an agency,
    still rebuilds its own site."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "共享" / "网站"
    assert _build(project, "--out", str(site)) == 0
    before = tree_hashes(site)
    other = make_project(tmp_path / "other", ["liuxi-zhen"])
    capsys.readouterr()
    assert _build(other, "--out", str(site)) == 2
    printed = capsys.readouterr().out
    _refused(printed)
    assert "另一个项目" in printed
    assert tree_hashes(site) == before
    copy = make_project(tmp_path / "copy", ["heting-kx", "liuxi-zhen"])  # the same agency, and one more
    assert _build(copy, "--out", str(site)) == 0
    capsys.readouterr()


def test_an_out_that_is_a_symbolic_link_is_refused_as_the_default_site_is(project, tmp_path, capsys, monkeypatch):
    """`kaohe build` refused a site/ that is a link, but `--out site` (the very same folder) or `--out link`
    followed it and replaced the folder it points to: the same folder, two answers. A link is refused
    either way, and the folder it points to is left as it was."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    assert _build(project, "--out", str(tmp_path / "link")) == 2
    printed = capsys.readouterr().out
    _refused(printed)
    assert "符号链接" in printed
    assert list(real.iterdir()) == [] and (tmp_path / "link").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]  # no staging folder beside either


def test_an_edition_never_goes_into_the_other_editions_folder(tmp_path, capsys, monkeypatch):
    """The project's site/ is where the public edition goes and what an office copies to its web server:
    `kaohe build --audience internal --out site` (before the first public build, so no manifest said
    otherwise) wrote every score there. Each edition's folder takes only its own edition, and no
    annotated copies (every cell of every sheet) go into either."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)
    root = make_project(tmp_path / "proj", ["heting-kx"])
    for audience, out in (("internal", "site"), ("internal", "site/internal"), ("public", "site-internal")):
        assert _build(root, "--audience", audience, "--out", str(root / out)) == 2, (audience, out)
        printed = capsys.readouterr().out
        _refused(printed)
        assert ("公开版" if out.startswith("site/") or out == "site" else "内部版") in printed
    assert not (root / "site").exists() and not (root / "site-internal").exists()
    assert main(["-C", str(root), "check", "--xlsx-report", str(root / "site" / "问题标注")]) == 2
    assert "[xlsx-report-unsafe]" in capsys.readouterr().out and not (root / "site").exists()
    assert _build(root, "--audience", "internal", "--out", str(root / "site-internal")) == 0  # its own folder
