"""One name written two ways by a keyboard: 办 公 室 and 办公室, （党办） and (党办), ＱＣ小组 and QC小组 are one
spelling once blanks are dropped and full-width forms folded (NFKC). Used wherever two writings of a
department, a group, an event or a note are compared as the office means them."""

from __future__ import annotations

import unicodedata


def spelling_key(text: str) -> str:
    """`text` without blanks and with full-width forms folded: what two writings of one name share."""
    return "".join(unicodedata.normalize("NFKC", text).split())
