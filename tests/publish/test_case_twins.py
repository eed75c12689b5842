"""No two of a site's files differ only in case. An office copies its site to a Windows or Mac share,
where GW01.md and gw01.md are one file: the internal edition's page of one person (IDs gw01 and GW01,
two people) replaced the other's, and two departments IT科 and It科 had one download there."""

from __future__ import annotations

import pytest

from generator.core.problems import Problems
from generator.site import model
from generator.site.downloads import download_name
from generator.site.generate import generate
from generator.site.model import person_code
from tests.unit.helpers import item, make_project, people_csv, simple_scheme


def test_names_that_differ_only_in_case_stay_apart_when_case_is_ignored():
    assert download_name("云溪县财政局", "IT科", "2025年", "等次分布") == "云溪县财政局-IT科-2025年-等次分布"  # no small letter: as it was
    names = {download_name("云溪县财政局", d, "2025年", "等次分布").casefold() for d in ("IT科", "It科", "it科", "iT科")}
    assert len(names) == 4
    assert [person_code(pid) for pid in ("0012", "GW01", "11010519491231002X", "A_1-2")] == ["0012", "GW01", "11010519491231002X", "A_1-2"]
    codes = {person_code(pid).casefold() for pid in ("GW01", "gw01", "Gw01", "gW01")}
    assert len(codes) == 4


def _generated_paths(tmp_path) -> list[str]:
    rows = [["GW01", "张三", "IT科", 90], ["gw01", "李四", "It科", 80], ["0003", "王五", "办公室", 70]]
    make_project(tmp_path, simple_scheme(items=[item("df", "得分", 100)]), {"Q1.csv": people_csv(rows, ["得分"])})
    problems = Problems()
    generated = generate(tmp_path, "internal", problems)
    return list(generated.files)


def test_the_internal_edition_gives_each_person_and_department_their_own_file(tmp_path):
    paths = _generated_paths(tmp_path)
    folded = [p.casefold() for p in paths]
    assert len(set(folded)) == len(folded)
    people = [p for p in paths if p.startswith("people/") and not p.endswith("index.md")]
    assert len(people) >= 3, people


def test_a_page_name_that_differs_only_in_case_stops_the_build(tmp_path, monkeypatch):
    """Whatever names two files alike but for case (a future page kind, a rule changed here), the
    build stops rather than publish a site that loses a page on a share."""
    monkeypatch.setattr(model, "person_code", lambda pid: pid)
    with pytest.raises(RuntimeError, match="只差大小写"):
        _generated_paths(tmp_path)
