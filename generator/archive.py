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

import datetime as dt
import hashlib
import json
from pathlib import Path

from . import ENGINE_VERSION
from .numbers import fmt
from .problems import Problems
from .project import Project
from .results import PeriodResult

LOCK_FORMAT = "kaohe-lock/1"


def person_record(period: PeriodResult, result) -> dict:
    return {
        "name": result.person.name,
        "department": result.person.department,
        "items": {i.code: fmt(i.value) if i.value is not None else None for i in result.items},
        "total": fmt(result.total, period.assessment.places) if result.total is not None else None,
        "grade": result.grade,
        "status": result.status,
    }


def period_record(project: Project, period: PeriodResult) -> dict:
    inputs = {}
    for rel in period.files:
        path = project.root / rel
        if path.exists():
            inputs[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"inputs": inputs, "results": {r.id: person_record(period, r) for r in sorted(period.people, key=lambda r: r.id)}}


def lock_path(project: Project, period: PeriodResult) -> Path:
    return project.root / "content" / period.agency / period.scheme.code / str(period.year) / f"{period.label}.lock.json"


def read_lock(path: Path, problems: Problems, shown: str) -> dict | None:
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") != LOCK_FORMAT:
            raise ValueError("format")
        return data
    except (ValueError, OSError):
        problems.add(shown, None, None, "lock-invalid", "锁定文件损坏或不是 Kaohe 的锁定文件；请从版本库恢复。")
        return None


def diff_records(old: dict, new: dict) -> tuple[list[str], list[str]]:
    """(changed input files, changed result fields as 'person 字段 old → new')."""
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
                changes.append(f"{a['name']}（{pid}）{label} {a.get(key) or '—'} → {b.get(key) or '—'}")
        for code in sorted(set(a["items"]) | set(b["items"])):
            if a["items"].get(code) != b["items"].get(code):
                changes.append(f"{a['name']}（{pid}）项目 {code} {a['items'].get(code) or '—'} → {b['items'].get(code) or '—'}")
    return files, changes


def check_locks(project: Project, periods: list[PeriodResult], problems: Problems) -> None:
    """Report every closed period whose inputs or results changed; note corrections on reopened ones."""
    for period in periods:
        path = lock_path(project, period)
        shown = project.rel(path)
        lock = read_lock(path, problems, shown)
        if lock is None:
            continue
        period.corrections = [(c["date"], c["reason"]) for c in lock.get("corrections", [])]
        if lock.get("state") != "closed":
            continue
        files, changes = diff_records(lock["frozen"], period_record(project, period))
        if not files and not changes:
            continue
        cause = f"成绩文件被修改：{'、'.join(files)}" if files else f"成绩文件未变，计算结果不同（程序版本 {lock.get('engine')} → {ENGINE_VERSION}）"
        shown_changes = "；".join(changes[:20]) + ("……" if len(changes) > 20 else "")
        problems.add(shown, None, None, "period-frozen-changed",
                     f"{period.period_name}{period.assessment.name}已关闭，但{cause}。变化：{shown_changes or '无人员结果变化'}。"
                     f"如属更正，运行 kaohe reopen {period.scheme.code} {period.year}-{period.label} --reason 理由。")


def _today() -> str:
    from .site.model import build_date

    return build_date({}).isoformat()


def _period_for(args):
    from .cli import UsageError, find_period, load_everything, parse_period, project_root

    root = project_root(args)
    project, periods, problems = load_everything(root)
    year, label = parse_period(args.period)
    period = find_period(periods, args.scheme, year, label, args.agency)
    own = [p for p in period.problems if p.severity.value == "error"]
    if own:
        raise UsageError(f"{period.period_name}的成绩有 {len(own)} 个错误，先用 kaohe check 改正再关闭。")
    return project, period, problems


def cmd_close(args) -> int:
    from .cli import UsageError

    project, period, problems = _period_for(args)
    if period.unresolved_ties:
        raise UsageError("名额线上还有并列待领导小组决定，不能关闭。")
    path = lock_path(project, period)
    lock = read_lock(path, problems, project.rel(path)) or {"format": LOCK_FORMAT, "corrections": [], "history": []}
    if lock.get("state") == "closed":
        print(f"{period.period_name}{period.assessment.name}已经是关闭状态（{project.rel(path)}）。")
        return 0
    record = period_record(project, period)
    if lock.get("frozen"):
        lock["history"].append({"closed": lock.get("closed"), "engine": lock.get("engine"), **lock["frozen"]})
    lock.update({"state": "closed", "period": period.key, "closed": _today(), "engine": ENGINE_VERSION, "frozen": record})
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"已关闭 {period.period_name}{period.assessment.name}：{len(record['results'])} 人的结果已锁定在 {project.rel(path)}。请把该文件一并提交保存。")
    return 0


def cmd_reopen(args) -> int:
    from .cli import UsageError

    if not args.reason.strip():
        raise UsageError("须写明更正理由（--reason），它会公开显示在该期页面上。")
    from .cli import find_period, load_everything, parse_period, project_root

    root = project_root(args)
    project, periods, problems = load_everything(root)
    year, label = parse_period(args.period)
    period = find_period(periods, args.scheme, year, label, args.agency)
    path = lock_path(project, period)
    lock = read_lock(path, problems, project.rel(path))
    if lock is None or lock.get("state") != "closed":
        raise UsageError(f"{period.period_name}{period.assessment.name}没有关闭，无需重新打开。")
    lock["state"] = "open"
    lock["corrections"].append({"date": _today(), "reason": args.reason.strip()})
    path.write_text(json.dumps(lock, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"已重新打开 {period.period_name}{period.assessment.name}，理由已记录。改正成绩后运行 kaohe close 重新关闭。")
    return 0


def closed_on(lock: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(lock.get("closed", ""))
    except ValueError:
        return None
