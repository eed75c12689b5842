"""The scheme model: one YAML file under schemes/ is both the handbook's source and the program.

Shape (see the user guide for every key with examples from the seed schemes):

    format: kaohe/1
    code: s002-zhijian            # used in URLs and content/ paths
    name / issuer / version / effective_year / assessed / source / previous
    sections: [...]               # the document's prose, for the handbook
    assumptions: [...]            # where the document is silent or cut off, what this file assumes
    acknowledged_defects: [...]   # known defects of the source document, shown not hidden
    people: {id: 编号, name: 姓名, department: 部门, post: 岗位, unit: 考核单元}
    posts: [...]                  # item sets that differ by post
    inputs: [...]                 # extra columns (flags, days of leave…) used by conditions
    assessments: [...]            # 平时考核 per period and/or 年度考核 rolling them up
    publicity: {...}              # what a 公示 shows
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator

from generator.scheme.adjustments import Adjustment
from generator.scheme.base import Num, Share, Strict
from generator.scheme.forms import FormDecl
from generator.scheme.policy import Consequence, Grades, Override, Publicity, Quota, RatingLimit
from generator.scheme.rules import AnyRule
from generator.scheme.rules.base import ColumnSpec, ColumnType
from generator.scheme.rules.entered import Entered
from generator.scheme.sheet_options import SheetOptions

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

PERIOD_LABELS: dict[str, list[str]] = {
    "月": [f"M{m:02d}" for m in range(1, 13)],
    "季度": ["Q1", "Q2", "Q3", "Q4"],
    "半年": ["H1", "H2"],
    "年度": ["Y"],
}
PERIOD_NAMES: dict[str, str] = {
    **{f"M{m:02d}": f"{m}月" for m in range(1, 13)},
    "Q1": "第一季度",
    "Q2": "第二季度",
    "Q3": "第三季度",
    "Q4": "第四季度",
    "H1": "上半年",
    "H2": "下半年",
    "Y": "年度",
}
_CN_DIGITS = "一二三四"
PERIOD_ALIASES: dict[str, str] = {
    **{v: k for k, v in PERIOD_NAMES.items()},
    **{f"{_CN_DIGITS[i]}季度": f"Q{i + 1}" for i in range(4)},
    **{f"{m:02d}月": f"M{m:02d}" for m in range(1, 13)},
    "年终": "Y",
    **{k: k for k in PERIOD_NAMES},
}


def period_label(stem: str) -> str | None:
    """A results file name (without extension) → canonical label: 第一季度 → Q1, 年度 → Y."""
    return PERIOD_ALIASES.get(stem.strip().upper() if stem.isascii() else stem.strip())


class Section(Strict):
    title: str
    body: str = ""
    sections: list[Section] = []


class Assumption(Strict):
    id: str
    text: str
    about: str | None = None  # which part of the document it concerns


class Defect(Strict):
    code: str
    at: str  # an item path (posts/副主席) or item code
    reason: str


class TimelineStep(Strict):
    when: str
    what: str


class InputDecl(Strict):
    name: str
    type: Literal["number", "yesno", "choice", "text", "choices"] = "number"
    choices: list[str] = []
    required: bool = False
    min: Num | None = None
    max: Num | None = None
    places: int | None = Field(default=None, ge=0, le=6)  # 0: a count (次数、天数), decimals refused
    percent: bool = False  # a percentage or rate: a cell Excel shows as 74% (stores 0.74) is read as 74
    description: str | None = None

    def spec(self) -> ColumnSpec:
        kind: ColumnType = self.type
        low = self.min if self.min is not None else (Decimal(0) if self.type == "number" else None)
        return ColumnSpec(self.name, kind, low, self.max, tuple(self.choices), self.required, places=self.places,
                          note=self.description or "", percent=self.percent)


class PeopleColumns(Strict):
    id: str = "编号"
    name: str = "姓名"
    department: str = "部门"
    post: str | None = None
    unit: str | None = None  # 考核单元, when quotas apply per unit


class Item(Strict):
    code: str
    name: str
    max: Num | None = None
    standard: str | None = None  # 评分标准, the document's words
    children: list[Item] = []
    combine: Literal["sum", "weighted"] = "sum"
    weight: Share | None = None
    score: AnyRule | None = None
    places: int | None = Field(default=None, ge=0, le=6)
    # digits shown on results pages and downloads for an intermediate the scheme does not round
    # (篇七's 平时考核优秀率 2/3): the computation keeps the exact value
    shown_places: int | None = Field(default=None, ge=0, le=6)
    by_post: bool = False  # this item's children are the person's post items (posts[].items)
    note: str | None = None

    @property
    def rule(self):
        """The rule of a leaf; a leaf with no `score:` is marked directly."""
        if self.children or self.by_post:
            return None
        return self.score or _ENTERED

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


_ENTERED = Entered()  # shared: rules hold no per-person state, and building one per access was costly


class Post(Strict):
    name: str
    group: str | None = None
    items: list[Item] = Field(min_length=1)


class Assessment(Strict):
    code: str
    name: str
    period: Literal["月", "季度", "半年", "年度"]
    labels: list[str] | None = None
    rolls_up: str | None = None  # the code of the assessment whose periods this one sums up
    items: list[Item] = Field(min_length=1)
    combine: Literal["sum", "weighted"] = "sum"
    adjustments: list[Adjustment] = []
    places: int = Field(default=2, ge=0, le=6)
    total_max: Num | None = None
    total_may_exceed: bool = False  # 加分后总分可以超过 total_max（方案原文如此规定）
    grades: Grades | None = None
    quotas: list[Quota] = []
    rating_limits: list[RatingLimit] = []  # share limits on entered rating columns other than the grade
    consequences: list[Consequence] = []  # 结果运用: 诫勉, no awards that year … per person, after decisions
    overrides: list[Override] = []
    inputs: list[InputDecl] = []
    publicity: Publicity | None = None
    description: str | None = None
    results_optional: bool = False  # a roll-up whose every item comes from the periods

    @property
    def period_labels(self) -> list[str]:
        return self.labels or PERIOD_LABELS[self.period]

    def walk(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()


class Scheme(Strict):
    format: Literal["kaohe/1"] = "kaohe/1"
    code: str
    name: str
    short_name: str | None = None
    issuer: str
    version: str
    effective_year: int = Field(ge=1990, le=2100)
    assessed: str
    source: str | None = None
    previous: str | None = None
    summary: str | None = None
    sections: list[Section] = []
    assumptions: list[Assumption] = []
    acknowledged_defects: list[Defect] = []
    timeline: list[TimelineStep] = []
    people: PeopleColumns = PeopleColumns()
    posts: list[Post] = []
    inputs: list[InputDecl] = []
    assessments: list[Assessment] = Field(min_length=1)
    publicity: Publicity = Publicity()
    sheet: SheetOptions = SheetOptions()  # the office's own column names, ignored columns, flags column
    forms: list[FormDecl] = []  # official summary forms filed upward (scheme/forms.py)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE_RE.match(value):
            raise ValueError("code 只能用小写字母、数字和 -（用于网址），如 s002-zhijian")
        return value

    @property
    def title(self) -> str:
        return self.short_name or self.name

    def assessment(self, code: str) -> Assessment | None:
        return next((a for a in self.assessments if a.code == code), None)

    def assessment_for_label(self, label: str) -> Assessment | None:
        return next((a for a in self.assessments if label in a.period_labels), None)

    def post(self, name: str | None) -> Post | None:
        return next((p for p in self.posts if p.name == name), None)

    def publicity_for(self, assessment: Assessment) -> Publicity:
        return assessment.publicity or self.publicity


Section.model_rebuild()
Item.model_rebuild()
