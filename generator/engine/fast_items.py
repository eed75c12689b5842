"""Items, adjustments and conditions written out as Python source for the compiled grading (fast.py).

Each piece mirrors the reference it replaces, line for line in effect:
- a parent: PersonGrader._combine — Decimal(0), then each child added (× its weight) in order;
- entered, period_score and formula leaves: their rule's compute() without words (scheme/rules/);
  deduct and bonus leaves and the adjustments in fast_amounts.py;
- any other rule kind: its compute() itself, on an ItemContext as the reference builds it;
- a condition: the values PersonGrader.condition_values() gives a formula (总分, the items, the
  row, declared names as empty), through expr_code.
A leaf without a value, or with a problem, returns None from the compiled function: the
reference then grades the person and reports it. Written with `plain` (fast.FastGrader's second
loop), each value also gets the bound plain_proof.py proves of it, and an addition of Decimal(0)
that the bound shows to change nothing is left out.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from generator.engine.fast_amounts import AmountWriter
from generator.engine.history import METHODS
from generator.engine.history_code import inline
from generator.engine.plain_proof import PLAIN, Bound, constant, either, sum_source, times
from generator.engine.results import ItemShape
from generator.scheme.expr import compiled
from generator.scheme.expr_code import HELPERS, Emitter, Shared
from generator.scheme.rules.base import ItemContext, column_or_name

ZERO = Decimal(0)


class Source:
    """The lines of one compiled function and the constants they name."""

    def __init__(self, prefix: str = "K") -> None:
        self.prefix = prefix  # of the constants' names: one loop holds every post's code (fast.py)
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"ZERO": ZERO, "EMPTY": {}, "Decimal": Decimal, "Context": ItemContext, "FLOOR": ROUND_FLOOR,
                                          "CEILING": ROUND_CEILING, **HELPERS}
        self._names: dict[Any, str] = {}
        self._locals = 0
        self.memos: list[str] = []  # dicts made empty at the start of each period's loop (fast._loop)

    def line(self, text: str) -> None:
        self.lines.append(text)

    def local(self, prefix: str = "v") -> str:
        self._locals += 1
        return f"{prefix}{self._locals}"

    def memo(self) -> str:
        """A dict of the loop (one per period), named apart from every post's."""
        self.memos.append(f"M{self.prefix}{self.local('')}")
        return self.memos[-1]

    def const(self, value: Any) -> str:
        """Source naming `value`: a literal for None, booleans and text; else a constant of the namespace."""
        if value is None or isinstance(value, (bool, str)):
            return repr(value)
        key = (type(value), str(value)) if isinstance(value, (Decimal, int)) else (object, id(value))
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = f"{self.prefix}{len(self._names)}"
            self.namespace[name] = value
        return name


class ItemWriter(AmountWriter):
    """Writes the items of one assessment (for one post) into a Source."""

    def __init__(self, source: Source, post: Any, glance: bool = False, plain: dict[str, str] | None = None):
        self.source, self.post = source, post
        # With `plain` (column → its type, the number and amounts columns; None: nothing proved), each local's Bound where one is
        # proved (plain_proof.py), and the additions of Decimal(0) to bounded values left out.
        self.plain = plain
        self.bounds: dict[str, Bound | None] = {}
        self.layout: list[ItemShape] = []
        self.slots: list[str] = []  # the local holding each item's value, in layout order
        self.computed: dict[str, str] = {}  # item code → local, as ctx.item_values grows
        self.needs_context = False
        # In a roll-up: the earlier periods read as R_ and G_ (history_code.py) where they can be;
        # what reads the History itself (H) is noted, and such an assessment is written with H alone.
        self.glance = glance
        self.glanced: set[str] = set()  # of R_ and G_, those the code reads
        self.reads_history = False

    def items(self, items: list, how: str, depth: int) -> tuple[str, Bound | None]:
        """The sum of the items' values (its source and its bound)."""
        values = [self.item(item, depth) for item in items]
        if how == "weighted":
            return self.sum([(f"{value} * {self.source.const(item.weight or ZERO)}", times(self.bounds.get(value), item.weight or ZERO))
                             for item, value in zip(items, values)])
        return self.sum([(value, self.bounds.get(value)) for value in values])

    def sum(self, terms: list[tuple[str, Bound | None]]) -> tuple[str, Bound | None]:
        """Decimal(0) + the terms, as the reference adds (without the Decimal(0) where proved)."""
        if self.plain is None:
            return " + ".join(["ZERO", *(t for t, _ in terms)]), None
        return sum_source(terms)

    def constant(self, value: Any) -> Bound | None:
        return constant(value) if self.plain is not None else None

    def column(self, name: str, empty_zero: bool = False) -> Bound | None:
        """Of a number column's value (`empty_zero`: or Decimal(0) for an empty cell), when proved plain."""
        if self.plain is None or self.plain.get(name) != "number":
            return None
        return either([PLAIN, constant(ZERO)]) if empty_zero else PLAIN

    def item(self, item: Any, depth: int) -> str:
        index = len(self.layout)
        self.layout.append((item.code, item.name, item.max, depth))
        self.slots.append("")
        if item.by_post and self.post is None:
            raise ValueError("a by_post item outside a post's variant")
        children = self.post.items if item.by_post else item.children
        if children:
            combined, bound = self.items(children, item.combine, depth + 1)
            value = self.source.local()
            self.source.line(f"{value} = {combined}")
            self.bounds[value] = bound
        else:
            value = self.leaf(item)
        if item.places is not None:
            self.source.line(f"{value} = {value}.quantize({self.source.const(Decimal(1).scaleb(-item.places))}, HALF_UP)")
            self.bounds[value] = None  # -0.04 at one place is -0.0
        self.slots[index] = value
        self.computed[item.code] = value
        return value

    def leaf(self, item: Any) -> str:
        rule, const, write = item.rule, self.source.const, self.source.line
        value = self.source.local()
        if rule.kind == "entered":
            # No test for an empty value: every item's value goes into a sum or a product on the way to
            # the total, where an empty one (None, or no key: KeyError) raises, and the reference grades.
            column = column_or_name(rule.column, item)
            write(f"{value} = V[{const(column)}]")
            self.bounds[value] = self.column(column)
        elif rule.kind in ("deduct", "bonus"):
            self._counting(rule, item, value)
        elif rule.kind == "weighted":
            self._weighted(rule, value)
        elif rule.kind == "period_score":
            self._period_score(rule, value)
        elif rule.kind == "formula":
            write(f"{value} = {self._formula(rule.expr, self._item_name)}")
            write(f"if not isinstance({value}, Decimal): {value} = Decimal({value})")
        else:
            self.needs_context = self.reads_history = True
            outcome = self.source.local("o")
            write(f"{outcome} = {const(rule)}.compute({const(item)}, ctx)")
            write(f"if {outcome}.problems or {outcome}.value is None: return None")
            write(f"{value} = {outcome}.value")
        return value

    def _weighted(self, rule: Any, value: str) -> None:
        """Weighted.compute without words when every component has a value (an empty one raises in
        the product: reweighting, or its problem, is the reference's)."""
        const, write = self.source.const, self.source.line
        groups = list(rule.sets.items()) if rule.sets is not None else [(None, rule.components or [])]
        if rule.sets is not None:
            write(f"s_ = V.get({const(rule.by or '')}) or ''")
        bounds = []
        for i, (name, components) in enumerate(groups):
            terms, bound = self.sum([(f"V[{const(c.col)}] * {const(c.weight)}", times(self.column(c.col), c.weight)) for c in components])
            bounds.append(bound)
            if name is None:
                write(f"{value} = {terms}")
            else:
                write(f"{'if' if i == 0 else 'elif'} s_ == {const(name)}: {value} = {terms}")
        if rule.sets is not None:
            write("else: return None")  # no such group: the reference reports it
        if rule.places is not None:
            write(f"r_ = {value}.quantize({const(Decimal(1).scaleb(-rule.places))}, HALF_UP)")
            write(f"if r_ != {value}: {value} = r_")
        self.bounds[value] = either(bounds) if rule.places is None else None

    def _period_score(self, rule: Any, value: str) -> None:
        """PeriodScore.compute without words: a period without a value is a problem (missing: error)
        or left out (skip); with none left, a problem."""
        const, write = self.source.const, self.source.line
        if self.glance:  # R_ or G_ in label order (sorted(h_)); POS_: label → place in them
            # by grade: G_ alone (a period the person is not in, or one without a grade, gives None
            # either way); else R_, whose results are the views' totals and items (history.PeriodView)
            by_grade = rule.points is not None
            listed = "G_" if by_grade else "R_"
            self.glanced.add(listed)
            write("vals_ = []")
            if rule.periods:
                write(f"for l_ in {const(tuple(rule.periods))}:")
                write("    i_ = POS_.get(l_)")
                write(f"    w_ = None if i_ is None else {listed}[i_]")
            else:
                write(f"for w_ in {listed}:")
            if by_grade:
                write(f"    x_ = {const(rule.points)}.get(w_) if w_ else None")
            else:
                picked = "w_.total" if rule.of == "total" else f"w_.item_value_map().get({const(rule.of)})"
                write(f"    x_ = None if w_ is None else ({picked})")
        else:
            write("h_ = H or EMPTY")
            write("vals_ = []")
            write(f"for l_ in {const(tuple(rule.periods)) if rule.periods else 'sorted(h_)'}:")
            write("    w_ = h_.get(l_)")
            if rule.points is not None:
                picked = f"{const(rule.points)}.get(w_.grade) if w_.grade else None"
            else:
                picked = "w_.total" if rule.of == "total" else f"w_.items.get({const(rule.of)})"
            write(f"    x_ = None if w_ is None else ({picked})")
        write("    if x_ is not None: vals_.append(x_)")
        if rule.missing == "error":
            write("    else: return None")
        write("if not vals_: return None")
        if rule.divide_by is not None:
            write(f"{value} = sum(vals_, ZERO) / {const(rule.divide_by)}")
        elif rule.combine == "mean":
            write(f"{value} = sum(vals_, ZERO) / len(vals_)")
        else:
            write(f"{value} = sum(vals_, ZERO)")

    def condition(self, formula: str, declared: set[str], shared: Shared | None = None, keep: bool = True) -> str:
        """An override's condition over PersonGrader.condition_values(); with `shared`, what an earlier
        condition of the run computed alike read from its local (expr_code.Shared; `keep` as there)."""

        def name(n: str) -> str:
            if n == "总分":
                return "tot_"
            if n in self.computed:
                return self.computed[n]
            return f"V.get({self.source.const(n)})" if n in declared else f"V[{self.source.const(n)}]"

        return self._formula(formula, name, shared, keep)

    def _item_name(self, n: str) -> str:
        """A formula item's names: {**row values, **items computed so far} (FormulaRule.compute)."""
        return self.computed[n] if n in self.computed else f"V[{self.source.const(n)}]"

    def _formula(self, formula: str, name: Any, shared: Shared | None = None, keep: bool = True) -> str:
        emitter = Emitter(name, self.source.const, self._call, prefix=f"_c{self.source.local('')}_", shared=shared, keep=keep)
        return emitter.source(compiled(formula).tree)

    def _call(self, function: str, arguments: str) -> str:
        """次数("优秀") → H.count("优秀"): history.History's method (H is None outside a roll-up, or a
        plain dict from a caller: the call raises and the reference grades)."""
        if self.glance and (written := inline(function, arguments)) is not None:
            self.glanced.add("G_")
            return written
        self.reads_history = True
        return f"H.{METHODS[function]}({arguments})"
