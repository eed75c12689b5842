"""What a comparison compares with, and what it must say when it cannot: the series a period
continues (a scheme revised for a new year continues the one it replaces), why a block has nothing
before it, and the departments found in only one of the two years (a rename the figures do not show);
the counts it compares (PeriodTally, Tally: a department merged from two counted as both).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.engine.results import PeriodResult
from generator.scheme.periods import period_title


def lineage(schemes: dict, period: PeriodResult) -> str:
    """The code of the oldest scheme whose same assessment, with the same grades, this period's
    continues: a scheme revised for a new year (a new code, previous: the old one) keeps its years'
    series, so 较上年 of its first year compares with the old scheme's last. With other grades, or
    another assessment, the revision starts a series of its own."""
    scheme, seen = period.scheme, {period.scheme.code}
    grades = list(period.assessment.grades.order) if period.assessment.grades else []
    while scheme.previous and scheme.previous not in seen:
        older = schemes.get(scheme.previous)
        same = older.assessment(period.assessment.code) if older is not None else None
        if same is None or (list(same.grades.order) if same.grades else []) != grades or period.label not in same.period_labels:
            break
        scheme = older
        seen.add(scheme.code)
    return scheme.code


def none_before(period: PeriodResult, periods: list[PeriodResult]) -> str:
    """Why 较上年 is — throughout: the year before has no such period, or had it under the scheme
    this one replaced with other grades (lineage: not the same series)."""
    before = period_title(period.year - 1, period.label)  # 2024年第一季度; 2024—2025学年第一学期
    old = next((p for p in periods if p.year == period.year - 1 and p.label == period.label and p.scheme.code == period.scheme.previous), None)
    if old is not None:
        return f"{before}按《{old.scheme.title}》考核，等次或考核项目不同，不作比较"
    return f"没有{before}的考核结果，不作比较"


def unmatched(departments: list[str], before, now) -> str:
    """本年新出现 / 上年有本年没有: a department renamed between the years is one of each, and its row
    alone (— under 较上年) does not say so."""
    came = [d for d in departments if now(d) and not before(d)]
    gone = [d for d in departments if before(d) and not now(d)]
    if not came and not gone:
        return ""
    parts = ([f"本年新出现：{'、'.join(came)}"] if came else []) + ([f"上年有、本年没有：{'、'.join(gone)}"] if gone else [])
    return "；".join(parts) + "。部门更名、合并或拆分的，新旧部门的数字不能直接比较。"


def family(schemes: dict, code: str) -> str:
    """The oldest code of the schemes linked to `code` by previous: either way: a scheme and its revisions."""
    members, changed = {code}, True
    while changed:
        linked = {c for c, s in schemes.items() if s.previous in members} | {schemes[c].previous for c in members if c in schemes and schemes[c].previous}
        changed = not linked <= members
        members |= linked
    return min(members, key=lambda c: (getattr(schemes.get(c), "effective_year", 0), c))


def not_in_yet(periods: list[PeriodResult], year: int, schemes: dict | None = None) -> str:
    """`periods`: an agency's, of every year. The year's periods its schemes assess that have no results (a quarter's sheet not in, the year's
    own not yet): a year page that lists only what it has reads as a whole year. A period assessed under a revision of
    the scheme (previous:, either way) is not missing from the other; one missing from both is named once, under the newer."""
    from generator.scheme.periods import period_words, reading_order

    schemes = schemes if schemes is not None else {p.scheme.code: p.scheme for p in periods}
    line = {code: family(schemes, code) for code in {p.scheme.code for p in periods}}
    have = {(line[p.scheme.code], p.assessment.code, p.label) for p in periods if p.year == year}
    used = {(p.scheme.code, p.assessment.code) for p in periods}  # in any year: one the office never uses is not missing
    absent: dict[tuple[str, str, str], str] = {}
    year_schemes = sorted({p.scheme.code: p.scheme for p in periods if p.year == year}.values(), key=lambda s: (s.effective_year, s.code))
    for scheme in year_schemes:
        for assessment in scheme.assessments:
            if (scheme.code, assessment.code) not in used:
                continue
            labels = sorted((lb for lb in assessment.period_labels if (line[scheme.code], assessment.code, lb) not in have), key=reading_order)
            for lb in labels:  # the newer scheme's words replace the older's for the same period
                absent.pop((line[scheme.code], assessment.code, lb), None)
                absent[(line[scheme.code], assessment.code, lb)] = f"{_joined(period_words(lb), assessment.name)}（{scheme.title}）"
    return "、".join(absent.values())


def _joined(period: str, name: str) -> str:
    """第三季度 + 季度考评 → 第三季度考评, 年度 + 年度考核 → 年度考核 (as PeriodResult.period_assessment)."""
    cut = max((k for k in range(2, min(len(period), len(name)) + 1) if period.endswith(name[:k])), default=0)
    return period + name[cut:]


@dataclass
class PeriodTally:
    """grade_counts of each department of one period, and of 全单位 (the whole period): all that the
    comparison pages show of it. `key` hashes them (and the period's identity)."""
    counts: dict[str, dict[str, int]]
    departments: list[str]  # of its people (a department named 全单位 among them, however unlikely)
    key: str


class Tally:
    """The counts of an agency's periods by (period, department or 全单位); None where nobody was."""

    def __init__(self, periods: list[PeriodResult], tallies: list[PeriodTally]):
        self.counts = {period.key: tally.counts for period, tally in zip(periods, tallies)}
        self.departments = {period.key: tally.departments for period, tally in zip(periods, tallies)}

    def __call__(self, period: PeriodResult | None, department: str) -> dict[str, int] | None:
        if period is None:
            return None
        return self.counts[period.key].get(department)

    def under(self, period: PeriodResult | None, names: list[str]) -> tuple[list[str], dict[str, int]] | tuple[None, None]:
        """The counts of a department that had other names (agency.yaml formerly:), under the names it had then:
        one made of two (综合办 formerly [办公室, 预算股]) is the sum of both, not the first one found."""
        found = [(name, counts) for name in names if (counts := self(period, name)) is not None]
        if not found:
            return None, None
        if len(found) == 1:
            return [found[0][0]], found[0][1]
        total: dict[str, int] = {}
        for _, counts in found:
            for key, count in counts.items():
                total[key] = total.get(key, 0) + count
        return [name for name, _ in found], total
