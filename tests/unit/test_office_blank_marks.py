"""The marks an office writes for "nothing here" — 无, /, ／, -, — — mean the same in every kind of
cell. A 是/否 column used to refuse / and - (`「/」应填「是」或「否」`, once per person: 28 errors for
a sheet that is right), where a flags cell and a number cell read them as nothing; a number column
refused 无 in 加分 (`「无」不是数字`), where an amounts cell read it as none."""

from __future__ import annotations

import csv
import io

import pytest

from tests.archive.util import make_project
from tests.unit.test_project_slips import AGENCY, SCHEME, run

SHEET = f"content/{AGENCY}/{SCHEME}/2025/Q2.csv"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return make_project(tmp_path / "proj", [AGENCY])


def _fill(root, column: str, mark: str) -> int:
    """Every empty cell of `column` in the demo's Q2.csv written as `mark`; how many were."""
    path = root / SHEET
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    at = rows[0].index(column)
    filled = 0
    for row in rows[1:]:
        if len(row) > at and not row[at].strip():
            row[at], filled = mark, filled + 1
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return filled


def _summary(out: str) -> str:
    return next(line for line in out.splitlines() if "个方案" in line)


@pytest.mark.parametrize("column", ["试用期", "立案调查", "工伤"])  # 是/否 columns
@pytest.mark.parametrize("mark", ["/", "／", "-", "—", "–"])
def test_a_not_applicable_mark_in_a_yes_no_column_is_no(project, column, mark):
    baseline = _summary(run(project, "check")[1])
    assert _fill(project, column, mark) > 20
    code, out = run(project, "check")
    assert code == 0, out
    assert _summary(out) == baseline


@pytest.mark.parametrize("column", ["加分", "减分"])
@pytest.mark.parametrize("mark", ["无", "／", "–"])
def test_a_none_mark_in_an_optional_number_column_is_empty(project, column, mark):
    baseline = _summary(run(project, "check")[1])
    assert _fill(project, column, mark) > 20
    code, out = run(project, "check")
    assert code == 0, out
    assert _summary(out) == baseline


def test_a_real_word_in_a_yes_no_column_is_still_refused(project):
    _fill(project, "试用期", "待定")
    code, out = run(project, "check")
    assert code == 1 and "[unknown-choice] 「待定」应填「是」或「否」" in out
