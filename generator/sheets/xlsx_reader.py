"""Read the results sheet of an .xlsx workbook into rows of cells (openpyxl, read-only, values only).

What a workbook holds beyond text is kept: a number's kind (a number, a percentage, a date, a truth
value, a number whose format shows fewer decimals than it holds: Cell.kind, from the cell's number
format), control characters written as _x001B_ escapes, the rows hidden in Excel (Table.hidden_rows)
and the rows as they are numbered in Excel, so every problem names the cell the office sees. A cell
openpyxl cannot read (NaN in a number cell) is named, not the whole sheet called unreadable.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

from generator.core.problems import Problems
from generator.sheets.cells import Table, _text, make_cells, where
from generator.sheets.file_kinds import STRICT_WORDS, XLSX, real_kind, renamed_words, strict_open_xml
from generator.sheets.limits import MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS
from generator.sheets.number_formats import shown_decimals, shown_otherwise
from generator.sheets.sheet_choice import HeaderTest, results_sheet
from generator.sheets.workbook import formulas_without_values, unreadable_cell


def read_xlsx(path: Path, shown: str, problems: Problems, is_header: HeaderTest | None = None) -> Table | None:
    """The results sheet's rows; `is_header` tells the results sheet among several (sheet_choice.py)."""
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
            if strict_open_xml(archive):  # openpyxl would find no sheet in it, and warn on the terminal
                problems.add(shown, None, None, "sheet-unreadable", STRICT_WORDS)
                return None
        with warnings.catch_warnings():  # what openpyxl drops of a workbook (an extension, a style) is no user's business
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file; all mean the same to a user
        really = real_kind(path)
        words = (renamed_words(really, ".xlsx") if really not in (None, XLSX)
                 else f"无法作为 .xlsx 打开（{type(exc).__name__}）；请用 Excel 或 WPS 打开后「另存为」→「Excel 工作簿（*.xlsx）」。")
        problems.add(shown, None, None, "sheet-unreadable", words)
        return None
    try:
        sheet = results_sheet(workbook, shown, problems, is_header)
        if sheet is None:
            return None
        table = Table(shown, sheet.title, None)
        # The <dimension> a sheet declares (Excel writes A1:XFD1048576 when whole columns are formatted)
        # would make openpyxl pad every row to 16,384 cells and add empty rows up to row 1,048,576: read
        # only the cells the sheet really has.
        sheet.reset_dimensions()
        row_number = cells = 0
        rows = sheet.iter_rows()
        for row_number, row_cells in enumerate(_rows_or_failure(rows, path, sheet, workbook, table, problems), start=1):
            if row_cells is None:
                return None  # a cell openpyxl cannot read: reported at its place
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
            kinds = [_kind(value, row_cells[i], values, i) for i, value in enumerate(values)]
            table.rows.append(make_cells(values, row_number, table, problems, kinds))
        table.row_count = row_number
        layout = formulas_without_values(path, sheet, shown, problems)
        table.hidden_rows, table.hidden_columns, table.merged, table.struck = layout.hidden_rows, layout.hidden_columns, layout.merged, layout.struck
        table.uncomputed, table.invisible = layout.uncomputed, layout.invisible
        return table
    except Exception as exc:
        problems.add(shown, None, None, "sheet-unreadable", f"读取表格时出错（{type(exc).__name__}）；请用 Excel 打开后重新保存。")
        return None
    finally:
        workbook.close()


def _rows_or_failure(rows, path: Path, sheet, workbook, table: Table, problems: Problems):
    """The sheet's rows; on a cell openpyxl cannot read (<v>NaN</v> in a number cell, a shared-string
    index past the file's strings) a problem at that cell, found in the sheet's XML (only then),
    or at least at the row being read, and a final None."""
    row_number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except (ValueError, IndexError, KeyError, TypeError) as exc:
            strings = getattr(workbook, "shared_strings", None)
            found = unreadable_cell(path, sheet, len(strings) if strings is not None else None)
            row, column, why = found if found else (row_number + 1, None, f"{type(exc).__name__}")
            place = f"{column}{row} 单元格" if column else f"第 {row} 行"
            problems.add(table.file, row, column, "sheet-unreadable",
                         f"{place}无法读取（{why}），多半是文件由其他程序生成时写坏了这个单元格；"
                         "请用 Excel 或 WPS 打开这个文件，重新输入这个单元格后保存。",
                         where=f"{table.file} › {table.sheet} › 第{row}行" + (f" › {column}列" if column else ""), sheet=table.sheet)
            yield None
            return
        row_number += 1
        yield row


_OOXML_ESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _ooxml_text(value: object) -> object:
    """Excel writes a control character in a cell as _x001B_ (and a literal _x as _x005F_x); openpyxl
    leaves the escape as it is. Undo it, so that the cell is what Excel shows and its control
    characters are found."""
    if type(value) is str and "_x" in value:
        return _OOXML_ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _kind(value: object, cell: object, values: list, i: int) -> str:
    """What an XLSX cell held: a number (n), a number shown as a percentage (p), a date (d), text (""), a
    value its format shows as something else (x and what it shows: number_formats.py).
    A whole number formatted 0000 or "GH"0000 becomes the text Excel shows (values[i] = "0005", "GH0005"):
    how an office keeps an ID's leading zeros, or its prefix, in a number cell."""
    if value is None:
        return ""
    if type(value) is str:
        number_format = str(getattr(cell, "number_format", "") or "") if value else ""
        shown = shown_otherwise(number_format, value) if number_format.count(";") == 3 else None  # ;;; hides text too
        return "" if shown is None else "x" + shown
    if isinstance(value, bool):
        return "b"
    if isinstance(value, (int, float)):
        number_format = str(getattr(cell, "number_format", "") or "")
        if "00" in number_format and value >= 0 and (type(value) is int or value.is_integer()) and (padded := _PADDED_RE.fullmatch(number_format)):
            values[i] = _literal(padded.group(1)) + str(int(value)).zfill(len(padded.group(2))) + _literal(padded.group(3))
            return "n"  # an ID as Excel shows it: 0005 for 5 formatted 0000, GH0005 for "GH"0000
        if (";" in number_format or '"' in number_format or "\\" in number_format) and (shown := shown_otherwise(number_format, value)) is not None:
            return "x" + shown  # ;;; or a section of words: the sheet shows something else than the number (values.py)
        if type(value) is float and not value.is_integer():  # whole numbers (the usual score) never show fewer decimals
            shown = shown_decimals(number_format, value) if ";" in number_format else None
            if shown is not None:
                return _rounded_kind(value, shown)  # a format of sections: the one that shows the value decides
            shown = _SHOWN_DECIMALS.get(number_format, -1)
            if shown == -1:
                shown = _SHOWN_DECIMALS.setdefault(number_format, _plain_decimals(number_format)) if len(_SHOWN_DECIMALS) < 1000 else _plain_decimals(number_format)
            if shown is not None:
                return _rounded_kind(value, shown)
        if "%" in number_format.replace('"%"', "").replace("\\%", ""):
            return _percent_kind(value, number_format)
        return "n"
    return "d" if hasattr(value, "isoformat") else ""




# number format → how many decimals it shows, for the plain number formats (0, 0.0, #,##0.00 …), as Excel's
# and WPS's 数值 dialogs write them too: with a colour or condition ([Red]), padding for a negative's bracket
# (0.0_ ), sections for negatives and zero (0.0;[Red]-0.0), a unit ("分", or 分 unquoted as WPS keeps it).
# None for every other (General shows what the cell holds; a percentage, a date, a fraction, text are read as such)
_SHOWN_DECIMALS: dict[str, int | None] = {}
_PLAIN_FORMAT_RE = re.compile(r"(?:#,##)?0(?:\.(0+))?")
_FORMAT_DECOR_RE = re.compile(r'"[^"]*"|\[[^\]]*\]|_.|\\.|\*.')  # quoted text, [Red] [>=60], padding, escapes, fill
_FORMAT_AROUND = " -+()$¥￥分"


def _plain_decimals(number_format: str) -> int | None:
    found = _PLAIN_FORMAT_RE.fullmatch(number_format)
    if found is None and number_format not in ("General", "@"):
        positive = _FORMAT_DECOR_RE.sub("", number_format).split(";", 1)[0]  # the section a score is shown by
        found = _PLAIN_FORMAT_RE.fullmatch(positive.strip(_FORMAT_AROUND))
    return None if found is None else len(found.group(1) or "")


# a whole number padded with zeros, with a literal prefix or suffix of letters and digits: 0000, "GH"0000, \A000, "2025"0000
_LITERAL_PART = r'(?:"[0-9A-Za-z-]*"|\\[0-9A-Za-z-])*'
_PADDED_RE = re.compile(f"({_LITERAL_PART})(00+)({_LITERAL_PART})")


def _literal(part: str) -> str:
    return part.replace('"', "").replace("\\", "")


def _percent_kind(value: int | float, number_format: str) -> str:
    """p, or p<shown> when the percentage holds more decimals than its format shows (0.796 formatted 0%
    shows 80%): a rate compared with a line (出勤率 < 80) must be what the office sees, or be warned."""
    shown = _plain_decimals(number_format.replace("%", "", 1)) if type(value) is float else None
    if shown is None:
        return "p"
    held = (Decimal(_text(value)) * 100).normalize()
    exponent = held.as_tuple().exponent
    return f"p{shown}" if isinstance(exponent, int) and -exponent > shown else "p"


def _rounded_kind(value: float, shown: int) -> str:
    """n<shown> when the number holds more decimals than its format shows (5.4 formatted 0), else n."""
    text = repr(value)
    if len(text) > 16:  # 90.30000000000001: as Excel shows it (15 significant digits)
        text = _text(value)
    if "e" in text or "E" in text:
        return "n"
    decimals = len(text) - text.index(".") - 1 if "." in text else 0
    return f"n{shown}" if decimals > shown else "n"
