"""Texts packed into a page (site/packed_text.py): the same texts give the same bytes (the site is
reproducible), every text comes back exactly, and data of the wrong size or shape is refused."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from generator.site.packed_text import pack_texts, unpack_texts

TEXTS = ["一、各项得分\n　德：17.5 分（满分 20）\n\n结果：总分 88.50，称职", "", '<script>alert(1)</script> "&amp;" \\ \u2028 𠀀', "=1+1"]


def test_round_trip_and_same_bytes_every_time():
    packed, size = pack_texts(TEXTS)
    assert unpack_texts(packed, size) == TEXTS
    assert pack_texts(list(TEXTS)) == (packed, size)
    assert re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", packed), "not plain base64: it goes into an HTML attribute"
    assert size == len(json.dumps(TEXTS, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def test_repeated_derivations_pack_small():
    text = "　　· 扣：集体学习缺席次数 0 次 × 2 分 = 0 分\n" * 40
    packed, size = pack_texts([text] * 20)
    assert len(packed) * 10 < size


def test_wrong_size_or_not_a_list_of_texts_is_refused():
    packed, size = pack_texts(TEXTS)
    with pytest.raises(ValueError):
        unpack_texts(packed, size + 1)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    other = b'{"a":1}'
    with pytest.raises(ValueError):
        unpack_texts(base64.b64encode(packer.compress(other) + packer.flush()).decode(), len(other))
