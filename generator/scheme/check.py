"""Checks that need the whole scheme: codes, sums, bands, formulas, references.

A known defect of the source document, acknowledged in `acknowledged_defects` with a reason, is
reported as a note instead of an error; the engine then refuses to grade what it makes
undecidable (see engine/grade.py), rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from generator.core.numbers import fmt
from generator.core.problems import Problems, Severity
from generator.scheme import bands as bands_mod
from generator.scheme.adjustment_caps import shared_cap_problems
from generator.scheme.check_quotas import check_quotas
from generator.scheme.column_clash import column_clashes
from generator.scheme.columns import formula_names, plan_columns
from generator.scheme.expr import HISTORY_FUNCTION_NAMES as HISTORY_FUNCTIONS
from generator.scheme.expr import FormulaError, parse_formula
from generator.scheme.forms import check_forms
from generator.scheme.formula_dates import date_input_slips, dates_misused
from generator.scheme.formula_types import contains_misused, never_holds, unknown_grades
from generator.scheme.model import Assessment, Item, Scheme
from generator.scheme.periods import PERIOD_LABELS, PERIOD_NAMES, PERIOD_RANK, labels_within
from generator.scheme.rollup_columns import SUMMABLE, check_rollup_formula
from generator.scheme.rule_limits import over_the_max
from generator.scheme.rules.coefficient import Coefficient
from generator.scheme.rules.deduct import Bonus, Deduct
from generator.scheme.rules.entered import Entered
from generator.scheme.rules.formula import FormulaRule
from generator.scheme.rules.relative import Relative
from generator.scheme.sheet_clash import sheet_option_clashes
from generator.scheme.slugs import ITEM_CODE_WORDS, URL_CODE_WORDS, item_code_ok, url_code_ok
from generator.scheme.yaml_source import Marks


def check_scheme(scheme: Scheme, marks: Marks, problems: Problems) -> None:
    file = marks.file
    acknowledged = {(d.code, d.at): d for d in scheme.acknowledged_defects}
    used_defects: set[tuple[str, str]] = set()

    def report(path: tuple, code: str, message: str, at: str | None = None) -> None:
        line, col = marks.find(path)
        if at is not None and (code, at) in acknowledged:
            used_defects.add((code, at))
            reason = acknowledged[(code, at)].reason
            problems.add(file, line, col, "defect-acknowledged", f"{message}（已声明为原文缺陷：{reason}）", Severity.NOTE)
            return
        problems.add(file, line, col, code, message)

    _unique(scheme.assessments, "code", ("assessments",), "考核", report)
    _unique(scheme.posts, "name", ("posts",), "岗位", report)
    labels_seen: dict[str, str] = {}
    for ai, assessment in enumerate(scheme.assessments):
        apath = ("assessments", ai)
        if not url_code_ok(assessment.code):
            report(apath + ("code",), "code-unsafe", f"考核代码「{assessment.code}」{URL_CODE_WORDS}，如 pingshi。")
        for label in assessment.labels or []:
            if label not in PERIOD_LABELS[assessment.period]:
                meant = _LABEL_OF.get(str(label).strip(), str(label).strip().upper())  # 第一季度 or q1, as file names may say it
                hint = f"「{label}」写作 {meant}。" if meant in PERIOD_LABELS[assessment.period] else ""
                report(apath + ("labels",), "bad-value", f"考核期「{label}」不属于「{assessment.period}」（可用：{'、'.join(PERIOD_LABELS[assessment.period])}）。{hint}")
        for label in assessment.period_labels:
            if label in labels_seen:
                report(apath + ("labels",), "duplicate-code", f"考核期 {label} 同时属于「{labels_seen[label]}」和「{assessment.name}」。")
            labels_seen[label] = assessment.name
        source = None
        if assessment.rolls_up:
            source = scheme.assessment(assessment.rolls_up)
            if source is None or source is assessment:
                report(apath + ("rolls_up",), "unknown-name", f"rolls_up「{assessment.rolls_up}」不是本方案中另一项考核的 code。")
            elif PERIOD_RANK[source.period] >= PERIOD_RANK[assessment.period]:
                # a roll-up reads the periods inside its own (a quarter its months): one as long or longer has none
                report(apath + ("rolls_up",), "bad-value", f"「{assessment.name}」（{assessment.period}）汇总的「{source.name}」是{source.period}考核，"
                       f"不比它短；rolls_up 只能汇总更短的考核期（月 → 季度 → 半年 → 年度），如季度考核汇总月度考核、年度考核汇总季度考核。")
            elif (source.period in _SCHOOL) != (assessment.period in _SCHOOL):
                # a 学年 runs September to August: the calendar's months and quarters straddle it, and a 年度 its terms
                report(apath + ("rolls_up",), "bad-value", f"「{assessment.name}」（{assessment.period}）汇总的「{source.name}」是{source.period}考核："
                       f"学期、学年（9 月—次年 8 月）与自然年的月、季度、半年、年度（1—12 月）不能互相汇总。学年考核汇总学期考核写 period: 学年、rolls_up 指向 period: 学期 的考核。")
        _check_items(scheme, assessment, apath, source, report)
        for path, message in column_clashes(scheme, assessment, apath):
            report(path + ("name",), "column-name-clash", message)
        _check_grades(scheme, assessment, apath, report)
        _check_formulas(scheme, assessment, apath, source, report)
        for ci, message in shared_cap_problems(assessment.adjustment_caps, [a.name for a in assessment.adjustments]):
            report(apath + ("adjustment_caps", ci), "unknown-name" if "不是本考核" in message else "bad-value", message)
    if any(i.by_post for a in scheme.assessments for i in a.walk()):
        if not scheme.posts:
            report(("assessments",), "missing-key", "有项目写了 by_post: true，但方案没有 posts（各岗位的项目）。")
        if not scheme.people.post:
            report(("people",), "missing-key", "有按岗位区分的项目，people 中要写 post: 岗位列的列名。")
    check_forms(scheme, report)
    for path, message in date_input_slips(scheme):
        report(path, "bad-value", message)
    for path, code, message in sheet_option_clashes(scheme.sheet, scheme, "方案的 sheet"):
        report(("sheet", *path), code, message)
    for i, defect in enumerate(scheme.acknowledged_defects):
        if (defect.code, defect.at) not in used_defects:
            report(("acknowledged_defects", i), "bad-value", f"声明的原文缺陷（{defect.code} 于 {defect.at}）在方案中并不存在；请删除这条声明。")


_LABEL_OF = {words: label for label, words in PERIOD_NAMES.items()}
_SCHOOL = ("学期", "学年")


def _unique(objects: list, attr: str, path: tuple, what: str, report) -> None:
    seen: set = set()
    for i, obj in enumerate(objects):
        value = getattr(obj, attr)
        if value in seen:
            report(path + (i, attr), "duplicate-code", f"{what}「{value}」重复出现。")
        seen.add(value)


def _walk_paths(items: list[Item], path: tuple) -> Iterator[tuple[Item, tuple]]:
    for i, item in enumerate(items):
        here = path + (i,)
        yield item, here
        yield from _walk_paths(item.children, here + ("children",))


def _check_items(scheme: Scheme, assessment: Assessment, apath: tuple, source: Assessment | None, report) -> None:
    codes: dict[str, tuple] = {}
    groups = [(assessment.items, apath + ("items",), "")]
    groups += [(post.items, ("posts", pi, "items"), post.name) for pi, post in enumerate(scheme.posts)]
    for items, base, post in groups:
        for item, path in _walk_paths(items, base):
            if not item_code_ok(item.code):
                report(path + ("code",), "code-unsafe", f"项目代码「{item.code}」{ITEM_CODE_WORDS}。")
            key = f"{post}/{item.code}" if post else item.code
            if key in codes or (post and item.code in codes):
                report(path + ("code",), "duplicate-code", f"项目代码「{item.code}」重复。")
            codes[key] = path
            _check_sum(item, path, scheme, report)
            rule = item.rule
            if isinstance(rule, Coefficient) and rule.period is not None:
                labels = source.period_labels if source else []
                if rule.period not in labels:
                    report(path + ("score", "period"), "unknown-name", f"period「{rule.period}」不是 rolls_up 所指考核的考核期（{'、'.join(labels) or '未写 rolls_up'}）。")
            if isinstance(rule, Bonus):
                _check_bonus(item, rule, path, report)
            elif isinstance(rule, Deduct) and rule.start != "max" and item.max is not None and rule.start > item.max and not rule.above_max:
                report(path + ("score", "start"), "bad-value", f"「{item.name}」从 {fmt(rule.start)} 分起算，超过该项满分 {fmt(item.max)}："
                       f"扣分不到 {fmt(rule.start - item.max)} 分的都按满分计。请核对起评分（从满分起算的删去 start）。")
            if rule is not None and getattr(rule, "kind", "") == "period_score" and source is None:
                report(path + ("score",), "missing-key", "period_score 只能用于写了 rolls_up 的年度考核。")
            elif rule is not None and getattr(rule, "kind", "") == "period_score" and rule.periods and source is not None:
                outside = [p for p in rule.periods if p in source.period_labels
                           and not all(labels_within([p], label) for label in assessment.period_labels)]
                if outside:  # Q2's roll-up reads M04–M06 only: a listed M01 is in none but Q1's
                    report(path + ("score", "periods"), "bad-value", f"periods 中的 {'、'.join(outside)} 不在「{assessment.name}」的每一期之内"
                           f"（每一期只汇总本期之内的{source.name}）；不写 periods 即汇总本期之内的各期。")
    if assessment.total_capped and assessment.total_max is None:
        report(apath + ("total_capped",), "missing-key", "total_capped: true（加分后超过上限的按上限计）要同时写明上限 total_max，如 total_max: 100。")
    if assessment.total_capped and assessment.total_may_exceed:
        report(apath + ("total_capped",), "bad-value", "total_capped（超过上限的按上限计）与 total_may_exceed（可以超过上限）只能写一个：按原文规定删去另一个。")
    if assessment.total_max is not None and assessment.combine == "sum":
        total = sum((i.max or Decimal(0) for i in assessment.items), Decimal(0))
        if total != assessment.total_max:
            report(apath + ("total_max",), "items-do-not-sum", f"各项满分之和是 {fmt(total)} 分，与总分 {fmt(assessment.total_max)} 分不符。", at=assessment.code)


def _check_bonus(item: Item, rule: Bonus, path: tuple, report) -> None:
    """A bonus's cap is the score it reaches, start included: 「得 15 分，每节加 0.1 分，最多加 5 分」 is start: 15, cap: 20.
    A cap at or below the start (cap: 5 for 「最多加 5 分」), or a start at the full marks, gives everyone the same score."""
    limit = rule.cap if rule.cap is not None else item.max
    if rule.cap is not None and item.max is not None and rule.cap > item.max:
        report(path + ("score", "cap"), "bad-value", f"「{item.name}」的 cap {fmt(rule.cap)} 超过该项满分 {fmt(item.max)}：cap 是本项最多加到的分数"
               f"（含起始分），不能超过满分；最多加到满分的，删去 cap。")
    elif (rule.start or rule.cap is not None) and limit is not None and limit <= (rule.start or 0):  # start: 0, cap: 0 too
        key = "cap" if rule.cap is not None else "start"
        report(path + ("score", key), "bad-value", f"「{item.name}」从 {fmt(rule.start)} 分起算，最多加到 {fmt(limit)} 分，"
               f"每个人都只得 {fmt(limit)} 分，加分不起作用。cap 是本项最多加到的分数（含起始分）：原文「得 {fmt(rule.start)} 分，"
               f"最多加 5 分」写 start: {fmt(rule.start)}、cap: {fmt(rule.start + 5)}；start 不能达到该项满分。")


def _check_sum(item: Item, path: tuple, scheme: Scheme, report) -> None:
    if item.combine == "weighted":
        weights = [c.weight for c in item.children]
        if any(w is None for w in weights):
            report(path, "missing-key", f"「{item.name}」按权重合成，每个子项都要写 weight。")
        elif sum(weights, Decimal(0)) != 1:
            parts = " + ".join(f"{c.name} {fmt(c.weight * 100)}%" for c in item.children if c.weight is not None)
            report(path, "items-do-not-sum", f"「{item.name}」各子项权重之和是 {fmt(sum(weights, Decimal(0)) * 100)}%（{parts}），应为 100%；"
                   f"按原文核对各子项的 weight。", at=item.code)
        return
    if item.max is None:
        return
    if item.children:
        total = sum((c.max or Decimal(0) for c in item.children), Decimal(0))
        if total != item.max:
            names = "、".join(f"{c.name} {fmt(c.max)}" for c in item.children)
            report(path, "items-do-not-sum", f"「{item.name}」满分 {fmt(item.max)} 分，但子项合计 {fmt(total)} 分（{names}）。", at=item.code)
    if item.by_post:
        for pi, post in enumerate(scheme.posts):
            total = sum((c.max or Decimal(0) for c in post.items), Decimal(0))
            if total != item.max:
                names = "、".join(f"{c.name} {fmt(c.max)}" for c in post.items)
                report(("posts", pi), "items-do-not-sum", f"岗位「{post.name}」的{item.name}应为 {fmt(item.max)} 分，但下列项目合计 {fmt(total)} 分：{names}。", at=f"posts/{post.name}")


def _check_grades(scheme: Scheme, assessment: Assessment, apath: tuple, report) -> None:
    grades = assessment.grades
    gpath = apath + ("grades",)
    known = set(grades.order) if grades else set()
    if grades and grades.bands:
        floor = Decimal(0)
        if any(isinstance(i.rule, (Deduct, Entered)) and getattr(i.rule, "allow_negative", False) for i in assessment.walk()):
            floor = None
        ceiling = assessment.total_max
        if ceiling is None and all(i.max is not None for i in assessment.items) and not assessment.adjustments:
            ceiling = sum((i.max for i in assessment.items if i.max is not None), Decimal(0))
        overlaps, gaps = bands_mod.analyze(grades.bands, assessment.places, floor, ceiling)
        for a, b in overlaps:
            report(gpath + ("bands",), "bands-overlap", f"等次「{a.grade}」（{a.words()}）与「{b.grade}」（{b.words()}）的分数段重叠。")
        if grades.gap_policy == "none":
            for gap in gaps:
                between = "、".join(f"「{b.grade}」" for b in (gap.below, gap.above) if b)
                report(
                    gpath + ("bands",),
                    "bands-gap",
                    f"总分保留 {assessment.places} 位小数时，{gap.words()} 不属于任何等次（在 {between} 之间）；补齐分数段，或写 gap_policy: lower / upper 声明归属。",
                )
    check_quotas(scheme, assessment, apath, known, report)
    columns = {spec.name for spec in plan_columns(scheme, assessment).all()}
    for li, limit in enumerate(assessment.rating_limits):
        if limit.column not in columns:
            report(apath + ("rating_limits", li, "column"), "unknown-name", f"比例限制的列「{limit.column}」不是本考核成绩表中的列；写成绩表中填写评价的列名。")
    for oi, override in enumerate(assessment.overrides):
        if override.grade and override.grade not in known:
            report(apath + ("overrides", oi, "grade"), "unknown-name", f"等次「{override.grade}」不在 grades.order 中。")
    publicity = scheme.publicity_for(assessment)
    own = assessment.publicity.model_fields_set if assessment.publicity is not None else set()
    for key, words in (("grades", "公示的等次"), ("summary_grades", "summary_grades 中的等次")):
        for grade in getattr(publicity, key) or []:
            if grade in known or (grades is None and key not in own):  # nothing graded: the scheme's list is not for this one
                continue
            where = apath + (("publicity",) if key == "grades" else ("publicity", key)) if key in own else ("publicity", key)
            inherited = "" if key in own else f"（取自方案的 publicity：「{assessment.name}」自己的 publicity 没有写 {key}，就用方案的；在「{assessment.name}」的 publicity 中写明本考核的 {key}）"
            report(where, "unknown-name", f"{words}「{grade}」不在「{assessment.name}」的 grades.order（{'、'.join(grades.order) if grades else '未写等次'}）中{inherited}。")


def _summable(scheme: Scheme, source: Assessment | None) -> set[str]:
    """The columns 合计/最大 may read: the rolled-up assessment's, and through a roll-up of it without sheets
    of its own (results_optional), the columns of the periods it is made of (a year of quarters of months)."""
    found: set[str] = set()
    seen: set[str] = set()
    while source is not None and source.code not in seen:
        seen.add(source.code)
        found |= {spec.name for spec in plan_columns(scheme, source).all() if spec.type in SUMMABLE}
        source = scheme.assessment(source.rolls_up) if source.results_optional and source.rolls_up else None
    return found


def _final_grades(assessment: Assessment) -> tuple[str, ...]:
    grades = assessment.grades
    assert grades is not None
    labels = [grades.no_grade] + [o.label for o in assessment.overrides if o.label]
    return tuple(dict.fromkeys([*grades.order, *labels]))


def _check_formulas(scheme: Scheme, assessment: Assessment, apath: tuple, source: Assessment | None, report) -> None:
    names = formula_names(scheme, assessment)
    functions = HISTORY_FUNCTIONS if assessment.rolls_up else set()
    summable = _summable(scheme, source)
    sources: list[tuple[tuple, str]] = []
    for oi, override in enumerate(assessment.overrides):
        for key in ("when", "requires"):
            text = getattr(override, key)
            if text:
                sources.append((apath + ("overrides", oi, key), text))
    for item, path in _walk_paths(assessment.items, apath + ("items",)):
        for under, message in over_the_max(item):
            report(path + under, "bad-value", message)
        if isinstance(item.rule, FormulaRule):
            sources.append((path + ("score", "expr"), item.rule.expr))
        elif isinstance(item.rule, Relative):  # its own columns only: the group's figure is worked out from the sheet alone
            try:
                parse_formula(item.rule.expr, set(item.rule.uses), set())
            except FormulaError as exc:
                report(path + ("score", "expr"), exc.code, f"{exc}（与同事比较的量只能用本项 uses 中列出的列）")
            if item.rule.excluding is not None:  # read from the row before anyone is graded: columns only, no item's score
                try:
                    parse_formula(item.rule.excluding, {spec.name for spec in plan_columns(scheme, assessment).all()}, set())
                except FormulaError as exc:
                    report(path + ("score", "excluding"), exc.code, f"{exc}（不计入的条件只能用成绩表的列，如方案 inputs 中声明的「新录用」）")
            if assessment.results_optional:  # graded from its periods' rows alone: no sheet of its own to compare within
                report(path + ("score",), "bad-value", f"「{item.name}」与同事比较，要用本期自己的成绩表；「{assessment.name}」写了 results_optional（可以没有成绩表），"
                       "请去掉 results_optional，或在各月（季）的考核中计算此项、本期用 period_score 汇总。")
    for ci, consequence in enumerate(assessment.consequences):  # evaluated on the final grade as well
        sources.append((apath + ("consequences", ci, "when"), consequence.when))
    columns = {spec.name: (spec.type, tuple(spec.choices)) for spec in plan_columns(scheme, assessment).all()}
    numbers = {"总分"} | {item.code for item in assessment.walk()} | {i.code for post in scheme.posts for top in post.items for i in top.walk()}
    # a consequence's 等次 is the grade the person ends with, or what is shown instead of one (不确定等次)
    finals = {"等次": ("choice", _final_grades(assessment))} if assessment.grades else {}
    for path, text in sources:
        late = "consequences" in path
        try:
            formula = parse_formula(text, names | {"等次"} if late else names, functions)
        except FormulaError as exc:
            report(path, exc.code, str(exc))
            continue
        counted = unknown_grades(formula, source.name, tuple(source.grades.order) if source.grades else ()) if source is not None else []
        for words in (never_holds(formula, {**columns, **finals} if late else columns, numbers) + contains_misused(formula, columns) + counted
                      + dates_misused(formula, columns, numbers)):
            report(path, "bad-formula", f"公式「{text}」中：{words}")
        if assessment.rolls_up:
            for code, message in check_rollup_formula(text, scheme, assessment, source, summable):
                report(path, code, message)
