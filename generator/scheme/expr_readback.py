"""Reading a formula's printed words back into a formula: the check that the handbook's words state
the rule that grades (a test runs it over every formula of every seed scheme)."""

from __future__ import annotations

import ast
import copy
import json
import re
from collections.abc import Mapping
from decimal import Decimal

from generator.scheme.expr import Formula, parse_formula
from generator.scheme.expr_words import BARE_FUNCTIONS, COLUMN_WORDS, DATE_CMP, PERIOD_WORDS, SPAN_CMP, SPAN_ENDS, SPAN_UNITS

_READ_BACK = [
    (" 大于或等于 ", " >= "),
    (" 小于或等于 ", " <= "),
    (" 不等于 ", " != "),
    (" 大于 ", " > "),
    (" 小于 ", " < "),
    (" 等于 ", " == "),
    (" 并且 ", " and "),
    (" 或者 ", " or "),
    ("并非（", "not （"),
    ("−", "-"),
]


def parse_described(words: str, names: Mapping[str, str] | None = None) -> Formula:
    """Read the printed words of a formula back into a formula (the inverse of describe), with
    `names` the code → name mapping the words were printed with. For tests and checks: the
    printed rule must be the rule that grades."""
    text = words
    for code, name in sorted((names or {}).items(), key=lambda kv: -len(kv[1])):
        if name != code:  # whole names only: 勤 inside 应出勤天数 is not the item 勤
            text = re.sub(rf"(?<![^\s（），]){re.escape(name)}(?![^\s（），])", lambda _m, c=code: c, text)
    text = _dates_back(text)
    for a, b in _READ_BACK:
        text = text.replace(a, b)
    for function, pattern in COLUMN_WORDS.items():  # 各期「病事假天数」之和 → 合计(「病事假天数」)
        regex = re.escape(pattern).replace(re.escape("{}"), "(「[^」]*」)")
        text = re.sub(regex, lambda m, f=function: f"{f}({m.group(1)})", text)
    # a column read as a truth, as the handbook prints it: 「试用期」为“是”, 「否决情形」填了任何一项 / 一项都没填
    text = re.sub(r"「([^」]*)」(?:为“是”|填了任何一项|填了日期)", lambda m: m.group(1), text)
    text = re.sub(r"「([^」]*)」一项都没填", lambda m: f"not {m.group(1)}", text)
    text = re.sub(r"「([^」]*)」(填了|没填)", lambda m: f'{m.group(1)} {"!=" if m.group(2) == "填了" else "=="} ""', text)
    text = re.sub(r"「([^」]*)」", lambda m: json.dumps(m.group(1), ensure_ascii=False), text)
    for bare in BARE_FUNCTIONS:
        text = re.sub(rf"{bare}(?!\s*[（(])", f"{bare}()", text)
    return parse_formula(text, None)


_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_SPAN_BACK = {words: _OPS[op] for op, words in SPAN_CMP.items()}
_DATE_BACK = {words: _OPS[op] for op, words in DATE_CMP.items()}
_ENDS_BACK = {words: f"{function}()" for function, words in SPAN_ENDS.items()}


def _alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # 不满 before 满, 不是 before 是


def _dates_back(text: str) -> str:
    """expr_words' date phrases as the formula: 录用日期距考核期末不满 12 个月 → 月数(录用日期, 期末日期()) < 12,
    处分决定日期不早于考核期的第一天 → 处分决定日期 >= 期初日期(), 录用日期至考核期末的整月数 → 月数(…)."""
    side = r"([^\s（）]+?)"
    units = {unit: function for function, unit in SPAN_UNITS.items()}
    text = re.sub(rf"{side}距({_alternatives(_ENDS_BACK)}|[^\s（）]+?)({_alternatives(_SPAN_BACK)}) (\S+) ({_alternatives(units)})",
                  lambda m: f"{units[m.group(5)]}({m.group(1)}, {_ENDS_BACK.get(m.group(2), m.group(2))}) {_SPAN_BACK[m.group(3)]} {m.group(4)}", text)
    text = re.sub(rf"{side}至({_alternatives(_ENDS_BACK)}|[^\s（）]+?)的(整月数|天数)",
                  lambda m: f"{'月数' if m.group(3) == '整月数' else '天数'}({m.group(1)}, {_ENDS_BACK.get(m.group(2), m.group(2))})", text)
    periods = {words: f"{function}()" for function, words in PERIOD_WORDS.items()}
    text = re.sub(rf"{side}({_alternatives(_DATE_BACK)})({_alternatives(periods)})",
                  lambda m: f"{m.group(1)} {_DATE_BACK[m.group(2)]} {periods[m.group(3)]}", text)
    return re.sub(_alternatives(periods), lambda m: periods[m.group(0)], text)


def same_formula(a: Formula, b: Formula) -> bool:
    """The same tree (number literals compared by value: 0.40 is 0.4)."""

    class _Canon(ast.NodeTransformer):
        def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:  # +x is printed as x
            self.generic_visit(node)
            return node.operand if isinstance(node.op, ast.UAdd) else node

        def visit_Constant(self, node: ast.Constant) -> ast.AST:
            if isinstance(node.value, Decimal):
                node.value = node.value.normalize()
            return node

    def canon(tree: ast.Expression) -> str:
        return ast.dump(_Canon().visit(copy.deepcopy(tree)), annotate_fields=False, include_attributes=False)

    return canon(a.tree) == canon(b.tree)


