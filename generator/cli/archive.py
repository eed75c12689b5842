"""`kaohe close` and `kaohe reopen`: freeze a period after its 公示, and open it for a correction with a reason."""

from __future__ import annotations

from generator import ENGINE_VERSION
from generator.archive.locks import LOCK_FORMAT, check_locks, lock_path, other_period, period_record, read_lock, write_lock
from generator.archive.program import program_record
from generator.core.clock import build_date
from generator.core.controls import CONTROL_RE
from generator.core.errors import EXIT_PROBLEMS, UsageError
from generator.core.problems import Problems
from generator.core.report import print_problems
from generator.engine.compute import load_everything
from generator.engine.decisions import is_placeholder
from generator.project.workspace import find_period, parse_period, project_root
from generator.scheme.periods import labels_within
from generator.site.notice_lock import check_notice_locks, notice_context, notice_record, notice_sources


def _today() -> str:
    return build_date({}).isoformat()


def _period_for(args):
    root = project_root(args)
    project, periods, problems = load_everything(root)
    year, label = parse_period(args.period)
    period = find_period(periods, args.scheme, year, label, args.agency)
    own = [p for p in period.problems if p.severity.value == "error"]
    if own:
        raise UsageError(f"{period.period_name}的成绩有 {len(own)} 个错误，先用 kaohe check 改正再关闭。")
    return project, period, problems, periods


def _undecided(project, period, periods) -> list[str]:
    """What the period, or a period a roll-up reads (its quarters), still waits on a committee for:
    a year graded on a quarter's open tie would be frozen on grades nobody decided; or on a correction:
    a quarter reopened is being changed, and the year would be frozen on it as it was before."""
    source = period.scheme.assessment(period.assessment.rolls_up) if period.assessment.rolls_up else None
    labels = set(source.period_labels) if source else set()
    read = [p for p in periods if (p.agency, p.scheme.code, p.year) == (period.agency, period.scheme.code, period.year) and p.label in labels]
    found = []
    for each in [period, *read]:
        where = "" if each is period else f"（{period.assessment.name}汇总的{each.period_name}）"
        if each.unresolved_ties:
            found.append(f"{each.period_assessment}{where}名额线上还有并列待领导小组决定")
        found += [f"{held}{where}" for held in each.held if each is not period or not held.startswith("汇总的")]  # those are named from the period itself
        if each is period:
            continue
        command = f"kaohe close {each.scheme.code} {each.year}-{each.label} --agency {each.agency}"
        path = lock_path(project, each)
        lock = read_lock(path, Problems(), "")
        if lock is None and (path.exists() or path.is_symlink()):
            found.append(f"{each.period_assessment}{where}的锁定文件 {project.rel(path)} 损坏（kaohe check 说明原因），请先从版本库恢复它")
        elif lock is not None and lock.get("state") == "open" and lock.get("corrections"):
            found.append(f"{each.period_assessment}{where}已重新打开更正（{lock['corrections'][-1]['reason']}），还没有重新关闭"
                         f"（改好后先运行 {command}）")
        elif lock is None or lock.get("state") != "closed":
            # the year is frozen on the quarters' grades: one still open may be edited, and the year would then differ
            found.append(f"{period.assessment.name}汇总的{each.period_assessment}还没有关闭（{period.assessment.name}的等次取决于它）：请先运行 {command}")
    return found


def cmd_close(args) -> int:
    early = getattr(args, "early", None)
    if early is not None:  # checked before the project is read: a usage slip is said at once
        early = _public_reason(early, "提前结束的理由（--early）", "经2025年4月10日考核委员会会议研究，拟定人员均无异议，决定提前结束公示")
    project, period, problems, periods = _period_for(args)
    undecided = _undecided(project, period, periods)
    if undecided:
        raise UsageError("；".join(undecided) + "。领导小组决定（或重新确认、删除过时的决定）、汇总的各期都关闭之后，才能关闭本期。")
    path = lock_path(project, period)
    lock = read_lock(path, problems, project.rel(path))
    if lock is None and (path.exists() or path.is_symlink()):
        raise UsageError(f"锁定文件 {project.rel(path)} 损坏；请先从版本库恢复它（其中有以前关闭时的记录），不能覆盖。")
    if lock is not None and (why := other_period(lock, period)) is not None:
        raise UsageError(f"{project.rel(path)}：{why}")
    lock = lock or {"format": LOCK_FORMAT, "corrections": [], "history": []}
    if lock.get("state") == "closed" and early is not None:  # the reason would be dropped, the office believing it recorded
        raise UsageError(f"{period.period_assessment}已经关闭（{project.rel(path)}），--early 的理由没有记录，锁定文件没有改动。")
    if lock.get("state") == "closed":
        return _closed_already(project, period, project.rel(path))
    found = Problems()  # what working out the 公示 reports: its dates on the calendar, holidays.yaml
    record = period_record(project, period)
    context = notice_context(project, [period], found)
    record["notice"] = notice_record(context, period)  # what the 公示 shows, frozen too
    record["notice"]["sources"] = notice_sources(project, period)  # and what it is made from: a later change names its cause
    # an error in a file the 公示 is made from (its settings, agency.yaml, holidays.yaml) would be frozen with it:
    # a 公示 without dates, or with the wrong days off, can then only be put right by reopening
    blocking = Problems()
    blocking.extend([*found.errors, *(p for p in problems.errors if p.file in record["notice"]["sources"])])
    if blocking.items:
        print_problems(blocking)
        print(f"{period.period_assessment}的公示有 {len(blocking.items)} 个错误，没有关闭：请按上面的提示改正，kaohe check 通过后再运行 kaohe close。")
        return EXIT_PROBLEMS
    _notice_over(context, period, early)
    if lock.get("frozen"):
        before = {"early": lock["early"]} if lock.get("early") else {}
        lock["history"].append({"closed": lock.get("closed"), "engine": lock.get("engine"), "program": lock.get("program"), **before, **lock["frozen"]})
    lock.pop("early", None)
    if early is not None:  # shown on the 公示 page: 公示于…提前结束：理由
        lock["early"] = {"date": _today(), "reason": early}
    lock.update({"state": "closed", "period": period.key, "closed": _today(), "engine": ENGINE_VERSION, "frozen": record,
                 "program": program_record()})  # what a later difference with no file edited is put down to
    if not write_lock(path, lock):
        return 1
    print(f"已关闭 {period.period_assessment}：{len(record['results'])} 人的结果已锁定在 {project.rel(path)}。请把该文件一并提交保存。")
    return 0


def _notice_over(context, period, early: str | None) -> None:
    """A period is closed once its 公示 is over (the guide's order): closed while it runs, or before it
    begins, a grade changed on an objection could only be put right by reopening, and every page would
    then show a 更正 of a result that was never final. `early`: the reason the committee ended the 公示
    before its last day, which lets it close now (and is said on the 公示 page); refused when the 公示 is over."""
    state = context.notice_state(period) if context.has_notice(period) else None
    today = build_date({})  # the day of closing (as the lock records it), not a build_date site.yaml pins for the pages
    running = state is not None and state.start is not None and state.end is not None and today <= state.end
    if running and early is None:
        doing = "尚未开始" if today < state.start else "正在进行"
        raise UsageError(f"{period.period_assessment}的公示{doing}，{state.end.year}年{state.end.month}月{state.end.day}日才结束"
                         f"（今天是 {today.year}年{today.month}月{today.day}日），没有关闭：公示期内的异议可能使结果更正。"
                         "请在公示结束、结果确定后再运行 kaohe close；公示日期写错的，先改正该期的 .notice.yaml。"
                         "经批准提前结束公示的，加 --early \"理由\"（写明哪次会议、为什么提前结束；理由显示在公示页上）。")
    if not running and early is not None:  # a 公示 over, or none: nothing ended early, and the page would say it had
        why = (f"公示已于 {state.end.year}年{state.end.month}月{state.end.day}日结束" if state is not None and state.end is not None
               else "本期没有公示（没有公示设置文件，或其中没有 start）")
        raise UsageError(f"{period.period_assessment}{why}，不是提前结束，没有关闭：去掉 --early 再运行 kaohe close。")


def _closed_already(project, period, shown: str) -> int:
    """Closing a closed period again changes nothing; but if its files changed since, saying "already
    closed" and succeeding would let the office believe the edited sheet is what was frozen."""
    found, differences = Problems(), Problems()
    check_locks(project, [period], found)
    check_notice_locks(notice_context(project, [period], found))
    differences.extend([p for p in found.errors if p.file == shown])  # what differs from the lock (a slip elsewhere is for kaohe check)
    if differences.items:
        print_problems(differences)
        print(f"{period.period_assessment}已经关闭，但现在的文件与关闭时不同（见上），锁定文件没有改动。"
              "如属更正，先运行 kaohe reopen 写明理由，改好后再运行 kaohe close；否则请恢复被修改的文件。")
        return EXIT_PROBLEMS
    print(f"{period.period_assessment}已经是关闭状态（{shown}）。")
    return 0


# a reason that only says a correction is made: the 更正说明 on the pages would explain nothing
_SAYS_ONLY_CORRECTED = frozenset({"更正", "修改", "改正", "纠正", "订正", "重新打开", "重开", "打开", "理由", "原因", "说明", "更正理由", "REOPEN", "FIX"})


MAX_REASON = 500  # characters: a reason is a sentence or two on every page of the period


def _public_reason(text: str, what: str, example: str) -> str:
    """A reason the pages show (a 更正说明, a 公示 ended early), refused when it says nothing, holds control
    characters or runs pages long; returned stripped."""
    reason = text.strip()
    if not reason:
        raise UsageError(f"须写明{what}，它会公开显示在该期页面上。")
    if is_placeholder(reason, []) or reason.upper().strip("。.！! ") in _SAYS_ONLY_CORRECTED:
        raise UsageError(f"{what}「{reason}」没有说明什么：它会公开显示在该期页面上。请写明什么事、为什么、经谁同意，"
                         f"如 \"{example}\"。理由也显示在公开版的公示页上：不要写分数等公示不公开的内容。")
    if (bad := CONTROL_RE.search(reason)) is not None:  # refused in every cell and YAML text: so on the pages too
        raise UsageError(f"{what}中有控制字符或看不见的格式字符（U+{ord(bad.group()):04X}，多半是从别处复制来的），它会公开显示在该期页面上；"
                         "请重新输入理由，不要粘贴。")
    if len(reason) > MAX_REASON:
        raise UsageError(f"{what}有 {len(reason)} 个字，超过 {MAX_REASON} 字：它显示在该期的页面上，请写明什么事、为什么、经谁同意即可。")
    return reason


def cmd_reopen(args) -> int:
    reason = _public_reason(args.reason, "更正理由（--reason）", "经复核，张三工作负荷得分录入有误，已更正，经2025年8月1日考核领导小组会议同意")
    root = project_root(args)
    project, periods, problems = load_everything(root)
    year, label = parse_period(args.period)
    period = find_period(periods, args.scheme, year, label, args.agency)
    path = lock_path(project, period)
    lock = read_lock(path, problems, project.rel(path))
    if lock is None and (path.exists() or path.is_symlink()):
        raise UsageError(f"锁定文件 {project.rel(path)} 损坏；请先从版本库恢复它。")
    if lock is not None and (why := other_period(lock, period)) is not None:
        raise UsageError(f"{project.rel(path)}：{why}")
    if lock is None or lock.get("state") != "closed":
        raise UsageError(f"{period.period_assessment}没有关闭，无需重新打开。")
    lock["state"] = "open"
    lock["corrections"].append({"date": _today(), "reason": reason})
    if not write_lock(path, lock):
        return 1
    print(f"已重新打开 {period.period_assessment}，理由已记录。改正成绩后运行 kaohe close 重新关闭。")
    for outer in _closed_readers(project, period, periods):  # a year closed on this quarter changes with the correction
        print(f"{outer.period_assessment}汇总了本期，已经关闭：本期更正后它的结果随之变化，"
              f"须一并重新打开（kaohe reopen {outer.scheme.code} {outer.year}-{outer.label} --agency {outer.agency} --reason 理由），"
              "本期改好、重新关闭之后再关闭它。")
    return 0


def _closed_readers(project, period, periods) -> list:
    """The closed roll-ups of the same year that read `period` (a year of quarters; a quarter of months, and the year above it)."""
    found = []
    for other in periods:
        if (other.agency, other.scheme.code, other.year) != (period.agency, period.scheme.code, period.year) or other is period:
            continue
        source, depth = other.assessment, 0
        reads = False
        while source.rolls_up and depth < len(other.scheme.assessments) and not reads:
            source, depth = other.scheme.assessment(source.rolls_up), depth + 1
            reads = source is not None and source.code == period.assessment.code and period.label in labels_within(source.period_labels, other.label)
            if source is None:
                break
        lock = read_lock(lock_path(project, other), Problems(), "") if reads else None
        if lock is not None and lock.get("state") == "closed":
            found.append(other)
    return found
