"""Grade policy models: grade scales, quotas, overrides and publicity settings.

The arithmetic that applies them lives in quotas.py and overrides.py; these are the YAML shapes
with the Chinese words the handbook shows for each.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .bands import Band
from .model_base import Share, Strict
from .numbers import fmt_share


class Grades(Strict):
    """The grade scale, best first, and how a grade is reached: by bands on the total, or entered."""

    order: list[str] = Field(min_length=1)
    bands: list[Band] = []
    entered: str | None = None  # the column holding a grade given directly (定性评定)
    gap_policy: Literal["none", "lower", "upper"] = "none"
    no_grade: str = "不确定等次"

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
    grade: str
    scope: str = "unit"  # unit（全单位）| department（部门）| 一列的列名（如 考核单元）
    at_most: Share | None = None
    at_least: Share | None = None
    rounding: Literal["floor", "ceil", "half_up"] | None = None
    base: Literal["graded", "all"] = "graded"
    ties: Literal["flag", "include_all", "exclude_all", "break_by"] = "flag"
    break_by: list[str] = []
    rank_by: list[str] = ["总分"]
    text: str | None = None

    @model_validator(mode="after")
    def _shape(self):
        if self.at_most is None and self.at_least is None:
            raise ValueError("写 at_most（不超过）或 at_least（不少于）")
        if self.ties == "break_by" and not self.break_by:
            raise ValueError("ties: break_by 时要用 break_by 列出依次比较的项目")
        return self

    def scope_words(self) -> str:
        return {"unit": "全单位", "department": "各部门"}.get(self.scope, f"每个{self.scope}")

    def words(self) -> str:
        base = "参加考核并确定等次的人数" if self.base == "graded" else "参加考核的总人数"
        parts = []
        if self.at_most is not None:
            rounding = self.rounding or "floor"
            how = {"floor": "不足 1 人的部分不计（向下取整）", "ceil": "不足 1 人按 1 人计（向上取整）", "half_up": "四舍五入"}[rounding]
            parts.append(f"{self.scope_words()}「{self.grade}」不超过{base}的 {fmt_share(self.at_most)}，名额{how}")
        if self.at_least is not None:
            rounding = self.rounding or "ceil"
            how = {"floor": "向下取整", "ceil": "向上取整", "half_up": "四舍五入"}[rounding]
            parts.append(f"{self.scope_words()}「{self.grade}」不少于{base}的 {fmt_share(self.at_least)}（{how}）")
        order = "按" + "、".join(self.rank_by) + "从高到低排序"
        ties = {
            "flag": "名额线上分数相同的，提交领导小组决定，决定之前不予公示",
            "include_all": "名额线上分数相同的，全部保留该等次",
            "exclude_all": "名额线上分数相同的，全部不得该等次",
            "break_by": "名额线上分数相同的，依次比较" + "、".join(self.break_by),
        }[self.ties]
        return "；".join(parts) + f"。超出名额的，{order}，排在名额之外的降为下一等次；{ties}。"


class Override(Strict):
    kind: Literal["no_grade", "force", "cap", "gate"]
    when: str | None = None  # condition formula
    grade: str | None = None
    requires: str | None = None  # gate: the condition the grade requires
    label: str | None = None  # no_grade: 不确定等次 / 不参加考核 …
    reason: str

    @model_validator(mode="after")
    def _shape(self):
        if self.kind in ("force", "cap", "gate") and not self.grade:
            raise ValueError(f"{self.kind} 要写 grade")
        if self.kind == "gate" and not self.requires:
            raise ValueError("gate 要写 requires：得到该等次须满足的条件")
        if self.kind != "gate" and not self.when:
            raise ValueError(f"{self.kind} 要写 when：在什么条件下适用")
        return self


class Publicity(Strict):
    """What a 公示 shows. Private by default: name, department and proposed grade only."""

    publish: bool = True
    grades: list[str] | None = None  # default: the best grade
    columns: list[Literal["姓名", "部门", "岗位", "等次", "总分", "名次"]] = ["姓名", "部门", "等次"]
    order: Literal["stroke", "department", "score"] = "stroke"
    days: int = Field(default=5, ge=1, le=30)
    objection: str = "对公示对象有异议的，请在公示期内向考核办公室反映；反映情况要实事求是，并请署真实姓名。"
    title: str | None = None
    summary_columns: list[Literal["平均分", "中位数", "最高分", "最低分"]] = []
