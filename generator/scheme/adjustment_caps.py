"""One cap shared by several adjustments (`adjustment_caps:` in an assessment): 「两项加分合计不超过5分」,
「加分和扣分合计不超过10分」. Each adjustment is first worked out alone (its own cap, factor); then the listed
ones are added (a bonus positive, a penalty negative) and their sum held within −cap … +cap.

    adjustments:
      - {kind: bonus, name: 表彰加分, cap: 3}
      - {kind: bonus, name: 信息加分}
    adjustment_caps:
      - {names: [表彰加分, 信息加分], cap: 5, text: 两项加分合计不超过5分}

Both graders (engine/grade.py and the compiled one of engine/fast.py) add the amounts with `adjusted`,
so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pydantic import Field, field_validator

from generator.core.numbers import fmt
from generator.scheme.base import Num, Strict


class SharedCap(Strict):
    """几项加减分共用的一个上限，如「加分和扣分合计不超过10分」「两项加分合计不超过5分」。"""

    names: list[str] = Field(description="共用这个上限的加减分（写 adjustments 中各项的 name，至少两项）。例：[表彰加分, 信息加分]")
    cap: Num = Field(description="这几项的合计（加分为正、减分为负）最多加几分、最多减几分：超过 cap 的按 cap 计，低于 −cap 的按 −cap 计；"
                                 "各项先按自己的 cap 计，再合计。例：5")
    text: str | None = Field(None, description="原文的表述，显示在手册中。例：加分和扣分合计不超过10分")

    @field_validator("cap")
    @classmethod
    def _positive(cls, value: Decimal) -> Decimal:
        if value <= 0:
            raise ValueError(f"cap 是这几项合计最多加（减）的分数，要大于 0（写的是 {value}）")
        return value

    @field_validator("names")
    @classmethod
    def _two(cls, value: list[str]) -> list[str]:
        if len(value) < 2:  # one adjustment's own limit is its cap
            raise ValueError(f"names 至少写两项加减分（写了 {len(value)} 项）；只限一项的，把上限写在该项的 cap 中")
        return value

    def words(self, kinds: dict[str, str] | None = None) -> str:
        """kinds: adjustment name → bonus/penalty/awards, so that two bonuses are said as 合计最多加 5 分."""
        listed = "、".join(f"「{n}」" for n in self.names)
        said = f"{self.text.rstrip('。；;. ')}：" if self.text else ""
        signs = {"penalty" if (kinds or {}).get(n) == "penalty" else "bonus" for n in self.names} if kinds else {"bonus", "penalty"}
        if signs == {"bonus"}:
            return f"{said}{listed}合计最多加 {fmt(self.cap)} 分，超过的按 {fmt(self.cap)} 分计。"
        if signs == {"penalty"}:
            return f"{said}{listed}合计最多减 {fmt(self.cap)} 分，超过的按 {fmt(self.cap)} 分计。"
        return (f"{said}{listed}相抵后的合计（加分为正、减分为负）最多加 {fmt(self.cap)} 分、最多减 {fmt(self.cap)} 分，"
                f"超过的按 {fmt(self.cap)} 分计。")


def shared_cap_problems(caps: Sequence[SharedCap], names: Sequence[str]) -> list[tuple[int, str]]:
    """(index of the cap, message) for a name no adjustment has, or an adjustment under two caps."""
    found: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for i, cap in enumerate(caps):
        for name in cap.names:
            if name not in names:
                found.append((i, f"adjustment_caps 中的「{name}」不是本考核 adjustments 中任何一项的 name（可写：{'、'.join(names) or '无'}）。"))
            elif name in seen or cap.names.count(name) > 1:
                found.append((i, f"「{name}」在 adjustment_caps 中写了不止一次：一项加减分只能属于一个共同上限；几项合计的上限写在同一条中。"))
            seen.setdefault(name, i)
    if len(set(names)) != len(names) and caps:
        found.append((0, "adjustments 中有两项同名，adjustment_caps 无法区分；请给各项不同的 name。"))
    return found


def adjusted(caps: Sequence[SharedCap], names: Sequence[str], amounts: Sequence[Decimal],
             steps: list[str] | None = None) -> Decimal:
    """The sum of the adjustments' signed amounts (in order of `names`), each shared cap's members
    held within −cap … +cap together. `steps`, when given, gets a line for each cap that bound."""
    total = Decimal(0)
    grouped: dict[int, Decimal] = {}
    member = {name: i for i, cap in enumerate(caps) for name in cap.names}
    for name, amount in zip(names, amounts):
        i = member.get(name)
        if i is None:
            total += amount
        else:
            grouped[i] = grouped.get(i, Decimal(0)) + amount
    for i, together in sorted(grouped.items()):
        cap = caps[i].cap
        held = cap if together > cap else -cap if together < -cap else together
        if held != together and steps is not None:
            listed = "、".join(f"「{n}」" for n in caps[i].names)
            steps.append(f"{listed}合计 {'+' if together > 0 else ''}{fmt(together)} 分，超过共同上限 {fmt(cap)} 分，按 {'+' if held > 0 else ''}{fmt(held)} 分计")
        total += held
    return total
