"""A quota whose short departments are merged (merge_short) tells, by whom it merges, the size of each
department's quota base: a reader who knows the rule and the public headcount of a department reads a
department counted in a pool although its headcount gives it a place of its own (食品安全科 3 people ×
20% = 0.6 → 1) as a department with someone outside the base — a person of no grade (病事假满半年,
试用期 …) the 公示 does not name. The department pages said 「食品安全科、法规科、人事科合并计算「优秀」
公示 1 人」 where the rule-aware reader expected 「本部门」; an un-merged department's 「本部门」 told the
opposite (everyone counted). Each department's quota line now says only how many of the department
the 公示 lists, in the same words whether it was pooled or not.

The project: the 公务员年度考核 fixture (tests/unit/fixtures/gwy-niandu) built on a day its 公示 has
begun, with 第八条（二）'s people left out of the base (in_base: false), as a scheme whose source says
they 不参加考核 would write it."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.engine.compute import load_everything
from generator.site.pages_notice import notice_ids

FIXTURE = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "gwy-niandu"
NOTICE_OUT = dt.datetime(2027, 2, 10, 12, tzinfo=dt.UTC)  # the fixture's 公示 began on 2027-01-18
RULE = "        reason: 第八条（二）因病、事假累计超过半年（183 天及以上）的，只写评语，不确定等次\n"


def _build(root: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(NOTICE_OUT.timestamp())), PYTHONWARNINGS="ignore")
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(root), "build", "--quiet"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


@pytest.fixture(scope="module")
def pooled(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pool") / "p"
    shutil.copytree(FIXTURE, root)
    scheme = root / "schemes" / "gwy-niandu.yaml"
    text = scheme.read_text("utf-8")
    assert text.count(RULE) == 1
    scheme.write_text(text.replace(RULE, RULE + "        in_base: false\n"), encoding="utf-8")
    _build(root)
    return root


def _quota_lines(page: Path) -> list[str]:
    text = page.read_text("utf-8")
    return [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in re.findall(r"<li>(.*?「[^」]+」.*?)</li>", text) if "名额" in line]


def test_the_variant_pools_a_department_its_headcount_does_not(pooled):
    """The setting took: 食品安全科 (3 people, 何静 183 days 病事假 outside the base) is in a pool."""
    _, periods, _ = load_everything(pooled)
    (period,) = periods
    pools = [use for use in period.quotas if use.parts]
    assert pools and "食品安全科" in pools[0].parts
    assert sum(1 for p in period.people if p.person.department == "食品安全科") == 3


def test_a_department_page_names_no_pool(pooled):
    _, periods, _ = load_everything(pooled)
    (period,) = periods
    agency = next(iter(load_everything(pooled)[0].agencies.values()))
    departments = sorted({p.person.department for p in period.people})
    listed = notice_ids(period)
    seen = 0
    for department in departments:
        page = pooled / "site" / "departments" / period.agency / agency.slug_of(department) / "2026" / "index.html"
        if not page.is_file():
            continue
        text = page.read_text("utf-8")
        assert "合并" not in html.unescape(re.sub(r"<[^>]+>", "", text.split('<div class="md-content', 1)[-1]))
        others = [d for d in departments if d != department]
        for line in _quota_lines(page):
            seen += 1
            assert not [d for d in others if d in line], line
            named_here = sum(1 for p in period.people if p.person.department == department and p.id in listed and p.grade == "优秀")
            assert line == f"本部门「优秀」公示 {named_here} 人（名额按考核办法计算）"
    assert seen >= 3  # 办公室, 综合执法队, 食品安全科 show their distribution


def test_no_public_file_names_the_pool(pooled):
    site = pooled / "site"
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".csv") and not path.relative_to(site).as_posix().startswith("assets/"):
            text = path.read_text("utf-8", "replace")
            assert "（合并计算）" not in text and "合并计算「" not in text, path.relative_to(site)


def test_the_inference_rules_hold_on_the_pooled_project(pooled, monkeypatch):
    """leak.py's reader (every department page, its quota lines among them) finds nothing either."""
    from tests.archive.leak import summary_inferences

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOTICE_OUT.timestamp())))  # the day the site was built for
    violations, checked = summary_inferences(pooled, pooled / "site")
    assert checked >= 3 and violations == []
