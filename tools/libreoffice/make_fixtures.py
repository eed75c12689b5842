"""Make the LibreOffice-saved results files of the office-sheet corpus (tests/unit/libreoffice/).

Not run by the tests: the files it writes are committed, so the test suite never needs LibreOffice.
Run it again only to refresh them, from the repository root, on a machine with LibreOffice Calc:

    apt-get install -y libreoffice-calc-nogui          # Debian; gives /usr/bin/soffice
    .venv/bin/python tools/libreoffice/make_fixtures.py

What it does, as an office would:
- s003-p2-template-Q2.{xlsx,xls,ods}: `kaohe template s003-p2 2025-Q2` for twelve people of the demo
  agency yunxi-czj, filled in with their 2025 Q2 demo scores (scores typed as numbers, one 5.5 in a
  cell with a 0.0 format), then opened and saved by LibreOffice in each format;
- s003-p2-mistakes-Q2.xlsx: the same filled template with two cells typed wrongly before LibreOffice
  saves it: 思想政治素质 of the 2nd person typed as a date (2025年1月5日), 职业道德 of the 3rd as 3.50%;
- s003-p2-csv-Q3.xlsx: the demo's clean CSV (twelve rows, IDs 0001…) opened in LibreOffice with its
  default CSV import — IDs become the numbers 1…12 — and saved as .xlsx;
- office-Q1.xlsx: the corpus's own office sheet (tests/unit/test_office_sheets.office_xlsx: title
  row, two-row header, own headers, 出勤率 as percent cells, 合计 row) with empty but formatted rows
  below it, saved by LibreOffice.
The tests (tests/unit/test_libreoffice_files.py) say what each must give.
"""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import PatternFill

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.core.problems import Problems  # noqa: E402
from generator.project.discover import discover  # noqa: E402
from generator.xlsx.template import make_template  # noqa: E402
from tests.unit.test_office_sheets import office_xlsx  # noqa: E402

OUT = ROOT / "tests/unit/libreoffice"
DEMO_CSV = ROOT / "content/yunxi-czj/s003-p2/2025/Q2.csv"
PEOPLE = 12


def demo_rows() -> tuple[list[str], list[list[str]]]:
    lines = DEMO_CSV.read_text("utf-8-sig").splitlines()
    header = lines[0].split(",")
    return header, [line.split(",") for line in lines[1 : PEOPLE + 1]]


def filled_template(mistakes: bool = False) -> bytes:
    header, rows = demo_rows()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "schemes").mkdir()
        shutil.copy(ROOT / "schemes/s003-p2.yaml", project / "schemes")
        (project / "content/yunxi-czj/s003-p2").mkdir(parents=True)
        shutil.copy(ROOT / "content/yunxi-czj/agency.yaml", project / "content/yunxi-czj")
        found = discover(project, Problems())
    scheme = found.schemes["s003-p2"]
    assessment = scheme.assessment_for_label("Q2")
    people = [{"id": r[1], "name": r[2], "department": r[3]} for r in rows]
    departments = found.agencies["yunxi-czj"].departments
    workbook = openpyxl.load_workbook(io.BytesIO(make_template(scheme, assessment, 2025, "Q2", departments, people, "yunxi-czj")))
    sheet = workbook["成绩"]
    columns = {str(c.value).split("\n")[0]: c.column for c in sheet[1] if c.value}
    for n, row in enumerate(rows, start=2):
        for name, text in zip(header, row):
            if name in ("序号", "编号", "姓名", "科室") or name not in columns or text == "":
                continue
            cell = sheet.cell(row=n, column=columns[name])
            cell.value = float(text) if "." in text else int(text) if text.lstrip("-").isdigit() else text
            if cell.value == 5.5:
                cell.number_format = "0.0"
    if mistakes:
        date_cell = sheet.cell(row=3, column=columns["思想政治素质"])
        date_cell.value, date_cell.number_format = datetime.datetime(2025, 1, 5), 'yyyy"年"m"月"d"日"'
        percent_cell = sheet.cell(row=4, column=columns["职业道德"])
        percent_cell.value, percent_cell.number_format = 0.035, "0.00%"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def office_with_formatted_tail() -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(office_xlsx()))
    sheet = workbook.active
    grey = PatternFill("solid", fgColor="DDDDDD")
    for row in range(sheet.max_row + 1, sheet.max_row + 15):  # formatted, never filled in
        for column in range(1, 14):
            sheet.cell(row=row, column=column).fill = grey
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def convert(source: Path, to: str, target: Path, *options: str) -> None:
    """Open `source` in LibreOffice and save it as `to` (xlsx, xls, ods) at `target`."""
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "xls": "xls:MS Excel 97", "ods": "ods:calc8"}
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *options,
             "--convert-to", filters[to], "--outdir", tmp, str(source)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.move(Path(tmp) / f"{source.stem}.{to}", target)


def main() -> None:
    if shutil.which("soffice") is None:
        sys.exit("需要 LibreOffice（soffice），如 apt-get install -y libreoffice-calc-nogui")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        template = work / "s003-p2-template-Q2.xlsx"
        template.write_bytes(filled_template())
        for to in ("xlsx", "xls", "ods"):
            convert(template, to, OUT / f"s003-p2-template-Q2.{to}")
        mistakes = work / "s003-p2-mistakes-Q2.xlsx"
        mistakes.write_bytes(filled_template(mistakes=True))
        convert(mistakes, "xlsx", OUT / mistakes.name)
        header, rows = demo_rows()
        csv = work / "s003-p2-csv-Q3.csv"
        csv.write_text("\n".join(",".join(r) for r in [header, *rows]) + "\n", "utf-8")
        # the default import of a double-clicked CSV: comma-separated, UTF-8, columns detected as numbers
        convert(csv, "xlsx", OUT / "s003-p2-csv-Q3.xlsx", "--infilter=CSV:44,34,76,1")
        office = work / "office-Q1.xlsx"
        office.write_bytes(office_with_formatted_tail())
        convert(office, "xlsx", OUT / office.name)
    for path in sorted(OUT.iterdir()):
        print(path.relative_to(ROOT), path.stat().st_size)


if __name__ == "__main__":
    main()
