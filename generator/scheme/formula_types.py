"""Comparisons in a condition that can never come out as the sheet says, refused by the scheme check with
how to write them: a 多选 column (type: choices) holds a list of names, so 否决情形 != "" held for everyone
and 否决情形 == "酒驾" for no one; a 是/否 column holds a truth, so 试用期 == "是" never held; a number
column or an item compared with a text, a 选择 column with a number or with a name not among its choices
(处分 == "记过处分" where the choices say 记过) never held either; a text compared by size (处分决定日期 >
"2025-12-31" in a 文字 column, 处分 >= "记过") was compared letter by letter, neither as a date nor as a rank,
and held for "2025.2.1" (a date column is type: date; formula_dates.py checks its uses). And 包含(列, "项") must name a 多选,
选择 or 文字 column and one of its choices (包含(病事假天数, 30) would never hold)."""

from __future__ import annotations

import ast

from generator.scheme.expr import Formula

# column name → (its type: number, yesno, choice, text, choices…; its choices)
Columns = dict[str, tuple[str, tuple[str, ...]]]

CONTAINS_TYPES = ("choices", "choice", "text")


def _text(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and not isinstance(node.value, (str, bool))


def never_holds(formula: Formula, columns: Columns, numbers: set[str]) -> list[str]:
    """Why each comparison of the formula can never come out as the sheet says, in words (`numbers`: the
    item codes and 总分, which are numbers)."""
    found: list[str] = []
    for node in ast.walk(formula.tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, sides, sides[1:]):
            for name, other in ((left, right), (right, left)):
                if isinstance(name, ast.Name):
                    words = _pair(name.id, other, columns, numbers, isinstance(op, ORDERING))
                    if words and words not in found:
                        found.append(words)
    return found


# > >= < <=: only numbers have a size; a text's is its letters' order (see the module's docstring)
ORDERING = (ast.Gt, ast.GtE, ast.Lt, ast.LtE)


def _pair(name: str, other: ast.AST, columns: Columns, numbers: set[str], by_size: bool = False) -> str | None:
    kind, choices = columns.get(name, ("number" if name in numbers else "", ()))
    text = _text(other)
    if by_size and kind in ("choice", "text"):
        return (f"「{name}」填的是文字，不能比较大小：文字是一个字一个字比较的，不按日期先后，也不按等次高低"
                f"（「2025.2.1」大于「2025-12-31」）。只看是不是某一项的写 {name} == \"{choices[0] if choices else '…'}\"；"
                f"按日期判断的（如「处分决定在考核年度内」），在 inputs 中把这一列写成 type: date，条件写 {name} >= 期初日期() 且 {name} <= 期末日期()"
                "（相隔几个月用 月数(…)，见《公式写法》）。")
    if kind == "choices":
        example = choices[0] if choices else "某一项"
        return (f"「{name}」是可填多项的列（type: choices），不能与文字比较（{name} == \"…\"、{name} != \"\" 都不按格子的内容成立）。"
                f"填了任何一项即成立的，直接写列名：when: {name}；一项都没填的写 非 {name}；只看其中一项的，写 包含({name}, \"{example}\")。")
    if kind == "yesno" and (text is not None or _number(other)):
        return f"「{name}」是「是/否」列，不能与文字或数字比较（{name} == \"是\" 永远不成立）：为「是」时成立的直接写 {name}，为「否」时成立的写 非 {name}。"
    if kind == "number" and text is not None:
        return f"「{name}」是数字，不能与文字「{text}」比较；与数字比较，如 {name} > 30（空着的格子比较时不成立）。"
    if kind in ("choice", "text") and _number(other):
        return f"「{name}」填的是文字，不能与数字比较；文字要加英文双引号，如 {name} == \"{choices[0] if choices else '…'}\"。"
    if kind == "choice" and text and choices and text not in choices:
        return f"「{text}」不是「{name}」的可选值（{'、'.join(choices)}），这个比较永远不按格子的内容成立；照可选值写。"
    return None


def contains_misused(formula: Formula, columns: Columns) -> list[str]:
    """What is wrong with each 包含() of the formula, in words."""
    found: list[str] = []
    for node in ast.walk(formula.tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "包含"):
            continue
        args = node.args
        if len(args) != 2:
            found.append(f"包含 要写两项：列名和要找的一项，如 包含(否决情形, \"酒后驾驶机动车\")（这里写了 {len(args)} 项）。")
            continue
        column, wanted = args
        kind, choices = columns.get(column.id, ("", ())) if isinstance(column, ast.Name) else ("", ())
        if kind not in CONTAINS_TYPES:
            shown = column.id if isinstance(column, ast.Name) else "第一项"
            found.append(f"包含 的第一项「{shown}」要是可填多项（choices）、选择（choice）或文字（text）列的列名。")
        if _text(wanted) is None:
            found.append("包含 的第二项要是加英文双引号的文字，如 \"酒后驾驶机动车\"。")
        elif choices and _text(wanted) not in choices:
            found.append(f"「{_text(wanted)}」不是「{column.id}」的可选值（{'、'.join(choices)}），包含 永远不成立。")  # type: ignore[union-attr]
    return found


GRADE_FUNCTIONS = ("次数", "全部", "连续")


def unknown_grades(formula: Formula, source_name: str, grades: tuple[str, ...]) -> list[str]:
    """次数("差") where the rolled-up assessment's grades are 好/较好/一般/较差: it counts nothing, ever."""
    found: list[str] = []
    for node in ast.walk(formula.tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GRADE_FUNCTIONS:
            for arg in node.args:
                grade = _text(arg)
                if grade is None or grade in grades:
                    continue
                words = (f"{node.func.id}(\"{grade}\") 数的是「{source_name}」各期的等次，而「{source_name}」"
                         + (f"的等次是 {'、'.join(grades)}，没有「{grade}」：照其中一个写。" if grades else "不定等次，没有可数的等次。"))
                if words not in found:
                    found.append(words)
    return found
