"""Dates in a formula used as dates, refused by the scheme check with how to write them: a date column or
期初日期()/期末日期() compared with a text (入职日期 > "2025-06-30" compares letters, and is wrong next year) or a
number, added to or multiplied by anything (入职日期 + 6), and 月数()/天数() given anything but two dates."""

from __future__ import annotations

import ast
import re

from generator.scheme.dates import PERIOD_DATE_FUNCTIONS, SPAN_FUNCTIONS
from generator.scheme.expr import Formula
from generator.scheme.formula_types import Columns

_DATE_TEXT_RE = re.compile(r"\d{4}\s*[-/.年]")


def _kind(node: ast.AST, columns: Columns, numbers: set[str]) -> str | None:
    """"date", "number", "text" or None (not known: a truth, a roll-up's function…)."""
    if isinstance(node, ast.Name):
        return columns.get(node.id, ("number" if node.id in numbers else "", ()))[0] or None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return "date" if node.func.id in PERIOD_DATE_FUNCTIONS else "number" if node.func.id in SPAN_FUNCTIONS else None
    if isinstance(node, ast.Constant):
        return "text" if isinstance(node.value, str) else "number"
    if isinstance(node, ast.BinOp) or isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not):
        return "number"
    return None


def _shown(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else f"{node.func.id}()" if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else "日期"


def dates_misused(formula: Formula, columns: Columns, numbers: set[str]) -> list[str]:
    """What is wrong with each use of a date in the formula, in words (`numbers`: item codes and 总分)."""
    found: list[str] = []

    def add(words: str) -> None:
        if words not in found:
            found.append(words)

    for node in ast.walk(formula.tree):
        if isinstance(node, ast.BinOp) or isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not):
            operands = [node.left, node.right] if isinstance(node, ast.BinOp) else [node.operand]
            for operand in operands:
                if _kind(operand, columns, numbers) == "date":
                    add(f"「{_shown(operand)}」是日期，不能加减乘除：两个日期相隔几个月、几天，写 月数(起, 止)、天数(起, 止)，"
                        f"如 月数({_shown(operand)}, 期末日期()) < 6。")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            for left, right in zip(sides, sides[1:]):
                for date, other in ((left, right), (right, left)):
                    if _kind(date, columns, numbers) != "date":
                        continue
                    kind = _kind(other, columns, numbers)
                    if kind == "text" and isinstance(other, ast.Constant) and _DATE_TEXT_RE.match(str(other.value)):
                        add(f"「{_shown(date)}」不能与写死的日期「{other.value}」比较（那是文字，而且明年就不对了）：考核期内写 "
                            f"{_shown(date)} >= 期初日期() 且 {_shown(date)} <= 期末日期()；相隔几个月写 月数({_shown(date)}, 期末日期())。")
                    elif kind in ("text", "number", "yesno", "choice", "choices"):
                        add(f"「{_shown(date)}」是日期，只能与日期（另一个日期列、期初日期()、期末日期()）比较；"
                            f"要比较相隔的月数、天数，写 月数({_shown(date)}, 期末日期()) >= 6。")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SPAN_FUNCTIONS:
            for arg in node.args:
                if _kind(arg, columns, numbers) != "date":
                    what = f"「{arg.id}」不是日期列（在 inputs 中写 type: date）" if isinstance(arg, ast.Name) else "这一项不是日期"
                    add(f"{node.func.id}() 的两项都要是日期：日期列或 期初日期()、期末日期()；{what}。")
    return found


def date_input_slips(scheme) -> list[tuple[tuple, str]]:
    """(path, words) for each input whose keys do not fit its type: min、max、places or percent on a date column
    (read by nobody: 录用日期 with min: 2020 would have limited nothing), after_period on a column of no dates."""
    found: list[tuple[tuple, str]] = []
    declared = [(("inputs", i), d) for i, d in enumerate(scheme.inputs)]
    declared += [(("assessments", ai, "inputs", i), d) for ai, a in enumerate(scheme.assessments) for i, d in enumerate(a.inputs)]
    for path, decl in declared:
        if decl.type == "date":
            for key in ("min", "max", "places", "percent"):
                if getattr(decl, key) not in (None, False):
                    found.append((path + (key,), f"日期列「{decl.name}」不写 {key}：它只用于数字列。要限定日期的，写在条件中（如 {decl.name} >= 期初日期()）；"
                                                 "晚于考核期最后一天的日期本来就报错（可以晚于的写 after_period: true）。"))
        elif decl.after_period:
            found.append((path + ("after_period",), f"after_period 只用于日期列（type: date），「{decl.name}」不是日期列；请删去。"))
    return found
