"""The project's own mkdocs.yml: `kaohe init` writes it, an office may edit it (a colour, a logo), and
every build INHERITs it. Read here as mkdocs reads it (its YAML loader, INHERIT followed file by file)
before a build or a check relies on it: a file that is no mapping of settings made mkdocs crash (an
internal error, exit 3), an INHERIT loop recurse without end. What the offline guarantee rests on
(no web fonts) is set by build.py whatever the file says.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Problems


def base_config(root: Path) -> Path:
    """The project's mkdocs.yml (`kaohe init` writes one), or the packaged one."""
    own = (root / "mkdocs.yml").resolve()
    return own if own.exists() else Path(__file__).resolve().parents[2] / "mkdocs.yml"


def mkdocs_yml_problem(root: Path, problems: Problems) -> bool:
    """Whether the project's mkdocs.yml, and each file it INHERITs, is a mapping of settings, read as
    mkdocs reads it; if not, a problem says so (mkdocs itself crashed on a list or a line of text)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    path, seen, why = base_config(root), set(), None
    while why is None and path not in seen:
        seen.add(path)
        try:
            with open(path, "rb") as handle:
                data = yaml.load(handle, Loader=get_yaml_loader())
        except Exception as exc:  # noqa: BLE001 - a YAML slip, or a !!python tag that fails: the file's fault
            mark = getattr(exc, "problem_mark", None)
            where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark is not None else ""
            words = getattr(exc, "problem", None) or " ".join(str(exc).split())
            why = f"{path.name} {where}不是有效的 YAML（{words}；常见原因是缩进没有对齐）"
            break
        if data is None:
            break
        if not isinstance(data, dict):
            why = f"{path.name} 应是「键: 值」形式的网站设置（如 site_name: 考核办法与考核结果），现在是{'列表' if isinstance(data, list) else '一段文字'}"
        elif "INHERIT" in data:
            path = (path.parent / str(data["INHERIT"])).resolve()
            why = None if path.is_file() else f"INHERIT 指向的 {data['INHERIT']} 不存在"
        else:
            break
    else:
        why = why or f"INHERIT 又指回了 {path.name}，形成循环"
    if why:
        problems.add("mkdocs.yml", None, None, "file-unreadable",
                     f"网站设置文件不能使用：{why}。请改正；或换回 kaohe init 写出的 mkdocs.yml（删去它则用 Kaohe 自带的设置）。")
    return why is not None
