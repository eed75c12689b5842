"""Which paths under a project may be read: inside the project folder and not symbolic links (a link
could lead a build to read, and publish, a file from anywhere on the machine)."""

from __future__ import annotations

import functools
from pathlib import Path

from generator.core.problems import Problems
from generator.project.model import Project


def safe_path(root: Path, path: Path, project: Project, problems: Problems) -> bool:
    """True when `path` may be read: inside the project and not a symlink."""
    shown = project.rel(path)
    if path.is_symlink():
        problems.add(shown, None, None, "file-is-symlink", "这是一个符号链接；为防止读到项目以外的文件，请放入真实文件。")
        return False
    try:
        path.resolve().relative_to(_resolved(root))
    except ValueError:
        problems.add(shown, None, None, "file-outside-project", "文件位于项目目录之外，不予读取。")
        return False
    return True


@functools.lru_cache(maxsize=16)
def _resolved(root: Path) -> Path:
    """The project's own folder resolved once a process, not once a file (a preview discovers at every
    edit). Should the folder itself be re-linked meanwhile, a file of the new one resolves outside the
    old one and is refused, never read."""
    return root.resolve()


def dir_inside(root: Path, path: Path, project: Project, problems: Problems) -> bool:
    """schemes/ or content/ may be a link within the project, never to a place outside it (not even listed)."""
    try:
        path.resolve().relative_to(root)
    except ValueError:
        problems.add(project.rel(path), None, None, "file-outside-project", "目录指向项目目录之外，不予读取。")
        return False
    return True
