"""`kaohe serve`: build the docs tree once, then let mkdocs serve it with live reload.

The hooks (mkdocs_hooks.py) regenerate the tree when a scheme or results file changes.
"""

from __future__ import annotations

import os
import sys

from ..cli import EXIT_PROBLEMS, print_problems, project_root, summary_line
from ..problems import Problems
from .build import BUILD_DIR, mkdocs_config, temp_dir_inside
from .generate import generate, write_tree
from .manifest import data_version, inputs_record


def cmd_serve(args) -> int:
    root = project_root(args).resolve()
    problems = Problems()
    generated = generate(root, args.audience, problems)
    print_problems(problems)
    if problems.has_errors():
        print(summary_line(problems))
        return EXIT_PROBLEMS
    work = root / BUILD_DIR / f"serve-{args.audience}"
    work.mkdir(parents=True, exist_ok=True)
    write_tree(work / "docs", generated.files)
    version = data_version(inputs_record(generated.project, generated.periods))
    config = mkdocs_config(root, args.audience, work / "docs", work / "site", generated, version, work)
    del generated  # each rebuild regenerates; holding the first model for the whole session only costs memory
    os.environ["KAOHE_SERVE_ROOT"] = str(root)
    os.environ["KAOHE_SERVE_TREE_FRESH"] = "1"  # the first (initial) build need not regenerate the tree just written
    from mkdocs.commands.serve import serve

    print(f"网站预览地址：http://{args.addr}/  （修改方案或成绩表后自动刷新；按 Ctrl+C 停止）", flush=True)
    sys.stdout.flush()
    with temp_dir_inside(root):  # jieba's cache and openpyxl's temporary files stay in the project
        serve(config_file=str(config), dev_addr=args.addr, livereload=True, strict=False)
    return 0
