"""Input files at a place Kaohe never reads: a decisions file in the scheme's folder without its year
folder, a sheet beside agency.yaml, an old copy in a folder inside the year's. Each one that looks
like a Kaohe input (a results sheet, a decisions, notice or lock file, named right or misnamed) is
reported with the place it belongs, never silently left unread: a committee decision put one folder
too high would otherwise change no grade while `kaohe check` passed.

Read everywhere else: content/site.yaml and holidays.yaml, content/pages/ and content/assets/ (a
hand-written page's files), each agency's agency.yaml, and the year folders (project/discover.py).
"""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Problems
from generator.project.file_names import is_system_file, misnamed, split_name
from generator.project.model import Project

_WHAT = {"results": "成绩表", "decisions": "领导小组决定文件", "notice": "公示设置文件", "lock": "锁定文件", "foreign": "成绩表"}
_CONTENT_OWN = ("site.yaml", "holidays.yaml")


def _skipped(path: Path) -> bool:
    return is_system_file(path.name) or path.is_symlink()  # a link is refused where it is read


def _report(project: Project, path: Path, problems: Problems, where: str) -> None:
    _, kind = split_name(path.name)
    guess = misnamed(path.name) if kind in ("unknown", "results", "foreign") else None
    if kind == "unknown" and guess is None:
        return  # a Word file, a note: not an input
    what = _WHAT[guess.kind if guess else kind]
    problems.add(project.rel(path), None, None, "file-misplaced",
                 f"「{path.name}」看来是{what}，但{where}，Kaohe 不读取这里的文件。{what}要放在单位、方案和年份的目录中："
                 f"content/<单位>/<方案>/<年份>/，如 content/{_example(project, path)}/。请把它移到所属年份的目录；"
                 "是备份或旧文件的，请移出 content/ 目录。")


def _example(project: Project, path: Path) -> str:
    parts = path.relative_to(project.root / "content").parts
    agency = parts[0] if len(parts) > 1 and parts[0] in project.agencies else next(iter(sorted(project.agencies)), "<单位>")
    scheme = parts[1] if len(parts) > 2 and parts[1] in project.schemes else next(iter(sorted(project.schemes)), "<方案>")
    year = parts[2] if len(parts) > 3 and parts[2].isdigit() else "2025"
    return f"{agency}/{scheme}/{year}"


def report_stray_files(project: Project, problems: Problems) -> None:
    content = project.root / "content"
    if not content.is_dir():
        return
    for path in sorted(content.iterdir()):
        if path.is_file() and not _skipped(path) and path.name not in _CONTENT_OWN:
            _report(project, path, problems, "放在 content/ 目录下")
    for agency in sorted(project.agencies):
        agency_dir = content / agency
        for path in sorted(agency_dir.iterdir()) if agency_dir.is_dir() else []:
            if _skipped(path):
                continue
            if path.is_file() and path.name != "agency.yaml":
                _report(project, path, problems, "放在单位目录下（与 agency.yaml 并列）")
            elif path.is_dir() and path.name in project.schemes:
                _scheme_folder(project, path, problems)


def _scheme_folder(project: Project, scheme_dir: Path, problems: Problems) -> None:
    for path in sorted(scheme_dir.iterdir()):
        if _skipped(path):
            continue
        if path.is_file():
            _report(project, path, problems, "放在方案目录下，缺了年份一层目录")
        elif path.is_dir():  # a year folder: its own files are discover's; a folder inside it is never read
            for inner in sorted(path.iterdir()):
                if inner.is_dir() and not _skipped(inner):
                    for found in sorted(p for p in inner.rglob("*") if p.is_file()):
                        if not any(_skipped(Path(part)) for part in found.relative_to(inner).parts) and not _skipped(found):
                            _report(project, found, problems, f"放在年份目录里的子目录「{inner.name}」中")
