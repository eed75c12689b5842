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

from pydantic import Field, field_validator, model_validator

from generator.scheme.adjustment_caps import SharedCap
from generator.scheme.adjustments import Adjustment
from generator.scheme.base import Num, Share, Strict, integers
from generator.scheme.forms import FormDecl
from generator.scheme.periods import PERIOD_LABELS
from generator.scheme.policy import Consequence, Grades, Override, Publicity, Quota, RatingLimit
from generator.scheme.rules import AnyRule
from generator.scheme.rules.base import ColumnSpec, ColumnType
from generator.scheme.rules.entered import Entered
from generator.scheme.sheet_options import SheetOptions

CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")

class Section(Strict):
    """原文的一节：标题和正文，手册按原文顺序展示；可以嵌套小节。"""

    title: str = Field(description="这一节的标题，照抄原文。原文同一层的标题带编号（一、（一）1. 第一条）的，手册照原文显示、不另加编号；都不带编号的，手册按 一、（一）1.（1） 逐层编号。例：一、考核对象")
    body: str = Field("", description="这一节的正文，照抄原文（可用 Markdown）。例：本办法适用于本局在编在岗公务员。")
    sections: list[Section] = Field([], description="这一节下面的小节，写法相同。例：[{title: （一）平时考核, body: …}]")


class Assumption(Strict):
    """原文没有写明、由本文件补充的做法，手册会逐条列出。"""

    id: str = Field(description="这条假设的编号，在本方案中唯一。例：A1")
    text: str = Field(description="补充的做法，用一句完整的话写明。例：原文未写名额取整方式，按向下取整处理。")
    about: str | None = Field(None, description="这条假设涉及原文的哪一部分（可不写）。例：第四条 等次比例")


class Defect(Strict):
    """原文本身的缺陷（如各项满分之和不是 100），照原文保留并在手册中说明，而不是悄悄改掉。"""

    code: str = Field(description="被承认的问题代码（kaohe check 报告的代码）。例：max-sum-mismatch")
    at: str = Field(description="问题所在：项目代码或岗位路径。例：posts/副主席")
    reason: str = Field(description="为什么保留原文、不作修改。例：原文各项满分合计 105 分，照原文执行。")


class TimelineStep(Strict):
    """考核工作的一个步骤和时间，手册按顺序列出。"""

    when: str = Field(description="什么时候。例：每季度结束后 5 个工作日内")
    what: str = Field(description="做什么。例：个人填写平时考核登记表，部门负责人评鉴")


class InputDecl(Strict):
    """成绩表中额外的一列（是否试用期、病事假天数……），供条件和公式使用。"""

    name: str = Field(description="列名，与成绩表表头一致，也是公式中使用的名字。例：试用期")
    type: Literal["number", "yesno", "choice", "text", "choices", "date"] = Field(
        "number", description="这一列填什么：number 数字、yesno 是/否、choice 从 choices 中选一项、text 文字、choices 可选多项（用、分隔）、"
                  "date 日期（2025-03-01、2025/3/1、2025年3月1日或 Excel 的日期格子）。按日期判断的规定（试用期未满、处分期内）"
                  "用日期列和 期末日期()、月数() 写条件，见《公式写法》。例：yesno"
    )
    choices: list[str] = Field([], description="type 为 choice 或 choices 时可以填的值。例：[科级领导, 其他人员]")
    required: bool = Field(False, description="是否每个人都必须填写（true 时空着会报错）。例：true")
    min: Num | None = Field(None, description="数字的最小值（数字列默认 0）。例：0")
    max: Num | None = Field(None, description="数字的最大值（不写则不限）。例：92")
    _integers = integers("places")  # true/false is no number of places
    places: int | None = Field(
        default=None, ge=0, le=6, description="数字最多几位小数（0 到 6）；次数、天数写 0，填小数会报错（不写则不限）。例：0"
    )
    percent: bool = Field(
        False, description="百分比或比率列：Excel 中显示为 74% 的格子（存的是 0.74）按 74 读取。例：true"
    )
    description: str | None = Field(None, description="这一列的说明，显示在成绩表模板的表头批注和手册中。例：本季度病假、事假天数合计")
    after_period: bool = Field(
        False, description="日期列：可以晚于考核期的最后一天（如处分期满日期）。不写时，晚于期末的日期（入职日期、处分决定日期）报错。例：true"
    )

    def spec(self) -> ColumnSpec:
        kind: ColumnType = self.type
        low = self.min if self.min is not None else (Decimal(0) if self.type == "number" else None)
        return ColumnSpec(self.name, kind, low, self.max, tuple(self.choices), self.required, places=self.places,
                          note=self.description or "", percent=self.percent, after_period=self.after_period)


class PeopleColumns(Strict):
    """成绩表中表示人员信息的列叫什么名字。"""

    id: str = Field("编号", description="人员编号所在的列名（编号在各期之间不变，不会公示）。例：工号")
    name: str = Field("姓名", description="姓名所在的列名。例：姓名")
    department: str = Field("部门", description="部门所在的列名，部门须在单位 agency.yaml 的名单中。例：科室")
    post: str | None = Field(None, description="岗位所在的列名；方案按岗位区分考核项目（posts）时必须写。例：岗位")
    unit: str | None = Field(None, description="考核单元所在的列名；名额按考核单元分别计算时写。例：考核单元")


class Item(Strict):
    """一个考核项目：有下级项目的是分类（得分为下级之和或加权），没有的是叶子（按 score 计分）。"""

    code: str = Field(description="项目代码，在本方案中唯一，用于公式和网址（字母、数字、-）。例：de1")
    name: str = Field(description="项目名称，照原文；直接打分时也是成绩表的列名。例：思想政治素质")
    max: Num | None = Field(None, description="满分（分值）。例：20")
    standard: str | None = Field(None, description="评分标准，照抄原文，显示在手册中。例：凡未经请假无故缺席一次扣2分。")
    children: list[Item] = Field([], description="下级项目，写法相同；写了 children 的项目不写 score。例：[{code: de1, name: 思想政治素质, max: 6}]")
    combine: Literal["sum", "weighted"] = Field(
        "sum", description="下级项目如何合成本项：sum 相加（默认）、weighted 按各下级的 weight 加权。例：weighted"
    )
    weight: Share | None = Field(None, description="上级项目 combine: weighted 时本项的权重，写成 30% 或 0.3。例：40%")
    missing: Literal["error", "reweight"] = Field(
        "error", description="combine: weighted 的项目某个下级项目在成绩表中没有填写时：error 报错（默认）、reweight 不计该项，"
                             "按已填下级项目的权重之和折算（如「新录用人员按实际参加的季度取平均」）。例：reweight")
    score: AnyRule | None = Field(None, description="计分规则（叶子项目）；不写则为直接打分（kind: entered）。例：{kind: deduct, deductions: [...]}")
    # a named intermediate (平时考核得分, 年度量化评价得分, 优秀率): `places` rounds it and the rounded
    # value is what is weighted, summed and compared; `shown_places` rounds the display only
    _integers = integers("places", "shown_places")  # true/false is no number of places
    places: int | None = Field(
        default=None, ge=0, le=6,
        description="本项得分四舍五入保留几位小数，保留后的值参与加权、合计、排序和条件（如「平时考核得分取平均分，保留 2 位小数后按 40% 计入」）；"
        "不写则不单独取舍，以精确值参与计算。手册和计算过程会写明。例：2",
    )
    shown_places: int | None = Field(
        default=None, ge=0, le=6,
        description="只在结果页、下载和计算过程中按几位小数显示本项，计算（加权、合计）仍用精确值；用于原文不取舍的中间结果，"
        "与 places 只写一个。例：4",
    )
    by_post: bool = Field(False, description="true 表示本项的下级项目因岗位而异，取自 posts 中此人岗位的 items。例：true")
    note: str | None = Field(None, description="补充说明，显示在手册中该项目下面。例：此项由分管领导评分")

    @model_validator(mode="after")
    def _one_places(self):
        if self.places is not None and self.shown_places is not None:
            raise ValueError("places（保留后的值参与计算）和 shown_places（只在显示时保留）只写一个")
        if self.missing == "reweight" and not (self.children and self.combine == "weighted"):
            raise ValueError("missing: reweight（未填的下级项目按其余权重折算）只用于有下级项目（children）且 combine: weighted 的项目")
        return self

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
    """一个岗位（或一类人员）专有的考核项目，通过 by_post 项目接入。"""

    name: str = Field(description="岗位名称，与成绩表岗位列中填写的一致。例：副主席")
    group: str | None = Field(None, description="岗位所属的类别，手册按类别分组展示（可不写）。例：机关科室")
    items: list[Item] = Field(min_length=1, description="这个岗位的考核项目（至少一项），写法与 assessments 中的 items 相同。例：[{code: yewu, name: 业务工作, max: 40}]")


class Assessment(Strict):
    """一种考核（平时考核、年度考核……）：考核周期、项目、等次、名额、特殊情形和公示。"""

    code: str = Field(description="这种考核的代码，在本方案中唯一，用于网址和 rolls_up。例：pingshi")
    name: str = Field(description="这种考核的名称，显示在手册和公示中。例：平时考核")
    period: Literal["月", "季度", "半年", "年度", "学期", "学年"] = Field(
        description="考核周期，决定成绩表文件名：月 M01…M12、季度 Q1…Q4、半年 H1/H2、年度 Y（都按自然年 1—12 月）；学校的学期 S1（第一学期，9 月—次年 1 月）/S2（第二学期，2—7 月）、"
                    "学年 SY（9 月—次年 8 月），放在学年开始那一年的目录中（2025—2026 学年 → 2025/）。例：季度"
    )
    labels: list[str] | None = Field(None, description="只考核其中几期时列出期号（默认该周期的全部期）。例：[H1]")
    rolls_up: str | None = Field(None, description="汇总哪一种更短周期的考核的各期结果（写那种考核的 code）：年度汇总全年各期，季度、半年只汇总本期之内的各期（季度汇总本季度的三个月），可以分几层（月 → 季度 → 年度）；公式中可用 次数()、全部()、期数()。例：pingshi")
    items: list[Item] = Field(min_length=1, description="考核项目（至少一项），可以分层。例：[{code: de, name: 德, max: 20, children: [...]}]")
    combine: Literal["sum", "weighted"] = Field(
        "sum", description="各项目如何合成总分：sum 相加（默认）、weighted 按各项目的 weight 加权。例：weighted"
    )
    adjustments: list[Adjustment] = Field([], description="在各项得分之和上的加分、减分（弹性指标、奖项加分）。例：[{kind: bonus, name: 加分指标, cap: 5}]")
    adjustment_caps: list[SharedCap] = Field([], description="几项加减分共用的上限（「两项加分合计不超过5分」「加分和扣分合计不超过10分」）。"
                                             "例：[{names: [表彰加分, 信息加分], cap: 5}]")
    _integers = integers("places")  # true/false is no number of places
    places: int = Field(default=2, ge=0, le=6, description="总分四舍五入保留几位小数（0 到 6，默认 2）。例：1")
    total_max: Num | None = Field(
        None, description="总分的上限。总分超过它时报错（total-over-max），除非写了 total_capped 或 total_may_exceed；不写则不检查总分上限（各项不超过各自的满分）。例：100"
    )
    total_may_exceed: bool = Field(
        False, description="true 表示加分后总分可以超过 total_max（方案原文如此规定时才写），否则超过的报告问题。例：true"
    )
    total_capped: bool = Field(
        False, description="true 表示加分后总分超过 total_max 的按 total_max 计（原文「加分后总分最高按 100 分计」时写），与 total_may_exceed 只写一个。例：true"
    )
    grades: Grades | None = Field(None, description="等次及如何确定：按分数段或直接评定（不写则只计分、不定等次）。例：{order: [好, 较好, 一般, 较差], bands: [...]}")
    quotas: list[Quota] = Field([], description="等次的比例限制（名额）。例：[{grade: 好, scope: unit, at_most: 40%}]")
    rating_limits: list[RatingLimit] = Field(
        [], description="直接填写的评价列（等次以外）的比例限制，超过的报告问题。例：[{column: 年度评价等次, value: 优秀, at_most: 20%}]"
    )
    consequences: list[Consequence] = Field(
        [], description="结果运用：考核结果对个人的后果，在领导小组决定之后判断。例：[{when: 连续(\"较差\") >= 2, then: 诫勉, reason: …}]"
    )
    overrides: list[Override] = Field([], description="特殊情形：不确定等次、直接定等、等次上限、评定条件，按书写顺序逐条适用：no_grade 一经适用，其后各条不再适用；其余各条中后一条可以改变前一条确定的等次。例：[{kind: no_grade, when: 试用期, reason: …}]")
    inputs: list[InputDecl] = Field([], description="仅这种考核用到的额外列（写法同方案的 inputs）。例：[{name: 优秀票, type: number}]")
    publicity: Publicity | None = Field(None, description="这种考核的公示设置：写了的键取代方案 publicity 中的同名键，没写的键仍用方案 publicity 的写法（方案也没写的取默认值）。例：{grades: [优秀], days: 5}")
    description: str | None = Field(None, description="对这种考核的简要说明，显示在手册中。例：每季度考核一次，结果作为年度考核的依据。")
    results_optional: bool = Field(
        False, description="true 表示这种考核可以没有自己的成绩表（所有项目都取自各期结果，如年度汇总）。例：true"
    )

    @property
    def period_labels(self) -> list[str]:
        return self.labels or PERIOD_LABELS[self.period]

    def walk(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()

    def item_names(self) -> dict[str, str]:
        """Item code → item name: conditions and formulas are printed with the names a reader knows."""
        return {item.code: item.name for item in self.walk()}


class Scheme(Strict):
    """一个考核方案文件（schemes/ 下的 .yaml）：既是考核手册的来源，也是计分的程序。"""

    format: Literal["kaohe/1"] = Field("kaohe/1", description="文件格式版本，固定写 kaohe/1。例：kaohe/1")
    code: str = Field(description="方案代码：小写字母、数字和 -，用于网址和 content/ 下的目录名。例：s002-zhijian")
    name: str = Field(description="方案全称，照原文标题。例：县市场监管局公务员平时考核实施办法")
    short_name: str | None = Field(None, description="简称，用于导航和标题（不写则用全称）。例：平时考核办法")
    issuer: str = Field(description="发文单位。例：县市场监督管理局")
    version: str = Field(description="版本或文号，用于区分同一方案的修订。例：2025 年修订")
    _integers = integers("effective_year")  # true/false is no number of places
    effective_year: int = Field(ge=1990, le=2100, description="开始施行的年份（1990—2100）。例：2025")
    assessed: str = Field(description="考核对象，照原文。例：局机关在编在岗公务员")
    source: str | None = Field(None, description="原文出处（文件名、文号或网址）。例：县市监发〔2025〕3号")
    previous: str | None = Field(None, description="本方案取代的旧方案的 code，手册会链接过去。例：s003-p2")
    summary: str | None = Field(None, description="一两句话的概要，显示在手册首页。例：季度平时考核，好等次不超过 40%。")
    sections: list[Section] = Field([], description="原文的章节（手册正文），照原文顺序。例：[{title: 一、考核对象, body: …}]")
    assumptions: list[Assumption] = Field([], description="原文没有写明、由本文件补充的做法，手册逐条列出。例：[{id: A1, text: 名额向下取整}]")
    acknowledged_defects: list[Defect] = Field([], description="原文本身的缺陷，照原文保留并说明理由。例：[{code: max-sum-mismatch, at: de, reason: 照原文}]")
    timeline: list[TimelineStep] = Field([], description="考核工作的步骤和时间。例：[{when: 每季度末, what: 个人总结}]")
    people: PeopleColumns = Field(PeopleColumns(), description="成绩表中人员信息的列名（编号、姓名、部门、岗位、考核单元）。例：{id: 工号, post: 岗位}")
    posts: list[Post] = Field([], description="因岗位而异的考核项目，由 by_post: true 的项目引用。例：[{name: 副主席, items: [...]}]")
    inputs: list[InputDecl] = Field([], description="成绩表中额外的列（是否试用期、病事假天数……），供条件和公式使用。例：[{name: 试用期, type: yesno}]")
    assessments: list[Assessment] = Field(min_length=1, description="这个方案包含的考核（至少一种）：平时考核、年度考核……例：[{code: pingshi, name: 平时考核, period: 季度, items: [...]}]")
    publicity: Publicity = Field(Publicity(), description="公示设置，各种考核共用；某种考核自己的 publicity 只需写与此不同的键。例：{grades: [好], days: 5}")
    sheet: SheetOptions = Field(
        SheetOptions(),
        description="本方案成绩表的列名对应、忽略的列、不记录的列、编号位数和标记列（写法同 agency.yaml 中的同名键，单位的写法加在其上）。"
        "例：{columns: {工号: 编号}, ignore_columns: [职务]}",
    )
    forms: list[FormDecl] = Field(
        [], description="向上级报送的汇总表（平时考核结果汇总表、年度考核情况登记汇总表），内部版按年生成。例：[{form: 平时考核结果汇总表, assessment: pingshi}]"
    )

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
        """The scheme's publicity with the keys this assessment writes in its own put over it (a key
        the assessment leaves out is the scheme's, not the default)."""
        own = assessment.publicity
        if own is None:
            return self.publicity
        return self.publicity.model_copy(update={key: getattr(own, key) for key in own.model_fields_set})


Section.model_rebuild()
Item.model_rebuild()
