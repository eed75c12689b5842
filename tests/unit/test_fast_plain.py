"""The compiled grading's loop without additions of Decimal(0) (engine/plain_proof.py): what reading a
sheet proves of its values, and the same results as the reference to the sign and the exponent —
on plain sheets, where the proof holds, and on hostile ones, where it is withheld."""

from __future__ import annotations

import decimal
from decimal import Decimal

from generator.core.numbers import plain_number
from generator.core.problems import Problems
from generator.engine.plain_proof import constant, holds, sum_source, times, total
from generator.engine.prepared import prepared
from generator.sheets.rows import SheetRows
from tests.unit.helpers import assessment, by_id, item, make_project, people_csv, run, scheme
from tests.unit.three_ways import compare, state


def test_a_plain_number_is_one_that_decimal_zero_plus_leaves_as_it_is():
    for text in ("0", "0.000", "18.50", "18.5", "-5", "99.999999", "999999999999999"):
        value = Decimal(text)
        assert plain_number(value), text
        assert str(Decimal(0) + value) == text and str(value + Decimal(0)) == text  # what the proof relies on
    for text in ("-0", "-0.0", "1E+1", "0.1234567", "1000000000000000", "NaN", "Infinity", "-Infinity"):
        assert not plain_number(Decimal(text)), text
    assert str(Decimal(0) + Decimal("-0")) == "0" and str(Decimal(0) + Decimal("1E+1")) == "10"  # why
    assert not plain_number(1) and not plain_number(True) and not plain_number(None)


def test_bounds_refuse_what_could_change_a_digit():
    assert constant(Decimal("-0")) is None and constant(Decimal("1E+1")) is None and constant(Decimal("2.5")) == (1, 1)
    assert times((15, 6), Decimal("0")) is None and times((15, 6), Decimal("-2")) is None  # 0 × -2 is -0
    assert times((15, 6), Decimal("0.5")) == (16, 7)
    assert total([(15, 6), None]) is None and total([(22, 6), (22, 6)]) is None  # past 28 digits: a sum may round
    # the Decimal(0) goes only before a bounded first term followed by another (None + x still raises)
    assert sum_source([("a", (15, 6)), ("b", None)]) == ("a + b", None)
    assert sum_source([("a", None), ("b", (15, 6))])[0] == "ZERO + a + b"
    assert sum_source([("a", (15, 6))])[0] == "ZERO + a"
    assert holds()
    with decimal.localcontext(rounding=decimal.ROUND_FLOOR):  # 0 + -0 is -0 there: nothing proved
        assert not holds()
    with decimal.localcontext(prec=20):
        assert not holds()


COLUMNS = ["品德", "能力", "差错", "加分", "减分", "系数", "字数"]


def _scheme() -> dict:
    items = [item("sx", "思想", 80, children=[item("pd", "品德", 40), item("nl", "能力", 40)]),
             item("zl", "质量", 20, score={"kind": "deduct", "deductions": [
                 {"kind": "per_event", "column": "差错", "points": "0.5"},
                 # worked out once per value in a period (a memo): 5 and 5.0 give the same amount
                 {"kind": "per_unit", "column": "字数", "required": 1000, "unit": 300, "points": "0.5", "rounding": "ceil"}]})]
    grades = {"order": ["好", "较好", "一般"], "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90},
                                                   {"grade": "一般", "below": 60}]}
    data = scheme(assessment(items, grades=grades, places=1, total_may_exceed=True,
                             adjustments=[{"kind": "bonus", "name": "加分", "cap": 5},
                                          {"kind": "penalty", "name": "减分", "cap": 5}]),
                  inputs=[{"name": "系数", "type": "number"}])
    return data


PLAIN_ROWS = [
    ["1", "甲", "办公室", "18.50", "40", "0", "0", "0", "1", "5"],
    ["2", "乙", "办公室", "18.5", "0.0", "3", "", "", "", "5.0"],
    ["3", "丙", "办公室", "0", "0", "41", "5", "5", "0.5", "0"],  # a deduction to below 0, a bonus and a penalty that cancel
    ["4", "丁", "办公室", "35.5", "34.5", "0", "2.5", "", "", "1000.0"],
    ["5", "戊", "办公室", "35.5", "34.5", "0", "", "", "", "400"],
]
HOSTILE_ROWS = [
    ["1", "甲", "办公室", "-0", "-0", "0", "", "", "", "1000"],  # 0 + -0 + -0 is 0; without the Decimal(0), -0
    ["2", "乙", "办公室", "-0.0", "12", "1", "", "-0", "", "1000"],
    ["3", "丙", "办公室", "30", "30", "0", "", "", "0.1234567", "1000"],  # more decimals than the proof allows
]


def _graded(tmp_path, sheets: dict):
    make_project(tmp_path, _scheme(), sheets)
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.severity.name == "ERROR"] == [], problems.sorted()
    return {p.label: p for p in periods}


def _loop(period, batch, rows):
    out: list = []
    fast = prepared(period.scheme, period.assessment).fast
    getattr(fast, batch)(rows, None, None, lambda row, history: None, out)
    return [state(r) for r in out]


def test_plain_and_hostile_sheets_grade_as_the_reference_to_the_exponent(tmp_path):
    periods = _graded(tmp_path, {"Q1.csv": people_csv(PLAIN_ROWS, COLUMNS), "Q2.csv": people_csv(HOSTILE_ROWS, COLUMNS)})
    plain, hostile = periods["Q1"], periods["Q2"]
    seen = compare(periods.values())  # compute's own results (through either loop) against the reference, digit and exponent
    assert seen["compiled"] == 8 and seen["looped"] == 8, seen
    rows_plain, rows_hostile = [p.person for p in plain.people], [p.person for p in hostile.people]
    # what reading proved: Q1 all plain; Q2's -0 and seven decimals withheld, column by column
    sheets = _sheet_rows(tmp_path)
    assert sheets["Q1"].unplain == frozenset() and sheets["Q2"].unplain == {"品德", "能力", "减分", "系数"}
    fast = prepared(plain.scheme, plain.assessment).fast
    assert any(name.startswith("MK") for name in fast.batch_plain.__code__.co_varnames)  # the per_unit memo is in the proved loop
    # both loops over the plain sheet agree; the loop without the proof is the reference's arithmetic
    assert _loop(plain, "batch_plain", rows_plain) == _loop(plain, "batch", rows_plain) == [state(p) for p in plain.people]
    by = by_id(plain)
    assert str(by["1"].item("sx").value) == "58.50" and str(by["2"].item("sx").value) == "18.5"  # 18.50 + 40 keeps its places
    assert str(by["3"].item("zl").value) == "0" and str(by["3"].total) == "0.0"
    assert [str(by[i].item("zl").value) for i in "1245"] == ["18.0", "16.5", "20.0", "19.0"]  # 4 units short of 1,000, 4 and 1.5 for errors, none, 2
    # the proof is needed: forced onto the hostile sheet, the loop without it differs from the reference
    assert _loop(hostile, "batch_plain", rows_hostile) != [state(p) for p in hostile.people]
    assert str(by_id(hostile)["1"].item("sx").value) == "0"  # as the reference adds: 0 + -0 + -0


def _sheet_rows(root) -> dict:
    """Each period's rows as compute reads them (its sheet, read and checked)."""
    from generator.engine.compute import _read_rows
    from generator.project.discover import discover

    project = discover(root, Problems())
    return {entry.label: _read_rows(project, entry, Problems())[1] for entry in project.periods if entry.results is not None}


def test_rows_made_by_hand_carry_no_proof_and_are_graded_as_the_reference(tmp_path):
    periods = _graded(tmp_path, {"Q1.csv": people_csv(PLAIN_ROWS, COLUMNS)})
    period = periods["Q1"]
    rows = [p.person for p in period.people]
    rows[0].values["品德"] = Decimal("1E+1")  # no sheet gives this; a caller may
    rows[1].values["能力"] = Decimal("-0")
    from generator.engine.grade import PersonGrader

    grader = PersonGrader(period.scheme, period.assessment, "sheet", Problems(), explain=False)
    reference = PersonGrader(period.scheme, period.assessment, "sheet", Problems(), explain=False, compiled=False)
    expected = [state(reference.grade(r)) for r in rows]
    for listed in (rows, SheetRows(rows)):  # a plain list, and SheetRows that load_sheet did not make: nothing proved
        assert [state(r) for r in grader.grade_all(listed, None, None)] == expected
    assert str(grader.grade_all(rows, None, None)[0].item("sx").value) == "50"  # 0 + 1E+1 + 40, not 1E+1 + 40
