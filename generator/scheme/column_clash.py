"""Sheet columns a scheme names twice in ways that cannot both hold, found at the scheme.

The column plan (columns.py) merges a column named twice, as a formula's input that is also a declared
input is: both constraints hold. Two score items that read one column (two items named 工作实绩, or a
`column:` naming another item's) would count one cell twice; an item named after a declared 是/否 or
choice input makes that column a number column. The scheme passed its check and every person of every
sheet was reported instead (「试用期」为空；请填写数字), far from the line to fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.scheme.model import Assessment, Item, Scheme

_TYPE_WORDS = {"yesno": "是/否列", "choice": "选择列", "choices": "可填多项的列", "text": "文字列", "events": "事项列",
               "amounts": "逐次扣分列", "scores": "逐项分数列", "award_events": "奖项列", "number": "数字列", "date": "日期列"}


def _items(items: list[Item], path: tuple) -> Iterator[tuple[Item, tuple]]:
    for i, item in enumerate(items):
        yield item, path + (i,)
        yield from _items(item.children, path + (i, "children"))


def column_clashes(scheme: Scheme, assessment: Assessment, apath: tuple) -> Iterator[tuple[tuple, str]]:
    """(path of the later item, message) for each score column read twice or typed otherwise."""
    declared = {d.name: d.type for d in [*scheme.inputs, *assessment.inputs]}
    groups = [(assessment.items, apath + ("items",))]
    if any(i.by_post for i in assessment.walk()):
        groups += [(post.items, ("posts", pi, "items")) for pi, post in enumerate(scheme.posts)]
    for items, base in groups:  # each post's items are read for that post's people only
        read: dict[str, Item] = {}
        for item, path in _items(items, base):
            if item.rule is None or getattr(item.rule, "kind", "") != "entered":
                continue
            for spec in item.rule.columns(item):
                first = read.setdefault(spec.name, item)
                if first is not item:
                    yield path, (f"项目「{item.name}」（code {item.code}）与项目「{first.name}」（code {first.code}）读成绩表的同一列「{spec.name}」：同一个分数会算两次。"
                                 "请给其中一个改名（表头随之改名），或用 score: {kind: entered, column: 列名} 写明它读哪一列。")
                elif declared.get(spec.name, "number") != "number":
                    kind = _TYPE_WORDS.get(declared[spec.name], declared[spec.name])
                    yield path, (f"项目「{item.name}」的分数列「{spec.name}」与 inputs 中声明的「{spec.name}」（{kind}）同名："
                                 f"一列不能既填分数又填{kind[:-1]}。请给项目改名，或把 inputs 中的这一列改名。")
