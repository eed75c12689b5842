"""Which additions of Decimal(0) the compiled grading may leave out, proved once per assessment.

The reference (grade.py) adds in its own order: every sum starts from Decimal(0), every adjustment
is added even when it is zero, a deduction's additions even when there are none. Decimal(0) + x is
not always x: 0 + -0 is 0, 0 + 1E+1 is 10 (the exponent is min(0, e)), and 0 + x rounds an x of
more digits than the context's precision. It is x, to the sign and the exponent, when x is finite,
not -0, has an exponent ≤ 0 and fits the precision; so is x + 0.

The compiled code (fast_items.py) keeps for each value it writes a Bound (I, F) where it can prove
one: the value is finite, never -0, its exponent in [-F, 0] and its size under 10^I; I + F digits
fit the precision, so every sum of such values is exact. Proved:
- a number column's value, where reading the sheet found every value of that column plain
  (core.numbers.plain_number, sheets.rows.SheetRows): (PLAIN_DIGITS, PLAIN_PLACES); the sum of an
  amounts column's list, where every list read held at most PLAIN_AMOUNTS plain amounts;
- a constant that is itself plain;
- a sum or difference of n bounded values: the digits of n more before the point (an exact zero
  sum of opposite values is +0 under every rounding but ROUND_FLOOR);
- a bounded value times a constant above 0 (the sign of a zero product is the sign of its factors');
- one of several bounded values (a cap or floor that may bind, an empty cell's Decimal(0)).
Anything else — a quantize (which gives -0.0 for -0.04), a division, a sum over a list of any
length — has no bound, and the reference's addition of Decimal(0) to it stays. The proof assumes the
context's precision and rounding: holds() checks them where a period is graded.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

from generator.core.numbers import PLAIN_AMOUNTS, PLAIN_DIGITS, PLAIN_PLACES, plain_number

Bound = tuple[int, int]  # (digits before the point, digits after it), as above
PRECISION = 28  # the digits every proved value fits; the context's precision must be at least this
PLAIN: Bound = (PLAIN_DIGITS, PLAIN_PLACES)
AMOUNTS: Bound = (PLAIN_DIGITS + len(str(PLAIN_AMOUNTS + 1)), PLAIN_PLACES)  # Decimal(0) + a cell's plain amounts
ZERO = Decimal(0)


def constant(value: object) -> Bound | None:
    if not isinstance(value, Decimal) or not plain_number(value) or value.adjusted() >= PRECISION:
        return None
    return max(value.adjusted() + 1, 1), -value.as_tuple().exponent  # type: ignore[operator]


def total(bounds: list[Bound | None]) -> Bound | None:
    """Of a sum (or difference) of values so bounded, left to right."""
    if not bounds or any(b is None for b in bounds):
        return None
    digits = max(b[0] for b in bounds) + len(str(len(bounds)))  # type: ignore[index]
    places = max(b[1] for b in bounds)  # type: ignore[index]
    return (digits, places) if digits + places <= PRECISION else None


def times(bound: Bound | None, factor: object) -> Bound | None:
    """Of a bounded value times a constant: only a factor above 0 keeps a zero product +0."""
    own = constant(factor)
    if bound is None or own is None or not factor > 0:  # type: ignore[operator]
        return None
    digits, places = bound[0] + own[0], bound[1] + own[1]
    return (digits, places) if digits + places <= PRECISION else None


def either(bounds: list[Bound | None]) -> Bound | None:
    """Of a value that is one of these."""
    if not bounds or any(b is None for b in bounds):
        return None
    return max(b[0] for b in bounds), max(b[1] for b in bounds)  # type: ignore[index]


def sum_source(terms: list[tuple[str, Bound | None]]) -> tuple[str, Bound | None]:
    """Decimal(0) + each term, left to right, as the reference adds; the Decimal(0) left out when the
    first term is bounded and a second follows (so that an empty value, None, still raises in the sum)."""
    bound = total([b for _, b in terms]) if terms else constant(ZERO)
    if len(terms) >= 2 and terms[0][1] is not None:
        return " + ".join(t for t, _ in terms), bound
    return " + ".join(["ZERO", *(t for t, _ in terms)]), bound


def holds() -> bool:
    """The context the proof assumes: enough digits, and no rounding to floor (under which 0 + -0 is
    -0 and an exact zero sum is -0)."""
    context = decimal.getcontext()
    return context.prec >= PRECISION and context.rounding != decimal.ROUND_FLOOR
