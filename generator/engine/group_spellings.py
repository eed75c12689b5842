"""A column that groups people — a relative item's `within` (审判团队: 人均 and 最高 of the team), a quota's or a
rating limit's `scope` (考核单元: the places of the unit) — holding one group written two ways in one sheet
(A组 and Ａ组, a组, A 组): they were two groups, each person compared alone or given a quota of their own, and
nothing said so. The column is no department, with no list in agency.yaml to hold it to (departments are:
former_names.py), so the spellings that differ only in blanks, full/half widths and letters' case are reported,
at the first row of each rarer spelling.
"""

from __future__ import annotations

from generator.core.problems import Problems
from generator.core.spelling import spelling_key
from generator.engine.results import PeriodResult
from generator.scheme.model import Assessment, Scheme
from generator.scheme.rules.relative import GROUP_WORDS, Relative
from generator.sheets.rows import place_letter

_NOT_A_COLUMN = ("unit", "department")


def grouping_columns(scheme: Scheme, assessment: Assessment) -> list[tuple[str, str]]:
    """(column, what groups by it, in words) of the assessment, each column once."""
    found: dict[str, str] = {}
    items = [*assessment.walk(), *(item for post in scheme.posts for top in post.items for item in top.walk())]
    for item in items:
        if isinstance(item.rule, Relative) and item.rule.within not in GROUP_WORDS:
            found.setdefault(item.rule.within, f"「{item.name}」与同一{item.rule.within}的人比较")
    for quota in assessment.quotas:
        if quota.scope not in _NOT_A_COLUMN:
            found.setdefault(quota.scope, f"「{quota.grade}」的名额按每个{quota.scope}计算")
    for limit in assessment.rating_limits:
        if limit.scope not in _NOT_A_COLUMN:
            found.setdefault(limit.scope, f"「{limit.column}」的评价比例按每个{limit.scope}计算")
    return list(found.items())


def _key(text: str) -> str:
    return spelling_key(text).casefold()


def report_groups_spelled_apart(periods: list[PeriodResult], problems: Problems) -> None:
    for period in periods:
        if not period.files or period.files[0].endswith("（由各期汇总）"):
            continue  # a roll-up without a sheet of its own: its periods' sheets are reported
        for column, use in grouping_columns(period.scheme, period.assessment):
            spellings: dict[str, dict[str, list]] = {}
            for result in period.people:
                value = result.person.values.get(column)
                text = str(value).strip() if value is not None else ""
                if text:
                    spellings.setdefault(_key(text), {}).setdefault(text, []).append(result.person)
            for ways in spellings.values():
                if len(ways) < 2:
                    continue
                (usual, among), *others = sorted(ways.items(), key=lambda way: (-len(way[1]), way[1][0].row))  # the commonest first
                for other, people in others:
                    first = people[0]
                    problems.add(period.files[0], first.row, place_letter(first.places, column), "group-spelled-two-ways",
                                 f"本期「{column}」「{other}」（{len(people)} 人）与「{usual}」（{len(among)} 人）只差空格、全角半角或大小写，"
                                 f"却会被当作两个{column}：{use}，两部分人分开计算。请统一写成「{usual}」；确是两个{column}的，请改用明显不同的名称。",
                                 where=first.places.get(column, ""))
