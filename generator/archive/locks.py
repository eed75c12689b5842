"""Frozen periods: `kaohe close` records a lock; later builds must reproduce it exactly.

A lock (`<period>.lock.json`, beside the results, committed by the office) holds the SHA-256 of
the period's input files and every person's computed result (items, total, grade, status).
While a period is closed, any build whose inputs or results differ fails, naming each change
(person, field, old → new) and whether an input file was edited or the engine now computes
differently. `kaohe reopen … --reason` records the reason and date and opens the period for a
correction; the period's pages then carry a 更正说明. Closing again freezes the corrected
results; the earlier versions' hashes stay in the lock's history. (Moodle's gradebook freeze is
the model: a fix in the calculation never changes a published grade without someone accepting it.)
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from generator.archive.program import unchanged_program_words
from generator.core.numbers import fmt
from generator.core.os_words import os_error_words
from generator.core.problems import Problems
from generator.engine.results import STATUS_WORDS, PeriodResult
from generator.project.model import Project
from generator.scheme.periods import labels_within

LOCK_FORMAT = "kaohe-lock/1"
MAX_LOCK_BYTES = 50 * 1024 * 1024  # 2,000 people, closed ten times: about 15 MB


def person_record(period: PeriodResult, result) -> dict:
    return {
        "name": result.person.name,
        "department": result.person.department,
        "items": {code: fmt(value) if value is not None else None for code, value in result.item_pairs()},
        "total": fmt(result.total, period.assessment.places) if result.total is not None else None,
        "grade": result.grade,
        "status": result.status,
    }


def _hashes(project: Project, rels) -> dict[str, str]:
    found = {}
    for rel in rels:
        path = project.root / rel
        if path.is_file() and not path.is_symlink():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def context_files(project: Project, period: PeriodResult) -> list[str]:
    """Files that shape the results without being the period's own: its scheme and, for a roll-up
    (年度 from the quarters), the source periods' sheets and decisions. An edit to them is not a
    reason to fail by itself (a typo fixed in a handbook), but it says why results changed."""
    files = [project.scheme_files[period.scheme.code]] if period.scheme.code in project.scheme_files else []
    # the periods inside this one, down every level (a year of quarters made of months reads the months' sheets)
    outer, assessment, depth = [period.label], period.assessment, 0
    while assessment.rolls_up and depth < len(period.scheme.assessments):
        source = period.scheme.assessment(assessment.rolls_up)
        if source is None:
            break
        labels = {label for o in outer for label in labels_within(source.period_labels, o)}
        for entry in project.periods:
            if (entry.agency, entry.scheme, entry.year) == (period.agency, period.scheme.code, period.year) and entry.label in labels:
                files += [project.rel(p) for p in (entry.results, entry.decisions) if p is not None]
        outer, assessment, depth = sorted(labels), source, depth + 1
    return sorted(set(files) - set(period.files))


def period_record(project: Project, period: PeriodResult) -> dict:
    return {
        "inputs": _hashes(project, period.files),
        "context": _hashes(project, context_files(project, period)),
        "results": {r.id: person_record(period, r) for r in sorted(period.people, key=lambda r: r.id)},
    }


def lock_path(project: Project, period: PeriodResult) -> Path:
    return project.root / "content" / period.agency / period.scheme.code / str(period.year) / f"{period.label}.lock.json"


def _valid_record(record) -> bool:
    if not isinstance(record, dict) or not isinstance(record.get("inputs"), dict) or not isinstance(record.get("results"), dict):
        return False
    if not isinstance(record.get("context", {}), dict):
        return False
    people = record["results"].values()
    return all(isinstance(r, dict) and isinstance(r.get("items"), dict) and isinstance(r.get("name"), str) for r in people)


def _valid_lock(data) -> bool:
    if not isinstance(data, dict) or data.get("format") != LOCK_FORMAT or data.get("state") not in ("closed", "open"):
        return False
    corrections = data.get("corrections", [])
    if not isinstance(corrections, list) or not all(isinstance(c, dict) and isinstance(c.get("date"), str) and isinstance(c.get("reason"), str) for c in corrections):
        return False
    if not isinstance(data.get("history", []), list):
        return False
    early = data.get("early")
    if early is not None and not (isinstance(early, dict) and isinstance(early.get("date"), str) and isinstance(early.get("reason"), str)):
        return False
    return data.get("frozen") is None and data["state"] == "open" or _valid_record(data.get("frozen"))


def lock_digest(lock: dict) -> str:
    """SHA-256 of everything the lock says but its digest: write_lock stores it, read_lock compares, so a
    lock edited by hand (a period set open without a reason, a frozen total changed) is known as such."""
    body = {k: v for k, v in lock.items() if k != "digest"}
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def read_lock(path: Path, problems: Problems, shown: str) -> dict | None:
    if not path.exists() and not path.is_symlink():
        return None
    why = ""
    try:
        if path.is_symlink() or path.stat().st_size > MAX_LOCK_BYTES:
            raise ValueError("symlink or too large")
        raw = path.read_bytes()
        why = "文件是空的" if not raw.strip() else why
        try:  # utf-8-sig: Notepad saves a lock it opened with a byte-order mark, the content unchanged
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            why = "文件不是 UTF-8 编码（多半被另存为其他编码）"
            raise
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            why = why or f"第 {exc.lineno} 行起内容不完整或不是 JSON（多半只复制或保存了一部分）"
            raise
        if not _valid_lock(data):
            raise ValueError("format")
        if "digest" in data and data["digest"] != lock_digest(data):  # a lock of an older Kaohe has none
            problems.add(shown, None, None, "lock-edited",
                         "锁定文件在 kaohe close / kaohe reopen 写入之后被直接修改过（与它记录的校验值不符），不能再作为已公示结果的依据。"
                         f"请从版本库恢复这个文件（如 git checkout -- {shown}）；要更正已关闭的考核期，运行 kaohe reopen 方案 期 --agency 单位 --reason 理由，"
                         "改好后 kaohe close，不要手工编辑锁定文件。")
            return None
        data.setdefault("corrections", [])
        data.setdefault("history", [])
        return data
    except OSError as exc:
        problems.add(shown, None, None, "lock-invalid", f"无法读取锁定文件：{os_error_words(exc)}；请检查文件权限，或从版本库恢复。")
        return None
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        problems.add(shown, None, None, "lock-invalid", f"锁定文件损坏或不是 Kaohe 的锁定文件{f'（{why}）' if why else ''}；请从版本库恢复。")
        return None


def write_lock(path: Path, lock: dict) -> bool:
    """Written beside and renamed over: a crash or a full disk never leaves half a lock. False (and
    the reason on stderr) when it could not be written; the old lock is then as it was."""
    tmp = path.with_name(f".{path.name}.tmp")  # a dot file: never taken for a results file
    lock["digest"] = lock_digest(lock)
    try:
        tmp.write_text(json.dumps(lock, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(path)
        return True
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        print(f"kaohe: 无法写入锁定文件 {path.name}（{os_error_words(exc)}）；锁定文件没有改动，请处理后重新运行。", file=sys.stderr)
        return False


def diff_records(old: dict, new: dict, item_names: dict[str, str] | None = None) -> tuple[list[str], list[str]]:
    """(changed input files, changed result fields as 'person 字段 old → new'), items and statuses
    in the words users know (项目「工作实绩」, 不确定等次), not their codes."""
    names = item_names or {}
    files = sorted(k for k in set(old["inputs"]) | set(new["inputs"]) if old["inputs"].get(k) != new["inputs"].get(k))
    changes: list[str] = []
    labels = {"total": "总分", "grade": "等次", "status": "状态", "name": "姓名", "department": "部门"}
    for pid in sorted(set(old["results"]) | set(new["results"])):
        a, b = old["results"].get(pid), new["results"].get(pid)
        if a is None:
            changes.append(f"新增 {b['name']}（{pid}）")
            continue
        if b is None:
            changes.append(f"缺少 {a['name']}（{pid}）")
            continue
        for key, label in labels.items():
            if a.get(key) != b.get(key):
                old_value, new_value = a.get(key), b.get(key)
                if key == "status":
                    old_value, new_value = STATUS_WORDS.get(old_value, old_value), STATUS_WORDS.get(new_value, new_value)
                changes.append(f"{a['name']}（{pid}）{label} {old_value or '—'} → {new_value or '—'}")
        for code in sorted(set(a["items"]) | set(b["items"])):
            if a["items"].get(code) != b["items"].get(code):
                item = f"「{names[code]}」" if code in names else f" {code}"
                changes.append(f"{a['name']}（{pid}）项目{item} {a['items'].get(code) or '—'} → {b['items'].get(code) or '—'}")
    return files, changes


def files_words(old: dict[str, str], new: dict[str, str], files: list[str]) -> str:
    """修改了 a；删去了 b；新增了 c: a file gone or added since the close named as such (an office told a deleted
    decisions file was 修改 looks for an edit in it). A file recorded as "" was absent then."""
    parts: dict[str, list[str]] = {"修改了": [], "删去了": [], "新增了": []}
    for rel in files:
        then, now = old.get(rel, ""), new.get(rel, "")
        parts["删去了" if then and not now else "新增了" if now and not then else "修改了"].append(rel)
    return "；".join(f"{verb} {'、'.join(rels)}" for verb, rels in parts.items() if rels)


def item_names(period: PeriodResult) -> dict[str, str]:
    """Item code → name, for every item of the period's assessment and of the scheme's posts."""
    names: dict[str, str] = {}
    for item in [*period.assessment.walk(), *(i for post in period.scheme.posts for top in post.items for i in top.walk())]:
        names.setdefault(item.code, item.name)
    return names


def other_period(lock: dict, period: PeriodResult) -> str | None:
    """Why a lock is not this period's, in words, or None: a lock records the period it closed, and one
    copied with a folder (last quarter's or last year's, to start this one) says another is closed."""
    recorded = lock.get("period")
    # the year and the period only: an agency folder or a scheme code renamed since is the same period's lock
    if not isinstance(recorded, str) or recorded.split("/")[-2:] == [str(period.year), period.label]:
        return None
    return (f"这个锁定文件记录的是 {recorded} 的关闭，不是本期（{period.key}）的：多半是复制上一期或去年的目录时一起复制来的。"
            f"它不是本期的关闭记录，没有用来核对本期。本期没有关闭过的，删除这个文件；本期确已关闭的，从版本库恢复本期自己的锁定文件。")


def check_locks(project: Project, periods: list[PeriodResult], problems: Problems) -> None:
    """Report every closed period whose inputs or results changed; note corrections on reopened ones."""
    for period in periods:
        path = lock_path(project, period)
        shown = project.rel(path)
        lock = read_lock(path, problems, shown)
        if lock is None:
            continue
        if (why := other_period(lock, period)) is not None:
            problems.add(shown, None, None, "lock-other-period", why)
            continue
        period.corrections = [(c["date"], c["reason"]) for c in lock.get("corrections", [])]
        if lock.get("state") != "closed":
            continue
        if (early := lock.get("early")) is not None:  # closed before its 公示's last day: the 公示 ended then
            period.ended_early = (early["date"], early["reason"])
        record = period_record(project, period)
        files, changes = diff_records(lock["frozen"], record, item_names(period))
        if not files and not changes:
            continue
        if files:
            cause = f"关闭后{files_words(lock['frozen']['inputs'], record['inputs'], files)}"
        else:
            context = sorted(k for k, v in lock["frozen"].get("context", {}).items() if record["context"].get(k) != v)
            if context:
                cause = f"本期成绩文件未变，但方案或汇总来源文件有改动（{files_words(lock['frozen'].get('context', {}), record['context'], context)}），计算结果不同"
            else:
                cause = f"成绩文件未变，但程序计算结果不同：{unchanged_program_words(lock)}"
        shown_changes = "；".join(changes[:20]) + ("……" if len(changes) > 20 else "")
        problems.add(shown, None, None, "period-frozen-changed",
                     f"{period.period_assessment}已关闭，但{cause}。变化：{shown_changes or '无人员结果变化'}。"
                     f"如属更正，运行 kaohe reopen {period.scheme.code} {period.year}-{period.label} --agency {period.agency} --reason 理由。")
