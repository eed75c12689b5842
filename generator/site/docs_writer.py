"""The docs tree written as it is generated, for `kaohe build`: a city's internal edition is over a
gigabyte of Markdown, which used to be held whole in memory beside the graded model until written.

DocsWriter is the mapping generate_from() puts each file in: a file whose bytes differ from what
the folder holds is written at once (through a temporary name, so a killed build never leaves half
a file), an unchanged one is left alone; finish() removes what this build did not produce. It keeps
the paths, never the bytes. The folder is Kaohe's own (.build/<audience>/docs), used by one build at
a time (build.py holds the lock while generating).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from pathlib import Path


class DocsWriter(MutableMapping[str, bytes]):
    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.paths: dict[str, None] = {}  # in the order produced
        self.changed: set[str] = set()
        docs_dir.mkdir(parents=True, exist_ok=True)

    def __setitem__(self, rel: str, data: bytes) -> None:
        self.paths[rel] = None
        if write_if_changed(self.docs_dir / rel, data):
            self.changed.add(rel)

    def __getitem__(self, rel: str) -> bytes:
        if rel not in self.paths:
            raise KeyError(rel)
        return (self.docs_dir / rel).read_bytes()

    def __delitem__(self, rel: str) -> None:
        del self.paths[rel]
        (self.docs_dir / rel).unlink(missing_ok=True)
        self.changed.add(rel)

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def finish(self) -> set[str]:
        """Remove files and empty folders this build did not produce; the paths written or removed."""
        self.changed |= remove_others(self.docs_dir, self.paths)
        return self.changed


def write_if_changed(target: Path, data: bytes) -> bool:
    if target.exists() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return True


def remove_others(docs_dir: Path, wanted) -> set[str]:
    removed: set[str] = set()
    for path in sorted(docs_dir.rglob("*"), reverse=True):
        rel = path.relative_to(docs_dir).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            removed.add(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return removed
