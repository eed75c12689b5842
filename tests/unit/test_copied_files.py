"""A period's sheet that is byte for byte another period's: last quarter's sheet copied in to start
this one and never replaced. A CSV has no title to give it away, so this period
was graded with last period's scores and published without a word. The copy is an error naming the
file it is a copy of, with the way out for the rare period whose results really are the same."""

from __future__ import annotations

import io

from tests.unit.helpers import csv_text, make_project, people_csv, run, simple_scheme

ROWS = [[f"{i:04d}", f"人{i}", "办公室", str(70 + 3 * i)] for i in range(1, 7)]  # six people
DECISIONS = csv_text(["编号", "姓名", "等次", "理由", "所决事项"], [["0002", "人2", "较差", "经2025年6月27日领导小组会议研究，工作失误", "原为：较好"]])


def test_a_sheet_copied_from_last_quarter_is_an_error_naming_it(tmp_path):
    sheet = people_csv(ROWS, ["得分"])
    make_project(tmp_path, simple_scheme(), {"Q1.csv": sheet, "Q2.csv": sheet, "Q3.csv": people_csv(ROWS[:1], ["得分"])})
    _, _, problems = run(tmp_path)
    found = [p for p in problems.sorted() if p.code == "file-copied"]
    assert [(p.file, p.severity.name) for p in found] == [("content/ag/t1/2025/Q2.csv", "ERROR")]
    assert "content/ag/t1/2025/Q1.csv" in found[0].message and "标题" in found[0].message


def test_one_meetings_decision_for_two_periods_in_the_same_words_is_fine(tmp_path):
    """补定 for two quarters at one meeting after a case closed: two decisions files with the same bytes."""
    sheet1, sheet2 = people_csv(ROWS, ["得分"]), people_csv([*ROWS[:5], ["0006", "人6", "办公室", "81"]], ["得分"])
    make_project(tmp_path, simple_scheme(), {"Q2.csv": sheet1, "Q2.decisions.csv": DECISIONS, "Q3.csv": sheet2, "Q3.decisions.csv": DECISIONS})
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted() if p.code == "file-copied"] == []


def test_different_files_are_fine(tmp_path):
    make_project(tmp_path, simple_scheme(), {"Q1.csv": people_csv(ROWS, ["得分"]), "Q2.csv": people_csv(ROWS[:1], ["得分"])})
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted() if p.code == "file-copied"] == []


def test_a_sheet_of_a_few_people_may_repeat_by_chance(tmp_path):
    sheet = people_csv(ROWS[:2], ["得分"])  # two people with the same scores as last quarter: possible
    make_project(tmp_path, simple_scheme(), {"Q1.csv": sheet, "Q2.csv": sheet})
    _, _, problems = run(tmp_path)
    assert [p.code for p in problems.sorted() if p.code == "file-copied"] == []


def test_two_months_in_which_everyone_scored_the_same_are_only_warned(tmp_path):
    """A small unit's month in which nobody was late or away (every 迟到次数 0, every 得分 100), the same as
    last month: the office copies last month's sheet, checks it and changes nothing. The bytes are the same,
    as the results truly are; with every person's results alike, a copy cannot be told from the truth —
    a warning naming the earlier file, where it was an error blocking the 公示."""
    rows = [[f"{i:04d}", f"人{i}", "办公室" if i < 4 else "综合股", "100"] for i in range(1, 7)]
    sheet = people_csv(rows, ["得分"])
    make_project(tmp_path, simple_scheme(), {"Q1.csv": sheet, "Q2.csv": sheet})
    _, _, problems = run(tmp_path)
    found = [p for p in problems.sorted() if p.code == "file-copied"]
    assert [(p.file, p.severity.name) for p in found] == [("content/ag/t1/2025/Q2.csv", "WARNING")]
    assert "content/ag/t1/2025/Q1.csv" in found[0].message


def test_a_workbook_with_a_tab_of_notes_is_looked_into_as_its_results_are_read(tmp_path):
    """The same, as an .xlsx with a 填写说明 tab beside the results: the copy check chose no sheet and called
    the repeat an error, where the results read (the tab with the header) are every person alike."""
    import openpyxl

    from tests.unit.helpers import xlsx_bytes

    rows = [["编号", "姓名", "部门", "得分"], *([f"{i:04d}", f"人{i}", "办公室", 100] for i in range(1, 7))]
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(rows)))
    workbook.create_sheet("填写说明").append(["得分按百分制填写。"])
    out = io.BytesIO()
    workbook.save(out)
    make_project(tmp_path, simple_scheme(), {"Q1.xlsx": out.getvalue(), "Q2.xlsx": out.getvalue()})
    _, _, problems = run(tmp_path)
    assert [(p.file, p.severity.name) for p in problems.sorted() if p.code == "file-copied"] == [("content/ag/t1/2025/Q2.xlsx", "WARNING")]
