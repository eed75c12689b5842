"""Texts carried packed in a page: a list of strings (or of lists of strings) as JSON, DEFLATE-compressed, in base64.

Why: a city's archive keeps each person for ten years, some fifty derivations of about 3 KB each.
As text they were two thirds of the internal edition (650 MB) and, spread over pages of earlier
years, half of mkdocs' pages. Packed, a person's earlier years are a tenth of the bytes and sit on
the person's own page; kaohe-inflate.js unpacks them in the reader's browser and kaohe.js puts each
text into its <pre> as text (textContent: never read as HTML).

The packing is deterministic (raw DEFLATE at a fixed level, no header, no time stamp), so the same
texts give the same bytes and the site stays byte-identical. The unpacked size travels beside the
data: the browser allocates exactly that and refuses data that does not fill it exactly.
"""

from __future__ import annotations

import base64
import json
import zlib

# Level 8 with zlib's largest memory setting: on a twentieth of the city's person pages (the
# derivations' records as written) it packed 67 MB/s to 34.4 MB of base64 for the whole city, where
# the default (6, memory 8) packed 130 MB/s to 37.0 MB and level 9 56 MB/s to 34.4 MB: 2.7 s more
# CPU a build (two workers share it) for 7 % fewer bytes. (Session 7 measured 62 and 38 MB/s on
# derivation texts alone.)
LEVEL = 8
MEMORY = 9


def pack_texts(texts: list) -> tuple[str, int]:
    """(base64 of the raw-DEFLATE-compressed JSON array, the JSON's length in UTF-8 bytes). Each item
    is a string or a list of strings (a person's derivation: its address, summary, text and results row)."""
    data = json.dumps(list(texts), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, MEMORY)
    packed = packer.compress(data) + packer.flush()
    return base64.b64encode(packed).decode("ascii"), len(data)


def unpack_texts(packed: str, size: int) -> list:
    """The texts back (tests, and anyone checking a built page without a browser)."""
    data = zlib.decompress(base64.b64decode(packed, validate=True), -15)
    if len(data) != size:
        raise ValueError(f"unpacked {len(data)} bytes, expected {size}")
    texts = json.loads(data.decode("utf-8"))
    if not isinstance(texts, list) or not all(_text_or_texts(t) for t in texts):
        raise ValueError("packed data is not a list of texts")
    return texts


def _text_or_texts(item) -> bool:
    return isinstance(item, str) or (isinstance(item, list) and all(isinstance(t, str) for t in item))
