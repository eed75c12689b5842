"""A CSV download's cell is never a formula when the file is opened in a spreadsheet, however the
formula is dressed: behind blanks (an ASCII space, a no-break space, the full-width 　 a Chinese IME
types), behind a line break, or written with the full-width ＝ ＋ － ＠ (or the small ﹦ ﹢ ﹣) that a Chinese
IME types and that spreadsheets read as their ASCII forms. Numbers stay numbers; text that only looks
alike stays as it was."""

from __future__ import annotations

import csv
import io

import pytest

from generator.site.downloads import DataTable, csv_bytes

DRESSED = [" =1+1", "\u00a0=1+1", "\u3000=HYPERLINK(\"http://x\")", "\n=1+1", "\r\n+1+2", "  @SUM(A1)",
           "＝1+1", "＋1+2", "－1+2", "＠SUM(A1)", "﹦1+1", "\u3000＝1+1", "\t=1"]
KEPT = ["84.50", "-3.5", "+5", "16.7%", "张三", "—", "一＝二", "备注 =1"]


def _cells(values: list[str]) -> list[str]:
    table = DataTable("t", ["a"], [[v] for v in values])
    return [row[0] for row in csv.reader(io.StringIO(csv_bytes(table).decode("utf-8-sig"), newline=""))][1:]


@pytest.mark.parametrize("value", DRESSED)
def test_a_dressed_formula_is_text(value):
    (cell,) = _cells([value])
    assert cell == "'" + value


def test_numbers_and_plain_text_are_kept():
    assert _cells(KEPT) == KEPT
