"""Files saved by LibreOffice: each gives exactly the results of the clean sheet it was made from, or
fails `check` with a code, a position and a fix — never a pass with a different grade.

The files under tests/unit/libreoffice/ were written by LibreOffice Calc 7.4 (tools/libreoffice/
make_fixtures.py says how; the tests never run LibreOffice). They carry what LibreOffice does that
openpyxl does not: its own shared strings and styles, a `dimension` covering only the first sheet,
empty but formatted rows below the data, numbers where the CSV had 0001, real .xls and .ods files.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator import cli
from tests.unit.helpers import make_project, run, write
from tests.unit.test_office_sheets import OFFICE_SCHEME, clean, office_agency, results

ROOT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).parent / "libreoffice"
DEMO = ROOT / "content/yunxi-czj/s003-p2/2025/Q2.csv"
PERIOD = "content/yunxi-czj/s003-p2/2025"


def test_the_fixtures_were_saved_by_libreoffice():
    for name in ("s003-p2-template-Q2.xlsx", "s003-p2-mistakes-Q2.xlsx", "s003-p2-csv-Q3.xlsx", "office-Q1.xlsx"):
        with zipfile.ZipFile(FILES / name) as archive:
            assert "<Application>LibreOffice/" in archive.read("docProps/app.xml").decode(), name
    assert (FILES / "s003-p2-template-Q2.xls").read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # Excel 97 (OLE2)
    with zipfile.ZipFile(FILES / "s003-p2-template-Q2.ods") as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"


def demo_project(root: Path, files: dict[str, str | bytes]) -> Path:
    """The demo scheme s003-p2 and agency yunxi-czj, with twelve people of its 2025 Q2 sheet."""
    write(root / "schemes/s003-p2.yaml", (ROOT / "schemes/s003-p2.yaml").read_text("utf-8"))
    write(root / "content/yunxi-czj/agency.yaml", (ROOT / "content/yunxi-czj/agency.yaml").read_text("utf-8"))
    for name, content in files.items():
        write(root / PERIOD / name, content)
    return root


def demo_csv() -> str:
    return "".join(DEMO.read_text("utf-8-sig").splitlines(keepends=True)[:13])


def graded(root: Path) -> dict:
    _, periods, problems = run(root)
    assert [(p.file, p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"] == []
    return {(p.label, r.id): (r.person.name, r.total, r.grade, r.status, [(i.code, i.value) for i in r.items]) for p in periods for r in p.people}


def test_the_filled_template_saved_by_libreoffice_grades_exactly_like_the_clean_sheet(tmp_path):
    expected = graded(demo_project(tmp_path / "clean", {"Q2.csv": demo_csv()}))
    assert len(expected) == 12 and {v[2] for v in expected.values()} >= {"好", "较好"}
    got = graded(demo_project(tmp_path / "lo", {"Q2.xlsx": (FILES / "s003-p2-template-Q2.xlsx").read_bytes()}))
    assert got == expected


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_real_xls_and_ods_files_are_refused_once_with_the_fix(tmp_path, suffix, capsys):
    root = demo_project(tmp_path, {"Q1.csv": demo_csv(), f"Q2.{suffix}": (FILES / f"s003-p2-template-Q2.{suffix}").read_bytes()})
    _, periods, problems = run(root)
    assert [(p.file, p.line, p.column, p.code) for p in problems.sorted()] == [(f"{PERIOD}/Q2.{suffix}", None, None, "sheet-format-unsupported")]
    assert "另存为" in problems.sorted()[0].message and "Q2.xlsx" in problems.sorted()[0].message
    assert [p.label for p in periods] == ["Q1"]
    assert cli.main(["-C", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert out.count("[sheet-format-unsupported]") == 1 and "另有" not in out and "Traceback" not in out


def test_a_date_and_a_percent_typed_into_score_cells_are_named_at_their_place(tmp_path):
    root = demo_project(tmp_path, {"Q2.xlsx": (FILES / "s003-p2-mistakes-Q2.xlsx").read_bytes()})
    _, _, problems = run(root)
    errors = [(p.file, p.line, p.column, p.code) for p in problems.sorted() if p.severity.value == "error"]
    assert errors == [(f"{PERIOD}/Q2.xlsx", 3, "D", "date-cell"), (f"{PERIOD}/Q2.xlsx", 4, "E", "percent-cell")]
    date, percent = (p for p in problems.sorted() if p.severity.value == "error")
    assert "日期" in date.message and "2025-01-05" in date.message
    assert "百分数 3.5%" in percent.message and "0.035" in percent.message


def test_a_csv_opened_and_saved_by_libreoffice_loses_the_zeros_and_says_so(tmp_path):
    """Last quarter's CSV opened in LibreOffice and saved as .xlsx: 0001 → 1. Every row is reported
    at its ID cell, with the ID it stands for; nobody is a new person, no quarter is silently lost."""
    root = demo_project(tmp_path, {"Q2.csv": demo_csv(), "Q3.xlsx": (FILES / "s003-p2-csv-Q3.xlsx").read_bytes()})
    _, _, problems = run(root)
    found = [(p.file, p.line, p.column, p.code) for p in problems.sorted()]
    assert found == [(f"{PERIOD}/Q3.xlsx", n, "B", "id-lost-zeros") for n in range(2, 14)]
    assert "「0001」" in problems.sorted()[0].message


def test_the_csv_saved_by_libreoffice_differs_from_the_clean_one_in_its_ids_only(tmp_path):
    """Alone (no earlier period to compare with), the agency's declared ID width catches it; with the
    IDs typed back as text, every other cell LibreOffice wrote grades exactly like the clean CSV."""
    root = demo_project(tmp_path / "alone", {"Q3.xlsx": (FILES / "s003-p2-csv-Q3.xlsx").read_bytes()})
    write(root / "content/yunxi-czj/agency.yaml", (ROOT / "content/yunxi-czj/agency.yaml").read_text("utf-8") + "id_width: 4\n")
    _, _, problems = run(root)
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(n, "B", "id-lost-zeros") for n in range(2, 14)]

    expected = graded(demo_project(tmp_path / "clean", {"Q3.csv": demo_csv()}))
    workbook = openpyxl.load_workbook(FILES / "s003-p2-csv-Q3.xlsx")
    sheet = workbook.active
    assert [sheet.cell(row=n, column=2).value for n in range(2, 14)] == list(range(1, 13))  # what LibreOffice made of 0001…
    for n in range(2, 14):
        sheet.cell(row=n, column=2).value = f"{n - 1:04d}"
    out = io.BytesIO()
    workbook.save(out)
    assert graded(demo_project(tmp_path / "fixed", {"Q3.xlsx": out.getvalue()})) == expected


def test_the_office_sheet_saved_by_libreoffice_gives_the_clean_results(tmp_path):
    """Title row, two-row header, own headers (mapped in agency.yaml), 出勤率 as percent cells, a 合计
    row and fourteen empty formatted rows below it, all as LibreOffice writes them."""
    expected = clean(tmp_path / "clean")
    root = tmp_path / "office"
    make_project(root, OFFICE_SCHEME, {"Q1.xlsx": (FILES / "office-Q1.xlsx").read_bytes()})
    office_agency(root)
    assert results(root) == expected


@pytest.mark.parametrize("suffix, named", [("ods", "OpenDocument（.ods"), ("xls", "Excel 97-2003（.xls）")])
def test_an_xls_or_ods_renamed_to_xlsx_is_named_for_what_it_is(tmp_path, suffix, named):
    """An .xls or .ods whose name was changed to .xlsx: one problem that says what the file really is."""
    root = make_project(tmp_path, OFFICE_SCHEME, {"Q1.xlsx": (FILES / f"s003-p2-template-Q2.{suffix}").read_bytes()})
    office_agency(root)
    _, periods, problems = run(root)
    assert [(p.file, p.code) for p in problems.sorted()] == [("content/ag/t1/2025/Q1.xlsx", "sheet-unreadable")]
    assert f"这是 {named}" in problems.sorted()[0].message and "另存为" in problems.sorted()[0].message
    assert all(not p.people for p in periods)
