"""The group figures a relative item divides by (本庭人均折算办案数, 本科室最高完成量), worked out from the whole
sheet before anyone is graded and put among each person's values (rules/relative.py says why there).

Who counts in a group: a member the item applies to (a post's item: that post's people only), who is not
left out under a reweighted parent (missing: reweight, every cell of that part blank: the part is not
assessed for them) and whom the rule's `excluding` condition does not keep out. Everyone of the group,
counted or not, reads its figure."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from generator.engine.grade import blank
from generator.scheme.model import Assessment, Item, Scheme
from generator.scheme.rules.relative import GROUP_KEY, GroupFigure, Relative
from generator.sheets.rows import PersonRow


class _Use:
    """A relative leaf, the post it belongs to (None: everyone's) and the parts above it a blank may leave out."""

    __slots__ = ("rule", "post", "optional")

    def __init__(self, rule: Relative, post: str | None, optional: tuple[Item, ...]):
        self.rule, self.post, self.optional = rule, post, optional

    def applies(self, row: PersonRow) -> bool:
        return self.post is None or row.post == self.post

    def absent(self, row: PersonRow) -> bool:
        return any(blank(part, row.values) for part in self.optional)


def _uses(items: list[Item], post: str | None, optional: tuple[Item, ...], scheme: Scheme, reweighted: bool) -> Iterator[_Use]:
    for item in items:
        here = optional + (item,) if reweighted else optional
        if isinstance(item.rule, Relative):
            yield _Use(item.rule, post, here)
        if item.by_post:
            for each in scheme.posts:
                yield from _uses(each.items, each.name, here, scheme, item.missing == "reweight")
        yield from _uses(item.children, post, here, scheme, item.missing == "reweight")


def attach_group_figures(scheme: Scheme, assessment: Assessment, rows: Iterable[PersonRow]) -> None:
    """Each row gets, under GROUP_KEY, its group's figure for every relative rule of the assessment.
    One counted member's measure missing leaves the whole group without a figure (missing > 0), which
    the rule reports, rather than an average of the others."""
    uses = list(_uses(assessment.items, None, (), scheme, False))
    if not uses:
        return
    rows = list(rows)
    figures: dict[int, dict[str, tuple[GroupFigure, bool]]] = {id(row): {} for row in rows}
    for use in uses:
        rule = use.rule
        key = rule.key()
        groups: dict[str, list[PersonRow]] = {}
        for row in rows:
            if use.applies(row):
                groups.setdefault(rule.group_of(row), []).append(row)
        for members in groups.values():
            counted = [(row, rule.counted(row.values)) for row in members if not use.absent(row)]
            unknown = sum(1 for _, state in counted if state is None)  # a blank 新录用: reported at that person's cell
            amounts = [rule.amount(row.values) for row, state in counted if state]
            # a negative measure, divided into or by, is its person's problem (Relative.compute); a rank orders it
            known = [a for a in amounts if a is not None and (a >= 0 or rule.to == "rank")]
            figure = GroupFigure(len(amounts), sum(known, Decimal(0)), max(known, default=None), len(amounts) - len(known) + unknown,
                                 tuple(sorted(known, reverse=True)) if rule.to == "rank" else ())
            # the first row graded for the item reports what concerns the whole group (one left out is never graded for it)
            first = next((row for row in members if not use.absent(row)), None)
            for row in members:
                figures[id(row)][key] = (figure, row is first)
    for row in rows:
        row.values[GROUP_KEY] = figures[id(row)]
