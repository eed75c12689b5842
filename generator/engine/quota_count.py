"""One truth for counts: every quota line counted again after overrides, quotas and decisions.

apply_quota (quotas.py) finds who is within a quota as the rules leave them; committee decisions
then resolve ties and may set other grades. recount() sets each QuotaUse's 实际 (granted), the
ties still open and those decided, once, on the final grades: every page, the 公示 and `kaohe
check` read these. A decision that takes a grade beyond its quota is an error unless it carries
the committee's explicit 超出名额 statement; minimum shares (不少于) are evaluated here, after
the decisions.
"""

from __future__ import annotations

from generator.core.problems import Problems, Severity
from generator.engine.decision_check import situation
from generator.engine.decisions import BASIS, EXCEED, Decision
from generator.engine.results import PeriodResult, PersonResult, QuotaUse


def recount(period: PeriodResult, applied: list[Decision], decisions_shown: str, results_shown: str, problems: Problems) -> None:
    if not period.quotas:
        return  # nothing to count
    by_id = period.by_id()  # the period's own index, made once (results.py)
    decided = {d.id: d for d in applied}
    for use in period.quotas:
        members = [by_id[i] for i in use.members if i in by_id]
        use.granted = sum(1 for m in members if m.status == "graded" and m.grade == use.grade)
        use.tied = [i for i in use.group if i in by_id and by_id[i].status == "tied"]
        use.decided = [i for i in use.group if i in decided]
        use.exceeded = []
        if use.allowed is not None and use.granted > use.allowed:
            granting = sorted((decided[m.id] for m in members if m.id in decided and decided[m.id].grade == use.grade), key=lambda d: d.row)
            stated = [d for d in granting if d.exceed]
            if granting and len(stated) >= use.granted - use.allowed:
                use.exceeded = [(d.id, d.exceed) for d in stated]
            else:
                for d in granting:
                    if d.exceed:
                        continue
                    problems.add(decisions_shown, d.row, None, "decision-over-quota",
                                 f"{use.scope}「{use.grade}」名额 {use.allowed} 人，按领导小组决定之后实际 {use.granted} 人，超出名额。"
                                 f"请复核决定；领导小组确定超出名额的，在「{EXCEED}」列写明（如：经领导小组研究同意超出名额 1 人，理由……）。",
                                 where=d.place)
        if use.minimum is not None and use.granted < use.minimum:
            _minimum(period, use, members, results_shown, problems)
    _report_open_ties(period, results_shown, problems)


def _minimum(period: PeriodResult, use: QuotaUse, members: list[PersonResult], results_shown: str, problems: Problems) -> None:
    """不少于: not met when the final grades, with the candidates still tied for that grade, fall short."""
    tied = {i for u in period.quotas if u.grade == use.grade for i in u.group}
    open_ties = sum(1 for m in members if m.status == "tied" and m.id in tied)
    if use.minimum is not None and use.granted + open_ties < use.minimum:
        pending = f"，另有名额线上并列待决定 {open_ties} 人" if open_ties else ""
        problems.add(results_shown, None, None, "quota-minimum-not-met",
                     f"{use.scope}「{use.grade}」应不少于 {use.minimum} 人（{use.minimum_words}），按领导小组决定之后实际 {use.granted} 人{pending}；"
                     "请复核评定结果或提交领导小组。", Severity.WARNING)


def _report_open_ties(period: PeriodResult, file: str, problems: Problems) -> None:
    """A warning for every tie at a quota line still open after the decisions, with what to record."""
    if not any(use.tied for use in period.quotas):
        return  # the usual period: no index of its people needed
    by_id = {p.person.id: p for p in period.people}
    for use in period.quotas:
        still = [by_id[i] for i in use.tied]
        if still:
            names = "、".join(f"{r.person.name}（{r.id}）" for r in still)
            problems.add(file, None, None, "tie-at-quota-line",
                         f"{use.words}；名额线上并列待领导小组决定：{names}。请在决定文件中为他们逐一确定等次，"
                         f"「{BASIS}」列填写：{situation(still[0], period.quotas)}；决定之前公示页不列名单。",
                         Severity.WARNING)
