"""jieba cuts every Han character as Chinese during a build (site/jieba_han.py): a name in the user
dictionary with a character of Extension A or beyond the Basic Multilingual Plane is one word, and text
of jieba's own range is cut exactly as before."""

from __future__ import annotations

import re
import types
from pathlib import Path

import jieba
import pytest

from generator.site import jieba_han
from generator.site.build import reset_jieba

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def own_pattern():
    """jieba's pattern as it ships, restored after the test (the widening lasts for the process)."""
    before = jieba.re_han_default
    jieba.re_han_default = re.compile(jieba_han.WIDE_HAN.pattern.replace(jieba_han._MORE, ""), re.U)
    reset_jieba()
    yield
    jieba.re_han_default = before
    reset_jieba()


@pytest.mark.parametrize("name", ["王䶮", "𠮷田平", "李𠀾明", "金﨑", "赵鿰"])
def test_a_dictionary_name_with_a_rare_character_is_one_word(own_pattern, name):
    text = f"办公室{name}拟定等次好"
    jieba.add_word(name, 100000, "nz")
    assert name not in list(jieba.cut(text))  # jieba's own pattern: the name in pieces
    assert jieba_han.widen_han(jieba)
    assert name in list(jieba.cut(text))


def test_text_of_jiebas_own_range_is_cut_as_before(own_pattern):
    runs = []
    for path in sorted((REPO / "schemes").glob("*.yaml")):
        runs += re.findall(r"[\u4e00-\u9fd5]+", path.read_text(encoding="utf-8"))
    assert len(runs) > 1000
    tokenizer = jieba.Tokenizer()
    before = [list(tokenizer.cut(run)) for run in runs]
    assert jieba_han.widen_han(jieba) and jieba_han.widen_han(jieba)  # twice: nothing more
    assert [list(tokenizer.cut(run)) for run in runs] == before


def test_a_jieba_without_the_pattern_is_reported_not_patched():
    other = types.SimpleNamespace(re_han_default=re.compile("([\u4e00-\u9fff]+)"))
    assert not jieba_han.widen_han(other)
    assert other.re_han_default.pattern == "([\u4e00-\u9fff]+)"
    assert not jieba_han.widen_han(types.SimpleNamespace())
