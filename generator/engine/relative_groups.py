"""The group figures a relative item divides by (本庭人均折算办案数, 本科室最高完成量), worked out from the whole
sheet before anyone is graded and put among each person's values (rules/relative.py says why there)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from generator.scheme.model import Assessment, Scheme
from generator.scheme.rules.relative import GROUP_KEY, GroupFigure, Relative
from generator.sheets.rows import PersonRow


def relative_rules(scheme: Scheme, assessment: Assessment) -> list[Relative]:
    items = [*assessment.walk(), *(item for post in scheme.posts for top in post.items for item in top.walk())]
    return [item.rule for item in items if isinstance(item.rule, Relative)]


def attach_group_figures(scheme: Scheme, assessment: Assessment, rows: Iterable[PersonRow]) -> None:
    """Each row gets, under GROUP_KEY, its group's figure for every relative rule of the assessment.
    Everyone listed counts (the handbook says so); one member's measure missing leaves the whole group
    without a figure (missing > 0), which the rule reports, rather than an average of the others."""
    rules = relative_rules(scheme, assessment)
    if not rules:
        return
    rows = list(rows)
    figures: dict[int, dict[str, tuple[GroupFigure, bool]]] = {id(row): {} for row in rows}
    for rule in rules:
        key = rule.key()
        groups: dict[str, list[PersonRow]] = {}
        for row in rows:
            groups.setdefault(rule.group_of(row), []).append(row)
        for members in groups.values():
            amounts = [rule.amount(row.values) for row in members]
            # a negative measure, divided into or by, is its person's problem (Relative.compute); a rank orders it
            known = [a for a in amounts if a is not None and (a >= 0 or rule.to == "rank")]
            figure = GroupFigure(len(members), sum(known, Decimal(0)), max(known, default=None), len(amounts) - len(known),
                                 tuple(sorted(known, reverse=True)) if rule.to == "rank" else ())
            for index, row in enumerate(members):
                figures[id(row)][key] = (figure, index == 0)  # the first row reports what concerns the whole group
    for row in rows:
        row.values[GROUP_KEY] = figures[id(row)]
