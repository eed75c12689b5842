"""Issue 12 findings 4 and 8 (codes, folders, init): every code that reaches a URL, an id or a file name
is a safe slug; an agency folder whose name is not UTF-8 or not a slug is a reported problem (never
a traceback); `kaohe init` writes nothing outside its target."""

from __future__ import annotations

import contextlib
import io
import os

import pytest

from generator.cli import main
from generator.engine.compute import load_everything
from tests.archive.util import make_project

AGENCY, SCHEME = "yunxi-czj", "s003-p2"


def run(*args) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(list(args))
    assert "Traceback" not in out.getvalue()
    return code, out.getvalue()


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1752148800")
    return make_project(tmp_path / "proj", [AGENCY])


def _line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), start=1) if needle in line)


@pytest.mark.parametrize(("old", "new"), [
    ("  - code: pingshi\n", "  - code: \"ps onmouseover=alert(1)\"\n"),
    ("{code: de1, ", "{code: \"de1{: onclick=x }\", "),
])
def test_unsafe_codes_are_reported_where_they_are(project, old, new):
    path = project / "schemes" / f"{SCHEME}.yaml"
    text = path.read_text("utf-8")
    if old not in text:
        pytest.skip(f"{old!r} not in the scheme")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = _line_of(path, new.strip())
    _, _, problems = load_everything(project)
    found = [(p.file, p.line, p.code) for p in problems.errors if p.code == "code-unsafe"]
    assert found == [(f"schemes/{SCHEME}.yaml", line, "code-unsafe")]


def test_the_scheme_has_the_codes_the_test_above_edits(project):
    text = (project / "schemes" / f"{SCHEME}.yaml").read_text("utf-8")
    assert "  - code: pingshi\n" in text and "{code: de1, " in text


def test_an_agency_folder_that_is_not_utf8(project):
    bad = os.fsencode(project / "content") + b"/\xbf\xbc\xba\xcb"  # 考核 in GBK, as unzipped on Linux
    os.makedirs(bad)
    with open(bad + b"/agency.yaml", "wb") as handle:
        handle.write("name: 某局\n".encode())
    for command in (["check"], ["build", "--quiet"]):
        code, out = run("-C", str(project), *command)
        assert code == 1
        assert "content/\\xbf\\xbc\\xba\\xcb: [folder-name-invalid]" in out, out


def test_an_agency_folder_that_is_not_a_slug(project):
    (project / "content" / AGENCY).rename(project / "content" / "云溪 财政局")
    code, out = run("-C", str(project), "check")
    assert code == 1 and "content/云溪 财政局: [folder-name-invalid]" in out


@pytest.mark.parametrize("code", ["../../x", "../x", "/tmp/x", "a/b", "x y"])
def test_init_refuses_codes_outside_its_target(tmp_path, code):
    target = tmp_path / "deep" / "new-site"
    status, out = run("init", str(target), "--code", code, "--agency", "某局")
    assert status == 2 and "单位代码" in out
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == []


def test_init_quotes_the_agency_name(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1752148800")
    target = tmp_path / "site"
    status, _ = run("init", str(target), "--agency", "某局: #1 {x}")
    assert status == 0
    code, out = run("-C", str(target), "check")
    assert code == 0, out
