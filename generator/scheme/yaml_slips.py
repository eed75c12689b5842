"""The YAML slips HR staff make, recognised and named, so that the first problem printed is the cause.

PyYAML accepts some slips without complaint and builds something else than what was meant; others
end in a syntax error that names a symptom two lines further down. Recognised here:

- an unquoted comma in a flow mapping or list: `{kind: formula, expr: 10 * min(a, 80) / 80}` is read
  as the keys `expr: 10 * min(a` and `80) / 80`, and `{cap: 1,000}` as `cap: 1` and `000`;
- a full-width colon after a key (`name：平时考核`), in a block (a syntax error) or a flow mapping;
- a tab in the indentation;
- a quote opened and not closed on its line (`summary: "每季度考核一次`), which swallows the lines up to
  the next quote: the parser's error names a line far below.

A slip is reported as a problem listed before all others (`first=True`). Where the meaning is
certain (the pieces of a split value, the two halves of `key：value`) the value is rebuilt as meant,
so the slip is the only problem reported for it instead of a string of unknown and missing keys;
the file still does not pass until the slip is fixed.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.core.problems import Problem, Problems

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# a block line whose key ends in a full-width colon: `  name：平时考核`, `- code：de1`
_FULLWIDTH_KEY = re.compile(r"^(\s*(?:-\s+)*)([^\s:#'\"{}\[\],：][^:#：]{0,39}?)\s*：")
_BLOCK_SCALAR = re.compile(r"(?::|^\s*-)\s*[|>][-+0-9]*\s*(#.*)?$")

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
NULL = "tag:yaml.org,2002:null"


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _text(start: Node, end: Node) -> str:
    buffer = start.start_mark.buffer
    if buffer is None:  # pragma: no cover - PyYAML keeps the text when loading from a string
        return str(getattr(start, "value", ""))
    return buffer[start.start_mark.index : end.end_mark.index]


def _implicit_null(key: Node, value: Node) -> bool:
    """`{a: 1, b}`: a key written without a colon (so with no value) inside a flow mapping."""
    if not (isinstance(value, ScalarNode) and value.tag == NULL and value.value == "" and isinstance(key, ScalarNode)):
        return False
    buffer = key.end_mark.buffer
    if buffer is None:  # pragma: no cover
        return False
    rest = buffer[key.end_mark.index : key.end_mark.index + 200].lstrip(" \t\r\n")
    return not rest.startswith(":")


def _plain(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style is None


def flow_mapping_pairs(node: MappingNode, file: str, problems: Problems) -> list[tuple[Node, Node]]:
    """The key/value pairs of a flow mapping, with split values joined back and slips reported."""
    pairs: list[tuple[Node, Node]] = []
    for key, value in node.value:
        if not _implicit_null(key, value):
            pairs.append((key, value))
            continue
        if "：" in key.value:  # {name：平时考核, …}
            name, _, rest = key.value.partition("：")
            line, col = _pos(key)
            problems.add(file, line, col, "yaml-fullwidth-colon",
                         f"「{key.value}」中用了中文冒号「：」；键和值之间要用英文冒号加空格：{name.strip()}: {rest.strip()}", first=True)
            pairs.append((ScalarNode(STR, name.strip(), key.start_mark, key.end_mark),
                          ScalarNode(STR, rest.strip(), key.start_mark, key.end_mark)))
            continue
        previous = pairs[-1] if pairs else None
        if previous is None or not (_plain(previous[1]) or hasattr(previous[1], "first_piece")):
            line, col = _pos(key)
            problems.add(file, line, col, "yaml-flow-comma",
                         f"「{key.value}」前面多了一个英文逗号，或者它是上一个值的一部分：在 {{…}} 中英文逗号分隔键；值里有英文逗号时请给整个值加英文双引号。",
                         first=True)
            continue
        first_value = getattr(previous[1], "first_piece", previous[1])
        joined = _text(first_value, key)
        pairs[-1] = (previous[0], _joined(previous[0], first_value, key, joined, file, problems))
    return pairs


def _joined(key: Node, start: Node, end: Node, joined: str, file: str, problems: Problems) -> ScalarNode:
    """One value rebuilt from its pieces; the slip reported once per value (at its first piece)."""
    line, col = _pos(start)
    # a value split more than once (min(a, b, c)) is reported once, with its whole text
    problems.items[:] = [p for p in problems.items if not (p.first and p.file == file and (p.line, p.column) == (line, col))]
    if _THOUSANDS.match(joined):
        number = joined.replace(",", "")
        problems.add(file, line, col, "number-with-comma",
                     f"「{key.value}: {joined}」：数字中的逗号在 {{…}} 中会把它拆开，而且数字不用千位分隔；写成 {key.value}: {number}", first=True)
        node = ScalarNode(INT if "." not in number else "tag:yaml.org,2002:float", number, start.start_mark, end.end_mark)
    else:
        problems.add(file, line, col, "yaml-flow-comma",
                     f"「{key.value}」的值「{joined}」含有英文逗号，在 {{…}} 中被拆成了几个键；请给整个值加英文双引号：{key.value}: \"{joined}\"",
                     first=True)
        node = ScalarNode(STR, joined, start.start_mark, end.end_mark, style='"')
    node.first_piece = start  # type: ignore[attr-defined]
    return node


def flow_sequence_items(node: SequenceNode, file: str, problems: Problems) -> list[Node]:
    """The items of a flow list, with an item split at a comma inside brackets joined back."""
    items: list[Node] = []
    pending: list[Node] = []
    for child in node.value:
        if pending:
            pending.append(child)
            if _depth(_text(pending[0], child)) <= 0 or not _plain(child):
                items.append(_joined_item(pending, file, problems))
                pending = []
            continue
        if _plain(child) and _depth(child.value) > 0:
            pending = [child]
        elif _plain(child) and "，" in child.value:  # [好，较好，一般]: one item to YAML
            items.extend(_fullwidth_comma_items(child, file, problems))
        else:
            items.append(child)
    if pending:
        items.append(_joined_item(pending, file, problems) if len(pending) > 1 else pending[0])
    return items


def _fullwidth_comma_items(node: ScalarNode, file: str, problems: Problems) -> list[Node]:
    parts = [part.strip() for part in node.value.split("，")]
    line, col = _pos(node)
    problems.add(file, line, col, "yaml-fullwidth-comma",
                 f"列表中的「{node.value}」用了中文逗号「，」，被当成了一项；各项之间要用英文逗号：[{', '.join(parts)}]"
                 "（如果它确实是一项，请加英文双引号）", first=True)
    return [ScalarNode(STR, part, node.start_mark, node.end_mark) for part in parts if part]


def _depth(text: str) -> int:
    return sum(text.count(c) for c in "(（") - sum(text.count(c) for c in ")）")


def _joined_item(pieces: list[Node], file: str, problems: Problems) -> Node:
    joined = _text(pieces[0], pieces[-1])
    line, col = _pos(pieces[0])
    problems.add(file, line, col, "yaml-flow-comma",
                 f"列表中的「{joined}」含有英文逗号，在 […] 中被拆成了几项；请给这一项加英文双引号：\"{joined}\"", first=True)
    return ScalarNode(STR, joined, pieces[0].start_mark, pieces[-1].end_mark, style='"')


def explain_syntax_error(text: str, exc: yaml.MarkedYAMLError, file: str, problems: Problems) -> Problem | None:
    """A slip that explains a syntax error, reported (first); None when no slip is recognised."""
    mark = exc.problem_mark or exc.context_mark
    error_line = mark.line + 1 if mark else len(text.splitlines())
    lines = text.splitlines()
    raw = f"{exc.context or ''} {exc.problem or ''}"
    if "'\\t'" in raw and mark is not None:
        at = lines[mark.line] if mark.line < len(lines) else ""
        col = (at.index("\t") + 1) if "\t" in at else mark.column + 1
        return problems.add(file, mark.line + 1, col, "yaml-tab",
                            "这一行用 Tab 缩进；YAML 只能用空格缩进，请把行首的 Tab 改成空格（与上下行对齐）。", first=True)
    quote = _unclosed_quote(text, error_line)
    if quote is None and exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        quote = (exc.context_mark, None)  # never closed at all: the file ended inside the quotes
    if quote is not None:
        start, end = quote
        mark_char = text[start.index] if start.index < len(text) else '"'
        runs = f"一直延续到第 {end.line + 1} 行" if end is not None else "一直延续到文件末尾"
        return problems.add(file, start.line + 1, start.column + 1, "yaml-unclosed-quote",
                            f"这一行的引号「{mark_char}」没有在本行闭合，{runs}，中间各行都被读成了一段文字。"
                            f"请在这段文字的末尾补上「{mark_char}」（文字中本身要用引号时，改用中文引号“”）。", first=True)
    found: Problem | None = None
    context_line = exc.context_mark.line + 1 if exc.context_mark else error_line
    near = min(context_line, error_line) - 1  # the slip is on the line PyYAML names or the one before
    for number, line in _block_lines(lines[:error_line]):
        if number < near:
            continue
        match = _FULLWIDTH_KEY.match(line)
        if match and ": " not in line[: match.end()]:
            key = match.group(2).strip()
            rest = line[match.end():].strip()
            found = problems.add(file, number, match.start(2) + 1, "yaml-fullwidth-colon",
                                 f"「{key}」后面用了中文冒号「：」；键和值之间要用英文冒号加空格：{key}: {rest}".rstrip(), first=True)
    return found


def _unclosed_quote(text: str, error_line: int):
    """The quoted text that explains a syntax error: one that runs over several lines and ends just
    before the error (a `"` opened and never closed swallows the lines up to the next `"`, and the
    parser then trips over what follows). None when there is no such text."""
    last = None
    try:
        for token in yaml.scan(text):
            if token.start_mark.line + 1 > error_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass
    if last is not None and error_line - 1 <= last.end_mark.line + 1 <= error_line:
        return last.start_mark, last.end_mark
    return None


def _block_lines(lines: list[str]):
    """(1-based number, line) of the lines that are YAML structure, skipping comments and the
    contents of block scalars (`body: |` and the more-indented lines after it)."""
    block_indent: int | None = None
    for number, line in enumerate(lines, start=1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                continue
            block_indent = None
        if not stripped or stripped.startswith("#"):
            continue
        if _BLOCK_SCALAR.search(line):
            block_indent = indent
        yield number, line
