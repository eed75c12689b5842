"""Exact numbers: parsing as people type them, 四舍五入, and the float trap end to end."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.core.numbers import NotANumber, fmt, fmt_share, parse_decimal, parse_share, round_half_up
from tests.unit.helpers import by_id, grade_sheet, item, simple_scheme


@pytest.mark.parametrize(
    "text, expected",
    [
        ("85", "85"),
        ("85.5", "85.5"),
        ("８５.５", "85.5"),
        ("８５．５", "85.5"),
        (" 85 ", "85"),
        ("\u300085\u3000", "85"),
        ("+3", "3"),
        ("-2.5", "-2.5"),
        ("－２", "-2"),
        ("\u22123", "-3"),  # the minus sign of Word and of Chinese input methods' symbol tables
        ("\ufe632", "-2"),
        ("1,234.5", "1234.5"),
        ("1,234,567", "1234567"),
        (".5", "0.5"),
        ("90.", "90"),
        (7, "7"),
        (Decimal("89.995"), "89.995"),
    ],
)
def test_parse_decimal_accepts(text, expected):
    value = parse_decimal(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)


@pytest.mark.parametrize(
    "text, finite_reason",
    [
        ("优", False),
        ("12abc", False),
        ("", False),
        ("1,23", False),  # not a thousands grouping
        ("1e999", True),
        ("1E5", True),
        ("NaN", True),
        ("nan", True),
        ("inf", True),
        ("Infinity", True),
        ("-inf", True),
        ("1" * 31, False),  # more digits than any score
    ],
)
def test_parse_decimal_rejects(text, finite_reason):
    with pytest.raises(NotANumber) as info:
        parse_decimal(text)
    assert ("有限" in info.value.reason) is finite_reason
    assert info.value.text == text


@pytest.mark.parametrize("bad", [True, Decimal("NaN"), Decimal("Infinity")])
def test_parse_decimal_rejects_non_numbers(bad):
    with pytest.raises(NotANumber):
        parse_decimal(bad)


@pytest.mark.parametrize(
    "value, places, expected",
    [
        ("89.995", 2, "90.00"),
        ("89.994999", 2, "89.99"),
        ("2.5", 0, "3"),
        ("-2.5", 0, "-3"),
        ("0.5", 0, "1"),
        ("1.005", 2, "1.01"),  # float round(1.005, 2) gives 1.0
        ("74.445", 2, "74.45"),
        ("90", 2, "90.00"),
    ],
)
def test_round_half_up(value, places, expected):
    result = round_half_up(Decimal(value), places)
    assert result == Decimal(expected)
    assert str(result) == expected


@pytest.mark.parametrize("text, expected", [("40%", "0.4"), ("４０％", "0.4"), ("0.3", "0.3"), ("30", "30"), ("140%", "1.4"), (Decimal("0.25"), "0.25")])
def test_parse_share(text, expected):
    assert parse_share(text) == Decimal(expected)  # as written: the scheme's check refuses what is not a share


def test_fmt():
    assert fmt(Decimal("90.00")) == "90"
    assert fmt(Decimal("90"), 2) == "90.00"
    assert fmt(Decimal("89.995"), 2) == "90.00"
    assert fmt(Decimal("85.50")) == "85.5"
    assert fmt(None) == "—"
    assert fmt_share(Decimal("0.125")) == "12.5%"


def test_float_trap_is_avoided():
    # The trap itself, so the test below means something.
    assert 0.4 * 90.3 + 0.3 * 90.1 + 0.3 * 89.5 != 90.0
    exact = Decimal("0.4") * Decimal("90.3") + Decimal("0.3") * Decimal("90.1") + Decimal("0.3") * Decimal("89.5")
    assert exact == Decimal("90.00")


def test_float_trap_end_to_end_through_weighted_item(tmp_path):
    """上级 40% / 同级 30% / 下级 30% of 90.3 / 90.1 / 89.5 is exactly 90.00: 好, not 较好."""
    weighted = {
        "kind": "weighted",
        "components": [
            {"name": "上级评分", "weight": "40%"},
            {"name": "同级评分", "weight": "30%"},
            {"name": "下级评分", "weight": "30%"},
        ],
    }
    data = simple_scheme(items=[item("lh", "量化评价", 100, score=weighted)], places=2)
    period, problems = grade_sheet(tmp_path, data, ["上级评分", "同级评分", "下级评分"], [["1", "张三", "办公室", "90.3", "90.1", "89.5"]])
    assert problems.sorted() == []
    person = by_id(period)["1"]
    assert person.item("lh").value == Decimal("90.00")
    assert person.total == Decimal("90.00")
    assert str(person.total) == "90.00"
    assert person.grade == "好"


def test_remembered_texts_are_the_texts_made(monkeypatch):
    """fmt and fmt_at_most remember each number's text: asked again, in any order, each gives what a
    fresh making gives; -0 (equal to 0, hashed alike) keeps its own text."""
    import random

    from generator.core import numbers

    def made(v: Decimal, p: int | None) -> tuple[str, str | None]:
        if p is None:
            return numbers._fmt(v, None), None
        at_most = numbers._fmt(v, None) if numbers.places_of(v.normalize()) <= p else "≈" + numbers._fmt(round_half_up(v, p), p)
        return numbers._fmt(v, p), at_most

    def shown(v: Decimal, p: int | None) -> tuple[str, str | None]:
        return fmt(v, p), numbers.fmt_at_most(v, p) if p is not None else None

    random.seed(7)
    values = [Decimal(v) for v in ("-0", "0", "0.00", "-0.00", "90", "90.00", "90.5", "90.50", "1E+2", "89.995", "-0.004",
                                   "87.666666666666666666666666667")]
    values += [Decimal(random.randint(-100000, 100000)).scaleb(-random.randint(0, 4)) for _ in range(2000)]
    for order in (values, list(reversed(values))):
        monkeypatch.setattr(numbers, "_SHOWN", {})
        for _ in range(2):  # made, then remembered
            for v in order:
                for p in (None, 0, 2):
                    assert shown(v, p) == made(v, p), (v, p)
    assert (fmt(Decimal("-0")), fmt(Decimal("0")), fmt(Decimal("0"), 2), fmt(Decimal("-0.00"), 2)) == ("-0", "0", "0.00", "-0.00")
