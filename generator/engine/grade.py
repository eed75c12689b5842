"""The engine: one person's items, total and grade for one period, with every step explained.

Order of work, the same for every scheme (the handbook states it):
  1. items (each rule kind computes a leaf; parents sum or weight their children, a blank child left out
     and the others' weights scaled under missing: reweight);
  2. adjustments (加分/减分 with caps), then 四舍五入 once at the assessment's places;
  3. the grade: from the bands on that rounded total, or as entered;
  4. overrides in declared order (no-grade statuses, forced grades, caps, eligibility gates);
  5. quotas per scope (quotas.py);
  6. committee decisions (decisions.py), last.
Pure: no file is read or written here.

This is the readable reference. Grading an archive runs with explain=False: every Chinese step
skipped (the words cost twenty times the arithmetic) and, first, the assessment compiled into one
Python function (fast.py) that grades the plain cases with the same Decimal operations and hands
every other person back to this code. A person's derivation is produced on demand by grading them
again with explain=True (PersonResult.explained); tests grade every demo person all three ways.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from generator.core.numbers import fmt, fmt_at_most, places_of, round_half_up
from generator.core.problems import Problems, Severity
from generator.engine.causes import Causes
from generator.engine.fast import FastGrader
from generator.engine.history import history_functions
from generator.engine.not_assessed import blank, of_periods
from generator.engine.overrides import apply_overrides
from generator.engine.plain_proof import holds
from generator.engine.prepared import prepared
from generator.engine.results import ItemScore, PersonResult, Step
from generator.engine.words import combine_words
from generator.scheme import bands as bands_mod
from generator.scheme.adjustment_caps import adjusted as adjusted_sum
from generator.scheme.item_places import kept_steps
from generator.scheme.model import Assessment, Item, Scheme
from generator.scheme.rules.base import ItemContext
from generator.sheets.rows import PersonRow, SheetRows, place_letter

_ZERO = Decimal(0)


class PersonGrader:
    """Grades people of one assessment; holds what is the same for all of them."""

    def __init__(self, scheme: Scheme, assessment: Assessment, file: str, problems: Problems, explain: bool = True,
                 compiled: bool = True):
        self.explain = explain
        # the compiled grading, for grading without words (compiled=False: this code alone, for tests)
        facts = prepared(scheme, assessment)
        self.fast: FastGrader | None = facts.fast if compiled and not explain else None
        self.scheme = scheme
        self.assessment = assessment
        self.file = file
        self.problems = problems
        self.names = facts.names
        self.defects = {d.at: d for d in scheme.acknowledged_defects}
        self.item_names = facts.item_names
        self.causes = Causes(problems, file, self.item_names)  # what a row's problem follows from

    def grade(self, row: PersonRow, history: dict[str, Any] | None = None, functions: dict[str, Callable] | None = None) -> PersonResult:
        """One person's result. In a roll-up, `history` is what the earlier periods say of them; its
        formula functions (次数, 全部…) are made from it unless `functions` are given."""
        if self.fast is not None and functions is None:
            fast = self.fast.grade(row, history)
            if fast is not None:
                return fast
        return self.reference(row, history, functions)

    def grade_all(self, rows: list[PersonRow], history_of: Callable[[PersonRow], Any] | None, explainer: Any) -> list[PersonResult]:
        """Everyone of a period, in order, each result pointing at `explainer` (compute.Explainer)."""
        people: list[PersonResult] = []
        if self.fast is not None and self.fast.batch is not None:
            batch = self.fast.batch
            # the loop without additions of Decimal(0) where its sheet proved the values it adds plain
            unplain = rows.unplain if isinstance(rows, SheetRows) else None
            if self.fast.batch_plain is not None and unplain is not None and unplain.isdisjoint(self.fast.plain) and holds():
                batch = self.fast.batch_plain
            batch(rows, history_of, explainer, self.reference, people)
            return people
        for row in rows:
            result = self.grade(row, history_of(row) if history_of is not None else None)
            result.explainer = explainer
            people.append(result)
        return people

    def reference(self, row: PersonRow, history: dict[str, Any] | None = None, functions: dict[str, Callable] | None = None) -> PersonResult:
        """grade() without the compiled function: the readable reference, item by item."""
        if history is not None and functions is None:
            functions = history_functions(history)
        result = PersonResult(person=row, trace_steps=[] if self.explain else None)
        ctx = ItemContext(values=row.values, history=history or {}, functions=functions or {}, explain=self.explain, item_names=self.item_names)
        values: list[Decimal | None] = []
        for item in self.assessment.items:
            values.append(self._item(item, ctx, result, 0))
        if result.status == "undecidable":
            return result
        self._total(result, row, values)
        self._band(result)
        apply_overrides(self, result, ctx)
        self._report_ungraded(result)
        return result

    def _report_ungraded(self, result: PersonResult) -> None:
        """An entered grade left empty by someone no rule takes out of grading (试用期…): the person
        would be missing from the 公示 and the quotas without a word, so it is an error at the cell."""
        grades = self.assessment.grades
        if grades is None or not grades.entered or (result.status, result.status_label) != ("incomplete", "未评定等次"):
            return
        person = result.person
        self.problems.add(self.file, person.row, place_letter(person.places, grades.entered), "missing-value",
                          f"{person.name}（{person.id}）的「{grades.entered}」为空：此人没有等次，不会出现在公示和名额中。"
                          f"请填写 {'/'.join(grades.order)} 之一；按规定不确定等次的人，由方案的规则（如试用期）确定，不要留空。",
                          where=person.places.get(grades.entered, ""))

    def _total(self, result: PersonResult, row: PersonRow, values: list[Decimal | None]) -> None:
        """Items combined, adjustments added, then 四舍五入 once at the assessment's places."""
        total = self._combine(self.assessment.combine, self.assessment.items, values)
        trace = result.trace_steps
        if total is None:
            result.status = "incomplete"
            result.status_label = "成绩不完整"
            if trace is not None:
                trace.append(Step("取舍", "有项目没有得分，无法计算总分"))
            return
        amounts = []
        for adjustment in self.assessment.adjustments:
            amount, steps = adjustment.apply(row.values, self.explain)
            if trace is not None:
                trace.extend(Step("调整", s) for s in steps)
            amounts.append(amount)
        held: list[str] | None = [] if trace is not None else None
        adjusted = adjusted_sum(self.assessment.adjustment_caps, [a.name for a in self.assessment.adjustments], amounts, held)
        if trace is not None and held:
            trace.extend(Step("调整", s) for s in held)
        result.raw_total = total + adjusted
        result.total = round_half_up(total + adjusted, self.assessment.places)
        cap = self.assessment.total_max
        over = result.total if cap is not None and result.total > cap and self.assessment.total_capped else None
        if over is not None:
            result.total = round_half_up(cap, self.assessment.places)  # type: ignore[arg-type]
        elif cap is not None and result.total > cap and not self.assessment.total_may_exceed:
            self.problems.add(self.file, row.row, None, "total-over-max",
                              f"{row.name}（{row.id}）总分 {fmt(result.total)} 超过方案规定的总分 {fmt(cap)}；请核对各项分数和加分。"
                              "若方案原文规定加分后最高按满分计，在方案的该考核中写 total_capped: true；允许加分后超过满分的，写 total_may_exceed: true。",
                              where=getattr(row.places, "row_place", ""))
        if trace is None:
            return
        if self.assessment.combine == "weighted" or len(self.assessment.items) > 1:
            trace.append(Step("取舍", f"各项：{combine_words(self.assessment.combine, self.assessment.items, values, total, self.assessment.places)}"))
        if adjusted:
            places = self.assessment.places
            trace.append(Step("取舍", f"加减分合计 {'+' if adjusted > 0 else '-'}{fmt(abs(adjusted))} 分：{fmt_at_most(total, places)} → {fmt_at_most(total + adjusted, places)}"))
        shown = fmt(over if over is not None else result.total, self.assessment.places)
        if (over if over is not None else result.total) != result.raw_total:
            raw = f" {fmt(result.raw_total)} " if places_of(result.raw_total.normalize()) <= self.assessment.places + 2 else "按精确值"
            trace.append(Step("取舍", f"总分{raw}四舍五入保留 {self.assessment.places} 位小数 = {shown}"))
        else:
            trace.append(Step("取舍", f"总分 {shown}"))
        if over is not None:
            trace.append(Step("取舍", f"超过总分上限 {fmt(cap)} 分，按 {fmt(result.total, self.assessment.places)} 分计"))

    # --- items
    def _item(self, item: Item, ctx: ItemContext, result: PersonResult, depth: int, parent: Item | None = None,
              absent: bool = False) -> Decimal | None:
        explain = self.explain
        score = ItemScore(item.code, item.name, None, item.max, depth, [] if explain else ())
        result.items.append(score)
        if absent:  # under missing: reweight, every cell it reads is blank: not assessed, out of the parent's weights
            for child in item.children:
                self._item(child, ctx, result, depth + 1, item, absent=True)
            ctx.item_values[item.code] = None
            if explain:
                unread = "不在该期成绩表中（未参加该期考核）" if ctx.history and of_periods(item) else "未填写"
                score.steps.append(f"成绩表中{unread}，不计".replace("成绩表中不在", "不在"))
                result.trace_steps.append(Step("项目", f"{'　' * depth}{item.name}：{unread}，不计"))
            return None
        if item.by_post:
            post = self.scheme.post(result.person.post)
            if post is None:
                if explain:
                    score.steps.append("岗位不明，无法计分")
                result.status, result.status_label = "incomplete", "成绩不完整"
                return None
            defect = self.defects.get(f"posts/{post.name}")
            if defect is not None:
                result.status, result.status_label = "undecidable", "无法评定"
                result.reason = f"方案原文缺陷：{defect.reason}"
                if explain:
                    result.trace_steps.append(Step("项目", f"岗位「{post.name}」的项目分值有原文缺陷，系统不予计分：{defect.reason}"))
                where = result.person.places.get(self.scheme.people.post or "", "")
                self.problems.add(self.file, result.person.row, None, "defect-undecidable",
                                  f"{result.person.name}（{result.person.id}）的岗位「{post.name}」{defect.reason}；不予评定，请修订方案后再评。",
                                  severity=Severity.WARNING, where=where)
                return None
            children = post.items
        else:
            children = item.children
        if children and item.missing == "reweight":
            value = self._reweighted(item, children, ctx, result, depth, score)
        elif children:
            values = [self._item(child, ctx, result, depth + 1, item) for child in children]
            value = self._combine(item.combine, children, values)
            if value is not None and explain:
                score.steps.append(combine_words(item.combine, children, values, value, self.assessment.places))
        else:
            rule = item.rule
            outcome = rule.compute(item, ctx)
            if explain:
                score.steps.extend(outcome.steps)
            for column, code, message in outcome.problems:
                where = result.person.places.get(column, "")
                cause = self.causes.of(rule, column, where, result.person.row)
                if cause is not None:
                    self.problems.follow_from(cause)
                    continue
                self.problems.add(self.file, result.person.row, place_letter(result.person.places, column), code,  # the cell, for --xlsx-report
                                  f"{result.person.name}（{result.person.id}）「{item.name}」：{message}", where=where)
            value = outcome.value
        rounded = round_half_up(value, item.places) if value is not None and item.places is not None else value
        if explain and value is not None:  # the rounded intermediate and that it is what is weighted, or that the exact one is
            into = (parent.combine, f"「{parent.name}」") if parent else (self.assessment.combine, "总分")
            score.steps.extend(kept_steps(item, value, rounded, *into, self.assessment.places))  # type: ignore[arg-type]
        value = rounded
        score.value = value
        ctx.item_values[item.code] = value
        if value is not None and explain:
            result.trace_steps.append(Step("项目", f"{'　' * depth}{item.name}：{fmt(value)} 分" + (f"（满分 {fmt(item.max)}）" if item.max is not None else "")))
        return value

    def _reweighted(self, item: Item, children: list[Item], ctx: ItemContext, result: PersonResult, depth: int, score) -> Decimal | None:
        """missing: reweight: the children whose cells are all blank are left out and the others' weights scaled
        to the whole (a new recruit's quarters since joining); with every child filled in, the plain weighted sum."""
        absent = [blank(child, ctx.values, ctx.history) for child in children]
        values = [self._item(child, ctx, result, depth + 1, item, absent=out) for child, out in zip(children, absent)]
        if all(absent):
            person = result.person
            first = next((spec.name for leaf in item.walk() if leaf.rule is not None for spec in leaf.rule.columns(leaf)), "")
            self.problems.add(self.file, person.row, place_letter(person.places, first), "missing-value",
                              f"{person.name}（{person.id}）「{item.name}」的下级项目（{'、'.join(c.name for c in children)}）都没有填写，无法计分；至少填写一项。",
                              where=person.places.get(first, ""))
            return None
        if any(v is None for v, out in zip(values, absent) if not out):
            return None  # a filled-in child that could not be scored: its problem is reported
        if not any(absent):
            value = self._combine("weighted", children, values)
        else:
            present = [(c, v) for c, v, out in zip(children, values, absent) if not out]
            weights = sum((c.weight or _ZERO for c, _ in present), _ZERO)
            if not weights:
                return None  # weights of 0: kaohe check reports the weights
            value = sum((v * (c.weight or _ZERO) for c, v in present), _ZERO) / weights
            if self.explain:
                terms = combine_words("weighted", [c for c, _ in present], [v for _, v in present], value * weights, self.assessment.places)
                skipped = "、".join(c.name for c, out in zip(children, absent) if out)
                unread = "未参加该期考核" if all(of_periods(c) for c, out in zip(children, absent) if out) and ctx.history else "未填写"
                score.steps.append(f"{terms.removesuffix(' 分')}；{skipped}{unread}，不计，按{'其余' if unread != '未填写' else '已填'}项目的权重之和 {fmt(weights * 100)}% 折算：÷ {fmt(weights * 100)}% = {fmt_at_most(value, self.assessment.places)} 分")
                return value
        if value is not None and self.explain:
            score.steps.append(combine_words("weighted", children, values, value, self.assessment.places))
        return value

    @staticmethod
    def _combine(how: str, items: list[Item], values: list[Decimal | None]) -> Decimal | None:
        total = _ZERO
        if how == "weighted":
            for item, value in zip(items, values):
                if value is None:
                    return None
                total += value * (item.weight or _ZERO)
            return total
        for value in values:  # a plain loop: this runs for every parent item of every person
            if value is None:
                return None
            total += value
        return total

    # --- grade
    def _band(self, result: PersonResult) -> None:
        grades = self.assessment.grades
        trace = result.trace_steps
        if grades is None or result.status != "graded":
            return
        if grades.entered:
            grade = result.person.values.get(grades.entered)
            if grade:
                result.band_grade = result.grade = grade
                if trace is not None:
                    trace.append(Step("等次", f"成绩表「{grades.entered}」列填写的等次：{grade}"))
                return
            if not grades.bands:
                result.status, result.status_label = "incomplete", "未评定等次"
                if trace is not None:
                    trace.append(Step("等次", f"「{grades.entered}」未填写"))
                return
        if result.total is None:
            return
        band, by_gap = bands_mod.find_band(grades.bands, result.total, grades.gap_policy)
        if band is None:
            result.status, result.status_label = "incomplete", "无对应等次"
        else:
            result.band_grade = result.grade = band.grade
        if trace is None:
            return
        shown = fmt(result.total, self.assessment.places)
        if band is None:
            trace.append(Step("等次", f"总分 {shown} 不在任何等次的分数段内"))
            return
        gap = f"；该分数落在分数段空档，方案规定空档归入{'下' if grades.gap_policy == 'lower' else '上'}一等次" if by_gap else ""
        trace.append(Step("等次", f"总分 {shown} 属「{band.grade}」（{band.words()}）{gap}"))
