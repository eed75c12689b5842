"""Items, adjustments and conditions written out as Python source for the compiled grading (fast.py).

Each piece mirrors the reference it replaces, line for line in effect:
- a parent: PersonGrader._combine — Decimal(0), then each child added (× its weight) in order;
- entered, deduct, bonus and formula leaves: their rule's compute() without words (scheme/rules/),
  per-event and range counts inline, the other counting kinds through their own amount();
- any other rule kind: its compute() itself, on an ItemContext as the reference builds it;
- an adjustment: Adjustment.apply() (inline for a plain number column);
- a condition: the values PersonGrader.condition_values() gives a formula (总分, the items, the
  row, declared names as empty), through expr_code.
A leaf without a value, or with a problem, returns None from the compiled function: the
reference then grades the person and reports it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.engine.results import ItemShape
from generator.scheme.expr import compiled
from generator.scheme.expr_code import HELPERS, Emitter
from generator.scheme.rules.base import ItemContext, column_or_name

ZERO = Decimal(0)


class Source:
    """The lines of one compiled function and the constants they name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"ZERO": ZERO, "Decimal": Decimal, "Context": ItemContext, **HELPERS}
        self._names: dict[Any, str] = {}
        self._locals = 0
        self.uses_functions = False  # a formula calls a roll-up's function: F is made

    def line(self, text: str) -> None:
        self.lines.append(text)

    def local(self, prefix: str = "v") -> str:
        self._locals += 1
        return f"{prefix}{self._locals}"

    def const(self, value: Any) -> str:
        """Source naming `value`: a literal for None, booleans and text; else a constant of the namespace."""
        if value is None or isinstance(value, (bool, str)):
            return repr(value)
        key = (type(value), str(value)) if isinstance(value, (Decimal, int)) else (object, id(value))
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = f"K{len(self._names)}"
            self.namespace[name] = value
        return name


class ItemWriter:
    """Writes the items of one assessment (for one post) into a Source."""

    def __init__(self, source: Source, post: Any):
        self.source, self.post = source, post
        self.layout: list[ItemShape] = []
        self.slots: list[str] = []  # the local holding each item's value, in layout order
        self.computed: dict[str, str] = {}  # item code → local, as ctx.item_values grows
        self.needs_context = False

    def items(self, items: list, how: str, depth: int) -> str:
        values = [self.item(item, depth) for item in items]
        if how == "weighted":
            values = [f"{value} * {self.source.const(item.weight or ZERO)}" for item, value in zip(items, values)]
        return " + ".join(["ZERO", *values])

    def item(self, item: Any, depth: int) -> str:
        index = len(self.layout)
        self.layout.append((item.code, item.name, item.max, depth))
        self.slots.append("")
        if item.by_post and self.post is None:
            raise ValueError("a by_post item outside a post's variant")
        children = self.post.items if item.by_post else item.children
        if children:
            combined = self.items(children, item.combine, depth + 1)
            value = self.source.local()
            self.source.line(f"{value} = {combined}")
        else:
            value = self.leaf(item)
        if item.places is not None:
            self.source.line(f"{value} = {value}.quantize({self.source.const(Decimal(1).scaleb(-item.places))}, rounding=HALF_UP)")
        self.slots[index] = value
        self.computed[item.code] = value
        return value

    def leaf(self, item: Any) -> str:
        rule, const, write = item.rule, self.source.const, self.source.line
        value = self.source.local()
        if rule.kind == "entered":
            # No test for an empty value: every item's value goes into a sum or a product on the way to
            # the total, where an empty one (None, or no key: KeyError) raises, and the reference grades.
            write(f"{value} = V[{const(column_or_name(rule.column, item))}]")
        elif rule.kind in ("deduct", "bonus"):
            self._counting(rule, item, value)
        elif rule.kind == "formula":
            write(f"{value} = {self._formula(rule.expr, self._item_name)}")
            write(f"if not isinstance({value}, Decimal): {value} = Decimal({value})")
        else:
            self.needs_context = True
            outcome = self.source.local("o")
            write(f"{outcome} = {const(rule)}.compute({const(item)}, ctx)")
            write(f"if {outcome}.problems or {outcome}.value is None: return None")
            write(f"{value} = {outcome}.value")
        return value

    def _counting(self, rule: Any, item: Any, value: str) -> None:
        """Deduct.compute / Bonus.compute without words."""
        const, write = self.source.const, self.source.line
        if rule.kind == "deduct":
            write(f"m_ = {' + '.join(['ZERO', *(self._amount(r) for r in rule.deductions)])}")
        write(f"p_ = {' + '.join(['ZERO', *(self._amount(r) for r in rule.additions)])}")
        if rule.kind == "bonus":
            write(f"{value} = {const(rule.start)} + p_")
            limit = rule.cap if rule.cap is not None else item.max
            if limit is not None:
                write(f"if {value} > {const(limit)}: {value} = {const(limit)}")
            return
        if rule.add_cap is not None:
            write(f"if p_ > {const(rule.add_cap)}: p_ = {const(rule.add_cap)}")
        start = item.max if rule.start == "max" else rule.start
        write(f"{value} = {const(start if start is not None else ZERO)} - m_ + p_")
        branches = []
        if not rule.allow_negative:
            branches.append((f"{value} < 0", "ZERO"))
        if item.max is not None and not rule.above_max:
            branches.append((f"{value} > {const(item.max)}", const(item.max)))
        for i, (test, bound) in enumerate(branches):
            write(f"{'if' if i == 0 else 'elif'} {test}: {value} = {bound}")

    def _amount(self, rule: Any) -> str:
        """One counting rule's amount (events.py), as its amount(values, explain=False) gives it."""
        column = self.source.const(rule.column)
        if rule.kind == "per_event":
            return f"(V.get({column}) or ZERO) * {self.source.const(rule.points)}"
        if rule.kind == "range":
            return f"sum(V.get({column}) or (), ZERO)"
        return f"{self.source.const(rule)}.amount(V, False)[0]"

    def adjustment(self, adjustment: Any) -> str:
        """The signed amount Adjustment.apply(values, False) returns."""
        const, write = self.source.const, self.source.line
        if adjustment.events or adjustment.points or adjustment.factor:
            return f"{const(adjustment)}.apply(V, False)[0]"
        raw = self.source.local("r")
        write(f"{raw} = V.get({const(adjustment.col)}) or ZERO")
        write(f"if not {raw}: {raw} = ZERO")
        if adjustment.cap is not None:
            write(f"elif {raw} > {const(adjustment.cap)}: {raw} = {const(adjustment.cap)}")
        return f"(-{raw} if {raw} else ZERO)" if adjustment.kind == "penalty" else raw

    def condition(self, formula: str, declared: set[str]) -> str:
        """An override's condition over PersonGrader.condition_values()."""

        def name(n: str) -> str:
            if n == "总分":
                return "tot_"
            if n in self.computed:
                return self.computed[n]
            return f"V.get({self.source.const(n)})" if n in declared else f"V[{self.source.const(n)}]"

        return self._formula(formula, name)

    def _item_name(self, n: str) -> str:
        """A formula item's names: {**row values, **items computed so far} (FormulaRule.compute)."""
        return self.computed[n] if n in self.computed else f"V[{self.source.const(n)}]"

    def _formula(self, formula: str, name: Any) -> str:
        emitter = Emitter(name, self.source.const, "F", prefix=f"_c{self.source.local('')}_")
        text = emitter.source(compiled(formula).tree)
        self.source.uses_functions |= emitter.calls_functions
        return text
