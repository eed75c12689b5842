"""Periods are listed in the order of the year: shorter periods first, each kind in its months' order.
Sorted by their labels' letters, a half-year (H1) came before the quarters it adds up on a department's
page, in the archive and in a person's history, and the newest 公示 of a year was taken to be a Q1's
over an H2's."""

from __future__ import annotations

from generator.core.problems import Problems
from generator.scheme.periods import PERIOD_NAMES, chronological_order, reading_order
from generator.site.generate import generate
from tests.unit.helpers import GRADES_4, assessment, item, make_project, people_csv, scheme

LABELS = [f"M{m:02d}" for m in range(1, 13)] + ["Q1", "Q2", "Q3", "Q4", "H1", "H2", "Y"]


def test_the_reading_order_is_months_quarters_halves_year():
    assert sorted(reversed(LABELS), key=reading_order) == LABELS
    assert sorted(["H1", "Q1", "Q2", "M03", "Y", "H2"], key=chronological_order) == ["M03", "Q1", "Q2", "H1", "H2", "Y"]
    assert max(["Q1", "H2", "M12", "Q4"], key=chronological_order) == "H2"  # a half ends with Q4 and M12, and is longer


def _project(tmp_path):
    months = assessment([item("df", "得分", 100)], code="yd", name="月度考核", period="月")
    quarters = assessment([item("yj", "月均", 100, score={"kind": "period_score", "missing": "skip"})], code="jd", name="季度考核",
                          period="季度", rolls_up="yd", results_optional=True, grades=GRADES_4)
    halves = assessment([item("pj", "季度平均", 100, score={"kind": "period_score", "missing": "skip"})], code="bn", name="半年考核",
                        period="半年", rolls_up="jd", results_optional=True, grades=GRADES_4)
    files = {f"M{m:02d}.csv": people_csv([["01", "张三", "办公室", 90 - m], ["02", "李四", "办公室", 80]], ["得分"]) for m in range(1, 13)}
    make_project(tmp_path, scheme(months, quarters, halves), files)


def _in_order(text: str, words: list[str]) -> bool:
    places = [text.find(word) for word in words]
    return -1 not in places and places == sorted(places)


def test_pages_list_the_quarters_before_the_half_years_that_add_them_up(tmp_path):
    _project(tmp_path)
    problems = Problems()
    generated = generate(tmp_path, "internal", problems)
    pages = {path: data.decode("utf-8") for path, data in generated.files.items() if path.endswith(".md")}
    words = [PERIOD_NAMES[label] for label in ["Q1", "Q2", "Q3", "Q4", "H1", "H2"]]
    department = [text for path, text in pages.items() if path.startswith("departments/") and "第一季度" in text and "上半年" in text]
    person = [text for path, text in pages.items() if path.startswith("people/") and "张三" in text and "上半年" in text]
    archive = [text for path, text in pages.items() if path.startswith("archive/") and "上半年" in text]
    assert department and person and archive, sorted(pages)
    for text in department + person + archive:
        assert _in_order(text, words), text
