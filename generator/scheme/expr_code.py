"""A checked formula as a Python expression, for the engine's compiled grading (engine/fast.py).

expr.py's evaluator walks a formula's tree for every person, and stays the reference: it is what
derivations (explain=True) use. The engine's fast path compiles each assessment once, and the
formulas of its items and overrides become Python expressions inside that one function. Such an
expression computes what `expr._eval` computes, operation for operation on the same Decimals in
the same order:
- a name is whatever the caller's `name(...)` says it is (a local of the compiled function, or a
  lookup that raises KeyError when the name has no value, as _eval raises 缺少…的值);
- + − × ÷ are Python's own on Decimal, each result checked against the 10^15 limit; a division
  by 0 raises (decimal traps it, as _eval refuses it);
- 且/或 evaluate every operand, as _eval does (`&`/`|` on booleans, never short-circuits);
- a comparison with an empty value is false (beside a date UNKNOWN, which 且/或 combine as _eval does and
  which raises where it is taken for a truth: the reference then grades and says why), and a chain stops at
  its first false link;
- 期初日期()/期末日期() read the period's days among the values (dates.PERIOD_KEY), as _eval does;
- a function is one of expr.PURE_FUNCTIONS, or the caller's call for a roll-up's function, which
  raises outside a roll-up (as _eval refuses it there).
Where _eval raises, the expression raises too; the caller does not need the message: the fast
path then grades that person with the reference path, which reports the problem in words.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from generator.scheme.dates import PERIOD_DATE_FUNCTIONS, PERIOD_KEY, UNKNOWN, undecided
from generator.scheme.expr import LIMIT, PURE_FUNCTIONS, _truthy, compiled

_CMP = {ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<=", ast.Eq: "==", ast.NotEq: "!="}
_BIN = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_NEG_LIMIT = -LIMIT


def _u(left: Any, right: Any) -> Any:
    """A comparison with a blank side, as _eval's: false, or beside a date UNKNOWN (dates.py)."""
    return undecided(left, right)


def _k(value: Any) -> Any:
    """A result of + − × ÷ outside (−10^15, 10^15), or not comparable with a number: refused when it
    is a Decimal (expr._eval's _too_large), else the value _eval would return."""
    if value.__class__ is Decimal and not (_NEG_LIMIT < value < LIMIT):
        raise OverflowError("number beyond 10^15")
    return value


# What the generated expressions refer to; the compiling module puts these in its namespace.
# the classes beside which a blank is undecided (a date, UNKNOWN): tested inline, as a call per blank comparison
# (处分 == "记过" for everyone without a 处分) nearly doubled a condition's time
_DATED = frozenset({dt.date, type(UNKNOWN)})
HELPERS: dict[str, Any] = {"_k": _k, "_u": _u, "_DT": _DATED, "_t": _truthy, "_NL": _NEG_LIMIT, "_L": LIMIT, **{f"_pure_{i}": fn for i, fn in enumerate(PURE_FUNCTIONS.values())}}
_PURE = {name: f"_pure_{i}" for i, name in enumerate(PURE_FUNCTIONS)}


class Shared:
    """Values several formulas of one function compute alike, computed once (common subexpressions).

    A formula's expression evaluates every node of its tree, in the tree's order, but for the later
    links of a comparison chain (a < b < c: c only once a < b held); so does a run of formulas each
    evaluated whenever the next one is (the override conditions, fast.py). There, a node met again,
    over the same values, has the value it had — or raised the first time, and the caller's reference
    path then grades, as it would have at the second — so its second evaluation may read the first's.
    `trees`: the formulas in the order they are evaluated, each with whether it is evaluated whenever
    the next one is (False: on some paths only; it may read what is kept but keeps nothing).
    `repeated`: the keys (key_of, truth_key) met more than once where the formulas are written out,
    each kept in a local named `prefix` + a number where it is first evaluated."""

    def __init__(self, trees: list[tuple[ast.Expression, bool]], prefix: str):
        self.prefix = prefix
        self.known: dict[str, str] = {}  # key → the local holding its value
        self.repeated = set(_written_counts(trees, None))
        while True:  # a node met only inside another that is kept is written out once: nothing to keep
            counts = _written_counts(trees, self.repeated)
            kept = {key for key in self.repeated if counts.get(key, 0) > 1}
            if kept == self.repeated:
                break
            self.repeated = kept


def _written_counts(trees: list[tuple[ast.Expression, bool]], kept: set[str] | None) -> dict[str, int]:
    """How often each key is met where the formulas are written out, those of `kept` read from their
    local after the first (and what is inside them not met again); None: every node written out, and
    only the keys met more than once returned."""
    counts: dict[str, int] = {}
    seen: set[str] = set()

    def met(key: str | None, keeps: bool) -> bool:
        """Counts a key met; False when it is read from its local (nothing inside it is met)."""
        if key is None:
            return True
        counts[key] = counts.get(key, 0) + 1
        if kept is not None and key in seen:
            return False
        if kept is not None and key in kept and keeps:
            seen.add(key)
        return True

    def visit(node: ast.AST, for_truth: bool, keeps: bool) -> None:
        if for_truth and not met(truth_key(node), keeps):
            return
        if not met(key_of(node), keeps):
            return
        operands = isinstance(node, ast.BoolOp) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not))
        for child in ast.iter_child_nodes(node):  # in the order they are evaluated
            if isinstance(child, ast.expr):
                visit(child, operands, keeps)

    for tree, keeps in trees:
        visit(tree.body, False, keeps)
    return counts if kept is not None else {key: n for key, n in counts.items() if n > 1}


def key_of(node: ast.AST) -> str | None:
    """A node's identity for Shared: its tree (names, constants, operators), or None for a constant."""
    return None if isinstance(node, ast.Constant) else ast.dump(node)


def truth_key(node: ast.AST) -> str | None:
    """The identity of a node read for its truth by 且/或/不 (_t(x)), when that is not the node itself."""
    if isinstance(node, (ast.Constant, ast.Compare, ast.BoolOp)) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
        return None
    return "truth " + ast.dump(node)


class Emitter:
    """Turns one formula tree into Python source. `name(id)` gives the source for a value,
    `const(value)` the source for a constant (a name in the caller's namespace), `call(function,
    arguments)` the source calling one of a roll-up's functions (次数…); temporaries are named
    `prefix` + a number. With `shared` (Shared), a value computed by an earlier formula of the same
    run is read from its local; with `keep` also, this formula's own values that a later one
    computes again are kept (keep False: a formula evaluated only on some paths, such as a gate's
    requirement, reads what is kept but keeps nothing)."""

    def __init__(self, name: Callable[[str], str], const: Callable[[Any], str], call: Callable[[str, str], str], prefix: str = "_c",
                 shared: Shared | None = None, keep: bool = True):
        self.name, self.const, self.call, self.prefix = name, const, call, prefix
        self.temps = 0
        self.calls_functions = False  # a roll-up's function is called: the caller must provide them
        self.shared, self.keep = shared, keep
        self._sometimes = 0  # > 0 while writing a later link of a comparison chain: evaluated on some paths only

    def _temp(self) -> str:
        self.temps += 1
        return f"{self.prefix}{self.temps}"

    def source(self, tree: ast.Expression) -> str:
        return self._node(tree.body)

    def _once(self, key: str | None, write: Callable[[], str]) -> str:
        """`write()`'s source, or the local that holds its value already (Shared), or it kept in one."""
        shared = self.shared
        if shared is None or key is None or key not in shared.repeated:
            return write()
        known = shared.known.get(key)
        if known is not None:
            return known
        source = write()
        if not self.keep or self._sometimes or source.isidentifier():  # a local already: nothing to keep
            return source
        local = shared.known[key] = f"{shared.prefix}{len(shared.known) + 1}"
        return f"({local} := {source})"

    def _node(self, node: ast.AST) -> str:
        return self._once(key_of(node), lambda: self._written(node))

    def _written(self, node: ast.AST) -> str:
        if isinstance(node, ast.Constant):
            return self.const(node.value)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.BoolOp):
            op = " & " if isinstance(node.op, ast.And) else " | "
            return "(" + op.join(self._truth(v) for v in node.values) + ")"
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return f"(not {self._truth(node.operand)})"
            operand = self._node(node.operand)
            return f"(-{operand})" if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            # _k inline: a Decimal beyond the limit raises; so does a result that is not a number
            # (text + text: _eval returns it, and the caller's reference path then does too)
            result = self._temp()
            return f"({result} if _NL < ({result} := {self._node(node.left)} {_BIN[type(node.op)]} {self._node(node.right)}) < _L else _k({result}))"
        if isinstance(node, ast.Compare):
            return self._compare(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = ", ".join(self._node(a) for a in node.args)
            fn = node.func.id
            if fn in PERIOD_DATE_FUNCTIONS:  # the period's (first, last) day among the values (dates.py)
                return f"{self.name(PERIOD_KEY)}[{PERIOD_DATE_FUNCTIONS[fn]}]"
            if fn in _PURE:
                return f"{_PURE[fn]}({args})"
            self.calls_functions = True
            return self.call(fn, args)
        raise ValueError(f"cannot compile {ast.dump(node)}")

    def _truth(self, node: ast.AST) -> str:
        """The operand as 且/或/不 read it (expr._truthy): a comparison, 且, 或 or 不 is already a
        bool here (its source below yields True or False only), so only other operands are tested."""
        if isinstance(node, (ast.Compare, ast.BoolOp)) or (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
            return self._node(node)
        return self._once(truth_key(node), lambda: f"_t({self._node(node)})")

    def _compare(self, node: ast.Compare) -> str:
        # left, then the first comparator, both evaluated before either is tested for None; each
        # later comparator only once the links before it held (expr._eval's loop).
        left = self._temp()
        first = self._temp()
        head = f"(({left} := {self._node(node.left)}) is not None) & (({first} := {self._node(node.comparators[0])}) is not None)"
        links = f"{left} {_CMP[type(node.ops[0])]} {first}"
        previous = first
        self._sometimes += 1
        for op, comparator in zip(node.ops[1:], node.comparators[1:]):
            current = self._temp()
            links += f" and ({previous} {_CMP[type(op)]} {current} if ({current} := {self._node(comparator)}) is not None else {self._blank(previous, current)})"
            previous = current
        self._sometimes -= 1
        return f"(({links}) if {head} else {self._blank(left, first)})"

    @staticmethod
    def _blank(left: str, right: str) -> str:
        """A comparison with a blank side: False, unless a side is a date or UNKNOWN (then _u says UNKNOWN)."""
        return f"(False if {left}.__class__ not in _DT and {right}.__class__ not in _DT else _u({left}, {right}))"


@functools.lru_cache(maxsize=1024)
def as_function(source: str) -> Callable[[Mapping[str, Any], Mapping[str, Callable[..., Any]]], Any]:
    """A checked formula as a Python function of (values, functions): its value where
    `compiled(source).evaluate(values, functions)` has one, or an exception (any) where that raises
    or the expression does not follow it. The caller then asks `evaluate` for the words."""
    namespace: dict[str, Any] = dict(HELPERS)

    def const(value: Any) -> str:
        name = f"K{len(namespace)}"
        namespace[name] = value
        return name

    body = Emitter(lambda n: f"V[{n!r}]", const, lambda fn, args: f"F[{fn!r}]({args})").source(compiled(source).tree)
    exec(compile(f"def formula(V, F):\n    return {body}\n", f"<kaohe formula {source}>", "exec"), namespace)
    return namespace["formula"]
