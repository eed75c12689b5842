"""The 公示's own sentences carry office-written text the injected demo project (injected.py) leaves out:
the body that approved the list (publicity.approver, inside 经……审定), the committee's 超出名额
statement (a decisions file's column, printed after the list) and a merge_short pool's name, made of
department names (the internal pages' quota lines and derivations). Built from the 公务员年度考核
fixture with a payload in each, both editions run none of it and show it as text."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from html import escape
from pathlib import Path

import openpyxl
import pytest

from generator.site.render import html_escape
from tests.publish.test_injected_site import _Audit

FIXTURE = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "gwy-niandu"
EPOCH = "1802232000"  # 2027-02-10 12:00 UTC: the fixture's 公示 began on 2027-01-18
APPROVER = "局考核委员会<img src=x onerror=alert('approver')>{: onclick=alert(1) }*强调*&[File]"
EXCEED = "经研究同意超出名额 1 人</p><script>alert('exceed')</script>[x](javascript:alert(2))"
DEPARTMENT = "人事科<svg onload=alert('pool')>"
YEAR = Path("content") / "qinglan-scjgj" / "gwy-niandu" / "2026"


def _inject(root: Path) -> None:
    scheme = root / "schemes" / "gwy-niandu.yaml"
    text = scheme.read_text("utf-8")
    assert text.count("  approver: 局考核委员会\n") == 1
    scheme.write_text(text.replace("  approver: 局考核委员会\n", f"  approver: {json.dumps(APPROVER, ensure_ascii=False)}\n"), encoding="utf-8")
    agency = root / "content" / "qinglan-scjgj" / "agency.yaml"
    agency.write_text(agency.read_text("utf-8").replace("人事科]", f"\"{DEPARTMENT}\"]"), encoding="utf-8")
    book = openpyxl.load_workbook(root / YEAR / "Y.xlsx")
    for row in book.active.iter_rows():
        for cell in row:
            if cell.value == "人事科":
                cell.value = DEPARTMENT
    book.save(root / YEAR / "Y.xlsx")
    # the tie for 综合执法队's last place of 优秀 decided both ways up: one over the quota, with its statement
    decisions = root / YEAR / "Y.decisions.csv"
    rows = list(csv.reader(io.StringIO(decisions.read_text("utf-8-sig"))))
    rows[0].append("超出名额")
    for row in rows[1:]:
        row.append(EXCEED if row[0] == "B04" else "")
        row[2] = "优秀"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    decisions.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("notice-text") / "p"
    shutil.copytree(FIXTURE, root)
    _inject(root)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONWARNINGS="ignore")
    for audience in ("public", "internal"):
        proc = subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(root), "build", "--quiet", "--audience", audience],
                              env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return root


@pytest.mark.parametrize("edition", ["site", "site-internal"])
def test_no_injected_markup_runs(built, edition):
    problems = {}
    for page in sorted((built / edition).rglob("*.html")):
        audit = _Audit()
        text = page.read_text("utf-8")
        audit.feed(text)
        if audit.bad or not audit.csp or "<script>alert" in text or "<svg onload" in text:
            problems[page.relative_to(built).as_posix()] = audit.bad[:5]
    assert problems == {}


def test_the_notice_shows_the_texts_as_text(built):
    page = (built / "site" / "notices" / "qinglan-scjgj" / "gwy-niandu" / "2026-Y" / "index.html").read_text("utf-8")
    assert f"经{html_escape(APPROVER)}审定" in page
    assert f"经{html_escape(APPROVER)}决定超出名额，公示 3 人：{html_escape(EXCEED)}。" in page
    internal = "".join(p.read_text("utf-8") for p in (built / "site-internal" / "departments").rglob("index.html"))
    assert escape(DEPARTMENT, quote=False) + "、法规科合并计算「优秀」名额 1 人" in internal  # a list item (md): text too

def test_the_downloads_hold_the_texts_as_text(built):
    for path in sorted((built / "site-internal" / "downloads").rglob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            assert "&" not in (sheet.oddHeader.center.text or "").replace("&P", "").replace("&N", "")
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, cell.coordinate, cell.value)
