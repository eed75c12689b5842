"""The repository's own schemes and demo content: check passes, every person can be explained."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.cli import main
from generator.core.problems import Problems
from generator.engine.compute import compute_project
from generator.engine.explain import explain_text
from generator.project.discover import discover

REPO = Path(__file__).resolve().parents[1]


def test_check_passes_on_everything_in_the_repo(capsys):
    assert main(["-C", str(REPO), "check", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] and payload["errors"] == 0
    assert len(payload["schemes"]) >= 13
    # only the intended warnings: the 001 posts whose items the source document gets wrong
    assert {p["code"] for p in payload["problems"] if p["severity"] == "warning"} <= {"defect-undecidable"}
    for problem in payload["problems"]:
        assert set(problem) >= {"file", "line", "column", "code", "message"}


def test_every_person_in_the_demo_can_be_explained():
    problems = Problems()
    project = discover(REPO, problems)
    periods = compute_project(project, problems)
    count = 0
    for period in periods:
        for person in period.people:
            text = explain_text(period, person)
            assert person.person.name in text and "结果：" in text
            # no computed value explained with more digits than any scheme declares (a mean, a quotient, a re-weighted share)
            assert not re.search(r"\d\.\d{5,}", text), (period.scheme.code, period.label, person.id, re.search(r"\d\.\d{5,}", text))
            count += 1
    assert count > 1000


def test_every_seed_has_a_scheme_and_demo_results():
    problems = Problems()
    project = discover(REPO, problems)
    codes = set(project.schemes)
    periods = compute_project(project, problems)
    for code in ("s000-gangwei", "s001-kexie", "s002-zhijian", "s004-lvzhi", "s003-p1-xiang", "s003-p1-sifa",
                 "s003-p2", "s003-p3", "s003-p4", "s003-p5", "s003-p6", "s003-p7"):
        assert code in codes
        used = [p for p in project.periods if p.scheme == code]
        assert used, code
        people = {r.id for p in periods if p.scheme.code == code for r in p.people}
        assert len(people) >= 25, code


def test_grading_fast_and_grading_with_words_agree_for_everyone_in_the_demo():
    """The archive is graded without words; a derivation grades the person again with words on.
    The numbers must be the same either way, or a page would explain a score it does not show."""
    problems = Problems()
    periods = compute_project(discover(REPO, problems), problems)
    compared = 0
    for period in periods:
        for person in period.people:
            assert person.trace_steps is None  # graded fast
            full = person.explained()
            assert full is not person and full.trace_steps
            assert [(i.code, i.value) for i in full.items] == [(i.code, i.value) for i in person.items]
            assert (full.raw_total, full.total, full.band_grade) == (person.raw_total, person.total, person.band_grade)
            if person.late_steps is None:  # quotas and decisions change grades after grading
                assert (full.status, full.grade, full.reason, full.protected) == (person.status, person.grade, person.reason, person.protected)
            compared += 1
    assert compared > 1000
