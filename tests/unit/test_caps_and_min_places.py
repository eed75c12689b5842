"""Two rules found writing fixtures/paichusuo from the guide that the language could not say:

- 「每项最多加 3 分，合计最多加 5 分」: counts with a cap per column (caps) under the adjustment's own cap;
- 「各队优秀不超过 15%，向下取整；不足 1 人的，可确定 1 人」: a quota's min_places, never above its base.
Each graded by the reference, with words, and compiled (three_ways) where a person is graded."""

from __future__ import annotations

import pytest

from generator.core.problems import Severity
from generator.engine.explain import explain_text
from tests.unit.helpers import by_id, handbook_text, make_project, people_csv, run, simple_scheme
from tests.unit.test_problem_codes import BASE, check_text, where
from tests.unit.three_ways import compare

BONUS = {"kind": "bonus", "name": "加分", "counts": {"信息采用篇数": "0.5", "抓获在逃人数": 1}, "caps": {"信息采用篇数": 3, "抓获在逃人数": 3}, "cap": 5}


def test_each_column_under_its_own_cap_then_the_sum_under_the_cap(tmp_path):
    rows = [
        ["1", "甲", "办公室", "80", "8", "1"],  # 4 → 3, + 1 = 4 (without caps: 5)
        ["2", "乙", "办公室", "80", "6", "3"],  # 3 exactly (no cap step) + 3 = 6 → 5
        ["3", "丙", "办公室", "80", "", "9"],  # 9 → 3
        ["4", "丁", "办公室", "80", "2", ""],  # 1
    ]
    make_project(tmp_path, simple_scheme(adjustments=[BONUS], places=1), {"Q1.csv": people_csv(rows, ["得分", "信息采用篇数", "抓获在逃人数"])})
    _, periods, problems = run(tmp_path)
    assert [p for p in problems.sorted() if p.severity is Severity.ERROR] == []
    people = by_id(periods[0])
    assert {pid: str(p.total) for pid, p in people.items()} == {"1": "84.0", "2": "85.0", "3": "83.0", "4": "81.0"}
    assert compare(periods)["compiled"] == 4
    first = [s.text for s in people["1"].explained().trace]
    assert any("「信息采用篇数」8 篇 × 0.5 分 = 4 分，超过该列上限，按 3 分计；「抓获在逃人数」1 人 × 1 分 = 1 分；合计 4 分" in s for s in first), first
    second = [s.text for s in people["2"].explained().trace]
    assert not any("超过该列上限" in s for s in second) and any("超过上限，按 5 分计" in s for s in second), second


def test_the_handbook_states_the_caps():
    text = handbook_text(simple_scheme(adjustments=[BONUS])).replace("\\.", ".")
    assert "「信息采用篇数」每篇 0.5 分、最多 3 分，「抓获在逃人数」每人 1 分、最多 3 分，各列合计；最多 5 分" in text


ADJUSTED = BASE + """\
    adjustments:
      - kind: bonus
        name: 加分
        counts: {信息采用篇数: 0.5}
        caps: CAPS
"""


@pytest.mark.parametrize("caps, words", [("{信息篇数: 3}", "「信息篇数」不是 counts 中的列"), ("{信息采用篇数: 0}", "上限要大于 0")])
def test_a_cap_of_no_count_column_or_not_above_zero_is_refused_at_the_adjustment(caps, words):
    problems = check_text(ADJUSTED.replace("CAPS", caps))
    assert [(line, code) for line, _, code in where(problems)] == [(17, "bad-value")]  # the adjustment: - kind: bonus
    assert words in problems.sorted()[0].message


@pytest.mark.parametrize("cap", ["0", "-5"])
def test_an_adjustment_capped_at_nothing_is_refused_at_the_adjustment(cap):
    """「最多加 0 分」: every entry of the column would count for nothing, without a word."""
    problems = check_text(ADJUSTED.replace("        caps: CAPS\n", f"        cap: {cap}\n"))
    assert [(line, code) for line, _, code in where(problems)] == [(17, "bad-value")]
    assert "cap 是最多加（减）的分数，要大于 0" in problems.sorted()[0].message


def test_caps_without_counts_is_refused():
    problems = check_text(ADJUSTED.replace("        counts: {信息采用篇数: 0.5}\n", "").replace("CAPS", "{加分: 3}"))
    assert len(problems.sorted()) == 1 and "caps（每列的上限）只与 counts 一起写" in problems.sorted()[0].message


def _quota_project(root, n, quota):
    rows = [[str(i), f"人{i}", "办公室", str(99 - i)] for i in range(1, n + 1)]
    make_project(root, simple_scheme(quotas=[quota]), {"Q1.csv": people_csv(rows, ["得分"])})
    _, periods, problems = run(root)
    return periods[0], problems


@pytest.mark.parametrize("n, min_places, allowed", [(4, 1, 1), (7, 1, 1), (14, 1, 2), (1, 2, 1), (4, None, 0)])
def test_min_places_raises_a_floored_quota_never_above_its_base(tmp_path, n, min_places, allowed):
    quota = {"grade": "好", "scope": "department", "at_most": "15%", "rounding": "floor", **({"min_places": min_places} if min_places else {})}
    period, problems = _quota_project(tmp_path, n, quota)
    [use] = period.quotas
    assert use.allowed == allowed
    assert sum(1 for p in period.people if p.grade == "好") == allowed
    assert ("quota-impossible" in {p.code for p in problems.sorted()}) == (allowed == 0)


def test_min_places_in_the_derivation_and_the_handbook(tmp_path):
    quota = {"grade": "好", "at_most": "15%", "min_places": 1}
    period, _ = _quota_project(tmp_path, 4, quota)
    assert "4 人 × 15% = 0.6，向下取整为 0 人，不足 1 人按 1 人计，为 1 人" in explain_text(period, by_id(period)["1"])
    text = handbook_text(period.scheme)
    assert "名额不足 1 人的部分不计（向下取整）；算出的名额不足 1 人的，按 1 人计" in text


def test_min_places_without_at_most_is_refused():
    text = BASE + "    grades:\n      order: [好, 较差]\n      bands: [{grade: 好, at_least: 90}, {grade: 较差, below: 90}]\n" \
                  "    quotas:\n      - {grade: 好, at_least: 10%, min_places: 1}\n"
    problems = check_text(text)
    assert len(problems.sorted()) == 1 and "min_places（名额至少几人）只用于 at_most" in problems.sorted()[0].message


@pytest.mark.parametrize("value, words", [("0", "应不小于 1"), ("51", "应不大于 50")])
def test_min_places_out_of_range_is_said_in_chinese(value, words):
    """A bound broken was 「超出允许范围（Input should be greater than or equal to 1）」: pydantic's English."""
    text = BASE + f"    grades:\n      order: [好, 较差]\n      bands: [{{grade: 好, at_least: 90}}, {{grade: 较差, below: 90}}]\n" \
                  f"    quotas:\n      - {{grade: 好, at_most: 15%, min_places: {value}}}\n"
    problems = check_text(text)
    assert where(problems) == [(20, 46, "bad-value")]  # at the value
    message = problems.sorted()[0].message
    assert words in message and "Input" not in message and "should" not in message


@pytest.mark.parametrize("key, line", [("places: 2", "    places: true\n"), ("effective_year: 2025", "effective_year: true\n")])
def test_true_for_a_number_of_places_is_refused_at_the_key(key, line):
    """places: true was read as 1 place (pydantic turns true into 1), silently."""
    text = BASE.replace("effective_year: 2025\n", line) if key.startswith("effective") else BASE + line
    problems = check_text(text)
    assert [code for _, _, code in where(problems)] == ["bad-value"]
    assert "应为整数，不是真假值" in problems.sorted()[0].message


def test_a_list_where_a_mapping_belongs_is_quoted_as_written():
    problems = check_text(ADJUSTED.replace("CAPS", "[3, 3]"))
    message = problems.sorted()[0].message
    assert "实际是「[3, 3]」" in message and "Decimal" not in message
