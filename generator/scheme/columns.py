"""The sheet columns an assessment expects, in the scheme's order.

Used by the results loader (to check every cell), by `kaohe template` (to make the sheet an
office fills in) and by the guide. People columns first, then items in document order, then
adjustments, then declared inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.core.problems import clip
from generator.scheme.model import Assessment, Item, Scheme
from generator.scheme.policy import rank_key
from generator.scheme.rollup_columns import rollup_readers
from generator.scheme.rules.base import ColumnSpec


@dataclass(frozen=True)
class ColumnPlan:
    people: list[ColumnSpec]
    items: list[tuple[ColumnSpec, str]]  # (spec, post name or "" when shared)
    other: list[ColumnSpec]

    def all(self) -> list[ColumnSpec]:
        """One spec per column, in order of first mention. A column named twice (a formula's input
        that is also a declared input with min/max) keeps every constraint of both: the declared
        range of an input is never lost behind a rule's looser spec."""
        seen: dict[str, ColumnSpec] = {}
        for spec in [*self.people, *(s for s, _ in self.items), *self.other]:
            first = seen.get(spec.name)
            seen[spec.name] = spec if first is None else _merge(first, spec)
        # a column two posts read with different bounds (教学常规 of 20 for a 专任教师, of 10 for a 班主任) takes
        # either post's value: the template's validation allows the widest, the sheet holds each row to its post's
        for name, by_post in self.post_specs().items():
            seen[name] = _widen(by_post)
        return list(seen.values())

    def post_specs(self) -> dict[str, dict[str, ColumnSpec]]:
        """column → post → its spec for that post's people, for a column only posts' items read and two of
        them with different bounds; an input declared under the same name bounds every post's."""
        per: dict[str, dict[str, ColumnSpec]] = {}
        for spec, post in self.items:
            if post:
                mine = per.setdefault(spec.name, {})
                mine[post] = spec if post not in mine else _merge(mine[post], spec)
        shared = {s.name for s, post in self.items if not post} | {s.name for s in self.people}
        found = {}
        for name, by_post in per.items():
            if name in shared or len({(s.min, s.max, s.places) for s in by_post.values()}) < 2:
                continue
            declared = [s for s in self.other if s.name == name]
            found[name] = {post: _merge(spec, declared[0]) if declared else spec for post, spec in by_post.items()}
        return found

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


def _merge(first: ColumnSpec, other: ColumnSpec) -> ColumnSpec:
    if first.type != other.type:
        # a 选择 input listed in a formula's uses stays a 选择 column: the formula only guessed a number
        return other if first.assumed and not other.assumed else first
    low = max((v for v in (first.min, other.min) if v is not None), default=None)
    high = min((v for v in (first.max, other.max) if v is not None), default=None)
    places = min((v for v in (first.places, other.places) if v is not None), default=None)
    # a choice column named twice (a factor's 身份 and the declared input 身份, two factors by it): every
    # value either names is one the office may fill in; the first's alone rejected the other's
    choices = tuple(dict.fromkeys((*first.choices, *other.choices)))
    return replace(first, min=low, max=high, places=places, required=first.required or other.required,
                   percent=first.percent or other.percent, under_one=first.under_one or other.under_one,
                   note=first.note or other.note, choices=choices)


def _widen(by_post: dict[str, ColumnSpec]) -> ColumnSpec:
    """One spec that admits every value any post's admits: the lowest min, the highest max, the most places;
    its note says whose is which (专任教师满分 20、班主任满分 10)."""
    specs = list(by_post.values())

    def loosest(values, pick):
        return None if any(v is None for v in values) else pick(values)

    return replace(specs[0], min=loosest([s.min for s in specs], min), max=loosest([s.max for s in specs], max),
                   places=loosest([s.places for s in specs], max), note="、".join(f"{post}{s.note}" for post, s in by_post.items() if s.note))


def _item_columns(items: list[Item], post: str, optional: bool = False) -> list[tuple[ColumnSpec, str]]:
    """The columns the leaves read; under a parent with missing: reweight a leaf may be left blank (not assessed)."""
    out: list[tuple[ColumnSpec, str]] = []
    for item in items:
        rule = item.rule
        if rule is not None:
            out.extend((replace(spec, required=False) if optional else spec, post) for spec in rule.columns(item))
        out.extend(_item_columns(item.children, post, optional or item.missing == "reweight"))
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


def _short(text: str, limit: int = 24) -> str:
    return clip(" ".join(text.split()), limit)  # on one line, whatever breaks the reason has


def column_readers(scheme: Scheme, assessment: Assessment) -> dict[str, list[str]]:
    """column → what reads it, in words (项目「德」, 加减分「加分」, 等次规则「试用期人员不定等次」,
    名额「优秀」): a column missing from a sheet is reported naming them. A declared input that
    nothing reads has no entry."""
    from generator.scheme.expr import FormulaError, compiled

    readers: dict[str, list[str]] = {}

    def add(column: str, who: str) -> None:
        bucket = readers.setdefault(column, [])
        if who not in bucket:
            bucket.append(who)

    posts = [("", assessment.items)]
    if any(i.by_post for i in assessment.walk()):
        posts.extend((p.name, p.items) for p in scheme.posts)
    for post, items in posts:
        for top in items:
            for item in top.walk():
                if item.rule is not None:
                    for spec in item.rule.columns(item):
                        add(spec.name, f"项目「{item.name}」" + (f"（{post}）" if post else ""))
    for adjustment in assessment.adjustments:
        for spec in adjustment.columns():
            add(spec.name, f"加减分「{adjustment.name}」")
    if assessment.grades and assessment.grades.entered:
        add(assessment.grades.entered, "等次")
    for override in assessment.overrides:
        for text in (override.when, override.requires):
            if not text:
                continue
            try:
                names = compiled(text).names
            except FormulaError:  # reported by the scheme check
                continue
            for name in sorted(names):
                add(name, f"等次规则「{_short(override.reason)}」")
    for column, who in rollup_readers(scheme, assessment):  # a year summing the months' 病事假天数
        add(column, who)
    for quota in assessment.quotas:
        for name in [*([quota.scope] if quota.scope not in ("unit", "department") else []), *map(_ranked, quota.rank_by), *map(_ranked, quota.break_by)]:
            add(name, f"名额「{quota.grade}」")
    return readers


def _ranked(key: str) -> str:
    return rank_key(key)[0]  # 事假天数（少者优先） reads the column 事假天数
