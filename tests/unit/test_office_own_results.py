"""The office's own 总分, 等次 and 名次 columns (its Excel formulas, or typed by hand) compared with
what Kaohe computes: a differing 总分 stops the 公示 (error), a differing 等次 or 名次 is a warning
naming both values. Mutation style: the clean office sheet (test_office_sheets.py) with the office's
own results added, right (no problem, same grades) or with one thing broken (its code at its cell)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.unit.helpers import csv_text, make_project, run
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME, clean, office_agency, results

# Kaohe's results of the clean rows: 0001 95 好, 0002 75 不确定等次 (试用期), 0003 92 较好, 0004 90 一般
# (好 by its bands, capped to 一般: 通报 1 次)
OWN = {"0001": ["95", "好", "1"], "0002": ["75", "不确定等次", "4"], "0003": ["92", "较好", "2"], "0004": ["90", "一般", "3"]}
OWN_HEADER = ["合计", "考核等次", "排名"]


def sheet(own=OWN, header=OWN_HEADER) -> str:
    return csv_text([*CLEAN_HEADER, *header], [[*row, *own[row[0]]] for row in CLEAN_ROWS])


def problems_of(root, files, **agency):
    make_project(root, OFFICE_SCHEME, files)
    if agency:
        office_agency(root, **agency)
    return run(root)[2]


def found(problems, *codes):
    return [(p.line, p.column, p.code, p.severity.value) for p in problems.sorted() if p.code in codes]


OWN_CODES = ("office-total-differs", "office-total-unreadable", "office-grade-differs", "office-rank-differs", "unknown-column")


def changed(pid: str, index: int, value: str) -> dict:
    own = {k: list(v) for k, v in OWN.items()}
    own[pid][index] = value
    return own


def test_the_offices_own_results_that_agree_pass_and_grade_as_the_clean_sheet(tmp_path):
    expected = clean(tmp_path / "clean")
    root = tmp_path / "own"
    make_project(root, OFFICE_SCHEME, {"Q1.csv": sheet()})
    assert results(root) == expected
    assert found(run(root)[2], *OWN_CODES) == []


def test_a_total_written_with_its_unit_is_compared(tmp_path):
    own = changed("0001", 0, "95分")
    own["0003"][0] = "９２．００"
    assert found(problems_of(tmp_path, {"Q1.csv": sheet(own)}), *OWN_CODES) == []


def test_a_total_that_differs_is_an_error_naming_person_row_column_and_both_values(tmp_path):
    """The office's =SUM(D:F) left out 王五's bonus: 89 where the scheme gives 92."""
    problems = problems_of(tmp_path, {"Q1.csv": sheet(changed("0003", 0, "89"))})
    assert found(problems, *OWN_CODES) == [(4, "L", "office-total-differs", "error")]
    message = next(p.message for p in problems.sorted() if p.code == "office-total-differs")
    assert "王五（0003）" in message and "「合计」" in message and "89" in message and "92.00" in message
    assert "kaohe explain t1 2025-Q1 0003" in message
    assert "第4行 › L列「合计」" in next(p.where for p in problems.sorted() if p.code == "office-total-differs")


def test_a_total_rounded_to_fewer_places_is_an_error_that_says_so(tmp_path):
    rows = [[*r] for r in CLEAN_ROWS]
    rows[2][3] = "18.45"  # 王五: 18.45 + 28 + 42 + 3 = 91.45, the office's ROUND(…,1) shows 91.5
    own = changed("0003", 0, "91.5")
    problems = problems_of(tmp_path, {"Q1.csv": csv_text([*CLEAN_HEADER, *OWN_HEADER], [[*r, *own[r[0]]] for r in rows])})
    assert found(problems, "office-total-differs") == [(4, "L", "office-total-differs", "error")]
    message = next(p.message for p in problems.sorted() if p.code == "office-total-differs")
    assert "91.45" in message and "只保留 1 位小数" in message


def test_a_total_cut_off_instead_of_rounded_is_an_error_that_says_so(tmp_path):
    rows = [[*r] for r in CLEAN_ROWS]
    rows[2][3] = "18.456"  # 91.456 → 四舍五入 91.46; the office's ROUNDDOWN gives 91.45
    own = changed("0003", 0, "91.45")
    problems = problems_of(tmp_path, {"Q1.csv": csv_text([*CLEAN_HEADER, *OWN_HEADER], [[*r, *own[r[0]]] for r in rows])})
    message = next(p.message for p in problems.sorted() if p.code == "office-total-differs")
    assert "91.46" in message and "截去了尾数" in message


def own_xlsx(change) -> bytes:
    """The clean rows with the office's own columns as an .xlsx; change(sheet) edits it (合计 is L)."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append([*CLEAN_HEADER, *OWN_HEADER])
    for row in CLEAN_ROWS:
        total, grade, rank = OWN[row[0]]
        ws.append([*row, int(total), grade, int(rank)])
    change(ws)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_total_holding_more_decimals_than_it_shows_is_compared_at_the_schemes_places(tmp_path):
    """王五's cell holds 92.004 and shows 92.00 (format 0.00): 四舍五入 at the scheme's 2 places it is 92.00."""
    def more_decimals(ws):
        ws["L4"] = 92.004
        ws["L4"].number_format = "0.00"
        ws["L5"] = 89.995  # 赵六: 四舍五入 90.00, as Kaohe
    assert found(problems_of(tmp_path, {"Q1.xlsx": own_xlsx(more_decimals)}), *OWN_CODES) == []


def test_a_total_that_only_shows_as_the_same_is_an_error(tmp_path):
    """92.006 shown as 92.0 (format 0.0) is 92.01 at the scheme's 2 places, not 92."""
    def shows_same(ws):
        ws["L4"] = 92.006
        ws["L4"].number_format = "0.0"
    problems = problems_of(tmp_path, {"Q1.xlsx": own_xlsx(shows_same)})
    assert found(problems, *OWN_CODES) == [(4, "L", "office-total-differs", "error")]


def test_hostile_total_cells_are_errors_and_a_blank_is_not_compared(tmp_path):
    def hostile(ws):
        ws["L2"] = 0.95
        ws["L2"].number_format = "0%"  # shows 95%
        ws["L3"] = None  # 李四 not filled in: nothing to compare
        ws["L4"] = "优"
        ws["L5"] = "#VALUE!"
    problems = problems_of(tmp_path, {"Q1.xlsx": own_xlsx(hostile)})
    assert found(problems, *OWN_CODES) == [(2, "L", "office-total-unreadable", "error"), (4, "L", "office-total-unreadable", "error"),
                                            (5, "L", "office-total-unreadable", "error")]
    messages = [p.message for p in problems.sorted() if p.code == "office-total-unreadable"]
    assert "百分比" in messages[0] and "「优」" in messages[1] and "#VALUE!" in messages[2]


def test_a_grade_that_differs_is_a_warning_with_both_grades_and_the_bands_grade(tmp_path):
    """赵六's 好 was written by the bands before the cap for his 通报 made it 一般; 张三's 较好 differs outright."""
    own = changed("0004", 1, "好")
    own["0001"][1] = "较好"
    problems = problems_of(tmp_path, {"Q1.csv": sheet(own)})
    assert found(problems, *OWN_CODES) == [(2, "M", "office-grade-differs", "warning"), (5, "M", "office-grade-differs", "warning")]
    first, second = (p.message for p in problems.sorted() if p.code == "office-grade-differs")
    assert "「较好」" in first and "「好」" in first
    assert "「一般」" in second and "按分数段是「好」" in second


def test_a_grade_that_is_no_grade_of_the_scheme_is_a_warning(tmp_path):
    problems = problems_of(tmp_path, {"Q1.csv": sheet(changed("0001", 1, "优"))})
    assert found(problems, *OWN_CODES) == [(2, "M", "office-grade-differs", "warning")]
    assert "不是方案的等次" in next(p.message for p in problems.sorted() if p.code == "office-grade-differs")


def test_a_long_grade_cell_is_quoted_cut_with_an_ellipsis():
    """A cell quoted in a message is cut at 20 characters: without a mark, 「<script>alert("grade」 read as
    what the cell holds."""
    from generator.core.problems import clip as _clip

    assert _clip("优秀") == "优秀"
    assert _clip('<script>alert("grade")</script>') == '<script>alert("grade…'


def test_a_rank_from_a_sliding_range_is_a_warning_and_a_department_rank_passes(tmp_path):
    problems = problems_of(tmp_path, {"Q1.csv": sheet(changed("0003", 2, "1"))})  # =RANK(L4,L4:L5): 1
    assert found(problems, *OWN_CODES) == [(4, "N", "office-rank-differs", "warning")]
    by_department = {"0001": ["95", "好", "1"], "0002": ["75", "不确定等次", "1"], "0003": ["92", "较好", "1"], "0004": ["90", "一般", "2"]}
    assert found(problems_of(tmp_path / "dept", {"Q1.csv": sheet(by_department, ["合计", "考核等次", "科室排名"])}, check_ranks=["科室排名"]),
                 *OWN_CODES) == []


def test_own_headers_with_notes_or_named_by_check_totals_are_compared(tmp_path):
    problems = problems_of(tmp_path, {"Q1.csv": sheet(changed("0003", 0, "89"), ["合计得分（100分）", "拟定等次", "名次"])})
    assert found(problems, *OWN_CODES) == [(4, "L", "office-total-differs", "error")]
    problems = problems_of(tmp_path / "own", {"Q1.csv": sheet(changed("0003", 0, "89"), ["汇总分", "拟定等次", "名次"])},
                           check_totals=["汇总分"])
    assert found(problems, *OWN_CODES) == [(4, "L", "office-total-differs", "error")]


def test_a_column_the_office_ignores_is_not_compared(tmp_path):
    problems = problems_of(tmp_path, {"Q1.csv": sheet(changed("0003", 0, "89"))}, ignore_columns=["合计"])
    assert found(problems, *OWN_CODES) == []


def test_an_item_score_header_is_not_taken_for_the_total_and_says_how_to_check_it(tmp_path):
    problems = problems_of(tmp_path, {"Q1.csv": sheet(header=["得分", "考核等次", "排名"])})
    assert found(problems, *OWN_CODES) == [(1, "L", "unknown-column", "error")]
    assert "check_totals" in next(p.message for p in problems.sorted() if p.code == "unknown-column")


def test_a_rank_among_the_graded_only_passes(tmp_path):
    """李四 (试用期, not graded) left out of the office's ranking: 张三 1, 王五 2, 赵六 3."""
    own = changed("0002", 2, "")
    assert found(problems_of(tmp_path, {"Q1.csv": sheet(own)}), *OWN_CODES) == []
    own = {k: [v[0], v[1], r] for (k, v), r in zip(OWN.items(), ["1", "", "2", "3"])}
    assert found(problems_of(tmp_path / "graded", {"Q1.csv": sheet(own)}), *OWN_CODES) == []


def test_an_items_subtotal_is_compared_at_the_decimals_the_office_wrote_unless_the_item_declares_places(tmp_path):
    import copy

    from tests.unit.helpers import item

    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessments"][0]["items"][0] = item("de", "德", 20, children=[item("de1", "政治素质", 10), item("de2", "家庭美德", 10)])
    header = ["编号", "姓名", "科室", "政治素质", "家庭美德", "德", *CLEAN_HEADER[4:]]

    def codes_with(subtotal: str, root, scheme=data):
        rows = [[*r[:3], "9", str(int(r[3]) - 9), r[3], *r[4:]] for r in CLEAN_ROWS]
        rows[2][3:6] = ["9.25", "8.5", subtotal]  # 王五's 德 is 17.75
        make_project(root, scheme, {"Q1.csv": csv_text(header, rows)})
        return found(run(root)[2], *OWN_CODES, "office-item-differs")

    assert codes_with("17.75", tmp_path / "a") == []
    assert codes_with("17.8", tmp_path / "b") == []  # shown with one decimal: the same 德
    assert codes_with("17.7", tmp_path / "c") == [(4, "F", "office-item-differs", "error")]
    assert codes_with("#REF!", tmp_path / "d") == [(4, "F", "office-total-unreadable", "error")]
    declared = copy.deepcopy(data)
    declared["assessments"][0]["items"][0]["places"] = 2
    assert codes_with("17.8", tmp_path / "e", declared) == [(4, "F", "office-item-differs", "error")]


def test_headers_that_often_mean_something_else_are_not_taken_for_the_offices_results(tmp_path):
    """等级 is often the 职级 (一级主任科员), 排序 the order of the rows: unknown columns to name, as before."""
    own = {pid: ["95", "一级主任科员", str(n)] for n, pid in enumerate(OWN, start=1)}
    problems = problems_of(tmp_path, {"Q1.csv": sheet(own, ["汇总分", "等级", "排序"])})
    assert [(p.column, p.code) for p in problems.sorted()] == [("L", "unknown-column"), ("M", "unknown-column"), ("N", "unknown-column")]


def test_hostile_rank_cells_are_not_compared_and_never_crash(tmp_path):
    """² and #N/A are no ranks: not compared, and said so once for the column (they used to pass without a word)."""
    own = {k: list(v) for k, v in OWN.items()}
    own["0001"][2], own["0002"][2], own["0003"][2], own["0004"][2] = "²", "第 4 名", "２", "#N/A"
    problems = problems_of(tmp_path, {"Q1.csv": sheet(own)})
    assert found(problems, *OWN_CODES, "office-rank-unreadable") == [(2, "N", "office-rank-unreadable", "warning")]
    message = next(p.message for p in problems.sorted() if p.code == "office-rank-unreadable")
    assert "²" in message and "#N/A" in message and "2 个" in message


@pytest.mark.parametrize("written", [["第一", "四", "第二名", "三"], ["1", "4", "并列2", "并列3"], ["1", "4", "2（并列）", "第3名"]])
def test_ranks_written_in_words_or_marked_as_ties_are_compared(tmp_path, written):
    """第一, 并列2: read as the places they name, and a wrong one is still found (was: silently not compared)."""
    own = {pid: [v[0], v[1], written[n]] for n, (pid, v) in enumerate(OWN.items())}
    assert found(problems_of(tmp_path, {"Q1.csv": sheet(own)}), *OWN_CODES, "office-rank-unreadable") == []
    own["0003"][2] = written[3]  # 王五 written 3rd (or 第3名) where his total ranks him 2nd
    assert found(problems_of(tmp_path / "wrong", {"Q1.csv": sheet(own)}), *OWN_CODES, "office-rank-unreadable") == [
        (4, "N", "office-rank-differs", "warning")]


def test_a_rank_column_of_ref_errors_is_said_not_compared(tmp_path):
    own = {pid: [v[0], v[1], "#REF!"] for pid, v in OWN.items()}
    problems = problems_of(tmp_path, {"Q1.csv": sheet(own)})
    assert found(problems, *OWN_CODES, "office-rank-unreadable") == [(2, "N", "office-rank-unreadable", "warning")]
    assert "4 个" in next(p.message for p in problems.sorted() if p.code == "office-rank-unreadable")


def test_the_sum_before_the_adjustments_beside_the_total_passes_and_alone_is_an_error_that_says_so(tmp_path):
    """合计 | 加分 | 总分: 张三's 合计 is 90 (18 + 27 + 45), his 总分 95 with the bonus."""
    own = {"0001": ["90", "95"], "0002": ["75", "75"], "0003": ["89", "92"], "0004": ["85", "90"]}
    assert found(problems_of(tmp_path, {"Q1.csv": sheet(own, ["合计", "总分"])}), *OWN_CODES) == []
    wrong = {k: [v[0], v[0]] for k, v in own.items()}  # the 总分 column's formula left out the bonus
    problems = problems_of(tmp_path / "wrong", {"Q1.csv": sheet(wrong, ["合计", "总分"])})
    assert found(problems, *OWN_CODES) == [(2, "M", "office-total-differs", "error"), (4, "M", "office-total-differs", "error"),
                                            (5, "M", "office-total-differs", "error")]
    alone = problems_of(tmp_path / "alone", {"Q1.csv": sheet({k: [v[0]] for k, v in own.items()}, ["合计"])})
    assert [p.line for p in alone.sorted() if p.code == "office-total-differs"] == [2, 4, 5]
    assert "加减分之前的各项合计" in next(p.message for p in alone.sorted() if p.code == "office-total-differs")


def test_a_grade_column_of_an_assessment_without_grades_stays_an_unknown_column(tmp_path):
    """Nothing to compare it with: the scheme may lack the grades the office gives, as before."""
    import copy

    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessments"][0]["grades"] = None
    data["assessments"][0]["overrides"] = []
    problems = problems_of(tmp_path, {"Q1.csv": sheet()})
    assert found(problems, *OWN_CODES) == []  # with the grades of the office scheme: compared, and equal
    make_project(tmp_path / "none", data, {"Q1.csv": sheet()})
    assert [(p.line, p.column, p.code) for p in run(tmp_path / "none")[2].sorted()] == [(1, "M", "unknown-column")]


def test_a_total_that_differs_because_of_an_error_in_its_row_only_follows_from_it(tmp_path):
    """赵六's 加分 is written so that only part of it counts (an error at its cell): his 合计 of 90
    differing from Kaohe's follows from that error, it is not a second one."""
    rows = [[*r] for r in CLEAN_ROWS]
    rows[3][6] = "抢险；表彰:3"  # an event without its points: event-list-invalid
    problems = problems_of(tmp_path, {"Q1.csv": csv_text([*CLEAN_HEADER, *OWN_HEADER], [[*r, *OWN[r[0]]] for r in rows])})
    assert "office-total-differs" not in {p.code for p in problems.sorted()}
    assert [p.code for p in problems.sorted() if p.severity.value == "error"] != []


def test_a_subtotal_under_a_group_heading_is_the_groups_item_not_the_total(tmp_path):
    """德 over 政治素质 | 家庭美德 | 合计 (a two-row header): that 合计 is 德's, not the total; it was compared
    with the total, and everyone differed."""
    import copy

    from tests.unit.helpers import item, xlsx_bytes

    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessments"][0]["items"][0] = item("de", "德", 20, children=[item("de1", "政治素质", 10), item("de2", "家庭美德", 10)])
    top = ["编号", "姓名", "科室", "德", None, None, *CLEAN_HEADER[4:], "合计"]
    sub = [None, None, None, "政治素质", "家庭美德", "合计", *[None] * len(CLEAN_HEADER[4:]), None]

    def book(subtotal_of_wangwu: int):
        rows = [[*r[:3], 9, int(r[3]) - 9, int(r[3]), *r[4:], OWN[r[0]][0]] for r in CLEAN_ROWS]
        rows[2][5] = subtotal_of_wangwu
        return xlsx_bytes([top, sub, *rows], merge=["D1:F1"])

    def problems(root, data_bytes):
        make_project(root, data, {"Q1.xlsx": data_bytes})
        return run(root)[2]

    assert problems(tmp_path / "a", book(19)).sorted() == []
    assert found(problems(tmp_path / "b", book(18)), *OWN_CODES, "office-item-differs") == [(5, "F", "office-item-differs", "error")]


def test_a_subtotal_under_a_heading_kaohe_does_not_compute_stays_an_unknown_column(tmp_path):
    """加分明细 over 加分 | 合计: not the total (everyone would differ), nothing to compare: unknown, as before."""
    from tests.unit.helpers import xlsx_bytes

    bonus = CLEAN_HEADER.index("加分")
    others = [h for h in CLEAN_HEADER if h != "加分"]
    top = [*others, "加分明细", None]
    sub = [None] * len(others) + ["加分", "合计"]
    rows = [[*(v for i, v in enumerate(r) if i != bonus), r[bonus], 5] for r in CLEAN_ROWS]
    problems = problems_of(tmp_path, {"Q1.xlsx": xlsx_bytes([top, sub, *rows], merge=["K1:L1"])})
    assert [(p.line, p.column, p.code) for p in problems.sorted()] == [(2, "L", "unknown-column")]


def test_a_check_list_naming_no_column_compared_is_warned(tmp_path):
    """check_totals: [汇总分] where the sheets' column is 合计得分, or naming a column the scheme reads (an
    item): nothing was compared and check passed, the office believing its totals were checked."""
    problems = problems_of(tmp_path, {"Q1.csv": sheet(OWN)}, check_totals=["汇总分", "合计"], check_ranks=["德"])
    unused = [p for p in problems.sorted() if p.code == "office-column-unused"]
    assert [(p.file, p.severity.value) for p in unused] == [("content/ag/agency.yaml", "warning")] * 2, unused
    messages = sorted(p.message for p in unused)
    assert "check_ranks 中的「德」" in messages[0] and "check_totals 中的「汇总分」" in messages[1], messages  # 合计 was compared


def test_every_short_text_of_rank_characters_is_a_place_or_none_never_a_crash():
    import itertools

    from generator.engine.office_columns import rank_number

    assert [rank_number(t) for t in ("第一", "十", "十二", "二十三", "并列2", "2（并列）", "第3名", "３")] == [1, 10, 12, 23, 2, 2, 3, 3]
    for size in range(1, 5):
        for chars in itertools.product("一二十零3第名并列²", repeat=size):
            place = rank_number("".join(chars))
            assert place is None or (type(place) is int and place >= 0)
