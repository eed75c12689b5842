"""`kaohe check --xlsx-report DIR`: copies of the results sheets with every problem marked in place.

For each results file (.xlsx or .csv) that has a problem on a row, a copy is written into DIR
(a CSV becomes .xlsx) in which each bad cell is filled light red and carries a comment with the
problem's code and Chinese message. A problem on a row but not a cell (a person who cannot be
graded) is put on the row's first cell; a problem on no cell (a missing column) on the header
row's first cell. A last sheet 「问题清单」 lists every problem of the file (位置, 代码, 说明).

The original is never modified and nothing is written outside DIR. The copy is laid out like the
original, so an office may also correct the copy and save it back in place of the original.

DIR is replaced as a whole (the command line swaps in a new one, generator/cli/check.py), so it follows
the rule of the site's folder (generator/project/outdir.py): absent, empty, or an earlier report — its
marker file (MARKER) lists every copy with its hash — holding nothing else and no copy edited since;
never the project root, a folder containing it, or content/, schemes/, .build/, .git/, site_templates/.
"""

from __future__ import annotations

import hashlib
import json
import sys
import warnings
from collections import defaultdict
from pathlib import Path

from generator.core.problems import Problem, Problems, Severity
from generator.project.outdir import REPORT_MARKER, first_look, name_some, not_listed
from generator.xlsx.deterministic import sheet_title, text_not_formulas

REPORT_SHEET = "问题清单"  # never read as results (sheets/sheet_choice.py KAOHE_SHEETS): the office may save the report back
_RED = "FFC7CE"
_YELLOW = "FFEB9C"
_SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.NOTE: "已知缺陷", Severity.INFO: "说明"}
_NOT_RESULTS = (".decisions.csv", ".decisions.xlsx")


def _is_results_file(shown: str) -> bool:
    lowered = shown.lower()
    return lowered.endswith((".xlsx", ".csv")) and not lowered.endswith(_NOT_RESULTS)


def _column_index(column: int | str | None) -> int | None:
    if column is None:
        return None
    if isinstance(column, int):
        return column if column > 0 else None
    from openpyxl.utils import column_index_from_string

    try:
        return column_index_from_string(column.strip().upper())
    except ValueError:
        return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


MARKER = REPORT_MARKER  # what an earlier `kaohe check --xlsx-report` wrote into DIR


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def write_marker(folder: Path, written: list[Path]) -> None:
    files = [{"path": p.relative_to(folder).as_posix(), "sha256": _sha256(p)} for p in sorted(written)]
    record = {"kaohe": "xlsx-report", "files": files}
    (folder / MARKER).write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _marker(folder: Path) -> dict[str, str] | None:
    """The copies an earlier report wrote into `folder` (path → SHA-256), or None if it did not write it."""
    try:
        record = json.loads((folder / MARKER).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):  # a marker of anyone, nested 100,000 deep
        return None
    if not isinstance(record, dict) or record.get("kaohe") != "xlsx-report" or not isinstance(record.get("files"), list):
        return None
    files = record["files"]
    if not all(isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str) for f in files):
        return None
    return {f["path"]: f["sha256"] for f in files}


def check_report_target(root: Path, out_dir: Path, problems: Problems, shown: str) -> bool:
    """True if the annotated copies may replace `out_dir`; otherwise an `xlsx-report-unsafe` problem says why."""
    root, target = Path(root).resolve(), Path(out_dir).resolve()
    again = "请换一个新目录（如 问题标注）后重新运行 kaohe check --xlsx-report。"

    def refuse(why: str, fix: str = again) -> bool:
        problems.add(shown, None, None, "xlsx-report-unsafe", f"不能把标注副本写到 {target}：{why}{fix}")
        return False

    looked = first_look(root, Path(out_dir), target)
    if looked is not None:
        return looked is True or refuse(looked)
    listed = _marker(target)
    if listed is None:
        found = not_listed(target, set())
        if not found:  # empty folders only: nothing to lose
            return True
        return refuse(f"这个目录不是 kaohe check --xlsx-report 写的（没有它的标记文件 {MARKER}），里面有 {name_some(found)}，"
                      "写出时会全部替换。")
    extra = not_listed(target, set(listed) | {MARKER})
    edited = [rel for rel, digest in sorted(listed.items()) if (target / rel).is_file() and _sha256(target / rel) != digest]
    if extra or edited:
        why = f"上次写出之后放进去的文件：{name_some(extra)}" if extra else ""
        why += ("；" if extra and edited else "") + (f"改动过的副本：{name_some(edited)}" if edited else "")
        return refuse(f"这个目录里有{why}，写出时会被替换。",
                      "请先把它们移到别处（改过的副本可另存回原成绩表），再重新运行 kaohe check --xlsx-report。")
    return True


def _target(out_dir: Path, shown: str, taken: set[Path]) -> Path:
    """out_dir/<path below content/>/<stem>.xlsx; a second file with the same stem gets its suffix kept."""
    parts = Path(shown).parts
    if parts and parts[0] == "content":
        parts = parts[1:]
    rel = Path(*parts) if parts else Path(shown).name
    target = out_dir / rel.with_suffix(".xlsx")
    if target in taken:
        target = out_dir / rel.with_name(rel.name + ".xlsx")
    return target


def write_reports(root: Path, problems: Problems, out_dir: Path) -> list[Path]:
    """Write annotated copies of the results files that have problems; return the files written."""
    root = Path(root).resolve()
    out_dir = Path(out_dir)
    content = root / "content"
    if _inside(out_dir, content):
        from generator.core.errors import UsageError

        raise UsageError(f"--xlsx-report 的目录「{out_dir}」在 content/ 里面，会被当作成绩读取；请换一个目录，如 问题标注。")
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems.sorted():
        if _is_results_file(problem.file):
            by_file[problem.file].append(problem)
    written: list[Path] = []
    taken: set[Path] = set()
    for shown, items in sorted(by_file.items()):
        if not any(p.line is not None for p in items):
            continue  # nothing to point at: the file could not be read at all
        source = root / shown
        if source.is_symlink() or not source.is_file() or not _inside(source, root):
            continue
        target = _target(out_dir, shown, taken)
        if not _inside(target, out_dir) or target.resolve() == source.resolve():
            continue
        try:
            workbook = _annotated(source, shown, items)
        except Exception as exc:  # a file openpyxl cannot open: the check output already says why
            print(f"无法为「{shown}」写出标注副本（{type(exc).__name__}）。", file=sys.stderr)
            continue
        if workbook is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(target)
        taken.add(target)
        written.append(target)
    return written


def _annotated(source: Path, shown: str, items: list[Problem]):
    if source.suffix.lower() == ".csv":
        workbook, sheet = _workbook_from_csv(source, shown)
    else:
        import openpyxl

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(source)
        names = {p.sheet for p in items if p.sheet}
        sheet = next((workbook[n] for n in names if n in workbook.sheetnames), None)
        if sheet is None:
            from generator.sheets.sheet_choice import results_sheet

            sheet = results_sheet(workbook, shown, Problems()) or workbook.worksheets[0]  # check reported many sheets
    if sheet is None:
        return None
    if REPORT_SHEET in workbook.sheetnames:
        del workbook[REPORT_SHEET]
    marks: dict[tuple[int, int], list[Problem]] = defaultdict(list)
    for problem in items:
        if problem.line is None:
            continue
        # no column (a missing column, a person who cannot be graded): the row's first cell;
        # for a missing column the loader gives the header row
        column = _column_index(problem.column) or 1
        marks[(problem.line, column)].append(problem)
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for (row, column), found in sorted(marks.items()):
        cell = _writable_cell(sheet, row, column)
        worst = min(found, key=lambda p: list(Severity).index(p.severity))
        color = _RED if worst.severity is Severity.ERROR else _YELLOW
        cell.fill = PatternFill("solid", fgColor=color)
        text = "\n".join(
            f"[{p.code}]{'' if p.severity is Severity.ERROR else '（' + _SEVERITY_WORDS[p.severity] + '）'} {p.message}" for p in found
        )
        if cell.comment is not None and cell.comment.text:
            text = cell.comment.text.rstrip() + "\n" + text
        comment = Comment(text, "kaohe check")
        comment.width = 320
        comment.height = max(80, 22 * (len(text) // 18 + text.count("\n") + 1))
        cell.comment = comment
    _problem_sheet(workbook, shown, items)
    # open on the marked sheet (one selected tab only: several would group them for editing)
    for other in workbook.worksheets:
        other.sheet_view.tabSelected = False
    sheet.sheet_view.tabSelected = True
    workbook.active = workbook.worksheets.index(sheet)
    return workbook


def _writable_cell(sheet, row: int, column: int):
    """The cell, or the top-left cell of the merged range it lies in."""
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            return sheet.cell(row=merged.min_row, column=merged.min_col)
    return sheet.cell(row=row, column=column)


def _problem_sheet(workbook, shown: str, items: list[Problem]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = workbook.create_sheet(REPORT_SHEET)
    sheet.append([f"{shown}：共 {len(items)} 个问题。改正原文件（或改正本副本后替换原文件，本页可删除），再运行 kaohe check。"])
    sheet.append(["位置", "代码", "级别", "说明"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for problem in items:
        sheet.append([problem.place(), problem.code, _SEVERITY_WORDS[problem.severity], problem.message])
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    text_not_formulas([sheet])  # places and messages quote the user's values: text, never a formula
    for letter, width in zip("ABCD", (44, 22, 10, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _workbook_from_csv(source: Path, shown: str):
    """A CSV as a one-sheet workbook, every cell as the text it holds (IDs keep their leading zeros)."""
    from openpyxl import Workbook

    from generator.sheets.tables import read_table

    scratch = Problems()
    table = read_table(source, shown, scratch)
    if table is None:
        return None, None
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(Path(shown).stem, "成绩")
    for cells in table.rows:
        for cell in cells:
            if cell.value != "":
                target = sheet.cell(row=cell.row, column=cell.column, value=cell.value)
                target.data_type = "s"  # =… in a CSV stays text, never a live formula
                target.number_format = "@"
    return workbook, sheet
