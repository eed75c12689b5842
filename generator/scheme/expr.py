"""A small, safe evaluator for the formulas and conditions a scheme may declare.

A YAML string is never run as Python. We parse it with `ast.parse(mode="eval")` (parsing only)
and walk the tree ourselves, allowing just: numbers, quoted text, declared names, + - * /,
comparisons, 且/或/非 (and/or/not), and a few functions. Anything else (attributes,
subscripts, lambdas, comprehensions, calls of undeclared functions) is rejected at load time,
and so is any name the scheme has not declared. Numbers are Decimal from their text.

Chinese names are valid identifiers, so `病事假天数 > 考核天数 / 2` is a formula; 且/或/非 are
accepted as spellings of and/or/not, and ≥ ≤ ≠ × ÷ as their ASCII forms.
"""

from __future__ import annotations

import ast
import decimal
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.core.numbers import NotANumber, ceil_int, floor_int, parse_decimal
from generator.core.problems import clip
from generator.scheme import dates
from generator.scheme.expr_words import describe_tree
from generator.scheme.formula_hints import syntax_hint

_SPELLINGS = [
    ("≥", ">="),
    ("≤", "<="),
    ("≠", "!="),
    ("×", "*"),
    ("÷", "/"),
    ("（", "("),
    ("）", ")"),
    ("，", ","),
    ("“", '"'),
    ("”", '"'),
]
_WORDS = {"且": " and ", "或": " or ", "非": " not "}

_CMP = {
    ast.Gt: (lambda a, b: a > b, "大于"),
    ast.GtE: (lambda a, b: a >= b, "大于或等于"),
    ast.Lt: (lambda a, b: a < b, "小于"),
    ast.LtE: (lambda a, b: a <= b, "小于或等于"),
    ast.Eq: (lambda a, b: a == b, "等于"),
    ast.NotEq: (lambda a, b: a != b, "不等于"),
}
_BIN = {
    ast.Add: (lambda a, b: a + b, "+"),
    ast.Sub: (lambda a, b: a - b, "−"),
    ast.Mult: (lambda a, b: a * b, "×"),
    ast.Div: (lambda a, b: a / b, "÷"),
}

MAX_LENGTH = 500
# Functions over a person's earlier periods, available in roll-ups (supplied by engine/compute.py):
# over the grades the periods ended with, and over a column of the periods' sheets (合计("病事假天数")).
HISTORY_GRADE_FUNCTIONS = {"次数", "全部", "期数", "连续"}
HISTORY_COLUMN_FUNCTIONS = {"合计", "最大"}
HISTORY_FUNCTION_NAMES = HISTORY_GRADE_FUNCTIONS | HISTORY_COLUMN_FUNCTIONS


class FormulaError(ValueError):
    def __init__(self, message: str, code: str = "bad-formula", names: tuple[str, ...] = ()):
        super().__init__(message)
        self.code = code
        self.names = names  # the inputs whose values made the formula fail (empty, text…)


# Functions a formula may call. Each takes evaluated arguments. History functions (次数, 全部…) are
# supplied by the roll-up context; these are the pure ones.
def _fn_min(*args: Decimal) -> Decimal:
    return min(args)


def _fn_max(*args: Decimal) -> Decimal:
    return max(args)


def _fn_contains(cell: Any, name: Any) -> bool:
    """包含(否决情形, "酒后驾驶机动车"): a 多选 cell (a list of names) holds the name; a 选择 or 文字 cell is it."""
    if isinstance(cell, (list, tuple)):
        return name in cell
    return cell is not None and cell == name


PURE_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "min": _fn_min,
    "max": _fn_max,
    "取整": lambda x: Decimal(floor_int(x)),
    "向上取整": lambda x: Decimal(ceil_int(x)),
    "包含": _fn_contains,
    "月数": dates.months_between,  # dates.py: whole months, and days, between two dates
    "天数": dates.days_between,
}


def _normalize(text: str) -> str:
    for a, b in _SPELLINGS:
        text = text.replace(a, b)
    # 且/或/非 are operators only as separate words (spaces around them), so a column name such
    # as 失职或投诉 stays one name.
    return re.sub(r"(?:(?<=\s)|^)([且或非])(?=\s)", lambda m: _WORDS[m.group(1)], text).strip()


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its source text, tree and the names it uses."""

    source: str
    tree: ast.Expression
    names: frozenset[str]

    def evaluate(self, values: Mapping[str, Any], functions: Mapping[str, Callable[..., Any]] | None = None,
                 labels: Mapping[str, str] | None = None) -> Any:
        """The value; a FormulaError naming the inputs that failed it (`labels`: code → the name people know)."""
        funcs = dict(PURE_FUNCTIONS)
        if functions:
            funcs.update(functions)
        try:
            result = _eval(self.tree.body, values, funcs)
            if result is dates.UNKNOWN:  # a condition on a blank date (dates.py)
                blanks = dates.blank_dates(self.tree, values)
                raise FormulaError(dates.undecided_words(self.source, blanks), "missing-value", tuple(blanks))
            return result
        except dates.DateArgumentError as exc:
            raise FormulaError(f"公式「{self.source}」无法计算：{exc}") from None
        except FormulaError as exc:
            if exc.code == "number-overflow":
                raise _too_large(self.source) from None
            if self.source in str(exc):
                raise
            raise FormulaError(f"公式「{self.source}」无法计算：{exc}", exc.code, exc.names) from None
        except (decimal.Overflow, decimal.InvalidOperation):  # before TypeError: InvalidOperation is also one
            raise _too_large(self.source) from None
        except (TypeError, ArithmeticError):  # an empty cell (None) or text in arithmetic
            culprits = [(name, values.get(name)) for name in sorted(self.names) if not _is_number(values.get(name))]
            # a 是/否 read as a truth (工伤 且 …) is no culprit beside an empty value or a text
            culprits = [(name, value) for name, value in culprits if not isinstance(value, bool)] or culprits
            if not culprits:
                raise FormulaError(f"公式「{self.source}」无法计算：有值为空或不是数字", "missing-value") from None
            shown = {name: (f"项目「{labels[name]}」" if labels and name in labels else f"「{name}」") for name, _ in culprits}
            words = "；".join(f"{shown[name]}为空" if value is None else f"{shown[name]}的值「{clip(str(value))}」不是数字" for name, value in culprits)
            raise FormulaError(f"公式「{self.source}」无法计算：{words}", "missing-value", tuple(n for n, _ in culprits)) from None

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """The formula in Chinese words for the handbook, with the brackets it needs; `names`
        maps item codes to the item names a reader knows."""
        return describe_tree(self.tree.body, names or {})


def parse_formula(source: str, allowed_names: set[str] | None, allowed_functions: set[str] | None = None) -> Formula:
    """Parse and check `source`; raise FormulaError naming what is not allowed.

    `allowed_names=None` skips the name check: for evaluating a formula the scheme check passed.
    """
    if not isinstance(source, str) or not source.strip():
        raise FormulaError("公式为空")
    if len(source) > MAX_LENGTH:
        raise FormulaError(f"公式超过 {MAX_LENGTH} 个字符")
    text = _normalize(source.strip())
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise FormulaError(f"公式「{source}」写法不对{syntax_hint(source)}") from None
    functions = set(PURE_FUNCTIONS) | set(dates.PERIOD_DATE_FUNCTIONS) | (allowed_functions if allowed_functions is not None else HISTORY_FUNCTION_NAMES)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id.startswith("__"):
                raise FormulaError(f"公式中不允许这种调用：{source}")
            if node.func.id in HISTORY_FUNCTION_NAMES - functions:
                column = next((a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)), "列名")
                raise FormulaError(f"「{node.func.id}」是汇总各期结果的函数，只能用于写了 rolls_up 的考核（如年度考核汇总各季度、各月）；"
                                   + (f"本考核只有一期的成绩表，请直接写列名：{node.func.id}(\"{column}\") 改为 {column}"
                                      if node.func.id in HISTORY_COLUMN_FUNCTIONS else "本考核只有一期，没有各期的等次可数"), "unknown-name")
            if node.func.id not in functions:
                raise FormulaError(f"不支持的函数「{node.func.id}」；可用：{'、'.join(sorted(functions))}", "unknown-name")
            if node.keywords:
                raise FormulaError("函数不支持 名字=值 形式的参数")
            if (words := dates.arity_words(node.func.id, len(node.args))) is not None:
                raise FormulaError(f"{words}：{source}")
        elif not isinstance(
            node,
            (
                ast.Expression,
                ast.BoolOp,
                ast.And,
                ast.Or,
                ast.UnaryOp,
                ast.Not,
                ast.USub,
                ast.UAdd,
                ast.BinOp,
                ast.Compare,
                ast.Constant,
                ast.Load,
                *_CMP.keys(),
                *_BIN.keys(),
            ),
        ):
            raise FormulaError(f"公式中不允许「{type(node).__name__}」这种写法：{source}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float, str)) or (
            isinstance(node, ast.Constant) and isinstance(node.value, bool)
        ):
            raise FormulaError(f"公式中不允许常量 {node.value!r}")
    call_names = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    unknown = sorted((names - call_names) - allowed_names) if allowed_names is not None else []
    if unknown:
        raise FormulaError(
            f"公式中的「{'」「'.join(unknown)}」没有在方案中声明（可用：{'、'.join(sorted(allowed_names)) or '无'}）{dates.bare_call_hint(unknown)}",
            "unknown-name",
        )
    # Number literals: re-read from the source text so 0.1 is Decimal('0.1'), never a float.
    # Like a cell: no exponent (1e999999999), no more digits than MAX_DIGITS.
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            segment = (ast.get_source_segment(text, node) or str(node.value)).replace("_", "")
            try:
                node.value = parse_decimal(segment)  # type: ignore[assignment]
            except NotANumber as exc:
                raise FormulaError(f"公式中的数字「{segment}」{exc.reason}：{source}", "number-overflow") from None
    return Formula(source, tree, frozenset(names - call_names))


def _eval(node: ast.AST, values: Mapping[str, Any], funcs: Mapping[str, Callable[..., Any]]) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise FormulaError(f"缺少「{node.id}」的值", "missing-value", (node.id,))
        return values[node.id]
    if isinstance(node, ast.BoolOp):
        return dates.both_or_either([_eval(v, values, funcs) for v in node.values], isinstance(node.op, ast.And), _truthy)
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, values, funcs)
        if isinstance(node.op, ast.Not):
            return operand if operand is dates.UNKNOWN else not _truthy(operand)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values, funcs), _eval(node.right, values, funcs)
        if isinstance(node.op, ast.Div) and right == 0:
            raise _by_zero(node.right, values)
        result = _BIN[type(node.op)][0](left, right)
        if isinstance(result, Decimal) and (not result.is_finite() or abs(result) >= LIMIT):
            raise _too_large("")
        return result
    if isinstance(node, ast.Compare):
        left = _eval(node.left, values, funcs)
        for op, comparator in zip(node.ops, node.comparators):
            right = _eval(comparator, values, funcs)
            blank = dates.undecided(left, right)
            if blank is not None:  # a blank cell: false, or UNKNOWN beside a date
                return blank
            if not _CMP[type(op)][0](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        if node.func.id in dates.PERIOD_DATE_FUNCTIONS:
            return dates.period_date(values, node.func.id)
        args = [_eval(a, values, funcs) for a in node.args]
        if node.func.id not in funcs:  # a roll-up's function outside a roll-up (the scheme check reports it)
            raise FormulaError(f"函数「{node.func.id}」只能在年度汇总中使用")
        return funcs[node.func.id](*args)
    raise FormulaError(f"无法计算：{ast.dump(node)}")


def _by_zero(divisor: ast.AST, values: Mapping[str, Any]) -> FormulaError:
    """The divisor in words and the cells it read (四种票数都是 0: nobody voted, or the votes were not typed in),
    pointing at its first column."""
    names = sorted((n for n in ast.walk(divisor) if isinstance(n, ast.Name) and n.id in values), key=lambda n: n.col_offset)
    read = list(dict.fromkeys(n.id for n in names))  # in the order they are written
    cells = "（" + "、".join(f"{name} {values[name]}" for name in read) + "）" if read else ""
    fix = "；核对这几列是否漏填或填错" if read else ""
    return FormulaError(f"公式中的除数「{describe_tree(divisor, {})}」为 0{cells}，无法相除{fix}", "missing-value", tuple(read))


def _is_number(value: Any) -> bool:
    return isinstance(value, (Decimal, int)) and not isinstance(value, bool)


# No score, count or weight comes near this; a value beyond it is a mistake in the formula or the sheet
# (and a Decimal that large could not be rounded to the declared places).
LIMIT = Decimal(10) ** 15


def _too_large(source: str) -> FormulaError:
    return FormulaError(f"公式算出的数超过 10 的 15 次方，无法精确计算；请检查公式和表中的数{('：' + source) if source else ''}", "number-overflow")


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value not in ("", "否", "无")
    return bool(value)


@functools.lru_cache(maxsize=1024)
def compiled(source: str) -> Formula:
    """A formula already checked against its scheme's names, parsed once."""
    return parse_formula(source, None)
