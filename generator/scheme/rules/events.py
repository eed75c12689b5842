"""Counting rules shared by `deduct` and `bonus`: per event, per unit, a range, tiers.

Each sub-rule turns one column into points (always a non-negative amount); `deduct` subtracts
them from a starting score and `bonus` adds them. Keeping the sub-rules in one place means the
handbook words and the arithmetic for 每次扣2分 are written once.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from generator.core.numbers import ceil_int, floor_int, fmt
from generator.scheme.base import Num, Strict
from generator.scheme.rules.base import ColumnSpec


class PerEvent(Strict):
    """每次（每起、每项、每篇）加/扣固定分值：分值 × 次数。"""

    kind: Literal["per_event"] = "per_event"
    column: str
    points: Num
    unit_name: str = "次"
    text: str | None = None  # the document's own words, shown in the handbook

    def columns(self) -> list[ColumnSpec]:
        return [ColumnSpec(self.column, "number", Decimal(0), None, places=0, note=f"{self.unit_name}数")]

    def amount(self, values: dict, explain: bool = True) -> tuple[Decimal, str]:
        count = values.get(self.column) or Decimal(0)
        total = count * self.points
        if not explain:
            return total, ""
        return total, f"{self.column} {fmt(count)} {self.unit_name} × {fmt(self.points)} 分 = {fmt(total)} 分"

    def words(self) -> str:
        return f"每{self.unit_name} {fmt(self.points)} 分（按「{self.column}」计）"


class PerUnit(Strict):
    """按数量折算：每（缺）N 个单位加/扣 M 分，如 读书笔记须达 5000 字，每缺 1000 字扣 1 分。
    写了 required 时按差额计算；不足一个单位的部分按 rounding（floor 不计 / ceil 计为一个）处理。"""

    kind: Literal["per_unit"] = "per_unit"
    column: str
    unit: Num
    points: Num
    required: Num | None = None
    rounding: Literal["floor", "ceil"] = "floor"
    unit_name: str = ""
    text: str | None = None

    def columns(self) -> list[ColumnSpec]:
        return [ColumnSpec(self.column, "number", Decimal(0), None, note=self.unit_name)]

    def amount(self, values: dict, explain: bool = True) -> tuple[Decimal, str]:
        value = values.get(self.column) or Decimal(0)
        basis = max(Decimal(0), self.required - value) if self.required is not None else value
        units = basis / self.unit
        whole = floor_int(units) if self.rounding == "floor" else ceil_int(units)
        total = whole * self.points
        if not explain:
            return total, ""
        what = f"差 {fmt(basis)}{self.unit_name}" if self.required is not None else f"{fmt(basis)}{self.unit_name}"
        return total, f"{self.column} {fmt(value)}{self.unit_name}，{what}，计 {whole} 个 {fmt(self.unit)}{self.unit_name} × {fmt(self.points)} 分 = {fmt(total)} 分"

    def words(self) -> str:
        part = "不足一个单位的不计" if self.rounding == "floor" else "不足一个单位的按一个计"
        if self.required is not None:
            return f"应达 {fmt(self.required)}{self.unit_name}，每差 {fmt(self.unit)}{self.unit_name} 计 {fmt(self.points)} 分，{part}（按「{self.column}」计）"
        return f"每 {fmt(self.unit)}{self.unit_name} 计 {fmt(self.points)} 分，{part}（按「{self.column}」计）"


class Range(Strict):
    """视情节在一个范围内定分，如「一次扣3—5分」：成绩表中逐次填写分值（用 、或 ; 分隔，如 3、4.5），
    每一次都必须在范围之内。"""

    kind: Literal["range"] = "range"
    column: str
    min: Num
    max: Num
    text: str | None = None

    def columns(self) -> list[ColumnSpec]:
        return [ColumnSpec(self.column, "amounts", required=False, each_min=self.min, each_max=self.max,
                           note=f"每次 {fmt(self.min)}—{fmt(self.max)}")]

    def amount(self, values: dict, explain: bool = True) -> tuple[Decimal, str]:
        amounts = values.get(self.column) or []
        total = sum(amounts, Decimal(0))
        if not explain:
            return total, ""
        if not amounts:
            return total, f"{self.column}：无"
        shown = " + ".join(fmt(a) for a in amounts)
        return total, f"{self.column} {len(amounts)} 次：{shown} = {fmt(total)} 分"

    def words(self) -> str:
        return f"每次视情节 {fmt(self.min)}—{fmt(self.max)} 分（逐次填入「{self.column}」）"


class Tier(Strict):
    at_least: Num
    points: Num


class Tiered(Strict):
    """分档计分：达到某一档就计该档分值（取达到的最高一档，不累加），如 超额 30 篇以上加 1 分。"""

    kind: Literal["tiered"] = "tiered"
    column: str
    tiers: list[Tier] = Field(min_length=1)
    unit_name: str = ""
    text: str | None = None

    def columns(self) -> list[ColumnSpec]:
        return [ColumnSpec(self.column, "number", Decimal(0), None, note=self.unit_name)]

    def amount(self, values: dict, explain: bool = True) -> tuple[Decimal, str]:
        value = values.get(self.column) or Decimal(0)
        reached = [t for t in self.tiers if value >= t.at_least]
        if not reached:
            return Decimal(0), "" if not explain else f"{self.column} {fmt(value)}{self.unit_name}，未达到任何一档"
        best = max(reached, key=lambda t: t.at_least)
        if not explain:
            return best.points, ""
        return best.points, f"{self.column} {fmt(value)}{self.unit_name}，达到「{fmt(best.at_least)}{self.unit_name}以上」一档，计 {fmt(best.points)} 分"

    def words(self) -> str:
        tiers = "；".join(f"达到 {fmt(t.at_least)}{self.unit_name}（含）计 {fmt(t.points)} 分" for t in sorted(self.tiers, key=lambda t: t.at_least))
        return f"按「{self.column}」分档：{tiers}（取最高一档，不累加）"


Counting = Annotated[PerEvent | PerUnit | Range | Tiered, Field(discriminator="kind")]


def apply_all(rules: list, values: dict, explain: bool = True) -> tuple[Decimal, list[str]]:
    total = Decimal(0)
    steps = []
    for rule in rules:
        amount, step = rule.amount(values, explain)
        total += amount
        if explain:
            steps.append(step)
    return total, steps
