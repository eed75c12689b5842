"""What the demo generators (tools/demo/make_*.py) share: invented names, CSV and XLSX writers whose
bytes do not change from run to run, notices, agency files, and a check of the written files with
the engine itself.

Each generator imports it by name (`from demo_kit import …`): Python puts the script's own folder,
tools/demo/, first on the path. Nothing here decides what a file holds; the generators do.
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the generators that check their files with the engine import it from here
    sys.path.insert(0, str(ROOT))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
GIVEN = "文明华丽静敏强磊军洋勇艳杰娟涛超秀霞平刚英芳玲辉鹏宇婷雪琳晨欣颖浩凯斌波宁红梅佳俊泽瑶怡倩立新志海云春建国永德"


# ---------------------------------------------------------------- numbers
def d(x) -> Decimal:
    """A Decimal from an int, a text or a float (through its shortest text, as Python prints it)."""
    return Decimal(str(x))


def half(x: float) -> Decimal:
    """Round to the nearest 0.5 (how leaders mark item scores), halves up."""
    return (d(x) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP) / 2


def plain(x: Decimal) -> str:
    """A score as an office types it: 85, 4.5 (no trailing zeros, no exponent)."""
    return str(int(x)) if x == x.to_integral_value() else format(x.normalize(), "f")


def split_on_grid(total: Decimal, maxima: Sequence[int], rng: random.Random, moves: int) -> list[Decimal]:
    """Item scores on a 0.5 grid, each within its max, summing to `total`: every item gets its share
    of `total` (rounded down), the rest goes half a point at a time to random items, then `moves`
    random half points pass from one item to another so that rows do not look alike."""
    step = Decimal("0.5")
    scores = [(d(m) * total / 100 / step).to_integral_value(rounding=ROUND_FLOOR) * step for m in maxima]
    rest = total - sum(scores)
    while rest > 0:
        i = rng.randrange(len(maxima))
        if scores[i] + step <= maxima[i]:
            scores[i] += step
            rest -= step
    for _ in range(moves):
        i, j = rng.randrange(len(maxima)), rng.randrange(len(maxima))
        if i != j and scores[i] >= step and scores[j] + step <= maxima[j]:
            scores[i] -= step
            scores[j] += step
    return scores


# ---------------------------------------------------------------- people
@dataclass
class Member:
    """Someone on a hand-written roster: `ability` is the usual level (0–100); on the roster from
    period `first` to period `last` (None: from the first, to the last). A generator's subclass
    sets `periods`, all its periods in order."""

    id: str
    name: str
    dept: str
    ability: float
    first: tuple[int, str] | None = None
    last: tuple[int, str] | None = None
    periods: ClassVar[list[tuple[int, str]]] = []

    def present(self, period: tuple[int, str]) -> bool:
        at = self.periods.index(period)
        return (self.first is None or self.periods.index(self.first) <= at) and (self.last is None or at <= self.periods.index(self.last))


def rows_by_period(
    periods: Sequence[tuple[int, str]],
    roster: Sequence[Member],
    level: dict,
    spread: float,
    rng: random.Random,
    columns: Callable[[Any, tuple[int, str], float, random.Random], dict],
    golden: dict,
) -> dict[tuple[int, str], list[dict]]:
    """Every period's rows, one per person on the roster then: columns(person, period, base, rng)
    draws the scheme's columns around base = ability + the period's level + noise (standard
    deviation `spread`), then the hand-set values golden[(year, label, id)] replace what they name."""
    data: dict[tuple[int, str], list[dict]] = {}
    for period in periods:
        rows = []
        for person in roster:
            if person.present(period):
                row = columns(person, period, person.ability + level[period] + rng.gauss(0, spread), rng)
                row.update(golden.get((*period, person.id), {}))
                rows.append(row)
        data[period] = rows
    return data


def names(rng: random.Random, n: int) -> list[str]:
    """`n` different invented names: a surname and one or two given characters (two twice as often)."""
    seen: set[str] = set()
    out = []
    while len(out) < n:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


# ---------------------------------------------------------------- folders, agency, notices
def fresh(folder: Path) -> None:
    """An empty `folder` (its parents made), whatever was there before."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def write_agency(folder: Path, name: str, departments: Sequence[str], issuer: str, contact: str, note: str = "") -> None:
    """`folder`/agency.yaml (the folder made if need be): name, departments, issuer, contact, below
    `note` as YAML comments, one a line."""
    comments = "".join(f"# {line}\n" for line in note.splitlines())
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agency.yaml").write_text(
        f"{comments}name: {name}\ndepartments: [{', '.join(departments)}]\nissuer: {issuer}\ncontact: {contact}\n",
        encoding="utf-8",
    )


def write_notice(path: Path, start: str, number: str) -> None:
    """A <label>.notice.yaml: a 公示 of five working days from `start`, with its document number."""
    path.write_text(f"start: {start}\ndays: 5\nnumber: {number}\n", encoding="utf-8")


# ---------------------------------------------------------------- CSV
CSV_ENCODINGS = {"csv-bom": "utf-8-sig", "csv-gbk": "gb18030"}  # how Excel saves「CSV UTF-8」and GBK CSV


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any] | dict], encoding: str) -> None:
    """A CSV as Excel saves it (CRLF line ends): "utf-8-sig" for「CSV UTF-8」, "gb18030" for GBK.
    A row is a list in the header's order, or a dict by column name (a column it lacks is empty)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([row.get(col, "") for col in header] if isinstance(row, dict) else row for row in rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def numbered(header: Sequence[str], rows: Iterable[dict]) -> list[list[Any]]:
    """Dict rows under a header that begins with 序号 and ends with 备注: a running number, the
    columns between, and an empty 备注."""
    return [[i, *(row.get(col, "") for col in header[1:-1]), ""] for i, row in enumerate(rows, 1)]


# ---------------------------------------------------------------- XLSX
def number(value: str) -> int | float:
    """A typed score as Excel stores it: 85 as a whole number, 4.5 as a float."""
    n = Decimal(value)
    return int(n) if n == n.to_integral_value() else float(n)


def num(value: str) -> int | float | None:
    """`number`, with an empty cell left empty."""
    return None if value == "" else number(value)


def save_workbook(wb: Any, path: Path, keep_modes: bool = False) -> None:
    """Save with fixed times (the document's and every ZIP entry's: 2025-01-01), so that rerunning a
    generator writes the same bytes. keep_modes: the entries keep the file modes openpyxl gave them
    (else none); the demo files were first made both ways and keep their bytes."""
    buffer = io.BytesIO()
    wb.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*<", rb"\g<1>2025-01-01T00:00:00Z<", data)
            entry = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr if keep_modes else 0
            target.writestr(entry, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def two_row_header(ws: Any, title: str, upper: Sequence[str | None], lower: Sequence[str | None]) -> None:
    """A merged bold title row over a two-row header: a name in `upper` spans (merged across) the
    names under it in `lower` up to the next name in `upper`; a column with nothing in `lower`
    spans both rows (merged down)."""
    from openpyxl.styles import Alignment, Font

    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(upper))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(list(upper))
    ws.append(list(lower))
    for j, name in enumerate(upper):
        end = j
        while name is not None and lower[j] is not None and end + 1 < len(upper) and upper[end + 1] is None:
            end += 1
        if end > j:
            ws.merge_cells(start_row=2, start_column=j + 1, end_row=2, end_column=end + 1)
    for j, name in enumerate(lower):
        if name is None:
            ws.merge_cells(start_row=2, start_column=j + 1, end_row=3, end_column=j + 1)


def write_titled_xlsx(
    path: Path,
    sheet: str,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    numeric: Iterable[int] = (),
    keep_text: Iterable[tuple[int, int]] = (),
    empty_as_none: bool = False,
    count: tuple[int, str] | None = None,
    footer: str | None = None,
    stamped: bool = False,
    keep_modes: bool = False,
) -> None:
    """One sheet as an HR office keeps it: a merged bold title row, the header in row 2, the rows below.

    numeric: the columns (0-based) whose non-empty text is written as a number when it reads as one,
        except the (row, column) cells in keep_text (a score typed as text stays text);
    empty_as_none: every falsy value (an empty text, a 0) becomes an empty cell;
    count: (column, words) of a 合计 row right below the table, words formatted with the row count
        ("{} 人" → "12 人");
    footer: a line of text in column A after one empty row below the table (制表人 …);
    stamped: the workbook's creator is "demo" and its times 2025-01-01 (else openpyxl's defaults);
    keep_modes: see save_workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    numeric, keep_text = set(numeric), set(keep_text)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for j, name in enumerate(header, 1):
        ws.cell(row=2, column=j, value=name).font = Font(bold=True)
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if j in numeric and isinstance(value, str) and value != "" and (i, j) not in keep_text:
                try:
                    value = number(value)
                except InvalidOperation:
                    pass
            ws.cell(row=3 + i, column=1 + j, value=(value or None) if empty_as_none else value)
    if count is not None:
        ws.cell(row=3 + len(rows), column=1, value="合计")
        ws.cell(row=3 + len(rows), column=count[0], value=count[1].format(len(rows)))
    if footer is not None:
        ws.cell(row=len(rows) + 4, column=1, value=footer)
    if stamped:
        wb.properties.creator = "demo"
        wb.properties.created = wb.properties.modified = datetime(2025, 1, 1)
    save_workbook(wb, path, keep_modes)


# ---------------------------------------------------------------- checking with the engine
def engine_run(scheme: str, content_agency: Path) -> tuple[list, list]:
    """Grade the written files with the engine, in a scratch project holding only this scheme and this
    agency: (the computed periods, every error and warning: notes and the 公示 information never fail)."""
    from generator.core.problems import Problems, Severity
    from generator.engine.compute import compute_project
    from generator.project.discover import discover

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "schemes").mkdir()
        shutil.copy(ROOT / "schemes" / f"{scheme}.yaml", root / "schemes")
        shutil.copytree(content_agency, root / "content" / content_agency.name)
        problems = Problems()
        project = discover(root, problems)
        periods = compute_project(project, problems)
        return periods, [p for p in problems.sorted() if p.severity in (Severity.ERROR, Severity.WARNING)]


def require_no_problems(bad: list) -> None:
    """Stop, listing them, when the engine found problems in the written files."""
    for p in bad:
        print("  ", p.format())
    assert not bad, "the demo data has problems"


def require_clean(periods: list, bad: list) -> None:
    """Stop when the engine found problems, or a tie it cannot resolve."""
    require_no_problems(bad)
    for period in periods:
        assert not period.unresolved_ties, (period.key, [p.id for p in period.unresolved_ties])


@contextmanager
def staged(agency: str, scheme: str) -> Iterator[Path]:
    """A scratch folder <agency>/<scheme> to write the files into (and the agency file beside it) and
    check them there; when the block ends without an error, they replace content/<agency>/<scheme>
    and content/<agency>/agency.yaml. A failed check leaves content/ as it was."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / agency / scheme
        yield folder
        out = ROOT / "content" / agency / scheme
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder, out)
        shutil.copy(folder.parent / "agency.yaml", out.parent / "agency.yaml")


def grade_counts(period) -> dict[str, int]:
    """How many people of a computed period got each shown grade, in the order first met."""
    counts: dict[str, int] = {}
    for person in period.people:
        counts[person.shown_grade] = counts.get(person.shown_grade, 0) + 1
    return counts
