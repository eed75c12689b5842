"""The field reference of the files a user writes, read from the pydantic models themselves.

The user guide's 《字段参考》 is rendered from `reference()`: every model reachable from the scheme,
agency and notice models, each field with its description (the same text the JSON Schema gives an
editor), its type in words, its default and its allowed values. A field added to a model appears
in the guide without anyone writing documentation twice; tests fail if one is missing.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from generator.core.numbers import fmt
from generator.scheme.base import Strict, _to_share
from generator.scheme.model import Scheme
from generator.scheme.settings import AgencyFile, NoticeFile


@dataclass(frozen=True)
class FieldDoc:
    key: str
    type: str  # in words: 文字、数字、比例、列表……
    required: bool
    default: str  # "" when required
    allowed: str  # Literal values or a numeric range, "" when free
    description: str
    links: tuple[str, ...]  # the models this field's value is written as (anchors)


@dataclass(frozen=True)
class ModelDoc:
    name: str  # the class name, also the anchor: ref-<name lower>
    title: str  # the first line of the docstring
    used_at: str  # where it is written: assessments[].quotas[]
    fields: tuple[FieldDoc, ...]

    @property
    def anchor(self) -> str:
        return f"ref-{self.name.lower()}"

    @property
    def heading(self) -> str:
        """A short Chinese name from the title (原文的一节（Section）), or the class name alone."""
        if self.name in LABELS:
            return f"{LABELS[self.name]}（{self.name}）"
        short = re.split(r"[：:。，；]", self.title, maxsplit=1)[0].removeprefix("一个").removeprefix("一种")
        if short.count("（") != short.count("）"):  # cut inside a bracket: keep the words before it
            short = short.split("（", 1)[0]
        return f"{short}（{self.name}）" if short and len(short) <= 16 and "/" not in short else self.name


# Headings where the docstring's first words are too long to be one (the rest are taken from it).
LABELS = {
    "Scheme": "方案文件",
    "AgencyFile": "单位设置 agency.yaml",
    "NoticeFile": "公示设置 .notice.yaml",
    "Defect": "原文缺陷",
    "PeopleColumns": "人员信息列",
    "InputDecl": "额外的列",
    "Adjustment": "加分、减分",
    "PerEvent": "按次计分",
    "Component": "加权合成的一部分",
    "Assessment": "考核",
    "Quota": "比例限制（名额）",
    "DepartmentEntry": "写成映射的部门",
    "RatingLimit": "评价列的比例限制",
}

# The three files a user writes, in the order the guide lists them.
ROOTS: list[tuple[type[Strict], str]] = [
    (Scheme, "schemes/<方案>.yaml"),
    (AgencyFile, "content/<单位>/agency.yaml"),
    (NoticeFile, "content/<单位>/<方案>/<年>/<期>.notice.yaml"),
]


def _strip(annotation: Any) -> tuple[Any, list]:
    """An Annotated[...] type → (inner type, metadata)."""
    if get_origin(annotation) is typing.Annotated:
        inner, *meta = get_args(annotation)
        return inner, meta
    return annotation, []


def _members(annotation: Any) -> list[Any]:
    annotation, _ = _strip(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in _members(arg)]
    return [annotation]


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's value is written as (through lists, dicts, unions)."""
    found: list[type[BaseModel]] = []
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            found.append(member)
        elif get_origin(member) in (list, dict):
            for arg in get_args(member):
                found += _models_in(arg)
    return found


def _words(annotation: Any, metadata: list = ()) -> str:
    inner, meta = _strip(annotation)
    meta = [*metadata, *meta]
    if get_origin(inner) in (Union, types.UnionType):
        members = [m for m in get_args(inner) if m is not type(None)]
        return " 或 ".join(_words(m, meta) for m in members)
    one = inner
    if get_origin(one) is Literal:
        return "取值之一"
    if get_origin(one) is list:
        return f"列表（每项：{_words(get_args(one)[0])}）"
    if get_origin(one) is dict:
        return f"映射（名称: {_words(get_args(one)[1])}）"
    if isinstance(one, type) and issubclass(one, BaseModel):
        return f"映射（{one.__name__}）"
    if one is Decimal:
        share = any(getattr(m, "func", None) is _to_share for m in meta)
        return "比例（如 40% 或 0.4）" if share else "数字"
    words = {str: "文字", int: "整数", bool: "true 或 false", dt.date: "日期（如 2025-04-07）"}
    return words.get(one, getattr(one, "__name__", str(one)))


def _literals(annotation: Any) -> list[str]:
    values: list[str] = []
    for member in _members(annotation):
        if get_origin(member) is Literal:
            values += [str(v) for v in get_args(member)]
        elif get_origin(member) is list:
            values += _literals(get_args(member)[0])
    return values


def _shown(value: Any) -> str:
    if value is None:
        return "不写"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return fmt(value)
    if isinstance(value, BaseModel):
        return "见下表各键的默认值"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    return str(value) if value != "" else "空"


def _range(metadata: list) -> str:
    low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
    if low is not None and high is not None:
        return f"{low} 到 {high}"
    if low is not None:
        return f"至少 {low}"
    if high is not None:
        return f"至多 {high}"
    return ""


def _field(key: str, info) -> FieldDoc:
    literals = _literals(info.annotation)
    allowed = "、".join(literals) if literals else _range(info.metadata)
    for m in info.metadata:
        if isinstance(m, annotated_types.MinLen) and m.min_length:
            allowed = (allowed + "；" if allowed else "") + f"至少 {m.min_length} 项"
    required = info.is_required()
    return FieldDoc(
        key=key,
        type=_words(info.annotation, list(info.metadata)),
        required=required,
        default="" if required or info.default is PydanticUndefined else _shown(info.default),
        allowed=allowed,
        description=info.description or "",
        links=tuple(m.__name__ for m in _models_in(info.annotation)),
    )


def reference() -> list[ModelDoc]:
    """Every model reachable from the three files, breadth first, each listed once."""
    order: list[type[BaseModel]] = []
    places: dict[type, list[str]] = {}
    files: dict[type, str] = {}
    # (model, the file it is written in, the key path inside that file)
    queue: list[tuple[type[BaseModel], str, str]] = [(model, file, "") for model, file in ROOTS]
    while queue:
        model, file, path = queue.pop(0)
        if model in places:
            if len(places[model]) < 3 and path.count(".") < 4 and path not in places[model]:
                places[model].append(path)
            continue
        order.append(model)
        files[model] = file
        places[model] = [path] if path else []
        for key, info in model.model_fields.items():
            inner = _strip(info.annotation)[0]
            outer = [m for m in _members(inner) if m is not type(None)]
            plural = "[]" if outer and get_origin(_strip(outer[0])[0]) is list else ""
            for sub in _models_in(info.annotation):
                queue.append((sub, file, f"{path}.{key}{plural}" if path else f"{key}{plural}"))
    return [
        ModelDoc(model.__name__, _title(model), files[model] + ("：" + "、".join(places[model]) if places[model] else ""), tuple(_field(k, i) for k, i in model.model_fields.items()))
        for model in order
    ]


def _title(model: type) -> str:
    """The first sentence of the model's docstring (docstrings wrap Chinese lines: join without spaces)."""
    text = "".join(line.strip() for line in (model.__doc__ or "").strip().splitlines())
    match = re.match(r"(.+?。)", text)
    return match.group(1) if match else text
