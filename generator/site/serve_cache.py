"""The preview's cache on disk: `kaohe serve` on a project unchanged since its last session starts warm.

What is kept: the computed periods of the last session (engine/model_cache.py, by the SHA-256 of
everything each period read) and its rendered pages and workbooks (site/page_memo.py, by those keys
and the site-wide key). What is never kept: anything that says which files are unchanged. Every
session hashes today's files again and looks entries up under those keys, so an entry is used only
for exactly the inputs it was computed from — a changed results file, scheme, agency.yaml,
decision or notice file gives another key and is graded afresh; the rest is reused.

The file lives in Kaohe's own working folder (.build/serve-<audience>/cache/), never beside a
user's files, and only `kaohe serve` reads it: `kaohe build` always computes from the files.

Format, and why pickle: the model is a graph of Kaohe's own dataclasses (results, rows, problems,
pages) with shared references (a roll-up's explainer points at the periods it read); pickle keeps
that graph as it is and loads a city's model in seconds, where a hand-written JSON mapping would
have to be kept in step with every field. It is made safe to load by what surrounds it:
- a header with the format, Kaohe's version and a digest of Kaohe's own source files, the engine
  version, the Python version and the edition: any difference and the file is not read at all;
- the SHA-256 of the payload in the header: a truncated or corrupted file is not unpickled;
- an unpickler that builds only Kaohe's own classes and a few plain ones (Decimal, date, set),
  never a function, so a file someone planted there cannot run code;
- schemes are not stored but referred to by code and taken from the project as loaded today.
Anything wrong with the file means a cold start (every period graded), never a traceback.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import io
import json
import operator
import os
import pickle
import sys
from collections.abc import Iterable
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from typing import Any

from generator import ENGINE_VERSION
from generator.core.os_words import os_error_words
from generator.engine.compute import cyclic_gc_paused
from generator.engine.explainer import Explainer
from generator.engine.grade import PersonGrader
from generator.engine.model_cache import ModelCache
from generator.engine.results import ItemScore, PeriodResult, PersonResult, Step
from generator.project.discover import Project
from generator.scheme.model import Assessment, Scheme
from generator.sheets.rows import CellPlaces, PersonRow
from generator.site.page_memo import PageMemo

FORMAT = 1
MAGIC = b"KAOHE-PREVIEW-CACHE\n"
PACKAGE = Path(__file__).resolve().parents[1]
CACHE_NAME = "preview.cache"
# Besides Kaohe's own classes: the plain types the model holds, by (module, name).
_PLAIN = {("decimal", "Decimal"), ("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
          ("builtins", "set"), ("builtins", "frozenset"), ("collections", "defaultdict"), ("collections", "OrderedDict")}
_code_version: str | None = None


def code_version() -> str:
    """Kaohe's version, the engine's, Python's and a digest of Kaohe's own source: another Kaohe
    (even the same version number with one line changed) never reads this cache."""
    global _code_version
    if _code_version is None:
        try:
            kaohe = metadata.version("kaohe")
        except metadata.PackageNotFoundError:
            kaohe = "unknown"
        digest = hashlib.sha256(f"{kaohe}\0{ENGINE_VERSION}\0{sys.version}\0{FORMAT}".encode())
        for path in sorted(PACKAGE.rglob("*.py")):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
        _code_version = digest.hexdigest()
    return _code_version


def _by_fields(cls: type) -> Any:
    """A dataclass as its class and its fields in order: rebuilt by one call, without a state dict
    per object (a city holds millions of these; loading is twice as fast)."""
    fields = dataclasses.fields(cls)
    assert all(f.init for f in fields), cls
    get = operator.attrgetter(*(f.name for f in fields))
    return lambda obj: (cls, get(obj))


_REDUCERS = {cls: _by_fields(cls) for cls in (Step, ItemScore, PersonResult, PersonRow)}
_REDUCERS[CellPlaces] = lambda obj: (CellPlaces, (obj.row_place, obj.column_words))
# An explainer without what it caches (each roll-up person's history, made again when asked): forty
# thousand histories on a city, a tenth of the cache's loading time.
_REDUCERS[Explainer] = lambda obj: (Explainer, (obj.scheme, obj.assessment, obj.file, obj.sources, obj.own_sheet))


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, periods: dict[str, PeriodResult]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.dispatch_table = {**copyreg.dispatch_table, **_REDUCERS}
        # an assessment is named by its scheme's code and its own: codes repeat across schemes
        self.assessments: dict[int, tuple[str, str]] = {}
        for period in periods.values():
            explainer = period.people[0].explainer if period.people else None
            for scheme in (period.scheme, getattr(explainer, "scheme", None)):
                for assessment in scheme.assessments if isinstance(scheme, Scheme) else ():
                    self.assessments[id(assessment)] = (scheme.code, assessment.code)

    def persistent_id(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is Scheme:
            return ("scheme", obj.code)
        if kind is Assessment:
            return ("assessment", *self.assessments[id(obj)])
        if kind is PersonGrader:  # an explainer's grader with words on: made again when asked
            return ("none",)
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, project: Project):
        super().__init__(io.BytesIO(data))
        self.project = project

    def find_class(self, module: str, name: str) -> Any:
        if not (module.startswith("generator.") or (module, name) in _PLAIN):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the preview cache")
        found = super().find_class(module, name)
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module}.{name} is not a class")
        return found

    def persistent_load(self, pid: Any) -> Any:
        if pid[0] == "scheme":
            return self.project.schemes.get(pid[1])
        if pid[0] == "assessment":  # gone from today's scheme: the period's key cannot match either
            scheme = self.project.schemes.get(pid[1])
            return scheme.assessment(pid[2]) if scheme is not None else None
        if pid[0] == "none":
            return None
        raise pickle.UnpicklingError(f"unknown reference {pid!r}")


def cache_file(work: Path) -> Path:
    return work / "cache" / CACHE_NAME


def partial_file(work: Path, pid: int) -> Path:
    """Where process `pid` writes the cache before renaming it into place (never read by load)."""
    return cache_file(work).with_name(f"{CACHE_NAME}.{pid}.tmp")


def save(work: Path, audience: str, cache: ModelCache, memo: PageMemo) -> str | None:
    """Write the cache; None when written, else why not (a note for the operator, never an error)."""
    site_key, entries = memo.snapshot()
    periods = cache.snapshot()
    try:
        share_equal_decimals(periods.values())
        buffer = io.BytesIO()
        _Pickler(buffer, periods).dump({"periods": periods, "site_key": site_key, "pages": entries})
        payload = buffer.getvalue()
    except Exception as exc:  # a value that cannot be kept: the next session starts cold
        return f"{type(exc).__name__}: {exc}"
    header = {"format": FORMAT, "code": code_version(), "audience": audience, "bytes": len(payload),
              "sha256": hashlib.sha256(payload).hexdigest()}
    target, tmp = cache_file(work), partial_file(work, os.getpid())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(tmp, "wb") as f:
                f.write(MAGIC + json.dumps(header).encode() + b"\n")
                f.write(payload)
            os.replace(tmp, target)
        except BaseException:  # a full disk, or a second Ctrl-C while writing: no partial file left behind
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        return os_error_words(exc)
    return None


def share_equal_decimals(periods: Iterable[PeriodResult]) -> None:
    """One Decimal object for each number the model holds, wherever it holds it.

    A city's model holds five million Decimals of some eight thousand values: sheets read in worker
    processes arrive as copies, and every total is a new object. Pickled, each one is a call to
    Decimal() when the cache is loaded, which was a third of a warm start; one object per value is
    pickled once and referred to after that. Decimals are immutable and compared by value, so which
    equal object a field holds is never seen — equal here means the same text (85.5 and 85.50 are
    different numbers to Kaohe: the second says two places). Called where the cache is written: in
    the child process when the system can fork, else on the session's own model."""
    shared: dict[str, Decimal] = {}
    rows: set[int] = set()  # a roll-up's rows can be an earlier period's

    def one(value: Any) -> Any:
        if value.__class__ is Decimal:
            return shared.setdefault(str(value), value)
        return value

    for period in periods:
        for result in period.people:
            row = result.person
            if id(row) not in rows:
                rows.add(id(row))
                values = row.values
                for column, value in values.items():
                    if value.__class__ is Decimal:
                        values[column] = one(value)
                    elif value.__class__ is list:  # amounts: the list stays the same object
                        value[:] = [one(v) for v in value]
            if result.item_values:
                result.item_values = tuple(one(v) for v in result.item_values)
            result.raw_total, result.total = one(result.raw_total), one(result.total)


def load(work: Path, audience: str, project: Project, cache: ModelCache, memo: PageMemo) -> str | None:
    """Fill cache and memo from the file; None when used, else why not (absent, another Kaohe, damaged)."""
    target = cache_file(work)
    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return "没有上次预览的缓存"
    except OSError as exc:
        return f"缓存无法读取（{os_error_words(exc)}）"
    if not raw.startswith(MAGIC):
        return "缓存文件已损坏"
    line, _, payload = raw[len(MAGIC):].partition(b"\n")
    try:
        header = json.loads(line)
    except ValueError:
        return "缓存文件已损坏"
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("code") != code_version():
        return "缓存由另一版本的 Kaohe 写成"
    if header.get("audience") != audience:
        return "缓存属于另一个版本的网站"
    if header.get("bytes") != len(payload) or header.get("sha256") != hashlib.sha256(payload).hexdigest():
        return "缓存文件不完整或已损坏"
    try:
        with cyclic_gc_paused():  # millions of small objects without cycles: see compute.py
            kept = _Unpickler(payload, project).load()
        periods, site_key, pages = kept["periods"], kept["site_key"], kept["pages"]
        if not (isinstance(periods, dict) and isinstance(pages, dict) and (site_key is None or isinstance(site_key, str))):
            return "缓存文件已损坏"
    except Exception:  # whatever a damaged or foreign file raises, the answer is a cold start
        return "缓存文件已损坏"
    cache.restore(periods)
    memo.restore(site_key, pages)
    return None
