"""`kaohe template`: the sheet an office fills in, filled the way a user would, read back by check."""

from __future__ import annotations

import datetime
import io
import re
import shutil
import time
import types
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.writer.excel
import pytest

from generator.cli import main
from generator.sheets.rows import _match
from generator.xlsx.template import make_template

REPO = Path(__file__).resolve().parents[1]
AGENCY = "demo"
DEPARTMENTS = ["办公室", "预算股", "国库股", "综合股"]
_NOTE = re.compile(r"[（(][^（()）]*[)）]$")


def make_project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "schemes").mkdir(parents=True)
    shutil.copy(REPO / "schemes" / "s003-p2.yaml", root / "schemes" / "s003-p2.yaml")
    agency = root / "content" / AGENCY
    agency.mkdir(parents=True)
    (agency / "agency.yaml").write_text("name: 示例县财政局\ndepartments: [" + ", ".join(DEPARTMENTS) + "]\n", encoding="utf-8")
    return root


def generate(root: Path, tmp_path: Path, period: str = "2025-Q1", name: str = "template.xlsx") -> Path:
    out = tmp_path / name
    assert main(["-C", str(root), "template", "s003-p2", period, "--out", str(out)]) == 0
    return out


def columns_of(ws) -> dict[str, int]:
    """Header text without its bracketed note → column number."""
    return {_NOTE.sub("", "".join(str(c.value).split())): c.column for c in ws[1] if c.value}


# name, department, and the score given for every item (the item's max times a share)
PEOPLE = [
    ("0012", "张三", "办公室", 1),  # full marks: 100
    ("0013", "李四", "预算股", 0.8),
    ("0014", "王五", "国库股", 0.7),
    ("0015", "赵六", "综合股", 0.5),
]


def fill(path: Path, out: Path, people=PEOPLE) -> None:
    """Fill the template as a user would: numbers as numbers, one number typed as text."""
    wb = openpyxl.load_workbook(path)
    ws = wb["成绩"]
    cols = columns_of(ws)
    maxima = {}
    for cell in ws[1]:
        match = re.search(r"满分(\d+(?:\.\d+)?)", str(cell.value or ""))
        if match:
            maxima[cell.column] = float(match.group(1))
    for r, (pid, name, dept, share) in enumerate(people, start=2):
        ws.cell(row=r, column=cols["编号"], value=pid)
        ws.cell(row=r, column=cols["姓名"], value=name)
        ws.cell(row=r, column=cols["科室"], value=dept)
        for col, top in maxima.items():
            value = top * share
            ws.cell(row=r, column=col, value=int(value) if value == int(value) else value)
        if "应出勤天数" in cols:
            ws.cell(row=r, column=cols["应出勤天数"], value=60)
        if "病事假天数" in cols:
            ws.cell(row=r, column=cols["病事假天数"], value=0)
    ws.cell(row=3, column=cols["思想政治素质"], value="5")  # typed as text, as Excel users do
    if "加分" in cols:
        ws.cell(row=3, column=cols["加分"], value=1.5)
    if "试用期" in cols:
        ws.cell(row=4, column=cols["试用期"], value="否")
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)


def results_path(root: Path, label: str = "Q1", year: int = 2025) -> Path:
    return root / "content" / AGENCY / "s003-p2" / str(year) / f"{label}.xlsx"


def test_template_layout(tmp_path):
    root = make_project(tmp_path)
    path = generate(root, tmp_path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["说明", "成绩"]
    ws = wb["成绩"]
    assert ws["D1"].value == "思想政治素质\n（满分6）"  # the note on its own line in the cell
    headers = ["".join(c.value.split()) for c in ws[1]]
    assert headers[:4] == ["编号", "姓名", "科室", "思想政治素质（满分6）"]
    assert "加分（上限5）" in headers and "试用期（是/否）" in headers
    # every header reads back as the scheme's column name
    from generator.core.problems import Problems
    from generator.project.discover import discover
    from generator.scheme.columns import plan_columns

    scheme = discover(root, Problems()).schemes["s003-p2"]
    plan = plan_columns(scheme, scheme.assessments[0])
    expected = {s.name for s in plan.all()}
    assert [_match(h, expected) for h in headers] == [s.name for s in plan.all()]
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["A"].number_format == "@"
    validations = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert validations["C2"].type == "list" and validations["C2"].formula1 == '"' + ",".join(DEPARTMENTS) + '"'
    d = validations["D2"]
    assert (d.type, d.operator, d.formula1, d.formula2) == ("decimal", "between", "0", "6")
    assert "0 至 6" in d.error and d.showErrorMessage
    yes_no = validations[f"{openpyxl.utils.get_column_letter(headers.index('试用期（是/否）') + 1)}2"]
    assert yes_no.formula1 == '"是,否"'
    assert validations["A2"].type == "custom" and "COUNTIF" in validations["A2"].formula1
    text = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
    assert "content/demo/s003-p2/2025/Q1.xlsx" in text
    assert "kaohe check" in text and "3、4.5" in text
    assert "由考核人按评分标准直接打分（成绩表「思想政治素质」列），0 至 6 分。" in text
    assert "认真学习贯彻习近平新时代中国特色社会主义思想" in text


def test_round_trip_check_and_explain(tmp_path, capsys):
    root = make_project(tmp_path)
    template = generate(root, tmp_path)
    out = capsys.readouterr().out
    assert "已生成成绩表模板" in out and "下一步" in out and "content/demo/s003-p2/2025/Q1.xlsx" in out
    fill(template, results_path(root))
    assert main(["-C", str(root), "check"]) == 0
    out = capsys.readouterr().out
    assert "检查通过" in out or "没有错误" in out, out
    assert "[" not in out.replace("[好]", ""), out  # no problem lines at all
    assert main(["-C", str(root), "explain", "s003-p2", "2025-Q1", "0013"]) == 0
    out = capsys.readouterr().out
    assert "李四" in out
    assert main(["-C", str(root), "explain", "s003-p2", "2025-Q1", "0012"]) == 0
    assert "张三" in capsys.readouterr().out


def test_merged_title_row_above_header_still_reads(tmp_path, capsys):
    root = make_project(tmp_path)
    template = generate(root, tmp_path)
    filled = tmp_path / "filled.xlsx"
    fill(template, filled)
    wb = openpyxl.load_workbook(filled)
    ws = wb["成绩"]
    ws.insert_rows(1)
    ws["A1"] = "示例县财政局 2025 年第一季度公务员平时考核成绩表"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ws.max_column)
    target = results_path(root)
    target.parent.mkdir(parents=True)
    wb.save(target)
    assert main(["-C", str(root), "check"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert main(["-C", str(root), "explain", "s003-p2", "2025-Q1", "0014"]) == 0
    assert "王五" in capsys.readouterr().out


def test_prefill_from_the_latest_earlier_period(tmp_path, capsys):
    root = make_project(tmp_path)
    template = generate(root, tmp_path)
    fill(template, results_path(root, "Q1"))
    capsys.readouterr()
    q2 = generate(root, tmp_path, "2025-Q2", "q2.xlsx")
    out = capsys.readouterr().out
    assert "带入 4 人" in out
    ws = openpyxl.load_workbook(q2)["成绩"]
    rows = [[c.value for c in row[:3]] for row in ws.iter_rows(min_row=2, max_row=5)]
    assert rows == [[pid, name, dept] for pid, name, dept, _ in PEOPLE]
    assert ws["A2"].number_format == "@"
    assert ws["D2"].value is None  # scores are not carried over


def test_template_does_not_overwrite(tmp_path, capsys):
    root = make_project(tmp_path)
    out = tmp_path / "Q1.xlsx"
    out.write_bytes(b"filled in already")
    assert main(["-C", str(root), "template", "s003-p2", "2025-Q1", "--out", str(out)]) == 2
    assert out.read_bytes() == b"filled in already"
    assert "已存在" in capsys.readouterr().err


def test_template_does_not_overwrite_a_file_saved_while_it_was_made(tmp_path, capsys, monkeypatch):
    """The office saves Q1.xlsx between the check for it and the write: it is still not overwritten."""
    import generator.cli.template as template_cli

    root = make_project(tmp_path)
    out = tmp_path / "Q1.xlsx"
    made = template_cli.make_template

    def make_and_meanwhile_save(*args, **kwargs):
        out.write_bytes(b"saved meanwhile")
        return made(*args, **kwargs)

    monkeypatch.setattr(template_cli, "make_template", make_and_meanwhile_save)
    assert main(["-C", str(root), "template", "s003-p2", "2025-Q1", "--out", str(out)]) == 2
    assert out.read_bytes() == b"saved meanwhile" and "已存在" in capsys.readouterr().err


def test_template_usage_errors(tmp_path, capsys):
    root = make_project(tmp_path)
    assert main(["-C", str(root), "template", "nope", "2025-Q1", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert main(["-C", str(root), "template", "s003-p2", "2025-H1", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert main(["-C", str(root), "template", "s003-p2", "2025-Q1", "--agency", "nobody", "--out", str(tmp_path / "x.xlsx")]) == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_default_output_is_label_in_current_directory(tmp_path, monkeypatch, capsys):
    root = make_project(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["-C", str(root), "template", "s003-p2", "2025-年度"]) == 0
    assert (work / "Y.xlsx").is_file()
    ws = openpyxl.load_workbook(work / "Y.xlsx")["成绩"]
    headers = ["".join(c.value.split()) for c in ws[1]]
    assert "年度拟定等次（优秀/称职/基本称职/不称职）" in headers


def _scheme(root: Path):
    from generator.core.problems import Problems
    from generator.project.discover import discover

    return discover(root, Problems()).schemes["s003-p2"]


def test_deterministic_bytes(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    scheme = _scheme(root)
    assessment = scheme.assessment_for_label("Q1")
    people = [{"id": "0012", "name": "张三", "department": "办公室"}]
    first = make_template(scheme, assessment, 2025, "Q1", DEPARTMENTS, people)
    # a later clock must not change a byte: zipfile stamps time.time() on every entry and
    # openpyxl stamps datetime.now() as the document's modified time when saving
    later = time.time() + 86400 * 400
    monkeypatch.setattr(time, "time", lambda: later)

    class LaterDatetime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    monkeypatch.setattr(openpyxl.writer.excel, "datetime", types.SimpleNamespace(datetime=LaterDatetime, timezone=datetime.timezone))
    second = make_template(scheme, assessment, 2025, "Q1", DEPARTMENTS, people)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        core = archive.read("docProps/core.xml").decode()
        assert core.count("2025-01-01T00:00:00Z") == 2  # created and modified
        assert "2031" not in core
        assert {info.date_time for info in archive.infolist()} == {(2025, 1, 1, 0, 0, 0)}
    other = make_template(scheme, assessment, 2025, "Q1", [*DEPARTMENTS, "人事股"], people)
    assert other != first


def test_long_department_list_goes_to_hidden_sheet(tmp_path):
    root = make_project(tmp_path)
    scheme = _scheme(root)
    departments = [f"第{i}个非常非常长的内设机构名称" for i in range(30)] + ["甲,乙股"]
    data = make_template(scheme, scheme.assessment_for_label("Q1"), 2025, "Q1", departments)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb["选项"].sheet_state == "hidden"
    ws = wb["成绩"]
    dv = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith("C2"))
    assert dv.formula1 == "'选项'!$A$1:$A$31"
    assert wb["选项"]["A31"].value == "甲,乙股"


@pytest.mark.parametrize("label,expected", [("Q1", (2025, 1, 1)), ("H2", (2025, 7, 1)), ("M03", (2025, 3, 1)), ("Y", (2025, 1, 1))])
def test_fixed_time_from_period(label, expected):
    from generator.xlsx.template import fixed_time

    when = fixed_time(2025, label)
    assert (when.year, when.month, when.day) == expected


def test_the_help_sheet_says_which_rater_columns_must_be_filled_and_how_to_repeat_a_name():
    """民主测评 = 领导 40% + 同事 30% + 服务对象 30% (missing: error): a blank part is an error, yet the
    help sheet called these columns 选填; a column of event names said nothing of an event twice."""
    from generator.scheme.columns import plan_columns
    from generator.scheme.model import Scheme
    from generator.xlsx.template.help_sheet import _column_rows
    from tests.unit.helpers import item, simple_scheme

    parts = [{"name": "领导评分", "weight": "40%"}, {"name": "同事评分", "weight": "30%"}, {"name": "服务对象评分", "weight": "30%"}]
    items = [item("ceping", "民主测评", 100, score={"kind": "weighted", "components": parts})]
    penalty = {"kind": "penalty", "name": "差错扣分", "column": "差错与通报", "points": {"工作差错": 1, "通报批评": 2}, "cap": 5}
    scheme = Scheme.model_validate(simple_scheme(items=items, adjustments=[penalty]))
    assessment = scheme.assessments[0]
    rows = {header.split("（")[0]: (required, how) for header, required, how, _ in _column_rows(scheme, assessment, plan_columns(scheme, assessment), [])}
    assert [rows[c][0] for c in ("领导评分", "同事评分", "服务对象评分")] == ["必填"] * 3
    assert rows["差错与通报"][1].endswith("；同一项有几次就写几次，如 工作差错、工作差错")
