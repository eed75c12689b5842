"""Counting rules and adjustments written out as Python source for the compiled grading (fast.py).

Part of fast_items.ItemWriter, which holds the source, the locals' bounds (plain_proof.py) and the
helpers these use:
- deduct and bonus leaves: Deduct.compute / Bonus.compute without words, their per-event, per-unit
  and range amounts inline, tiers through their own amount();
- an adjustment: Adjustment.apply() (inline for a plain number column).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.engine.plain_proof import AMOUNTS, Bound, either, times, total

ZERO = Decimal(0)


class AmountWriter:
    """What ItemWriter writes of amounts, over its source, bounds, sum(), constant() and column()."""

    source: Any
    plain: dict[str, str] | None
    bounds: dict[str, Bound | None]

    def _counting(self, rule: Any, item: Any, value: str) -> None:
        """Deduct.compute / Bonus.compute without words."""
        const, write = self.source.const, self.source.line
        if rule.kind == "deduct":
            deducted, less = self.sum([self._amount(r) for r in rule.deductions])
            write(f"m_ = {deducted}")
        added, more = self.sum([self._amount(r) for r in rule.additions])
        write(f"p_ = {added}")
        # p_ stays Decimal(0) itself: no additions, and no add_cap below 0 to put in its place
        nothing = not rule.additions and (rule.kind == "bonus" or rule.add_cap is None or rule.add_cap >= 0)
        if rule.kind == "bonus":
            start = self.constant(rule.start)
            if nothing and start is not None:  # start + Decimal(0) is start
                write(f"{value} = {const(rule.start)}")
            else:
                write(f"{value} = {const(rule.start)} + p_")
            limit = rule.cap if rule.cap is not None else item.max
            bounds = [total([start, more])]
            if limit is not None:
                write(f"if {value} > {const(limit)}: {value} = {const(limit)}")
                bounds.append(self.constant(limit))
            self.bounds[value] = either(bounds)
            return
        if rule.add_cap is not None:
            write(f"if p_ > {const(rule.add_cap)}: p_ = {const(rule.add_cap)}")
            more = either([more, self.constant(rule.add_cap)])
        start = item.max if rule.start == "max" else rule.start
        start = start if start is not None else ZERO
        left = total([self.constant(start), less])
        if nothing and left is not None:  # (start - m_) + Decimal(0) is start - m_
            write(f"{value} = {const(start)} - m_")
        else:
            write(f"{value} = {const(start)} - m_ + p_")
            left = total([self.constant(start), less, more])
        branches = []
        bounds = [left]
        if not rule.allow_negative:
            branches.append((f"{value} < ZERO", "ZERO"))
            bounds.append(self.constant(ZERO))
        if item.max is not None and not rule.above_max:
            branches.append((f"{value} > {const(item.max)}", const(item.max)))
            bounds.append(self.constant(item.max))
        for i, (test, bound) in enumerate(branches):
            write(f"{'if' if i == 0 else 'elif'} {test}: {value} = {bound}")
        self.bounds[value] = either(bounds)

    def _amount(self, rule: Any) -> tuple[str, Bound | None]:
        """One counting rule's amount (events.py), as its amount(values, explain=False) gives it, and its bound."""
        column = self.source.const(rule.column)
        count = self.source.local("n")
        if rule.kind == "per_event":  # an empty count: Decimal(0) × points, worked out once
            points = rule.points
            bound = either([times(self.column(rule.column), points), self.constant(ZERO * points)])
            return f"({count} * {self.source.const(points)} if ({count} := V.get({column})) else {self.source.const(ZERO * points)})", bound
        if rule.kind == "range":  # sum((), Decimal(0)) is its start
            listed = AMOUNTS if self.plain is not None and self.plain.get(rule.column) == "amounts" else None
            return f"(sum({count}, ZERO) if ({count} := V.get({column})) else ZERO)", either([listed, self.constant(ZERO)])
        if rule.kind == "per_unit":  # floor_int/ceil_int of the units, times the points
            value = f"(V.get({column}) or ZERO)"
            proved = self.column(rule.column) is not None
            held = self.source.local("x") if proved else value
            basis = held if rule.required is None else f"max(ZERO, {self.source.const(rule.required)} - {held})"
            rounding = "FLOOR" if rule.rounding == "floor" else "CEILING"
            whole = f"int(({basis} / {self.source.const(rule.unit)}).to_integral_value(rounding={rounding})) * {self.source.const(rule.points)}"
            if not proved:
                return whole, None
            # a proved column's value is a Decimal (or empty: 0), and the amount depends on its value
            # alone (int() drops the exponent): worked out once per value in a period (memo)
            memo, got = self.source.memo(), self.source.local("u")
            return f"({got} if ({got} := {memo}.get(({held} := {value}))) is not None else {memo}.setdefault({held}, {whole}))", None
        return f"{self.source.const(rule)}.amount(V, False)[0]", None

    def adjustment(self, adjustment: Any) -> str:
        """The local holding the signed amount Adjustment.apply(values, False) returns."""
        const, write = self.source.const, self.source.line
        column = const(adjustment.col)
        amount = self.source.local("a")
        if adjustment.events:  # an empty cell adds Decimal(0)
            write(f"{amount} = {const(adjustment)}.apply(V, False)[0] if V.get({column}) else ZERO")
            return amount
        bound: Bound | None = None
        if adjustment.counts:  # Adjustment._counted: Decimal(0), then each column's times × points in order
            caps = adjustment.caps or {}  # a column over its own cap counts as the cap (min keeps the amount when equal)
            terms = [(f"min((V.get({const(name)}) or ZERO) * {const(points)}, {const(caps[name])})",
                      either([times(self.column(name, True), points), self.constant(caps[name])])) if name in caps
                     else (f"(V.get({const(name)}) or ZERO) * {const(points)}", times(self.column(name, True), points))
                     for name, points in adjustment.counts.items()]
            counted, bound = self.sum(terms)
            write(f"r_ = {counted}")
        elif adjustment.points:
            points = const(adjustment.points)
            # an empty cell: sum([], ZERO) is ZERO itself, without the comprehension's call
            write(f"r_ = sum([{points}[n_] for n_ in n_s if n_ in {points}], ZERO) if (n_s := V.get({column})) else ZERO")
        else:
            write(f"r_ = V.get({column}) or ZERO")
            bound = self.column(adjustment.col, True)
        write(f"if not r_: {amount} = ZERO")
        write("else:")
        if adjustment.factor:
            factor = adjustment.factor
            write(f"    r_ = r_ * {const(factor.values)}.get(V.get({const(factor.by)}) or '', {const(factor.default)})")
            bound = either([times(bound, f) for f in [*factor.values.values(), factor.default]])
        if adjustment.cap is not None:
            write(f"    if r_ > {const(adjustment.cap)}: r_ = {const(adjustment.cap)}")
            # a cap of 0 would make a penalty's -r_ a -0
            bound = either([bound, self.constant(adjustment.cap)]) if adjustment.cap > 0 else None
        write(f"    {amount} = {'-r_' if adjustment.kind == 'penalty' else 'r_'}")  # r_ is not 0 here: -r_ is no -0
        self.bounds[amount] = either([bound, self.constant(ZERO)])
        return amount
