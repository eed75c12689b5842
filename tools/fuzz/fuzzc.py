"""Mutations of the demo's content files (sheets, agency.yaml, notice/decision files, holidays.yaml,
site.yaml), through check and both editions' generate, in-process: any exception is a crash."""
import copy, csv, io, os, random, shutil, sys, traceback, yaml
from pathlib import Path

from common import OUT, crash_of, fresh_project, nodes

seed = int(sys.argv[1]); n = int(sys.argv[2]); agency = sys.argv[3]
rng = random.Random(seed)
base = OUT / f"c{seed}"
VALUES = ["", " ", "优", "85%", "1e400", "-1", "0", "999999", "=1+1", "<script>", "0005", "１２", "NaN", "inf", "2025-13-45",
          "是", "否", "√", "1,5", "1.5.5", "\t", "\n", "#N/A", "较差", "好", "优秀", "2031-10-13", "2024-02-30", "Q5", "[]", "{}", "~", "null", "-0", "0.0000001"]

def mutate_csv(path):
    raw = path.read_bytes()
    enc = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else ("utf-8" if not raw or raw.decode("utf-8", "ignore").encode() == raw else "gb18030")
    rows = list(csv.reader(io.StringIO(raw.decode(enc, "replace"))))
    if not rows: return "empty"
    op = rng.random(); r = rng.randrange(len(rows)); c = rng.randrange(max(1, len(rows[r])))
    if op < 0.5 and rows[r]:
        v = rng.choice(VALUES); rows[r][c] = v; what = f"cell {r},{c}={v!r}"
    elif op < 0.6:
        del rows[r]; what = f"del row {r}"
    elif op < 0.7:
        rows.insert(r, list(rows[r])); what = f"dup row {r}"
    elif op < 0.8:
        for row in rows:
            if c < len(row): del row[c]
        what = f"del col {c}"
    elif op < 0.9:
        rows.insert(r, []); what = f"blank row {r}"
    else:
        rows[r] = rows[r][: c]; what = f"truncate row {r} at {c}"
    out = io.StringIO(); csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(enc, "replace"))
    return what

def mutate_xlsx(path):
    import openpyxl
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    r = rng.randint(1, max(1, ws.max_row)); c = rng.randint(1, max(1, ws.max_column))
    op = rng.random()
    if op < 0.6 and type(ws.cell(r, c)).__name__ == "MergedCell":  # an earlier merge's covered cell holds no value of its own
        what = f"xcell {r},{c} merged"
    elif op < 0.6:
        v = rng.choice(VALUES + [1e300, -5, 0.1 + 0.2, True, None]); ws.cell(r, c).value = v; what = f"xcell {r},{c}={v!r}"
    elif op < 0.75:
        ws.delete_rows(r); what = f"xdel row {r}"
    elif op < 0.85:
        ws.delete_cols(c); what = f"xdel col {c}"
    else:
        ws.merge_cells(start_row=r, start_column=c, end_row=min(ws.max_row, r + 1), end_column=c); what = f"xmerge {r},{c}"
    book.save(path)
    return what

def mutate_yaml(path):
    data = yaml.safe_load(path.read_text("utf-8"))
    if data is None: return "none"
    all_nodes = [t for t, _ in nodes(data) if t]
    if not all_nodes: return "scalar"
    trail = rng.choice(all_nodes); parent = data
    for k in trail[:-1]: parent = parent[k]
    if rng.random() < 0.3:
        del parent[trail[-1]]; what = f"ydel {trail}"
    else:
        v = rng.choice(VALUES + [None, [], {}, 5, -3, True, "2024-01-01", "2099-12-31"]); parent[trail[-1]] = v; what = f"y {trail}={v!r}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False), "utf-8")
    return what

crashes = 0
for i in range(n):
    fresh_project(base, agency)
    files = [p for p in sorted((base / "content").rglob("*")) if p.is_file()]
    what = []
    for _ in range(rng.choice([1, 1, 2])):
        f = rng.choice(files)
        rel = f.relative_to(base).as_posix()
        if f.suffix == ".csv": what.append(rel + ": " + mutate_csv(f))
        elif f.suffix == ".xlsx": what.append(rel + ": " + mutate_xlsx(f))
        elif f.suffix in (".yaml", ".json"): what.append(rel + ": " + mutate_yaml(f))
    crash = crash_of(base)
    if crash:
        crashes += 1
        print(f"CRASH seed={seed} i={i} {what} {crash}", flush=True)
print(f"done seed={seed} agency={agency} crashes={crashes}/{n}")
