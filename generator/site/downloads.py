"""Table downloads next to each data table: XLSX that Excel computes with, and CSV (UTF-8 with BOM).

XLSX: a title row (agency · scheme · period · content), the header frozen under it with an
autofilter; number columns hold numbers, formatted with the places the page shows (84.50 stays
84.50, not 84.5); shares (16.7%) are numbers with a % format; counts and 序号 are integers; ID-like
columns stay text so Excel keeps leading zeros and long numbers. CSV keeps the page's text.
Deterministic bytes (xlsx/table_writer.py), so a rebuild is byte-identical.

File names say what the file holds: <agency>-<scheme>-<period>-<content>.xlsx (download_name).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from generator.xlsx.table_writer import table_xlsx


@dataclass(frozen=True)
class DataTable:
    title: str  # the title row: agency · scheme · period · content
    headers: list[str]
    rows: list[list[str]]
    text_columns: frozenset[int] = frozenset()  # indexes of ID/code columns (stay text)
    number_columns: frozenset[int] = frozenset()  # numbers, shares (…%) and counts, as the page shows them
    long_places: int = 2  # shown places of an exact value with a long tail (a mean 81.1666…): the assessment's


# A file name's bytes: a file system allows 255 (ext4, and NTFS 255 characters), with the extension and
# room to spare. The demo's longest names are about 180.
MAX_NAME_BYTES = 200
_UNSAFE = re.compile(r'[\\/:*?"<>|#%&{}$!\'@`=+\s]+')


def download_name(*parts: str) -> str:
    """A file name from its parts (agency, scheme, period, content), safe on Windows and in a URL path.

    Three kinds of name end in a hash of the parts as written, so that two names stay two files: one from
    which characters were taken out (综合#股 and 综合股, two departments, had one download), one with a
    small letter (It科 beside IT科 on a share that ignores case), and one over
    MAX_NAME_BYTES (a scheme titled by the whole 关于印发《…》的通知, a long agency name), whose longest
    parts are shortened to a common length. Any other name is as it always was."""
    written = [str(p) for p in parts if p]
    cleaned = [c for w in written if (c := _UNSAFE.sub("", w))]
    name = "-".join(cleaned)
    taken_out = any(_UNSAFE.search(w) for w in written)
    # IT科 and It科, two departments, would be one file on a Windows or Mac share: a name that capitals
    # would change (a small letter, ǅ) ends in the hash, so that no two names differ only in case
    taken_out = taken_out or any(w != w.upper() for w in written)
    if not taken_out and len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES:
        return name
    tag = "-" + hashlib.sha256("\x1f".join(written).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    room = MAX_NAME_BYTES - len(tag) - max(len(cleaned) - 1, 0)
    sizes = [len(c.encode("utf-8", "surrogatepass")) for c in cleaned]
    cap = max(sizes, default=0)
    while cap > 0 and sum(min(size, cap) for size in sizes) > room:  # at most MAX_NAME_BYTES steps once it bites
        cap = min(cap - 1, room)
    cut = [c.encode("utf-8", "surrogatepass")[:cap].decode("utf-8", "ignore") for c in cleaned]
    return "-".join(c for c in cut if c) + tag


def table_title(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def csv_bytes(table: DataTable) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_safe(h) for h in table.headers])  # a header is scheme text: an item named =HYPERLINK(…) too
    for row in table.rows:
        writer.writerow([_csv_safe(v) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _csv_safe(value: str) -> str:
    # A cell starting with = + - @ would be run as a formula by Excel (CSV injection); so would one behind
    # blanks or a line break, or in the full-width ＝ ＋ － ＠ (and small ﹦ ﹢ ﹣) a Chinese IME types, which
    # spreadsheets read as the ASCII ones.
    if value and value[0] in "\t\r\n" or _FORMULA_START.match(value) and _number(value) is None:
        return "'" + value
    return value


_FORMULA_START = re.compile(r"\s*[=+\-@＝＋－＠﹦﹢﹣]")


_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def _number(text: str, long_places: int = 2) -> tuple[Decimal, str] | None:
    """The page's text of a number → (value, Excel number format), or None if it is not one.

    '84.50' → (84.50, '0.00'); '16.7%' → (0.167, '0.0%'); '3' → (3, '0'); '—' → None. An exact value
    with more than 6 decimals (a mean, 81.1666…) keeps its value and is shown with `long_places`."""
    text = str(text).strip()
    share = text.endswith("%")
    body = text[:-1] if share else text
    if not _NUMBER.fullmatch(body):
        return None
    try:
        value = Decimal(body)
    except InvalidOperation:
        return None
    places = len(body.split(".")[1]) if "." in body else 0
    if places > 6:
        places = long_places
    pattern = "0" + ("." + "0" * places if places else "")
    if share:
        return value / 100, pattern + "%"
    return value, pattern


def cell_value(text: str, as_number: bool, long_places: int = 2):
    """What a cell holds: a number and its format for a number column, else the text."""
    if as_number and text not in ("", "—"):
        found = _number(text, long_places)
        if found:
            return found
    return text, None


def xlsx_bytes(table: DataTable) -> bytes:
    """The table as .xlsx (xlsx/table_writer.py): ID columns text with "@", number columns numbers
    with the page's places, every other cell the page's text (text from the data, never a formula)."""
    numbers, texts, places = table.number_columns, table.text_columns, table.long_places
    parsed: dict[str, tuple] = {}  # scores repeat (90.00, 100%, 0): parse each text once per table

    def cell_of(column: int, text: str):
        if column in texts:
            return str(text), "@"
        if column in numbers:
            found = parsed.get(text)
            if found is None:
                value, fmt = cell_value(text, True, places)
                found = parsed[text] = (value, fmt) if fmt else (str(value), None)
            return found
        return str(text), None

    return table_xlsx(table.title, table.headers, table.rows, cell_of)
