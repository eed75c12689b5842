"""formula: an item computed by a declared formula over declared names (safe, never Python)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field

from generator.core.numbers import fmt, fmt_at_most
from generator.scheme.dates import PERIOD_DATE_FUNCTIONS, PERIOD_KEY
from generator.scheme.expr import Formula, FormulaError, compiled
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule, shown_places


class FormulaRule(Rule):
    """公式：用四则运算把已声明的列、前面项目的代码和汇总函数组合起来，如
    「平时考核优秀率 × 40% + 年终测评优秀率 × 60%」。公式只做计算，不能运行任何程序；
    用到的名字必须在 inputs 中声明或是前面的项目代码。年度汇总中还可用汇总函数：次数("优秀")、期数()、合计("病事假天数")。
    inputs 中用到的列在这里列出，以便成绩表生成这些列。"""

    TITLE: ClassVar[str] = "公式"
    EXAMPLE: ClassVar[str] = """\
- code: youxiulv
  name: 年度考核优秀率
  max: 1
  places: 4
  score:                                  # 003 篇七：平时考核优秀率×40% + 年终考核测评优秀率×60%
    kind: formula
    expr: 次数("优秀") / 3 * 0.4 + 优秀票 / 测评人数 * 0.6
    uses: [优秀票, 测评人数]"""

    kind: Literal["formula"] = Field("formula", description="计分规则的种类，固定写 formula。例：kind: formula")
    expr: str = Field(description="计算公式（见《公式写法》）；含英文逗号时整个公式要加引号。例：\"10 * min(怀胎率, 80) / 80\"")
    uses: list[str] = Field([], description="公式用到的成绩表列（成绩表会生成这些列）。例：[优秀票, 测评人数]")

    def columns(self, item):
        return [ColumnSpec(name, "number", Decimal(0), None, assumed=True) for name in self.uses]

    def names(self):
        return set(self.uses)

    def compiled(self) -> Formula:
        return compiled(self.expr)

    def compute(self, item, ctx: ItemContext) -> Outcome:
        values = {**{k: v for k, v in ctx.values.items()}, **{k: v for k, v in ctx.item_values.items()}}
        try:
            value = self.compiled().evaluate(values, ctx.functions, ctx.item_names)
        except FormulaError as exc:
            column = exc.names[0] if exc.names else ""  # the cell to point at
            return Outcome(None, [str(exc)], [(column, exc.code if exc.code != "bad-formula" else "missing-value", str(exc))])
        if not isinstance(value, Decimal):
            value = Decimal(value)
        if not ctx.explain:
            return Outcome(value, [])
        steps = [f"{self.compiled().describe()} = {fmt_at_most(value, shown_places(item, 4))}"]
        # the columns' values, so that a reader can redo it (which rater's score a max()/min() dropped)
        read = [(name, ctx.values.get(name)) for name in sorted(self.compiled().names & set(ctx.values), key=self.expr.find)
                if name not in ctx.item_values]
        shown = [f"{name} {_shown(v)}" for name, v in read]
        span = ctx.values.get(PERIOD_KEY)
        if span is not None and any(f"{name}(" in self.expr or f"{name}（" in self.expr for name in PERIOD_DATE_FUNCTIONS):
            shown.append(f"考核期 {span[0].isoformat()} 至 {span[1].isoformat()}")  # what 月数(…, 期末日期()) counted to
        if shown:
            steps.append("其中 " + "、".join(shown))
        return Outcome(value, steps)

    def describe(self, item, names: dict[str, str] | None = None) -> str:
        try:
            words = self.compiled().describe(names)
        except FormulaError:
            words = self.expr
        return f"按公式计算：{words}。"


def _shown(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return fmt(value)
    return "空" if value is None else str(value)
