"""Share limits on entered rating columns (scheme `rating_limits`): 年度评价等次 优秀不超过 20%.

A quota on an assessment's grade is applied (quotas.py): those beyond the line drop a grade. A
rating entered in another column feeds a score (a coefficient) and the engine cannot choose whose
rating to lower, so a count above the limit is reported, with the arithmetic and the people, for
the rater to correct the sheet. The base is everyone in the scope with a rating in that column.
"""

from __future__ import annotations

from generator.core.numbers import fmt_share
from generator.core.problems import Problems
from generator.engine.quotas import count_places, scope_key
from generator.engine.results import PersonResult
from generator.scheme.model import Assessment


def check_rating_limits(assessment: Assessment, people: list[PersonResult], file: str, problems: Problems) -> None:
    for limit in assessment.rating_limits:
        groups: dict[str, list[PersonResult]] = {}
        for result in people:
            if result.person.values.get(limit.column) not in (None, ""):
                groups.setdefault(scope_key(limit, result), []).append(result)  # type: ignore[arg-type]
        for scope, members in sorted(groups.items()):
            rated = [m for m in members if str(m.person.values.get(limit.column)) == limit.value]
            allowed, arithmetic = count_places(len(members), limit.at_most, limit.rounding)
            if len(rated) <= allowed:
                continue
            names = "、".join(f"{m.person.name}（{m.id}）" for m in sorted(rated, key=lambda m: m.id))
            problems.add(file, None, None, "rating-over-limit",
                         f"{scope}「{limit.column}」评为「{limit.value}」的有 {len(rated)} 人：{names}；不超过 {fmt_share(limit.at_most)}：{arithmetic}。"
                         f"请考核人按规定调整评价后修改成绩表（{limit.text or limit.words()}）。")
