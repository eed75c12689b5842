"""Download file names.

1. A download's file name is made of the agency's name, the scheme's title, the period and the content:
an office that names its scheme by the document that issued it (关于印发《…实施办法（试行）》的通知, no
short_name) and a long agency name made a name over the 255 bytes a file system allows. `kaohe check`
passed, and `kaohe build` failed with write-failed (文件名太长), naming no text to change. A long name
is shortened (its longest parts first) and keeps a short hash of the whole, so that two names still
differ; a name that fits is as it was.

2. Characters a file name cannot hold (\\ / : * ? " < > | # % & … and blanks) are taken out: two
departments 综合股 and 综合#股 (each with its own slug) had one download, one department's figures
behind both pages' links. A name that lost characters ends in a hash of its parts as written."""

from __future__ import annotations

import re
from urllib.parse import unquote

from generator.cli import main
from generator.site.downloads import MAX_NAME_BYTES, download_name
from tests.archive.util import EPOCH, make_project

LONG_AGENCY = "中共云溪县委员会机构编制委员会办公室云溪县财政局机关党委人事教育股"
LONG_TITLE = "关于印发《云溪县财政局机关公务员和参照公务员法管理人员平时考核实施办法（试行）》的通知附件二平时考核实施方案"


def test_a_long_name_fits_and_stays_distinct():
    short = download_name("云溪县财政局", "平时考核实施方案（篇二）", "2025年第一季度平时考核", "公示名单")
    assert short == "云溪县财政局-平时考核实施方案（篇二）-2025年第一季度平时考核-公示名单"  # as before
    one = download_name(LONG_AGENCY, LONG_TITLE + "甲", "2025年第一季度平时考核", "公示名单")
    two = download_name(LONG_AGENCY, LONG_TITLE + "乙", "2025年第一季度平时考核", "公示名单")
    assert one != two
    assert all(len(n.encode("utf-8")) <= MAX_NAME_BYTES for n in (one, two))
    assert one.startswith("中共云溪县") and "2025年第一季度平时考核" in one and "公示名单" in one
    huge = download_name("局" * 100_000, "案" * 100_000)  # bounded time, bounded name
    assert len(huge.encode("utf-8")) <= MAX_NAME_BYTES


def test_a_site_with_long_names_builds_and_links_its_downloads(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    scheme = root / "schemes" / "s003-p2.yaml"
    text = scheme.read_text("utf-8")
    assert "\nshort_name: 平时考核实施方案（篇二）\n" in text
    scheme.write_text(text.replace("\nshort_name: 平时考核实施方案（篇二）\n", f"\nshort_name: {LONG_TITLE}\n"), encoding="utf-8")
    agency = root / "content" / "yunxi-czj" / "agency.yaml"
    agency.write_text(agency.read_text("utf-8").replace("name: 云溪县财政局\n", f"name: {LONG_AGENCY}\n"), encoding="utf-8")
    assert main(["-C", str(root), "check"]) == 0
    for audience in ("public", "internal"):
        assert main(["-C", str(root), "build", "--quiet", "--audience", audience]) == 0, capsys.readouterr().out[-2000:]
    site = root / "site"
    downloads = sorted((site / "downloads").rglob("*.xlsx"))
    assert downloads and max(len(p.name.encode("utf-8")) for p in downloads) <= 255
    notice = next((site / "notices" / "yunxi-czj" / "s003-p2").glob("2025-Q1/index.html"))
    links = [unquote(h) for h in re.findall(r'href="([^"]*downloads/[^"]+)"', notice.read_text("utf-8"))]
    assert links and all((notice.parent / link).resolve().is_file() for link in links)


def test_names_that_differ_only_in_characters_taken_out_stay_two_files():
    names = {download_name("云溪县财政局", d, "2025年", "等次分布") for d in ("综合股", "综合#股", "综合 股", "综合/股")}
    assert len(names) == 4
    assert "云溪县财政局-综合股-2025年-等次分布" in names  # a name that lost nothing is as it was


def test_two_departments_alike_but_for_a_character_each_link_their_own_figures(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    agency = root / "content" / "yunxi-czj" / "agency.yaml"
    text = agency.read_text("utf-8")
    assert ", 综合股]" in text
    agency.write_text(text.replace(", 综合股]", ', 综合股, {name: "综合#股", slug: zonghegu2}]'), encoding="utf-8")
    moved = 0
    for sheet in sorted((root / "content" / "yunxi-czj" / "s003-p2" / "2025").glob("*.csv")):
        rows = _rows(sheet)
        column = rows[0].index("科室")
        for row in rows[1:]:
            if row[column] == "综合股" and row[1] in ("0005", "0015"):
                row[column], moved = "综合#股", moved + 1
        _write(sheet, rows)
    for sheet in sorted((root / "content" / "yunxi-czj" / "s003-p2" / "2025").glob("*.xlsx")):
        import openpyxl

        book = openpyxl.load_workbook(sheet)
        for ws in book.worksheets:
            header = next(r for r in ws.iter_rows() if any(c.value == "科室" for c in r))
            department = next(c.column for c in header if c.value == "科室")
            ident = next(c.column for c in header if c.value == "编号")
            for r in ws.iter_rows(min_row=header[0].row + 1):
                if r[department - 1].value == "综合股" and str(r[ident - 1].value) in ("0005", "0015"):
                    r[department - 1].value = "综合#股"
        book.save(sheet)
    assert moved
    assert main(["-C", str(root), "build", "--quiet"]) == 0, capsys.readouterr().out[-2000:]
    site = root / "site"
    linked = {}
    for slug in ("zonghegu", "zonghegu2"):
        page = site / "departments" / "yunxi-czj" / slug / "2025" / "index.html"
        links = [unquote(h) for h in re.findall(r'href="([^"]*downloads/[^"]+\.csv)"', page.read_text("utf-8"))]
        (link,) = links
        linked[slug] = (page.parent / link).resolve()
    assert linked["zonghegu"] != linked["zonghegu2"]
    assert all(path.is_file() for path in linked.values())


def _rows(sheet):
    import csv
    import io

    raw = sheet.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    return list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))


def _write(sheet, rows):
    import csv
    import io

    raw = sheet.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(buffer.getvalue().encode(encoding))


def test_two_downloads_under_one_name_stop_the_build(tmp_path, monkeypatch, capsys):
    """Whatever names two different downloads alike (a future page kind, a rule changed here), the build
    stops (an internal error, exit 3, no site written) rather than keep one file for both links."""
    from generator.site import pages_department

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = make_project(tmp_path / "proj", ["yunxi-czj"])
    monkeypatch.setattr(pages_department, "download_name", lambda *parts: "同名")
    assert main(["-C", str(root), "build", "--quiet"]) == 3
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert not (root / "site").exists()
