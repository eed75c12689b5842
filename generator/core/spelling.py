"""One name written two ways by a keyboard: 办 公 室 and 办公室, （党办） and (党办), ＱＣ小组 and QC小组 are one
spelling once blanks are dropped and full-width forms folded (NFKC). Used wherever two writings of a
department, a group, an event or a note are compared as the office means them."""

from __future__ import annotations

import unicodedata


def spelling_key(text: str) -> str:
    """`text` without blanks and with full-width forms folded: what two writings of one name share."""
    return "".join(unicodedata.normalize("NFKC", text).split())


# The separator of a name of two parts (阿不都·热合曼, 玛丽·居里) as keyboards type it: the 间隔号 · (U+00B7) that
# GB/T 15834 prescribes, a Japanese input method's ・ (and its half-width ･), a bullet •, a hyphenation point ‧,
# the operators ∙ ⋅, a full stop . ． ﹒, a Korean ㆍ.
NAME_DOTS = "·・･•‧∙⋅.．﹒ㆍ"
_NO_DOTS = str.maketrans("", "", NAME_DOTS)


def name_key(text: str) -> str:
    """`text` as one person's name however its separator dot is typed (or left out), blanks and widths
    aside: 阿不都·热合曼, 阿不都・热合曼 and 阿不都 热合曼 are one name."""
    return spelling_key(text).translate(_NO_DOTS)
