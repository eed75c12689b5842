"""The project's own mkdocs.yml (kaohe init writes it; an office may edit it for a colour or a logo) is
the base of every build, and what the offline guarantee rests on is not left to it:

- the theme's web fonts stay off whatever it says: an emptied mkdocs.yml, or one naming a font,
  made the theme load Google Fonts on every page (the scan then failed the build on 56 pages, naming
  fonts.gstatic.com and not the file to fix);
- a file that is not a mapping of settings (a list, a stray string, an INHERIT of such a file) is a
  reported problem at mkdocs.yml, not an internal error (exit 3)."""

from __future__ import annotations

import pytest

from generator.cli import main
from tests.archive.util import EPOCH, REPO, make_project


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return make_project(tmp_path / "proj", ["heting-kx"])


@pytest.mark.parametrize("text", ["", "theme:\n  name: material\n  font:\n    text: Roboto\n"])
def test_web_fonts_stay_off_whatever_mkdocs_yml_says(project, capsys, text):
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert main(["-C", str(project), "build", "--quiet"]) == 0, capsys.readouterr().out[-1500:]
    pages = "".join(p.read_text("utf-8") for p in (project / "site").rglob("*.html"))
    assert "fonts.googleapis.com" not in pages and "fonts.gstatic.com" not in pages


@pytest.mark.parametrize("text", ["- site_name\n- x\n", "just a line of text\n", "INHERIT: other.yml\n"])
def test_a_mkdocs_yml_that_is_no_settings_is_a_reported_problem(project, capsys, text):
    (project / "other.yml").write_text("- a\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    assert main(["-C", str(project), "check"]) == 1  # a passing check means a build that can run
    assert "mkdocs.yml: [file-unreadable]" in capsys.readouterr().out
    assert main(["-C", str(project), "build", "--quiet"]) == 1
    printed = capsys.readouterr()
    assert "内部错误" not in printed.out + printed.err and "Traceback" not in printed.out + printed.err
    assert any(line.startswith("mkdocs.yml: [file-unreadable]") and "mkdocs.yml" in line for line in printed.out.splitlines()), printed.out
    assert not (project / "site").exists()


def test_the_preview_reports_it_too(project, capsys):
    """`kaohe serve` rebuilds on every save of mkdocs.yml: a slip there is reported and the preview waits."""
    from generator.site.serve import PreviewSession

    (project / "mkdocs.yml").write_text("- a\n", encoding="utf-8")
    session = PreviewSession(project.resolve(), "public")
    try:
        assert session.rebuild() is False
    finally:
        session.stop()
    assert "mkdocs.yml: [file-unreadable]" in capsys.readouterr().out


def _with(root, old: str, new: str) -> int:
    """The demo's mkdocs.yml with `old` replaced by `new`; the line number where `new` begins."""
    text = (root / "mkdocs.yml").read_text("utf-8") if (root / "mkdocs.yml").exists() else (REPO / "mkdocs.yml").read_text("utf-8")
    assert old in text
    (root / "mkdocs.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1 + new[: len(new) - len(new.lstrip("\n"))].count("\n")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("site_name:", "site_url: http://oa.example.gov.cn/kaohe/\nsite_name:", "请删去 site_url 这一行"),
        ("  - assets/kaohe.js\n", "  - assets/kaohe.js\n  - https://cdn.example.com/jquery.min.js\n", "https://cdn.example.com/jquery.min.js"),
    ],
)
def test_an_address_written_in_mkdocs_yml_is_one_problem_at_its_line_not_one_per_page(project, capsys, old, new, words):
    line = _with(project, old, new) + (1 if new.startswith("  - assets/kaohe.js") else 0)
    assert main(["-C", str(project), "build", "--quiet"]) == 1
    out = capsys.readouterr().out
    listed = [row for row in out.splitlines() if "[external-url]" in row]
    assert len(listed) == 1, listed
    assert listed[0].startswith(f"mkdocs.yml:{line}") and words in listed[0] and "个页面" in listed[0]


def test_an_unknown_markdown_extension_is_said_in_chinese_at_its_line(project, capsys):
    line = _with(project, "  - tables\n", "  - tables\n  - pymdownx.nosuch\n") + 1
    assert main(["-C", str(project), "build", "--quiet"]) == 1
    out = capsys.readouterr().out
    listed = [row for row in out.splitlines() if row.startswith("mkdocs.yml")]
    assert len(listed) == 1, listed
    assert listed[0].startswith(f"mkdocs.yml:{line}: [file-unreadable] markdown_extensions 中的「pymdownx.nosuch」无法加载")
    assert "Aborted" not in out
