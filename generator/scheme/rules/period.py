"""period_score: a year's item taken from the person's results in the periods of another assessment."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field

from generator.core.numbers import fmt, fmt_at_most
from generator.scheme.base import Num
from generator.scheme.periods import period_words
from generator.scheme.rules.base import ItemContext, Outcome, Rule, shown_places


class PeriodScore(Rule):
    """平时成绩汇总：从本方案平时考核各期的结果汇总出年度（或季度、半年）的一项；季度考核汇总月度考核时，每个季度只汇总本季度的三个月。
    of: total（各期总分，默认）或某个项目的代码；也可用 points 把各期等次折成分数（A 90 / B 80 …）。
    combine: mean（平均，默认）或 sum（求和）；divide_by 写明固定除数（如「4个季度评分总和 / 4」）。
    periods 列出参加汇总的期（默认全部；季度、半年的汇总不写）；某期没有可汇总的值时 missing: error（报错，默认）
    或 skip（按实际期数计算）。没有可汇总的值：汇总总分或项目时，是此人不在该期成绩表中或该期成绩不完整；
    用 points 按等次折分时，是该期没有等次（含不确定等次）。汇总总分时，试用期等不确定等次的期只要有总分，
    也计入平均。"""

    TITLE: ClassVar[str] = "平时成绩汇总（各期平均、求和、等次折分）"
    EXAMPLE: ClassVar[str] = """\
- code: pingshi
  name: 平时考核成绩
  max: 100
  score:                                  # 003 篇三：A、B、C、D 四个档次对应分值 90、80、70、60
    kind: period_score
    points: {A: 90, B: 80, C: 70, D: 60}
    combine: mean
    missing: skip"""

    kind: Literal["period_score"] = Field("period_score", description="计分规则的种类，固定写 period_score。例：kind: period_score")
    of: str = Field("total", description="汇总什么：total 各期总分（默认），或某个项目的代码。例：yewu")
    points: dict[str, Num] | None = Field(None, description="把各期等次折成分数（写了就按等次汇总）。例：{A: 90, B: 80, C: 70, D: 60}")
    combine: Literal["mean", "sum"] = Field("mean", description="mean 取平均（默认）、sum 求和。例：sum")
    divide_by: Num | None = Field(None, description="求和后除以的固定数（如「4个季度评分总和/4」）。例：4")
    periods: list[str] | None = Field(None, description="参加汇总的期（默认全部）。例：[Q1, Q2, Q3]")
    missing: Literal["error", "skip"] = Field("error", description="某期没有可汇总的值时（汇总总分或项目：不在该期成绩表中或成绩不完整；用 points 按等次折分：该期没有等次，含不确定等次）：error 报错（默认）、skip 按实际期数计算。汇总总分时，不确定等次的期只要有总分也计入。例：skip")

    def compute(self, item, ctx: ItemContext) -> Outcome:
        labels = self.periods or sorted(ctx.history)
        values: list[tuple[str, Decimal]] = []
        steps: list[str] = []
        absent: list[str] = []
        for label in labels:
            view = ctx.history.get(label)
            value = None
            if view is not None:
                if self.points is not None:
                    value = self.points.get(view.grade) if view.grade else None
                    if value is not None and ctx.explain:
                        steps.append(f"{period_words(label)} {view.grade} → {fmt(value)} 分")
                else:
                    value = view.total if self.of == "total" else view.items.get(self.of)
                    if value is not None and ctx.explain:
                        steps.append(f"{period_words(label)} {fmt(value)} 分")
            if value is None:
                absent.append(label)
            else:
                values.append((label, value))
        outcome = Outcome(None, steps, [])
        if absent and (self.missing == "error" or not values):
            missing = "、".join(period_words(label) for label in absent)
            outcome.steps.append(f"缺少{missing}的成绩，不能汇总")
            outcome.problems.append(("", "period-missing", f"缺少{'、'.join(f'{period_words(a)}（{a}）' for a in absent)}的成绩或等次，无法汇总「{item.name}」。"))  # the label names the file
            return outcome
        if not values:  # no period to sum at all (the scheme's rolls_up names no assessment: reported there)
            outcome.problems.append(("", "period-missing", f"没有可汇总的考核期，无法汇总「{item.name}」。"))
            return outcome
        if absent and ctx.explain:
            outcome.steps.append(f"{'、'.join(period_words(label) for label in absent)}{'没有等次' if self.points is not None else '没有成绩'}，不计入")
        total = sum((v for _, v in values), Decimal(0))
        if self.divide_by is not None:
            value = total / self.divide_by
        elif self.combine == "mean":
            value = total / len(values)
        else:
            value = total
        # one period named (第一季度 × 20% …): its value is the item's, 「合计 93 ÷ 1 期」 would say nothing
        if ctx.explain and not (self.periods and len(self.periods) == 1 and self.divide_by is None and self.points is None):
            shown = fmt_at_most(value, shown_places(item))
            if self.divide_by is not None:
                outcome.steps.append(f"合计 {fmt(total)} ÷ {fmt(self.divide_by)} = {shown} 分")
            elif self.combine == "mean":
                outcome.steps.append(f"合计 {fmt(total)} ÷ {len(values)} 期 = {shown} 分")
            else:
                outcome.steps.append(f"合计 {fmt(total)} 分")
        outcome.value = value
        return outcome

    def describe(self, item, source: str = "平时考核", names: dict[str, str] | None = None) -> str:
        """`source`: the name of the assessment rolled up (半年考核); `names`: its item codes → names."""
        which = "、".join(period_words(p) for p in self.periods) if self.periods else "各期"
        if self.points is not None:
            src = "等次折分（" + " / ".join(f"{k} {fmt(v)}" for k, v in self.points.items()) + "）"
        else:
            src = "总分" if self.of == "total" else f"「{(names or {}).get(self.of, self.of)}」项得分"
        if self.divide_by is not None:
            how = f"求和后除以 {fmt(self.divide_by)}"
        else:
            how = "取平均" if self.combine == "mean" else "求和"
        if self.points is not None:  # a period without a grade (不确定等次 included) has nothing to convert
            miss = "某期没有等次（含不确定等次）时报错" if self.missing == "error" else "某期没有等次（含不确定等次）的不计入，按实际期数计算"
        else:  # a period without a score; a 不确定等次 period with a score counts
            miss = ("缺少某期成绩时报错" if self.missing == "error" else "某期没有成绩的不计入，按实际期数计算") + "；不确定等次的期有成绩的照常计入"
        return f"取{source}{which}的{src}，{how}；{miss}。"
