"""Issue 12 finding 6 (numbers): a formula literal like 1e999999999 and products of huge numbers are
reported problems (number-overflow) with their place, never a decimal Overflow/InvalidOperation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.problems import Problems
from generator.engine.compute import load_everything
from generator.scheme.expr import FormulaError, compiled, parse_formula
from tests.archive.util import make_project


@pytest.mark.parametrize("literal", ["1e999999999", "1E5", "1" * 40, "0." + "1" * 40])
def test_a_formula_literal_must_be_a_plain_number(literal):
    with pytest.raises(FormulaError) as caught:
        parse_formula(f"x * {literal}", {"x"})
    assert caught.value.code == "number-overflow"


def test_huge_products_are_a_problem_not_a_crash():
    big = Decimal("9" * 29)
    with pytest.raises(FormulaError) as caught:
        compiled("a * b * c").evaluate({"a": big, "b": big, "c": big})
    assert caught.value.code == "number-overflow" and "a * b * c" in str(caught.value)
    assert compiled("a * 2").evaluate({"a": Decimal("90.5")}) == Decimal("181.0")


def test_in_a_scheme_check_names_the_line(tmp_path):
    root = make_project(tmp_path / "proj", ["baiyang-fgw"])
    path = root / "schemes" / "s003-p7.yaml"
    text = path.read_text("utf-8")
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines, start=1) if "expr: 次数(\"优秀\")" in t)
    assert 'expr: 次数("优秀") / 3\n' in text  # the mutation below must hit (a test that changes nothing proves nothing)
    path.write_text(text.replace('expr: 次数("优秀") / 3\n', 'expr: 次数("优秀") / 3 * 1e999999999\n'), encoding="utf-8")
    _, _, problems = load_everything(root)
    assert isinstance(problems, Problems)
    found = [(p.file, p.line, p.code) for p in problems.errors if p.file.startswith("schemes/")]
    assert found == [("schemes/s003-p7.yaml", line, "number-overflow")]
