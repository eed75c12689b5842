"""A roll-up's formulas over the columns of its periods' sheets: 合计("病事假天数"), 最大("…").

A year rolled up from months reads what the months' sheets say: the leave days of each month summed
(「年度内病事假累计超过 30 天的，不确定等次」), a 是 in any month (合计("受处分") >= 1). Three checks keep
it from being silently wrong:
- the argument is one quoted column name of the summed assessment's sheet, a number or 是/否 column;
- that column is read from every period's sheet (a period's sheet without it is missing-column, not 0);
- a roll-up that may have no sheet of its own (results_optional) names no sheet column bare: its
  people's rows are then their latest period's (engine/compute._people_from), so 病事假天数 > 30
  would compare December's days alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from generator.scheme.expr import HISTORY_COLUMN_FUNCTIONS, FormulaError, compiled
from generator.scheme.model import Assessment, Scheme

SUMMABLE = ("number", "yesno")


def formula_sources(assessment: Assessment) -> Iterator[tuple[tuple, str, str]]:
    """(path under the assessment, formula text, what it is in words) of every formula the assessment declares."""
    for oi, override in enumerate(assessment.overrides):
        for key in ("when", "requires"):
            text = getattr(override, key)
            if text:
                yield ("overrides", oi, key), text, f"等次规则「{override.reason[:24]}」"
    for item in assessment.walk():
        if getattr(item.rule, "kind", "") == "formula":
            yield ("items", item.code), item.rule.expr, f"项目「{item.name}」"
    for ci, consequence in enumerate(assessment.consequences):
        yield ("consequences", ci, "when"), consequence.when, f"结果运用「{consequence.then}」"


def column_calls(text: str) -> Iterator[tuple[str, list[ast.expr]]]:
    """(function, arguments) of each 合计/最大 call in a formula that parses."""
    try:
        tree = compiled(text).tree
    except FormulaError:  # reported by the scheme check
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in HISTORY_COLUMN_FUNCTIONS:
            yield node.func.id, node.args


def check_rollup_formula(text: str, scheme: Scheme, assessment: Assessment, source: Assessment | None,
                         columns: set[str]) -> list[tuple[str, str]]:
    """(code, message) for each slip of a roll-up's formula over its periods' columns (`columns`: the
    number and 是/否 columns of the summed assessment's sheet, which 合计 may name)."""
    found: list[tuple[str, str]] = []
    unquoted: set[str] = set()  # 合计(病事假天数): a slip of the quotes, reported as such and not again as bare
    for function, args in column_calls(text):
        if len(args) != 1 or not isinstance(args[0], ast.Constant) or not isinstance(args[0].value, str):
            unquoted.update(n.id for a in args for n in ast.walk(a) if isinstance(n, ast.Name))
            found.append(("bad-formula", f"{function}() 中写一个加英文双引号的列名，如 {function}(\"病事假天数\")。"))
            continue
        name = args[0].value
        if name not in columns:
            listed = "、".join(sorted(columns)[:15]) or "无"
            found.append(("unknown-name", f"{function}(\"{name}\") 中的「{name}」不是「{source.name if source else '被汇总的考核'}」成绩表中的数字列或「是/否」列，"
                                          f"无法汇总；请改为其中之一（可用：{listed}），要汇总的列须在方案的 inputs 中声明。"))
    if assessment.results_optional and source is not None:
        codes = {item.code for a in (assessment,) for item in a.walk()} | {i.code for post in scheme.posts for top in post.items for i in top.walk()}
        try:
            # what is left names a sheet column; a date (入职日期) is a fact of the latest row, not a quantity to add up
            dates = {i.name for i in [*scheme.inputs, *assessment.inputs, *source.inputs] if i.type == "date"}
            bare = sorted(compiled(text).names - codes - unquoted - dates - {"总分", "等次"})
        except FormulaError:
            bare = []
        for name in bare:
            found.append(("rollup-column-bare", f"「{assessment.name}」写了 results_optional: true（可以不填年度成绩表，人员取自各期），"
                                                f"公式中直接写的「{name}」在没有年度成绩表时取的是最后一期的值，不是全年的。"
                                                f"各期之和写 合计(\"{name}\")，各期最大写 最大(\"{name}\")；由年度成绩表填写的，删去 results_optional。"))
    return found


def rollup_readers(scheme: Scheme, source: Assessment) -> Iterator[tuple[str, str]]:
    """(column, who reads it in words) for each column of `source`'s sheets a roll-up of it sums: directly,
    or through a roll-up without sheets of its own (a year summing quarters made of months reads the months)."""
    for assessment in scheme.assessments:
        if assessment is source or not _reads_through(scheme, assessment, source):
            continue
        for _, text, who in formula_sources(assessment):
            for function, args in column_calls(text):
                if len(args) == 1 and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    yield args[0].value, f"「{assessment.name}」{who}的 {function}(\"{args[0].value}\")"


def _reads_through(scheme: Scheme, assessment: Assessment, source: Assessment) -> bool:
    """`assessment` rolls up `source`, or a results_optional roll-up of it (whose rows are its periods')."""
    seen: set[str] = set()
    middle = scheme.assessment(assessment.rolls_up) if assessment.rolls_up else None
    while middle is not None and middle.code not in seen:
        if middle is source:
            return True
        if not (middle.results_optional and middle.rolls_up):
            return False
        seen.add(middle.code)
        middle = scheme.assessment(middle.rolls_up)
    return False
