"""coefficient: a rating turned into a factor on a base score (优秀 1 / 良好 0.8 / 一般 0.6 / 较差 0.4)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field

from generator.core.numbers import fmt
from generator.scheme.base import Num
from generator.scheme.periods import period_words
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule


class Coefficient(Rule):
    """等次系数：考核人评定等次，得分 = 基数 × 该等次的系数。基数是该项满分（base: max），或成绩表中
    另一列录入的分数（base: 列名）。等次也可以取自本方案另一考核期的最终等次（period: H1），
    这样半年度的等次一经确定，年度计分自动引用。"""

    TITLE: ClassVar[str] = "等次系数"
    EXAMPLE: ClassVar[str] = """\
- code: bannian
  name: 个人半年度工作项目完成情况
  max: 30
  score:                                  # 004 表1：按1/0.8/0.6/0.4系数加权计分
    kind: coefficient
    period: H1                            # 取上半年评定的等次
    map: {优秀: 1, 良好: 0.8, 一般: 0.6, 较差: 0.4}"""

    kind: Literal["coefficient"] = Field("coefficient", description="计分规则的种类，固定写 coefficient。例：kind: coefficient")
    map: dict[str, Num] = Field(min_length=1, description="等次 → 系数。例：{优秀: 1, 良好: 0.8, 一般: 0.6, 较差: 0.4}")
    rating_column: str | None = Field(None, description="填写等次的列名（默认为「项目名称等次」）。例：工作实绩等次")
    period: str | None = Field(None, description="不填等次列，而取本方案另一考核期的最终等次（期号）。例：H1")
    base: str = Field("max", description="基数：max 该项满分（默认），或成绩表中另一列的列名。例：实绩得分")

    def columns(self, item):
        specs = []
        if self.period is None:
            column = self.rating_column or f"{item.name}等次"
            specs.append(ColumnSpec(column, "choice", choices=tuple(self.map), note="/".join(self.map)))
        if self.base != "max":
            specs.append(ColumnSpec(self.base, "number", Decimal(0), item.max, note=f"满分 {fmt(item.max)}"))
        return specs

    def names(self):
        return {c for c in (self.rating_column, None if self.base == "max" else self.base) if c}

    def rating(self, item, ctx: ItemContext) -> tuple[str | None, str]:
        if self.period is not None:
            view = ctx.history.get(self.period)
            grade = view.grade if view is not None else None
            return grade, f"{period_words(self.period)}等次"
        column = self.rating_column or f"{item.name}等次"
        return ctx.get(column), column

    def compute(self, item, ctx: ItemContext) -> Outcome:
        grade, source = self.rating(item, ctx)
        if grade is None or grade not in self.map:
            shown = grade or "无"
            return Outcome(None, [f"{source}：{shown}，不能计分"], [(source, "missing-value", f"{source}为「{shown}」，无法按系数计分。")])
        base = item.max if self.base == "max" else ctx.get(self.base)
        if base is None:
            return Outcome(None, [f"「{self.base}」未填写"] if ctx.explain else [])
        factor = self.map[grade]
        value = base * factor
        return Outcome(value, [f"{source}「{grade}」系数 {fmt(factor)} × 基数 {fmt(base)} = {fmt(value)} 分"] if ctx.explain else [])

    def describe(self, item) -> str:
        pairs = " / ".join(f"{k} {fmt(v)}" for k, v in self.map.items())
        source = f"{period_words(self.period)}评定的等次" if self.period else f"评定的等次（「{self.rating_column or item.name + '等次'}」列）"
        base = f"满分 {fmt(item.max)} 分" if self.base == "max" else f"「{self.base}」列的得分"
        return f"按{source}取系数（{pairs}），得分 = {base} × 系数。"
