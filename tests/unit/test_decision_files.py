"""A committee's decisions file as offices really write it: misnamed, with their own headers and
extra columns, IDs that lost their leading zeros, and reasons that are only placeholders. Each is
read or reported, never silently ignored (issue 14, point 1)."""

from __future__ import annotations

import pytest

from generator.core.problems import Severity
from tests.unit.helpers import by_id, csv_text, grade_sheet, simple_scheme

GRADES = {
    "order": ["好", "较好", "一般"],
    "bands": [{"grade": "好", "at_least": 90}, {"grade": "较好", "at_least": 60, "below": 90}, {"grade": "一般", "below": 60}],
}
SCORES = ["95", "93", "93", "91", "80", "70", "50"]  # 好 ≤ 30 % of 7 = 2: 0001 in, 0002 and 0003 tied at the line
TIE = "并列：全单位「好」名额线 总分 93.00：0002、0003"
HEADER = ["编号", "姓名", "等次", "理由", "所决事项"]
MEETING = "2025年4月3日领导小组会议：并列第2名，0002 牵头完成预算编制，确定为好"
GOOD = [["0002", "人2", "好", MEETING, TIE], ["0003", "人3", "较好", "2025年4月3日领导小组会议：并列第2名，名额已满，确定为较好", TIE]]


def run(root, files):
    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    return grade_sheet(root, data, ["得分"], rows, extra=files)


def found(problems, code):
    return [p for p in problems.sorted() if p.code == code]


def test_the_good_file_applies(tmp_path):
    period, problems = run(tmp_path, {"Q1.decisions.csv": csv_text(HEADER, GOOD)})
    assert not problems.has_errors() and by_id(period)["0002"].grade == "好" and by_id(period)["0003"].grade == "较好"


@pytest.mark.parametrize("name, meant", [
    ("Q1.decision.csv", "Q1.decisions.csv"), ("Q1.decisions.txt", "Q1.decisions.csv"), ("Q1决定.csv", "Q1.decisions.csv"),
    ("2025Q1.decisions.csv", "Q1.decisions.csv"), ("Q1_decisions.csv", "Q1.decisions.csv"), ("Q1-decision.xlsx", "Q1.decisions.xlsx"),
    ("第一季度领导小组决定.csv", "Q1.decisions.csv"), ("Q1.notice.yml", "Q1.notice.yaml"),
    # the name an office gives the meeting's record: the period was not read out of it (改名为 <考核期>.decisions.xlsx)
    ("2025年第一季度领导小组审定结果.xlsx", "Q1.decisions.xlsx"), ("第一季度平时考核领导小组会议决定.xlsx", "Q1.decisions.xlsx"),
    ("2025年第一季度考核结果公示设置.yaml", "Q1.notice.yaml"),
])
def test_a_misnamed_decisions_or_notice_file_is_named_with_its_right_name(tmp_path, name, meant):
    body = "start: 2025-04-07\n" if "notice" in name else csv_text(HEADER, GOOD)
    _, problems = run(tmp_path, {name: body})
    misnamed = found(problems, "file-misnamed")
    assert [p.file for p in misnamed] == [f"content/ag/t1/2025/{name}"]
    assert f"改名为 {meant}" in misnamed[0].message
    assert misnamed[0].severity is Severity.ERROR


def test_a_decisions_file_of_another_year_says_so(tmp_path):
    _, problems = run(tmp_path, {"2024Q1.decisions.csv": csv_text(HEADER, GOOD)})
    message = found(problems, "file-misnamed")[0].message
    assert "2024" in message and "2025/" in message


def test_an_id_without_its_leading_zeros_names_the_person_meant(tmp_path):
    rows = [["2", "人2", "好", MEETING, TIE], GOOD[1]]
    period, problems = run(tmp_path, {"Q1.decisions.csv": csv_text(HEADER, rows)})
    lost = found(problems, "id-lost-zeros")
    assert [(p.file, p.line) for p in lost] == [("content/ag/t1/2025/Q1.decisions.csv", 2)]
    assert "「0002」" in lost[0].message and "人2" in lost[0].message
    assert found(problems, "unknown-person") == []
    assert by_id(period)["0002"].decided is False  # reported, not applied by a guess


@pytest.mark.parametrize("reason", ["无", "/", "同上", "-", "略", "同意", "……", "——", "。", " 无。", "N/A", "好", "待定",
                                    "1", "２", "无无", "同上同上", "好好"])  # a number or a placeholder written twice says nothing either
def test_a_placeholder_reason_is_an_error(tmp_path, reason):
    rows = [GOOD[0], ["0003", "人3", "较好", reason, TIE]]
    period, problems = run(tmp_path, {"Q1.decisions.csv": csv_text(HEADER, rows)})
    placeholder = found(problems, "decision-reason-placeholder")
    assert [(p.line, p.column) for p in placeholder] == [(3, "D")], reason
    assert placeholder[0].severity is Severity.ERROR
    assert by_id(period)["0003"].decided is False


def test_a_reason_that_begins_with_a_placeholder_but_says_more_is_read(tmp_path):
    rows = [GOOD[0], ["0003", "人3", "较好", "同上，名额已满，确定为较好", TIE]]
    period, problems = run(tmp_path, {"Q1.decisions.csv": csv_text(HEADER, rows)})
    assert not problems.has_errors() and by_id(period)["0003"].decided


def test_an_unknown_column_is_reported_not_ignored(tmp_path):
    rows = [[*row, note] for row, note in zip(GOOD, ["", "此决定已撤销"], strict=True)]
    _, problems = run(tmp_path, {"Q1.decisions.csv": csv_text([*HEADER, "备注"], rows)})
    unknown = found(problems, "decision-column-unknown")
    assert [(p.line, p.column) for p in unknown] == [(1, "F")]
    assert "备注" in unknown[0].message and unknown[0].severity is Severity.ERROR


def test_row_number_and_department_columns_are_read_as_known(tmp_path):
    rows = [[str(i + 1), *row[:2], "办公室", *row[2:]] for i, row in enumerate(GOOD)]
    _, problems = run(tmp_path, {"Q1.decisions.csv": csv_text(["序号", "编号", "姓名", "部门", "等次", "理由", "所决事项"], rows)})
    assert not problems.has_errors()


def test_the_offices_own_headers_are_named_with_what_to_rename_them_to(tmp_path):
    _, problems = run(tmp_path, {"Q1.decisions.csv": csv_text(["工号", "姓名", "审定等次", "决定理由", "所决事项"], GOOD)})
    invalid = found(problems, "decision-invalid")
    assert len(invalid) == 1
    message = invalid[0].message
    assert "缺少「等次」「理由」" in message and "「审定等次」改为「等次」" in message and "「决定理由」改为「理由」" in message
    assert found(problems, "decision-column-unknown") == []  # one problem, not one a column


def test_a_results_sheet_named_as_a_list_for_the_notice_board_is_not_called_a_settings_file(tmp_path):
    _, problems = run(tmp_path, {"第一季度公示名单.xlsx": b"not read"})
    assert found(problems, "file-misnamed") == [] and found(problems, "period-unknown")


@pytest.mark.parametrize("place", [
    "content/ag/t1/Q1.decisions.csv",  # the year folder left out
    "content/ag/Q1.decisions.csv",  # beside agency.yaml
    "content/Q1.decisions.csv",
    "content/ag/t1/2025/旧版/Q1.decisions.csv",  # a folder inside the year's
    "content/ag/t1/2025/旧版/更早/Q1.decisions.xlsx",
    "content/ag/t1/Q2.csv",  # a results sheet, too
    "content/ag/t1/2025Q1决定.csv",
])
def test_a_decisions_file_at_the_wrong_depth_is_reported_not_ignored(tmp_path, place):
    from tests.unit.helpers import make_project, people_csv
    from tests.unit.helpers import run as run_project

    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["得分"])})
    (tmp_path / place).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / place).write_text(csv_text(HEADER, GOOD), encoding="utf-8")
    _, _, problems = run_project(tmp_path)
    misplaced = found(problems, "file-misplaced")
    assert [p.file for p in misplaced] == [place]
    assert "content/ag/t1/2025/" in misplaced[0].message or "content/<单位>" in misplaced[0].message
    assert misplaced[0].severity is Severity.ERROR


def test_the_files_kaohe_reads_elsewhere_are_not_misplaced(tmp_path):
    from tests.unit.helpers import make_project, people_csv
    from tests.unit.helpers import run as run_project

    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    make_project(tmp_path, data, {"Q1.csv": people_csv(rows, ["得分"])})
    (tmp_path / "content" / "pages").mkdir()
    (tmp_path / "content" / "pages" / "Q1.csv").write_text("x", encoding="utf-8")  # a download a hand-written page links
    (tmp_path / "content" / "ag" / "说明.docx").write_bytes(b"not a kaohe file")
    (tmp_path / "content" / "ag" / "t1" / ".~lock.Q1.csv#").write_text("x", encoding="utf-8")
    _, _, problems = run_project(tmp_path)
    assert found(problems, "file-misplaced") == []


def test_a_title_row_above_the_header_is_read_as_a_title(tmp_path):
    """An office's decisions workbook often begins with its title (2025年第一季度平时考核领导小组决定)."""
    from tests.unit.helpers import xlsx_bytes

    rows = [["2025年第一季度平时考核领导小组审定结果", None, None, None, None], [None] * 5, HEADER, *GOOD]
    for merge in ((), ["A1:E1"]):  # the title typed in A1, or merged and centred over the table
        period, problems = run(tmp_path, {"Q1.decisions.xlsx": xlsx_bytes(rows, merge=merge)})
        assert not problems.has_errors(), [p.format() for p in problems.sorted()]
        assert by_id(period)["0002"].decided and by_id(period)["0003"].grade == "较好"


def test_a_header_nowhere_near_the_top_is_still_a_problem_naming_what_was_found(tmp_path):
    notes = [["……", "", "", "", ""]] * 20
    _, problems = run(tmp_path, {"Q1.decisions.csv": csv_text(["说明", "", "", "", ""], [*notes, HEADER, *GOOD])})
    assert [p.line for p in found(problems, "decision-invalid")] == [1]


def test_a_row_with_several_cells_above_the_header_is_not_skipped_as_a_title(tmp_path):
    from tests.unit.helpers import xlsx_bytes

    rows = [["0004", "人4", "好", "2025年4月3日领导小组会议", "原为：较好"], HEADER, *GOOD]  # typed above the header
    _, problems = run(tmp_path, {"Q1.decisions.xlsx": xlsx_bytes(rows)})
    assert [(p.line, p.code) for p in found(problems, "decision-invalid")] == [(1, "decision-invalid")]


def test_the_offices_column_names_of_agency_yaml_and_the_schemes_people_columns_are_known(tmp_path):
    """agency.yaml maps the office's 人员代码 to 编号 for its sheets: its decisions file says 人员代码 too;
    a scheme whose department column is 站所办 has decisions files with 站所办 for whoever checks them."""
    from tests.unit.helpers import make_project, people_csv
    from tests.unit.helpers import run as run_project

    data = simple_scheme(grades=GRADES, quotas=[{"grade": "好", "at_most": "30%"}], places=2)
    data["people"] = {"department": "站所办"}
    rows = [[f"{i + 1:04d}", f"人{i + 1}", "办公室", s] for i, s in enumerate(SCORES)]
    sheet = people_csv(rows, ["得分"]).replace("编号,姓名,部门", "人员代码,姓名,站所办", 1)
    decisions = "2025年第一季度领导小组决定,,,,,\n" + csv_text(["人员代码", "姓名", "站所办", "等次", "理由", "所决事项"], [[*r[:2], "办公室", *r[2:]] for r in GOOD])
    make_project(tmp_path, data, {"Q1.csv": sheet, "Q1.decisions.csv": decisions})
    agency = tmp_path / "content" / "ag" / "agency.yaml"
    agency.write_text(agency.read_text("utf-8") + "columns: {人员代码: 编号}\n", encoding="utf-8")
    _, periods, problems = run_project(tmp_path)
    assert not problems.has_errors(), [p.format() for p in problems.sorted()]
    assert by_id(periods[0])["0002"].decided


def test_a_period_with_a_lock_but_no_sheet_says_its_sheet_is_gone(tmp_path):
    from tests.unit.helpers import make_project
    from tests.unit.helpers import run as run_project

    make_project(tmp_path, simple_scheme(), {"Q1.lock.json": "{}", "Q1.decisions.csv": csv_text(HEADER, GOOD)})
    _, _, problems = run_project(tmp_path)
    missing = found(problems, "period-missing")
    assert len(missing) == 1
    assert "锁定文件" in missing[0].message and "领导小组决定文件" in missing[0].message and "恢复" in missing[0].message


def test_a_header_written_twice_is_reported_not_half_read(tmp_path):
    rows = [[*row, "另写的理由"] for row in GOOD]
    _, problems = run(tmp_path, {"Q1.decisions.csv": csv_text([*HEADER, "理由"], rows)})
    assert [(p.line, p.column) for p in found(problems, "decision-invalid")] == [(1, "F")]
    assert "出现了两次" in found(problems, "decision-invalid")[0].message


def test_a_year_decision_goes_stale_when_a_quarter_is_corrected(tmp_path):
    """liuxi-zhen 2024: the committee decided the tie of 0504 and 0509 at the year's 优秀 line (Y.decisions.csv).
    A correction of 0509's 第一季度 sheet (+0.5 in 绩) breaks the tie: both decisions are stale, the year's 公示 held."""
    from generator.engine.compute import load_everything
    from tests.web.util import copy_demo_part

    root = copy_demo_part(tmp_path, ("liuxi-zhen",))
    sheet = root / "content" / "liuxi-zhen" / "s003-p5" / "2024" / "Q1.csv"
    text = sheet.read_text("utf-8-sig")
    assert "0509,戴平超,综合治理办公室,13.5,13.5,36,9" in text
    sheet.write_text(text.replace("0509,戴平超,综合治理办公室,13.5,13.5,36,9", "0509,戴平超,综合治理办公室,13.5,13.5,36.5,9"), encoding="utf-8-sig")
    _, periods, problems = load_everything(root)
    stale = [(p.file.rsplit("/", 1)[-1], p.line) for p in problems.sorted() if p.code == "decision-stale"]
    assert stale == [("Y.decisions.csv", 2), ("Y.decisions.csv", 3)]
    year = next(p for p in periods if p.agency == "liuxi-zhen" and p.year == 2024 and p.label == "Y")
    assert year.held and not any(person.decided for person in year.people)


@pytest.mark.parametrize("statement", ["√", "是", "同意", "/", "有"])
def test_an_exceed_statement_that_says_nothing_is_no_consent(tmp_path, statement):
    """超出名额 records the committee's consent to exceed a quota and its reason, shown on the 公示: a tick
    or 同意 alone would publish an excess nobody justified."""
    rows = [[*GOOD[0], ""], ["0003", "人3", "好", "2025年4月3日领导小组会议：并列第2名，二人均确定为好", TIE, statement]]
    period, problems = run(tmp_path, {"Q1.decisions.csv": csv_text([*HEADER, "超出名额"], rows)})
    placeholder = found(problems, "decision-reason-placeholder")
    assert [(p.line, p.column) for p in placeholder] == [(3, "F")], statement
    assert "超出名额" in placeholder[0].message
    assert not by_id(period)["0003"].decided


def test_a_decisions_workbook_with_two_sheets_of_decisions_says_to_put_them_in_one(tmp_path):
    """Two meetings' decisions on two tabs (第一批, 第二批): none is applied, and the message spoke of 本期成绩 and
    one period a file — advice for a results workbook; a decisions workbook is told to merge them into one sheet."""
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "第一批"
    wb.active.append(HEADER)
    wb.active.append(GOOD[0])
    second = wb.create_sheet("第二批")
    second.append(HEADER)
    second.append(GOOD[1])
    out = io.BytesIO()
    wb.save(out)
    _, problems = run(tmp_path, {"Q1.decisions.xlsx": out.getvalue()})
    many = found(problems, "workbook-many-sheets")
    assert [p.file for p in many] == ["content/ag/t1/2025/Q1.decisions.xlsx"]
    assert "领导小组决定" in many[0].message and "成绩" not in many[0].message, many[0].message


def test_a_decisions_file_for_an_assessment_without_grades_says_so_once(tmp_path):
    """An assessment that grades nobody (scores only): each row of its decisions file was told 请填写  之一 —
    of an empty list. The file is told once that decisions set grades and this assessment has none."""
    from tests.unit.helpers import assessment, item, make_project, people_csv, scheme
    from tests.unit.helpers import run as load

    data = scheme(assessment([item("df", "得分", 100)], grades=None))
    make_project(tmp_path, data, {"Q1.csv": people_csv([["0001", "人1", "办公室", "95"]], ["得分"]),
                                  "Q1.decisions.csv": csv_text(HEADER, [["0001", "人1", "好", MEETING, "原为：不确定等次"]] * 1)})
    _, _, problems = load(tmp_path)
    bad = [(p.file, p.line, p.code) for p in problems.sorted() if p.file.endswith("decisions.csv")]
    assert bad == [("content/ag/t1/2025/Q1.decisions.csv", None, "decision-invalid")], [p.format() for p in problems.sorted()]
    assert "不定等次" in problems.sorted()[0].message or "没有等次" in problems.sorted()[0].message
