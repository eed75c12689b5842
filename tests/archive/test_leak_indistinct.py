"""Privacy by subtraction, second pass: more kinds of change to a person no public page names, and
what each may change of the public edition.

- Their score moved by 0.01 (the smallest step a sheet can make): nothing.
- Removed from a period's sheet, or moved to another department: the headcounts a reader already
  knows change (a department's 合计, the 全单位 count, a quota's places). Whom it was must not show:
  removing (or moving) one such person or another of the same department, whatever their grades or
  statuses (较好 or 较差, graded or 不确定等次), gives the same public edition, byte for byte.
- Where the 公示 lists every grade, a person it leaves out is one without a grade: not counted on any
  public page. Removing them, moving them to another department or changing their score changes
  nothing at all (a scheme given a no_grade override and a 试用期 column for this).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from generator.engine.compute import load_everything
from tests.archive.leak import never_public, notice_people
from tests.archive.util import edit_csv_cell, kaohe, make_project, tree_hashes

AGENCY = "yunxi-czj"
SHEET = f"content/{AGENCY}/s003-p2/2024/Q2.csv"
EVERY = "qingya-jggw"  # a 公示 of every grade (s004-lvzhi 年度)
EVERY_SHEET = f"content/{EVERY}/s004-lvzhi/2024/Y.csv"


def _build(root: Path) -> dict[str, str]:
    proc = kaohe(root, "build", "--quiet")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return tree_hashes(root / "site")


def _rows(path: Path) -> tuple[str, list[list[str]], int]:
    raw = path.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    rows = list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))
    return encoding, rows, next(i for i, row in enumerate(rows) if "编号" in row)


def _write(path: Path, encoding: str, rows: list[list[str]]) -> None:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def _change(root: Path, sheet: str, person: str, how: str) -> None:
    """remove: the person's row gone; move: into the sheet's first other department."""
    path = root / sheet
    encoding, rows, at = _rows(path)
    head = rows[at]
    ids, department = head.index("编号"), head.index("科室" if "科室" in head else "部门")
    row = next(r for r in rows[at + 1:] if len(r) > ids and r[ids] == person)
    if how == "remove":
        rows.remove(row)
    else:
        row[department] = sorted({r[department] for r in rows[at + 1:] if len(r) > department and r[department]} - {row[department]})[0]
    _write(path, encoding, rows)


def _differing(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.fixture(scope="module")
def unlisted(tmp_path_factory):
    """The project, its public edition, and two people of SHEET's period in one department whom no
    public page names, one graded and one not (or of two grades): [(id, grade or status)]."""
    root = make_project(tmp_path_factory.mktemp("indistinct") / "before", [AGENCY])
    site = _build(root)
    hidden = never_public(root)
    _, periods, _ = load_everything(root)
    period = next(p for p in periods if p.key == f"{AGENCY}/s003-p2/2024/Q2")
    by_department: dict[str, dict[str, str]] = {}
    for person in period.people:
        if person.id in hidden:
            by_department.setdefault(person.person.department, {}).setdefault(person.grade or person.status, person.id)
    pairs = [sorted(kinds.items()) for kinds in by_department.values() if len(kinds) > 1]
    assert pairs, "no department of SHEET's period with two unnamed people of different grades"
    return root, site, pairs


def test_a_score_moved_by_the_smallest_step_changes_no_public_file(unlisted, tmp_path):
    root, site, pairs = unlisted
    person = pairs[0][0][1]
    after = make_project(tmp_path / "after", [AGENCY])
    old = edit_csv_cell(after / SHEET, person, "工作成效", "0")
    edit_csv_cell(after / SHEET, person, "工作成效", str(Decimal(old) + Decimal("0.01")))
    assert _differing(site, _build(after)) == []


@pytest.mark.parametrize("how", ["remove", "move"])
def test_which_unnamed_person_left_or_moved_does_not_show(unlisted, tmp_path, how):
    root, site, pairs = unlisted
    (grade_a, a), (grade_b, b) = pairs[0][:2]
    builds = []
    for person in (a, b):
        after = make_project(tmp_path / person, [AGENCY])
        _change(after, SHEET, person, how)
        builds.append(_build(after))
    assert _differing(site, builds[0]), "the change took (a headcount the reader knows changed)"
    assert _differing(*builds) == [], f"{how} {a}（{grade_a}）and {b}（{grade_b}）give different public files"


def _with_probation(root: Path) -> Path:
    """EVERY with a no_grade override (试用期) in its yearly assessment; GW07 and GW08 are on probation."""
    scheme = root / "schemes" / "s004-lvzhi.yaml"
    text = scheme.read_text("utf-8")
    vote = "      - {name: 一票否决, type: yesno, description: 委领导班子审核认定存在“一票否决”情形的填“是”}\n"
    assert vote in text and "    overrides:\n      - kind: force\n" in text
    text = text.replace(vote, vote + "      - {name: 试用期, type: yesno, description: 试用期内填“是”}\n", 1)
    text = text.replace("    overrides:\n      - kind: force\n",
                        "    overrides:\n      - kind: no_grade\n        when: 试用期\n        reason: 试用期内不确定等次\n      - kind: force\n", 1)
    scheme.write_text(text, "utf-8")
    for year in ("2024", "2025"):
        path = root / "content" / EVERY / "s004-lvzhi" / year / "Y.csv"
        encoding, rows, at = _rows(path)
        rows[at].append("试用期")
        for row in rows[at + 1:]:
            if row and row[0]:
                row.append("是" if row[0] in ("GW07", "GW08") else "")
        _write(path, encoding, rows)
    return root


@pytest.fixture(scope="module")
def every_grade(tmp_path_factory):
    root = _with_probation(make_project(tmp_path_factory.mktemp("every") / "before", [EVERY]))
    site = _build(root)
    _, periods, _ = load_everything(root)
    period = next(p for p in periods if p.key == f"{EVERY}/s004-lvzhi/2024/Y")
    assert period.person("GW07").status == "no_grade" and "GW07" not in {p.id for p in notice_people(period)}
    return site


@pytest.mark.parametrize("how", ["remove", "move", "score"])
def test_a_person_a_full_list_leaves_out_changes_no_public_file(every_grade, tmp_path, how):
    after = _with_probation(make_project(tmp_path / "after", [EVERY]))
    if how == "score":
        old = edit_csv_cell(after / EVERY_SHEET, "GW07", "内部评价", "0")
        edit_csv_cell(after / EVERY_SHEET, "GW07", "内部评价", str(Decimal(old) - Decimal("0.01")))
    else:
        _change(after, EVERY_SHEET, "GW07", how)
    assert _differing(every_grade, _build(after)) == []


def test_grades_a_scheme_opts_in_to_count_pin_no_one(tmp_path):
    """No demo scheme opts in to counting grades its 公示 does not list (publicity.summary_grades):
    with one that does, every department page still lets no one's grade be told (leak.py's
    inference rules), and the scanner finds no ID, total or reason."""
    from tests.archive.leak import find_leaks, secrets, summary_inferences

    root = make_project(tmp_path / "opt-in", [AGENCY])
    scheme = root / "schemes" / "s003-p2.yaml"
    text = scheme.read_text("utf-8")
    quarterly, yearly = "publicity:\n  grades: [好]\n", "    publicity:\n      grades: [优秀]\n      days: 5\n"
    assert quarterly in text and yearly in text
    text = text.replace(quarterly, quarterly + "  summary_grades: [较好, 一般, 较差]\n", 1)
    text = text.replace(yearly, yearly + "      summary_grades: [称职, 基本称职, 不称职]\n", 1)
    scheme.write_text(text, "utf-8")
    _build(root)
    violations, checked = summary_inferences(root, root / "site")
    assert checked > 20 and violations == []
    assert find_leaks(root / "site", secrets(root), root) == {"id": [], "total": [], "reason": []}
