"""Issue 12 finding 4: a site built from inputs that try to inject markup (tests/publish/injected.py)
runs none of it: no event handler, no inline script, no javascript: URL, no frame, no refresh on any
page of either edition; every page carries the CSP; the site title is escaped; a URL cited in prose
stays text; XLSX files hold the names as text, never formulas (downloads, template, annotated report)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from tests.publish.injected import AGENCY, EPOCH, NAMES, SCHEME, make_injected_project

RUN = "import sys; from generator.cli import main; sys.exit(main())"


def kaohe(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONWARNINGS="ignore")
    return subprocess.run([sys.executable, "-c", RUN, "-C", str(root), *args], env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_injected_project(tmp_path_factory.mktemp("injected") / "proj")
    for audience in ("public", "internal"):
        proc = kaohe(root, "build", "--quiet", "--audience", audience)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        assert "Traceback" not in proc.stdout + proc.stderr
    return root


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.csp = False

    def handle_starttag(self, tag, attrs):
        values = {k.lower(): v or "" for k, v in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}>")
            if "javascript:" in value.lower().replace(" ", "").replace("\t", ""):
                self.bad.append(f"<{tag} {name}={value[:40]}>")
        equiv = values.get("http-equiv", "").lower()
        # default-src 'none' (the 404 page, which names no file of the site) is stricter still
        self.csp |= tag == "meta" and equiv == "content-security-policy" and any(
            f"default-src {source}" in values.get("content", "") for source in ("'self'", "'none'"))
        if tag == "meta" and equiv == "refresh" or tag in ("iframe", "object", "embed", "frame", "base"):
            self.bad.append(f"<{tag}>")
        if tag == "script" and "src" not in values and values.get("type") != "application/json":
            self.bad.append("inline <script>")


@pytest.mark.parametrize("edition", ["site", "site-internal"])
def test_no_injected_markup_runs(built, edition):
    pages = sorted((built / edition).rglob("*.html"))
    assert len(pages) > 20
    problems = {}
    for page in pages:
        audit = _Audit()
        text = page.read_text("utf-8")
        audit.feed(text)
        if audit.bad or not audit.csp or "<script>alert" in text:
            problems[page.relative_to(built).as_posix()] = audit.bad[:5] + ([] if audit.csp else ["no CSP"])
    assert problems == {}


def test_the_text_is_still_there_as_text(built):
    handbook = (built / "site" / "handbooks" / SCHEME / "index.html").read_text("utf-8")
    assert "https://www.gov.cn/zhengce/content/2020-01/01/content_1.htm" in handbook  # a citation, not a request
    assert "<em>强调</em>{: onmouseover=" in handbook  # attr_list syntax shown as the text it is
    index = (built / "site" / "index.html").read_text("utf-8")
    assert "考核&lt;/title&gt;&lt;script&gt;" in index  # the site title, escaped in <title> and the header
    results = (built / "site-internal" / "results" / AGENCY / SCHEME / "2025-Q2" / "index.html").read_text("utf-8")
    assert "onerror=alert&#40;&#x27;name-img&#x27;&#41;" in results


def test_the_new_fields_reach_the_pages_as_text(built):
    """The payloads of formerly:, the awards' matters, the count column and the adjustments' texts are on
    the pages (so test_no_injected_markup_runs audits them), as text; the earlier derivations travel packed."""
    import re

    from generator.site.packed_text import unpack_texts

    internal = built / "site-internal"
    history = (internal / "departments").rglob("*.html")
    assert any("综合组&lt;img src=x onerror=alert&#40;&#x27;formerly&#x27;&#41;&gt;" in p.read_text("utf-8") for p in history)
    handbook = (built / "site" / "handbooks" / SCHEME / "index.html").read_text("utf-8")
    assert "awards-text" in handbook and "counts-text" in handbook and "表彰&lt;b&gt;加分&lt;/b&gt;" in handbook
    texts = ""
    for person in (internal / "people" / AGENCY).rglob("index.html"):
        for size, packed in re.findall(r'data-size="(\d+)" data-texts="([^"]+)"', person.read_text("utf-8")):
            texts += "".join(record[2] for record in unpack_texts(packed, int(size)))
    assert "「<script>alert('matter')</script>{{7*7}}」获 2 项表彰，按最高一项「市级表彰」0.5 分计" in texts


def test_a_carriage_return_in_the_agency_name_makes_no_block(built):
    """The agency's name opens a department page's paragraph (`md`): its \\r did not end it there."""
    import re

    pages = [p.read_text("utf-8") for p in (built / "site" / "departments" / AGENCY).rglob("index.html")]
    assert pages and all("缩进成代码" in page for page in pages)
    for page in pages:
        article = page[page.index("<article"):page.index("</article>")]
        assert not re.search(r"<(pre|code|h1)[^>]*>[^<]*缩进成代码", article)
        assert 'class="admonition' not in article


def test_csv_downloads_hold_no_formula(built):
    """No cell of a CSV download starts a formula, however dressed (blanks, full-width ＝ ＋ － ＠)."""
    import unicodedata

    cells = []
    for path in sorted(built.glob("site*/downloads/**/*.csv")):
        cells += [cell for row in csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")) for cell in row]
    assert "'" + NAMES[5] in cells
    dressed = [c for c in cells if unicodedata.normalize("NFKC", c.lstrip()[:1]) in ("=", "+", "-", "@")
               and not c.lstrip().lstrip("+-").replace(".", "", 1).rstrip("%").isdigit()]
    assert dressed == []


def _formula_cells(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    found = [f"{ws.title}!{c.coordinate}" for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    workbook.close()
    return found


def test_xlsx_downloads_hold_text_not_formulas(built):
    files = sorted((built / "site-internal" / "downloads").rglob("*.xlsx")) + sorted((built / "site" / "downloads").rglob("*.xlsx"))
    assert files
    assert {str(f): _formula_cells(f) for f in files if _formula_cells(f)} == {}
    cells = []
    for path in files:
        workbook = openpyxl.load_workbook(path)
        cells += [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert NAMES[2] in cells  # the +HYPERLINK(…) name is there, as text


def test_template_and_annotated_report_hold_text_not_formulas(built, tmp_path):
    out = tmp_path / "t.xlsx"
    proc = kaohe(built, "template", SCHEME, "2025-Q3", "--agency", AGENCY, "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    workbook = openpyxl.load_workbook(out)
    values = [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert NAMES[2] in values and _formula_cells(out) == []
    sheet = built / "content" / AGENCY / SCHEME / "2025" / "Q3.csv"
    original = sheet.read_bytes()
    encoding = "utf-8-sig" if original.startswith(b"\xef\xbb\xbf") else "gb18030"  # as the office saved it
    rows = list(csv.reader(io.StringIO(original.decode(encoding))))
    rows[1][rows[0].index("工作负荷")] = "=1+1"  # a problem whose message quotes =1+1
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    sheet.write_bytes(buffer.getvalue().encode(encoding))
    try:
        reports = tmp_path / "reports"
        proc = kaohe(built, "check", "--xlsx-report", str(reports))
        assert proc.returncode == 1
        written = sorted(reports.rglob("*.xlsx"))
        assert written and all(_formula_cells(p) == [] for p in written)
    finally:
        sheet.write_bytes(original)
