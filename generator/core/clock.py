"""The build's date: reproducible when SOURCE_DATE_EPOCH or content/site.yaml says which day it is."""

from __future__ import annotations

import datetime as dt
import os


def build_date(settings: dict) -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds), else content/site.yaml build_date, else today.
    A build_date that is not a date is reported and dropped by project/site_file.py, never guessed here."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    value = settings.get("build_date")
    if value:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            pass
    return dt.date.today()
