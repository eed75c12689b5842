"""One person under two IDs within a year (engine/id_twins.py): the same name in the same department
under one ID in some periods and another in the others, or the year sheet's ID that no period has
while that name's period ID is missing from it. Before, both passed `check` without a word, and the
year graded two people, each with part of the year."""

from __future__ import annotations

from generator.core.problems import Severity
from tests.unit.helpers import assessment, item, make_project, people_csv, run, scheme

HALF_GRADES = {"order": ["优秀", "称职"], "bands": [{"grade": "优秀", "at_least": 90}, {"grade": "称职", "below": 90}]}
QUARTER = assessment([item("df", "得分", 100)], code="jd", name="季度考核", period="季度", grades=HALF_GRADES)
ANNUAL = assessment([item("ps", "平时", 100, score={"kind": "period_score", "missing": "skip"})],
                    code="nd", name="年度考核", period="年度", rolls_up="jd", grades=HALF_GRADES, inputs=[{"name": "试用期", "type": "yesno"}])
OTHERS = [["0001", "甲", "办公室", "92"], ["0002", "乙", "财务科", "95"]]


def twins(root, sheets):
    make_project(root, scheme(QUARTER, ANNUAL), sheets)
    _, _, problems = run(root)
    return [p for p in problems.sorted() if p.code == "person-two-ids"], problems


def quarters(ids: dict[str, str], name="张三", department="办公室") -> dict[str, str]:
    return {f"{label}.csv": people_csv([*OTHERS, [pid, name, department, "88"]], ["得分"]) for label, pid in ids.items()}


def test_an_id_that_stops_where_another_starts_is_warned_naming_both(tmp_path):
    found, problems = twins(tmp_path, quarters({"Q1": "0007", "Q2": "0007", "Q3": "0107", "Q4": "0107"}))
    assert [(p.file, p.line, p.column, p.severity) for p in found] == [("content/ag/t1/2025/Q3.csv", 4, "A", Severity.WARNING)]
    message = found[0].message
    assert "「张三」（办公室）" in message and "「0007」" in message and "「0107」" in message
    assert "第一季度（content/ag/t1/2025/Q1.csv）" in message and "第三季度（content/ag/t1/2025/Q3.csv）" in message
    assert not problems.has_errors()


def test_two_people_of_one_name_side_by_side_are_not_reported(tmp_path):
    sheets = {f"{label}.csv": people_csv([*OTHERS, ["0007", "张三", "办公室", "88"], ["0107", "张三", "办公室", "80"]], ["得分"])
              for label in ("Q1", "Q2")}
    assert twins(tmp_path, sheets)[0] == []


def test_the_same_name_in_another_department_is_not_reported(tmp_path):
    sheets = {**quarters({"Q1": "0007"}), **quarters({"Q2": "0107"}, department="财务科")}
    assert twins(tmp_path, sheets)[0] == []


def test_the_year_sheets_unknown_id_while_the_periods_id_is_missing_is_warned(tmp_path):
    sheets = {**quarters({"Q1": "0007", "Q2": "0007", "Q3": "0007", "Q4": "0007"}),
              "Y.csv": people_csv([["0001", "甲", "办公室", ""], ["0002", "乙", "财务科", ""], ["0107", "张三", "办公室", ""]], ["试用期"])}
    found, _ = twins(tmp_path, sheets)
    assert [(p.file, p.line, p.column) for p in found] == [("content/ag/t1/2025/Y.csv", 4, "A")]
    assert "「0007」" in found[0].message and "「0107」" in found[0].message


def test_a_year_sheet_with_the_periods_ids_is_not_reported(tmp_path):
    sheets = {**quarters({"Q1": "0007", "Q2": "0007"}),
              "Y.csv": people_csv([["0001", "甲", "办公室", ""], ["0002", "乙", "财务科", ""], ["0007", "张三", "办公室", ""]], ["试用期"])}
    assert twins(tmp_path, sheets)[0] == []


def across_years(root, ids_2024: str, ids_2025: str, name_2025: str = "张三"):
    """张三 of 办公室 under `ids_2024` in each quarter of 2024 and `ids_2025` (as `name_2025`) in 2025."""
    from tests.unit.helpers import write

    make_project(root, scheme(QUARTER, ANNUAL, effective_year=2024), quarters(dict.fromkeys(("Q1", "Q2"), ids_2025), name=name_2025))
    for label in ("Q3", "Q4"):
        write(root / f"content/ag/t1/2024/{label}.csv", people_csv([*OTHERS, [ids_2024, "张三", "办公室", "88"]], ["得分"]))
    _, _, problems = run(root)
    return [p for p in problems.sorted() if p.code == "person-two-ids"], problems


def test_an_id_that_stops_at_a_year_end_where_another_starts_is_warned(tmp_path):
    """0007 through 2024, 0107 from 2025: their person pages and a 连续 condition over years split in two."""
    found, problems = across_years(tmp_path, "0007", "0107")
    assert [(p.file, p.line, p.column, p.severity) for p in found] == [("content/ag/t1/2025/Q1.csv", 4, "A", Severity.WARNING)]
    message = found[0].message
    assert "「0007」" in message and "「0107」" in message and "2024 年" in message and "2025 年" in message and "连续" in message
    assert not problems.has_errors()


def test_the_same_id_across_years_or_another_name_is_not_reported(tmp_path):
    assert across_years(tmp_path / "same", "0007", "0007")[0] == []
    assert across_years(tmp_path / "other", "0007", "0107", name_2025="李四")[0] == []


def test_names_merged_from_the_years_are_the_names_of_all_the_periods(tmp_path):
    """Across years the names are merged from each year's (id_twins._Names.merged), not gathered by
    walking every person again: the same first IDs, the same names under two IDs, the same periods."""
    from generator.engine.id_twins import _in_year, _Names
    from tests.unit.helpers import write

    make_project(tmp_path, scheme(QUARTER, ANNUAL, effective_year=2023), {})
    ids = {2023: ("0007", "0007", "0008", "0008"), 2024: ("0107", "0107", "0107", "0107"), 2025: ("0107", "0207", "0107", "0107")}
    for year, year_ids in ids.items():
        for label, pid in zip(("Q1", "Q2", "Q3", "Q4"), year_ids):
            newcomer = [["0300", "丙", "办公室", "90"]] if year == 2025 else []  # new in the last year
            twin = [["0400", "丁", "财务科", "70"], ["0401", "丁", "财务科", "71"]] if label == "Q2" else []  # two people side by side
            write(tmp_path / f"content/ag/t1/{year}/{label}.csv", people_csv([*OTHERS, [pid, "张三", "办公室", "88"], *newcomer, *twin], ["得分"]))
    _, periods, _ = run(tmp_path)
    quarterly = sorted((p for p in periods if p.assessment.code == "jd"), key=lambda p: (p.year, _in_year(p)))
    parts = [_Names([p for p in quarterly if p.year == year]) for year in sorted(ids)]
    walked, merged = _Names(quarterly), _Names.merged(quarterly, parts)
    assert merged.first == walked.first and merged.multi == walked.multi and merged.ids == walked.ids
    assert {k: dict(v) for k, v in merged.several.items()} == {k: dict(v) for k, v in walked.several.items()}
    assert set(walked.several) == {("张三", "办公室"), ("丁", "财务科")}  # the test sees what it merges
