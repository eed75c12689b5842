"""Which program a lock was written by: a digest of Kaohe's own source and the versions of the packages
whose data a 公示 depends on (chinesecalendar: its dates; strokes: its 姓氏笔画 order), recorded by
`kaohe close`. When a closed period's results or 公示 differ and none of its files was edited, the
message can then say what did change — Kaohe updated, a data package updated, or neither — instead of
guessing. ENGINE_VERSION (still 0.1.0) is only shown in the words: it is not raised at every change, so
the source digest decides. A lock written before this record says "most likely the program", as it
can tell no more; one written before strokes was recorded is not blamed on it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from pathlib import Path

from generator import ENGINE_VERSION

_PACKAGE = Path(__file__).resolve().parents[1]  # generator/


@functools.lru_cache(maxsize=1)
def program_record() -> dict[str, str]:
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".txt") and "__pycache__" not in p.parts):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return {"kaohe": digest.hexdigest(), **{name: _version(name) for name in _DATA_PACKAGES}}


# the packages whose data a closed 公示 depends on: the calendar sets its dates, the stroke counts its 姓氏笔画 order
_DATA_PACKAGES = {"chinesecalendar": "内置节假日日历（chinesecalendar）", "strokes": "姓氏笔画数据（strokes）"}


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return ""


def program_changes(lock: dict) -> list[str] | None:
    """What of the program differs from the one that closed the period, in words; None when the lock
    does not say (written by an older Kaohe)."""
    then = lock.get("program")
    if not isinstance(then, dict):
        return None
    now = program_record()
    changes = []
    if then.get("kaohe") != now["kaohe"]:
        version = f"版本 {lock.get('engine')} → {ENGINE_VERSION}" if lock.get("engine") != ENGINE_VERSION else f"版本号仍为 {ENGINE_VERSION}"
        changes.append(f"Kaohe 程序在关闭后更新过（{version}）")
    for name, words in _DATA_PACKAGES.items():
        if (name in then or name == "chinesecalendar") and then.get(name) != now[name]:  # a lock of an older Kaohe did not record strokes
            changes.append(f"{words}由 {then.get(name) or '—'} 更新为 {now[name] or '—'}")
    return changes


def unchanged_program_words(lock: dict) -> str:
    """The cause when no file was edited: what of the program changed, or that nothing did."""
    changes = program_changes(lock)
    if changes is None:
        versions = (f"关闭时是 Kaohe {lock.get('engine')}，现在是 Kaohe {ENGINE_VERSION}" if lock.get("engine") != ENGINE_VERSION
                    else f"Kaohe 版本号同为 {ENGINE_VERSION}")
        return f"变化多半来自 Kaohe 程序本身（{versions}；这个锁定文件没有记录关闭时的程序）"
    if changes:
        return f"变化来自{'；'.join(changes)}"
    return "Kaohe 程序和内置节假日日历也与关闭时相同，原因不明：请不要更正，把这条提示和锁定文件交给维护人员"
