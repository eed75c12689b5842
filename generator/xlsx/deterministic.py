"""Deterministic .xlsx bytes: the same table gives the same file, byte for byte.

openpyxl stamps the current time into docProps/core.xml and into every zip entry; both are
fixed here so that a rebuilt site is byte-identical and a download's hash means something.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def text_not_formulas(sheets) -> None:
    """openpyxl takes every string that starts with = for a formula. Our workbooks hold only values
    from data (names, departments, messages), so every such cell is written as the text it is: a
    name typed as =HYPERLINK(…) or =1+1 shows as that text and never runs in Excel."""
    for sheet in sheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.data_type = "s"


def sheet_title(text: str, fallback: str) -> str:
    """A sheet name Excel accepts, from a title made of data (an agency's name, a file's): no [ ] : * ? / \\,
    no apostrophe at either end, at most 31 characters. openpyxl refuses any other, and the build stopped."""
    cleaned = "".join(" " if ch in '[]:*?/\\' else ch for ch in text).strip().strip("'").strip()
    return cleaned[:31].strip().strip("'") or fallback


def workbook_bytes(workbook) -> bytes:
    text_not_formulas(workbook.worksheets)
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = "kaohe"
    workbook.properties.lastModifiedBy = "kaohe"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and permissions, entries in their original order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = []
    for info in source.infolist():
        content = source.read(info.filename)
        if info.filename == "docProps/core.xml":
            content = _strip_times(content)
        parts.append((info.filename, content))
    return zip_parts(parts)


def zip_parts(parts: list[tuple[str, bytes]]) -> bytes:
    """A zip of the parts in the order given, every entry with the same fixed time and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts:
            fixed = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, content)
    return out.getvalue()


def _strip_times(xml: bytes) -> bytes:
    import re

    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rb"\g<1>" + stamp + rb"\g<3>", xml)
