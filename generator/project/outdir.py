"""Folders Kaohe writes its output into (`kaohe build`, `kaohe check --xlsx-report`), and the rule for them:
never a folder of the project's own data, never a user's files.

An output folder is replaced as a whole, so it must be absent, empty, or Kaohe's own earlier output: a
record Kaohe wrote there (the site's manifest.json, the report's marker) lists every file it made, and the
folder holds nothing else. A file the user added later is never deleted silently: the command refuses and
names it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from generator.project.file_names import is_folder_view_file

PROTECTED = ("content", "schemes", ".build", ".git", "site_templates")
SHOWN = 5  # files named in a refusal; the rest are counted


def inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def unsafe_place(root: Path, target: Path) -> str | None:
    """Why `target` (resolved) can never be an output folder of the project at `root` (resolved), or None."""
    if inside(root, target):
        return "这是项目目录本身或包含项目目录的上级目录，写出时会整个替换掉其中的方案、成绩和锁定文件。"
    for name in PROTECTED:
        if inside(target, root / name):
            return f"它在项目的 {name}/ 目录里，写出时会替换掉其中的文件。"
    return None


# Where `kaohe build` puts each edition when no --out is given: an office copies site/ to its web server.
EDITION_FOLDERS = {"public": ("site", "公开版"), "internal": ("site-internal", "内部版")}


def other_edition_place(root: Path, target: Path, edition: str | None) -> str | None:
    """Why `target` (resolved) may not hold this output (`edition`: the site's audience; None: annotated
    copies): it is, or lies in, the project's folder of another edition. The internal edition, or copies of
    every sheet, in site/ would be published with the public site, every score."""
    for audience, (name, words) in EDITION_FOLDERS.items():
        if audience != edition and inside(target, root / name):
            return (f"它在项目的 {name}/ 目录里，那是{words}网站的位置（kaohe build 不写 --out 时写到这里）；"
                    f"{'标注副本（成绩表的每个单元格）' if edition is None else EDITION_FOLDERS[edition][1] + '网站'}放在这里，"
                    f"会被当作{words}网站一起复制、发布。")
    return None


REPORT_MARKER = ".kaohe-xlsx-report.json"  # what `kaohe check --xlsx-report` writes into its folder


def kaohe_output(folder: Path) -> str | None:
    """What Kaohe output `folder` is ("生成的网站", "标注副本"), or None. Recognised generously: a
    manifest.json naming the Kaohe engine (site/target.py checks the rest before replacing one)."""
    if (folder / REPORT_MARKER).is_file():
        return "kaohe check --xlsx-report 写出的标注副本"
    try:
        data = json.loads((folder / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    versions = data.get("versions") if isinstance(data, dict) else None
    return "kaohe build 生成的网站" if isinstance(versions, dict) and "kaohe-engine" in versions else None


def inside_output(root: Path, target: Path) -> str | None:
    """Why `target` (resolved) may not be written: it lies inside a site or a report Kaohe wrote. The
    internal edition in the public site's folder (site/internal) is published with it, every score.
    The folders above are looked at up to the one holding the project (nothing above it is read)."""
    for folder in target.parents:
        if inside(root, folder):
            return None
        kind = kaohe_output(folder)
        if kind is not None:
            return (f"它在{kind}目录 {folder} 里面：放在那里的内容会随它一起发布或被它替换"
                    "（内部版或标注副本放进公开版网站，就会在公开网站上泄露全部分数）。")
    return None


def not_listed(folder: Path, known: set[str]) -> list[str]:
    """Every file or link in `folder` (relative POSIX paths, sorted) that `known` does not list. Links are
    never followed. An empty folder is not counted, nor the files a system writes into a folder it shows
    (Thumbs.db, desktop.ini, .DS_Store): replacing them loses nothing."""
    found: list[str] = []
    for here, dirs, files in os.walk(folder, followlinks=False):
        base = Path(here).relative_to(folder)
        for name in list(dirs):
            if (Path(here) / name).is_symlink():  # a link to a folder: not Kaohe's, never walked into
                dirs.remove(name)
                files.append(name)
        found += [rel for name in files if (rel := (base / name).as_posix()) not in known and not is_folder_view_file(name)]
    return sorted(found)


def name_some(paths: list[str]) -> str:
    shown = "、".join(paths[:SHOWN])
    return shown + (f" 等 {len(paths)} 个" if len(paths) > SHOWN else "")


def first_look(root: Path, given: Path, target: Path, edition: str | None = None) -> str | bool | None:
    """What every output folder is checked for before its own record: why it can never be one (a
    str), True when it may simply be written (absent, empty, or holding only empty folders), None when
    it holds files, and the caller's record (a manifest, a marker) must account for them.
    `given` as the user wrote it (a link is refused, not followed), `target` resolved; `edition`: the
    audience of the site to be written there, None for annotated copies."""
    unsafe = unsafe_place(root, target) or other_edition_place(root, target, edition) or inside_output(root, target)
    if unsafe:
        return unsafe
    if given.is_symlink():
        return f"它是一个符号链接（指向 {target}），不是目录；Kaohe 不顺着链接写出，以免替换掉链接指向的目录（要写到那里，请直接写出它的路径）。"
    if target.exists() and not target.is_dir():
        return "它是一个文件，不是目录。"
    if not target.exists() or not any(target.iterdir()):
        return True
    return None
