"""weighted: a score combined from several raters or components with weights (上级 40% / 同级 30% / 下级 30%)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.core.numbers import fmt, fmt_at_most, fmt_share, round_half_up
from generator.scheme.base import Share, Strict, integers
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule, shown_places


class Component(Strict):
    """加权合成的一部分（一个评分主体或组成部分）。"""

    name: str = Field(description="这一部分的名称；不写 column 时也是列名。例：上级评分")
    weight: Share = Field(description="权重，写成 40% 或 0.4；一组权重之和须为 100%。例：40%")
    column: str | None = Field(None, description="成绩表中填写这一部分分数的列名（默认同 name）。例：领导评分")

    @property
    def col(self) -> str:
        return self.column or self.name


class Weighted(Rule):
    """加权合成：由几个评分主体（上级、同级、下级）或几个组成部分按权重合成。各部分填在各自的列中，
    得分 = Σ 分数 × 权重，权重之和须为 100%。不同人员适用不同权重的，用 by 指定区分的列、
    sets 列出各组权重。某一部分缺失时：missing: error（报错，默认）或 reweight（按其余部分的权重重新折算）。
    某一部分本身要先计算的（如职工代表几人评分、去掉一个最高分和一个最低分后取平均），不用 weighted，而把各部分写成
    上级项目（combine: weighted）的子项，各写 weight，要计算的那一项用 trimmed（去掉最高分和最低分后取平均）或公式计分。"""

    TITLE: ClassVar[str] = "加权合成（评分主体、组成部分）"
    EXAMPLE: ClassVar[str] = """\
- code: lianghua
  name: 年度量化评价得分
  max: 100
  score:                                  # 003 篇一 司法局：科级领导 40/30/30，其他 60/40
    kind: weighted
    by: 职务类别
    sets:
      科级领导:
        - {name: 上级评分, weight: 40%}
        - {name: 同级评分, weight: 30%}
        - {name: 下级评分, weight: 30%}
      其他人员:
        - {name: 上级评分, weight: 60%}
        - {name: 同级评分, weight: 40%}
    missing: error"""

    kind: Literal["weighted"] = Field("weighted", description="计分规则的种类，固定写 weighted。例：kind: weighted")
    components: list[Component] | None = Field(None, description="各部分及权重（所有人同一组权重时写）。例：[{name: 上级评分, weight: 60%}, {name: 同级评分, weight: 40%}]")
    by: str | None = Field(None, description="不同人员用不同权重时，区分人员类别的列名。例：职务类别")
    sets: dict[str, list[Component]] | None = Field(None, description="人员类别 → 这一类的各部分及权重（与 by 一起写）。例：{科级领导: [...], 其他人员: [...]}")
    missing: Literal["error", "reweight"] = Field("error", description="某一部分缺失时：error 报错（默认）、reweight 按其余部分的权重重新折算。例：reweight")
    _integers = integers("places")  # true/false is no number of places
    places: int | None = Field(default=None, ge=0, le=6, description="合成结果四舍五入保留几位小数（不写则不取舍）。例：2")

    @model_validator(mode="after")
    def _shape(self):
        if (self.components is None) == (self.sets is None):
            raise ValueError("写 components（一组权重）或 by + sets（按人员类别分组），二者选一")
        if self.sets is not None and not self.by:
            raise ValueError("写了 sets 就要写 by：用哪一列区分人员类别")
        for name, comps in self.all_sets().items():
            total = sum((c.weight for c in comps), Decimal(0))
            if total != 1:
                raise ValueError(f"{name or '各部分'}的权重之和是 {fmt_share(total)}，应为 100%")
        return self

    def all_sets(self) -> dict[str, list[Component]]:
        return self.sets if self.sets is not None else {"": self.components or []}

    def columns(self, item):
        seen: dict[str, ColumnSpec] = {}
        for comps in self.all_sets().values():
            for c in comps:
                seen.setdefault(c.col, ColumnSpec(c.col, "number", Decimal(0), item.max, required=False, note=f"满分 {fmt(item.max)}"))
        specs = list(seen.values())
        if self.by:
            specs.append(ColumnSpec(self.by, "choice", choices=tuple(self.sets or {}), note="/".join(self.sets or {})))
        return specs

    def names(self):
        return {spec.name for comps in self.all_sets().values() for spec in [ColumnSpec(c.col) for c in comps]} | (
            {self.by} if self.by else set()
        )

    def compute(self, item, ctx: ItemContext) -> Outcome:
        if self.sets is not None:
            group = ctx.get(self.by or "")
            comps = self.sets.get(group or "")
            if comps is None:
                return Outcome(None, [f"「{self.by}」为「{group or '空'}」，不知道用哪组权重"], [(self.by or "", "missing-value", f"「{self.by}」须为 {'/'.join(self.sets)} 之一。")])
            steps = [f"{self.by}：{group}"]
        else:
            comps = self.components or []
            steps = []
        present = [(c, ctx.get(c.col)) for c in comps]
        missing = [c for c, v in present if v is None]
        outcome = Outcome(None, steps, [])
        if missing and (self.missing == "error" or len(missing) == len(comps)):
            names = "、".join(c.col for c in missing)
            outcome.steps.append(f"缺少 {names}，不能合成")
            outcome.problems.extend((c.col, "missing-component", f"缺少「{c.col}」，方案规定缺项时{'报错' if self.missing == 'error' else '按其余部分折算，但全部缺失'}。") for c in missing)
            return outcome
        used = [(c, v) for c, v in present if v is not None]
        weight_sum = sum((c.weight for c, _ in used), Decimal(0))
        total = Decimal(0)
        terms = []
        explain = ctx.explain
        for c, v in used:
            w = c.weight / weight_sum if missing else c.weight
            total += v * w
            if explain:  # a re-weighted share (40% ÷ 70%) in words, not as its endless decimal
                terms.append(f"{c.col} {fmt(v)} × {fmt_share(c.weight)}" + (f" ÷ {fmt_share(weight_sum)}" if missing else ""))
        if missing and explain:
            outcome.steps.append(f"缺少 {'、'.join(c.col for c in missing)}，按其余部分权重之和 {fmt_share(weight_sum)} 重新折算")
        if explain:
            outcome.steps.append(" + ".join(terms) + f" = {fmt_at_most(total, self.places if self.places is not None else shown_places(item))} 分")
        if self.places is not None and round_half_up(total, self.places) != total:
            total = round_half_up(total, self.places)
            if explain:
                outcome.steps.append(f"四舍五入保留 {self.places} 位小数：{fmt(total)} 分")
        outcome.value = total
        return outcome

    def describe(self, item) -> str:
        def one(comps):
            return "、".join(f"{c.col} {fmt_share(c.weight)}" for c in comps)

        if self.sets is not None:
            body = "；".join(f"{name}：{one(comps)}" for name, comps in self.sets.items())
            body = f"按「{self.by}」分组，{body}"
        else:
            body = one(self.components or [])
        tail = "缺少任一部分时报错，不作估算" if self.missing == "error" else "缺少某一部分时，按其余部分的权重重新折算"
        return f"加权合成：{body}。{tail}。"
