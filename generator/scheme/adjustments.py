"""Adjustments after the items: 加分 / 减分 with caps, award lists, and factors by role.

These are the 弹性指标 (加减分最高均不超过5分), the 加分项目总分值10分 of 003 篇六, and the award
bonuses of 001 (县级 2 分, 省级 3 分 … 单位领导班子成员按一半加分).

A bonus or penalty may read a list of events instead of one number (`events: true`): the cell says
`疫情防控:3；表彰:2` (separators ；;、，, full or half width, 分 allowed after the number), each event
is kept with its name and value and shown in the derivation, the same event listed twice counts
once at its largest value (`same_event: largest`, the default: 同一件事加减分不累计) or every time
(`same_event: sum`), and the cap is applied after. A penalty may also list events by name with
fixed points per occurrence (`points: {通报批评: 10}`: 通报批评、通报批评 is 20), or read counts from
columns of their own (`counts: {迟到早退次数: 0.5, 无故缺勤次数: 2}`: 3 and 1 are 1.5 + 2), each a whole
number of times, each column under its own cap if `caps` gives one (每项最多 3 分); the factor and the
cap apply to the sum of the columns (合计最多 5 分).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from generator.core.numbers import fmt
from generator.scheme.base import Num, Strict
from generator.scheme.rules.base import ColumnSpec
from generator.scheme.rules.events import WHOLE_WORDS, count_places, count_unit, halves_words


class Factor(Strict):
    # A multiplier chosen by the value of a column (身份: 领导班子成员 → 0.5).
    """按某一列的值区分倍数，如 领导班子成员按一半加分。"""

    by: str = Field(description="按哪一列区分倍数。例：身份")
    values: dict[str, Num] = Field(description="这一列的值 → 倍数。例：{领导班子成员: 0.5}")
    default: Num = Field(Decimal(1), description="其他人员的倍数（默认 1）：这一列空着的，或填了方案 inputs 中为这一列声明、values 中没有列出的值的。"
                                                 "这一列只能填 values 中的值或 inputs 声明的值，其他写法报错。例：1")

    def pick(self, values: dict) -> tuple[Decimal, str]:
        key = values.get(self.by)
        factor = self.values.get(key or "", self.default)
        return factor, f"{self.by}「{key or '—'}」按 {fmt(factor)} 倍计"

    def words(self) -> str:
        pairs = "，".join(f"{k}按 {fmt(v)} 倍" for k, v in self.values.items())
        return f"按「{self.by}」区分：{pairs}，其他人员按 {fmt(self.default)} 倍"


class Adjustment(Strict):
    """加分（bonus）、减分（penalty）或按奖项加分（awards），在各项得分之和上调整，设上限。"""

    kind: Literal["bonus", "penalty", "awards"] = Field(description="bonus 加分、penalty 减分、awards 按奖项加分。例：bonus")
    name: str = Field(description="名称，显示在手册和得分说明中；不写 column 时也是列名。例：加分指标")
    column: str | None = Field(None, description="成绩表中填写分值（或奖项）的列名（默认同 name）。例：加分")
    cap: Num | None = Field(None, description="最多加（减）多少分（不写则不设上限）。例：5")
    points: dict[str, Num] | None = Field(None, description="awards：奖项名称 → 分值；成绩表中填奖项名称，多项用、分隔，同一奖项写几次计几次（写了 events: true 的逐项写 事项:奖项，同一事项按 same_event 计）。penalty 也可按次计：事项 → 每次扣的分，同一事项写几次扣几次。例：{县级奖励: 2, 省级奖励: 3}")
    counts: dict[str, Num] | None = Field(
        None, description="bonus 或 penalty 按次数计：成绩表中填次数的列名 → 每次的分值；每列填次数（空着为 0 次；天数、小时数可填一位小数，如半天 0.5，见 whole），"
                          "各列合计后再按 factor、cap 计。写了 counts 就不写 column。例：{迟到早退次数: 0.5, 无故缺勤次数: 2}")
    caps: dict[str, Num] | None = Field(
        None, description="与 counts 一起写：某一列最多计多少分（「每项最多加 3 分，合计最多加 5 分」写 caps: {信息采用篇数: 3, 抓获在逃人数: 3}, cap: 5）；"
                          "每列先按自己的上限计，各列合计后再按 factor、cap 计。例：{信息采用篇数: 3}")
    whole: bool = Field(False, description="与 counts 一起写：" + WHOLE_WORDS + "例：true")
    factor: Factor | None = Field(None, description="按某一列区分倍数。例：{by: 身份, values: {领导班子成员: 0.5}}")
    text: str | None = Field(None, description="原文的表述，显示在手册中。例：弹性指标加分最高不超过5分")
    events: bool = Field(
        False, description="bonus 或 penalty 的格子逐项写事项和分值（事项:分值，多项用；分隔），每项显示在得分说明中；"
                           "awards 的格子逐项写事项和奖项（事项:奖项，同一事项的几项奖项用、分隔，不同事项用；分隔），"
                           "用于「同一事项获多项表彰的，按最高一项计分」。例：true"
    )
    same_event: Literal["largest", "sum"] = Field(
        "largest", description="events 中同一事项写了多次（awards：同一事项获多项奖项）：largest 只按其中最高的分值计一次"
                               "（默认，同一件事不累计）、sum 每次都计。例：sum"
    )

    @model_validator(mode="after")
    def _shape(self):
        if self.kind == "awards" and not self.points:
            raise ValueError("awards 要用 points 列出每种奖项的分值")
        if self.kind == "bonus" and self.points:
            raise ValueError("bonus 不写 points；按奖项加分用 kind: awards")
        if self.events and self.kind != "awards" and self.points:
            raise ValueError("bonus 或 penalty 的 events: true 不与 points 同用（按奖项逐事项计分写 kind: awards）")
        if "same_event" in self.model_fields_set and not self.events:
            raise ValueError("same_event 只在 events: true 时起作用（逐项写事项）；按事项计分的请写 events: true，否则删去 same_event")
        if self.counts is not None:
            if self.kind == "awards" or self.points or self.events:
                raise ValueError("counts（按次数列计分）只用于 bonus 或 penalty，且不与 points、events 同用")
            if self.column is not None:
                raise ValueError("写了 counts 就不写 column：counts 的每个键就是一个填次数的列名")
            if not self.counts:
                raise ValueError("counts 至少写一列，如 {迟到早退次数: 0.5}")
            if any(points <= 0 for points in self.counts.values()):
                raise ValueError("counts 中每次的分值要大于 0（减分写 kind: penalty，分值仍写正数）")
        if self.cap is not None and self.cap <= 0:  # 最多加 0 分: every entry would count for nothing, without a word
            raise ValueError(f"cap 是最多加（减）的分数，要大于 0（写的是 {self.cap}）；不设上限的删去 cap")
        if self.whole and not self.counts:
            raise ValueError("whole（只能填整数）只与 counts 一起写：它说的是 counts 中天数、小时数列能否填小数")
        if self.caps is not None:
            if not self.counts:
                raise ValueError("caps（每列的上限）只与 counts 一起写；一项加减分的总上限写 cap")
            if unknown := [name for name in self.caps if name not in self.counts]:
                raise ValueError(f"caps 中的「{'」「'.join(unknown)}」不是 counts 中的列（可写：{'、'.join(self.counts)}）")
            if any(cap <= 0 for cap in self.caps.values()):
                raise ValueError("caps 中每列的上限要大于 0")
        return self

    @property
    def col(self) -> str:
        return self.column or self.name

    def columns(self) -> list[ColumnSpec]:
        note = f"上限 {fmt(self.cap)}" if self.cap is not None else ""
        if self.counts:
            caps = self.caps or {}
            specs = [ColumnSpec(name, "number", Decimal(0), None, required=False, places=count_places(name, whole=self.whole),
                                note=f"{count_unit(name)}数，每{count_unit(name)} {fmt(points)} 分" + (f"，最多 {fmt(caps[name])} 分" if name in caps else ""))
                     for name, points in self.counts.items()]
        elif self.events and self.kind == "awards":
            specs = [ColumnSpec(self.col, "award_events", choices=tuple(self.points or {}), required=False, note="事项:奖项，多项用；分隔")]
        elif self.points:
            specs = [ColumnSpec(self.col, "choices", choices=tuple(self.points or {}), required=False, note="多项用、分隔")]
        elif self.events:
            specs = [ColumnSpec(self.col, "events", required=False, note="事项:分值，多项用；分隔")]
        else:
            specs = [ColumnSpec(self.col, "number", Decimal(0), None, required=False, note=note)]
        if self.factor:
            specs.append(ColumnSpec(self.factor.by, "choice", choices=tuple(self.factor.values), required=False))
        return specs

    def apply(self, values: dict, explain: bool = True) -> tuple[Decimal, list[str]]:
        """The signed amount this adjustment adds to the total, with its steps (only if explain)."""
        steps: list[str] = []
        if self.events and self.kind == "awards":
            raw = self._award_events(values.get(self.col) or [], steps, explain)
        elif self.events:
            raw = self._events(values.get(self.col) or [], steps, explain)
        elif self.counts:
            raw = self._counted(values, steps, explain)
        elif self.points:
            names = values.get(self.col) or []
            raw = sum((self.points[n] for n in names if n in (self.points or {})), Decimal(0))
            if names and explain:
                steps.append(f"{self.name}：" + "、".join(f"{n} {fmt(self.points[n])} 分" for n in names if n in (self.points or {})))
        else:
            raw = values.get(self.col) or Decimal(0)
            if raw and explain:
                steps.append(f"{self.name}：{fmt(raw)} 分")
        if not raw:
            return Decimal(0), steps
        if self.factor:
            factor, why = self.factor.pick(values)
            if factor != 1 and explain:
                steps.append(f"{why}：{fmt(raw)} × {fmt(factor)} = {fmt(raw * factor)} 分")
            raw = raw * factor
        if self.cap is not None and raw > self.cap:
            if explain:
                steps.append(f"超过上限，按 {fmt(self.cap)} 分计")
            raw = self.cap
        return (-raw if self.kind == "penalty" else raw), steps

    def _counted(self, values: dict, steps: list[str], explain: bool) -> Decimal:
        """Σ times × points over the count columns, in the scheme's order (an empty cell is 0 times)."""
        raw = Decimal(0)
        parts: list[str] = []
        caps = self.caps or {}
        for name, points in (self.counts or {}).items():
            times = values.get(name) or Decimal(0)
            amount = times * points
            cap = caps.get(name)
            capped = cap is not None and amount > cap
            raw += cap if capped else amount
            if times and explain:
                parts.append(f"「{name}」{fmt(times)} {count_unit(name)} × {fmt(points)} 分 = {fmt(amount)} 分" + (f"，超过该列上限，按 {fmt(cap)} 分计" if capped else ""))
        if parts:
            steps.append(f"{self.name}：" + "；".join(parts) + (f"；合计 {fmt(raw)} 分" if len(parts) > 1 else ""))
        return raw

    def _award_events(self, awarded: list[tuple[str, str]], steps: list[str], explain: bool) -> Decimal:
        """Each matter's awards: its highest only (same_event: largest) or every one; an award without a matter alone."""
        points = self.points or {}
        raw = self._events([(matter, points[award]) for matter, award in awarded], [], False)
        if explain and awarded:
            steps.append(f"{self.name}：" + "、".join(f"{m + ' ' if m else ''}{a} {fmt(points[a])} 分" for m, a in awarded))
            for matter in dict.fromkeys(m for m, _ in awarded if m) if self.same_event == "largest" else ():
                got = [a for m, a in awarded if m == matter]
                if len(got) > 1:
                    best = max(got, key=lambda a: points[a])
                    steps.append(f"「{matter}」获 {len(got)} 项表彰，按最高一项「{best}」{fmt(points[best])} 分计")
            if len(awarded) > 1:
                steps.append(f"{self.name}合计 {fmt(raw)} 分")
        return raw

    def _events(self, events: list[tuple[str, Decimal]], steps: list[str], explain: bool) -> Decimal:
        """The listed events' sum; the same event once at its largest value unless same_event: sum."""
        if not events:
            return Decimal(0)
        counted: dict[str, Decimal] = {}
        unnamed = Decimal(0)
        repeated: list[str] = []
        for name, value in events:
            if not name:
                unnamed += value
            elif name in counted and self.same_event == "largest":
                repeated.append(name)
                counted[name] = max(counted[name], value)
            else:
                counted[name] = counted.get(name, Decimal(0)) + value
        raw = sum(counted.values(), unnamed)
        if explain:
            listed = "、".join(f"{name or '（未写事项）'} {fmt(value)} 分" for name, value in events)
            steps.append(f"{self.name}：{listed}")
            for name in dict.fromkeys(repeated):
                steps.append(f"「{name}」列了不止一次，同一件事不累计，按其中最高的 {fmt(counted[name])} 分计")
            if len(events) > 1:
                steps.append(f"{self.name}合计 {fmt(raw)} 分")
        return raw

    def words(self) -> str:
        what = {"bonus": "加分", "penalty": "减分", "awards": "按奖项加分"}[self.kind]
        where = ("、".join(f"「{name}」" for name in self.counts) + "列填" + "、".join(dict.fromkeys(count_unit(n) + "数" for n in self.counts))
                 + halves_words(list(self.counts), whole=self.whole)) if self.counts else f"填入「{self.col}」列"
        parts = [f"{self.name}（{what}，{where}）"]
        if self.text:
            parts.append(self.text.rstrip("。；;. "))
        if self.points:
            each = "每次" if self.kind == "penalty" else ""
            parts.append("：".join(["分值", "，".join(f"{k} {each}{fmt(v)} 分" for k, v in self.points.items())])
                         + ("，同一奖项写几次计几次" if self.kind == "awards" and not self.events else ""))
        if self.counts:
            caps = self.caps or {}
            parts.append("，".join(f"「{name}」每{count_unit(name)} {fmt(points)} 分" + (f"、最多 {fmt(caps[name])} 分" if name in caps else "")
                                  for name, points in self.counts.items())
                         + ("，各列合计" if len(self.counts) > 1 else ""))
        if self.events and self.kind == "awards":
            parts.append("逐项写明事项和奖项（如 抗洪抢险:市级表彰、县级表彰；信息工作:县级表彰）"
                         + ("，同一事项获多项表彰的按最高一项计，不同事项分别计，没写事项的奖项各自计分；事项名称中的空格不计"
                            if self.same_event == "largest" else "，每项都计"))
        elif self.events:
            parts.append("逐项写明事项和分值（如 疫情防控:3；表彰:2）" + ("，同一事项列出多次的按最高一次计（同一件事不累计）" if self.same_event == "largest" else "，每项都计"))
        if self.factor:
            parts.append(self.factor.words())
        parts.append(f"最多 {fmt(self.cap)} 分" if self.cap is not None else "不设上限")
        return "；".join(parts) + "。"
