"""The computed model kept between the builds of one `kaohe serve` session, by content hash.

A period's key is the SHA-256 of everything its grading reads: the engine version, the scheme file,
the agency's file, the period's results, decisions and notice files, and for a roll-up the keys of
the periods it reads. A one-cell edit changes one period's key (and its roll-up's): only those are
graded again, every other period is reused as the object it was. Page builders use the same keys to
skip pages whose periods did not change (site/page_memo.py).

`kaohe serve` also keeps the model on disk between sessions (site/serve_cache.py): an entry found there is
used only under the key computed from today's files, so it is never trusted without them.

Only `kaohe serve` keeps a cache; `kaohe build` computes everything from the files, so a published
site never depends on what an earlier build left behind.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator import ENGINE_VERSION
from generator.engine.results import PeriodResult
from generator.project.model import PeriodFiles, Project


class ModelCache:
    def __init__(self) -> None:
        self._periods: dict[str, PeriodResult] = {}
        self._used: set[str] = set()
        self._file_hashes: dict[tuple[str, int, int], str] = {}
        self.hits = 0
        self.misses = 0

    def key(self, project: Project, entry: PeriodFiles, sources: list[str]) -> str:
        digest = hashlib.sha256(f"kaohe-engine {ENGINE_VERSION}\n".encode())
        agency = project.agencies[entry.agency]
        digest.update(repr((entry.agency, entry.scheme, entry.year, entry.label, agency)).encode())
        scheme_file = project.scheme_files.get(entry.scheme)
        for path in [project.root / scheme_file if scheme_file else None, entry.results, entry.decisions, entry.notice]:
            digest.update(b"\0" + (self._file_hash(path).encode() if path is not None else b"-"))
        for source in sources:
            digest.update(b"\1" + source.encode())
        return digest.hexdigest()

    def get(self, key: str) -> PeriodResult | None:
        found = self._periods.get(key)
        if found is not None:
            self.hits += 1
            self._used.add(key)
        return found

    def put(self, key: str, period: PeriodResult) -> None:
        self.misses += 1
        self._periods[key] = period
        self._used.add(key)

    def start(self) -> None:
        """A new build begins: count afresh, and remember which entries it uses."""
        self.hits = self.misses = 0
        self._used = set()

    def finish(self) -> None:
        """Forget the periods this build did not use, so the cache holds one model, not a history."""
        self._periods = {k: v for k, v in self._periods.items() if k in self._used}

    def snapshot(self) -> dict[str, PeriodResult]:
        """The periods of the last build, by key (for the preview's cache on disk, site/serve_cache.py)."""
        return dict(self._periods)

    def restore(self, periods: dict[str, PeriodResult]) -> None:
        """Periods kept from an earlier session: found by the same content keys, or never used."""
        self._periods.update(periods)

    def _file_hash(self, path: Path) -> str:
        # Hashing every results file on every rebuild would cost more than the rebuild itself on a
        # city's archive; (path, size, mtime in ns) changes whenever an editor saves the file.
        stat = path.stat()
        marker = (str(path), stat.st_size, stat.st_mtime_ns)
        known = self._file_hashes.get(marker)
        if known is None:
            known = hashlib.sha256(path.read_bytes()).hexdigest()
            self._file_hashes[marker] = known
        return known
