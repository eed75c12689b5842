"""Grade every person of computed periods three ways and compare: the compiled function (engine/fast.py),
the reference without words (PersonGrader, compiled=False) and the reference with words (explain=True).

The compiled function may decline a person (None): the reference grades them then. Where it does
not decline, everything a result holds must be the same, to the digit and exponent of every
Decimal, and the reference must have found nothing to report for that person.
"""

from __future__ import annotations

from collections import Counter

from generator.core.problems import Problems
from generator.engine.grade import PersonGrader
from generator.engine.prepared import prepared


def state(result) -> str:
    """Everything grading sets, as text: Decimal('90.0') and Decimal('90') differ here, as on a page."""
    return repr((
        [(code, str(value) if value is not None else None) for code, value in result.item_pairs()],
        str(result.raw_total), str(result.total), result.band_grade, result.grade, result.status,
        result.status_label, result.reason, result.protected, result.outside_base,
    ))


def compare(periods) -> Counter:
    """Counter of 'compiled' (graded by the compiled function and compared), 'declined', and 'looped'
    (the period's own result, as compute's grade_all left it, compared where no quota, decision or
    consequence has added to it since)."""
    seen: Counter = Counter()
    for period in periods:
        scheme, assessment = period.scheme, period.assessment
        problems = Problems()
        reference = PersonGrader(scheme, assessment, "sheet", problems, explain=False, compiled=False)
        words = PersonGrader(scheme, assessment, "sheet", Problems(), explain=True)
        fast = prepared(scheme, assessment).fast
        for person in period.people:
            row = person.person
            history = person.explainer.history_of(row) if person.explainer is not None else None
            before = (len(problems.items), sum(problems.caused.values()))
            plain = reference.grade(row, history)
            reported = (len(problems.items), sum(problems.caused.values())) != before
            full = words.grade(row, history)
            assert state(full) == state(plain), (period.key, row.id)
            assert full.trace_steps and plain.trace_steps is None
            if not person.late_steps and not person.decided:  # as the period's loop (grade_all) left it
                assert state(person) == state(plain), (period.key, row.id, state(person), state(plain))
                seen["looped"] += 1
            compiled = fast.grade(row, history)
            if compiled is None:
                seen["declined"] += 1
                continue
            assert not reported, (period.key, row.id, problems.items[before[0]:])
            assert state(compiled) == state(plain), (period.key, row.id, state(compiled), state(plain))
            assert compiled.item_layout is not None and compiled.trace_steps is None
            seen["compiled"] += 1
    return seen
