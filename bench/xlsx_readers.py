#!/usr/bin/env python3
"""XLSX readers side by side, on the city fixture's largest sheet saved as a workbook.

    python bench/xlsx_readers.py                # Kaohe's reader and openpyxl's values
    pip install python-calamine && python bench/xlsx_readers.py   # and calamine's, if importable

Prints the best of five reads for each, and what each gives for a cell formatted as a percentage:
Kaohe must tell 74% (held as 0.74) from 0.74 to report the cell (values.py), so a reader that gives
values without their number formats cannot replace openpyxl, however fast (bench/README.md).
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best_of(function, runs: int = 5) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    import openpyxl

    from generator.core.problems import Problems
    from generator.sheets.xlsx_reader import read_xlsx

    fixture = ROOT / "bench" / "out" / "city"
    if not fixture.exists():
        raise SystemExit("no city fixture: python bench/make_fixture.py --size city --out bench/out/city")
    source = max(fixture.rglob("*.csv"), key=lambda p: p.stat().st_size)
    rows = list(csv.reader(io.StringIO(source.read_bytes().decode("utf-8-sig"), newline="")))
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([_number_or_text(v) for v in row])
    sheet["E3"].number_format = "0%"  # one score formatted as a percentage, as an office's sheet may have
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.xlsx"
        book.save(path)
        print(f"{source.relative_to(fixture)}: {len(rows)} rows × {len(rows[0])} columns, {path.stat().st_size // 1024} KB as .xlsx")
        kaohe_s, table = best_of(lambda: read_xlsx(path, "big.xlsx", Problems()))
        values_s, _ = best_of(lambda: list(openpyxl.load_workbook(path, read_only=True, data_only=True).active.iter_rows(values_only=True)))
        print(f"  Kaohe's read_xlsx (openpyxl read-only, number formats, cells): {kaohe_s * 1000:.0f} ms; E3 kind {table.rows[2][4].kind!r} (p: a percentage)")
        print(f"  openpyxl read-only, values only: {values_s * 1000:.0f} ms")
        try:
            import python_calamine
        except ImportError:
            print("  python-calamine: not installed")
            return 0
        calamine_s, values = best_of(lambda: python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python())
        print(f"  python-calamine to_python: {calamine_s * 1000:.0f} ms; E3 {values[2][4]!r} (no number format: a percentage cannot be told)")
    return 0


def _number_or_text(value: str):
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value


if __name__ == "__main__":
    raise SystemExit(main())
