"""The sheet columns an assessment expects, in the scheme's order.

Used by the results loader (to check every cell), by `kaohe template` (to make the sheet an
office fills in) and by the guide. People columns first, then items in document order, then
adjustments, then declared inputs.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.scheme.model import Assessment, Item, Scheme
from generator.scheme.rules.base import ColumnSpec


@dataclass(frozen=True)
class ColumnPlan:
    people: list[ColumnSpec]
    items: list[tuple[ColumnSpec, str]]  # (spec, post name or "" when shared)
    other: list[ColumnSpec]

    def all(self) -> list[ColumnSpec]:
        seen: dict[str, ColumnSpec] = {}
        for spec in [*self.people, *(s for s, _ in self.items), *self.other]:
            seen.setdefault(spec.name, spec)
        return list(seen.values())

    def by_name(self) -> dict[str, ColumnSpec]:
        return {s.name: s for s in self.all()}

    def post_of(self) -> dict[str, set[str]]:
        """column → the posts it belongs to (empty set: everyone)."""
        result: dict[str, set[str]] = {}
        for spec, post in self.items:
            bucket = result.setdefault(spec.name, set())
            if post:
                bucket.add(post)
            else:
                bucket.add("*")
        return result


def _item_columns(items: list[Item], post: str) -> list[tuple[ColumnSpec, str]]:
    out: list[tuple[ColumnSpec, str]] = []
    for top in items:
        for item in top.walk():
            rule = item.rule
            if rule is not None:
                out.extend((spec, post) for spec in rule.columns(item))
    return out


def plan_columns(scheme: Scheme, assessment: Assessment) -> ColumnPlan:
    people = [
        ColumnSpec(scheme.people.id, "text", note="文本，保留前导 0"),
        ColumnSpec(scheme.people.name, "text"),
        ColumnSpec(scheme.people.department, "text"),
    ]
    if scheme.people.post:
        people.append(ColumnSpec(scheme.people.post, "choice", choices=tuple(p.name for p in scheme.posts)))
    if scheme.people.unit:
        people.append(ColumnSpec(scheme.people.unit, "text"))
    items = _item_columns(assessment.items, "")
    if any(i.by_post for i in assessment.walk()):
        for post in scheme.posts:
            items.extend(_item_columns(post.items, post.name))
    other: list = []
    for adjustment in assessment.adjustments:
        other.extend(adjustment.columns())
    if assessment.grades and assessment.grades.entered:
        other.append(
            # Not required: a person with a no-grade status (试用期…) may leave it empty; a person
            # without one is reported as 未评定等次 by the engine.
            ColumnSpec(assessment.grades.entered, "choice", choices=tuple(assessment.grades.order), required=False,
                       note="/".join(assessment.grades.order))
        )
    for decl in [*scheme.inputs, *assessment.inputs]:
        other.append(decl.spec())
    return ColumnPlan(people, items, other)


def formula_names(scheme: Scheme, assessment: Assessment) -> set[str]:
    """Every name a formula or condition in this assessment may use."""
    plan = plan_columns(scheme, assessment)
    names = {spec.name for spec in plan.all()}
    codes = {item.code for item in assessment.walk()}
    for post in scheme.posts:
        for top in post.items:
            codes.update(i.code for i in top.walk())
    return names | codes | {"总分"}
