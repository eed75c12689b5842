"""The computed model: what the engine produces for one person and one period.

Plain dataclasses, no I/O: the site, the CLI's explain and the archive lock all read these.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from generator.core.problems import Problem
from generator.scheme.model import Assessment, Scheme
from generator.scheme.periods import period_title
from generator.sheets.rows import PersonRow

Status = Literal["graded", "no_grade", "undecidable", "incomplete", "tied"]

STATUS_WORDS = {
    "graded": "已定等次",
    "no_grade": "不确定等次",
    "undecidable": "无法评定",
    "incomplete": "成绩不完整",
    "tied": "待领导小组决定",
}


@dataclass(slots=True)  # one per line of every person's derivation: no __dict__ each
class Step:
    stage: str  # 项目 / 调整 / 取舍 / 等次 / 规则 / 名额 / 决定
    text: str


@dataclass(slots=True)  # one per item of every person's result
class ItemScore:
    code: str
    name: str
    value: Decimal | None
    max: Decimal | None
    depth: int
    # The words of the derivation: a list when graded with explain=True, else an empty tuple
    # (one shared object rather than a list per item of every person of the archive).
    steps: list[str] | tuple[()] = ()


# What a result's items are, shared by everyone graded alike: (code, name, max, depth) per item.
ItemShape = tuple[str, str, Decimal | None, int]


@dataclass(slots=True)
class PersonResult:
    person: PersonRow
    # The items as the compiled grading leaves them (engine/fast.py): one shared layout and a tuple
    # of values, rather than an ItemScore per item of every person; `items` builds those on demand.
    item_layout: tuple[ItemShape, ...] | None = None
    item_values: tuple[Decimal | None, ...] = ()
    raw_total: Decimal | None = None
    total: Decimal | None = None
    band_grade: str | None = None
    grade: str | None = None
    status: Status = "graded"
    status_label: str | None = None
    reason: str | None = None
    protected: bool = False  # a grade forced by a rule or a decision is not dropped by a quota
    outside_base: bool = False  # a no_grade status whose person does not count in a quota's 参加考核 base
    # The derivation's steps as graded, when graded with explain=True; None when graded fast.
    trace_steps: list[Step] | None = None
    # Steps added after grading, by quotas and committee decisions (always kept: few people).
    late_steps: list[Step] | None = None
    decided: bool = False
    # Grades this person again with explain=True (compute.Explainer); set when graded fast.
    explainer: Any = field(default=None, repr=False, compare=False)
    # fingerprint(), once computed: a result is not changed after its period is complete
    seen_as: str | None = field(default=None, repr=False, compare=False)
    # The ItemScores of a result graded item by item (grade.py appends to them).
    scores: list[ItemScore] | None = field(default=None, repr=False)

    @property
    def items(self) -> list[ItemScore]:
        """Every item's score, in the scheme's order (parents before their children)."""
        if self.item_layout is None:
            if self.scores is None:
                self.scores = []
            return self.scores
        return [ItemScore(code, name, value, top, depth) for (code, name, top, depth), value in zip(self.item_layout, self.item_values)]

    def item_pairs(self) -> list[tuple[str, Decimal | None]]:
        """(item code, value) per item, in order, without building ItemScores."""
        if self.item_layout is None:
            return [(i.code, i.value) for i in self.items]
        return [(shape[0], value) for shape, value in zip(self.item_layout, self.item_values)]

    def item_name_map(self) -> dict[str, str]:
        """Item code → item name."""
        if self.item_layout is None:
            return {i.code: i.name for i in self.items}
        return {shape[0]: shape[1] for shape in self.item_layout}

    def item_value_map(self) -> dict[str, Decimal | None]:
        """Item code → value (a later item of the same code wins, as a dict built from items does)."""
        if self.item_layout is None:
            return {i.code: i.value for i in self.items}
        return {shape[0]: value for shape, value in zip(self.item_layout, self.item_values)}

    def note(self, step: Step) -> None:
        """A step added after grading (quota, decision)."""
        if self.late_steps is None:
            self.late_steps = []
        self.late_steps.append(step)

    def explained(self) -> PersonResult:
        """This result with every step in words: itself if it was graded so, else graded again.
        The regraded copy is not kept: a build explains each person once, for one page."""
        if self.trace_steps is not None or self.explainer is None:
            return self
        return self.explainer.regrade(self)

    def fingerprint(self) -> str:
        """Everything a page can show of this result, its derivation included, as one hash: the
        inputs of the person's row, every computed value, the later steps and, in a roll-up, what
        the person's earlier periods contributed — each earlier result by its own fingerprint, which
        covers its items (made once: a result's page needs it anyway), rather than by their forty
        values written out again for every roll-up. Equal fingerprints, equal pages (site/page_memo.py)."""
        if self.seen_as is not None:
            return self.seen_as
        row = self.person
        history = self.explainer.history_of(row) if self.explainer is not None else None
        seen = repr((
            row.id, row.name, row.department, row.post, sorted(row.values.items(), key=lambda kv: kv[0]),
            self.item_pairs(), self.raw_total, self.total, self.band_grade, self.grade,
            self.status, self.status_label, self.reason, self.protected, self.decided,
            [(s.stage, s.text) for s in self.late_steps or ()],
            [(label, v.total, v.grade, v.status, v.result.fingerprint() if v.result is not None else None)
             for label, v in sorted(history.items())] if history else None,
        ))
        self.seen_as = hashlib.sha256(seen.encode()).hexdigest()
        return self.seen_as

    @property
    def trace(self) -> list[Step]:
        """The whole derivation: the grading's steps, then quotas' and decisions'."""
        full = self.explained()
        return [*(full.trace_steps or []), *(self.late_steps or [])]

    @property
    def id(self) -> str:
        return self.person.id

    @property
    def shown_grade(self) -> str:
        if self.status == "graded" and self.grade:
            return self.grade
        if self.status == "graded":
            return "—"  # a scheme that scores without grades
        return self.status_label or STATUS_WORDS[self.status]

    def item(self, code: str) -> ItemScore | None:
        if self.item_layout is None:
            return next((i for i in self.items if i.code == code), None)
        for (key, name, top, depth), value in zip(self.item_layout, self.item_values):
            if key == code:
                return ItemScore(key, name, value, top, depth)
        return None


@dataclass
class QuotaUse:
    grade: str
    scope: str  # 全单位 / 部门名 / 考核单元名
    base: int
    allowed: int | None
    minimum: int | None
    granted: int
    candidates: int
    tied: list[str] = field(default_factory=list)  # ids still tied at the line (after decisions: the open ones)
    words: str = ""
    members: list[str] = field(default_factory=list)  # ids of everyone in this scope
    group: list[str] = field(default_factory=list)  # ids tied at the line as the quota found them
    line: str = ""  # the tied values at the line, in words: 总分 95.00
    open_places: int | None = None  # the places left at the line for the tie group (a decision is made for them)
    cut: bool = False  # more candidates than places: some were dropped by this quota
    contenders: list[str] = field(default_factory=list)  # ids the quota ranked when cut (within, beyond or tied; not the rule-forced)
    decided: list[str] = field(default_factory=list)  # ids of the tie resolved by a committee decision
    exceeded: list[tuple[str, str]] = field(default_factory=list)  # (id, the decision's exceed-quota statement)
    minimum_words: str = ""  # the arithmetic of an at_least count
    base_words: str = "参加考核"  # what `base` counts: 参加考核 (base: all) or 参加考核并确定等次 (base: graded)
    parts: list[str] = field(default_factory=list)  # the departments (or units) a merge_short pool is made of

    @property
    def open_ties(self) -> int:
        return len(self.tied)

    def covers(self, department: str) -> bool:
        """Whether the department's page shows this quota: the whole unit's, its own, or its pool's."""
        return self.scope in ("全单位", department) or department in self.parts


@dataclass
class Notice:
    """A 公示's settings for one period, from <period>.notice.yaml."""

    start: str | None = None  # ISO date
    days: int | None = None
    number: str | None = None  # 文号
    issuer: str | None = None
    contact: str | None = None
    correction: str | None = None


@dataclass
class PeriodResult:
    scheme: Scheme
    assessment: Assessment
    agency: str  # agency code
    agency_name: str
    year: int
    label: str
    files: list[str]
    people: list[PersonResult]
    quotas: list[QuotaUse] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # problems not listed because they only follow from one that is: cause → how many
    follow_ons: dict = field(default_factory=dict)
    notice: Notice | None = None
    encoding: str | None = None
    corrections: list[tuple[str, str]] = field(default_factory=list)  # (date, reason) from kaohe reopen
    ended_early: tuple[str, str] | None = None  # (date, reason) from kaohe close --early: the 公示 ended before its last day
    # The content hash of everything this period's grading read, when computed with a ModelCache.
    input_key: str | None = None
    # Why the 公示 is held besides an open tie (a stale committee decision …), in words.
    held: list[str] = field(default_factory=list)
    # The header texts of its sheet a `columns` mapping matched; None: no sheet, or no header found in it.
    mapped: frozenset[str] | None = None

    @property
    def period_name(self) -> str:
        return period_title(self.year, self.label)

    @property
    def period_assessment(self) -> str:
        """The period and the assessment's name without the word they share:
        2025年度 + 年度考核 → 2025年度考核; 2024年第一季度 + 季度考评 → 2024年第一季度考评."""
        period, name = self.period_name, self.assessment.name
        cut = max((k for k in range(2, min(len(period), len(name)) + 1) if period.endswith(name[:k])), default=0)
        return period + name[cut:]

    @property
    def key(self) -> str:
        return f"{self.agency}/{self.scheme.code}/{self.year}/{self.label}"

    @property
    def unresolved_ties(self) -> list[PersonResult]:
        return [p for p in self.people if p.status == "tied"]

    def person(self, pid: str) -> PersonResult | None:
        return self.by_id().get(pid)

    def by_id(self) -> dict[str, PersonResult]:
        """ID → result (of an ID written twice, the later), built on first use and kept (read only):
        a roll-up looks up every person of its earlier periods, and the checks across periods
        compare their IDs as sets (the dict's keys)."""
        made = self.__dict__.get("_by_id")
        if made is None or made[0] != len(self.people):
            made = self.__dict__["_by_id"] = (len(self.people), {r.person.id: r for r in self.people})
        return made[1]
