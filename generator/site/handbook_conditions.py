"""The handbook's 特殊情形 in words: each override's condition as a reader says it, a yes/no column
alone as 「试用期」为“是”, a 多选 column read as a truth as 「否决情形」填了任何一项."""

from __future__ import annotations

import ast

from generator.scheme.columns import plan_columns
from generator.scheme.expr import FormulaError, compiled
from generator.scheme.expr_words import describe_tree
from generator.scheme.model import Assessment, Scheme


def condition_words(text: str | None, names: dict[str, str] | None = None, multiple: frozenset[str] = frozenset(),
                    dates: frozenset[str] = frozenset()) -> str:
    """A condition in the handbook's words; `multiple`: the 多选 columns (type: choices) it may read by name, `dates`
    the date columns (录用日期 且 …: 「录用日期」填了日期)."""
    if not text:
        return ""
    try:
        formula = compiled(text)
    except FormulaError:
        return text
    if isinstance(formula.tree.body, ast.Name) and formula.tree.body.id not in multiple:  # a yes/no column on its own: 试用期 → 「试用期」为“是”
        return f"「{(names or {}).get(formula.tree.body.id, formula.tree.body.id)}」为“是”"
    return describe_tree(_filled(formula.tree.body, multiple, names or {}, dates), names or {})


def _filled(node: ast.AST, multiple: frozenset[str], names: dict[str, str], dates: frozenset[str] = frozenset()) -> ast.AST:
    """The condition with each 多选 column read as a truth (否决情形, 非 否决情形) put as what it means:
    「否决情形」填了任何一项 (not as a yes/no column's 为“是”); a column inside 包含() stays as it is."""
    if isinstance(node, ast.Name) and node.id in multiple:
        return ast.Name(id=f"「{names.get(node.id, node.id)}」填了任何一项", ctx=ast.Load())
    if isinstance(node, ast.Name) and node.id in dates:
        return ast.Name(id=f"「{node.id}」填了日期", ctx=ast.Load())
    if isinstance(node, ast.BoolOp):
        return ast.BoolOp(op=node.op, values=[_filled(v, multiple, names, dates) for v in node.values])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        if isinstance(node.operand, ast.Name) and node.operand.id in multiple:
            return ast.Name(id=f"「{names.get(node.operand.id, node.operand.id)}」一项都没填", ctx=ast.Load())
        return ast.UnaryOp(op=node.op, operand=_filled(node.operand, multiple, names, dates))
    return node


def override_words(scheme: Scheme, assessment: Assessment) -> list[tuple[str, str, str]]:
    """(kind title, condition/result words, reason) in the declared order."""
    grades = assessment.grades
    names = assessment.item_names()
    specs = plan_columns(scheme, assessment).all()
    multiple = frozenset(spec.name for spec in specs if spec.type == "choices")
    dates = frozenset(spec.name for spec in specs if spec.type == "date")
    out = []
    for o in assessment.overrides:
        cond = condition_words(o.when, names, multiple, dates)
        if o.kind == "no_grade":
            later = "（以后由领导小组决定补定）" if o.decided_later else ""
            out.append(("不确定等次", f"当 {cond} 时：{o.label or (grades.no_grade if grades else '不确定等次')}{later}", o.reason))
        elif o.kind == "force":
            out.append(("直接确定等次", f"当 {cond} 时：直接确定为「{o.grade}」", o.reason))
        elif o.kind == "cap":
            out.append(("等次上限", f"当 {cond} 时：不得高于「{o.grade}」", o.reason))
        else:
            out.append(("评定条件", f"评为「{o.grade}」须满足：{condition_words(o.requires, names, multiple, dates)}；不满足的降为下一等次", o.reason))
    return out
