"""Which project a built site belongs to (project/identity.py): the marks of two projects made by
`kaohe init` for two agencies share nothing, although both have the default folder code danwei;
a project whose agency renamed its folder keeps a mark in common with its earlier self."""

from __future__ import annotations

from generator.project.identity import project_marks, same_project
from tests.unit.helpers import write


def _project(root, code, name):
    write(root / "content" / code / "agency.yaml", f"name: {name}\ndepartments: [办公室]\n")
    return root


def test_two_init_projects_of_two_agencies_are_told_apart(tmp_path):
    first, second = _project(tmp_path / "a", "danwei", "甲局"), _project(tmp_path / "b", "danwei", "乙局")
    assert not same_project(project_marks(first), second)
    assert same_project(project_marks(first), _project(tmp_path / "c", "danwei", " 甲局 "))  # the same name, spaces aside


def test_a_renamed_folder_or_name_is_still_the_same_project(tmp_path):
    before = project_marks(_project(tmp_path / "a", "yunxi-czj", "云溪县财政局"))
    assert same_project(before, _project(tmp_path / "b", "yunxi-cz", "云溪县财政局"))
    assert same_project(before, _project(tmp_path / "c", "yunxi-czj", "云溪县财政局（新）"))
    assert not same_project(before, _project(tmp_path / "d", "heting-kx", "和亭县科协"))
    assert same_project(None, tmp_path / "d") and same_project([], tmp_path / "d")  # a site of an older Kaohe: cannot tell
