"""Quotas: 优秀 at most 30% of a scope, counted exactly, with a declared policy for ties.

The count is computed in Decimal: floor(n × share) for 不超过 (the default), ceil for 不少于.
People whose grade was forced by a rule count against the quota but are never dropped by it.
Those beyond the quota drop to the next grade and their trace says why; people tied at the
line are flagged for the committee by default (status "tied"), which keeps the 公示 from
being published until a decision is recorded.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import Any

from generator.core.numbers import ceil_int, floor_int, fmt, fmt_share
from generator.core.problems import Problems, Severity
from generator.engine.ranks import ranks
from generator.engine.results import PersonResult, QuotaUse, Step
from generator.scheme.policy import Grades, Quota, rank_key

_OUTSIDE = attrgetter("outside_base")


def count_places(n: int, share: Decimal, rounding: str) -> tuple[int, str]:
    """How many people a share of n allows, in Decimal, and the arithmetic in words."""
    exact = Decimal(n) * share
    if rounding == "floor":
        count = floor_int(exact)
        how = "向下取整"
    elif rounding == "ceil":
        count = ceil_int(exact)
        how = "向上取整"
    else:
        count = int(exact.to_integral_value(rounding=ROUND_HALF_UP))
        how = "四舍五入"
    return count, f"{n} 人 × {fmt_share(share)} = {fmt(exact)}，{how}为 {count} 人"


UNFILLED = ("（未填部门）", "（未填）")  # the people whose scope cell is blank: no unit, never merged as one


def scope_key(quota: Quota, result: PersonResult) -> str:
    if quota.scope == "unit":
        return "全单位"
    if quota.scope == "department":
        return result.person.department or UNFILLED[0]
    values = result.person.values
    value = values[quota.scope] if quota.scope in values else result.person.unit
    return str(value or UNFILLED[1])


def rank_value(key: str, result: PersonResult) -> Any:
    """The person's value for a rank key, larger ranking first: a 少者优先 key is negated; no value ranks last
    (but a blank count column under 少者优先 is 0 days, 0 times)."""
    key, fewer = rank_key(key)
    if key == "总分":
        value = result.total
    elif (item := result.item(key)) is not None:
        value = item.value
    else:
        value = result.person.values.get(key)
        value = value if isinstance(value, Decimal) else (Decimal(0) if fewer and value is None else None)
    if value is None:
        return Decimal("-Infinity")
    return -value if fewer else value


def apply_quota(quota: Quota, grades: Grades, people: list[PersonResult], problems: Problems, file: str, names: dict[str, str] | None = None,
                places: dict[str, int | None] | None = None) -> list[QuotaUse]:
    groups: dict[str, list[PersonResult]] = {}
    if quota.scope == "unit":  # scope_key's 全单位 for everyone, without a call per person
        counted = [result for result in people if result.status != "undecidable"]
        if counted:
            groups["全单位"] = counted
    else:
        for result in people:
            if result.status in ("undecidable",):
                continue
            groups.setdefault(scope_key(quota, result), []).append(result)
    uses = []
    names = {i.code: i.name for i in people[0].items} if people else {}  # rank_by items by name
    merged = _merge_short(quota, groups) if quota.merge_short and quota.at_most is not None else None
    for scope, members in sorted(groups.items()):
        graded = [m for m in members if m.status in ("graded", "tied")]
        base = _base(quota, members)
        candidates = [m for m in graded if m.grade == quota.grade and m.status == "graded"]
        use = QuotaUse(quota.grade, scope, base, None, None, len(candidates), len(candidates), words=quota.words(names), members=[m.person.id for m in members],
                       base_words="参加考核并确定等次" if quota.base == "graded" else "参加考核")
        if quota.at_most is not None:
            allowed, arithmetic = count_places(base, quota.at_most, quota.rounding or "floor")
            if quota.min_places and allowed < min(quota.min_places, base):  # 不足 1 人的，可确定 1 人
                allowed = min(quota.min_places, base)
                arithmetic += f"，不足 {quota.min_places} 人按 {quota.min_places} 人计，为 {allowed} 人"
            use.allowed = allowed
            if merged is not None and scope == merged[0]:
                arithmetic = f"{merged[1]}；{arithmetic}"
                use.parts = list(merged[2])
            if allowed == 0 and candidates:
                problems.add(file, None, None, "quota-impossible",
                             f"{scope}{use.base_words} {base} 人，「{quota.grade}」不超过 {fmt_share(quota.at_most)}：{arithmetic}，没有名额；拟评「{quota.grade}」的 {len(candidates)} 人将降等。请确认是否需要合并考核单元。",
                             Severity.WARNING)
            if len(candidates) > allowed:
                use.cut = True
                _cut(quota, grades, candidates, allowed, arithmetic, scope, use, places or {})
                use.granted = sum(1 for m in graded if m.grade == quota.grade and m.status == "graded")
            # else: nobody's grade moved, and the candidates are who has it (use.granted as made)
            if merged is not None and scope == merged[0]:  # whom _cut wrote nothing to: why their scope is a pool
                noted = {id(m) for m in candidates} if use.cut else set()
                for m in members:
                    if id(m) not in noted:
                        m.note(Step("名额", f"{scope}「{quota.grade}」名额：{arithmetic}"))
        if quota.at_least is not None:  # checked after committee decisions (quota_count.py)
            use.minimum, use.minimum_words = count_places(base, quota.at_least, quota.rounding or "ceil")
        uses.append(use)
    return uses


def _base(quota: Quota, members: list[PersonResult]) -> int:
    if quota.base == "graded":
        return sum(1 for m in members if m.status in ("graded", "tied"))
    return len(members) - sum(map(_OUTSIDE, members))  # Trues counted in C


def _merge_short(quota: Quota, groups: dict[str, list[PersonResult]]) -> tuple[str, str, list[str]] | None:
    """「按此计算不足 1 人的科室，合并计算名额」: the scopes whose own places come to 0 become one group, in
    `groups`, named after them (largest first, then by name); (its name, the words saying why, the scopes). One short
    scope alone stays as it is (nothing to merge it with; quota-impossible says so), and so do the people with
    the scope's cell blank: they are no 科室 the rule speaks of."""
    assert quota.at_most is not None
    bases = {scope: _base(quota, members) for scope, members in groups.items()}
    short = sorted((scope for scope in groups if scope not in UNFILLED and count_places(bases[scope], quota.at_most, quota.rounding or "floor")[0] < 1),
                   key=lambda scope: (-bases[scope], scope))
    if len(short) < 2:
        return None
    name = "、".join(short) + "（合并计算）"
    groups[name] = [m for scope in short for m in groups.pop(scope)]
    parts = "、".join(f"{scope} {bases[scope]} 人" for scope in short)
    return name, f"{parts}按比例算出的名额都不足 1 人，合并计算", short


def _cut(quota: Quota, grades: Grades, candidates: list[PersonResult], allowed: int, arithmetic: str, scope: str, use: QuotaUse,
         shown_at: dict[str, int | None]) -> None:
    protected = [c for c in candidates if c.protected]
    others = [c for c in candidates if not c.protected]
    use.contenders = [c.id for c in others]  # a committee decision on any of them is about this quota
    slots = max(0, allowed - len(protected))
    keys = list(quota.rank_by) + (list(quota.break_by) if quota.ties == "break_by" else [])
    # rank keys as a person reads them: an item's name rather than its code
    sample = candidates[0]
    key_names = [(item.name if (item := sample.item(k)) is not None else k) + ("（少者优先）" if fewer else "")
                 for k, fewer in map(rank_key, keys)]
    key_words = "、".join(key_names)

    # each contender's keys worked out once: sorting, placing and finding the line each ask again
    # (a key per call walked the person's items and parsed the key's 少者优先 mark each time)
    keyed = {id(c): tuple(rank_value(k, c) for k in keys) for c in others}

    def key(result: PersonResult) -> tuple:
        return keyed[id(result)]

    # Stable order by ID after the keys, so the output never depends on row order.
    others.sort(key=lambda r: r.id)
    others.sort(key=key, reverse=True)
    # 名次 as an official list writes them: equal keys, equal places (1, 2, 2, 4)
    places = ranks(((r.id, r) for r in others), key)
    place = {id(r): places[r.id] for r in others}
    lower = grades.next_below(quota.grade)
    header = f"{scope}「{quota.grade}」名额：{arithmetic}"
    tied: list[PersonResult] = []
    if 0 < slots < len(others) and key(others[slots - 1]) == key(others[slots]):
        line = key(others[slots - 1])
        tied = [r for r in others if key(r) == line]
    keep = others[:slots]
    drop = others[slots:]
    if tied:
        # by identity: results of different rows never compare equal (their row numbers differ), and
        # comparing two results field by field costs more than the whole quota
        at_line = {id(r) for r in tied}
        keep = [r for r in keep if id(r) not in at_line]
        drop = [r for r in drop if id(r) not in at_line]
        shown = [-v if rank_key(k)[1] and v.is_finite() else v for k, v in zip(keys, key(tied[0]))]  # 少者优先 ranks negated
        held = [shown_at.get(rank_key(k)[0]) for k in keys]
        line_words = "、".join(f"{k} {fmt(v, p if v.is_finite() else None) if isinstance(v, Decimal) else v}" for k, v, p in zip(key_names, shown, held))
        if quota.ties == "include_all":
            for r in tied:
                r.note(Step("名额", f"{header}；名额线上 {len(tied)} 人并列（{line_words}），方案规定全部保留「{quota.grade}」"))
        elif quota.ties == "exclude_all":
            for r in tied:
                r.note(Step("名额", f"{header}；名额线上 {len(tied)} 人并列（{line_words}），方案规定全部不得「{quota.grade}」，降为「{lower}」"))
                r.grade = lower
        else:  # flag (and break_by that still ties)
            for r in tied:
                r.status, r.status_label = "tied", f"{quota.grade}（并列待定）"
                r.note(Step("名额", f"{header}；名额线上 {len(tied)} 人并列（{line_words}），须由领导小组决定"))
            use.tied = [r.id for r in tied]
            use.group = list(use.tied)
            use.line = line_words
            use.open_places = slots - len(keep)
            use.words = header
    for r in keep:
        r.note(Step("名额", f"{header}；按{key_words}排第 {place[id(r)]} 名，在名额内"))
    for r in drop:
        r.note(Step("名额", f"{header}；按{key_words}排第 {place[id(r)]} 名，在名额之外，由「{quota.grade}」降为「{lower}」"))
        r.grade = lower
    for r in protected:
        r.note(Step("名额", f"{header}；按规则直接确定的等次占用名额，不因名额降等"))
