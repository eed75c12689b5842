"""Grade bands: which grade a (rounded) total falls in, and whether the bands overlap or leave gaps.

Bounds are explicit about 含/不含: at_least (≥, 含), above (>, 不含), at_most (≤, 含), below (<, 不含).
Gaps and overlaps are judged on the numbers a total can really take: totals are rounded to the
assessment's `places`, so with whole-number totals "75—89" and "90 以上" leave no gap, while with
two decimals 89.01—89.99 is a gap. A scheme that reproduces such a document declares where a gap
falls (gap_policy: lower | upper) and the handbook says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from generator.core.numbers import fmt
from generator.scheme.base import Num, Strict


def one_bound_each_side(bounded) -> None:
    """A grade band or a scoring tier states each side once: at_least (含) or above (不含) below, at_most
    (含) or below (不含) above."""
    if bounded.at_least is not None and bounded.above is not None:
        raise ValueError("at_least（含）和 above（不含）只能写一个")
    if bounded.at_most is not None and bounded.below is not None:
        raise ValueError("at_most（含）和 below（不含）只能写一个")


class Band(Strict):
    """一个等次的分数段：下限写 at_least（含）或 above（不含），上限写 at_most（含）或 below（不含）。"""

    grade: str = Field(description="等次名称，须在 order 中。例：较好")
    at_least: Num | None = Field(None, description="下限，含本数（……分及以上）。例：75")
    above: Num | None = Field(None, description="下限，不含本数（……分以上，不含）。例：89")
    at_most: Num | None = Field(None, description="上限，含本数（……分及以下）。例：89")
    below: Num | None = Field(None, description="上限，不含本数（……分以下，不含）。例：60")

    @model_validator(mode="after")
    def _bounds(self):
        one_bound_each_side(self)
        return self

    def contains(self, value: Decimal) -> bool:
        if self.at_least is not None and value < self.at_least:
            return False
        if self.above is not None and value <= self.above:
            return False
        if self.at_most is not None and value > self.at_most:
            return False
        if self.below is not None and value >= self.below:
            return False
        return True

    def lattice(self, step: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest totals (multiples of `step`) inside this band; None = unbounded."""
        low = high = None
        if self.at_least is not None:
            low = _ceil_to(self.at_least, step)
        elif self.above is not None:
            low = _ceil_to(self.above, step)
            if low == self.above:
                low += step
        if self.at_most is not None:
            high = _floor_to(self.at_most, step)
        elif self.below is not None:
            high = _floor_to(self.below, step)
            if high == self.below:
                high -= step
        return low, high

    def words(self) -> str:
        lower = (
            f"{fmt(self.at_least)} 分（含）" if self.at_least is not None else f"{fmt(self.above)} 分（不含）" if self.above is not None else ""
        )
        upper = (
            f"{fmt(self.at_most)} 分（含）" if self.at_most is not None else f"{fmt(self.below)} 分（不含）" if self.below is not None else ""
        )
        if lower and upper:
            return f"{lower}至 {upper}"
        if lower:
            return f"{lower}以上"
        if upper:
            return f"{upper}以下"
        return "任何分数"


def _floor_to(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding="ROUND_FLOOR") * step


def _ceil_to(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding="ROUND_CEILING") * step


class Gap:
    def __init__(self, low: Decimal | None, high: Decimal | None, below: Band | None, above: Band | None):
        self.low, self.high, self.below, self.above = low, high, below, above

    def words(self) -> str:
        if self.low is None:
            return f"{fmt(self.high)} 分及以下"
        if self.high is None:
            return f"{fmt(self.low)} 分及以上"
        if self.low == self.high:
            return f"{fmt(self.low)} 分"
        return f"{fmt(self.low)}—{fmt(self.high)} 分"


def analyze(bands: list[Band], places: int, floor: Decimal | None, ceiling: Decimal | None) -> tuple[list[tuple[Band, Band]], list[Gap]]:
    """Overlapping pairs and gaps between bands, on totals rounded to `places`.

    `floor`/`ceiling` are the lowest and highest total the assessment can produce (None when
    unbounded); a gap is only reported where a total can actually fall.
    """
    step = Decimal(1).scaleb(-places)
    spans = sorted(((b.lattice(step), b) for b in bands), key=lambda x: (x[0][0] is not None, x[0][0] or 0))
    overlaps: list[tuple[Band, Band]] = []
    gaps: list[Gap] = []
    for i, ((low_a, high_a), a) in enumerate(spans):
        for (low_b, high_b), b in spans[i + 1 :]:
            if (high_a is None or low_b is None or low_b <= high_a) and (high_b is None or low_a is None or low_a <= high_b):
                overlaps.append((a, b))
    if overlaps:
        return overlaps, gaps
    previous_high: Decimal | None = floor - step if floor is not None else None
    previous_band: Band | None = None
    first = True
    for (low, high), band in spans:
        if first and low is not None and (floor is None or low > floor):
            gaps.append(Gap(floor, low - step, None, band))
        elif not first and previous_high is not None and low is not None and low > previous_high + step:
            gaps.append(Gap(previous_high + step, low - step, previous_band, band))
        first = False
        previous_high, previous_band = high, band
        if high is None:
            break
    if previous_high is not None and (ceiling is None or previous_high < ceiling):
        gaps.append(Gap(previous_high + step, ceiling, previous_band, None))
    return overlaps, gaps


def find_band(bands: list[Band], value: Decimal, gap_policy: Literal["none", "lower", "upper"]) -> tuple[Band | None, bool]:
    """The band for `value`, and whether it was reached through the declared gap policy."""
    for band in bands:
        if band.contains(value):
            return band, False
    if gap_policy == "none":
        return None, False
    below = [b for b in bands if _entirely_below(b, value)]
    under = {id(b) for b in below}  # by identity: comparing models field by field costs more than the lookup
    above = [b for b in bands if not b.contains(value) and id(b) not in under]
    if gap_policy == "lower" and below:
        return max(below, key=lambda b: b.at_most if b.at_most is not None else b.below), True
    if gap_policy == "upper" and above:
        return min(above, key=lambda b: b.at_least if b.at_least is not None else b.above), True
    return None, False


def _entirely_below(band: Band, value: Decimal) -> bool:
    if band.at_most is not None:
        return band.at_most < value
    if band.below is not None:
        return band.below <= value
    return False
