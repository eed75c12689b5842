"""The public year archive shows nothing of a period before its 公示 starts — not even how many people
were assessed (summary_privacy.py, rule 1); the internal edition shows every headcount."""

from __future__ import annotations

import re

import pytest

from generator.core.problems import Problems
from generator.site.generate import generate
from tests.archive.util import make_project

BEFORE_Q2 = "1751328000"  # 2025-07-01: Q1's 公示 is over, Q2's starts on 2025-07-09
AFTER_Q2 = "1754006400"  # 2025-08-01


def _headcounts(root, audience: str) -> dict[str, str]:
    text = generate(root, audience, Problems()).files["archive/2025.md"].decode("utf-8")
    rows = re.findall(r"<td>(2025年[^<]*)</td>\s*<td class=\"num\">(.*?)</td>", text)
    return {period: re.sub(r"<[^>]+>", "", shown) for period, shown in rows}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("archive") / "p", ["yunxi-czj"])


def test_public_archive_hides_the_headcount_until_the_notice_starts(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_Q2)
    shown = _headcounts(project, "public")
    assert shown["2025年第一季度"].isdigit() and int(shown["2025年第一季度"]) > 0
    assert shown["2025年第二季度"] == "—"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_Q2)
    assert _headcounts(project, "public")["2025年第二季度"].isdigit()


def test_internal_archive_shows_every_headcount(project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_Q2)
    shown = _headcounts(project, "internal")
    assert shown and all(value.isdigit() for value in shown.values()), shown
