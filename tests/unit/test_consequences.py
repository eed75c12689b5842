"""结果运用 computed per person (issue 11, point 9): 诫勉 after two 较差 in a row (篇二), no awards
that year after a D (篇三), 取消当年评先评优资格 after a 作风 通报 (000); shown in kaohe explain and
listed on the internal results page."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.numbers import round_half_up
from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.engine.consequences import consequences_of
from generator.engine.explain import explain_text
from generator.project.discover import discover
from tests.unit.helpers import assessment, by_id, item, make_project, people_csv, run, scheme

REPO = Path(__file__).resolve().parents[2]
GRADES = {"order": ["好", "较差"], "bands": [{"grade": "好", "at_least": 60}, {"grade": "较差", "below": 60}]}
WARNING = {"when": '连续("较差") >= 2', "then": "诫勉", "reason": "对连续有 2 个季度以上“较差”等次的，进行诫勉"}


def yearly(root, scores_by_quarter, consequences=(WARNING,)):
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=GRADES)
    year = assessment([item("pj", "平均", 100, score={"kind": "period_score", "missing": "skip"})], code="nd", name="年度考核",
                      period="年度", rolls_up="ps", results_optional=True, grades=GRADES, consequences=list(consequences))
    files = {f"{q}.csv": people_csv([["1", "张三", "办公室", s]], ["得分"]) for q, s in scores_by_quarter.items()}
    make_project(root, scheme(quarter, year), files)
    _, periods, problems = run(root)
    assert problems.sorted() == []
    return next(p for p in periods if p.label == "Y")


@pytest.mark.parametrize(
    "scores, expected",
    [
        ({"Q1": "50", "Q2": "55", "Q3": "80", "Q4": "80"}, ["诫勉"]),
        ({"Q1": "50", "Q2": "80", "Q3": "55", "Q4": "80"}, []),  # two 较差, not in a row
        ({"Q1": "80", "Q2": "80", "Q3": "55", "Q4": "50"}, ["诫勉"]),
    ],
    ids=["Q1-Q2", "not-consecutive", "Q3-Q4"],
)
def test_consecutive_runs(tmp_path, scores, expected):
    period = yearly(tmp_path, scores)
    assert [text.split("（")[0] for _, text in consequences_of(period)] == expected
    if expected:
        # headings are numbered as they occur (issue 13): here the fourth, after 总分 and 等次
        assert "\n四、结果运用\n" in explain_text(period, by_id(period)["1"])


def test_history_function_is_only_for_rollups(tmp_path):
    quarter = assessment([item("df", "得分", 100)], code="ps", name="平时考核", period="季度", grades=GRADES, consequences=[WARNING])
    make_project(tmp_path, scheme(quarter), {"Q1.csv": people_csv([["1", "张三", "办公室", "50"]], ["得分"])})
    _, _, problems = run(tmp_path)
    assert [(p.file, p.code) for p in problems.sorted()][:1] == [("schemes/t1.yaml", "unknown-name")]


@pytest.fixture(scope="module")
def demo():
    problems = Problems()
    project = discover(REPO, problems)
    return {p.key: p for p in compute_project(project, problems)}


@pytest.mark.parametrize(
    "key, pid, words",
    [
        ("yunxi-czj/s003-p2/2024/Y", "0019", "诫勉"),  # 篇二: 较差 in 2024 Q1, Q2 and Q3
        ("shilishi-tiyuju/s003-p3/2024/Q4", "TY028", "当年不得参加各类评比表彰"),  # 篇三: a D this quarter
        ("shilishi-tiyuju/s003-p3/2024/Y", "TY028", "当年不得参加各类评比表彰"),  # … and in the year
        ("yunxiu-jgsw/s000-gangwei/2025/Y", "002", "取消当年各类评先评优资格"),  # 000: a 作风 通报
    ],
)
def test_seed_consequences_in_the_demo(demo, key, pid, words):
    period = demo[key]
    assert [text for person, text in consequences_of(period) if person.id == pid and words in text]
    assert words in explain_text(period, period.person(pid))


def test_no_consequence_without_its_condition(demo):
    period = demo["yunxi-czj/s003-p2/2024/Y"]
    assert {person.id for person, _ in consequences_of(period)} == {"0019"}


def test_a_condition_reads_a_person_as_the_full_copy_of_their_values_would(demo):
    """apply_consequences hands a compiled condition the person's values and functions looked up when
    read (_Read, _Made): for every demo person under a scheme with consequences, and for the names
    a condition can read (row values, items, 总分, 等次, a name nobody has), the same as the copy."""
    from generator.engine.consequences import _Made, _Read, _values
    from generator.engine.explainer import functions_for as _functions_for
    from generator.scheme.expr_code import as_function

    checked = 0
    for period in demo.values():
        if not period.assessment.consequences:
            continue
        for person in period.people:
            functions = _functions_for(person.explainer, person) if person.explainer is not None else {}
            full = _values(person)
            lazy = _Read(person)
            for name in [*full, "没有这一列"]:
                assert (full.get(name, KeyError), name) == ((lazy[name] if name in full else _missing(lazy, name)), name)
            for consequence in period.assessment.consequences:
                condition = as_function(consequence.when)
                assert _outcome(condition, full, functions) == _outcome(condition, lazy, _Made(lambda p, f=functions: f, person))
                checked += 1
    assert checked > 100


def _missing(lazy, name):
    with pytest.raises(KeyError):
        lazy[name]
    return KeyError


def _outcome(condition, values, functions):
    try:
        return condition(values, functions)
    except Exception as exc:
        return type(exc)


# --- intermediates a seed names, on results pages and downloads (issue 11, point 9)


def test_seven_rates_on_the_results_table(demo):
    from generator.site.pages_internal import results_table

    period = demo["baiyang-fgw/s003-p7/2024/Y"]
    table = results_table(period)
    for name in ("平时考核优秀率", "年终考核测评优秀率", "年度考核优秀率"):
        assert name in table.headers
    at = {h: i for i, h in enumerate(table.headers)}
    row = next(r for r in table.rows if r[0] == "7003")
    person = period.person("7003")
    rate = person.item("pingshi-youxiulv").value
    assert row[at["平时考核优秀率"]] == f"{round_half_up(rate, 4):.4f}"  # exact inside
    assert len(row[at["年终考核测评优秀率"]].split(".")[1]) == 4
    assert row[at["年度考核优秀率"]] == "0.7312"


def test_sifa_quarterly_score_on_the_results_table(demo):
    from generator.site.pages_internal import results_table

    period = next(p for k, p in demo.items() if "/s003-p1-sifa/" in k and p.label == "Y")
    assert "平时考核得分" in results_table(period).headers
