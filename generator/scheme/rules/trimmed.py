"""trimmed: several raters' scores in one cell, the highest and lowest dropped, the rest averaged
(职工代表评分，去掉一个最高分和一个最低分后取平均分), however many raters a person had."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field

from generator.core.numbers import fmt, fmt_at_most
from generator.scheme.base import integers
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule, column_or_name, shown_places


class Trimmed(Rule):
    """去掉最高分和最低分后取平均：几位评委（职工代表、服务对象）的分数写在同一格中，用「、」分隔，如 88、90、92、85、95；
    去掉 drop 个最高分和 drop 个最低分（默认各 1 个）后取平均。评分人数可以因人而异，但去掉之后至少要剩 at_least 个
    （默认 1 个），不够的报告问题；每个分数不得超过该项满分，也不得为负。要与其他评分主体加权的，把本项写成上级项目
    （combine: weighted）的子项。"""

    TITLE: ClassVar[str] = "去掉最高分和最低分后取平均"
    EXAMPLE: ClassVar[str] = """\
- code: zhigong
  name: 职工代表评分
  max: 100
  weight: 30%                              # 上级项目「民主测评」写 combine: weighted
  places: 2
  score: {kind: trimmed, drop: 1}         # 成绩表「职工代表评分」一格：88、90、92、85、95 → (88 + 90 + 92) ÷ 3"""

    kind: Literal["trimmed"] = Field("trimmed", description="计分规则的种类，固定写 trimmed。例：kind: trimmed")
    column: str | None = Field(None, description="成绩表中填写各评委分数的列名（默认同项目名称），一格中用、分隔。例：职工代表评分")
    _integers = integers("drop", "at_least")  # true/false is no number of places
    drop: int = Field(1, ge=1, le=5, description="去掉几个最高分和几个最低分（各几个，默认各 1 个）。例：1")
    at_least: int = Field(1, ge=1, le=50, description="去掉之后至少还要剩几个分数（默认 1 个），不够的报告问题。例：3")

    def columns(self, item):
        return [ColumnSpec(column_or_name(self.column, item), "scores", required=True, each_min=Decimal(0), each_max=item.max,
                           note=f"各评委分数，用、分隔，去掉最高最低各 {self.drop} 个")]

    def compute(self, item, ctx: ItemContext) -> Outcome:
        column = column_or_name(self.column, item)
        scores = ctx.get(column)
        if scores is None:  # a blank cell, reported by the sheet check (required)
            return Outcome(None, [f"「{column}」未填写"] if ctx.explain else [])
        needed = 2 * self.drop + self.at_least
        if len(scores) < needed:
            message = (f"「{column}」只有 {len(scores)} 个分数；去掉最高分和最低分各 {self.drop} 个后至少要剩 {self.at_least} 个，"
                       f"即至少 {needed} 个分数。请核对是否漏填了评委的分数。")
            return Outcome(None, [message], [(column, "too-few-scores", message)])
        ranked = sorted(scores)
        kept = ranked[self.drop:len(ranked) - self.drop]
        value = sum(kept, Decimal(0)) / len(kept)
        if not ctx.explain:
            return Outcome(value)
        dropped = "、".join(fmt(s) for s in [*ranked[-self.drop:], *ranked[:self.drop]])
        return Outcome(value, [f"{len(scores)} 个分数 {'、'.join(fmt(s) for s in scores)}，去掉最高和最低的 {dropped}",
                               f"（{' + '.join(fmt(s) for s in kept)}） ÷ {len(kept)} = {fmt_at_most(value, shown_places(item, 4))}"])

    def describe(self, item) -> str:
        column = column_or_name(self.column, item)
        return (f"成绩表「{column}」一格中填写各评委的分数（用、分隔），去掉 {self.drop} 个最高分和 {self.drop} 个最低分后取平均"
                f"（去掉之后至少要剩 {self.at_least} 个分数）。")
