"""The period's months, and the fixed times written into a template so that the same input gives
the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from datetime import datetime

from generator.scheme.periods import PERIOD_NAMES, month_span, period_first_day


def period_month(label: str) -> tuple[int, int]:
    """(first month, last month) of a period label: Q2 → (4, 6), H1 → (1, 6), Y → (1, 12), M03 → (3, 3), and a
    school's, counted from its year's January: S2 → (14, 19) (S1's template was as early as S2's, so S2's was not
    filled in with S1's people)."""
    return month_span(label) if label in PERIOD_NAMES else (1, 12)


def fixed_time(year: int, label: str) -> datetime:
    """The document time written into a template: the first day of the period, midnight."""
    first = period_first_day(max(year, 1980), label) if label in PERIOD_NAMES else dt.date(max(year, 1980), 1, 1)
    return datetime(first.year, first.month, 1)


_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def normalize_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite a ZIP with every entry's time set to `when` (zipfile stamps the current time), and
    the document times in docProps/core.xml set to `when` (openpyxl stamps `modified` on save)."""
    out = io.BytesIO()
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    iso = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(lambda m: m.group(1) + iso + m.group(2), content)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()
