"""A relative link in scheme prose (a section body) is a check problem at its line, found by `kaohe check`
and `kaohe build` alike: the body is passed to the page as finished HTML, which mkdocs' link validation
never sees, so `[每个](missing.md)` used to become a 404 link silently. Scheme text cannot know the
site's pages (the handbook's address is generated; the public and internal editions have different
pages), so any link to a page is refused; a link within the page (#…) is kept."""

from __future__ import annotations

import contextlib
import io

from generator.cli import main
from generator.site.prose import relative_links, render_prose
from tests.archive.util import make_project

OLD = "    body: 本单位非领导成员公务员（含参公人员）。\n"


def test_relative_links_are_found_in_every_markdown_form():
    texts = ["考核周期为[每个](missing.md)季度[y](../nope/)", "见[下文](#s2)与[外网](https://example.com/)", "[a][r]\n\n[r]: sub/page.md",
             '<a href="x/">x</a>', "普通文字"]
    assert [relative_links(html) for html in render_prose(texts)] == [["missing.md", "../nope/"], [], ["sub/page.md"], ["x/"], []]


def _run(root, *command):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["-C", str(root), *command])
    return code, out.getvalue()


def test_check_and_build_report_a_relative_link_at_its_line(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744243200")
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    path = root / "schemes" / "s003-p2.yaml"
    text = path.read_text("utf-8")
    assert OLD in text
    path.write_text(text.replace(OLD, '    body: "考核周期为[每个](missing.md)季度[y](../nope/)，见[下文](#s2)。"\n'), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text("utf-8").splitlines(), start=1) if "missing.md" in t)
    for command in (["check"], ["build", "--quiet"]):
        code, out = _run(root, *command)
        assert code == 1, out
        assert f"schemes/s003-p2.yaml:{line}: [prose-relative-link]" in out, out
        assert "missing.md" in out and "../nope/" in out and "Traceback" not in out
    assert not (root / "site").exists()


def test_a_link_within_the_page_passes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744243200")
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    path = root / "schemes" / "s003-p2.yaml"
    path.write_text(path.read_text("utf-8").replace(OLD, '    body: "本单位非领导成员公务员，见[考核内容](#s2)。"\n'), encoding="utf-8")
    code, out = _run(root, "check")
    assert code == 0, out
