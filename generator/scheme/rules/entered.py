"""entered: the score is marked directly by the assessor and typed into one column."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field

from generator.core.numbers import fmt
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule, column_or_name

# The step of a mark typed into the item's own column: the derivation folds it into the item's line
# (「思想政治素质：5 分（满分 6，直接打分）」) rather than repeating the value on a line of its own,
# a fifth of a city's derivation text. A mark from another column names that column on its own line.
ENTERED_IN_OWN_COLUMN = "直接打分"


class Entered(Rule):
    """直接打分：考核人按评分标准直接给出该项得分，填在成绩表中与项目同名的一列（或 column 指定的列）。
    得分不得超过该项满分；除非写明 allow_negative: true，也不得为负。"""

    TITLE: ClassVar[str] = "直接打分"
    EXAMPLE: ClassVar[str] = """\
- code: de1
  name: 思想政治素质
  max: 6
  standard: 认真学习贯彻习近平新时代中国特色社会主义思想……
  score: {kind: entered}          # 篇二 附件2：直接打分，成绩表列名「思想政治素质」"""

    kind: Literal["entered"] = Field("entered", description="计分规则的种类，固定写 entered。例：kind: entered")
    column: str | None = Field(None, description="成绩表中填写得分的列名（默认同项目名称）。例：思想政治素质得分")
    allow_negative: bool = Field(False, description="true 表示允许负分。例：true")

    def columns(self, item):
        low = None if self.allow_negative else Decimal(0)
        return [ColumnSpec(column_or_name(self.column, item), "number", low, item.max, note=_note(item))]

    def names(self):
        return {self.column} if self.column else set()

    def compute(self, item, ctx: ItemContext) -> Outcome:
        column = column_or_name(self.column, item)
        value = ctx.get(column)
        if not ctx.explain:
            return Outcome(value)
        if value is None:
            return Outcome(None, [f"「{column}」未填写"])
        if column == item.name:
            return Outcome(value, [ENTERED_IN_OWN_COLUMN])
        return Outcome(value, [f"直接打分 {fmt(value)} 分（{column}）"])

    def describe(self, item) -> str:
        column = column_or_name(self.column, item)
        limit = f"0 至 {fmt(item.max)} 分" if item.max is not None else "不设上限"
        neg = "，允许负分" if self.allow_negative else ""
        return f"由考核人按评分标准直接打分（成绩表「{column}」列），{limit}{neg}。"


def _note(item) -> str:
    return f"满分 {fmt(item.max)}" if item.max is not None else ""
