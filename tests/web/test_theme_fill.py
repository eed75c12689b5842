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


def _rename(sheet: Path, names: dict[str, str]) -> None:
    """People of a results sheet renamed, by ID (the same person, the same new name in every period:
    another name under the same ID within a year is an error, id-name-mismatch)."""
    if sheet.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(sheet)
        for table in book.worksheets:
            header = next((row for row in table.iter_rows() if any(c.value == "姓名" for c in row)), None)
            if header is None:
                continue
            column = next(c.column for c in header if c.value == "姓名")
            id_column = next(c.column for c in header if c.value == "编号")
            for r in range(header[0].row + 1, table.max_row + 1):
                name = names.get(str(table.cell(r, id_column).value or "").strip())
                if name is not None:
                    cell = table.cell(r, column)
                    cell.value = name
                    cell.data_type = "s"  # typed text, even the one that looks like a formula
        book.save(sheet)
        return
    raw = sheet.read_bytes()
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
    rows = list(csv.reader(io.StringIO(raw.decode(encoding), newline="")))
    header = next(i for i, row in enumerate(rows) if "姓名" in row)
    column, id_column = rows[header].index("姓名"), rows[header].index("编号")
    for row in rows[header + 1:]:
        if len(row) > column and row[id_column].strip() in names:
            row[column] = names[row[id_column].strip()]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(out.getvalue().encode(encoding))


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_filled_pages_are_the_pages_rendered_whole(tmp_path, monkeypatch, audience):
    root = copy_demo(tmp_path)
    year = root / "content" / "yunxi-czj" / "s003-p2" / "2025"  # a year without decisions: they name people as they were
    sheets = [sheet for sheet in sorted(year.iterdir()) if sheet.suffix in (".csv", ".xlsx")]
    assert sheets and not list(year.glob("*.decisions.*"))
    names = ["<i>张</i>三", "李  四", '王"五\'', "=HYPERLINK(\"x\")", "赵&amp;六"]
    for sheet in sheets:
        _rename(sheet, {f"{n:04d}": name for n, name in enumerate(names, start=1)})
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
    shown = b"".join(body for rel, body in filled.items() if rel.endswith(".html"))
    assert b"<i>\xe5\xbc\xa0</i>" not in shown
    if audience == "internal":  # the names are on the pages, escaped (the public edition lists 2025's only on a started 公示)
        assert b"&lt;i&gt;\xe5\xbc\xa0&lt;/i&gt;" in shown
    differing = [name for name in whole if filled[name] != whole[name]]
    assert differing == [], differing[:5]
    assert len(fills) == 2 and fills[1].filled == 0  # the second build rendered every page whole
    pages = sum(1 for name in whole if name.endswith(".html"))
    assert fills[0].filled >= (pages // 3 if audience == "internal" else 20), (fills[0].filled, pages)
    assert not [key for key, pieces in fills[0].skeletons.items() if pieces is None]  # no skeleton failed its check
