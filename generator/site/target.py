"""Where a build may publish: `--out` can never replace the project's own data.

`kaohe build` replaces its target directory with the new site (an atomic swap). The target must
therefore be either absent (created), empty, or a site a previous `kaohe build` made for the same
audience — its manifest.json says so. Never the project root, a folder that contains it, the
project's content/ or schemes/ (or anything inside them), its .build/ or .git/.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.problems import Problems

PROTECTED = ("content", "schemes", ".build", ".git", "site_templates")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(root: Path, site_dir: Path, audience: str, problems: Problems, shown: str, default: bool = False) -> bool:
    """True if the build may replace `site_dir`; otherwise an `out-unsafe` problem says why. The default
    site/ and site-internal/ folders are the project's own: one without a manifest (made by hand, or by
    an old version) may be replaced, one made for the other audience may not."""
    root = root.resolve()
    target = site_dir.resolve()

    def refuse(why: str) -> bool:
        problems.add(shown, None, None, "out-unsafe", f"不能把网站生成到 {target}：{why}请用 --out 指定一个新目录，或以前生成的同一版本网站目录。")
        return False

    if _inside(root, target):
        return refuse("这是项目目录本身或包含项目目录的上级目录，生成时会整个替换掉其中的方案、成绩和锁定文件。")
    for name in PROTECTED:
        if _inside(target, root / name):
            return refuse(f"它在项目的 {name}/ 目录里，生成时会替换掉其中的文件。")
    if site_dir.is_symlink() or (target.exists() and not target.is_dir()):
        return refuse("它是一个文件或符号链接，不是网站目录。")
    if not target.exists() or not any(target.iterdir()):
        return True
    manifest = target / "manifest.json"
    try:
        made_for = json.loads(manifest.read_text("utf-8")).get("audience") if manifest.is_file() else None
    except (OSError, ValueError, AttributeError):
        made_for = None
    if made_for is None and not default:
        return refuse("这个目录不是 kaohe build 生成的网站（没有 manifest.json），生成时会把其中的文件全部替换掉。")
    if made_for is not None and made_for != audience:
        edition = {"public": "公开版", "internal": "内部版"}
        return refuse(f"这里是{edition.get(made_for, made_for)}网站，本次生成的是{edition.get(audience, audience)}；两个版本不能放在同一目录。")
    return True
