"""Golden tests of the generated docs tree (Markdown before mkdocs) for one small project.

A change in a page's text shows up as a diff in review. Regenerate after an intended change:

    KAOHE_REGEN_GOLDEN=1 python -m pytest tests/web/test_golden_docs.py
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from generator.core.problems import Problems
from generator.site.generate import generate
from tests.web.util import EPOCH, p2_project

GOLDEN = Path(__file__).with_name("golden")
PAGES = {
    "notice.md": "notices/testju/s003-p2/2025-Q1.md",
    "handbook.md": "handbooks/s003-p2.md",
    "department.md": None,  # found below: the one department's 2025 page
    "results-internal.md": "results/testju/s003-p2/2025-Q1.md",
}


@pytest.fixture(scope="module")
def trees(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("golden")
    people = [
        {"id": "G01", "name": "王小明", "dept": "办公室", "fraction": Decimal("0.95")},
        {"id": "G02", "name": "丁一", "dept": "办公室", "fraction": Decimal("0.935")},
        {"id": "G03", "name": "欧阳明辉", "dept": "业务股", "fraction": Decimal("0.92"), "bonus": "6"},
        {"id": "G04", "name": "李四", "dept": "业务股", "fraction": Decimal("0.8")},
        {"id": "G05", "name": "张三", "dept": "业务股", "fraction": Decimal("0.5995")},
    ]
    root = p2_project(tmp, people, ["办公室", "业务股"])
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        result = {}
        for audience in ("public", "internal"):
            problems = Problems()
            result[audience] = generate(root, audience, problems).files
            assert not problems.has_errors(), problems.sorted()
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    return result


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_golden(trees, name):
    audience = "internal" if "internal" in name else "public"
    files = trees[audience]
    path = PAGES[name] or "departments/testju/yewugu/2025.md"  # 业务股: its readable address (project/slugs.py)
    text = files[path].decode("utf-8")
    golden = GOLDEN / name
    if os.environ.get("KAOHE_REGEN_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"run with KAOHE_REGEN_GOLDEN=1 to create {golden}"
    assert text == golden.read_text("utf-8")
