"""A 多选 column (type: choices) in a condition: its cell holds a list of names, so comparing it with a
text (否决情形 != "", 处分 == "警告") is never true or never false, whatever the sheet says. The scheme
check refuses such a comparison and says how a condition reads the column instead; and 包含(列, "项")
is checked to name a 多选, 选择 or 文字 column and a text (包含(病事假天数, 30) would never hold)."""

from __future__ import annotations

import ast

from generator.scheme.expr import Formula


def choices_compared(formula: Formula, choices_columns: set[str]) -> list[str]:
    """The 多选 columns the formula compares (==, !=, >, …) instead of reading them as a condition."""
    found: list[str] = []
    for node in ast.walk(formula.tree):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                if isinstance(side, ast.Name) and side.id in choices_columns and side.id not in found:
                    found.append(side.id)
    return found


def choices_words(column: str, choices: tuple[str, ...] | list[str]) -> str:
    example = choices[0] if choices else "某一项"
    return (f"「{column}」是可填多项的列（type: choices），不能与文字比较（{column} == \"…\"、{column} != \"\" 都不按格子的内容成立）。"
            f"填了任何一项即成立的，直接写列名：when: {column}；一项都没填的写 非 {column}；"
            f"只看其中一项的，写 包含({column}, \"{example}\")。")


CONTAINS_TYPES = ("choices", "choice", "text")


def contains_misused(formula: Formula, columns: dict[str, tuple[str, tuple[str, ...]]]) -> list[str]:
    """What is wrong with each 包含() of the formula, in words (`columns`: column name → its type and choices)."""
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
        if not (isinstance(wanted, ast.Constant) and isinstance(wanted.value, str)):
            found.append("包含 的第二项要是加英文双引号的文字，如 \"酒后驾驶机动车\"。")
        elif choices and wanted.value not in choices:
            found.append(f"「{wanted.value}」不是「{column.id}」的可选值（{'、'.join(choices)}），包含 永远不成立。")
    return found
