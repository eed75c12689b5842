"""The one thin place where mkdocs calls us (mkdocs `hooks:`), for `kaohe serve`.

On every (re)build while serving, the docs tree is regenerated from schemes/ and content/; only
files whose bytes changed are rewritten, so mkdocs' dirty rebuild touches a handful of pages.
On a plain `kaohe build` the tree is already written, and these hooks do nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

_SERVE_ROOT = "KAOHE_SERVE_ROOT"


def on_pre_build(config, **kwargs):
    root = os.environ.get(_SERVE_ROOT)
    if not root:
        return
    # mkdocs loads a hooks file as a standalone module, so imports are absolute.
    from generator.problems import Problems
    from generator.site.generate import generate, write_tree

    problems = Problems()
    audience = config["extra"].get("kaohe", {}).get("audience", "public")
    generated = generate(Path(root), audience, problems)
    for problem in problems.sorted():
        print(problem.format())
    if problems.has_errors():
        print("有错误：页面未更新，改正后保存即可自动重新生成。")
        return
    write_tree(Path(config["docs_dir"]), generated.files)


def on_serve(server, config, builder, **kwargs):
    root = os.environ.get(_SERVE_ROOT)
    if root:
        for name in ("schemes", "content", "site_templates"):
            path = Path(root) / name
            if path.exists():
                server.watch(str(path))
    return server
