"""Issue 12 finding 7: Markdown rendering of scheme text is time-bounded. A section body of 20,000 `[`
(most of a minute in Python-Markdown; 200,000 would take an hour) is a reported problem, found by
`kaohe check` and `kaohe build` alike, within seconds."""

from __future__ import annotations

import contextlib
import io
import time

from generator.cli import main
from generator.site.prose import PER_TEXT_SECONDS, render_prose
from tests.archive.util import make_project


def test_render_prose_gives_up_on_a_pathological_text_only():
    started = time.monotonic()
    results = render_prose(["一段 *正文*。", "[" * 20000, "另一段。"])
    assert time.monotonic() - started < PER_TEXT_SECONDS + 10
    assert results[0] == '<div class="kaohe-prose"><p>一段 <em>正文</em>。</p></div>'
    assert results[1] is None
    assert results[2] == '<div class="kaohe-prose"><p>另一段。</p></div>'


def test_check_and_build_report_it_at_the_section(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1752148800")
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    path = root / "schemes" / "s003-p2.yaml"
    text = path.read_text("utf-8")
    old = "    body: 本单位非领导成员公务员（含参公人员）。\n"
    assert old in text
    path.write_text(text.replace(old, '    body: "' + "[" * 20000 + '"\n'), encoding="utf-8")
    line = next(i for i, t in enumerate(path.read_text("utf-8").splitlines(), start=1) if t.strip() == "- title: 考核对象")
    for command in (["check"], ["build", "--quiet"]):
        out = io.StringIO()
        started = time.monotonic()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["-C", str(root), *command])
        assert time.monotonic() - started < 60
        assert code == 1, out.getvalue()
        assert f"schemes/s003-p2.yaml:{line}: [text-too-complex]" in out.getvalue(), out.getvalue()
