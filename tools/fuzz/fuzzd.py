"""Differential: many cells of the demo's sheets set to edge values (band bounds ± a cent, halves at
the rounding place, blanks, maxima, flags), then every person graded three ways (tests/unit/three_ways):
compiled, reference, reference with words. Any difference is a wrong or unexplained grade."""
import csv, io, os, random, shutil, sys, traceback
from decimal import Decimal
from pathlib import Path

from common import OUT, fresh_project
from generator.engine.compute import load_everything
from unit.three_ways import compare

seed = int(sys.argv[1]); n = int(sys.argv[2]); agency = sys.argv[3]
rng = random.Random(seed)
base = OUT / f"d{seed}"
EDGE = ["", "0", "100", "90", "89.995", "89.994", "89.5", "90.005", "59.995", "60", "74.995", "75", "0.5", "0.05", "0.005", "1", "2", "3", "5", "10", "20", "0.25", "12.5", "是", "否", "", "1", "0"]

def nudge(v):
    try:
        d = Decimal(str(v).strip())
    except Exception:
        return rng.choice(EDGE)
    step = rng.choice([Decimal("0.5"), Decimal("0.05"), Decimal("0.005"), Decimal(1), Decimal("0.1")])
    return str(d + rng.choice([-1, 1]) * step) if rng.random() < 0.7 else rng.choice(EDGE)

def mutate_csv(path, k):
    raw = path.read_bytes()
    enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else ("utf-8" if raw.decode("utf-8", "ignore").encode() == raw else "gb18030")
    rows = list(csv.reader(io.StringIO(raw.decode(enc))))
    for _ in range(k):
        r = rng.randrange(1, len(rows)); c = rng.randrange(3, max(4, len(rows[r])))
        if c < len(rows[r]): rows[r][c] = nudge(rows[r][c])
    out = io.StringIO(); csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(enc))

def mutate_xlsx(path, k):
    import openpyxl
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    for _ in range(k):
        r = rng.randint(2, max(2, ws.max_row)); c = rng.randint(4, max(4, ws.max_column))
        cell = ws.cell(r, c)
        if cell.data_type == "f" or type(cell).__name__ == "MergedCell": continue  # formulas and the covered part of a merge are not cells to nudge
        v = nudge(cell.value)
        try: cell.value = float(v) if v not in ("", "是", "否") else (v or None)
        except ValueError: cell.value = v
    book.save(path)

bad = 0
for i in range(n):
    fresh_project(base, agency)
    sheets = [p for p in sorted((base / "content").rglob("*")) if p.suffix in (".csv", ".xlsx") and ".decisions" not in p.name]
    for f in rng.sample(sheets, min(len(sheets), rng.randint(1, 3))):
        (mutate_csv if f.suffix == ".csv" else mutate_xlsx)(f, rng.randint(3, 25))
    try:
        project, periods, problems = load_everything(base)
        seen = compare(periods)
    except AssertionError as exc:
        bad += 1
        print(f"DIFF seed={seed} i={i} {agency}: {str(exc)[:600]}", flush=True)
        shutil.copytree(base, OUT / f"keep-{seed}-{i}")
    except Exception:
        bad += 1
        print(f"CRASH seed={seed} i={i} {agency}\n  " + "\n  ".join(traceback.format_exc().splitlines()[-6:]), flush=True)
        shutil.copytree(base, OUT / f"keep-{seed}-{i}")
print(f"done seed={seed} agency={agency} bad={bad}/{n}")
