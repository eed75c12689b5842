"""The characters no user text may hold, in one list: sheet cells (sheets/cells.py) and YAML text
(scheme/yaml_source.py: schemes, agency.yaml, site settings, notices) are checked against the same
pattern, and problems.printable() writes the same characters out as escapes.

- C0 and C1 controls except tab, line feed and carriage return (a line break typed with Alt+Enter is
  text), and DEL: a BEL or ESC pasted from another system would reach a terminal or a workbook;
- the bidi marks, embeddings, overrides and isolates (U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E,
  U+2066–U+2069), which reorder what a reader sees;
- the invisible format characters, which hide text or make two different strings look the same: soft
  hyphen U+00AD, U+180E, zero-width space/joiners U+200B–U+200D, line and paragraph separators
  U+2028/U+2029, word joiner and invisible operators U+2060–U+2064, the deprecated U+206A–U+206F, a BOM
  inside text U+FEFF, interlinear annotation U+FFF9–U+FFFB, musical format U+1D173–U+1D17A and the tag
  characters U+E0001, U+E0020–U+E007F.
"""

from __future__ import annotations

import re

# bidi and invisible format characters, as the body of a regex character class
FORMAT_CHARS = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + FORMAT_CHARS + "]")
