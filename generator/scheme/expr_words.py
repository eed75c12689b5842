"""A formula in the reader's words, with the brackets it needs: (一般 + 较差) × 2 stays bracketed, so
the handbook states the same rule that grades. expr_readback reads the words back (tested over
every seed formula)."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from decimal import Decimal

from generator.core.numbers import fmt

CMP_WORDS = {ast.Gt: "大于", ast.GtE: "大于或等于", ast.Lt: "小于", ast.LtE: "小于或等于", ast.Eq: "等于", ast.NotEq: "不等于"}
BIN_WORDS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷"}

# Printing precedence: a child binding less tightly than its place needs gets brackets （）, so the
# words state the same rule that grades: (一般 + 较差) × 2 stays bracketed. parse_described reads
# the printed words back; a test checks that every seed formula comes back as the same tree.
_OR, _AND, _NOT, _CMP_P, _ADD, _MUL, _NEG, _ATOM = range(1, 9)
_BIN_P = {ast.Add: _ADD, ast.Sub: _ADD, ast.Mult: _MUL, ast.Div: _MUL}
# Zero-argument history functions are printed by name alone (期数, not 期数（）).
BARE_FUNCTIONS = {"期数"}
# A roll-up's sums over a column of its periods' sheets, as a reader says them.
COLUMN_WORDS = {"合计": "各期{}之和", "最大": "各期{}的最大值"}
# Dates as the handbook says them (scheme/dates.py): 月数(入职日期, 期末日期()) < 6 → 入职日期距考核期末不满 6 个月
PERIOD_WORDS = {"期初日期": "考核期的第一天", "期末日期": "考核期的最后一天"}
SPAN_ENDS = {"期初日期": "考核期初", "期末日期": "考核期末"}
SPAN_UNITS = {"月数": "个月", "天数": "天"}
SPAN_CMP = {ast.Lt: "不满", ast.GtE: "满", ast.Gt: "超过", ast.LtE: "不超过", ast.Eq: "正好", ast.NotEq: "不是"}
DATE_CMP = {ast.Lt: "早于", ast.LtE: "不晚于", ast.Gt: "晚于", ast.GtE: "不早于", ast.Eq: "是", ast.NotEq: "不是"}


def _wrap(part: tuple[str, int], needed: int) -> str:
    text, prec = part
    return f"（{text}）" if prec < needed else text


def _describe(node: ast.AST, names: Mapping[str, str]) -> tuple[str, int]:
    if isinstance(node, ast.Constant):
        return (fmt(node.value) if isinstance(node.value, Decimal) else f"「{node.value}」"), _ATOM
    if isinstance(node, ast.Name):
        return names.get(node.id, node.id), _ATOM
    if isinstance(node, ast.BoolOp):
        word, prec = ("并且", _AND) if isinstance(node.op, ast.And) else ("或者", _OR)
        return f" {word} ".join(_wrap(_describe(v, names), prec + 1) for v in node.values), prec
    if isinstance(node, ast.UnaryOp):
        inner = _describe(node.operand, names)
        if isinstance(node.op, ast.Not):
            return f"并非（{inner[0]}）", _NOT
        if isinstance(node.op, ast.USub):
            return f"−{_wrap(inner, _NEG)}", _NEG
        return inner
    if isinstance(node, ast.BinOp):
        prec = _BIN_P[type(node.op)]
        left = _wrap(_describe(node.left, names), prec)
        right = _wrap(_describe(node.right, names), prec + 1)
        return f"{left} {BIN_WORDS[type(node.op)]} {right}", prec
    if isinstance(node, ast.Compare):
        blank = _blank_test(node)
        if blank is not None:  # 处分 != "" → 「处分」填了, not 「处分 不等于 「」」
            name, filled = blank
            return f"「{names.get(name, name)}」{'填了' if filled else '没填'}", _ATOM
        dated = _dates_described(node, names)
        if dated is not None:
            return dated, _CMP_P
        parts = [_wrap(_describe(node.left, names), _CMP_P + 1)]
        for op, comp in zip(node.ops, node.comparators):
            parts.append(f"{CMP_WORDS[type(op)]} {_wrap(_describe(comp, names), _CMP_P + 1)}")
        return " ".join(parts), _CMP_P
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        if not node.args and node.func.id in BARE_FUNCTIONS:
            return node.func.id, _ATOM
        if not node.args and node.func.id in PERIOD_WORDS:
            return PERIOD_WORDS[node.func.id], _ATOM
        if node.func.id in SPAN_UNITS and len(node.args) == 2:  # 入职日期至考核期末的整月数
            start, end = (_span_end(a, names) for a in node.args)
            return f"{start}至{end}的{'整月数' if node.func.id == '月数' else '天数'}", _ATOM
        if node.func.id in COLUMN_WORDS and len(node.args) == 1:  # 合计("病事假天数") → 各期「病事假天数」之和
            return COLUMN_WORDS[node.func.id].format(_describe(node.args[0], names)[0]), _ATOM
        return f"{node.func.id}（{'，'.join(_describe(a, names)[0] for a in node.args)}）", _ATOM
    return ast.unparse(node), _ATOM


def _span_end(node: ast.AST, names: Mapping[str, str]) -> str:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SPAN_ENDS and not node.args:
        return SPAN_ENDS[node.func.id]
    return _wrap(_describe(node, names), _ATOM)


def _dates_described(node: ast.Compare, names: Mapping[str, str]) -> str | None:
    """月数(入职日期, 期末日期()) < 6 → 入职日期距考核期末不满 6 个月; 处分决定日期 >= 期初日期() → 处分决定日期不早于
    考核期的第一天. None for any other comparison (a chain, a span compared with another formula)."""
    if len(node.ops) != 1:
        return None
    left, op, right = node.left, type(node.ops[0]), node.comparators[0]
    call = left if isinstance(left, ast.Call) and isinstance(left.func, ast.Name) else None
    if call is not None and call.func.id in SPAN_UNITS and len(call.args) == 2 and isinstance(right, ast.Constant) and isinstance(right.value, Decimal):  # type: ignore[attr-defined]
        start, end = (_span_end(a, names) for a in call.args)
        return f"{start}距{end}{SPAN_CMP[op]} {fmt(right.value)} {SPAN_UNITS[call.func.id]}"  # type: ignore[attr-defined]
    if isinstance(right, ast.Call) and isinstance(right.func, ast.Name) and right.func.id in PERIOD_WORDS and not right.args:
        return f"{_wrap(_describe(left, names), _CMP_P + 1)}{DATE_CMP[op]}{PERIOD_WORDS[right.func.id]}"
    return None


def _blank_test(node: ast.Compare) -> tuple[str, bool] | None:
    """(column, whether filled) for 列 == "" / 列 != "" (either way round); None for any other comparison."""
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        return None
    for name, other in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
        if isinstance(name, ast.Name) and isinstance(other, ast.Constant) and other.value == "":
            return name.id, isinstance(node.ops[0], ast.NotEq)
    return None


def describe_tree(node: ast.AST, names: Mapping[str, str]) -> str:
    """The words of a parsed formula's body; `names` maps item codes to item names."""
    return _describe(node, names)[0]
