"""A download's file name is made of the agency's name, the scheme's title, the period and the content:
an office that names its scheme by the document that issued it (关于印发《…实施办法（试行）》的通知, no
short_name) and a long agency name made a name over the 255 bytes a file system allows. `kaohe check`
passed, and `kaohe build` failed with write-failed (文件名太长), naming no text to change. A long name
is shortened (its longest parts first) and keeps a short hash of the whole, so that two names still
differ; a name that fits is as it was."""

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
