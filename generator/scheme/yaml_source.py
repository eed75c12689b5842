"""Read a YAML file into plain data while keeping where every value came from.

PyYAML's node graph knows the line and column of every key and value; we keep them in a
`Marks` map from a path (("items", 0, "max")) to (line, column), 1-based, so that a schema
error found later can point at the exact place in the file.

Also, unlike plain `yaml.safe_load`:
- a duplicated key is a reported problem (PyYAML silently keeps the last one);
- numbers become Decimal from their text, never float;
- aliases are limited (a "billion laughs" file is reported, not expanded), and so is nesting depth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.controls import CONTROL_RE
from generator.core.numbers import MAX_DIGITS
from generator.core.os_words import os_error_words
from generator.core.problems import Problems
from generator.scheme.yaml_slips import explain_syntax_error, flow_mapping_pairs, flow_sequence_items

MAX_DEPTH = 40
MAX_ALIASES = 200
MAX_NODES = 50_000  # a seed scheme has about 3,000; composing 50,000 takes about a second
MAX_BYTES = 2 * 1024 * 1024  # the largest seed scheme is 35 KB; PyYAML parses about a megabyte in seconds

Path_ = tuple[str | int, ...]


@dataclass
class Marks:
    """(line, column) for each path in the loaded data; the key's own mark under path + ('<key>',)."""

    file: str
    at: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # an unquoted scalar YAML resolved to a number or true/false, as written (010, yes, 1.50): a text
    # field's problem then shows what the user typed and the quotes that make it text
    plain: dict[Path_, str] = field(default_factory=dict)

    def find(self, path: Path_) -> tuple[int, int]:
        """The mark of `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.at:
                return self.at[p]
            p = p[:-1]
        return self.at.get((), (1, 1))

    def key(self, path: Path_) -> tuple[int, int]:
        return self.at.get(tuple(path) + ("<key>",), self.find(path))


class _TooComplex(Exception):
    pass


class _Loader(yaml.SafeLoader):
    """SafeLoader that stops composing past MAX_NODES nodes or MAX_DEPTH levels, before PyYAML has
    built (or recursed through) a huge node graph: a 1 MB flow list is 500,000 nodes."""

    def __init__(self, stream):
        super().__init__(stream)
        self._nodes = 0
        self._depth = 0

    def compose_node(self, parent, index):
        self._nodes += 1
        self._depth += 1
        try:
            if self._nodes > MAX_NODES or self._depth > MAX_DEPTH + 1:
                raise _TooComplex(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _build(node: Node, path: Path_, marks: Marks, problems: Problems, state: dict, depth: int) -> Any:
    state["nodes"] += 1
    if depth > MAX_DEPTH or state["nodes"] > MAX_NODES:
        raise _TooComplex(node)
    marks.at[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if id(node) in state["seen"]:
        state["aliases"] += 1
        if state["aliases"] > MAX_ALIASES:
            raise _TooComplex(node)
    state["seen"].add(id(node))
    if isinstance(node, ScalarNode):
        value = _scalar(node)
        if isinstance(value, str) and CONTROL_RE.search(value):  # "\e[2J" written as an escape in quotes
            problems.add(marks.file, node.start_mark.line + 1, node.start_mark.column + 1, "control-character",
                         f"文字中含有看不见的控制字符或格式字符（{'、'.join(f'U+{ord(c):04X}' for c in dict.fromkeys(CONTROL_RE.findall(value)))}），"
                         "会扰乱终端、表格和网页，或改变文字的显示方向、藏起文字；请删去（检查引号中的 \\ 转义；看不见的字符可把这段文字重新输入）。")
            value = CONTROL_RE.sub("\ufffd", value)
        elif not isinstance(value, str) and value is not None and node.style is None:
            marks.plain[path] = node.value
        return value
    if isinstance(node, SequenceNode):
        children = flow_sequence_items(node, marks.file, problems) if node.flow_style else node.value
        return [_build(child, path + (i,), marks, problems, state, depth + 1) for i, child in enumerate(children)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        pairs = flow_mapping_pairs(node, marks.file, problems) if node.flow_style else node.value
        for key_node, value_node in pairs:
            if not isinstance(key_node, ScalarNode):
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.add(marks.file, line, col, "wrong-type", "键必须是简单的文字，不能是列表或映射。")
                continue
            key = str(key_node.value)
            if key == "<<":
                line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.add(marks.file, line, col, "yaml-too-complex", f"{yaml_noun(marks.file)}不支持合并键（<<）；请把内容直接写出来。")
                continue
            key_line, key_col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key in result:
                first = marks.at.get(path + (key, "<key>"), (0, 0))
                problems.add(
                    marks.file,
                    key_line,
                    key_col,
                    "yaml-duplicate-key",
                    f"键「{key}」在同一层级出现了两次（第一次在第 {first[0]} 行）；删除或改名其中一个。",
                )
                continue
            marks.at[path + (key, "<key>")] = (key_line, key_col)
            result[key] = _build(value_node, path + (key,), marks, problems, state, depth + 1)
        return result
    raise _TooComplex(node)  # pragma: no cover - PyYAML has no other node kinds


def _scalar(node: ScalarNode) -> Any:
    """Resolve a scalar like SafeLoader does, but numbers to Decimal from their text."""
    tag = node.tag
    text = node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return text.lower() in {"true", "yes", "on"}
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        cleaned = text.replace("_", "")
        try:
            value = Decimal(cleaned)
        except InvalidOperation:
            return text  # 0x1F, 0o17, .inf, sexagesimal: keep the text; the schema will say it is wrong
        if not value.is_finite() or abs(value.adjusted()) > MAX_DIGITS:
            return text  # 1.0e+9999999 would overflow later arithmetic; parse_decimal reports the text
        return value
    return text


def load_yaml(path: Path, problems: Problems, display: str | None = None) -> tuple[Any, Marks]:
    """Parse `path`; on failure report problems and return (None, marks)."""
    shown = display or str(path)
    marks = Marks(shown)
    try:
        if path.stat().st_size > MAX_BYTES:
            problems.add(shown, None, None, "file-too-large", f"文件超过 {MAX_BYTES // 1024 // 1024} MB；方案和设置文件一般只有几十 KB，请检查是否放错了文件。")
            return None, marks
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(shown, None, None, "file-unreadable", f"无法读取文件：{os_error_words(exc)}")
        return None, marks
    try:
        # Word and WPS save "Unicode text" as UTF-16 with a byte-order mark, which says how to read it
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1 if raw[:2] not in (b"\xff\xfe", b"\xfe\xff") else None
        problems.add(shown, line, None, "encoding-unknown", f"{yaml_noun(shown)}不是 UTF-8 编码{_looks_like(raw)}；"
                     "请用记事本或 VS Code「另存为」UTF-8 编码（WPS、Word 中选「Unicode (UTF-8)」）。")
        return None, marks
    return load_yaml_text(text, shown, problems)


def yaml_noun(shown: str) -> str:
    """What a YAML file is, in the words of its problems: named by its place (agency.yaml …)."""
    name = shown.replace("\\", "/").rsplit("/", 1)[-1]
    for ending, noun in (("agency.yaml", "单位设置文件 agency.yaml "), ("holidays.yaml", "节假日文件 holidays.yaml "),
                         ("site.yaml", "网站设置文件 site.yaml "), (".notice.yaml", "公示设置文件")):
        if name.endswith(ending):
            return noun
    return "方案文件"


def _looks_like(raw: bytes) -> str:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return "（看来是 GBK/GB18030 编码）"


def load_yaml_text(text: str, shown: str, problems: Problems) -> tuple[Any, Marks]:
    marks = Marks(shown)
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except _TooComplex as exc:
        mark = exc.args[0] if exc.args else None
        problems.add(shown, mark.line + 1 if mark else None, mark.column + 1 if mark else None, "yaml-too-complex",
                     f"文件嵌套超过 {MAX_DEPTH} 层或内容超过 {MAX_NODES} 项；{yaml_noun(shown)}不需要这么多，请检查文件。")
        return None, marks
    except yaml.MarkedYAMLError as exc:
        slip = explain_syntax_error(text, exc, shown, problems)
        if slip is not None:  # the syntax error only follows from the slip: counted, not listed
            problems.follow_from(slip)
            return None, marks
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        col = mark.column + 1 if mark else None
        problems.add(shown, line, col, "yaml-syntax", f"YAML 语法错误：{_explain_yaml_error(exc)}")
        return None, marks
    except yaml.reader.ReaderError as exc:  # a NUL or another character YAML may not hold, before any parsing
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problems.add(shown, line, col, "control-character",
                     f"文字中含有看不见的控制字符（U+{exc.character:04X}），YAML 文件不能含有它；请删去"
                     "（从其他系统复制来的文字常带有它，可把这段文字重新输入）。")
        return None, marks
    except RecursionError:  # PyYAML's composer recurses once per level: [[[[…]]]] a thousand deep
        problems.add(shown, None, None, "yaml-too-complex", f"文件嵌套超过 {MAX_DEPTH} 层；{yaml_noun(shown)}不需要这么多层，请直接写出内容。")
        return None, marks
    except yaml.YAMLError as exc:
        problems.add(shown, None, None, "yaml-syntax", f"YAML 语法错误：{exc}")
        return None, marks
    if root is None:
        return None, marks
    state = {"nodes": 0, "aliases": 0, "seen": set()}
    try:
        return _build(root, (), marks, problems, state, 0), marks
    except (_TooComplex, RecursionError) as exc:
        node = exc.args[0] if exc.args and isinstance(exc.args[0], Node) else root
        problems.add(
            shown,
            node.start_mark.line + 1,
            node.start_mark.column + 1,
            "yaml-too-complex",
            f"文件嵌套超过 {MAX_DEPTH} 层或使用了过多别名（&/*）；{yaml_noun(shown)}不需要这些，请直接写出内容。",
        )
        return None, marks


_YAML_HINTS = {
    "could not find expected ':'": "这一行缺少冒号，或冒号后面没有空格",
    "mapping values are not allowed here": "冒号用错了位置：值里含有冒号时请给整个值加引号",
    "found character '\\t' that cannot start any token": "YAML 不允许用 Tab 缩进，请改成空格",
    "found undefined alias": "使用了未定义的别名（*）",
    "expected <block end>, but found": "缩进不一致：同一层级的行必须对齐",
    "did not find expected key": "缩进不一致或少了「- 」",
    "found unexpected end of stream": "引号没有成对",
    "while scanning a quoted scalar": "引号没有成对",
}


def _explain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    raw = f"{exc.context or ''} {exc.problem or ''}".strip()
    for needle, chinese in _YAML_HINTS.items():
        if needle in raw:
            return f"{chinese}（{raw}）"
    return raw
