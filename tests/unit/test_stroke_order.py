"""姓氏笔画 order: stroke count, then the first stroke 横竖撇点折, then the next character; the
browser's key (data-stroke, compared as plain strings) orders exactly as the server does."""

from __future__ import annotations

from pathlib import Path

from generator.core.problems import Problems
from generator.project.discover import discover
from generator.site.ordering import first_stroke, stroke_count, stroke_key
from generator.site.render import stroke_sort_key

REPO = Path(__file__).resolve().parents[2]


def test_first_strokes_of_common_surnames():
    # 横 王 杨 黄 赵; 竖 吴 叶 田 卢; 撇 周 白 金; 点 刘 冯 许; 折 张 陈 马
    expected = {"王": 1, "杨": 1, "黄": 1, "赵": 1, "吴": 2, "叶": 2, "田": 2, "卢": 2, "周": 3, "白": 3, "金": 3,
                "刘": 4, "冯": 4, "许": 4, "张": 5, "陈": 5, "马": 5}
    assert {c: first_stroke(c) for c in expected} == expected


def test_equal_stroke_counts_are_ordered_by_first_stroke():
    five = ["白宇", "田甜", "石磊", "冯刚", "卢斌", "史丽娜", "叶青"]  # all 5 strokes
    assert {stroke_count(n[0]) for n in five} == {5}
    ordered = sorted(five, key=stroke_key)
    assert [first_stroke(n[0]) for n in ordered] == sorted(first_stroke(n[0]) for n in five)
    assert ordered.index("石磊") < ordered.index("叶青") < ordered.index("白宇") < ordered.index("冯刚")


def test_then_the_next_character_before_code_points():
    # 万 and 于: 3 strokes, 起笔横 both; 俊 (起笔撇) comes before 洋 (起笔点) whatever the code points
    assert sorted(["于洋", "万俊"], key=stroke_key) == ["万俊", "于洋"]
    assert sorted(["于俊", "万洋"], key=stroke_key) == ["于俊", "万洋"]
    assert sorted(["王五", "王"], key=stroke_key) == ["王", "王五"]


def test_browser_key_orders_as_the_server_over_every_demo_name():
    project = discover(REPO, Problems())
    names = set()
    for agency in project.agencies.values():
        names.update(agency.departments)
    from generator.engine.compute import compute_project

    for period in compute_project(project, Problems()):
        names.update(p.person.name for p in period.people)
    names |= {"王", "王五", "欧阳明辉", "帕尔哈提·吾斯曼", "Anna", "𠀋一"}
    assert len(names) > 300
    assert sorted(names, key=stroke_key) == sorted(names, key=stroke_sort_key)


def test_a_tables_places_order_its_names_as_the_full_keys_do():
    """render.stroke_places: each name's place in the table's stroke order, what a results or members
    table carries instead of the whole key; equal names share a place, and numbers order as the keys."""
    from generator.site.render import stroke_places

    names = ["王小明", "丁一", "欧阳明辉", "李四", "张三", "丁一", "=SUM(A1)", "<b>", "", "黄河", "萧何"]
    places = stroke_places(names)
    assert set(places) == set(names) and places["丁一"] == places["丁一"]
    by_place = sorted(set(names), key=lambda n: places[n])
    assert by_place == sorted(set(names), key=stroke_sort_key)
    assert sorted(places.values()) == list(range(len(set(names))))


def test_a_rare_character_beyond_the_basic_block_is_counted_not_put_first():
    """𠮷 (U+20BB7, CJK Extension B: 6 strokes) counted as no Han character at all (0) put 𠮷田 first on
    a 公示 in 姓氏笔画 order, before 丁一 (2 strokes). A character of Extensions B to I or the
    compatibility supplement is counted like any other, and one without data comes after those with."""
    assert stroke_count("𠮷") == 6 and stroke_count("䶮") == 20
    assert sorted(["𠮷田", "丁一", "王伟", "何明"], key=stroke_key) == ["丁一", "王伟", "𠮷田", "何明"]
    assert sorted(["𠮷田", "丁一"], key=stroke_sort_key) == ["丁一", "𠮷田"]
    for ch in ("\U0002a6a5", "\U0002f800", "\U00030000", "\U00031350", "\U0002ebf0"):  # B, compat. supplement, G, H, I
        assert stroke_count(ch) > 0, hex(ord(ch))
    assert stroke_count("A") == 0 and stroke_count("·") == 0
