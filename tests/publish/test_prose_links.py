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


def test_a_hand_written_page_is_checked_as_scheme_prose_is(tmp_path, monkeypatch):
    """content/pages/*.md is rendered by Kaohe, not mkdocs: a link to another page (x.md) stayed an
    .md href that 404s; its "# " title was shown twice (mkdocs' heading, then as plain text); an
    invisible character passed. Now check and build report them; a clean page is built once titled."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744243200")
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    pages = root / "content" / "pages"
    pages.mkdir()
    page = pages / "about.md"
    page.write_text("# 关于本站\n\n见[手册](../handbooks/s003-p2/index.md)。\n\n零\u200b宽\n", encoding="utf-8")
    for command in (["check"], ["build", "--quiet"]):
        code, out = _run(root, *command)
        assert code == 1, out
        assert "content/pages/about.md: [prose-relative-link] 这一页链接到「../handbooks/s003-p2/index.md」" in out, out
        assert "content/pages/about.md:5: [control-character]" in out, out
    # a title typed with two spaces after the # (it once made the page fail to build)
    page.write_text("#  关于本站 \n\n本站由人事科维护，见[下文](#lianxi)。\n\n## 联系 {#lianxi}\n\n电话 1234。\n", encoding="utf-8")
    code, out = _run(root, "build", "--quiet")
    assert code == 0, out
    html = (root / "site" / "pages" / "about" / "index.html").read_text("utf-8")
    assert html.count("<h1>关于本站</h1>") == 1
    body = html[html.index('<div class="kaohe-prose">'):]
    assert "关于本站" not in body[:200]  # the heading is the page's title, not also its first words
    assert 'href="#lianxi"' in html
    home = (root / "site" / "index.html").read_text("utf-8")
    assert 'href="pages/about/"' in home  # in the nav (其他): a page nothing links to would never be found
    (pages / "z.md").write_text("# 联系<img src=x onerror=alert(1)>\n\n电话\n", encoding="utf-8")
    code, out = _run(root, "build", "--quiet")
    assert code == 0, out
    for built in (root / "site").rglob("*.html"):
        assert "<img src=x" not in built.read_text("utf-8"), built  # the title escaped in <h1>, the nav and <title>
    assert "联系&lt;img src=x" in (root / "site" / "pages" / "z" / "index.html").read_text("utf-8")
    page.write_bytes("# 关于\n\n正文\n".encode("gbk"))
    code, out = _run(root, "check")
    assert code == 1 and "[encoding-unknown] 这一页不是 UTF-8 编码" in out, out
