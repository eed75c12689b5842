"""Read a results sheet (CSV or XLSX) into rows of text cells that know where they are.

Everything an HR office's Excel really produces is handled here, so the loader above sees one
shape: UTF-8, UTF-8 with BOM, UTF-16 (with a BOM or plainly without), UTF-32 with BOM or GB18030 CSV
(decided by strict decoding, the encoding used is reported for every file; a quote never closed, which
swallows the rows below it, is one problem where it opens); .xlsx (xlsx_reader.py) with a merged title row above the header, a
two-row header, numbers stored as text, percent- and date-formatted number cells (kept as such: see
Cell.kind), trailing 合计 or 备注 rows and blank rows. Every cell is checked as it is made
(cells.py: control characters, length). Limits keep a hostile file from exhausting memory or time.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from generator.core.os_words import os_error_words
from generator.core.problems import Problems, clip
from generator.sheets.cells import CONTROL_RE, MAX_CELL_CHARS, Cell, Table, column_letter, make_cells, where
from generator.sheets.file_kinds import TEXT, kind_of, renamed_words
from generator.sheets.limits import HEADER_SEARCH_ROWS, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS
from generator.sheets.sheet_choice import HeaderTest
from generator.sheets.xlsx_reader import read_xlsx

__all__ = ["Cell", "Table", "column_letter", "where", "read_table", "decode_csv", "is_trailer", "normalize_header",
           "HEADER_SEARCH_ROWS", "UNITS_RE", "MAX_CELL_CHARS", "MAX_CELLS", "MAX_COLUMNS", "MAX_FILE_BYTES", "MAX_ROWS"]


_TRAILER_WORDS = ("合计", "总计", "小计", "汇总", "共计", "平均", "满分", "分值", "权重", "备注", "说明", "制表", "审核", "填表", "填报", "负责人", "联系人",
                  "注：", "注:", "以上")  # 以上共 28 人, 以上人员…: no surname is 以
# a cell of a row of units or notes under the header: （分） (20分) 单位：分
UNITS_RE = re.compile(r"[（(][^（()）]*[)）]|分|单位[:：].*|[（(]?单位[:：][^（()）]*[)）]?")
_TRAILER_ENDS = ("合计", "小计", "总计", "汇总", "平均", "平均分", "平均值", "计数", "最大值", "最小值")  # 办公室小计, Excel 分类汇总: 办公室 汇总


def read_table(path: Path, shown: str, problems: Problems, is_header: HeaderTest | None = None) -> Table | None:
    """The file's rows as cells, or None (with its problem). `is_header`: whether a row's texts are the
    header the scheme reads, to tell the results among a workbook's sheets (sheets/sheet_choice.py)."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.add(shown, None, None, "file-unreadable", f"无法读取文件：{os_error_words(exc)}")
        return None
    if size > MAX_FILE_BYTES:
        problems.add(shown, None, None, "file-too-large", f"文件有 {size // 1024 // 1024} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB 的上限。")
        return None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, shown, problems)
    if suffix == ".xlsx":
        return read_xlsx(path, shown, problems, is_header)
    problems.add(shown, None, None, "sheet-unreadable", f"不支持 {suffix} 文件；请保存为 .xlsx 或 .csv（.xls 请在 Excel 中另存为 .xlsx）。")
    return None


def decode_csv(raw: bytes) -> tuple[str | None, str | None]:
    """(text, encoding name) or (None, None) when no encoding fits. Decided by strict decoding, in
    this order: UTF-8 with BOM, UTF-32 with BOM (its BOM begins like UTF-16's), UTF-16 with BOM,
    UTF-16 without BOM when the bytes plainly are (see _utf16_without_bom), UTF-8, GB18030 (a
    superset of GBK and GB2312, including the four-byte characters of CJK Extensions A and B: 䶮 㛃
    𠮷). Bytes that no strict decoder accepts are refused, never guessed."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict(raw[3:], "utf-8", "UTF-8（带 BOM）")
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _strict(raw, "utf-32", "UTF-32")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(raw, "utf-16", "UTF-16")
    if b"\x00" in raw[:4096] and (codec := _utf16_without_bom(raw[:4096])) is not None:  # UTF-8 text has no NUL
        text, name = _strict(raw, codec, f"UTF-16{codec[-2:].upper()}（无 BOM）")
        if text is not None:
            return text, name
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    return _strict(raw, "gb18030", "GB18030/GBK")


def _mixed_encodings(raw: bytes) -> tuple[int, str, str] | None:
    """(line, the encoding of the lines above it, its own) where a file of UTF-8 and GBK lines turns from one
    to the other: rows appended by another program, two exports joined. Only asked of a file no encoding
    reads whole; a line neither reads is no such file (None)."""
    seen = None
    for number, line in enumerate(raw.split(b"\n", MAX_ROWS)[:MAX_ROWS], start=1):
        if line.isascii():
            continue
        kind = "UTF-8" if _strict(line, "utf-8", "")[0] is not None else "GBK" if _strict(line, "gb18030", "")[0] is not None else None
        if kind is None:
            return None
        if seen is not None and kind != seen:
            return number, seen, kind
        seen = kind
    return None


def _strict(raw: bytes, codec: str, name: str) -> tuple[str | None, str | None]:
    try:
        return raw.decode(codec), name
    except UnicodeDecodeError:
        return None, None


def _utf16_without_bom(head: bytes) -> str | None:
    """utf-16-le / utf-16-be when the bytes plainly are UTF-16 without a BOM: a CSV is mostly digits,
    commas and line breaks, each one ASCII character, whose second (LE) or first (BE) byte is NUL.
    Nearly every NUL on one side, and a good share of the characters: never a guess from a stray NUL."""
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    pairs = len(head) // 2
    if odd > 8 * even and odd * 4 >= pairs:  # a few CJK characters (一 is U+4E00) have a NUL byte too
        return "utf-16-le"
    if even > 8 * odd and even * 4 >= pairs:
        return "utf-16-be"
    return None


def _read_csv(path: Path, shown: str, problems: Problems) -> Table | None:
    raw = path.read_bytes()
    really = kind_of(raw[:2048])
    if really is not None and really != TEXT:  # a workbook or a web page named .csv: never decoded as text
        problems.add(shown, None, None, "sheet-unreadable", renamed_words(really, ".csv"), first=True)
        return None
    text, encoding = decode_csv(raw)
    if text is None and b"\x00" not in raw[:4096] and (mixed := _mixed_encodings(raw)) is not None:  # UTF-16's NULs: no such file
        line, before, after = mixed
        problems.add(shown, line, None, "encoding-unknown",
                     f"文件混用了两种编码：第 {line} 行起是 {after}，前面是 {before}（多半是用另一个程序在后面添加了几行，或把两个文件拼在了一起），"
                     "无法整个读取；用 Excel 打开时有一部分是乱码，另存也改不回来。请分别打开原来的两个文件（或重新导出），"
                     "把人员复制到同一个工作表中，再「另存为」→「CSV UTF-8（逗号分隔）」或 .xlsx。", where=f"{shown} › 第{line}行")
        return None
    if text is None:
        problems.add(
            shown, None, None, "encoding-unknown",
            "无法识别文件编码（支持 UTF-8、UTF-8 带 BOM、UTF-16、UTF-32、GB18030/GBK）；请在 Excel 中「另存为」→「CSV UTF-8（逗号分隔）」，或保存为 .xlsx。",
        )
        return None
    table = Table(shown, None, encoding)
    text = text.rstrip("\x1a\x00")  # DOS's end-of-file mark (Ctrl+Z) or NUL padding some exports append: no cell
    if "\ufeff" in text:  # two exports joined (copy /b a.csv+b.csv): the second's BOM begins a line, a mark and no content
        text = _LINE_BOM_RE.sub(r"\1", text)
    if declared := _SEP_LINE_RE.match(text):  # Excel reads sep=, as a setting and shows the sheet from the next line:
        text = text[declared.end():]  # rows are numbered as it shows them
    delimiter = declared.group(1) if declared else csv_delimiter(text[:4096])
    csv.field_size_limit(MAX_CELL_CHARS * 4 + 16)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # once for the file: the usual file has none, and then no row is searched (else each row is, as usual)
    controls = None if CONTROL_RE.search(text) else False
    row_number = cells = widest = last_line = 0
    try:
        for row_number, values in enumerate(reader, start=1):
            if reader.line_num - last_line > 1 and _unclosed_quote(values, delimiter, widest, table, row_number, problems):
                return None  # the rest of the file is in one cell: every problem after it would only follow from it
            last_line = reader.line_num
            widest = max(widest, len(values))
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
            table.rows.append(make_cells(values, row_number, table, problems, controls=controls, text=True))
    except csv.Error as exc:
        if "field larger" in str(exc) and (column := _opening_quote(text, last_line, delimiter)) is not None:
            # a quote never closed swallowed the rest of a long file: the same slip as _unclosed_quote finds
            problems.add(shown, row_number + 1, column_letter(column), "csv-unclosed-quote",
                         f"引号未闭合：第 {row_number + 1} 行 {column_letter(column)} 列的单元格以英文双引号 \" 开头，"
                         f"但没有配对的结束引号，后面的内容都被当成了这一个单元格（超过 {MAX_CELL_CHARS} 字的上限），文件无法读取。"
                         "请在这个单元格内容的末尾补上一个英文双引号 \"，或删去开头的引号（用 Excel 打开后另存为 CSV 会自动处理引号）。",
                         where=where(table, row_number + 1, column), first=True)
            return None
        line = reader.line_num or row_number + 1
        problems.add(shown, line, None, "file-too-large" if "field larger" in str(exc) else "sheet-unreadable",
                     f"第 {line} 行无法读取：单元格过长或引号不成对（{exc}）。", where=where(table, line))
        return None
    table.row_count = row_number
    return table


_LINE_BOM_RE = re.compile(r"(\A|[\r\n])\ufeff+")
_SEP_LINE_RE = re.compile(r"\ufeff?sep=([,;\t|])\r?\n", re.IGNORECASE)


def csv_delimiter(sample: str) -> str:
    """The delimiter of a CSV: the one Excel's first line sep=; names, else a tab where tabs outnumber
    commas (Excel's 「文本文件（制表符分隔）」), a semicolon where the file plainly uses semicolons (an
    Excel whose list separator is ; saves CSV so: the first line of cells, the first with two delimiters of
    a kind, has semicolons and no comma or tab, and semicolons outnumber both in the sample), else a comma."""
    declared = _SEP_LINE_RE.match(sample)
    if declared:
        return declared.group(1)
    commas, tabs, semicolons = sample.count(","), sample.count("\t"), sample.count(";")
    if tabs > commas:
        return "\t"
    # the first line of cells: a title above the header holds a comma at most once (2025年第一季度考核表, 某局)
    lines = [line for line in sample.splitlines() if any(d in line for d in ",\t;")]
    first = next((line for line in lines if max(line.count(","), line.count("\t"), line.count(";")) > 1), lines[0] if lines else "")
    if semicolons > commas + tabs and ";" in first and "," not in first and "\t" not in first:
        return ";"
    return ","


def _unclosed_quote(values: list[str], delimiter: str, widest: int, table: Table, row_number: int, problems: Problems) -> bool:
    """Whether a row that spans several lines does so because a quote opened in one of its cells was
    never closed (it then swallows the rows below it, up to the next quote). A line break typed with
    Alt+Enter spans lines too: a quoted cell is taken for unclosed only when a line it holds after
    its first looks like a row of the sheet (as many delimiters as the widest row so far). Called
    only for the rare row that spans lines."""
    least = max(2, widest - 1)
    for column, value in enumerate(values, start=1):
        lines = value.splitlines()
        if len(lines) > 1 and any(line.count(delimiter) >= least for line in lines[1:]):
            start = lines[0].strip()
            start = clip(start)
            swallowed = sum(1 for line in lines[1:] if line.count(delimiter) >= least)
            problems.add(table.file, row_number, column_letter(column), "csv-unclosed-quote",
                         f"引号未闭合：第 {row_number} 行 {column_letter(column)} 列的单元格以英文双引号 \" 开头（「{start}」），"
                         f"但没有配对的结束引号，下面约 {swallowed} 行都被当成了这一个单元格的内容，文件无法正确读取。"
                         "请在这个单元格内容的末尾补上一个英文双引号 \"，或删去开头的引号"
                         "（用 Excel 打开后另存为 CSV 会自动处理引号）。",
                         where=where(table, row_number, column), first=True)
            return True
    return False


def _opening_quote(text: str, before: int, delimiter: str) -> int | None:
    """The column whose cell opens a quote never closed on the line after line `before` (the first line of
    the record that could not be read), or None when that line's quotes pair up. Only on that failure."""
    parts = text.split("\n", before + 1)
    line = parts[before] if len(parts) > before else ""
    if line.count('"') % 2 == 0:
        return None
    opening = line.rfind('"')
    return line.count(delimiter, 0, opening) + 1


def is_trailer(cells: list[Cell], id_text: str = "", name: str = "") -> bool:
    """A 合计/小计/平均 row, a section's heading (二、事业单位), a note (注：…) or the signatures (制表人：… 审核人：…) below or among the people:
    its first cell with content begins with one of those words, or is a label with a colon (领导签字：, 日期：…). Never a row that holds a person, an ID
    (`id_text`, as read: letters and digits) and a `name`: a sheet whose first column is the department
    (审核科, 说明科…) has people whose row begins so. 合计 | 28 人, 制表人：王五 | 审核人：赵六 hold none."""
    first = next((c.value for c in cells if c.value), "")
    first = first.replace(" ", "").replace("\u3000", "")
    if first.startswith(_TRAILER_WORDS) or first.endswith(_TRAILER_ENDS) or _SECTION_RE.match(first):
        return not (name and _ID_LIKE_RE.fullmatch(id_text))
    # a label with a colon (领导签字：, 单位（盖章）：, 日期：…, 经办人：李四) is a line for signing, unless a name that is
    # no label stands in its row (a person whose ID holds a colon)
    return ("：" in first or ":" in first) and not (name and "：" not in name and ":" not in name)


_SECTION_RE = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]")  # 二、事业单位 （一）局机关
_ID_LIKE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._\-]*")


def normalize_header(text: str) -> str:
    return "".join(text.split()).replace("\u3000", "")
