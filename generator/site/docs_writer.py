"""The docs tree written to Kaohe's own folder, without holding or re-reading what need not be.

`kaohe build` writes each file as generate_from() makes it (a city's internal edition is over a
gigabyte of Markdown, once held whole in memory beside the graded model until written): a file whose
bytes differ from what the folder holds is written at once, through a temporary name so that a
killed build never leaves half a file; an unchanged one is left alone (and keeps its time); finish()
removes what this build did not produce. It keeps the paths, never the bytes. The folder
(.build/<audience>/docs) is used by one build at a time: build.py holds the lock while generating.

The preview keeps one writer for its session (`session=True`). It writes only when its rebuild had
no errors (finish(); a rebuild with errors calls start() again and nothing is written), and it
remembers the text or bytes object it last wrote at each path: a page the page memo handed back
unchanged — the very same object — is known to be on disk without reading it (every edit used to
read the whole folder again: a gigabyte on a city's internal edition), and a page rebuilt with
equal text is compared in memory. Nothing else writes that folder.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from pathlib import Path


class DocsWriter(MutableMapping[str, bytes]):
    def __init__(self, docs_dir: Path, session: bool = False):
        self.docs_dir = docs_dir
        self.session = session
        self.paths: dict[str, str | bytes | None] = {}  # in the order produced; the preview's waiting content
        self.changed: set[str] = set()
        self.written: dict[str, str | bytes] = {}  # the preview's: what is on disk at each path, as last put
        self.walked = False  # the preview's: the folder was walked once, and holds only what `written` lists

    def start(self) -> None:
        """A new generation into the same folder (the preview's next rebuild); drops what was waiting."""
        self.paths, self.changed = {}, set()

    def put_text(self, rel: str, text: str) -> None:
        """A page's Markdown, encoded only if it is to be written."""
        if self.session:
            self.paths[rel] = text
        else:
            self[rel] = text.encode("utf-8")

    def __setitem__(self, rel: str, data: bytes) -> None:
        if self.session:
            self.paths[rel] = data
            return
        self.paths[rel] = None
        if write_if_changed(self.docs_dir / rel, data):
            self.changed.add(rel)

    def __getitem__(self, rel: str) -> bytes:
        if rel not in self.paths:
            raise KeyError(rel)
        waiting = self.paths[rel]
        if waiting is not None:
            return waiting.encode("utf-8") if isinstance(waiting, str) else waiting
        return (self.docs_dir / rel).read_bytes()

    def __delitem__(self, rel: str) -> None:
        del self.paths[rel]
        (self.docs_dir / rel).unlink(missing_ok=True)
        self.changed.add(rel)

    def __contains__(self, rel: object) -> bool:  # without reading the file, as Mapping's would
        return rel in self.paths

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)

    def finish(self) -> set[str]:
        """Write what waits (the preview), remove files and empty folders this generation did not
        produce; the paths written or removed."""
        self.docs_dir.mkdir(parents=True, exist_ok=True)
        if self.session:
            for rel, seen in self.paths.items():
                assert seen is not None
                previous = self.written.get(rel)
                if previous is not None and (previous is seen or previous == seen):
                    continue  # what was written here last, so on disk still
                if write_if_changed(self.docs_dir / rel, seen.encode("utf-8") if isinstance(seen, str) else seen):
                    self.changed.add(rel)
                self.written[rel] = seen
            gone = [rel for rel in self.written if rel not in self.paths]
            self.written = {rel: seen for rel, seen in self.written.items() if rel in self.paths}
            if self.walked:  # every file in the folder is one it wrote: only those it no longer produces go
                self.changed |= remove_listed(self.docs_dir, gone)
                return self.changed
            self.walked = True  # the first time, the folder may hold files of an earlier session
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


def remove_listed(docs_dir: Path, gone: list[str]) -> set[str]:
    """Remove these files, and the folders they leave empty."""
    for rel in gone:
        target = docs_dir / rel
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == docs_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    return set(gone)


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
