"""An ID cell as the office's spreadsheet leaves it → the ID it means, or why it is not one.

IDs are text and compared as text, so the ways a spreadsheet dresses a typed ID are undone here,
once, for results sheets and decision files alike: full-width digits and letters (０００５ is 0005),
Excel's text-keeping forms (="0005" in a CSV, a leading ' typed as text) and the 12.0 of a number
cell. What no office means as an ID — a spreadsheet's error value (#N/A from a VLOOKUP that found
nothing) or a long number shown in scientific notation (its last digits already lost) — is
reported, never read as a new person.
"""

from __future__ import annotations

import re

from generator.sheets.cells import BLANK_MARKS

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ０ → 0, Ａ → A, ＃ → #
_EXCEL_TEXT = re.compile(r'="(.*)"')
_WHOLE_NUMBER = re.compile(r"\d+\.0+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_SCIENTIFIC = re.compile(r"\d+(\.\d+)?[eE][+-]?\d+")
_ERROR_VALUES = ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA")


# blanks typed between the characters of a Chinese name to line it up with longer ones: 张　三, 王  五
_NAME_PADDING_RE = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000\u00a0]+(?=[\u3400-\u9fff])")


def name_text(value: str) -> str:
    """The name a cell means: 张三 for 张　三 (padded to line up with three-character names, as offices
    do); the same person in every sheet and on the 公示. Blanks between other characters are kept."""
    if value in BLANK_MARKS:  # - or /, nan of pandas, NULL of a database: no name, reported as such (rows.py)
        return ""
    return _NAME_PADDING_RE.sub("", value) if " " in value or "\u3000" in value or "\u00a0" in value else value


def is_error_value(text: str) -> bool:
    """Whether a cell's text is a spreadsheet's error value (#N/A, #REF! …): a formula that failed."""
    return text[:1] == "#" and text.strip().upper() in _ERROR_VALUES


def error_value_words(text: str, column: str) -> str:
    """What an error value in a cell of `column` is, and the fix: one wording for every column."""
    return (f"「{text.strip()}」是表格软件的错误值（公式出错：如 VLOOKUP 没有找到、除数为 0、引用的单元格已被删除），"
            f"不是「{column}」的内容，不能照此读取或公示；请改正这个单元格的公式，或直接填写「{column}」后保存。")


def is_formula_text(text: str) -> bool:
    """Whether a cell holds a formula's text, not its result: =B3 or =VLOOKUP(…) typed into a column
    formatted as 文本 stays text in Excel and WPS (and a CSV written by hand or shown with formulas
    holds it too). No name, department or ID starts with =."""
    text = text.strip()
    return len(text) > 1 and text[0] in "=＝"


def formula_text_words(text: str, column: str) -> str:
    """What a formula's text in a cell of `column` is, and the fix."""
    return (f"「{text.strip()}」是公式本身的文字，不是公式算出的{column}：多半是该列设成了「文本」格式后输入的公式，"
            f"表格软件不计算它，照此读取就会把公式印在公示上；请把单元格格式改为「常规」后重新输入公式（再按回车），"
            f"或直接填写{column}。")


def id_text(value: str) -> str:
    """The ID a cell means: 0005 for ０００５, ="0005" and '0005; 12 for the 12.0 of a number cell; 1001 for
    the 1,001 a number cell formatted #,##0 shows (and a CSV saved from it holds).
    Read for every row of every sheet: the usual ID (ASCII, no dressing) passes two cheap tests."""
    if not value.isascii():
        value = value.translate(_FULL_WIDTH).replace("\u3000", " ")
    value = value.strip()
    if value in BLANK_MARKS:  # / - 无, pandas' nan: no ID (missing-id), not a person of ID /
        return ""
    first = value[:1]
    if first == "=" and (match := _EXCEL_TEXT.fullmatch(value)) is not None:
        value = match.group(1).strip()
    elif first == "'" and len(value) > 1:
        value = value[1:].strip()
    if "." in value and _WHOLE_NUMBER.fullmatch(value):
        value = value.split(".", 1)[0]
    if "," in value and _THOUSANDS.fullmatch(value):  # 1,001: a number cell formatted #,##0, saved as CSV
        value = value.replace(",", "")
    return value


def id_flaw(pid: str, kind: str = "") -> str | None:
    """Why `pid` (as id_text gives it) cannot be anyone's ID, in words; None when it can. `kind`: the
    cell's (cells.Cell.kind); a number cell of more than 15 digits has lost its last ones already."""
    if kind == "d":
        return (f"单元格是日期格式，显示为「{pid}」：多半是输入 1-5、2025/3 这样的编号时，表格软件把它变成了日期，"
                "原来的编号已经看不出来；请把该列设为「文本」格式后重新输入编号（或输入 '加编号）")
    if kind == "b":
        return "单元格是真假值（TRUE/FALSE），不是编号；请改为此人的编号"
    if kind[:1] == "n" and len(pid) > 15 and pid.isdigit():
        return (f"「{pid}」是数字单元格里超过 15 位的编号：Excel 只保留 15 位有效数字，末尾几位已经变成 0 或被改掉，"
                "编号不再可靠（如 18 位身份证号）；请把该列设为「文本」格式后重新输入完整编号（或输入 '加编号）")
    if len(pid) > 15 and pid.endswith("0") and not pid[15:].strip("0") and pid.isdigit() and not _citizen_check_holds(pid):
        return (f"「{pid}」第 15 位之后全是 0：多半是编号存在数字单元格里，Excel 只保留 15 位有效数字，另存为 CSV 时末尾几位成了 0"
                "（如 18 位身份证号），编号已不可靠；请打开原来的 Excel 文件，把该列设为「文本」格式后重新输入完整编号（或输入 '加编号），再另存为 CSV")
    if is_formula_text(pid):
        return (f"「{pid}」是公式本身的文字，不是公式算出的编号（多半是该列设成了「文本」格式后输入的公式）；"
                "请把单元格格式改为「常规」后重新输入公式，或直接填写编号")
    if pid.upper() in _ERROR_VALUES:
        return f"「{pid}」是表格软件的错误值（公式出错，如 VLOOKUP 没有找到），不是编号；请改为此人的编号"
    if " " in pid or "\xa0" in pid or "\t" in pid:  # as id_text gives it: full-width blanks are spaces, the ends stripped
        return (f"「{pid}」中间有空格：编号按写法比较，「{pid}」与不带空格的编号会被当成两个人；"
                f"请删去空格，写成「{''.join(pid.split())}」")
    if _SCIENTIFIC.fullmatch(pid):
        return (f"「{pid}」是科学计数法：表格软件把长编号当成数字，末尾几位可能已经丢失；"
                "请把该列设为「文本」格式后重新输入完整编号（或输入 '加编号）")
    return None


_CITIZEN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _citizen_check_holds(pid: str) -> bool:
    """Whether an 18-digit ID's last digit is the check digit of a 身份证号 (GB 11643, ISO 7064 MOD 11-2) over the
    17 before it: a real number that happens to end in 000, not one whose last digits Excel turned into 0."""
    return len(pid) == 18 and "10X98765432"[sum(int(d) * w for d, w in zip(pid, _CITIZEN_WEIGHTS, strict=False)) % 11] == pid[17]
