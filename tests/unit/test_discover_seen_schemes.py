"""The preview parses a scheme again only when its bytes changed (project.discover's seen_schemes):
the same Scheme object comes back, with the same problems, and an edit is read afresh."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.core.problems import Problems
from generator.project.discover import discover

REPO = Path(__file__).resolve().parents[2]


def _codes(problems: Problems) -> list[tuple[str, str]]:
    return sorted((p.file, p.code) for p in problems.items)


def test_same_bytes_same_scheme_and_problems_an_edit_read_afresh(tmp_path):
    root = tmp_path / "p"
    (root / "schemes").mkdir(parents=True)
    (root / "content").mkdir()
    shutil.copy(REPO / "schemes" / "s003-p2.yaml", root / "schemes" / "s003-p2.yaml")
    shutil.copy(REPO / "schemes" / "s001-kexie.yaml", root / "schemes" / "s001-kexie.yaml")  # has acknowledged defects
    seen: dict = {}
    first_problems, again_problems, plain_problems = Problems(), Problems(), Problems()
    first = discover(root, first_problems, seen)
    again = discover(root, again_problems, seen)
    plain = discover(root, plain_problems)
    assert again.schemes["s003-p2"] is first.schemes["s003-p2"]
    assert plain.schemes["s003-p2"] is not first.schemes["s003-p2"] and plain.schemes["s003-p2"] == first.schemes["s003-p2"]
    assert _codes(first_problems) == _codes(again_problems) == _codes(plain_problems) != []

    path = root / "schemes" / "s003-p2.yaml"
    path.write_text(path.read_text("utf-8").replace("name: 公务员平时考核实施方案", "name: 公务员平时考核实施方案（修订）", 1), encoding="utf-8")
    edited = discover(root, Problems(), seen)
    assert edited.schemes["s003-p2"] is not first.schemes["s003-p2"]
    assert edited.schemes["s003-p2"].name != first.schemes["s003-p2"].name
    assert edited.schemes["s001-kexie"] is first.schemes["s001-kexie"]

    path.write_text("code: [broken", encoding="utf-8")
    broken_problems = Problems()
    broken = discover(root, broken_problems, seen)
    assert "s003-p2" not in broken.schemes and any(p.file == "schemes/s003-p2.yaml" for p in broken_problems.items)
