"""`kaohe check --xlsx-report DIR`: annotated copies of results sheets, the originals untouched."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import openpyxl

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
AGENCY = "demo"
DEPARTMENTS = ["办公室", "预算股", "国库股", "综合股"]
MARKER = ".kaohe-xlsx-report.json"  # the marker of a report Kaohe wrote (generator/xlsx/report.py)
_NOTE = re.compile(r"[（(][^（()）]*[)）]$")


def make_project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "schemes").mkdir(parents=True)
    shutil.copy(REPO / "schemes" / "s003-p2.yaml", root / "schemes" / "s003-p2.yaml")
    agency = root / "content" / AGENCY
    agency.mkdir(parents=True)
    (agency / "agency.yaml").write_text("name: 示例县财政局\ndepartments: [" + ", ".join(DEPARTMENTS) + "]\n", encoding="utf-8")
    return root


def results_dir(root: Path) -> Path:
    path = root / "content" / AGENCY / "s003-p2" / "2025"
    path.mkdir(parents=True, exist_ok=True)
    return path


def template(root: Path, tmp_path: Path) -> Path:
    out = tmp_path / "template.xlsx"
    assert main(["-C", str(root), "template", "s003-p2", "2025-Q1", "--out", str(out)]) == 0
    return out


def fill_bad(template_path: Path, out: Path) -> dict[str, int]:
    """Three people; 优 in a number cell on row 3; row 4 repeats row 2's ID."""
    wb = openpyxl.load_workbook(template_path)
    ws = wb["成绩"]
    cols = {_NOTE.sub("", "".join(str(c.value).split())): c.column for c in ws[1] if c.value}
    maxima = {}
    for cell in ws[1]:
        match = re.search(r"满分(\d+)", str(cell.value or ""))
        if match:
            maxima[cell.column] = int(match.group(1))
    for r, (pid, name, dept) in enumerate([("0012", "张三", "办公室"), ("0013", "李四", "预算股"), ("0012", "王五", "国库股")], start=2):
        ws.cell(row=r, column=cols["编号"], value=pid)
        ws.cell(row=r, column=cols["姓名"], value=name)
        ws.cell(row=r, column=cols["科室"], value=dept)
        for col, top in maxima.items():
            ws.cell(row=r, column=col, value=top)
        if "应出勤天数" in cols:
            ws.cell(row=r, column=cols["应出勤天数"], value=60)
    ws.cell(row=3, column=cols["职业道德"], value="优")
    wb.save(out)
    return cols


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(path: Path) -> set[Path]:
    return {p for p in path.rglob("*") if p.is_file()}


def test_report_marks_bad_cells(tmp_path, capsys):
    root = make_project(tmp_path)
    original = results_dir(root) / "Q1.xlsx"
    cols = fill_bad(template(root, tmp_path), original)
    before_hash = sha(original)
    before_files = files_under(tmp_path)
    report = tmp_path / "问题标注"
    assert main(["-C", str(root), "check", "--xlsx-report", str(report)]) == 1
    out = capsys.readouterr().out
    assert "[not-a-number]" in out and "[duplicate-id]" in out
    copy = report / AGENCY / "s003-p2" / "2025" / "Q1.xlsx"
    assert f"已写出标注问题的副本：{copy}" in out
    # the original is untouched and nothing was written outside the report folder
    assert sha(original) == before_hash
    assert files_under(tmp_path) - before_files == files_under(report) == {copy, report / MARKER}  # and the marker of Kaohe's report

    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[-1] == "问题清单"
    ws = wb["成绩"]
    assert wb.active.title == "成绩"  # opens on the marked sheet
    bad_number = ws.cell(row=3, column=cols["职业道德"])
    assert bad_number.coordinate == "E3"
    assert bad_number.value == "优"
    assert bad_number.comment is not None and "[not-a-number]" in bad_number.comment.text
    assert "「优」" in bad_number.comment.text
    assert bad_number.fill.fgColor.rgb.endswith("FFC7CE")
    duplicate = ws.cell(row=4, column=cols["编号"])
    assert duplicate.coordinate == "A4"
    assert duplicate.comment is not None and "[duplicate-id]" in duplicate.comment.text
    assert "第 2 行" in duplicate.comment.text
    assert duplicate.fill.fgColor.rgb.endswith("FFC7CE")
    # good cells carry nothing
    assert ws["A2"].comment is None and ws["D3"].comment is None
    assert ws["A2"].fill.fgColor.rgb != "00FFC7CE"
    listing = [[c.value for c in row] for row in wb["问题清单"].iter_rows(min_row=3)]
    codes = {row[1] for row in listing}
    assert {"not-a-number", "duplicate-id"} <= codes
    assert any("第3行" in row[0] and "E列" in row[0] for row in listing)
    # the copy still reads as the same results (an office may correct the copy and use it)
    assert wb.sheetnames[:2] == ["说明", "成绩"]
    ws.cell(row=3, column=cols["职业道德"], value=4)
    ws.cell(row=4, column=cols["编号"], value="0014")
    wb.save(original)  # corrected in the copy and saved back, 问题清单 sheet and all
    capsys.readouterr()
    assert main(["-C", str(root), "check"]) == 0, capsys.readouterr().out


def test_report_for_csv_with_missing_column(tmp_path, capsys):
    root = make_project(tmp_path)
    source = results_dir(root) / "Q1.csv"
    header = "编号,姓名,科室,思想政治素质\n"
    source.write_text(header + "0012,张三,办公室,=1+1\n0013,李四,财务股,5\n", encoding="utf-8")
    before = sha(source)
    report = tmp_path / "report"
    assert main(["-C", str(root), "check", "--xlsx-report", str(report)]) == 1
    capsys.readouterr()
    assert sha(source) == before
    copy = report / AGENCY / "s003-p2" / "2025" / "Q1.xlsx"
    assert files_under(report) == {copy, report / MARKER}
    wb = openpyxl.load_workbook(copy)
    ws = wb.worksheets[0]
    assert ws["A2"].value == "0012"  # leading zero kept
    assert ws["D2"].value == "=1+1" and ws["D2"].data_type == "s"  # text, not a live formula
    assert "[cell-formula-text]" in ws["D2"].comment.text  # a formula kept as text (i16j), told so
    assert "[unknown-department]" in ws["C3"].comment.text
    # a missing column has no cell: it is put on the header row's first cell
    assert "[missing-column]" in ws["A1"].comment.text
    assert "职业道德" in ws["A1"].comment.text
    listing = [[c.value for c in row] for row in wb["问题清单"].iter_rows(min_row=3)]
    assert sum(1 for row in listing if row[1] == "missing-column") >= 2


def test_no_report_when_clean_and_refuse_inside_content(tmp_path, capsys):
    root = make_project(tmp_path)
    source = results_dir(root) / "Q1.csv"
    source.write_text("编号,姓名\n", encoding="utf-8")  # header only: missing columns on row 1
    assert main(["-C", str(root), "check", "--xlsx-report", str(root / "content" / "report")]) == 2
    assert not (root / "content" / "report").exists()
    capsys.readouterr()


def test_write_reports_directly(tmp_path):
    from generator.core.problems import Problems
    from generator.xlsx.report import write_reports

    root = make_project(tmp_path)
    source = results_dir(root) / "Q1.csv"
    source.write_text("编号,姓名,科室\n0012,张三,办公室\n", encoding="utf-8")
    (tmp_path / "outside.csv").write_text("编号,姓名\n1,x\n", encoding="utf-8")
    problems = Problems()
    shown = "content/demo/s003-p2/2025/Q1.csv"
    problems.add(shown, 2, "B", "missing-value", "测试", sheet=None)
    problems.add("content/../../outside.csv", 2, "B", "missing-value", "不在项目里")
    problems.add(shown.replace("Q1.csv", "Q1.decisions.csv"), 2, "A", "decision-invalid", "不是成绩表")
    out = tmp_path / "out"
    written = write_reports(root, problems, out)
    assert written == [out / AGENCY / "s003-p2" / "2025" / "Q1.xlsx"]
    assert files_under(out) == set(written)
    assert "[missing-value] 测试" in openpyxl.load_workbook(written[0]).worksheets[0]["B2"].comment.text



def _bad_csv(root: Path) -> Path:
    source = results_dir(root) / "Q1.csv"
    source.write_text("编号,姓名,科室,思想政治素质\n0012,张三,办公室,优\n", encoding="utf-8")
    return source


def _refused(capsys, code: int) -> str:
    out = capsys.readouterr().out
    assert code == 2, out
    assert "[xlsx-report-unsafe]" in out and "Traceback" not in out
    assert "重新运行 kaohe check --xlsx-report" in out
    return out


def test_report_never_into_the_project_or_its_folders(tmp_path, capsys, monkeypatch):
    root = make_project(tmp_path)
    _bad_csv(root)
    before = {p: sha(p) for p in files_under(root)}
    monkeypatch.chdir(root)
    for target in (".", "..", "schemes", "content", ".build", "site_templates/x"):
        _refused(capsys, main(["-C", str(root), "check", "--xlsx-report", target]))
    assert {p: sha(p) for p in files_under(root)} == before
    assert not (root / AGENCY).exists() and not (root / "site_templates").exists()


def test_report_never_overwrites_a_users_folder(tmp_path, capsys):
    root = make_project(tmp_path)
    _bad_csv(root)
    mine = tmp_path / "mine"
    same = mine / AGENCY / "s003-p2" / "2025" / "Q1.xlsx"
    same.parent.mkdir(parents=True)
    same.write_bytes(b"my own workbook")
    out = _refused(capsys, main(["-C", str(root), "check", "--xlsx-report", str(mine)]))
    assert "Q1.xlsx" in out
    assert same.read_bytes() == b"my own workbook" and files_under(mine) == {same}
    assert not list(tmp_path.glob(".mine.*"))


def test_report_replaces_its_own_earlier_report_only(tmp_path, capsys):
    root = make_project(tmp_path)
    source = _bad_csv(root)
    report = tmp_path / "问题标注"
    copy = report / AGENCY / "s003-p2" / "2025" / "Q1.xlsx"
    assert main(["-C", str(root), "check", "--xlsx-report", str(report)]) == 1
    assert files_under(report) == {copy, report / MARKER}
    assert main(["-C", str(root), "check", "--xlsx-report", str(report)]) == 1  # its own earlier report: replaced
    assert files_under(report) == {copy, report / MARKER}
    capsys.readouterr()
    # a file the user put there, or a copy edited in place, is never overwritten
    (report / "我的笔记.txt").write_bytes(b"keep")
    _refused(capsys, main(["-C", str(root), "check", "--xlsx-report", str(report)]))
    assert (report / "我的笔记.txt").read_bytes() == b"keep"
    (report / "我的笔记.txt").unlink()
    copy.write_bytes(b"edited copy")
    out = _refused(capsys, main(["-C", str(root), "check", "--xlsx-report", str(report)]))
    assert "Q1.xlsx" in out and copy.read_bytes() == b"edited copy"
    copy.unlink()
    # no problem left in that sheet (here: the sheet is gone): the stale copy of the earlier report goes
    assert main(["-C", str(root), "check", "--xlsx-report", str(report)]) == 1
    assert copy.exists()
    source.unlink()
    capsys.readouterr()
    main(["-C", str(root), "check", "--xlsx-report", str(report)])
    assert files_under(report) == {report / MARKER}, capsys.readouterr().out
    assert not list(tmp_path.glob(".问题标注.*"))
