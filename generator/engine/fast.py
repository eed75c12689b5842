"""The archive's grading compiled: each assessment once into one Python function per post.

PersonGrader (grade.py) grades item by item through the rule objects, and with explain=True it
is the readable reference that every derivation comes from. An archive grades hundreds of
thousands of results without words; for that, this module writes each assessment out as Python
source — one function per post when items differ by post — with every item, sum, 四舍五入, band
and override spelled out over the same Decimal operations in the same order as the reference
(sums start from Decimal(0) and add left to right, rounding at the same places), and compiles it
once (prepared.py keeps it with the scheme).

The compiled function grades the plain case only. Whenever the reference would report anything
or take an unusual turn — an empty value, a rule's problem, an unknown post or a 原文缺陷, a
total over its maximum, a formula that fails, a roll-up condition over zero graded periods, an
entered grade moved by a rule — it returns None, and the reference grades that person instead
(and reports in words). tests/unit/test_fast_grade.py compares the two on every demo and bench
person and on hostile cases.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

from generator.core.numbers import round_half_up
from generator.engine.fast_items import ItemWriter, Source
from generator.engine.history import history_functions
from generator.engine.history_code import NAMESPACE as GLANCE_NAMES
from generator.engine.history_code import PERIODS, of_history
from generator.engine.results import PersonResult
from generator.scheme import bands as bands_mod
from generator.scheme.adjustment_caps import adjusted as adjusted_sum
from generator.scheme.columns import plan_columns
from generator.scheme.expr import HISTORY_GRADE_FUNCTIONS, compiled
from generator.scheme.expr_code import Shared
from generator.scheme.model import Assessment, Scheme
from generator.scheme.policy import Grades, Override

Graded = Callable[[Any, Any], PersonResult | None]


class FastGrader:
    """One assessment's compiled grading: grade(row, history) → the result, or None to grade by the reference."""

    def __init__(self, scheme: Scheme, assessment: Assessment, names: set[str]):
        self.scheme, self.assessment = scheme, assessment
        self.names = names  # formula_names(): what a condition may name
        self.by_post = any(item.by_post for item in assessment.walk())
        self.sources: dict[str | None, str] = {}  # post → generated source (kept for tests and reading)
        self.variants: dict[str | None, Graded | None] = {}
        # The same code also as one loop over a period's rows (grade_all): no call per person, and a
        # person it declines graded there and then by the reference. With posts, the loop picks each
        # row's post's code by name.
        self.batch: Callable[..., None] | None = None
        # The same loop with additions of Decimal(0) to values proved plain left out (plain_proof.py),
        # for a sheet whose reading proved its number columns (`plain`) plain.
        self.batch_plain: Callable[..., None] | None = None
        self.plain = {s.name: s.type for s in plan_columns(scheme, assessment).all() if s.type in ("number", "amounts")}
        self._bodies: dict[str | None, tuple[list[str], dict[str, Any], list[str]]] = {}  # post → (lines, namespace, memos)
        self.failed: dict[str | None, str] = {}  # post → why it could not be compiled (graded by the reference)
        # A roll-up reads its earlier periods as R_ and G_ (history_code.py) unless some part of it
        # needs the person's History itself: then every variant is written again over H.
        self.glance = bool(assessment.rolls_up)
        self._reads_history = False
        self._glanced: set[str] = set()  # R_, G_: what the variants read of the earlier periods
        self._variants(scheme)
        if self.glance and self._reads_history:
            self.glance = False
            self.sources, self.variants, self._bodies, self.failed = {}, {}, {}, {}
            self._variants(scheme)
        if self._bodies:
            self.batch = self._loop(self._bodies)
            self.batch_plain = self._plain_loop(scheme)

    def _plain_loop(self, scheme: Scheme) -> Callable[..., None] | None:
        """Every variant written again over the proof, as one loop (None: not written; batch grades)."""
        unproved, self._bodies = self._bodies, {}
        try:
            for post in unproved:
                self._compile(scheme.post(post) if post is not None else None, self.plain)
            return self._loop(self._bodies)
        except Exception:  # as _compile_or_none: a shape not written out is graded by the loop without the proof
            return None
        finally:
            self._bodies = unproved

    def _variants(self, scheme: Scheme) -> None:
        defects = {d.at for d in scheme.acknowledged_defects}
        if not self.by_post:
            self.variants[None] = self._compile_or_none(None)
        for post in scheme.posts if self.by_post else ():
            if post.name not in self.variants:  # Scheme.post() finds the first of a name
                self.variants[post.name] = None if f"posts/{post.name}" in defects else self._compile_or_none(post)

    def grade(self, row, history) -> PersonResult | None:
        grade = self.variants.get(row.post if self.by_post else None)
        return grade(row, history) if grade is not None else None

    def _compile_or_none(self, post) -> Graded | None:
        try:
            return self._compile(post)
        except Exception as exc:  # a shape not written out (a grade outside the order…): the reference grades it
            self.failed[post.name if post is not None else None] = repr(exc)
            return None

    def _compile(self, post, plain: dict[str, str] | None = None) -> Graded:
        source = Source(f"K{len(self._bodies)}_" if post is not None else "K")
        writer = ItemWriter(source, post, self.glance, plain)
        items, bound = writer.items(self.assessment.items, self.assessment.combine, 0)
        a = self.assessment
        write = source.line
        write(f"tot_ = {items}")
        if a.adjustment_caps:  # a cap shared by several: the amounts added as the reference adds them (adjustment_caps.adjusted)
            amounts = [writer.adjustment(adjustment) for adjustment in a.adjustments]
            together = partial(adjusted_sum, a.adjustment_caps, [adjustment.name for adjustment in a.adjustments])
            write(f"adj_ = {source.const(together)}(({', '.join(amounts)},))")
            write("raw_ = tot_ + adj_")
        elif plain is None:
            write("adj_ = ZERO")
            for adjustment in a.adjustments:
                write(f"adj_ = adj_ + {writer.adjustment(adjustment)}")
            write("raw_ = tot_ + adj_")
        elif not a.adjustments:
            write("raw_ = tot_" if bound is not None else "raw_ = tot_ + ZERO")  # tot_ + Decimal(0) is tot_
        else:
            for i, adjustment in enumerate(a.adjustments):
                amount = writer.adjustment(adjustment)
                write(f"adj_ = adj_ + {amount}" if i else f"adj_ = {amount}" if writer.bounds.get(amount) else f"adj_ = ZERO + {amount}")
            write("raw_ = tot_ + adj_")
        write(f"tot_ = raw_.quantize({source.const(Decimal(1).scaleb(-a.places))}, HALF_UP)")
        if a.total_max is not None and a.total_capped:  # 加分后最高按 total_max 计
            write(f"if tot_ > {source.const(a.total_max)}: tot_ = {source.const(round_half_up(a.total_max, a.places))}")
        elif a.total_max is not None and not a.total_may_exceed:
            write(f"if tot_ > {source.const(a.total_max)}: return None")  # total-over-max: reported by the reference
        write("status_, label_, grade_, reason_, protected_, outside_ = 'graded', None, None, None, False, False")
        if a.grades is not None:
            self._band(source, a.grades)
            write("band_ = grade_")
            if a.overrides:
                self._overrides(source, writer, a.grades, a.overrides)
        else:
            write("band_ = None")
        values = ", ".join(writer.slots) + ("," if len(writer.slots) == 1 else "")
        write(f"return NEW({', '.join(['row', source.const(tuple(writer.layout)), f'({values})', *_RESULT_LOCALS])})")
        if writer.needs_context:  # a rule kind not written out: called as the reference calls it
            source.lines.insert(0, "ctx = Context(V, H or {}, HISTORY(H) if H is not None else {}, {}, {}, False)")
        self._reads_history |= writer.reads_history
        self._glanced |= writer.glanced
        header = ["def grade(row, H):", "    V = row.values", "    try:"]
        if self.glance:  # from the History given (None: raises, and the reference grades)
            header.append("        R_, G_, POS_ = GLANCE(H)")
        text = "\n".join([*header, *("        " + line for line in source.lines), "    except Exception:", "        return None", ""])
        if plain is None:  # the proved variant lives in batch_plain alone
            self.sources[post.name if post is not None else None] = text
        namespace = {**source.namespace, **GLANCE_NAMES, "NEW": PersonResult, "MAKE": object.__new__, "HISTORY": history_functions, "HALF_UP": ROUND_HALF_UP, "BAIL": _Decline,
                     "GLANCE": of_history}
        name = f"<kaohe compiled {self.scheme.code}/{a.code}{'/' + post.name if post else ''}>"
        exec(compile(text, name, "exec"), namespace)
        self._bodies[post.name if post is not None else None] = (source.lines, namespace, source.memos)
        return namespace["grade"]

    def _loop(self, bodies: dict[str | None, tuple[list[str], dict[str, Any], list[str]]]) -> Callable[..., None]:
        """Every compiled variant as one loop over a period's rows: grade_all(rows, histories,
        explainer, reference, out). `return None` declines by raising; a declined row, or one
        whose post has no compiled code, is graded by `reference` there and then."""
        def body(lines: list[str], indent: str) -> list[str]:
            # as statements only, never inside a scheme's text written as a literal
            out: list[str] = []
            for line in lines:
                made = _RESULT.match(line)
                if made is None:
                    out.append(indent + _DECLINE.sub(r"\1raise BAIL", line))
                else:  # the result made and kept there and then; a declined row is made by `reference`, after
                    out.extend(indent + made.group(1) + statement for statement in _made(made.group(2)))
            return out

        namespace: dict[str, Any] = {}
        code: list[str] = []
        if None in bodies:
            lines, namespace, _ = bodies[None]
            code = body(lines, "            ")
        else:
            code.append("            P_ = row.post")
            for i, (post, (lines, own, _)) in enumerate(bodies.items()):
                namespace.update(own)  # each post's constants under its own prefix (K0_, K1_…)
                code.append(f"            {'if' if i == 0 else 'elif'} P_ == {post!r}:")
                code.extend(body(lines, "                "))
            code.extend(["            else:", "                raise BAIL"])
        if self.glance:
            # each earlier period's ID index and grades, made once (compute.Explainer.glance); a
            # person's R_ and G_ two look-ups in C per period; no History unless the reference grades
            start = [f"    IX_, GX_, POS_ = explainer.glance({'G_' in self._glanced}) if histories is not None else (None, None, None)",
                     "    n_ = len(IX_) if IX_ is not None else 0"]
            person = ["            p_ = row.id"] if self._glanced else []
            if "R_" in self._glanced:
                person.append("            R_ = list(map(_GET, IX_, _REPEAT(p_, n_)))")
            if "G_" in self._glanced:
                person.append("            G_ = list(map(_GET, GX_, _REPEAT(p_, n_)))")
            declined = "            r_ = reference(row, histories(row) if histories is not None else None)"
        else:
            start, person, declined = [], [], "            r_ = reference(row, H)"
        # made afresh each period (a period is graded under one decimal context)
        memos = [f"    {memo} = {{}}" for _, _, names in bodies.values() for memo in names]
        loop = ["def grade_all(rows, histories, explainer, reference, out):", "    append = out.append", *memos, *start, "    for row in rows:",
                *([] if self.glance else ["        H = histories(row) if histories is not None else None"]), "        V = row.values", "        try:",
                *person, *code, "        except Exception:", declined,
                "        r_.explainer = explainer", "        append(r_)", ""]
        exec(compile("\n".join(loop), f"<kaohe compiled {self.scheme.code}/{self.assessment.code}>", "exec"), namespace)
        return namespace["grade_all"]

    def _band(self, source: Source, grades: Grades) -> None:
        write = source.line
        indent = ""
        if grades.entered:
            write(f"g_ = V.get({source.const(grades.entered)})")
            write("if g_:")
            write("    grade_ = g_")
            if not grades.bands:  # empty: the reference grades it (an override may take the person out) and reports
                write("else: return None")
                return
            write("else:")
            indent = "    "
        for i, band in enumerate(grades.bands):
            tests = [f"tot_ {op} {source.const(bound)}" for op, bound in
                     ((">=", band.at_least), (">", band.above), ("<=", band.at_most), ("<", band.below)) if bound is not None]
            write(f"{indent}{'if' if i == 0 else 'elif'} {' and '.join(tests) or 'True'}:")
            write(f"{indent}    grade_ = {source.const(band.grade)}")
        write(f"{indent}else:")
        write(f"{indent}    b_, _ = FIND({source.const(grades.bands)}, tot_, {source.const(grades.gap_policy)})")
        write(f"{indent}    if b_ is None: status_, label_ = 'incomplete', '无对应等次'")
        write(f"{indent}    else: grade_ = b_.grade")
        source.namespace["FIND"] = bands_mod.find_band

    def _overrides(self, source: Source, writer: ItemWriter, grades: Grades, overrides: list[Override]) -> None:
        """In declared order, as PersonGrader._overrides; a no_grade stops the rest."""
        write = source.line
        rank = {grade: i for i, grade in enumerate(grades.order)}
        source.namespace["RANK"] = rank
        write("start_ = (status_, grade_)")
        write("while True:")
        # Each condition is evaluated whenever the loop reaches it (a no_grade that holds ends it): what a
        # later one computes again over the same values (病事假天数 > 应出勤天数 / 2 in two rules) is read
        # from the earlier one's local (expr_code.Shared). A gate's requirement, evaluated only for whom its
        # grade reaches, reads them but keeps none.
        shared = Shared([(compiled(formula).tree, keep) for o in overrides for formula, keep in ((o.when, True), (o.requires, False)) if formula], "_m_")
        for override in overrides:
            condition = writer.condition(override.when, self.names, shared) if override.when else "True"
            if override.kind == "no_grade":
                write(f"    if {condition}:")
                write(f"        status_, label_, grade_ = 'no_grade', {source.const(override.label or grades.no_grade)}, None")
                write(f"        reason_, outside_ = {source.const(override.reason)}, {not override.in_base}")
                write("        break")
                continue
            write(f"    w_ = {condition}")
            write("    if w_ and status_ == 'graded' and grade_ is not None:")
            formula = override.requires if override.kind == "gate" else override.when
            if override.kind in ("force", "gate") and override.no_periods != "passes" and _reads_history(formula):
                # no vacuous grants (overrides._vacuous): over zero graded periods the reference decides and says why
                if writer.glance:
                    writer.glanced.add("G_")
                write(f"        if not {PERIODS}: return None" if writer.glance else "        if H is not None and H.periods() == 0: return None")
            target = source.const(override.grade)
            if override.kind == "force":
                write(f"        grade_, protected_ = {target}, True")
            elif override.kind == "cap":
                write(f"        if RANK[grade_] < {rank[override.grade or '']}: grade_ = {target}")
            else:
                write(f"        if RANK[grade_] <= {rank[override.grade or '']}:")
                write(f"            if not ({writer.condition(override.requires or '', self.names, shared, keep=False)}) and grade_ == {target}:")
                write(f"                grade_ = {source.const(grades.next_below(override.grade or ''))}")
        write("    break")
        if grades.entered:
            write("if (status_, grade_) != start_: return None")  # override-moves-grade: reported by the reference


_DECLINE = re.compile(r"^(\s*|.*: )return None$")
_RESULT = re.compile(r"^(\s*)return NEW\((.*)\)$")
# what a compiled result is made of, after the person's row, its items' layout and values
_RESULT_LOCALS = ("raw_", "tot_", "band_", "grade_", "status_", "label_", "reason_", "protected_", "outside_")


def _made(arguments: str) -> list[str]:
    """A PersonResult made without its dataclass __init__ (a call of 12 arguments setting 18 slots, a
    tenth of a plain grading's time): object.__new__, then each slot set in the loop itself, those
    the compiled grading leaves at their defaults included; `arguments`: the NEW(...) call's, as
    written by _compile (the row, the layout, the values' tuple, then _RESULT_LOCALS)."""
    row, layout, rest = arguments.split(", ", 2)
    values, locals_ = rest.rsplit("), ", 1)
    given = [row, layout, values + ")", *locals_.split(", ")]
    fields = dataclasses.fields(PersonResult)
    lines = ["r_ = MAKE(NEW)"]
    for i, field in enumerate(fields):
        if i < len(given):
            lines.append(f"r_.{field.name} = {given[i]}")
        elif field.name == "explainer":
            lines.append("r_.explainer = explainer")
        else:
            assert field.default in (None, False, ()), field.name  # a default made per result would need __init__
            lines.append(f"r_.{field.name} = {field.default!r}")
    return [*lines, "append(r_)", "continue"]


class _Decline(Exception):
    """Raised inside grade_all where the single-person function returns None: the class, so a new
    instance each time. One shared instance kept its last traceback, and with it the frames of the
    last compute_project: that build's whole model, alive until the next decline."""


def _reads_history(formula: str | None) -> bool:
    if not formula:
        return False
    tree = compiled(formula).tree
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in HISTORY_GRADE_FUNCTIONS for n in ast.walk(tree))
