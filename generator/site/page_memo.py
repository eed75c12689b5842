"""Pages from the previous build of one `kaohe serve` session, reused when their inputs are the same.

A page built from periods is keyed by what it is (kind, agency, year…) and by the content keys of
those periods (engine/model_cache.py). Everything else a page can depend on — the build date, the holiday
calendar, the settings, the schemes, the agencies and the templates — goes into one site-wide key;
when that changes, every page is built afresh. `kaohe build` never uses a memo: a published site is
always rendered whole from its files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from generator.engine.results import PeriodResult
from generator.project.model import Project

T = TypeVar("T")
TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates"


class PageMemo:
    def __init__(self) -> None:
        self._site_key: str | None = None
        self._entries: dict[tuple, Any] = {}
        self._used: set[tuple] = set()
        self._derived: dict[tuple[str, int], tuple[PeriodResult, Any]] = {}  # see per_period
        self._derived_used: set[tuple[str, int]] = set()
        self._kept: dict[str, Any] = {}  # see kept
        self.hits = 0
        self.misses = 0

    def start(self, site_key: str) -> None:
        """A new build begins; pages of a build with another site-wide key are of no use."""
        if site_key != self._site_key:
            self._entries = {}
            self._site_key = site_key
        self._used = set()
        self._derived_used = set()
        self.hits = self.misses = 0

    def finish(self) -> None:
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._derived = {k: v for k, v in self._derived.items() if k in self._derived_used}

    def per_period(self, kind: str, period: PeriodResult, build: Callable[[PeriodResult], T]) -> T:
        """build(period), kept while the same result object is in use: the model cache hands back the
        very object of a period that did not change, so a grouping of its 4,000 people is made once a
        session, not once an edit. Held with the object (its id cannot be reused meanwhile), dropped
        when a build no longer uses it, and never written to disk (snapshot leaves it out)."""
        key = (kind, id(period))
        self._derived_used.add(key)
        held = self._derived.get(key)
        if held is not None and held[0] is period:
            return held[1]
        value = build(period)
        self._derived[key] = (period, value)
        return value

    def kept(self, name: str, make: Callable[[], T]) -> T:
        """An object a preview session keeps from build to build (made by make() the first time),
        for what is updated from the last build rather than made again. Never written to disk."""
        if name not in self._kept:
            self._kept[name] = make()
        return self._kept[name]

    def snapshot(self) -> tuple[str | None, dict[tuple, Any]]:
        """The site-wide key and the pages of the last build (for site/serve_cache.py)."""
        return self._site_key, dict(self._entries)

    def restore(self, site_key: str | None, entries: dict[tuple, Any]) -> None:
        """Pages kept from an earlier session; start() drops them unless the site-wide key is the same."""
        self._site_key, self._entries = site_key, dict(entries)

    def get_or_build(self, key: tuple, build: Callable[..., T], args: tuple) -> T:
        self._used.add(key)
        if key in self._entries:
            self.hits += 1
            return self._entries[key]
        self.misses += 1
        value = self._entries[key] = build(*args)
        return value


def per_period(memo: PageMemo | None, kind: str, period: PeriodResult, build: Callable[[PeriodResult], T]) -> T:
    """build(period); in a preview session, once per result object (PageMemo.per_period)."""
    return build(period) if memo is None else memo.per_period(kind, period, build)


def memoized(memo: PageMemo | None, what: tuple, periods: Iterable[PeriodResult], build: Callable[..., T], *args: Any) -> T:
    """build(*args), or what it returned last time for the same `what` and the same periods' contents."""
    if memo is None:
        return build(*args)
    keys = tuple(p.input_key for p in periods)
    if any(k is None for k in keys):
        return build(*args)
    return memo.get_or_build((what, keys), build, args)


def memoized_on(memo: PageMemo | None, what: tuple, build: Callable[..., T], *args: Any) -> T:
    """build(*args), or what it returned last time for the same `what`: for a page whose key holds
    the content it shows (content keys made by the caller), rather than its periods' input keys."""
    if memo is None:
        return build(*args)
    return memo.get_or_build(what, build, args)


def memoized_bytes(memo: PageMemo | None, kind: str, value: Any, build: Callable[[Any], bytes]) -> bytes:
    """build(value) for a file that is a pure function of a dataclass value (a workbook from its table),
    reused when the value's repr — every field it has — is the same."""
    if memo is None:
        return build(value)
    return memo.get_or_build((kind, hashlib.sha256(repr(value).encode()).hexdigest()), build, (value,))


def site_key(project: Project, audience: str, today: Any, extra: Iterable[Path]) -> str:
    """Everything besides the periods that a page may show, as one hash."""
    digest = hashlib.sha256(repr((audience, str(today), sorted(project.settings.items(), key=str),
                                  sorted((k, repr(a)) for k, a in project.agencies.items()))).encode())
    files = [project.root / f for f in sorted(project.scheme_files.values())]
    files += sorted(p for p in TEMPLATES.rglob("*") if p.is_file())
    own = project.root / "site_templates"
    if own.is_dir() and own.resolve() != TEMPLATES.resolve():
        files += sorted(p for p in own.rglob("*") if p.is_file())
    files += [p for p in extra if p.is_file()]
    for path in files:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
