"""A scheme slip the checker reports must end there: never a traceback further on, in grading or in
either edition's pages (a build generates its pages before it refuses, and the preview too). Found by
mutating the demo's schemes at random (each case below crashed once); every case must be reported
as an error with its code, and the build must go on to the end of page generation without raising."""

from __future__ import annotations

import pytest
import yaml

from generator.core.problems import Problems
from generator.engine.compute import load_everything
from generator.site.generate import generate_from
from generator.site.notice_lock import check_notices
from tests.archive.util import make_project


def _set(path: tuple, value):
    def edit(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        if value is KeyError:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return edit


CASES = [
    # 篇七's 年度优秀率 weighted 40% / 60%: a weight deleted (the handbook wrote 0 × 100 with an int)
    ("baiyang-fgw", "s003-p7", _set(("assessments", 1, "items", 0, "children", 1, "weight"), KeyError), "missing-key"),
    # an ID column no sheet has: every period without people (the leaders' comparison summed None)
    ("yunxi-czj", "s003-p2", _set(("people", "id"), "50%"), "header-not-found"),
    # an override's grade not among the grades: the engine ranked it (ValueError)
    ("shilishi-tiyuju", "s003-p3", _set(("assessments", 1, "overrides", 0, "grade"), "量化评分"), "unknown-name"),
    # a quota ranked by a name that is no item or column: everyone -∞ there (and the words printed -∞);
    # it used to pass the check, ranking silently by the next key
    ("shilishi-tiyuju", "s003-p3", _set(("assessments", 1, "quotas", 0, "rank_by", 0), "1/3"), "unknown-name"),
    ("shilishi-tiyuju", "s003-p3", _set(("assessments", 1, "quotas", 0, "rank_by", 0), "量化评分 "), "unknown-name"),
]


@pytest.mark.parametrize(("agency", "code", "edit", "expected"), CASES, ids=[f"{c[1]}-{c[3]}-{i}" for i, c in enumerate(CASES)])
def test_a_scheme_slip_is_reported_and_nothing_raises(tmp_path, agency, code, edit, expected):
    root = make_project(tmp_path / "proj", [agency])
    path = root / "schemes" / f"{code}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    project, periods, problems = load_everything(root)
    check_notices(project, periods, problems)
    for audience in ("public", "internal"):
        generate_from(project, periods, audience, Problems())
    assert expected in {p.code for p in problems.errors}, [(p.code, p.message) for p in problems.errors]
