"""The item rule kinds, one module each, found through this registry (the yamllint way).

`RULES` maps a kind (as written in YAML after `kind:`) to its model class. The scheme model's
`score:` field is the discriminated union of these; the user guide lists them in this order.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.scheme.rules.coefficient import Coefficient
from generator.scheme.rules.deduct import Bonus, Deduct
from generator.scheme.rules.entered import Entered
from generator.scheme.rules.formula import FormulaRule
from generator.scheme.rules.level import Level
from generator.scheme.rules.period import PeriodScore
from generator.scheme.rules.relative import Relative
from generator.scheme.rules.tiers import Tiers
from generator.scheme.rules.trimmed import Trimmed
from generator.scheme.rules.weighted import Weighted

RULES = {
    "entered": Entered,
    "deduct": Deduct,
    "bonus": Bonus,
    "level": Level,
    "coefficient": Coefficient,
    "weighted": Weighted,
    "trimmed": Trimmed,
    "period_score": PeriodScore,
    "formula": FormulaRule,
    "tiers": Tiers,
    "relative": Relative,
}

AnyRule = Annotated[
    Entered | Deduct | Bonus | Level | Coefficient | Weighted | Trimmed | PeriodScore | FormulaRule | Tiers | Relative,
    Field(discriminator="kind"),
]
