"""The base for every scheme model: strict about keys, exact about numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator

from generator.core.numbers import NotANumber, normalize_text, parse_decimal, parse_share


class Strict(BaseModel):
    """Unknown keys are errors (a typo must not be silently ignored); models are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _no_truth(cls: Any, value: Any) -> Any:
    # pydantic reads true as 1 for an integer key: places: true would round to 1 place, silently
    if isinstance(value, bool):
        raise ValueError("应为整数，不是真假值（true/false）")
    return value


def integers(*fields: str) -> Any:
    """A model's integer keys that refuse true/false: `_integers = integers("places")` in the class."""
    return field_validator(*fields, mode="before")(classmethod(_no_truth))  # type: ignore[arg-type]


def _to_decimal(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("应为数字，不是真假值")
    if isinstance(value, float):  # never: YAML numbers arrive as Decimal from their text
        raise ValueError("内部错误：浮点数不应出现在方案中")
    if isinstance(value, (str, int, Decimal)):
        try:
            return parse_decimal(value)
        except NotANumber as exc:
            digits = re.match(r"\s*([+-]?[0-9]+(?:\.[0-9]+)?)\s*(?:分|天|次|人|个|篇|日|元)\s*$", str(value))
            fix = f"：只写数字，写成 {digits.group(1)}" if digits else "：只写阿拉伯数字，如 90 或 89.5"
            raise ValueError(f"「{value}」{exc.reason}{fix}") from None
    return value


def _to_share(value: Any) -> Any:
    if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool):
        try:
            share = parse_share(value)
        except NotANumber as exc:
            raise ValueError(f"「{value}」不是比例（写成 30% 或 0.3）：{exc.reason}") from None
        if share > 1 and "%" not in normalize_text(str(value)):
            raise ValueError(f"比例「{value}」没有写百分号：请写成 {value}%（或小数，如 30% 写 0.3）")
        if not (0 <= share <= 1):
            raise ValueError(f"比例「{value}」应在 0% 到 100% 之间")
        return share
    return value


Num = Annotated[Decimal, BeforeValidator(_to_decimal)]
Share = Annotated[Decimal, BeforeValidator(_to_share)]

