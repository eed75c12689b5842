"""One list of the characters no user text may hold — C0/C1 controls, and the bidi and invisible format
characters that reorder or hide text (U+200F RLM and U+061C ALM as much as U+202E RLO) — used for sheet
cells and for YAML text alike (agency.yaml, schemes), so that a mark refused in a name cell cannot
reach a page through a scheme's or an agency's text."""

from __future__ import annotations

import copy

import pytest

from generator.core import controls
from generator.scheme import yaml_source
from generator.sheets import cells
from tests.unit.helpers import csv_text, dump, make_project, run, write
from tests.unit.test_office_sheets import CLEAN_HEADER, CLEAN_ROWS, OFFICE_SCHEME

MARKS = ["\u200f", "\u200e", "\u061c", "\u202e", "\u2067", "\u2069", "\u200b", "\u2060", "\ufeff", "\u00ad", "\U000e0041"]


def test_one_definition_for_cells_and_yaml():
    assert cells.CONTROL_RE is controls.CONTROL_RE
    assert yaml_source.CONTROL_RE is controls.CONTROL_RE


@pytest.mark.parametrize("mark", MARKS, ids=lambda m: f"U+{ord(m):04X}")
def test_the_same_marks_are_refused_in_cells_and_in_yaml(tmp_path, mark):
    assert controls.CONTROL_RE.search(f"张{mark}三")
    data = copy.deepcopy(OFFICE_SCHEME)
    data["assessed"] = f"局机关{mark}在编在岗公务员"
    rows = [list(r) for r in CLEAN_ROWS]
    rows[0][1] = f"张{mark}三"
    root = make_project(tmp_path, data, {"Q1.csv": csv_text(CLEAN_HEADER, rows)})
    write(root / "content/ag/agency.yaml", dump({"name": "测试单位", "departments": ["办公室", "财务科", "人事科"],
                                                  "contact": f"办公室{mark}（电话 0000-1234567）"}))
    _, _, problems = run(root)
    found = sorted((p.file, p.line) for p in problems.sorted() if p.code == "control-character")
    scheme_line = next(i for i, t in enumerate((root / "schemes/t1.yaml").read_text("utf-8").splitlines(), 1) if t.startswith("assessed:"))
    agency_line = next(i for i, t in enumerate((root / "content/ag/agency.yaml").read_text("utf-8").splitlines(), 1) if t.startswith("contact:"))
    assert ("schemes/t1.yaml", scheme_line) in found, found
    assert ("content/ag/agency.yaml", agency_line) in found, found
    assert any(file.endswith("Q1.csv") for file, _ in found), found


def test_ordinary_text_passes():
    for text in ("张三", "欧阳·明辉", "第一行\n第二行\t制表", "考核（2025）", "Ａ档", "emoji 👍"):
        assert not controls.CONTROL_RE.search(text), text
