"""Grade policy models: grade scales, quotas, overrides and publicity settings.

The arithmetic that applies them lives in engine/quotas.py and engine/grade.py; these are the YAML shapes
with the Chinese words the handbook shows for each.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import Field, model_validator

from generator.core.numbers import fmt_share
from generator.scheme.bands import Band
from generator.scheme.base import Share, Strict, integers

# A rank_by/break_by key with its direction: 「请假天数少者优先」 is 事假天数（少者优先）; without a mark, highest first.
_FEWER = ("（少者优先）", "(少者优先)", "少者优先", "（低者优先）", "(低者优先)", "低者优先")
_MORE = ("（高者优先）", "(高者优先)", "高者优先", "（多者优先）", "(多者优先)", "多者优先")


def rank_key(key: str) -> tuple[str, bool]:
    """(name, fewer_first) of a rank_by/break_by key: 事假天数（少者优先） → (事假天数, True); shiji → (shiji, False)."""
    text = key.strip()
    for marks, fewer in ((_FEWER, True), (_MORE, False)):
        for mark in marks:
            if text.endswith(mark) and text != mark:
                return text[: -len(mark)].strip(), fewer
    return text, False


class Grades(Strict):
    # The grade scale, best first, and how a grade is reached: by bands on the total, or entered.
    """等次：从高到低的等次名称，以及如何确定——按总分的分数段（bands），或由考核人直接评定（entered）。"""

    order: list[str] = Field(min_length=1, description="全部等次，从高到低。例：[好, 较好, 一般, 较差]")
    bands: list[Band] = Field([], description="每个等次的分数段（按总分定等次时写）。例：[{grade: 好, at_least: 90}, {grade: 较差, below: 60}]")
    entered: str | None = Field(None, description="等次由考核人直接评定时，填写等次的列名（定性评定）。例：评定等次")
    gap_policy: Literal["none", "lower", "upper"] = Field(
        "none", description="分数落在两个分数段之间的空档时：none 报错（默认）、lower 归入下一等次、upper 归入上一等次。例：lower"
    )
    no_grade: str = Field("不确定等次", description="不确定等次时显示的文字。例：不确定等次")

    @model_validator(mode="after")
    def _shape(self):
        if not self.bands and not self.entered:
            raise ValueError("写 bands（按分数段定等次）或 entered（等次直接填写在某一列），至少写一个")
        for band in self.bands:
            if band.grade not in self.order:
                raise ValueError(f"分数段的等次「{band.grade}」不在 order 中")
        return self

    def rank(self, grade: str) -> int:
        return self.order.index(grade)

    def next_below(self, grade: str) -> str | None:
        i = self.order.index(grade)
        return self.order[i + 1] if i + 1 < len(self.order) else None


class Quota(Strict):
    """某一等次的比例限制（名额）。"""

    grade: str = Field(description="受限制的等次，须在 grades.order 中。例：好")
    scope: str = Field("unit", description="在什么范围内计算名额：unit 全单位（默认）、department 各部门，或一列的列名（如 考核单元）。例：department")
    at_most: Share | None = Field(None, description="不超过的比例，写成 40% 或 0.4。例：40%")
    at_least: Share | None = Field(None, description="不少于的比例。例：10%")
    rounding: Literal["floor", "ceil", "half_up"] | None = Field(
        None, description="名额不是整数时：floor 向下取整、ceil 向上取整、half_up 四舍五入；不写时不超过向下取整、不少于向上取整。例：half_up"
    )
    _integers = integers("min_places")  # true/false is no number of places
    min_places: int | None = Field(
        None, ge=1, le=50,
        description="at_most 算出的名额少于此数时按此数计（不超过基数），用于「不足 1 人的，可确定 1 人」：写 1。不写则按比例算出几人就是几人（可能为 0）。例：1",
    )
    merge_short: bool = Field(
        False, description="true 表示按比例算出的名额不足 1 人的部门（或考核单元）合并计算：这些部门的人数相加，按同一比例和取整算出名额，"
                           "由其中的人员一起排序，用于「不足 1 人的科室合并计算名额」；只有一个部门不足 1 人的不合并。与 min_places 只写一个。例：true",
    )
    base: Literal["graded", "all"] = Field(
        "graded", description="比例的基数：graded 参加考核并确定等次的人数（默认）、all 参加考核的总人数。例：all"
    )
    ties: Literal["flag", "include_all", "exclude_all", "break_by"] = Field(
        "flag", description="名额线上分数相同时：flag 提交领导小组决定（默认，决定前不公示）、include_all 全部保留、exclude_all 全部不得、break_by 依次比较 break_by 列出的项目。例：break_by"
    )
    break_by: list[str] = Field([], description="ties: break_by 时依次比较的项目：总分、项目代码或成绩表中的数字列，高者优先；少者优先的在后面写"
                                                "（少者优先），如「同分的，以事假天数少者优先」写 [事假天数（少者优先）]。例：[ji, neng]")
    rank_by: list[str] = Field(["总分"], description="超出名额时排序的依据，依次比较（默认总分）：总分、项目代码或成绩表中的数字列，从高到低；"
                                                    "从少到多的在后面写（少者优先）。例：[总分, ji]")
    text: str | None = Field(None, description="原文对这条限制的表述，显示在手册中。例：好等次人数不超过本单位参加考核人数的40%")

    @model_validator(mode="after")
    def _shape(self):
        if self.at_most is None and self.at_least is None:
            raise ValueError("写 at_most（不超过）或 at_least（不少于）")
        if self.min_places is not None and self.at_most is None:
            raise ValueError("min_places（名额至少几人）只用于 at_most（不超过）的名额")
        if self.merge_short and self.scope == "unit":
            raise ValueError("merge_short（不足 1 人的合并计算）只用于按部门或按列计算的名额（scope: department 或列名）")
        if self.merge_short and self.at_most is None:
            raise ValueError("merge_short（不足 1 人的合并计算）只用于 at_most（不超过）的名额")
        if self.merge_short and self.min_places is not None:
            raise ValueError("min_places 与 merge_short 只写一个：不足 1 人的，要么按 min_places 计，要么合并计算")
        if self.ties == "break_by" and not self.break_by:
            raise ValueError("ties: break_by 时要用 break_by 列出依次比较的项目")
        return self

    def scope_words(self) -> str:
        return {"unit": "全单位", "department": "各部门"}.get(self.scope, f"每个{self.scope}")

    def words(self, item_names: Mapping[str, str] | None = None) -> str:
        """The quota in the handbook's words; `item_names` (code → name) shows rank_by/break_by items
        by the names people know rather than their codes."""
        names = item_names or {}
        base = "参加考核并确定等次的人数" if self.base == "graded" else "参加考核的总人数"
        parts = []
        if self.at_most is not None:
            rounding = self.rounding or "floor"
            how = {"floor": "不足 1 人的部分不计（向下取整）", "ceil": "不足 1 人按 1 人计（向上取整）", "half_up": "四舍五入"}[rounding]
            floor = f"；算出的名额不足 {self.min_places} 人的，按 {self.min_places} 人计（不超过{base}）" if self.min_places else ""
            unit = "部门" if self.scope == "department" else self.scope
            merged = f"；按比例算出的名额不足 1 人的{unit}，合并计算名额（人数相加，按同一比例）" if self.merge_short else ""
            parts.append(f"{self.scope_words()}「{self.grade}」不超过{base}的 {fmt_share(self.at_most)}，名额{how}{floor}{merged}")
        if self.at_least is not None:
            rounding = self.rounding or "ceil"
            how = {"floor": "向下取整", "ceil": "向上取整", "half_up": "四舍五入"}[rounding]
            parts.append(f"{self.scope_words()}「{self.grade}」不少于{base}的 {fmt_share(self.at_least)}（{how}）")
        ranked = [rank_key(k) for k in self.rank_by]
        if any(fewer for _, fewer in ranked):
            order = "按" + "、".join(names.get(k, k) + ("从少到多" if fewer else "从高到低") for k, fewer in ranked) + "排序"
        else:
            order = "按" + "、".join(names.get(k, k) for k, _ in ranked) + "从高到低排序"
        broken = "、".join(names.get(k, k) + ("（少者优先）" if fewer else "（高者优先）") for k, fewer in map(rank_key, self.break_by))
        ties = {
            "flag": "名额线上分数相同的，提交领导小组决定，决定之前不予公示",
            "include_all": "名额线上分数相同的，全部保留该等次",
            "exclude_all": "名额线上分数相同的，全部不得该等次",
            "break_by": f"名额线上分数相同的，依次比较{broken}；仍相同的，提交领导小组决定，决定之前不予公示",
        }[self.ties]
        return "；".join(parts) + f"。超出名额的，{order}，排在名额之外的降为下一等次；{ties}。"


class RatingLimit(Strict):
    # A share limit on an entered rating column that is not the assessment's grade: a leader's
    # 年度评价等次 under the rule 优秀不超过20%. Over-limit ratings are reported (the engine cannot
    # choose whose rating to lower: the rater corrects the sheet).
    """直接填写的评价列（等次以外，如领导干部的年度评价等次）的比例限制；超过的报告问题，由考核人调整评价。"""

    column: str = Field(description="受限制的评价列的列名（在 inputs 中声明）。例：年度评价等次")
    value: str = Field(description="受限制的评价。例：优秀")
    at_most: Share = Field(description="不超过评价人数的比例，写成 20% 或 0.2。例：20%")
    scope: str = Field("unit", description="在什么范围内计算：unit 全单位（默认）、department 各部门，或一列的列名。例：department")
    rounding: Literal["floor", "ceil", "half_up"] = Field(
        "floor", description="名额不是整数时：floor 向下取整（默认）、ceil 向上取整、half_up 四舍五入。例：half_up"
    )
    text: str | None = Field(None, description="原文对这条限制的表述，显示在手册中。例：评为优秀的不超过20%")

    def words(self) -> str:
        scope = {"unit": "全单位", "department": "各部门"}.get(self.scope, f"每个{self.scope}")
        how = {"floor": "不足 1 人的部分不计（向下取整）", "ceil": "不足 1 人按 1 人计（向上取整）", "half_up": "四舍五入"}[self.rounding]
        return f"{scope}「{self.column}」评为「{self.value}」的不超过评价人数的 {fmt_share(self.at_most)}，名额{how}；超过的，由考核人调整评价。"


class Consequence(Strict):
    # 结果运用: what a result means for the person beyond the grade (诫勉, no awards that year…),
    # computed per person after the committee's decisions. `when` may use the columns, item codes,
    # 总分, 等次 (the final grade) and, in a roll-up, 次数/全部/期数/连续 over the earlier periods.
    """结果运用：考核结果对个人的后果（诫勉、当年不得评先评优……），在领导小组决定之后按人判断。"""

    when: str = Field(
        description="条件（公式）：可用列名、项目代码、总分、等次，年度汇总中还可用 次数、全部、期数、连续。例：连续(\"较差\") >= 2"
    )
    then: str = Field(description="后果。例：诫勉")
    reason: str = Field(description="依据，照原文。例：对连续有 2 个季度以上“较差”等次的，进行诫勉")


class Override(Strict):
    """一种特殊情形：不确定等次（no_grade）、直接定等（force）、等次上限（cap）、评定条件（gate）。"""

    kind: Literal["no_grade", "force", "cap", "gate"] = Field(
        description="no_grade 不确定等次、force 直接确定为 grade、cap 不得高于 grade、gate 得到 grade 须满足 requires。例：no_grade"
    )
    when: str | None = Field(None, description="在什么条件下适用（公式，见《公式写法》；gate 以外必须写）。例：病事假天数 > 45 或 立案调查")
    grade: str | None = Field(None, description="force/cap/gate 涉及的等次。例：较差")
    requires: str | None = Field(None, description="gate：得到该等次须满足的条件（公式）；不满足的降为下一等次。例：pingshi >= 85")
    label: str | None = Field(None, description="no_grade：显示的文字（默认用 grades.no_grade）。例：不参加考核")
    reason: str = Field(description="依据，照原文，显示在手册和个人得分说明中。例：新录用的公务员在试用期内不确定等次")
    # force/gate in a roll-up: a condition on the earlier periods' grades over zero graded periods
    # is not met (fails) unless the scheme's text says otherwise (passes)
    no_periods: Literal["fails", "passes"] = Field(
        "fails",
        description="年度汇总中，force/gate 的条件涉及各期等次而没有任何已定等次的期时：fails 视为不满足（默认）、passes 视为满足（原文另有规定时）。例：passes",
    )
    # no_grade: whether the person still counts in a quota's base of 参加考核的总人数 (base: all).
    # 试用期 or 立案调查 people 参加平时考核 without a grade (篇二): true; 不进行考核 (篇三): false.
    in_base: bool = Field(
        True,
        description="no_grade：这类人员是否仍计入名额基数「参加考核的总人数」（base: all）；原文写明不参加考核的写 false。例：false",
    )
    # no_grade: the law withholds the grade (试用期, 病事假过半, 受处分期间) and no committee may give one;
    # only a status the text calls temporary (立案调查尚未结案：暂不定等次，结案后补定) is settled later by a decision.
    decided_later: bool = Field(
        False,
        description="no_grade：原文规定以后补定等次的（如立案调查结案后补定）写 true，领导小组决定可以给这类人员定等次；"
                    "默认 false：试用期、病事假过半、受处分期间等不确定等次的，领导小组决定也不能定等次。例：true",
    )

    @model_validator(mode="after")
    def _shape(self):
        if self.kind in ("force", "cap", "gate") and not self.grade:
            raise ValueError(f"{self.kind} 要写 grade")
        if self.kind == "gate" and not self.requires:
            raise ValueError("gate 要写 requires：得到该等次须满足的条件")
        if self.kind != "gate" and not self.when:
            raise ValueError(f"{self.kind} 要写 when：在什么条件下适用")
        if self.decided_later and self.kind != "no_grade":
            raise ValueError(f"decided_later 只用于 no_grade（以后补定等次的不确定等次），{self.kind} 不写")
        return self


APPROVER = "考核领导小组"  # who approved the list, as a 公示 says it unless the scheme names its own body


class Publicity(Strict):
    # What a 公示 shows. Private by default: name, department and proposed grade only.
    """公示设置：公示哪些等次、列出哪些信息、怎样排序、公示几天。"""

    publish: bool = Field(True, description="是否公示（false 时只在内部版显示结果）。例：false")
    grades: list[str] | None = Field(None, description="公示哪些等次的人员（默认只公示最高等次）。例：[优秀]")
    columns: list[Literal["姓名", "部门", "岗位", "等次", "总分", "名次"]] = Field(
        ["姓名", "部门", "等次"], description="公示名单列出哪些信息（编号从不公示）。例：[姓名, 部门, 岗位, 等次]"
    )
    # 名次, among the people the 公示 lists: competition 1, 2, 2, 4 (the default: equal totals share a place); dense 1, 2, 2, 3; ordinal 1, 2, 3, 4
    ranking: Literal["competition", "dense", "ordinal"] = Field(
        "competition",
        description="名次的排法（名次在公示名单上的人中排列）：competition 分数相同名次相同、其后顺延（1、2、2、4，默认）、dense 不顺延（1、2、2、3）、ordinal 依次编号（1、2、3、4）。例：dense",
    )
    order: Literal["stroke", "department", "score"] = Field(
        "stroke", description="名单排序：stroke 按姓氏笔画（默认）、department 按部门、score 按分数。例：department"
    )
    _integers = integers("days", "public_min_group")  # true/false is no number of places
    days: int = Field(default=5, ge=1, le=30, description="公示几个工作日（1 到 30，默认 5）。例：7")
    objection: str = Field(
        "对公示对象有异议的，请在公示期内向考核办公室反映；反映情况要实事求是，并请署真实姓名。",
        description="公示末尾的异议（复核）说明。例：对公示对象有异议的，请于公示期内向局人事科反映。",
    )
    title: str | None = Field(None, description="公示标题（默认由单位、年份、考核名称生成）。例：关于2025年度考核优秀等次人选的公示")
    approver: str = Field(APPROVER, description="公示正文「经……审定」中审定名单的机构，照原文（默认 考核领导小组）。例：局考核委员会")
    summary_columns: list[Literal["平均分", "中位数", "最高分", "最低分"]] = Field(
        [], description="内部版结果页另外给出的统计。例：[平均分, 最高分]"
    )
    # In the public edition a department with fewer people than this shows no grade distribution
    # for that period: with two people, "较差 1 人" names someone.
    public_min_group: int = Field(
        default=3, ge=1, le=50, description="公开版中人数少于此数的部门不显示等次分布，以免推知个人（默认 3）。例：5"
    )
    # Grades beyond `grades` that the public department summaries may count (opt-in; default none).
    # Shown only where no figure lets a reader deduce one person's grade (site/summary_privacy.py).
    summary_grades: list[str] = Field(
        [],
        description="公开版部门统计中除公示等次外还可公开人数的等次（默认不公开）；能推算出个人等次的数字仍不显示。例：[较差]",
    )

    @model_validator(mode="after")
    def _approver_said(self):
        # printed inside a sentence (经……审定；须由……决定后再行公示): empty, it read 经审定 and 须由决定后
        if not self.approver.strip() or any(c in self.approver for c in "\r\n"):
            raise ValueError("approver（审定机构）要写机构名称，写在一行内，如 局考核委员会；不写则为「考核领导小组」")
        return self
