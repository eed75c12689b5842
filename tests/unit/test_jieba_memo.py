"""The search plugin's jieba cuts, remembered per build (site/jieba_memo.py), are jieba's own cuts: the
same words in the same order for every text of the demo's pages, and a dictionary changed in between
(the user dictionary of names each build loads) is heeded at once."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest

from generator.site.build import reset_jieba
from generator.site.jieba_memo import remember_cuts_in_build

REPO = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture
def fresh_jieba():
    reset_jieba()
    remember_cuts_in_build()  # as each build's on_env does
    yield jieba
    reset_jieba()


def _runs() -> list[bytes]:
    """Every run of Chinese characters in the demo's schemes and sheets, as the search plugin passes them."""
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in sorted((REPO / "schemes").glob("*.yaml"))]
    texts += [p.read_text(encoding="utf-8", errors="ignore") for p in sorted((REPO / "content").rglob("*.csv"))[:10]]
    runs = [run for text in texts for run in HAN.findall(text)]
    assert len(runs) > 1000
    return [run.encode("utf-8") for run in runs]


def test_remembered_cuts_are_jiebas_cuts(fresh_jieba):
    runs = _runs()
    real = jieba.Tokenizer()
    expected = [list(real.cut(run)) for run in runs]
    first = [list(fresh_jieba.cut(run)) for run in runs]
    again = [list(fresh_jieba.cut(run)) for run in runs]  # now from memory
    assert first == expected and again == expected
    assert list(fresh_jieba.cut(runs[0], cut_all=True)) == list(real.cut(runs[0], cut_all=True))  # not remembered, passed on


def test_a_changed_dictionary_is_heeded(fresh_jieba, tmp_path):
    """After each change, the remembered cut is a fresh tokenizer's with the same change."""
    texts = ["岚城市财政局龙泉街道财政所冯宇艳".encode(), "南浦街道财政所".encode(), "龙泉街道财政所".encode()]
    real = jieba.Tokenizer()
    before = [list(fresh_jieba.cut(t)) for t in texts]
    assert before == [list(real.cut(t)) for t in texts]
    words = tmp_path / "user.txt"
    words.write_text("龙泉街道财政所 100000 nt\n南浦街道财政所 100000 nt\n", encoding="utf-8")
    changes = [("load_userdict", (str(words),)), ("del_word", ("龙泉街道财政所",)), ("add_word", ("岚城市财政局", 100000)),
               ("suggest_freq", ("财政所", True))]
    for name, args in changes:
        getattr(fresh_jieba, name)(*args)
        getattr(real, name)(*args)
        now = [list(fresh_jieba.cut(t)) for t in texts]
        assert now == [list(real.cut(t)) for t in texts], name
        assert now != before, name  # each change changed a cut: the test would see a stale one
        before = now


def test_each_build_wraps_its_tokenizer_once(fresh_jieba):
    """on_env runs in every build: a preview session's later builds keep the one wrapper (and memo)."""
    cut = fresh_jieba.cut
    remember_cuts_in_build()
    assert fresh_jieba.cut is cut
    reset_jieba()  # a clean build's new tokenizer gets its own
    remember_cuts_in_build()
    assert fresh_jieba.cut is not cut and fresh_jieba.cut.remembering is fresh_jieba.dt
