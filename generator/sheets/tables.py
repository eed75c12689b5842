"""Read a results sheet (CSV or XLSX) into rows of text cells that know where they are.

Everything an HR office's Excel really produces is handled here, so the loader above sees one
shape: UTF-8, UTF-8 with BOM or GB18030 CSV (decided by strict decoding, the encoding used is
reported for every file); .xlsx (xlsx_reader.py) with a merged title row above the header, a
two-row header, numbers stored as text, percent- and date-formatted number cells (kept as such: see
Cell.kind), trailing 合计 or 备注 rows and blank rows. Every cell is checked as it is made
(cells.py: control characters, length). Limits keep a hostile file from exhausting memory or time.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.core.problems import Problems
from generator.sheets.cells import CONTROL_RE, MAX_CELL_CHARS, Cell, Table, column_letter, make_cells, where
from generator.sheets.limits import MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS
from generator.sheets.xlsx_reader import read_xlsx

__all__ = ["Cell", "Table", "column_letter", "where", "read_table", "decode_csv", "is_trailer", "normalize_header",
           "HEADER_SEARCH_ROWS", "MAX_CELL_CHARS", "MAX_CELLS", "MAX_COLUMNS", "MAX_FILE_BYTES", "MAX_ROWS"]

HEADER_SEARCH_ROWS = 15

_TRAILER_WORDS = ("合计", "总计", "小计", "备注", "说明", "制表", "审核", "填表", "注：", "注:")


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
        return read_xlsx(path, shown, problems)
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
    # once for the file: the usual file has none, and then no row is searched (else each row is, as usual)
    controls = None if CONTROL_RE.search(text) else False
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
            table.rows.append(make_cells(values, row_number, table, problems, controls=controls))
    except csv.Error as exc:
        line = reader.line_num or row_number + 1
        problems.add(shown, line, None, "file-too-large" if "field larger" in str(exc) else "sheet-unreadable",
                     f"第 {line} 行无法读取：单元格过长或引号不成对（{exc}）。", where=where(table, line))
        return None
    table.row_count = row_number
    return table


def is_trailer(cells: list[Cell]) -> bool:
    first = next((c.value for c in cells if c.value), "")
    return first.replace(" ", "").startswith(_TRAILER_WORDS)


def normalize_header(text: str) -> str:
    return "".join(text.split()).replace("\u3000", "")
