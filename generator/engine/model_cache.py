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
from collections.abc import Iterable
from pathlib import Path

from generator import ENGINE_VERSION
from generator.engine.results import PeriodResult
from generator.project.model import PeriodFiles, Project


class ModelCache:
    def __init__(self) -> None:
        self._periods: dict[str, PeriodResult] = {}
        self._used: set[str] = set()
        # A period's results sheet as read and checked, by `sheet_key`: a roll-up is graded again when
        # a period it reads changes (a one-cell edit of a quarter), but its own sheet (the year's
        # 2,000 rows on a city) did not change and need not be read again. Not kept on disk.
        self._sheets: dict[str, tuple] = {}
        self._sheet_of: dict[str, str] = {}  # period key → the key of the sheet it was graded from
        self._file_hashes: dict[tuple[str, int, int], str] = {}
        self.hits = 0
        self.misses = 0

    def key(self, project: Project, entry: PeriodFiles, sources: list[str]) -> str:
        scheme_file = project.scheme_files.get(entry.scheme)
        return self._digest(f"kaohe-engine {ENGINE_VERSION}", (entry.agency, entry.scheme, entry.year, entry.label, project.agencies[entry.agency]),
                            [project.root / scheme_file if scheme_file else None, entry.results, entry.decisions, entry.notice], sources)

    def sheet_key(self, project: Project, entry: PeriodFiles) -> str:
        """What reading a period's results sheet reads: the engine version, the period, the agency, the
        scheme file and the results file (by content, and by path, which the problems name)."""
        assert entry.results is not None
        scheme_file = project.scheme_files.get(entry.scheme)
        return self._digest(f"kaohe-sheet {ENGINE_VERSION}", (entry.agency, entry.scheme, entry.year, entry.label, project.agencies[entry.agency],
                                                               str(entry.results)), [project.root / scheme_file if scheme_file else None, entry.results])

    def _digest(self, kind: str, identity: tuple, paths: list[Path | None], sources: Iterable[str] = ()) -> str:
        """The SHA-256 of a kind, an identity (by repr), files by content and keys of other periods."""
        digest = hashlib.sha256(f"{kind}\n".encode())
        digest.update(repr(identity).encode())
        for path in paths:
            digest.update(b"\0" + (self._file_hash(path).encode() if path is not None else b"-"))
        for source in sources:
            digest.update(b"\1" + source.encode())
        return digest.hexdigest()

    def sheet(self, key: str) -> tuple | None:
        """(encoding, rows, mapped headers, the problems reading found) as read before under this key, or None. The
        rows are not changed by grading (results refer to them), so one reading serves every grading."""
        return self._sheets.get(key)

    def keep_sheet(self, key: str, read: tuple) -> None:
        self._sheets[key] = read

    def get(self, key: str) -> PeriodResult | None:
        found = self._periods.get(key)
        if found is not None:
            self.hits += 1
            self._used.add(key)
        return found

    def put(self, key: str, period: PeriodResult, sheet_key: str | None = None) -> None:
        """Keep a period graded under `key` (from the sheet kept under `sheet_key`, if any: the sheet
        is kept as long as a period graded from it is)."""
        self.misses += 1
        self._periods[key] = period
        self._used.add(key)
        if sheet_key is not None:
            self._sheet_of[key] = sheet_key

    def start(self) -> None:
        """A new build begins: count afresh, and remember which entries it uses."""
        self.hits = self.misses = 0
        self._used = set()

    def finish(self) -> None:
        """Forget the periods this build did not use, so the cache holds one model, not a history."""
        self._periods = {k: v for k, v in self._periods.items() if k in self._used}
        self._sheet_of = {k: v for k, v in self._sheet_of.items() if k in self._used}
        wanted = set(self._sheet_of.values())
        self._sheets = {k: v for k, v in self._sheets.items() if k in wanted}

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
