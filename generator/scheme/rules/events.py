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

# Units an office counts in halves: 请假半天 is 0.5 天, half a 课时 0.5. A column of them takes one decimal
# (1.5 天); refused as 不是整数, the office could only round a half day up or down, and grade it wrong.
HALVED_UNITS = ("天", "日", "小时", "课时", "学时")
_HALVED_ENDS = tuple(unit + "数" for unit in HALVED_UNITS)

WHOLE_WORDS = ("true 表示只能填整数（原文「按整天计」「不足一天的不计」时写）：天数、日数、小时数、课时数默认可以填一位小数"
               "（半天填 0.5）；次数、篇数等本来就只能填整数。")


def count_unit(column: str) -> str:
    """What one of a count column is: 事假天数 → 天, 信息采用篇数 → 篇, 超课时节数 → 节, 培训学时数 → 学时; otherwise 次."""
    for unit in ("小时", "学时", "课时", "天", "日", "篇", "人", "节", "件", "起", "项"):
        if column.endswith(unit + "数"):
            return "天" if unit == "日" else unit
    return "次"


def count_places(column: str, unit: str = "", whole: bool = False) -> int:
    """How many decimals a count column takes: 1 for days and hours (病假天数 1.5), 0 for times,
    articles, people (迟到次数 2), and 0 for days too where the scheme counts whole days only."""
    if whole:
        return 0
    return 1 if unit in HALVED_UNITS or column.endswith(_HALVED_ENDS) else 0


class PerEvent(Strict):
    """每次（每起、每项、每篇）加/扣固定分值：分值 × 次数。"""

    kind: Literal["per_event"] = Field("per_event", description="按次计分，固定写 per_event。例：per_event")
    column: str = Field(description="成绩表中填写次数的列名。例：无故缺席次数")
    points: Num = Field(description="每次的分值。例：2")
    unit_name: str | None = Field(None, description="计数的单位（次、起、篇、天……），用于手册措辞；不写时按列名（事假天数 → 天，"
                                                     "超课时节数 → 节，其他 → 次）。例：篇")
    text: str | None = Field(None, description="原文的表述，显示在手册中。例：无故缺席一次扣2分")
    whole: bool = Field(False, description=WHOLE_WORDS + "例：true")

    @property
    def unit(self) -> str:
        # 事假天数 1.5 天, not 1.5 次: the words follow the column as the adjustments' counts do
        return self.unit_name or count_unit(self.column)

    def columns(self) -> list[ColumnSpec]:
        return [ColumnSpec(self.column, "number", Decimal(0), None, places=count_places(self.column, self.unit, self.whole),
                           note=f"{self.unit}数")]

    def amount(self, values: dict, explain: bool = True) -> tuple[Decimal, str]:
        count = values.get(self.column) or Decimal(0)
        total = count * self.points
        if not explain:
            return total, ""
        return total, f"{self.column} {fmt(count)} {self.unit} × {fmt(self.points)} 分 = {fmt(total)} 分"

    def words(self) -> str:
        return f"每{self.unit} {fmt(self.points)} 分（按「{self.column}」计{halves_words([self.column], self.unit, self.whole)}）"


def halves_words(columns: list[str], unit: str = "", whole: bool = False) -> str:
    """What the handbook says of half days: ，可填一位小数（如半天填 0.5） or ，只填整数; nothing for times.
    Of columns some of which take halves: ，其中「事假天数」可填一位小数 (the 次数 beside it stay whole)."""
    halved = [c for c in columns if count_places(c, unit)]
    if not halved:
        return ""
    if whole:
        return "，只填整数"
    which = "" if len(halved) == len(columns) else "，其中" + "、".join(f"「{c}」" for c in halved)
    return f"{which or '，'}可填一位小数（如半天填 0.5）"


class PerUnit(Strict):
    """按数量折算：每（缺）N 个单位加/扣 M 分，如 读书笔记须达 5000 字，每缺 1000 字扣 1 分。
    写了 required 时按差额计算；不足一个单位的部分按 rounding（floor 不计 / ceil 计为一个）处理。"""

    kind: Literal["per_unit"] = Field("per_unit", description="按数量折算，固定写 per_unit。例：per_unit")
    column: str = Field(description="成绩表中填写数量的列名。例：读书笔记字数")
    unit: Num = Field(description="多少数量算一个单位。例：1000")
    points: Num = Field(description="每个单位的分值。例：1")
    required: Num | None = Field(None, description="应达到的数量；写了就按差额（缺多少）计算。例：5000")
    rounding: Literal["floor", "ceil"] = Field("floor", description="不足一个单位的部分：floor 不计（默认）、ceil 按一个计。例：ceil")
    unit_name: str = Field("", description="数量的单位，用于手册措辞。例：字")
    text: str | None = Field(None, description="原文的表述，显示在手册中。例：每缺1000字扣1分")

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

    kind: Literal["range"] = Field("range", description="视情节在范围内定分，固定写 range。例：range")
    column: str = Field(description="成绩表中逐次填写分值的列名（多次用、分隔，如 3、4.5）。例：违纪扣分")
    min: Num = Field(description="每一次的最低分值。例：3")
    max: Num = Field(description="每一次的最高分值。例：5")
    text: str | None = Field(None, description="原文的表述，显示在手册中。例：一次扣3—5分")

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
    """分档计分的一档。"""

    at_least: Num = Field(description="达到（含）这个数量即为本档。例：10")
    points: Num = Field(description="本档的分值。例：0.1")


class Tiered(Strict):
    """分档计分：达到某一档就计该档分值（取达到的最高一档，不累加），如 超额 30 篇以上加 1 分。"""

    kind: Literal["tiered"] = Field("tiered", description="分档计分，固定写 tiered。例：tiered")
    column: str = Field(description="成绩表中填写数量的列名。例：超额篇数")
    tiers: list[Tier] = Field(min_length=1, description="各档（至少一档），取达到的最高一档。例：[{at_least: 10, points: 0.1}, {at_least: 30, points: 1}]")
    unit_name: str = Field("", description="数量的单位，用于手册措辞。例：篇")
    text: str | None = Field(None, description="原文的表述，显示在手册中。例：超额30篇以上的加1分")

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
