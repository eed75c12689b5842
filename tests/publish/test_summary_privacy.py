"""Issue 12 finding 2: the public department summaries reveal no more than the 公示. The rule itself
(generator/site/summary_privacy.py) checked exhaustively on small groups against an independent
inference: a reader who knows the group and the 公示 list must not be able to pin one person's grade."""

from __future__ import annotations

import itertools
from collections import Counter

from generator.site.summary_privacy import OTHER, public_cells

ORDER = ["好", "较好", "一般", "较差"]


def pinned(order, published, labels, counts, unnamed_total) -> bool:
    """Independent check: enumerate every assignment of grades to the un-named people that agrees with
    the shown figures; a person is pinned if all agreeing assignments give them the same grade, while
    the 公示 alone left them two or more grades."""
    open_grades = [g for g in order if g not in published]
    if len(open_grades) < 2 or unnamed_total == 0:
        return False
    shown = {lab: c for lab, c in zip(labels, counts) if lab in open_grades}
    rest = unnamed_total - sum(shown.values())
    rest_grades = [g for g in open_grades if g not in shown]
    possible: set[str] = set()
    for grade in open_grades:
        if grade in shown:
            if shown[grade] > 0:
                possible.add(grade)
        elif rest > 0:
            possible.add(grade)
    # everyone un-named is exchangeable: a person's possible grades are the cells that can hold someone
    if not rest_grades and rest > 0:
        return True  # statuses only: nothing left to hide them among (counted as pinned, conservatively)
    return len(possible) == 1


def test_before_after_the_issue_example():
    """经济建设股: 5 people, 4 named 好 on the 公示, the fifth 较差. Opted in or not, 较差 1 is never shown."""
    cells = public_cells(ORDER, ["好"], ["较差"], Counter({"好": 4}), Counter({"较差": 1}), 3)
    assert "较差" not in cells.labels
    assert dict(zip(cells.labels, cells.counts)) == {"好": 4, OTHER: 1}
    cells = public_cells(ORDER, ["好"], [], Counter({"好": 4}), Counter({"较差": 1}), 3)
    assert cells.labels == ["好", OTHER]


def test_opted_in_grades_show_where_safe():
    cells = public_cells(ORDER, ["好"], ["较好", "一般", "较差"], Counter({"好": 3}), Counter({"较好": 6, "一般": 4, "较差": 0}), 3)
    shown = dict(zip(cells.labels, cells.counts))
    assert shown["较好"] == 6 and shown["一般"] == 4 and shown["较差"] == 0  # no one is pinned: 10 among 2 grades
    assert not pinned(ORDER, ["好"], cells.labels, cells.counts, 10)


def test_complementary_suppression():
    """较好 5 and 较差 0 shown would leave 一般 as the only grade for the rest: one more cell goes."""
    cells = public_cells(ORDER, ["好"], ["较好", "较差"], Counter({"好": 2}), Counter({"较好": 5, "一般": 4}), 3)
    assert not pinned(ORDER, ["好"], cells.labels, cells.counts, 9)
    assert len([lab for lab in cells.labels if lab in ("较好", "较差")]) < 2


def test_no_small_group_anywhere_exhaustive():
    """Every split of up to 9 un-named people over three grades, every opt-in: nothing pinned, no shown
    opted-in figure between 1 and k-1, and the remainder is 0, at least k, or all the un-named."""
    k = 3
    for u in range(0, 10):
        for a in range(u + 1):
            for b in range(u - a + 1):
                unnamed = Counter({"较好": a, "一般": b, "较差": u - a - b})
                for r in range(0, 4):
                    for opt in itertools.combinations(["较好", "一般", "较差"], r):
                        cells = public_cells(ORDER, ["好"], list(opt), Counter({"好": 2}), unnamed, k)
                        assert not pinned(ORDER, ["好"], cells.labels, cells.counts, u), (unnamed, opt, cells)
                        for label, count in zip(cells.labels, cells.counts):
                            if label in opt:
                                assert count == 0 or k <= count <= u - k, (unnamed, opt, cells)
                            if label == OTHER:
                                assert count >= k or count == u, (unnamed, opt, cells)
                        assert sum(cells.counts) == u + 2


def insider_pins(order, published, labels, counts, unnamed: Counter) -> bool:
    """A colleague among the un-named, who knows their own grade and the figures: are all the others
    left with one grade they can have (while the 公示 alone left them two or more)?"""
    open_grades = [g for g in order if g not in published]
    if len(open_grades) < 2:
        return False
    shown = {lab: c for lab, c in zip(labels, counts) if lab in open_grades}
    for own in [g for g in open_grades if unnamed[g]]:
        others = sum(unnamed.values()) - 1
        if others == 0:
            continue
        left = {g: c - (g == own) for g, c in shown.items()}
        rest = others - sum(left.values())
        possible = {g for g, c in left.items() if c > 0} | ({g for g in open_grades if g not in shown} if rest > 0 else set())
        if len(possible) == 1:
            return True
    return False


def test_a_group_of_two_pins_no_colleague_whatever_the_scheme_sets():
    """public_min_group: 1 (the schema allows it: 「部门只有一个人也显示分布」) let 较好 1 and 一般 1 be shown
    for two un-named people: each of them, knowing their own grade, read the other's. The figures are
    held to groups of at least 3 whatever the setting; k = 1 still shows a department of one person."""
    cells = public_cells(ORDER, ["好"], ["较好", "一般", "较差"], Counter({"好": 1}), Counter({"较好": 1, "一般": 1}), 1)
    assert not insider_pins(ORDER, ["好"], cells.labels, cells.counts, Counter({"较好": 1, "一般": 1})), cells
    for k in (1, 2, 3):
        for u in range(0, 8):
            for a in range(u + 1):
                for b in range(u - a + 1):
                    unnamed = Counter({"较好": a, "一般": b, "较差": u - a - b})
                    for r in range(0, 4):
                        for opt in itertools.combinations(["较好", "一般", "较差"], r):
                            cells = public_cells(ORDER, ["好"], list(opt), Counter({"好": 1}), unnamed, k)
                            assert not insider_pins(ORDER, ["好"], cells.labels, cells.counts, unnamed), (k, unnamed, opt, cells)
                            assert not pinned(ORDER, ["好"], cells.labels, cells.counts, u), (k, unnamed, opt, cells)


def _splits(total: int, parts: int):
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in _splits(total - first, parts - 1):
            yield (first, *rest)


STATUS = "不确定等次"


def test_a_reader_who_knows_the_rule_pins_no_one():
    """The reader knows this very rule: a grade not shown is not 0 (a 0 is shown unless withdrawn), and
    so on. For every split of up to 7 un-named people over three grades and a status, and every opt-in,
    the splits that give the same figures are the reader's candidates: no outsider may find everyone in
    one grade or status, and no un-named colleague, knowing their own, everyone else in one. With
    public_min_group: 2 (the schema allows it) two un-named people were pinned so: 较好 opted in and not
    shown is 较好 ≥ 1, and the 一般 one knew the other was 较好."""
    from collections import defaultdict

    categories = ["较好", "一般", "较差", STATUS]
    for k in (1, 2, 3, 4):
        for r in range(1, 4):
            for opt in itertools.combinations(categories[:3], r):
                for u in range(1, 8):
                    seen = defaultdict(list)
                    for split in _splits(u, len(categories)):
                        cells = public_cells(ORDER, ["好"], list(opt), Counter({"好": 1}), Counter(dict(zip(categories, split))), k)
                        seen[(tuple(cells.labels), tuple(cells.counts))].append(split)
                    for shown, splits in seen.items():
                        held = {tuple(i for i, n in enumerate(s) if n) for s in splits}
                        assert not (len(held) == 1 and len(next(iter(held))) == 1), (k, opt, u, shown, splits)
                        for own in range(len(categories)):
                            others = set()
                            for s in splits:
                                if s[own] and u > 1:
                                    rest = list(s)
                                    rest[own] -= 1
                                    others.add(tuple(i for i, n in enumerate(rest) if n))
                            assert not (len(others) == 1 and len(next(iter(others))) == 1), (k, opt, u, categories[own], shown, splits)
