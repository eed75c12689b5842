"""template_cache: a second build's environment uses the templates the first compiled, and a
template edited between builds is compiled afresh (never yesterday's page from today's template)."""

from __future__ import annotations

import jinja2

from generator.site import template_cache


def _env(folder) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False)
    template_cache.keep_compiled(env)
    return env


def test_a_new_environment_reuses_the_compiled_template_and_an_edit_compiles_again(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text("<p>{{ x }} 一</p>", encoding="utf-8")
    compiled = []
    real = jinja2.Environment.compile

    def counting(self, source, *args, **kwargs):
        compiled.append(source)
        return real(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    assert _env(tmp_path).get_template("page.html").render(x=1) == "<p>1 一</p>"
    assert _env(tmp_path).get_template("page.html").render(x=2) == "<p>2 一</p>"
    assert len(compiled) == 1, "the second build compiled the template again"

    (tmp_path / "page.html").write_text("<p>{{ x }} 二</p>", encoding="utf-8")
    assert _env(tmp_path).get_template("page.html").render(x=3) == "<p>3 二</p>"
    assert len(compiled) == 2


def test_environments_set_up_differently_do_not_share_compiled_code(tmp_path):
    (tmp_path / "page.html").write_text("{{ x }}", encoding="utf-8")
    plain = _env(tmp_path)
    escaping = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), autoescape=True)
    template_cache.keep_compiled(escaping)
    assert plain.get_template("page.html").render(x="<b>") == "<b>"
    assert escaping.get_template("page.html").render(x="<b>") == "&lt;b&gt;"
    assert plain.bytecode_cache is not escaping.bytecode_cache
