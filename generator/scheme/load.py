"""Load one scheme file: YAML with marks → pydantic model, every schema error placed at its line.

Semantic checks that need the whole scheme (sums, bands, formulas) are in scheme/check.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.core.problems import Problem, Problems, clip
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
        report_validation_errors(exc, data, marks, problems)
        return None


def report_validation_errors(exc: ValidationError, data: Any, marks: Marks, problems: Problems) -> None:
    """One problem per place: pydantic tries each member of a union (`max` or a number…) and reports
    each failure; the first says what is wrong there, the others are counted as following from it."""
    reported: dict[tuple, Problem] = {}
    for error in exc.errors(include_url=False):
        path = data_path(tuple(error["loc"]), data)
        if path in reported and error["type"] != "extra_forbidden":
            problems.follow_from(reported[path])
            continue
        problem = report_validation_error(error, data, marks, problems)
        if problem is not None:
            reported.setdefault(path, problem)


def data_path(loc: tuple, data: Any) -> tuple:
    """Keep only the parts of a pydantic `loc` that index into the data (drops union tags)."""
    path: list = []
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and i == len(loc) - 1:
            # a missing or extra key: keep it for the message, stop descending
            path.append(part)
            node = None
        # else: a union tag (`formula` in score.formula.expr) or a validator name; skip it
    return tuple(path)


def report_validation_error(error: dict, data: Any, marks: Marks, problems: Problems) -> Problem | None:
    path = data_path(tuple(error["loc"]), data)
    kind = error["type"]
    where = place_words(path, data)
    key = path[-1] if path else ""
    if kind == "extra_forbidden":
        line, col = marks.key(path)
        return problems.add(marks.file, line, col, "unknown-key", f"不认识的键「{key}」（在 {where}）；检查拼写，可用的键见《方案文件写法》（字段参考）。")
    line, col = marks.find(path)
    slip = value_slip(kind, error.get("input"), key)
    if slip is not None:
        return problems.add(marks.file, line, col, slip[0], slip[1], first=True)
    before = len(problems.items)
    _report_plain(kind, error, path, where, key, line, col, marks, problems)
    return problems.items[-1] if len(problems.items) > before else None


_YES_NO = {"是": "true", "否": "false", "对": "true", "错": "false", "有": "true", "无": "false", "真": "true", "假": "false"}
_FULLWIDTH_PAIR = re.compile(r"^\s*([^\s：:]{1,40})\s*：\s*(.*)$", re.S)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def value_slip(kind: str, value: Any, key: Any) -> tuple[str, str] | None:
    """A YAML slip behind a type error: 是/否 for a boolean, 1,000 for a whole number, `days：7`
    (full-width colon) where a mapping was expected. (code, message) or None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if kind in ("bool_type", "bool_parsing") and text in _YES_NO:
        return "yesno-not-boolean", f"「{key}: {text}」：这里要写 true（是）或 false（否），写成 {key}: {_YES_NO[text]}"
    if kind in ("int_type", "int_parsing", "decimal_parsing", "decimal_type") and _THOUSANDS.match(text):
        return "number-with-comma", f"「{key}: {text}」：数字不用千位分隔的逗号，写成 {key}: {text.replace(',', '')}"
    match = _FULLWIDTH_PAIR.match(text)
    if kind in ("model_type", "model_attributes_type", "dict_type") and match:
        return "yaml-fullwidth-colon", (
            f"「{text[:40]}」中用了中文冒号「：」，所以整行被当成了一段文字；键和值之间要用英文冒号加空格，"
            f"并换行缩进：{key}:\n  {match.group(1)}: {match.group(2)[:20]}"
        )
    return None


# The Chinese a user may write for an option's English value (the 字段参考 gives these meanings).
OPTION_WORDS = {
    "四舍五入": "half_up", "向下取整": "floor", "去尾": "floor", "向上取整": "ceil", "进一": "ceil",
    "全单位": "unit", "本单位": "unit", "单位": "unit", "部门": "department", "各部门": "department", "科室": "department",
    "确定等次的人数": "graded", "确定等次": "graded", "全部": "all", "参加考核的总人数": "all",
    "相加": "sum", "求和": "sum", "加权": "weighted", "平均": "mean", "取平均": "mean",
    "报错": "error", "跳过": "skip", "重新折算": "reweight", "按比例折算": "reweight",
    "不确定等次": "no_grade", "直接确定等次": "force", "直接定等": "force", "等次上限": "cap", "评定条件": "gate",
    "加分": "bonus", "减分": "penalty", "扣分": "penalty", "奖项": "awards", "按奖项加分": "awards",
    "姓氏笔画": "stroke", "笔画": "stroke", "按部门": "department", "分数": "score", "按分数": "score",
    "提交领导小组": "flag", "领导小组决定": "flag", "全部保留": "include_all", "全部不得": "exclude_all",
    "归入下一等次": "lower", "下一等次": "lower", "就低": "lower", "归入上一等次": "upper", "上一等次": "upper", "就高": "upper",
    "每月": "月", "按月": "月", "月度": "月", "每季度": "季度", "按季度": "季度", "季": "季度",
    "每半年": "半年", "半年度": "半年", "每年": "年度", "年": "年度", "全年": "年度", "年终": "年度",
    "每学期": "学期", "学年度": "学年", "每学年": "学年",
}


# Periods a text may name that the period model has not: say what to do rather than leave the clerk guessing.
_ONE_TERM = ("学校的考核期是 period: 学期（第一学期 S1 为 9 月—次年 1 月，第二学期 S2 为 2—7 月）和 period: 学年（9 月—次年 8 月）；"
             "只考核其中一个学期的，写 period: 学期 并写 labels: [S1]（或 [S2]）。")
_PERIOD_HINTS = {words: _ONE_TERM for words in ("上学期", "下学期", "第一学期", "第二学期", "秋季学期", "春季学期")}
# An input typed with a time: dates are read (type: date), times of day are not; say what to write instead.
_DATE = ("日期列写 type: date（只有日期，不含时间）；按日期判断的规定（如「试用期未满」「至 12 月 31 日仍在受处分期间」）"
         "用 期末日期()、月数() 写条件，见《公式写法》。")
_TYPE_HINTS = {word: _DATE for word in ("datetime", "日期", "时间", "time")}


def _report_plain(kind, error, path, where, key, line, col, marks: Marks, problems: Problems) -> None:
    if kind == "missing":
        problems.add(marks.file, line, col, "missing-key", f"缺少必填的键「{key}」（在 {where}）。")
    elif kind in ("union_tag_not_found",):
        problems.add(marks.file, line, col, "missing-key", f"{where} 缺少 kind：写明用哪种计分规则（如 kind: entered）。")
    elif kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        problems.add(marks.file, line, col, "bad-value", f"{where} 的 kind「{error.get('ctx', {}).get('tag', '')}」不认识；可用：{expected}。")
    elif kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", "")).replace(" or ", ", ").replace("'", "").replace(", ", "、")
        meant = OPTION_WORDS.get(str(error.get("input", "")).strip())
        hint = f"「{_shown(error.get('input'))}」写作 {meant}。" if meant and meant in expected.split("、") else ""
        hint = hint or _PERIOD_HINTS.get(str(error.get("input", "")).strip(), "") if key == "period" else hint
        hint = hint or _TYPE_HINTS.get(str(error.get("input", "")).strip(), "") if key == "type" else hint
        problems.add(marks.file, line, col, "bad-value", f"{where} 的值「{_shown(error.get('input'))}」不允许；应为 {expected} 之一。{hint}")
    elif kind == "string_type" and tuple(path) in marks.plain:
        written = marks.plain[tuple(path)]
        read_as = "是/否（true/false）" if isinstance(error.get("input"), bool) else "数字"
        quoted = f'{key}: "{written}"' if isinstance(key, str) else f'- "{written}"'
        problems.add(marks.file, line, col, "wrong-type",
                     f"{where} 应为文字，但不加引号的「{clip(written, 40)}」被 YAML 读成了{read_as}；请加上引号：{clip(quoted, 60)}")
    elif kind in _TYPE_WORDS:
        problems.add(marks.file, line, col, "wrong-type", f"{where} 应为{_TYPE_WORDS[kind]}，实际是「{_shown(error.get('input'))}」。")
    elif kind == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length", "")
        problems.add(marks.file, line, col, "bad-value", f"{where} 的值「{_shown(error.get('input'))}」太长：最多 {limit} 个字，请写简短的称呼。")
    elif kind == "too_short":
        problems.add(marks.file, line, col, "missing-key", f"{where} 不能为空，至少写一项。")
    elif kind in ("value_error", "assertion_error"):
        message = str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        problems.add(marks.file, line, col, "bad-value", f"{where}：{message}")
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter((error.get("ctx") or {}).values()), "")  # pydantic's ctx: {"ge": 1}, {"le": 50}…
        rule = {"greater_than_equal": "不小于", "less_than_equal": "不大于", "greater_than": "大于", "less_than": "小于"}[kind]
        problems.add(marks.file, line, col, "bad-value", f"{where} 的值「{_shown(error.get('input'))}」超出允许范围：应{rule} {bound}。")
    else:
        problems.add(marks.file, line, col, "wrong-type", f"{where}：{error.get('msg')}（{_shown(error.get('input'))}）")


def place_words(path: tuple, data: Any) -> str:
    """A key path in the words of the file: an entry of a list by its name where it has one
    (assessments「平时考核」／items「德」／max), else by its position (第 2 项)."""
    parts: list[str] = []
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
            name = node.get("name") if isinstance(node, dict) else None
            label = f"「{name}」" if isinstance(name, str) and name else f" 第 {part + 1} 项"
            parts[-1:] = [(parts[-1] if parts else "") + label]
            continue
        parts.append(str(part))
        node = node.get(part) if isinstance(node, dict) else None
    return "／".join(parts) or "（最外层）"


def _shown(value: Any) -> str:
    return clip(_as_written(value), 40)


def _as_written(value: Any) -> str:
    """A value as the YAML wrote it ([3, 3], {a: 1}, true), never Python's repr ([Decimal('3')], True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_as_written(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_as_written(k)}: {_as_written(v)}" for k, v in value.items()) + "}"
    return "" if value is None else str(value)
