"""manifest.json: what a build was made from and what it produced, with hashes.

The internal edition's lists every input file (SHA-256, detected encoding, sheet and row counts); the
public edition's only the scheme files, whose rules every handbook publishes. A file under content/ is
never named on the public site: a sheet's hash confirms a draft to anyone holding it, its row count
and a decisions file tell what the 公示 does not, and a scheme with publish: false or a 公示 not yet
started would show through them. Both list the scheme versions, the engine and dependency versions,
and every output file's SHA-256.

The data version shown in each page's footer: on the internal edition a short hash of every input; on
the public edition a short hash of the docs tree it was built from — what the public pages show, and
nothing else — so that two public builds differing only in what the 公示 does not show are the same
bytes, footer and manifest included (not even a changed hash tells that a private sheet changed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from generator import ENGINE_VERSION
from generator.engine.results import PeriodResult
from generator.project.identity import project_marks
from generator.project.model import Project

DEPENDENCIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "jinja2", "pyyaml", "pydantic", "openpyxl", "jieba", "chinesecalendar", "markdown", "nh3")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    """Hashed in chunks: a stray huge file in content/ must not be read into memory at once."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _is_results_file(rel: str) -> bool:
    name = rel.lower()
    return name.endswith((".csv", ".xlsx")) and not name.endswith((".decisions.csv", ".decisions.xlsx"))


def input_files(project: Project) -> list[Path]:
    files = [project.root / name for name in sorted(project.scheme_files.values())]
    content = project.root / "content"
    if content.is_dir():
        files += sorted(p for p in content.rglob("*") if p.is_file() and not p.is_symlink() and not p.name.startswith((".", "~$")))
    return files


def inputs_record(project: Project, periods: list[PeriodResult], audience: str = "internal") -> list[dict]:
    """The manifest's inputs: every file for the internal edition, the scheme files for the public one."""
    if audience != "internal":
        return [{"path": name, "sha256": file_sha256(project.root / name)} for name in sorted(project.scheme_files.values())]
    details: dict[str, dict] = {}
    for period in periods:
        # a roll-up without a sheet of its own lists only its decisions/notice files: no row count for those
        if period.files and _is_results_file(period.files[0]):
            details[period.files[0]] = {"encoding": period.encoding or ("xlsx" if period.files[0].lower().endswith(".xlsx") else None),
                                        "rows": len(period.people), "period": period.key}
    records = []
    for path in input_files(project):
        rel = project.rel(path)
        record = {"path": rel, "sha256": file_sha256(path)}
        record.update(details.get(rel, {}))
        records.append(record)
    return records


def data_version(records: list[dict]) -> str:
    digest = hashlib.sha256()
    for record in records:
        digest.update(f"{record['path']}\0{record['sha256']}\n".encode())
    return digest.hexdigest()[:12]


def docs_version(docs_dir: Path, paths: Iterable[str]) -> str:
    """The public edition's data version: a short hash of its docs tree (every page and file mkdocs
    publishes, by path), so it is derived only from what the public site shows."""
    digest = hashlib.sha256()
    for rel in sorted(paths):
        digest.update(f"{rel}\0{file_sha256(docs_dir / rel)}\n".encode())
    return digest.hexdigest()[:12]


def versions() -> dict[str, str]:
    found = {"kaohe-engine": ENGINE_VERSION}
    for name in DEPENDENCIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def write_manifest(site_dir: Path, project: Project, records: list[dict], audience: str, version: str) -> None:
    outputs = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel == "manifest.json":
            continue
        outputs.append({"path": rel, "sha256": file_sha256(path)})
    manifest = {
        "audience": audience,
        "data_version": version,
        "inputs": records,
        "schemes": {code: {"name": s.name, "version": s.version, "file": project.scheme_files[code]} for code, s in sorted(project.schemes.items())},
        "versions": versions(),
        "outputs": outputs,
        "project": project_marks(project.root),  # whose site this is: another project's build never replaces it (site/target.py)
    }
    (site_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
