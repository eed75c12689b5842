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
from generator.scheme.expr_words import BARE_FUNCTIONS, COLUMN_WORDS

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
    for a, b in _READ_BACK:
        text = text.replace(a, b)
    for function, pattern in COLUMN_WORDS.items():  # 各期「病事假天数」之和 → 合计(「病事假天数」)
        regex = re.escape(pattern).replace(re.escape("{}"), "(「[^」]*」)")
        text = re.sub(regex, lambda m, f=function: f"{f}({m.group(1)})", text)
    # a column read as a truth, as the handbook prints it: 「试用期」为“是”, 「否决情形」填了任何一项 / 一项都没填
    text = re.sub(r"「([^」]*)」(?:为“是”|填了任何一项)", lambda m: m.group(1), text)
    text = re.sub(r"「([^」]*)」一项都没填", lambda m: f"not {m.group(1)}", text)
    text = re.sub(r"「([^」]*)」(填了|没填)", lambda m: f'{m.group(1)} {"!=" if m.group(2) == "填了" else "=="} ""', text)
    text = re.sub(r"「([^」]*)」", lambda m: json.dumps(m.group(1), ensure_ascii=False), text)
    for bare in BARE_FUNCTIONS:
        text = re.sub(rf"{bare}(?!\s*[（(])", f"{bare}()", text)
    return parse_formula(text, None)


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


