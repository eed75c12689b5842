"""Committee decisions checked against today's results, every build, then applied.

Before a decision is applied the build states the situation it finds for that person, in the words
a decisions file records under 所决事项:

    并列：全单位「优秀」名额线 总分 95.00，余 1 个名额：0003、0007    tied at a quota line: the places left for
                                                             the tie, and the whole tie group
    原为：不确定等次                                     anything else: the grade or status computed

A decision whose 所决事项 differs from today's situation (a corrected score broke or changed the
tie; a period reopened) is stale: it is reported, it is not applied, and the period's 公示 is held
(`kaohe build --strict` fails) until the committee confirms it — the office then writes today's
situation into 所决事项 — or the row is removed. A decision without 所决事项 (an older file) is
applied with a warning that says what to write. A decision needs a cause of its own person: a tie
at a quota line the person is in, a quota with more candidates than places that ranked the person,
a 不少于 share short of the grade the decision gives in the person's scope, a person the rules left
without a grade (补定), or a 不确定等次 the committee sets. A tie or a quota issue elsewhere in the
period is no cause: the rules already decided this person's grade (decision-without-cause).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from generator.core.problems import Problems, Severity
from generator.engine.decision_rules import functions_of, history_said, reads_history, rule_moving, withheld_too
from generator.engine.decisions import BASIS, Decision
from generator.engine.history import PeriodView
from generator.engine.results import PeriodResult, PersonResult, QuotaUse, Step
from generator.scheme.policy import Grades

_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+\.\d+")
_PLACES = re.compile(r"、?余\d+个名额")  # after _SAME: ，余 1 个名额
_SAME = str.maketrans({",": "、", "，": "、", ";": "、", "；": "、", ":": "：", "(": "（", ")": "）"})


def _plain(number: str) -> str:
    whole, _, frac = number.partition(".")
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def situation(person: PersonResult, uses: list[QuotaUse]) -> str:
    """What a decision on this person decides today, in 所决事项's words."""
    if person.status == "tied":
        for use in uses:
            if person.id in use.group:
                left = f"，余 {use.open_places} 个名额" if use.open_places is not None else ""
                return f"并列：{use.scope}「{use.grade}」名额线 {use.line}{left}：{'、'.join(sorted(use.group))}"
    return f"原为：{person.shown_grade}"


def same_situation(written: str, today: str) -> bool:
    """Equal up to spaces and half-/full-width punctuation, and the order of the tie group's IDs. The
    places left at the line are compared when the file records them (a file written before they were
    given in 所决事项 is compared without them)."""

    def norm(text: str, places: bool = True) -> tuple[str, tuple[str, ...]]:
        text = _SPACES.sub("", unicodedata.normalize("NFKC", text)).translate(_SAME)  # ９１.５ typed in full width is 91.5
        head, sep, ids = text.rpartition("：") if text.startswith("并列") else (text, "", "")
        head = _NUMBER.sub(lambda m: _plain(m.group()), head)  # 91.50 and 91.5 are the same line
        if not places:
            head = _PLACES.sub("", head)
        return head, tuple(sorted(i for i in ids.split("、") if i))

    recorded = norm(written)
    return recorded == norm(today, places=_PLACES.search(recorded[0]) is not None)


def has_quota_issue(uses: list[QuotaUse]) -> bool:
    """Whether the period has any tie or quota issue at all (for the words of decision-without-cause)."""
    return any(u.group or u.cut or (u.minimum is not None and u.granted < u.minimum) for u in uses)


def quota_cause(person: PersonResult, grade: str, uses: list[QuotaUse]) -> bool:
    """Whether a decision giving this person `grade` is about a quota: the person is in a tie at its
    line, or among those a quota with more candidates than places ranked, or the grade is one a
    不少于 share is short of in the person's scope. A tie or a cut elsewhere is no cause."""
    for use in uses:
        if person.id in use.group or person.id in use.contenders:
            return True
        if use.minimum is not None and use.granted < use.minimum and grade == use.grade and person.id in use.members:
            return True
    return False


def quota_reach(person: PersonResult, uses: list[QuotaUse], grades: Grades | None) -> list[str]:
    """The grades a tie at a quota line, or a quota's ranking, decides between for this person: the quota's
    grade and the one it gives those it leaves out (the next below). Empty when no quota ranked the person."""
    if grades is None:
        return []
    reach: list[str] = []
    for use in uses:
        if person.id in use.group or person.id in use.contenders:
            reach += [g for g in (use.grade, grades.next_below(use.grade)) if g is not None and g not in reach]
    return sorted(reach, key=grades.order.index)


def apply_decisions(decisions: list[Decision], period: PeriodResult, grades: Grades | None, shown: str, problems: Problems,
                    history_of: Callable[[PersonResult], dict[str, PeriodView] | None] = lambda person: None) -> list[Decision]:
    """Check each decision against today's results and apply those that still hold; returns them.
    `history_of`: in a roll-up, a person's earlier periods, which the scheme's rules count (次数("一般"))."""
    by_id = {p.id: p for p in period.people}
    applied: list[Decision] = []
    # an error in the period's sheet may be what moved the line: a decision's cause is then judged once it is fixed
    sheet_error = next((p for p in problems.items if p.severity is Severity.ERROR and p.file != shown), None)
    for decision in decisions:
        person = by_id.get(decision.id)
        if person is None:
            _report_unknown(decision, period.people, shown, problems)
            continue
        if decision.name and decision.name != person.person.name:
            _report_other_name(decision, person, period.people, shown, problems)
            continue
        if person.status == "no_grade" and grades is not None and decision.grade != grades.no_grade and (
                not settled_later(person, period) or (also := withheld_too(person, period.assessment, functions_of(history_of(person)))) is not None):
            _report_against_rule(decision, person, period, shown, problems, also if settled_later(person, period) else None)
            continue
        today = situation(person, period.quotas)
        stale = decision.basis is not None and not same_situation(decision.basis, today)
        own_cause = person.status != "graded" or (grades is not None and decision.grade == grades.no_grade)
        # per person: a tie or a quota issue elsewhere in the period is no cause to change this one's grade
        if not stale and not own_cause and not quota_cause(person, decision.grade, period.quotas):  # a stale one is reported as stale: the correction took its cause away
            if sheet_error is not None:
                problems.follow_from(sheet_error)
                continue
            period_words = ("本期的并列和名额问题与此人无关（不在名额线上的并列中，也不是名额排序的人选），" if has_quota_issue(period.quotas)
                            else "本期没有名额线上的并列，也没有名额问题，")
            problems.add(shown, decision.row, None, "decision-without-cause",
                         f"{period_words}{person.person.name}（{decision.id}）按规则已定为「{person.shown_grade}」；"
                         "领导小组决定只用于并列、名额和规则无法确定的等次。如成绩有误请修改成绩表；否则删除这一行。", where=decision.place)
            continue
        # a tie or a quota's ranking decides the quota's grade or the next below; 不确定等次 is a cause of its own
        no_grade = grades is not None and decision.grade == grades.no_grade
        reach = [] if stale or no_grade or own_cause and person.status != "tied" else quota_reach(person, period.quotas, grades)
        if reach and decision.grade not in reach:
            _report_beyond(decision, person, reach, shown, problems)
            continue
        if decision.basis is None:
            problems.add(shown, decision.row, None, "decision-unrecorded",
                         f"这条决定没有写「{BASIS}」，成绩更正后无法判断它是否仍然适用。请在「{BASIS}」列填写：{today}",
                         Severity.WARNING, where=decision.basis_place)
        elif stale:
            if sheet_error is not None:  # not a matter for the committee until the sheet is right
                problems.follow_from(sheet_error)
            else:
                problems.add(shown, decision.row, None, "decision-stale",
                             f"{person.person.name}（{decision.id}）的决定针对的是「{decision.basis}」，按现在的成绩是「{today}」（成绩更正或重新开放后情况变了）。"
                             f"该决定暂不适用，本期公示暂缓发布。请提交领导小组重新确认：确认后把「{BASIS}」改为「{today}」；不再需要的决定请删除这一行。",
                             Severity.WARNING, where=decision.basis_place)
            person.note(Step("决定", f"领导小组决定（定为「{decision.grade}」，{decision.reason}）针对的是「{decision.basis}」，"
                                     f"现在是「{today}」：决定已过时，暂不适用，待领导小组重新确认"))
            period.held.append(f"{shown} 第 {decision.row} 行的领导小组决定在成绩更正后已过时，须重新确认")
            continue
        if not no_grade and (moving := rule_moving(decision.grade, person, period.assessment, functions_of(history_of(person)))) is not None:
            _report_moved(decision, person, *moving, shown, problems, history_of(person))
            continue
        _apply(decision, person, grades)
        applied.append(decision)
    return applied


def _withheld_by(person: PersonResult, period: PeriodResult) -> list:
    """The scheme's no_grade rules that gave this person's status (its reason and label are the rule's)."""
    grades = period.assessment.grades
    return [o for o in period.assessment.overrides if o.kind == "no_grade" and o.reason == person.reason
            and (o.label or (grades.no_grade if grades else None)) == person.status_label]


def settled_later(person: PersonResult, period: PeriodResult) -> bool:
    """Whether the rule that withheld this person's grade lets a decision settle it later (立案调查结案后补定);
    a rule that cannot be told is taken as one that does not: a grade the law withholds is never given by a guess."""
    return any(o.decided_later for o in _withheld_by(person, period))


def _report_against_rule(decision: Decision, person: PersonResult, period: PeriodResult, shown: str, problems: Problems, also=None) -> None:
    """`also`: the no_grade rule without decided_later the person falls under besides the one that gave their status."""
    rules = [also] if also is not None else _withheld_by(person, period)
    said = "；".join(f"{o.reason}（条件：{o.when}）" for o in rules) or (person.reason or person.shown_grade)
    problems.add(shown, decision.row, decision.grade_column, "decision-against-rule",
                 f"{person.person.name}（{decision.id}）按方案规定{person.shown_grade}：{said}。领导小组决定不能定为「{decision.grade}」，这条决定没有生效。"
                 "此人已不属于这种情形的（试用期已满、数据填错），请改正成绩表中条件所用的列，按规则定等次；"
                 "方案原文规定以后补定等次的（如立案调查结案后补定），在方案这一条 no_grade 下写 decided_later: true；否则删除这一行。",
                 where=decision.grade_place or decision.place)


def _report_beyond(decision: Decision, person: PersonResult, reach: list[str], shown: str, problems: Problems) -> None:
    between = "」和「".join(reach)
    problems.add(shown, decision.row, decision.grade_column, "decision-beyond-cause",
                 f"{person.person.name}（{decision.id}）在名额线上的并列或名额排序中，领导小组决定的是此人得不得名额的等次：只在「{between}」之间决定；"
                 f"决定写的是「{decision.grade}」，这条决定没有生效。定为其他等次不是名额所能决定的：成绩有误请修改成绩表；"
                 f"否则把等次改为「{between}」之一。", where=decision.grade_place or decision.place)


def _report_moved(decision: Decision, person: PersonResult, grade: str, rule, shown: str, problems: Problems,
                  history: dict[str, PeriodView] | None = None) -> None:
    said = {"force": f"直接确定为「{rule.grade}」", "cap": f"不得高于「{rule.grade}」", "gate": f"评为「{rule.grade}」须满足「{rule.requires}」"}[rule.kind]
    counted = reads_history(rule) and history_said(history)  # a rule over the earlier periods: the grades it counted
    wrong = ("此人各期的等次有误的，改正那一期的成绩表（已关闭的先 kaohe reopen），本期随之重算" if counted
             else "此人已不属于这种情形的（数据填错），请改正成绩表中条件所用的列")
    problems.add(shown, decision.row, decision.grade_column, "decision-against-rule",
                 f"{person.person.name}（{decision.id}）{'不满足' if rule.kind == 'gate' else '符合'}方案规定「{rule.reason}」"
                 f"（{f'条件：{rule.when}，' if rule.when else ''}{said}{f'；{counted}' if counted else ''}），"
                 f"按规则应为「{grade}」；领导小组决定定为「{decision.grade}」与之不符，这条决定没有生效。"
                 f"请把等次改为「{grade}」（或方案允许的其他等次）；{wrong}。",
                 where=decision.grade_place or decision.place)


def _report_other_name(decision: Decision, person: PersonResult, people: list[PersonResult], shown: str, problems: Problems) -> None:
    """An ID that is another colleague's than the 姓名 beside it (0003 for 人2): which of the two the committee meant
    is not for Kaohe to pick; the ID the sheet gives that name is named."""
    named = [p for p in people if p.person.name == decision.name]
    hint = (f"成绩表中「{decision.name}」的编号是「{named[0].id}」：决定是给{decision.name}的，把编号改为 {named[0].id}；是给{person.person.name}的，把姓名改为{person.person.name}"
            if len(named) == 1 else f"成绩表中没有「{decision.name}」：核对姓名和编号" if not named
            else f"成绩表中有 {len(named)} 个「{decision.name}」（编号 {'、'.join(p.id for p in named)}）：核对编号")
    problems.add(shown, decision.row, decision.id_column, "decision-invalid",
                 f"编号「{decision.id}」在成绩表中是「{person.person.name}」，决定文件写的是「{decision.name}」，这条决定没有生效。{hint}"
                 "（并核对「所决事项」中的编号）。", where=decision.id_place or decision.place)


def _loose(pid: str) -> str:
    return pid.upper().lstrip("0") or "0"


def _report_unknown(decision: Decision, people: list[PersonResult], shown: str, problems: Problems) -> None:
    """A decision for an ID not in the sheet: when it is one person's ID without its leading zeros (5 for
    0005, a number cell) or in other letters' case (zj005), that person is named, never assumed."""
    meant = [p for p in people if _loose(p.id) == _loose(decision.id)]
    if len(meant) == 1 and decision.id.isdigit() and meant[0].id.isdigit() and len(decision.id) < len(meant[0].id):
        right, name = meant[0].id, meant[0].person.name
        problems.add(shown, decision.row, decision.id_column, "id-lost-zeros",
                     f"编号「{decision.id}」不在本期成绩表中，成绩表中有「{right}」（{name}）：表格软件把编号当成数字，去掉了前导 0。"
                     f"如是此人，请把编号列设为「文本」格式后改为 {right}（或输入 '{right}）；这条决定在改正前不适用。", where=decision.id_place or decision.place)
        return
    extra = len(meant) == 1 and len(decision.id) > len(meant[0].id)  # 00002 for 0002: a zero typed too many
    hint = (f"成绩表中有「{meant[0].id}」（{meant[0].person.name}）{'，编号前多了 0' if extra else ''}，是否是此人？"
            "是的，把编号改为成绩表的写法；" if len(meant) == 1 else "")
    named = [p for p in people if decision.name and p.person.name == decision.name]
    if not hint and len(named) == 1:  # the ID corrected in the sheet since the committee met: named, never assumed
        hint = (f"成绩表中「{decision.name}」的编号是「{named[0].id}」：如编号在决定之后更正过，把这一行的编号改为 {named[0].id}"
                "（并核对「所决事项」中的编号）；")
    problems.add(shown, decision.row, decision.id_column, "unknown-person",
                 f"编号「{decision.id}」不在本期成绩表中；{hint}请核对编号（调离、退休的人员不在本期成绩表中的，删除这一行）。这条决定没有生效。",
                 where=decision.id_place or decision.place)


def _apply(decision: Decision, person: PersonResult, grades: Grades | None) -> None:
    before = person.shown_grade
    if grades is not None and decision.grade == grades.no_grade:
        person.status, person.status_label, person.grade = "no_grade", grades.no_grade, None
    else:
        person.status, person.status_label, person.grade = "graded", None, decision.grade
    person.protected = person.decided = True
    person.reason = decision.reason
    text = f"领导小组决定：由「{before}」定为「{decision.grade}」。理由：{decision.reason}"
    if decision.basis:
        text += f"（所决事项：{decision.basis}）"
    if decision.exceed:
        text += f"。超出名额：{decision.exceed}"
    person.note(Step("决定", text))
