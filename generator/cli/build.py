"""`kaohe build`: build one edition of the site and say where it is."""

from __future__ import annotations

import time
from pathlib import Path

from generator.core.errors import EXIT_OK, EXIT_USAGE
from generator.core.report import print_problems, summary_line
from generator.project.workspace import project_root
from generator.site.build import Progress, build_site


def cmd_build(args) -> int:
    root = project_root(args).resolve()
    progress = Progress(getattr(args, "quiet", False))
    started = time.monotonic()
    code, problems, stats = build_site(root, args.audience, args.strict, args.out, progress)
    print_problems(problems)
    if code == EXIT_USAGE:  # out-unsafe: the target folder, not the data, is what to change
        print("网站未生成，目标目录中的文件都没有动。请按上面的提示处理后重新运行 kaohe build。")
        return code
    if code != EXIT_OK:
        print(summary_line(problems, "kaohe build") + " 网站未更新（原有网站保持不变）。")
        return code
    elapsed = time.monotonic() - started
    try:
        shown = Path(stats["site"]).relative_to(Path.cwd())
    except ValueError:
        shown = Path(stats["site"])
    print(f"生成完成：{stats['pages']} 个页面，{stats['notices']} 个公示，{stats['people']} 人次，用时 {elapsed:.1f} 秒，网站在 {shown}/")
    return EXIT_OK
