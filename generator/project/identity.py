"""Which project a built site was built from, so that `kaohe build --out` never replaces another project's.

A site's manifest records its project as marks: one per agency folder code and one per agency name
(agency.yaml `name`), each a short SHA-256, so that the manifest adds nothing a reader could not already
see on the pages (a code or name is not spelled out in it). A later build may replace that site when
the two projects share a mark: the same project in another folder or checkout, a project that gained
or dropped an agency, an agency that renamed its folder or its name (not both at once). A site that
shares none was built for other agencies, by another project: replacing it would lose that project's
published 公示, so the build refuses. The absolute path of the project is no mark: a copy of a project
must build the same bytes, and the path would tell a reader of the public manifest whose drive it is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.core.problems import Problems
from generator.scheme.yaml_source import load_yaml

# `kaohe init`'s default folder code (单位): every project made without --code has it, so it tells no
# project from another; such a project is known by its agency's name
GENERIC_CODES = frozenset({"danwei"})


def _mark(kind: str, value: str) -> str:
    return hashlib.sha256(f"kaohe-project\0{kind}\0{value}".encode()).hexdigest()[:16]


def project_marks(root: Path) -> list[str]:
    """The marks of the project at `root`: its agency folders under content/ and the names their
    agency.yaml gives (an unreadable agency.yaml adds only its folder's mark; kaohe check reports it)."""
    content = root / "content"
    marks: set[str] = set()
    try:
        folders = sorted(p for p in content.iterdir() if p.is_dir() and not p.is_symlink() and (p / "agency.yaml").is_file())
    except OSError:
        return []
    for folder in folders:
        if folder.name not in GENERIC_CODES:
            marks.add(_mark("code", folder.name))
        data, _ = load_yaml(folder / "agency.yaml", Problems())
        name = data.get("name") if isinstance(data, dict) else None
        if isinstance(name, str) and name.strip():
            marks.add(_mark("name", " ".join(name.split())))
    return sorted(marks)


def same_project(recorded, root: Path) -> bool:
    """Whether a site whose manifest recorded `recorded` may be replaced by a build of `root`: it
    shares a mark with it, or records none (built by a Kaohe before this record: it cannot tell)."""
    if not isinstance(recorded, list) or not recorded:
        return True
    return bool(set(recorded) & set(project_marks(root)))
