"""PersonResult.fingerprint(): equal fingerprints, equal pages (site/page_memo.py). A roll-up's
result is fingerprinted with each earlier result's own fingerprint, not with its items written out:
an earlier period whose items change while its total and grade stay must still change it."""

from __future__ import annotations

from tests.unit.helpers import assessment, by_id, item, make_project, people_csv, run, scheme

GRADES = {"order": ["好", "较差"], "bands": [{"grade": "好", "at_least": 60}, {"grade": "较差", "below": 60}]}


def year_of(root, q1: tuple[str, str]):
    """张三's results by period label, and the year, with Q1's 甲 and 乙 as given."""
    quarter = assessment([item("a", "甲", 50), item("b", "乙", 50)], code="ps", name="平时考核", period="季度", grades=GRADES)
    year = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="ps", results_optional=True, grades=GRADES)
    files = {"Q1.csv": people_csv([["1", "张三", "办公室", *q1]], ["甲", "乙"]),
             "Q2.csv": people_csv([["1", "张三", "办公室", "40", "40"]], ["甲", "乙"])}
    make_project(root, scheme(quarter, year), files)
    _, periods, problems = run(root)
    assert problems.sorted() == []
    found = {p.label: by_id(p)["1"] for p in periods}
    return found, next(p for p in periods if p.label == "Y")


def test_an_earlier_period_s_items_change_a_roll_up_s_fingerprint_with_the_same_total(tmp_path):
    first, _ = year_of(tmp_path / "a", ("30", "20"))
    again, _ = year_of(tmp_path / "b", ("30", "20"))
    swapped, _ = year_of(tmp_path / "c", ("20", "30"))
    assert first["Q1"].total == swapped["Q1"].total and first["Y"].total == swapped["Y"].total
    assert first["Y"].fingerprint() == again["Y"].fingerprint()  # the same inputs, the same fingerprint
    assert first["Q1"].fingerprint() != swapped["Q1"].fingerprint()
    assert first["Y"].fingerprint() != swapped["Y"].fingerprint()


def test_a_period_s_views_are_each_result_s_view(tmp_path):
    """views_of, written out for speed, says of every result what view_of says."""
    from generator.engine.history import view_of, views_of

    found, year = year_of(tmp_path, ("30", "20"))
    for label in ("Q1", "Q2"):
        results = [found[label]]
        assert views_of(results, label) == {r.id: view_of(r, label) for r in results}
    ungraded = found["Q1"]
    ungraded.status = "no_grade"  # a grade is seen only where the period graded the person
    assert views_of([ungraded], "Q1")[ungraded.id] == view_of(ungraded, "Q1") and view_of(ungraded, "Q1").grade is None
    assert year.assessment.rolls_up
