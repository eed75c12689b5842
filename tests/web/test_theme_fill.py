"""Pages filled into a theme skeleton (site/theme_fill.py) are the pages the theme renders whole: the
whole demo, both editions, built both ways is the same, file for file, byte for byte — with names an
office may have typed (markup, doubled spaces, quotes, a formula) that must be rendered whole, and
with most pages filled (the test fails if the skeletons stop being used)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.site import theme_fill
from tests.web.util import build, copy_demo, site_files

pytestmark = pytest.mark.slow


def _rename(sheet: Path, names: list[str]) -> None:
    """The first people of a results sheet renamed."""
    if sheet.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(sheet)
        for table in book.worksheets:
            header = next((row for row in table.iter_rows() if any(c.value == "姓名" for c in row)), None)
            if header is None:
                continue
            column = next(c.column for c in header if c.value == "姓名")
            people = [table.cell(r, column) for r in range(header[0].row + 1, table.max_row + 1) if table.cell(r, column).value]
            for cell, name in zip(people, names):
                cell.value = name
                cell.data_type = "s"  # typed text, even the one that looks like a formula
        book.save(sheet)
        return
    raw = sheet.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    rows = list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))
    header = next(i for i, row in enumerate(rows) if "姓名" in row)
    column = rows[header].index("姓名")
    people = [row for row in rows[header + 1:] if len(row) > column and row[column].strip()]
    for row, name in zip(people, names):
        row[column] = name
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(out.getvalue().encode(encoding))


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_filled_pages_are_the_pages_rendered_whole(tmp_path, monkeypatch, audience):
    root = copy_demo(tmp_path)
    sheets = [sheet for sheet in sorted((root / "content" / "yunxi-czj" / "s003-p2").rglob("*.*")) if sheet.suffix in (".csv", ".xlsx")
              and ".decisions" not in sheet.name and not list(sheet.parent.glob(f"{sheet.stem}.decisions.*"))]  # a decision names people as they were
    assert sheets
    for sheet in sheets:
        _rename(sheet, ["<i>张</i>三", "李  四", '王"五\'', "=HYPERLINK(\"x\")", "赵&amp;六"])
    fills: list[theme_fill.Fill] = []
    real_init = theme_fill.Fill.__init__

    def recorded(self, env):
        real_init(self, env)
        fills.append(self)

    monkeypatch.setattr(theme_fill.Fill, "__init__", recorded)
    assert build(root, "--audience", audience, "--out", str(tmp_path / "filled")) == 0
    monkeypatch.setenv("KAOHE_THEME_FILL", "0")
    assert build(root, "--audience", audience, "--out", str(tmp_path / "whole")) == 0

    filled, whole = site_files(tmp_path / "filled"), site_files(tmp_path / "whole")
    assert filled.keys() == whole.keys()
    differing = [name for name in whole if filled[name] != whole[name]]
    assert differing == [], differing[:5]
    assert len(fills) == 2 and fills[1].filled == 0  # the second build rendered every page whole
    pages = sum(1 for name in whole if name.endswith(".html"))
    assert fills[0].filled >= (pages // 3 if audience == "internal" else 20), (fills[0].filled, pages)
    assert not [key for key, pieces in fills[0].skeletons.items() if pieces is None]  # no skeleton failed its check
