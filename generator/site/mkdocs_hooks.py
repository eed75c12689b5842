"""The one thin place where mkdocs calls us (mkdocs `hooks:`), for `kaohe serve`.

On every (re)build while serving, the docs tree is regenerated from schemes/ and content/; only
files whose bytes changed are rewritten, so mkdocs' dirty rebuild touches a handful of pages.
On a plain `kaohe build` the tree is already written, and these hooks do nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_SERVE_ROOT = "KAOHE_SERVE_ROOT"
_PROGRESS = "KAOHE_PROGRESS"
_state = {"total": 0, "done": 0, "shown": -1}


def on_files(files, config, **kwargs):
    _state.update(total=sum(1 for f in files if f.src_uri.endswith(".md")), done=0, shown=-1)
    return files


def on_page_markdown(markdown, page, **kwargs):
    """Progress while mkdocs renders: a bar on a terminal, a line per quarter in CI logs."""
    if not os.environ.get(_PROGRESS) or not _state["total"]:
        return markdown
    _state["done"] += 1
    done, total = _state["done"], _state["total"]
    if sys.stderr.isatty():
        filled = done * 30 // total
        sys.stderr.write(f"\r  网页 [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()
    else:
        quarter = done * 4 // total
        if quarter != _state["shown"] and quarter > 0:
            _state["shown"] = quarter
            sys.stderr.write(f"  网页 {done}/{total}\n")
    return markdown


def on_pre_build(config, **kwargs):
    root = os.environ.get(_SERVE_ROOT)
    if not root or os.environ.pop("KAOHE_SERVE_TREE_FRESH", None):
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
        # The docs tree is our output, rewritten by on_pre_build during each build; watching it made
        # every change build the whole site twice (once for the edit, once for our own writes).
        server.unwatch(config["docs_dir"])
        for name in ("schemes", "content", "site_templates"):
            path = Path(root) / name
            if path.exists():
                server.watch(str(path))
    return server
