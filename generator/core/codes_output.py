"""Problem codes of the folders Kaohe writes (the site, the annotated report): (title, fix, example), in
the order the user guide lists them after the others. Registered in core/codes.py CODES."""

from __future__ import annotations

OUTPUT_CODES: dict[str, tuple[str, str, str]] = {
    "out-unsafe": (
        "网站不能生成到这个目录",
        "生成会整个替换目标目录，所以它只能是不存在的目录、空目录，或 kaohe build 以前生成的同一版本（公开版/内部版）网站目录，"
        "而且没有后来放进去的文件；不能是项目目录、content/、schemes/ 或其上级，不能是符号链接，"
        "项目的 site/ 只放公开版、site-internal/ 只放内部版。手工建的 site/ 也不会被替换。"
        "用 --out 指定新目录，或把要保留的文件移到别处（必要时删除这个目录）后重新运行 kaohe build。退出码为 2（用法错误）。",
        "kaohe build --out content；site/ 里放着自己的 notes.md",
    ),
    "xlsx-report-unsafe": (
        "标注副本不能写到这个目录",
        "--xlsx-report 会整个替换这个目录，所以它只能是不存在的目录、空目录，或以前写出的标注目录（其中的 .kaohe-xlsx-report.json "
        "记着写出的副本），而且没有后来放进去的文件或改过的副本；不能是项目目录、content/、schemes/ 或其上级，"
        "也不能在网站目录 site/、site-internal/ 里（副本会随网站发布）。"
        "换一个新目录（如 问题标注），或先把那些文件移到别处。退出码为 2（用法错误）。",
        "kaohe check --xlsx-report .",
    ),
    "write-failed": (
        "网站未能写出（磁盘空间不足或没有写入权限）", "清理磁盘空间或检查目录权限后重新生成；原有网站保持不变。", "磁盘已满"
    ),
}
