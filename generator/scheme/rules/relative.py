"""relative: a score against colleagues — 本人折算办案数 ÷ 本庭人均折算办案数 × 30 分, or ÷ 本科室最高完成量 × 40.

One person's row cannot say what the average of their 庭 is, so the engine works out each group's figure
from the whole sheet before anyone is graded (engine/relative_groups.py) and puts it among the person's
values under GROUP_KEY; this rule only reads it. Both graders and a later explanation read the same row,
so they cannot disagree about the average.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from generator.core.numbers import fmt, fmt_at_most
from generator.scheme.expr import Formula, FormulaError, _truthy, compiled
from generator.scheme.rules.base import ColumnSpec, ItemContext, Outcome, Rule, shown_places

# Where a person's group figures wait in their values: no sheet header can hold a NUL.
GROUP_KEY = "\x00relative"
GROUP_WORDS = {"department": "本部门", "all": "全体"}
WHOLE_ENDS = ("案数", "件数", "次数", "篇数", "人数", "起数", "项数")
TO_WORDS = {"average": "人均", "best": "最高", "rank": "排名"}


class GroupFigure:
    """One group's figure for one relative item: the members' measures, and the average or the best."""

    __slots__ = ("count", "total", "best", "missing", "ranked")

    def __init__(self, count: int, total: Decimal, best: Decimal | None, missing: int, ranked: tuple[Decimal, ...] = ()):
        self.count, self.total, self.best, self.missing = count, total, best, missing
        self.ranked = ranked  # every member's measure, highest first (for to: rank)

    def rank(self, own: Decimal) -> int:
        """1 + how many have more: equal measures share the better place and the next place is skipped (1, 2, 2, 4)."""
        return 1 + sum(1 for value in self.ranked if value > own)

    def __repr__(self) -> str:  # a page's fingerprint prints it: same figures, same text
        return f"GroupFigure({self.count}, {self.total}, {self.best}, {self.missing}, {self.ranked})"


class Relative(Rule):
    """与同事比较计分：本人的量（如折算办案数 = 刑事结案数 × 1.2 + 民事结案数 + 执行结案数 × 0.8）除以同一部门（或全体）
    人员的人均量（to: average）或最高量（to: best），乘以 points 分；超过 cap 的按 cap 计。也可以按排名计分（to: rank）：
    量最多的第 1 名得 points 分，每降一名减 step 分，最低 floor 分，量相同的名次并列、下一名次顺延（1、2、2、4）。人均量 = 该部门成绩表中所列全部人员的量
    之和 ÷ 人数（不定等次、一票否决的人也在其中）；原文规定某些人不计入人均的（新录用人员），写 excluding 条件，这些人不计入人数和合计，
    本人仍与其余人员的人均比较计分；「不定等次人员不计入」的，把方案中该条 no_grade 的条件（如 试用期 或 立案调查）写在 excluding 中。上级项目写了 missing: reweight、本人此项未填写（不计）的，也不计入；按岗位区分的项目只在该岗位人员中比较。计算时先乘后除，不先把人均量取整，得数按本项 places
    四舍五入。部门的量之和或最高量为 0 时无法计分，报告问题。"""

    TITLE: ClassVar[str] = "与同事比较（除以人均、除以最高或按排名）"
    EXAMPLE: ClassVar[str] = """\
- code: banan
  name: 办案数量
  max: 36
  places: 2
  score:                                  # 本人折算办案数 ÷ 本庭人均折算办案数 × 30 分，最高不超过 36 分
    kind: relative
    measure: 折算办案数
    expr: 刑事结案数 * 1.2 + 民事结案数 + 执行结案数 * 0.8
    uses: [刑事结案数, 民事结案数, 执行结案数]
    to: average
    within: department
    points: 30
    cap: 36"""

    kind: Literal["relative"] = Field("relative", description="计分规则的种类，固定写 relative。例：kind: relative")
    measure: str = Field(description="比较的量的名称，手册和计算过程中这样称呼。例：折算办案数")
    expr: str = Field(description="本人的量怎样从成绩表的列算出（见《公式写法》），只有一列时写列名。例：刑事结案数 * 1.2 + 民事结案数")
    uses: list[str] = Field(min_length=1, description="公式用到的成绩表列（成绩表会生成这些列，每格填不小于 0 的数）。例：[刑事结案数, 民事结案数]")
    to: Literal["average", "best", "rank"] = Field(description="与什么比：average 除以人均量，best 除以最高量，rank 按排名"
                                                      "（第 1 名得 points 分，每降一名减 step 分）。例：average")
    within: str = Field("department", min_length=1, description="在谁之中比：department 同一部门（庭、科室），all 本期成绩表中的"
                        "全体人员，或成绩表中的一列的列名（如 审判团队：同一团队的人之间比，该列每人必填）（默认 department）。例：department")
    within_name: str | None = Field(None, max_length=12, description="手册和计算过程中怎样称呼这个范围（默认「本部门」「全体」或「同一」加列名）。例：本庭（局）")
    points: Decimal = Field(gt=0, description="本人的量等于人均量（或最高量）时得几分。例：30")
    cap: Decimal | None = Field(None, gt=0, description="最高得几分，超过的按此计（不写则不封顶）。例：36")
    step: Decimal | None = Field(None, gt=0, description="to: rank 时每降一名减几分；量相同的名次并列，下一名次顺延（1、2、2、4）。例：0.5")
    floor: Decimal = Field(Decimal(0), ge=0, description="to: rank 时最低得几分（默认 0）。例：0")
    excluding: str | None = Field(None, description="不计入人均（最高、排名）的人员：一个条件（公式，见《公式写法》，用方案 inputs 中声明的列），"
                                  "满足的人不计入人数和量的合计，本人仍与其余人员的人均（最高、排名）比较计分（如「新录用人员不计入本庭人均」）；"
                                  "不写则成绩表所列全部人员都计入。例：新录用 或 试用期")

    @model_validator(mode="after")
    def _excluding_said(self):
        if self.excluding is not None and not self.excluding.strip():  # excluding: "" would count everyone, as if unwritten
            raise ValueError("excluding 是空的：全部人员都计入的，删去 excluding；有人不计入的，写出条件，如 excluding: 新录用")
        return self

    @model_validator(mode="after")
    def _known_within(self):
        # a results column is named in Chinese; an English word other than these two is a typo (departmnet), not a column
        if self.within not in GROUP_WORDS and self.within.isascii():
            raise ValueError(f"within「{self.within}」应为 department（同一部门）、all（全体）或成绩表中的列名（如 审判团队）")
        return self

    @model_validator(mode="after")
    def _step_with_rank(self):
        if (self.to == "rank") != (self.step is not None):
            raise ValueError("step（每降一名减几分）只与 to: rank 一起写，to: rank 时必须写")
        # rank gives points at most and floor at least: a cap there was never applied, a floor above points gives everyone the floor
        if self.to == "rank" and self.cap is not None and self.cap < self.points:  # a cap at or above points never binds: no alarm
            raise ValueError(f"to: rank 时第 1 名得 points 分（{fmt(self.points)} 分），cap（{fmt(self.cap)} 分）不起作用；要封顶请把 points 改为最高分，并去掉 cap")
        if self.to != "rank" and self.floor > 0:  # average and best never read it: a floor written there would be ignored (floor: 0 says nothing)
            raise ValueError("floor（最低得几分）只与 to: rank 一起写；除以人均或最高时不低于几分的规定无法按此计算")
        if self.floor > self.points:
            raise ValueError(f"floor（最低 {fmt(self.floor)} 分）高于 points（第 1 名 {fmt(self.points)} 分），人人都得最低分；请核对")
        return self

    def counted(self, values: dict) -> bool | None:
        """Whether this person counts in the group's figure; None when the excluding condition cannot be
        worked out (a blank 新录用 cell: compute reports it at that cell)."""
        if self.excluding is None:
            return True
        try:
            return not _truthy(compiled(self.excluding).evaluate(values))
        except FormulaError:
            return None

    def group_of(self, row) -> str:
        """Which group a row's person is compared within (row: sheets.rows.PersonRow)."""
        if self.within == "department":
            return row.department
        return "" if self.within == "all" else str(row.values.get(self.within) or "")

    def figure_words(self) -> str:
        """人均完成量, 最高完成量, 完成量排名: what the group's figure is called."""
        return f"{self.measure}排名" if self.to == "rank" else f"{TO_WORDS[self.to]}{self.measure}"

    def group_words(self) -> str:
        return self.within_name or GROUP_WORDS.get(self.within) or f"同一{self.within}"

    def columns(self, item):
        # a count of cases, times, articles or people is whole (结案数 40.5 is a slip); an amount (完成量, 工作量) may not be
        specs = [ColumnSpec(name, "number", Decimal(0), None, places=0 if name.endswith(WHOLE_ENDS) else None) for name in self.uses]
        if self.within not in GROUP_WORDS:  # a column of its own: every person's cell says their group
            specs.append(ColumnSpec(self.within, "text", note=f"与同一{self.within}的人比较{self.measure}"))
        return specs

    def names(self):
        return set(self.uses)

    def key(self) -> str:
        """Which group figure this rule reads: rules with the same measure, group and exclusions share one."""
        return self.expr + "\x00" + self.within + "\x00" + (self.excluding or "")

    def compiled(self) -> Formula:
        return compiled(self.expr)

    def amount(self, values: dict) -> Decimal | None:
        """The person's own measure, or None where it cannot be worked out (compute says why)."""
        try:
            value = self.compiled().evaluate(values)
        except FormulaError:
            return None
        if value is None or isinstance(value, (bool, str)):  # a bare column left blank (under missing: reweight) is no measure
            return None
        return value if isinstance(value, Decimal) else Decimal(value)

    def compute(self, item, ctx: ItemContext) -> Outcome:
        group = self.group_words()
        try:
            own = self.compiled().evaluate(ctx.values)
        except FormulaError as exc:
            # at this person's cell, where the fix is (the sheet check's own problem there, if any, takes it over);
            # the rest of the group then fails without a problem of its own: their cells are right
            message = f"{exc}；{group}的{TO_WORDS[self.to]}{self.measure}因此算不出，{group}的人都无法计分，补填后即可。"
            return Outcome(None, [message], [(exc.names[0] if exc.names else self.uses[0], "missing-value", message)])
        if own is None or isinstance(own, (bool, str)):  # a bare column left blank: the sheet check names the cell
            message = f"「{self.uses[0]}」为空，算不出本人{self.measure}；请填写。"
            return Outcome(None, [message], [(self.uses[0], "missing-value", message)])
        own = own if isinstance(own, Decimal) else Decimal(own)
        if self.counted(ctx.values) is None:
            try:
                compiled(self.excluding or "").evaluate(ctx.values)
            except FormulaError as exc:
                message = f"{exc}：不知道此人是否计入{group}{self.figure_words()}（{self.excluding}），{group}的人都无法计分；补填后即可。"
                return Outcome(None, [message], [(exc.names[0] if exc.names else self.uses[0], "missing-value", message)])
        if own < 0 and self.to != "rank":  # an expr with a minus (完成量 - 退回量): a share of a sum or a best holding it is nonsense of either sign; a rank orders it as any other
            message = (f"本人{self.measure}为 {fmt(own)}，小于 0，无法与同事比较，{group}的人都无法计分；"
                       f"请核对 {'、'.join(self.uses)}（{self.measure} = {self.expr}）。")
            return Outcome(None, [message], [(self.uses[0], "score-negative", message)])
        if self.within not in GROUP_WORDS and not str(ctx.get(self.within) or "").strip():
            message = f"「{self.within}」为空：不知道此人与谁比较{self.measure}；请填写此人所在的{self.within}。"
            return Outcome(None, [message], [(self.within, "missing-value", message)])
        figure, first = (ctx.get(GROUP_KEY) or {}).get(self.key(), (None, False))
        if figure is None:  # no sheet of its own (a roll-up made of its periods' rows): nothing to compare within
            message = f"本期没有自己的成绩表，无从计算{group}{TO_WORDS[self.to]}{self.measure}；请为本期提交成绩表。"
            return Outcome(None, [message], [(self.uses[0], "missing-value", message)])
        if figure.missing:
            return Outcome(None, [f"{group}有 {figure.missing} 人的{self.measure}算不出（见该人的问题），{TO_WORDS[self.to]}{self.measure}无从计算"]
                           if ctx.explain else [])
        if not figure.count:  # everyone met the excluding condition: nobody to compare with
            message = f"{group}的人都不计入{self.figure_words()}（{self.excluding}），无人可比，{group}的人都无法计分；请核对该条件所用的列。"
            return Outcome(None, [message], [(self.uses[0], "missing-value", message)] if first else [])
        if self.to == "rank":
            if not any(figure.ranked):  # all 0: each would be 1st with full points, a column left at 0 read as everyone best
                message = (f"{group}（{figure.count} 人）的{self.measure}都为 0，排名无从区分，{group}的人都无法计分；"
                           f"请核对 {'、'.join(self.uses)} 是否漏填。")
                return Outcome(None, [message], [(self.uses[0], "missing-value", message)] if first else [])
            return self._ranked(item, ctx, own, figure, group)
        base = figure.total if self.to == "average" else figure.best
        if not base:  # reported once, at the group's first row: every member's cells may be right
            message = (f"{group}（{figure.count} 人）的{self.measure}{'之和' if self.to == 'average' else '最高'}为 0，无法相除，{group}的人都无法计分；"
                       f"请核对 {'、'.join(self.uses)} 是否漏填。")
            return Outcome(None, [message], [(self.uses[0], "missing-value", message)] if first else [])
        # 先乘后除: own × n × points ÷ total is the same number as own ÷ (total ÷ n) × points without rounding the average
        value = own * figure.count * self.points / base if self.to == "average" else own * self.points / base
        capped = self.cap is not None and value > self.cap
        final = self.cap if capped and self.cap is not None else value
        if not ctx.explain:
            return Outcome(final)
        places = shown_places(item, 4)
        if self.to == "average":
            steps = [f"{group} {figure.count} 人{self.measure}之和 {fmt(figure.total)}，人均 {fmt_at_most(figure.total / figure.count, 4)}",
                     f"本人{self.measure} {fmt(own)} × {figure.count} × {fmt(self.points)} 分 ÷ {fmt(figure.total)} = {fmt_at_most(value, places)}"]
        else:
            steps = [f"{group}{self.measure}最高 {fmt(base)}", f"本人{self.measure} {fmt(own)} ÷ {fmt(base)} × {fmt(self.points)} 分 = {fmt_at_most(value, places)}"]
        if self.excluding is not None:  # who the figure left out, and whether this person is one of them
            steps.insert(0, f"不计入{self.figure_words()}的人员：{_condition_words(self.excluding)}"
                         + ("；本人属此情形，不计入，与其余人员比较" if not self.counted(ctx.values) else ""))
        if capped:
            steps.append(f"超过上限 {fmt(self.cap)} 分，按 {fmt(self.cap)} 分计")
        return Outcome(final, steps)

    def _ranked(self, item, ctx: ItemContext, own: Decimal, figure: GroupFigure, group: str) -> Outcome:
        place = figure.rank(own)
        step = self.step or Decimal(0)
        value = max(self.points - (place - 1) * step, self.floor)
        if not ctx.explain:
            return Outcome(value)
        left_out = self.excluding is not None and not self.counted(ctx.values)
        others = sum(1 for v in figure.ranked if v == own) - (0 if left_out else 1)  # one left out is not among the ranked
        shared = f"（与另 {others} 人并列）" if others > 0 else ""
        steps = [f"不计入{self.figure_words()}的人员：{_condition_words(self.excluding)}"
                 + ("；本人属此情形，不计入，按其余人员中的名次计" if left_out else "")] if self.excluding else []
        steps += [f"本人{self.measure} {fmt(own)}，在{group} {figure.count} 人中排第 {place} 名{shared}",
                 f"{fmt(self.points)} 分 − （{place} − 1）× {fmt(step)} 分 = {fmt(self.points - (place - 1) * step)}"
                 + (f"，低于最低 {fmt(self.floor)} 分，按 {fmt(self.floor)} 分计" if value != self.points - (place - 1) * step else "")]
        return Outcome(value, steps)

    def describe(self, item, names: dict[str, str] | None = None) -> str:
        try:
            words = compiled(self.expr).describe(names)
        except FormulaError:
            words = self.expr
        group = self.group_words()
        if self.to == "rank":
            how = (f"按{self.measure}在{group}内从高到低排名，第 1 名得 {fmt(self.points)} 分，每降一名减 {fmt(self.step)} 分，最低 {fmt(self.floor)} 分；"
                   f"{self.measure}相同的名次并列，下一名次顺延（如 1、2、2、4）")
        elif self.to == "average":
            how = (f"本人{self.measure} ÷ {group}人均{self.measure} × {fmt(self.points)} 分；{group}人均{self.measure} = "
                   f"{group}本期成绩表所列{'全部' if self.excluding is None else ''}人员的{self.measure}之和 ÷ 人数，不先取整（先乘后除）")
        else:
            how = f"本人{self.measure} ÷ {group}本期成绩表所列人员中最高的{self.measure} × {fmt(self.points)} 分"
        capped = f"，最高 {fmt(self.cap)} 分" if self.cap is not None else ""
        if self.excluding is not None:
            capped += (f"。不计入{self.figure_words()}的人员：{_condition_words(self.excluding, names)}"
                       f"（不计入人数和合计，本人仍与其余人员比较计分）")
        defined = "" if words == self.measure else f"{self.measure} = {words}；"  # 完成量 read from its own column: no 完成量 = 完成量
        return f"与同事比较计分：{defined}得分 = {how}{capped}。"


def _condition_words(text: str, names: dict[str, str] | None = None) -> str:
    try:
        return compiled(text).describe(names)
    except FormulaError:
        return text
