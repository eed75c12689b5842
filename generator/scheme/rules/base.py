"""What every rule kind has in common.

A rule kind is one pydantic model (its YAML shape) with three methods:
- `columns(item)`: the sheet columns it reads, with their types and ranges, so that the results
  loader can check every cell (and `kaohe template` can make drop-downs and validation);
- `compute(item, ctx)`: the item's score from typed cell values, with the steps that explain it
  when ctx.explain is set (the value must never depend on that flag: tests grade both ways);
- `describe(item)`: the rule in Chinese words for the handbook, generated from the rule itself.

The model's docstring is its user documentation and `EXAMPLE` a YAML snippet from a seed scheme;
the user guide renders both, so the guide cannot fall behind the code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar, Literal, Protocol

from generator.scheme.base import Strict


class Item(Protocol):
    """What a rule reads of the item it belongs to (generator.scheme.model.Item). A protocol rather
    than an import, because the item model is built from the rule kinds: importing it here would
    make the two modules import each other."""

    name: str
    max: Decimal | None


ColumnType = Literal["number", "amounts", "choice", "text", "yesno", "choices", "events", "award_events", "scores", "date"]


@dataclass(frozen=True)
class ColumnSpec:
    """One column a scheme expects in a results sheet."""

    name: str
    type: ColumnType = "number"
    min: Decimal | None = None
    max: Decimal | None = None
    choices: tuple[str, ...] = ()
    required: bool = True
    places: int | None = None
    # for a list of amounts (扣3—5分 each time): the range one amount must fall in
    each_min: Decimal | None = None
    each_max: Decimal | None = None
    note: str = ""  # shown in the template header and the guide: 满分 20
    percent: bool = False  # a percentage/rate: an Excel cell formatted as 74% is read as 74
    # the scheme's own bounds for the column lie at or under 1 (差错率 0.5% 以下): a column of values all under 1
    # is what it expects, no 95% typed as 0.95 (sheets/column_scale.py)
    under_one: bool = False
    # the type is the rule's guess, not a statement (a formula's uses: a number unless the scheme's
    # inputs declare the column otherwise); a declared column of another type wins (columns._merge)
    assumed: bool = False
    # a date column whose dates may lie after the period's last day (处分期满日期); others may not (sheets/date_cells.py)
    after_period: bool = False


@dataclass(slots=True)
class Outcome:
    value: Decimal | None
    # Empty tuples by default: one Outcome per item of every person, most with neither; a rule
    # that appends passes its own list.
    steps: list[str] | tuple[()] = ()
    # problems found while computing (a missing component): (column, code, message)
    problems: list[tuple[str, str, str]] | tuple[()] = ()


@dataclass
class ItemContext:
    """What an item rule can see: one person's typed values and, in a roll-up, their history."""

    values: dict[str, Any]
    # the roll-up's view of earlier periods: label -> PeriodView (see engine/compute.py); empty otherwise
    history: dict[str, Any] = field(default_factory=dict)
    # functions for formulas (次数, 全部…), supplied in roll-ups
    functions: dict[str, Callable[..., Any]] = field(default_factory=dict)
    # values of items computed so far (code -> Decimal), for formulas
    item_values: dict[str, Decimal | None] = field(default_factory=dict)
    # item code -> name, so that a formula problem names an item as people know it (shared, not copied)
    item_names: dict[str, str] = field(default_factory=dict)
    # False while grading a whole archive: rules then skip their Chinese steps (most of the engine's
    # time), which are produced again on demand by re-grading one person (PersonResult.explained).
    explain: bool = True

    def get(self, column: str) -> Any:
        return self.values.get(column)


class Rule(Strict):
    """Base class of item rules; subclasses set `kind` as a Literal."""

    EXAMPLE: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""

    def columns(self, item: Item) -> list[ColumnSpec]:
        return []

    def compute(self, item: Item, ctx: ItemContext) -> Outcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def describe(self, item: Item) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def names(self) -> set[str]:
        """Names this rule makes available to formulas (its input columns)."""
        return set()


def shown_places(item: Item, default: int = 2) -> int:
    """How many decimals a rule's step shows the item's computed value with (a quotient 0.8709677…
    as ≈0.8710): its shown_places, else its places, else `default`."""
    return next((p for p in (getattr(item, "shown_places", None), getattr(item, "places", None)) if p is not None), default)


def column_or_name(column: str | None, item: Item) -> str:
    return column or item.name
