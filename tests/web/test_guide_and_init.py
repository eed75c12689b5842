"""The user guide covers every rule kind and problem code; `kaohe init` gives a site that checks and builds."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.cli import main
from generator.core.problems import CODES
from generator.scheme.policy_docs import POLICY_DOCS
from generator.scheme.rules import RULES
from generator.site.pages_guide import build_guide
from tests.web.util import build


class _Ctx:
    class project:  # noqa: N801 - a minimal stand-in for SiteContext.project
        schemes = {"s003-p2": None}


def guide_text() -> str:
    return "\n".join(page.text for page in build_guide(_Ctx()))


def test_every_rule_kind_has_a_guide_entry_with_an_example():
    text = guide_text()
    for kind, cls in RULES.items():
        assert f"{{#rule-{kind}}}" in text, kind
        assert cls.TITLE and cls.__doc__ and cls.EXAMPLE.strip(), kind
        assert f"kind: {kind}" in cls.EXAMPLE or f"kind: {kind}" in text, kind
    for key, _title, _words, example in POLICY_DOCS:
        assert f"{{#policy-{key}}}" in text and example.strip()


def test_every_policy_example_in_the_guide_is_valid_scheme_yaml():
    """The guide's examples are loaded as a scheme would be and validated against the models: a renamed
    key or a changed shape fails here, not in an HR office that copied the example."""
    from pydantic import TypeAdapter

    from generator.core.problems import Problems
    from generator.scheme.model import Assessment, Scheme
    from generator.scheme.yaml_source import load_yaml_text

    for key, _title, _words, example in POLICY_DOCS:
        problems = Problems()
        data, _ = load_yaml_text(example, f"guide:{key}", problems)
        assert not problems.items and isinstance(data, dict) and key in data, (key, problems.items)
        for field, value in data.items():
            model = Assessment if field in Assessment.model_fields else Scheme
            assert field in model.model_fields, (key, field)
            TypeAdapter(model.model_fields[field].annotation).validate_python(value)


def test_every_problem_code_has_a_guide_entry():
    text = guide_text()
    for code, info in CODES.items():
        assert f"## {code} {{#{code}}}" in text, code
        assert info.title and info.fix and info.example


def test_init_gives_a_site_that_checks_and_builds(tmp_path, capsys):
    target = tmp_path / "newsite"
    assert main(["init", str(target), "--from", "s003-p2", "--agency", "示例市统计局"]) == 0
    assert (target / "schemes" / "s003-p2.yaml").exists()
    # the agency folder is the name in pinyin when --code is not given (was always danwei)
    assert (target / "content" / "shilishitongjiju" / "agency.yaml").read_text("utf-8").startswith("name: 示例市统计局")
    assert list((target / "content" / "shilishitongjiju" / "s003-p2").rglob("*.csv"))
    assert main(["-C", str(target), "check"]) == 0
    assert build(target) == 0
    assert (target / "site" / "index.html").exists()
    assert main(["init", str(target)]) == 2  # refuses a non-empty directory


def test_init_writes_the_schema_hint_and_a_gitignore_that_keeps_git_status_clean(tmp_path):
    import shutil
    import subprocess

    from generator.scheme.json_schema import SCHEMA_HINT

    if shutil.which("git") is None:  # pragma: no cover - git is installed where the suite runs
        return
    target = tmp_path / "newsite"
    assert main(["init", str(target), "--from", "s002-zhijian", "--agency", "示例县质监局"]) == 0
    assert (target / "schemes" / "s002-zhijian.yaml").read_text("utf-8").startswith(SCHEMA_HINT + "\n")
    assert (target / "schemes" / "schema.json").exists()
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(tmp_path)}

    def git(*args):
        return subprocess.run(["git", *args], cwd=target, env=env, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "init")
    assert build(target) == 0
    assert build(target, "--audience", "internal") == 0
    assert main(["-C", str(target), "check", "--xlsx-report", str(target / "问题标注")]) == 0
    assert (target / "site").is_dir() and (target / "site-internal").is_dir()
    assert git("status", "--porcelain", "--untracked-files=all") == ""
    readme = (target / "README.md").read_text("utf-8")
    assert "lock.json" in readme
    # the steps as the guide gives them: build --strict and check the 公示 page, close once it is over, then the forms
    assert "kaohe build --strict" in readme and "kaohe serve" in readme and "公示未结束时不能关闭" in readme and "「汇总表」" in readme


@pytest.mark.parametrize("now, seed", [
    (dt.datetime(2027, 1, 1, 16, 30, tzinfo=dt.UTC), "s003-p2"),  # 2027-01-02 00:30 in Beijing: no 2027 period is over yet
    (dt.datetime(2026, 6, 15, 2, 0, tzinfo=dt.UTC), "s000-gangwei"),  # an annual scheme in June: this year's is not over
    (dt.datetime(2027, 1, 4, 1, 0, tzinfo=dt.UTC), "s000-gangwei"),  # a Monday the built-in calendar does not know
])
def test_init_on_any_day_gives_a_site_that_checks(tmp_path, monkeypatch, capsys, now, seed):
    """kaohe init's sample 公示 is of a period already over, starting today, on a calendar that knows today."""
    from generator.core import clock

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(clock, "_now", lambda: now)
    target = tmp_path / "newsite"
    assert main(["init", str(target), "--from", seed, "--agency", "示例局"]) == 0
    capsys.readouterr()
    assert main(["-C", str(target), "check"]) == 0, capsys.readouterr().out
