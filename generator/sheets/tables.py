"""Read a results sheet (CSV or XLSX) into rows of text cells that know where they are.

Everything an HR office's Excel really produces is handled here, so the loader above sees one
shape: UTF-8, UTF-8 with BOM or GB18030 CSV (decided by strict decoding, the encoding used is
reported for every file); .xlsx with a merged title row above the header, a two-row header,
numbers stored as text, percent- and date-formatted number cells (kept as such: see Cell.kind),
trailing 合计 or 备注 rows and blank rows. A control character in a cell (a BEL or ESC pasted
from another system) is reported with its position and replaced, so that it never reaches a
terminal, a workbook or a page. Limits keep a hostile file from exhausting memory or time.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from generator.core.problems import Problems
from generator.sheets.workbook import formulas_without_values, results_sheet

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 1000
MAX_ROWS = 100_000
MAX_CELL_CHARS = 10_000
MAX_CELLS = 2_000_000  # all rows together: 100,000 rows of 999 empty cells is a 50 MB file but 10 GB in memory
HEADER_SEARCH_ROWS = 15

_TRAILER_WORDS = ("合计", "总计", "小计", "备注", "说明", "制表", "审核", "填表", "注：", "注:")


# C0 and C1 controls except tab, line feed and carriage return (a line break typed with Alt+Enter is
# text), DEL, and the invisible format characters that reorder or hide text (bidi overrides,
# zero-width spaces, a BOM inside a cell).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass(slots=True)
class Cell:
    value: str
    row: int  # 1-based physical row
    column: int  # 1-based
    # what Excel held: "" text (every CSV cell), "n" a number, "p" a number formatted as a percentage
    # (shows 74%, holds 0.74), "d" a date or time (a number formatted as a date)
    kind: str = ""


@dataclass
class Table:
    file: str  # as shown to the user (relative path)
    sheet: str | None
    encoding: str | None  # for CSV: which encoding was detected
    rows: list[list[Cell]] = field(default_factory=list)  # physical rows, each a list of cells
    row_count: int = 0


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def where(table: Table, row: int, column: int | None = None, header: str | None = None) -> str:
    """成绩表.xlsx › Sheet1 › 第12行 › D列「得分」"""
    parts = [table.file]
    if table.sheet:
        parts.append(table.sheet)
    parts.append(f"第{row}行")
    if column is not None:
        parts.append(f"{column_letter(column)}列" + (f"「{header}」" if header else ""))
    return " › ".join(parts)


def read_table(path: Path, shown: str, problems: Problems) -> Table | None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.add(shown, None, None, "file-unreadable", f"无法读取文件：{exc.strerror or exc}")
        return None
    if size > MAX_FILE_BYTES:
        problems.add(shown, None, None, "file-too-large", f"文件有 {size // 1024 // 1024} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限。")
        return None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown, problems)
    if suffix == ".xlsx":
        return _read_xlsx(path, shown, problems)
    problems.add(shown, None, None, "sheet-unreadable", f"不支持 {suffix} 文件；请保存为 .xlsx 或 .csv（.xls 请在 Excel 中另存为 .xlsx）。")
    return None


def decode_csv(raw: bytes) -> tuple[str | None, str | None]:
    """(text, encoding name) or (None, None) when no encoding fits. Decided by strict decoding, in
    this order: UTF-8 with BOM, UTF-8, UTF-16 with BOM, GB18030 (a superset of GBK and GB2312,
    including the four-byte characters of CJK Extensions A and B: 䶮 㛃 𠮷). Bytes that no strict
    decoder accepts are refused, never guessed."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "UTF-8（带 BOM）"
        except UnicodeDecodeError:
            return None, None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None, None
    try:
        return raw.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        return None, None


def _read_csv(path: Path, shown: str, problems: Problems) -> Table | None:
    raw = path.read_bytes()
    text, encoding = decode_csv(raw)
    if text is None:
        problems.add(
            shown, None, None, "encoding-unknown",
            "无法识别文件编码（支持 UTF-8、UTF-8 带 BOM、GB18030/GBK）；请在 Excel 中「另存为」→「CSV UTF-8（逗号分隔）」，或保存为 .xlsx。",
        )
        return None
    table = Table(shown, None, encoding)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    csv.field_size_limit(MAX_CELL_CHARS * 4 + 16)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row_number = cells = 0
    try:
        for row_number, values in enumerate(reader, start=1):
            if row_number > MAX_ROWS:
                problems.add(shown, row_number, None, "file-too-large", f"超过 {MAX_ROWS} 行；请检查文件。", where=where(table, row_number))
                return None
            if len(values) > MAX_COLUMNS:
                problems.add(shown, row_number, None, "file-too-large", f"这一行有 {len(values)} 列，超过 {MAX_COLUMNS} 列的上限；请检查文件。", where=where(table, row_number))
                return None
            cells += len(values)
            if cells > MAX_CELLS:
                problems.add(shown, row_number, None, "file-too-large", f"到这一行已超过 {MAX_CELLS} 个单元格的上限；请删去多余的空行空列。", where=where(table, row_number))
                return None
            table.rows.append(_cells(values, row_number, table, problems))
    except csv.Error as exc:
        line = reader.line_num or row_number + 1
        problems.add(shown, line, None, "file-too-large" if "field larger" in str(exc) else "sheet-unreadable",
                     f"第 {line} 行无法读取：单元格过长或引号不成对（{exc}）。", where=where(table, line))
        return None
    table.row_count = row_number
    return table


def _cells(values: list, row_number: int, table: Table, problems: Problems, kinds: list[str] | None = None) -> list[Cell]:
    texts = [value.strip() if type(value) is str else _text(value) for value in values]
    controls = CONTROL_RE.search("\t".join(texts)) is not None  # one search per row: the usual row has none
    if not controls and max(map(len, texts), default=0) <= MAX_CELL_CHARS:  # the usual row: nothing to report
        if kinds:
            return [Cell(text, row_number, i, kind) for i, (text, kind) in enumerate(zip(texts, kinds), start=1)]
        return [Cell(text, row_number, i) for i, text in enumerate(texts, start=1)]
    cells = []
    for i, text in enumerate(texts, start=1):
        if len(text) > MAX_CELL_CHARS:
            problems.add(table.file, row_number, column_letter(i), "file-too-large",
                         f"单元格有 {len(text)} 个字符，超过 {MAX_CELL_CHARS} 的上限。", where=where(table, row_number, i), sheet=table.sheet)
            text = text[:MAX_CELL_CHARS]
        if controls and CONTROL_RE.search(text):
            text = _report_controls(text, row_number, i, table, problems)
        cells.append(Cell(text, row_number, i, kinds[i - 1] if kinds else ""))
    return cells


def _report_controls(text: str, row: int, column: int, table: Table, problems: Problems) -> str:
    """Report the control characters of a cell (which, where) and give the cell with them shown as
    U+FFFD: nothing downstream (a terminal, openpyxl, a page) ever receives one."""
    found = [(m.start() + 1, m.group()) for m in CONTROL_RE.finditer(text)]
    listed = "、".join(f"第 {pos} 个字符 U+{ord(ch):04X}" for pos, ch in found[:5]) + ("等" if len(found) > 5 else "")
    cleaned = CONTROL_RE.sub("\ufffd", text)
    problems.add(table.file, row, column_letter(column), "control-character",
                 f"单元格「{cleaned[:40]}」含有看不见的控制字符（{listed}，显示为 \ufffd），多半是从其他系统复制带来的；"
                 "请在 Excel 中删去这些字符（可用 =CLEAN() 清除）后重新保存。",
                 where=where(table, row, column), sheet=table.sheet)
    return cleaned


def _text(value: object) -> str:
    """A cell as the text a person sees. XLSX numbers arrive from openpyxl as int or float; a float is
    turned back into its shortest decimal text and cut to Excel's 15 significant digits, so that
    90.3 stored as 90.299999999999997 reads as 90.3, exactly as Excel shows it. No arithmetic
    is ever done on the float."""
    if type(value) is str:  # every CSV cell, most XLSX text
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if type(value).__name__ == "float":
        number = Decimal(repr(value))
        if number.is_finite() and number.adjusted() < 15 and len(number.as_tuple().digits) > 15:
            number = round(number, 14 - number.adjusted()) if number.adjusted() <= 14 else number
        text = format(number.normalize(), "f") if number.is_finite() else repr(value)
        return text
    if hasattr(value, "isoformat"):
        if hasattr(value, "hour") and hasattr(value, "date") and not (value.hour or value.minute or value.second):
            return value.date().isoformat()  # type: ignore[no-any-return,attr-defined]
        return value.isoformat()  # type: ignore[no-any-return,attr-defined]
    return str(value).strip()


def _read_xlsx(path: Path, shown: str, problems: Problems) -> Table | None:
    import openpyxl  # imported here: CSV-only runs do not pay for it

    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())  # as declared: checked before unpacking a byte
            if total > MAX_FILE_BYTES * 10:
                problems.add(shown, None, None, "file-too-large", "解压后超过 500 MB，疑似异常文件。")
                return None
            bad = archive.testzip()
            if bad is not None:
                raise zipfile.BadZipFile(bad)
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        really = _renamed_format(path)
        why = f"这是 {really} 文件，只是名字改成了 .xlsx" if really else f"无法作为 .xlsx 打开（{type(exc).__name__}）"
        problems.add(shown, None, None, "sheet-unreadable", f"{why}；请用 Excel 或 WPS 打开后「另存为」→「Excel 工作簿（*.xlsx）」。")
        return None
    try:
        sheet = results_sheet(workbook, shown, problems)
        if sheet is None:
            return None
        table = Table(shown, sheet.title, None)
        # The <dimension> a sheet declares (Excel writes A1:XFD1048576 when whole columns are formatted)
        # would make openpyxl pad every row to 16,384 cells and add empty rows up to row 1,048,576: read
        # only the cells the sheet really has.
        sheet.reset_dimensions()
        row_number = cells = 0
        for row_number, row_cells in enumerate(sheet.iter_rows(), start=1):
            if row_number > MAX_ROWS:
                problems.add(shown, row_number, None, "file-too-large", f"超过 {MAX_ROWS} 行。", where=where(table, row_number), sheet=table.sheet)
                return None
            if cells + len(row_cells) > MAX_CELLS:
                problems.add(shown, row_number, None, "file-too-large", f"到这一行已超过 {MAX_CELLS} 个单元格的上限；请删去多余的空行空列。",
                             where=where(table, row_number), sheet=table.sheet)
                return None
            cells += len(row_cells)
            values = [_ooxml_text(c.value) for c in row_cells]
            while values and values[-1] is None:
                values.pop()
            if len(values) > MAX_COLUMNS:
                problems.add(shown, row_number, None, "file-too-large", f"这一行有 {len(values)} 列，超过 {MAX_COLUMNS} 列的上限。", where=where(table, row_number), sheet=table.sheet)
                return None
            kinds = [_kind(value, row_cells[i]) for i, value in enumerate(values)]
            table.rows.append(_cells(values, row_number, table, problems, kinds))
        table.row_count = row_number
        formulas_without_values(path, sheet, shown, problems)
        return table
    except Exception as exc:
        problems.add(shown, None, None, "sheet-unreadable", f"读取表格时出错（{type(exc).__name__}）；请用 Excel 打开后重新保存。")
        return None
    finally:
        workbook.close()


def _renamed_format(path: Path) -> str | None:
    """What a file named .xlsx that is not one really is: an Excel 97 (.xls) or OpenDocument (.ods) file."""
    with path.open("rb") as handle:
        head = handle.read(80)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "Excel 97-2003（.xls）"
    return "OpenDocument（.ods，WPS/LibreOffice）" if head.startswith(b"PK") and b"opendocument" in head else None


_OOXML_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml_text(value: object) -> object:
    """Excel writes a control character in a cell as _x001B_ (and a literal _x as _x005F_x); openpyxl
    leaves the escape as it is. Undo it, so that the cell is what Excel shows and its control
    characters are found."""
    if type(value) is str and "_x" in value:
        return _OOXML_ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _kind(value: object, cell: object) -> str:
    """What an XLSX cell held: a number (n), a number shown as a percentage (p), a date (d), text ("")."""
    if value is None or isinstance(value, (str, bool)):
        return ""
    if isinstance(value, (int, float)):
        number_format = str(getattr(cell, "number_format", "") or "")
        return "p" if "%" in number_format.replace('"%"', "").replace("\\%", "") else "n"
    return "d" if hasattr(value, "isoformat") else ""


def is_trailer(cells: list[Cell]) -> bool:
    first = next((c.value for c in cells if c.value), "")
    return first.replace(" ", "").startswith(_TRAILER_WORDS)


def normalize_header(text: str) -> str:
    return "".join(text.split()).replace("\u3000", "")
