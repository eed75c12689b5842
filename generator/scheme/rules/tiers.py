"""tiers: a figure from the sheet turned into fixed points by the band it falls in (结案率 95% 以上（含）得 20 分，
90%（含）至 95%（不含）得 16 分 …), each bound explicit about 含/不含 as the grade bands are."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.core.numbers import fmt
from generator.scheme.bands import one_bound_each_side
from generator.scheme.base import Num, Strict
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule, column_or_name


class PointsTier(Strict):
    """分段计分的一段：下限写 at_least（含）或 above（不含），上限写 at_most（含）或 below（不含），得分写 points。"""

    at_least: Num | None = Field(None, description="下限，含本数。例：95")
    above: Num | None = Field(None, description="下限，不含本数。例：90")
    at_most: Num | None = Field(None, description="上限，含本数。例：95")
    below: Num | None = Field(None, description="上限，不含本数。例：95")
    points: Num = Field(description="落在本段得几分。例：20")

    @model_validator(mode="after")
    def _bounds(self):
        one_bound_each_side(self)
        return self

    def low(self) -> tuple[Decimal | None, bool]:
        """(lower bound, whether it is included); None = no lower bound."""
        return (self.at_least, True) if self.at_least is not None else (self.above, False)

    def high(self) -> tuple[Decimal | None, bool]:
        return (self.at_most, True) if self.at_most is not None else (self.below, False)

    def contains(self, value: Decimal) -> bool:
        (low, low_in), (high, high_in) = self.low(), self.high()
        if low is not None and (value < low or (value == low and not low_in)):
            return False
        return high is None or value < high or (value == high and high_in)

    def words(self, unit: str) -> str:
        (low, low_in), (high, high_in) = self.low(), self.high()
        lower = f"{fmt(low)}{unit}（{'含' if low_in else '不含'}）" if low is not None else ""
        upper = f"{fmt(high)}{unit}（{'含' if high_in else '不含'}）" if high is not None else ""
        span = f"{lower}至 {upper}" if lower and upper else f"{lower}以上" if lower else f"{upper}以下" if upper else "任何值"
        return f"{span}得 {fmt(self.points)} 分"


def _overlap(a: PointsTier, b: PointsTier) -> bool:
    """Whether some value falls in both: the higher of the two lower bounds is under the lower of the upper ones
    (or equal to it with both included). An absent bound is open: -∞ below, +∞ above."""
    lows = [t.low() for t in (a, b) if t.low()[0] is not None]
    highs = [t.high() for t in (a, b) if t.high()[0] is not None]
    if not lows or not highs:
        return True  # both open below (or both above): every low (or high) enough value is in both
    low = max(lows, key=lambda x: (x[0], not x[1]))  # at the same number, 不含 is the higher lower bound
    high = min(highs, key=lambda x: (x[0], x[1]))  # and the lower upper bound
    return low[0] < high[0] or (low[0] == high[0] and low[1] and high[1])  # type: ignore[operator]


class Tiers(Rule):
    """分段计分：成绩表中填一个数（如结案率、完成率），按它落在哪一段得该段的固定分值，如结案率 95% 以上（含）得 20 分，
    90%（含）至 95%（不含）得 16 分。每段的上下限都写明含不含本数（at_least 含、above 不含、at_most 含、below 不含），
    两段不得有共同的值，从 0 起（百分比到 100）也不得有空隙，kaohe check 会指出重叠或漏掉的值；各段分值不得超过本项满分。填百分比的列写 percent: true，
    单元格中的 96.5% 读作 96.5。"""

    TITLE: ClassVar[str] = "分段计分（按数值所在的段得固定分）"
    EXAMPLE: ClassVar[str] = """\
- code: jieanlv
  name: 结案率
  max: 20
  score:                                  # 结案率 95% 以上（含）20 分，90%（含）至 95%（不含）16 分，不满 90% 10 分
    kind: tiers
    column: 结案率
    unit: "%"
    percent: true
    tiers:
      - {at_least: 95, points: 20}
      - {at_least: 90, below: 95, points: 16}
      - {below: 90, points: 10}"""

    kind: Literal["tiers"] = Field("tiers", description="计分规则的种类，固定写 tiers。例：kind: tiers")
    column: str | None = Field(None, description="成绩表中填数值的列名（默认同项目名称）。例：结案率")
    unit: str = Field("", max_length=4, description="手册中数值后面的单位。例：%")
    percent: bool = Field(False, description="true 表示该列是百分比：单元格中的 96.5% 读作 96.5，填 0—100。例：true")
    tiers: list[PointsTier] = Field(min_length=1, description="各段（至少一段），各段不得重叠。例：[{at_least: 95, points: 20}, {below: 95, points: 10}]")

    @model_validator(mode="after")
    def _no_overlap(self):
        for i, a in enumerate(self.tiers):
            for b in self.tiers[i + 1:]:
                if _overlap(a, b):
                    raise ValueError(f"分段「{a.words(self.unit)}」与「{b.words(self.unit)}」有共同的值，一个数只能落在一段内；请改正上下限的含与不含")
        return self

    def columns(self, item):
        column = column_or_name(self.column, item)
        top = Decimal(100) if self.percent else None
        bounds = [b for t in self.tiers for b in (t.low()[0], t.high()[0]) if b is not None and b > 0]
        return [ColumnSpec(column, "number", Decimal(0), top, percent=self.percent, under_one=bool(bounds) and min(bounds) <= 1,
                           note="；".join(t.words(self.unit) for t in self.tiers))]

    def names(self):
        return {self.column} if self.column else set()

    def compute(self, item, ctx: ItemContext) -> Outcome:
        column = column_or_name(self.column, item)
        value = ctx.get(column)
        if value is None:
            return Outcome(None, [f"「{column}」未填写"] if ctx.explain else [])
        tier = next((t for t in self.tiers if t.contains(value)), None)
        if tier is None:
            message = f"「{column}」{fmt(value)}{self.unit} 不在任何一段内（{'；'.join(t.words(self.unit) for t in self.tiers)}），无法计分；请核对数值或方案的分段。"
            return Outcome(None, [message], [(column, "score-over-max", message)])
        return Outcome(tier.points, [f"{column} {fmt(value)}{self.unit}，属「{tier.words(self.unit)}」"] if ctx.explain else [])

    def describe(self, item) -> str:
        column = column_or_name(self.column, item)
        return f"按成绩表「{column}」所在的段计分：{'；'.join(t.words(self.unit) for t in self.tiers)}。"
