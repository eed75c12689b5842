"""deduct: start from the item's full marks (or a stated score) and take points off per event."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field

from generator.core.numbers import fmt
from generator.scheme.base import Num
from generator.scheme.rules.base import ItemContext, Outcome, Rule
from generator.scheme.rules.events import Counting, apply_all


class Deduct(Rule):
    """扣分制：从满分（或 start 写明的起评分）起算，按事件逐项扣分，也可按事件加分。
    扣到 0 分为止；原文规定「实行倒扣分」的，写 allow_negative: true，得分可以为负。
    加分后不超过满分，除非写 above_max: true；加分另有上限的写 add_cap。"""

    TITLE: ClassVar[str] = "扣分制（按次、按量、按范围）"
    EXAMPLE: ClassVar[str] = """\
- code: jiti
  name: 集体学习
  max: 6
  standard: 凡未经请假无故缺席一次扣2分，迟到、早退一次各扣1分。
  score:                                  # 001 公共部分（一）1
    kind: deduct
    deductions:
      - {kind: per_event, column: 无故缺席次数, points: 2}
      - {kind: per_event, column: 迟到早退次数, points: 1}"""

    kind: Literal["deduct"] = Field("deduct", description="计分规则的种类，固定写 deduct。例：kind: deduct")
    start: Literal["max"] | Num = Field("max", description="起评分：max 该项满分（默认），或写一个分数。例：80")
    deductions: list[Counting] = Field([], description="扣分规则：per_event 按次、per_unit 按量、range 按范围、tiered 分档。例：[{kind: per_event, column: 迟到次数, points: 1}]")
    additions: list[Counting] = Field([], description="加分规则，写法同 deductions。例：[{kind: per_event, column: 表扬次数, points: 0.5}]")
    add_cap: Num | None = Field(None, description="加分合计最多多少分。例：2")
    allow_negative: bool = Field(False, description="true 表示实行倒扣分，得分可以为负（默认扣到 0 为止）。例：true")
    above_max: bool = Field(False, description="true 表示加分后可以超过满分（默认不超过）。例：true")

    def _all(self):
        return [*self.deductions, *self.additions]

    def columns(self, item):
        return [spec for rule in self._all() for spec in rule.columns()]

    def names(self):
        return {rule.column for rule in self._all()}

    def compute(self, item, ctx: ItemContext) -> Outcome:
        start = item.max if self.start == "max" else self.start
        if start is None:
            start = Decimal(0)
        explain = ctx.explain
        minus, minus_steps = apply_all(self.deductions, ctx.values, explain)
        plus, plus_steps = apply_all(self.additions, ctx.values, explain)
        if self.add_cap is not None and plus > self.add_cap:
            capped, plus = plus, self.add_cap
        else:
            capped = None
        value = start - minus + plus
        if not explain:
            if value < 0 and not self.allow_negative:
                value = Decimal(0)
            elif item.max is not None and value > item.max and not self.above_max:
                value = item.max
            return Outcome(value)
        steps = [f"起评 {fmt(start)} 分"]
        steps += [f"扣：{s}" for s in minus_steps]
        steps += [f"加：{s}" for s in plus_steps]
        if capped is not None:
            steps.append(f"加分 {fmt(capped)} 超过上限，按 {fmt(self.add_cap)} 分计")
        if value < 0 and not self.allow_negative:
            steps.append(f"{fmt(start)} − {fmt(minus)} + {fmt(plus)} = {fmt(value)}，扣至 0 分为止")
            value = Decimal(0)
        elif item.max is not None and value > item.max and not self.above_max:
            steps.append(f"{fmt(start)} − {fmt(minus)} + {fmt(plus)} = {fmt(value)}，不超过满分 {fmt(item.max)}")
            value = item.max
        else:
            steps.append(f"{fmt(start)} − {fmt(minus)} + {fmt(plus)} = {fmt(value)} 分")
        return Outcome(value, steps)

    def describe(self, item) -> str:
        start = "满分" if self.start == "max" else f"{fmt(self.start)} 分"
        parts = [f"从{start}起算"]
        if self.deductions:
            parts.append("扣分：" + "；".join(r.words() for r in self.deductions))
        if self.additions:
            cap = f"，加分最多 {fmt(self.add_cap)} 分" if self.add_cap is not None else ""
            parts.append("加分：" + "；".join(r.words() for r in self.additions) + cap)
        parts.append("实行倒扣分，得分可以为负" if self.allow_negative else "扣完为止，不倒扣")
        if not self.above_max:
            parts.append("最高不超过满分")
        return "。".join(parts) + "。"


class Bonus(Rule):
    """加分制：从 0 分（或 start）起算，按事件、数量或档次加分，最多加到该项满分（或 cap）。cap 是本项最多加到的分数，
    含起始分：「完成规定课时的得 15 分，超课时每节加 0.1 分，最多加 5 分」写 start: 15、cap: 20（不是 cap: 5）。"""

    TITLE: ClassVar[str] = "加分制（按次、按量、分档，设上限）"
    EXAMPLE: ClassVar[str] = """\
- code: xinxi-bonus
  name: 信息调研超额加分
  max: 1
  score:                                  # 000 二(二)7：超额完成10篇的加0.1分……超30篇以上的加1分
    kind: bonus
    additions:
      - kind: tiered
        column: 超额篇数
        unit_name: 篇
        tiers: [{at_least: 10, points: 0.1}, {at_least: 20, points: 0.2}, {at_least: 30, points: 1}]"""

    kind: Literal["bonus"] = Field("bonus", description="计分规则的种类，固定写 bonus。例：kind: bonus")
    start: Num = Field(Decimal(0), description="起始分（默认 0）。例：0")
    additions: list[Counting] = Field(description="加分规则：per_event 按次、per_unit 按量、range 按范围、tiered 分档。例：[{kind: per_event, column: 信息篇数, points: 0.1}]")
    cap: Num | None = Field(None, description="本项最多加到多少分，含起始分 start（默认为该项满分）：「完成规定课时得 15 分，超课时每节加 0.1 分，"
                                              "最多加 5 分」写 start: 15、cap: 20。例：1")

    def columns(self, item):
        return [spec for rule in self.additions for spec in rule.columns()]

    def names(self):
        return {rule.column for rule in self.additions}

    def compute(self, item, ctx: ItemContext) -> Outcome:
        plus, steps = apply_all(self.additions, ctx.values, ctx.explain)
        if ctx.explain and self.start:  # 完成规定课时的得 15 分：the words say where the points start
            steps.insert(0, f"从 {fmt(self.start)} 分起算")
        value = self.start + plus
        limit = self.cap if self.cap is not None else item.max
        if limit is not None and value > limit:
            if ctx.explain:
                steps.append(f"合计 {fmt(value)} 分，超过上限，按 {fmt(limit)} 分计")
            value = limit
        elif ctx.explain:
            steps.append(f"合计 {fmt(value)} 分")
        return Outcome(value, steps)

    def describe(self, item) -> str:
        limit = self.cap if self.cap is not None else item.max
        if not self.start:
            cap = f"，最多 {fmt(limit)} 分" if limit is not None else ""
            return "加分：" + "；".join(r.words() for r in self.additions) + cap + "。"
        cap = f"，最多加到 {fmt(limit)} 分" if limit is not None else ""  # the item's score, 15 points of start included
        return f"从 {fmt(self.start)} 分起算；加分：" + "；".join(r.words() for r in self.additions) + cap + "。"
