"""A roll-up's 次数/全部/期数/连续 written out over the person's grades of the earlier periods.

history.History is what a roll-up's formulas see of a person (label → PeriodView, its grades counted
when first asked), and stays the reference: derivations, pages and `kaohe explain` use it. Grading a
roll-up's archive made one History (and one PeriodView per earlier period) for every person, only to
count three or four grades. The compiled grading (fast.py, fast_items.py) and the 结果运用 conditions
(consequences.py) instead read the person's earlier results straight from each earlier period's ID
index (compute.Explainer.glance) as two lists in label order — R_, the results (None: not in that
period), and G_, the grades a History's view gives (None: not in it, or not graded) — and a call
with a constant grade is written out over G_ with the same answer, to the exponent, as History's
method: 次数 counts with the same shared Decimals, 全部 is a bool, 连续 a Decimal(n). Any other
call (合计/最大, a grade that is not written as text) goes through History as before.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal
from itertools import repeat
from typing import Any

from generator.engine.history import _decimal, longest_run
from generator.scheme.expr import compiled
from generator.scheme.expr_code import HELPERS, Emitter


def _periods(grades: list) -> Decimal:
    """期数: the periods that ended with a grade (History._count: truthy grades)."""
    return _decimal(len(grades) - grades.count(None) - grades.count(""))


def _every(grades: list, grade: str) -> bool:
    """全部 of a non-empty grade: there is a graded period, and every graded one ended with it."""
    graded = len(grades) - grades.count(None) - grades.count("")
    return graded > 0 and grades.count(grade) == graded


class _Counts(dict):
    """n → Decimal(n) as _decimal gives it (the shared Decimals of History's counts), looked up in C:
    a roll-up's conditions ask for three or four counts a person, and a call each was most of their cost."""

    def __missing__(self, n: int) -> Decimal:
        return _decimal(n)


_COUNTS = _Counts((n, _decimal(n)) for n in range(64))
# 期数 written out: the periods that ended with a grade (as _periods, without a call)
PERIODS = "_HD[len(G_) - G_.count(None) - G_.count('')]"

NAMESPACE: dict[str, Any] = {"_HN": _periods, "_HA": _every, "_HR": longest_run, "_HC": _decimal, "_HD": _COUNTS, "_REPEAT": repeat,
                             "_GET": dict.get}


def inline(function: str, arguments: str) -> str | None:
    """Source computing the call over G_, or None: not written out (History's method then)."""
    if function == "期数":
        return PERIODS if not arguments else None
    try:
        grade = ast.literal_eval(arguments)
    except (ValueError, SyntaxError):
        return None
    if not isinstance(grade, str) or not grade:
        return None
    if function == "次数":
        return f"_HD[G_.count({arguments})]"
    if function == "全部":  # _every written out
        return f"((_ha := {PERIODS[4:-1]}) > 0 and G_.count({arguments}) == _ha)"
    if function == "连续":
        return f"_HR(G_, {arguments})"
    return None


def of_history(history: Mapping[str, Any]) -> tuple[list, list, dict[str, int]]:
    """(R_, G_, label → index) from a History, for a caller that has one (FastGrader.grade)."""
    labels = sorted(history)
    views = [history[label] for label in labels]
    return [v.result for v in views], [v.grade for v in views], {label: i for i, label in enumerate(labels)}


_CONDITIONS: dict[str, tuple[Callable[..., Any], bool, bool]] = {}


def condition(source: str) -> tuple[Callable[..., Any], bool, bool]:
    """A 结果运用 condition as a function of (V, F, G_) — expr_code.as_function's, with the roll-up
    calls written out over G_ where they can be — whether it reads G_, and whether it reads V or F
    (a name, or a call not written out; when not, the caller may pass None for both)."""
    made = _CONDITIONS.get(source)
    if made is not None:
        return made
    namespace: dict[str, Any] = {**HELPERS, **NAMESPACE}
    reads: list[bool] = []  # per call: written out over G_
    names: list[str] = []

    def name(n: str) -> str:
        names.append(n)
        return f"V[{n!r}]"

    def const(value: Any) -> str:
        name = f"K{len(namespace)}"
        namespace[name] = value
        return name

    def call(function: str, arguments: str) -> str:
        written = inline(function, arguments)
        reads.append(written is not None)
        return written if written is not None else f"F[{function!r}]({arguments})"

    # constants as literals where they are text, so that a call's grade can be read back (inline)
    body = Emitter(name, lambda v: repr(v) if isinstance(v, str) else const(v), call).source(compiled(source).tree)
    exec(compile(f"def formula(V, F, G_):\n    return {body}\n", f"<kaohe condition {source}>", "exec"), namespace)
    made = _CONDITIONS[source] = (namespace["formula"], any(reads), bool(names) or not all(reads))
    return made
