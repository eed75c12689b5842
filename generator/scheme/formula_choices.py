"""A 多选 column (type: choices) in a condition: its cell holds a list of names, so comparing it with a
text (否决情形 != "", 处分 == "警告") is never true or never false, whatever the sheet says. The scheme
check refuses such a comparison and says how a condition reads the column instead."""

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
