"""Where a build may publish: `--out` can never replace the project's own data, nor a user's files.

`kaohe build` replaces its target directory with the new site (an atomic swap). The target must
therefore be either absent (created), empty, or a site a previous `kaohe build` made for the same
audience — its manifest.json, recognised by the fields the build writes (data_version,
versions.kaohe-engine, outputs), says so — by this project (it shares an agency with it:
project/identity.py), holding no file that manifest does not list. Never the
project root, a folder that contains it, the project's content/ or schemes/ (or anything inside them),
its .build/, .git/ or site_templates/. The default site/ and site-internal/ follow the same rule: a
folder there made by hand is the user's, not Kaohe's (generator/project/outdir.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.core.problems import Problems
from generator.project.identity import same_project
from generator.project.outdir import first_look, name_some, not_listed

MANIFEST = "manifest.json"
EDITION = {"public": "公开版", "internal": "内部版"}


def kaohe_manifest(folder: Path) -> dict | None:
    """The manifest a `kaohe build` wrote in `folder`, or None (absent, unreadable, or another program's
    manifest.json — a web app's has a "name", perhaps even an "audience", but not these fields)."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # a manifest.json of anyone, nested 100,000 deep
        return None
    if not isinstance(data, dict) or data.get("audience") not in EDITION or not isinstance(data.get("data_version"), str):
        return None
    versions, outputs = data.get("versions"), data.get("outputs")
    if not isinstance(versions, dict) or not isinstance(versions.get("kaohe-engine"), str) or not isinstance(data.get("inputs"), list):
        return None
    if not isinstance(outputs, list) or not all(isinstance(o, dict) and isinstance(o.get("path"), str) for o in outputs):
        return None
    return data


def check_target(root: Path, site_dir: Path, audience: str, problems: Problems, shown: str, default: bool = False) -> bool:
    """True if the build may replace `site_dir`; otherwise an `out-unsafe` problem says why and what to do.
    `default`: the target is the project's own site/ or site-internal/ (no --out), which only changes the advice."""
    root = root.resolve()
    target = site_dir.resolve()
    elsewhere = "请用 --out 指定一个新目录，或以前生成的同一版本网站目录，然后重新运行 kaohe build。"

    def refuse(why: str, fix: str = elsewhere) -> bool:
        problems.add(shown, None, None, "out-unsafe", f"不能把网站生成到 {site_dir if site_dir.is_symlink() else target}：{why}{fix}")
        return False

    looked = first_look(root, site_dir, target, audience)
    if looked is not None:
        return looked is True or refuse(looked.replace("写出时", "生成时"))
    manifest = kaohe_manifest(target)
    if manifest is None:
        found = not_listed(target, set())
        if not found:  # empty folders only: nothing to lose
            return True
        why = ("其中的 manifest.json 不是 kaohe build 写的" if (target / MANIFEST).exists() else "没有 manifest.json")
        fix = ("如要在这里生成网站，先把其中要保留的文件移到别处并删除这个目录，再重新运行 kaohe build；或用 --out 指定一个新目录。"
               if default else elsewhere)
        return refuse(f"这个目录不是 kaohe build 生成的网站（{why}），里面有 {name_some(found)}，生成时会全部删除。", fix)
    if manifest["audience"] != audience:
        return refuse(f"这里是{EDITION[manifest['audience']]}网站，本次生成的是{EDITION.get(audience, audience)}；两个版本不能放在同一目录。")
    if not same_project(manifest.get("project"), root):
        return refuse("这里是另一个项目生成的网站（它的单位与本项目没有一个相同），生成时会被本项目的网站整个替换，那个项目已发布的公示就没有了。",
                      "请用 --out 指定本项目自己的网站目录或一个新目录；确要替换它的，先把这个目录移走或删除，再重新运行 kaohe build。")
    extra = not_listed(target, {o["path"] for o in manifest["outputs"]} | {MANIFEST})
    if extra:
        return refuse(f"这个网站目录里有上次生成之后放进去的文件：{name_some(extra)}，生成时会被删除。",
                      "请先把它们移到别处（网站之外），再重新运行 kaohe build。")
    return True
