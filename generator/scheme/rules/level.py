"""level: a band table inside one item (优秀 30–27, 称职 26–23 …) or a rating worth fixed points."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.core.numbers import fmt
from generator.scheme.base import Num, Strict
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule, column_or_name


class LevelOption(Strict):
    """分档评分的一档：档内打分写 at_least/at_most，按档计分写 points。"""

    name: str = Field(description="档次名称。例：优秀")
    at_least: Num | None = Field(None, description="本档最低分（含）。例：27")
    at_most: Num | None = Field(None, description="本档最高分（含）。例：30")
    points: Num | None = Field(None, description="按档计分时本档的固定分值。例：90")
    text: str | None = Field(None, description="原文对本档的描述，显示在手册中。例：全面完成目标任务")

    def contains(self, value: Decimal) -> bool:
        return (self.at_least is None or value >= self.at_least) and (self.at_most is None or value <= self.at_most)

    def span(self) -> str:
        if self.points is not None:
            return f"{fmt(self.points)} 分"
        if self.at_least is not None and self.at_most is not None:
            return f"{fmt(self.at_most)}—{fmt(self.at_least)} 分"
        if self.at_least is not None:
            return f"{fmt(self.at_least)} 分以上"
        return f"{fmt(self.at_most)} 分以下"


class Level(Rule):
    """分档评分：每一档有名称和分值范围（如 优秀 27—30 分），考核人在档内打分；或者每一档对应固定分值
    （如 A/B/C/D 对应 90/80/70/60），考核人只填档次。写了 level_column 时，档次与分数都要填，
    系统核对分数落在所填档次的范围内。"""

    TITLE: ClassVar[str] = "分档评分（档内打分或按档计分）"
    EXAMPLE: ClassVar[str] = """\
- code: mubiao
  name: 目标任务完成情况
  max: 30
  score:                                  # 003 篇四：优秀(30-27分) 称职(26-23分) ……
    kind: level
    levels:
      - {name: 优秀, at_least: 27, at_most: 30}
      - {name: 称职, at_least: 23, at_most: 26}
      - {name: 基本称职, at_least: 18, at_most: 22}
      - {name: 不称职, at_least: 0, at_most: 17}"""

    kind: Literal["level"] = Field("level", description="计分规则的种类，固定写 level。例：kind: level")
    column: str | None = Field(None, description="档内打分时填分数的列，按档计分时填档次的列（默认同项目名称）。例：目标任务得分")
    level_column: str | None = Field(None, description="档内打分时另填档次的列；写了就核对分数落在所填档次内。例：目标任务档次")
    levels: list[LevelOption] = Field(min_length=1, description="各档（至少一档）。例：[{name: 优秀, at_least: 27, at_most: 30}]")

    @model_validator(mode="after")
    def _one_style(self):
        fixed = [o.points is not None for o in self.levels]
        if any(fixed) and not all(fixed):
            raise ValueError("各档要么都写 points（按档计分），要么都写 at_least/at_most（档内打分）")
        return self

    @property
    def fixed_points(self) -> bool:
        return self.levels[0].points is not None

    def columns(self, item):
        column = column_or_name(self.column, item)
        names = tuple(o.name for o in self.levels)
        if self.fixed_points:
            return [ColumnSpec(column, "choice", choices=names, note="/".join(names))]
        specs = [ColumnSpec(column, "number", Decimal(0), item.max, note=f"满分 {fmt(item.max)}")]
        if self.level_column:
            specs.append(ColumnSpec(self.level_column, "choice", choices=names, note="/".join(names)))
        return specs

    def names(self):
        return {c for c in (self.column, self.level_column) if c}

    def compute(self, item, ctx: ItemContext) -> Outcome:
        column = column_or_name(self.column, item)
        if self.fixed_points:
            chosen = ctx.get(column)
            option = next((o for o in self.levels if o.name == chosen), None)
            if option is None:
                return Outcome(None, [f"「{column}」未填写"] if ctx.explain else [])
            return Outcome(option.points, [f"{column}：{option.name}，计 {fmt(option.points)} 分"] if ctx.explain else [])
        value = ctx.get(column)
        if value is None:
            return Outcome(None, [f"「{column}」未填写"] if ctx.explain else [])
        matched = next((o for o in self.levels if o.contains(value)), None)
        steps = [f"{column} {fmt(value)} 分" + (f"，属「{matched.name}」档（{matched.span()}）" if matched else "，不在任何一档内")] if ctx.explain else []
        outcome = Outcome(value, steps, [])
        if self.level_column:
            stated = ctx.get(self.level_column)
            option = next((o for o in self.levels if o.name == stated), None)
            if option is not None and not option.contains(value):
                outcome.problems.append(
                    (column, "score-over-max", f"分数 {fmt(value)} 不在所填档次「{stated}」的范围（{option.span()}）内；请核对档次或分数。")
                )
        if matched is None:
            outcome.problems.append((column, "score-over-max", f"分数 {fmt(value)} 不在任何一档的范围内；请核对。"))
        return outcome

    def describe(self, item) -> str:
        column = column_or_name(self.column, item)
        levels = "；".join(f"{o.name} {o.span()}" + (f"：{o.text}" if o.text else "") for o in self.levels)
        if self.fixed_points:
            return f"考核人评定档次（成绩表「{column}」列），按档计分：{levels}。"
        return f"考核人先定档次，再在该档范围内打分（成绩表「{column}」列）：{levels}。"
