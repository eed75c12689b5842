"""Load one scheme file: YAML with marks → pydantic model, every schema error placed at its line.

Semantic checks that need the whole scheme (sums, bands, formulas) are in scheme/check.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.core.problems import Problems
from generator.scheme.model import Scheme
from generator.scheme.yaml_source import Marks, load_yaml

_TYPE_WORDS = {
    "string_type": "文字",
    "int_type": "整数",
    "int_parsing": "整数",
    "int_from_float": "整数",
    "decimal_type": "数字",
    "decimal_parsing": "数字",
    "list_type": "列表（每项以「- 」开头）",
    "dict_type": "映射（键: 值）",
    "model_type": "映射（键: 值）",
    "model_attributes_type": "映射（键: 值）",
    "bool_type": "是/否（true 或 false）",
    "bool_parsing": "是/否（true 或 false）",
}


def load_scheme(path: Path, problems: Problems, display: str | None = None) -> tuple[Scheme | None, Marks]:
    shown = display or str(path)
    data, marks = load_yaml(path, problems, shown)
    if data is None:
        if not any(p.file == shown for p in problems.items):
            problems.add(shown, 1, 1, "missing-key", "方案文件是空的。")
        return None, marks
    return scheme_from_data(data, marks, problems), marks


def scheme_from_data(data: Any, marks: Marks, problems: Problems) -> Scheme | None:
    if not isinstance(data, dict):
        problems.add(marks.file, 1, 1, "wrong-type", "方案文件的最外层应是映射（format: … code: … name: …）。")
        return None
    try:
        return Scheme.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            report_validation_error(error, data, marks, problems)
        return None


def data_path(loc: tuple, data: Any) -> tuple:
    """Keep only the parts of a pydantic `loc` that index into the data (drops union tags)."""
    path: list = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            # a missing or extra key: keep it for the message, stop descending
            path.append(part)
            node = None
        # else: a union tag or validator name; skip it
    return tuple(path)


def report_validation_error(error: dict, data: Any, marks: Marks, problems: Problems) -> None:
    path = data_path(tuple(error["loc"]), data)
    kind = error["type"]
    where = "／".join(str(p) for p in path) or "（最外层）"
    key = path[-1] if path else ""
    if kind == "extra_forbidden":
        line, col = marks.key(path)
        problems.add(marks.file, line, col, "unknown-key", f"不认识的键「{key}」（在 {where}）；检查拼写，可用的键见《方案文件写法》。")
        return
    line, col = marks.find(path)
    if kind == "missing":
        problems.add(marks.file, line, col, "missing-key", f"缺少必填的键「{key}」（在 {where}）。")
    elif kind in ("union_tag_not_found",):
        problems.add(marks.file, line, col, "missing-key", f"{where} 缺少 kind：写明用哪种计分规则（如 kind: entered）。")
    elif kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        problems.add(marks.file, line, col, "bad-value", f"{where} 的 kind「{error.get('ctx', {}).get('tag', '')}」不认识；可用：{expected}。")
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        problems.add(marks.file, line, col, "bad-value", f"{where} 的值「{_shown(error.get('input'))}」不允许；应为 {expected} 之一。")
    elif kind in _TYPE_WORDS:
        problems.add(marks.file, line, col, "wrong-type", f"{where} 应为{_TYPE_WORDS[kind]}，实际是「{_shown(error.get('input'))}」。")
    elif kind == "too_short":
        problems.add(marks.file, line, col, "missing-key", f"{where} 不能为空，至少写一项。")
    elif kind in ("value_error", "assertion_error"):
        message = str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        problems.add(marks.file, line, col, "bad-value", f"{where}：{message}")
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        problems.add(marks.file, line, col, "bad-value", f"{where} 的值「{_shown(error.get('input'))}」超出允许范围（{error.get('msg')}）。")
    else:
        problems.add(marks.file, line, col, "wrong-type", f"{where}：{error.get('msg')}（{_shown(error.get('input'))}）")


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
