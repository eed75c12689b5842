"""A person's derivation in readable Chinese: the words of `kaohe explain` and the internal site."""

from __future__ import annotations

from generator.core.numbers import fmt, fmt_at_most
from generator.engine.prepared import prepared
from generator.engine.results import PeriodResult, PersonResult
from generator.scheme.rules.entered import ENTERED_IN_OWN_COLUMN

# Section headings, numbered in the order they occur (一、二、三 with no gap when a step is absent).
STAGE_TITLES = {
    "项目": "各项得分",
    "调整": "加减分",
    "取舍": "总分",
    "等次": "按分数段定等次",
    "规则": "适用的规定",
    "名额": "比例限制",
    "决定": "领导小组决定",
    "结果运用": "结果运用",
}
ENTERED_GRADE_TITLE = "等次（成绩表中录入）"
_CN = "一二三四五六七八九十"


def _numbered(n: int, title: str) -> str:
    return f"{_CN[n - 1] if n <= 10 else n}、{title}"


def stage_title(stage: str, period: PeriodResult, result: PersonResult) -> str:
    """What happened, not merely which stage: a grade taken from an entered column is not headed
    as a grade found by score band."""
    grades = period.assessment.grades
    if stage == "等次" and grades is not None and grades.entered and result.person.values.get(grades.entered):
        return ENTERED_GRADE_TITLE
    return STAGE_TITLES.get(stage, stage)


def explain_lines(period: PeriodResult, result: PersonResult) -> list[str]:
    person = result.person
    lines = [
        f"{period.scheme.title} · {period.assessment.name} · {period.period_name}",
        f"{person.name}（{period.scheme.people.id} {person.id}） {person.department}" + (f" · {person.post}" if person.post else ""),
        "",
    ]
    number = 1
    lines.append(_numbered(number, STAGE_TITLES["项目"]))
    full = result.explained()  # graded fast, the words are produced now by grading this person again
    facts = prepared(period.scheme, period.assessment)  # worked out once per scheme and assessment
    places, kept_places = facts.shown_places, facts.kept_places
    for item in full.items:
        indent = "　" * (item.depth + 1)
        kept = kept_places.get(item.code)
        value = fmt(item.value, kept) if kept is not None and item.value is not None else fmt_at_most(item.value, places.get(item.code, period.assessment.places))
        steps = list(item.steps)
        notes = ([f"满分 {fmt(item.max)}"] if item.max is not None else []) + ([steps.pop(0)] if steps[:1] == [ENTERED_IN_OWN_COLUMN] else [])
        lines.append(f"{indent}{item.name}：{value} 分" + (f"（{'，'.join(notes)}）" if notes else ""))
        for step in steps:
            lines.append(f"{indent}　· {step}")
    seen_stage = "项目"
    for step in [*(full.trace_steps or []), *(result.late_steps or [])]:
        if step.stage == "项目":
            continue
        if step.stage != seen_stage:
            number += 1
            lines.append(_numbered(number, stage_title(step.stage, period, result)))
            seen_stage = step.stage
        lines.append(f"　{step.text}")
    lines.append("")
    total = fmt(result.total, period.assessment.places) if result.total is not None else "—"
    lines.append(f"结果：总分 {total}，{result.shown_grade}" + (f"（{result.reason}）" if result.reason and result.status != "graded" else ""))
    return lines


def item_places(period: PeriodResult) -> dict[str, int]:
    """item code → the places its value is shown with (Prepared.shown_places; read only)."""
    return prepared(period.scheme, period.assessment).shown_places


def explain_text(period: PeriodResult, result: PersonResult) -> str:
    return "\n".join(explain_lines(period, result))
