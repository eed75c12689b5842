"""Packed derivations unpacked in a real browser (Debian's chromium): kaohe-inflate.js against Python's
zlib, and kaohe.js putting each text into its <pre> as text.

The inflater is our own (see its header for why), so it is checked on what zlib can produce: every
compression level, each strategy (fixed and dynamic Huffman codes, run-length, stored blocks, also after
compressed ones at any bit offset), texts
from empty to several blocks long, every kind of character (CJK beyond the BMP, U+2028, quotes,
backslashes, markup); and it refuses data that is cut short or not the stated size. The page test
uses the site's own scripts on a page shaped like a person's page (pages_people.py)."""

from __future__ import annotations

import base64
import json
import random
import zlib
from pathlib import Path

import pytest

from generator.site.packed_text import pack_texts
from generator.site.pages_people import ROW_LINK
from tests.browser.test_site_browser import CHROMIUM, HAVE_PLAYWRIGHT, _serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Debian's chromium at /usr/bin/chromium"),
    pytest.mark.skipif(not HAVE_PLAYWRIGHT, reason="browser tests need the playwright Python package"),
]

ASSETS = Path(__file__).resolve().parents[2] / "site_templates" / "assets"
PIECES = ["德：17.5 分（满分 20）", "　　· 扣：迟到早退次数 0 次 × 1 分 = 0 分", "\n", "<script>alert(1)</script>", "&amp;", '"', "\\",
          "\u2028", "𠀀😀", "a", "0" * 40, "结果：总分 88.50，称职"]


def _cases() -> list[dict]:
    rng = random.Random(15)
    cases = []
    for i in range(120):
        texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 300))) for _ in range(rng.randint(0, 6))]
        if i % 6 == 0:
            texts.append("".join(chr(rng.randint(0x20, 0x9fff)) for _ in range(rng.randint(0, 4000))))
        data = json.dumps(texts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        for level, strategy in ((0, zlib.Z_DEFAULT_STRATEGY), (1, zlib.Z_FIXED), (6, zlib.Z_RLE), (9, zlib.Z_HUFFMAN_ONLY), (9, zlib.Z_DEFAULT_STRATEGY)):
            packer = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
            cases.append({"packed": base64.b64encode(packer.compress(data) + packer.flush()).decode(), "size": len(data), "texts": texts})
    for _ in range(60):  # stored blocks after compressed ones, at every bit offset: a flush emits an empty stored block
        texts = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 200))) for _ in range(3)]
        data = json.dumps(texts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        packer, packed, at = zlib.compressobj(6, zlib.DEFLATED, -15), b"", 0
        for cut in sorted(rng.sample(range(len(data)), min(4, len(data)))):
            packed += packer.compress(data[at:cut]) + packer.flush(rng.choice([zlib.Z_SYNC_FLUSH, zlib.Z_FULL_FLUSH]))
            at = cut
        packed += packer.compress(data[at:]) + packer.flush()
        cases.append({"packed": base64.b64encode(packed).decode(), "size": len(data), "texts": texts})
    big = ["年度考核" * 60_000, "x" * 70_000]  # several blocks, and stored blocks longer than 64 KB at level 0
    for level in (0, 9):
        data = json.dumps(big, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        cases.append({"packed": base64.b64encode(packer.compress(data) + packer.flush()).decode(), "size": len(data), "texts": big})
    packed, size = pack_texts(["总分 88.50"] * 50)
    cases.append({"packed": packed, "size": size, "texts": ["总分 88.50"] * 50})
    return cases


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("packed")
    (root / "assets").mkdir()
    for name in ("kaohe-inflate.js", "kaohe.js", "kaohe.css"):
        (root / "assets" / name).write_bytes((ASSETS / name).read_bytes())
    (root / "blank.html").write_text('<!doctype html><meta charset="utf-8"><script src="assets/kaohe-inflate.js"></script>', "utf-8")
    server, url = _serve(root)
    yield root, url
    server.shutdown()
    server.server_close()


def test_the_inflater_unpacks_what_zlib_packs(served, browser):
    root, url = served
    page = browser.new_page()
    page.goto(url + "blank.html")
    cases = _cases()
    got = page.evaluate("cases => cases.map(c => { try { return window.kaoheUnpack(c.packed, c.size); } catch (e) { return 'error: ' + e.message; } })", cases)
    wrong = [i for i, (case, texts) in enumerate(zip(cases, got)) if texts != case["texts"]]
    assert not wrong, f"{len(wrong)} of {len(cases)} cases differ, the first: {got[wrong[0]]!r:.300}"
    page.close()


def test_the_inflater_refuses_short_wrong_sized_or_garbled_data(served, browser):
    root, url = served
    page = browser.new_page()
    page.goto(url + "blank.html")
    packed, size = pack_texts(["德：17.5 分"] * 200)
    raw = base64.b64decode(packed)
    rng = random.Random(3)
    garbled = [bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))) for _ in range(300)]
    bad = [(packed, size + 1), (packed, size - 1), (base64.b64encode(raw[: len(raw) // 2]).decode(), size)]
    bad += [(base64.b64encode(g).decode(), size) for g in garbled]
    outcomes = page.evaluate("bad => bad.map(([p, n]) => { try { window.kaoheUnpack(p, n); return 'unpacked'; } catch (e) { return 'refused'; } })", bad)
    assert outcomes[:3] == ["refused"] * 3
    assert outcomes.count("refused") == len(bad), "random bytes unpacked to a list of texts of exactly the stated size"
    page.close()


def _person_page(packed: str, size: int, earlier: int, latest: int) -> str:
    """A person's page as person.md.j2 writes it: `earlier` packed derivations in the earlier years'
    box, `latest` in the latest year's before the newest (written as HTML)."""
    return ('<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="assets/kaohe.css"><article class="md-typeset">'
            '<div style="height: 3000px">(the history above)</div>'
            f'<div class="kaohe-packed" hidden data-size="{size}" data-texts="{packed}"></div>'
            f'<div class="kaohe-derivations" data-first="{earlier}" data-count="{latest}"><details id="newest"><summary>新</summary>'
            f'<p><a href="../r/#p-1">{ROW_LINK}</a></p><pre>最新一期</pre></details></div>'
            f'<div class="kaohe-derivations" data-first="0" data-count="{earlier}"></div>'
            '<div style="height: 3000px"></div></article>'
            '<script src="assets/kaohe-inflate.js"></script><script src="assets/kaohe.js"></script>')


def test_each_derivation_becomes_its_details_as_text_and_a_linked_one_opens(served, browser):
    root, url = served
    texts = ["一、各项得分\n　德：17.5 分\n\n结果：好", '<img src="x" onerror="alert(1)"><script>alert(2)</script>', "=HYPERLINK(\"http://evil\")\n&lt;b&gt;"]
    summaries = ["2024年度 · 年度考核：优秀", '<b onclick="alert(3)">粗</b>', "2025年第一季度 · 平时考核：好"]
    rows = ["../../results/a/s/2024-Y/d/#p-1", '../x/"><script>alert(4)</script>', "../../results/a/s/2025-Q1/%E5%8A%9E/#p-1"]
    records = [[f"d{i}", summary, text, row] for i, (summary, text, row) in enumerate(zip(summaries, texts, rows))]
    (root / "person.html").write_text(_person_page(*pack_texts(records), 2, 1), "utf-8")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url + "person.html#d1")
    made = page.evaluate("() => Array.from(document.querySelectorAll('.kaohe-derivations')).map(b => Array.from(b.children).map(d => [d.id, d.querySelector('summary').textContent, d.querySelector('pre').textContent, d.querySelector('p > a').getAttribute('href'), d.querySelector('p > a').textContent]))")
    # the latest year's box: its packed one, then the newest; the earlier years' box: the first two, in order
    assert made == [[[*records[2], ROW_LINK], ["newest", "新", "最新一期", "../r/#p-1", ROW_LINK]], [[*r, ROW_LINK] for r in records[:2]]]
    assert page.locator("article img, article script, article b").count() == 0 and not dialogs
    assert page.evaluate("() => document.getElementById('d1').open"), "the linked derivation did not open"
    assert -2 <= page.evaluate("() => document.getElementById('d1').getBoundingClientRect().top") < 100, "the linked derivation is not in view"
    assert page.locator("[data-texts], [data-count], .kaohe-unpack-failed").count() == 0
    says = page.evaluate("() => Array.from(document.querySelectorAll('.kaohe-derivations')).map(b => getComputedStyle(b, '::before').content)")
    assert says == ["none", "none"], says
    page.close()


def test_a_box_whose_derivations_cannot_all_be_made_says_so(served, browser):
    """Garbled data, a list of texts, a record of the wrong shape, a link with a scheme (also one split by
    a tab or a line break) or to another host, too few records, an address already on the page: the box says the page could not be
    unpacked (not that scripts are off) and makes none of its derivations; a box whose records are
    whole is made."""
    root, url = served
    good = [["d0", "甲期", "甲", "../r/#p-1"], ["d1", "乙期", "乙", "../r/#p-1"], ["d2", "丙期", "丙", "../r/#p-1"]]
    packed, size = pack_texts(good)
    cases = {"garbled": (packed[:-8], size), "texts": pack_texts(["甲", "乙", "丙"]), "shape": pack_texts([["d0", "甲期", "甲"], *good[1:]]),
             "scheme": pack_texts([["d0", "甲期", "甲", " JavaScript:alert(1)"], *good[1:]]),
             "host": pack_texts([["d0", "甲期", "甲", "//evil.example/x"], *good[1:]]), "short": pack_texts(good[:2]),
             # a browser drops tabs and line breaks anywhere in a URL: java⇥script: is javascript:
             "tab": pack_texts([["d0", "甲期", "甲", "java\tscript:alert(1)"], *good[1:]]),
             "newline": pack_texts([["d0", "甲期", "甲", "j\navascript:alert(1)"], *good[1:]]),
             "taken": pack_texts([["newest", "甲期", "甲", "../r/#p-1"], *good[1:]]), "whole": (packed, size)}
    for name, (data, n) in cases.items():
        (root / f"{name}.html").write_text(_person_page(data, n, 2, 1), "utf-8")
        page = browser.new_page()
        page.goto(url + f"{name}.html")
        says = page.evaluate("() => Array.from(document.querySelectorAll('.kaohe-derivations')).map(b => getComputedStyle(b, '::before').content)")
        made = page.evaluate("() => Array.from(document.querySelectorAll('.kaohe-derivations')).map(b => b.children.length)")
        if name == "whole":
            assert says == ["none", "none"] and made == [2, 2]
        elif name in ("shape", "scheme", "host", "taken", "tab", "newline"):  # the earlier box's first record is bad; the latest box's is whole
            assert "未能解开" in says[1] and says[0] == "none" and made == [2, 0], f"{name}: {says} {made}"
        elif name == "short":  # the latest box's record is missing
            assert "未能解开" in says[0] and says[1] == "none" and made == [1, 2], f"{name}: {says} {made}"
        else:
            assert all("未能解开" in said for said in says) and made == [1, 0], f"{name}: {says} {made}"
        assert page.locator("a[href*=':'], a[href^='/']").count() == 0, f"{name}: a link out of the site was made"
        page.close()
